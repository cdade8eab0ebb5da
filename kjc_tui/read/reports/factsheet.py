"""The district fact sheet (Steckbrief): one district on one page.

Every comparison of a figure (averages, ranks) is made at the figure's own period, among
the jobcenters that have a value at exactly that period (see `model.place`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kjc_tui.read import compare as cmp
from kjc_tui.read import queries
from kjc_tui.read.reports.model import (series_label, Figure, LineChart, SourceRef, peers_at, place,
                                        sources_of)
from kjc_tui.read.targets import Attainment, attainments

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

#: the indicators of the line chart: the Integrationsquote and the number of eLb
CHART_CODES = ("K2", "ELB")
CHART_MONTHS = 24
EVENTS_SHOWN = 5


@dataclass
class FactSheet:
    ags: str
    master: dict[str, Any]
    figures: list[Figure]
    charts: list[LineChart]
    staffing: list[dict[str, Any]]
    bass: list[dict[str, Any]]
    events: list[dict[str, Any]]
    targets: list[Attainment]
    sources: list[SourceRef]
    synthetic: bool = False
    as_of: date | None = None  # the newest Stand of anything on the sheet
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def jobcenter_id(self) -> str | None:
        return self.master.get("jobcenter_id")


class UnknownDistrict(LookupError):
    """No district with this key in the database."""


def build_factsheet(store: Store, ags: str) -> FactSheet:
    """Everything the fact sheet of district `ags` shows; raises UnknownDistrict."""
    master = queries.jobcenter(store, ags)
    if master is None:
        raise UnknownDistrict(ags)
    jc = master.get("jobcenter_id")
    sources: list[SourceRef] = []
    if master.get("district_source"):
        sources.append(SourceRef("districts", master["district_source"], master.get("district_as_of")))
    if jc and master.get("source"):
        sources.append(SourceRef("jobcenters", master["source"], master.get("as_of")))
    figures: list[Figure] = []
    charts: list[LineChart] = []
    staffing: list[dict[str, Any]] = []
    bass: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    targets: list[Attainment] = []
    if jc:
        figures = _figures(store, jc, master.get("peer_type"))
        for f in figures:
            if f.source:
                sources.append(SourceRef(f.indicator.code, f.source, f.as_of))
        charts = _charts(store, ags)
        staffing = _latest_staffing(queries.staffing(store, jc))
        bass = queries.bass(store, jc)[:4]
        events = queries.events(store, jc, limit=EVENTS_SHOWN)
        current = [a for a in attainments(store, [jc])]
        years = sorted({a.year for a in current}, reverse=True)[:2]
        targets = [a for a in current if a.year in years]
        sources += sources_of(staffing, "staffing") + sources_of(bass, "bass_cohorts") \
            + sources_of(events, "events") + sources_of([{"source": a.source, "as_of": a.as_of} for a in targets],
                                                        "targets")
    dated = [s.as_of for s in sources if s.as_of]
    return FactSheet(ags, master, figures, charts, staffing, bass, events, targets, _dedupe(sources),
                     bool(getattr(store, "synthetic", False)), max(dated) if dated else None)


def _figures(store: Store, jc: str, peer_type: str | None) -> list[Figure]:
    latest = queries.latest_values(store, jc, trend_points=1)
    defs = {d.code: d for d in cmp.indicator_catalogue(store)}
    figs = []
    for r in latest:
        d = defs.get(r["indicator"])
        if d is None:
            continue
        figs.append(Figure(d, r["value"], r["period"], r["period_kind"], r["qualifier"], r["numerator"],
                           r["denominator"], r["source"], r["as_of"], r["value_upper"]))
    peers = peers_at(store, [(f.indicator.code, f.period) for f in figs if f.period])
    for f in figs:
        if f.period:
            place(f, jc, peer_type, peers.get((f.indicator.code, f.period), []))
    return figs


def _charts(store: Store, ags: str) -> list[LineChart]:
    """K2 and eLb over the district's last 24 months, with the Hessen and KJC averages of the same months."""
    out = []
    defs = {d.code: d for d in cmp.indicator_catalogue(store)}
    for code in CHART_CODES:
        ind = defs.get(code)
        if ind is None:
            continue
        data = cmp.line_data(store, ind, [ags, cmp.GROUP_HESSEN, cmp.GROUP_KJC])
        own = next((s for s in data.series if s.token == ags), None)
        if own is None or not own.points:
            continue
        months = [p for p, _ in own.points][-CHART_MONTHS:]
        first, last = months[0], months[-1]
        series = []
        for s in data.series:
            pts = [(p, v) for p, v in s.points if first <= p <= last]
            label = series_label(s)
            if pts:
                series.append((label, pts, s.is_reference))
        out.append(LineChart(ind, series))
    return out


def _latest_staffing(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The staffing rows of the newest date (all functions), with caseload per FTE."""
    if not rows:
        return []
    newest = max(r["period"] for r in rows)
    return [r for r in rows if r["period"] == newest]


def _dedupe(refs: list[SourceRef]) -> list[SourceRef]:
    seen: dict[tuple[str, date | None], SourceRef] = {}
    for r in refs:
        key = (r.source, r.as_of)
        if key not in seen:
            seen[key] = r
        elif r.what not in seen[key].what.split(", "):
            seen[key] = SourceRef(seen[key].what + ", " + r.what, r.source, r.as_of)
    return list(seen.values())
