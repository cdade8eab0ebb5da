"""What changed: the newest official release and what the last load brought.  No Textual here.

* :func:`release` — K1, K2, K3 (§ 48a SGB II) for Hessen's KJC and gE at the newest release
  month: the unweighted mean over the group's districts, its change against the previous month
  and the same month a year before, and the districts that moved most against the previous month.
  A change is taken over the districts that have a value in both months (like with like) and from
  the rounded figures (``fmt.rounded``), as every deviation on screen.
* :func:`since_last_load` — the values the newest load with indicator changes added or revised
  (table ``indicator_revisions``, written by ``db.revisions``), with the date of the load before
  it ("neu seit 12.11.2025").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from kjc_tui.core.fmt import rounded
from kjc_tui.read import periods

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

#: the § 48a Kennzahlen the release leads with
RELEASE_CODES = ("K1", "K2", "K3")
#: how many districts are named as moving most, up and down
MOVERS = 3
#: revised values listed by name (the rest are counted)
REVISED_SHOWN = 8


def shift_months(d: date, months: int) -> date:
    """The first of the month `months` before (negative) or after `d`."""
    m = d.year * 12 + d.month - 1 + months
    return date(m // 12, m % 12 + 1, 1)


@dataclass(frozen=True)
class Change:
    """A group's mean at the release month, and its change against an earlier month."""

    value: float | None
    n: int  # districts with a value at the release month
    total: int
    previous: float | None = None  # change against the previous month, None when not comparable
    previous_n: int = 0  # districts with a value in both months
    year: float | None = None  # change against the same month a year before
    year_n: int = 0


@dataclass(frozen=True)
class Mover:
    ags: str
    name: str
    model: str | None
    value: float
    change: float  # against the previous month, from the rounded figures


@dataclass
class ReleaseRow:
    code: str
    name_de: str
    name_en: str | None
    unit: str | None
    higher_is_better: bool | None
    groups: dict[str, Change]  # "zkT" / "gE" → Change
    up: list[Mover] = field(default_factory=list)  # largest rise first
    down: list[Mover] = field(default_factory=list)  # largest fall first


@dataclass
class Release:
    period: date | None  # the release month (None: no K1–K3 values shared by two districts)
    rows: list[ReleaseRow]
    as_of: date | None = None
    source: str | None = None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _change(now: dict[str, float], then: dict[str, float], members: list[str], unit: str | None
            ) -> tuple[float | None, int]:
    both = [a for a in members if a in now and a in then]
    if len(both) < periods.MIN_SHARED:
        return None, len(both)
    a = rounded(_mean([now[x] for x in both]), unit)
    b = rounded(_mean([then[x] for x in both]), unit)
    return (None if a is None or b is None else rounded(a - b, unit)), len(both)


def release(store: Store, codes: tuple[str, ...] = RELEASE_CODES, sex: str = "all") -> Release:
    """K1–K3 for the KJC and gE of Hessen at the newest month that two or more districts share."""
    districts = store.rows(
        """
        SELECT d.ags, d.name, j.model, j.jobcenter_id FROM districts d
        JOIN jobcenters j ON j.ags = d.ags WHERE d.state = 'Hessen' ORDER BY d.ags
        """)
    all_ags = [d["ags"] for d in districts]
    defs = {r["code"]: r for r in store.rows(
        "SELECT code, name_de, name_en, unit, higher_is_better FROM indicator_defs WHERE list_contains(?, code)",
        [list(codes)])}
    codes = tuple(c for c in codes if c in defs)
    newest = [s.period for s in periods.slices(store, codes, all_ags, None, sex).values() if s.period]
    if not newest:
        return Release(None, [])
    month = max(newest)
    wanted = [month, shift_months(month, -1), shift_months(month, -12)]
    rows = store.rows(
        """
        SELECT i.indicator, j.ags, i.period, i.value, i.source, i.as_of
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = ? AND i.value IS NOT NULL AND list_contains(?::VARCHAR[], i.indicator)
          AND list_contains(?::DATE[], i.period) AND list_contains(?::VARCHAR[], j.ags)
        """,
        [sex, list(codes), wanted, all_ags])
    at: dict[tuple[str, date], dict[str, float]] = {}
    as_of: date | None = None
    source: str | None = None
    for r in rows:
        at.setdefault((r["indicator"], r["period"]), {})[r["ags"]] = r["value"]
        if r["period"] == month and r["as_of"] and (as_of is None or r["as_of"] > as_of):
            as_of, source = r["as_of"], r["source"]
    by_model = {m: [d["ags"] for d in districts if d["model"] == m] for m in ("zkT", "gE")}
    info = {d["ags"]: d for d in districts}
    out = []
    for code in codes:
        unit = defs[code]["unit"]
        now = {a: rounded(v, unit) for a, v in at.get((code, month), {}).items()}
        prev = {a: rounded(v, unit) for a, v in at.get((code, wanted[1]), {}).items()}
        year = {a: rounded(v, unit) for a, v in at.get((code, wanted[2]), {}).items()}
        groups = {}
        for model, members in by_model.items():
            present = [now[a] for a in members if a in now]
            value = rounded(_mean(present), unit) if len(present) >= periods.MIN_SHARED else None
            d_prev, n_prev = _change(now, prev, members, unit)
            d_year, n_year = _change(now, year, members, unit)
            groups[model] = Change(value, len(present), len(members), d_prev, n_prev, d_year, n_year)
        moves = sorted((Mover(a, info[a]["name"], info[a]["model"], now[a], rounded(now[a] - prev[a], unit) or 0.0)
                        for a in now if a in prev), key=lambda m: (-m.change, m.ags))
        up = [m for m in moves if m.change > 0][:MOVERS]
        down = [m for m in reversed(moves) if m.change < 0][:MOVERS]
        d = defs[code]
        out.append(ReleaseRow(code, d["name_de"], d["name_en"], unit, d["higher_is_better"], groups, up, down))
    return Release(month, out, as_of, source)


@dataclass(frozen=True)
class Revision:
    ags: str | None
    name: str | None
    jobcenter_id: str
    indicator: str
    unit: str | None
    period: date
    old_value: float | None
    new_value: float | None
    old_as_of: date | None
    new_as_of: date | None


@dataclass
class SinceLoad:
    """What the newest load with indicator changes brought, over the Hessian jobcenters."""

    load_id: int | None
    loaded_at: datetime | None
    since: datetime | None  # when the load before it ran (None: it was the first)
    new: int = 0
    revised: int = 0
    #: revised values, newest period first (at most REVISED_SHOWN)
    revisions: list[Revision] = field(default_factory=list)
    #: new values per indicator code, most first
    new_by_indicator: list[tuple[str, int]] = field(default_factory=list)


def since_last_load(store: Store) -> SinceLoad:
    """New and revised indicator values of the newest load that changed any (Hessian jobcenters)."""
    if not store.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'indicator_revisions'"):
        return SinceLoad(None, None, None)  # a database built before the history was kept
    hessen = """FROM indicator_revisions r JOIN jobcenters j USING (jobcenter_id)
                JOIN districts d ON d.ags = j.ags WHERE d.state = 'Hessen'"""
    load_id = store.scalar(f"SELECT max(r.load_id) {hessen}")
    if load_id is None:
        return SinceLoad(None, None, None)
    loaded_at = store.scalar("SELECT min(loaded_at) FROM loads WHERE load_id = ?", [load_id])
    # the loads of one run share their time (one transaction): "since" is the run before
    since = store.scalar("SELECT max(loaded_at) FROM loads WHERE loaded_at < ?", [loaded_at])
    counts = store.rows(
        f"SELECT r.change, r.indicator, count(*) AS n {hessen} AND r.load_id = ? GROUP BY ALL ORDER BY n DESC, r.indicator",
        [load_id])
    rows = store.rows(
        f"""
        SELECT d.ags, d.name, r.jobcenter_id, r.indicator, x.unit, r.period, r.old_value, r.new_value,
               r.old_as_of, r.new_as_of
        {hessen.replace('WHERE', 'LEFT JOIN indicator_defs x ON x.code = r.indicator WHERE')}
          AND r.load_id = ? AND r.change = 'revised' AND r.sex = 'all'
        ORDER BY r.period DESC, abs(r.new_value - r.old_value) DESC, r.indicator, d.ags LIMIT ?
        """,
        [load_id, REVISED_SHOWN])
    return SinceLoad(
        load_id, loaded_at, since,
        new=sum(c["n"] for c in counts if c["change"] == "new"),
        revised=sum(c["n"] for c in counts if c["change"] == "revised"),
        revisions=[Revision(**r) for r in rows],
        new_by_indicator=[(c["indicator"], c["n"]) for c in counts if c["change"] == "new"])


def revised_keys(store: Store, jobcenter_id: str) -> dict[tuple[str, date], tuple[float | None, date | None]]:
    """(indicator, period) → (value, Stand) before the latest correction, for one jobcenter's
    figures (the profile marks them as revised with both numbers)."""
    if not store.scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'indicator_revisions'"):
        return {}
    rows = store.rows(
        """
        SELECT indicator, period, arg_max(old_value, load_id) AS old_value, arg_max(old_as_of, load_id) AS old_as_of
        FROM indicator_revisions
        WHERE jobcenter_id = ? AND change = 'revised' AND sex = 'all' GROUP BY indicator, period
        """, [jobcenter_id])
    return {(r["indicator"], r["period"]): (r["old_value"], r["old_as_of"]) for r in rows}
