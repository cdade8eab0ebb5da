"""How Tabellen presents the columns of a table: for a person, not for the database.  No Textual here.

* **Labels**: the schema's German (and English) labels; the technical name stays available
  (the status line and the header's second line in the technical view).
* **Keys with names**: a ``jobcenter_id`` is shown as its jobcenter's short name (or its
  district's name), an ``ags`` as "06437 Odenwaldkreis". Sorting, filtering and searching still
  run on the stored key in SQL; only the shown text changes.
* **Dates of lower precision**: a date whose row says its precision is a year, a quarter or a
  month (``events.date_precision``, ``indicators.period_kind``) is shown as "2023", "Q3/2025" or
  "10/2025", not as 01.01.2023. A period column without such a column (``indicator_revisions``,
  a query's ``period``) whose every value is the first of a month is shown by month
  (:func:`month_periods`).
* **Technical columns** (source, as_of, ids other than the jobcenter, checksums, precisions) are
  left out by default; one key (``tables.technical``) shows them.
* **Reading order**: the columns a person reads first come first (per table, :data:`READ_FIRST`);
  the others follow in the table's order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import duckdb

from kjc_tui.core.schema import TABLES, quote_ident

#: columns left out unless the technical view is on
TECHNICAL_NAMES = frozenset({"source", "as_of", "date_precision", "period_kind", "checksum", "rowid",
                             "peer_type_as_of", "option_since_as_of"})
#: id columns that stay (shown with their name)
NAMED_KEYS = ("jobcenter_id", "ags")
#: coded columns (name → code list): the grid words the codes ("f" → "Frauen"), filters, sorting
#: and export keep what is stored
CODED = {"sex": "sex"}

#: per table: the columns a person reads first, in that order
READ_FIRST: dict[str, tuple[str, ...]] = {
    "events": ("date", "jobcenter_id", "title", "kind", "place", "participants", "employers", "contracts"),
    "indicators": ("jobcenter_id", "indicator", "period", "sex", "value", "numerator", "denominator"),
    "staffing": ("jobcenter_id", "period", "function", "headcount", "fte"),
    "bass_cohorts": ("jobcenter_id", "year", "programme", "started", "active", "graduated", "hired"),
    "budgets": ("year", "ags", "jobcenter_id", "programme", "item", "amount_eur"),
    "facts": ("topic", "label_de", "value", "unit", "jobcenter_id", "period"),
    "jobcenters": ("name", "short_name", "ags", "model", "option_since", "seat"),
    "districts": ("name", "ags", "kind", "regierungsbezirk"),
    "indicator_revisions": ("indicator", "jobcenter_id", "period", "change", "old_value", "new_value"),
}

#: derived views read like the table they extend
VIEW_TABLE = {"v_event_ratios": "events", "v_bass_rates": "bass_cohorts", "v_staffing_ratios": "staffing",
              "v_budget_per_elb": "budgets"}

#: a date column and the column of its row that holds the date's precision
PRECISION_OF: dict[str, dict[str, str]] = {
    "events": {"date": "date_precision", "end_date": "date_precision"},
    "indicators": {"period": "period_kind"},
}

#: labels of the id columns when they show names
NAMED_LABELS = {"jobcenter_id": ("Jobcenter", "Jobcenter"), "ags": ("Kreis", "District")}


def is_period(name: str) -> bool:
    """A column that names a reporting period (``period``, ``bg_period``), not a day's date."""
    return name == "period" or name.endswith("_period")


def month_periods(cur: duckdb.DuckDBPyConnection, from_sql: str, params: Sequence[Any],
                  dates: Sequence[str]) -> set[str]:
    """Those of the period columns `dates` of a relation whose every value is the first of a month
    (at least one value): they hold months, shown as "10/2025". One scan for all of them."""
    candidates = [n for n in dates if is_period(n)]
    if not candidates:
        return set()
    quoted = [quote_ident(n) for n in candidates]
    aggs = ", ".join(f"bool_and(day({q}) = 1) AND count({q}) > 0" for q in quoted)
    row = cur.execute(f"SELECT {aggs} FROM {from_sql}", list(params)).fetchone()
    return {n for n, monthly in zip(candidates, row or ()) if monthly}


def is_technical(name: str) -> bool:
    """Source, Stand, precisions, checksums and ids other than the named keys."""
    return name in TECHNICAL_NAMES or (name.endswith("_id") and name not in NAMED_KEYS) or name == "id"


def labels(table: str | None) -> dict[str, tuple[str, str]]:
    """Column → (German, English) label: the table's own, else the first table that has the column."""
    out: dict[str, tuple[str, str]] = {}
    table = VIEW_TABLE.get(table or "", table)
    if table in TABLES:
        out = {c.name: (c.label_de, c.label_en) for c in TABLES[table].columns}
    for t in TABLES.values():
        for c in t.columns:
            out.setdefault(c.name, (c.label_de, c.label_en))
    return out


def key_names(cur: duckdb.DuckDBPyConnection, columns: Sequence[str]) -> dict[str, dict[str, str]]:
    """For the named keys among `columns`: key value → the text shown for it."""
    out: dict[str, dict[str, str]] = {}
    have = {r[0] for r in cur.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    if "jobcenter_id" in columns and {"jobcenters", "districts"} <= have:
        out["jobcenter_id"] = {jc: name for jc, name in cur.execute(
            "SELECT j.jobcenter_id, coalesce(j.short_name, d.name, j.name) FROM jobcenters j "
            "LEFT JOIN districts d ON d.ags = j.ags").fetchall() if name}
    if "ags" in columns and "districts" in have:
        out["ags"] = {ags: f"{ags} {name}" for ags, name in cur.execute("SELECT ags, name FROM districts").fetchall()}
    return out


def reading_order(table: str | None, names: Sequence[str]) -> list[int]:
    """Indexes of `names` with the table's read-first columns first."""
    first = [n for n in READ_FIRST.get(VIEW_TABLE.get(table or "", table or ""), ()) if n in names]
    rest = [n for n in names if n not in first]
    return [names.index(n) for n in [*first, *rest]]


def shown_key(value: Any, names: Mapping[str, str] | None) -> str | None:
    """The name shown for a key value, None when there is none."""
    if names is None or not isinstance(value, str):
        return None
    return names.get(value)
