"""The common period of an aggregate: which values may be summed, averaged, ranked or compared.

Real figures arrive unevenly: one district reports 09/2012, another 11/2025. An aggregate over
"each member's latest value" mixes years and cannot be quoted. Every aggregate on screen (sum,
mean, rank, deviation, the map's colour scale, nearest neighbours) is therefore taken over the
values of **one period** that the members share:

* by default the newest period among those that most members have a value for
  (:func:`choose`; ties go to the newer period);
* a period the user picks (``wanted``) is taken where the indicator has values for it; an
  indicator without values at that period falls back to the default rule among the periods up to
  it (a yearly figure when a month is picked);
* fewer than :data:`MIN_SHARED` members at the chosen period is no common period: the screen
  says so instead of showing a number;
* members without a value at the chosen period are listed as missing, never filled in from
  another period.

Data layer: no Textual; returns periods, counts and AGS lists, never prose.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

#: a common period needs at least this many members with a value (one value is no aggregate)
MIN_SHARED = 2

#: (period, period kind, members with a value), newest first
Available = tuple[tuple[date, str, int], ...]


@dataclass(frozen=True)
class Slice:
    """The values of one indicator at its common period over a set of members (AGS)."""

    indicator: str
    period: date | None  # None: no common period
    kind: str | None
    members: tuple[str, ...]
    values: Mapping[str, Any]  # AGS → the row at `period` (only members that have one)
    available: Available = ()

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(a for a in self.members if a in self.values)

    @property
    def missing(self) -> tuple[str, ...]:
        """Members without a value at the period (listed as such, never filled in)."""
        return tuple(a for a in self.members if a not in self.values)

    @property
    def n(self) -> int:
        return len(self.present)

    @property
    def total(self) -> int:
        return len(self.members)

    def number(self, ags: str) -> float | None:
        row = self.values.get(ags)
        return None if row is None else row["value"]

    def numbers(self) -> dict[str, float]:
        """AGS → value at the period, for the members that have one."""
        return {a: r["value"] for a, r in self.values.items() if r["value"] is not None}


def choose(available: Sequence[tuple[date, str, int]], wanted: date | None = None,
           min_shared: int = MIN_SHARED) -> date | None:
    """The common period: `wanted` where it has values, else the newest of the periods (up to
    `wanted`) that most members share; None when no period has `min_shared` members."""
    usable = [(p, n) for p, _, n in available if n >= min_shared]
    if wanted is not None:
        if any(p == wanted for p, _ in usable):
            return wanted
        usable = [(p, n) for p, n in usable if p <= wanted]
    if not usable:
        return None
    most = max(n for _, n in usable)
    return max(p for p, n in usable if n == most)


def _available(store: Store, codes: Sequence[str], members: Sequence[str], sex: str) -> dict[str, Available]:
    rows = store.rows(
        """
        SELECT i.indicator, i.period, any_value(i.period_kind) AS kind, count(DISTINCT j.ags) AS n
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = ? AND i.value IS NOT NULL
          AND list_contains(?::VARCHAR[], j.ags) AND list_contains(?::VARCHAR[], i.indicator)
        GROUP BY i.indicator, i.period
        ORDER BY i.indicator, i.period DESC
        """,
        [sex, list(members), list(codes)],
    )
    out: dict[str, list[tuple[date, str, int]]] = {}
    for r in rows:
        out.setdefault(r["indicator"], []).append((r["period"], r["kind"], r["n"]))
    return {k: tuple(v) for k, v in out.items()}


def slices(store: Store, codes: Sequence[str], members: Sequence[str], wanted: date | None = None,
           sex: str = "all", min_shared: int = MIN_SHARED) -> dict[str, Slice]:
    """indicator → its values at the common period over `members` (AGS); every code comes back,
    those without a common period with ``period=None`` and no values."""
    members = tuple(members)
    if not codes or not members:
        return {c: Slice(c, None, None, members, {}) for c in codes}
    available = _available(store, codes, members, sex)
    chosen = {c: choose(available.get(c, ()), wanted, min_shared) for c in codes}
    values = values_at(store, {c: p for c, p in chosen.items() if p is not None}, members, sex)
    out = {}
    for c in codes:
        avail = available.get(c, ())
        p = chosen[c]
        kind = next((k for q, k, _ in avail if q == p), None)
        out[c] = Slice(c, p, kind, members, values.get(c, {}) if p is not None else {}, avail)
    return out


def values_at(store: Store, periods: Mapping[str, date], members: Sequence[str],
              sex: str = "all") -> dict[str, dict[str, Any]]:
    """indicator → member → its row at the given period of that indicator. A member is a district
    (AGS) or a peer outside Hessen (as `compare.peer_jobcenters` keys it)."""
    if not periods or not members:
        return {}
    rows = store.rows(
        """
        WITH c AS (SELECT unnest(?::VARCHAR[]) AS indicator, unnest(?::DATE[]) AS period)
        SELECT i.indicator, coalesce(j.ags, j.jobcenter_id) AS ags, i.jobcenter_id, i.period, i.period_kind,
               i.value, i.numerator, i.denominator, i.qualifier, i.value_upper, i.source, i.as_of
        FROM indicators i JOIN c USING (indicator, period) JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = ? AND i.value IS NOT NULL AND list_contains(?::VARCHAR[], coalesce(j.ags, j.jobcenter_id))
        QUALIFY row_number() OVER (PARTITION BY i.indicator, coalesce(j.ags, j.jobcenter_id)
                                   ORDER BY i.jobcenter_id) = 1
        """,
        [list(periods), list(periods.values()), sex, list(members)],
    )
    values: dict[str, dict[str, Any]] = {}
    for r in rows:
        values.setdefault(r["indicator"], {})[r["ags"]] = r
    return values


def months(store: Store, members: Sequence[str], sex: str = "all", limit: int = 60) -> list[tuple[date, str, int]]:
    """Periods the user may pick: (period, its kind, indicators with values there for ≥ MIN_SHARED
    members), newest first. The kind tells a month (12/2024) from a day (31.12.2024)."""
    return [(r["period"], r["kind"], r["n"]) for r in store.rows(
        """
        SELECT period, any_value(kind) AS kind, count(*) AS n FROM (
            SELECT i.indicator, i.period, any_value(i.period_kind) AS kind
            FROM indicators i JOIN jobcenters j USING (jobcenter_id)
            WHERE i.sex = ? AND i.value IS NOT NULL AND list_contains(?::VARCHAR[], j.ags)
            GROUP BY i.indicator, i.period HAVING count(DISTINCT j.ags) >= ?)
        GROUP BY period ORDER BY period DESC LIMIT ?
        """,
        [sex, list(members), MIN_SHARED, limit])]
