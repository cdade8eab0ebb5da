"""The report as an Excel workbook: the numbers on sheets (numbers, not text) and native Excel
charts (openpyxl.chart) that an office can restyle without redrawing them."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from kjc_tui.documents.layout import Cell, Chart, Document, KeyValues, Notes, Table
from kjc_tui.documents.words import indicator, reference, w
from kjc_tui.read.reports.model import BarChart, LineChart

#: Excel number formats by the unit of a cell (Excel shows them with the user's separators)
NUMBER_FORMATS = {"count": "#,##0", "percent": '0.0" %"', "percent_change": '+0.0" %";-0.0" %";0.0" %"',
                  "points": '+0.0;-0.0;0.0', "share": '+0.0%;-0.0%;0.0%', "eur": '#,##0" €"', "ratio": "#,##0.00",
                  "km2": '#,##0.00" km²"',
                  "date": "DD.MM.YYYY"}
_FILLS = {"met": "1A7F37", "good": "1A7F37", "missed": "B42318", "bad": "B42318", "open": "555555",
          "undirected": "555555"}


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Tabelle"
    out, n = base, 1
    while out.lower() in taken:
        n += 1
        out = f"{base[:28]} {n}"
    taken.add(out.lower())
    return out


def _write_cell(ws: Any, row: int, col: int, c: Cell) -> None:
    from openpyxl.styles import Font

    v = c.value
    if isinstance(v, (int, float)) and not isinstance(v, bool) and c.unit in NUMBER_FORMATS:
        cell = ws.cell(row, col, v)
        cell.number_format = NUMBER_FORMATS[c.unit]
    elif isinstance(v, date) and c.unit == "date":
        cell = ws.cell(row, col, v)
        cell.number_format = NUMBER_FORMATS["date"]
    else:
        cell = ws.cell(row, col, c.text)
    if c.status in _FILLS:
        cell.font = Font(color=_FILLS[c.status])


def _head(ws: Any, doc: Document, title: str) -> int:
    """Mark, title and Stand at the top of a sheet; returns the next free row."""
    from openpyxl.styles import Font, PatternFill

    row = 1
    if doc.synthetic:
        c = ws.cell(row, 1, w("doc.synthetic", doc.lang))
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="B42318")
        row += 1
    ws.cell(row, 1, title).font = Font(bold=True, size=12)
    ws.cell(row + 1, 1, f"{doc.title} · {doc.subtitle} · {doc.stand}")
    return row + 3


def _print_setup(ws: Any, doc: Document) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    mark = w("status.synthetic", doc.lang) + " · " if doc.synthetic else ""
    ws.oddHeader.center.text = f"{mark}{doc.title}"
    ws.oddFooter.center.text = f"{doc.stand} · &P / &N"


def _table(ws: Any, doc: Document, t: Table) -> None:
    from openpyxl.styles import Font

    row = _head(ws, doc, t.title or doc.title)
    for i, h in enumerate(t.header, 1):
        ws.cell(row, i, h).font = Font(bold=True)
    ws.freeze_panes = ws.cell(row + 1, 2)
    for r in t.rows:
        row += 1
        for i, c in enumerate(r, 1):
            _write_cell(ws, row, i, c)
    if not t.rows:
        ws.cell(row + 1, 1, t.empty)
    from openpyxl.utils import get_column_letter

    for i, h in enumerate(t.header, 1):
        longest = max([len(h)] + [len(r[i - 1].text) for r in t.rows[:200]])
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))


def _bar_chart(ws: Any, doc: Document, chart: BarChart, title: str) -> None:
    """Bars (column chart) with each average as a line across all categories."""
    from openpyxl.chart import BarChart as XBar
    from openpyxl.chart import LineChart as XLine
    from openpyxl.chart import Reference
    from openpyxl.styles import Font

    lang = doc.lang
    row0 = _head(ws, doc, title)
    refs = chart.references
    header = [w("col.jobcenter", lang), indicator(chart.indicator, lang),
              *[reference(code, lang) for code, _ in refs]]
    for i, h in enumerate(header, 1):
        ws.cell(row0, i, h).font = Font(bold=True)
    fmt = NUMBER_FORMATS.get(chart.indicator.unit or "", "General")
    for k, (label, v, _key) in enumerate(chart.bars, 1):
        ws.cell(row0 + k, 1, label)
        ws.cell(row0 + k, 2, v).number_format = fmt
        for j, (_code, rv) in enumerate(refs):
            ws.cell(row0 + k, 3 + j, rv).number_format = fmt
    n = len(chart.bars)
    if not n:
        return
    bar = XBar()
    bar.type = "col"
    bar.title = title
    bar.y_axis.title = chart.indicator.code
    bar.y_axis.numFmt = fmt
    bar.add_data(Reference(ws, min_col=2, min_row=row0, max_row=row0 + n), titles_from_data=True)
    cats = Reference(ws, min_col=1, min_row=row0 + 1, max_row=row0 + n)
    bar.set_categories(cats)
    bar.gapWidth = 40
    if refs:
        line = XLine()
        line.add_data(Reference(ws, min_col=3, max_col=2 + len(refs), min_row=row0, max_row=row0 + n),
                      titles_from_data=True)
        line.set_categories(cats)
        for s in line.series:
            s.smooth = False
            s.graphicalProperties.line.dashStyle = "dash"
        bar += line
    bar.width = 24
    bar.height = 10
    ws.add_chart(bar, f"{chr(ord('A') + len(header) + 1)}{row0}")


def _line_chart(ws: Any, doc: Document, chart: LineChart, title: str) -> None:
    from openpyxl.chart import LineChart as XLine
    from openpyxl.chart import Reference
    from openpyxl.styles import Font

    lang = doc.lang
    row0 = _head(ws, doc, title)
    periods = sorted({p for _, pts, _ in chart.series for p, _ in pts})
    header = [w("col.period", lang), *[reference(label, lang) for label, _, _ in chart.series]]
    for i, h in enumerate(header, 1):
        ws.cell(row0, i, h).font = Font(bold=True)
    fmt = NUMBER_FORMATS.get(chart.indicator.unit or "", "General")
    for k, p in enumerate(periods, 1):
        ws.cell(row0 + k, 1, p).number_format = "MM/YYYY"
        for j, (_label, pts, _ref) in enumerate(chart.series):
            v = dict(pts).get(p)
            if v is not None:
                ws.cell(row0 + k, 2 + j, v).number_format = fmt
    if not periods:
        return
    xl = XLine()
    xl.title = title
    xl.y_axis.numFmt = fmt
    xl.add_data(Reference(ws, min_col=2, max_col=1 + len(chart.series), min_row=row0, max_row=row0 + len(periods)),
                titles_from_data=True)
    xl.set_categories(Reference(ws, min_col=1, min_row=row0 + 1, max_row=row0 + len(periods)))
    for s, (_l, _p, is_ref) in zip(xl.series, chart.series):
        s.smooth = False
        if is_ref:
            s.graphicalProperties.line.dashStyle = "dash"
    xl.width = 20
    xl.height = 9
    ws.add_chart(xl, f"{chr(ord('A') + len(header) + 1)}{row0}")


def render(doc: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    taken: set[str] = set()
    cover = wb.active
    cover.title = _sheet_name(w("doc.factsheet" if doc.kind == "factsheet" else "monthly", doc.lang), taken)
    row = _head(cover, doc, doc.title)
    cover.column_dimensions["A"].width = 28
    cover.column_dimensions["B"].width = 90
    for b in doc.blocks:
        if isinstance(b, KeyValues):
            cover.cell(row, 1, b.title).font = Font(bold=True)
            row += 1
            for k, v in b.items:
                cover.cell(row, 1, k)
                cover.cell(row, 2, v)
                row += 1
            row += 1
        elif isinstance(b, Notes):
            if b.title:
                cover.cell(row, 1, b.title).font = Font(bold=True)
                row += 1
            for line in b.lines:
                cover.cell(row, 1, line)
                row += 1
            row += 1
    _print_setup(cover, doc)
    for b in doc.blocks:
        if isinstance(b, Table):
            ws = wb.create_sheet(_sheet_name(b.sheet or b.title, taken))
            _table(ws, doc, b)
            _print_setup(ws, doc)
        elif isinstance(b, Chart):
            ws = wb.create_sheet(_sheet_name(b.sheet or w("doc.sheet.charts", doc.lang), taken))
            title = indicator(b.chart.indicator, doc.lang)
            if isinstance(b.chart, BarChart):
                _bar_chart(ws, doc, b.chart, title)
            else:
                _line_chart(ws, doc, b.chart, title)
            _print_setup(ws, doc)
    wb.properties.title = doc.title
    wb.properties.creator = "kjc-tui"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
