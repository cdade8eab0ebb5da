"""The dashboard application (Textual): tab bar, five views, footer, help, command palette.

Import it through `kjc_tui.ui.app` (`run`, `KjcApp`).

Start-up is quick: the first frame shows a loading state (or the Übersicht from the
per-snapshot cache) while a preload thread imports DuckDB, opens the store and reads the
district list and the Übersicht (`startup.Preload`); views fill in as their data arrives.
No database work runs on the UI thread.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static
from textual.timer import Timer
from textual.worker import get_current_worker

from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.app import today as app_today
from kjc_tui.ui.i18n import language, set_language, t
from kjc_tui.ui.startup import NoDataReason, Opened, Preload, open_database
from kjc_tui.ui.views import VIEWS, view_class
from kjc_tui.ui.widgets.footer import KjcFooter
from kjc_tui.ui.widgets.view_tabs import ViewTabs

if TYPE_CHECKING:
    from kjc_tui.core.config import Config
    from kjc_tui.db.store import Store

T = TypeVar("T")
Row = dict[str, Any]

#: the smallest terminal the views are laid out for
MIN_WIDTH, MIN_HEIGHT = 60, 16
#: seconds a theme must stay chosen before it is saved
THEME_SAVE_DELAY = 1.0
#: set to a file path to make the app write the time of the first complete Übersicht and exit (bench/)
BENCH_ENV = "KJC_BENCH_READY_FILE"


class NoData(Screen[None]):
    """No database, an empty one, or one that cannot be read: what to do about it."""

    BINDINGS = [b for b in keys.bindings("app") if b.id in ("app.quit", "app.help")]

    def __init__(self, reason: NoDataReason) -> None:
        super().__init__(id="nodata")
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="nodata-box"):
            yield Static(Text(t("nodata.title"), style="bold"), id="nodata-title")
            yield Static(Text(self.reason.message()), id="nodata-message")
            yield Static(Text(self._howto()), id="nodata-howto")
        yield KjcFooter()

    def _howto(self) -> str:
        return t("nodata.howto_broken", path=self.reason.path) if self.reason.broken else t("nodata.howto")

    def update_message(self, reason: NoDataReason) -> None:
        self.reason = reason
        self.query_one("#nodata-message", Static).update(Text(reason.message()))
        self.query_one("#nodata-howto", Static).update(Text(self._howto()))


def _commands_provider() -> type:
    """The command palette's provider, imported when the palette first opens."""
    from kjc_tui.ui.commands import KjcCommands

    return KjcCommands


class KjcApp(App[int]):
    """kjc-tui: the dashboard of the Kommunale Jobcenter in Hessen."""

    CSS_PATH = "styles.tcss"
    TITLE = "kjc-tui"
    BINDINGS = keys.bindings("app")
    COMMANDS = App.COMMANDS | {_commands_provider}
    #: below 60×16 the views cannot be read: a message says so instead (see styles.tcss)
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (MIN_WIDTH, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (MIN_HEIGHT, "-tall")]

    def __init__(self, config: "Config", db_path: Path | None = None, district: str | None = None,
                 screen: str | None = None, *, today: date | None = None, watch_interval: float = 2.0,
                 preload: Preload | None = None) -> None:
        super().__init__()
        self.config = config
        self.db_path = Path(db_path) if db_path is not None else Path(config.database_path)
        self._start_db_path = self.db_path  # where "Echte Daten" returns to after the demo data
        self.today = today or app_today()
        set_language(config.language)
        # open the database while Textual builds the first frame
        self._preload: Preload | None = preload or Preload(self.db_path, self.today).start()
        self._first_frame = self._preload.first_frame
        self._preloaded_overview: Row | None = None
        self.watch_interval = watch_interval
        self.keymap_config: dict[str, str] = dict(config.keymap)
        start_district = district or config.ui.get("start_district")
        self.current_ags: str | None = start_district
        #: the period every aggregate is taken at (F4); None: each indicator's newest common one
        self.period: date | None = None
        view = screen or config.ui.get("start_screen") or ("jobcenter" if start_district else "overview")
        self.current_view: str = view if view in VIEWS else "overview"
        self.store: Store | None = None
        self.districts: list[Row] = []
        self.stale = False
        self._opening = False
        self._bench_file = os.environ.get(BENCH_ENV)
        self._theme_timer: Timer | None = None
        theme = config.ui.get("theme")
        if theme and theme in self.available_themes:
            self.theme = theme

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield ViewTabs({name: t(f"view.{name}") for name in VIEWS}, self.current_view, id="tabs")
            yield Static(self._status_text(), id="status")
        with ContentSwitcher(id="views", initial=f"view-{self.current_view}"):
            yield view_class(self.current_view)(id=f"view-{self.current_view}")
        yield Static(Text(t("too_small", w=MIN_WIDTH, h=MIN_HEIGHT)), id="too-small")
        yield KjcFooter()

    def _status_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.store is None:
            text.append("…", style="dim")
        elif self.store.synthetic:
            text.append(f" {t('status.synthetic')} ", style="reverse bold red")
        if self.stale and not self.config.auto_reload:
            text.append(f" {t('status.stale')} ", style="reverse bold yellow")
        return text

    def _update_status(self) -> None:
        try:
            self.query_one("#status", Static).update(self._status_text())
        except Exception:  # the no-data screen is showing
            pass

    async def on_mount(self) -> None:
        # both refresh the footer: skip them when there is nothing to change
        if self.keymap_config:
            self.set_keymap(self.keymap_config)
        if language() != "de":
            self._localise_all()
        cached = self._preload.cached_overview if self._preload is not None else None
        overview = self.query("#view-overview")
        if cached is not None and overview:
            overview.first().apply(cached)  # type: ignore[attr-defined]  # the same snapshot, drawn at once
        else:
            self._first_frame.set()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.open_store()
        self.set_interval(self.watch_interval, self.check_snapshot)

    def _localise_all(self) -> None:
        lang = language()
        keys.localise(self, lang)
        for screen in self.screen_stack:
            keys.localise(screen, lang)
            for node in screen.query("*"):
                keys.localise(node, lang)
        self.refresh_bindings()

    # -- the store --------------------------------------------------------------------------------
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
        if self._bench_file:
            self._bench_ready()

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
            self.show_district(self.current_ags)

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
        if self.store is not None:
            self.store.close()

    def action_reload(self) -> None:
        self.open_store(reload=True)

    def open_demo_data(self) -> None:
        """Switch to the synthetic demo database (built on first use), which is marked SYNTHETISCH."""
        self.notify("Öffne synthetische Demo-Daten (keine echten Zahlen) …", markup=False)
        self._build_demo()

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def _build_demo(self) -> None:
        from kjc_tui.db.snapshot import demo_database

        try:
            path = demo_database(self.config)
        except Exception as e:  # noqa: BLE001 - shown to the user, never a traceback
            message = f"Demo-Daten nicht erzeugt: {e}"
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

        start_fetch(self)

    def action_load_file(self) -> None:
        """Datei laden: `kjc-tui load` of files the user names, in a worker (kjc_tui.ui.loading)."""
        from kjc_tui.ui.loading import start_load

        start_load(self)

    def action_pick_period(self) -> None:
        """F4: pick the period of every aggregate; the views reload with it."""
        store = self.store
        if store is None or not self.screen.is_attached:
            return

        def months(store: "Store") -> list[tuple[date, int]]:
            from kjc_tui.read import periods

            return periods.months(store, [d["ags"] for d in self.districts if str(d["ags"]).startswith("06")])

        self.fetch(self.screen, months, self._show_period_picker, "period.months")

    def _show_period_picker(self, months: list[tuple[date, int]]) -> None:
        from kjc_tui.ui.widgets.period_picker import AUTO, PeriodPicker

        def chosen(result: str | None) -> None:
            if result is None:
                return
            self.period = None if result == AUTO else date.fromisoformat(result)
            self.notify(t("period.set", period=fmt.period(self.period, "month", language()))
                        if self.period else t("period.auto_set"))
            for view in self._mounted_views():
                reload_view = getattr(view, "reload", None)
                if callable(reload_view):
                    reload_view()

        self.push_screen(PeriodPicker(months, self.period), chosen)

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
        from kjc_tui.core.errors import first_line

        self.notify(t("notify.error", error=first_line(error)), severity="error", timeout=8)

    # -- views and navigation -----------------------------------------------------------------------
    def _mounted_views(self) -> list[Widget]:
        try:
            return list(self.query_one("#views", ContentSwitcher).children)
        except Exception:
            return []

    async def _ensure_view(self, name: str) -> Widget:
        switcher = self.query_one("#views", ContentSwitcher)
        found = switcher.query(f"#view-{name}")
        if found:
            return found.first()
        view = view_class(name)(id=f"view-{name}")
        await switcher.mount(view)
        for node in [view, *view.query("*")]:
            keys.localise(node, language())
        return view

    async def action_show_view(self, name: str) -> Widget | None:
        if name not in VIEWS or isinstance(self.screen, NoData):
            return None
        view = await self._ensure_view(name)
        self.current_view = name
        self.query_one("#views", ContentSwitcher).current = f"view-{name}"
        self.query_one("#tabs", ViewTabs).active = name
        focus = getattr(view, "focus_default", None)
        if callable(focus):
            focus()
        else:
            self.screen.focus_next()
        self.call_after_refresh(self._reveal_focus)
        return view

    def _reveal_focus(self) -> None:
        """Scroll the focused widget (a table: its cursor row) into view: coming back to a view
        scrolled elsewhere must not leave the focus off-screen."""
        focused = self.screen.focused
        if focused is None:
            return
        reveal = getattr(focused, "reveal", None)
        if callable(reveal):
            reveal()
        else:
            focused.scroll_visible(animate=False, immediate=True)

    def on_view_tabs_activated(self, event: ViewTabs.Activated) -> None:
        if event.name in VIEWS and event.name != self.current_view:
            self.call_later(self.action_show_view, event.name)

    async def _navigate(self, name: str, **kwargs: Any) -> None:
        view = await self.action_show_view(name)
        if view is not None:
            view.open(**kwargs)  # type: ignore[attr-defined]

    def show_district(self, ags: str) -> None:
        """Open the profile of a district (any view may call this)."""
        self.current_ags = ags
        self.call_later(self._navigate, "jobcenter", ags=ags)

    def show_table(self, source: str, filters: list[tuple[str, str, object]]) -> None:
        self.call_later(self._navigate, "tables", source=source, filters=filters)

    def show_chart(self, indicator: str, ags_list: list[str]) -> None:
        self.call_later(self._navigate, "charts", indicator=indicator, ags_list=ags_list)

    def show_compare(self, members: list[str], **options: Any) -> None:
        """Open the Vergleich of `members` (options: `neighbours=True`, `add=ags`)."""
        self.call_later(self._navigate, "compare", members=members, **options)

    def action_factsheet(self, fmt: str = "") -> None:
        """The fact sheet of the current district (all formats, or the one given)."""
        if not self.current_ags:
            self.notify(t("report.no_district"), severity="warning")
            return
        self.show_factsheet(self.current_ags, fmt)

    def show_factsheet(self, ags: str, fmt: str = "") -> None:
        """The fact sheet of a district, written in a worker (all formats, or the one given)."""
        from kjc_tui.documents.jobs import FACTSHEET, ReportRequest
        from kjc_tui.ui.reporting import ALL_FORMATS, start_report

        start_report(self, ReportRequest(FACTSHEET, ags=ags, lang=language()), (fmt,) if fmt else ALL_FORMATS)

    def monthly_report(self, members: str, fmt: str = "", tokens: tuple[str, ...] = ()) -> None:
        """The monthly report of the newest release for a member set (or the Vergleich's members)."""
        from kjc_tui.documents.jobs import MONTHLY, ReportRequest
        from kjc_tui.ui.reporting import ALL_FORMATS, start_report

        start_report(self, ReportRequest(MONTHLY, members=members, tokens=tokens, lang=language()),
                     (fmt,) if fmt else ALL_FORMATS)

    def action_compare_district(self) -> None:
        """From the district list: add the selected district to the Vergleich and show it."""
        if self.current_ags:
            self.show_compare([], add=self.current_ags)

    # -- help, language, theme -----------------------------------------------------------------------
    def action_command_palette(self) -> None:
        """Textual's palette, with the placeholder in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("cmd.placeholder")))

    def get_system_commands(self, screen: Screen) -> Iterator[SystemCommand]:
        """Textual's system commands in the UI language. Quit, theme and help are our own
        commands already (see commands.py), Textual's key panel is replaced by the help (?)."""
        action = t("cmd.action")
        if screen.maximized is not None:
            yield SystemCommand(f"{action}: {t('cmd.minimize')}", t("cmd.minimize_help"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(f"{action}: {t('cmd.maximize')}", t("cmd.maximize_help"), screen.action_maximize)
        yield SystemCommand(f"{action}: {t('cmd.screenshot')}", t("cmd.screenshot_help"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))

    def search_themes(self) -> None:
        """Textual's theme picker (F3), with the placeholder in the UI language."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=t("cmd.theme_placeholder")))

    def action_help(self) -> None:
        from kjc_tui.ui.widgets.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_toggle_language(self) -> None:
        lang = "en" if language() == "de" else "de"
        set_language(lang)
        self.config.ui["language"] = lang
        self._save({"language": lang}, t("notify.language"))
        if isinstance(self.screen, NoData):
            await self.screen.recompose()
            self._localise_all()
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.recompose()
        self._localise_all()
        if self.store is not None and self.current_view == "jobcenter" and self.current_ags:
            self.show_district(self.current_ags)

    def _theme_changed(self, theme: Any) -> None:
        """Save the theme once the user has settled on it (the picker previews as it moves)."""
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(THEME_SAVE_DELAY, self._save_theme)

    def _save_theme(self) -> None:
        self._theme_timer = None
        name = self.theme
        if self.config.ui.get("theme") != name:
            self.config.ui["theme"] = name
            self._save({"theme": name}, t("notify.theme", theme=name))

    def save_setting(self, key: str, value: Any, message: str) -> None:
        """Save one [ui] setting (e.g. start_district) to the user's kjc.toml; `message` tells
        the user what was saved, in their words."""
        self.config.ui[key] = value
        self._save({key: value}, message)

    def _save(self, ui: dict[str, Any], message: str) -> None:
        """Save UI settings to the user's own kjc.toml, in a thread (file I/O)."""
        path = self.config.user_file

        def run() -> None:
            from kjc_tui.core.config import ConfigError, save_user_settings

            try:
                save_user_settings({"ui": ui}, path=path)
            except (OSError, ConfigError) as e:
                failed = t("notify.save_failed", error=str(e))
                self._call_ui(lambda: self.notify(failed, severity="warning"))
                return
            self._call_ui(lambda: self.notify(message, timeout=3))

        self.run_worker(run, thread=True, group="save", exit_on_error=False)

    # -- benchmark hook ----------------------------------------------------------------------------
    def overview_ready(self) -> None:
        """The Übersicht has drawn its data (called after the refresh that shows it)."""
        self._first_frame.set()
        if self._bench_file:
            self._bench_ready()

    def _bench_ready(self) -> None:
        path, self._bench_file = self._bench_file, None
        if path:
            Path(path).write_text(repr(time.time()), encoding="utf-8")
            self.exit(0)
