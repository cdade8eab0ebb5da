"""The footer: Textual's, but entries that do not fit are left out whole instead of being cut
("? Hilf", "f3 Farb"): the least needed go first (theme, language, quit), then from the right."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: actions dropped first when the footer is too narrow, in this order
DROP_FIRST = ("change_theme", "toggle_language", "quit")
#: kept to the last: the key that lists all the others
KEEP_LAST = ("help",)


def key_width(key: FooterKey) -> int:
    """Columns a (non-compact) footer entry takes: ' key ' plus 'description '."""
    width = cell_len(key.key_display) + 2
    return width + cell_len(key.description) + 1 if key.description else width


def fitting(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """The entries that fit into `width` columns, in their order."""
    kept = list(keys)
    order = sorted(range(len(keys)), key=lambda i: (
        DROP_FIRST.index(keys[i].action) if keys[i].action in DROP_FIRST else len(DROP_FIRST),
        keys[i].action in KEEP_LAST, -i))
    for i in order:
        if sum(key_width(k) for k in kept) <= width:
            break
        kept.remove(keys[i])
    return kept


class KjcFooter(Footer):
    """Footer whose entries are complete or absent; recomposed when its width changes."""

    def __init__(self) -> None:
        super().__init__()
        self._width = 0

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        palette = [w for w in widgets if isinstance(w, FooterKey) and w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        if len(keys) + len(palette) != len(widgets):  # grouped bindings: Textual's own layout
            yield from widgets
            return
        self._width = self.screen.size.width
        # the palette entry is docked right, behind a border and a padding column
        room = self._width - sum(key_width(k) + 2 for k in palette)
        yield from fitting(keys, room)
        yield from palette

    def on_resize(self) -> None:
        if self.screen.size.width != self._width and self._bindings_ready:
            self.call_after_refresh(self.recompose)
