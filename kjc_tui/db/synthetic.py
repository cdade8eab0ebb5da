"""Deterministic synthetic data for demos, tests and benchmarks.

`generate_into` fills an open read-write DuckDB connection whose schema exists and whose
master tables (districts, jobcenters, indicator_defs) hold the real Hessian records. It
keeps those rows untouched and adds:

* synthetic districts and jobcenters for the rest of Germany (AGS with state prefixes
  01..16 except 06, "Synthetischer Kreis 09-017" / "Synthetische Stadt 05-003"), so that
  there are ``round(406 * scale)`` jobcenters in all (never fewer than those present);
* ``indicators``: monthly values 2005-01 .. 2026-08 for every jobcenter (Hessian ones
  too) and every code of groups K1/K2/K3 plus BG, ELB, LB, ALO_SGB2, and the yearly
  population EW (2005..2025). Person-based figures (K1E2..K1E4, the K2 and K3 families,
  ELB, LB, ALO_SGB2) come as sex 'all', 'f' and 'm' (f + m = all for counts, numerators
  and denominators); money (K1, K1E1), BG and EW only as 'all'. Quotes (unit percent)
  satisfy ``value = 100 * numerator / denominator``, changes (percent_change)
  ``value = 100 * (numerator / denominator - 1)`` with the same month a year earlier as
  denominator; K1E2 and K3 use exactly the ELB and LZB stocks, K2 the 12-month
  average eLb stock;
* ``staffing`` (2010..2025, Leistung / Markt und Integration / Verwaltung),
  ``bass_cohorts`` (Hessian zkT only, 2011..2025), ``events`` (2019..2026) and
  ``budgets`` (Eingliederungsmittel for every district, AQB Landesmittel for Hessian
  districts; 2015..2026) and § 48b ``targets`` (K1, K2, K3 for every jobcenter,
  2024..2026: K2 as a change of −2..+3 % against the previous December, K1 and K3
  as a value near the previous December's).

Row counts: with the full code list (19 monthly codes) every jobcenter gets
260 months x 51 series + 21 years of EW = **13,281 indicator rows**, so scale 1.0
(406 jobcenters) gives **5,392,086 indicator rows** and about 5.46 million rows over all
tables; indicators grow linearly with the number of jobcenters, i.e. with ``scale``
once ``round(406 * scale)`` exceeds the jobcenters already present (26 in Hessen).
Ten million indicator rows need scale >= 1.855 (753 jobcenters).

Everything is computed set-based in DuckDB SQL; all randomness comes from ``hash()`` of
the seed and the row's keys, so the same scale and seed give identical table contents.
Every generated row carries ``source = SYNTHETIC_SOURCE``. Marking the database as
synthetic (``meta.synthetic``) is the caller's job.

This module belongs to the data layer: it must not import textual.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import duckdb

from kjc_tui.core.schema import TABLES

SYNTHETIC_SOURCE = "synthetisch (kjc-tui generate)"

#: nationwide number of jobcenters (scale 1.0)
NATIONAL_JOBCENTERS = 406
#: AGS numbers have three digits per state: beyond this the key space runs out
MAX_SCALE = 25.0

FIRST_MONTH = "2005-01-01"
MONTHS = 260  # 2005-01 .. 2026-08
EW_YEARS = (2005, 2025)
STAFFING_YEARS = (2010, 2025)
BASS_YEARS = (2011, 2025)
EVENT_YEARS = (2019, 2026)
BUDGET_YEARS = (2015, 2026)
MASTER_AS_OF = "2026-01-01"
BASS_AS_OF = "2026-03-31"

#: (prefix, Land, districts, of which kreisfreie Städte) outside Hessen
STATES: tuple[tuple[str, str, int, int], ...] = (
    ("01", "Schleswig-Holstein", 15, 4),
    ("02", "Hamburg", 1, 1),
    ("03", "Niedersachsen", 45, 8),
    ("04", "Bremen", 2, 2),
    ("05", "Nordrhein-Westfalen", 53, 22),
    ("07", "Rheinland-Pfalz", 36, 12),
    ("08", "Baden-Württemberg", 44, 9),
    ("09", "Bayern", 96, 25),
    ("10", "Saarland", 6, 0),
    ("11", "Berlin", 1, 1),
    ("12", "Brandenburg", 18, 4),
    ("13", "Mecklenburg-Vorpommern", 8, 2),
    ("14", "Sachsen", 13, 3),
    ("15", "Sachsen-Anhalt", 14, 3),
    ("16", "Thüringen", 22, 6),
)
#: states whose jobcenters are all gemeinsame Einrichtungen (Stadtstaaten)
_GE_ONLY = ("02", "04", "11")

PEER_TYPES = tuple(f"{r}{c}" for r in ("I", "II", "III") for c in "abcde")

#: Regelbedarf Stufe 1 (EUR) per year 2004..2026, drives K1
_REGELSATZ = (345, 345, 345, 347, 351, 359, 359, 364, 374, 382, 391, 399, 404, 409, 416, 424,
              432, 446, 449, 502, 563, 563, 563)

#: the code list used when indicator_defs is empty: code -> (unit, group, German name)
DEFAULT_DEFS: dict[str, tuple[str, str, str]] = {
    "K1": ("percent_change", "K1", "Veränderung der Summe der Leistungen zum Lebensunterhalt"),
    "K1E1": ("percent_change", "K1", "Veränderung der Summe der Leistungen für Unterkunft und Heizung"),
    "K1E2": ("percent_change", "K1", "Veränderung der Zahl der eLb"),
    "K1E3": ("percent", "K1", "Durchschnittliche Zugangsrate der eLb"),
    "K1E4": ("percent", "K1", "Durchschnittliche Abgangsrate der eLb"),
    "K2": ("percent", "K2", "Integrationsquote"),
    "K2E1": ("percent", "K2", "Quote der Eintritte in geringfügige Beschäftigung"),
    "K2E2": ("percent", "K2", "Quote der Eintritte in öffentlich geförderte Beschäftigung"),
    "K2E3": ("percent", "K2", "Nachhaltigkeit der Integrationen"),
    "K2E4": ("percent", "K2", "Integrationsquote der Alleinerziehenden"),
    "K3": ("percent_change", "K3", "Veränderung des Bestands an Langzeitleistungsbeziehenden"),
    "K3E1": ("percent", "K3", "Integrationsquote der Langzeitleistungsbeziehenden"),
    "K3E2": ("percent", "K3", "Aktivierungsquote der Langzeitleistungsbeziehenden"),
    "K3E3": ("percent", "K3", "Durchschnittliche Zugangsrate der Langzeitleistungsbeziehenden"),
    "K3E4": ("percent", "K3", "Durchschnittliche Abgangsrate der Langzeitleistungsbeziehenden"),
    "BG": ("count", "Bestand", "Bedarfsgemeinschaften"),
    "ELB": ("count", "Bestand", "Erwerbsfähige Leistungsberechtigte"),
    "LB": ("count", "Bestand", "Leistungsberechtigte"),
    "EW": ("count", "Bestand", "Einwohner"),
    "ALO_SGB2": ("count", "Bestand", "Arbeitslose im SGB II"),
}
_HIGHER_IS_BETTER = {"K1": False, "K1E1": False, "K1E2": False, "K1E3": False, "K1E4": True,
                     "K2": True, "K2E1": True, "K2E2": True, "K2E3": True, "K2E4": True,
                     "K3": False, "K3E1": True, "K3E2": True, "K3E3": False, "K3E4": True}

# -- indicator models --------------------------------------------------------------------
# quotes: code -> (rate low, rate high, denominator base, denominator factor,
#                  female rate factor, business-cycle sensitivity, seasonal amplitude,
#                  female share factor of the denominator)
_QUOTES: dict[str, tuple[float, float, str, float, float, float, float, float]] = {
    "K1E3": (2.2, 4.0, "elb_sum", 1.0, 0.95, -0.5, 0.0, 1.0),
    "K1E4": (2.5, 4.5, "elb_sum", 1.0, 0.90, 0.6, 0.0, 1.0),
    "K2": (18.0, 30.0, "elb_avg", 1.0, 0.88, 1.0, 0.0, 1.0),
    "K2E1": (5.0, 11.0, "elb_avg", 1.0, 1.20, 0.5, 0.0, 1.0),
    "K2E2": (1.0, 4.0, "elb_avg", 1.0, 0.80, 0.0, 0.0, 1.0),
    "K2E3": (55.0, 72.0, "elb_avg", 0.24, 1.02, 0.3, 0.0, 1.0),
    "K2E4": (14.0, 26.0, "elb_avg", 0.11, 0.97, 1.0, 0.0, 1.75),
    "K3E1": (9.0, 18.0, "lzb_avg", 1.0, 0.85, 1.0, 0.0, 1.0),
    "K3E2": (8.0, 17.0, "lzb", 1.0, 0.90, 0.2, 0.05, 1.0),
    "K3E3": (1.0, 2.2, "lzb_sum", 1.0, 1.00, -0.3, 0.0, 1.0),
    "K3E4": (1.5, 3.2, "lzb_sum", 1.0, 0.90, 0.6, 0.0, 1.0),
}
#: a jobcenter's own factors, each uniform in [low, low + width): (column, low, width, random stream);
#: SQL literals as written, so the numbers drawn stay the same. The ratios to Hessen's series
#: and the female shares …
_RATES = (("r_elb", "0.95", "0.10", "r_elb"), ("r_lb", "0.95", "0.10", "r_lb"), ("r_alo", "0.85", "0.30", "r_alo"),
          ("lzb0", "0.56", "0.10", "lzb0"), ("fs_elb", "0.49", "0.04", "fs_elb"), ("fs_lb", "0.49", "0.03", "fs_lb"),
          ("fs_alo", "0.41", "0.05", "fs_alo"), ("fs_lzb", "0.52", "0.05", "fs_lzb"))
#: … and its staffing, administration, budget and AQB
_STAFF = (("bg_per_fte", "122", "30", "bg_per_fte"), ("elb_per_fte", "110", "40", "elb_per_fte"),
          ("admin_share", "0.18", "0.10", "admin"), ("fte_per_head", "0.80", "0.08", "part_time"),
          ("budget_factor", "0.85", "0.30", "budget"), ("aqb_per_elb", "30", "30", "aqb"))
#: denominator base -> (all expression, female-share expression) over _syn_b
_DEN_BASES = {
    "elb_sum": ("elb_s12", "elbf_s12 / elb_s12"),
    "elb_avg": ("elb_s12 / 12.0", "elbf_s12 / elb_s12"),
    "lzb_sum": ("lzb_s12", "lzbf_s12 / lzb_s12"),
    "lzb_avg": ("lzb_s12 / 12.0", "lzbf_s12 / lzb_s12"),
    "lzb": ("lzb", "lzb_f / lzb"),
}
#: changes to the same month a year earlier: code -> (series, female series or None)
_CHANGES: dict[str, tuple[str, str | None]] = {
    "K1": ("llu", None), "K1E1": ("luh", None), "K1E2": ("elb", "elb_f"), "K3": ("lzb", "lzb_f"),
}
#: monthly stocks: code -> (series, female series or None)
_COUNTS: dict[str, tuple[str, str | None]] = {
    "BG": ("bg", None), "ELB": ("elb", "elb_f"), "LB": ("lb", "lb_f"), "ALO_SGB2": ("alo", "alo_f"),
}
_EXTRA_CODES = ("BG", "ELB", "LB", "ALO_SGB2", "EW")

_TEMPS = ("_syn_d", "_syn_t", "_syn_p", "_syn_b")

Progress = Callable[[str, float], None]


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Rand:
    """SQL snippets for pseudo-random numbers derived from the seed and row keys."""

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)

    def u(self, *parts: str) -> str:
        """Uniform in [0, 1) from the seed and parts (SQL expressions).

        DuckDB combines the hashes of several arguments cheaply, so hash(k, 'a') and
        hash(k, 'b') are strongly correlated; hashing the combined value again mixes it.
        """
        return f"((hash(hash({self.seed}, {', '.join(parts)})) >> 11)::DOUBLE / 9007199254740992.0)"

    def noise(self, amp: float, *parts: str) -> str:
        """A factor in [1 - amp, 1 + amp)."""
        return f"(1 + {amp} * (2 * {self.u(*parts)} - 1))"


def generate_into(con: duckdb.DuckDBPyConnection, scale: float = 1.0, seed: int = 1,
                  progress: Progress | None = None) -> dict[str, int]:
    """Fill the schema tables of an open read-write connection with synthetic rows.

    Expects the tables to exist (schema.ddl()) and districts/jobcenters/indicator_defs to
    already hold the real Hessian master data (26 districts 064xx-066xx, jobcenter_id
    'JC-'+ags, model 'zkT'/'gE'), which it keeps. Returns rows added per table.

    Rows per scale: 13,281 indicator rows per jobcenter; scale 1.0 = 406 jobcenters
    = 5,392,086 indicator rows (linear in scale above the jobcenters already present).
    Earlier synthetic rows (source = SYNTHETIC_SOURCE) are replaced, so a second call
    does not duplicate anything. Runs inside the caller's transaction, if any.
    """
    scale = float(scale)
    if not (scale > 0 and math.isfinite(scale)) or scale > MAX_SCALE:
        raise ValueError(f"scale must be in (0, {MAX_SCALE:g}], got {scale!r}")
    rnd = _Rand(seed)
    done = 0.0
    # (name, rough share of the run time for the progress fraction, step)
    steps: list[tuple[str, float, Callable[[], dict[str, int]]]] = [
        ("Alte synthetische Daten entfernen", 1, lambda: _clear(con)),
        ("Kennzahlen-Katalog", 0, lambda: {"indicator_defs": _ensure_defs(con)}),
        ("Kreise und Jobcenter", 0, lambda: _master(con, rnd, scale)),
        ("Zeitreihen-Grundlage", 2, lambda: _base(con, rnd)),
        ("Kennzahlen", 90, lambda: {"indicators": _indicators(con, rnd, lambda f: report("Kennzahlen", f, 90))}),
        ("Personal", 1, lambda: {"staffing": _staffing(con, rnd)}),
        ("BASS-Jahrgänge", 0, lambda: {"bass_cohorts": _bass(con, rnd)}),
        ("Veranstaltungen", 1, lambda: {"events": _events(con, rnd)}),
        ("Budgets", 1, lambda: {"budgets": _budgets(con, rnd)}),
        ("Ziele (§ 48b)", 0, lambda: {"targets": _targets(con, rnd)}),
    ]
    total = sum(w for _, w, _ in steps)

    def report(name: str, part: float = 0.0, weight: float = 0.0) -> None:
        if progress is not None:
            progress(name, min(1.0, (done + part * weight) / total))

    counts: dict[str, int] = {}
    try:
        for name, weight, step in steps:
            report(name)
            counts.update(step())
            done += weight
        report("Synthetische Daten fertig")
    finally:
        for t in _TEMPS:
            con.execute(f"DROP TABLE IF EXISTS {t}")
    return counts


# -- steps -------------------------------------------------------------------------------


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> int:
    row = con.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], select: str,
            key: list[str] | None = None, order_by: str | None = None,
            outer: dict[str, str] | None = None, check_keys: bool | None = None) -> int:
    """INSERT the SELECT in a fixed row order; skips keys a non-synthetic row already holds.

    `outer` maps columns to expressions computed after the sort (constants, derived
    dates), which keeps them out of the sort's payload. `check_keys` (default: whether
    the table has rows) turns the anti-join against existing keys on or off.
    """
    before = _count(con, f"SELECT count(*) FROM {table}")
    src = f"SELECT * FROM ({select}) x"
    if key and (bool(before) if check_keys is None else check_keys):
        cond = " AND ".join(f"y.{k} = x.{k}" for k in key)
        src += f" WHERE NOT EXISTS (SELECT 1 FROM {table} y WHERE {cond})"
    if order_by:
        src += f" ORDER BY {order_by}"
    outer = outer or {}
    exprs = ", ".join(f"{outer[c]} AS {c}" if c in outer else c for c in columns)
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {exprs} FROM ({src})")
    return _count(con, f"SELECT count(*) FROM {table}") - before


def _generated(date_expr: str | None = None) -> dict[str, str]:
    """Post-sort expressions of the columns every generated row shares."""
    out = {"qualifier": "'='", "note": "NULL::VARCHAR", "source": _lit(SYNTHETIC_SOURCE)}
    if date_expr:
        out["as_of"] = f"({date_expr} + to_months(3))::DATE"
    return out


def _exact(table: str) -> tuple[str, list[str]]:
    """The select list and columns that mark every generated figure of `table` as exact ("=")."""
    cols = [q for _, q, _ in TABLES[table].figures]
    return ", ".join(f"'=' AS {c}" for c in cols), cols


def _clear(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    for t in ("targets", "indicators", "staffing", "bass_cohorts", "events", "budgets", "jobcenters", "districts",
              "indicator_defs"):
        con.execute(f"DELETE FROM {t} WHERE source = ?", [SYNTHETIC_SOURCE])
    return {}


def _ensure_defs(con: duckdb.DuckDBPyConnection) -> int:
    """With an empty catalogue, add the default code list (marked synthetic)."""
    if _count(con, "SELECT count(*) FROM indicator_defs"):
        return 0
    rows = [(code, name, unit, _HIGHER_IS_BETTER.get(code), group, "jobcenter", i,
             SYNTHETIC_SOURCE, MASTER_AS_OF)
            for i, (code, (unit, group, name)) in enumerate(DEFAULT_DEFS.items())]
    con.executemany(
        "INSERT INTO indicator_defs (code, name_de, unit, higher_is_better, indicator_group, scope, sort_order,"
        " source, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::DATE)", rows)
    return len(rows)


def _bgs_sql(rnd: _Rand, jc: str, kind: str) -> str:
    """Share of the population living in Bedarfsgemeinschaften (before trends)."""
    return (f"(CASE WHEN {kind} = 'kreisfreie Stadt' THEN 0.045 + 0.04 * {rnd.u(jc, _lit('bgs'))}"
            f" ELSE 0.03 + 0.03 * {rnd.u(jc, _lit('bgs'))} END)")


def _master(con: duckdb.DuckDBPyConnection, rnd: _Rand, scale: float) -> dict[str, int]:
    present = _count(con, "SELECT count(*) FROM jobcenters")
    wanted = max(0, round(NATIONAL_JOBCENTERS * scale) - present)
    if wanted == 0:
        return {"districts": 0, "jobcenters": 0}
    nat = sum(s[2] for s in STATES)
    mult = math.ceil(wanted / nat) + 1
    states = ", ".join(f"({_lit(p)}, {_lit(n)}, {d}, {k})" for p, n, d, k in STATES)
    # Slots k = 1, 2, ... per state in the order (k - 0.5) / districts: the first `wanted`
    # slots spread the jobcenters over the Länder like the real districts, and a larger
    # scale only adds jobcenters.
    con.execute(f"""
        CREATE TEMP TABLE _syn_d AS
        WITH s(prefix, land, n, kfs) AS (VALUES {states}),
        slots AS (
            SELECT s.*, r.k, s.prefix || lpad(r.k::VARCHAR, 3, '0') AS ags
            FROM s, range(1, least(999, s.n * {mult} + 1) + 1) r(k)
        ),
        free AS (
            SELECT * FROM slots
            WHERE ags NOT IN (SELECT ags FROM districts)
              AND 'JC-' || ags NOT IN (SELECT jobcenter_id FROM jobcenters)
            ORDER BY (k - 0.5) / n, prefix
            LIMIT {wanted}
        )
        SELECT ags, prefix, land, k,
               CASE WHEN prefix IN ('02', '04', '11') OR {rnd.u('ags', _lit('kind'))} < kfs / n
                    THEN 'kreisfreie Stadt' ELSE 'Landkreis' END AS kind
        FROM free
    """)
    try:
        got = _count(con, "SELECT count(*) FROM _syn_d")
        if got < wanted:
            raise ValueError(f"not enough free district keys for scale {scale}")
        label = "prefix || '-' || lpad(k::VARCHAR, 3, '0')"
        n_d = _insert(con, "districts", ["ags", "name", "kind", "state", "regierungsbezirk", "source", "as_of"], f"""
            SELECT ags,
                   CASE kind WHEN 'kreisfreie Stadt' THEN 'Synthetische Stadt ' ELSE 'Synthetischer Kreis ' END
                       || {label} AS name,
                   kind, land AS state, NULL::VARCHAR AS regierungsbezirk,
                   {_lit(SYNTHETIC_SOURCE)} AS source, DATE '{MASTER_AS_OF}' AS as_of
            FROM _syn_d""", order_by="ags")
        jc = "('JC-' || ags)"
        ge_only = ", ".join(_lit(p) for p in _GE_ONLY)
        bgs = _bgs_sql(rnd, jc, "kind")
        n_j = _insert(con, "jobcenters", [
            "jobcenter_id", "name", "short_name", "ags", "model", "option_since", "legal_form", "seat", "website",
            "peer_type", "peer_type_as_of", "note", "source", "as_of"], f"""
            SELECT jobcenter_id,
                   CASE model WHEN 'zkT' THEN 'Kommunales Jobcenter ' ELSE 'Jobcenter ' END || dname AS name,
                   'JC ' || {label} AS short_name, ags, model,
                   CASE WHEN model = 'zkT' THEN CASE WHEN {rnd.u('jobcenter_id', _lit('since'))} < 0.62
                        THEN 2005 ELSE 2012 END END AS option_since,
                   CASE WHEN model = 'gE' THEN 'gemeinsame Einrichtung'
                        WHEN {rnd.u('jobcenter_id', _lit('form'))} < 0.3 THEN 'Anstalt des öffentlichen Rechts'
                        WHEN kind = 'kreisfreie Stadt' THEN 'Amt der Stadtverwaltung'
                        ELSE 'Amt der Kreisverwaltung' END AS legal_form,
                   NULL::VARCHAR AS seat, NULL::VARCHAR AS website,
                   CASE WHEN bgs < 0.042 THEN 'I' WHEN bgs < 0.062 THEN 'II' ELSE 'III' END
                       || ['a', 'b', 'c', 'd', 'e'][1 + floor(5 * {rnd.u('jobcenter_id', _lit('peer'))})::INT]
                       AS peer_type,
                   DATE '2024-01-01' AS peer_type_as_of, NULL::VARCHAR AS note,
                   {_lit(SYNTHETIC_SOURCE)} AS source, DATE '{MASTER_AS_OF}' AS as_of
            FROM (
                SELECT d.*, {jc} AS jobcenter_id, {bgs} AS bgs,
                       CASE kind WHEN 'kreisfreie Stadt' THEN 'Synthetische Stadt ' ELSE 'Synthetischer Kreis ' END
                           || {label} AS dname,
                       CASE WHEN prefix NOT IN ({ge_only}) AND {rnd.u(jc, _lit('model'))} < 0.235
                            THEN 'zkT' ELSE 'gE' END AS model
                FROM _syn_d d
            )""", order_by="jobcenter_id")
    finally:
        con.execute("DROP TABLE IF EXISTS _syn_d")
    return {"districts": n_d, "jobcenters": n_j}


def _sig(x: str) -> str:
    return f"(1 / (1 + exp(-({x}))))"


def _base(con: duckdb.DuckDBPyConnection, rnd: _Rand) -> dict[str, int]:
    """Temp tables: time axis, jobcenter parameters and the monthly stock series."""
    rs = ", ".join(str(v) for v in _REGELSATZ)
    two_pi = 2 * math.pi
    con.execute(f"""
        CREATE TEMP TABLE _syn_t AS
        SELECT t, period, f, mon, yr,
               -- national SGB II stock: Hartz IV peak, slow decline, refugees 2016,
               -- Covid 2020, Ukraine June 2022, integration afterwards
               (0.97 + 0.15 * exp(-pow((f - 2) / 4, 2)) - 0.010 * f + 0.07 * {_sig('(f - 11.5) * 2.5')}
                + 0.02 * exp(-pow((f - 15.5) / 0.5, 2)) + 0.05 * {_sig('(f - 17.45) * 6')}
                - 0.03 * {_sig('(f - 19.5) * 1.5')}) AS nat,
               -- labour-market cycle for integration rates
               (0.08 * tanh((f - 5) / 3) - 0.18 * exp(-pow((f - 15.6) / 0.6, 2))
                - 0.06 * {_sig('(f - 17.6) * 3')}) AS cyc,
               1 + 0.012 * cos({two_pi} * (mon - 1.5) / 12) AS season,
               1 + 0.045 * cos({two_pi} * (mon - 1.5) / 12) AS season_alo,
               0.10 * exp(-pow((f - 15.6) / 0.7, 2)) AS covid_alo,
               (1 + 0.05 * tanh((f - 4) / 3)) * (1 - 0.07 * {_sig('(f - 17.45) * 6')})
                   * (1 + 0.06 * {_sig('(f - 19.3) * 3')}) AS lzb_shape,
               [{rs}][yr - 2003] AS regelsatz
        FROM (
            SELECT t, (DATE '{FIRST_MONTH}' + to_months(t::INT))::DATE AS period, t / 12.0 AS f,
                   ((t % 12) + 12) % 12 + 1 AS mon, 2005 + floor(t / 12.0)::INT AS yr
            FROM range(-12, {MONTHS}) r(t)
        )
    """)
    jc = "j.jobcenter_id"
    u = lambda tag: rnd.u(jc, _lit(tag))  # noqa: E731

    def uniform(params: tuple[tuple[str, str, str, str], ...]) -> str:
        return ",\n".join(f"{low} + {width} * {u(tag)} AS {column}" for column, low, width, tag in params)

    con.execute(f"""
        CREATE TEMP TABLE _syn_p AS
        SELECT j.jobcenter_id,
               (d.kind = 'kreisfreie Stadt') AS city,
               round(CASE WHEN d.kind = 'kreisfreie Stadt'
                          THEN exp(ln(35000) + ln(3700000 / 35000) * pow({u('pop')}, 2))
                          ELSE exp(ln(60000) + ln(700000 / 60000) * pow({u('pop')}, 1.1)) END) AS pop,
               {_bgs_sql(rnd, jc, 'd.kind')} AS bgs,
               0.024 * ({u('slope')} - 0.5) AS slope,
               {uniform(_RATES)},
               {two_pi} * {u('phase')} AS phase,
               380 + 60 * {u('llu')} AS llu_pc,
               430 + 150 * {u('luh')} + CASE WHEN d.kind = 'kreisfreie Stadt' THEN 80 ELSE 0 END AS luh_pc,
               0.006 * ({u('growth')} - 0.4) AS growth,
               {uniform(_STAFF)}
        FROM jobcenters j LEFT JOIN districts d ON d.ags = j.ags
    """)
    n1 = lambda amp, tag: rnd.noise(amp, "p.jobcenter_id, t.t", _lit(tag))  # noqa: E731
    n = lambda amp, tag: rnd.noise(amp, "jobcenter_id, t", _lit(tag))  # noqa: E731
    con.execute(f"""
        CREATE TEMP TABLE _syn_b AS
        WITH s1 AS (
            SELECT p.*, t.*,
                   round(p.pop * p.bgs * t.nat * (1 + p.slope * (t.f - 10)) * t.season * {n1(0.003, 'bg')}) AS bg
            FROM _syn_p p CROSS JOIN _syn_t t
        ),
        s2 AS (
            SELECT *,
                   round(bg * 1.35 * r_elb * {n(0.002, 'elb')}) AS elb,
                   round(bg * 1.9 * r_lb * {n(0.002, 'lb')}) AS lb,
                   round(bg * luh_pc * pow(1.02, f) * {n(0.003, 'luh')})
                       AS luh
            FROM s1
        ),
        s3 AS (
            SELECT *,
                   round(elb * 0.36 * r_alo * (1.15 - 0.01 * f) * season_alo * (1 + covid_alo)
                         * {n(0.004, 'alo')}) AS alo,
                   round(elb * lzb0 * lzb_shape * {n(0.003, 'lzb')}) AS lzb,
                   round(lb * llu_pc * pow(regelsatz / 409.0, 0.6)
                         * {n(0.003, 'llu')}) AS llu,
                   round(elb * (fs_elb + 0.006 * sin(f / 2.5 + phase))) AS elb_f,
                   round(lb * (fs_lb + 0.005 * sin(f / 2.5 + phase))) AS lb_f
            FROM s2
        ),
        s4 AS (
            SELECT *,
                   round(alo * (fs_alo + 0.008 * sin(f / 2 + phase))) AS alo_f,
                   round(lzb * (fs_lzb + 0.006 * sin(f / 3 + phase))) AS lzb_f
            FROM s3
        ),
        w AS (
            SELECT jobcenter_id, t, period, f, mon, yr, cyc, bg, elb, lb, alo, lzb, llu, luh,
                   elb_f, lb_f, alo_f, lzb_f,
                   sum(elb) OVER w12 AS elb_s12, sum(elb_f) OVER w12 AS elbf_s12,
                   sum(lzb) OVER w12 AS lzb_s12, sum(lzb_f) OVER w12 AS lzbf_s12,
                   lag(elb, 12) OVER w AS elb_p, lag(elb_f, 12) OVER w AS elb_f_p,
                   lag(lzb, 12) OVER w AS lzb_p, lag(lzb_f, 12) OVER w AS lzb_f_p,
                   lag(llu, 12) OVER w AS llu_p, lag(luh, 12) OVER w AS luh_p
            FROM s4
            WINDOW w AS (PARTITION BY jobcenter_id ORDER BY t),
                   w12 AS (PARTITION BY jobcenter_id ORDER BY t ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
        )
        SELECT * FROM w WHERE t >= 0
    """)
    return {}


def _codes(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(code, unit) of the catalogue entries to generate."""
    extra = ", ".join(_lit(c) for c in _EXTRA_CODES)
    rows = con.execute(f"""
        SELECT code, unit FROM indicator_defs
        WHERE indicator_group IN ('K1', 'K2', 'K3') OR regexp_full_match(code, 'K[123](E[0-9]+)?')
           OR code IN ({extra})
        ORDER BY code
    """).fetchall()
    return [(str(c), str(u)) for c, u in rows]


_SEXES3 = "(VALUES ('all'), ('f'), ('m')) s(sex)"
_SEX_ALL = "(VALUES ('all')) s(sex)"


def _by_sex(all_expr: str, f_expr: str | None) -> str:
    if f_expr is None:
        return all_expr
    return f"CASE s.sex WHEN 'all' THEN {all_expr} WHEN 'f' THEN {f_expr} ELSE {all_expr} - {f_expr} END"


def _count_select(rng: str, code: str, col: str, fcol: str | None) -> str:
    return f"""
        SELECT b.jobcenter_id, b.period, 'month' AS period_kind, {_lit(code)} AS indicator, s.sex,
               {_by_sex(f'b.{col}', f'b.{fcol}' if fcol else None)} AS value,
               NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator
        FROM _syn_b b, {_SEXES3 if fcol else _SEX_ALL}
        WHERE b.jobcenter_id {rng}"""


def _change_select(rng: str, code: str, col: str, fcol: str | None) -> str:
    return f"""
        SELECT jobcenter_id, period, 'month' AS period_kind, {_lit(code)} AS indicator, sex,
               100.0 * numerator / denominator - 100 AS value, numerator, denominator
        FROM (
            SELECT b.jobcenter_id, b.period, s.sex,
                   {_by_sex(f'b.{col}', f'b.{fcol}' if fcol else None)} AS numerator,
                   {_by_sex(f'b.{col}_p', f'b.{fcol}_p' if fcol else None)} AS denominator
            FROM _syn_b b, {_SEXES3 if fcol else _SEX_ALL}
            WHERE b.jobcenter_id {rng}
        )"""


def _quote_select(rng: str, rnd: _Rand, code: str, spec: tuple[float, float, str, float, float, float, float, float],
                  by_sex: bool, factor: float = 100.0) -> str:
    lo, hi, base, dfac, rf, kcyc, samp, fsf = spec
    den_expr, fs_expr = _DEN_BASES[base]
    season = f"(1 + {samp} * cos({2 * math.pi} * (mon - 3) / 12))" if samp else "1"
    rate = (f"({lo} + {hi - lo} * {rnd.u('jobcenter_id', _lit(code), _lit('base'))})"
            f" * (1 + {kcyc} * cyc) * {season} * {rnd.noise(0.01, 'jobcenter_id', 't', _lit(code))}")
    return f"""
        SELECT jobcenter_id, period, 'month' AS period_kind, {_lit(code)} AS indicator, sex,
               {factor} * numerator / denominator AS value, numerator, denominator
        FROM (
            SELECT q.jobcenter_id, q.period, s.sex,
                   {_by_sex('q.num_all', 'q.num_f' if by_sex else None)} AS numerator,
                   {_by_sex('q.den_all', 'q.den_f' if by_sex else None)} AS denominator
            FROM (
                SELECT *, least(num_all, round(rate * {rf} * den_f / 100)) AS num_f
                FROM (
                    SELECT *, round(rate * den_all / 100) AS num_all,
                           round(den_all * least(0.95, fsh * {fsf})) AS den_f
                    FROM (
                        SELECT jobcenter_id, period, greatest(1, round({den_expr} * {dfac})) AS den_all,
                               {fs_expr} AS fsh, {rate} AS rate
                        FROM _syn_b WHERE jobcenter_id {rng}
                    )
                )
            ) q, {_SEXES3 if by_sex else _SEX_ALL}
        )"""


def _ew_select(rng: str, rnd: _Rand) -> str:
    y0, y1 = EW_YEARS
    return f"""
        SELECT p.jobcenter_id, make_date(y::INT, 1, 1) AS period, 'year' AS period_kind, 'EW' AS indicator,
               'all' AS sex,
               round(p.pop * (1 + p.growth * (y - 2015)) * {rnd.noise(0.001, 'p.jobcenter_id', 'y', _lit('ew'))})
                   AS value,
               NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator
        FROM _syn_p p, range({y0}, {y1 + 1}) r(y) WHERE p.jobcenter_id {rng}"""


#: jobcenters per INSERT of indicators: bounds the sort's memory, gives progress steps
_CHUNK = 64


def _indicators(con: duckdb.DuckDBPyConnection, rnd: _Rand, report: Callable[[float], None]) -> int:
    ids = [r[0] for r in con.execute("SELECT jobcenter_id FROM _syn_p ORDER BY jobcenter_id").fetchall()]
    codes = _codes(con)
    # rows not generated here (synthetic ones were cleared) may hold keys we must not repeat
    check = _count(con, "SELECT count(*) FROM indicators") > 0
    chunks = [ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
    total = 0
    for n, chunk in enumerate(chunks):
        report(n / len(chunks))
        total += _indicator_chunk(con, rnd, codes, chunk[0], chunk[-1], check)
    return total


def _indicator_chunk(con: duckdb.DuckDBPyConnection, rnd: _Rand, codes: list[tuple[str, str]], first: str,
                     last: str, check_keys: bool) -> int:
    rng = f"BETWEEN {_lit(first)} AND {_lit(last)}"
    parts = []
    for code, unit in codes:
        if code == "EW":
            parts.append(_ew_select(rng, rnd))
        elif code in _COUNTS:
            parts.append(_count_select(rng, code, *_COUNTS[code]))
        elif code in _CHANGES:
            parts.append(_change_select(rng, code, *_CHANGES[code]))
        elif code in _QUOTES:
            parts.append(_quote_select(rng, rnd, code, _QUOTES[code], by_sex=True))
        elif unit == "percent_change":
            parts.append(_change_select(rng, code, "elb", None))
        elif unit in ("percent", "ratio"):
            parts.append(_quote_select(rng, rnd, code, (10.0, 30.0, "elb_avg", 1.0, 1.0, 0.5, 0.0, 1.0), by_sex=False,
                                       factor=100.0 if unit == "percent" else 1.0))
        elif unit == "eur":
            parts.append(_count_select(rng, code, "llu", None))
        else:
            parts.append(_count_select(rng, code, "alo", None))
    if not parts:
        return 0
    union = " UNION ALL ".join(parts)
    select = f"""
        SELECT jobcenter_id, period, period_kind, indicator, sex, value::DOUBLE AS value,
               numerator::DOUBLE AS numerator, denominator::DOUBLE AS denominator
        FROM ({union})"""
    cols = ["jobcenter_id", "period", "period_kind", "indicator", "sex", "value", "numerator", "denominator",
            "qualifier", "note", "source", "as_of"]
    return _insert(con, "indicators", cols, select, key=["jobcenter_id", "period", "indicator", "sex"],
                   order_by="jobcenter_id, indicator, sex, period", outer=_generated("period"),
                   check_keys=check_keys)


def _staffing(con: duckdb.DuckDBPyConnection, rnd: _Rand) -> int:
    y0, y1 = STAFFING_YEARS
    select = f"""
        SELECT jobcenter_id, period, function, ceil(fte / fte_per_head)::BIGINT AS headcount, fte,
               round(fte * (0.02 + 0.06 * {rnd.u('jobcenter_id', 'yr', 'function', _lit('vac'))}))::BIGINT
                   AS vacancies,
               floor(ceil(fte / fte_per_head) * (0.01 + 0.04 * {rnd.u('jobcenter_id', 'yr', 'function', _lit('tr'))}))
                   ::BIGINT AS trainees,
               {_exact("staffing")[0]}, NULL::VARCHAR AS note, {_lit(SYNTHETIC_SOURCE)} AS source,
               (period + to_months(3))::DATE AS as_of
        FROM (
            SELECT b.jobcenter_id, b.yr, make_date(b.yr, 12, 31) AS period, fn.function, p.fte_per_head,
                   round(CASE fn.function
                       WHEN 'Leistung' THEN lei
                       WHEN 'Markt und Integration' THEN mi
                       ELSE (lei + mi) * p.admin_share END, 1) AS fte
            FROM (
                SELECT b.*,
                       b.bg / least(160, greatest(120, p.bg_per_fte
                           * {rnd.noise(0.03, 'b.jobcenter_id', 'b.yr', _lit('lei'))})) AS lei,
                       b.elb / (p.elb_per_fte * {rnd.noise(0.03, 'b.jobcenter_id', 'b.yr', _lit('mi'))}) AS mi
                FROM _syn_b b JOIN _syn_p p USING (jobcenter_id)
                WHERE b.mon = 12 AND b.yr BETWEEN {y0} AND {y1}
            ) b
            JOIN _syn_p p USING (jobcenter_id)
            CROSS JOIN (VALUES ('Leistung'), ('Markt und Integration'), ('Verwaltung')) fn(function)
        )"""
    cols = ["jobcenter_id", "period", "function", "headcount", "fte", "vacancies", "trainees",
            *_exact("staffing")[1], "note", "source", "as_of"]
    return _insert(con, "staffing", cols, select, key=["jobcenter_id", "period", "function"],
                   order_by="jobcenter_id, period, function")


def _bass(con: duckdb.DuckDBPyConnection, rnd: _Rand) -> int:
    """Hessian zkT only: ~2 places a year each; 7 semesters from October of the intake year."""
    y0, y1 = BASS_YEARS
    k = "j.jobcenter_id, y"
    # a cohort that started in October y finishes in March y + 4
    select = f"""
        SELECT jobcenter_id, year, 'BASS' AS programme, started,
               CASE WHEN finished THEN 0 ELSE started - dropped_out END AS active,
               CASE WHEN finished THEN started - dropped_out ELSE 0 END AS graduated,
               CASE WHEN finished THEN greatest(0, started - dropped_out - (u_h < 0.25)::INT) ELSE 0 END AS hired,
               dropped_out,
               {_exact("bass_cohorts")[0]}, NULL::VARCHAR AS note, {_lit(SYNTHETIC_SOURCE)} AS source,
               DATE '{BASS_AS_OF}' AS as_of
        FROM (
            SELECT *, least(started, CASE WHEN finished THEN (u_d1 < 0.15)::INT + (u_d2 < 0.04)::INT
                                          ELSE (u_d1 < 0.15 * progress)::INT END)::BIGINT AS dropped_out
            FROM (
                SELECT j.jobcenter_id, y::BIGINT AS year,
                       floor(5 * {rnd.u(k, _lit('started'))})::BIGINT AS started,
                       (y + 4 <= year(DATE '{BASS_AS_OF}')) AS finished,
                       least(1.0, (year(DATE '{BASS_AS_OF}') + 0.25 - (y + 0.75)) / 3.5) AS progress,
                       {rnd.u(k, _lit('d1'))} AS u_d1, {rnd.u(k, _lit('d2'))} AS u_d2, {rnd.u(k, _lit('h'))} AS u_h
                FROM jobcenters j, range({y0}, {y1 + 1}) r(y)
                WHERE j.model = 'zkT' AND j.ags LIKE '06%' AND j.source <> {_lit(SYNTHETIC_SOURCE)}
            )
        )"""
    cols = ["jobcenter_id", "year", "programme", "started", "active", "graduated", "hired", "dropped_out",
            *_exact("bass_cohorts")[1], "note", "source", "as_of"]
    return _insert(con, "bass_cohorts", cols, select, key=["jobcenter_id", "year", "programme"],
                   order_by="jobcenter_id, year")


def _events(con: duckdb.DuckDBPyConnection, rnd: _Rand) -> int:
    y0, y1 = EVENT_YEARS
    k = "j.jobcenter_id, y, e"
    kinds = "['Jobmesse', 'Speed-Dating', 'Bewerbertag', 'Ausbildungsbörse']"
    places = "['Kreishaus', 'Stadthalle', 'Jobcenter', 'Bürgerhaus', 'Berufsschule']"
    groups = "['Langzeitarbeitslose', 'Geflüchtete', 'Jugendliche unter 25', 'Alleinerziehende', 'alle eLb']"
    select = f"""
        SELECT event_id, date, NULL::DATE AS end_date, 'day' AS date_precision, jobcenter_id, kind,
               kind || ' ' || jc_name || ' ' || strftime(date, '%m/%Y') AS title, place, target_group,
               invited, participants, employers, applications,
               round(applications * (0.05 + 0.15 * u_i))::BIGINT AS internships,
               least(participants, round(participants * (0.02 + 0.10 * u_c)))::BIGINT AS contracts,
               {_exact("events")[0]}, NULL::VARCHAR AS note, {_lit(SYNTHETIC_SOURCE)} AS source,
               (date + to_months(3))::DATE AS as_of
        FROM (
            SELECT *, round(participants * (0.4 + 1.0 * u_a))::BIGINT AS applications
            FROM (
                SELECT *, round(invited * (0.25 + 0.45 * u_p))::BIGINT AS participants
                FROM (
                    SELECT 'syn-' || j.jobcenter_id || '-' || y || '-' || (e + 1) AS event_id,
                           j.jobcenter_id, coalesce(j.short_name, j.name, j.jobcenter_id) AS jc_name,
                           (make_date(y::INT, 1, 1)
                            + floor({rnd.u(k, _lit('day'))} * CASE WHEN y = 2026 THEN 212 ELSE 365 END)::INT)
                               AS date,
                           {kinds}[ki] AS kind,
                           {places}[1 + floor(5 * {rnd.u(k, _lit('place'))})::INT] AS place,
                           {groups}[1 + floor(5 * {rnd.u(k, _lit('group'))})::INT] AS target_group,
                           round([300, 40, 60, 150][ki] + ([1500, 200, 300, 800][ki] - [300, 40, 60, 150][ki])
                                 * {rnd.u(k, _lit('inv'))})::BIGINT AS invited,
                           round([20, 5, 8, 15][ki] + ([80, 25, 30, 60][ki] - [20, 5, 8, 15][ki])
                                 * {rnd.u(k, _lit('emp'))})::BIGINT AS employers,
                           {rnd.u(k, _lit('p'))} AS u_p, {rnd.u(k, _lit('a'))} AS u_a,
                           {rnd.u(k, _lit('i'))} AS u_i, {rnd.u(k, _lit('c'))} AS u_c
                    FROM (
                        SELECT j.*, y, e, 1 + floor(4 * {rnd.u(k, _lit('kind'))})::INT AS ki,
                               1 + floor(3 * {rnd.u('j.jobcenter_id', 'y', _lit('n'))})::INT
                                   - CASE WHEN y = 2020 THEN 1 ELSE 0 END AS n
                        FROM jobcenters j, range({y0}, {y1 + 1}) r(y), range(0, 3) ev(e)
                    ) j
                    WHERE e < n
                )
            )
        )"""
    cols = ["event_id", "date", "end_date", "date_precision", "jobcenter_id", "kind", "title", "place",
            "target_group", "invited", "participants", "employers", "applications", "internships", "contracts",
            *_exact("events")[1], "note", "source", "as_of"]
    return _insert(con, "events", cols, select, key=["event_id"], order_by="event_id")


def _budgets(con: duckdb.DuckDBPyConnection, rnd: _Rand) -> int:
    """Eingliederungsmittel for every district, AQB (a Hessian programme) for Hessian ones."""
    y0, y1 = BUDGET_YEARS
    per_elb = "[900, 950, 1000, 1150, 1300, 1350, 1400, 1350, 1250, 1100, 1050, 1050]"
    assert y1 - y0 + 1 == 12
    select = f"""
        SELECT 'syn-' || ags || '-' || yr || '-' || code AS budget_id, ags, NULL::VARCHAR AS jobcenter_id,
               yr::BIGINT AS year, programme, item, amount_eur,
               '=' AS qualifier, NULL::VARCHAR AS note, {_lit(SYNTHETIC_SOURCE)} AS source,
               (make_date(yr, 1, 1) + to_months(3))::DATE AS as_of
        FROM (
            SELECT ags, yr, 'EGM' AS code, 'Eingliederungsmittel' AS programme, 'Budget' AS item,
                   round(sum(elb * budget_factor) * {per_elb}[yr - {y0 - 1}]
                         * {rnd.noise(0.03, 'ags', 'yr', _lit('egm'))} / 100) * 100 AS amount_eur
            FROM m GROUP BY ags, yr
            UNION ALL
            SELECT ags, yr, 'AQB', 'AQB', 'Landesmittel',
                   round(sum(elb * aqb_per_elb) * {rnd.noise(0.05, 'ags', 'yr', _lit('aqb'))} / 100) * 100
            FROM m WHERE ags LIKE '06%' GROUP BY ags, yr
        )"""
    with_m = f"""
        WITH m AS (
            SELECT d.ags, b.yr, b.elb, p.budget_factor, p.aqb_per_elb
            FROM _syn_b b JOIN _syn_p p USING (jobcenter_id)
            JOIN jobcenters j ON j.jobcenter_id = b.jobcenter_id
            JOIN districts d ON d.ags = j.ags
            WHERE b.mon = 6 AND b.yr BETWEEN {y0} AND {y1}
        ) {select}"""
    cols = ["budget_id", "ags", "jobcenter_id", "year", "programme", "item", "amount_eur", "qualifier", "note",
            "source", "as_of"]
    return _insert(con, "budgets", cols, with_m, key=["budget_id"], order_by="budget_id")


TARGET_YEARS = (2024, 2026)


def _targets(con: duckdb.DuckDBPyConnection, rnd: _Rand) -> int:
    """§ 48b targets agreed before each year, from the previous December's value: K2 (higher is
    better) as a change of −2..+3 %, K1 and K3 (lower is better) as a value 2 points below to 1
    point above it, so that some are met and some missed."""
    y0, y1 = TARGET_YEARS
    k = "i.jobcenter_id, i.indicator, year(i.period)"
    select = f"""
        SELECT i.jobcenter_id, (year(i.period) + 1)::BIGINT AS year, i.indicator,
               CASE WHEN i.indicator = 'K2' THEN NULL
                    ELSE round(i.value - 2 + 3 * {rnd.u(k, _lit('tv'))}, 1) END AS target_value,
               CASE WHEN i.indicator = 'K2' THEN round(-2 + 5 * {rnd.u(k, _lit('tc'))}, 1) END AS target_change,
               make_date(year(i.period)::BIGINT + 1, 1, 15) AS agreed
        FROM indicators i
        WHERE i.indicator IN ('K1', 'K2', 'K3') AND i.sex = 'all' AND month(i.period) = 12
          AND year(i.period) BETWEEN {y0 - 1} AND {y1 - 1}"""
    cols = ["jobcenter_id", "year", "indicator", "target_value", "target_change", "qualifier", "note", "source",
            "as_of"]
    return _insert(con, "targets", cols, select, key=["jobcenter_id", "year", "indicator"],
                   order_by="jobcenter_id, year, indicator", outer={**_generated(), "as_of": "agreed"})
