"""Snapshot tests (pytest-textual-snapshot) of the Übersicht and a profile at 80×24 and 120×40,
of the whole Übersicht with its district map at 200×50, and (issue 12) of the Übersicht after two
releases, the profile, Tabellen on events and the Vergleich at 80×24 and 200×50.

Deterministic: the fixed data set of tests/uidata.py with pinned load times, and "today"
frozen to 22.11.2025. Update after an intended change with `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest
from helpers import make_app, settle

import releases
from kjc_tui.ui.messages import ShowCompare, ShowTable

SIZES = [(80, 24), (120, 40)]
#: the sizes of issue 12's screens
SMALL_LARGE = [(80, 24), (200, 50)]


@pytest.fixture(scope="module")
def release_db(tmp_path_factory):
    return releases.build(tmp_path_factory.mktemp("releases-snap"))


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


@pytest.mark.parametrize("size", SMALL_LARGE, ids=lambda s: f"{s[0]}x{s[1]}")
def test_overview_after_two_releases(snap_compare, release_db, user_config, size):
    """The newest release leads: K1–K3 of the KJC and gE with their changes, the movers, and what
    the second load brought, the corrected value with both numbers."""
    async def ready(pilot):
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)

    assert snap_compare(make_app(user_config, release_db), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SMALL_LARGE, ids=lambda s: f"{s[0]}x{s[1]}")
def test_jobcenter_start(snap_compare, ui_db, user_config, size):
    """The Jobcenter screen without a start district: the first KJC, its empty sections in one line."""
    async def ready(pilot):
        await settle(pilot)

    assert snap_compare(make_app(user_config, ui_db, screen="jobcenter"), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SMALL_LARGE, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tables_events(snap_compare, ui_db, user_config, size):
    """Tabellen on events: German headers, jobcenter names, the columns read first."""
    async def ready(pilot):
        await settle(pilot)
        pilot.app.post_message(ShowTable("events", []))
        await settle(pilot)

    assert snap_compare(make_app(user_config, ui_db), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SMALL_LARGE, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare(snap_compare, release_db, user_config, size):
    """The Vergleich at the common period, with its coverage beside the Hessen-Ø."""
    async def ready(pilot):
        await settle(pilot)
        pilot.app.post_message(ShowCompare(["06437", "06535", "group:kjc"]))
        await settle(pilot)

    assert snap_compare(make_app(user_config, release_db), terminal_size=size, run_before=ready)
