"""Charts drawn for print with matplotlib: one drawing gives the SVG (inline in HTML, embedded
in PDF, saved as a file) and the PNG.

matplotlib because it draws both formats from one figure without a browser, ships its own
fonts (DejaVu Sans, also used for the PDF) and wheels for every platform (pip alone), and is
the most widely kept plotting library in Python. Imported only when a chart is drawn.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from kjc_tui.core import fmt
from kjc_tui.documents.words import indicator_name, reference, w
from kjc_tui.read.reports.model import BarChart, LineChart

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure

#: the reference lines' colours and dash styles (print: distinguishable in black and white too)
_REF_STYLE = {"hessen": ("#444444", (0, (6, 3))), "kjc": ("#1b7837", (0, (2, 2))), "set": ("#b2182b", (0, (8, 2, 2, 2)))}
_BAR = "#4a7ab5"
_HIGHLIGHT = "#e08214"
_LINE_COLOURS = ("#e08214", "#4a7ab5", "#762a83", "#1b7837")
#: at most this many bars get a label; more are drawn as a sorted distribution
LABELLED_BARS = 60


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "path",
                         "svg.hashsalt": "kjc-tui", "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _axis(lang: str) -> Any:
    """The value axis' labels by the one formatter (`fmt.tick_labels`): the decimals the tick
    step needs, German or English; the unit stands in the title, not at every tick."""
    from matplotlib.ticker import Formatter

    class Ticks(Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return fmt.tick_labels([x], None, lang)[0]

        def format_ticks(self, values: Any) -> list[str]:
            return fmt.tick_labels([float(v) for v in values], None, lang)

    return Ticks()


def _mark(fig: "MplFigure", synthetic: bool, lang: str) -> None:
    if synthetic:
        fig.text(0.5, 0.5, w("status.synthetic", lang), fontsize=5 * fig.get_figwidth(), color="#cc0000", alpha=0.18,
                 ha="center", va="center", rotation=20, weight="bold")


def _unit_suffix(unit: str | None, lang: str) -> str:
    return {"percent": " (%)", "percent_change": " (% ggü. Vorjahresmonat)" if lang == "de" else
            " (% vs same month last year)", "eur": " (€)", "km2": " (km²)"}.get(unit or "", "")


def _reference_lines(draw: Any, chart: BarChart, lang: str) -> None:
    """The averages as lines across the bars (`draw` is axvline or axhline), labelled with their value."""
    for code, v in chart.references:
        colour, dash = _REF_STYLE.get(code, ("#000000", "solid"))
        draw(v, color=colour, linestyle=dash, linewidth=1.2,
             label=f"{reference(code, lang)}: {fmt.value(v, chart.indicator.unit, lang)}")


def bar_figure(chart: BarChart, lang: str = "de", synthetic: bool = False, title: str | None = None) -> "MplFigure":
    plt = _pyplot()
    n = len(chart.bars)
    unit = chart.indicator.unit
    fmt_axis = _axis(lang)
    labelled = n <= LABELLED_BARS
    if labelled:
        fig, ax = plt.subplots(figsize=(7.0, max(1.6, 0.8 + 0.17 * n)), layout="constrained")
        labels = [b[0] for b in chart.bars]
        vals = [b[1] for b in chart.bars]
        ys = list(range(n))[::-1]
        colours = [_HIGHLIGHT if b[2] == chart.highlight else _BAR for b in chart.bars]
        ax.barh(ys, vals, color=colours, height=0.7)
        ax.set_yticks(ys, labels)
        ax.xaxis.set_major_formatter(fmt_axis)
        _reference_lines(ax.axvline, chart, lang)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    else:
        fig, ax = plt.subplots(figsize=(7.0, 3.2), layout="constrained")
        # one filled step outline instead of hundreds of rectangles: the same picture, a small file
        edges = [x - 0.5 for x in range(n + 1)]
        ax.stairs([b[1] for b in chart.bars], edges, fill=True, color=_BAR, baseline=0)
        ax.set_xlim(edges[0], edges[-1])
        ax.set_xticks([])
        ax.set_xlabel(w("doc.bars_sorted", lang, n=n))
        ax.yaxis.set_major_formatter(fmt_axis)
        _reference_lines(ax.axhline, chart, lang)
        ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_title(_title(title or f"{indicator_name(chart.indicator, lang)} ({chart.indicator.code}){_unit_suffix(unit, lang)} · "
                        f"{fmt.date_(chart.period, lang, 'month')}{' · ' + w('doc.norm.' + chart.norm, lang) if chart.norm else ''}", 7.0), loc="left", fontsize=9)
    if chart.references:
        ax.legend(loc="lower right" if labelled else "upper right", fontsize=7, frameon=True)
    _mark(fig, synthetic, lang)
    return fig


def _title(text: str, width_in: float) -> str:
    """The title wrapped to the figure's width (about 13 characters per inch at its size)."""
    import textwrap

    return textwrap.fill(text, max(30, int(width_in * 13)))


def line_figure(chart: LineChart, lang: str = "de", synthetic: bool = False, title: str | None = None,
                wide: bool = False) -> "MplFigure":
    plt = _pyplot()
    from matplotlib.dates import DateFormatter

    unit = chart.indicator.unit
    size = (7.0, 3.6) if wide else (3.5, 2.1)
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    own = 0
    for label, points, is_ref in chart.series:
        xs: list[date] = [p for p, _ in points]
        ys = [v for _, v in points]
        if is_ref:
            colour, dash = _REF_STYLE.get(label, ("#000000", "solid"))
            ax.plot(xs, ys, color=colour, linestyle=dash, linewidth=1.1, label=reference(label, lang))
        else:
            ax.plot(xs, ys, color=_LINE_COLOURS[own % len(_LINE_COLOURS)], linewidth=1.8, label=label)
            own += 1
    ax.yaxis.set_major_formatter(_axis(lang))
    ax.xaxis.set_major_formatter(DateFormatter("%m/%y" if lang == "de" else "%Y-%m"))
    ax.tick_params(axis="x", labelrotation=0, labelsize=6.5)
    ax.grid(color="#dddddd", linewidth=0.5)
    ax.set_title(_title(title or f"{indicator_name(chart.indicator, lang)} ({chart.indicator.code}){_unit_suffix(unit, lang)}",
                        size[0] * (0.9 if wide else 1.2)), loc="left", fontsize=9 if wide else 7.5)
    ax.legend(fontsize=6, frameon=False)
    _mark(fig, synthetic, lang)
    return fig


def figure(chart: BarChart | LineChart, lang: str = "de", synthetic: bool = False, wide: bool = False) -> "MplFigure":
    """The chart's figure; `wide`: a line chart as large as a bar chart (a file of its own)."""
    if isinstance(chart, BarChart):
        return bar_figure(chart, lang, synthetic)
    return line_figure(chart, lang, synthetic, wide=wide)


def svg(chart: BarChart | LineChart, lang: str = "de", synthetic: bool = False, wide: bool = False) -> str:
    """The chart as SVG text (glyphs as paths: it looks the same on every machine)."""
    fig = figure(chart, lang, synthetic, wide)
    buf = io.StringIO()
    try:
        fig.savefig(buf, format="svg", metadata={"Date": None})
    finally:
        _close(fig)
    text = buf.getvalue()
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)  # RDF that readers need not parse
    return text[text.index("<svg"):]


def png(chart: BarChart | LineChart, lang: str = "de", synthetic: bool = False, wide: bool = False,
        dpi: int = 200) -> bytes:
    """The chart as PNG for print (200 dpi)."""
    fig = figure(chart, lang, synthetic, wide)
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        _close(fig)
    return buf.getvalue()


def _close(fig: "MplFigure") -> None:
    import matplotlib.pyplot as plt

    plt.close(fig)
