"""A line of UI text that words itself again when the language changes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kjc_tui.ui.i18n import t


class Worded(Static):
    """A `Static` showing the i18n string `key` (with its placeholders); `relabel` shows it
    in the current language, `say` changes what it says."""

    def __init__(self, key: str, *, style: str = "", id: str | None = None, classes: str | None = None,
                 **kw: object) -> None:
        self.key, self.kw, self._style = key, kw, style
        super().__init__(self._text(), id=id, classes=classes)

    def _text(self) -> Text:
        return Text(t(self.key, **self.kw), style=self._style)

    def say(self, key: str, *, style: str | None = None, **kw: object) -> None:
        self.key, self.kw = key, kw
        if style is not None:
            self._style = style
        self.update(self._text())

    def relabel(self) -> None:
        self.update(self._text())
