"""The dashboard application (Textual): tab bar, five views, footer, help, command palette.

Import it through `kjc_tui.ui.app` (`run`, `KjcApp`). `KjcApp` is put together from its
parts, one job each: `store_access` (the store, reload, fetch, demo data, period),
`navigation` (views and the navigation messages), `settings` (language, theme, saving);
this module holds the layout, the status line, help, palette and the benchmark hook.

Start-up is quick: the first frame shows a loading state (or the Übersicht from the
per-snapshot cache) while a preload thread imports DuckDB, opens the store and reads the
district list and the Übersicht (`startup.Preload`); views fill in as their data arrives.
No database work runs on the UI thread.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static
from textual.timer import Timer

from kjc_tui.ui import keys
from kjc_tui.ui.app import today as app_today
from kjc_tui.ui.i18n import language, set_language, t
from kjc_tui.ui.messages import localise_bindings
from kjc_tui.ui.navigation import Navigation
from kjc_tui.ui.nodata import NoData
from kjc_tui.ui.settings import Settings
from kjc_tui.ui.startup import Preload
from kjc_tui.ui.store_access import StoreAccess
from kjc_tui.ui.views import VIEWS, view_class
from kjc_tui.ui.widgets.footer import KjcFooter
from kjc_tui.ui.widgets.view_tabs import ViewTabs
from kjc_tui.ui.widgets.worded import Worded

if TYPE_CHECKING:
    from kjc_tui.core.config import Config
    from kjc_tui.db.store import Store

__all__ = ["KjcApp", "NoData"]

Row = dict[str, Any]

#: the smallest terminal the views are laid out for
MIN_WIDTH, MIN_HEIGHT = 60, 16
#: set to a file path to make the app write the time of the first complete Übersicht and exit (bench/)
BENCH_ENV = "KJC_BENCH_READY_FILE"
#: seconds the first frame waits for the Übersicht that the preload's helper process reads
OVERVIEW_WAIT = 1.5
#: seconds after mounting by which start-up counts as done even without a complete first frame
START_LIMIT = 10.0


def _commands_provider() -> type:
    """The command palette's provider, imported when the palette first opens."""
    from kjc_tui.ui.commands import KjcCommands

    return KjcCommands


class StartScreen(Screen[None]):
    """The app's first screen (Textual's default screen otherwise).

    Textual styles each widget when it mounts, and all of them once more when the screen is resumed;
    the first resume follows the mount of the first frame's widgets with nothing changed in between
    (the breakpoint classes are set before they mount, see `KjcApp.compose`): it skips that second
    styling, a third of the first frame's styling work. Later resumes (after a dialog) restyle."""

    def __init__(self) -> None:
        super().__init__(id="_default")
        self._resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # runs before Screen's own handler (subclass first), which reads `refresh_styles`
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False


class KjcApp(StoreAccess, Navigation, Settings, App[int]):
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
        self._overview_drawn = False
        self._drawn_synthetic: bool | None = None  # of the Übersicht drawn before the store opened
        self._preload_asked = False  # `first_overview` answers once
        self._theme_timer: Timer | None = None
        theme = config.ui.get("theme")
        if theme and theme in self.available_themes:
            self.theme = theme

    # -- layout ---------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        return StartScreen()

    def compose(self) -> ComposeResult:
        # the breakpoint classes Textual sets on the first resize, set before the widgets mount: that
        # resize then changes no class, and the whole screen is not styled a second time
        self.screen.update_classes(self._breakpoint_classes())
        with Horizontal(id="topbar"):
            yield ViewTabs(list(VIEWS), self.current_view, id="tabs")
            yield Static(self._status_text(), id="status")
        with ContentSwitcher(id="views", initial=f"view-{self.current_view}"):
            yield view_class(self.current_view)(id=f"view-{self.current_view}")
        yield Worded("too_small", id="too-small", w=MIN_WIDTH, h=MIN_HEIGHT)
        yield KjcFooter()

    def _breakpoint_classes(self) -> dict[str, bool]:
        """For each of width and height: its largest breakpoint the terminal reaches, on; the others off."""
        classes = {}
        for breakpoints, reach in ((self.HORIZONTAL_BREAKPOINTS or [], self.size.width),
                                   (self.VERTICAL_BREAKPOINTS or [], self.size.height)):
            on = max(((at, name) for at, name in breakpoints if reach >= at), default=(0, None))[1]
            classes.update({name: name == on for _, name in breakpoints})
        return classes

    def _status_text(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        # before the store opens: what the Übersicht drawn from the cache or the helper says, else "…"
        synthetic = self.store.synthetic if self.store is not None else self._drawn_synthetic
        if synthetic is None:
            text.append("…", style="dim")
        elif synthetic:
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
            localise_bindings(self)  # the widgets are composed in English
        if self._drawn_synthetic is not None:  # the Übersicht drew `first_overview` when it mounted
            if self.screen.focused is None:
                self.query_one("#view-overview").focus_default()  # type: ignore[attr-defined]
            self._update_status()
        else:
            self._first_frame.set()
        await self.query_one(KjcFooter).show_keys()  # in the first frame, for the focus just set
        # the garbage collector runs again after the first complete frame (`start_done`), at the latest now
        self.set_timer(START_LIMIT, gc.enable)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.open_store()
        self.set_interval(self.watch_interval, self.check_snapshot)

    def first_overview(self) -> Row | None:
        """The Übersicht to draw in the first frame, once (the Übersicht asks when it mounts): from the
        summary beside the snapshot, the cache, or the preload's helper process (a short wait while
        Textual is up); None when the store must be opened first. The first frame then shows the
        data, not "loading" followed by a second layout."""
        first = not self._preload_asked and not self._first_frame.is_set()  # (a view mounted later: no)
        preload, self._preload_asked = (self._preload if first else None), True
        data = preload.wait_overview(OVERVIEW_WAIT) if preload is not None else None
        if data is not None:
            self._drawn_synthetic = bool(data.get("synthetic"))
        return data

    # -- help, language, theme -----------------------------------------------------------------------
    def action_command_palette(self) -> None:
        """Textual's palette, with the placeholder in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
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

    def action_help(self) -> None:
        from kjc_tui.ui.widgets.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- reports --------------------------------------------------------------------------------------
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

    # -- benchmark hook ----------------------------------------------------------------------------
    def overview_ready(self) -> None:
        """The Übersicht has drawn its data (called after the refresh that shows it)."""
        self._overview_drawn = True
        self._check_complete()

    def on_kjc_footer_drawn(self, message: KjcFooter.Drawn) -> None:
        self.call_after_refresh(self._check_complete)

    def _check_complete(self) -> None:
        """Start-up is done with the first complete frame: the Übersicht's data and the footer's
        keys (for the table that has the focus) both on screen."""
        if self._overview_drawn and all(footer.drawn for footer in self.screen.query(KjcFooter)):
            self.start_done()

    def start_done(self) -> None:
        """The first complete frame is drawn (the Übersicht, or the no-data screen): the database
        may open, the garbage collector (held by `app.run`) runs again, the benchmark takes its time."""
        if self._bench_file:
            self._bench_ready()  # first: the time of the frame, not of what follows it
        self._first_frame.set()
        gc.enable()

    def _bench_ready(self) -> None:
        path, self._bench_file = self._bench_file, None
        if path:
            Path(path).write_text(repr(time.time()), encoding="utf-8")
            self.exit(0)
