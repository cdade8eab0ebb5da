"""What the Vergleich screen shows: every indicator for each member with its latest value,
Stand, numerator/denominator, trend, deviation and ranks (as a CSV: `documents.comparison_csv`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Mapping, Sequence

from kjc_tui.core.fmt import derived_qualifier, rounded
from kjc_tui.read import periods as common
from kjc_tui.read.catalogue import District, IndicatorDef, hessen_districts, indicator_catalogue, peer_jobcenters
from kjc_tui.read.compare.members import Member, resolve
from kjc_tui.read.compare.stats import (deviation, mean, mean_series, ranks, relative_deviation,
                                        type_ranks)
from kjc_tui.read.compare.values import Value, _value, history, latest

if TYPE_CHECKING:  # only for hints: importing the store would load DuckDB into the UI
    from kjc_tui.db.store import Store


@dataclass
class Cell:
    value: float | None
    period: date | None = None
    numerator: float | None = None
    denominator: float | None = None
    n: int = 1  # districts behind a group value
    n_total: int = 1
    #: a member without a value at the common period: the period of its latest value (never mixed in)
    latest_period: date | None = None
    trend: list[float] = field(default_factory=list)
    deviation: float | None = None  # vs Hessen average
    relative_deviation: float | None = None
    rank: int | None = None  # among the chosen members
    rank_of: int = 0
    rank_hessen: int | None = None  # among all Hessian districts (districts only)
    rank_hessen_of: int = 0
    #: among every jobcenter of the member's Vergleichstyp with a value, peers outside Hessen included
    rank_type: int | None = None
    rank_type_of: int = 0
    source: str | None = None
    as_of: date | None = None
    #: what the source said of the value (≈, <, >, a range up to `upper`); a group's mean of values of
    #: which one is not exact is itself approximate (≈)
    qualifier: str | None = None
    upper: float | None = None


@dataclass
class ComparisonRow:
    indicator: IndicatorDef
    hessen: float | None
    cells: list[Cell]
    #: the common period of the row (None: the Hessian districts share none)
    period: date | None = None
    period_kind: str | None = None
    #: Hessian districts with a value at the period, of all
    n: int = 0
    n_total: int = 0
    #: AGS of the Hessian districts without a value at the period
    missing: tuple[str, ...] = ()
    #: "≈" where the Hessen-Ø is taken over a value that is not exact
    hessen_qualifier: str | None = None

    @property
    def common_period(self) -> date | None:
        return self.period


@dataclass
class Comparison:
    members: list[Member]
    rows: list[ComparisonRow]
    unknown: list[str]  # tokens that could not be resolved
    synthetic: bool = False  # from the synthetic demo data


def comparison(store: Store, tokens: Sequence[str], sex: str = "all", trend_points: int = 12,
               districts: Sequence[District] | None = None, period: date | None = None) -> Comparison:
    """Every indicator for each member at the indicator's common period (or `period`, when picked):
    value, Stand, num/den, trend, deviation from the Hessen-Ø, ranks."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    peers = peer_jobcenters(store)
    members, unknown = [], []
    for t in tokens:
        m = resolve(t, districts, peers)
        (members.append(m) if m is not None else unknown.append(t))
    defs = indicator_catalogue(store)
    lat = latest(store, None, sex, peers=bool(peers))
    types = {d.ags: d.peer_type for d in (*districts, *peers) if d.peer_type}
    needed = sorted({a for m in members for a in m.ags})
    hist = history(store, needed, [d.code for d in defs], sex, last=trend_points)
    slices = common.slices(store, [d.code for d in defs], [d.ags for d in districts], period, sex)
    # the peers outside Hessen at each indicator's common period: ranks within the Vergleichstyp, peer columns
    peers_at = common.values_at(store, {c: sl.period for c, sl in slices.items() if sl.period is not None},
                                [p.ags for p in peers], sex) if peers else {}
    rows = []
    for ind in defs:
        if not any(a in lat.get(ind.code, {}) for a in needed):
            continue
        sl = slices[ind.code]
        vals = {a: _value(r) for a, r in sl.values.items()}
        plain = {a: rounded(v.value, ind.unit) for a, v in vals.items()}   # Hessen: the 26, never the peers
        hessen = rounded(mean(plain.values()), ind.unit)
        hrank = ranks(plain, ind.higher_is_better)
        latest_of = {a: v.period for a, v in lat.get(ind.code, {}).items()}
        peer_vals = {a: _value(r) for a, r in peers_at.get(ind.code, {}).items()}
        cells = [_cell(m, {**peer_vals, **vals}, hist.get(ind.code, {}), hessen, hrank, trend_points, ind.unit,
                       latest_of) for m in members]
        trank = type_ranks({**{a: rounded(v.value, ind.unit) for a, v in peer_vals.items()}, **plain}, types,
                           ind.higher_is_better)
        for m, c in zip(members, cells):
            if not m.is_group and m.token in trank:
                c.rank_type, c.rank_type_of = trank[m.token]
        chosen = ranks({str(i): c.value for i, c in enumerate(cells)}, ind.higher_is_better)
        if len(chosen) < 2:
            chosen = {}  # a rank among one ("1/1") says nothing
        n_ranked = len(chosen)
        for i, c in enumerate(cells):
            c.rank, c.rank_of = chosen.get(str(i)), n_ranked
        rows.append(ComparisonRow(ind, hessen, cells, sl.period, sl.kind, sl.n, sl.total, sl.missing,
                                  derived_qualifier(*(v.qualifier for v in vals.values()))))
    return Comparison(members, rows, unknown, bool(getattr(store, "synthetic", False)))


def _cell(m: Member, vals: Mapping[str, Value], hist: Mapping[str, Sequence[tuple[date, float]]],
          hessen: float | None, hrank: Mapping[str, int], trend_points: int, unit: str | None,
          latest_of: Mapping[str, date]) -> Cell:
    """One member's cell at the row's common period; values and deviations as shown (rounded)."""
    if not m.is_group:
        v = vals.get(m.token)
        if v is None:
            return Cell(None, latest_period=latest_of.get(m.token))
        value = rounded(v.value, unit)
        return Cell(value, v.period, v.numerator, v.denominator,
                    trend=[x for _, x in hist.get(m.token, [])][-trend_points:],
                    deviation=deviation(value, hessen), relative_deviation=relative_deviation(value, hessen),
                    rank_hessen=hrank.get(m.token), rank_hessen_of=len(hrank),
                    source=v.source, as_of=v.as_of, qualifier=v.qualifier, upper=v.upper)
    # A group's value is the unweighted mean of its districts' values (like every average
    # here); summed numerators and denominators would give a different, pooled ratio, so a
    # group cell has none rather than two figures that contradict each other.
    present = [vals[a] for a in m.ags if a in vals]
    value = rounded(mean(rounded(v.value, unit) for v in present), unit)
    return Cell(value, present[0].period if present else None,
                n=len(present), n_total=len(m.ags),
                trend=[x for _, x in mean_series(hist, m.ags)][-trend_points:],
                deviation=deviation(value, hessen), relative_deviation=relative_deviation(value, hessen),
                as_of=max((v.as_of for v in present if v.as_of), default=None),
                qualifier=derived_qualifier(*(v.qualifier for v in present)))
