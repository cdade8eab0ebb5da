"""`kjc_tui.core.fmt` in the UI language, for charts, the map and the comparison (no
Textual): every function here only passes `language()` on — the spelling and the one
rounding rule live in `core/fmt.py`.  Plus the 1-2-5 tick steps of the axes."""

from __future__ import annotations

import math
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.core import strings
from kjc_tui.core.strings import scoped
from kjc_tui.ui.i18n import language

strip_controls = fmt.strip_controls


def number(v: Any, decimals: int | None = None) -> str:
    """"1.234,5" / "1,234.5", rounded half up."""
    return fmt.number(v, language(), decimals)


def period(d: Any, kind: str | None) -> str:
    """"08/2026" / "2026-08"."""
    return fmt.period(d, kind, language())


def date_(d: Any) -> str:
    """"01.11.2026" / "2026-11-01"."""
    return fmt.date_(d, language())


def indicator_name(ind: Any, marked: bool = True) -> str:
    """An indicator's name in the UI language (an `IndicatorDef`), marked where it is a figure of
    the whole district ("… (ganze Kreise)", as the Übersicht marks its sum) unless `marked` is False."""
    name = ind.name(language())
    return fmt.strip_controls(scoped(name, getattr(ind, "scope", None), language()) if marked else name)


def scope_mark(ind: Any, short: bool = False) -> str:
    """The mark of a whole-district figure (" (ganze Kreise)", `short` " (Kreis)"), or "" for a
    jobcenter's figure."""
    return strings.scope_mark(getattr(ind, "scope", None), language(), short)


def value(v: float | None, unit: str | None, qualifier: str | None = None, upper: Any = None) -> str:
    return fmt.figure(v, unit, language(), qualifier, upper)


def column(values: list[float], unit: str | None) -> list[str]:
    return fmt.column(values, unit, language())


def compact(v: float, unit: str | None = None) -> str:
    return fmt.compact(v, unit, language())


def tick_labels(ticks: list[float], unit: str | None = None) -> list[str]:
    return fmt.tick_labels(ticks, unit, language())


def ratio(numerator: float, denominator: float, width: int) -> str:
    return fmt.fraction(numerator, denominator, width, language())


def signed(v: float | None, unit: str | None, relative: bool = False) -> str:
    return fmt.deviation(v, unit, language(), relative)


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
