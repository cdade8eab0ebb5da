"""Values as Tabellen shows them: German numbers and dates, text with every control or
invisible formatting character made visible.  No Textual here: the data layer describes
filters and statistics with the same spelling as the grid's cells."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kjc_tui.read.browse import ColumnInfo

NULL = "∅"

# -- literal display of values ----------------------------------------------------------

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _picture(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # ␀ … ␟ (␛ for ESC, ␊ for a line feed)
    if c == 0x7F:
        return "␡"
    return f"\\u{c:04x}"


def literal(text: str) -> str:
    """Text with every control or invisible formatting character shown as a visible sign."""
    return _CONTROL.sub(_picture, text)


_NO_GROUPING = re.compile(r"(year|jahr|_id$|^id$|nr$|since|seit|code)", re.I)


def _group(digits: str) -> str:
    neg = digits.startswith("-")
    d = digits.lstrip("-")
    out = ".".join(reversed([d[max(i - 3, 0):i] for i in range(len(d), 0, -3)]))
    return ("-" if neg else "") + out


def cell_text(value: Any, column: ColumnInfo, precision: str | None = None) -> str:
    """A value as the grid shows it: German numbers and dates, text literal; a key with its name
    (`column.names`); a date of year or month `precision` as "2023" or "10/2025"."""
    if value is None:
        return NULL
    if isinstance(value, str):
        name = column.names.get(value) if column.names is not None else None
        return literal(name if name else value)
    if isinstance(value, date) and not isinstance(value, datetime) and precision in ("year", "month"):
        return f"{value.year}" if precision == "year" else f"{value.month:02d}/{value.year}"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if column.fmt == "percent" and isinstance(value, (int, float)):
        return f"{value * 100:.1f} %".replace(".", ",")
    if isinstance(value, int):
        return str(value) if _NO_GROUPING.search(column.name) else _group(str(value))
    if isinstance(value, (float, Decimal)):
        s = repr(value) if isinstance(value, float) else str(value)
        if not re.fullmatch(r"-?\d+(\.\d+)?", s):
            return s.replace(".", ",")
        whole, _, frac = s.partition(".")
        if frac == "0":
            frac = ""
        return _group(whole) + ("," + frac if frac else "")
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return literal(str(value))


def copy_text(value: Any, column: ColumnInfo) -> str:
    """A value for the clipboard: numbers and dates as shown (German Excel reads
    `3.451.844,5` and `22.02.2024` as a number and a date), text unchanged, null empty."""
    if value is None:
        return ""
    return value if isinstance(value, str) else cell_text(value, column)
