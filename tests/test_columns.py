"""How Tabellen presents columns (read/columns.py, core/cells.py): labels, keys with names,
dates by their precision, technical columns, reading order."""

from __future__ import annotations

from datetime import date

from kjc_tui.core.cells import cell_text
from kjc_tui.read import columns
from kjc_tui.read.browse import ColumnInfo


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
