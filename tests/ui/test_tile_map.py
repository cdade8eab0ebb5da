"""The district map: layout, walking the tiles, Enter → profile, missing data, legend."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from chart_fixtures import chart_app, chart_db_path, screen_text, settle
from kjc_tui.read.compare import SHORT_NAMES
from kjc_tui.ui.widgets.tile_map import LAYOUT, MapData, TileMap, DistrictMap, bucket_of, buckets


def test_layout_has_every_district_once() -> None:
    assert len(LAYOUT) == 26 and set(LAYOUT) == set(SHORT_NAMES)
    assert len(set(LAYOUT.values())) == 26
    # north at the top: Kassel above Fulda above Darmstadt above Bergstraße
    rows = {ags: r for ags, (r, _) in LAYOUT.items()}
    assert rows["06611"] < rows["06631"] < rows["06411"] < rows["06431"]


def test_buckets() -> None:
    bounds = buckets([10.0, 20.0, 30.0, 50.0])
    assert bounds == [20.0, 30.0, 40.0, 50.0]
    assert [bucket_of(v, bounds) for v in (10.0, 20.0, 20.5, 49.0, 50.0)] == [0, 0, 1, 3, 3]


class MapApp(App[None]):
    def __init__(self, data: MapData) -> None:
        super().__init__()
        self.data = data
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield TileMap(self.data)

    def on_tile_map_selected(self, event: TileMap.Selected) -> None:
        self.opened.append(event.ags)


def sample() -> MapData:
    values: dict[str, float | None] = {ags: float(i) for i, ags in enumerate(sorted(LAYOUT))}
    values["06412"] = None
    return MapData(values, {ags: ags != "06412" for ags in LAYOUT}, {"06412": "Frankfurt am Main"}, "percent",
                   "Integrationsquote")


async def test_arrow_keys_walk_the_tiles_and_enter_opens() -> None:
    app = MapApp(sample())
    async with app.run_test(size=(80, 24)) as pilot:
        tiles = app.query_one(TileMap)
        tiles.focus()
        assert tiles.selected == "06437"  # Odenwald
        await pilot.press("up")
        assert tiles.selected == "06438"  # Kreis Offenbach, north of it
        await pilot.press("left")
        assert tiles.selected == "06411"  # Darmstadt
        await pilot.press("up", "up")
        assert tiles.selected == "06440"  # Frankfurt, then Wetterau
        await pilot.press("left", "left", "left")
        assert tiles.selected == "06533"  # stops at the western edge: Limburg-Weilburg
        await pilot.press("enter")
        assert app.opened == ["06533"]
        text = screen_text(app)
        assert "○ Frankfurt" in text and "k. A." in text  # gE mark, missing shown as missing
        assert "● Odenwald" in text and "● KJC  ○ gE" in text
        assert "░░" in text and "██" in text


async def test_map_on_the_overview_opens_the_profile(tmp_path_factory: pytest.TempPathFactory,
                                                     tmp_path: Path) -> None:
    db = chart_db_path(tmp_path_factory)
    app = chart_app(db, tmp_path, screen="overview")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        panel = app.query_one(DistrictMap)
        assert panel.indicator == "K2"
        assert "Karte: Integrationsquote" in screen_text(app)
        tiles = panel.query_one(TileMap)
        assert tiles.data.values["06437"] == pytest.approx(14.9)
        assert "Zu wenige Daten" not in screen_text(app)
        tiles.focus()
        await pilot.press("up")
        await pilot.pause()
        # the highlighted tile: full name, model, value, Zeitraum and Stand
        status = str(panel.query_one("#map-status").render())
        assert status.startswith("K2 Integrationsquote\nOffenbach (KJC): ") and "Zeitraum 03/2025 · Stand 01.06.2025" in status
        await pilot.press("down")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert panel.indicator != "K2"
        await pilot.press("up", "enter")
        await settle(pilot)
        assert app.current_view == "jobcenter" and app.current_ags == "06438"


async def test_click_picks_a_tile_and_a_second_click_opens_it() -> None:
    app = MapApp(sample())
    async with app.run_test(size=(80, 24)) as pilot:
        tiles = app.query_one(TileMap)
        tw, th = tiles._tile_size(tiles.content_size.width)
        # Fulda is at row 2, column 3; +1 for the padding on the left
        offset = (1 + 3 * tw + 2, 2 * th)
        await pilot.click(TileMap, offset=offset)
        assert tiles.selected == "06631" and app.opened == []
        await pilot.click(TileMap, offset=offset)
        assert app.opened == ["06631"]


def test_legend_says_what_a_stronger_colour_means_and_unknown_model_is_neutral() -> None:
    data = MapData({"06437": 10.0, "06535": 20.0, "06631": 30.0}, {"06437": True, "06535": False, "06631": True},
                   {}, "percent", higher_is_better=False)
    text = "\n".join(line.plain for line in TileMap(data)._lines(80))
    assert "kräftiger = schlechter" in text
    assert "  Kassel" in text and "○ Kassel" not in text  # no model known: neither ● nor ○
    assert "░░ 10 %–15 %" in text and "██ 25 %–30 %" in text
    better = MapData({"06437": 10.0, "06535": 20.0}, {}, {}, "percent", higher_is_better=True)
    assert "kräftiger = besser" in "\n".join(line.plain for line in TileMap(better)._lines(80))


async def test_sparse_map_says_so(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    db = chart_db_path(tmp_path_factory, sparse=True)
    app = chart_app(db, tmp_path, screen="overview")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "Zu wenige Daten: nur" in screen_text(app)
