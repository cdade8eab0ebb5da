"""The summary of a snapshot: the Übersicht's data its writer keeps beside it.  No Textual here.

`summarise` reads it from a finished snapshot file (the snapshot writer calls it, `db.snapshot`,
and keeps the result as `core.sidecar` describes); `on_day` gives the Übersicht of the day the
app starts on from it, without a query. Importing this module loads no DuckDB and no query
module: the app's start-up reads the summary before anything else.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

Row = dict[str, Any]

#: the shape of the Übersicht's data (`overview.overview`) and of the summary: a summary or a cached
#: Übersicht of another shape is not used (3: the summary with the events from its day on)
SHAPE = 3
#: a summary keeps at most this many events from its day on; with more, it serves its day only
EVENTS_KEPT = 200


def summarise(path: Path, day: date | None = None) -> Row:
    """The summary of the snapshot file at `path` on `day` (default: today)."""
    from kjc_tui.db.store import Store

    store = Store(path)
    try:
        return summary(store, day or date.today())
    finally:
        store.close()


def summary(store: Store, day: date) -> Row:
    """The Übersicht on `day`, and what `on_day` needs to give it for a later day: how many events
    it shows, and the events that end on `day` or later (None when there are more than EVENTS_KEPT)."""
    from kjc_tui.read import overview

    later = overview.events_from(store, day, EVENTS_KEPT + 1)
    return {"shape": SHAPE, "day": day, "overview": overview.overview(store, day), "shown": overview.EVENTS_SHOWN,
            "later": later if len(later) <= EVENTS_KEPT else None}


def on_day(summary: Row, today: date) -> Row | None:
    """What `overview.overview(store, today)` gives, from a `summary` of the same snapshot; None when
    it cannot tell (another shape, a day before the summary's, too many events to tell a later day)."""
    day, data, later, shown = summary.get("day"), summary.get("overview"), summary.get("later"), summary.get("shown")
    if summary.get("shape") != SHAPE or not isinstance(data, dict) or not isinstance(day, date):
        return None
    if today == day:
        return data
    if today < day or not isinstance(later, list) or not isinstance(shown, int):
        return None
    upcoming, recent = _events_on(later, data["recent"], today, shown)
    return {**data, "upcoming": upcoming, "recent": recent}


def _events_on(later: list[Row], before: list[Row], today: date, shown: int) -> tuple[list[Row], list[Row]]:
    """`overview.events_around` on `today` from the events that end on the summary's day or later
    (`later`, in the query's order) and the recent ones on that day (`before`).

    Upcoming events on `today` end on it or later, so they are all in `later`, in that order.
    Recent ones end before `today`: those of `later` that do, and `before` (the newest that ended
    before the summary's day; no older one can be among the newest on a later day).
    """
    def end(e: Row) -> date:
        return e["end_date"] if e["end_date"] is not None else e["date"]

    upcoming = [e for e in later if end(e) >= today][:shown]
    recent = sorted(before + [e for e in later if end(e) < today], key=lambda e: e["event_id"])
    recent.sort(key=lambda e: e["date"], reverse=True)  # stable: newest first, then by id (the query's order)
    return upcoming, recent[:shown]
