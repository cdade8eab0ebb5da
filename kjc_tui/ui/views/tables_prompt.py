"""What the Tabellen prompt is asking for: one small typed state per question, so the answer
goes to the one place that expects it (no string-keyed dispatch).  No Textual here."""

from __future__ import annotations

from dataclasses import dataclass

from kjc_tui.read.browse import ColumnInfo


@dataclass(frozen=True)
class FilterAsk:
    """A condition on `column` ('> 5000', '<= 31.12.2020', 'leer')."""

    column: ColumnInfo


@dataclass(frozen=True)
class ContainsAsk:
    """Text that `column` must contain."""

    column: ColumnInfo


@dataclass(frozen=True)
class SearchAsk:
    """Text to find in `column`, or in every column when None."""

    column: ColumnInfo | None


@dataclass(frozen=True)
class ExportAsk:
    """The path of an export; `confirmed` is the existing file the user was warned about
    (Enter on the same path again overwrites it)."""

    german_excel: bool
    confirmed: str | None = None


@dataclass(frozen=True)
class SqlAsk:
    """A read-only query."""


Ask = FilterAsk | ContainsAsk | SearchAsk | ExportAsk | SqlAsk
