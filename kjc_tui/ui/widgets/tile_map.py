"""A tile map of Hessen's 26 districts, coloured by an indicator.

One tile per district, placed roughly where the district lies (north at the top).
Each tile shows a short name, a KJC (●) or gE (○) mark, the value and a shade
(░ ▒ ▓ █ from low to high) that repeats the colour, so the map also reads without
colour; a district without a value at the map's one period (the common period of
`read.periods`) shows "k. A." on a plain tile: no value of another year is mixed in. The
legend says whether a stronger colour is better or worse. Arrow keys walk the tiles, Enter posts `TileMap.Selected`;
the status line below names the highlighted district with its value, Zeitraum and Stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.color import Color
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.messages import ShowDistrict
from kjc_tui.read.compare import SHORT_NAMES
from kjc_tui.ui.widgets import chartfmt as cf
from kjc_tui.ui.theme_colours import theme_colour
from kjc_tui.ui.widgets.charts import wrap_items

#: AGS → (row, column) on a 7 × 5 grid, north at the top
LAYOUT: dict[str, tuple[int, int]] = {
    "06635": (0, 1), "06633": (0, 2), "06611": (0, 3), "06636": (0, 4),
    "06534": (1, 1), "06634": (1, 2), "06632": (1, 3),
    "06532": (2, 0), "06531": (2, 1), "06535": (2, 2), "06631": (2, 3),
    "06533": (3, 0), "06434": (3, 1), "06440": (3, 2), "06435": (3, 3),
    "06439": (4, 0), "06436": (4, 1), "06412": (4, 2), "06413": (4, 3),
    "06414": (5, 0), "06433": (5, 1), "06411": (5, 2), "06438": (5, 3),
    "06431": (6, 1), "06432": (6, 2), "06437": (6, 3),
}
ROWS, COLS = 7, 5
SHADES = ("░", "▒", "▓", "█")
KJC_MARK, GE_MARK = "●", "○"


@dataclass
class MapData:
    values: dict[str, float | None] = field(default_factory=dict)  # AGS → value
    kjc: dict[str, bool | None] = field(default_factory=dict)  # AGS → is a KJC (None: model unknown)
    names: dict[str, str] = field(default_factory=dict)  # AGS → full name
    unit: str | None = None
    title: str = ""
    periods: dict[str, date] = field(default_factory=dict)  # AGS → Zeitraum of the value
    stands: dict[str, date | None] = field(default_factory=dict)  # AGS → Stand (as of)
    higher_is_better: bool | None = None  # what a stronger colour means

    def current(self) -> list[float]:
        """The values on the colour scale."""
        return [v for v in self.values.values() if v is not None]


def buckets(values: list[float], n: int = len(SHADES)) -> list[float]:
    """Upper bounds of `n` equal-width classes between min and max."""
    lo, hi = min(values), max(values)
    if hi == lo:
        return [hi] * n
    return [lo + (hi - lo) * (i + 1) / n for i in range(n)]


def bucket_of(v: float, bounds: list[float]) -> int:
    for i, b in enumerate(bounds):
        if v <= b + 1e-12:
            return i
    return len(bounds) - 1


def _cut(text: str, width: int) -> str:
    """`text` in `width` columns, ending in "…" when cut (never a word cut off silently)."""
    return (text[:width - 1] + "…" if len(text) > width else text).ljust(width)


class TileMap(Widget, can_focus=True):
    """The district map; `selected` is the AGS of the highlighted tile."""

    DEFAULT_CSS = """
    TileMap { height: auto; min-height: 9; padding: 0 1; }
    """
    BINDINGS = keys.bindings("map", only=("map.north", "map.south", "map.west", "map.east", "map.open"))

    selected: reactive[str] = reactive("06437")

    class Selected(Message):
        """Enter (or a second click) on a tile: open this district."""

        def __init__(self, ags: str) -> None:
            super().__init__()
            self.ags = ags

    class Highlighted(Message):
        def __init__(self, ags: str) -> None:
            super().__init__()
            self.ags = ags

    def __init__(self, data: MapData | None = None, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.data = data or MapData()

    def on_mount(self) -> None:
        keys.localise(self, language())  # mounted after the view was localised
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.refresh()

    def set_data(self, data: MapData) -> None:
        self.data = data
        self.refresh(layout=True)

    # navigation
    def action_walk(self, drow: int, dcol: int) -> None:
        r0, c0 = LAYOUT.get(self.selected, (3, 2))
        best: tuple[tuple[int, int], str] | None = None
        for ags, (r, c) in LAYOUT.items():
            dr, dc = r - r0, c - c0
            if drow and (dr * drow <= 0):
                continue
            if dcol and (dc * dcol <= 0 or dr != 0):
                continue
            key = (abs(dr), abs(dc)) if drow else (abs(dc), abs(dr))
            if best is None or key < best[0]:
                best = (key, ags)
        if best is not None:
            self.selected = best[1]

    def watch_selected(self, ags: str) -> None:
        self.refresh()
        self.post_message(self.Highlighted(ags))

    def action_open(self) -> None:
        self.post_message(self.Selected(self.selected))

    def on_click(self, event: Click) -> None:
        ags = self._tile_at(event.x - self.styles.padding.left, event.y - self.styles.padding.top)
        if ags is None:
            return
        if ags == self.selected:
            self.action_open()
        self.selected = ags

    # geometry
    def _tile_size(self, width: int) -> tuple[int, int]:
        tw = max(7, min(20, width // COLS))
        return tw, 3 if width >= 100 else 2

    def _tile_at(self, x: int, y: int) -> str | None:
        tw, th = self._tile_size(self.content_size.width)
        r, c = y // th, x // tw
        for ags, pos in LAYOUT.items():
            if pos == (r, c):
                return ags
        return None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))

    def _palette(self) -> list[Color]:
        base = Color.parse(theme_colour(self, "background") if self.is_mounted else "#202020")
        top = Color.parse(theme_colour(self, "primary"))
        return [base.blend(top, f) for f in (0.25, 0.45, 0.7, 0.95)]

    def _lines(self, width: int) -> list[Text]:
        data = self.data
        tw, th = self._tile_size(width)
        present = data.current()
        bounds = buckets(present) if present else []
        palette = self._palette()
        grid: dict[tuple[int, int], str] = {pos: ags for ags, pos in LAYOUT.items()}
        lines: list[Text] = []
        for r in range(ROWS):
            rows = [Text(no_wrap=True, overflow="crop") for _ in range(th)]
            for c in range(COLS):
                ags = grid.get((r, c))
                cells = self._tile(ags, tw - 1, th, bounds, palette) if ags else [Text(" " * (tw - 1))] * th
                for line, cell in zip(rows, cells):
                    line.append_text(cell)
                    line.append(" ")
            lines += rows
        lines += self._legend(width, bounds, palette)
        return lines

    def _tile(self, ags: str, w: int, h: int, bounds: list[float], palette: list[Color]) -> list[Text]:
        data = self.data
        v = data.values.get(ags)
        kjc = data.kjc.get(ags)
        name = SHORT_NAMES.get(ags) or cf.strip_controls(data.names.get(ags, ags))
        if v is None:
            shade, body, bg = "·", t("map.no_data"), None
        else:
            b = bucket_of(v, bounds)
            shade, body, bg = SHADES[b], cf.value(v, data.unit), palette[b]
        fg = (bg.get_contrast_text(1.0) if bg is not None else Color.parse(theme_colour(self, "foreground")))
        style = Style(color=fg.rich_color, bgcolor=bg.rich_color if bg is not None else None)
        if ags == self.selected:
            style += Style(reverse=True, bold=True)
        mark = {True: KJC_MARK, False: GE_MARK}.get(kjc, " ")  # type: ignore[arg-type]
        first = _cut(mark + " " + name, w)
        second = _cut(shade * 2 + " " + body, w)
        out = [Text(first, style + Style(bold=True)), Text(second, style)]
        if h >= 3:
            out.insert(0, Text(("▔" * w) if ags == self.selected else " " * w, style))
        return out[:h]

    def _legend(self, width: int, bounds: list[float], palette: list[Color]) -> list[Text]:
        items: list[Text] = []
        if self.data.title:
            items.append(Text(cf.strip_controls(self.data.title), style="bold"))
        if bounds:
            lo = min(self.data.current())
            edges = [lo, *bounds]
            for i, shade in enumerate(SHADES):
                if i and bounds[i] == bounds[i - 1]:
                    continue
                items.append(Text.assemble(
                    (shade * 2, Style(color=palette[i].get_contrast_text(1.0).rich_color,
                                      bgcolor=palette[i].rich_color)),
                    f" {cf.compact(edges[i], self.data.unit)}–{cf.compact(edges[i + 1], self.data.unit)}"))
            items.append(Text(t({True: "map.darker_better", False: "map.darker_worse"}.get(
                self.data.higher_is_better, "map.darker_more"))))  # type: ignore[arg-type]
        items.append(Text("·· " + t("map.no_data")))
        items.append(Text(f"{KJC_MARK} KJC  {GE_MARK} gE"))
        return wrap_items(items, max(10, width))


class DistrictMap(Vertical):
    """The tile map with its indicator: loads its data through the app, `[`/`]` change the
    indicator, Enter (or a second click) opens the district's profile."""

    DEFAULT_CSS = """
    DistrictMap { height: auto; }
    DistrictMap #map-title { height: auto; padding: 0 1; }
    DistrictMap #map-status { height: auto; padding: 0 1; }
    """
    BINDINGS = keys.bindings("map", only=("map.previous", "map.next"))

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.indicators: list[Any] = []
        self.indicator: str | None = None
        #: what the map shows (the indicator, districts, values; "none": no indicator), kept to
        #: word it again after a language switch
        self._shown: tuple[Any, list[Any], Any] | str | None = None

    def on_mount(self) -> None:
        keys.localise(self, language())

    def compose(self) -> ComposeResult:
        yield Static("", id="map-title")
        yield TileMap(id="map-tiles")
        yield Static("", id="map-status")

    def _fetch(self, fn: Any, done: Any, group: str) -> None:
        fetch = getattr(self.app, "fetch", None)
        if callable(fetch):
            fetch(self, fn, done, group)

    def reload(self) -> None:
        """Load the indicator list, then the map of the chosen indicator."""
        from kjc_tui.read import compare as cmp

        def load(store: Any) -> tuple[list[Any], dict[str, tuple[int, int, int]]]:
            return cmp.indicator_catalogue(store), cmp.coverage(store)

        def done(result: tuple[list[Any], dict[str, tuple[int, int, int]]]) -> None:
            defs, cov = result
            self.indicators = [d for d in defs if cov.get(d.code, (0, 0, 0))[0] > 0]
            codes = [d.code for d in self.indicators]
            if self.indicator not in codes and self.indicators:
                # the indicator that most districts share one period for
                self.indicator = max(self.indicators, key=lambda d: (cov[d.code][2], -codes.index(d.code))).code
            self._load_map()

        self._fetch(load, done, "map.catalogue")

    def _load_map(self) -> None:
        from kjc_tui.read import compare as cmp

        ind = next((d for d in self.indicators if d.code == self.indicator), None)
        if ind is None:
            self._shown = "none"
            self.query_one("#map-title", Static).update(Text(t("map.none"), style="dim"))
            return

        wanted = getattr(self.app, "period", None)

        def load(store: Any) -> tuple[list[cmp.District], Any]:
            from kjc_tui.read import periods

            districts = cmp.hessen_districts(store)
            return districts, periods.slices(store, [ind.code], [d.ags for d in districts], wanted)[ind.code]

        self._fetch(load, lambda result: self._show(ind, *result), "map.data")

    def relabel(self) -> None:
        if self._shown == "none":
            self.query_one("#map-title", Static).update(Text(t("map.none"), style="dim"))
        elif isinstance(self._shown, tuple):
            self._show(*self._shown, follow=False)

    def _show(self, ind: Any, districts: list[Any], sl: Any, follow: bool = True) -> None:
        """Draw the map of `ind` (its slice `sl` of one period) and its title, kept to word it
        again after a language switch; with `follow`, the highlighted tile follows the app's
        current district."""
        from kjc_tui.read import compare as cmp

        self._shown = (ind, districts, sl)
        values = {a: cmp.Value(a, r["period"], r["value"], as_of=r["as_of"]) for a, r in sl.values.items()}
        tiles = self.query_one(TileMap)
        current = getattr(self.app, "current_ags", None)
        if follow and current in LAYOUT and not tiles.has_focus:
            tiles.selected = current
        tiles.set_data(MapData(
            {d.ags: (values[d.ags].value if d.ags in values else None) for d in districts},
            {d.ags: (d.is_kjc if d.model else None) for d in districts}, {d.ags: d.name for d in districts},
            ind.unit, periods={a: v.period for a, v in values.items()},
            stands={a: v.as_of for a, v in values.items()}, higher_is_better=ind.higher_is_better))
        self._show_status(tiles.selected)
        # one period for the whole colour scale: "Stand 09/2025 · 24 von 26 Kreisen"
        stand = (t("map.stand", period=cf.period(sl.period, sl.kind or "month"), n=sl.n, total=sl.total)
                 if sl.period else t("ov.no_common"))
        title = Text.assemble((t("map.title"), "bold"), (cf.indicator_name(ind), "bold"),
                              t("map.title_rest", period=stand))
        with_value = sum(1 for v in values.values() if v.value is not None)
        if with_value < cmp.SPARSE_MIN_DISTRICTS:
            title.append(t("map.sparse", n=with_value, total=len(districts)), style="bold")
        self.query_one("#map-title", Static).update(title)

    def action_step(self, step: int) -> None:
        codes = [d.code for d in self.indicators]
        if not codes:
            return
        i = codes.index(self.indicator) if self.indicator in codes else 0
        self.indicator = codes[(i + step) % len(codes)]
        self._load_map()

    def on_tile_map_highlighted(self, event: TileMap.Highlighted) -> None:
        event.stop()
        self._show_status(event.ags)

    def _show_status(self, ags: str) -> None:
        """Full name, model, value, Zeitraum and Stand of the highlighted tile."""
        data = self.query_one(TileMap).data
        if not data.names:
            return
        kind = {True: "KJC", False: "gE"}.get(data.kjc.get(ags), t("map.model_unknown"))  # type: ignore[arg-type]
        ind = next((d for d in self.indicators if d.code == self.indicator), None)
        # the indicator stays named here when the title has scrolled off (80×24)
        head = Text(f"{ind.code} {cf.indicator_name(ind)}\n" if ind else "", style="bold", no_wrap=True,
                    overflow="ellipsis")
        line = Text(f"{cf.strip_controls(data.names.get(ags, ags))} ({kind}): ", style="bold", no_wrap=True,
                    overflow="ellipsis")
        v = data.values.get(ags)
        if v is None:
            line.append(t("map.no_value"), style="")
        else:
            period, stand = data.periods.get(ags), data.stands.get(ags)
            line.append(t("map.status", value=cf.value(v, data.unit),
                          period=cf.period(period, "month") if period else "–",
                          stand=cf.date_(stand) if stand else "–"), style="")
        self.query_one("#map-status", Static).update(head + line)

    def on_tile_map_selected(self, event: TileMap.Selected) -> None:
        event.stop()
        self.post_message(ShowDistrict(event.ags))
