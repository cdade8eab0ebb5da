"""How Tabellen presents columns (read/columns.py, core/cells.py): labels, keys with names,
dates by their precision, technical columns, reading order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from kjc_tui.core.cells import cell_text
from kjc_tui.core.schema import ddl
from kjc_tui.db.store import Store
from kjc_tui.read import columns
from kjc_tui.read.browse import Browser, ColumnInfo, Plan, Source, Spec, query_source, table_source


def test_dates_by_their_precision() -> None:
    d = ColumnInfo("date", "DATE")
    assert cell_text(date(2023, 1, 1), d, "year") == "2023"
    assert cell_text(date(2025, 10, 1), d, "month") == "10/2025"
    assert cell_text(date(2024, 2, 22), d, "day") == "22.02.2024"
    assert cell_text(date(2024, 2, 22), d) == "22.02.2024"


def test_keys_show_their_names_and_unknown_keys_themselves() -> None:
    jc = ColumnInfo("jobcenter_id", "VARCHAR", "Jobcenter", names={"JC-06437": "KJC Odenwald"})
    assert cell_text("JC-06437", jc) == "KJC Odenwald"
    assert cell_text("JC-99999", jc) == "JC-99999"
    assert cell_text(None, jc) == "∅"


def test_technical_columns_and_reading_order() -> None:
    assert all(columns.is_technical(n) for n in ("source", "as_of", "event_id", "date_precision", "budget_id"))
    assert not any(columns.is_technical(n) for n in ("jobcenter_id", "ags", "title", "value"))
    names = ["event_id", "date", "end_date", "date_precision", "jobcenter_id", "kind", "title", "place"]
    order = [names[i] for i in columns.reading_order("events", names)]
    assert order[:5] == ["date", "jobcenter_id", "title", "kind", "place"]
    assert [names[i] for i in columns.reading_order("v_event_ratios", names)][:2] == ["date", "jobcenter_id"]
    assert columns.reading_order("unknown", names) == list(range(len(names)))
    assert columns.labels("events")["date"] == ("Datum", "Date")


def test_a_quarter_by_its_quarter() -> None:
    assert cell_text(date(2025, 7, 1), ColumnInfo("period", "DATE"), "quarter") == "Q3/2025"


def _periods_db(path: Path) -> Store:
    """Indicators of three kinds (the row says which), revisions without a kind (all firsts of a
    month), facts of mixed days: as Tabellen shows each."""
    con = duckdb.connect(str(path))
    for s in ddl():
        con.execute(s)
    con.execute("""INSERT INTO indicators (jobcenter_id, period, period_kind, indicator, sex, value, source, as_of)
                   VALUES ('JC-1', DATE '2021-09-01', 'month', 'K2', 'all', 20.5, 's', DATE '2021-10-01'),
                          ('JC-1', DATE '2023-01-01', 'year', 'BG', 'all', 900, 's', DATE '2024-01-01'),
                          ('JC-1', DATE '2018-12-31', 'day', 'EW', 'all', 100000, 's', DATE '2019-06-01')""")
    con.execute("""INSERT INTO indicator_revisions (load_id, jobcenter_id, period, indicator, sex, change, new_value)
                   VALUES (1, 'JC-1', DATE '2021-09-01', 'K2', 'all', 'new', 20.5),
                          (1, 'JC-1', DATE '2021-10-01', 'K2', 'all', 'new', 20.7),
                          (1, 'JC-2', DATE '2021-11-01', 'K2', 'all', 'new', 20.7)""")
    con.execute("""INSERT INTO facts (fact_id, topic, label_de, period, source, as_of)
                   VALUES ('F1', 't', 'a', DATE '2021-09-01', 's', DATE '2022-01-01'),
                          ('F2', 't', 'b', DATE '2021-09-15', 's', DATE '2022-01-01')""")
    con.close()
    return Store(path)


def _shown(store: Store, source: Source, column: str) -> list[str]:
    """The column's cells as the grid spells them (`DataGrid._text`)."""
    b = Browser(store, Spec(source))
    i = b.rel.index(column)
    c = b.columns[i]
    rows = b.fetch(Plan(0, 10, "offset"))
    return [cell_text(r[i], c, r[b.rel.index(c.precision)] if c.precision else c.uniform_precision) for r in rows]


def test_periods_shown_by_their_precision_in_tabellen(tmp_path: Path) -> None:
    store = _periods_db(tmp_path / "p.duckdb")
    try:
        # indicators: each row's period_kind decides (and period_kind itself is technical)
        assert _shown(store, table_source("indicators"), "period") == ["09/2021", "2023", "31.12.2018"]
        assert columns.is_technical("period_kind")
        # revisions carry no kind: every value a first of a month → months
        assert _shown(store, table_source("indicator_revisions"), "period") == ["09/2021", "10/2021", "11/2021"]
        # facts: one value on the 15th → the column holds days, every value stays a full date
        assert _shown(store, table_source("facts"), "period") == ["01.09.2021", "15.09.2021"]
        # a query's period column is judged by its own values; a date that is no period stays a date
        q = query_source("SELECT period, new_value, DATE '2021-09-01' AS stichtag FROM indicator_revisions "
                         "ORDER BY period")
        assert _shown(store, q, "period") == ["09/2021", "10/2021", "11/2021"]
        assert _shown(store, q, "stichtag") == ["01.09.2021"] * 3
        # an empty result has no months to show
        empty = query_source("SELECT period FROM indicator_revisions WHERE false")
        assert Browser(store, Spec(empty)).columns[0].uniform_precision is None
    finally:
        store.close()
