"""The connection a view runs on (the store's, or a sandbox for user SQL) and the real
columns of its source."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import duckdb

from kjc_tui.core.schema import TABLES, VIEWS, quote_ident
from kjc_tui.db.store import Store, open_sandbox, write_refusal
from kjc_tui.read import columns
from kjc_tui.read.browse.model import BrowseError, ColumnInfo, Params, Row, Source

class _Connector:
    """Cursors for a source: the store's, or a sandbox's for user SQL."""

    def __init__(self, store: Store, sandboxed: bool):
        self.store = store
        self.sandboxed = sandboxed
        self._sandbox: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._active: set[duckdb.DuckDBPyConnection] = set()

    def run(self, sql: str, params: Params) -> list[Row]:
        """Run a query on a cursor of its own (which `interrupt` can stop)."""
        cur = self.cursor()
        with self._lock:
            self._active.add(cur)
        try:
            return cur.execute(sql, params).fetchall()
        finally:
            with self._lock:
                self._active.discard(cur)
            cur.close()

    def interrupt(self) -> None:
        with self._lock:
            for cur in self._active:
                cur.interrupt()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        if not self.sandboxed:
            cur = self.store.cursor()
        else:
            with self._lock:
                if self._sandbox is None:
                    self._sandbox = open_sandbox(self.store.path)
                cur = self._sandbox.cursor()
            cur.execute("USE kjc")
        return cur

    def close(self) -> None:
        with self._lock:
            if self._sandbox is not None:
                self._sandbox.close()
                self._sandbox = None


# -- the relation: real columns of a source ---------------------------------------------------


@dataclass(frozen=True)
class Relation:
    source: Source
    columns: tuple[ColumnInfo, ...]
    #: FROM-clause text (a quoted name or a parenthesised subquery) and its parameters
    from_sql: str
    params: tuple[Any, ...]
    has_rowid: bool

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def index(self, column: str) -> int:
        """Position of a column; refuses names the relation does not have."""
        for i, c in enumerate(self.columns):
            if c.name == column:
                return i
        raise BrowseError("unknown_column", column=column)

    def ident(self, column: str) -> str:
        self.index(column)
        return quote_ident(column)

    def column(self, name: str) -> ColumnInfo:
        return self.columns[self.index(name)]


def describe(cur: duckdb.DuckDBPyConnection, source: Source) -> Relation:
    if source.kind in ("table", "view"):
        row = cur.execute(
            "SELECT table_type FROM information_schema.tables WHERE table_catalog = current_database() "
            "AND table_schema = 'main' AND table_name = ?", [source.name]).fetchone()
        if row is None:
            raise BrowseError("no_relation", name=source.name)
        from_sql, params = quote_ident(source.name), ()
        is_table = row[0] != "VIEW"
    else:
        assert source.sql is not None
        from_sql, params, is_table = f"(\n{source.sql}\n) AS src", source.params, False
    try:
        described = cur.execute(f"DESCRIBE SELECT * FROM {from_sql}", list(params)).fetchall()
    except duckdb.Error as e:
        refused = write_refusal(e)  # a file access or a hidden write: refused in our words
        if refused is not None:
            raise BrowseError(f"sql.{refused.code}", **refused.params) from None
        raise BrowseError("not_runnable", detail=str(e).splitlines()[0]) from None
    names = [r[0] for r in described]  # DuckDB names duplicates apart (a, a_1)
    labels = _labels(source)
    formats, words = dict(source.formats), dict(source.words)
    typed = {c: (name, type_) for c, name, type_ in source.typed}
    keys = columns.key_names(cur, names)
    precision = columns.PRECISION_OF.get(columns.VIEW_TABLE.get(source.name, source.name), {})
    technical = source.name in TABLES or source.name in VIEWS  # only the schema's own are known

    with_precision = {n for n, p in precision.items() if p in names}
    try:
        months = columns.month_periods(cur, from_sql, params, [
            n for n, t, *_ in described if str(t) == "DATE" and n not in with_precision])
    except duckdb.Error as e:
        raise BrowseError("not_runnable", detail=str(e).splitlines()[0]) from None

    def info(n: str, type_: str) -> ColumnInfo:
        de, en = columns.NAMED_LABELS[n] if n in keys else labels.get(n, ("", ""))
        return ColumnInfo(n, type_, de, formats.get(n), en, keys.get(n), precision[n] if n in with_precision else None,
                          technical and columns.is_technical(n), word=words.get(n),
                          uniform_precision="month" if n in months else None, codes=columns.CODED.get(n),
                          typed_by=typed.get(n))

    cols = tuple(info(n, str(t)) for n, t, *_ in described)
    has_rowid = is_table and "rowid" not in {n.lower() for n in names}
    return Relation(source, cols, from_sql, tuple(params), has_rowid)


def _labels(source: Source) -> dict[str, tuple[str, str]]:
    """(German, English) labels of a table's or view's columns; none for queries."""
    if source.kind in ("table", "view"):
        return columns.labels(source.name)
    return {}


# -- SQL pieces ---------------------------------------------------------------------------------
