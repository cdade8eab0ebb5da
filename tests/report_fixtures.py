"""Files in the shapes offices and publishers hand out, for the report tests.

* `kennzahlen_csv`: § 48a figures as German Excel saves a sheet (Windows-1252, `;`, decimal
  comma, CRLF, month labels "September 2025", the district key instead of the jobcenter).
* `targets_xlsx`: a controller's § 48b target sheet with one column per year ("Ziel 2025").
* `targets_csv`: the same in long form with the header "Zielwert".

Values are test values (source example.org): the tests compute the expected figures by hand.
"""

from __future__ import annotations

from pathlib import Path

S = "https://example.org/kennzahlen-test"
MONTHS = {"2024-09": "September 2024", "2025-08": "August 2025", "2025-09": "September 2025"}
#: district → (K2, K1, K3) per month; K2 higher is better, K1 and K3 lower is better
VALUES: dict[str, dict[str, tuple[float, float, float]]] = {
    "06437": {"2024-09": (22.0, 1.0, 0.5), "2025-08": (23.0, -0.5, -1.0), "2025-09": (23.5, -0.8, -1.2)},
    "06535": {"2024-09": (20.0, 2.0, 1.5), "2025-08": (21.5, 1.0, 0.8), "2025-09": (21.0, 1.2, 0.4)},
    "06435": {"2024-09": (25.0, 0.0, 0.0), "2025-08": (26.0, 0.4, -0.2), "2025-09": (26.6, 0.1, -0.4)},
    "06414": {"2024-09": (19.0, 3.0, 2.0), "2025-08": (18.2, 2.4, 2.2), "2025-09": (18.0, 2.6, 2.5)},
    "06412": {"2024-09": (17.0, 1.5, 1.0), "2025-08": (17.5, 1.1, 0.9), "2025-09": (17.9, 0.9, 0.7)},
}


def _de(v: float) -> str:
    return f"{v:.1f}".replace(".", ",")


def kennzahlen_csv(directory: Path) -> Path:
    lines = ["Kreisschlüssel;Berichtsmonat;Kennzahl;Wert;Quelle;Stand"]
    for ags, months in VALUES.items():
        for month, (k2, k1, k3) in months.items():
            for code, v in (("K2", k2), ("K1", k1), ("K3", k3)):
                lines.append(f"{ags};{MONTHS[month]};{code};{_de(v)};{S};20.12.2025")
    path = directory / "Kennzahlen_Hessen.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


#: jobcenter → (K2 target 2025, K1 target 2025)
TARGETS = {"JC-06437": (23.0, -1.0), "JC-06535": (22.0, 1.5), "JC-06435": (26.0, 0.0)}


def targets_xlsx(directory: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Zielvereinbarung"
    ws.append(["Zielvereinbarungen nach § 48b SGB II (Stand Januar 2025)"])
    ws.append([])
    ws.append(["Jobcenter-ID", "Kennzahl", "Ziel 2025", "Quelle", "Stand"])
    for jc, (k2, _k1) in TARGETS.items():
        ws.append([jc, "K2", k2, S, "15.01.2025"])
    path = directory / "Ziele_2025.xlsx"
    wb.save(path)
    return path


def targets_csv(directory: Path) -> Path:
    lines = ["Jobcenter-ID;Jahr;Kennzahl;Zielwert;Quelle;Stand"]
    for jc, (_k2, k1) in TARGETS.items():
        lines.append(f"{jc};2025;K1;{_de(k1)};{S};15.01.2025")
    path = directory / "Ziele_K1.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def build(directory: Path) -> Path:
    """The embedded data plus the three files, loaded as `kjc-tui load` does."""
    from kjc_tui.db import snapshot

    db = directory / "kjc.duckdb"
    snapshot.build(db, snapshot.embedded_files())
    snapshot.load(db, [kennzahlen_csv(directory), targets_xlsx(directory), targets_csv(directory)])
    return db


#: figures as sources say them, for the qualifier and whole-district tests: ALO (Arbeitslose SGB II
#: und III, a figure of the whole district) at the release month, one of them approximate, one a
#: range; Odenwald's staffing and BASS with their own qualifiers; a § 48b target on ALO
QUALIFIED_ALO = {"JC-06437": (5000, "≈", ""), "JC-06535": (4000, "↔", "4500"), "JC-06435": (12000, "=", "")}


def qualified_files(directory: Path) -> list[Path]:
    """Indicators, staffing, BASS and targets with qualifiers, in the tables' own CSV layout."""
    ind = ["jobcenter_id,period,period_kind,indicator,sex,value,qualifier,value_upper,source,as_of"]
    for jc, (v, q, upper) in QUALIFIED_ALO.items():
        ind.append(f"{jc},2025-09-01,month,ALO,all,{v},{q},{upper},{S},2025-12-20")
    ind.append(f"JC-06437,2025-06-01,month,BG,all,2400,>,,{S},2025-12-20")
    staff = ["jobcenter_id,period,function,headcount,headcount_qualifier,fte,fte_qualifier,vacancies,"
             "vacancies_qualifier,source,as_of",
             f"JC-06437,2025-06-30,gesamt,120,≈,101.5,=,5,>,{S},2025-07-01"]
    bass = ["jobcenter_id,year,programme,started,started_qualifier,graduated,graduated_qualifier,"
            "graduated_upper,source,as_of",
            f"JC-06437,2024,BASS,4,>,2,↔,3,{S},2025-01-01"]
    goals = ["jobcenter_id,year,indicator,target_value,qualifier,source,as_of",
             f"JC-06437,2025,ALO,5200,=,{S},2025-01-15"]
    out = []
    for name, lines in (("qualified_indicators", ind), ("qualified_staffing", staff), ("qualified_bass", bass),
                        ("qualified_targets", goals)):
        path = directory / f"{name}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(path)
    return out
