"""A pane's title: what the pane holds, in its top edge (CSS class ``pane`` in styles.tcss)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


def set_title(widget: Widget, title: Text) -> None:
    """Put `title` in the pane's top edge, a space either side. A Text, never markup: names
    from the data are shown literally."""
    widget.border_title = Text(" ").append_text(title).append(" ")
