"""Values as Tabellen shows them: every digit as stored (spelt by `core/fmt.py` in the UI's
language: 1.234,5 / 1,234.5, 22.02.2024 / 2024-02-22, ja / yes), text with every control or
invisible formatting character made visible, a coded column's codes worded ("f" → "Frauen").
No Textual here; the grid and the filter titles use it, the data layer returns values."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from collections.abc import Mapping
from typing import Any, Protocol

from kjc_tui.core import fmt
from kjc_tui.core.strings import STRINGS, say

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

    @property
    def codes(self) -> str | None: ...


def cell_text(value: Any, column: Column, precision: str | None = None, lang: str = "de") -> str:
    """A value as the grid shows it in `lang`: numbers and dates, text with controls shown; a key
    with its name (`column.names`); a code of a coded column worded (`column.codes`: "sex" →
    "insgesamt", "Frauen", "Männer"); a date of year, quarter or month `precision` as "2023",
    "Q3/2025" or "10/2025"."""
    if value is None:
        return NULL
    if isinstance(value, str):
        name = column.names.get(value) if column.names is not None else None
        if name is None and column.codes and f"code.{column.codes}.{value}" in STRINGS:
            name = say(f"code.{column.codes}.{value}", lang)
        return fmt.show_controls(name if name else value)
    if isinstance(value, date) and not isinstance(value, datetime) and precision in ("year", "quarter", "month"):
        return fmt.period(value, precision, lang)
    if isinstance(value, bool):
        return say("cell.yes" if value else "cell.no", lang)
    if column.fmt == "percent" and isinstance(value, (int, float)):
        return fmt.share(value, lang)
    if isinstance(value, (int, float, Decimal)):
        return fmt.exact(value, lang, grouped=not (isinstance(value, int) and _NO_GROUPING.search(column.name)))
    if isinstance(value, datetime):
        return f"{fmt.date_(value, lang)} {value:%H:%M:%S}"
    if isinstance(value, date):
        return fmt.date_(value, lang)
    return fmt.show_controls(str(value))


def typed(text: str | None, sql_type: str) -> Any:
    """A value DuckDB spelt as text (`CAST(x AS VARCHAR)`: the statistics' minimum and maximum of
    columns of any type) back as the value of its column's type, to be spelt like that column's
    cells; text that does not read as its type stays text."""
    if text is None:
        return None
    t = sql_type.upper()
    try:
        if t == "DATE":
            return date.fromisoformat(text)
        if t.startswith("TIMESTAMP"):
            return datetime.fromisoformat(text)
        if t == "BOOLEAN":
            return {"true": True, "false": False}.get(text, text)
        if "INT" in t:
            return int(text)
        if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
            return Decimal(text) if t.startswith("DECIMAL") else float(text)
    except ValueError:
        return text
    return text


def copy_text(value: Any, column: Column, lang: str = "de") -> str:
    """A value for the clipboard: numbers and dates as shown but with the hyphen-minus
    (German Excel reads `-3.451.844,5` and `22.02.2024` as a number and a date), text — a
    code too — unchanged, null empty."""
    if value is None:
        return ""
    return value if isinstance(value, str) else cell_text(value, column, lang=lang).replace(fmt.MINUS, "-")
