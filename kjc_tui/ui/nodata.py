"""The screen shown instead of the views when there is no database, an empty one, or one that
cannot be read: what to do about it (in the UI language; it follows a language switch)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from kjc_tui.ui import keys
from kjc_tui.ui.i18n import t
from kjc_tui.ui.startup import NoDataReason
from kjc_tui.ui.widgets.footer import KjcFooter
from kjc_tui.ui.widgets.worded import Worded


class NoData(Screen[None]):
    """No database, an empty one, or one that cannot be read: what to do about it."""

    BINDINGS = keys.bindings("app", only=("app.quit", "app.help"))

    def __init__(self, reason: NoDataReason) -> None:
        super().__init__(id="nodata")
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="nodata-box"):
            yield Worded("nodata.title", style="bold", id="nodata-title")
            yield Static(Text(self.reason.message()), id="nodata-message")
            yield Static(Text(self._howto()), id="nodata-howto")
        yield KjcFooter()

    def relabel(self) -> None:
        self.update_message(self.reason)

    def _howto(self) -> str:
        return t("nodata.howto_broken", path=self.reason.path) if self.reason.broken else t("nodata.howto")

    def update_message(self, reason: NoDataReason) -> None:
        self.reason = reason
        self.query_one("#nodata-message", Static).update(Text(reason.message()))
        self.query_one("#nodata-howto", Static).update(Text(self._howto()))
