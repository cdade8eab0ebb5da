"""The app's background jobs (fetch the sources, load files, write a report): one of each
kind at a time, each in a thread worker of its own group; those that write the database
never on the demo data. One check for all of them, which says why a job does not start."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kjc_tui.ui.app import KjcApp


def may_start(app: "KjcApp", group: str, busy: str, demo: str | None = None) -> bool:
    """Whether a job of `group` may start now; if not, the user is told (`demo`: the job writes
    the database, refused on synthetic data with this text; `busy`: one of it runs already)."""
    if demo is not None and app.store is not None and app.store.synthetic:
        app.notify(demo, severity="warning", markup=False)
        return False
    if any(w.group == group and w.is_running for w in app.workers):
        app.notify(busy, markup=False)
        return False
    return True
