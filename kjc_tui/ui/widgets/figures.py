"""A table of figures: one row per figure, each row knows its source (key `s` or Enter).

Deliberately light (a widget drawing its own lines, not a DataTable): the Übersicht and the
profile hold a dozen of them, they have a few dozen rows each, and they must not slow
down the first frame. The table grows with its rows; the containers around it scroll.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from kjc_tui.fmt import literal
from kjc_tui.ui import keys
from kjc_tui.ui.provenance import Provenance

Cell = str | Text
PADDING = 1


@dataclass(frozen=True)
class Col:
    """A column: label, fixed width (None = takes the rest), right-aligned, shown from this width on."""

    label: str
    width: int | None = None
    right: bool = False
    min_table_width: int = 0
    #: share of the remaining width among the flexible columns
    weight: int = 1


def cell(value: object, style: str = "", right: bool = False) -> Text:
    """Data shown literally: a Text, never markup."""
    return Text(literal(value), style=style, justify="right" if right else "left", no_wrap=True,
                overflow="ellipsis")


class FigureTable(Widget, can_focus=True):
    """Rows of figures with a header; the cursor row's provenance opens with `s`/Enter."""

    BINDINGS = [
        *keys.bindings("figure"),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]
    COMPONENT_CLASSES = {"figure-table--header", "figure-table--cursor"}
    DEFAULT_CSS = """
    FigureTable { height: auto; }
    FigureTable > .figure-table--header { background: $panel; text-style: bold; }
    FigureTable > .figure-table--cursor { background: $block-cursor-background;
                                          color: $block-cursor-foreground; text-style: bold; }
    FigureTable:blur > .figure-table--cursor { background: $block-cursor-blurred-background;
                                               color: $foreground; text-style: none; }
    """

    cursor_row: reactive[int] = reactive(0, layout=False)
    header_height = 1

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._columns: list[Col] = []
        self._rows: list[tuple[Sequence[Cell], Provenance | None]] = []
        self._empty = ""
        self._layout: tuple[int, list[tuple[int, int]]] | None = None  # (width, [(column, cell width)])

    # -- filling ----------------------------------------------------------------------
    def fill(self, columns: list[Col], rows: list[tuple[Sequence[Cell], Provenance | None]],
             empty: str = "") -> None:
        """Replace columns and rows; keeps the cursor row when it still exists."""
        self._columns, self._rows, self._empty = columns, rows, empty
        self._layout = None
        self.can_focus = bool(rows)  # Tab skips empty sections
        self.set_reactive(FigureTable.cursor_row, min(self.cursor_row, max(0, len(rows) - 1)))
        self.refresh(layout=True)

    @property
    def message(self) -> str:
        """What an empty table says ("lädt …", "keine Angaben"); '' when it has rows."""
        return "" if self._rows else self._empty

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, index: int) -> list[Cell]:
        """The cells of a row as shown (visible columns only)."""
        return [self._rows[index][0][i] for i, _ in self._visible(self.size.width or 80)]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self._rows) if self._rows else (1 if self._empty else 0)

    # -- layout and drawing --------------------------------------------------------------
    def _visible(self, width: int) -> list[tuple[int, int]]:
        """(column index, cell width) of the columns that fit at this table width."""
        if self._layout is not None and self._layout[0] == width:
            return self._layout[1]
        shown = [i for i, c in enumerate(self._columns) if width >= c.min_table_width]
        fixed = sum((self._columns[i].width or 0) + 2 * PADDING for i in shown)
        flexible = [i for i in shown if self._columns[i].width is None]
        rest = max(8 * len(flexible), width - fixed - 2 * PADDING * len(flexible))
        weights = sum(self._columns[i].weight for i in flexible) or 1
        out = [(i, self._columns[i].width or max(6, rest * self._columns[i].weight // weights)) for i in shown]
        self._layout = (width, out)
        return out

    def _line(self, cells: Sequence[Cell], style: Style, width: int) -> Strip:
        line = Text(no_wrap=True, overflow="crop")
        for i, w in self._visible(width):
            c = cells[i] if i < len(cells) else ""
            text = c.copy() if isinstance(c, Text) else Text(literal(c))
            right = text.justify == "right" or (not isinstance(c, Text) and self._columns[i].right)
            text.truncate(w, overflow="ellipsis")
            text.align("right" if right else "left", w)
            line.append(" " * PADDING)
            line.append_text(text)
            line.append(" " * PADDING)
        return self._strip(line, style, width)

    def _strip(self, line: Text, style: Style, width: int) -> Strip:
        segments: list[Segment] = list(line.render(self.app.console))
        return Strip(segments).crop_extend(0, width, None).apply_style(style)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0 and self._rows:
            header = [Text(c.label, justify="right" if c.right else "left") for c in self._columns]
            return self._line(header, base + self.get_component_rich_style("figure-table--header"), width)
        if not self._rows:
            if y == 0 and self._empty:
                message = cell(self._empty, "dim italic")
                message.truncate(max(1, width - 2 * PADDING), overflow="ellipsis")
                return self._strip(Text(" " * PADDING) + message, base, width)
            return Strip.blank(width, base)
        row = y - 1
        if row >= len(self._rows):
            return Strip.blank(width, base)
        style = base
        if row == self.cursor_row:
            style = base + self.get_component_rich_style("figure-table--cursor")
        return self._line(self._rows[row][0], style, width)

    def on_resize(self) -> None:
        self._layout = None

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()
        if self.has_focus:
            self.scroll_row_visible(new)

    # -- keys and mouse ---------------------------------------------------------------------
    def _move(self, row: int) -> None:
        if self._rows:
            self.cursor_row = max(0, min(len(self._rows) - 1, row))

    def action_cursor_down(self) -> None:
        self._move(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor_row - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        row = event.y - self.header_height
        if 0 <= row < len(self._rows):
            if row == self.cursor_row and self.has_focus and event.chain >= 2:
                self.action_show_source()
            self._move(row)
            self.focus()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- provenance -------------------------------------------------------------------
    @property
    def current_provenance(self) -> Provenance | None:
        if not self._rows or not (0 <= self.cursor_row < len(self._rows)):
            return None
        return self._rows[self.cursor_row][1]

    def action_show_source(self) -> None:
        from kjc_tui.ui.widgets.dialogs import SourceScreen

        prov = self.current_provenance
        if prov is not None:
            self.app.push_screen(SourceScreen(prov))

    def scroll_row_visible(self, row: int) -> None:
        """Like `Screen.scroll_to_widget`, but for one row: walk up the containers, each
        scrolling the row's region into view and handing it on in its own coordinates."""
        box = self.virtual_region_with_margin
        region = Region(box.x, box.y + self.header_height + max(0, row - 1), box.width, 3)
        widget: Widget = self
        while isinstance(widget.parent, Widget) and region:
            container = widget.parent
            offset = container.scroll_to_region(region, animate=False, immediate=True, x_axis=False)
            region = (region.translate(-offset)
                      .translate(container.styles.margin.top_left)
                      .translate(container.styles.border.spacing.top_left)
                      .translate(container.virtual_region_with_margin.offset)
                      .grow(container.styles.margin)
                      .intersection(container.virtual_region_with_margin))
            widget = container
