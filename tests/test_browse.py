"""The Tabellen data layer: paging, sort, filters, search, frequency, statistics, refusals."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from browse_data import ODD_COLUMNS, ODD_VALUES, build
from kjc_tui.read import browse
from kjc_tui.read.browse import Browser, BrowseError, Filter, Plan, Spec, SortKey
from kjc_tui.core.cells import typed
from kjc_tui.core.schema import TABLES
from kjc_tui.read.paging import Pager
from kjc_tui.db.store import Store
from kjc_tui.ui.i18n import set_language
from kjc_tui.ui.sheet_words import browse_error, sheet_title

ORDER_DESC = 'ORDER BY value DESC NULLS LAST, numerator ASC NULLS LAST, rowid'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = build(tmp_path_factory.mktemp("browse") / "b.duckdb")
    s = Store(db)
    yield s
    s.close()


def all_rows(store: Store, sql: str, params: list | None = None) -> list[tuple]:
    return store.tuples(sql, params or [])[1]


def walk(pager: Pager, tops: list[int], height: int = 20) -> None:
    """Fetch like the grid does for a sequence of viewport positions."""
    for top in tops:
        while plans := pager.plans(top, height):
            for p in plans:
                pager.store(p, pager.browser.fetch(p), top, height)


def indicators(store: Store, **kw: object) -> Browser:
    return Browser(store, Spec(browse.table_source("indicators"), **kw))  # type: ignore[arg-type]


# -- paging -----------------------------------------------------------------------------


def test_unsorted_pages_follow_insertion_order(store: Store) -> None:
    b = indicators(store)
    ref = all_rows(store, "SELECT *, rowid FROM indicators ORDER BY rowid")
    assert b.count() == 1000
    assert b.fetch(Plan(0, 50, "offset")) == ref[:50]
    assert b.fetch(Plan(980, 50, "offset")) == ref[980:]
    assert [c.name for c in b.columns][:2] == ["jobcenter_id", "period"]
    assert b.columns[0].label == "Jobcenter"  # shown with its name (read.columns)


def test_sorted_pages_by_every_plan_equal_a_full_sort(store: Store) -> None:
    spec = Spec(browse.table_source("indicators"), sort=(SortKey("value", True), SortKey("numerator")))
    b = Browser(store, spec)
    ref = all_rows(store, f"SELECT *, rowid FROM indicators {ORDER_DESC}")
    pager = Pager(b, b.count(), block=40, deep=100, max_rows=10_000)
    walk(pager, [0, 130, 999, 960, 500, 520, 480])
    got = {p: pager.row(p) for p in range(1000) if pager.row(p) is not None}
    assert got and all(ref[p] == r for p, r in got.items())
    modes = set()
    # keyset: a seeded row deep inside continues in both directions
    pager2 = Pager(b, b.count(), block=40, deep=100, max_rows=10_000)
    pager2.seed(600, ref[600])
    for top in (600, 560):
        for plan in pager2.plans(top, 5, tail=False):
            modes.add(plan.mode)
            pager2.store(plan, b.fetch(plan))
    assert {"after", "before"} <= modes
    assert all(pager2.row(p) == ref[p] for p in range(1000) if pager2.row(p) is not None)
    b.close()


def test_pages_of_a_sorted_query_without_rowid(store: Store) -> None:
    b = Browser(store, Spec(browse.query_source("SELECT indicator, sex, value FROM indicators"),
                            sort=(SortKey("indicator"),)))
    ref = all_rows(store, "SELECT indicator, sex, value FROM indicators ORDER BY indicator, sex, value")
    pager = Pager(b, b.count(), block=50, deep=100)
    walk(pager, [0, 400, 950])
    assert all(pager.row(p) == ref[p] for p in range(1000) if pager.row(p) is not None)
    assert pager.row(999) == ref[999]


def test_pager_forgets_rows_far_away(store: Store) -> None:
    b = indicators(store)
    pager = Pager(b, b.count(), block=50, max_rows=120)
    walk(pager, [0, 300, 600, 900])
    assert len(pager) <= 200  # the window around the viewport, the first and the last block
    assert pager.row(300) is None and pager.row(600) is None
    assert pager.row(0) is not None and pager.row(999) is not None  # head and tail stay


# -- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(("flt", "where"), [
    (Filter("jobcenter_id", "=", "JC003"), "jobcenter_id = 'JC003'"),
    (Filter("jobcenter_id", "!=", "JC003"), "jobcenter_id <> 'JC003'"),
    (Filter("value", "<", 10.0), "value < 10"),
    (Filter("value", "<=", 10.0), "value <= 10"),
    (Filter("value", ">", 90.5), "value > 90.5"),
    (Filter("period", ">=", date(2021, 6, 1)), "period >= DATE '2021-06-01'"),
    (Filter("note", "contains", "notiz 5"), "lower(note) LIKE '%notiz 5%'"),
    (Filter("note", "not contains", "5"), "note IS NULL OR note NOT LIKE '%5%'"),
    (Filter("numerator", "is null"), "numerator IS NULL"),
    (Filter("numerator", "=", None), "numerator IS NULL"),
    (Filter("numerator", "is not null"), "numerator IS NOT NULL"),
    (Filter("numerator", "!=", 3.0), "numerator IS DISTINCT FROM 3"),
])
def test_filters(store: Store, flt: Filter, where: str) -> None:
    b = indicators(store, filters=(flt,))
    ref = all_rows(store, f"SELECT *, rowid FROM indicators WHERE {where} ORDER BY rowid")
    assert b.count() == len(ref) > 0
    assert b.fetch(Plan(0, 1000, "offset")) == ref


def test_filters_combine_and_are_worded_by_the_ui(store: Store) -> None:
    spec = Spec(browse.table_source("indicators")).filtered(Filter("sex", "=", "f")).filtered(
        Filter("value", ">", 50.0))
    assert Browser(store, spec).count() == all_rows(
        store, "SELECT count(*) FROM indicators WHERE sex = 'f' AND value > 50")[0][0]
    assert sheet_title(spec) == "Kennzahlen · Filter: sex = 'f' und value > 50"
    assert sheet_title(spec.filtered(Filter("value", "<=", 24.6))).endswith(" und value ≤ 24,6")
    set_language("en")
    try:
        assert sheet_title(spec) == "Indicators · filter: sex = 'f' and value > 50"
    finally:
        set_language("de")
    assert spec.without_last_filter().filters == (Filter("sex", "=", "f"),)
    assert spec.without_filters().filters == ()


def test_parse_condition_reads_german_spellings(store: Store) -> None:
    rel = indicators(store).rel
    pc = browse.parse_condition
    assert pc("> 1.234,5", rel.column("value")) == Filter("value", ">", 1234.5)
    assert pc("<=31.12.2020", rel.column("period")) == Filter("period", "<=", date(2020, 12, 31))
    assert pc("2021-01-01", rel.column("period")) == Filter("period", "=", date(2021, 1, 1))
    assert pc("!= JC001", rel.column("jobcenter_id")) == Filter("jobcenter_id", "!=", "JC001")
    assert pc("~ notiz", rel.column("note")) == Filter("note", "contains", "notiz")
    assert pc("leer", rel.column("note")) == Filter("note", "is null")
    assert pc("!leer", rel.column("note")) == Filter("note", "is not null")
    with pytest.raises(BrowseError) as bad:
        pc("> viel", rel.column("value"))
    assert (bad.value.code, bad.value.params) == ("bad_value", {"text": "viel", "type": "DOUBLE", "column": "value"})
    assert browse_error(bad.value) == "'viel' passt nicht zum Typ DOUBLE der Spalte value."


# -- search -----------------------------------------------------------------------------------


def test_search_next_previous_and_wrap(store: Store) -> None:
    spec = Spec(browse.table_source("indicators"), sort=(SortKey("value", True), SortKey("numerator")))
    b = Browser(store, spec)
    ref = all_rows(store, f"SELECT *, rowid FROM indicators {ORDER_DESC}")
    note = TABLES["indicators"].column_names.index("note")
    hits = [i for i, r in enumerate(ref) if r[note] and "notiz 9" in r[note].lower()]
    first = b.find("Notiz 9", ["note"])
    assert first == (hits[0], ref[hits[0]])
    nxt = b.find("Notiz 9", ["note"], after=ref[hits[0]], after_pos=hits[0])
    assert nxt is not None and nxt[0] == hits[1]
    prev = b.find("notiz 9", ["note"], after=ref[hits[1]], after_pos=hits[1], backward=True)
    assert prev is not None and prev[0] == hits[0]
    wrapped = b.find("notiz 9", ["note"], after=ref[hits[-1]], after_pos=hits[-1])
    assert wrapped is not None and wrapped[0] == hits[0]
    assert b.find("gibt es nicht", ["note"]) is None


def test_search_in_a_query_in_its_own_order(store: Store) -> None:
    b = Browser(store, Spec(browse.query_source("SELECT * FROM odd")))
    hit = b.find("rot", None)
    assert hit is not None and hit[0] == 2 and hit[1][0] == 2
    assert b.find("[", ["weird col [x]"], after_pos=2) == (3, b.fetch(Plan(3, 1, "offset"))[0])
    filtered = b.derive(b.spec.filtered(Filter("id", ">", 2)))
    assert filtered.find("[", ["weird col [x]"]) == (0, filtered.fetch(Plan(0, 1, "offset"))[0])
    assert filtered.find("ENDE", None, after_pos=0) == (1, filtered.fetch(Plan(1, 1, "offset"))[0])
    freq = Browser(store, b.frequency("datum"))
    unsorted = freq.derive(freq.spec.unsorted().filtered(Filter("count", ">=", 1)))
    hit = unsorted.find("2024-08", ["datum"])
    assert hit is not None and str(hit[1][0]) == "2024-08-17"


# -- frequency and statistics ---------------------------------------------------------------------


def test_frequency_and_drill_down(store: Store) -> None:
    b = indicators(store, filters=(Filter("sex", "=", "all"),))
    freq = Browser(store, b.frequency("jobcenter_id"))
    rows = freq.fetch(Plan(0, 100, "offset"))
    ref = all_rows(store, "SELECT jobcenter_id, count(*) FROM indicators WHERE sex = 'all' GROUP BY 1 "
                          "ORDER BY 2 DESC, 1")
    assert [(r[0], r[1]) for r in rows] == ref
    assert abs(sum(r[2] for r in rows) - 1.0) < 1e-9
    assert freq.columns[2].fmt == "percent"
    drilled = Browser(store, browse.drill(freq.spec, rows[0]))
    assert drilled.count() == rows[0][1]
    assert drilled.spec.filters == (Filter("sex", "=", "all"), Filter("jobcenter_id", "=", rows[0][0]))


def test_frequency_of_a_huge_number_of_values_is_refused(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browse.browser, "EXACT_DISTINCT_LIMIT", 10)
    monkeypatch.setattr(browse.browser, "FREQUENCY_LIMIT", 500)
    with pytest.raises(BrowseError) as refused:
        indicators(store).frequency("value")
    assert refused.value.code == "too_many_values" and refused.value.params["n"] > 500
    assert re.match(r"value hat etwa [0-9.]+ verschiedene Werte.*erst filtern", browse_error(refused.value))
    assert Browser(store, indicators(store).frequency("sex")).count() == 3


def test_frequency_of_nulls_drills_into_nulls(store: Store) -> None:
    freq = Browser(store, indicators(store).frequency("note"))
    null_row = next(r for r in freq.fetch(Plan(0, 1000, "offset")) if r[0] is None)
    assert Browser(store, browse.drill(freq.spec, null_row)).count() == null_row[1] == 900


def test_statistics(store: Store) -> None:
    b = indicators(store, hidden=frozenset({"source"}))
    stats = Browser(store, b.stats())
    rows = {r[0]: r for r in stats.fetch(Plan(0, 100, "offset"))}
    assert "source" not in rows
    values = [r[0] for r in all_rows(store, "SELECT value FROM indicators")]
    name, type_, n, nulls, distinct, lo, hi, mean = rows["value"]
    assert (type_, n, nulls, distinct) == ("DOUBLE", 1000, 0, len(set(values)))
    # values, not prose: DuckDB's text of each column's minimum and maximum, read back as the column's
    # type (the UI spells them like the column's cells, in its language)
    assert (typed(lo, type_), typed(hi, type_)) == (min(values), max(values))
    periods = [r[0] for r in all_rows(store, "SELECT period FROM indicators")]
    assert typed(rows["period"][5], rows["period"][1]) == min(periods)
    assert [c.typed_by for c in stats.columns if c.typed_by] == [("column", "type")] * 2
    assert mean == pytest.approx(sum(values) / len(values))
    assert rows["numerator"][3] == 20 and rows["note"][4] == 100
    assert [c.name for c in stats.columns][:5] == ["column", "type", "values", "nulls", "distinct"]


# -- refusals and odd names ------------------------------------------------------------------------


@pytest.mark.parametrize("sql", [
    "SELECT 1; SELECT 2",
    "DELETE FROM odd",
    "INSERT INTO odd VALUES (1, 'a', 'b', 1, NULL)",
    "COPY odd TO '/tmp/x.csv'",
    "ATTACH 'x.duckdb' AS x",
    "SET threads = 1",
    "SELECT * FROM odd WHERE id = ?",
    "SELECT * FROM odd; DROP TABLE odd",
])
def test_writes_and_several_statements_are_refused(sql: str) -> None:
    with pytest.raises(BrowseError):
        browse.query_source(sql)


def test_queries_cannot_read_files(store: Store) -> None:
    with pytest.raises(BrowseError) as refused:
        Browser(store, Spec(browse.query_source("SELECT * FROM read_csv('/etc/passwd')")))
    assert refused.value.code == "sql.file_access" and "Dateizugriffe" in browse_error(refused.value)


def test_query_with_duplicate_names_gets_distinct_names(store: Store) -> None:
    b = Browser(store, Spec(browse.query_source("SELECT 1 AS a, 2 AS a"), sort=(SortKey("a_1"),)))
    assert [c.name for c in b.columns] == ["a", "a_1"]
    assert b.fetch(Plan(0, 5, "offset")) == [(1, 2)]


def test_odd_identifiers_are_quoted(store: Store) -> None:
    name, weird = ODD_COLUMNS[1], ODD_COLUMNS[2]
    spec = Spec(browse.table_source("odd"), sort=(SortKey(weird, True),),
                filters=(Filter(name, "is not null"), Filter(weird, "contains", "[")))
    b = Browser(store, spec)
    rows = b.fetch(Plan(0, 100, "offset"))
    expected = sorted(((i, v) for i, v in enumerate(ODD_VALUES) if v is not None), key=lambda t: f"[{t[0]}]",
                      reverse=True)
    assert [(r[0], r[1]) for r in rows] == expected
    freq = Browser(store, b.frequency(name))
    assert freq.count() == len(expected)
    assert Browser(store, b.stats()).count() == len(ODD_COLUMNS)
    for bad in ['x" ; DROP TABLE odd; --', "rowid", "nope"]:
        with pytest.raises(BrowseError, match="Unbekannte Spalte"):
            Browser(store, Spec(browse.table_source("odd"), sort=(SortKey(bad),)))
    with pytest.raises(BrowseError, match="Unbekannte Spalte"):
        Browser(store, Spec(browse.table_source("odd"), filters=(Filter(bad, "=", 1),)))


def test_sources_by_name_label_and_sql(store: Store) -> None:
    assert browse.source_for(store, "indicators").kind == "table"
    assert browse.source_for(store, "Kennzahlen").name == "indicators"
    assert browse.source_for(store, "v_event_ratios").kind == "view"
    assert browse.source_for(store, "SELECT 1 AS x").kind == "query"
    with pytest.raises(BrowseError):
        browse.source_for(store, "gibt_es_nicht")
    views = browse.relation_names(store)
    assert views["indicators"] == "table" and views["v_bass_rates"] == "view"
    sizes = browse.table_rows(store, ["indicators", "v_bass_rates", "gibt_es_nicht"])
    assert sizes == {"indicators": store.rows("SELECT count(*) AS n FROM indicators")[0]["n"]}


def test_export_sql_has_shown_columns_filter_and_order(store: Store) -> None:
    spec = Spec(browse.table_source("indicators"), sort=(SortKey("value"),),
                filters=(Filter("sex", "=", "m"),)).hiding("note").hiding("source")
    sql, params = Browser(store, spec).export_sql()
    cols, rows = store.tuples(sql, params)
    assert "note" not in cols and "source" not in cols and len(cols) == len(TABLES["indicators"].columns) - 2
    assert rows == all_rows(store, f"SELECT {', '.join(cols)} FROM indicators WHERE sex = 'm' "
                                   "ORDER BY value, rowid")


def test_a_jump_deep_into_a_sorted_view_lands_near_and_exact(store: Store) -> None:
    b = Browser(store, Spec(browse.table_source("indicators"), sort=(SortKey("period", True),)))
    ref = all_rows(store, "SELECT *, rowid FROM indicators ORDER BY period DESC, rowid")
    start, rows = b.locate(Plan(500, 30, "locate"), sample=200)
    assert abs(start - 500) < 150
    assert rows == ref[start:start + 30]
    q = Browser(store, Spec(browse.query_source("SELECT indicator, value, jobcenter_id FROM indicators"),
                            sort=(SortKey("value", True),)))
    qref = all_rows(store, "SELECT indicator, value, jobcenter_id FROM indicators "
                           "ORDER BY value DESC, indicator, jobcenter_id")
    start, rows = q.locate(Plan(600, 10, "locate"), sample=300)
    assert abs(start - 600) < 150 and rows == qref[start:start + 10]
    pager = Pager(b, b.count(), block=40, deep=100)
    plans = pager.plans(500, 20, tail=False)
    assert [p.mode for p in plans] == ["locate"]
    assert pager.plans(900 - 300, 20, tail=False) == []  # one jump at a time
    pager.located(plans[0], *b.locate(plans[0]))
    assert pager.plans(500, 20, tail=False) == [] or all(p.mode in ("after", "before")
                                                         for p in pager.plans(500, 20, tail=False))
    b.close()


def test_spec_sort_keys(tmp_path: Path) -> None:
    s = Spec(browse.table_source("indicators"))
    s2 = s.sorted_by("value", True).sorted_by("period", False, secondary=True)
    assert s2.sort == (SortKey("value", True), SortKey("period", False))
    assert s2.sorted_by("sex", False, secondary=True).sort == (SortKey("value", True), SortKey("sex"))
    assert s2.sorted_by("sex", False).sort == (SortKey("sex"),)
