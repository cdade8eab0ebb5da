"""Queries for the Übersicht and the Jobcenter profile.  No Textual here.

Each function takes a `Store` and returns plain Python values; the UI formats them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kjc_tui.read import queries
from kjc_tui.db.store import Store

Row = dict[str, Any]

#: units whose values add up across jobcenters; the others are averaged
ADDITIVE_UNITS = ("count", "eur")


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


def headline(store: Store, model: str = "zkT") -> list[Row]:
    """Per indicator: the latest value of every Hessian jobcenter of `model`, summed (counts, euros)
    or averaged (percent, ratios), with how many jobcenters have one, the periods and the Stand.
    Indicators without any value come back with n = 0 (shown as missing, never as zero)."""
    rows = store.rows(
        """
        WITH latest AS (
            SELECT i.* FROM indicators i JOIN jobcenters j USING (jobcenter_id) JOIN districts d ON d.ags = j.ags
            WHERE i.sex = 'all' AND j.model = ? AND d.state = 'Hessen'
            QUALIFY row_number() OVER (PARTITION BY i.jobcenter_id, i.indicator ORDER BY i.period DESC) = 1
        )
        SELECT d.code AS indicator, d.name_de, d.name_en, d.unit, d.higher_is_better,
               count(l.value) AS n, sum(l.value) AS total, avg(l.value) AS mean,
               min(l.period) AS first_period, max(l.period) AS last_period,
               any_value(l.period_kind) AS period_kind, max(l.as_of) AS as_of,
               list_sort(list(DISTINCT l.source) FILTER (WHERE l.source IS NOT NULL)) AS sources,
               arg_max(l.source, l.as_of) AS source,
               bool_or(coalesce(l.qualifier, '=') <> '=') AS approximate
        FROM indicator_defs d LEFT JOIN latest l ON l.indicator = d.code
        GROUP BY ALL
        ORDER BY count(l.value) = 0, any_value(d.sort_order) NULLS LAST, d.code
        """,
        [model],
    )
    total = store.scalar("SELECT count(*) FROM jobcenters j JOIN districts d ON d.ags = j.ags "
                         "WHERE j.model = ? AND d.state = 'Hessen'", [model]) or 0
    for r in rows:
        r["of"] = total
        r["aggregate"] = "sum" if r["unit"] in ADDITIVE_UNITS else "mean"
        r["value"] = None if not r["n"] else (r["total"] if r["aggregate"] == "sum" else r["mean"])
    return rows


def events_around(store: Store, today: date, limit: int = 5) -> tuple[list[Row], list[Row]]:
    """(upcoming events from today on, soonest first; recent events before today, newest first);
    events of Hessian jobcenters and association-wide ones."""
    cols = "e.*, d.name AS district_name, j.short_name"
    joins = "events e LEFT JOIN jobcenters j USING (jobcenter_id) LEFT JOIN districts d ON d.ags = j.ags"
    hessen = "(e.jobcenter_id IS NULL OR d.state = 'Hessen')"
    upcoming = store.rows(
        f"SELECT {cols} FROM {joins} WHERE {hessen} AND coalesce(e.end_date, e.date) >= ? "
        "ORDER BY e.date, e.event_id LIMIT ?",
        [today, limit],
    )
    recent = store.rows(
        f"SELECT {cols} FROM {joins} WHERE {hessen} AND coalesce(e.end_date, e.date) < ? "
        "ORDER BY e.date DESC, e.event_id LIMIT ?",
        [today, limit],
    )
    return upcoming, recent


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


def source_summary(store: Store, limit: int = 4) -> Row:
    n = store.scalar(
        "SELECT count(DISTINCT source) FROM (" + " UNION ALL ".join(
            f"SELECT source FROM {t}" for t in ("districts", "jobcenters", "indicators", "staffing",
                                                 "bass_cohorts", "events", "budgets", "facts")) + ")"
    )
    loads = queries.loads(store, limit=1)
    return {"n_sources": n or 0, "sources": queries.sources(store, limit=limit),
            "last_load": loads[0] if loads else None}


def overview(store: Store, today: date) -> Row:
    """Everything the Übersicht shows, in one call (run it in a worker)."""
    upcoming, recent = events_around(store, today)
    return {
        "counts": model_counts(store),
        "headline": headline(store),
        "upcoming": upcoming,
        "recent": recent,
        "bass": bass_summary(store),
        "bass_facts": bass_facts(store),
        "provenance": source_summary(store),
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
        return {"master": master, "figures": [], "staffing": [], "bass": [], "events": [],
                "budgets": queries.budgets(store, ags), "ratios": [], "facts": []}
    return {
        "master": master,
        "figures": queries.latest_values(store, jc, trend_points=12),
        "staffing": queries.staffing(store, jc),
        "bass": queries.bass(store, jc),
        "events": queries.events(store, jc),
        "budgets": queries.budgets(store, ags),
        "ratios": queries.ratios(store, jc),
        "facts": queries.facts(store, jobcenter_id=jc),
    }


def district_list(store: Store) -> list[Row]:
    """All districts with their jobcenter, for the list and the command palette."""
    return queries.districts(store)
