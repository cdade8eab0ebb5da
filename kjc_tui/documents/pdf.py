"""The report as PDF, written on the server without a browser.

fpdf2: pure Python (installs with pip alone on any server, no system libraries), small, actively
kept, embeds TrueType fonts (German umlauts, €, −, ✓ ✗) and draws SVG as vectors, so the charts
stay sharp in print. The font is DejaVu Sans as shipped with matplotlib (no system font needed).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from kjc_tui.documents import charts
from kjc_tui.documents.layout import Chart, Document, KeyValues, Notes, Table
from kjc_tui.documents.words import w

_COLOURS = {"met": (26, 127, 55), "good": (26, 127, 55), "missed": (180, 35, 24), "bad": (180, 35, 24),
            "open": (85, 85, 85), "undirected": (85, 85, 85)}
FONT = "DejaVu"


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _pdf_class() -> Any:
    from fpdf import FPDF

    class ReportPDF(FPDF):
        doc: Document

        def header(self) -> None:
            if self.doc.synthetic:
                self.set_font(FONT, "B", 8)
                self.set_fill_color(180, 35, 24)
                self.set_text_color(255, 255, 255)
                self.cell(0, 5, w("doc.synthetic", self.doc.lang), align="C", fill=True,
                          new_x="LMARGIN", new_y="NEXT")
                with self.rotation(25, self.w / 2, self.h / 2):
                    self.set_font(FONT, "B", 60)
                    self.set_text_color(245, 205, 205)
                    self.text(self.w / 2 - 75, self.h / 2, w("status.synthetic", self.doc.lang))
                self.set_text_color(0, 0, 0)
                self.ln(2)

        def footer(self) -> None:
            self.set_y(-10)
            self.set_font(FONT, "", 7)
            self.set_text_color(90, 90, 90)
            mark = f" · {w('status.synthetic', self.doc.lang)}" if self.doc.synthetic else ""
            self.cell(0, 5, f"{self.doc.title} · {self.doc.stand}{mark} · {w('doc.page', self.doc.lang)} "
                            f"{self.page_no()}/{{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    return ReportPDF


def _widths(pdf: Any, t: Table, size: float) -> tuple[float, ...]:
    """Column widths: each column as wide as its longest text (a header as its longest word), and
    where that does not fit, the widest columns capped at a common width (they wrap)."""
    pad = 1.6
    natural = []
    for i, h in enumerate(t.header):
        pdf.set_font(FONT, "B", size)
        head = max((pdf.get_string_width(word) for word in h.split()), default=0.0)
        pdf.set_font(FONT, "", size)
        cells = max((pdf.get_string_width(r[i].text) for r in t.rows), default=0.0)
        natural.append(max(head, cells) + pad)
    total = pdf.epw
    if sum(natural) <= total:
        return tuple(x * total / sum(natural) for x in natural)
    lo, hi = 0.0, max(natural)
    for _ in range(40):  # the cap c with sum(min(natural, c)) = total
        c = (lo + hi) / 2
        lo, hi = (c, hi) if sum(min(x, c) for x in natural) < total else (lo, c)
    widths = [min(x, hi) for x in natural]
    return tuple(x * total / sum(widths) for x in widths)


#: tables longer than this are set one line a row (cut with "…"), much faster than wrapped cells
LONG_TABLE = 80


def _table(pdf: Any, t: Table) -> None:
    _heading(pdf, t.title)
    size = 6.5 if t.small else 7.5
    if not t.rows:
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(0, 4, t.empty, new_x="LMARGIN", new_y="NEXT")
        return
    pdf.set_font(FONT, "", size)
    right = [any(c.value is not None and c.unit not in (None, "date") for c in (r[i] for r in t.rows))
             for i in range(len(t.header))]
    if len(t.rows) > LONG_TABLE:
        _long_table(pdf, t, size, right)
        return
    from fpdf.fonts import FontFace

    aligns = tuple("RIGHT" if r else "LEFT" for r in right)
    with pdf.table(col_widths=_widths(pdf, t, size), text_align=aligns, line_height=size * 0.42,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(238, 241, 245)),
                   borders_layout="HORIZONTAL_LINES", padding=0.6, first_row_as_headings=True) as table:
        row = table.row()
        for h in t.header:
            row.cell(h)
        for r in t.rows:
            row = table.row()
            for c in r:
                colour = _COLOURS.get(c.status or "")
                row.cell(c.text, style=FontFace(color=colour) if colour else None)
    pdf.ln(1)


def _fit(pdf: Any, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _long_table(pdf: Any, t: Table, size: float, right: list[bool]) -> None:
    """One line per row, the header again on every page."""
    widths = _widths(pdf, t, size)
    height = size * 0.45
    pad = 0.8

    def header() -> None:
        pdf.set_font(FONT, "B", size)
        pdf.set_fill_color(238, 241, 245)
        for h, wdt, r in zip(t.header, widths, right):
            pdf.cell(wdt, height + 1, _fit(pdf, h, wdt - pad), align="R" if r else "L", fill=True)
        pdf.ln(height + 1)
        pdf.set_font(FONT, "", size)

    header()
    for row in t.rows:
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()
            header()
        for c, wdt, r in zip(row, widths, right):
            colour = _COLOURS.get(c.status or "")
            if colour:
                pdf.set_text_color(*colour)
            pdf.cell(wdt, height, _fit(pdf, c.text, wdt - pad), align="R" if r else "L")
            if colour:
                pdf.set_text_color(0, 0, 0)
        pdf.ln(height)
    pdf.ln(1)


def _heading(pdf: Any, title: str) -> None:
    if not title:
        return
    pdf.set_font(FONT, "B", 9.5)
    if pdf.get_y() > pdf.h - 35:
        pdf.add_page()
    pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")


def _chart(pdf: Any, chart: Chart, doc: Document, x: float, width: float) -> float:
    """Draw the chart (as vectors) at (x, current y), `width` mm wide; returns its height in mm."""
    svg = charts.svg(chart.chart, doc.lang, doc.synthetic)
    m = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg[:400])
    height = width * float(m.group(2)) / float(m.group(1)) if m else width * 0.6
    if pdf.get_y() + height > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.image(io.BytesIO(svg.encode()), x=x, y=pdf.get_y(), w=width, h=height)
    return height


def render(doc: Document) -> bytes:
    cls = _pdf_class()
    pdf = cls(orientation="portrait", unit="mm", format="A4")
    pdf.doc = doc
    fonts = _font_dir()
    pdf.add_font(FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(12, 10, 12)
    pdf.set_auto_page_break(True, margin=13)
    pdf.set_title(doc.title)
    pdf.set_creator("kjc-tui")
    pdf.set_creation_date(doc.created)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 7, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8.5)
    pdf.cell(0, 4.5, doc.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(85, 85, 85)
    pdf.cell(0, 4.5, f"{doc.stand} · {w('doc.created', doc.lang)} {doc.created:%d.%m.%Y %H:%M}",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    halves: list[Chart] = []

    def flush() -> None:
        if not halves:
            return
        _heading(pdf, halves[0].title)
        width = (pdf.epw - 4) / 2
        y0 = pdf.get_y()
        tallest = 0.0
        for i, c in enumerate(halves):
            pdf.set_y(y0)
            tallest = max(tallest, _chart(pdf, c, doc, pdf.l_margin + (i % 2) * (width + 4), width))
            if i % 2 == 1 and i + 1 < len(halves):
                y0 += tallest + 2
                tallest = 0.0
        pdf.set_y(y0 + tallest + 2)
        halves.clear()

    for b in doc.blocks:
        if isinstance(b, Chart) and b.half:
            halves.append(b)
            continue
        flush()
        if isinstance(b, Chart):
            h = _chart(pdf, b, doc, pdf.l_margin, pdf.epw)
            pdf.set_y(pdf.get_y() + h + 2)
        elif isinstance(b, Table):
            _table(pdf, b)
        elif isinstance(b, KeyValues):
            _heading(pdf, b.title)
            pdf.set_font(FONT, "", 7.5)
            with pdf.table(col_widths=(38, pdf.epw - 38), first_row_as_headings=False, borders_layout="NONE",
                           line_height=3.6, padding=0.3) as table:
                for k, v in b.items:
                    row = table.row()
                    row.cell(k)
                    row.cell(v)
        elif isinstance(b, Notes):
            _heading(pdf, b.title)
            pdf.set_font(FONT, "", 6.5)
            pdf.set_text_color(68, 68, 68)
            for line in b.lines:
                pdf.multi_cell(0, 3.2, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
    flush()
    return bytes(pdf.output())
