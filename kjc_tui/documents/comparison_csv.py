"""The Vergleich table as a German-Excel CSV (';', decimal comma, CRLF, UTF-8 with BOM), by the
one CSV writer (`read/export.py`), worded in the UI's language (`documents.words`): the read
layer's `Comparison` holds codes and numbers, this file names them."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.core.strings import STRINGS
from kjc_tui.documents.words import indicator_name, reference, w
from kjc_tui.read.compare import GROUP_GE, GROUP_HESSEN, GROUP_KJC, POINT_UNITS, Comparison, Member, shown_deviation
from kjc_tui.read.export import export_rows

_REFS = {GROUP_HESSEN: "hessen", GROUP_KJC: "kjc", GROUP_GE: "ge"}


def write_comparison_csv(comp: Comparison, path: Path | str, lang: str = "de") -> Path:
    """The comparison as a CSV file; synthetic data says so in its first line."""
    header, rows = comparison_csv_rows(comp, lang)
    # computed values to six places by the one rule (a mean is 15,1, not 15,100000000000001)
    rows = [[float(fmt.half_up(v, 6)) if isinstance(v, float) and math.isfinite(v) else v for v in r] for r in rows]
    export_rows(header, rows, path, note=w("doc.csv.synthetic", lang) if comp.synthetic else None)
    return Path(path)


def member_name(m: Member, lang: str) -> str:
    """"Odenwaldkreis", "gE-Ø (10)", "Typ IIIc-Ø (3)", "Jobcenter X (außerhalb Hessens)"."""
    if m.is_group:
        code = _REFS.get(m.token) or f"type:{m.name}"
        return f"{reference(code, lang)} ({m.size})"
    return w("group.peer", lang, name=m.name) if m.peer else m.name


def comparison_csv_rows(comp: Comparison, lang: str = "de") -> tuple[list[str], list[list[Any]]]:
    """The comparison table flattened for CSV export: header and rows of plain values.

    The deviation is the one on screen, in one of two columns by its unit: percentage points
    for percentages, percent for counts and amounts. Every value is at its row's common period,
    with its qualifier and upper end beside it (the screen's "≈ 4.555", "6.555–7.055").
    """
    def month(d: date | None) -> str:
        return fmt.date_(d, lang, "month") if d else ""

    header = [w("col.indicator", lang), w("doc.csv.name", lang), w("doc.csv.unit", lang), reference("hessen", lang)]
    columns = ["col.value", "doc.csv.qualifier", "doc.csv.upper", "col.period", "col.as_of", "doc.csv.numerator", "doc.csv.denominator",
               "doc.csv.dev_points", "doc.csv.dev_percent", "doc.csv.rank_set", "doc.csv.rank_type", "col.source"]
    for m in comp.members:
        name = member_name(m, lang)
        header += [f"{name}: {w(c, lang)}" for c in columns]
    rows = []
    for r in comp.rows:
        unit = r.indicator.unit
        unit_name = w(f"doc.unit.{unit}", lang) if f"doc.unit.{unit}" in STRINGS else unit or ""
        line: list[Any] = [r.indicator.code, indicator_name(r.indicator, lang), unit_name, r.hessen]
        for m, c in zip(comp.members, r.cells):
            source = c.source or (w("doc.csv.group_source", lang, n=c.n) if m.is_group and c.value is not None else "")
            dev = shown_deviation(c, unit)
            points, percent = (dev, None) if unit in POINT_UNITS else (None, None if dev is None else dev * 100)
            # "1 von 3", not "1/3": German Excel would read that as the date 1 March
            # how exact the value is as its own column (≈ > < Ø ↔, empty when exact), and a range's upper end
            qualifier = c.qualifier if c.qualifier not in (None, "=") else ""
            line += [c.value, qualifier, c.upper, month(c.period), c.as_of, c.numerator, c.denominator, points, percent,
                     w("doc.rank_of", lang, rank=c.rank, of=c.rank_of) if c.rank else "",
                     w("doc.rank_of", lang, rank=c.rank_type, of=c.rank_type_of) if c.rank_type else "", source]
        rows.append(line)
    return header, rows
