"""The Browser: runs a `Spec` against the store — counts, pages, finds, frequency and
statistics sheets, the export query (see the package docstring for the paging)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable, Literal, Sequence

import duckdb

from kjc_tui.core.schema import quote_ident
from kjc_tui.db.store import Store
from kjc_tui.read import columns
from kjc_tui.read.browse.model import BrowseError, ColumnInfo, Filter, Params, Row, SortKey, Source, Spec
from kjc_tui.read.browse.relation import Relation, _Connector, describe
from kjc_tui.read.browse.sql import Term, _after, _filter_sql, _match_sql

#: row counts above which distinct counts are estimated (HyperLogLog) instead of exact
EXACT_DISTINCT_LIMIT = 1_000_000
#: a frequency table of more distinct values than this (in a view of more rows than the
#: limit above) is refused: it would cost as much memory as the table
FREQUENCY_LIMIT = 1_000_000
#: the columns of a statistics sheet (named by the UI: "stats.<name>")
STATS_COLUMNS = ("column", "type", "values", "nulls", "distinct", "minimum", "maximum", "mean")


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
            raise BrowseError("cancelled") from None
        except duckdb.Error as e:
            raise BrowseError("failed", detail=str(e).splitlines()[0]) from None

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
        n_name = _unique("count", [column])
        share = _unique("share", [column, n_name])
        src, params = self._from_filtered()
        total = self.count()
        if total > EXACT_DISTINCT_LIMIT:
            distinct = self._run(f"SELECT approx_count_distinct({col}) FROM {src}", params)[0][0]
            if distinct > FREQUENCY_LIMIT:
                raise BrowseError("too_many_values", column=column, n=int(distinct))
        sql = (f"SELECT {col} AS {col}, count(*) AS {quote_ident(n_name)}, "
               f"count(*) / ?::DOUBLE AS {quote_ident(share)} FROM {src} GROUP BY {col}")
        source = Source("freq", f"freq:{column}", sql=sql, params=(max(total, 1), *params),
                        sandboxed=self.spec.source.sandboxed, origin=self.spec, column=column,
                        formats=((share, "percent"),), words=((n_name, "freq.count"), (share, "freq.share")))
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
                     f"min({q})::VARCHAR" if scalar else "NULL",
                     f"max({q})::VARCHAR" if scalar else "NULL",
                     f"avg({q})::DOUBLE" if c.kind == "number" else "NULL"]
        src, params = self._from_filtered()
        row = self._run(f"SELECT count(*), {', '.join(aggs)} FROM {src}", params)[0]
        total, values = row[0], row[1:]
        rows: list[Any] = []
        for i, c in enumerate(cols):
            n, distinct, lo, hi, mean = values[i * 5:(i + 1) * 5]
            # minimum and maximum as DuckDB spells them (any type in one text column): the UI spells
            # them like the column's cells (`ColumnInfo.typed_by`)
            rows += [c.name, c.type, n, total - n, distinct, lo, hi, mean]
        names = list(STATS_COLUMNS)
        words = [f"stats.{n}" for n in names]
        if not exact:
            words[4] = "stats.distinct_approx"
        casts = ["VARCHAR", "VARCHAR", "BIGINT", "BIGINT", "BIGINT", "VARCHAR", "VARCHAR", "DOUBLE"]
        one = "(" + ", ".join(f"?::{t}" for t in casts) + ")"
        sql = (f"SELECT * FROM (VALUES {', '.join([one] * len(cols))}) AS s("
               + ", ".join(quote_ident(n) for n in names) + ")")
        source = Source("stats", "stats", sql=sql, params=tuple(rows), origin=self.spec,
                        words=tuple(zip(names, words)),
                        typed=tuple((n, "column", "type") for n in ("minimum", "maximum")))
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
        raise BrowseError("not_frequency")
    return freq.source.origin.filtered(Filter(freq.source.column, "=", row[0]))


def _unique(name: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    out, n = name, 1
    while out in taken:
        n += 1
        out = f"{name}_{n}"
    return out
