"""What is browsed: the source, the sort keys, the filters and the hidden columns of a
view (`Spec`), and the columns of a relation (`ColumnInfo`).  Pure data, no SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Mapping

from kjc_tui.core.coded import CodedError


Row = tuple[Any, ...]
Params = list[Any]

OPS: tuple[str, ...] = ("=", "!=", "<", "<=", ">", ">=", "contains", "not contains", "is null", "is not null")
ColumnKind = Literal["number", "text", "date", "timestamp", "bool", "nested", "other"]


class BrowseError(CodedError):
    """A request the view cannot carry out (codes worded as "tbl.err.CODE"; a refused query's
    "sql.CODE" as "sql.err.CODE")."""

    prefix = "tbl.err."

    @property
    def message_key(self) -> str:
        if self.code.startswith("sql."):
            return "sql.err." + self.code[len("sql."):]
        return self.prefix + self.code


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
    #: the column of the same row that holds this date's precision (day, month, quarter, year)
    precision: str | None = None
    #: source, Stand, ids: left out unless the technical view is on
    technical: bool = False
    #: a computed column (frequency, statistics) the UI names by this code
    word: str | None = None
    #: the precision of every value where no row says it ("month": a period column whose values
    #: are all firsts of a month, `read.columns.month_periods`)
    uniform_precision: str | None = None
    #: a coded column (`read.columns.CODED`: "sex"): the grid words its codes, filters and sort use them
    codes: str | None = None
    #: values of other columns spelt as text (the statistics' minimum and maximum): the columns of the
    #: same row that name the value's column and hold its SQL type, so the UI spells it like that column
    typed_by: tuple[str, str] | None = None

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
            raise BrowseError("unknown_op", op=self.op)


@dataclass(frozen=True)
class SortKey:
    column: str
    descending: bool = False


SourceKind = Literal["table", "view", "query", "freq", "stats"]


@dataclass(frozen=True)
class Source:
    """A view's rows: a table or view by name, a user query, or a sheet computed from another
    view (frequency, statistics). Named by the UI (`ui/sheet_words`), not here."""

    kind: SourceKind
    name: str
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
    #: computed columns the UI names (column → code: "count", "stats.mean", …)
    words: tuple[tuple[str, str], ...] = ()
    #: columns of text values of other columns (see `ColumnInfo.typed_by`): (column, name column, type column)
    typed: tuple[tuple[str, str, str], ...] = ()


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


# -- sources ------------------------------------------------------------------------------
