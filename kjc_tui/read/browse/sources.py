"""Where a view's rows come from: a table, a view or a read-only user query, found by
name, German label or SQL text."""

from __future__ import annotations

import re
from typing import Iterable

import duckdb

from kjc_tui.core.schema import TABLES, VIEWS, quote_ident
from kjc_tui.db.store import QueryRefused, Store, check_select
from kjc_tui.read.browse.model import BrowseError, Source

def table_source(name: str) -> Source:
    return Source("table", name)


def view_source(name: str) -> Source:
    return Source("view", name)


def query_source(sql: str) -> Source:
    """A read-only user query; refused unless it is one SELECT without parameters."""
    try:
        text = check_select(sql)
    except QueryRefused as e:
        raise BrowseError(f"sql.{e.code}", **e.params) from None
    if duckdb.extract_statements(text)[0].named_parameters:
        raise BrowseError("parameters")
    return Source("query", "sql", sql=text, sandboxed=True)


def looks_like_sql(text: str) -> bool:
    return bool(re.match(r"^\s*(\(|select\b|with\b|from\b|values\b|summarize\b|describe\b|show\b|pivot\b|"
                         r"unpivot\b|table\b|explain\b)", text, re.I))


def source_for(store: Store, text: str) -> Source:
    """A source from a table or view name (or its German or English label), or from SQL text."""
    text = text.strip()
    if looks_like_sql(text):
        return query_source(text)
    kinds = relation_names(store)
    if text in kinds:
        return table_source(text) if kinds[text] == "table" else view_source(text)
    low = text.lower()
    for name, kind in kinds.items():
        labels = (TABLES[name].label_de, TABLES[name].label_en) if name in TABLES else VIEWS.get(name, ("", ""))[:2]
        if low == name.lower() or low in (label.lower() for label in labels if label):
            return table_source(name) if kind == "table" else view_source(name)
    raise BrowseError("no_relation", name=text)


def relation_names(store: Store) -> dict[str, str]:
    """Tables and views of the database: name -> 'table' | 'view'."""
    _, rows = store.tuples(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name")
    return {n: ("view" if t == "VIEW" else "table") for n, t in rows}


def table_rows(store: Store, names: Iterable[str]) -> dict[str, int]:
    """Row count of each table (DuckDB answers an unfiltered count from its metadata)."""
    known = {n for n, k in relation_names(store).items() if k == "table"}
    out: dict[str, int] = {}
    for name in names:
        if name in known:
            _, rows = store.tuples(f"SELECT count(*) FROM {quote_ident(name)}")
            out[name] = int(rows[0][0])
    return out
