"""The footer: Textual's, but entries that do not fit are left out whole instead of being cut
("? Hilf", "f3 Farb"): the least needed go first (theme, language, quit), then from the right."""

from __future__ import annotations

import asyncio

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
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
    """Footer whose entries are complete or absent; recomposed when its width changes.

    `drawn` says whether the keys of the current bindings are mounted (drawn by the next refresh;
    a frame is not complete before); `Drawn` is posted when they are."""

    class Drawn(Message):
        """The footer's keys for the current bindings are mounted."""

    def __init__(self) -> None:
        super().__init__()
        self._width = 0
        self.drawn = False
        self._shown: tuple[int, list[tuple[str, str, str, bool]]] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            if self._bindings_ready and self._shown == self._keys_to_show():
                return  # the keys composed (drawn or about to be) are these: no recompose
            self.drawn = False  # Textual recomposes the footer after the next refresh
        super().bindings_changed(screen)

    async def show_keys(self) -> None:
        """Compose the keys of the current bindings now, for the next frame (at start-up, once the
        focus is set: Textual would publish the bindings after the first frame and compose them
        for the one after it)."""
        self._bindings_ready = True
        self._shown = self._keys_to_show()  # what the compose below shows: no second recompose for them
        done = asyncio.Event()

        async def compose_keys() -> None:  # on the footer's own queue: its keys bind to it
            try:
                await self.recompose()
            finally:
                done.set()

        if self.call_later(compose_keys):  # False: the footer is closing, nothing to wait for
            await done.wait()

    def _keys_to_show(self) -> tuple[int, list[tuple[str, str, str, bool]]]:
        """The width and what the footer shows of the screen's bindings."""
        return self.screen.size.width, [(b.key, b.action, b.description, enabled)
                                        for _, b, enabled, _ in self.screen.active_bindings.values() if b.show]

    async def recompose(self) -> None:
        self.drawn = False
        await super().recompose()
        if self._bindings_ready:
            self.drawn = True  # mounted: drawn by the next refresh
            self.post_message(self.Drawn())

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_to_show()
        widgets: list[Widget] = list(super().compose())
        for key in widgets:
            if isinstance(key, FooterKey):
                # its style before it mounts: a FooterKey starts compact, sets its class when it mounts
                # and is then bound to the footer's value (not the palette's), each a second styling
                if not key.has_class("-command-palette"):
                    key.set_reactive(FooterKey.compact, self.compact)
                key.set_class(key.compact, "-compact", update=False)
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
