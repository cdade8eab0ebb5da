"""Colours of the app's current theme, in a form that Rich and Textual both read."""

from __future__ import annotations

from textual.color import Color, ColorParseError
from textual.widget import Widget

#: used outside a running app (tests of a widget alone) and for unknown names
FALLBACK = {"primary": "#4e9de0", "warning": "#e0a040", "success": "#50b050", "error": "#e05050",
            "accent": "#c070e0", "secondary": "#70b0b0", "foreground": "#e0e0e0"}


def theme_colour(widget: Widget, name: str) -> str:
    """A colour of the app's current theme as hex, with a fallback outside an app.

    Hex, because both Rich styles and Textual's Color.parse read it: the ANSI themes name their
    colours "ansi_magenta", which Rich does not know (and Textual's Color.hex keeps that name).
    """
    try:
        value = widget.app.theme_variables.get(name)
    except Exception:  # noqa: BLE001 - no app yet
        value = None
    try:
        if not value:
            return FALLBACK.get(name, "#ffffff")
        c = Color.parse(value)
        return c.hex if c.ansi is None else Color(c.r, c.g, c.b).hex
    except ColorParseError:
        return FALLBACK.get(name, "#ffffff")
