"""Queries for the Übersicht and the Jobcenter profile.  No Textual here.

Each function takes a `Store` and returns plain Python values; the UI formats them.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from kjc_tui.core.fmt import rounded
from kjc_tui.read import changes, periods, queries
from kjc_tui.db.store import Store

Row = dict[str, Any]

#: units whose values add up across jobcenters (an area across districts); the others are averaged
ADDITIVE_UNITS = ("count", "eur", "km2")


def model_counts(store: Store) -> Row:
    """Number of Hessian districts and of their jobcenters per model (zkT = KJC, gE)."""
    rows = store.rows(
        """
        SELECT count(DISTINCT d.ags) AS districts,
               count(DISTINCT j.jobcenter_id) FILTER (WHERE j.model = 'zkT') AS kjc,
               count(DISTINCT j.jobcenter_id) FILTER (WHERE j.model = 'gE') AS ge
        FROM districts d LEFT JOIN jobcenters j ON j.ags = d.ags
        WHERE d.state = 'Hessen'
        """
    )
    return rows[0]


def headline(store: Store, model: str = "zkT", wanted: date | None = None) -> list[Row]:
    """Per indicator: the values of the Hessian jobcenters of `model` at the indicator's common
    period (:mod:`periods`; `wanted` when the user picked one), summed (counts, euros) or averaged
    (percent, ratios), with the period, how many of the members have a value there and which do
    not. Without a common period `value` is None and `latest_n` / `first_period` / `last_period`
    say how the members' latest values are spread. Indicators without any value come back with
    n = 0 (shown as missing, never as zero)."""
    members = store.rows(
        "SELECT d.ags, d.name FROM jobcenters j JOIN districts d ON d.ags = j.ags "
        "WHERE j.model = ? AND d.state = 'Hessen' ORDER BY d.ags", [model])
    names = {m["ags"]: m["name"] for m in members}
    defs = store.rows("SELECT code, name_de, name_en, unit, higher_is_better, scope, sort_order FROM indicator_defs "
                      "ORDER BY sort_order NULLS LAST, code")
    slices = periods.slices(store, [d["code"] for d in defs], list(names), wanted)
    spread = {r["indicator"]: r for r in store.rows(
        """
        SELECT i.indicator, count(DISTINCT j.ags) AS n, min(i.period) AS first_period, max(i.period) AS last_period
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = 'all' AND i.value IS NOT NULL AND list_contains(?::VARCHAR[], j.ags)
        GROUP BY i.indicator
        """, [list(names)])}
    rows = []
    for d in defs:
        sl = slices[d["code"]]
        vals = [r["value"] for r in sl.values.values()]
        aggregate = "sum" if d["unit"] in ADDITIVE_UNITS else "mean"
        value = None
        if sl.period is not None and vals:
            shown = [rounded(v, d["unit"]) or 0.0 for v in vals]
            value = rounded(sum(shown) if aggregate == "sum" else sum(shown) / len(shown), d["unit"])
        src = sorted({r["source"] for r in sl.values.values() if r["source"]})
        newest = max(sl.values.values(), key=lambda r: r["as_of"] or date.min, default=None)
        sp = spread.get(d["code"], {})
        rows.append({
            "indicator": d["code"], "name_de": d["name_de"], "name_en": d["name_en"], "unit": d["unit"],
            "higher_is_better": d["higher_is_better"], "aggregate": aggregate, "value": value,
            # "district": a figure of the whole Kreis (population, area, SGB II + III), not of the jobcenter
            "scope": d["scope"] or "jobcenter",
            "period": sl.period, "period_kind": sl.kind, "n": sl.n, "of": sl.total,
            "missing": [names[a] for a in sl.missing], "as_of": newest["as_of"] if newest else None,
            "source": newest["source"] if newest else None, "sources": src,
            "approximate": any((r["qualifier"] or "=") != "=" for r in sl.values.values()),
            "latest_n": sp.get("n", 0), "first_period": sp.get("first_period"), "last_period": sp.get("last_period"),
        })
    rows.sort(key=lambda r: (r["latest_n"] == 0, r["value"] is None))  # stable: catalogue order within
    return rows


#: upcoming and recent events on the Übersicht
EVENTS_SHOWN = 5
#: the events of Hessian jobcenters and association-wide ones, with their district and jobcenter
_EVENTS = ("SELECT e.*, d.name AS district_name, j.short_name FROM events e LEFT JOIN jobcenters j USING (jobcenter_id) "
           "LEFT JOIN districts d ON d.ags = j.ags WHERE (e.jobcenter_id IS NULL OR d.state = 'Hessen') ")


def events_from(store: Store, day: date, limit: int) -> list[Row]:
    """At most `limit` events that end on `day` or later, soonest first (events of Hessian
    jobcenters and association-wide ones)."""
    return store.rows(_EVENTS + "AND coalesce(e.end_date, e.date) >= ? ORDER BY e.date, e.event_id LIMIT ?",
                      [day, limit])


def events_around(store: Store, today: date, limit: int = EVENTS_SHOWN) -> tuple[list[Row], list[Row]]:
    """(upcoming events from today on, soonest first; recent events before today, newest first).
    `summary.on_day` gives the same from the summary kept beside a snapshot."""
    recent = store.rows(_EVENTS + "AND coalesce(e.end_date, e.date) < ? ORDER BY e.date DESC, e.event_id LIMIT ?",
                        [today, limit])
    return events_from(store, today, limit), recent


def bass_summary(store: Store, years: int = 3) -> list[Row]:
    """BASS cohorts summed over the jobcenters for the latest `years` intake years."""
    return store.rows(
        """
        SELECT year, count(DISTINCT jobcenter_id) AS n, sum(started) AS started, sum(active) AS active,
               sum(graduated) AS graduated, sum(hired) AS hired, sum(dropped_out) AS dropped_out,
               max(as_of) AS as_of, arg_max(source, as_of) AS source
        FROM bass_cohorts b
        WHERE programme = 'BASS' AND jobcenter_id IN (
            SELECT j.jobcenter_id FROM jobcenters j JOIN districts d ON d.ags = j.ags WHERE d.state = 'Hessen')
        GROUP BY year ORDER BY year DESC LIMIT ?
        """,
        [years],
    )


def bass_facts(store: Store, limit: int = 6) -> list[Row]:
    """Sourced statements about BASS (facts whose topic mentions BASS)."""
    return store.rows(
        """
        SELECT f.*, d.name AS district_name FROM facts f
        LEFT JOIN jobcenters j USING (jobcenter_id) LEFT JOIN districts d ON d.ags = j.ags
        WHERE f.topic ILIKE '%bass%'
        ORDER BY f.period DESC NULLS LAST, f.fact_id LIMIT ?
        """,
        [limit],
    )


#: the indicators that make "official data" on the Übersicht: the Kennzahlen nach § 48a SGB II
OFFICIAL_CODES = ("K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4", "K3", "K3E1", "K3E2",
                  "K3E3", "K3E4")


def official(store: Store) -> Row:
    """Whether the database holds official indicators (§ 48a rows of the Hessian jobcenters) and when
    a fetch last loaded any: {"rows", "last_fetch"} (None: never fetched)."""
    rows = store.scalar(
        "SELECT count(*) FROM indicators i JOIN jobcenters j USING (jobcenter_id) "
        "WHERE j.ags IS NOT NULL AND list_contains(?, i.indicator)", [list(OFFICIAL_CODES)])
    last = store.scalar("SELECT max(loaded_at) FROM loads WHERE action = 'fetch'")
    return {"rows": rows or 0, "last_fetch": last}


def source_summary(store: Store, limit: int = 4) -> Row:
    n = store.scalar(
        "SELECT count(DISTINCT source) FROM (" + " UNION ALL ".join(
            f"SELECT source FROM {t}" for t in ("districts", "jobcenters", "indicators", "staffing",
                                                 "bass_cohorts", "events", "budgets", "facts")) + ")"
    )
    loads = queries.loads(store, limit=1)
    return {"n_sources": n or 0, "sources": queries.sources(store, limit=limit),
            "last_load": loads[0] if loads else None}


def overview(store: Store, today: date, wanted: date | None = None) -> Row:
    """Everything the Übersicht shows, in one call (run it in a worker); `wanted` is the period
    the user picked for the headline figures (None: each indicator's common period)."""
    upcoming, recent = events_around(store, today)
    return {
        "counts": model_counts(store),
        # plain dicts: the Übersicht's data is kept as JSON (read/summary.py, ui/snapshot_cache.py)
        "release": asdict(changes.release(store)),
        "since_load": asdict(changes.since_last_load(store)),
        "headline": headline(store, wanted=wanted),
        "wanted": wanted,
        "upcoming": upcoming,
        "recent": recent,
        "bass": bass_summary(store),
        "bass_facts": bass_facts(store),
        "provenance": source_summary(store),
        "official": official(store),
        "synthetic": store.synthetic,
        "meta": dict(store.meta),
    }


def profile(store: Store, ags: str) -> Row | None:
    """The profile of one district and its jobcenter (run it in a worker)."""
    master = queries.jobcenter(store, ags)
    if master is None:
        return None
    jc = master.get("jobcenter_id")
    if not jc:
        return {"master": master, "figures": [], "targets": [], "staffing": [], "bass": [], "events": [],
                "budgets": queries.budgets(store, ags), "ratios": [], "facts": []}
    from kjc_tui.read.targets import attainments

    goals = attainments(store, [jc])
    years = sorted({a.year for a in goals}, reverse=True)[:2]
    return {
        "master": master,
        "figures": _with_revisions(queries.latest_values(store, jc, trend_points=12),
                                   changes.revised_keys(store, jc)),
        "targets": [a for a in goals if a.year in years],
        "staffing": queries.staffing(store, jc),
        "bass": queries.bass(store, jc),
        "events": queries.events(store, jc),
        "budgets": queries.budgets(store, ags),
        "ratios": queries.ratios(store, jc),
        "facts": queries.facts(store, jobcenter_id=jc),
    }


def _with_revisions(figures: list[Row], revised: dict[tuple[str, date], Any]) -> list[Row]:
    """Each figure with `revised_from`: (value, Stand) before a correction (absent when none)."""
    for f in figures:
        key = (f["indicator"], f["period"])
        if key in revised:
            f["revised_from"] = revised[key]
    return figures
