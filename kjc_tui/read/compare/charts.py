"""What the Diagramme screen draws: one indicator's bars across the districts for one
period, and its lines over time for chosen members."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Sequence

from kjc_tui.read.catalogue import SHORT_NAMES, District, IndicatorDef, hessen_districts
from kjc_tui.read.compare.members import GROUP_GE, GROUP_HESSEN, GROUP_KJC, resolve
from kjc_tui.read.compare.norms import ABSOLUTE, Norm, denominator_at, normalise, normalised_series
from kjc_tui.read.compare.stats import averages, mean_series
from kjc_tui.read import periods as common
from kjc_tui.read.compare.values import Value, _value, history

if TYPE_CHECKING:  # only for hints: importing the store would load DuckDB into the UI
    from kjc_tui.db.store import Store

@dataclass
class Bar:
    district: District
    value: float  # normalised when a Norm applies
    period: date
    raw: Value | None = None  # the value as stored, with its source and Stand


@dataclass
class BarData:
    indicator: IndicatorDef
    norm: Norm
    bars: list[Bar]  # sorted, best first where the direction is known, else largest first
    missing: list[District]
    references: dict[str, float | None]  # GROUP_HESSEN, GROUP_KJC, GROUP_GE → average
    period: date | None  # the one period shown
    period_kind: str | None = None
    #: every period of the indicator: (period, kind, districts with a value), newest first
    available: list[tuple[date, str, int]] = field(default_factory=list)
    #: districts that have a value but no denominator (Einwohner/eLb) at or before the period
    no_denominator: list[District] = field(default_factory=list)
    #: the dates of the denominators used (per-capita bars only)
    denominator_dates: list[date] = field(default_factory=list)

    @property
    def sparse(self) -> bool:
        return len(self.bars) < SPARSE_MIN_DISTRICTS


@dataclass
class Series:
    """A member's values over time; named like its `Member` (a district's short name, a
    Vergleichstyp's code, empty for the other groups: the UI names those by token and size)."""

    token: str
    name: str
    points: list[tuple[date, float]]
    is_reference: bool = False
    size: int = 1
    #: a line is drawn for Hessian districts and groups only (no jobcenter outside Hessen)
    peer = False

    @property
    def is_group(self) -> bool:
        return self.is_reference


@dataclass
class LineData:
    indicator: IndicatorDef
    norm: Norm
    series: list[Series]

    @property
    def sparse(self) -> bool:
        return not any(len(s.points) >= SPARSE_MIN_POINTS for s in self.series)


#: fewer districts with values than this make a bar chart "too sparse"
SPARSE_MIN_DISTRICTS = 6
#: a line chart needs at least one district series with this many points
SPARSE_MIN_POINTS = 3


def _denominators(store: Store, norm: Norm, ags: Sequence[str], sex: str) -> dict[str, list[tuple[date, float]]]:
    if norm.denominator is None:
        return {}
    return history(store, ags, [norm.denominator], sex=sex).get(norm.denominator, {})


def bar_data(store: Store, indicator: IndicatorDef, norm: Norm = ABSOLUTE, sex: str = "all",
             districts: Sequence[District] | None = None, period: date | None = None) -> BarData:
    """Every district's value for one period (default: the newest with the most districts),
    normalised, sorted best first, with the Hessen/KJC/gE averages of the bars."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    sl = common.slices(store, [indicator.code], [d.ags for d in districts], period, sex)[indicator.code]
    available, period = list(sl.available), sl.period
    vals = {a: _value(r) for a, r in sl.values.items()}
    dens = _denominators(store, norm, [d.ags for d in districts], sex)
    bars, missing, no_den, den_dates = [], [], [], set()
    for d in districts:
        v = vals.get(d.ags)
        n = normalise(v.value, v.period, dens.get(d.ags, []), norm) if v else None
        if v is None or n is None:
            missing.append(d)
            if v is not None and v.value is not None:
                no_den.append(d)
            continue
        bars.append(Bar(d, n, v.period, v))
        used = denominator_at(dens.get(d.ags, []), v.period) if norm.denominator is not None else None
        if used is not None:
            den_dates.add(used[0])
    low_first = indicator.higher_is_better is False
    bars.sort(key=lambda b: (b.value if low_first else -b.value, b.district.ags))
    refs = averages({b.district.ags: b.value for b in bars}, districts)
    kind = sl.kind
    return BarData(indicator, norm, bars, missing,
                   {k: refs[k] for k in (GROUP_HESSEN, GROUP_KJC, GROUP_GE)}, period, kind, available,
                   no_den, sorted(den_dates))


def line_data(store: Store, indicator: IndicatorDef, tokens: Sequence[str], norm: Norm = ABSOLUTE,
              sex: str = "all", districts: Sequence[District] | None = None) -> LineData:
    """One series per member (groups as the per-period mean of their districts)."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    members = [m for m in (resolve(t, districts) for t in tokens) if m is not None]
    all_ags = sorted({a for m in members for a in m.ags})
    hist = history(store, all_ags, [indicator.code], sex).get(indicator.code, {})
    dens = _denominators(store, norm, all_ags, sex)
    normed = {a: normalised_series(pts, dens.get(a, []), norm) for a, pts in hist.items()}
    series = [Series(m.token, m.name if m.is_group else (SHORT_NAMES.get(m.token) or m.name),
                     mean_series(normed, m.ags), m.is_group, m.size) for m in members]
    return LineData(indicator, norm, series)
