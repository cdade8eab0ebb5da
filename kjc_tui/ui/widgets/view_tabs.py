"""The tab bar: the five views with their number keys; the active one underlined.

Drawn as two lines of text (not Textual's Tabs with a widget per tab), so it costs the
first frame next to nothing. Clicking a name posts `ViewTabs.Activated`.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from kjc_tui.ui.i18n import t
from kjc_tui.ui.theme_colours import theme_colour

GAP = 2


class ViewTabs(Widget, can_focus=False):
    """Tabs for the views; `active` is the name of the shown view."""

    DEFAULT_CSS = """
    ViewTabs { height: 2; width: 1fr; }
    """

    active: reactive[str] = reactive("")

    class Activated(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, names: list[str], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = names
        self.set_reactive(ViewTabs.active, active)

    @property
    def labels(self) -> dict[str, str]:
        """View name -> its label in the current language ("view.NAME" in i18n)."""
        return {name: t(f"view.{name}") for name in self.names}

    def relabel(self) -> None:
        self.refresh()
    def _gap(self) -> int:
        """Two spaces between the tabs where they fit, else one: the bar never wraps."""
        full = 1 + sum(len(f"{n} {label}") for n, label in enumerate(self.labels.values(), 1))
        return GAP if not self.size.width or full + GAP * len(self.labels) <= self.size.width else 1

    def _spans(self) -> list[tuple[str, int, int]]:
        """(view name, first column, end column) of each label."""
        gap = self._gap()
        out, x = [], gap - 1  # no leading space when it is tight
        for number, (name, label) in enumerate(self.labels.items(), 1):
            width = len(f"{number} {label}")
            out.append((name, x, x + width))
            x += width + gap
        return out

    def render(self) -> Text:
        labels = self.labels
        accent = theme_colour(self, "accent")
        spans, gap = self._spans(), self._gap()
        top, bottom = Text(" " * (gap - 1), no_wrap=True), Text(no_wrap=True)
        for number, ((name, label), (_, start, end)) in enumerate(zip(labels.items(), spans), 1):
            on = name == self.active
            top.append(f"{number} ", style="dim" if not on else "")
            top.append(label, style="bold" if on else "dim")
            if number < len(self.labels):
                top.append(" " * gap)
            bottom.append("━" * (start - bottom.cell_len), style="dim")
            bottom.append("━" * (end - start), style=accent if on else "dim")
        width = self.size.width or bottom.cell_len
        if bottom.cell_len < width:
            bottom.append("━" * (width - bottom.cell_len), style="dim")
        top.truncate(width, overflow="ellipsis")  # cut, never wrapped onto the underline's line
        bottom.truncate(width)
        return Text("\n").join([top, bottom])

    def on_click(self, event: events.Click) -> None:
        for name, start, end in self._spans():
            if start <= event.x < end:
                self.post_message(self.Activated(name))
                return
