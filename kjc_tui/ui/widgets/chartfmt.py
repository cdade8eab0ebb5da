"""Number formats for charts, the map and the comparison (no Textual), on top of
`kjc_tui.core.fmt`: compact axis ticks ("1,2 Mio."), deviations in percentage points,
1-2-5 tick steps."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.ui.i18n import language

literal = fmt.literal


def half_up(v: Any, decimals: int) -> Any:
    """Commercial rounding of a float that is a few ulps off its decimal value: the mean
    1,5499999… of 1,4 and 1,7 is 1,55 and shows as 1,6, not 1,5."""
    if not isinstance(v, float) or not math.isfinite(v):
        return v
    exact = Decimal(repr(round(v, 10)))
    return float(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def number(v: Any, decimals: int | None = None) -> str:
    """`fmt.number` in the UI language ("1.234,5" / "1,234.5"), rounded half up."""
    return fmt.number(half_up(v, 2 if decimals is None else decimals), language(), decimals)


def period(d: Any, kind: str | None) -> str:
    """`fmt.period` in the UI language ("08/2026" / "2026-08")."""
    return fmt.period(d, kind, language())


def date_(d: Any) -> str:
    """`fmt.date_` in the UI language ("01.11.2026" / "2026-11-01")."""
    return fmt.date_(d, language())


def indicator_name(ind: Any) -> str:
    """An indicator's name in the UI language (an `IndicatorDef`)."""
    return literal(ind.name(language()))


def unit_suffix(unit: str | None) -> str:
    sep = " " if language() == "de" else ""
    return {"percent": sep + "%", "percent_change": sep + "%", "eur": " €"}.get(unit or "", "")


def million() -> str:
    return " Mio." if language() == "de" else " M"


def value(v: float | None, unit: str | None, qualifier: str | None = None) -> str:
    """A value with its unit: "24,6 %", "1.056.700 €", "4.555", "+1,7 %"; counts and amounts
    of 100 and more (averages) as whole numbers."""
    if v is not None and unit in ("count", "eur") and abs(v) >= 100:
        v = float(round(v))
    v = half_up(v, 1 if unit in ("percent", "percent_change") else 2)
    return minus(fmt.value(v, unit, language(), qualifier=qualifier))


def column(values: list[float], unit: str | None) -> list[str]:
    """Values of one column with the same number of decimals ("44,20", "73,37"), so they
    line up and compare: none from 100, one from 10, else two; percentages one."""
    if unit in ("count", "eur"):
        return [value(v, unit) for v in values]
    top = max((abs(v) for v in values), default=0.0)
    decimals = 1 if unit in ("percent", "percent_change") else (0 if top >= 100 else 1 if top >= 10 else 2)
    return [minus(number(v, decimals=decimals)) + unit_suffix(unit) for v in values]


def minus(text: str) -> str:
    """The typographic minus (−) for a leading hyphen, as in the deviations ("−1,4 Pp.")."""
    return "−" + text[1:] if text.startswith("-") else text


def compact(v: float, unit: str | None = None) -> str:
    """Short tick labels: 1.200 → "1.200", 1.250.000 → "1,2 Mio.", 15.5 → "15,5"."""
    a = abs(v)
    if a >= 1_000_000:
        s = number(v / 1_000_000, decimals=1).removesuffix(",0").removesuffix(".0") + million()
    elif a >= 100 or float(v).is_integer():
        s = number(v, decimals=0)
    else:
        s = number(v, decimals=2 if a < 1 else 1)
        point = "," if language() == "de" else "."
        if point in s:
            s = s.rstrip("0").rstrip(point)
    return minus(s) + unit_suffix(unit)


def tick_labels(ticks: list[float], unit: str | None = None) -> list[str]:
    """Axis labels with the decimals the tick step needs, so no two ticks read the same:
    [1.45, 1.5, 1.55] → "1,45 %", "1,50 %", "1,55 %"; [0, 500, 1000] → "0", "500", "1.000"."""
    if len(ticks) < 2:
        return [compact(t, unit) for t in ticks]
    step = abs(ticks[1] - ticks[0]) or 1.0
    scale, suffix = (1_000_000, million()) if max(abs(t) for t in ticks) >= 1_000_000 else (1, "")
    step /= scale
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if abs(round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6:
        decimals += 1  # 2,5 / 0,25 steps
    return [minus(number(t / scale, decimals=decimals)) + suffix + unit_suffix(unit) for t in ticks]


def ratio(numerator: float, denominator: float, width: int) -> str:
    """Zähler/Nenner in at most `width` cells if it can be: "1.355/9.110", else both parts
    scaled together ("20,6 Mio./21,3 Mio.", "20,6/21,3 Mio.", "11,5/459 Tsd."), the unit
    losing its dot last ("20,6/21,3 Mio")."""
    text = f"{number(numerator)}/{number(denominator)}"
    if len(text) <= width:
        return text
    top = max(abs(numerator), abs(denominator))
    for scale, unit in ((1_000_000, million()), (1_000, " Tsd." if language() == "de" else " k")):
        if top < scale:
            continue
        a, b = (minus(number(v / scale, decimals=1 if abs(v) / scale < 100 else 0)) for v in (numerator, denominator))
        for text in (f"{a}{unit}/{b}{unit}", f"{a}/{b}{unit}", f"{a}/{b}{unit.rstrip('.')}"):
            if len(text) <= width:
                return text
    return text


def signed(v: float | None, unit: str | None, relative: bool = False) -> str:
    """A deviation: "+2,1 Pp." for percentages, "+12 %" relative, else "+1.234"."""
    if v is None:
        return "–"
    if relative:
        body = number(abs(v) * 100, decimals=0) + unit_suffix("percent")
    elif unit in ("percent", "percent_change"):
        body = number(abs(v), decimals=1) + (" Pp." if language() == "de" else " pp")
    else:
        body = number(abs(v), decimals=0 if abs(v) >= 100 else 1) + unit_suffix(unit)
    zero = not any(ch in "123456789" for ch in body)
    sign = "±" if zero else ("+" if v > 0 else "−")
    return sign + body


def nice_ticks(lo: float, hi: float, max_ticks: int = 6, cover: bool = False) -> list[float]:
    """Ticks at 1-2-5 steps inside [lo, hi]; with `cover`, extended to enclose it."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(1, max_ticks - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t <= hi + step * (0.999 if cover else 1e-9):
        if cover or t >= lo - step * 1e-9:
            ticks.append(round(t, 10))
        t += step
    return ticks
