"""Tabellen: browse any table, derived view or read-only query, VisiData-style.

Every sheet (a view of a source with its sort, filters and hidden columns) is paged from
DuckDB by a `DataGrid`.  Filters, frequency tables, statistics and opened sources push a
sheet on a back stack; Escape returns to the previous sheet with its cursor.  All
database work runs in thread workers; this module holds no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Container
from textual.content import Content
from textual.widgets import ContentSwitcher, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kjc_tui.read.browse import (
    Browser, BrowseError, Filter, Spec, drill, parse_condition, query_source, relation_names, source_for,
    table_rows,
)
from kjc_tui.read.paging import Pager
from kjc_tui.core.schema import TABLES, VIEWS
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import explained, language, t
from kjc_tui.core.cells import copy_text
from kjc_tui.core.fmt import show_controls
from kjc_tui.ui.messages import ShowView
from kjc_tui.ui.sheet_words import browse_error, column_label, sheet_title
from kjc_tui.ui.views.tables_prompt import Ask, ContainsAsk, ExportAsk, FilterAsk, SearchAsk, SqlAsk
from kjc_tui.ui.widgets import chartfmt as cf
from kjc_tui.ui.widgets.data_grid import DataGrid

SQL_OPTION = ":sql"


@dataclass
class Sheet:
    """A view on the back stack, with where the user was in it."""

    pager: Pager
    cursor: tuple[int, int] = (0, 0)
    scroll: tuple[int, int] = (0, 0)

    @property
    def spec(self) -> Spec:
        return self.pager.browser.spec


class TablesView(Container):
    """The Tabellen screen: a source picker and the paged grid."""

    BINDINGS = keys.bindings("tables")

    _GRID_ACTIONS = frozenset(k.action.partition("(")[0] for k in keys.KEYS if k.scope == "tables")

    DEFAULT_CSS = """
    TablesView { height: 1fr; layout: vertical; }
    TablesView #tables-title { height: 1; background: $panel; color: $text; padding: 0 1; }
    TablesView #tables-status { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    TablesView #tables-prompt { display: none; }
    TablesView #tables-prompt.-shown { display: block; }
    TablesView ContentSwitcher { height: 1fr; }
    TablesView #tables-picker { height: 1fr; }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self.sheet: Sheet | None = None
        self.stack: list[Sheet] = []
        self._search: tuple[str, str | None] | None = None
        #: the prompt's title, worded again after a language switch
        self._prompt_words: Callable[[], str] = str
        #: what the title says while no sheet is shown (an i18n key), and what the picker lists
        self._title_key: str | None = "view.tables"
        self._relations: tuple[dict[str, str], dict[str, int]] | None = None
        #: what the open prompt asks for (None: no prompt)
        self._asking: Ask | None = None
        self._busy = ""
        #: the browser a worker is opening, or searching (Escape interrupts its queries)
        self._building: Browser | None = None
        self._searching: Browser | None = None
        self._last_sql = ""
        #: the view that opened the bottom sheet (Escape there goes back to it), and the view
        #: the app has just switched from (for an `open` that follows the switch)
        self._origin: str | None = None
        self._came_from: str | None = None
        #: an open request that came before the store
        self._waiting: Callable[[], None] | None = None

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(t("view.tables"), id="tables-title", markup=False)
        with ContentSwitcher(initial="tables-picker"):
            yield OptionList(id="tables-picker")
            yield DataGrid(id="tables-grid")
        yield Static("", id="tables-status", markup=False)
        yield Input(id="tables-prompt")

    @property
    def grid(self) -> DataGrid:
        return self.query_one("#tables-grid", DataGrid)

    @property
    def store(self) -> Any:
        return getattr(self.app, "store", None)

    def on_mount(self) -> None:
        if self.store is not None:
            self._load_picker()
        if isinstance(self.parent, ContentSwitcher):  # the app's views
            self.watch(self.parent, "current", self._switched, init=False)

    def relabel(self) -> None:
        """Word the title, the picker, the status line and an open prompt again."""
        if self._relations is not None:
            self._fill_picker(*self._relations)
        if self._title_key is not None:
            self._set_title(t(self._title_key))
        else:
            self._update_title()
        self._update_status()
        if self._asking is not None:
            prompt = self.query_one("#tables-prompt", Input)
            prompt.placeholder = prompt.border_title = self._prompt_words()

    def focus_default(self) -> None:
        if self.query_one(ContentSwitcher).current == "tables-grid":
            self.grid.focus()
        else:
            self.query_one("#tables-picker", OptionList).focus()

    def reload(self) -> None:
        """The app has a (new) store: refresh the picker and reopen the current view."""
        self._load_picker()
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting()
            return
        sheet = self.sheet
        if sheet is None:
            return
        for s in self.stack:
            s.pager.browser.close()
        self.stack = []
        spec, cursor = sheet.spec, (self.grid.cursor_row, self.grid.cursor_col)
        self._open(lambda: spec, mode="replace", cursor=cursor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The grid's keys act only while the grid is shown and no prompt is open, so a key
        pressed in the picker never sorts or filters the table hidden behind it."""
        if action not in self._GRID_ACTIONS:
            return True
        if self._asking is not None:
            return action == "back"
        if self.query_one(ContentSwitcher).current != "tables-grid":
            return action in ("back", "sql")
        return True

    # -- navigation from elsewhere ------------------------------------------------------------
    def open(self, source: str | None = None, filters: list[tuple[str, str, object]] | None = None,
             **kw: Any) -> None:
        """Show a table, view or query (by name, German label or SELECT text), filtered."""
        if source is None:
            self.action_pick()
            return
        flist = tuple(Filter(c, op, v) for c, op, v in (filters or []))
        came_from, self._came_from = self._came_from, None
        if came_from is not None:
            # opened from another view: a stack of its own, whose Escape goes back there
            self._origin = came_from
        self._open(lambda: Spec(source_for(self.store, source), filters=flist),
                   mode="push" if came_from is None else "fresh")

    def _switched(self, old: str | None, new: str | None) -> None:
        """The app switched to this view from another one (an `open` may follow at once)."""
        if new == self.id and old and old != self.id:
            self._came_from = old.removeprefix("view-")
            self.call_later(self._forget_switch)

    def _forget_switch(self) -> None:
        self._came_from = None

    # -- the picker ----------------------------------------------------------------------------
    @work(thread=True, group="tables-picker", exclusive=True, exit_on_error=False)
    def _load_picker(self) -> None:
        try:
            names = relation_names(self.store)
            sizes = table_rows(self.store, names)
        except Exception as e:  # noqa: BLE001 - shown, never a traceback
            self.app.call_from_thread(self._failed, t("tbl.unreadable", error=explained(e)))
            return
        self.app.call_from_thread(self._fill_picker, names, sizes)

    def _fill_picker(self, names: dict[str, str], sizes: dict[str, int]) -> None:
        self._relations = (names, sizes)
        picker = self.query_one("#tables-picker", OptionList)
        highlighted = picker.highlighted
        picker.clear_options()
        lang = language()
        tables = sorted((TABLES[n].label(lang) if n in TABLES else n, n) for n, k in names.items() if k == "table")
        views = sorted((VIEWS[n][lang == "en"] if n in VIEWS else n, n) for n, k in names.items() if k == "view")
        opts: list[Option | None] = [
            Option(Content(t("tbl.pick_table", label=label, name=n, rows=cf.number(sizes.get(n, 0)))), id=n)
            for label, n in tables]
        opts += [Option(Content(t("tbl.pick_view", label=label, name=n)), id=n) for label, n in views]
        opts.append(Option(Content(t("tbl.pick_sql")), id=SQL_OPTION))
        picker.add_options(opts)
        picker.highlighted = highlighted if highlighted is not None and highlighted < len(opts) else 0
        if self.sheet is None:
            self._title("tbl.title_pick_first")

    @on(OptionList.OptionSelected, "#tables-picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id
        if oid == SQL_OPTION:
            self.action_sql()
        elif oid:
            self._open(lambda: Spec(source_for(self.store, oid)), mode="push")

    def action_pick(self) -> None:
        if self.sheet is not None:
            self._remember(self.sheet)  # Escape comes back to the same cell and scroll
        self.query_one(ContentSwitcher).current = "tables-picker"
        self.query_one("#tables-picker", OptionList).focus()
        self.refresh_bindings()
        self._title("tbl.title_pick")

    def _show_grid(self) -> None:
        self.query_one(ContentSwitcher).current = "tables-grid"
        self.refresh_bindings()
        if self.display:  # a reload behind another view must not take its focus
            self.grid.focus()

    # -- opening sheets ---------------------------------------------------------------------------
    def _open(self, make: Callable[[], Spec], *, mode: str, base: Browser | None = None,
              cursor: tuple[int, int] = (0, 0), column: str | None = None) -> None:
        """Build a sheet in a worker and show it: push it, replace the current one (with the
        cursor on `column`, if given), or start a fresh back stack with it.  Without a store yet, wait for `reload`."""
        if self.store is None:
            self._waiting = lambda: self._open(make, mode=mode, base=base, cursor=cursor, column=column)
            return
        self._set_busy(t("tbl.loading"))
        height = max(self.grid.page_height, 30)
        self._build(make, mode, base, cursor, height, column)

    @work(thread=True, group="tables-open", exclusive=True, exit_on_error=False)
    def _build(self, make: Callable[[], Spec], mode: str, base: Browser | None,
               cursor: tuple[int, int], height: int, column: str | None) -> None:
        worker = get_current_worker()
        try:
            spec = make()
            browser = base.derive(spec) if base is not None else Browser(self.store, spec)
            self._building = browser
            names = [browser.columns[i].name for i in browser.visible]
            if column in names:
                cursor = (cursor[0], names.index(column))
            pager = Pager(browser, browser.count())
            for plan in pager.plans(cursor[0], height, tail=False)[:2]:
                if plan.mode == "locate":
                    start, rows = browser.locate(plan)
                    pager.located(plan, start, rows)
                    cursor = (min(cursor[0] + start - plan.start, max(pager.count - 1, 0)), cursor[1])
                else:
                    pager.store(plan, browser.fetch(plan))
        except BrowseError as e:
            self.app.call_from_thread(self._failed, browse_error(e))
            return
        except Exception as e:  # noqa: BLE001 - shown, never a traceback
            self.app.call_from_thread(self._failed, f"{type(e).__name__}: {e}")
            return
        finally:
            self._building = None
        if worker.is_cancelled:
            browser.close()
            return
        self.app.call_from_thread(self._install, Sheet(pager, cursor), mode)

    def _failed(self, message: str) -> None:
        self._set_busy("")
        self.app.notify(message, title=t("view.tables"), severity="error", markup=False)

    def _install(self, sheet: Sheet, mode: str) -> None:
        self._set_busy("")
        old = self.sheet
        if mode == "fresh":  # a new back stack (the view was opened from another one)
            for s in self.stack:
                s.pager.browser.close()
            self.stack = []
        if old is not None:
            self._remember(old)
            if mode == "push":
                self.stack.append(old)
            else:
                old.pager.browser.close()
        self._activate(sheet)

    def _remember(self, sheet: Sheet) -> None:
        g = self.grid
        if g.pager is sheet.pager:
            sheet.cursor = (g.cursor_row, g.cursor_col)
            sheet.scroll = (int(g.scroll_x), int(g.scroll_y))

    def _activate(self, sheet: Sheet, restore: bool = False) -> None:
        self.sheet = sheet
        self._show_grid()
        self.grid.show(sheet.pager, cursor=sheet.cursor, scroll=sheet.scroll if restore else None)
        self._update_title()

    # -- back stack ---------------------------------------------------------------------------------
    def action_back(self) -> None:
        if self._asking is not None:
            self._close_prompt()
            return
        running = self._building or self._searching
        if running is not None:
            running.interrupt()
            return
        if self.query_one(ContentSwitcher).current == "tables-picker" and self.sheet is not None:
            self._activate(self.sheet, restore=True)
            return
        if not self.stack:
            if self._origin is None:
                raise SkipAction()
            self.post_message(ShowView(self._origin))  # back to the view it came from
            return
        current = self.sheet
        previous = self.stack.pop()
        if current is not None:
            current.pager.browser.close()
        self._activate(previous, restore=True)

    # -- sorting, filtering, columns ---------------------------------------------------------------
    def _column(self) -> str | None:
        c = self.grid.current_column
        return c.name if c else None

    def _derive(self, spec: Spec, *, mode: str = "replace") -> None:
        sheet = self.sheet
        if sheet is None:
            return
        self._open(lambda: spec, mode=mode, base=sheet.pager.browser, cursor=(0, 0), column=self._column())

    def action_sort(self, descending: bool, secondary: bool = False) -> None:
        col = self._column()
        if self.sheet and col:
            self._derive(self.sheet.spec.sorted_by(col, descending, secondary=secondary))

    def action_filter_value(self, op: str) -> None:
        col = self._column()
        if not self.sheet or not col or self.grid.current_row is None:
            return
        self._derive(self.sheet.spec.filtered(Filter(col, op, self.grid.current_value)), mode="push")

    def action_filter_prompt(self) -> None:
        col = self.grid.current_column
        if self.sheet and col:
            self._prompt(FilterAsk(col), lambda: t("tbl.prompt_filter", column=col.name))

    def action_contains_prompt(self) -> None:
        col = self.grid.current_column
        if self.sheet and col:
            self._prompt(ContainsAsk(col), lambda: t("tbl.prompt_contains", column=col.name))

    def action_drop_filter(self) -> None:
        if self.sheet and self.sheet.spec.filters:
            self._derive(self.sheet.spec.without_last_filter())

    def action_clear_filters(self) -> None:
        if self.sheet and self.sheet.spec.filters:
            self._derive(self.sheet.spec.without_filters())

    def action_hide(self) -> None:
        col = self._column()
        if self.sheet and col and len(self.sheet.pager.browser.visible) > 1:
            self._rearrange(self.sheet.spec.hiding(col))

    def action_show_all(self) -> None:
        if self.sheet and self.sheet.spec.hidden:
            self._rearrange(self.sheet.spec.showing_all())

    def action_technical(self) -> None:
        """T: show or leave out the technical columns (source, Stand, ids) and names."""
        if self.sheet:
            self._rearrange(self.sheet.spec.with_technical(not self.sheet.spec.technical))

    def _rearrange(self, spec: Spec) -> None:
        """Hide/show columns: the same rows in the same order, so keep rows and cursor row."""
        assert self.sheet is not None
        g = self.grid
        old = self.sheet.pager
        browser = old.browser.derive(spec)
        pager = Pager(browser, old.count)
        for pos in range(max(g.top_row - 200, 0), min(g.top_row + 400, old.count)):
            row = old.row(pos)
            if row is not None:
                pager.seed(pos, row)
        sheet = Sheet(pager, (g.cursor_row, min(g.cursor_col, len(browser.visible) - 1)), (0, int(g.scroll_y)))
        old.browser.close()
        self.sheet = sheet
        self.grid.show(pager, cursor=sheet.cursor, scroll=sheet.scroll)
        self._update_title()

    # -- frequency and statistics ---------------------------------------------------------------------
    def action_frequency(self) -> None:
        col = self._column()
        if self.sheet and col:
            browser = self.sheet.pager.browser
            self._open(lambda: browser.frequency(col), mode="push")

    def action_stats(self) -> None:
        if self.sheet:
            self._open(self.sheet.pager.browser.stats, mode="push")

    def action_enter(self) -> None:
        sheet, row = self.sheet, self.grid.current_row
        if sheet is None or row is None:
            raise SkipAction()
        kind = sheet.spec.source.kind
        if kind == "freq":
            # the drilled rows replace the frequency table, so that Escape twice leads from the
            # drilled rows over the filtered view back to the unfiltered one (F counts again)
            spec = drill(sheet.spec, row)
            origin = self.stack[-1].pager.browser if self.stack else None
            base = origin if origin is not None and origin.spec.source == spec.source else None
            self._open(lambda: spec, mode="replace", base=base, column=sheet.spec.source.column)
        elif kind == "stats" and self.stack:
            name = row[0]
            self.action_back()
            self.grid.move_to_column(name)
        else:
            col = self.grid.current_column
            if col is not None:
                self.app.notify(self.grid.current_text[:2000], title=show_controls(col.name),
                                markup=False)

    # -- search ------------------------------------------------------------------------------------------
    def action_search(self) -> None:
        col = self.grid.current_column
        if self.sheet and col:
            self._prompt(SearchAsk(col), lambda: t("tbl.prompt_search", column=col.name))

    def action_search_all(self) -> None:
        if self.sheet:
            self._prompt(SearchAsk(None), lambda: t("tbl.prompt_search_all"))

    def action_search_next(self) -> None:
        self._find(backward=False)

    def action_search_previous(self) -> None:
        self._find(backward=True)

    def _find(self, backward: bool) -> None:
        if self.sheet is None:
            return
        if self._search is None:
            self.app.notify(t("tbl.search_first"), timeout=3)
            return
        text, column = self._search
        g = self.grid
        self._set_busy(t("tbl.searching"))
        self._search_worker(self.sheet.pager, text, column, g.current_row, g.cursor_row, backward)

    @work(thread=True, group="tables-search", exclusive=True, exit_on_error=False)
    def _search_worker(self, pager: Pager, text: str, column: str | None, after: Any, after_pos: int,
                       backward: bool) -> None:
        self._searching = pager.browser
        try:
            hit = pager.browser.find(text, [column] if column else None, after=after, after_pos=after_pos,
                                     backward=backward)
        except BrowseError as e:
            self.app.call_from_thread(self._failed, browse_error(e))
            return
        finally:
            self._searching = None
        self.app.call_from_thread(self._found, pager, text, hit)

    def _found(self, pager: Pager, text: str, hit: tuple[int, Any] | None) -> None:
        self._set_busy("")
        if pager is not self.grid.pager:
            return
        if hit is None:
            self.app.notify(t("tbl.not_found", text=text), title=t("tbl.search"), severity="warning", markup=False)
            return
        pos, row = hit
        pager.seed(pos, row)
        self.grid.move_to(pos)

    # -- copy ------------------------------------------------------------------------------------------------
    def action_copy_value(self) -> None:
        current = self.grid.current_cell
        if current is None:
            return
        self.app.copy_to_clipboard(copy_text(*current, language()))
        self.app.notify(t("tbl.copied_value"), timeout=2)

    def action_copy_row(self) -> None:
        row = self.grid.current_row
        if row is None or self.sheet is None:
            return
        browser = self.sheet.pager.browser
        self.app.copy_to_clipboard("\t".join(copy_text(*self.grid.typed_cell(row, i), language()) for i in browser.visible))
        self.app.notify(t("tbl.copied_row"), timeout=2)

    # -- export --------------------------------------------------------------------------------------------------
    def action_export(self, german_excel: bool) -> None:
        if self.sheet is None:
            return
        default = f"{self.sheet.spec.source.name.replace(':', '_')}.csv"
        self._prompt(ExportAsk(german_excel), lambda: self._export_hint(german_excel), value=default)

    def _export(self, text: str, ask: ExportAsk) -> None:
        """Export to `text` once its ending is known and, for an existing file, the user has
        pressed Enter a second time on the same path."""
        from kjc_tui.read.export import ExportError, format_for

        assert self.sheet is not None
        german_excel = ask.german_excel
        path = Path(text).expanduser()
        try:
            fmt = format_for(path)
            reason = t("tbl.excel_needs_csv") if german_excel and fmt != "csv" else ""
        except ExportError as e:
            reason = explained(e)
        if reason:  # asked again, the reason in the prompt's title
            self._prompt(ExportAsk(german_excel), lambda: reason, value=text)
            return
        if path.exists() and ask.confirmed != text:
            self._prompt(ExportAsk(german_excel, confirmed=text), lambda: t("tbl.prompt_overwrite", name=path.name),
                         value=text)
            return
        self._set_busy(t("tbl.exporting", done=0))
        self._export_worker(self.sheet.pager.browser, path, german_excel)

    @staticmethod
    def _export_hint(german_excel: bool) -> str:
        return t("tbl.prompt_export_excel" if german_excel else "tbl.prompt_export")

    @work(thread=True, group="tables-export", exit_on_error=False)
    def _export_worker(self, browser: Browser, path: Path, german_excel: bool) -> None:
        from kjc_tui.read.export import ExportError, export_view

        def progress(done: float) -> None:
            self.app.call_from_thread(self._set_busy, t("tbl.exporting", done=f"{done * 100:.0f}"))

        try:
            n = export_view(browser, path, german_excel=german_excel, progress=progress)
        except BrowseError as e:
            self.app.call_from_thread(self._failed, t("tbl.export_failed", error=browse_error(e)))
            return
        except ExportError as e:
            self.app.call_from_thread(self._failed, explained(e))
            return
        except OSError as e:
            self.app.call_from_thread(self._failed, t("tbl.export_failed", error=explained(e)))
            return
        self.app.call_from_thread(self._exported, path, n)

    def _exported(self, path: Path, n: int) -> None:
        self._set_busy("")
        self.app.notify(t("tbl.exported", rows=cf.number(n), path=path), title="Export", markup=False)

    # -- SQL --------------------------------------------------------------------------------------------------------
    def action_sql(self) -> None:
        # the last query comes back (to fix a refused one, or run a variant)
        self._prompt(SqlAsk(), lambda: t("tbl.prompt_sql"), value=self._last_sql)

    # -- the prompt ---------------------------------------------------------------------------------------------------
    def _prompt(self, ask: Ask, words: Callable[[], str], value: str = "") -> None:
        """Open the prompt line; `words()` gives its title in the current language."""
        prompt = self.query_one("#tables-prompt", Input)
        self._asking, self._prompt_words = ask, words
        placeholder = words()
        prompt.placeholder = placeholder
        prompt.border_title = placeholder
        prompt.value = value
        prompt.add_class("-shown")
        prompt.focus()
        self.app.clear_notifications()  # a message must not cover what the user types
        self.refresh_bindings()

    def _close_prompt(self) -> None:
        self.query_one("#tables-prompt", Input).remove_class("-shown")
        self._asking = None
        self.focus_default()
        self.refresh_bindings()

    @on(Input.Submitted, "#tables-prompt")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        ask, text = self._asking, event.value
        self._close_prompt()
        if ask is None or not text.strip():
            return
        try:
            self._answer(ask, text)
        except BrowseError as e:
            self._failed(browse_error(e))

    def _answer(self, ask: Ask, text: str) -> None:
        """The answer to the prompt goes where its question came from."""
        if isinstance(ask, SqlAsk):
            self._last_sql = text
            self._open(lambda: Spec(query_source(text)), mode="push")
            return
        if self.sheet is None:
            return
        match ask:
            case ExportAsk():
                self._export(text.strip(), ask)
            case FilterAsk(column):
                self._derive(self.sheet.spec.filtered(parse_condition(text, column)), mode="push")
            case ContainsAsk(column):
                self._derive(self.sheet.spec.filtered(Filter(column.name, "contains", text)), mode="push")
            case SearchAsk(column):
                self._search = (text, column.name if column is not None else None)
                self._find(backward=False)

    # -- title and status ---------------------------------------------------------------------------------------------
    def _set_title(self, text: str) -> None:
        self.query_one("#tables-title", Static).update(show_controls(text))

    def _title(self, key: str) -> None:
        self._title_key = key
        self._set_title(t(key))

    def _update_title(self) -> None:
        if self.sheet is not None:
            self._title_key = None
            # the way back first: a long title is cut at the right
            back = f"Esc⟲{len(self.stack)} · " if self.stack else ""
            self._set_title(back + sheet_title(self.sheet.spec))

    def _set_busy(self, text: str) -> None:
        self._busy = text
        self._update_status()

    def _update_status(self) -> None:
        g = self.grid
        parts = []
        if self._busy:
            parts.append("⏳ " + self._busy)
        if g.pager is not None:
            parts.append(g.position_text())
            col = g.current_column
            if col is not None:
                label = f" ({column_label(col)})" if column_label(col) else ""
                parts.append(t("tbl.status_column", n=g.cursor_col + 1, of=len(g.pager.browser.visible),
                               column=col.name + label))
                if g.current_row is not None:
                    parts.append(g.current_text[:200])
        self.query_one("#tables-status", Static).update(show_controls(" · ".join(parts)))

    @on(DataGrid.CursorMoved)
    def _cursor_moved(self, event: DataGrid.CursorMoved) -> None:
        if self.sheet is not None:
            self._remember(self.sheet)
        self._update_status()

    @on(DataGrid.HeaderClicked)
    def _header_clicked(self, event: DataGrid.HeaderClicked) -> None:
        """A click on a header sorts by it, ascending; a second click descending."""
        if self.sheet is None:
            return
        first = self.sheet.spec.sort[0] if self.sheet.spec.sort else None
        descending = first is not None and first.column == event.column and not first.descending
        self._derive(self.sheet.spec.sorted_by(event.column, descending))

    @on(DataGrid.FetchFailed)
    def _fetch_failed(self, event: DataGrid.FetchFailed) -> None:
        self._failed(event.error)
