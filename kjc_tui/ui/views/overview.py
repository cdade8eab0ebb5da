"""Übersicht: Hessen at a glance."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.provenance import Provenance
from kjc_tui.ui.rows import (
    bass_rows, event_columns, event_summary_rows, fact_rows, indicator_name, period_span, section_columns,
)
from kjc_tui.ui.views.base import DataView
from kjc_tui.ui.widgets.figures import Col, FigureTable, cell
from kjc_tui.ui.widgets.worded import Worded

Row = dict[str, Any]

#: a headline value made of latest values further apart than this many years is marked (⚠, dim):
#: its sum or mean is no state at one time
MAX_SPREAD_YEARS = 2


def _load(store: Any, today: date) -> Row:
    from kjc_tui.read import overview as overview_queries

    return overview_queries.overview(store, today)


def _fetch_states(sources: dict[str, Any], store: Any) -> list[Row]:
    from kjc_tui.sources.status import source_status

    return source_status(sources, store)


def _title(key: str) -> Worded:
    return Worded(key, classes="section-title")


class OverviewView(DataView):
    """Counts, headline figures of the KJC, events, BASS, provenance, the tile map."""

    BINDINGS = keys.bindings("overview")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.loaded = False
        #: what is shown, kept to word it again after a language switch
        self._data: Row | None = None
        self._fetch_rows: list[Row] | None = None

    def compose(self) -> ComposeResult:
        # the tables take the focus; no invisible Tab stop
        with VerticalScroll(id="ov-scroll", can_focus=False):
            yield Static(Text(t("status.loading")), id="ov-counts")
            with Vertical(id="ov-grid"):
                # one column below 110 columns: figures, events, BASS, sources, map; two columns
                # from 110 on: figures, events and below them the map on the left, BASS and sources
                # on the right (a grid, see styles.tcss)
                with Vertical(id="ov-left", classes="ov-column"):
                    yield _title("ov.headline")
                    yield FigureTable(id="ov-headline")
                    yield Static("", id="ov-missing", classes="note")
                    yield _title("ov.upcoming")
                    yield FigureTable(id="ov-upcoming")
                    yield _title("ov.recent")
                    yield FigureTable(id="ov-recent")
                with Vertical(id="ov-right", classes="ov-column"):
                    yield _title("ov.bass")
                    yield FigureTable(id="ov-bass-facts")
                    yield FigureTable(id="ov-bass")
                    yield _title("ov.sources")
                    yield FigureTable(id="ov-sources")
                    yield Static("", id="ov-load", classes="note")
                    yield Worded("ovf.title", id="ovf-title", classes="section-title")
                    yield FigureTable(id="ov-fetches")
                yield Vertical(id="ov-map-slot")  # the tile map, mounted once data is there

    def on_mount(self) -> None:
        if not self.loaded:  # data from the cache may already be there
            self._show_loading()
        configured = bool(self.kjc.config.sources)
        self.query_one("#ovf-title").display = configured
        self.query_one("#ov-fetches").display = configured
        super().on_mount()

    def reload(self) -> None:
        preloaded = self.kjc.take_preloaded_overview()
        if preloaded is not None:
            self.apply(preloaded)
        else:
            self.fetch(lambda store: _load(store, self.kjc.today), self.apply, group="overview")
        self.reload_fetches()
        self.call_after_refresh(self._reload_map)

    def reload_fetches(self) -> None:
        """Re-read the sources' fetch states (also after a fetch that changed no data)."""
        sources = self.kjc.config.sources
        if sources:
            self.fetch(lambda store: _fetch_states(sources, store), self._fetches, group="overview-fetches")

    def _reload_map(self) -> None:
        """Mount the district tile map on first data (keeps it and its imports out of the
        first frame), or reload it."""
        from kjc_tui.ui.widgets.tile_map import DistrictMap

        slot = self.query("#ov-map-slot")
        if not self.is_attached or self.app._exit or not slot or not slot.first().is_attached:
            return
        found = self.query(DistrictMap)
        if found:
            found.first().reload()
            return
        tile_map = DistrictMap(id="ov-map")
        slot.first().mount(tile_map)
        self.call_after_refresh(tile_map.reload)

    def action_focus_map(self) -> None:
        """Scroll to the tile map (last in one column) and give its tiles the focus."""
        from kjc_tui.ui.widgets.tile_map import TileMap

        tiles = self.query(TileMap)
        if tiles:
            tiles.first().focus()
            self.query_one("#ov-map-slot").scroll_visible(animate=False, top=True)

    def _show_loading(self) -> None:
        self.query_one("#ov-counts", Static).update(Text(t("status.loading")))
        for table in self.query(FigureTable):
            table.fill([Col("")], [], empty=t("loading"))

    def relabel(self) -> None:
        if self._data is not None:
            self._show(self._data)
        else:
            self._show_loading()
        if self._fetch_rows is not None:
            self._fetches(self._fetch_rows)

    def focus_default(self) -> None:
        """The headline figures; the first table with rows if there are none."""
        for table in self.query(FigureTable):
            if table.can_focus:
                table.focus()
                return

    # -- rendering ------------------------------------------------------------------------
    def apply(self, data: Row) -> None:
        self._show(data)
        self.loaded = True
        if self.screen.focused is None and self.kjc.current_view == "overview":
            self.focus_default()  # on start-up, so that `s` works at once
        self.call_after_refresh(self.kjc.overview_ready)

    def _show(self, data: Row) -> None:
        self._data = data
        lang = language()
        c = data["counts"]
        counts = Text(t("ov.counts", kjc=c["kjc"], ge=c["ge"], n=c["districts"]), style="bold")
        if data["synthetic"]:
            counts.append("   ")
            counts.append(f" {t('status.synthetic_long')} ", style="reverse bold red")
        self.query_one("#ov-counts", Static).update(counts)
        self._headline(data["headline"], lang)
        self._events(data["upcoming"], data["recent"], lang)
        self._bass(data["bass"], data["bass_facts"], lang)
        self._provenance(data["provenance"], lang)

    def _headline(self, rows: list[Row], lang: str) -> None:
        """Indicators with values as rows; those without any value in one line below them, by
        code, so that the events, BASS and sources below come into view."""
        out = []
        for r in rows:
            if r["value"] is None:
                continue
            name = indicator_name(r, lang)
            agg = t("agg.sum") if r["aggregate"] == "sum" else t("agg.mean")
            value = fmt.value(r["value"], r["unit"], lang, "≈" if r.get("approximate") else None)
            periods = period_span(r["first_period"], r["last_period"], r.get("period_kind"), lang)
            spread = r["last_period"].year - r["first_period"].year > MAX_SPREAD_YEARS
            out.append((
                [cell(name), cell(f"{agg} {value}", "dim" if spread else "bold", right=True),
                 cell(t("ov.coverage", n=r["n"], total=r["of"]), "dim", right=True),
                 cell(f"⚠ {periods}", "yellow") if spread else cell(periods), cell(fmt.date_(r["as_of"], lang))],
                Provenance(what=name, value=f"{agg} {value}", source=r.get("source"), as_of=r.get("as_of"),
                           period=periods, note=t("ov.spread", span=periods) if spread else None,
                           more_sources=tuple(s for s in r.get("sources") or () if s != r.get("source")),
                           basis=t("ov.coverage", n=r["n"], total=r["of"]) + " KJC", table="indicators"),
            ))
        self.query_one("#ov-headline", FigureTable).fill(
            [Col(t("col.indicator"), lines=3), Col(t("col.value"), 13, True),
             Col(t("col.coverage"), 5, True, 50), Col(t("col.period"), 11, False, 50),
             Col(t("col.as_of"), 10, False, 66)],
            out, empty=t("ov.no_indicators"))
        missing = [fmt.literal(r["indicator"]) for r in rows if r["value"] is None]
        note = self.query_one("#ov-missing", Static)
        note.update(Text(t("ov.without_values", n=len(missing), codes=", ".join(missing))) if missing else "")
        note.display = bool(missing)

    def _events(self, upcoming: list[Row], recent: list[Row], lang: str) -> None:
        cols = event_columns()
        self.query_one("#ov-upcoming", FigureTable).fill(cols, event_summary_rows(upcoming, lang), empty=t("ov.no_events"))
        self.query_one("#ov-recent", FigureTable).fill(cols, event_summary_rows(recent, lang), empty=t("ov.no_events"))

    def _bass(self, cohorts: list[Row], facts: list[Row], lang: str) -> None:
        statement, value = section_columns("facts")
        # the statements in full: at 120 columns the right column is narrow
        self.query_one("#ov-bass-facts", FigureTable).fill([replace(statement, lines=8), value],
                                                           fact_rows(facts, lang),
                                                           empty="" if cohorts else t("ov.no_bass"))
        cols = section_columns("bass")
        self.query_one("#ov-bass", FigureTable).fill(
            [*cols[:-1], Col(t("col.n_jobcenters"), 4, True, 52)],
            [([*cells[:-1], cell(c["n"], right=True)], prov)
             for c, (cells, prov) in zip(cohorts, bass_rows(cohorts, lang))], empty="")

    def _provenance(self, prov: Row, lang: str) -> None:
        rows = [([cell(s["source"]), cell(fmt.number(s["rows"], lang), right=True), cell(fmt.date_(s["as_of"], lang))],
                 Provenance(what=s.get("tables") or "", value=fmt.number(s["rows"], lang) + " " + t("col.rows"),
                            source=s["source"], as_of=s["as_of"]))
                for s in prov["sources"]]
        self.query_one("#ov-sources", FigureTable).fill(
            [Col(t("col.source"), lines=2), Col(t("col.rows"), 9, True, 40), Col(t("col.as_of"), 10)], rows,
            empty=t("none"))
        load = prov.get("last_load")
        text = Text(t("ov.n_sources", n=prov["n_sources"]) + " · ", style="dim")
        if load:
            text.append(t("ov.last_load", when=fmt.timestamp(load["loaded_at"], lang),
                          action=fmt.literal(load["action"]), user=fmt.literal(load.get("user_name") or "")))
        else:
            text.append(t("ov.no_load"))
        self.query_one("#ov-load", Static).update(text)

    def _fetches(self, rows: list[Row]) -> None:
        """One line per configured source: name, kind, last success, rows of its last load, last try."""
        self._fetch_rows = rows
        lang = language()
        out = []
        for r in rows:
            state = t(f"ovf.{r['state']}") if r["state"] else ""
            if not r["enabled"]:
                state = t("ovf.off")
            when = fmt.timestamp(r["last_ok"], lang) if r["last_ok"] else t("ovf.never")
            n = "" if r["rows"] is None else fmt.number(r["rows"], lang)
            checked = (t("ovf.checked", when=fmt.timestamp(r["checked_at"], lang), state=state)
                       if r["checked_at"] else None)
            out.append((
                [cell(r["source"]), cell(r["kind"], "dim"), cell(when), cell(n, right=True),
                 cell(state, "bold red" if r["state"] == "failed" else "dim" if r["state"] == "unchanged" else "")],
                Provenance(what=r["source"], value=f"{n} {t('col.rows')}" if n else "", source=r["url"],
                           as_of=r["last_ok"], note=checked, table=r["tables"]),
            ))
        self.query_one("#ov-fetches", FigureTable).fill(
            [Col(t("col.source")), Col(t("ovf.kind"), 14, False, 64), Col(t("ovf.when"), 16),
             Col(t("col.rows"), 7, True), Col(t("ovf.state"), 15)],
            out, empty=t("none"))
