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
from kjc_tui.core.strings import scoped
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.provenance import Provenance
from kjc_tui.ui.rows import (
    bass_rows, event_columns, event_summary_rows, fact_rows, indicator_name, section_columns,
)
from kjc_tui.ui.views.base import DataView
from kjc_tui.ui.widgets.chartfmt import signed
from kjc_tui.ui.widgets.figures import Col, FigureTable, cell
from kjc_tui.ui.widgets.worded import Worded

Row = dict[str, Any]

def _load(store: Any, today: date, wanted: date | None = None) -> Row:
    from kjc_tui.read import overview as overview_queries

    return overview_queries.overview(store, today, wanted)


def _fetch_states(sources: dict[str, Any], store: Any) -> list[Row]:
    from kjc_tui.sources.status import source_status

    return source_status(sources, store)


def _offers_fetch(official: Row | None) -> bool:
    """No official indicator in the database at all: the Übersicht offers to fetch them (F5)."""
    return official is not None and not official["rows"]


#: the two columns of sections, top to bottom: "table ID" (figures), "note ID" (a line filled
#: later), "title ID" (a heading filled later), "title ID KEY" (a heading worded by i18n KEY)
_COLUMNS = {
    "ov-left": ("title ov-release-title", "table ov-release", "table ov-movers", "note ov-since", "table ov-revised",
                "title ov-headline-title ov.headline", "table ov-headline", "note ov-missing",
                "title ov-upcoming-title ov.upcoming", "table ov-upcoming", "title ov-recent-title ov.recent",
                "table ov-recent"),
    "ov-right": ("title ov-bass-title ov.bass", "table ov-bass-facts", "table ov-bass",
                 "title ov-sources-title ov.sources", "table ov-sources", "note ov-load", "title ovf-title ovf.title",
                 "table ov-fetches"),
}


def _section(spec: str) -> Static | FigureTable:
    kind, id_, *key = spec.split()
    if kind == "table":
        return FigureTable(id=id_)
    if key:
        return Worded(key[0], id=id_, classes="section-title")
    return Static("", id=id_, classes="note" if kind == "note" else "section-title")


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
                for column, sections in _COLUMNS.items():
                    with Vertical(id=column, classes="ov-column"):
                        yield from map(_section, sections)
                yield Vertical(id="ov-map-slot")  # the tile map, mounted once data is there

    def on_mount(self) -> None:
        first = self.kjc.first_overview() if not self.loaded else None
        if first is not None:
            # the summary or cache of this snapshot, drawn at once; the focus follows when the app
            # mounts, with the footer's keys for it (`KjcApp.on_mount`)
            self.apply(first, focus=False)
        elif not self.loaded:
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
            wanted = getattr(self.kjc, "period", None)
            self.fetch(lambda store: _load(store, self.kjc.today, wanted), self.apply, group="overview")
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
                self.screen.set_focus(table)  # now: the footer composed at start-up shows its keys
                return

    # -- rendering ------------------------------------------------------------------------
    def apply(self, data: Row, focus: bool = True) -> None:
        self._show(data)
        self.loaded = True
        if focus and self.screen.focused is None and self.kjc.current_view == "overview":
            self.focus_default()  # on start-up, so that `s` works at once
        self.call_after_refresh(self.kjc.overview_ready)

    def _show(self, data: Row) -> None:
        self._data = data
        lang = language()
        c = data["counts"]
        counts = Text(t("ov.counts", kjc=c["kjc"], ge=c["ge"], n=c["districts"]), style="bold")
        if "release" in data and data["release"]["period"] is None and not _offers_fetch(data.get("official")):
            counts.append(" · " + t("ov.release_none"), style="not bold")  # no release to lead with: one phrase
        if data["synthetic"]:
            counts.append("   ")
            counts.append(f" {t('status.synthetic_long')} ", style="reverse bold red")
        self.query_one("#ov-counts", Static).update(counts)
        if "release" in data:  # a preloaded overview of an older cache has none
            self._release(data["release"], lang, data.get("official"))
            self._since(data["since_load"], lang)
        self._headline(data["headline"], lang)
        self._events(data["upcoming"], data["recent"], lang)
        self._bass(data["bass"], data["bass_facts"], lang)
        self._provenance(data["provenance"], lang)

    def _release(self, rel: Row, lang: str, official: Row | None = None) -> None:
        """K1–K3 of the newest release for the KJC and the gE, with their changes; the movers. Without any
        official indicator in the database, one line that offers the fetch (F5) instead."""
        title = self.query_one("#ov-release-title", Static)
        table, movers = self.query_one("#ov-release", FigureTable), self.query_one("#ov-movers", FigureTable)
        if rel["period"] is None:
            offer = _offers_fetch(official)
            title.display = offer  # else said in the counts line (see `apply`)
            if offer:
                n = sum(1 for src in self.kjc.config.sources.values() if src.get("enabled", True))
                title.update(Text(t("ov.official_offer", n=n) if n else t("ov.official_none"), style="bold"))
            table.fill([Col("")], [])
            movers.fill([Col("")], [])
            return
        title.display = True
        month = fmt.period(rel["period"], "month", lang)
        text = t("ov.release", period=month, as_of=fmt.date_(rel["as_of"], lang))
        if official is not None and official.get("last_fetch"):
            text += t("ov.fetched_at", when=fmt.timestamp(official["last_fetch"], lang))
        title.update(Text(text))
        out = []
        for r in rel["rows"]:
            name = f"{r['code']} {indicator_name(r, lang)}"
            for model, label in (("zkT", "KJC"), ("gE", "gE")):
                ch = r["groups"][model]
                value = fmt.value(ch["value"], r["unit"], lang)
                cells = [cell(name if model == "zkT" else ""), cell(label), cell(value, "bold", right=True),
                         self._delta(ch["previous"], r["unit"], r["higher_is_better"]),
                         self._delta(ch["year"], r["unit"], r["higher_is_better"]),
                         cell(t("ov.of", n=ch["n"], total=ch["total"]), "dim", right=True)]
                out.append((cells, Provenance(
                    what=f"{name} · {t('group.mean.kjc' if model == 'zkT' else 'group.mean.ge')}", value=value, source=rel["source"], as_of=rel["as_of"], period=month,
                    table="indicators", basis=t("ov.release_basis", n=ch["n"], total=ch["total"],
                                                prev=ch["previous_n"], year=ch["year_n"]))))
        table.fill([Col(t("col.indicator"), lines=2, weight=3), Col(t("col.group"), 4),
                    Col(t("col.value"), 8, True), Col(t("col.vs_month"), 10, True),
                    Col(t("col.vs_year"), 10, True, 56), Col(t("col.coverage_of"), 9, True, 70)], out)
        moved = []
        for r in rel["rows"]:
            for arrow, ms in (("↑", r["up"]), ("↓", r["down"])):
                if ms:
                    text = ", ".join(f"{m['name']} {signed(m['change'], r['unit'])}" for m in ms)
                    moved.append(([cell(f"{r['code']} {arrow}"), cell(text)], Provenance(
                        what=f"{r['code']} {arrow} {t('ov.movers')}", value=text, source=rel["source"],
                        as_of=rel["as_of"], period=month, table="indicators")))
        movers.fill([Col(t("ov.movers"), 6), Col(t("ov.movers_vs"), lines=3)], moved)

    @staticmethod
    def _delta(v: float | None, unit: str | None, higher_is_better: bool | None) -> Text:
        """A change as shown: signed; green when better, red when worse, plain when ±0."""
        if v is None:
            return cell(fmt.MISSING, "dim", right=True)
        text = signed(v, unit)
        zero = text.startswith("±")
        good = None if zero or higher_is_better is None else ((v > 0) == bool(higher_is_better))
        return cell(text, "" if good is None else ("green" if good else "red"), right=True)

    def _since(self, since: Row, lang: str) -> None:
        """What the newest load brought: new values counted, revised ones listed with both numbers."""
        note, table = self.query_one("#ov-since", Static), self.query_one("#ov-revised", FigureTable)
        if since["load_id"] is None or since["since"] is None:  # nothing loaded before: nothing "new since"
            note.update("")
            note.display = False
            table.fill([Col("")], [])
            return
        note.display = True
        note.update(Text(t("ov.since", when=fmt.date_(since["since"], lang), new=fmt.number(since["new"], lang),
                           revised=fmt.number(since["revised"], lang))))
        rows = []
        for r in since["revisions"]:
            old, new = fmt.value(r["old_value"], r["unit"], lang), fmt.value(r["new_value"], r["unit"], lang)
            period = fmt.period(r["period"], "month", lang)
            who = r["name"] or r["jobcenter_id"]
            rows.append(([cell(r["indicator"]), cell(who), cell(period),
                          cell(f"{old} → {new}", "bold", right=True), cell(t("ov.revised"), "yellow")],
                         Provenance(what=f"{r['indicator']} {who} {period}", value=new,
                                    as_of=r["new_as_of"], period=period, table="indicator_revisions",
                                    note=t("ov.revised_note", old=old, old_as_of=fmt.date_(r["old_as_of"], lang)))))
        table.fill([Col(t("col.indicator"), 8), Col(t("col.district")), Col(t("col.period"), 8),
                    Col(t("ov.old_new"), 19, True), Col("", 10, False, 60)], rows)

    def _headline(self, rows: list[Row], lang: str) -> None:
        """Indicators with values as rows, each at its common period with its coverage; those
        without any value in one line below them, by code, so that the events, BASS and sources
        below come into view."""
        out = []
        for r in rows:
            if not r["latest_n"]:
                continue
            district = r.get("scope") == "district"   # the Kreise's figure, summed: never the KJC's own
            name = scoped(indicator_name(r, lang), r.get("scope"), lang)
            agg = t("agg.sum") if r["aggregate"] == "sum" else t("agg.mean")
            if r["value"] is None:  # no common period: no number
                spread = fmt.period_span(r["first_period"], r["last_period"], "month", lang)
                out.append((
                    [cell(name), cell(fmt.MISSING, "dim", right=True), cell(f"⚠ {spread}", "yellow"),
                     cell(t("ov.scattered", n=r["latest_n"]), "dim"), cell("")],
                    Provenance(what=name, value=t("ov.no_common"), period=spread, table="indicators",
                               note=t("ov.no_common_note", n=r["latest_n"], total=r["of"], span=spread)),
                ))
                continue
            value = fmt.value(r["value"], r["unit"], lang, "≈" if r.get("approximate") else None)
            period = fmt.period(r["period"], r["period_kind"], lang)
            coverage = t("ov.of", n=r["n"], total=r["of"])
            missing = ", ".join(r["missing"])
            out.append((
                [cell(name), cell(f"{agg} {value}", "bold", right=True), cell(period), cell(coverage, "dim"),
                 cell(fmt.date_(r["as_of"], lang), "dim")],
                Provenance(what=name, value=f"{agg} {value}", source=r.get("source"), as_of=r.get("as_of"),
                           period=f"{period} · {coverage}",
                           note=t("ov.missing_at", period=period, names=missing) if missing else None,
                           more_sources=tuple(s for s in r.get("sources") or () if s != r.get("source")),
                           basis=t("ov.district_basis", coverage=coverage, whole=t("scope.district_note")) if district else coverage + " KJC",
                           table="indicators"),
            ))
        self.query_one("#ov-headline", FigureTable).fill(
            [Col(t("col.indicator"), lines=3, weight=2), Col(t("col.value"), 15, True, fit=True, min_width=13),
             Col(t("col.period"), 11), Col(t("col.coverage_of"), 9, False, 50),
             Col(t("col.as_of"), 10, False, 66)],
            out, empty=t("ov.no_indicators"))
        without = [fmt.strip_controls(r["indicator"]) for r in rows if not r["latest_n"]]
        note = self.query_one("#ov-missing", Static)
        # one line, like every empty section (styles.tcss: the codes that do not fit end in "…")
        note.update(Text(t("ov.without_values", n=len(without), codes=", ".join(without))) if without else "")
        note.display = bool(without)

    def _events(self, upcoming: list[Row], recent: list[Row], lang: str) -> None:
        cols = event_columns()
        for name, events in (("upcoming", upcoming), ("recent", recent)):
            table = self.query_one(f"#ov-{name}", FigureTable)
            table.fill(cols, event_summary_rows(events, lang), empty=t("ov.no_events"))
            # no events: one line, "Anstehende Veranstaltungen: keine"
            heading = Text(t(f"ov.{name}"))
            if not events:
                heading.append(": " + t("ov.no_events"), style="dim not bold")
            self.query_one(f"#ov-{name}-title", Static).update(heading)
            table.display = bool(events)

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
                          action=fmt.strip_controls(load["action"]), user=fmt.strip_controls(load.get("user_name") or "")))
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
