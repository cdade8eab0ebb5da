"""The app's part that switches views: the tab bar, the number keys and the navigation
messages the views post (`messages.ShowDistrict`, …), each handed to its view's `open`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language
from kjc_tui.ui.messages import (
    OpenDemoData, SaveSetting, ShowChart, ShowCompare, ShowDistrict, ShowTable, ShowView,
)
from kjc_tui.ui.nodata import NoData
from kjc_tui.ui.views import VIEWS, view_class
from kjc_tui.ui.widgets.view_tabs import ViewTabs


class Navigation(App[int]):
    """Mixed into `KjcApp` (see shell.py): which view shows, and going there."""

    current_ags: str | None
    current_view: str

    if TYPE_CHECKING:  # provided by the other parts of KjcApp
        def open_demo_data(self) -> None: ...
        def save_setting(self, key: str, value: Any, message: str) -> None: ...

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

    def on_show_view(self, message: ShowView) -> None:
        self.call_later(self.action_show_view, message.name)

    def on_show_district(self, message: ShowDistrict) -> None:
        self.current_ags = message.ags
        self.call_later(self._navigate, "jobcenter", ags=message.ags)

    def on_show_table(self, message: ShowTable) -> None:
        self.call_later(self._navigate, "tables", source=message.source, filters=message.filters)

    def on_show_chart(self, message: ShowChart) -> None:
        self.call_later(self._navigate, "charts", indicator=message.indicator, ags_list=message.ags_list)

    def on_show_compare(self, message: ShowCompare) -> None:
        self.call_later(self._navigate, "compare", members=message.members, neighbours=message.neighbours,
                        add=message.add)

    def on_open_demo_data(self, message: OpenDemoData) -> None:
        self.open_demo_data()

    def on_save_setting(self, message: SaveSetting) -> None:
        self.save_setting(message.key, message.value, message.message)

    def action_compare_district(self) -> None:
        """From the district list: add the selected district to the Vergleich and show it."""
        if self.current_ags:
            self.post_message(ShowCompare(add=self.current_ags))
