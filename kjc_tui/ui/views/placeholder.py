"""A view that says what it will hold (Tabellen, Diagramme, Vergleich until they are built)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static

from kjc_tui.fmt import literal
from kjc_tui.ui.i18n import t


class PlaceholderView(Container):
    """Shows its purpose and the last navigation request it received."""

    PURPOSE = ""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.last_open: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text(t(self.PURPOSE)), classes="placeholder-purpose")
        yield Static(Text(t("ph.soon"), style="dim italic"), classes="placeholder-soon")
        yield Static("", classes="placeholder-request")

    def open(self, **kwargs: Any) -> None:
        """Remember the request (source/filters, indicator/districts, members) and show it."""
        self.last_open = kwargs
        what = "; ".join(f"{k} = {v!r}" for k, v in kwargs.items())
        self.query_one(".placeholder-request", Static).update(Text(literal(t("ph.request", what=what))))
