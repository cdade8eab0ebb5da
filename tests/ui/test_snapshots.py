"""Snapshot tests (pytest-textual-snapshot) of the Übersicht and a profile at 80×24 and 120×40,
and of the whole Übersicht with its district map at 200×50.

Deterministic: the fixed data set of tests/uidata.py with pinned load times, and "today"
frozen to 22.11.2025. Update after an intended change with `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest
from helpers import make_app, settle

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview(snap_compare, ui_db, user_config, size):
    async def ready(pilot):
        await settle(pilot)

    assert snap_compare(make_app(user_config, ui_db), terminal_size=size, run_before=ready)


def test_overview_with_the_map_at_200x50(snap_compare, ui_db, user_config):
    """At 200×50 the map sits under the events, whole, without scrolling."""
    async def ready(pilot):
        await settle(pilot)
        await pilot.pause(0.2)  # the map mounts after the first data
        await settle(pilot)

    assert snap_compare(make_app(user_config, ui_db), terminal_size=(200, 50), run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_profile(snap_compare, ui_db, user_config, size):
    async def ready(pilot):
        await settle(pilot)
        await pilot.press("enter")  # list → profile, cursor on the first key figure
        await settle(pilot)

    assert snap_compare(make_app(user_config, ui_db, district="06437"), terminal_size=size, run_before=ready)
