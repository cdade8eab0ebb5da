"""What views and widgets ask of the app: navigation and app-wide requests, as messages.

A widget posts one of these (`self.post_message(ShowDistrict("06437"))`); it bubbles up
through its screen to the app, which switches views and hands the request to the view
(`KjcApp.on_show_district`, …). No view calls the app's methods to navigate, and a view
that is shown in a test app of its own needs only these handlers there.

`relabel(app)` is the other direction: after a language switch every widget that words
something re-renders it in place (see `Relabels`).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.message import Message
from textual.widget import Widget

from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language

#: a filter of a table as the Tabellen view takes it: (column, operator, value)
TableFilter = tuple[str, str, object]


class ShowView(Message):
    """Switch to a view by name ("overview", "jobcenter", "tables", "charts", "compare")."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class ShowDistrict(Message):
    """Open the profile of a district (Jobcenter view)."""

    def __init__(self, ags: str) -> None:
        super().__init__()
        self.ags = ags


class ShowTable(Message):
    """Open a table, derived view or query in Tabellen, filtered."""

    def __init__(self, source: str, filters: list[TableFilter] | None = None) -> None:
        super().__init__()
        self.source = source
        self.filters = list(filters or [])


class ShowChart(Message):
    """Open Diagramme on an indicator; with districts or groups, as their Verlauf."""

    def __init__(self, indicator: str, ags_list: list[str] | None = None) -> None:
        super().__init__()
        self.indicator = indicator
        self.ags_list = list(ags_list or [])


class ShowCompare(Message):
    """Open the Vergleich of `members`; with `neighbours` the first district and its nearest
    neighbours; with `add` one district added to the current set."""

    def __init__(self, members: list[str] | None = None, *, neighbours: bool = False,
                 add: str | None = None) -> None:
        super().__init__()
        self.members = list(members or [])
        self.neighbours = neighbours
        self.add = add


class SetPeriod(Message):
    """Take `period` as the one period of every aggregate (None: the newest common one per
    indicator), as F4 does: every view reloads with it."""

    def __init__(self, period: date | None) -> None:
        super().__init__()
        self.period = period


class OpenDemoData(Message):
    """Switch to the synthetic demo database (built on first use)."""


class SaveSetting(Message):
    """Save one [ui] setting to the user's kjc.toml; `message` says what was saved."""

    def __init__(self, key: str, value: object, message: str) -> None:
        super().__init__()
        self.key = key
        self.value = value
        self.message = message


@runtime_checkable
class Relabels(Protocol):
    """A widget that words something on screen: `relabel()` words it again in the current
    language from what it holds (codes and data, never text rendered in the old language)."""

    def relabel(self) -> None: ...


def localise_bindings(app: App[Any]) -> None:
    """Give the bindings of the app and of every node on every screen the descriptions of
    the current language (footer, help, palette)."""
    lang = language()
    keys.localise(app, lang)
    for screen in app.screen_stack:
        for node in screen.walk_children(with_self=True):
            keys.localise(node, lang)
    app.refresh_bindings()


def relabel(app: App[Any]) -> None:
    """After a language switch: word everything on screen in the current language, in
    place: the bindings (`localise_bindings`), every widget that words something
    (`Relabels`); other widgets are refreshed, as their render may look up a string. An open
    command palette closes: its commands were worded when it opened."""
    from textual.command import CommandPalette

    for screen in list(app.screen_stack):
        if isinstance(screen, CommandPalette):
            screen.dismiss()
    localise_bindings(app)
    for screen in app.screen_stack:
        for node in screen.walk_children(with_self=True):
            if isinstance(node, Relabels):
                node.relabel()
            elif isinstance(node, Widget):
                node.refresh()
