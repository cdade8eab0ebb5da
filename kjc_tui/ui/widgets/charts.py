"""Line and bar charts, drawn with Rich text so that they fit any size, follow the theme
and stay readable without colour.

* `LineChart`: one series per district or group over time; each series has its own
  marker (● ■ ▲ ◆ ✚ ○) at every data point, joined by braille lines, so series differ
  by shape as well as colour (16-colour terminals, NO_COLOR); averages (Hessen-Ø, KJC-Ø)
  are drawn dashed and marked ┄ in the legend.
* `BarChart`: one horizontal bar per district, KJC bars solid (█) and gE bars shaded (▒),
  reference lines for averages (│ Hessen-Ø, ┆ KJC-Ø), a cursor row (↑/↓, Enter).

Both redraw from their data on every render, so resizing and theme changes simply work.
All labels come from data and are added as plain `Text`, never as markup.

Why not textual-plot: it draws lines well, but its legend is a draggable overlay built
from markup, its arrow keys pan the plot (they should move between districts here), time
axes and German number formats need custom formatters, and a bar chart of 26 named
districts with two fills and reference lines is simpler and clearer drawn by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from kjc_tui.ui import keys
from kjc_tui.ui.i18n import t
from kjc_tui.ui.theme_colours import theme_colour
from kjc_tui.ui.widgets import chartfmt as cf

MARKERS = ("●", "■", "▲", "◆", "✚", "○", "□", "△")
#: minimum distance in cells between two markers of one series
MARKER_GAP = 4
#: theme variables used for series, in order
SERIES_COLOURS = ("primary", "warning", "success", "error", "accent", "secondary")


def series_style(widget: Widget, index: int) -> Style:
    return Style(color=theme_colour(widget, SERIES_COLOURS[index % len(SERIES_COLOURS)]), bold=True)


def wrap_items(items: Sequence[Text], width: int, sep: str = "  ") -> list[Text]:
    """Lay out legend items greedily on lines of at most `width` cells."""
    lines: list[Text] = []
    cur = Text()
    for item in items:
        piece = item.copy()
        piece.truncate(max(1, width), overflow="ellipsis")
        if cur.cell_len and cur.cell_len + len(sep) + piece.cell_len > width:
            lines.append(cur)
            cur = Text()
        if cur.cell_len:
            cur.append(sep)
        cur.append_text(piece)
    if cur.cell_len:
        lines.append(cur)
    return lines


class _Chart(Widget):
    """Shared behaviour: redraw on theme change."""

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.refresh()


# -- line chart --------------------------------------------------------------------------------------

_BRAILLE = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][col] dot bits


@dataclass
class LineSeries:
    label: str
    points: list[tuple[date, float]]
    reference: bool = False  # a group average rather than a district


@dataclass
class LineChartData:
    series: list[LineSeries] = field(default_factory=list)
    unit: str | None = None
    y_label: str = ""
    period_kind: str = "month"


class LineChart(_Chart, can_focus=True):
    """Series over time with markers, axes with German labels and a legend below."""

    DEFAULT_CSS = """
    LineChart { height: 1fr; min-height: 8; padding: 0 1; }
    LineChart:focus { background: $boost; }
    """

    def __init__(self, data: LineChartData | None = None, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.data = data or LineChartData()

    def set_data(self, data: LineChartData) -> None:
        self.data = data
        self.refresh()

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        return render_line_chart(self, self.data, width, height)


def render_line_chart(widget: Widget, data: LineChartData, width: int, height: int) -> Text:
    series = [s for s in data.series if s.points]
    if width < 20 or height < 5 or not series:
        return Text(t("ch.no_values") if not series else t("ch.no_room"), style="italic")
    styles = [series_style(widget, i) for i in range(len(data.series))]
    legend = wrap_items([
        Text.assemble((MARKERS[i % len(MARKERS)], styles[i]), (" ┄ " if s.reference else " "), Text(s.label))
        for i, s in enumerate(data.series) if s.points
    ], width)
    all_points = [p for s in series for p in s.points]
    ys = [v for _, v in all_points]
    lo, hi = min(ys), max(ys)
    # counts, amounts and percentages start at 0 unless the data goes below it
    from_zero = data.unit in ("count", "eur", "percent") and lo >= 0
    if from_zero and lo < (hi - lo):
        lo = 0.0
    pad = (hi - lo) * 0.05 or (abs(hi) * 0.05 or 1.0)
    ticks = cf.nice_ticks(max(0.0, lo - pad) if from_zero else lo - pad, hi + pad,
                          max_ticks=max(2, min(6, (height - 3 - len(legend)) // 2 + 1)), cover=True)
    lo, hi = min(ticks[0], lo), max(ticks[-1], hi)
    tick_labels = cf.tick_labels(ticks, data.unit)
    left = max(len(t) for t in tick_labels) + 1
    ph = max(2, height - 2 - len(legend))  # plot rows (x axis + labels + legend below)
    pw = max(4, width - left - 1)
    dates = sorted({d for d, _ in all_points})
    d0, d1 = dates[0].toordinal(), dates[-1].toordinal()

    def col_of(d: date) -> float:  # 0 … 2·pw−1 in dot space
        return 0.0 if d1 == d0 else (d.toordinal() - d0) / (d1 - d0) * (pw * 2 - 1)

    def row_of(v: float) -> float:  # 0 (top) … 4·ph−1
        return (hi - v) / (hi - lo) * (ph * 4 - 1) if hi > lo else ph * 2

    bits = [[0] * pw for _ in range(ph)]
    owner: list[list[int | None]] = [[None] * pw for _ in range(ph)]
    marks: dict[tuple[int, int], int] = {}
    for si, s in enumerate(data.series):
        pts = [(col_of(d), row_of(v)) for d, v in s.points]
        dash = 0  # averages (references) are drawn dashed: 3 dots on, 3 off
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            steps = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
            for k in range(steps + 1):
                dash += 1
                if s.reference and dash % 6 >= 3:
                    continue
                x = round(x0 + (x1 - x0) * k / steps)
                y = round(y0 + (y1 - y0) * k / steps)
                cx, cy = min(pw - 1, x // 2), min(ph - 1, y // 4)
                bits[cy][cx] |= _BRAILLE[y % 4][x % 2]
                owner[cy][cx] = si
        # a marker at every point while they are far enough apart, else every k-th (and the last)
        spacing = (pw * 2) / max(1, len(pts) - 1) / 2 if len(pts) > 1 else float(pw)
        every = max(1, math.ceil(MARKER_GAP / spacing)) if spacing else 1
        phase = (si * every) // max(1, len(data.series))  # series put their markers at different places
        for k, (px, py) in enumerate(pts):
            if (k + phase) % every == 0 or k == len(pts) - 1:
                marks[(min(ph - 1, int(py) // 4), min(pw - 1, int(px) // 2))] = si
    tick_rows = {min(ph - 1, int(row_of(t)) // 4): lab for t, lab in zip(ticks, tick_labels)}
    axis_style = Style(color=theme_colour(widget, "secondary"))
    out = Text(no_wrap=True, overflow="crop")
    for r in range(ph):
        out.append(tick_rows.get(r, "").rjust(left - 1) + " ", axis_style)
        out.append("┤" if r in tick_rows else "│", axis_style)
        for c in range(pw):
            if (r, c) in marks:
                si = marks[(r, c)]
                out.append(MARKERS[si % len(MARKERS)], styles[si])
            elif bits[r][c]:
                si = owner[r][c] or 0
                out.append(chr(0x2800 + bits[r][c]), styles[si])
            else:
                out.append(" ")
        out.append("\n")
    # x axis with period labels
    labels = _x_labels(dates, pw, col_of, data.period_kind)
    axis = ["─"] * pw
    lab_line = [" "] * pw
    for c, lab in labels:
        axis[c] = "┬"
        start = max(0, min(pw - len(lab), c - len(lab) // 2))
        if all(ch == " " for ch in lab_line[max(0, start - 1):start + len(lab) + 1]):
            lab_line[start:start + len(lab)] = list(lab)
    out.append(" " * left + "└" + "".join(axis) + "\n", axis_style)
    out.append(" " * (left + 1) + "".join(lab_line), axis_style)
    for line in legend:
        out.append("\n")
        out.append_text(line)
    return out


def _x_labels(dates: list[date], pw: int, col_of, kind: str) -> list[tuple[int, str]]:
    """Tick positions and labels along the time axis, thinned to fit."""
    if not dates:
        return []
    span_years = dates[-1].year - dates[0].year
    yearly = kind == "year" or span_years >= 4
    cands: list[tuple[int, str, date]] = []
    for d in dates:
        if yearly and (d.month != dates[0].month or (cands and cands[-1][2].year == d.year)):
            continue
        lab = str(d.year) if yearly else cf.period(d, kind if kind in ("quarter", "year") else "month")
        cands.append((min(pw - 1, int(col_of(d)) // 2), lab, d))
    if not cands:
        return []
    room = max(1, pw // (len(cands[0][1]) + 2))
    step = max(1, math.ceil(len(cands) / room))
    chosen = cands[::step]
    if cands[-1] not in chosen and len(chosen) < room:
        chosen.append(cands[-1])
    return [(c, lab) for c, lab, _ in chosen]


# -- bar chart -------------------------------------------------------------------------------------


@dataclass
class BarItem:
    key: str  # AGS
    label: str  # short label
    long_label: str
    value: float
    kjc: bool
    period: date | None = None


@dataclass
class Reference:
    label: str
    value: float | None
    glyph: str


@dataclass
class BarChartData:
    items: list[BarItem] = field(default_factory=list)
    unit: str | None = None
    references: list[Reference] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


KJC_FILL, GE_FILL = "█", "▒"


class BarChart(_Chart, can_focus=True):
    """Horizontal bars across districts; ↑/↓ move the cursor, Enter opens the district.

    The bars scroll inside the widget (the window follows the cursor) while the axis, the
    legend and the list of districts without a value stay pinned below them, so they are
    visible at any height and in a saved SVG.
    """

    DEFAULT_CSS = """
    BarChart { height: 1fr; padding: 0 1; }
    BarChart:focus { background: $boost; }
    """
    BINDINGS = keys.bindings("bars")

    cursor = reactive(0)

    class Selected(Message):
        """Enter on a bar."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, data: BarChartData | None = None, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.data = data or BarChartData()
        self._top = 0  # first bar in the window
        self.shown = 0  # bars in the window at the last render

    def set_data(self, data: BarChartData) -> None:
        self.data = data
        self.cursor = min(self.cursor, max(0, len(data.items) - 1))
        self.refresh()

    @property
    def current_key(self) -> str | None:
        items = self.data.items
        return items[self.cursor].key if items else None

    def action_move(self, delta: int) -> None:
        if self.data.items:
            self.cursor = max(0, min(len(self.data.items) - 1, self.cursor + delta))

    def watch_cursor(self, cursor: int) -> None:
        self.refresh()

    def action_select(self) -> None:
        if self.current_key:
            self.post_message(self.Selected(self.current_key))

    def on_click(self, event: Click) -> None:
        """A click picks a bar; a click on the picked bar opens it."""
        row = event.y - self.styles.padding.top
        rows = self._window_rows(self.content_size.height, len(self._footer(self.content_size.width)))
        if 0 <= row < rows and self._top + row < len(self.data.items):
            row += self._top
            if row == self.cursor:
                self.action_select()
            self.cursor = row

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        if not self.data.items:
            return Text(t("ch.no_values"), style="italic")
        footer = self._footer(width)
        rows = self._window_rows(height, len(footer))
        self._top = max(0, min(self._top, self.cursor, len(self.data.items) - rows))
        if self.cursor >= self._top + rows:
            self._top = self.cursor - rows + 1
        bars = self._bars(width)[self._top:self._top + rows]
        self.shown = len(bars)
        if len(self.data.items) > rows:
            shown = t("ch.window", first=self._top + 1, last=self._top + len(bars), n=len(self.data.items))
            footer = self._footer(width, shown)
        return Text("\n").join(bars + footer)

    @staticmethod
    def _window_rows(height: int, footer: int) -> int:
        return max(1, height - footer)

    # drawing
    def _geometry(self, width: int) -> tuple[bool, int, list[str], int, int, float, float]:
        """(wide, label width, value texts, value width, bar width, low, high)."""
        data = self.data
        wide = width >= 110
        label_w = min(26 if wide else 11, max(len(i.long_label if wide else i.label) for i in data.items))
        values = cf.column([i.value for i in data.items], data.unit)
        value_w = max(len(v) for v in values)
        bar_w = max(5, width - 2 - label_w - 1 - 4 - value_w - 1)
        nums = [i.value for i in data.items] + [r.value for r in self._refs() if r.value is not None]
        lo, hi = min(0.0, *nums), max(0.0, *nums)
        if hi == lo:
            hi = lo + 1
        return wide, label_w, values, value_w, bar_w, lo, hi

    def _refs(self) -> list[Reference]:
        return [r for r in self.data.references if r.value is not None]

    def _ref_columns(self, bar_w: int, pos) -> dict[int, str]:
        """Column → glyph of the reference lines; a line that falls on a column already
        taken moves one column aside, so both stay visible: the higher value to the right."""
        cols: dict[int, str] = {}
        for r in sorted(self._refs(), key=lambda r: r.value or 0.0):  # _refs: only those with a value
            c = min(bar_w - 1, int(pos(r.value)))
            if c in cols:
                if c + 1 < bar_w:
                    c += 1
                else:  # at the right edge the lower one moves left
                    cols[c - 1] = cols.pop(c)
            cols[c] = r.glyph
        return cols

    def _styles(self) -> tuple[Style, Style, Style]:
        return (Style(color=theme_colour(self, "primary")), Style(color=theme_colour(self, "warning")),
                Style(color=theme_colour(self, "foreground"), bold=True))

    def _bars(self, width: int) -> list[Text]:
        data = self.data
        wide, label_w, values, value_w, bar_w, lo, hi = self._geometry(width)

        def pos(v: float) -> float:
            return (v - lo) / (hi - lo) * bar_w

        kjc_style, ge_style, ref_style = self._styles()
        ref_cols = self._ref_columns(bar_w, pos)
        zero = pos(0.0)
        zero_col = min(bar_w - 1, int(zero)) if lo < 0 else None
        lines = []
        for idx, (item, val) in enumerate(zip(data.items, values)):
            line = Text(no_wrap=True, overflow="crop")
            selected = idx == self.cursor
            line.append("▶ " if selected else "  ", Style(bold=True))
            name = (item.long_label if wide else item.label)
            name = name if len(name) <= label_w else name[:label_w - 1] + "…"
            line.append(name.ljust(label_w), Style(reverse=True) if selected else Style())
            line.append(" KJC " if item.kjc else " gE  ", Style(dim=not item.kjc))
            a, b = sorted((zero, pos(item.value)))
            fill, style = (KJC_FILL, kjc_style) if item.kjc else (GE_FILL, ge_style)
            for c in range(bar_w):
                cover = max(0.0, min(c + 1, b) - max(c, a))
                if c in ref_cols:
                    line.append(ref_cols[c], ref_style)
                elif cover >= 0.5 or (cover > 0 and b - a < 0.5 and c == int(a)):
                    line.append(fill, style)
                elif c == zero_col:
                    line.append("╎", Style(dim=True))
                else:
                    line.append(" ")
            line.append(" " + val.rjust(value_w))
            lines.append(line)
        return lines

    def _footer(self, width: int, shown: str = "") -> list[Text]:
        """Axis, legend and the districts without a value, each kept to few lines."""
        data = self.data
        _, label_w, _, _, bar_w, lo, hi = self._geometry(width)

        def pos(v: float) -> float:
            return (v - lo) / (hi - lo) * bar_w

        kjc_style, ge_style, ref_style = self._styles()
        lines = self._axis(bar_w, label_w, lo, hi, pos)
        legend = [Text.assemble((KJC_FILL * 2, kjc_style), " KJC"), Text.assemble((GE_FILL * 2, ge_style), " gE")]
        legend += [Text.assemble((r.glyph, ref_style), f" {r.label} {cf.value(r.value, data.unit)}")
                   for r in self._refs()]
        if shown:
            legend.append(Text(shown, style="dim"))
        lines += wrap_items(legend, width)
        if data.missing:
            line = Text(t("ch.without_value", n=len(data.missing)) + ", ".join(data.missing), no_wrap=True)
            line.truncate(width, overflow="ellipsis")
            lines.append(line)
        return lines

    def _axis(self, bar_w: int, label_w: int, lo: float, hi: float, pos) -> list[Text]:
        style = Style(color=theme_colour(self, "secondary"))
        indent = " " * (2 + label_w + 5)
        axis, labs = ["─"] * bar_w, [" "] * bar_w
        ticks = cf.nice_ticks(lo, hi, max_ticks=max(2, min(8, bar_w // 9)))
        for tick, lab in zip(ticks, cf.tick_labels(ticks, self.data.unit)):
            c = min(bar_w - 1, int(pos(tick)))
            if not 0 <= c < bar_w:
                continue
            axis[c] = "┴"
            s = max(0, min(bar_w - len(lab), c - len(lab) // 2))
            if all(ch == " " for ch in labs[max(0, s - 1):s + len(lab) + 1]):
                labs[s:s + len(lab)] = list(lab)
        return [Text(indent + "".join(axis), style), Text(indent + "".join(labs), style)]
