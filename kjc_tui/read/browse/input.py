"""Filters from what the user types at the prompt: '> 5000', '<= 31.12.2020', '~ text',
'leer' — values read by the ingest parsers, for the column's type."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.ingest.parse import ParseError, parse_bool, parse_date, parse_float
from kjc_tui.read.browse.model import BrowseError, ColumnInfo, Filter

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


#: a timestamp as typed: "22.02.2024 14:05", "22.02.2024 14:05:30" (else ISO)
_GERMAN_TIMESTAMP = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_INTEGER = re.compile(r"[+\-−]?\d+")


def parse_value(text: str, column: ColumnInfo) -> Any:
    """A typed value for the column, read as the loader reads files (`ingest/parse`): German
    or international numbers ("1.234,5", "1234.5", "−3"), dates ("31.12.2020", "2020-12-31",
    "Dezember 2020"), ja/nein; a timestamp German or ISO."""
    kind = column.kind
    s = text.strip()
    t = column.type.upper()
    try:
        if kind == "number":
            if _INTEGER.fullmatch(s) and not t.startswith(("DOUBLE", "FLOAT", "REAL", "DECIMAL")):
                return int(s.replace("−", "-"))  # every digit of a BIGINT, not a float's
            number = parse_float(s, "," if "," in s else ".")
            return fmt.decimal(number) if t.startswith("DECIMAL") else number
        if kind == "date":
            return parse_date(s)[0]
        if kind == "timestamp":
            m = _GERMAN_TIMESTAMP.fullmatch(s)
            if m:
                d, mo, y, h, mi, sec = m.groups()
                return datetime(int(y), int(mo), int(d), int(h), int(mi), int(sec or 0))
            try:
                return datetime.fromisoformat(s)
            except ValueError:
                return datetime.combine(parse_date(s)[0], datetime.min.time())  # a day: its midnight
        if kind == "bool":
            return parse_bool(s)
    except (ParseError, ValueError):
        raise BrowseError("bad_value", text=text, type=column.type, column=column.name) from None
    return s
