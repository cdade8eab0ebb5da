"""Nearest neighbours: the districts most like one district over the indicators both have
(z-scores across Hessen, root mean square of their differences)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from kjc_tui.read.catalogue import District, hessen_districts, indicator_catalogue, peer_jobcenters
from kjc_tui.read import periods as common

if TYPE_CHECKING:  # only for hints: importing the store would load DuckDB into the UI
    from kjc_tui.db.store import Store

@dataclass(frozen=True)
class Neighbour:
    ags: str
    distance: float
    common: int
    #: (indicator, z-score difference other − target), largest absolute first (the UI words them)
    differences: tuple[tuple[str, float], ...] = ()


def zscores(table: Mapping[str, Mapping[str, float | None]],
            log_codes: Iterable[str] = ()) -> dict[str, dict[str, float]]:
    """indicator → ags → z-score; indicators with fewer than 3 values or no spread are dropped."""
    logs = set(log_codes)
    out: dict[str, dict[str, float]] = {}
    for code, by_ags in table.items():
        vals: dict[str, float] = {}
        for a, v in by_ags.items():
            if v is None or math.isnan(v):
                continue
            if code in logs:
                if v < 0:
                    continue
                v = math.log1p(v)
            vals[a] = v
        if len(vals) < 3:
            continue
        mu = sum(vals.values()) / len(vals)
        sd = math.sqrt(sum((v - mu) ** 2 for v in vals.values()) / len(vals))
        if sd == 0:
            continue
        out[code] = {a: (v - mu) / sd for a, v in vals.items()}
    return out


def neighbour_distances(z: Mapping[str, Mapping[str, float]], target: str, min_common: int = 2) -> list[Neighbour]:
    """Every other district's distance to `target` (nearest first); see the module docstring."""
    others = sorted({a for by_ags in z.values() for a in by_ags} - {target})
    out = []
    for other in others:
        diffs = [(code, by_ags[other] - by_ags[target]) for code, by_ags in z.items()
                 if target in by_ags and other in by_ags]
        if len(diffs) < max(1, min_common):
            continue
        dist = math.sqrt(sum(d * d for _, d in diffs) / len(diffs))
        diffs.sort(key=lambda cd: (-abs(cd[1]), cd[0]))
        out.append(Neighbour(other, dist, len(diffs), tuple(diffs)))
    out.sort(key=lambda n: (n.distance, -n.common, n.ags))
    return out



def nearest_neighbours(store: Store, ags: str, k: int = 3, sex: str = "all", min_common: int = 2,
                       districts: Sequence[District] | None = None, period: date | None = None,
                       with_peers: bool = True) -> list[Neighbour]:
    """The `k` jobcenters most similar to `ags` on the indicators it has, each indicator at its common
    period over the Hessian districts (see module docstring): Hessian districts and, where the database
    has them, peers outside Hessen at the same periods (keyed as `catalogue.peer_jobcenters` keys them)."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    defs = {d.code: d for d in indicator_catalogue(store)}
    slices = common.slices(store, list(defs), [d.ags for d in districts], period, sex)
    table: dict[str, dict[str, float | None]] = {code: dict(sl.numbers()) for code, sl in slices.items()}
    peers = [p.ags for p in peer_jobcenters(store)] if with_peers else []
    at = {code: sl.period for code, sl in slices.items() if sl.period is not None}
    for code, by in common.values_at(store, at, peers, sex).items():
        table[code].update({a: r["value"] for a, r in by.items()})
    logs = [c for c, d in defs.items() if d.unit in ("count", "eur")]
    return neighbour_distances(zscores(table, logs), ags, min_common)[:k]
