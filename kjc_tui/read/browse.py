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
No Textual here.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Literal, Mapping, Sequence

import duckdb

from kjc_tui.core.cells import cell_text
from kjc_tui.core.schema import TABLES, VIEWS, quote_ident
from kjc_tui.read import columns
from kjc_tui.db.store import QueryRefused, Store, check_select, open_sandbox

Row = tuple[Any, ...]
Params = list[Any]

OPS: tuple[str, ...] = ("=", "!=", "<", "<=", ">", ">=", "contains", "not contains", "is null", "is not null")
OP_LABELS: dict[str, str] = {
    "=": "=", "!=": "≠", "<": "<", "<=": "≤", ">": ">", ">=": "≥",
    "contains": "enthält", "not contains": "enthält nicht", "is null": "ist leer", "is not null": "ist nicht leer",
}
#: row counts above which distinct counts are estimated (HyperLogLog) instead of exact
EXACT_DISTINCT_LIMIT = 1_000_000
#: a frequency table of more distinct values than this (in a view of more rows than the
#: limit above) is refused: it would cost as much memory as the table
FREQUENCY_LIMIT = 1_000_000

ColumnKind = Literal["number", "text", "date", "timestamp", "bool", "nested", "other"]


class BrowseError(Exception):
    """A request the view cannot carry out; the message is for the user (German)."""


# -- columns ----------------------------------------------------------------------------

_NUMBER_TYPES = re.compile(
    r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|"
    r"FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?|INT\d*|VARINT|BIGNUM)$")


def column_kind(type_name: str) -> ColumnKind:
    t = type_name.upper()
    if t.endswith("]") or t.startswith(("STRUCT", "MAP", "UNION", "LIST")):
        return "nested"
    if _NUMBER_TYPES.match(t):
        return "number"
    if t in ("VARCHAR", "TEXT", "STRING") or t.startswith(("VARCHAR", "ENUM")):
        return "text"
    if t == "DATE":
        return "date"
    if t.startswith("TIMESTAMP"):
        return "timestamp"
    if t == "BOOLEAN":
        return "bool"
    return "other"


@dataclass(frozen=True)
class ColumnInfo:
    name: str
    type: str
    label: str = ""
    #: display hint: "percent" for shares
    fmt: str | None = None
    label_en: str = ""
    #: a key shown with its name (`read.columns`): key value → shown text
    names: Mapping[str, str] | None = field(default=None, compare=False, repr=False)
    #: the column of the same row that holds this date's precision (day, month, year)
    precision: str | None = None
    #: source, Stand, ids: left out unless the technical view is on
    technical: bool = False

    @property
    def kind(self) -> ColumnKind:
        return column_kind(self.type)


# -- what is browsed ----------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    column: str
    op: str
    value: Any = None

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise BrowseError(f"Unbekannter Vergleich: {self.op}")

    def describe(self) -> str:
        if self.op in ("is null", "is not null"):
            return f"{self.column} {OP_LABELS[self.op]}"
        v = repr(self.value) if isinstance(self.value, str) else cell_text(self.value, ColumnInfo(self.column, ""))
        return f"{self.column} {OP_LABELS[self.op]} {v}"


@dataclass(frozen=True)
class SortKey:
    column: str
    descending: bool = False


SourceKind = Literal["table", "view", "query", "freq", "stats"]


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    name: str
    label: str
    #: SELECT text for query/freq/stats sources (wrapped as a subquery)
    sql: str | None = None
    params: tuple[Any, ...] = ()
    #: user SQL runs on a sandboxed connection (no file access)
    sandboxed: bool = False
    #: for freq/stats: the view they were computed from, and the column
    origin: "Spec | None" = field(default=None, compare=False)
    column: str | None = None
    #: display hints of computed columns
    formats: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Spec:
    source: Source
    sort: tuple[SortKey, ...] = ()
    filters: tuple[Filter, ...] = ()
    hidden: frozenset[str] = frozenset()
    #: show the technical columns (source, Stand, ids) and the technical names
    technical: bool = False

    def sorted_by(self, column: str, descending: bool, *, secondary: bool = False) -> "Spec":
        """Sort by `column` (replacing the sort), or add it as the second key."""
        key = SortKey(column, descending)
        if not secondary:
            return replace(self, sort=(key,))
        first = [k for k in self.sort if k.column != column][:1]
        return replace(self, sort=(*first, key))

    def unsorted(self) -> "Spec":
        return replace(self, sort=())

    def filtered(self, f: Filter) -> "Spec":
        return replace(self, filters=(*self.filters, f))

    def without_last_filter(self) -> "Spec":
        return replace(self, filters=self.filters[:-1])

    def without_filters(self) -> "Spec":
        return replace(self, filters=())

    def hiding(self, column: str) -> "Spec":
        return replace(self, hidden=self.hidden | {column})

    def showing_all(self) -> "Spec":
        return replace(self, hidden=frozenset())

    def with_technical(self, on: bool) -> "Spec":
        return replace(self, technical=on)

    def describe(self) -> str:
        """Source, sort, hidden columns, filters: the long filters last, so that a cut title
        line (80 columns) still shows the rest."""
        parts = [self.source.label]
        if self.sort:
            parts.append("sortiert: " + ", ".join(f"{k.column} {'▼' if k.descending else '▲'}" for k in self.sort))
        if self.hidden:
            parts.append(f"{len(self.hidden)} Spalte{'n' if len(self.hidden) > 1 else ''} ausgeblendet")
        if self.filters:
            parts.append("Filter: " + " und ".join(f.describe() for f in self.filters))
        return " · ".join(parts)


# -- sources ------------------------------------------------------------------------------


def table_source(name: str) -> Source:
    t = TABLES.get(name)
    return Source("table", name, t.label_de if t else name)


def view_source(name: str) -> Source:
    v = VIEWS.get(name)
    return Source("view", name, v[0] if v else name)


def query_source(sql: str) -> Source:
    """A read-only user query; refused unless it is one SELECT without parameters."""
    try:
        text = check_select(sql)
    except QueryRefused as e:
        raise BrowseError(str(e)) from None
    if duckdb.extract_statements(text)[0].named_parameters:
        raise BrowseError("Die Abfrage darf keine Parameter (?, $1) enthalten.")
    short = " ".join(text.split())
    label = "SQL: " + (short if len(short) <= 60 else short[:59] + "…")
    return Source("query", "sql", label, sql=text, sandboxed=True)


def looks_like_sql(text: str) -> bool:
    return bool(re.match(r"^\s*(\(|select\b|with\b|from\b|values\b|summarize\b|describe\b|show\b|pivot\b|"
                         r"unpivot\b|table\b|explain\b)", text, re.I))


def source_for(store: Store, text: str) -> Source:
    """A source from a table or view name (or German label), or from SQL text."""
    text = text.strip()
    if looks_like_sql(text):
        return query_source(text)
    kinds = relation_names(store)
    if text in kinds:
        return table_source(text) if kinds[text] == "table" else view_source(text)
    low = text.lower()
    for name, kind in kinds.items():
        label = table_source(name).label if kind == "table" else view_source(name).label
        if low in (name.lower(), label.lower()):
            return table_source(name) if kind == "table" else view_source(name)
    raise BrowseError(f"Keine Tabelle oder Sicht namens {text!r}.")


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


# -- connections ----------------------------------------------------------------------------


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
        raise BrowseError(f"Unbekannte Spalte: {column!r}")

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
            raise BrowseError(f"Keine Tabelle oder Sicht namens {source.name!r}.")
        from_sql, params = quote_ident(source.name), ()
        is_table = row[0] != "VIEW"
    else:
        assert source.sql is not None
        from_sql, params, is_table = f"(\n{source.sql}\n) AS src", source.params, False
    try:
        described = cur.execute(f"DESCRIBE SELECT * FROM {from_sql}", list(params)).fetchall()
    except duckdb.Error as e:
        raise BrowseError("Die Abfrage lässt sich nicht ausführen: " + str(e).splitlines()[0]) from None
    names = [r[0] for r in described]  # DuckDB names duplicates apart (a, a_1)
    labels = _labels(source)
    formats = dict(source.formats)
    keys = columns.key_names(cur, names)
    precision = columns.PRECISION_OF.get(columns.VIEW_TABLE.get(source.name, source.name), {})
    technical = source.name in TABLES or source.name in VIEWS  # only the schema's own are known

    def info(n: str, type_: str) -> ColumnInfo:
        de, en = columns.NAMED_LABELS[n] if n in keys else labels.get(n, ("", ""))
        p = precision.get(n)
        return ColumnInfo(n, type_, de, formats.get(n), en, keys.get(n), p if p in names else None,
                          technical and columns.is_technical(n))

    cols = tuple(info(n, str(t)) for n, t, *_ in described)
    has_rowid = is_table and "rowid" not in {n.lower() for n in names}
    return Relation(source, cols, from_sql, tuple(params), has_rowid)


def _labels(source: Source) -> dict[str, tuple[str, str]]:
    """(German, English) labels of a table's or view's columns; none for queries."""
    if source.kind in ("table", "view"):
        return columns.labels(source.name)
    return {}


# -- SQL pieces ---------------------------------------------------------------------------------


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


# -- the browser -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Plan:
    """How to fetch rows [start, start+count) of a view; made by `paging.Pager`."""

    start: int
    count: int
    mode: Literal["offset", "reverse", "after", "before", "locate"]
    #: a neighbouring row for keyset plans
    anchor: Row | None = None
    #: for "reverse": rows to skip from the end
    skip: int = 0


class Browser:
    """Runs a `Spec` against the store.  Thread-safe: each call takes its own cursor."""

    def __init__(self, store: Store, spec: Spec, relation: Relation | None = None):
        self.store = store
        self.spec = spec
        self._conn = _Connector(store, spec.source.sandboxed)
        if relation is None:
            cur = self._conn.cursor()
            try:
                relation = describe(cur, spec.source)
            finally:
                cur.close()
        self.rel = relation
        for k in spec.sort:
            self.rel.index(k.column)
        for f in spec.filters:
            self.rel.index(f.column)
        self._where, self._where_params = self._build_where()
        self.terms = self._build_terms()
        self._count: int | None = None

    def derive(self, spec: Spec) -> "Browser":
        """A browser for another spec of the same source (no new DESCRIBE)."""
        if spec.source != self.spec.source:
            return Browser(self.store, spec)
        return Browser(self.store, spec, self.rel)

    # -- columns ------------------------------------------------------------------------
    @property
    def columns(self) -> tuple[ColumnInfo, ...]:
        return self.rel.columns

    @property
    def visible(self) -> list[int]:
        """Indexes of the shown columns, those a person reads first first (`read.columns`);
        technical ones only in the technical view."""
        return [i for i in self.visible_with_technical
                if self.spec.technical or not self.rel.columns[i].technical]

    @property
    def visible_with_technical(self) -> list[int]:
        """The shown columns and the technical ones (not those the user hid)."""
        return [i for i in columns.reading_order(self.spec.source.name, self.rel.names)
                if self.rel.columns[i].name not in self.spec.hidden]

    @property
    def sorted(self) -> bool:
        return bool(self.spec.sort)

    @property
    def keyset(self) -> bool:
        """Whether rows can be found relative to a known row (total order on scalar terms)."""
        return bool(self.terms) and not any(t.nested for t in self.terms)

    # -- SQL building ---------------------------------------------------------------------
    def _build_where(self) -> tuple[str, Params]:
        parts, params = [], []
        for f in self.spec.filters:
            s, p = _filter_sql(self.rel, f)
            parts.append(s)
            params += p
        return " AND ".join(parts), params

    def _build_terms(self) -> list[Term]:
        terms = []
        for k in self.spec.sort:
            i = self.rel.index(k.column)
            terms.append(Term(quote_ident(k.column), i, k.descending, self.rel.columns[i].kind == "nested"))
        if self.rel.has_rowid:
            terms.append(Term("rowid", len(self.rel.columns), False))
        elif terms:
            used = {k.column for k in self.spec.sort}
            terms += [Term(quote_ident(c.name), i, False) for i, c in enumerate(self.rel.columns)
                      if c.name not in used and c.kind != "nested"]
        return terms

    @property
    def _select(self) -> str:
        cols = ", ".join(quote_ident(c) for c in self.rel.names)
        return cols + (", rowid" if self.rel.has_rowid else "")

    def _where_with(self, *extra: tuple[str, Params]) -> tuple[str, Params]:
        parts = [self._where] if self._where else []
        params = list(self.rel.params) + list(self._where_params)
        for s, p in extra:
            parts.append(s)
            params += p
        return (" WHERE " + " AND ".join(parts)) if parts else "", params

    def _order(self, reverse: bool = False) -> str:
        return ", ".join(t.order(reverse) for t in self.terms)

    def _run(self, sql: str, params: Params) -> list[Row]:
        try:
            return self._conn.run(sql, params)
        except duckdb.InterruptException:
            raise BrowseError("Abgebrochen.") from None
        except duckdb.Error as e:
            raise BrowseError("Abfrage fehlgeschlagen: " + str(e).splitlines()[0]) from None

    def interrupt(self) -> None:
        """Stop the queries this browser is running now (from another thread)."""
        self._conn.interrupt()

    # -- count and pages ------------------------------------------------------------------
    def count(self) -> int:
        if self._count is None:
            where, params = self._where_with()
            self._count = int(self._run(f"SELECT count(*) FROM {self.rel.from_sql}{where}", params)[0][0])
        return self._count

    def fetch(self, plan: Plan) -> list[Row]:
        """Rows [plan.start, plan.start + plan.count) of the view, in order."""
        if plan.count <= 0:
            return []
        sql, params, reverse = self.page_query(plan)
        rows = self._run(sql, params)
        return rows[::-1] if reverse else rows

    def page_query(self, plan: Plan) -> tuple[str, Params, bool]:
        """The SELECT for a plan (not "locate"), its parameters, and whether its rows come
        in reverse order."""
        if not self.sorted:
            # insertion order: DuckDB skips whole row groups for any offset
            where, params = self._where_with()
            return (f"SELECT {self._select} FROM {self.rel.from_sql}{where} LIMIT ? OFFSET ?",
                    [*params, plan.count, plan.start], False)
        if plan.mode in ("after", "before") and plan.anchor is not None and self.keyset:
            back = plan.mode == "before"
            return (*self._sorted_query(plan.count, 0, _after(self.terms, plan.anchor, strictly_before=back), back),
                    back)
        if plan.mode == "reverse":
            return (*self._sorted_query(plan.count, plan.skip, None, True), True)
        return (*self._sorted_query(plan.count, plan.start, None, False), False)

    def _sorted_query(self, limit: int, offset: int, extra: tuple[str, Params] | None,
                      reverse: bool) -> tuple[str, Params]:
        where, params = self._where_with(*([extra] if extra else []))
        src = self.rel.from_sql
        order = self._order(reverse)
        if self.rel.has_rowid:
            # sort only the keys and rowid, then fetch the page's rows by rowid
            sql = (f"SELECT {self._select} FROM {src} WHERE rowid IN "
                   f"(SELECT rowid FROM {src}{where} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}")
        else:
            sql = f"SELECT {self._select} FROM {src}{where} ORDER BY {order} LIMIT ? OFFSET ?"
        return sql, [*params, limit, offset]

    def locate(self, plan: Plan, sample: int = 10_000) -> tuple[int, list[Row]]:
        """Rows near position `plan.start` of a sorted view, without sorting all of it:
        the row at about that fraction of a random sample, its exact position (a count),
        and the rows after it (keyset).  Returns (position of the first row, rows)."""
        if not (self.sorted and self.keyset):
            return plan.start, self.fetch(replace(plan, mode="offset"))
        where, params = self._where_with()
        fraction = plan.start / max(self.count(), 1)
        # a table's sample needs only the order's terms (its rowid then gives the whole row)
        select = ", ".join(t.sql for t in self.terms) if self.rel.has_rowid else self._select
        rows = self._run(
            f"SELECT * FROM (SELECT {select} "
            f"FROM {self.rel.from_sql}{where}) USING SAMPLE reservoir({int(sample)} ROWS) REPEATABLE (7) "
            f"ORDER BY {self._order()} LIMIT 1 OFFSET ?",
            [*params, int(fraction * min(sample, self.count()))])
        if not rows:
            return plan.start, self.fetch(replace(plan, mode="offset"))
        if self.rel.has_rowid:
            rows = self._run(f"SELECT {self._select} FROM {self.rel.from_sql} WHERE rowid = ?",
                             [*self.rel.params, rows[0][-1]])
        anchor = rows[0]
        pos = self.position(anchor)
        rest = self.fetch(Plan(pos + 1, plan.count - 1, "after", anchor=anchor)) if plan.count > 1 else []
        return pos, [anchor, *rest]

    # -- search ------------------------------------------------------------------------------
    def position(self, row: Row) -> int:
        """Position of a fetched row in the view (rows before it in the order)."""
        where, params = self._where_with(_after(self.terms, row, strictly_before=True))
        return int(self._run(f"SELECT count(*) FROM {self.rel.from_sql}{where}", params)[0][0])

    def find(self, text: str, columns: Sequence[str] | None = None, *, after: Row | None = None,
             after_pos: int = -1, backward: bool = False) -> tuple[int, Row] | None:
        """The next (or previous) row whose value in one of `columns` contains `text`
        (case-insensitive), starting after the row `after` at `after_pos`; wraps around.
        Without `columns`: the shown text columns (numbers and dates are shown in German,
        so their SQL text would not match what the user sees; skipping them also makes a
        search of millions of rows several times faster)."""
        if not text:
            return None
        shown = [self.rel.columns[i] for i in self.visible]
        cols = list(columns) if columns else [c.name for c in shown if c.kind == "text"] or [c.name for c in shown]
        match = _match_sql(self.rel, cols, text)
        if not self.keyset:
            return self._find_by_number(match, after_pos, backward)
        for anchor in ((after, None) if after is not None else (None,)):
            extra = [match]
            if anchor is not None:
                extra.append(_after(self.terms, anchor, strictly_before=backward))
            where, params = self._where_with(*extra)
            hit = self._run(f"SELECT {self._select} FROM {self.rel.from_sql}{where} "
                            f"ORDER BY {self._order(reverse=backward)} LIMIT 1", params)
            if hit:
                return self.position(hit[0]), hit[0]
        return None

    def _find_by_number(self, match: tuple[str, Params], after_pos: int, backward: bool) -> tuple[int, Row] | None:
        """Search in an order without keys (a query in its own order): number the rows."""
        where, params = self._where_with()
        inner = f"SELECT {self._select}, row_number() OVER () - 1 AS kjc__pos FROM {self.rel.from_sql}{where}"
        cmp, order = ("<", "DESC") if backward else (">", "ASC")
        for bound in (after_pos, None):
            cond = match[0] + (f" AND kjc__pos {cmp} ?" if bound is not None else "")
            hit = self._run(f"SELECT * FROM ({inner}) WHERE {cond} ORDER BY kjc__pos {order} LIMIT 1",
                            [*params, *match[1], *([bound] if bound is not None else [])])
            if hit:
                return int(hit[0][-1]), tuple(hit[0][:-1])
            if after_pos < 0:
                break
        return None

    # -- derived sheets ---------------------------------------------------------------------
    def _from_filtered(self) -> tuple[str, Params]:
        where, params = self._where_with()
        return f"{self.rel.from_sql}{where}", params

    def frequency(self, column: str) -> Spec:
        """A sheet of the distinct values of `column` with count and share, most frequent first."""
        col = self.rel.ident(column)
        n_name = _unique("Anzahl", [column])
        share = _unique("Anteil", [column, n_name])
        src, params = self._from_filtered()
        total = self.count()
        if total > EXACT_DISTINCT_LIMIT:
            distinct = self._run(f"SELECT approx_count_distinct({col}) FROM {src}", params)[0][0]
            if distinct > FREQUENCY_LIMIT:
                about = f"{distinct:,}".replace(",", ".")
                raise BrowseError(
                    f"{column} hat etwa {about} verschiedene Werte; eine Häufigkeitstabelle davon wäre "
                    "fast so groß wie die Tabelle selbst. Bitte erst filtern oder die Statistik (I) ansehen.")
        sql = (f"SELECT {col} AS {col}, count(*) AS {quote_ident(n_name)}, "
               f"count(*) / ?::DOUBLE AS {quote_ident(share)} FROM {src} GROUP BY {col}")
        counted = self.spec.source.label  # and the rows it counts
        if self.spec.filters:
            counted += ", " + " und ".join(f.describe() for f in self.spec.filters)
        source = Source("freq", f"freq:{column}", f"Häufigkeiten {column} ({counted})",
                        sql=sql, params=(max(total, 1), *params), sandboxed=self.spec.source.sandboxed,
                        origin=self.spec, column=column, formats=((share, "percent"),))
        return Spec(source, sort=(SortKey(n_name, True),))

    def stats(self) -> Spec:
        """A sheet with one row per shown column: count, nulls, distinct, min, max, mean."""
        cols = [self.rel.columns[i] for i in self.visible] or list(self.rel.columns)
        exact = self.count() <= EXACT_DISTINCT_LIMIT
        aggs = []
        for c in cols:
            q = quote_ident(c.name)
            distinct = f"count(DISTINCT {q})" if exact else f"approx_count_distinct({q})"
            scalar = c.kind != "nested"
            aggs += [f"count({q})", distinct if scalar else "NULL",
                     f"min({q})" if scalar else "NULL",
                     f"max({q})" if scalar else "NULL",
                     f"avg({q})::DOUBLE" if c.kind == "number" else "NULL"]
        src, params = self._from_filtered()
        row = self._run(f"SELECT count(*), {', '.join(aggs)} FROM {src}", params)[0]
        total, values = row[0], row[1:]
        rows: list[Any] = []
        for i, c in enumerate(cols):
            n, distinct, lo, hi, mean = values[i * 5:(i + 1) * 5]
            # minimum and maximum spelled like the column's cells (German numbers and dates)
            lo, hi = (None if v is None else cell_text(v, c) for v in (lo, hi))
            rows += [c.name, c.type, n, total - n, distinct, lo, hi, mean]
        names = ["Spalte", "Typ", "Werte", "Leer", "Verschieden" if exact else "Verschieden (ca.)",
                 "Minimum", "Maximum", "Mittelwert"]
        casts = ["VARCHAR", "VARCHAR", "BIGINT", "BIGINT", "BIGINT", "VARCHAR", "VARCHAR", "DOUBLE"]
        one = "(" + ", ".join(f"?::{t}" for t in casts) + ")"
        sql = (f"SELECT * FROM (VALUES {', '.join([one] * len(cols))}) AS s("
               + ", ".join(quote_ident(n) for n in names) + ")")
        source = Source("stats", "stats", f"Statistik ({self.spec.source.label})", sql=sql, params=tuple(rows),
                        origin=self.spec)
        return Spec(source)

    def export_sql(self) -> tuple[str, Params]:
        """The view as one SELECT: the columns not hidden by the user (the technical ones too: an
        export keeps every row's source and Stand), filters, sort (for export)."""
        cols = ", ".join(quote_ident(self.rel.names[i]) for i in self.visible_with_technical)
        where, params = self._where_with()
        order = f" ORDER BY {self._order()}" if self.terms and self.sorted else ""
        return f"SELECT {cols} FROM {self.rel.from_sql}{where}{order}", params

    def close(self) -> None:
        self._conn.close()


def drill(freq: Spec, row: Row) -> Spec:
    """The rows of the origin view whose value equals the frequency row's value."""
    if freq.source.kind != "freq" or freq.source.origin is None or freq.source.column is None:
        raise BrowseError("Nur in einer Häufigkeitstabelle möglich.")
    return freq.source.origin.filtered(Filter(freq.source.column, "=", row[0]))


def _unique(name: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    out, n = name, 1
    while out in taken:
        n += 1
        out = f"{name}_{n}"
    return out


# -- user input for filters ----------------------------------------------------------------------

_PROMPT_OPS = (">=", "<=", "!=", "<>", "!~", "=", ">", "<", "~")
_NULL_WORDS = {"leer", "null", "∅", "none", "empty"}


def parse_condition(text: str, column: ColumnInfo) -> Filter:
    """A filter from prompt text: '> 5000', '<= 31.12.2020', '!= JC007', '~ text', 'leer', '!leer'.

    Without an operator the text is compared for equality.  Values are parsed for the
    column's type (German or international number and date spellings).
    """
    s = text.strip()
    low = s.lower()
    if low in _NULL_WORDS:
        return Filter(column.name, "is null")
    if low.lstrip("!").strip() in _NULL_WORDS or low in ("nicht leer", "not null"):
        return Filter(column.name, "is not null")
    op = next((o for o in _PROMPT_OPS if s.startswith(o)), "=")
    rest = s[len(op):].strip() if s.startswith(op) else s
    op = {"<>": "!=", "~": "contains", "!~": "not contains"}.get(op, op)
    if op in ("contains", "not contains"):
        return Filter(column.name, op, rest)
    return Filter(column.name, op, parse_value(rest, column))


def parse_value(text: str, column: ColumnInfo) -> Any:
    kind = column.kind
    s = text.strip()
    try:
        if kind == "number":
            t = s.replace(" ", "").replace("\u202f", "")
            if "," in t:
                t = t.replace(".", "").replace(",", ".")
            if re.fullmatch(r"[+-]?\d+", t) and not column.type.upper().startswith(("DOUBLE", "FLOAT", "REAL", "DECIMAL")):
                return int(t)
            if column.type.upper().startswith("DECIMAL"):
                return Decimal(t)
            return float(t)
        if kind == "date":
            return _parse_date(s)
        if kind == "timestamp":
            m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", s)
            if m:
                d, mo, y, h, mi, sec = m.groups()
                return datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0))
            return datetime.fromisoformat(s)
        if kind == "bool":
            v = s.lower()
            if v in ("ja", "wahr", "true", "1", "yes", "j"):
                return True
            if v in ("nein", "falsch", "false", "0", "no", "n"):
                return False
            raise ValueError(s)
    except (ValueError, InvalidOperation):
        raise BrowseError(f"{text!r} passt nicht zum Typ {column.type} der Spalte {column.name}.") from None
    return s


def _parse_date(s: str) -> date:
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s)
    if m:
        d, mo, y = m.groups()
        return date(int(y), int(mo), int(d))
    return date.fromisoformat(s)
