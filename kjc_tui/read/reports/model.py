"""Pieces both reports share: a figure with its comparisons, chart data, a source reference."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

from kjc_tui.core.fmt import rounded
from kjc_tui.read.compare import IndicatorDef, Series, mean, ranks

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

#: reference lines of the charts and averages of the tables, by code (the writers name them)
HESSEN, KJC, GE, SET = "hessen", "kjc", "ge", "set"


@dataclass(frozen=True)
class SourceRef:
    """Where a part of a report comes from: what (a code or an indicator), source, Stand."""

    what: str
    source: str
    as_of: date | None


@dataclass
class Figure:
    """One indicator of one jobcenter at one period, with where it stands among others
    at that same period (never values of other periods mixed in)."""

    indicator: IndicatorDef
    value: float | None
    period: date | None
    period_kind: str | None = None
    qualifier: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    source: str | None = None
    as_of: date | None = None
    #: the upper end where the source gave a range (qualifier "↔")
    upper: float | None = None
    #: averages at the figure's period: HESSEN, KJC (and SET in the monthly report) → (mean, n)
    averages: dict[str, tuple[float | None, int]] = field(default_factory=dict)
    rank_hessen: int | None = None
    of_hessen: int = 0
    rank_type: int | None = None
    of_type: int = 0
    previous_month: float | None = None
    previous_year: float | None = None
    rank_set: int | None = None
    of_set: int = 0

    def _shown(self, v: float) -> float:
        return rounded(v, self.indicator.unit)

    def deviation(self, reference: str) -> float | None:
        """value − average (percentage points for percentages), of the figures as shown (rounded
        half up to the unit's decimals, `fmt.rounded`), as every deviation on screen."""
        avg = self.averages.get(reference, (None, 0))[0]
        return None if self.value is None or avg is None else self._shown(self.value) - self._shown(avg)

    def relative_deviation(self, reference: str) -> float | None:
        """value / average − 1 (for counts and amounts)."""
        avg = self.averages.get(reference, (None, 0))[0]
        return None if self.value is None or not avg else self.value / avg - 1

    @property
    def change_month(self) -> float | None:
        """Against the month before, from the figures as shown."""
        if self.value is None or self.previous_month is None:
            return None
        return self._shown(self.value) - self._shown(self.previous_month)

    @property
    def change_year(self) -> float | None:
        """Against the same month a year before, from the figures as shown."""
        if self.value is None or self.previous_year is None:
            return None
        return self._shown(self.value) - self._shown(self.previous_year)


@dataclass
class BarChart:
    """Bars across members (sorted best first where the direction is known) and reference lines."""

    indicator: IndicatorDef
    period: date | None
    #: (label, value, key) — key is the jobcenter id or AGS, to highlight one bar
    bars: list[tuple[str, float, str]]
    #: (reference code, value): HESSEN, KJC, SET
    references: list[tuple[str, float]]
    highlight: str | None = None
    #: the Norm's key ("ew" …; "" for absolute values): the documents word it
    norm: str = ""


@dataclass
class LineChart:
    """Series over time; reference series (averages) are drawn dashed."""

    indicator: IndicatorDef
    #: (label or reference code, [(period, value)], is_reference)
    series: list[tuple[str, list[tuple[date, float]], bool]]


@dataclass(frozen=True)
class PeerValue:
    jobcenter_id: str
    ags: str | None  # None: a peer outside Hessen (ranks within its Vergleichstyp only)
    model: str | None
    peer_type: str | None
    value: float


def peers_at(store: Store, pairs: Sequence[tuple[str, date]]) -> dict[tuple[str, date], list[PeerValue]]:
    """(indicator, period) → every jobcenter's value at exactly that period (sex 'all')."""
    if not pairs:
        return {}
    rows = store.rows(
        """
        SELECT i.indicator, i.period, i.jobcenter_id, j.ags, j.model, j.peer_type, i.value
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        JOIN (SELECT unnest(?::VARCHAR[]) AS indicator, unnest(?::DATE[]) AS period) q
          ON q.indicator = i.indicator AND q.period = i.period
        WHERE i.sex = 'all' AND i.value IS NOT NULL
        """,
        [[p[0] for p in pairs], [p[1] for p in pairs]],
    )
    out: dict[tuple[str, date], list[PeerValue]] = {}
    for r in rows:
        out.setdefault((r["indicator"], r["period"]), []).append(
            PeerValue(r["jobcenter_id"], r["ags"], r["model"], r["peer_type"], r["value"]))
    return out


def place(fig: Figure, jobcenter_id: str, peer_type: str | None, peers: Sequence[PeerValue]) -> None:
    """Fill the figure's Hessen and KJC averages and its ranks in Hessen and in its Vergleichstyp."""
    hessen = {p.jobcenter_id: p.value for p in peers if (p.ags or "").startswith("06")}
    kjc = [p.value for p in peers if (p.ags or "").startswith("06") and p.model == "zkT"]
    fig.averages[HESSEN] = (_mean_of_several(list(hessen.values())), len(hessen))
    fig.averages[KJC] = (_mean_of_several(kjc), len(kjc))
    direction = fig.indicator.higher_is_better
    hr = ranks(hessen, direction)
    fig.rank_hessen, fig.of_hessen = hr.get(jobcenter_id), len(hr)
    if peer_type:
        tr = ranks({p.jobcenter_id: p.value for p in peers if p.peer_type == peer_type}, direction)
        fig.rank_type, fig.of_type = tr.get(jobcenter_id), len(tr)


#: an average of fewer districts than this is not shown (a deviation from oneself says nothing)
MIN_AVERAGED = 3


def _mean_of_several(values: list[float]) -> float | None:
    return mean(values) if len(values) >= MIN_AVERAGED else None


def sources_of(rows: Sequence[dict[str, Any]], what: str) -> list[SourceRef]:
    """The distinct (source, Stand) of rows, as references for `what`."""
    seen = {(r["source"], r["as_of"]) for r in rows if r.get("source")}
    return [SourceRef(what, s, a) for s, a in sorted(seen, key=lambda x: (x[1] or date.min, x[0]), reverse=True)]


def bar_chart_from(data: Any, highlight: str | None = None) -> BarChart:
    """The Diagramme's bar data (`compare.BarData`) as a chart for files: every bar, not what fits."""
    from kjc_tui.read import compare as cmp

    refs = {cmp.GROUP_HESSEN: HESSEN, cmp.GROUP_KJC: KJC}
    norm = "" if data.norm.denominator is None else data.norm.key
    return BarChart(data.indicator, data.period, [(b.district.short, b.value, b.district.ags) for b in data.bars],
                    [(refs[k], v) for k, v in data.references.items() if k in refs and v is not None],
                    highlight, norm)


def line_chart_from(data: Any) -> LineChart:
    """The Diagramme's or Vergleich's line data (`compare.LineData`) as a chart for files."""

    return LineChart(data.indicator, [(series_label(s), list(s.points), s.is_reference)
                                      for s in data.series if s.points])


def series_label(s: Series) -> str:
    """A `compare.Series` as a chart names it: a district's name, or the reference code of a
    group's mean (HESSEN, KJC, GE, "type:IIIc"), which the documents word."""
    from kjc_tui.read import compare as cmp

    refs = {cmp.GROUP_HESSEN: HESSEN, cmp.GROUP_KJC: KJC, cmp.GROUP_GE: GE}
    return refs.get(s.token) or (s.token if s.is_reference else s.name)
