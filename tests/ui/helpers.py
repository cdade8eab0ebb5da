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
