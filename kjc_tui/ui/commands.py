"""The command palette (Ctrl+P): jump to any district, view or action."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from kjc_tui.fmt import literal
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.views import VIEWS

if TYPE_CHECKING:
    from kjc_tui.ui.app import KjcApp

Command = tuple[str, Callable[[], object], str]


class KjcCommands(Provider):
    """Districts, views and actions of the dashboard."""

    @property
    def kjc(self) -> "KjcApp":
        return self.app  # type: ignore[return-value]

    def _commands(self) -> Iterator[Command]:
        app = self.kjc
        for name in VIEWS:
            label = t(f"view.{name}")
            yield f"{t('cmd.view')}: {label}", partial(app.run_action, f"show_view('{name}')"), \
                t("cmd.open_view", name=label)
        for d in app.districts:
            tag = t(f"jc.tag.{d.get('model') or 'zkT'}") if d.get("model") else ""
            name = literal(d["name"])
            text = f"{name} ({d['ags']}) {tag}".rstrip()
            yield text, partial(app.show_district, d["ags"]), literal(d.get("jobcenter_name") or "")
        for action, key in (("help", "app.help"), ("toggle_language", "app.language"),
                            ("change_theme", "app.theme"), ("reload", "app.reload"),
                            ("fetch_sources", "app.fetch"), ("quit", "app.quit")):
            label = keys.label(key, language())
            yield f"{t('cmd.action')}: {label}", partial(app.run_action, action), ""

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, text)
            if score > 0:
                content = Content(text)  # plain text: names from the data are never markup
                for offset in offsets:
                    content = content.stylize(matcher.match_style, offset, offset + 1)
                yield Hit(score, content, callback, text=text, help=help_text)
