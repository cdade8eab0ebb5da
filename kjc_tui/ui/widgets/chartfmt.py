"""Number formats for charts, the map and the comparison (no Textual), on top of
`kjc_tui.fmt`: compact axis ticks ("1,2 Mio."), deviations in percentage points,
1-2-5 tick steps."""

from __future__ import annotations

import math

from kjc_tui import fmt

number = fmt.number
period = fmt.period
literal = fmt.literal


def unit_suffix(unit: str | None) -> str:
    return {"percent": " %", "percent_change": " %", "eur": " €"}.get(unit or "", "")


def value(v: float | None, unit: str | None, qualifier: str | None = None) -> str:
    """A value with its unit: "24,6 %", "1.056.700 €", "4.555", "+1,7 %"; counts and amounts
    of 100 and more (averages) as whole numbers."""
    if v is not None and unit in ("count", "eur") and abs(v) >= 100:
        v = float(round(v))
    return minus(fmt.value(v, unit, qualifier=qualifier))


def column(values: list[float], unit: str | None) -> list[str]:
    """Values of one column with the same number of decimals ("44,20", "73,37"), so they
    line up and compare: none from 100, one from 10, else two; percentages one."""
    if unit in ("count", "eur"):
        return [value(v, unit) for v in values]
    top = max((abs(v) for v in values), default=0.0)
    decimals = 1 if unit in ("percent", "percent_change") else (0 if top >= 100 else 1 if top >= 10 else 2)
    return [minus(fmt.number(v, decimals=decimals)) + unit_suffix(unit) for v in values]


def minus(text: str) -> str:
    """The typographic minus (−) for a leading hyphen, as in the deviations ("−1,4 Pp.")."""
    return "−" + text[1:] if text.startswith("-") else text


def compact(v: float, unit: str | None = None) -> str:
    """Short tick labels: 1.200 → "1.200", 1.250.000 → "1,2 Mio.", 15.5 → "15,5"."""
    a = abs(v)
    if a >= 1_000_000:
        s = number(v / 1_000_000, decimals=1).removesuffix(",0") + " Mio."
    elif a >= 100 or float(v).is_integer():
        s = number(v, decimals=0)
    else:
        s = number(v, decimals=2 if a < 1 else 1)
        if "," in s:
            s = s.rstrip("0").rstrip(",")
    return minus(s) + unit_suffix(unit)


def ratio(numerator: float, denominator: float, width: int) -> str:
    """Zähler/Nenner in at most `width` cells if it can be: "1.355/9.110", else compact
    ("20,6 Mio./21,3 Mio."), else with the unit once ("20,6/21,3 Mio.", "20,6/21,3 Mio")."""
    full = f"{number(numerator)}/{number(denominator)}"
    if len(full) <= width:
        return full
    short = f"{compact(numerator)}/{compact(denominator)}"
    if len(short) > width and short.count(" Mio.") == 2:
        short = short.replace(" Mio./", "/", 1)
        if len(short) > width:
            short = short.removesuffix(".")
    return short


def signed(v: float | None, unit: str | None, relative: bool = False) -> str:
    """A deviation: "+2,1 Pp." for percentages, "+12 %" relative, else "+1.234"."""
    if v is None:
        return "–"
    if relative:
        body = number(abs(v) * 100, decimals=0) + " %"
    elif unit in ("percent", "percent_change"):
        body = number(abs(v), decimals=1) + " Pp."
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
