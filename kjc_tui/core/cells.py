"""Values as Tabellen shows them: every digit as stored (spelt by `core/fmt.py`), dates
German, text with every control or invisible formatting character made visible.  No
Textual here: the data layer describes filters and statistics with the same spelling as
the grid's cells."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from collections.abc import Mapping
from typing import Any, Protocol

from kjc_tui.core import fmt

NULL = "∅"

#: integer columns shown without grouping: years, ids, codes
_NO_GROUPING = re.compile(r"(year|jahr|_id$|^id$|nr$|since|seit|code)", re.I)


class Column(Protocol):
    """What the spelling of a cell needs to know of its column."""

    @property
    def name(self) -> str: ...

    @property
    def fmt(self) -> str | None: ...

    @property
    def names(self) -> Mapping[str, str] | None: ...


def cell_text(value: Any, column: Column, precision: str | None = None) -> str:
    """A value as the grid shows it: German numbers and dates, text with controls shown; a key
    with its name (`column.names`); a date of year, quarter or month `precision` as "2023",
    "Q3/2025" or "10/2025"."""
    if value is None:
        return NULL
    if isinstance(value, str):
        name = column.names.get(value) if column.names is not None else None
        return fmt.show_controls(name if name else value)
    if isinstance(value, date) and not isinstance(value, datetime) and precision in ("year", "quarter", "month"):
        return fmt.period(value, precision)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if column.fmt == "percent" and isinstance(value, (int, float)):
        return fmt.share(value)
    if isinstance(value, (int, float, Decimal)):
        return fmt.exact(value, grouped=not (isinstance(value, int) and _NO_GROUPING.search(column.name)))
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return fmt.show_controls(str(value))


def copy_text(value: Any, column: Column) -> str:
    """A value for the clipboard: numbers and dates as shown but with the hyphen-minus
    (German Excel reads `-3.451.844,5` and `22.02.2024` as a number and a date), text
    unchanged, null empty."""
    if value is None:
        return ""
    return value if isinstance(value, str) else cell_text(value, column).replace(fmt.MINUS, "-")
