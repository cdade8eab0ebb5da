"""Parsers for the values German offices write: numbers, dates, booleans.

Each parser takes a string (or an already typed value from XLSX/JSON/Parquet) and returns
the Python value or raises `ParseError` with the code of what was wrong (`problem.<code>` in
`core/strings`); the SQL rules (`sqlparse`) give the same codes and parameters.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal

from kjc_tui.core.coded import CodedError

__all__ = [
    "ParseError", "parse_number", "parse_int", "parse_float", "parse_date", "parse_bool",
    "parse_text", "MONTHS", "split_range",
]


class ParseError(CodedError, ValueError):
    """A value that cannot be read: `code` and `params` (text, as the SQL rules give them) say why
    (`problem.<code>`); `str(e)` is the German reason (logs and tests; the UI words it in its language)."""

    prefix = "problem."


MONTHS: dict[str, int] = {}
for _i, _names in enumerate((
    ("januar", "jan", "jänner", "jaenner", "january"),
    ("februar", "feb", "february"),
    ("märz", "maerz", "mär", "mar", "march", "mrz"),
    ("april", "apr"),
    ("mai", "may"),
    ("juni", "jun", "june"),
    ("juli", "jul", "july"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "okt", "oct", "october"),
    ("november", "nov"),
    ("dezember", "dez", "dec", "december"),
), start=1):
    for _n in _names:
        MONTHS[_n] = _i

_QUALIFIER_WORDS: tuple[tuple[str, str], ...] = (
    ("mehr als", ">"), ("über", ">"), ("ueber", ">"), ("more than", ">"), ("über ", ">"),
    ("weniger als", "<"), ("unter", "<"), ("fast", "<"), ("knapp", "<"), ("almost", "<"),
    ("circa", "≈"), ("ca.", "≈"), ("ca", "≈"), ("rund", "≈"), ("etwa", "≈"), ("ungefähr", "≈"),
    ("about", "≈"), ("approx.", "≈"),
    ("durchschnittlich", "Ø"), ("im durchschnitt", "Ø"), ("im schnitt", "Ø"), ("average", "Ø"),
)
_QUALIFIER_SIGNS = {"~": "≈", "≈": "≈", "±": "≈", ">": ">", "<": "<", "≥": ">", "≤": "<", "Ø": "Ø", "ø": "Ø",
                    "⌀": "Ø"}
#: "zwischen 400 und 500", "400–500", "20 - 25 %", "400 bis 500": a range of two numbers
_RANGE = re.compile(r"(?is)^\s*(?:zwischen\s+|between\s+)?(\d[^–—-]*?)\s*(?:[–—-]|\bbis\b|\bund\b|\band\b|\bto\b)"
                    r"\s*(\d.*?)\s*$")


def split_range(text: str) -> tuple[str, str] | None:
    """The two ends of a range as written ("zwischen 400 und 500" -> ("400", "500")), or None.

    Only where both ends start with a digit, so "-5", "–5" (negative) and "12,-" (whole euros)
    stay single numbers; a unit after the upper end ("20–25 %") belongs to both ends.
    """
    m = _RANGE.match(text)
    if not m:
        return None
    low, high = m.group(1).strip(), m.group(2).strip()
    unit = _UNIT_WORDS.search(high)
    if unit and not _UNIT_WORDS.search(low):
        low = f"{low} {unit.group(0)}"
    return low, high
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u2007']+")
_UNIT_WORDS = re.compile(r"(?i)(€|eur(?:o)?|%|prozent|personen|mio\.?|mrd\.?|tsd\.?)")
_SCALE = {"mio": 1e6, "mrd": 1e9, "tsd": 1e3}
#: spaces between digits are thousands separators only in groups of three: "1 234 567,89", not "12 34"
_BETWEEN_DIGITS = re.compile(r"\d[\s\u00a0\u2009\u202f\u2007']+\d")
_SPACE_GROUPS = re.compile(r"[+-]?\s*\d{1,3}(?:[\s\u00a0\u2009\u202f\u2007']\d{3})+(?:[.,]\d*)?")


def _split_qualifier(s: str) -> tuple[str, str | None]:
    low = s.lower()
    for word, q in _QUALIFIER_WORDS:
        if low.startswith(word + " ") or (word.endswith(".") and low.startswith(word)):
            return s[len(word):].strip(), q
    if s and s[0] in _QUALIFIER_SIGNS:
        return s[1:].strip(), _QUALIFIER_SIGNS[s[0]]
    return s, None


def parse_number(value: object, decimal: str | None = ",") -> tuple[float, str | None]:
    """Read a number; returns (value, qualifier) where qualifier is "≈", ">", "<" or None.

    `decimal` is the file's decimal separator: "," for German files (then "1.234" is one
    thousand two hundred thirty-four), "." for English ones, None when unknown (as ",").
    Accepts thousands separators, spaces, currency and percent signs, "Mio."/"Tsd.",
    the Unicode minus and qualifiers like "ca.", "~", "> ", "fast".
    """
    if isinstance(value, bool):
        raise ParseError("bool_not_number")
    if isinstance(value, (int, float, Decimal)):
        try:
            f = float(value)
        except OverflowError:
            raise ParseError("too_large") from None
        if not math.isfinite(f):
            finite = isinstance(value, Decimal) and value.is_finite()   # a JSON number of 5000 digits
            raise ParseError("too_large" if finite else "not_finite")
        return f + 0.0, None   # + 0.0: -0.0 becomes 0.0
    if not isinstance(value, str):
        raise ParseError("not_a_number_type", type=type(value).__name__)
    s = value.strip()
    if not s:
        raise ParseError("empty")
    _ascii_digits(s)
    if _BREAKS.search(s):
        raise ParseError("tab_or_newline")
    if s.lower() in _NON_FINITE:   # what JSON, Parquet and Excel write for NaN and infinity
        raise ParseError("not_finite")
    s, qualifier = _split_qualifier(s)
    scale = 1.0
    m = re.search(r"(?i)\b(mio|mrd|tsd)\.?", s)
    if m:
        scale = _SCALE[m.group(1).lower()]
    s = _UNIT_WORDS.sub("", s).strip()
    s = re.sub(r"(?<=\d)[.,]\s*[-\u2013\u2014]{1,2}$", "", s)   # whole euros: "12,-", "1.250,– €"
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    if _BETWEEN_DIGITS.search(s) and not _SPACE_GROUPS.fullmatch(s):
        raise ParseError("misplaced_spaces")
    s = _SPACES.sub("", s)
    if s.startswith("+"):
        s = s[1:]
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    if not s or not re.fullmatch(r"[0-9.,]+(?:[eE][+-]?\d+)?", s) or not s[0].isdigit() and s[0] not in ".,":
        raise ParseError("not_a_number")
    exp = ""
    m = re.search(r"[eE][+-]?\d+$", s)
    if m:
        exp, s = m.group(0), s[: m.start()]
    dec = decimal or ","
    thousands = "." if dec == "," else ","
    has_dot, has_comma = "." in s, "," in s
    if has_dot and has_comma:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if dec == "," else ","
    elif (has_comma and dec == ".") or (has_dot and dec == ","):
        # only the "thousands" character appears: it is one if the groups are of three
        sep = "," if has_comma else "."
        if re.fullmatch(r"\d{1,3}(" + re.escape(sep) + r"\d{3})+", s):
            thousands = sep
        elif s.count(sep) > 1:   # twice: never a decimal separator
            raise ParseError("bad_thousands")
        else:
            dec, thousands = sep, ("." if sep == "," else ",")
    int_part, _, frac = s.partition(dec)
    if dec in frac:
        raise ParseError("two_decimal_separators")
    if thousands in int_part:
        if not re.fullmatch(r"\d{1,3}(" + re.escape(thousands) + r"\d{3})+", int_part):
            raise ParseError("bad_thousands")
        int_part = int_part.replace(thousands, "")
    if thousands in frac or not (int_part or frac) or not (int_part + frac).isdigit():
        raise ParseError("not_a_number")
    f = float(f"{int_part or '0'}.{frac or '0'}{exp}") * scale
    if not math.isfinite(f):
        raise ParseError("too_large")
    return (-f if neg and f else f), qualifier


_BREAKS = re.compile(r"[\t\n\r\v\f]")
_NON_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


def _ascii_digits(s: str) -> None:
    """Digits other than 0-9 (Arabic-Indic, full-width, …) are refused in numbers and dates alike."""
    for c in s:
        if c.isdigit() and not c.isascii():
            raise ParseError("other_digit", digit=c, hex=f"{ord(c):04X}")


def parse_float(value: object, decimal: str | None = ",") -> float:
    return parse_number(value, decimal)[0]


def parse_int(value: object, decimal: str | None = ",") -> int:
    f = parse_number(value, decimal)[0]
    if f != int(f):
        raise ParseError("not_whole")
    if abs(f) > 2**62:
        raise ParseError("too_large")
    return int(f)


_TIME = r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*Uhr)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2}|\d{4})" + _TIME + "$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DMY_DASH = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_WEEKDAY = re.compile(r"^(?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
                      r"mon|tue|wed|thu|fri|sat|sun)\.?,?\s+(?=\d)", re.I)
_ISO_WEEK = re.compile(r"^\d{4}-?W\d{2}(?:-?\d)?$", re.I)
_ISO_ORDINAL = re.compile(r"^\d{4}-\d{3}$")
_YM_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_MY = re.compile(r"^(\d{1,2})[./](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_Q = re.compile(r"^(?:(\d{4})\s*[-/ ]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4})|([1-4])\.\s*Quartal\s+(\d{4}))$", re.I)
_NAMED = re.compile(r"^(?:(\d{1,2})\.?\s+)?([A-Za-zÄÖÜäöüß]+)\.?\s*(\d{4}|\d{2})$")


def _time_ok(m: re.Match[str], raw: str) -> None:
    """A time after a date (Excel writes "22.02.2024 00:00") is allowed, but must exist."""
    h, mi, sec = m[4], m[5], m[6]
    if h is not None and (int(h) > 23 or int(mi) > 59 or (sec is not None and int(sec) > 59)):
        raise ParseError("bad_time", text=raw)


def _mk(y: int, m: int, d: int, raw: str) -> date:
    if not 1 <= m <= 12:
        raise ParseError("bad_month", month=str(m))
    try:
        return date(y, m, d)
    except ValueError:
        raise ParseError("bad_day", text=raw, day=str(d)) from None


def parse_date(value: object) -> tuple[date, str]:
    """Read a date; returns (date, precision) with precision "day", "month", "quarter" or "year".

    Accepts ISO (2024-02-22, 2024-02), German (22.02.2024, 22.2.24, 22-02-2024, 02.2024, "Februar 2024",
    "22. Februar 2024", "Feb. 2024", "Feb. 24", "Do., 22.02.2024"), 2024/02/22, quarters ("2024-Q1",
    "1. Quartal 2024") and years. Only the digits 0-9 count.
    A month or year is given as its first day.
    """
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    if isinstance(value, bool):
        raise ParseError("not_a_date")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return date(int(value), 1, 1), "year"
        raise ParseError("not_a_date")
    if not isinstance(value, str):
        raise ParseError("not_a_date")
    s = value.strip()
    if not s:
        raise ParseError("empty")
    _ascii_digits(s)
    s = _WEEKDAY.sub("", s)   # "Do., 22.02.2024"
    if _ISO_WEEK.match(s):
        raise ParseError("week_not_date")
    if _ISO_ORDINAL.match(s):
        raise ParseError("ordinal_not_date")
    if m := _ISO.match(s):
        _time_ok(m, s)
        return _mk(int(m[1]), int(m[2]), int(m[3]), s), "day"
    if m := _ISO_BASIC.match(s):
        return _mk(int(m[1]), int(m[2]), int(m[3]), s), "day"
    if m := _DE.match(s):
        _time_ok(m, s)
        y = int(m[3])
        if len(m[3]) == 2:
            y += 2000 if y < 70 else 1900
        return _mk(y, int(m[2]), int(m[1]), s), "day"
    if m := _SLASH.match(s):
        return _mk(int(m[3]), int(m[1]), int(m[2]), s), "day"
    if m := _DMY_DASH.match(s):
        return _mk(int(m[3]), int(m[2]), int(m[1]), s), "day"
    if m := _YMD_SLASH.match(s):
        return _mk(int(m[1]), int(m[2]), int(m[3]), s), "day"
    if m := _YM_ISO.match(s):
        return _mk(int(m[1]), int(m[2]), 1, s), "month"
    if m := _MY.match(s):
        return _mk(int(m[2]), int(m[1]), 1, s), "month"
    if m := _YEAR.match(s):
        y = int(m[1])
        if not 1900 <= y <= 2100:
            raise ParseError("implausible_year", year=str(y))
        return date(y, 1, 1), "year"
    if m := _Q.match(s):
        y = int(m[1] or m[4] or m[6])
        q = int(m[2] or m[3] or m[5])
        return date(y, 3 * q - 2, 1), "quarter"
    if m := _NAMED.match(s):
        month = MONTHS.get(m[2].lower())
        if month is None:
            raise ParseError("unknown_month_name", name=m[2])
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)   # "Feb. 24" is February 2024
        if m[1]:
            return _mk(y, month, int(m[1]), s), "day"
        return date(y, month, 1), "month"
    raise ParseError("unknown_date")


_TRUE = {"ja", "j", "true", "wahr", "1", "x", "yes", "y"}
_FALSE = {"nein", "n", "false", "falsch", "0", "no"}


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ParseError("not_bool")


def parse_text(value: object) -> str:
    """Text is kept as it is (shown literally later); only NUL, which no text holds, is refused."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    if "\x00" in s:
        raise ParseError("nul")
    return s.strip()
