"""The app's part that reaches the data: open (and reopen) the store in a worker, notice a new
snapshot, switch to the demo data and back, fetch the sources, pick the period, and run
the views' queries in thread workers (`fetch`). No database work runs on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import work
from textual.app import App
from textual.widget import Widget
from textual.widgets import ContentSwitcher
from textual.worker import get_current_worker

from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import explained, language, t
from kjc_tui.ui.messages import SetPeriod, ShowDistrict
from kjc_tui.ui.nodata import NoData
from kjc_tui.ui.startup import NoDataReason, Opened, Preload, open_database

if TYPE_CHECKING:
    from kjc_tui.core.config import Config
    from kjc_tui.db.store import Store
    from kjc_tui.ui.shell import KjcApp

T = TypeVar("T")
Row = dict[str, Any]


class StoreAccess(App[int]):
    """Mixed into `KjcApp` (see shell.py): the store, the district list and the workers."""

    config: "Config"
    db_path: Path
    _start_db_path: Path
    today: date
    store: "Store | None"
    districts: list[Row]
    stale: bool
    current_ags: str | None
    current_view: str
    period: date | None
    _opening: bool
    _preload: Preload | None
    _preloaded_overview: Row | None

    if TYPE_CHECKING:  # provided by the other parts of KjcApp
        def _update_status(self) -> None: ...
        def start_done(self) -> None: ...

    def _mounted_views(self) -> list[Widget]:
        try:
            return list(self.query_one("#views", ContentSwitcher).children)
        except Exception:
            return []

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def open_store(self, reload: bool = False) -> None:
        """Open (or reopen) the database and read the district list, in a thread."""
        worker = get_current_worker()
        self._opening = True
        try:
            preload, self._preload = self._preload, None
            result = preload.take() if preload is not None and not reload else None
            if result is None:
                result = self._open(self.db_path)
        finally:
            self._opening = False
        if worker.is_cancelled:
            if isinstance(result, Opened):
                result.store.close()
            return
        if isinstance(result, NoDataReason):
            self._call_ui(self._show_no_data, result)
        else:
            self._call_ui(self._store_opened, result, reload)

    @staticmethod
    def _open(path: Path) -> "Opened | NoDataReason":
        """The store and the district list, or a message saying why there is nothing to show."""
        return open_database(path)

    def _show_no_data(self, reason: NoDataReason) -> None:
        if isinstance(self.screen, NoData):
            self.screen.update_message(reason)
        else:
            self.push_screen(NoData(reason))
            keys.localise(self.screen, language())
        self.start_done()

    def _store_opened(self, opened: Opened, reload: bool) -> None:
        old = self.store
        self.store, self.districts, self.stale = opened.store, opened.districts, False
        self._preloaded_overview = opened.overview
        if isinstance(self.screen, NoData):
            self.pop_screen()
        self._update_status()
        for view in self._mounted_views():
            reload_view = getattr(view, "reload", None)
            if callable(reload_view):
                reload_view()
        if old is not None:
            # let queries still running on the old snapshot finish before closing it
            self.set_timer(30, old.close)
        if reload:
            self.notify(t("notify.reloaded"))
        elif self.current_ags and self.current_view == "jobcenter":
            self.post_message(ShowDistrict(self.current_ags))

    def check_snapshot(self) -> None:
        """Called every few seconds: notice a new snapshot (or a database that appeared)."""
        if self._opening:
            return
        if self.store is None:
            if isinstance(self.screen, NoData) and self.db_path.exists():
                self.open_store()
            return
        if self.stale or not self.store.is_stale():
            return
        self.stale = True
        if self.config.auto_reload:
            self.open_store(reload=True)
        else:
            self._update_status()
            self.notify(t("notify.stale"), timeout=10)

    def on_unmount(self) -> None:
        if self._preload is not None:
            self._preload.stop()
        if self.store is not None:
            self.store.close()

    def action_reload(self) -> None:
        self.open_store(reload=True)

    def open_demo_data(self) -> None:
        """Switch to the synthetic demo database (built on first use), which is marked SYNTHETISCH."""
        self.notify(t("notify.demo_opening"), markup=False)
        self._build_demo()

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def _build_demo(self) -> None:
        from kjc_tui.db.snapshot import demo_database
        from kjc_tui.read.summary import summarise

        try:
            path = demo_database(self.config, summarise=summarise)
        except Exception as e:  # noqa: BLE001 - shown to the user, never a traceback
            message = t("notify.demo_failed", error=explained(e))
            self._call_ui(lambda: self.notify(message, severity="error", markup=False))
            return
        self._call_ui(self._switch_database, path)

    def open_real_data(self) -> None:
        """Back from the demo data to the database the app started with (the configured one
        when it started on the demo data)."""
        from kjc_tui.db.snapshot import demo_path

        start = self._start_db_path
        self._switch_database(Path(self.config.database_path) if start == demo_path(self.config) else start)

    def _switch_database(self, path: Path) -> None:
        self.db_path = path
        self.open_store(reload=True)

    def action_fetch_sources(self) -> None:
        """Daten aktualisieren: fetch the configured sources in a worker (kjc_tui.ui.fetching)."""
        from kjc_tui.ui.fetching import start_fetch

        start_fetch(cast("KjcApp", self))

    def action_load_file(self) -> None:
        """Datei laden: `kjc-tui load` of files the user names, in a worker (kjc_tui.ui.loading)."""
        from kjc_tui.ui.loading import start_load

        start_load(cast("KjcApp", self))

    def action_pick_period(self) -> None:
        """F4: pick the period of every aggregate; the views reload with it."""
        store = self.store
        if store is None or not self.screen.is_attached:
            return

        def months(store: "Store") -> list[tuple[date, str, int]]:
            from kjc_tui.read import periods

            return periods.months(store, [d["ags"] for d in self.districts if str(d["ags"]).startswith("06")])

        self.fetch(self.screen, months, self._show_period_picker, "period.months")

    def _show_period_picker(self, months: list[tuple[date, str, int]]) -> None:
        from kjc_tui.ui.widgets.period_picker import AUTO, PeriodPicker

        def chosen(result: str | None) -> None:
            if result is not None:
                self.set_period(None if result == AUTO else date.fromisoformat(result))

        self.push_screen(PeriodPicker(months, self.period), chosen)

    def set_period(self, period: date | None) -> None:
        """The one period of every aggregate (F4, Diagramme's , and .): say so, reload every view."""
        self.period = period
        kind = "month" if period is not None and period.day == 1 else "day"  # a day: a Stichtag (31.12.2024)
        self.notify(t("period.set", period=fmt.period(period, kind, language())) if period else t("period.auto_set"))
        for view in self._mounted_views():
            reload_view = getattr(view, "reload", None)
            if callable(reload_view):
                reload_view()

    def on_set_period(self, message: SetPeriod) -> None:
        self.set_period(message.period)

    def take_preloaded_overview(self) -> Row | None:
        """The Übersicht's data read during start-up, handed out once."""
        data, self._preloaded_overview = self._preloaded_overview, None
        return data

    def fetch(self, owner: Widget, fn: Callable[["Store"], T], done: Callable[[T], None], group: str) -> None:
        """Run `fn(store)` in a thread worker owned by `owner`; `done(result)` on the UI thread.

        A newer fetch of the same group cancels this one: its result is then dropped.
        """
        store = self.store
        if store is None:
            return

        def run() -> None:
            worker = get_current_worker()
            try:
                result = fn(store)
            except Exception as e:  # noqa: BLE001  shown to the user, never a traceback
                if not worker.is_cancelled:
                    self._call_ui(self._fetch_failed, e)
                return
            if not worker.is_cancelled:
                self._call_ui(done, result)

        owner.run_worker(run, thread=True, group=group, exclusive=True, exit_on_error=False)

    def _call_ui(self, fn: Callable[..., Any], *args: Any) -> None:
        try:
            self.call_from_thread(fn, *args)
        except RuntimeError:  # the app has gone away meanwhile
            pass

    def _fetch_failed(self, error: Exception) -> None:
        self.notify(t("notify.error", error=explained(error)), severity="error", timeout=8)
