"""Documents out: the fact sheet and the monthly report as HTML, PDF and XLSX, and charts as
SVG and PNG files. The output layer: words and draws the read layer's report models; no
Textual, no SQL.

    doc = layout.factsheet(build_factsheet(store, "06437"), "de")
    write(doc, Path("odenwald.pdf"))          # the format from the extension
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kjc_tui.core.files import atomic_write

if TYPE_CHECKING:
    from kjc_tui.documents.layout import Document
    from kjc_tui.read.reports.model import BarChart, LineChart

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".xlsx": "xlsx"}
CHART_FORMATS = {".svg": "svg", ".png": "png"}


class FormatError(ValueError):
    """The file name's extension names no format we write; args: (suffix, known suffixes)."""


def format_for(path: Path, known: dict[str, str] = FORMATS) -> str:
    fmt = known.get(path.suffix.lower())
    if fmt is None:
        raise FormatError(path.suffix or "(keine)", ", ".join(known))
    return fmt


def render(doc: "Document", fmt: str) -> bytes:
    """The document in one format (html, pdf, xlsx) as bytes."""
    if fmt == "html":
        from kjc_tui.documents import html

        return html.render(doc).encode("utf-8")
    if fmt == "pdf":
        from kjc_tui.documents import pdf

        return pdf.render(doc)
    from kjc_tui.documents import xlsx

    return xlsx.render(doc)


def write(doc: "Document", path: Path) -> Path:
    """Write the document to `path` in the format its extension names (complete or not at all)."""
    data = render(doc, format_for(path))
    atomic_write(path, data, mode=0o644)
    return path


def write_chart(chart: "BarChart | LineChart", path: Path, lang: str = "de", synthetic: bool = False) -> Path:
    """One chart as an SVG or PNG file drawn for print (the whole chart, every bar)."""
    from kjc_tui.documents import charts

    fmt = format_for(path, CHART_FORMATS)
    data = (charts.svg(chart, lang, synthetic, wide=True).encode("utf-8") if fmt == "svg"
            else charts.png(chart, lang, synthetic, wide=True))
    atomic_write(path, data, mode=0o644)
    return path
