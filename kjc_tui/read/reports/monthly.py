"""The monthly report (Kennzahlen-Bericht): one release, one set of members.

A *release* is a report month (the BA publishes the § 48a Kennzahlen monthly). Every figure
of the report is a value at exactly that month; the changes compare it with the month before
and the same month a year earlier. Ranks are within the member set; the set, Hessen and KJC
averages are unweighted means of the members (districts) with a value at the release month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from kjc_tui.core.fmt import derived_qualifier
from kjc_tui.read import compare as cmp
from kjc_tui.read import periods
from kjc_tui.read.changes import shift_months
from kjc_tui.read.reports.model import HESSEN, KJC, SET, BarChart, Figure, SourceRef
from kjc_tui.read.targets import Attainment, attainments

if TYPE_CHECKING:
    from kjc_tui.db.store import Store

HEADLINE = ("K1", "K2", "K3")
MOVERS_SHOWN = 3
Progress = Callable[[str, float], None]


class ReportError(ValueError):
    """A report that cannot be built: unknown member set, no data for the release. `code` names
    the reason for the writers and the UI; `args[1:]` hold the details."""

    def __init__(self, code: str, *details: Any):
        super().__init__(code, *details)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class MemberSet:
    """Which jobcenters a report covers: kind (kjc, hessen, ge, all, type, set, list) and its name."""

    kind: str
    name: str
    jobcenters: list[dict[str, Any]]  # jobcenter_id, ags, name, short_name, model, peer_type


@dataclass
class MemberRow:
    jobcenter_id: str
    ags: str
    name: str
    model: str | None
    peer_type: str | None
    figures: dict[str, Figure] = field(default_factory=dict)
    targets: dict[str, Attainment] = field(default_factory=dict)


@dataclass(frozen=True)
class Mover:
    indicator: str
    jobcenter_id: str
    name: str
    change: float          # value − previous month's
    improved: bool         # the change is for the better (by the indicator's direction)


@dataclass
class MonthlyReport:
    release: date
    previous_month: date
    previous_year: date
    members: MemberSet
    indicators: list[cmp.IndicatorDef]
    rows: list[MemberRow]
    averages: dict[str, dict[str, tuple[float | None, int]]]  # code → SET/HESSEN/KJC → (mean, n)
    charts: list[BarChart]
    movers: dict[str, list[Mover]]
    revisions: list[dict[str, Any]]
    coverage: dict[str, tuple[int, int]]  # code → (members with a value at the release, members)
    sources: list[SourceRef]
    as_of: date | None
    synthetic: bool = False
    #: code → the averages (SET, HESSEN, KJC) taken over a value that is not exact (≈, <, >, a range)
    approximate: dict[str, set[str]] = field(default_factory=dict)


def resolve_members(store: Store, token: str, comparisons: Mapping[str, Sequence[str]] | None = None) -> MemberSet:
    """A member-set token as jobcenters: "kjc" (the Hessian KJC), "hessen" (all 26), "ge", "alle"
    (every jobcenter in the database), "typ:IIIb" (a Vergleichstyp, nationwide), the name of a saved
    comparison (kjc.toml [comparisons]), or AGS keys separated by commas."""
    rows = store.rows(
        """
        SELECT j.jobcenter_id, j.ags, d.name, j.short_name, j.model, j.peer_type
        FROM jobcenters j JOIN districts d ON d.ags = j.ags ORDER BY j.ags, j.jobcenter_id
        """)
    t = token.strip()
    low = t.lower()
    hessen = [r for r in rows if r["ags"].startswith("06")]
    if low in ("kjc", "group:kjc"):
        return MemberSet("kjc", "", [r for r in hessen if r["model"] == "zkT"])
    if low in ("hessen", "group:hessen"):
        return MemberSet("hessen", "", hessen)
    if low in ("ge", "group:ge"):
        return MemberSet("ge", "", [r for r in hessen if r["model"] == "gE"])
    if low in ("alle", "all"):
        return MemberSet("all", "", rows)
    for prefix in ("typ:", "type:"):
        if low.startswith(prefix):
            name = t[len(prefix):]
            chosen = [r for r in rows if r["peer_type"] == name]
            if not chosen:
                raise ReportError("unknown_type", name)
            return MemberSet("type", name, chosen)
    saved = dict(comparisons or {})
    if t in saved:
        return members_of_tokens(store, saved[t], t)
    keys = [k.strip() for k in t.split(",") if k.strip()]
    by_ags = {r["ags"]: r for r in rows}
    if keys and all(k in by_ags for k in keys):
        return MemberSet("list", t, [by_ags[k] for k in keys])
    raise ReportError("unknown_set", t, sorted(saved))


def members_of_tokens(store: Store, tokens: Sequence[str], name: str) -> MemberSet:
    """The districts of comparison members (AGS and groups such as "group:kjc", as the Vergleich
    and the saved comparisons name them), each once, in AGS order."""
    ags: set[str] = set()
    districts = cmp.hessen_districts(store)
    for member in tokens:
        m = cmp.resolve(member, districts)
        if m is not None:
            ags.update(m.ags)
    rows = store.rows(
        """
        SELECT j.jobcenter_id, j.ags, d.name, j.short_name, j.model, j.peer_type
        FROM jobcenters j JOIN districts d ON d.ags = j.ags
        WHERE list_contains(?::VARCHAR[], j.ags) ORDER BY j.ags, j.jobcenter_id
        """, [sorted(ags)])
    return MemberSet("set", name, rows)


def newest_release(store: Store, jobcenter_ids: Sequence[str]) -> date | None:
    """The newest of the months in which the most members have a K1, K2 or K3 value (a month that
    only a few have reported is not yet the release)."""
    rows = store.rows(
        """
        SELECT i.period, count(DISTINCT i.jobcenter_id) AS n FROM indicators i
        WHERE i.sex = 'all' AND i.period_kind = 'month' AND list_contains(?::VARCHAR[], i.indicator)
          AND list_contains(?::VARCHAR[], i.jobcenter_id) AND i.value IS NOT NULL
        GROUP BY i.period ORDER BY i.period DESC
        """, [list(HEADLINE), list(jobcenter_ids)])
    return periods.choose([(r["period"], "month", r["n"]) for r in rows], min_shared=1)


def build_monthly(store: Store, members: MemberSet, release: date | None = None,
                  extra: Sequence[str] = (), progress: Progress | None = None) -> MonthlyReport:
    """The monthly report of `members` for the release month (default: the newest)."""
    def step(what: str, fraction: float) -> None:
        if progress is not None:
            progress(what, fraction)

    ids = [r["jobcenter_id"] for r in members.jobcenters]
    if not ids:
        raise ReportError("empty_set", members.name or members.kind)
    defs = {d.code: d for d in cmp.indicator_catalogue(store)}
    unknown = [c for c in extra if c not in defs]
    if unknown:
        raise ReportError("unknown_indicator", ", ".join(unknown))
    step("release", 0.05)
    release = release.replace(day=1) if release else newest_release(store, ids)
    if release is None:
        raise ReportError("no_release")
    codes = [c for c in dict.fromkeys([*HEADLINE, *extra]) if c in defs]
    inds = [defs[c] for c in codes]
    prev_m, prev_y = shift_months(release, -1), shift_months(release, -12)
    step("values", 0.15)
    rows = store.rows(
        """
        SELECT i.jobcenter_id, j.ags, j.model, i.indicator, i.period, i.period_kind, i.value, i.numerator,
               i.denominator, i.qualifier, i.value_upper, i.source, i.as_of
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = 'all' AND i.value IS NOT NULL AND list_contains(?::VARCHAR[], i.indicator)
          AND i.period IN (?, ?, ?)
          AND (list_contains(?::VARCHAR[], i.jobcenter_id) OR j.ags LIKE '06%')
        """, [codes, release, prev_m, prev_y, ids])
    at: dict[tuple[str, str, date], dict[str, Any]] = {(r["jobcenter_id"], r["indicator"], r["period"]): r
                                                        for r in rows}
    hessen_now = [r for r in rows if r["period"] == release and r["ags"].startswith("06")]
    step("targets", 0.35)
    goals = attainments(store, ids, release.year, codes, until=release)
    goal_of = {(a.jobcenter_id, a.indicator): a for a in goals}
    member_rows = [MemberRow(m["jobcenter_id"], m["ags"], m["name"], m["model"], m["peer_type"]) for m in
                   members.jobcenters]
    averages: dict[str, dict[str, tuple[float | None, int]]] = {}
    coverage: dict[str, tuple[int, int]] = {}
    charts, movers = [], {}
    approximate: dict[str, set[str]] = {}
    step("figures", 0.45)
    for ind in inds:
        code = ind.code
        now = {m.jobcenter_id: at[(m.jobcenter_id, code, release)]["value"] for m in member_rows
               if (m.jobcenter_id, code, release) in at}
        he = [r["value"] for r in hessen_now if r["indicator"] == code]
        kj = [r["value"] for r in hessen_now if r["indicator"] == code and r["model"] == "zkT"]
        avg = {SET: (cmp.mean(now.values()), len(now)), HESSEN: (cmp.mean(he), len(he)), KJC: (cmp.mean(kj), len(kj))}
        averages[code] = avg
        inexact = [r for r in rows if r["period"] == release and r["indicator"] == code
                   and derived_qualifier(r["qualifier"])]
        approximate[code] = {ref for ref, hit in (
            (SET, any(r["jobcenter_id"] in now for r in inexact)),
            (HESSEN, any(r["ags"].startswith("06") for r in inexact)),
            (KJC, any(r["ags"].startswith("06") and r["model"] == "zkT" for r in inexact))) if hit}
        coverage[code] = (len(now), len(member_rows))
        rank = cmp.ranks(now, ind.higher_is_better) if len(now) > 1 else {}
        for m in member_rows:
            r = at.get((m.jobcenter_id, code, release))
            pm = at.get((m.jobcenter_id, code, prev_m))
            py = at.get((m.jobcenter_id, code, prev_y))
            fig = Figure(ind, r["value"] if r else None, release if r else None, r["period_kind"] if r else None,
                         r["qualifier"] if r else None, r["numerator"] if r else None, r["denominator"] if r else None,
                         r["source"] if r else None, r["as_of"] if r else None, r["value_upper"] if r else None,
                         averages=avg,
                         previous_month=pm["value"] if pm else None, previous_year=py["value"] if py else None,
                         rank_set=rank.get(m.jobcenter_id), of_set=len(rank))
            m.figures[code] = fig
            if (m.jobcenter_id, code) in goal_of:
                m.targets[code] = goal_of[(m.jobcenter_id, code)]
        charts.append(_bar_chart(ind, release, member_rows, avg, members.kind))
        movers[code] = _movers(ind, member_rows)
    step("sources", 0.85)
    used = [r for r in rows if r["jobcenter_id"] in set(ids) and r["period"] == release]
    refs: dict[tuple[str, date | None], set[str]] = {}
    for r in used:
        refs.setdefault((r["source"], r["as_of"]), set()).add(r["indicator"])
    sources = [SourceRef(", ".join(c for c in codes if c in what), s, a)
               for (s, a), what in sorted(refs.items(), key=lambda x: (x[0][1] or date.min, x[0][0]), reverse=True)]
    for a in goals:
        key = (a.source, a.as_of)
        if not any((s.source, s.as_of) == key for s in sources):
            sources.append(SourceRef("targets", a.source, a.as_of))
    dated = [r["as_of"] for r in used if r["as_of"]]
    step("done", 1.0)
    return MonthlyReport(release, prev_m, prev_y, members, inds, member_rows, averages, charts, movers,
                         revisions(store, release, ids, codes), coverage, sources, max(dated) if dated else None,
                         bool(getattr(store, "synthetic", False)), approximate)


def _bar_chart(ind: cmp.IndicatorDef, release: date, rows: list[MemberRow],
               avg: dict[str, tuple[float | None, int]], kind: str) -> BarChart:
    bars = [(cmp.SHORT_NAMES.get(m.ags) or m.name, v, m.jobcenter_id) for m in rows
            if (v := m.figures[ind.code].value) is not None]
    low_first = ind.higher_is_better is False
    bars.sort(key=lambda b: (b[1] if low_first else -b[1], b[2]))
    refs = [(SET, avg[SET][0])] if kind not in ("kjc", "hessen") else []
    refs += [(code, avg[code][0]) for code in (HESSEN, KJC)]
    return BarChart(ind, release, bars, [(c, v) for c, v in refs if v is not None])


def _movers(ind: cmp.IndicatorDef, rows: list[MemberRow]) -> list[Mover]:
    """The members whose value changed most for the better and for the worse since the month before."""
    if ind.higher_is_better is None:
        return []
    sign = 1 if ind.higher_is_better else -1
    changes = [(m, m.figures[ind.code].change_month) for m in rows]
    known = [(m, c) for m, c in changes if c is not None and c != 0]
    known.sort(key=lambda mc: (-sign * mc[1], mc[0].ags))
    up = [Mover(ind.code, m.jobcenter_id, m.name, c, True) for m, c in known if sign * c > 0][:MOVERS_SHOWN]
    down = [Mover(ind.code, m.jobcenter_id, m.name, c, False) for m, c in reversed(known)
            if sign * c < 0][:MOVERS_SHOWN]
    return up + down


def revisions(store: Store, release: date, jobcenter_ids: Sequence[str], codes: Sequence[str]) -> list[dict[str, Any]]:
    """The members' figures of the last 13 months up to the release that a later load corrected: old
    and new value, the Stand of each (from the history `db.revisions` keeps in indicator_revisions)."""
    have = store.scalar("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                        "AND table_name = 'indicator_revisions'")
    if not have:
        return []
    return store.rows(
        """
        SELECT r.jobcenter_id, d.name, r.indicator, r.period, r.old_value, r.new_value, r.old_as_of, r.new_as_of
        FROM indicator_revisions r JOIN jobcenters j USING (jobcenter_id) JOIN districts d ON d.ags = j.ags
        WHERE r.change = 'revised' AND r.sex = 'all' AND list_contains(?::VARCHAR[], r.jobcenter_id)
          AND list_contains(?::VARCHAR[], r.indicator) AND r.period BETWEEN ? AND ?
        ORDER BY r.period DESC, r.indicator, d.ags LIMIT 200
        """, [list(jobcenter_ids), list(codes), shift_months(release, -12), release])
