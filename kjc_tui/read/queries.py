"""Parameterised queries the screens and the CLI use.  No Textual here, and no SQL in the UI.

Every function takes a `Store` and returns plain dicts/lists; values stay Python values
(dates as `datetime.date`, numbers as float/int, missing as None) and are formatted by `fmt`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kjc_tui.core.schema import LOADABLE, TABLES, VIEWS, quote_ident
from kjc_tui.db.store import Store

Row = dict[str, Any]

# -- master data ----------------------------------------------------------------------


def jobcenter(store: Store, ags: str) -> Row | None:
    """Master data of the district and its jobcenter."""
    rows = store.rows(
        """
        SELECT d.ags, d.name AS district_name, d.kind, d.state, d.regierungsbezirk,
               d.source AS district_source, d.as_of AS district_as_of,
               j.*
        FROM districts d LEFT JOIN jobcenters j ON j.ags = d.ags
        WHERE d.ags = ?
        """,
        [ags],
    )
    return rows[0] if rows else None


# -- indicators -----------------------------------------------------------------------


def series(store: Store, jobcenter_ids: list[str], indicator: str, sex: str = "all") -> list[Row]:
    """Time series of one indicator for several jobcenters, oldest first."""
    if not jobcenter_ids:
        return []
    return store.rows(
        """
        SELECT jobcenter_id, period, period_kind, value, numerator, denominator, qualifier, source, as_of
        FROM indicators
        WHERE jobcenter_id IN (SELECT unnest(?::VARCHAR[])) AND indicator = ? AND sex = ?
        ORDER BY jobcenter_id, period
        """,
        [jobcenter_ids, indicator, sex],
    )


def latest_values(store: Store, jobcenter_id: str, sex: str = "all", trend_points: int = 24) -> list[Row]:
    """For each indicator of a jobcenter: the latest value with its Stand and source,
    the previous value (for the trend) and the last `trend_points` values."""
    return store.rows(
        """
        WITH r AS (
            SELECT i.*, row_number() OVER (PARTITION BY indicator ORDER BY period DESC) AS rn
            FROM indicators i WHERE jobcenter_id = ? AND sex = ?
        ), spark AS (
            SELECT indicator, list(value ORDER BY period) AS trend FROM r WHERE rn <= ? GROUP BY indicator
        )
        SELECT d.code AS indicator, d.name_de, d.name_en, d.unit, d.higher_is_better, d.indicator_group, d.scope,
               cur.period, cur.period_kind, cur.value, cur.numerator, cur.denominator, cur.qualifier,
               cur.value_upper, cur.note, cur.source, cur.as_of,
               prev.value AS previous_value, prev.period AS previous_period, spark.trend
        FROM r cur
        JOIN indicator_defs d ON d.code = cur.indicator
        LEFT JOIN r prev ON prev.indicator = cur.indicator AND prev.rn = 2
        LEFT JOIN spark ON spark.indicator = cur.indicator
        WHERE cur.rn = 1
        ORDER BY d.sort_order NULLS LAST, d.code
        """,
        [jobcenter_id, sex, trend_points],
    )


def latest_by_indicator(store: Store, indicator: str, sex: str = "all") -> list[Row]:
    """The latest value of one indicator for every jobcenter that has it."""
    return store.rows(
        """
        SELECT j.ags, d.name AS district_name, j.jobcenter_id, j.model, j.peer_type,
               i.period, i.value, i.numerator, i.denominator, i.qualifier, i.source, i.as_of
        FROM indicators i
        JOIN jobcenters j USING (jobcenter_id)
        JOIN districts d ON d.ags = j.ags
        WHERE i.indicator = ? AND i.sex = ?
        QUALIFY row_number() OVER (PARTITION BY i.jobcenter_id ORDER BY i.period DESC) = 1
        ORDER BY j.ags
        """,
        [indicator, sex],
    )


# -- association data -----------------------------------------------------------------


def staffing(store: Store, jobcenter_id: str) -> list[Row]:
    return store.rows(
        "SELECT * FROM v_staffing_ratios WHERE jobcenter_id = ? ORDER BY period DESC, function",
        [jobcenter_id],
    )


def bass(store: Store, jobcenter_id: str | None = None) -> list[Row]:
    return store.rows(
        "SELECT * FROM v_bass_rates WHERE ? IS NULL OR jobcenter_id = ? ORDER BY year DESC, jobcenter_id",
        [jobcenter_id, jobcenter_id],
    )


def events(store: Store, jobcenter_id: str | None = None, *, since: date | None = None,
           limit: int | None = None, include_association: bool = False) -> list[Row]:
    """Events, newest first; for a jobcenter optionally with association-wide events."""
    return store.rows(
        """
        SELECT e.*, d.name AS district_name FROM v_event_ratios e
        LEFT JOIN jobcenters j USING (jobcenter_id) LEFT JOIN districts d ON d.ags = j.ags
        WHERE (?::VARCHAR IS NULL OR e.jobcenter_id = ? OR (? AND e.jobcenter_id IS NULL))
          AND (?::DATE IS NULL OR coalesce(e.end_date, e.date) >= ?)
        ORDER BY e.date DESC, e.event_id
        LIMIT coalesce(?::BIGINT, 9223372036854775807)
        """,
        [jobcenter_id, jobcenter_id, include_association, since, since, limit],
    )


def budgets(store: Store, ags: str | None = None) -> list[Row]:
    """Budgets of a district (with its jobcenter's), or all; `ags=''` gives the Hessen-wide ones."""
    return store.rows(
        """
        SELECT * FROM v_budget_per_elb
        WHERE ?::VARCHAR IS NULL OR coalesce(ags, '') = ?
           OR jobcenter_id IN (SELECT jobcenter_id FROM jobcenters WHERE ags = ?)
        ORDER BY year DESC, programme, item
        """,
        [ags, ags, ags],
    )


def facts(store: Store, topic: str | None = None, jobcenter_id: str | None = None) -> list[Row]:
    return store.rows(
        """
        SELECT * FROM facts WHERE (?::VARCHAR IS NULL OR topic = ?)
          AND (?::VARCHAR IS NULL OR jobcenter_id = ?)
        ORDER BY topic, period DESC NULLS LAST, fact_id
        """,
        [topic, topic, jobcenter_id, jobcenter_id],
    )


def ratios(store: Store, jobcenter_id: str) -> list[Row]:
    """The derived ratios of DESIGN §2 for one jobcenter, each with the inputs it rests on."""
    out: list[Row] = []
    for s in staffing(store, jobcenter_id):
        if s["bg"] is not None and (s["fte"] or s["headcount"]):
            per_fte = s["fte"] is not None and s["fte"] > 0
            out.append({
                "ratio": "bg_per_fte" if per_fte else "bg_per_head",
                "value": s["bg_per_fte"] if per_fte else s["bg_per_head"],
                "period": s["period"],
                "inputs": {"bg": s["bg"], "bg_period": s["bg_period"],
                           "fte" if per_fte else "headcount": s["fte"] if per_fte else s["headcount"]},
                "source": s["source"], "as_of": s["as_of"],
            })
            break
    for e in events(store, jobcenter_id):
        for key, num, den in (("participants_per_employer", "participants", "employers"),
                              ("contracts_per_participant", "contracts", "participants")):
            if e[key] is not None:
                out.append({"ratio": key, "value": e[key], "period": e["date"], "event": e["title"],
                            "inputs": {num: e[num], den: e[den]}, "source": e["source"], "as_of": e["as_of"]})
    ags = store.scalar("SELECT ags FROM jobcenters WHERE jobcenter_id = ?", [jobcenter_id])
    for b in budgets(store, ags) if ags else []:
        if b["eur_per_elb"] is not None:
            out.append({"ratio": "eur_per_elb", "value": b["eur_per_elb"], "period": date(b["year"], 1, 1),
                        "inputs": {"amount_eur": b["amount_eur"], "elb": b["elb"], "programme": b["programme"]},
                        "source": b["source"], "as_of": b["as_of"]})
    for c in bass(store, jobcenter_id):
        if c["hiring_rate"] is not None:
            out.append({"ratio": "bass_hiring_rate", "value": c["hiring_rate"], "period": date(c["year"], 1, 1),
                        "inputs": {"hired": c["hired"], "graduated": c["graduated"]},
                        "source": c["source"], "as_of": c["as_of"]})
    return out


# -- provenance -------------------------------------------------------------------------


def _present(store: Store, names: list[str]) -> list[str]:
    """The schema tables among `names` that the database has: one built before a table was added
    to the schema lacks it until its next load (`snapshot.load` adds missing tables)."""
    have = {r["table_name"] for r in store.rows(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()")}
    return [n for n in names if n in have]


def table_counts(store: Store) -> list[Row]:
    """Each schema table with its row count, latest Stand and number of sources."""
    out = []
    for name in _present(store, [*LOADABLE, "loads"]):
        t = TABLES[name]
        q = quote_ident(name)
        if t.sourced:
            n, as_of, nsrc = store.cursor().execute(
                f"SELECT count(*), max(as_of), count(DISTINCT source) FROM {q}").fetchone() or (0, None, 0)
        else:
            n, as_of, nsrc = store.scalar(f"SELECT count(*) FROM {q}"), None, None
        out.append({"table": name, "label_de": t.label_de, "label_en": t.label_en,
                    "rows": n, "as_of": as_of, "sources": nsrc})
    return out


def sources(store: Store, limit: int = 50) -> list[Row]:
    """Distinct sources over all sourced tables with row count and latest Stand."""
    union = " UNION ALL ".join(
        f"SELECT '{n}' AS tbl, source, as_of FROM {quote_ident(n)}" for n in _present(store, list(LOADABLE))
    )
    return store.rows(
        f"""
        SELECT source, count(*) AS rows, max(as_of) AS as_of, string_agg(DISTINCT tbl, ', ' ORDER BY tbl) AS tables
        FROM ({union}) GROUP BY source ORDER BY max(as_of) DESC, source LIMIT ?
        """,
        [limit],
    )


def loads(store: Store, limit: int = 20) -> list[Row]:
    return store.rows("SELECT * FROM loads ORDER BY load_id DESC LIMIT ?", [limit])


def view_names() -> dict[str, tuple[str, str]]:
    """Derived views with their German and English labels."""
    return {name: (de, en) for name, (de, en, _) in VIEWS.items()}
