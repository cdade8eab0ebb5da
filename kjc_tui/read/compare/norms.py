"""Per-capita values: a value divided by the latest denominator (Einwohner, eLb) at or
before its period, at most three years older."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

@dataclass(frozen=True)
class Norm:
    """How values are shown: absolute, or per inhabitant / per eLb."""

    key: str  # the UI words it ("norm.<key>")
    denominator: str | None = None  # indicator code of the denominator
    factor: float = 1.0


ABSOLUTE = Norm("abs")
PER_1000_EW = Norm("ew", "EW", 1000.0)
PER_EW = Norm("ew1", "EW", 1.0)
PER_100_ELB = Norm("elb", "ELB", 100.0)
PER_ELB = Norm("elb1", "ELB", 1.0)


def norms_for(unit: str | None, code: str | None = None) -> list[Norm]:
    """Normalisations that make sense for a unit: none for rates, per head for counts and EUR;
    never the indicator divided by itself (ELB je 100 eLb is always 100)."""
    if unit == "count":
        norms = [ABSOLUTE, PER_1000_EW, PER_100_ELB]
    elif unit == "eur":
        norms = [ABSOLUTE, PER_EW, PER_ELB]
    else:
        norms = [ABSOLUTE]
    return [n for n in norms if n.denominator is None or n.denominator != code]


#: how far back a denominator may lie before the period (population figures are yearly,
#: as of 31.12. or 30.09., and published with a lag of a year or more)
DENOMINATOR_MAX_AGE_DAYS = 3 * 366


def denominator_at(points: Sequence[tuple[date, float]], when: date,
                   max_days: int = DENOMINATOR_MAX_AGE_DAYS) -> tuple[date, float] | None:
    """The latest (date, value) at or before `when`, at most `max_days` older; zero and
    missing values do not count."""
    best: tuple[date, float] | None = None
    for p, v in points:
        if not v or p > when or (when - p).days > max_days:
            continue
        if best is None or p > best[0]:
            best = (p, v)
    return best


def normalise(value: float | None, period: date, denominators: Sequence[tuple[date, float]],
              norm: Norm) -> float | None:
    """`value` divided by the latest denominator at or before `period`, times the norm's factor."""
    if value is None:
        return None
    if norm.denominator is None:
        return value
    d = denominator_at(denominators, period)
    if d is None:
        return None
    return value / d[1] * norm.factor


def normalised_series(points: Sequence[tuple[date, float]], denominators: Sequence[tuple[date, float]],
                      norm: Norm) -> list[tuple[date, float]]:
    out = []
    for p, v in points:
        n = normalise(v, p, denominators, norm)
        if n is not None:
            out.append((p, n))
    return out
