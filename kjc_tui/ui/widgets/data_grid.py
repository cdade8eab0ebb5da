"""A table widget that pages from DuckDB (the Line API, in the spirit of Toolong).

Only the lines on screen are rendered; rows come from a `Pager`, which holds a small
window around the viewport.  Missing rows are fetched in thread workers and the grid
repaints when they arrive, so scrolling never blocks typing.  Values are drawn as plain
segments (never markup) with control characters made visible.
"""

from __future__ import annotations

import time
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kjc_tui.read.browse import Browser, BrowseError, ColumnInfo, Plan, Row
from kjc_tui.core.cells import cell_text, typed
from kjc_tui.core.fmt import show_controls
from kjc_tui.read.columns import CODED
from kjc_tui.read.paging import Pager
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.sheet_words import browse_error, column_label
from kjc_tui.ui.widgets import chartfmt as cf

MAX_WIDTH = 40
HEADER = 2


_TYPE_KEYS = {"text": "tbl.type.text", "date": "tbl.type.date", "timestamp": "tbl.type.timestamp",
              "bool": "tbl.type.bool"}


def type_label(column: ColumnInfo) -> str:
    """The column's type in words (any integer type, HUGEINT too, is a "Ganzzahl")."""
    if column.kind == "number":
        return t("tbl.type.int" if "INT" in column.type.upper() else "tbl.type.number")
    key = _TYPE_KEYS.get(column.kind)
    return t(key) if key else column.type.lower()


def header_label(column: ColumnInfo) -> str:
    """The column's label in the UI language (its technical name where it has none)."""
    return show_controls(column_label(column) or column.name)


class DataGrid(ScrollView, can_focus=True):
    """Rows of a `Browser` view, paged from DuckDB."""

    BINDINGS = keys.bindings("grid")

    COMPONENT_CLASSES = {
        "data-grid--header", "data-grid--type", "data-grid--cursor", "data-grid--cursor-row",
        "data-grid--cursor-column", "data-grid--null", "data-grid--pending", "data-grid--separator",
    }

    DEFAULT_CSS = """
    DataGrid { height: 1fr; scrollbar-size-vertical: 1; scrollbar-size-horizontal: 1; }
    DataGrid > .data-grid--header { text-style: bold; color: $text; background: $panel; }
    DataGrid > .data-grid--type { color: $text-muted; background: $panel; }
    DataGrid > .data-grid--cursor { background: $accent 30%; color: $text; }
    DataGrid > .data-grid--cursor-column { text-style: bold; }
    DataGrid > .data-grid--null { color: $text-disabled; }
    DataGrid > .data-grid--pending { color: $text-disabled; }
    DataGrid > .data-grid--separator { color: $text-disabled; }
    /* only the focused grid shows its cursor row (like every table: ui/widgets/focus_table.py);
       unfocused (a prompt open below it) its cursor cell stays faintly marked: the prompt acts on it */
    DataGrid:focus > .data-grid--cursor { background: $accent; text-style: bold; }
    DataGrid:focus > .data-grid--cursor-row { background: $boost; }
    """

    class CursorMoved(Message):
        """The cursor moved or the rows under it changed."""

        def __init__(self, grid: "DataGrid") -> None:
            super().__init__()
            self.grid = grid

    class HeaderClicked(Message):
        """A click on a column's header (the view sorts by it)."""

        def __init__(self, grid: "DataGrid", column: str) -> None:
            super().__init__()
            self.grid = grid
            self.column = column

    class FetchFailed(Message):
        def __init__(self, grid: "DataGrid", error: str) -> None:
            super().__init__()
            self.grid = grid
            self.error = error

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self.pager: Pager | None = None
        self.cursor_row = 0
        #: index into the shown columns
        self.cursor_col = 0
        self._cols: list[int] = []
        self._widths: list[int] = []
        self._offsets: list[int] = []
        #: time.perf_counter() of the last render with every visible row present, and of the
        #: last `show` (the benchmark measures with these)
        self.complete_at: float = 0.0
        self.shown_at: float = 0.0
        self._in_flight = 0
        self._styles: dict[str, Style] = {}
        self._span = (0, 0)

    # -- content ------------------------------------------------------------------------
    @property
    def browser(self) -> Browser | None:
        return self.pager.browser if self.pager else None

    @property
    def row_count(self) -> int:
        return self.pager.count if self.pager else 0

    def show(self, pager: Pager, *, cursor: tuple[int, int] = (0, 0), scroll: tuple[int, int] | None = None) -> None:
        """Show a view; `pager` may already hold rows (the first page, or a cached view)."""
        self.pager = pager
        self._cols = pager.browser.visible
        self._measure()
        self.cursor_row = min(max(cursor[0], 0), max(pager.count - 1, 0))
        self.cursor_col = min(max(cursor[1], 0), max(len(self._cols) - 1, 0))
        self.virtual_size = Size(self._offsets[-1] if self._offsets else 0, pager.count + HEADER)
        self.complete_at = 0.0
        self.shown_at = time.perf_counter()
        if scroll is not None:
            self.scroll_to(scroll[0], scroll[1], animate=False, immediate=True)
        self._scroll_cursor_into_view()
        self.refresh()
        self._schedule()
        self.post_message(self.CursorMoved(self))

    def clear(self) -> None:
        self.pager = None
        self._cols, self._widths, self._offsets = [], [], []
        self.virtual_size = Size(0, 0)
        self.refresh()

    def _measure(self) -> None:
        """Column widths from the header and the rows in memory (fixed while shown)."""
        assert self.pager is not None
        cols = self.pager.browser.columns
        sample = [self.pager.row(p) for p in range(min(self.pager.count, 200))]
        widths = []
        technical = self.pager.browser.spec.technical
        for i in self._cols:
            c = cols[i]
            w = max(cell_len(header_label(c)) + 3, cell_len(show_controls(c.name) if technical else type_label(c)) + 2)
            for r in sample:
                if r is not None:
                    w = max(w, cell_len(self._text(r, i)))
            widths.append(min(max(w, 3), MAX_WIDTH))
        self._widths = widths
        self._offsets = [0]
        for w in widths:
            self._offsets.append(self._offsets[-1] + w + 3)

    # -- where things are ----------------------------------------------------------------------
    @property
    def page_height(self) -> int:
        return max(self.scrollable_content_region.height - HEADER, 1)

    @property
    def top_row(self) -> int:
        return int(self.scroll_y)

    @property
    def current_column(self) -> ColumnInfo | None:
        if not self.pager or not self._cols:
            return None
        return self.pager.browser.columns[self._cols[self.cursor_col]]

    @property
    def current_row(self) -> Row | None:
        return self.pager.row(self.cursor_row) if self.pager else None

    @property
    def current_cell(self) -> tuple[Any, ColumnInfo] | None:
        """The current cell's value and the column it is spelt by (None without a row)."""
        row = self.current_row
        return None if row is None else self.typed_cell(row, self._cols[self.cursor_col])

    @property
    def current_value(self) -> Any:
        row = self.current_row
        return None if row is None else row[self._cols[self.cursor_col]]

    def typed_cell(self, row: Row, i: int) -> tuple[Any, ColumnInfo]:
        """The value of column `i` and the column it is spelt by: a statistics sheet's minimum and
        maximum (text of another column) as that column's value, so screen and copies agree."""
        assert self.pager is not None
        browser = self.pager.browser
        c = browser.columns[i]
        if c.typed_by is None:
            return row[i], c
        name, sql_type = (row[browser.rel.index(k)] for k in c.typed_by)
        return typed(row[i], str(sql_type)), ColumnInfo(str(name), str(sql_type), codes=CODED.get(str(name)))

    def _text(self, row: Row, i: int) -> str:
        """The cell of column `i` as shown: with the row's date precision where the column has one,
        else the column's (a period column of months)."""
        assert self.pager is not None
        value, c = self.typed_cell(row, i)
        precision = row[self.pager.browser.rel.index(c.precision)] if c.precision else c.uniform_precision
        return cell_text(value, c, precision, language())

    @property
    def current_text(self) -> str:
        """The current cell as shown ('' without a row)."""
        row = self.current_row
        return "" if row is None else self._text(row, self._cols[self.cursor_col])

    def position_text(self) -> str:
        n = self.row_count
        if n == 0:
            return t("tbl.no_rows")
        return t("tbl.position", row=cf.number(self.cursor_row + 1), rows=cf.number(n))

    def visible_complete(self) -> bool:
        if not self.pager:
            return False
        return self.pager.has(self.top_row, self.top_row + self.page_height)

    # -- moving -----------------------------------------------------------------------------------
    def move_to(self, row: int | None = None, col: int | None = None) -> None:
        if not self.pager:
            return
        if row is not None:
            self.cursor_row = min(max(row, 0), max(self.pager.count - 1, 0))
        if col is not None:
            self.cursor_col = min(max(col, 0), max(len(self._cols) - 1, 0))
        self._scroll_cursor_into_view()
        self.refresh()
        self._schedule()
        self.post_message(self.CursorMoved(self))

    def move_to_column(self, name: str) -> None:
        if not self.pager:
            return
        names = [self.pager.browser.columns[i].name for i in self._cols]
        if name in names:
            self.move_to(col=names.index(name))

    def _scroll_cursor_into_view(self) -> None:
        if not self.scrollable_content_region.width:
            return  # hidden (the picker is shown): `on_resize` does it once the grid is back
        h = self.page_height
        y = self.scroll_y
        if self.cursor_row < y:
            y = self.cursor_row
        elif self.cursor_row >= y + h:
            y = self.cursor_row - h + 1
        x = self.scroll_x
        if self._offsets:
            left, right = self._offsets[self.cursor_col], self._offsets[self.cursor_col + 1]
            width = self.scrollable_content_region.width
            if left < x:
                x = left
            elif right > x + width:
                x = max(right - width, 0)
        self.scroll_to(x, y, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        self.move_to(col=self.cursor_col - 1)

    def action_cursor_right(self) -> None:
        self.move_to(col=self.cursor_col + 1)

    def action_page_up(self) -> None:
        h = self.page_height
        self.scroll_to(y=max(self.scroll_y - h, 0), animate=False, immediate=True)
        self.move_to(self.cursor_row - h)

    def action_page_down(self) -> None:
        h = self.page_height
        self.scroll_to(y=self.scroll_y + h, animate=False, immediate=True)
        self.move_to(self.cursor_row + h)

    def action_first_column(self) -> None:
        self.move_to(col=0)

    def action_last_column(self) -> None:
        self.move_to(col=len(self._cols) - 1)

    def action_top(self) -> None:
        self.move_to(0)

    def action_bottom(self) -> None:
        self.move_to(self.row_count - 1)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._schedule()

    def on_resize(self) -> None:
        # a prompt opening below the grid, or the grid coming back after the picker, must
        # not hide the cursor cell
        if self.pager:
            self._scroll_cursor_into_view()
        self._schedule()

    def on_click(self, event: Any) -> None:
        if not self.pager:
            return
        x = event.x + int(self.scroll_x)
        col = next((i for i in range(len(self._cols)) if self._offsets[i] <= x < self._offsets[i + 1]), None)
        if event.y < HEADER:
            if col is not None:
                self.move_to(col=col)
                self.post_message(self.HeaderClicked(self, self.pager.browser.columns[self._cols[col]].name))
            return
        self.move_to(int(self.scroll_y) + event.y - HEADER, col)

    # -- fetching -----------------------------------------------------------------------------------
    def _schedule(self) -> None:
        pager = self.pager
        if pager is None or not self.is_mounted:
            return
        for plan in pager.plans(self.top_row, self.page_height):
            self._in_flight += 1
            self.run_worker(lambda p=plan: self._fetch(pager, p), thread=True, group="grid-fetch",
                            exit_on_error=False)

    def _fetch(self, pager: Pager, plan: Plan) -> None:
        try:
            if plan.mode == "locate":
                start, rows = pager.browser.locate(plan)
                self.app.call_from_thread(self._located, pager, plan, start, rows)
                return
            rows = pager.browser.fetch(plan)
        except BrowseError as e:
            self.app.call_from_thread(self._failed, pager, plan, browse_error(e))
            return
        except Exception as e:  # noqa: BLE001 - a fetch must never kill the app
            self.app.call_from_thread(self._failed, pager, plan, f"{type(e).__name__}: {e}")
            return
        self.app.call_from_thread(self._arrived, pager, plan, rows)

    def _arrived(self, pager: Pager, plan: Plan, rows: list[Row]) -> None:
        self._in_flight -= 1
        pager.store(plan, rows, self.top_row, self.page_height)
        if pager is not self.pager:
            return
        top = self.top_row
        if plan.start < top + self.page_height + 1 and plan.start + plan.count >= top:
            self.refresh()
        if plan.start <= self.cursor_row < plan.start + plan.count:
            self.post_message(self.CursorMoved(self))
        self._schedule()

    def _located(self, pager: Pager, plan: Plan, start: int, rows: list[Row]) -> None:
        """A jump far into a sorted view landed at `start`, near the asked `plan.start`:
        move the viewport and the cursor there by the same distance."""
        self._in_flight -= 1
        pager.located(plan, start, rows, self.top_row, self.page_height)
        if pager is not self.pager:
            return
        shift = start - plan.start
        if shift and plan.start - 2 * self.page_height <= self.top_row <= plan.start + plan.count:
            self.cursor_row = min(max(self.cursor_row + shift, 0), pager.count - 1)
            self.scroll_to(y=self.scroll_y + shift, animate=False, immediate=True)
            self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.CursorMoved(self))
        self._schedule()

    def _failed(self, pager: Pager, plan: Plan, error: str) -> None:
        self._in_flight -= 1
        pager.failed(plan)
        if pager is self.pager:
            self.post_message(self.FetchFailed(self, error))

    @property
    def loading_rows(self) -> bool:
        return self._in_flight > 0

    # -- rendering -------------------------------------------------------------------------------
    def render_lines(self, crop: Any) -> list[Strip]:
        # styles are looked up once per frame, not per cell; every colour is blended over the
        # ground it is drawn on (the grid, the header band or the cursor row)
        ground = self.background_colors[1]
        grounds = {"": ground, "-on-row": self._ground("cursor-row", ground),
                   "-on-header": self._ground("header", ground)}
        st = {"base": self.rich_style}
        for name in ("header", "type", "cursor-row"):
            st[name] = self._style(name, ground)
        for suffix, under in grounds.items():
            for name in ("null", "pending", "separator"):
                st[name + suffix] = self._style(name, under)
        st["cursor"] = self._style("cursor", grounds["-on-row"])
        st["cursor-column"] = self.get_component_rich_style("data-grid--cursor-column", partial=True)
        self._styles = st
        self._span = self._visible_columns()
        lines = super().render_lines(crop)
        if self.pager and self.visible_complete():
            self.complete_at = time.perf_counter()
        return lines

    def _ground(self, name: str, under: Color) -> Color:
        """The background of a component, blended over `under` (so `$boost` stays translucent)."""
        styles = self.get_component_styles(f"data-grid--{name}")
        return under + styles.background if styles.has_rule("background") else under

    def _style(self, name: str, under: Color) -> Style:
        """A component's full, opaque style on the background `under`.

        Textual's partial component styles keep the alpha of `$boost` or `$text-disabled`
        unblended, which Rich draws as opaque white: colours are blended here instead."""
        styles = self.get_component_styles(f"data-grid--{name}")
        bg = self._ground(name, under)
        if not styles.has_rule("color"):
            fg = Color.from_rich_color(self.rich_style.color)  # the grid's own text colour
        elif styles.auto_color:
            fg = bg + bg.get_contrast_text(styles.color.a)
        else:
            fg = bg + styles.color
        return Style(color=fg.rich_color, bgcolor=bg.rich_color) + styles.text_style

    def _visible_columns(self) -> tuple[int, int]:
        """The shown columns (as a range of indexes into `_cols`) that reach into the viewport."""
        x, width = int(self.scroll_x), self.scrollable_content_region.width
        first = next((n for n in range(len(self._cols)) if self._offsets[n + 1] > x), len(self._cols))
        last = next((n for n in range(first, len(self._cols)) if self._offsets[n] >= x + width), len(self._cols))
        return first, last

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._styles["base"]
        if not self.pager or not self._cols:
            return Strip.blank(width, base)
        if y < HEADER:
            strip = self._header_line(y)
        else:
            pos = self.top_row + y - HEADER
            if pos >= self.pager.count:
                return Strip.blank(width, base)
            strip = self._row_line(pos)
        x = int(self.scroll_x) - self._offsets[self._span[0]] if self._span[0] < len(self._cols) else 0
        shown = strip.crop_extend(x, x + width, base)
        if strip.cell_length > x + width and shown.text[-1:] not in (" ", "│", ""):
            # a cell cut at the right edge ends in "…": more to the right, no word cut off silently
            last = next(iter(shown.crop(width - 1, width)), Segment(" "))
            shown = Strip.join([shown.crop(0, width - 1), Strip([Segment("…", last.style)])])
        return shown

    def _header_line(self, y: int) -> Strip:
        assert self.pager is not None
        st = self._styles
        br = self.pager.browser
        base = st["header" if y == 0 else "type"]
        sep = base + st["separator-on-header"]
        sort = {k.column: (n, k.descending) for n, k in enumerate(br.spec.sort, 1)}
        filtered = {f.column for f in br.spec.filters}
        segs: list[Segment] = []
        for n in range(*self._span):
            c = br.columns[self._cols[n]]
            if y == 0:
                mark = ""
                if c.name in sort:
                    k, desc = sort[c.name]
                    mark = ("▼" if desc else "▲") + (str(k) if len(sort) > 1 else "")
                text = header_label(c) + (" " + mark if mark else "")
            else:  # the technical name in the technical view (T), else the type in words
                text = (show_controls(c.name) if br.spec.technical else type_label(c)) + (" ⧩" if c.name in filtered else "")
            style = base + st["cursor-column"] if n == self.cursor_col else base
            segs.append(Segment(" " + _fit(text, self._widths[n], c.kind == "number" and y == 1) + " ", style))
            segs.append(Segment("│", sep))
        return Strip(segs)

    def _row_line(self, pos: int) -> Strip:
        assert self.pager is not None
        st = self._styles
        row = self.pager.row(pos)
        columns = self.pager.browser.columns
        on_row = pos == self.cursor_row
        on = "-on-row" if on_row else ""
        base = st["cursor-row"] if on_row else st["base"]
        sep = base + st["separator" + on]
        null = base + st["null" + on]
        segs: list[Segment] = []
        for n in range(*self._span):
            i = self._cols[n]
            c = columns[i]
            if row is None:
                text, style, right = "…", base + st["pending" + on], False
            else:
                v = row[i]
                text = self._text(row, i)
                style = null if v is None else base
                right = v is not None and c.kind == "number"
            if on_row and n == self.cursor_col:
                style = style + st["cursor"]
            segs.append(Segment(" " + _fit(text, self._widths[n], right) + " ", style))
            segs.append(Segment("│", sep))
        return Strip(segs)


def _fit(text: str, width: int, right: bool = False) -> str:
    n = cell_len(text)
    if n > width:
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - n)
    return pad + text if right else text + pad
