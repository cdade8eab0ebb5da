"""SQL pieces of a view: the terms of its total order, keyset conditions, filters and
text search — column names checked and quoted, values always bound parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kjc_tui.read.browse.model import Filter, Params, Row
from kjc_tui.read.browse.relation import Relation

@dataclass(frozen=True)
class Term:
    """One term of the total order: SQL expression, index into a fetched row, direction."""

    sql: str
    index: int
    descending: bool
    nested: bool = False

    def order(self, reverse: bool = False) -> str:
        desc = self.descending != reverse
        return f"{self.sql} {'DESC' if desc else 'ASC'} NULLS {'FIRST' if reverse else 'LAST'}"


def _after(terms: Sequence[Term], row: Row, *, strictly_before: bool = False) -> tuple[str, Params]:
    """WHERE text for rows strictly after (or before) `row` in the order of `terms`.

    Lexicographic over the terms; NULLs sort last in every term.
    """
    if not terms:
        return "FALSE", []
    t, rest = terms[0], terms[1:]
    v = row[t.index]
    params: Params = []
    if v is None:
        beyond = "FALSE" if not strictly_before else f"{t.sql} IS NOT NULL"
        equal = f"{t.sql} IS NULL"
    else:
        cmp = ">" if (t.descending == strictly_before) else "<"
        beyond = f"({t.sql} {cmp} ?)" if strictly_before else f"({t.sql} {cmp} ? OR {t.sql} IS NULL)"
        params.append(v)
        equal = f"{t.sql} = ?"
    if not rest:
        return beyond, params
    inner, inner_params = _after(rest, row, strictly_before=strictly_before)
    eq_params = [] if v is None else [v]
    return f"({beyond} OR ({equal} AND ({inner})))", [*params, *eq_params, *inner_params]


def _filter_sql(rel: Relation, f: Filter) -> tuple[str, Params]:
    col = rel.ident(f.column)
    if f.op == "is null" or (f.op == "=" and f.value is None):
        return f"{col} IS NULL", []
    if f.op == "is not null" or (f.op == "!=" and f.value is None):
        return f"{col} IS NOT NULL", []
    if f.op == "contains":
        return f"contains(lower(CAST({col} AS VARCHAR)), lower(?))", [str(f.value)]
    if f.op == "not contains":
        return f"({col} IS NULL OR NOT contains(lower(CAST({col} AS VARCHAR)), lower(?)))", [str(f.value)]
    if f.op == "!=":
        return f"{col} IS DISTINCT FROM ?", [f.value]
    return f"{col} {f.op} ?", [f.value]


def _match_sql(rel: Relation, columns: Sequence[str], text: str) -> tuple[str, Params]:
    parts = [f"contains(lower(CAST({rel.ident(c)} AS VARCHAR)), lower(?))" for c in columns]
    return "(" + " OR ".join(parts) + ")", [text] * len(parts)
