"""Exports equal the browsed view: every format, the German-Excel CSV, failures leave files alone."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from browse_data import ODD_VALUES, build
from kjc_tui.read import browse
from kjc_tui.read.browse import Browser, BrowseError, Filter, Spec, SortKey
from kjc_tui.ui.i18n import coded, set_language
from kjc_tui.core import fmt
from kjc_tui.read.export import ExportError, _german_select, export_query, export_rows, export_table, export_view
from kjc_tui.db.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(build(tmp_path_factory.mktemp("export") / "e.duckdb", rows=300))
    yield s
    s.close()


@pytest.fixture()
def view(store: Store) -> Browser:
    spec = Spec(browse.table_source("indicators"), sort=(SortKey("value", True),),
                filters=(Filter("sex", "!=", "m"),)).hiding("source").hiding("period_kind")
    return Browser(store, spec)


def shown(store: Store, browser: Browser) -> tuple[list[str], list[tuple]]:
    sql, params = browser.export_sql()
    return store.tuples(sql, params)


def read_back(path: Path) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect()
    rel = {
        ".csv": "SELECT * FROM read_csv(?, header = true)",
        ".parquet": "SELECT * FROM read_parquet(?)",
        ".jsonl": "SELECT * FROM read_json(?, format = 'newline_delimited')",
    }[path.suffix]
    res = con.execute(rel, [str(path)])
    return [d[0] for d in res.description], res.fetchall()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_export_equals_the_view(store: Store, view: Browser, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"out{suffix}"
    seen: list[float] = []
    n = export_view(view, target, progress=seen.append)
    cols, rows = shown(store, view)
    assert n == len(rows) == 200
    got_cols, got = read_back(target)
    assert got_cols == cols and "source" not in cols
    if suffix == ".csv":  # CSV has no types: compare the text
        assert [[str(v) if v is not None else None for v in r] for r in got] == \
               [[str(v) if v is not None else None for v in r] for r in rows]
    else:
        assert got == rows
    assert seen[-1] == 1.0
    assert list(tmp_path.iterdir()) == [target]


def test_json_is_an_array_of_objects(store: Store, view: Browser, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    export_view(view, target)
    cols, rows = shown(store, view)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [list(d) for d in data[:1]] == [cols]
    assert [d["value"] for d in data] == [r[cols.index("value")] for r in rows]
    assert data[0]["as_of"] == "2025-01-01"


def test_xlsx(store: Store, view: Browser, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "out.xlsx"
    n = export_view(view, target)
    cols, rows = shown(store, view)
    ws = load_workbook(target, read_only=True).active
    got = list(ws.iter_rows(values_only=True))
    assert list(got[0]) == cols and n == len(rows) == len(got) - 1
    conv = [tuple(v.date() if hasattr(v, "date") else v for v in r) for r in got[1:]]
    assert conv == rows


def test_xlsx_keeps_text_as_text_and_drops_control_characters(store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    b = Browser(store, Spec(browse.query_source(
        "SELECT '=1+1' AS formel, 'a' || chr(27) || '[31mb' AS steuer, 1.5 AS zahl")))
    target = tmp_path / "q.xlsx"
    export_view(b, target)
    ws = load_workbook(target).active
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws["B2"].value == "a[31mb"
    assert ws["C2"].value == 1.5


def test_german_excel_csv(store: Store, view: Browser, tmp_path: Path) -> None:
    target = tmp_path / "excel.csv"
    export_view(view, target, german_excel=True)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    with open(target, encoding="utf-8-sig", newline="") as f:
        got = list(csv.reader(f, delimiter=";"))
    cols, rows = shown(store, view)
    assert got[0] == cols

    # spelt as the one formatter spells a value for German Excel
    assert got[1:] == [[fmt.excel(v) for v in r] for r in rows]
    assert any("," in r[cols.index("value")] for r in got[1:])


def test_odd_values_survive_csv(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "odd.csv"
    n = export_table(store, "odd", target)
    assert n == len(ODD_VALUES)
    with open(target, encoding="utf-8", newline="") as f:
        got = list(csv.DictReader(f))
    assert [r['Name "zitiert"'] or None for r in got] == ODD_VALUES


def test_query_export_may_write_only_its_file(store: Store, tmp_path: Path) -> None:
    b = Browser(store, Spec(browse.query_source("SELECT jobcenter_id, count(*) AS n FROM indicators GROUP BY 1")))
    target = tmp_path / "q.parquet"
    assert export_view(b, target) == 7
    assert sorted(read_back(target)[1]) == sorted(store.tuples(
        "SELECT jobcenter_id, count(*) FROM indicators GROUP BY 1")[1])


def test_failures_leave_the_target_alone(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("alt", encoding="utf-8")
    cur = store.cursor()
    with pytest.raises(ExportError):
        export_query(cur, "SELECT * FROM gibt_es_nicht", [], target)
    # codes and parameters, worded by the UI and the CLI (in German and English)
    with pytest.raises(ExportError) as ending:
        export_query(cur, "SELECT 1", [], tmp_path / "x.doc")
    assert (ending.value.code, ending.value.params) == ("ending", {"ending": ".doc"})
    assert coded("export.err.ending", ending.value.params).endswith("(nicht .doc).")
    with pytest.raises(ExportError) as excel:
        export_query(cur, "SELECT 1", [], tmp_path / "x.parquet", german_excel=True)
    assert excel.value.code == "excel_csv"
    with pytest.raises(ExportError) as missing:
        export_query(cur, "SELECT 1", [], tmp_path / "fehlt" / "x.csv")
    assert missing.value.params == {"directory": str(tmp_path / "fehlt")}
    set_language("en")
    try:
        assert coded("export.err.no_directory", missing.value.params).startswith("The directory ")
        assert coded("export.err.ending", {"ending": ""}).endswith("(not no ending).")
    finally:
        set_language("de")
    with pytest.raises(BrowseError) as refused:
        export_table(store, "gibt_es_nicht", target)
    assert (refused.value.code, refused.value.params) == ("no_relation", {"name": "gibt_es_nicht"})
    assert target.read_text(encoding="utf-8") == "alt"
    assert list(tmp_path.iterdir()) == [target]


def test_export_table_by_german_label(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "kennzahlen.parquet"
    assert export_table(store, "Kennzahlen", target) == 300
    # the export is the Tabellen view: columns in reading order (read.columns.READ_FIRST), then the rest
    first = "jobcenter_id, indicator, period, sex, value, numerator, denominator"
    assert read_back(target) == store.tuples(f"SELECT {first}, * EXCLUDE ({first}) FROM indicators")


def test_frequency_and_statistics_sheets_export(store: Store, view: Browser, tmp_path: Path) -> None:
    freq = Browser(store, view.frequency("indicator"))
    target = tmp_path / "freq.csv"
    assert export_view(freq, target) == 4
    cols, rows = read_back(target)
    assert cols == ["indicator", "count", "share"] and sum(r[1] for r in rows) == 200
    stats = Browser(store, view.stats())
    target = tmp_path / "stats.parquet"
    assert export_view(stats, target) == len(view.visible)
    assert read_back(target)[1][0][:3] == ("jobcenter_id", "VARCHAR", 200)


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=20))
@settings(max_examples=40, deadline=None)
def test_sql_spelling_of_numbers_is_fmt_excel(values: list[float]) -> None:
    """The large exports spell numbers in SQL; they agree with `fmt.excel` digit for digit."""
    import duckdb

    con = duckdb.connect()
    try:
        sql = _german_select(con, "SELECT unnest(?::DOUBLE[]) AS x", [values])
        got = [r[0] for r in con.execute(sql, [values]).fetchall()]
    finally:
        con.close()
    assert got == [fmt.excel(v) for v in values]


def test_export_rows_writes_the_comparison_shape(tmp_path: Path) -> None:
    target = tmp_path / "rows.csv"
    n = export_rows(["Name", "Wert", "Stand", "Rang"], [["a;b", -1.5, date(2025, 6, 1), "1 von 2"],
                                                        ["c", None, None, ""]], target, note="HINWEIS")
    assert n == 2
    text = target.read_bytes().decode("utf-8-sig")
    assert text.split("\r\n")[:4] == ["HINWEIS", "Name;Wert;Stand;Rang", '"a;b";-1,5;01.06.2025;1 von 2', "c;;;"]
