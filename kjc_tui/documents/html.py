"""The report as one self-contained HTML file: inline SVG charts, inline CSS with print rules for
A4; no script, no external file, opens offline in any browser."""

from __future__ import annotations

from html import escape

from kjc_tui.documents import charts
from kjc_tui.documents.layout import Cell, Chart, Document, KeyValues, Notes, Table
from kjc_tui.documents.words import w

CSS = """
@page { size: A4; margin: 12mm 11mm 14mm 11mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 9pt; color: #111; margin: 0 auto;
       max-width: 190mm; padding: 4mm 0; }
h1 { font-size: 15pt; margin: 0 0 1mm 0; }
h2 { font-size: 10.5pt; margin: 4mm 0 1.5mm 0; border-bottom: 0.4pt solid #999; break-after: avoid; }
.sub { color: #333; margin-bottom: 1mm; }
.stand { color: #555; font-size: 8pt; margin-bottom: 2mm; }
table { border-collapse: collapse; width: 100%; break-inside: auto; }
th, td { padding: 0.6mm 1.2mm; border-bottom: 0.3pt solid #ccc; vertical-align: top; text-align: left; }
th { background: #eef1f5; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
td.d { white-space: nowrap; }
tr { break-inside: avoid; }
table.small { font-size: 7.5pt; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3mm 4mm; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; }
.charts { display: flex; gap: 3mm; flex-wrap: wrap; }
.charts figure { margin: 0; flex: 1 1 0; min-width: 80mm; break-inside: avoid; }
figure.full { width: 100%; margin: 2mm 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
.met, .good { color: #1a7f37; } .missed, .bad { color: #b42318; } .open, .undirected { color: #555; }
.notes { color: #444; font-size: 7.5pt; }
.src td { word-break: break-all; }
.synthetic { position: fixed; top: 0; left: 0; right: 0; text-align: center; background: #b42318; color: #fff;
             font-weight: bold; font-size: 8pt; padding: 0.8mm; z-index: 2; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 60pt; font-weight: bold;
             color: rgba(204, 0, 0, 0.10); transform: rotate(-25deg); z-index: 1; pointer-events: none; }
body.syn { padding-top: 8mm; }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def _cell(c: Cell, tag: str = "td") -> str:
    cls = []
    if c.value is not None and c.unit not in (None, "date") or c.unit == "count":
        cls.append("n")
    elif c.unit == "date":
        cls.append("d")
    if c.status:
        cls.append(c.status)
    attr = f' class="{" ".join(cls)}"' if cls else ""
    return f"<{tag}{attr}>{escape(c.text)}</{tag}>"


def _table(t: Table) -> str:
    out = [f"<h2>{escape(t.title)}</h2>" if t.title else ""]
    if not t.rows:
        out.append(f'<p class="notes">{escape(t.empty)}</p>')
        return "".join(out)
    cls = ["small"] if t.small else []
    if t.kind == "sources":
        cls.append("src")
    out.append(f'<table class="{" ".join(cls)}"><thead><tr>'
               + "".join(f"<th>{escape(h)}</th>" for h in t.header) + "</tr></thead><tbody>")
    for r in t.rows:
        out.append("<tr>" + "".join(_cell(c) for c in r) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render(doc: Document) -> str:
    lang = doc.lang
    parts = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">'
             f"<title>{escape(doc.title)}</title><style>{CSS}</style></head>"
             f'<body class="{"syn" if doc.synthetic else ""}">']
    if doc.synthetic:
        parts.append(f'<div class="synthetic">{escape(w("doc.synthetic", lang))}</div>'
                     f'<div class="watermark" aria-hidden="true">{escape(w("status.synthetic", lang))}</div>')
    parts.append(f"<h1>{escape(doc.title)}</h1><div class=\"sub\">{escape(doc.subtitle)}</div>"
                 f'<div class="stand">{escape(doc.stand)} · {escape(w("doc.created", lang))} '
                 f"{doc.created:%d.%m.%Y %H:%M}</div>")
    pending: list[str] = []

    def flush() -> None:
        if pending:
            parts.append('<div class="charts">' + "".join(pending) + "</div>")
            pending.clear()

    for b in doc.blocks:
        if isinstance(b, Chart) and b.half:
            if not pending and b.title:
                parts.append(f"<h2>{escape(b.title)}</h2>")
            pending.append(f"<figure>{charts.svg(b.chart, lang, doc.synthetic)}</figure>")
            continue
        flush()
        if isinstance(b, Chart):
            parts.append(f'<figure class="full">{charts.svg(b.chart, lang, doc.synthetic)}</figure>')
        elif isinstance(b, Table):
            parts.append(_table(b))
        elif isinstance(b, KeyValues):
            parts.append(f"<h2>{escape(b.title)}</h2><dl>"
                         + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in b.items) + "</dl>")
        elif isinstance(b, Notes):
            parts.append((f"<h2>{escape(b.title)}</h2>" if b.title else "")
                         + "".join(f'<p class="notes">{escape(line)}</p>' for line in b.lines))
    flush()
    parts.append("</body></html>\n")
    return "".join(parts)
