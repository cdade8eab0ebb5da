"""Start-up work that does not need Textual: open the database and read what the first
screen shows, in a thread that starts before Textual is even imported.

The Übersicht of the first frame comes without DuckDB when it can: from the summary the
snapshot writer kept beside the snapshot (`kept_overview`), else from the per-user cache of an
unchanged snapshot (`snapshot_cache`). The database is then opened only after the first frame
is drawn (`first_frame.set()`), so that DuckDB's import does not slow down Textual's start.
Without either (a database without a summary, on its first start), `helper=True` reads the
Übersicht in a helper process (`first_screen`) on another CPU while this process imports
Textual; the app waits for it (`wait_overview`) before it draws, and the database opens after
the first frame as with the cache. The app takes the result when it mounts (`Preload.take`,
called from a worker thread); whatever the preload could not do, the app does itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kjc_tui.core import sidecar
from kjc_tui.ui import snapshot_cache

if TYPE_CHECKING:
    from kjc_tui.core.coded import Said
    from kjc_tui.db.store import Store

Row = dict[str, Any]
#: at most this long the database waits for the first frame drawn from the cache
FIRST_FRAME_WAIT = 1.5
#: at most this long a closing app waits for the preload thread (opening the database, its queries)
STOP_WAIT = 10.0
#: at most this long the helper process may take to read the Übersicht; then the app reads it itself
HELPER_TIMEOUT = 30.0
#: the helper process: the same kjc_tui as this process's (its folder first on the path unless
#: it is there already, e.g. site-packages), reading the Übersicht (`first_screen`); it lives a
#: fraction of a second: no garbage collection
HELPER = ("import gc; gc.disable(); import sys; root = sys.argv[1]; sys.path[:0] = [] if root in sys.path else [root]; "
          "from kjc_tui.ui.first_screen import run; run(sys.argv[2:])")


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
    error: "Said | None" = None

    def message(self) -> str:
        from kjc_tui.ui.i18n import said, t

        return t(self.key, path=self.path, error=said(self.error) if self.error is not None else "")

    @property
    def broken(self) -> bool:
        """The file exists but cannot be used: it must go before the embedded data can be loaded."""
        return self.key == "nodata.unusable"


@dataclass
class Preload:
    """Opens `path` and reads the Übersicht in a background thread (and, with `helper`, in a
    helper process when it is not cached)."""

    path: Path
    today: date
    cache_dir: Path | None = None
    helper: bool = False
    result: "Opened | NoDataReason | None" = None
    cached_overview: Row | None = None
    first_frame: threading.Event = field(default_factory=threading.Event, repr=False)
    #: set when `cached_overview` is there or will not come from the preload
    overview_known: threading.Event = field(default_factory=threading.Event, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _process: "subprocess.Popen[bytes] | None" = field(default=None, repr=False)
    _closing: threading.Event = field(default_factory=threading.Event, repr=False)

    def start(self) -> "Preload":
        self.cached_overview = kept_overview(self.path, self.today)
        if self.cached_overview is None:
            self.cached_overview = snapshot_cache.read(self.cache_dir, self.path, self.today)
        if self.cached_overview is None and self.helper:
            self._process = start_helper(self.path, self.today)
        if self._process is None:
            self.overview_known.set()
        self._thread = threading.Thread(target=self._run, name="kjc-preload", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        cached = self.cached_overview  # from the cache
        fresh = None  # the helper's Übersicht: read from the snapshot just now
        if self._process is not None:
            fresh = helper_result(self._process)
            if fresh is not None:
                self.cached_overview = fresh[1]
            self.overview_known.set()
        if self.cached_overview is not None:
            self.first_frame.wait(FIRST_FRAME_WAIT)
        if self._closing.is_set():
            return
        ident = sidecar.identity(self.path)
        result = open_database(self.path)
        if isinstance(result, Opened) and not self._closing.is_set():
            if fresh is not None and fresh[0] == ident:  # the same snapshot: no need to read it again
                result.overview = fresh[1]
            else:
                try:
                    from kjc_tui.read import overview as overview_queries

                    result.overview = overview_queries.overview(result.store, self.today)
                except Exception:  # noqa: BLE001  the view loads (and reports) it again
                    result.overview = None
            if result.overview is not None and result.overview != cached:
                snapshot_cache.write(self.cache_dir, self.path, self.today, ident, result.overview)
        self.result = result

    def wait_overview(self, timeout: float) -> Row | None:
        """The Übersicht to draw first: from the cache, or from the helper if it is done within
        `timeout` seconds; None when the app must read it itself."""
        self.overview_known.wait(timeout)
        return self.cached_overview

    def take(self, timeout: float = 60.0) -> "Opened | NoDataReason | None":
        """Wait for the preload (call from a worker thread) and hand its result over once."""
        if self._thread is not None:
            self._thread.join(timeout)
        result, self.result = self.result, None
        return result

    def stop(self, timeout: float = STOP_WAIT) -> None:
        """The app is closing: end the helper process if it still runs and wait for the preload
        thread (a thread still inside DuckDB when the interpreter exits aborts the process: "terminate
        called …"); it opens nothing more, and a store it opened that nobody took is closed."""
        self._closing.set()
        self.first_frame.set()
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        if self._thread is not None:
            self._thread.join(timeout)
        result, self.result = self.result, None
        if isinstance(result, Opened):
            result.store.close()


def kept_overview(path: Path, today: date) -> Row | None:
    """The Übersicht on `today` from the summary the snapshot writer kept beside this very
    snapshot (`core.sidecar`), or None (none, another snapshot's, or it cannot tell `today`)."""
    from kjc_tui.read.summary import on_day

    summary = sidecar.read(sidecar.summary_file(path), path)
    return on_day(summary, today) if isinstance(summary, dict) else None


def several_cpus() -> bool:
    """Whether this process may run on more than one CPU (else a helper process would only take
    turns with it)."""
    cpus = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cpus) > 1


def start_helper(path: Path, today: date) -> "subprocess.Popen[bytes] | None":
    """The helper process that reads the Übersicht (`first_screen`), or None (no file to read,
    no Python to start)."""
    if not sys.executable or not path.exists():
        return None
    package_root = str(Path(__file__).resolve().parents[2])  # where this kjc_tui was imported from
    try:
        return subprocess.Popen([sys.executable, "-c", HELPER, package_root, str(path), today.isoformat()],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def helper_result(process: "subprocess.Popen[bytes]", timeout: float = HELPER_TIMEOUT) -> tuple[list[int], Row] | None:
    """(identity of the file it read, the Übersicht's data) from the helper, or None."""
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    if process.returncode != 0:
        return None
    try:
        doc = sidecar.loads(out)
    except ValueError:
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), dict) or doc.get("identity") is None:
        return None
    return doc["identity"], doc["data"]


def open_database(path: Path) -> "Opened | NoDataReason":
    """The store and district list, or why not."""
    from kjc_tui.core.errors import explain
    from kjc_tui.db.store import Store, StoreError

    if not path.exists():
        return NoDataReason("nodata.missing", path)
    try:
        store = Store(path)
        if _upgraded(store):
            store = Store(path)
    except StoreError as e:
        return NoDataReason("nodata.unusable", path, e.said)
    try:
        from kjc_tui.read import catalogue

        districts = catalogue.districts(store)
    except Exception as e:  # noqa: BLE001  a file that is not our database
        store.close()
        return NoDataReason("nodata.unusable", path, explain(e))
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
    from kjc_tui.read.summary import summarise

    store.close()
    try:
        snapshot.upgrade_database(store.path, summarise=summarise)
    except (snapshot.SnapshotError, OSError):
        pass
    return True
