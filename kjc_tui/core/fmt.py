"""Number, money, percent and date formatting in German (default) and English.

Pure functions, no Textual: the CLI, exports and the UI share them.

    >>> money(1056700)
    '1.056.700 €'
    >>> percent(24.6)
    '24,6 %'
    >>> date_(datetime.date(2024, 2, 22))
    '22.02.2024'
"""

from __future__ import annotations

import datetime
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

#: how a missing figure is shown: never as zero
MISSING = "–"

_QUALIFIER_PREFIX = {"=": "", "≈": "≈ ", ">": "> ", "<": "< ", "Ø": "Ø ", "–": ""}
#: bidirectional overrides and isolates: invisible, but they reorder what follows
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_SPARK = "▁▂▃▄▅▆▇█"


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _group(text: str, lang: str) -> str:
    """Swap Python's ',' grouping and '.' decimal point for the language's."""
    if lang == "de":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def number(value: Any, lang: str = "de", decimals: int | None = None) -> str:
    """1.056.700 (de) / 1,056,700 (en). Without `decimals`: whole numbers without,
    others with up to two decimals (trailing zeros dropped)."""
    if _is_missing(value):
        return MISSING
    v = float(value)
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    if decimals is None:
        if isinstance(value, int) or v.is_integer():
            text = f"{int(round(v)):,}"
        else:
            text = f"{v:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{v:,.{decimals}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    return _group(text, lang)


def count(n: int, one: str, many: str, lang: str = "de", width: int = 0) -> str:
    """"1 Zeile", "2.345 Zeilen": the number (grouped, right-aligned in `width`) and the noun in the
    singular or plural."""
    return f"{number(n, lang):>{width}} {one if n == 1 else many}"


def money(value: Any, lang: str = "de", decimals: int = 0) -> str:
    """1.056.700 € (de) / €1,056,700 (en)."""
    if _is_missing(value):
        return MISSING
    n = number(value, lang, decimals)
    if lang == "de":
        return f"{n} €"
    return f"-€{n[1:]}" if n.startswith("-") else f"€{n}"


def percent(value: Any, lang: str = "de", decimals: int = 1, signed: bool = False) -> str:
    """24,6 % (de) / 24.6% (en); `value` is already in percent (24.6, not 0.246)."""
    if _is_missing(value):
        return MISSING
    n = number(value, lang, decimals)
    if signed and float(value) > 0:
        n = "+" + n
    return f"{n} %" if lang == "de" else f"{n}%"


def share(value: Any, lang: str = "de", decimals: int = 1) -> str:
    """A fraction (0.246) as percent (24,6 %)."""
    if _is_missing(value):
        return MISSING
    return percent(float(value) * 100, lang, decimals)


def ratio(value: Any, lang: str = "de", decimals: int = 2) -> str:
    if _is_missing(value):
        return MISSING
    return number(value, lang, decimals)


#: decimals a figure of each unit is shown with; aggregates and deviations are rounded the same way
UNIT_DECIMALS = {"count": 0, "eur": 0, "percent": 1, "percent_change": 1, "ratio": 2}


def rounded(v: Any, unit: str | None) -> float | None:
    """The figure as shown: rounded half up on its decimal value to its unit's decimals.

    Deviations are computed from these shown figures (1,6 % − 1,5 % = +0,1 Pp., never
    "±0,0" beside two different figures)."""
    if _is_missing(v):
        return None
    from decimal import ROUND_HALF_UP, Decimal

    places = UNIT_DECIMALS.get(unit or "", 2)
    # binary noise first (a mean of 1,5 1,6 1,5 1,6 is 1.5499999999999998 as a float, 1,55 as a decimal)
    exact = Decimal(repr(round(float(v), 9)))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def value(v: Any, unit: str | None, lang: str = "de", qualifier: str | None = None, upper: Any = None) -> str:
    """A figure formatted by its unit (count, percent, percent_change, eur, ratio) as its source
    said it: "≈ 15.000", "> 4.500", "< 9.000", "Ø 2.000", and a range with both ends
    (qualifier "–" and `upper`): "400–500", "20–25 %". Screens, exports and reports use this one."""
    if _is_missing(v):
        return MISSING
    if qualifier == "–" and not _is_missing(upper):
        return _range(v, upper, unit, lang)
    if unit == "percent":
        text = percent(v, lang)
    elif unit == "percent_change":
        text = percent(v, lang, signed=True)
    elif unit == "eur":
        text = money(v, lang)
    elif unit == "ratio":
        text = ratio(v, lang)
    else:
        text = number(v, lang)
    return qualified(text, qualifier)


def _range(low: Any, high: Any, unit: str | None, lang: str) -> str:
    """Both ends of a range, the unit once: 400–500, 20–25 %, 1.000–2.000 €."""
    ends = f"{number(low, lang)}–{number(high, lang)}"
    if unit in ("percent", "percent_change"):
        return f"{ends} %" if lang == "de" else f"{ends}%"
    if unit == "eur":
        return f"{ends} €" if lang == "de" else f"€{ends}"
    return ends


def qualified(text: str, qualifier: str | None) -> str:
    """Prefix a formatted figure with what the source really said: ≈, >, <, Ø (a range needs
    both ends: `value` with `upper`)."""
    if not qualifier or text == MISSING:
        return text
    return _QUALIFIER_PREFIX.get(qualifier, qualifier + " ") + text


def _as_date(d: Any) -> datetime.date | None:
    if _is_missing(d):
        return None
    if isinstance(d, datetime.datetime):
        return d.date()
    if isinstance(d, datetime.date):
        return d
    if isinstance(d, str):
        try:
            return datetime.date.fromisoformat(d[:10])
        except ValueError:
            return None
    return None


def date_(d: Any, lang: str = "de", precision: str | None = "day") -> str:
    """22.02.2024 (de) / 2024-02-22 (en); month precision 02/2024, year 2024."""
    dd = _as_date(d)
    if dd is None:
        return MISSING
    if precision == "year":
        return f"{dd.year}"
    if precision == "month":
        return f"{dd.month:02d}/{dd.year}" if lang == "de" else f"{dd.year}-{dd.month:02d}"
    return f"{dd.day:02d}.{dd.month:02d}.{dd.year}" if lang == "de" else dd.isoformat()


def period(d: Any, kind: str | None, lang: str = "de") -> str:
    """A reporting period by its kind: day, month (02/2024), quarter (Q1/2024), year (2024)."""
    dd = _as_date(d)
    if dd is None:
        return MISSING
    if kind == "quarter":
        q = (dd.month - 1) // 3 + 1
        return f"Q{q}/{dd.year}" if lang == "de" else f"{dd.year} Q{q}"
    if kind in ("month", "year"):
        return date_(dd, lang, kind)
    return date_(dd, lang)


def date_range(start: Any, end: Any, lang: str = "de", precision: str | None = "day") -> str:
    a, b = date_(start, lang, precision), date_(end, lang, precision)
    if b == MISSING or a == b:
        return a
    return f"{a}–{b}"


def timestamp(t: Any, lang: str = "de") -> str:
    """22.02.2024 14:05 (de) / 2024-02-22 14:05 (en)."""
    if not isinstance(t, datetime.datetime):
        return date_(t, lang)
    return f"{date_(t, lang)} {t.hour:02d}:{t.minute:02d}"


def literal(text: Any) -> str:
    """A value for display: control characters (escape sequences, bidi overrides) removed,
    line breaks and tabs turned into spaces. Never interpreted as markup by the caller."""
    if text is None:
        return ""
    s = str(text)
    out = []
    for ch in s:
        if ch in "\t\n\r\v\f":
            out.append(" ")
        elif ch in _BIDI or unicodedata.category(ch) == "Cc":
            continue
        else:
            out.append(ch)
    return "".join(out)


def sparkline(values: Sequence[Any]) -> str:
    """▁▃▅█ for a short series; missing values as spaces."""
    nums = [float(v) for v in values if not _is_missing(v)]
    if not nums:
        return ""
    lo, hi = min(nums), max(nums)
    span = hi - lo
    out = []
    for v in values:
        if _is_missing(v):
            out.append(" ")
        elif span == 0:
            out.append(_SPARK[3])
        else:
            out.append(_SPARK[min(7, int((float(v) - lo) / span * 7.999))])
    return "".join(out)


def trend(current: Any, previous: Any) -> str:
    """↑, ↓ or → comparing the latest with the previous value; '' when one is missing."""
    if _is_missing(current) or _is_missing(previous):
        return ""
    c, p = float(current), float(previous)
    if math.isclose(c, p, rel_tol=1e-9, abs_tol=1e-12):
        return "→"
    return "↑" if c > p else "↓"


def trend_is_good(current: Any, previous: Any, higher_is_better: bool | None) -> bool | None:
    """Whether the change is an improvement; None when unknown or unchanged."""
    arrow = trend(current, previous)
    if higher_is_better is None or arrow in ("", "→"):
        return None
    return (arrow == "↑") == bool(higher_is_better)
