"""The command palette (Ctrl+P): jump to any district, view or action, a saved comparison,
a district's nearest neighbours or the chart of an indicator."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from kjc_tui.core.fmt import strip_controls
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.messages import ShowChart, ShowCompare, ShowDistrict, ShowTable
from kjc_tui.ui.views import VIEWS
from kjc_tui.ui.widgets.chartfmt import indicator_name

if TYPE_CHECKING:
    from kjc_tui.read.compare import IndicatorDef
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
            name = strip_controls(d["name"])
            text = f"{name} ({d['ags']}) {tag}".rstrip()
            yield text, partial(app.post_message, ShowDistrict(d["ags"])), strip_controls(d.get("jobcenter_name") or "")
        for name, members in sorted((getattr(app.config, "comparisons", None) or {}).items()):
            yield t("cmd.compare_set", name=strip_controls(name)), partial(app.post_message, ShowCompare(list(members))), \
                t("cmd.compare_set_help", members=strip_controls(", ".join(members)))
        for d in app.districts:
            yield t("cmd.neighbours", name=strip_controls(d["name"])), \
                partial(app.post_message, ShowCompare([d["ags"]], neighbours=True)), ""
        yield from self._reports(app)
        yield from self._tables(app)
        for ind in self._indicators:
            yield t("cmd.chart", name=f"{indicator_name(ind)} ({ind.code})"), partial(app.post_message,
                                                                                   ShowChart(ind.code)), ""
        if getattr(app.store, "synthetic", False):
            yield t("cmd.real_data"), app.open_real_data, t("cmd.real_data_help")
        for action, key in (("help", "app.help"), ("toggle_language", "app.language"),
                            ("change_theme", "app.theme"), ("reload", "app.reload"),
                            ("fetch_sources", "app.fetch"), ("pick_period", "app.period"), ("quit", "app.quit")):
            label = keys.label(key, language())
            yield f"{t('cmd.action')}: {label}", partial(app.run_action, action), ""
        from kjc_tui.ui.loading import say

        yield f"{t('cmd.action')}: {say('title')} …", partial(app.run_action, "load_file"), say("path")

    @staticmethod
    def _reports(app: "KjcApp") -> Iterator[Command]:
        """Fact sheets (the current district in each format, every district as PDF) and the monthly
        report of the KJC, of Hessen and of each saved comparison, in each format."""
        current = next((d for d in app.districts if d["ags"] == app.current_ags), None)
        formats = ("PDF", "HTML", "XLSX")
        if current is not None:
            for f in formats:
                yield t("cmd.factsheet", name=strip_controls(current["name"]), fmt=f), \
                    partial(app.run_action, f"factsheet('{f.lower()}')"), ""
        for d in app.districts:
            if d is not current:
                yield t("cmd.factsheet", name=strip_controls(d["name"]), fmt="PDF"), \
                    partial(app.show_factsheet, d["ags"], "pdf"), ""
        sets = [("kjc", t("set.kjc")), ("hessen", t("set.hessen"))]
        sets += [(name, strip_controls(name)) for name in sorted(getattr(app.config, "comparisons", None) or {})]
        for token, label in sets:
            for f in formats:
                yield t("cmd.monthly", set=label, fmt=f), partial(app.monthly_report, token, f.lower()), \
                    t("cmd.monthly_help")

    @staticmethod
    def _tables(app: "KjcApp") -> Iterator[Command]:
        """"Tabelle: Kennzahlen", … for every table and derived view of the schema."""
        from kjc_tui.core.schema import TABLES, VIEWS

        de = language() == "de"
        names = [(n, tb.label("de" if de else "en")) for n, tb in TABLES.items()]
        names += [(n, v[0] if de else v[1]) for n, v in VIEWS.items()]
        for name, label in names:
            yield t("cmd.table", name=f"{label} ({name})"), partial(app.post_message, ShowTable(name)), ""

    _indicators: Sequence["IndicatorDef"] = ()

    async def startup(self) -> None:
        """The indicator catalogue for "Diagramm: …", read off the UI thread."""
        import asyncio

        from kjc_tui.read.compare import indicator_catalogue

        store = self.kjc.store
        if store is None:
            return
        try:
            defs = await asyncio.to_thread(indicator_catalogue, store)
        except Exception:  # noqa: BLE001 - the palette works without the charts entries
            return
        self._indicators = list(defs)

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
