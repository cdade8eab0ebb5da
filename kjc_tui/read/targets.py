"""§ 48b targets (Zielvereinbarungen) and how far they are attained.  Data layer: no Textual.

A target row gives, for one jobcenter, year and indicator, either a *target value* (K2 ≥ 26,0 %)
or a *target change* in percent against the previous year's value (K2 +3 %: the target value
is that value × 1,03). The year's *actual* value is the indicator's value in December of the
year, or, while the year runs, its latest month (then the attainment is *provisional*). The
previous year's value for a change target is likewise its December value (or latest month).

Whether a target is met depends on the indicator's direction (`indicator_defs.higher_is_better`):
higher is better → met when actual ≥ target; lower is better → met when actual ≤ target.
Without a direction there is no judgement ("undirected"); without an actual value or a target
value it is "open". The difference is actual − target (percentage points for percentages).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

MET, MISSED, OPEN, UNDIRECTED = "met", "missed", "open", "undirected"

#: the glyph that carries the status where colour cannot (NO_COLOR, print in black and white)
GLYPHS = {MET: "✓", MISSED: "✗", OPEN: "○", UNDIRECTED: "·"}


def target_from_change(baseline: float | None, change_percent: float | None) -> float | None:
    """The target value of a change target: baseline × (1 + change / 100)."""
    if baseline is None or change_percent is None:
        return None
    return baseline * (1 + change_percent / 100)


def status(actual: float | None, target: float | None, higher_is_better: bool | None) -> str:
    """met / missed / open / undirected (see the module docstring)."""
    if actual is None or target is None:
        return OPEN
    if higher_is_better is None:
        return UNDIRECTED
    return MET if (actual >= target if higher_is_better else actual <= target) else MISSED


@dataclass(frozen=True)
class Attainment:
    """One target with the actual value it is measured against."""

    jobcenter_id: str
    year: int
    indicator: str
    unit: str | None
    higher_is_better: bool | None
    target: float | None           # the target value (from the change where a change was agreed)
    target_change: float | None    # the agreed change in percent, if that is how the target was set
    baseline: float | None         # previous year's value (change targets)
    baseline_period: date | None
    actual: float | None
    actual_period: date | None
    source: str
    as_of: date
    qualifier: str | None = None
    note: str | None = None
    #: what the source of the actual value said of it (≈, <, >, a range up to `actual_upper`)
    actual_qualifier: str | None = None
    actual_upper: float | None = None

    @property
    def difference(self) -> float | None:
        """actual − target."""
        if self.actual is None or self.target is None:
            return None
        return self.actual - self.target

    @property
    def status(self) -> str:
        return status(self.actual, self.target, self.higher_is_better)

    @property
    def glyph(self) -> str:
        return GLYPHS[self.status]

    @property
    def provisional(self) -> bool:
        """The year is not complete in the data: the actual value is of an earlier month than December."""
        return self.actual_period is not None and self.actual_period.month != 12


def attainments(store: Store, jobcenter_ids: Sequence[str], year: int | None = None,
                indicators: Sequence[str] | None = None, until: date | None = None) -> list[Attainment]:
    """The targets of the given jobcenters (of `year`, or of every year) with their actual values,
    ordered by jobcenter, year (newest first) and the catalogue's order. With `until`, values of
    later periods are not used (a report of an earlier month measures against that month)."""
    if not jobcenter_ids or not _has_targets(store):
        return []
    rows = store.rows(
        """
        WITH t AS (
            SELECT * FROM targets
            WHERE list_contains(?::VARCHAR[], jobcenter_id) AND (?::BIGINT IS NULL OR year = ?)
              AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], indicator))
        ), yearly AS (   -- the value of each (jobcenter, indicator, year): December, else the latest month
            SELECT i.jobcenter_id, i.indicator, year(i.period) AS year, i.period, i.value, i.qualifier,
                   i.value_upper
            FROM indicators i
            WHERE i.sex = 'all' AND i.value IS NOT NULL AND (?::DATE IS NULL OR i.period <= ?)
              AND (i.jobcenter_id, i.indicator) IN (SELECT (jobcenter_id, indicator) FROM t)
            QUALIFY row_number() OVER (PARTITION BY i.jobcenter_id, i.indicator, year(i.period)
                                       ORDER BY i.period DESC) = 1
        )
        SELECT t.jobcenter_id, t.year, t.indicator, d.unit, d.higher_is_better, t.target_value,
               t.target_change, t.qualifier, t.note, t.source, t.as_of,
               cur.value AS actual, cur.period AS actual_period, cur.qualifier AS actual_qualifier,
               cur.value_upper AS actual_upper,
               prev.value AS baseline, prev.period AS baseline_period
        FROM t
        LEFT JOIN indicator_defs d ON d.code = t.indicator
        LEFT JOIN yearly cur ON cur.jobcenter_id = t.jobcenter_id AND cur.indicator = t.indicator
                            AND cur.year = t.year
        LEFT JOIN yearly prev ON prev.jobcenter_id = t.jobcenter_id AND prev.indicator = t.indicator
                             AND prev.year = t.year - 1
        ORDER BY t.jobcenter_id, t.year DESC, d.sort_order NULLS LAST, t.indicator
        """,
        [list(jobcenter_ids), year, year, indicators, indicators, until, until],
    )
    return [_attainment(r) for r in rows]


def _attainment(r: dict[str, Any]) -> Attainment:
    target = r["target_value"]
    if target is None:
        target = target_from_change(r["baseline"], r["target_change"])
    return Attainment(r["jobcenter_id"], r["year"], r["indicator"], r["unit"], r["higher_is_better"], target,
                      r["target_change"], r["baseline"] if r["target_change"] is not None else None,
                      r["baseline_period"] if r["target_change"] is not None else None,
                      r["actual"], r["actual_period"], r["source"], r["as_of"], r["qualifier"], r["note"],
                      r["actual_qualifier"], r["actual_upper"])


def latest_year(items: Sequence[Attainment]) -> list[Attainment]:
    """Per jobcenter and indicator only the newest year's target (what a profile shows)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for a in sorted(items, key=lambda a: -a.year):
        if (a.jobcenter_id, a.indicator) not in seen:
            seen.add((a.jobcenter_id, a.indicator))
            out.append(a)
    order = {id(a): i for i, a in enumerate(items)}
    return sorted(out, key=lambda a: order[id(a)])


def _has_targets(store: Store) -> bool:
    """A database built before the targets table existed lacks it until its next load."""
    return bool(store.scalar(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'targets'"))


def latest_by_district(store: Store, ags_to_jobcenter: dict[str, str]) -> dict[tuple[str, str], Attainment]:
    """(AGS, indicator) → the newest year's target of each district's jobcenter (for the Vergleich)."""
    by_jc = {jc: ags for ags, jc in ags_to_jobcenter.items() if jc}
    return {(by_jc[a.jobcenter_id], a.indicator): a for a in latest_year(attainments(store, list(by_jc)))}
