"""A table of figures: one row per figure, each row knows its source (key `s` or Enter)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable

from kjc_tui.fmt import literal
from kjc_tui.ui import keys
from kjc_tui.ui.provenance import Provenance

Cell = str | Text


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


class FigureTable(DataTable[Cell]):
    """A DataTable whose rows carry their provenance; height follows its rows."""

    BINDINGS = keys.bindings("figure")
    DEFAULT_CSS = """
    FigureTable { height: auto; max-height: 100%; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False,
                         show_cursor=True, cell_padding=1)
        self._columns: list[Col] = []
        self._rows: list[tuple[Sequence[Cell], Provenance | None]] = []
        self._empty: str = ""
        self._width = 0

    # -- filling ----------------------------------------------------------------------
    def fill(self, columns: list[Col], rows: list[tuple[Sequence[Cell], Provenance | None]],
             empty: str = "") -> None:
        """Replace columns and rows; keeps the cursor row when it still exists."""
        self._columns, self._rows, self._empty = columns, rows, empty
        self._render_rows()

    def _visible_columns(self) -> list[int]:
        width = self._available_width()
        return [i for i, c in enumerate(self._columns) if width >= c.min_table_width]

    def _available_width(self) -> int:
        width = self.size.width or (self.parent.size.width if self.parent is not None else 0)
        return width or 80

    def _render_rows(self) -> None:
        cursor = self.cursor_row
        self.clear(columns=True)
        self._width = self._available_width()
        self.can_focus = bool(self._rows)  # Tab skips empty sections
        if not self._rows:
            # a one-line message across the whole table, no header
            self.show_header = False
            self.add_column("", width=max(8, self._width - 3), key="empty")
            if self._empty:
                self.add_row(cell(self._empty, "dim italic"))
            return
        self.show_header = True
        visible = self._visible_columns()
        fixed = sum((self._columns[i].width or 0) + 2 for i in visible)
        flexible = [i for i in visible if self._columns[i].width is None]
        rest = max(8 * len(flexible), self._width - fixed - 2 * len(flexible) - 1)
        weights = sum(self._columns[i].weight for i in flexible) or 1
        for i in visible:
            c = self._columns[i]
            width = c.width or max(6, rest * c.weight // weights)
            self.add_column(Text(c.label, justify="right" if c.right else "left", no_wrap=True,
                                 overflow="ellipsis"), width=width, key=str(i))
        for n, (cells, _) in enumerate(self._rows):
            self.add_row(*[cells[i] for i in visible], key=str(n))
        self.move_cursor(row=min(max(cursor, 0), len(self._rows) - 1), animate=False, scroll=False)

    def on_resize(self) -> None:
        if self._columns and self._available_width() != self._width:
            self._render_rows()

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

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_show_source()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Keep the highlighted row visible in the scrolling containers around the table
        (the table grows with its rows, so it never scrolls itself)."""
        if self.has_focus:
            self.scroll_row_visible(event.cursor_row)

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
