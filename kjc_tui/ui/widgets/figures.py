"""A table of figures: one row per figure, each row knows its source (key `s` or Enter).

Deliberately light (a widget drawing its own lines, not a DataTable): the Übersicht and the
profile hold a dozen of them, they have a few dozen rows each, and they must not slow
down the first frame. The table grows with its rows; the containers around it scroll.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from kjc_tui.core.fmt import strip_controls
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
    #: lines a long cell may take (the row grows); the last line ends in "…" if still too long
    lines: int = 1
    #: as wide as its widest cell (at least `min_width`, at most `width`), left out when every cell is empty
    fit: bool = False
    min_width: int = 0


#: spaces a line must not break at: "SGB II", "§ 48a", a figure and its unit ("−0,4 Pp.", "24,6 %"),
#: and non-breaking spaces (Rich breaks at those)
UNBREAKABLE = re.compile(r"(?:(?<=SGB)|(?<=§)) (?=[\dIVX])|(?<=\d) (?=(?:%|Pp\.|€|Mio\.|Mrd\.))|\u00a0")
#: stands for such a space while Rich wraps: not a space to Rich, one column wide
GLUE = "\ue000"


def wrap_cell(text: Text, width: int, lines: int, console: object) -> list[Text]:
    """A cell broken into at most `lines` lines of `width`, the last one cut with an ellipsis;
    "SGB II" and the like stay on one line."""
    if lines <= 1 or text.cell_len <= width:
        return [text]
    glued = UNBREAKABLE.sub(GLUE, text.plain)
    if glued != text.plain:
        text = text.copy()
        text.plain = glued  # same length: the styles stay where they are
    # a word longer than the column ends in "…" rather than being broken in the middle
    wrapped = list(text.wrap(console, width, overflow="ellipsis", no_wrap=False))  # type: ignore[arg-type]
    for line in wrapped:
        line.rstrip()
        line.plain = line.plain.replace(GLUE, " ")
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        for rest in wrapped[lines:]:
            last.append(" ")
            last.append_text(rest)
        wrapped = wrapped[:lines]
    return wrapped


def cell(value: object, style: str = "", right: bool = False) -> Text:
    """Data shown literally: a Text, never markup."""
    return Text(strip_controls(value), style=style, justify="right" if right else "left", no_wrap=True,
                overflow="ellipsis")


class FigureTable(Widget, can_focus=True):
    """Rows of figures with a header; the cursor row's provenance opens with `s`/Enter."""

    BINDINGS = [
        *keys.bindings("figure"),
    ]
    COMPONENT_CLASSES = {"figure-table--header", "figure-table--cursor"}
    DEFAULT_CSS = """
    FigureTable { height: auto; }
    FigureTable > .figure-table--header { background: $panel; text-style: bold; }
    FigureTable > .figure-table--cursor { background: $block-cursor-background;
                                          color: $block-cursor-foreground; text-style: bold; }
    FigureTable:focus > .figure-table--header { background: $accent 35%; }
    """

    cursor_row: reactive[int] = reactive(0, layout=False)
    header_height = 1

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._columns: list[Col] = []
        self._rows: list[tuple[Sequence[Cell], Provenance | None]] = []
        self._empty = ""
        self._layout: tuple[int, list[tuple[int, int]]] | None = None  # (width, [(column, cell width)])
        #: (width, the rows' cells broken into lines, first line of each row below the header)
        self._wrapped: tuple[int, list[list[list[Text]]], list[int]] | None = None
        self._keys: list[Hashable] = []

    # -- filling ----------------------------------------------------------------------
    def fill(self, columns: list[Col], rows: Sequence[tuple[Sequence[Cell], Provenance | None]],
             empty: str = "") -> None:
        """Replace columns and rows. The cursor stays on the row with the same key (the text of
        its first cells and what its source names) if it still exists, else on the same row number."""
        old_key = self._keys[self.cursor_row] if 0 <= self.cursor_row < len(self._keys) else None
        self._columns, self._rows, self._empty = columns, list(rows), empty
        self._keys = [self._row_key(r[0], r[1]) for r in rows]
        self._layout = self._wrapped = None
        self.can_focus = bool(rows)  # Tab skips empty sections
        row = self._keys.index(old_key) if old_key is not None and old_key in self._keys else self.cursor_row
        self.set_reactive(FigureTable.cursor_row, min(row, max(0, len(rows) - 1)))
        self.refresh(layout=True)

    @staticmethod
    def _row_key(cells: Sequence[Cell], prov: Provenance | None) -> Hashable:
        """What identifies a row across a reload: its text and what its provenance names."""
        text = tuple(getattr(c, "plain", str(c)) for c in cells[:2])
        return (text, prov.what if prov is not None else None)

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
        if not self._rows:
            return 1 if self._empty else 0
        return 1 + self._wrap(width)[2][-1]

    # -- layout and drawing --------------------------------------------------------------
    def _visible(self, width: int) -> list[tuple[int, int]]:
        """(column index, cell width) of the columns that fit at this table width."""
        if self._layout is not None and self._layout[0] == width:
            return self._layout[1]
        widths = {i: self._fitted(i) if c.fit else c.width for i, c in enumerate(self._columns)}
        shown = [i for i, c in enumerate(self._columns)
                 if width >= c.min_table_width and not (c.fit and widths[i] == 0)]
        while True:
            fixed = sum((widths[i] or 0) + 2 * PADDING for i in shown)
            flexible = [i for i in shown if widths[i] is None]
            rest = max(8 * len(flexible), width - fixed - 2 * PADDING * len(flexible))
            weights = sum(self._columns[i].weight for i in flexible) or 1
            out = [(i, widths[i] or max(6, rest * self._columns[i].weight // weights)) for i in shown]
            # rather leave out an optional column than break a word of a wrapping one in two
            optional = [i for i in shown if self._columns[i].min_table_width]
            if not optional or all(w >= self._longest_word(i) for i, w in out if i in flexible):
                break
            shown.remove(max(optional, key=lambda i: self._columns[i].min_table_width))
        self._layout = (width, out)
        return out

    def _longest_word(self, i: int, cap: int = 22) -> int:
        """The longest word in a wrapping column (at most `cap`): narrower, it would be split."""
        if self._columns[i].lines <= 1:
            return 0
        words = (w for cells, _ in self._rows for w in self._text(cells, i).plain.split())
        return min(cap, max((len(w) for w in words), default=0))

    def _fitted(self, i: int) -> int:
        """Width of a `fit` column: its widest cell and label, capped; 0 when it is empty."""
        widest = max((self._text(cells, i).cell_len for cells, _ in self._rows), default=0)
        if not widest:
            return 0
        col = self._columns[i]
        return min(max(widest, len(col.label), col.min_width), col.width or widest)

    def _wrap(self, width: int) -> tuple[int, list[list[list[Text]]], list[int]]:
        """The rows' cells broken into lines at this width, and where each row starts
        (the last entry is the total number of lines)."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped
        visible = self._visible(width)
        rows: list[list[list[Text]]] = []
        starts = [0]
        for cells, _ in self._rows:
            row = [wrap_cell(self._text(cells, i), w, self._columns[i].lines, self.app.console) for i, w in visible]
            rows.append(row)
            starts.append(starts[-1] + max((len(c) for c in row), default=1))
        self._wrapped = (width, rows, starts)
        return self._wrapped

    def _text(self, cells: Sequence[Cell], i: int) -> Text:
        c = cells[i] if i < len(cells) else ""
        if isinstance(c, Text):
            return c.copy()
        return Text(strip_controls(c), justify="right" if self._columns[i].right else "left")

    def _row_at_line(self, line: int) -> int:
        """The row that the content line `line` (0 = first line below the header) belongs to."""
        return bisect_right(self._wrap(self.size.width or 80)[2], line) - 1

    def _line(self, texts: Sequence[Text], style: Style, width: int) -> Strip:
        """One screen line from one text per visible column."""
        line = Text(no_wrap=True, overflow="crop")
        for text, (_, w) in zip(texts, self._visible(width)):
            text = text.copy()
            right = text.justify == "right"
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
            header = [Text(self._columns[i].label, justify="right" if self._columns[i].right else "left")
                      for i, _ in self._visible(width)]
            return self._line(header, base + self.get_component_rich_style("figure-table--header"), width)
        if not self._rows:
            if y == 0 and self._empty:
                message = cell(self._empty, "dim italic")
                message.truncate(max(1, width - 2 * PADDING), overflow="ellipsis")
                return self._strip(Text(" " * PADDING) + message, base, width)
            return Strip.blank(width, base)
        _, wrapped, starts = self._wrap(width)
        if y - 1 >= starts[-1]:
            return Strip.blank(width, base)
        row = self._row_at_line(y - 1)
        part = y - 1 - starts[row]
        style = base
        if row == self.cursor_row and self.has_focus:  # only the focused table shows its cursor row
            style = base + self.get_component_rich_style("figure-table--cursor")
        return self._line([c[part] if part < len(c) else Text("") for c in wrapped[row]], style, width)

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
        line = event.y - self.header_height
        row = self._row_at_line(line) if self._rows and line >= 0 else -1
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
        """The source of the cursor row, brought into view first: `s` never means a row the
        user cannot see (the containers around may have scrolled it away)."""
        from kjc_tui.ui.widgets.dialogs import SourceScreen

        prov = self.current_provenance
        if prov is not None:
            self.reveal()
            self.app.push_screen(SourceScreen(lambda: self.current_provenance))

    def reveal(self) -> None:
        """Scroll the cursor row into view."""
        if self._rows:
            self.scroll_row_visible(self.cursor_row)

    def scroll_row_visible(self, row: int) -> None:
        """Like `Screen.scroll_to_widget`, but for one row: walk up the containers, each
        scrolling the row's region into view and handing it on in its own coordinates."""
        box = self.virtual_region_with_margin
        starts = self._wrap(self.size.width or 80)[2]
        row = max(0, min(row, len(starts) - 2))
        top = starts[max(0, row - 1)]
        region = Region(box.x, box.y + self.header_height + top, box.width, starts[min(row + 2, len(starts) - 1)] - top)
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
