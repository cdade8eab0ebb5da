"""Snapshots of the chart, comparison and map screens at 80×24 (deterministic test data).

Update with `pytest tests/ui/test_chart_snapshots.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kjc_tui.ui.messages import ShowChart, ShowCompare
from chart_fixtures import chart_app, chart_db_path, settle, uneven_db
from test_tile_map import MapApp, sample


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chart_db_path(tmp_path_factory)


def test_bar_chart_snapshot(db: Path, tmp_path: Path, snap_compare) -> None:
    assert snap_compare(chart_app(db, tmp_path, screen="charts"), terminal_size=(80, 24), run_before=settle)


def test_line_chart_snapshot(db: Path, tmp_path: Path, snap_compare) -> None:
    async def three_districts(pilot) -> None:
        await settle(pilot)
        pilot.app.post_message(ShowChart("K2", ["06437", "06535", "06412"]))
        await settle(pilot)

    assert snap_compare(chart_app(db, tmp_path, screen="charts"), terminal_size=(80, 24),
                        run_before=three_districts)


def test_comparison_snapshot(db: Path, tmp_path: Path, snap_compare) -> None:
    async def odenwald_vogelsberg_kjc(pilot) -> None:
        await settle(pilot)
        pilot.app.post_message(ShowCompare(["06437", "06535", "group:kjc"]))
        await settle(pilot)

    assert snap_compare(chart_app(db, tmp_path, screen="compare"), terminal_size=(100, 32),
                        run_before=odenwald_vogelsberg_kjc)


def test_comparison_snapshot_80x24_four_members(db: Path, tmp_path: Path, snap_compare) -> None:
    async def four(pilot) -> None:
        await settle(pilot)
        pilot.app.post_message(ShowCompare(["06437", "06535", "group:kjc", "group:ge"]))
        await settle(pilot)

    assert snap_compare(chart_app(db, tmp_path, screen="compare"), terminal_size=(80, 24), run_before=four)


def test_comparison_snapshot_80x24_four_members_with_an_old_value(db: Path, tmp_path: Path, snap_compare) -> None:
    """The row of LB, known only at old months: "letzter Wert" and the month on lines of their own."""
    from textual.widgets import DataTable

    async def four_at_lb(pilot) -> None:
        await settle(pilot)
        pilot.app.post_message(ShowCompare(["06437", "06535", "group:kjc", "group:ge"]))
        await settle(pilot)
        table = pilot.app.query_one("#cmp-table", DataTable)
        table.move_cursor(row=table.get_row_index("LB"), animate=False)
        await settle(pilot)

    assert snap_compare(chart_app(uneven_db(db, tmp_path), tmp_path, screen="compare"), terminal_size=(80, 24),
                        run_before=four_at_lb)


def test_map_snapshot(snap_compare) -> None:
    assert snap_compare(MapApp(sample()), terminal_size=(80, 24), press=["up", "left"])
