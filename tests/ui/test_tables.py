"""Pilot tests of the Tabellen view: every key path, at 80×24, values shown literally."""

from __future__ import annotations

import asyncio
import csv
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.worker import WorkerState

from browse_data import build
from kjc_tui.read.browse import ColumnInfo
from kjc_tui.db.store import Store
from kjc_tui.ui.sheet_words import sheet_title
from kjc_tui.ui.messages import ShowView
from kjc_tui.ui.views.tables import TablesView
from kjc_tui.ui.widgets.data_grid import DataGrid, cell_text, show_controls


class TablesApp(App[None]):
    """The view alone, with a store and a clipboard that records."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.copied: list[str] = []
        self.messages: list[str] = []

    def compose(self) -> ComposeResult:
        yield TablesView()

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)

    def notify(self, message: str, **kw: Any) -> None:  # type: ignore[override]
        self.messages.append(message)
        super().notify(message, **kw)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("tables") / "t.duckdb", rows=1000)


@pytest.fixture()
def store(db: Path) -> Store:
    s = Store(db)
    yield s
    s.close()


def _busy(app: App[None]) -> bool:
    return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)


async def settle(pilot: Any) -> None:
    """Wait until every worker has finished and its results are on screen."""
    quiet = 0
    for _ in range(500):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.005)
        quiet = 0 if _busy(pilot.app) else quiet + 1
        if quiet >= 2:
            return


def view(pilot: Any) -> TablesView:
    return pilot.app.query_one(TablesView)


def lines(pilot: Any) -> list[str]:
    g = view(pilot).grid
    return [g.render_line(y).text for y in range(g.scrollable_content_region.height)]


def status(pilot: Any) -> str:
    return str(view(pilot).query_one("#tables-status").render())


async def opened(pilot: Any, source: str = "indicators", filters: list | None = None) -> TablesView:
    await settle(pilot)
    v = view(pilot)
    v.open(source, filters)
    await settle(pilot)
    return v


async def submit(pilot: Any, key: str, text: str) -> None:
    """Open a prompt with `key`, put `text` in it and press Enter."""
    await pilot.press(key)
    view(pilot).query_one("#tables-prompt").value = text
    await pilot.press("enter")


async def type_text(pilot: Any, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


# -- opening -------------------------------------------------------------------------------


async def test_picker_lists_tables_and_views_and_opens_one(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = view(pilot).query_one("#tables-picker")
        labels = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        assert any("Kennzahlen  (indicators) · 1.000 Zeilen" in s for s in labels)
        assert any(s.startswith("Sicht") and "Veranstaltungen mit Quoten" in s for s in labels)
        assert labels[-1].startswith("SQL-Abfrage")
        idx = next(i for i, s in enumerate(labels) if "(indicators)" in s)
        picker.highlighted = idx
        await pilot.press("enter")
        await settle(pilot)
        assert view(pilot).sheet is not None
        assert "Zeile 1 von 1.000" in status(pilot)
        assert lines(pilot)[0].split("│")[0].strip() == "Jobcenter"  # the German label
        assert "Text" in lines(pilot)[1] and "Datum" in lines(pilot)[1]
        await pilot.press("o")
        assert view(pilot).query_one("ContentSwitcher").current == "tables-picker"
        await pilot.press("escape")
        assert view(pilot).query_one("ContentSwitcher").current == "tables-grid"


async def test_open_from_elsewhere_lands_filtered(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot, "Kennzahlen", [("jobcenter_id", "=", "JC002"), ("sex", "=", "f")])
        assert v.sheet.pager.count == store.scalar(
            "SELECT count(*) FROM indicators WHERE jobcenter_id = 'JC002' AND sex = 'f'")
        assert "jobcenter_id = 'JC002'" in str(v.query_one("#tables-title").render())
        v.open("gibt_es_nicht")
        await settle(pilot)
        assert any("Keine Tabelle" in m for m in app.messages)


async def test_a_request_before_the_store_is_kept(store: Store) -> None:
    app = TablesApp(store)
    app.store = None  # type: ignore[assignment]
    async with app.run_test(size=(80, 24)) as pilot:
        v = view(pilot)
        v.open("indicators", [("sex", "=", "m")])
        await settle(pilot)
        assert v.sheet is None
        app.store = store
        v.reload()
        await settle(pilot)
        assert v.sheet is not None and v.sheet.spec.filters[0].value == "m"


# -- moving ------------------------------------------------------------------------------------


async def test_moving_by_cell_page_and_ends(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        g = v.grid
        await pilot.press("down", "down", "j", "right", "l")
        assert (g.cursor_row, g.cursor_col) == (3, 2)
        await pilot.press("up", "k", "left")
        assert (g.cursor_row, g.cursor_col) == (1, 1)
        await pilot.press("pagedown")
        assert g.cursor_row == 1 + g.page_height
        await pilot.press("pageup")
        assert g.cursor_row == 1
        await pilot.press("end")
        assert g.cursor_col == len(g.pager.browser.visible) - 1 and g.scroll_x > 0
        await pilot.press("home")
        assert g.cursor_col == 0 and g.scroll_x == 0
        await pilot.press("G")
        await settle(pilot)
        assert g.cursor_row == 999 and "Zeile 1.000 von 1.000" in status(pilot)
        assert lines(pilot)[-1].startswith(" JC005")  # the last row is on screen, not "…"
        await pilot.press("g")
        assert g.cursor_row == 0 and g.scroll_y == 0
        await pilot.press("space")
        assert g.cursor_row == g.page_height
        await pilot.press("ctrl+end")
        assert g.cursor_row == 999
        await pilot.press("ctrl+home", "enter")
        assert app.messages[-1] == "JC000"  # Enter shows the whole value


async def test_typing_is_never_blocked_by_fetching(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from kjc_tui.read.browse import Browser

    slow = Browser.fetch
    gate = threading.Event()  # rows come only when the test lets them (no race with a timer)

    def fetch(self: Browser, plan: Any) -> Any:
        gate.wait(30)
        return slow(self, plan)

    def first_cell(y: int) -> str:
        return lines(pilot)[y].split("│")[0].strip()

    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        monkeypatch.setattr(Browser, "fetch", fetch)
        v.grid.move_to(500)
        await pilot.press("k", "k", "k")
        assert v.grid.cursor_row == 497 and v.grid.loading_rows  # moved while rows are still coming
        # a row still coming shows "…" in its cells (a cell cut at the right edge also ends in "…",
        # so look at the first cell, not the line's end)
        assert first_cell(5) == "…"
        gate.set()
        await settle(pilot)
        assert not v.grid.loading_rows and first_cell(5).startswith("JC")


# -- sort, filter, columns -----------------------------------------------------------------------------


async def test_sorting_ascending_descending_and_second_key(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        v.grid.move_to_column("value")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert v.sheet.spec.sort[0].column == "value" and v.sheet.spec.sort[0].descending
        assert "Wert ▼" in lines(pilot)[0]
        top = store.scalar("SELECT max(value) FROM indicators")
        assert v.grid.current_row[5] == top
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert v.grid.current_row[5] == store.scalar("SELECT min(value) FROM indicators")
        v.grid.move_to_column("sex")
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert [(k.column, k.descending) for k in v.sheet.spec.sort] == [("value", False), ("sex", True)]
        assert "▲1" in lines(pilot)[0] and "▼2" in lines(pilot)[0]
        await pilot.press("left_curly_bracket")
        await settle(pilot)
        assert v.sheet.spec.sort[1].descending is False
        assert not v.stack  # sorting does not push


async def test_mouse_clicks_move_and_sort(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        g = v.grid
        await pilot.click(DataGrid, offset=(20, 5))  # a cell: row 3 (two header lines), column 2
        assert (g.cursor_row, g.cursor_col) == (3, 1)
        await pilot.click(DataGrid, offset=(2, 0))  # the first header: sort ascending
        await settle(pilot)
        assert [(k.column, k.descending) for k in v.sheet.spec.sort] == [("jobcenter_id", False)]
        await pilot.click(DataGrid, offset=(2, 0))
        await settle(pilot)
        assert v.sheet.spec.sort[0].descending


async def test_bindings_can_be_remapped_by_id(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        app.set_keymap({"tables.sort_desc": "z", "grid.cursor_down": "ctrl+n"})
        v.grid.move_to_column("value")
        await pilot.press("z")
        await settle(pilot)
        assert v.sheet.spec.sort and v.sheet.spec.sort[0].descending
        await pilot.press("ctrl+n")
        assert v.grid.cursor_row == 1


async def test_filters_push_and_escape_restores_the_cursor(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        v.grid.move_to(28)
        await pilot.press("down", "down")
        value = v.grid.current_value
        await pilot.press("equals_sign")
        await settle(pilot)
        n = store.scalar("SELECT count(*) FROM indicators WHERE jobcenter_id = ?", [value])
        assert v.sheet.pager.count == n and len(v.stack) == 1
        assert "⧩" in lines(pilot)[1]
        await pilot.press("escape")
        await settle(pilot)
        assert v.grid.cursor_row == 30 and v.sheet.pager.count == 1000 and not v.stack
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert v.sheet.pager.count == 1000 - n
        v.grid.move_to_column("value")
        await pilot.press("f")
        await type_text(pilot, "> 50,5")
        await pilot.press("enter")
        await settle(pilot)
        assert v.sheet.pager.count == store.scalar(
            "SELECT count(*) FROM indicators WHERE jobcenter_id <> ? AND value > 50.5", [value])
        v.grid.move_to_column("note")
        await submit(pilot, "vertical_line", "Notiz 1")
        await settle(pilot)
        assert len(v.sheet.spec.filters) == 3 and v.sheet.spec.filters[-1].op == "contains"
        await pilot.press("backspace")
        await settle(pilot)
        assert len(v.sheet.spec.filters) == 2
        await pilot.press("x")
        await settle(pilot)
        assert v.sheet.spec.filters == () and v.sheet.pager.count == 1000


async def test_bad_filter_input_is_reported(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        v.grid.move_to_column("value")
        await submit(pilot, "f", "> viel")
        await settle(pilot)
        assert any("passt nicht" in m for m in app.messages) and not v.stack
        await pilot.press("f", "escape")
        assert v.grid.has_focus


async def test_hide_and_show_columns(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        await pilot.press("down", "down", "minus")
        assert "Jobcenter" not in lines(pilot)[0] and v.grid.cursor_row == 2
        assert len(v.grid.pager.browser.visible) == 9  # Quelle, Stand, Zeitraumart are technical (T shows them)
        await pilot.press("minus", "minus", "minus")
        # reading order: Jobcenter, Kennzahl, Zeitraum, Geschlecht (tells the rows of one month apart), Wert
        assert lines(pilot)[0].split("│")[0].strip() == "Wert"
        await pilot.press("v")
        assert lines(pilot)[0].split("│")[0].strip() == "Jobcenter"
        await pilot.press("T")  # the technical view: Quelle and Stand, technical names under the labels
        assert len(v.grid.pager.browser.visible) == 13
        assert lines(pilot)[1].split("│")[0].strip() == "jobcenter_id"
        await pilot.press("T")
        assert len(v.grid.pager.browser.visible) == 10 and "Text" in lines(pilot)[1]


async def test_a_jump_deep_into_a_sorted_view(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from kjc_tui.read import paging

    monkeypatch.setattr(paging, "BLOCK", 40)
    monkeypatch.setattr(paging, "DEEP", 100)
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        v.grid.move_to_column("value")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        v.grid.move_to(500)  # as a drag of the scrollbar does
        await settle(pilot)
        g = v.grid
        assert abs(g.cursor_row - 500) < 100 and g.visible_complete()
        ref = store.tuples("SELECT *, rowid FROM indicators ORDER BY value DESC, rowid")[1]
        assert all(g.pager.row(p) == ref[p] for p in range(1000) if g.pager.row(p) is not None)
        assert f"Zeile {g.cursor_row + 1} von 1.000" in status(pilot)


# -- search ----------------------------------------------------------------------------------------------


async def test_search_next_and_previous(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        v.grid.move_to_column("note")
        await pilot.press("slash")
        await type_text(pilot, "notiz 5")
        await pilot.press("enter")
        await settle(pilot)
        hits = [r[0] for r in store.tuples(
            "SELECT rowid FROM indicators WHERE lower(note) LIKE '%notiz 5%' ORDER BY rowid")[1]]
        assert v.grid.cursor_row == hits[0]
        await pilot.press("n")
        await settle(pilot)
        assert v.grid.cursor_row == hits[1]
        await pilot.press("N")
        await settle(pilot)
        assert v.grid.cursor_row == hits[0]
        await pilot.press("backslash")  # all columns
        v.query_one("#tables-prompt").value = "JC006"
        await pilot.press("enter")
        await settle(pilot)
        assert v.grid.current_row[0] == "JC006" and v.grid.cursor_row % 7 == 6
        await submit(pilot, "slash", "gibtsnicht")
        await settle(pilot)
        assert any("Nicht gefunden" in m for m in app.messages)


# -- frequency, drill-down, statistics ---------------------------------------------------------------------


async def test_frequency_drill_and_back_twice(store: Store) -> None:
    """The issue's walk: sort, filter, frequency, drill, Escape twice to the unfiltered view."""
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        v.grid.move_to_column("value")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        await pilot.press(*["down"] * 5)
        v.grid.move_to_column("jobcenter_id")
        district = v.grid.current_value
        await pilot.press("equals_sign")
        await settle(pilot)
        v.grid.move_to_column("indicator")
        await pilot.press("F")
        await settle(pilot)
        assert v.sheet.spec.source.kind == "freq"
        assert "Anzahl" in lines(pilot)[0] and "%" in lines(pilot)[2]
        assert f"jobcenter_id = '{district}'" in sheet_title(v.sheet.spec)
        first = v.grid.current_row
        await pilot.press("enter")
        await settle(pilot)
        assert v.sheet.pager.count == first[1] and v.grid.current_column.name == "indicator"
        assert [f.column for f in v.sheet.spec.filters] == ["jobcenter_id", "indicator"]
        assert v.sheet.spec.filters[0].value == district
        await pilot.press("escape")
        await settle(pilot)
        assert [f.column for f in v.sheet.spec.filters] == ["jobcenter_id"]
        await pilot.press("escape")
        await settle(pilot)
        assert v.sheet.spec.filters == () and v.sheet.spec.sort[0].descending
        assert v.grid.cursor_row == 5 and v.grid.current_column.name == "jobcenter_id"
        await pilot.press("escape")  # nothing left: the key goes on to the app
        assert v.sheet.pager.count == 1000


async def test_statistics_and_jump_to_a_column(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        await pilot.press("I")
        await settle(pilot)
        assert v.sheet.spec.source.kind == "stats"
        assert lines(pilot)[0].split("│")[0].strip() == "Spalte"
        await pilot.press(*["down"] * 4)  # Jobcenter, Kennzahl, Zeitraum, Geschlecht, Wert
        assert v.grid.current_row[0] == "value"
        await pilot.press("enter")
        await settle(pilot)
        assert v.sheet.spec.source.kind == "table" and v.grid.current_column.name == "value"


# -- copy, export, SQL -----------------------------------------------------------------------------------------


async def test_copy_value_and_row(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        await pilot.press("down", "c")
        await pilot.press("right", "y")
        await pilot.press("Y")
        # numbers and dates as shown, so that German Excel reads them as such
        assert app.copied[:2] == ["JC001", "K2"]  # the key as stored, not its shown name
        row = v.grid.current_row
        # the shown columns in reading order: Jobcenter, Kennzahl, Zeitraum, Geschlecht, Wert, Zähler, …
        assert app.copied[2].split("\t")[:4] == ["JC001", "K2", "01.01.2020", "f"]
        browser = v.sheet.pager.browser
        value, numerator = (browser.visible[i] for i in (4, 5))
        assert browser.columns[value].name == "value"
        assert app.copied[2].split("\t")[4] == cell_text(row[value], browser.columns[value])
        assert app.copied[2].split("\t")[5] == ("" if row[numerator] is None
                                                else cell_text(row[numerator], browser.columns[numerator]))


async def test_export_with_a_path_prompt(store: Store, tmp_path: Path) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot, "indicators", [("sex", "=", "m")])
        target = tmp_path / "m.csv"
        await pilot.press("e")
        prompt = v.query_one("#tables-prompt")
        assert prompt.value == "indicators.csv"
        prompt.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        with open(target, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert len(rows) - 1 == v.sheet.pager.count
        assert any("exportiert" in m for m in app.messages)
        await pilot.press("E")
        excel = tmp_path / "m-excel.csv"
        prompt.value = str(excel)
        await pilot.press("enter")
        await settle(pilot)
        assert excel.read_bytes().startswith(b"\xef\xbb\xbf")
        for name in ("x.doc", "x.txt"):  # refused, asked again with the allowed endings
            await pilot.press("e")
            prompt.value = str(tmp_path / name)
            await pilot.press("enter")
            await settle(pilot)
            assert ".xlsx" in prompt.border_title and prompt.has_class("-shown")
            assert prompt.value == str(tmp_path / name) and not (tmp_path / name).exists()
            await pilot.press("escape")
        # an existing file: a second Enter overwrites it
        target.write_text("alt")
        await pilot.press("e")
        prompt.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text() == "alt" and "überschreibt" in prompt.border_title
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text() != "alt" and not prompt.has_class("-shown")


async def test_a_prompt_below_the_grid_keeps_the_cursor_row_in_view(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot, "indicators")
        g = v.grid
        g.move_to(g.top_row + g.page_height - 1)  # the last row on screen
        await settle(pilot)
        def grounds(y: int) -> set[object]:
            g.refresh()
            return {seg.style.bgcolor for seg in g.render_line(y) if seg.style and seg.text.strip(" │")}

        def cursor_line() -> int:
            return g.cursor_row - g.top_row + 2  # below the two header lines

        focused = grounds(cursor_line())
        await pilot.press("e")
        await settle(pilot)
        assert g.top_row <= g.cursor_row < g.top_row + g.page_height
        # the prompt has the focus: the grid's cursor row is no longer highlighted (like the row
        # above it), only its cursor cell stays faintly marked: the prompt acts on it
        assert not g.has_focus
        blurred = grounds(cursor_line())
        assert blurred != focused and len(blurred) == 2
        assert grounds(cursor_line() - 1) < blurred


async def test_escape_stops_a_slow_query(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        await pilot.press("colon")
        v.query_one("#tables-prompt").value = (
            "SELECT count(*) AS n FROM range(100000000000) a(i) WHERE i % 7 = 3")
        await pilot.press("enter")
        for _ in range(200):
            await asyncio.sleep(0.01)
            if v._building is not None:
                break
        t = time.perf_counter()
        await pilot.press("escape")
        await settle(pilot)
        assert time.perf_counter() - t < 5
        assert any("Abgebrochen" in m for m in app.messages)
        assert v.sheet.spec.source.kind == "table" and not v.stack


async def test_sql_prompt_and_refusal(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        await submit(pilot, "colon", "SELECT sex, count(*) AS n FROM indicators GROUP BY sex")
        await settle(pilot)
        assert v.sheet.spec.source.kind == "query" and v.sheet.pager.count == 3 and len(v.stack) == 1
        await submit(pilot, "colon", "DROP TABLE indicators")
        await settle(pilot)
        assert any("Nur lesende" in m for m in app.messages) and v.sheet.pager.count == 3
        await pilot.press("colon")  # the refused query comes back to be fixed
        assert v.query_one("#tables-prompt").value == "DROP TABLE indicators"
        assert not app._notifications  # nothing covers the prompt


# -- literal values ------------------------------------------------------------------------------------------------


async def test_values_are_shown_literally(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot, "odd")
        await pilot.press("right")
        text = "\n".join(lines(pilot))
        assert "[bold]nicht fett[/bold]" in text
        assert "C:\\Pfad\\zu\\datei \\n kein" in text
        assert "␛[31mrot?␛[0m" in text and "\x1b" not in text
        assert "Zeile1␊Zeile2␉Tab" in text
        assert "sehr lang xxx" in text and "…" in text and "ENDE" not in text
        assert "∅" in text
        assert 'Name "zitiert"' in text and "weird col [x]" in text
        await pilot.press(*["down"] * 6)
        assert "[link=https://example.org]klick[/link] $(rm -rf /)" in status(pilot)
        await pilot.press("up", "up")
        await pilot.press("c")
        assert app.copied[-1] == "sehr lang " + "x" * 500 + " ENDE"
        for line in lines(pilot):
            assert len(line) <= 80


def test_cell_text_formats() -> None:
    from datetime import date, datetime

    from kjc_tui.read.browse import ColumnInfo

    num, text = ColumnInfo("value", "DOUBLE"), ColumnInfo("t", "VARCHAR")
    assert cell_text(1234567.5, num) == "1.234.567,5"
    assert cell_text(-0.25, num) == "−0,25"
    assert cell_text(1e20, num) == "1e+20"
    assert cell_text(12345, ColumnInfo("n", "BIGINT")) == "12.345"
    assert cell_text(2024, ColumnInfo("year", "BIGINT")) == "2024"
    assert cell_text(0.246, ColumnInfo("Anteil", "DOUBLE", fmt="percent")) == "24,6 %"
    assert cell_text(date(2024, 2, 22), ColumnInfo("d", "DATE")) == "22.02.2024"
    assert cell_text(datetime(2024, 2, 22, 14, 5), ColumnInfo("d", "TIMESTAMP")) == "22.02.2024 14:05:00"
    assert cell_text(None, text) == "∅" and cell_text(True, ColumnInfo("b", "BOOLEAN")) == "ja"
    assert show_controls("a\u202eb\x00\x7f") == "a\\u202eb␀␡"
    assert DataGrid.BINDINGS and all(b.id for b in DataGrid.BINDINGS)  # type: ignore[union-attr]
    assert all(b.id and b.id.startswith("tables.") for b in TablesView.BINDINGS)  # type: ignore[union-attr]


async def test_works_with_an_empty_result(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot, "indicators", [("jobcenter_id", "=", "niemand")])
        assert v.sheet.pager.count == 0 and "keine Zeilen" in status(pilot)
        await pilot.press("down", "G", "equals_sign", "F", "c", "n")
        await settle(pilot)
        await asyncio.sleep(0)
        assert v.sheet.pager.count == 0


def test_snapshot_80x24(snap_compare: Any, db: Path) -> None:
    """The literal-values table at 80×24 (update with `pytest --snapshot-update`)."""
    store = Store(db)

    async def ready(pilot: Any) -> None:
        await opened(pilot, "odd")
        await pilot.press("down", "down", "right")

    try:
        assert snap_compare(TablesApp(store), terminal_size=(80, 24), run_before=ready)
    finally:
        store.close()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark", "ansi-light"])
async def test_the_cursor_row_is_readable_in_every_theme(store: Store, theme: str) -> None:
    """Every segment of the rows on screen (cells, separators, nulls, the cursor cell) has a
    foreground unlike its background, in true colour and in 16 colours: `$boost` and
    `$text-disabled` are blended over the row, not drawn as opaque white."""
    from rich.color import ColorSystem
    from textual.color import Color

    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        v = await opened(pilot, "odd")
        await pilot.press("down", "right")
        g = v.grid
        for y in range(2, 8):
            for seg in g.render_line(y):
                if not seg.text.strip():
                    continue
                fg, bg = seg.style.color, seg.style.bgcolor
                assert fg is not None and bg is not None, (theme, y, seg)
                if fg.is_default or bg.is_default:
                    continue  # the terminal's own colour (ANSI themes): its brightness is unknown
                contrast = abs(Color.from_rich_color(fg).brightness - Color.from_rich_color(bg).brightness)
                assert contrast > 0.25, (theme, y, seg)
                assert fg.downgrade(ColorSystem.STANDARD) != bg.downgrade(ColorSystem.STANDARD), (theme, y, seg)
                if seg.text in ("│", "∅") and theme.startswith("textual"):
                    # separators and nulls are dimmed (blended), never brighter than the text
                    assert contrast < 0.6, (theme, y, seg)


def _cursor_column_on_screen(g: DataGrid) -> bool:
    left, right = g._offsets[g.cursor_col], g._offsets[g.cursor_col + 1]
    return g.scroll_x <= left and right <= g.scroll_x + g.scrollable_content_region.width


async def test_the_cursor_column_stays_in_sight_after_the_picker(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        g = v.grid
        await pilot.press("l", "l", "h", "h")
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert g.cursor_col == 0 and g.scroll_x == 0 and _cursor_column_on_screen(g)
        await pilot.press(*["l"] * 6)
        await pilot.press("o")
        await pilot.pause()
        picker = v.query_one("#tables-picker")
        picker.highlighted = next(i for i in range(picker.option_count)
                                  if picker.get_option_at_index(i).id == "odd")
        await pilot.press("enter")
        await settle(pilot)
        assert g.cursor_col == 0 and g.scroll_x == 0 and _cursor_column_on_screen(g)
        assert lines(pilot)[0].split("│")[0].strip() == "id"


async def test_grid_keys_do_not_reach_the_table_behind_the_picker_or_a_prompt(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        await pilot.press("o")
        await pilot.pause()
        shown = {b.binding.action for b in app.active_bindings.values() if b.enabled and b.binding.show}
        assert "sort(False)" not in shown and "frequency" not in shown
        await pilot.press("left_square_bracket", "F", "x")
        await settle(pilot)
        assert v.sheet.spec.sort == () and v.sheet.spec.source.kind == "table" and not v.stack
        assert v.query_one("ContentSwitcher").current == "tables-picker"
        await pilot.press("escape")
        await pilot.press("f")
        await pilot.pause()
        shown = {b.binding.action for b in app.active_bindings.values() if b.enabled and b.binding.show}
        assert "search" not in shown and "pick" not in shown
        await pilot.press("escape")
        await pilot.pause()
        shown = {b.binding.action for b in app.active_bindings.values() if b.enabled and b.binding.show}
        assert "sort(False)" in shown


async def test_a_language_switch_words_the_view_again_in_place(store: Store) -> None:
    """F2 relabels in place: the same Tabellen view, its stack, cursor and focus stay; the
    title, status line and footer labels are in the new language."""
    from kjc_tui.ui.i18n import set_language
    from kjc_tui.ui.messages import relabel

    app = TablesApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            v = await opened(pilot, "indicators")
            v.grid.move_to_column("sex")
            await pilot.press("equals_sign")
            await settle(pilot)
            v.grid.move_to_column("value")
            await pilot.press("right_square_bracket")
            await settle(pilot)
            await pilot.press("down", "down")
            sex = v.sheet.spec.filters[0].value
            assert status(pilot).startswith("Zeile 3 von")
            set_language("en")
            relabel(app)
            await settle(pilot)
            assert view(pilot) is v
            assert v.sheet.spec.filters[0].value == sex and v.sheet.spec.sort[0].column == "value"
            assert len(v.stack) == 1 and v.grid.cursor_row == 2 and v.grid.current_column.name == "value"
            assert app.focused is v.grid
            assert status(pilot).startswith("Row 3 of")
            shown = {b.binding.description for b in app.active_bindings.values() if b.binding.show}
            assert {"Open", "Search", "Freq."} <= shown
            await pilot.press("f")
            await pilot.pause()
            assert v.query_one("#tables-prompt").border_title.startswith("Filter for value")
            set_language("de")
            relabel(app)
            await pilot.pause()
            assert v.query_one("#tables-prompt").border_title.startswith("Filter für value")
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert v.sheet.spec.filters == ()
    finally:
        set_language("de")


async def test_german_spelling_in_statistics_filter_titles_and_query_types(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        v = await opened(pilot)
        v.grid.move_to_column("value")
        await submit(pilot, "f", "<= 24,6")
        await settle(pilot)
        assert "value ≤ 24,6" in str(v.query_one("#tables-title").render())
        await pilot.press("I")
        await settle(pilot)
        await pilot.press(*["down"] * 4)
        row = v.grid.current_row
        assert row[0] == "value"
        lo = store.scalar("SELECT min(value) FROM indicators WHERE value <= 24.6")
        v.grid.move_to_column("minimum")
        assert v.grid.current_text == cell_text(lo, ColumnInfo("value", "DOUBLE"))
        await pilot.press("up", "up")
        assert v.grid.current_row[0] == "period" and v.grid.current_text.count(".") == 2
        await submit(pilot, "colon", "SELECT sum(n) AS s, 1.5::DECIMAL(4,1) AS d FROM range(3) r(n)")
        await settle(pilot)
        assert lines(pilot)[1].split("│")[0].strip() == "Ganzzahl"
        assert lines(pilot)[1].split("│")[1].strip() == "Zahl"


async def test_escape_stops_a_slow_search(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        await submit(pilot, "colon", "SELECT i, 'x' || i::VARCHAR AS t FROM range(300000000) r(i)")
        await settle(pilot)
        await submit(pilot, "backslash", "gibtsnicht")
        for _ in range(500):
            await asyncio.sleep(0.01)
            if v._searching is not None:
                break
        await pilot.press("escape")
        await settle(pilot)
        assert any("Abgebrochen" in m for m in app.messages)
        assert not any("Nicht gefunden" in m for m in app.messages)
        assert v.sheet.spec.source.kind == "query"


async def test_the_title_keeps_the_way_back_and_the_sort_at_80_columns(store: Store) -> None:
    app = TablesApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        v = await opened(pilot)
        for column in ("jobcenter_id", "indicator", "sex"):
            v.grid.move_to_column(column)
            await pilot.press("exclamation_mark")
            await settle(pilot)
        v.grid.move_to_column("value")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        title = v.query_one("#tables-title")
        shown = title.render_line(0).text
        assert shown.startswith("Esc⟲3 · Kennzahlen · sortiert: value ▼ · Filter:")
        await submit(pilot, "colon", "SELECT 1 AS eins")
        await settle(pilot)
        assert "SQL: SELECT 1 AS eins" in title.render_line(0).text


class ViewsApp(TablesApp):
    """Tabellen as one of several views, like the dashboard."""

    def compose(self) -> ComposeResult:
        from textual.widgets import ContentSwitcher, Static

        with ContentSwitcher(id="views", initial="view-jobcenter"):
            yield Static("Profil", id="view-jobcenter")
            yield TablesView(id="view-tables")

    async def action_show_view(self, name: str) -> None:
        self.query_one("#views").current = f"view-{name}"

    async def on_show_view(self, message: ShowView) -> None:
        await self.action_show_view(message.name)

    async def open_table(self, source: str, filters: list) -> None:  # as the app's show_table
        await self.action_show_view("tables")
        self.query_one(TablesView).open(source, filters)


async def test_escape_goes_back_to_the_view_that_opened_the_table(store: Store) -> None:
    app = ViewsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        v = app.query_one(TablesView)
        switcher = app.query_one("#views")
        for _ in range(2):  # a second opening starts a fresh stack instead of piling up
            await app.open_table("indicators", [("sex", "=", "m")])
            await settle(pilot)
            assert switcher.current == "view-tables" and not v.stack
            v.grid.focus()
            await pilot.press("equals_sign")
            await settle(pilot)
            assert len(v.stack) == 1
            await pilot.press("escape")
            await settle(pilot)
            assert switcher.current == "view-tables" and not v.stack
            await pilot.press("escape")
            await settle(pilot)
            assert switcher.current == "view-jobcenter"


async def test_tables_in_english(store: Store) -> None:
    from kjc_tui.ui import keys
    from kjc_tui.ui.i18n import set_language

    set_language("en")
    try:
        app = TablesApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            v = view(pilot)
            for node in [v, v.grid]:
                keys.localise(node, "en")
            picker = v.query_one("#tables-picker")
            labels = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
            assert "Table  Indicators  (indicators) · 1,000 rows" in labels
            assert labels[-1] == "Enter an SQL query …"
            await opened(pilot)
            assert status(pilot).startswith("Row 1 of 1,000 · Column 1/")
            assert "Text" in lines(pilot)[1] and "Date" in lines(pilot)[1]
            shown = {b.binding.description for b in app.active_bindings.values() if b.binding.show}
            assert {"Open", "Filter", "Search", "Freq."} <= shown
            await pilot.press("c")
            assert "Value copied" in app.messages
    finally:
        set_language("de")


@pytest.mark.parametrize(("lang", "shown"), [
    ("de", ["1.234,5", "ja", "22.02.2024", "22.02.2024 14:05:00", "12.345"]),
    ("en", ["1,234.5", "yes", "2024-02-22", "2024-02-22 14:05:00", "12,345"])])
async def test_cells_and_statistics_follow_the_ui_language(store: Store, lang: str, shown: list[str]) -> None:
    """Numbers, booleans and dates in the grid and the statistics' minimum and maximum are spelt in the
    UI's language by core/fmt (the read layer returns the values); the position line too."""
    from kjc_tui.ui.i18n import set_language

    set_language(lang)
    try:
        app = TablesApp(store)
        async with app.run_test(size=(120, 30)) as pilot:
            v = await opened(pilot)
            await submit(pilot, "colon", "SELECT 1234.5::DOUBLE AS x, true AS b, DATE '2024-02-22' AS d, "
                                         "TIMESTAMP '2024-02-22 14:05:00' AS ts, 12345 AS n")
            await settle(pilot)
            texts = []
            for name in ("x", "b", "d", "ts", "n"):
                v.grid.move_to_column(name)
                texts.append(v.grid.current_text)
            assert texts == shown
            await pilot.press("I")
            await settle(pilot)
            stats = []
            for _ in range(5):
                v.grid.move_to_column("maximum")
                stats.append(v.grid.current_text)
                await pilot.press("y")   # the copy is spelt as the screen shows it, not as DuckDB's text
                await pilot.press("down")
            assert stats == shown
            assert app.copied == shown
    finally:
        set_language("de")


@pytest.mark.parametrize(("lang", "words"), [("de", ["insgesamt", "Frauen", "Männer"]),
                                             ("en", ["total", "women", "men"])])
async def test_sex_codes_are_worded_in_the_grid_and_kept_by_filter_sort_and_export(
        store: Store, lang: str, words: list[str]) -> None:
    from kjc_tui.ui.i18n import set_language

    set_language(lang)
    try:
        app = TablesApp(store)
        async with app.run_test(size=(120, 30)) as pilot:
            v = await opened(pilot)
            v.grid.move_to_column("sex")
            await pilot.press("left_square_bracket")   # sorted by the stored code: all < f < m
            await settle(pilot)
            sex = v.grid.pager.browser.rel.index("sex")
            first = (v.grid.current_row[sex], v.grid.current_text)
            await pilot.press("ctrl+end")
            await settle(pilot)
            assert [first, (v.grid.current_row[sex], v.grid.current_text)] == [("all", words[0]), ("m", words[2])]
            v2 = await opened(pilot, filters=[("sex", "=", "f")])
            v2.grid.move_to_column("sex")
            assert v2.grid.current_text == words[1]
            assert "sex = 'f'" in str(v2.query_one("#tables-title").render())
            sql, params = v2.grid.pager.browser.export_sql()
            values = {r["sex"] for r in store.rows(sql, list(params))}
            assert values == {"f"}   # the export reads the stored code
            await pilot.press("I")   # the statistics' minimum and maximum of the codes: worded alike
            await settle(pilot)
            stats = view(pilot)
            while stats.grid.current_row[0] != "sex":
                await pilot.press("down")
            stats.grid.move_to_column("minimum")
            assert (stats.grid.current_row[stats.grid.pager.browser.rel.index("minimum")], stats.grid.current_text) == (
                "f", words[1])
    finally:
        set_language("de")
