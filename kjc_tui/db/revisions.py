"""History of official figures: a load that brings a new value for an existing key keeps the old one.

BA corrects months afterwards; a corrected value must not overwrite the published one silently.
The snapshot writer calls :func:`record` after it has staged a file's rows and before it replaces
the rows with the same key. For the `indicators` table, every staged row is compared with the row
it replaces, in one SQL statement over the whole batch:

* a key that did not exist yet is recorded as ``new`` (its value only);
* a key whose value differs is recorded as ``revised`` with the old and the new value, the old
  source and Stand;
* an unchanged row records nothing.

Rows are recorded under the id of the load that is about to be written (the next ``load_id``).
Nothing is recorded while the table is empty: the first load, and loads with ``--replace``,
which empty the table before staging (a deliberate new start; recording every row as new would
only copy the table).
"""

from __future__ import annotations

import duckdb

from kjc_tui.core.schema import quote_ident

#: the tables whose values are kept as history
TRACKED = ("indicators",)


def record(con: duckdb.DuckDBPyConnection, table: str, staging: str) -> int:
    """Record new and revised values of the staged rows (inside the caller's transaction);
    returns how many were recorded."""
    if table not in TRACKED:
        return 0
    filled = con.execute("SELECT EXISTS (SELECT 1 FROM indicators)").fetchone()
    if filled is None or not filled[0]:
        return 0  # nothing before this load (the first, or --replace): nothing is new "since"
    s = quote_ident(staging)
    before = _count(con)
    con.execute(
        f"""
        INSERT INTO indicator_revisions
        SELECT (SELECT coalesce(max(load_id), 0) + 1 FROM loads), s.jobcenter_id, s.period, s.indicator,
               coalesce(s.sex, 'all'), CASE WHEN i.jobcenter_id IS NULL THEN 'new' ELSE 'revised' END,
               i.value, s.value, i.source, i.as_of, s.as_of
        FROM {s} s
        LEFT JOIN indicators i ON i.jobcenter_id = s.jobcenter_id AND i.period = s.period
             AND i.indicator = s.indicator AND i.sex = coalesce(s.sex, 'all')
        WHERE i.jobcenter_id IS NULL OR i.value IS DISTINCT FROM s.value
        """
    )
    return _count(con) - before


def _count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM indicator_revisions").fetchone()
    return int(row[0]) if row else 0
