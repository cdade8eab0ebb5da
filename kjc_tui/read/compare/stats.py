"""Small statistics of a comparison: unweighted means, averages of the peer groups,
deviations from the Hessen average, competition ranks, group series over time."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from kjc_tui.read.catalogue import District
from kjc_tui.read.compare.members import group_tokens, resolve

if TYPE_CHECKING:
    from kjc_tui.read.compare.table import Cell

def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None and not math.isnan(v)]
    return sum(vals) / len(vals) if vals else None


def group_mean(values: Mapping[str, float | None], ags: Iterable[str]) -> tuple[float | None, int]:
    """Unweighted mean over the districts `ags` that have a value, and how many had one."""
    vals = [values[a] for a in ags if values.get(a) is not None]
    return mean(vals), len(vals)


def averages(values: Mapping[str, float | None], districts: Sequence[District]) -> dict[str, float | None]:
    """Hessen, KJC, gE and per-Vergleichstyp averages of district values (keyed by token)."""
    out: dict[str, float | None] = {}
    for token in group_tokens(districts):
        m = resolve(token, districts)
        assert m is not None
        out[token] = group_mean(values, m.ags)[0]
    return out


def deviation(value: float | None, reference: float | None) -> float | None:
    """value − reference (percentage points for percentages)."""
    if value is None or reference is None:
        return None
    return value - reference


def relative_deviation(value: float | None, reference: float | None) -> float | None:
    """value / reference − 1, e.g. 0.12 for 12 % above; None when the reference is 0."""
    if value is None or reference is None or reference == 0:
        return None
    return value / reference - 1


#: percentages deviate in percentage points; counts, amounts and ratios relative to the Hessen-Ø
POINT_UNITS = ("percent", "percent_change")


def shown_deviation(cell: "Cell", unit: str | None) -> float | None:
    """The deviation as the comparison shows it: points for percentages, else relative (0.12 = +12 %)."""
    return cell.deviation if unit in POINT_UNITS else cell.relative_deviation


def ranks(values: Mapping[str, float | None], higher_is_better: bool | None) -> dict[str, int]:
    """Competition ranks (1 = best; ties share the better rank) of the keys that have values.

    Empty when the indicator has no direction.
    """
    if higher_is_better is None:
        return {}
    present = {k: v for k, v in values.items() if v is not None}
    out = {}
    for k, v in present.items():
        better = sum(1 for w in present.values() if (w > v if higher_is_better else w < v))
        out[k] = better + 1
    return out


def type_ranks(values: Mapping[str, float | None], types: Mapping[str, str],
               higher_is_better: bool | None) -> dict[str, tuple[int, int]]:
    """key → (rank, of how many) among the keys of the same Vergleichstyp that have a value
    ("Rang 3 von 44"); keys without a type, and types with fewer than two values, have none."""
    by_type: dict[str, dict[str, float | None]] = {}
    for key, v in values.items():
        if key in types:
            by_type.setdefault(types[key], {})[key] = v
    out = {}
    for group in by_type.values():
        ranked = ranks(group, higher_is_better)
        if len(ranked) >= 2:
            out.update({k: (r, len(ranked)) for k, r in ranked.items()})
    return out



#: a group's value for a period counts only when this share of its districts with data has one
GROUP_PERIOD_COVERAGE = 0.8


def mean_series(by_ags: Mapping[str, Sequence[tuple[date, float]]], ags: Iterable[str],
                coverage: float = GROUP_PERIOD_COVERAGE) -> list[tuple[date, float]]:
    """The per-period unweighted mean over the given districts.

    A period is kept only when at least `coverage` of the districts that have any data
    have a value for it, so the mean does not jump because different districts report in
    different periods.
    """
    acc: dict[date, list[float]] = {}
    reporting = 0
    for a in ags:
        pts = by_ags.get(a, ())
        reporting += bool(pts)
        for p, v in pts:
            acc.setdefault(p, []).append(v)
    need = max(1, math.ceil(reporting * coverage))
    return [(p, sum(vs) / len(vs)) for p, vs in sorted(acc.items()) if len(vs) >= need]
