"""A report as a neutral document: title, marks and blocks (key-value lists, tables, charts,
notes). Built once per report and language; the HTML, PDF and XLSX writers render the blocks.

Table cells keep the raw number and its unit beside the formatted text, so that the XLSX
writer puts numbers (not text) in the cells, and the attainment status for glyph and colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kjc_tui.core import fmt, strings
from kjc_tui.documents import words as wd
from kjc_tui.documents.words import w
from kjc_tui.read.reports.factsheet import FactSheet
from kjc_tui.read.reports.model import HESSEN, KJC, SET, BarChart, Figure, LineChart
from kjc_tui.read.reports.monthly import MonthlyReport
from kjc_tui.read.compare import POINT_UNITS
from kjc_tui.read.targets import GLYPHS, Attainment


@dataclass
class Cell:
    text: str
    value: Any = None          # the number or date behind the text (XLSX writes it)
    unit: str | None = None    # count, percent, percent_change, eur, ratio, km2, points, date, month
    status: str | None = None  # met / missed / open / undirected, or good / bad for deviations


@dataclass
class KeyValues:
    title: str
    items: list[tuple[str, str]]


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Cell]]
    sheet: str = ""            # XLSX sheet name (≤ 31 characters)
    small: bool = False        # printed in a smaller font (wide tables)
    empty: str = ""
    kind: str = ""             # "sources": long addresses that may break anywhere


@dataclass
class Chart:
    title: str
    chart: BarChart | LineChart
    sheet: str = ""
    half: bool = False         # two such charts share a row in print


@dataclass
class Notes:
    title: str
    lines: list[str]


Block = KeyValues | Table | Chart | Notes


@dataclass
class Document:
    kind: str                  # factsheet / monthly
    title: str
    subtitle: str
    lang: str
    synthetic: bool
    stand: str
    blocks: list[Block] = field(default_factory=list)
    created: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    filename_stem: str = "bericht"


def _text(v: Any) -> str:
    return fmt.strip_controls(v) if v not in (None, "") else fmt.MISSING


def num(v: Any, unit: str | None, lang: str, qualifier: str | None = None, upper: Any = None) -> Cell:
    return Cell(fmt.value(v, unit, lang, qualifier, upper), v, unit)


def row_num(row: dict[str, Any], key: str, unit: str, lang: str) -> Cell:
    """The figure `key` of a row with its own qualifier and range end (`fmt.of_row`)."""
    return Cell(fmt.of_row(row, key, unit, lang), row.get(key), unit)


def _dev_cell(f: Figure, ref: str, lang: str) -> Cell:
    unit = f.indicator.unit
    absolute, relative = f.deviation(ref), f.relative_deviation(ref)
    good = None
    if absolute is not None and absolute != 0 and f.indicator.higher_is_better is not None:
        good = "good" if (absolute > 0) == f.indicator.higher_is_better else "bad"
    if unit in POINT_UNITS:  # points for rates, percent for counts and amounts, as the comparison shows it
        return Cell(fmt.deviation(absolute, unit, lang), absolute, "points", good)
    return Cell(fmt.deviation(relative, unit, lang, relative=True), relative, "share", good)


def target_cells(a: Attainment | None, lang: str, short: bool = False) -> list[Cell]:
    """Target, actual, difference, attainment (glyph and word) of one target; `short` (a table of
    one month): without the agreed change's basis and the actual's month."""
    if a is None:
        return [Cell(fmt.MISSING)] * 4
    target = fmt.value(a.target, a.unit, lang, a.qualifier)
    if a.target_change is not None and not short:
        target += f" ({w('doc.change_target', lang)} {fmt.percent(a.target_change, lang, 1, signed=True)} " \
                  f"{w('doc.vs', lang)} {fmt.date_(a.baseline_period, lang, 'month')})"
    actual = fmt.value(a.actual, a.unit, lang, a.actual_qualifier, a.actual_upper)
    if a.actual_period is not None and not short:
        actual += f" ({fmt.date_(a.actual_period, lang, 'month')})"
    diff = fmt.deviation(a.difference, a.unit, lang)
    status = f"{a.glyph} {w('target.' + a.status, lang)}" + (f" ({w('target.provisional', lang)})" if a.provisional else "")
    return [Cell(target, a.target, a.unit), Cell(actual, a.actual, a.unit),
            Cell(diff, a.difference, "points" if a.unit in ("percent", "percent_change") else a.unit),
            Cell(status, GLYPHS[a.status], None, a.status)]


def _notes(indicators: list[Any], lang: str) -> Notes:
    """How deviations and averages are made; what "(ganze Kreise)" means where an indicator has it."""
    lines = [w("doc.dev_note", lang), w("doc.averages_note", lang)]
    if any(i.scope == "district" for i in indicators):
        lines.append(strings.scope_note(lang))
    return Notes("", lines)


def _sources_table(refs: list[Any], lang: str) -> Table:
    """Every source once, with what it backs and its Stand (a range where its rows differ)."""
    names = {"districts": w("field.district", lang), "jobcenters": w("view.jobcenter", lang), "staffing": w("doc.staffing", lang),
             "bass_cohorts": w("jc.bass", lang), "events": w("jc.events", lang), "targets": w("doc.targets", lang)}
    by_source: dict[str, tuple[list[str], list[date]]] = {}
    for r in refs:
        what, dates = by_source.setdefault(r.source, ([], []))
        what += [p for p in r.what.split(", ") if p not in what]
        if r.as_of:
            dates.append(r.as_of)
    rows = []
    for source, (what, dates) in by_source.items():
        stand = fmt.date_range(min(dates), max(dates), lang) if dates else fmt.MISSING
        rows.append([Cell(", ".join(names.get(p, p) for p in what)), Cell(_text(source)),
                     Cell(stand, max(dates) if dates else None, "date")])
    return Table(w("doc.sources", lang), [w("doc.c.what", lang), w("col.source", lang), w("col.as_of", lang)], rows,
                 sheet=w("doc.sources", lang), small=True, kind="sources")


# -- the fact sheet ---------------------------------------------------------------------------


def factsheet(fs: FactSheet, lang: str = "de") -> Document:
    m = fs.master
    name = _text(m.get("district_name"))
    doc = Document("factsheet", f"{w('doc.factsheet', lang)} {name}",
                   f"{_text(m.get('name') or m.get('short_name'))} · {m.get('ags')}", lang, fs.synthetic,
                   f"{w('col.as_of', lang)} {fmt.date_(fs.as_of, lang)}", filename_stem=f"steckbrief-{fs.ags}")
    model = m.get("model")
    items = [(w("field.ags", lang), _text(m.get("ags"))), (w("field.kind", lang), _text(m.get("kind"))),
             (w("field.rb", lang), _text(m.get("regierungsbezirk"))),
             (w("field.name", lang), _text(m.get("name") or m.get("short_name"))),
             (w("field.model", lang), w(f"doc.model.{model}", lang) if model in ("zkT", "gE") else fmt.MISSING)]
    if model == "zkT":
        items.append((w("field.since", lang), _text(m.get("option_since"))))
    items += [(w("field.legal_form", lang), _text(m.get("legal_form"))), (w("field.seat", lang), _text(m.get("seat"))),
              (w("field.peer_type", lang), _text(m.get("peer_type")) + (
                  f" ({w('col.as_of', lang)} {fmt.date_(m.get('peer_type_as_of'), lang)})" if m.get("peer_type_as_of") else ""))]
    if m.get("website"):
        items.append((w("field.website", lang), _text(m["website"])))
    doc.blocks.append(KeyValues(w("jc.master", lang), items))
    head = [w("col.indicator", lang), w("col.value", lang), w("col.period", lang), w("col.as_of", lang), w("doc.c.rank_he", lang),
            w("doc.c.rank_type", lang), w("doc.c.dev_he", lang), w("doc.c.dev_kjc", lang)]
    rows = []
    for f in fs.figures:
        rows.append([Cell(wd.indicator(f.indicator, lang)),
                     num(f.value, f.indicator.unit, lang, f.qualifier, f.upper),
                     Cell(fmt.period(f.period, f.period_kind, lang), f.period, "date"),
                     Cell(fmt.date_(f.as_of, lang), f.as_of, "date"),
                     Cell(wd.rank(f.rank_hessen, f.of_hessen, lang), f.rank_hessen, "count"),
                     Cell(wd.rank(f.rank_type, f.of_type, lang), f.rank_type, "count"),
                     _dev_cell(f, HESSEN, lang), _dev_cell(f, KJC, lang)])
    doc.blocks.append(Table(w("doc.figures", lang), head, rows, sheet=w("col.indicator", lang), small=True,
                            empty=w("doc.none", lang)))
    for c in fs.charts:
        doc.blocks.append(Chart(w("doc.charts", lang), c, sheet=f"{w('doc.sheet.charts', lang)} {c.indicator.code}",
                                half=True))
    doc.blocks.append(Table(w("doc.targets", lang), [w("col.year", lang), w("col.indicator", lang), w("col.target", lang),
                                                 w("col.actual", lang), w("col.difference", lang),
                                                 w("col.attainment", lang)],
                            [[Cell(str(a.year), a.year, "count"), Cell(a.indicator), *target_cells(a, lang)]
                             for a in fs.targets], sheet=w("doc.targets", lang)[:31], empty=w("doc.none", lang)))
    st = [[Cell(fmt.date_(r["period"], lang), r["period"], "date"), Cell(_text(r["function"])),
           row_num(r, "headcount", "count", lang), row_num(r, "fte", "ratio", lang),
           row_num(r, "vacancies", "count", lang), row_num(r, "bg", "count", lang),
           num(r["bg_per_fte"], "ratio", lang, fmt.derived_qualifier(r.get("bg_qualifier"), r.get("fte_qualifier")))]
          for r in fs.staffing]
    doc.blocks.append(Table(w("doc.staffing", lang), [w("col.date", lang), w("col.function", lang), w("doc.c.headcount", lang),
                                                  w("col.fte", lang), w("doc.c.vacancies", lang), w("doc.c.bg", lang),
                                                  w("doc.c.bg_per_fte", lang)], st, sheet=w("col.fte", lang),
                            empty=w("doc.none", lang)))
    bass = [[Cell(str(r["year"]), r["year"], "count"), Cell(_text(r["programme"])),
             *[row_num(r, k, "count", lang) for k in ("started", "active", "graduated", "hired", "dropped_out")]]
            for r in fs.bass]
    doc.blocks.append(Table(w("jc.bass", lang), [w("col.year", lang), "", *[w(k, lang) for k in (
        "col.started", "doc.c.active", "doc.c.graduated", "doc.c.hired", "doc.c.dropped_out")]], bass, sheet="BASS", empty=w("doc.none", lang)))
    ev = [[Cell(fmt.date_(r["date"], lang, r.get("date_precision") or "day"), r["date"], "date"),
           Cell(_text(r["title"])), Cell(_text(r["place"])),
           *[row_num(r, k, "count", lang)
             for k in ("invited", "participants", "employers", "applications", "internships", "contracts")]]
          for r in fs.events]
    doc.blocks.append(Table(w("jc.events", lang), [w("col.date", lang), w("col.title", lang), w("col.place", lang),
                                                *[w(f"doc.c.{k}", lang) for k in ("invited", "participants", "employers",
                                                                              "applications", "internships",
                                                                              "contracts")]],
                            ev, sheet=w("jc.events", lang), small=True, empty=w("doc.none", lang)))
    doc.blocks.append(_notes([f.indicator for f in fs.figures], lang))
    doc.blocks.append(_sources_table(fs.sources, lang))
    return doc


# -- the monthly report -----------------------------------------------------------------------


def set_label(rep: MonthlyReport, lang: str) -> str:
    kind, name = rep.members.kind, rep.members.name
    return w(f"doc.set.{kind}", lang, name=name)


def monthly(rep: MonthlyReport, lang: str = "de") -> Document:
    doc = Document("monthly", f"{w('doc.monthly', lang)} {fmt.date_(rep.release, lang, 'month')}", set_label(rep, lang), lang,
                   rep.synthetic, f"{w('col.as_of', lang)} {fmt.date_(rep.as_of, lang)}",
                   filename_stem=f"kennzahlen-{rep.release:%Y-%m}")
    head = [w("col.indicator", lang), w("doc.ref.set", lang), w("group.mean.hessen", lang), w("group.mean.kjc", lang),
            w("doc.c.coverage", lang)]
    rows = []
    for ind in rep.indicators:
        avg = rep.averages[ind.code]
        n, of = rep.coverage[ind.code]
        rows.append([Cell(wd.indicator(ind, lang)),
                     *[num(avg[k][0], ind.unit, lang, "≈" if k in rep.approximate.get(ind.code, ()) else None)
                       for k in (SET, HESSEN, KJC)],   # a mean over a value said "rund" is itself ≈
                     Cell(w("doc.coverage", lang, n=n, of=of), n, "count")])
    doc.blocks.append(Table(w("doc.overview", lang), head, rows, sheet=w("doc.overview", lang)))
    for ind in rep.indicators:
        code = ind.code
        head = [w("col.jobcenter", lang), w("col.value", lang), w("doc.c.rank", lang), w("doc.c.change_m", lang),
                w("doc.c.change_y", lang), w("doc.c.dev_he", lang), w("col.target", lang), w("col.actual", lang),
                w("col.difference", lang), w("col.attainment", lang)]
        rows = []
        for m in rep.rows:
            f = m.figures[code]
            rows.append([Cell(_text(m.name)), num(f.value, ind.unit, lang, f.qualifier, f.upper),
                         Cell(wd.rank(f.rank_set, f.of_set, lang), f.rank_set, "count"),
                         Cell(fmt.deviation(f.change_month, ind.unit, lang), f.change_month, "points"),
                         Cell(fmt.deviation(f.change_year, ind.unit, lang), f.change_year, "points"),
                         _dev_cell(f, HESSEN, lang), *target_cells(m.targets.get(code), lang, short=True)])
        doc.blocks.append(Table(f"{wd.indicator(ind, lang)} · {fmt.date_(rep.release, lang, 'month')}", head, rows,
                                sheet=code, small=True))
        doc.blocks.append(Chart("", rep.charts[rep.indicators.index(ind)], sheet=f"{w('doc.sheet.charts', lang)} {code}"))
    mv = []
    for ind in rep.indicators:
        for mover in rep.movers.get(ind.code, []):
            mv.append([Cell(ind.code), Cell(_text(mover.name)), Cell(fmt.deviation(mover.change, ind.unit, lang),
                                                                     mover.change, "points"),
                       Cell(w("doc.better" if mover.improved else "doc.worse", lang), None, None,
                            "good" if mover.improved else "bad")])
    doc.blocks.append(Table(w("doc.movers", lang), [w("col.indicator", lang), w("col.jobcenter", lang), w("doc.c.change", lang),
                                                w("doc.c.improved", lang)], mv, sheet=w("doc.sheet.movers", lang),
                            empty=w("doc.none", lang)))
    if rep.revisions:
        units = {d.code: d.unit for d in rep.indicators}
        doc.blocks.append(Table(w("doc.revisions", lang), [w("col.jobcenter", lang), w("col.indicator", lang),
                                                       w("col.period", lang), w("doc.c.old", lang), w("col.as_of", lang),
                                                       w("doc.c.new", lang), w("col.as_of", lang)],
                                [[Cell(_text(r["name"])), Cell(r["indicator"]),
                                  Cell(fmt.date_(r["period"], lang, "month"), r["period"], "date"),
                                  num(r["old_value"], units.get(r["indicator"]), lang),
                                  Cell(fmt.date_(r["old_as_of"], lang), r["old_as_of"], "date"),
                                  num(r["new_value"], units.get(r["indicator"]), lang),
                                  Cell(fmt.date_(r["new_as_of"], lang), r["new_as_of"], "date")]
                                 for r in rep.revisions], sheet=w("doc.revisions", lang), small=True))
    else:
        doc.blocks.append(Notes(w("doc.revisions", lang), [w("doc.no_revisions", lang)]))
    doc.blocks.append(_notes(rep.indicators, lang))
    doc.blocks.append(_sources_table(rep.sources, lang))
    return doc
