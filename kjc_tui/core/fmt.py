"""Every number, amount, percentage and date the user sees, in German (default) or English.

The one formatter of the package: the screens, the CLI and the exports all spell figures
here.  Pure functions, no Textual.  One rounding rule for all of them — half up on the
decimal value a float stands for (1,55 → 1,6; −1,25 → −1,3; the mean 1,5499999… of 1,4
and 1,7 is 1,55) — and the typographic minus (−) for negative figures on screen.  Files
for German Excel spell numbers with the hyphen-minus Excel reads (:func:`excel`).

    >>> money(1056700)
    '1.056.700 €'
    >>> percent(24.6)
    '24,6 %'
    >>> percent(-1.25)
    '−1,3 %'
    >>> date_(datetime.date(2024, 2, 22))
    '22.02.2024'
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, overload

#: how a missing figure is shown: never as zero
MISSING = "–"
#: the typographic minus of negative figures on screen
MINUS = "−"

_QUALIFIER_PREFIX = {"=": "", "≈": "≈ ", ">": "> ", "<": "< ", "Ø": "Ø ", "↔": ""}
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


#: significant digits a float is read with (its noise lies in the 16th and 17th) …
_SIGNIFICANT = 12
#: … but never fewer than down to the cent: 12.345.678.901,23 € keeps its cents
_CENTS = 2


def decimal(value: Any) -> Decimal:
    """The decimal value a number stands for: a float by its first 12 significant digits,
    which drops the noise of binary arithmetic (1,4 + 1,7 = 3,0999999999999996 is 3,1;
    15,1 − 14,45 = 0,6499999999999986 is 0,65) and keeps every digit a figure really has —
    for large figures (from 10^10 on) as many as reach the cent, up to the 17 a float holds."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    f = float(value)
    digits = _SIGNIFICANT
    if math.isfinite(f) and f != 0:
        digits = min(17, max(_SIGNIFICANT, math.floor(math.log10(abs(f))) + 1 + _CENTS))
    return Decimal(format(f, f".{digits}g"))


def half_up(value: Any, decimals: int) -> Decimal:
    """`value` rounded to `decimals` places, halves away from zero (kaufmännisch)."""
    d = decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return d.copy_abs() if d.is_zero() else d  # no "−0,0"


def minus(text: str) -> str:
    """The typographic minus (−) for a leading hyphen."""
    return MINUS + text[1:] if text.startswith("-") else text


def number(value: Any, lang: str = "de", decimals: int | None = None) -> str:
    """1.056.700 (de) / 1,056,700 (en), negative with "−". Without `decimals`: whole numbers
    without, others with up to two decimals (trailing zeros dropped)."""
    if _is_missing(value):
        return MISSING
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            text = f"{int(value):,}"
        else:
            text = f"{half_up(value, 2):,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{half_up(value, decimals):,.{decimals}f}"
    if text in ("-0",):
        text = "0"
    return minus(_group(text, lang))


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
    return f"{MINUS}€{n[1:]}" if n.startswith(MINUS) else f"€{n}"


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
UNIT_DECIMALS = {"count": 0, "eur": 0, "percent": 1, "percent_change": 1, "ratio": 2, "km2": 2}


@overload
def rounded(v: float, unit: str | None) -> float: ...
@overload
def rounded(v: None, unit: str | None) -> None: ...
@overload
def rounded(v: float | None, unit: str | None) -> float | None: ...
def rounded(v: Any, unit: str | None) -> float | None:
    """The figure as shown: rounded half up on its decimal value to its unit's decimals
    (None and NaN, which no stored figure is, come back as None).

    Deviations are computed from these shown figures (1,6 % − 1,5 % = +0,1 Pp., never
    "±0,0" beside two different figures)."""
    if _is_missing(v) or math.isinf(float(v)):
        return None if _is_missing(v) else float(v)
    return float(half_up(v, UNIT_DECIMALS.get(unit or "", 2)))


def value(v: Any, unit: str | None, lang: str = "de", qualifier: str | None = None, upper: Any = None) -> str:
    """A figure formatted by its unit (count, percent, percent_change, eur, ratio, km2) as its source
    said it: "≈ 15.000", "> 4.500", "< 9.000", "Ø 2.000", and a range with both ends
    (qualifier "↔" and `upper`): "400–500", "20–25 %". Screens, exports and reports use this one."""
    if _is_missing(v):
        return MISSING
    if qualifier == "↔" and not _is_missing(upper):
        return _range(v, upper, unit, lang)
    if unit == "percent":
        text = percent(v, lang)
    elif unit == "percent_change":
        text = percent(v, lang, signed=True)
    elif unit == "eur":
        text = money(v, lang)
    elif unit == "ratio":
        text = ratio(v, lang)
    elif unit == "km2":
        text = number(v, lang, UNIT_DECIMALS["km2"]) + unit_suffix(unit, lang)
    else:
        text = number(v, lang)
    return qualified(text, qualifier)


def of_row(row: Mapping[str, Any], key: str, unit: str | None = "count", lang: str = "de") -> str:
    """The figure `key` of a row (staffing, BASS, events, budgets) as its source said it: with its
    own qualifier and range end, the columns `<key>_qualifier` and `<key>_upper`."""
    return value(row.get(key), unit, lang, row.get(f"{key}_qualifier"), row.get(f"{key}_upper"))


INEXACT = frozenset({"≈", "<", ">", "↔"})


def derived_qualifier(*qualifiers: str | None) -> str | None:
    """A ratio of figures of which one is not exact ("≈ 9.000", "> 270", a range) is itself only
    approximate: "≈"; else None."""
    return "≈" if any(q in INEXACT for q in qualifiers) else None


def _range(low: Any, high: Any, unit: str | None, lang: str) -> str:
    """Both ends of a range, the unit once: 400–500, 20–25 %, 1.000–2.000 €."""
    ends = f"{number(low, lang)}–{number(high, lang)}"
    if unit in ("percent", "percent_change"):
        return f"{ends} %" if lang == "de" else f"{ends}%"
    if unit == "eur":
        return f"{ends} €" if lang == "de" else f"€{ends}"
    return ends + unit_suffix(unit, lang)


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


def period_span(first: Any, last: Any, kind: str | None, lang: str = "de") -> str:
    """The periods of values summed across jobcenters, compactly: 12/2024, 10–11/2025, 2006–2025
    (English: 2024-12, 2025-10–11, 2006–2025); "" when either end is unknown."""
    a, b = _as_date(first), _as_date(last)
    if a is None or b is None:
        return ""
    if a == b:
        return period(b, kind, lang)
    if a.year != b.year:
        return f"{a.year}–{b.year}"
    if a.month != b.month:
        return f"{a.month:02d}–{b.month:02d}/{b.year}" if lang == "de" else f"{b.year}-{a.month:02d}–{b.month:02d}"
    return date_range(a, b, lang)


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


def strip_controls(text: Any) -> str:
    """A value for display with its control characters (escape sequences, bidi overrides)
    removed and line breaks and tabs turned into spaces (names, titles, messages).  Tabellen
    shows them instead: :func:`show_controls`.  Never interpreted as markup by the caller."""
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


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _picture(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # ␀ … ␟ (␛ for ESC, ␊ for a line feed)
    if c == 0x7F:
        return "␡"
    return f"\\u{c:04x}"


def show_controls(text: str) -> str:
    """Text with every control or invisible formatting character shown as a visible sign
    (␛, ␊, \\u202e): the raw cells of Tabellen, where hiding them would hide the data."""
    return _CONTROL.sub(_picture, text)


def exact(value: Any, lang: str = "de", grouped: bool = True) -> str:
    """A number with all its digits, as stored (Tabellen's cells): "1.234.567,5", "−0,25",
    "1e+20"; `grouped` False for years and codes ("2024")."""
    if isinstance(value, int):
        text = f"{value:,}" if grouped else str(value)
        return minus(_group(text, lang))
    s = repr(value) if isinstance(value, float) else str(value)
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):
        return minus(_group(s, lang))
    whole, _, frac = s.partition(".")
    text = f"{int(whole):,}" if grouped else whole
    if whole.startswith("-") and not text.startswith("-"):
        text = "-" + text  # -0.5
    if frac and frac != "0":
        text += "." + frac
    return minus(_group(text, lang))


def excel(value: Any) -> str:
    """A value in a CSV for German Excel: decimal comma, no grouping, hyphen-minus, all
    digits (Excel rounds for display itself), dates TT.MM.JJJJ, empty for missing.  The
    large exports spell numbers the same way in SQL (`read/export.py`); a test holds the two
    together."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (int, float, Decimal)):
        return exact(value, grouped=False).replace(MINUS, "-")
    return str(value)


# -- charts, the map and the comparison ------------------------------------------------------


def unit_suffix(unit: str | None, lang: str = "de") -> str:
    """" %", " €", " km²" (de) / "%", " €", " km²" (en) after a figure of the unit; "" for counts."""
    sep = " " if lang == "de" else ""
    return {"percent": sep + "%", "percent_change": sep + "%", "eur": " €", "km2": " km²"}.get(unit or "", "")


def _million(lang: str) -> str:
    return " Mio." if lang == "de" else " M"


def figure(v: float | None, unit: str | None, lang: str = "de", qualifier: str | None = None,
           upper: Any = None) -> str:
    """A value with its unit as charts and the comparison show it: "24,6 %", "1.056.700 €",
    "4.555", "+1,7 %"; counts and amounts of 100 and more (averages) as whole numbers."""
    if v is not None and unit in ("count", "eur") and abs(v) >= 100:
        v = rounded(v, unit)
    return value(v, unit, lang, qualifier, upper)


def column(values: list[float], unit: str | None, lang: str = "de") -> list[str]:
    """Values of one column with the same number of decimals ("44,20", "73,37"), so they
    line up and compare: none from 100, one from 10, else two; percentages one."""
    if unit in ("count", "eur"):
        return [figure(v, unit, lang) for v in values]
    top = max((abs(v) for v in values), default=0.0)
    decimals = 1 if unit in ("percent", "percent_change") else (0 if top >= 100 else 1 if top >= 10 else 2)
    return [number(v, lang, decimals) + unit_suffix(unit, lang) for v in values]


def compact(v: float, unit: str | None = None, lang: str = "de") -> str:
    """Short tick labels: 1.200 → "1.200", 1.250.000 → "1,2 Mio.", 15.5 → "15,5"."""
    a = abs(v)
    point = "," if lang == "de" else "."
    if a >= 1_000_000:
        s = number(v / 1_000_000, lang, 1).removesuffix(point + "0") + _million(lang)
    elif a >= 100 or float(v).is_integer():
        s = number(v, lang, 0)
    else:
        s = number(v, lang, 2 if a < 1 else 1)
        if point in s:
            s = s.rstrip("0").rstrip(point)
    return s + unit_suffix(unit, lang)


def tick_labels(ticks: list[float], unit: str | None = None, lang: str = "de") -> list[str]:
    """Axis labels with the decimals the tick step needs, so no two ticks read the same:
    [1.45, 1.5, 1.55] → "1,45 %", "1,50 %", "1,55 %"; [0, 500, 1000] → "0", "500", "1.000"."""
    if len(ticks) < 2:
        return [compact(t, unit, lang) for t in ticks]
    step = abs(ticks[1] - ticks[0]) or 1.0
    scale, suffix = (1_000_000, _million(lang)) if max(abs(t) for t in ticks) >= 1_000_000 else (1, "")
    step /= scale
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if abs(round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6:
        decimals += 1  # 2,5 / 0,25 steps
    return [number(t / scale, lang, decimals) + suffix + unit_suffix(unit, lang) for t in ticks]


def fraction(numerator: float, denominator: float, width: int, lang: str = "de") -> str:
    """Zähler/Nenner in at most `width` cells if it can be: "1.355/9.110", else both parts
    scaled together ("20,6 Mio./21,3 Mio.", "20,6/21,3 Mio.", "11,5/459 Tsd."), the unit
    losing its dot last ("20,6/21,3 Mio")."""
    text = f"{number(numerator, lang)}/{number(denominator, lang)}"
    if len(text) <= width:
        return text
    top = max(abs(numerator), abs(denominator))
    for scale, unit in ((1_000_000, _million(lang)), (1_000, " Tsd." if lang == "de" else " k")):
        if top < scale:
            continue
        a, b = (number(v / scale, lang, 1 if abs(v) / scale < 100 else 0) for v in (numerator, denominator))
        for text in (f"{a}{unit}/{b}{unit}", f"{a}/{b}{unit}", f"{a}/{b}{unit.rstrip('.')}"):
            if len(text) <= width:
                return text
    return text


def deviation(v: float | None, unit: str | None, lang: str = "de", relative: bool = False) -> str:
    """A deviation: "+2,1 Pp." for percentages, "+12 %" relative, else "+1.234"; "±0" when it
    rounds to nothing."""
    if v is None:
        return MISSING
    if relative:
        body = number(abs(v) * 100, lang, 0) + unit_suffix("percent", lang)
    elif unit in ("percent", "percent_change"):
        body = number(abs(v), lang, 1) + (" Pp." if lang == "de" else " pp")
    else:
        body = number(abs(v), lang, 0 if abs(v) >= 100 else 1) + unit_suffix(unit, lang)
    zero = not any(ch in "123456789" for ch in body)
    sign = "±" if zero else ("+" if v > 0 else MINUS)
    return sign + body


def z_difference(v: float, lang: str = "de") -> str:
    """A difference of z-scores, signed, one decimal: "+1,2", "−1,8"."""
    text = number(v, lang, 1)
    return text if text.startswith(MINUS) else "+" + text


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
