"""A deterministic 26-district data set for the Diagramme/Vergleich/Karte tests.

Test data only (not real figures): values follow simple formulas of the district index.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb

from kjc_tui.core.schema import SCHEMA_VERSION, ddl, view_ddl

#: (ags, name, kind, model, peer_type)
DISTRICTS: list[tuple[str, str, str, str, str]] = [
    ("06411", "Darmstadt, Wissenschaftsstadt", "kreisfreie Stadt", "gE", "IIIa"),
    ("06412", "Frankfurt am Main", "kreisfreie Stadt", "gE", "IIIc"),
    ("06413", "Offenbach am Main", "kreisfreie Stadt", "zkT", "IIIb"),
    ("06414", "Wiesbaden, Landeshauptstadt", "kreisfreie Stadt", "zkT", "IIIa"),
    ("06431", "Bergstraße", "Landkreis", "zkT", "IIa"),
    ("06432", "Darmstadt-Dieburg", "Landkreis", "zkT", "Ib"),
    ("06433", "Groß-Gerau", "Landkreis", "zkT", "IIa"),
    ("06434", "Hochtaunuskreis", "Landkreis", "zkT", "Ia"),
    ("06435", "Main-Kinzig-Kreis", "Landkreis", "zkT", "IIa"),
    ("06436", "Main-Taunus-Kreis", "Landkreis", "zkT", "Ia"),
    ("06437", "Odenwaldkreis", "Landkreis", "zkT", "IIb"),
    ("06438", "Offenbach", "Landkreis", "zkT", "IIa"),
    ("06439", "Rheingau-Taunus-Kreis", "Landkreis", "zkT", "Ib"),
    ("06440", "Wetteraukreis", "Landkreis", "gE", "Ib"),
    ("06531", "Gießen", "Landkreis", "gE", "IIa"),
    ("06532", "Lahn-Dill-Kreis", "Landkreis", "zkT", "IIa"),
    ("06533", "Limburg-Weilburg", "Landkreis", "gE", "IIb"),
    ("06534", "Marburg-Biedenkopf", "Landkreis", "zkT", "IIa"),
    ("06535", "Vogelsbergkreis", "Landkreis", "zkT", "IIb"),
    ("06611", "Kassel", "kreisfreie Stadt", "gE", "IIIb"),
    ("06631", "Fulda", "Landkreis", "zkT", "Ib"),
    ("06632", "Hersfeld-Rotenburg", "Landkreis", "zkT", "IIb"),
    ("06633", "Kassel", "Landkreis", "gE", "Ib"),
    ("06634", "Schwalm-Eder-Kreis", "Landkreis", "gE", "IIb"),
    ("06635", "Waldeck-Frankenberg", "Landkreis", "gE", "IIb"),
    ("06636", "Werra-Meißner-Kreis", "Landkreis", "gE", "IIb"),
]

#: (code, name_de, unit, higher_is_better, sort_order)
DEFS = [
    ("K2", "Integrationsquote", "percent", True, 1),
    ("K1", "Veränderung der Summe der Leistungen zum Lebensunterhalt", "percent_change", False, 2),
    ("K3E2", "Aktivierungsquote der LZB", "percent", True, 3),
    ("BG", "Bedarfsgemeinschaften", "count", None, 4),
    ("ELB", "Erwerbsfähige Leistungsberechtigte", "count", None, 5),
    ("EW", "Einwohner", "count", None, 6),
]

SRC = "test://chart-dataset"


def months(n: int, end: date = date(2025, 3, 1)) -> list[date]:
    out = []
    y, m = end.year, end.month
    for _ in range(n):
        out.append(date(y, m, 1))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def rows(sparse: bool = False, n_months: int = 12) -> list[tuple]:
    out = []
    periods = months(1 if sparse else n_months)
    for i, (ags, *_rest) in enumerate(DISTRICTS):
        if sparse and i % 6:
            continue  # only a handful of districts have anything
        jc = "JC-" + ags
        ew = 100_000 + 20_000 * i
        for t, p in enumerate(periods):
            elb = 4_000 + 500 * i + 10 * t
            k2_num = 900 + 40 * i + 5 * t
            k2 = round(k2_num / elb * 100, 1)
            out += [
                (jc, p, "month", "K2", "all", k2, k2_num, elb),
                (jc, p, "month", "K1", "all", round(-3 + (i % 7) * 0.8 - 0.1 * t, 1), None, None),
                (jc, p, "month", "BG", "all", 2_000 + 250 * i + 5 * t, None, None),
                (jc, p, "month", "ELB", "all", elb, None, None),
            ]
            if i % 4 != 3:  # some districts lack this one
                out.append((jc, p, "month", "K3E2", "all", 20.0 + (i * 37 % 11) + 0.2 * t, None, None))
        out.append((jc, date(2024, 12, 31), "day", "EW", "all", ew, None, None))
    return out


def build_chart_db(path: Path, sparse: bool = False, synthetic: bool = False, n_months: int = 12) -> Path:
    path = Path(path)
    con = duckdb.connect(str(path))
    try:
        for s in ddl():
            con.execute(s)
        for s in view_ddl():
            con.execute(s)
        con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('synthetic', ?)",
                    [SCHEMA_VERSION, "true" if synthetic else "false"])
        con.executemany(
            "INSERT INTO districts (ags, name, kind, state, regierungsbezirk, source, as_of) "
            "VALUES (?, ?, ?, 'Hessen', NULL, ?, DATE '2025-01-01')",
            [(a, n, k, SRC) for a, n, k, _, _ in DISTRICTS])
        con.executemany(
            "INSERT INTO jobcenters (jobcenter_id, name, ags, model, peer_type, source, as_of) "
            "VALUES (?, ?, ?, ?, ?, ?, DATE '2025-01-01')",
            [("JC-" + a, "Jobcenter " + n, a, m, t, SRC) for a, n, _, m, t in DISTRICTS])
        con.executemany(
            "INSERT INTO indicator_defs (code, name_de, unit, higher_is_better, sort_order, source, as_of) "
            "VALUES (?, ?, ?, ?, ?, ?, DATE '2025-01-01')",
            [(*d, SRC) for d in DEFS])
        data = path.with_suffix(".indicators.csv")
        with data.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([(*r, SRC, "2025-06-01") for r in rows(sparse, n_months)])
        con.execute(
            "INSERT INTO indicators (jobcenter_id, period, period_kind, indicator, sex, value, numerator, "
            "denominator, source, as_of) SELECT * FROM read_csv(?, header = false, columns = {"
            "'a': 'VARCHAR', 'b': 'DATE', 'c': 'VARCHAR', 'd': 'VARCHAR', 'e': 'VARCHAR', 'f': 'DOUBLE', "
            "'g': 'DOUBLE', 'h': 'DOUBLE', 'i': 'VARCHAR', 'j': 'DATE'})", [str(data)])
        data.unlink()
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path
