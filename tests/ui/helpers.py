"""Helpers for the Pilot tests of the dashboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from kjc_tui.core.config import Config
from kjc_tui.ui.app import KjcApp
from kjc_tui.ui.widgets.figures import FigureTable

TODAY = dt.date(2025, 11, 22)


def make_app(config: Config, db: Path | None, **kw: Any) -> KjcApp:
    kw.setdefault("today", TODAY)
    return KjcApp(config, db_path=db, **kw)


async def settle(pilot: Pilot) -> None:
    """Wait until workers are done and their results are on screen."""
    from textual.worker import WorkerCancelled

    for _ in range(2):
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # replaced by a newer fetch of its group (exclusive): wait for that one
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def table_text(table: FigureTable) -> str:
    if not table.row_count:
        return table.message
    lines = []
    for i in range(table.row_count):
        lines.append(" | ".join(getattr(c, "plain", str(c)) for c in table.get_row_at(i)))
    return "\n".join(lines)


def static_text(widget: Static) -> str:
    content = widget.content
    return getattr(content, "plain", str(content))


async def assert_drawn_before_the_database_opens(app: KjcApp, first_frame: Any, gate: Any) -> None:
    """The app's first frame shows the complete Übersicht while its database is held shut by
    `gate` (an Event the test's open_database waits for); then it opens."""
    from kjc_tui.ui.views.overview import OverviewView

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.store is None  # the database is not open yet ...
        assert app.query_one(OverviewView).loaded  # ... but the Übersicht is complete
        assert "4 Kommunale Jobcenter" in static_text(app.query_one("#ov-counts"))
        assert static_text(app.query_one("#status")) == ""  # as with the store open: not "…", not synthetic
        assert first_frame.is_set()
        gate.set()
        await settle(pilot)
        assert app.store is not None
