"""The synthetic data generator: determinism, scaling, consistency and the schema's rules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from kjc_tui.core import schema

from kjc_tui.db import synthetic
from kjc_tui.db.synthetic import SYNTHETIC_SOURCE, generate_into

REAL = "https://example.org/real"
DISTRICTS = [
    ("06437", "Odenwaldkreis", "Landkreis", "Hessen", "Darmstadt", REAL, "2025-01-01"),
    ("06535", "Vogelsbergkreis", "Landkreis", "Hessen", "Gießen", REAL, "2025-01-01"),
    ("06412", "Frankfurt am Main", "kreisfreie Stadt", "Hessen", "Darmstadt", REAL, "2025-01-01"),
]
JOBCENTERS = [
    ("JC-06437", "Kommunales Job-Center Odenwaldkreis", "KJC Odenwald", "06437", "zkT", 2005, REAL, "2025-01-01"),
    ("JC-06535", "KVA Vogelsbergkreis", None, "06535", "zkT", 2005, REAL, "2025-01-01"),
    ("JC-06412", "Jobcenter Frankfurt am Main", None, "06412", "gE", None, REAL, "2025-01-01"),
]
DEFS = [  # a partial catalogue, as the real one might be
    ("K1", "Veränderung LLU", "percent_change", False, "K1", REAL, "2019-03-15"),
    ("K2", "Integrationsquote", "percent", True, "K2", REAL, "2019-03-15"),
    ("K2E4", "Integrationsquote Alleinerziehende", "percent", True, "K2", REAL, "2019-03-15"),
    ("K3", "Veränderung LZB", "percent_change", False, "K3", REAL, "2019-03-15"),
    ("K3X9", "Unbekannte Quote", "percent", True, "K3", REAL, "2019-03-15"),
    ("BG", "Bedarfsgemeinschaften", "count", None, "Bestand", REAL, "2019-03-15"),
    ("ELB", "eLb", "count", None, "Bestand", REAL, "2019-03-15"),
    ("EW", "Einwohner", "count", None, "Bestand", REAL, "2019-03-15"),
    ("SGB3", "not generated", "count", None, "Sonstiges", REAL, "2019-03-15"),
]
GENERATED = ("indicators", "staffing", "bass_cohorts", "events", "budgets")
PER_JC_DEFAULT = 260 * 51 + 21  # 13,281 indicator rows per jobcenter with the default code list


def make_db(path: Path, defs: bool = True) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    for stmt in schema.ddl():
        con.execute(stmt)
    con.executemany("INSERT INTO districts VALUES (?, ?, ?, ?, ?, ?, ?::DATE)", DISTRICTS)
    con.executemany("INSERT INTO jobcenters (jobcenter_id, name, short_name, ags, model, option_since, source, as_of)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?::DATE)", JOBCENTERS)
    if defs:
        con.executemany("INSERT INTO indicator_defs (code, name_de, unit, higher_is_better, indicator_group, source,"
                        " as_of) VALUES (?, ?, ?, ?, ?, ?, ?::DATE)", DEFS)
    return con


def generate(path: Path, scale: float, seed: int = 1, defs: bool = True,
             progress=None) -> tuple[duckdb.DuckDBPyConnection, dict[str, int]]:
    con = make_db(path, defs)
    con.execute("BEGIN TRANSACTION")
    counts = generate_into(con, scale=scale, seed=seed, progress=progress)
    con.execute("COMMIT")
    return con, counts


def digest(con: duckdb.DuckDBPyConnection, table: str) -> tuple:
    """Row count and a hash of every row in physical order."""
    return con.execute(f"SELECT count(*), md5(coalesce(string_agg(t::VARCHAR, chr(10) ORDER BY rowid), ''))"
                       f" FROM {table} t").fetchone()


def one(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def dbs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("syn")
    progress: list[tuple[str, float]] = []
    a, ca = generate(tmp / "a.duckdb", 0.05, progress=lambda s, f: progress.append((s, f)))
    b, cb = generate(tmp / "b.duckdb", 0.05)
    c, cc = generate(tmp / "c.duckdb", 0.1, defs=False)
    d, cd = generate(tmp / "d.duckdb", 0.05, seed=2)
    yield {"a": a, "b": b, "c": c, "d": d, "counts": {"a": ca, "b": cb, "c": cc, "d": cd}, "progress": progress,
           "tmp": tmp}
    for con in (a, b, c, d):
        con.close()


def test_deterministic(dbs):
    a, b, d = dbs["a"], dbs["b"], dbs["d"]
    for t in ("districts", "jobcenters", "indicator_defs", *GENERATED):
        assert digest(a, t) == digest(b, t), t
    assert digest(a, "indicators") != digest(d, "indicators")
    assert dbs["counts"]["a"] == dbs["counts"]["b"]


def test_rerun_replaces_synthetic_rows(dbs):
    con = make_db(dbs["tmp"] / "rerun.duckdb")
    generate_into(con, scale=0.05)
    counts = generate_into(con, scale=0.05)
    assert counts == dbs["counts"]["a"]
    for t in ("districts", "jobcenters", *GENERATED):
        assert digest(con, t) == digest(dbs["a"], t), t
    con.close()


def test_jobcenter_count_and_linear_rows(dbs):
    a, c = dbs["a"], dbs["c"]
    assert one(a, "SELECT count(*) FROM jobcenters") == round(406 * 0.05) == 20
    assert one(c, "SELECT count(*) FROM jobcenters") == round(406 * 0.1) == 41
    # default code list: a fixed number of rows per jobcenter, so rows grow linearly with scale
    assert one(c, "SELECT count(*) FROM indicators") == 41 * PER_JC_DEFAULT
    assert synthetic.NATIONAL_JOBCENTERS * PER_JC_DEFAULT == 5_392_086
    per_jc = {one(con, "SELECT count(*) FROM indicators") / one(con, "SELECT count(*) FROM jobcenters")
              for con in (a, dbs["d"])}
    assert len(per_jc) == 1
    for con in (a, c):
        n_jc = one(con, "SELECT count(*) FROM jobcenters")
        assert one(con, "SELECT count(*) FROM staffing") == n_jc * 16 * 3
        assert one(con, "SELECT count(DISTINCT jobcenter_id) FROM indicators") == n_jc


def test_tiny_scale_keeps_only_present_jobcenters(tmp_path):
    con, counts = generate(tmp_path / "tiny.duckdb", 0.002)
    assert counts["jobcenters"] == counts["districts"] == 0
    assert one(con, "SELECT count(*) FROM jobcenters") == 3
    assert counts["indicators"] > 0
    con.close()


def test_codes_follow_the_catalogue(dbs):
    a, c = dbs["a"], dbs["c"]
    got = {r[0] for r in a.execute("SELECT DISTINCT indicator FROM indicators").fetchall()}
    assert got == {"K1", "K2", "K2E4", "K3", "K3X9", "BG", "ELB", "EW"}
    # an empty catalogue gets the default list, marked synthetic
    assert one(c, "SELECT count(*) FROM indicator_defs") == len(synthetic.DEFAULT_DEFS)
    assert one(c, f"SELECT count(*) FROM indicator_defs WHERE source <> '{SYNTHETIC_SOURCE}'") == 0
    got = {r[0] for r in c.execute("SELECT DISTINCT indicator FROM indicators").fetchall()}
    assert got == set(synthetic.DEFAULT_DEFS)
    assert one(c, "SELECT count(*) FROM indicators i ANTI JOIN indicator_defs d ON d.code = i.indicator") == 0
    periods = c.execute("SELECT period_kind, min(period), max(period), count(DISTINCT period) FROM indicators"
                        " GROUP BY 1 ORDER BY 1").fetchall()
    assert [(k, str(lo), str(hi), n) for k, lo, hi, n in periods] == [
        ("month", "2005-01-01", "2026-08-01", 260), ("year", "2005-01-01", "2025-01-01", 21)]
    sexes = dict(c.execute("SELECT indicator, string_agg(DISTINCT sex, ',' ORDER BY sex) FROM indicators"
                           " GROUP BY 1").fetchall())
    assert sexes["K2"] == sexes["K3E1"] == sexes["ELB"] == sexes["LB"] == "all,f,m"
    assert sexes["BG"] == sexes["EW"] == sexes["K1"] == "all"


def test_every_generated_row_is_marked(dbs):
    for con in (dbs["a"], dbs["c"]):
        for t in GENERATED:
            assert one(con, f"SELECT count(*) FROM {t} WHERE source IS DISTINCT FROM '{SYNTHETIC_SOURCE}'") == 0, t
        for t in ("districts", "jobcenters"):
            assert one(con, f"SELECT count(*) FROM {t} WHERE source NOT IN ('{REAL}', '{SYNTHETIC_SOURCE}')") == 0
        assert one(con, "SELECT count(*) FROM indicators WHERE qualifier <> '=' OR note IS NOT NULL"
                        " OR as_of <> (period + INTERVAL 3 MONTH)::DATE") == 0


def test_hessian_master_rows_unchanged(dbs):
    for con in (dbs["a"], dbs["c"]):
        assert con.execute(f"SELECT * EXCLUDE (as_of) FROM districts WHERE source = '{REAL}' ORDER BY ags"
                           ).fetchall() == [d[:-1] for d in sorted(DISTRICTS)]
        rows = con.execute("SELECT jobcenter_id, name, short_name, ags, model, option_since, source,"
                           f" peer_type, legal_form FROM jobcenters WHERE source = '{REAL}' ORDER BY 1").fetchall()
        assert rows == [(*j[:-1], None, None) for j in sorted(JOBCENTERS)]
    assert dbs["a"].execute("SELECT * EXCLUDE (as_of) FROM indicator_defs ORDER BY code").fetchall() == sorted(
        (code, name, None, unit, hib, group, None, None, None, src) for code, name, unit, hib, group, src, _ in DEFS)


def test_synthetic_master_rows(dbs):
    c = dbs["c"]
    rows = c.execute(f"SELECT ags, name, kind, state FROM districts WHERE source = '{SYNTHETIC_SOURCE}'").fetchall()
    assert len(rows) == 38
    states = {p: land for p, land, _, _ in synthetic.STATES}
    for ags, name, _kind, state in rows:
        assert ags[:2] != "06" and state == states[ags[:2]]
        assert name.endswith(f"{ags[:2]}-{ags[2:]}") and name.startswith("Synthetisch")
    assert one(c, f"SELECT count(DISTINCT ags[1:2]) FROM districts WHERE source = '{SYNTHETIC_SOURCE}'") >= 10
    jcs = c.execute(f"SELECT jobcenter_id, ags, model, peer_type, option_since FROM jobcenters"
                    f" WHERE source = '{SYNTHETIC_SOURCE}'").fetchall()
    assert len(jcs) == 38
    for jc, ags, model, peer, since in jcs:
        assert jc == "JC-" + ags and peer in synthetic.PEER_TYPES
        assert (since is not None) == (model == "zkT")
    big = c.execute("SELECT model, count(*) FROM jobcenters GROUP BY 1").fetchall()
    assert dict(big)["zkT"] < dict(big)["gE"]


def test_schema_rules(dbs):
    """Required columns, choices, minimums, patterns, unique keys and references."""
    for con in (dbs["a"], dbs["c"]):
        for t in ("districts", "jobcenters", "indicator_defs", *GENERATED):
            table = schema.TABLES[t]
            for col in table.columns:
                q = schema.quote_ident(col.name)
                if col.required:
                    assert one(con, f"SELECT count(*) FROM {t} WHERE {q} IS NULL") == 0, (t, col.name)
                if col.choices:
                    allowed = ", ".join(f"'{v}'" for v in col.choices)
                    assert one(con, f"SELECT count(*) FROM {t} WHERE {q} NOT IN ({allowed})") == 0, (t, col.name)
                if col.minimum is not None:
                    assert one(con, f"SELECT count(*) FROM {t} WHERE {q} < {col.minimum}") == 0, (t, col.name)
                if col.maximum is not None:
                    assert one(con, f"SELECT count(*) FROM {t} WHERE {q} > {col.maximum}") == 0, (t, col.name)
                if col.pattern:
                    assert one(con, f"SELECT count(*) FROM {t} WHERE NOT regexp_matches({q}, ?)".replace(
                        "?", "'" + col.pattern + "'")) == 0, (t, col.name)
                if col.ref:
                    rt, rc = col.ref
                    assert one(con, f"SELECT count(*) FROM {t} x WHERE x.{q} IS NOT NULL AND x.{q} NOT IN"
                                    f" (SELECT {rc} FROM {rt})") == 0, (t, col.name)
            key = ", ".join(table.key)
            assert con.execute(f"SELECT {key} FROM {t} GROUP BY {key} HAVING count(*) > 1 LIMIT 1"
                               ).fetchall() == [], t


def test_indicator_values_are_plausible_and_consistent(dbs):
    c = dbs["c"]
    units = "FROM indicators i JOIN indicator_defs d ON d.code = i.indicator"
    assert one(c, f"SELECT count(*) {units} WHERE d.unit = 'percent' AND value NOT BETWEEN 0 AND 100") == 0
    assert one(c, f"SELECT count(*) {units} WHERE d.unit = 'percent_change' AND abs(value) > 16") == 0
    assert one(c, f"SELECT count(*) {units} WHERE d.unit = 'count' AND (value < 0 OR value <> round(value))") == 0
    # quotes: value = 100 * numerator / denominator; changes: against the same month a year before
    assert one(c, f"SELECT max(abs(value - 100 * numerator / denominator)) {units} WHERE d.unit = 'percent'") < 1e-9
    assert one(c, f"SELECT max(abs(value - (100 * numerator / denominator - 100))) {units}"
                  " WHERE d.unit = 'percent_change'") < 1e-9
    assert one(c, f"SELECT count(*) {units} WHERE d.unit <> 'count' AND (numerator IS NULL OR denominator <= 0"
                  " OR numerator > denominator AND d.unit = 'percent')") == 0
    lo, hi = c.execute("SELECT min(value), max(value) FROM indicators WHERE indicator = 'K2' AND sex = 'all'"
                       ).fetchone()
    assert 15 <= lo < hi <= 35
    # f + m = all for counts, numerators and denominators
    bad = one(c, """
        SELECT count(*) FROM (
            SELECT jobcenter_id, period, indicator,
                   sum(CASE sex WHEN 'all' THEN value ELSE -value END) AS dv,
                   sum(CASE sex WHEN 'all' THEN numerator ELSE -numerator END) AS dn,
                   sum(CASE sex WHEN 'all' THEN denominator ELSE -denominator END) AS dd
            FROM indicators WHERE indicator IN ('ELB', 'LB', 'ALO_SGB2', 'K2', 'K2E1', 'K2E4', 'K3', 'K3E2', 'K1E2')
            GROUP BY ALL HAVING count(*) = 3)
        WHERE (indicator IN ('ELB', 'LB', 'ALO_SGB2') AND dv <> 0) OR dn <> 0 OR dd <> 0""")
    assert bad == 0
    # K1E2 uses exactly the ELB stocks; K2's denominator is the 12-month average eLb stock
    assert one(c, """
        SELECT count(*) FROM indicators k JOIN indicators e ON e.jobcenter_id = k.jobcenter_id
          AND e.period = k.period AND e.sex = k.sex AND e.indicator = 'ELB'
        WHERE k.indicator = 'K1E2' AND k.numerator <> e.value""") == 0
    assert one(c, """
        SELECT max(abs(k.denominator - avg12)) FROM indicators k JOIN (
            SELECT jobcenter_id, period, sex, avg(value) OVER (PARTITION BY jobcenter_id, sex ORDER BY period
                ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) AS avg12
            FROM indicators WHERE indicator = 'ELB') e USING (jobcenter_id, period, sex)
        WHERE k.indicator = 'K2' AND k.sex = 'all' AND k.period >= DATE '2006-01-01'""") <= 0.5
    # smooth: stocks move less than 5 % from one month to the next
    assert one(c, """
        SELECT max(abs(value / prev - 1)) FROM (
            SELECT value, lag(value) OVER (PARTITION BY jobcenter_id, indicator, sex ORDER BY period) AS prev
            FROM indicators WHERE indicator IN ('BG', 'ELB', 'K2') AND sex = 'all')""") < 0.05
    # sizes: population 35,000 .. 3.7 million, BG 2-10 % of it, ELB ~1.35 x BG, LB ~1.9 x BG
    lo, hi = c.execute("SELECT min(value), max(value) FROM indicators WHERE indicator = 'EW'").fetchone()
    assert 30_000 < lo and hi < 3_800_000
    shares = c.execute("""
        SELECT min(bg.value / ew.value), max(bg.value / ew.value), avg(elb.value / bg.value), avg(lb.value / bg.value)
        FROM indicators bg
        JOIN indicators ew ON ew.jobcenter_id = bg.jobcenter_id AND ew.indicator = 'EW'
             AND year(ew.period) = year(bg.period)
        JOIN indicators elb ON elb.jobcenter_id = bg.jobcenter_id AND elb.period = bg.period
             AND elb.indicator = 'ELB' AND elb.sex = 'all'
        JOIN indicators lb ON lb.jobcenter_id = bg.jobcenter_id AND lb.period = bg.period
             AND lb.indicator = 'LB' AND lb.sex = 'all'
        WHERE bg.indicator = 'BG'""").fetchone()
    assert 0.02 < shares[0] and shares[1] < 0.10
    assert shares[2] == pytest.approx(1.35, rel=0.03) and shares[3] == pytest.approx(1.9, rel=0.03)


def test_other_tables_are_consistent(dbs):
    c = dbs["c"]
    # staffing: Leistung ~ 1 FTE per 120-160 BG, headcount >= FTE
    lo, hi = c.execute("""
        SELECT min(i.value / s.fte), max(i.value / s.fte) FROM staffing s JOIN indicators i
          ON i.jobcenter_id = s.jobcenter_id AND i.indicator = 'BG' AND i.period = date_trunc('month', s.period)
        WHERE s.function = 'Leistung'""").fetchone()
    assert 118 < lo and hi < 162
    assert one(c, "SELECT count(*) FROM staffing WHERE headcount < fte OR vacancies > headcount"
                  " OR trainees > headcount") == 0
    assert sorted(r[0] for r in c.execute("SELECT DISTINCT function FROM staffing").fetchall()) == [
        "Leistung", "Markt und Integration", "Verwaltung"]
    # BASS: Hessian zkT only, 7 semesters: cohorts up to 2022 are finished
    assert sorted(r[0] for r in c.execute("SELECT DISTINCT jobcenter_id FROM bass_cohorts").fetchall()) == [
        "JC-06437", "JC-06535"]
    assert one(c, "SELECT count(*) FROM bass_cohorts WHERE started NOT BETWEEN 0 AND 4"
                  " OR active + graduated + dropped_out <> started OR hired > graduated"
                  " OR (year <= 2022 AND active > 0) OR (year >= 2023 AND graduated > 0)"
                  " OR programme <> 'BASS'") == 0
    assert one(c, "SELECT count(*) FROM bass_cohorts") == 2 * 15
    # events: invited >= participants, contracts <= participants, internships <= applications
    assert one(c, "SELECT count(*) FROM events WHERE NOT (invited >= participants AND participants >= contracts"
                  " AND applications >= internships AND employers > 0 AND event_id LIKE 'syn-%'"
                  " AND year(date) BETWEEN 2019 AND 2026 AND date <= DATE '2026-08-31')") == 0
    per_year = one(c, "SELECT count(*) / count(DISTINCT jobcenter_id) / 8.0 FROM events")
    assert 1 <= per_year <= 4
    # budgets: Eingliederungsmittel everywhere, AQB (Hessen) only for Hessian districts
    n_d = one(c, "SELECT count(*) FROM districts")
    assert one(c, "SELECT count(*) FROM budgets WHERE programme = 'Eingliederungsmittel' AND item = 'Budget'"
               ) == n_d * 12
    assert one(c, "SELECT count(*) FROM budgets WHERE programme = 'AQB' AND item = 'Landesmittel'"
                  " AND ags LIKE '06%'") == 3 * 12
    assert one(c, "SELECT count(*) FROM budgets WHERE budget_id NOT LIKE 'syn-%' OR amount_eur <= 0") == 0


def test_progress_reports(dbs):
    fractions = [f for _, f in dbs["progress"]]
    assert fractions and fractions == sorted(fractions) and 0 <= fractions[0] and fractions[-1] == 1.0
    assert all(isinstance(s, str) and s for s, _ in dbs["progress"])


def test_rejects_bad_scale(tmp_path):
    con = make_db(tmp_path / "bad.duckdb")
    for scale in (0, -1, float("nan"), synthetic.MAX_SCALE * 2):
        with pytest.raises(ValueError):
            generate_into(con, scale=scale)
    con.close()


def test_data_layer_does_not_import_textual():
    code = "import sys, kjc_tui.db.synthetic; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent).returncode == 0
