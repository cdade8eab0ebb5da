"""The Tabellen screen's data layer: a view of a table, derived view or read-only query.

A `Spec` says *what* is browsed (source, sort keys, filters, hidden columns); a `Browser`
runs it against the store with parameterised SQL.  Column names are checked against the
relation's own column list and quoted; values are always bound parameters.

Paging (see `kjc_tui.read.paging`) never asks DuckDB for a full sort of all columns:

- unsorted pages use LIMIT/OFFSET in insertion order (DuckDB skips row groups, so any
  offset of a 10M-row table is a few milliseconds);
- sorted pages of a table sort only the sort keys and `rowid` (top-N), then fetch the
  page's rows by `rowid`; pages near the end use the reversed order;
- pages deep inside a sorted view continue from a neighbouring page's row (keyset); a
  jump far into it (a scrollbar drag) lands on a row drawn from a small sample at about
  that fraction, whose exact position a count gives — no full sort, little memory.

Every order ends with a tie-breaker (`rowid`, or all scalar columns for a query), so the
order is total, paging is stable and a row's position can be counted with a WHERE clause.
One module per job: `model` (what is browsed), `sources`, `relation` (connections and
columns), `sql` (order, keyset, filter pieces), `browser` (the Browser), `input` (filters
typed at the prompt).  No Textual here.
"""


from kjc_tui.read.browse.browser import EXACT_DISTINCT_LIMIT, FREQUENCY_LIMIT, Browser, Plan, drill
from kjc_tui.read.browse.input import parse_condition, parse_value
from kjc_tui.read.browse.model import (OPS, BrowseError,
                                       ColumnInfo, ColumnKind, Filter, Params, Row, SortKey, Source, SourceKind,
                                       Spec, column_kind)
from kjc_tui.read.browse.relation import Relation, describe
from kjc_tui.read.browse.sources import (looks_like_sql, query_source, relation_names, source_for, table_rows,
                                         table_source, view_source)

__all__ = [
    "EXACT_DISTINCT_LIMIT", "FREQUENCY_LIMIT", "OPS", "BrowseError", "Browser", "ColumnInfo",
    "ColumnKind", "Filter", "Params", "Plan", "Relation", "Row", "SortKey", "Source", "SourceKind", "Spec",
    "column_kind", "describe", "drill", "looks_like_sql", "parse_condition", "parse_value", "query_source",
    "relation_names", "source_for", "table_rows", "table_source", "view_source",
]
