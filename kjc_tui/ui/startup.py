"""Start-up work that does not need Textual: open the database and read what the first
screen shows, in a thread that starts before Textual is even imported.

With a cache directory, the Übersicht of an unchanged snapshot is read from the cache at
once (`cached_overview`) and the database is opened only after the first frame is drawn
(`first_frame.set()`), so that DuckDB's import does not slow down Textual's start.
The app takes the result when it mounts (`Preload.take`, called from a worker thread);
whatever the preload could not do, the app does itself.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kjc_tui.ui import snapshot_cache

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

Row = dict[str, Any]
#: at most this long the database waits for the first frame drawn from the cache
FIRST_FRAME_WAIT = 1.5


@dataclass
class Opened:
    """An open store with the district list (and, from a preload, the Übersicht's data)."""

    store: "Store"
    districts: list[Row]
    overview: Row | None = None


@dataclass(frozen=True)
class NoDataReason:
    """Why there is nothing to show, as an i18n key: the message follows a language switch."""

    key: str
    path: Path
    error: str = ""

    def message(self) -> str:
        from kjc_tui.ui.i18n import t

        return t(self.key, path=self.path, error=self.error)

    @property
    def broken(self) -> bool:
        """The file exists but cannot be used: it must go before the embedded data can be loaded."""
        return self.key == "nodata.unusable"


@dataclass
class Preload:
    """Opens `path` and reads the Übersicht in a background thread."""

    path: Path
    today: date
    cache_dir: Path | None = None
    result: "Opened | NoDataReason | None" = None
    cached_overview: Row | None = None
    first_frame: threading.Event = field(default_factory=threading.Event, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)

    def start(self) -> "Preload":
        self.cached_overview = snapshot_cache.read(self.cache_dir, self.path, self.today)
        self._thread = threading.Thread(target=self._run, name="kjc-preload", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        if self.cached_overview is not None:
            self.first_frame.wait(FIRST_FRAME_WAIT)
        ident = snapshot_cache.identity(self.path)
        result = open_database(self.path)
        if isinstance(result, Opened):
            try:
                from kjc_tui.read import overview as overview_queries

                result.overview = overview_queries.overview(result.store, self.today)
            except Exception:  # noqa: BLE001  the view loads (and reports) it again
                result.overview = None
            if result.overview is not None and result.overview != self.cached_overview:
                snapshot_cache.write(self.cache_dir, self.path, self.today, ident, result.overview)
        self.result = result

    def take(self, timeout: float = 60.0) -> "Opened | NoDataReason | None":
        """Wait for the preload (call from a worker thread) and hand its result over once."""
        if self._thread is not None:
            self._thread.join(timeout)
        result, self.result = self.result, None
        return result


def open_database(path: Path) -> "Opened | NoDataReason":
    """The store and district list, or why not."""
    from kjc_tui.core.errors import first_line
    from kjc_tui.db.store import Store, StoreError

    if not path.exists():
        return NoDataReason("nodata.missing", path)
    try:
        store = Store(path)
        if _upgraded(store):
            store = Store(path)
    except StoreError as e:
        return NoDataReason("nodata.unusable", path, first_line(e))
    try:
        from kjc_tui.read import catalogue

        districts = catalogue.districts(store)
    except Exception as e:  # noqa: BLE001  a file that is not our database
        store.close()
        return NoDataReason("nodata.unusable", path, first_line(e))
    if not districts:
        store.close()
        return NoDataReason("nodata.empty", path)
    return Opened(store, districts)


def _upgraded(store: "Store") -> bool:
    """A database built by an older version is brought to the current schema first (a new snapshot; the
    store is closed then). Without the right to write it, it is opened as it is."""
    from kjc_tui.core.schema import needs_upgrade

    if not needs_upgrade(store.meta):
        return False
    from kjc_tui.db import snapshot   # only then: its imports would slow every start

    store.close()
    try:
        snapshot.upgrade_database(store.path)
    except (snapshot.SnapshotError, OSError):
        pass
    return True
