"""Rows of the figure tables: one function per kind of data, shared by the Übersicht and the
profile. Each returns (cells, provenance) pairs; cells are Rich Text, data shown literally."""

from __future__ import annotations

from dataclasses import replace

from collections.abc import Callable
from typing import Any

from rich.text import Text

from kjc_tui.core import fmt
from kjc_tui.core.strings import scoped
from kjc_tui.ui.i18n import t
from kjc_tui.ui.provenance import Provenance
from kjc_tui.ui.widgets.figures import Col, cell

Row = dict[str, Any]
Rows = list[tuple[list[Text], Provenance | None]]


def indicator_name(row: Row, lang: str) -> str:
    return (row.get("name_en") if lang == "en" else None) or row.get("name_de") or row.get("indicator") or ""


def event_who(e: Row) -> str:
    return e.get("short_name") or e.get("district_name") or t("ov.association")


def event_provenance(e: Row, lang: str) -> Provenance:
    parts = [f"{label}: {fmt.of_row(e, k, lang=lang)}" for k, label in (
        ("invited", t("col.invited")), ("participants", t("col.participants")),
        ("employers", t("col.employers")), ("applications", t("col.applications")),
        ("contracts", t("col.contracts"))) if e.get(k) is not None]
    return Provenance(what=f"{e['title']} ({event_who(e)}, {e.get('place') or ''})".replace(", )", ")"),
                      value=" · ".join(parts),
                      source=e.get("source"), as_of=e.get("as_of"),
                      period=fmt.date_range(e["date"], e.get("end_date"), lang, e.get("date_precision") or "day"),
                      note=e.get("note"), table="events")


def event_summary_rows(events: list[Row], lang: str) -> Rows:
    return [([cell(fmt.date_(e["date"], lang, e.get("date_precision") or "day")),
              cell(event_who(e)), cell(e["title"]),
              cell(fmt.of_row(e, "participants", lang=lang), right=True)],
             event_provenance(e, lang)) for e in events]


def event_columns() -> list[Col]:
    return [Col(t("col.date"), 10), Col(t("col.jobcenter"), None, weight=2),
            Col(t("col.title"), None, weight=3, lines=3),
            Col(t("col.participants"), 7, True, 60)]


def _prov(what: str, value: str, r: Row, table: str, lang: str, period: str | None = None,
          basis: str | None = None) -> Provenance:
    return Provenance(what=what, value=value, source=r.get("source"), as_of=r.get("as_of"),
                      period=period, note=r.get("note"), table=table, basis=basis)


#: master data the profile always shows, as "nicht belegt" when the data has no value
MASTER_REQUIRED = ("field.name", "field.model", "field.since", "field.legal_form", "field.seat", "field.website")


def master_rows(m: Row, lang: str) -> Rows:
    jc_src = {"source": m.get("source"), "as_of": m.get("as_of"), "note": None}
    d_src = {"source": m.get("district_source"), "as_of": m.get("district_as_of"), "note": None}
    model = m.get("model")
    items: list[tuple[str, Any, Row, str]] = [
        ("field.name", m.get("name"), jc_src, "jobcenters"),
        ("field.model", t(f"jc.model.{model}") if model in ("zkT", "gE") else None, jc_src, "jobcenters"),
        ("field.since", m.get("option_since"), jc_src, "jobcenters"),
        ("field.legal_form", m.get("legal_form"), jc_src, "jobcenters"),
        ("field.seat", m.get("seat"), jc_src, "jobcenters"),
        ("field.website", m.get("website"), jc_src, "jobcenters"),
        ("field.peer_type", m.get("peer_type"), jc_src, "jobcenters"),
        ("field.district", f"{m.get('district_name')} ({m.get('kind')})", d_src, "districts"),
        ("field.ags", m.get("ags"), d_src, "districts"),
        ("field.rb", m.get("regierungsbezirk"), d_src, "districts"),
        ("field.note", m.get("note"), jc_src, "jobcenters"),
    ]
    if model == "gE":  # a joint jobcenter is no Optionskommune: the field does not apply
        items = [i for i in items if i[0] != "field.since"]
    out: Rows = []
    for key, value, src, table in items:
        if value is None or value == "":
            if key in MASTER_REQUIRED:
                out.append(([cell(t(key), "bold"), cell(t("not_recorded"), "dim italic")],
                            Provenance(what=t(key), value=t("not_recorded"), table=table)))
            continue
        text = str(value)
        out.append(([cell(t(key), "bold"), cell(text)], _prov(t(key), text, src, table, lang)))
    return out


def figure_rows(figures: list[Row], lang: str) -> Rows:
    out: Rows = []
    for f in figures:
        name = scoped(indicator_name(f, lang), f.get("scope"), lang)   # "Einwohner (ganze Kreise)"
        value = fmt.value(f["value"], f["unit"], lang, f.get("qualifier"), f.get("value_upper"))
        arrow = fmt.trend(f["value"], f.get("previous_value"))
        good = fmt.trend_is_good(f["value"], f.get("previous_value"), f.get("higher_is_better"))
        style = "green" if good else ("red" if good is False else "")
        spark = Text(fmt.sparkline((f.get("trend") or [])[-6:]), style=style or "dim", no_wrap=True)
        trend = Text(arrow or " ", style=style + " bold", no_wrap=True)
        period = fmt.period(f["period"], f.get("period_kind"), lang)
        previous = ""
        if f.get("previous_value") is not None:
            previous = (fmt.value(f["previous_value"], f["unit"], lang) + " ("
                        + fmt.period(f.get("previous_period"), f.get("period_kind"), lang) + ")")
        prov = _prov(name, value, f, "indicators", lang, period, basis=previous or None)
        revised = "revised_from" in f  # a corrected figure: marked, both numbers in its source
        if revised:
            old, old_as_of = f["revised_from"]
            prov = replace(prov, note=t("ov.revised_note", old=fmt.value(old, f["unit"], lang),
                                        old_as_of=fmt.date_(old_as_of, lang)))
        out.append(([cell(name), cell(("* " if revised else "") + value, "bold yellow" if revised else "bold",
                                      right=True), trend, spark, cell(period), cell(fmt.date_(f["as_of"], lang))],
                    prov))
    return out


#: the attainment's colour; the glyph (✓ ✗ ○ ·) carries the meaning without colour (NO_COLOR)
TARGET_STYLES = {"met": "green", "missed": "red", "open": "dim", "undirected": "dim"}


def target_text(a: Any, lang: str, short: bool = False) -> Text:
    """"✓ erreicht" / "✗ verfehlt (vorläufig)" in its colour; `short`: the glyph alone."""
    word = "" if short else " " + t(f"target.{a.status}") + (f" ({t('target.provisional')})" if a.provisional else "")
    return Text(a.glyph + word, style=TARGET_STYLES[a.status], no_wrap=True)


def _target_figures(a: Any, lang: str) -> tuple[str, str, str]:
    """Target (with the agreed change), actual and difference of one target, formatted."""
    target = fmt.value(a.target, a.unit, lang, a.qualifier)
    if a.target_change is not None:
        target += f" ({fmt.percent(a.target_change, lang, 1, signed=True)})"
    return target, fmt.value(a.actual, a.unit, lang), fmt.deviation(a.difference, a.unit, lang)


def target_summary(a: Any, lang: str) -> Text:
    """One line for the Vergleich's sources dialog: "Ziel 2025: 23,0 % · Ist 23,5 % (09/2025) · +0,5 · ✓ erreicht"."""
    target, actual, diff = _target_figures(a, lang)
    period = f" ({fmt.date_(a.actual_period, lang, 'month')})" if a.actual_period else ""
    line = Text(f"{t('col.target')} {a.year}: {target} · {t('col.actual')} {actual}{period} · "
                f"{t('col.difference')} {diff} · ")
    return line.append_text(target_text(a, lang))


def target_rows(items: list[Any], lang: str) -> Rows:
    """§ 48b targets: year, indicator, target, actual (with its month), difference, attainment."""
    out: Rows = []
    for a in items:
        target, actual, shown = _target_figures(a, lang)
        period = fmt.date_(a.actual_period, lang, "month") if a.actual_period else ""
        basis = None
        if a.baseline is not None:
            basis = f"{fmt.value(a.baseline, a.unit, lang)} ({fmt.date_(a.baseline_period, lang, 'month')})"
        out.append(([cell(a.year), cell(a.indicator), cell(target, right=True), cell(actual, "bold", right=True),
                     cell(shown, right=True), target_text(a, lang), cell(period)],
                    Provenance(f"{t('jc.targets')}: {a.indicator} {a.year}", target, a.source, a.as_of,
                               table="targets", period=str(a.year), basis=basis, note=a.note)))
    return out


def staffing_rows(rows: list[Row], lang: str) -> Rows:
    out: Rows = []
    for s in rows:
        day = fmt.date_(s["period"], lang)
        cells = [cell(day), cell(s["function"])] + [
            cell(fmt.of_row(s, k, None, lang), right=True) for k in ("headcount", "fte", "vacancies", "trainees")]
        out.append((cells, _prov(f"{t('jc.staffing')}: {s['function']}",
                                 f"{fmt.of_row(s, 'headcount', lang=lang)} / {fmt.of_row(s, 'fte', None, lang)} {t('unit.fte')}",
                                 s, "staffing", lang, day)))
    return out


def bass_rows(rows: list[Row], lang: str) -> Rows:
    out: Rows = []
    for b in rows:
        keys = ("started", "active", "graduated", "hired", "dropped_out")
        cells = [cell(b["year"])] + [cell(fmt.of_row(b, k, lang=lang), right=True) for k in keys]
        said = " · ".join(f"{t('col.' + ('dropped' if k == 'dropped_out' else k))}: {fmt.of_row(b, k, lang=lang)}"
                          for k in keys if b.get(k) is not None)
        out.append((cells, _prov(f"BASS {b['year']} ({b.get('programme')})", said, b, "bass_cohorts", lang,
                                 str(b["year"]))))
    return out


def event_rows(rows: list[Row], lang: str) -> Rows:
    out: Rows = []
    for e in rows:
        cells = [cell(fmt.date_(e["date"], lang, e.get("date_precision") or "day")), cell(e["title"])] + [
            cell(fmt.of_row(e, k, lang=lang), right=True)
            for k in ("invited", "participants", "employers", "applications", "contracts")]
        out.append((cells, event_provenance(e, lang)))
    return out


def budget_rows(rows: list[Row], lang: str) -> Rows:
    out: Rows = []
    for b in rows:
        amount = fmt.value(b["amount_eur"], "eur", lang, b.get("qualifier"), b.get("amount_eur_upper"))
        # programme and item in one cell: long compound words wrap between them, not inside them
        what = Text(fmt.strip_controls(b["programme"]), style="bold", no_wrap=True, overflow="ellipsis")
        what.append(" · " + fmt.strip_controls(b["item"]), style="")
        out.append(([cell(b["year"]), what, cell(amount, "bold", right=True)],
                    _prov(f"{b['programme']} {b['year']}: {b['item']}", amount, b, "budgets", lang, str(b["year"]))))
    return out


RATIO_FORMAT = {"bass_hiring_rate": "share", "contracts_per_participant": "share"}
#: the derived view each ratio is computed in: its provenance names it, and Ctrl+T opens it
RATIO_VIEWS = {"bg_per_fte": "v_staffing_ratios", "bg_per_head": "v_staffing_ratios",
               "participants_per_employer": "v_event_ratios", "contracts_per_participant": "v_event_ratios",
               "eur_per_elb": "v_budget_per_elb", "bass_hiring_rate": "v_bass_rates"}


def ratio_basis(inputs: dict[str, Any], lang: str) -> str:
    """'Bedarfsgemeinschaften 1.074 (12/2024) · VZÄ 141,5' from the inputs of a ratio."""
    parts: list[str] = []
    for k, v in inputs.items():
        if k.endswith("_period"):
            if parts and v is not None:
                parts[-1] += f" ({fmt.date_(v, lang, 'month')})"
            continue
        shown = fmt.number(v, lang) if isinstance(v, (int, float)) else fmt.strip_controls(v)
        parts.append(f"{t('in.' + k)} {shown}")
    return " · ".join(parts)


def ratio_rows(rows: list[Row], lang: str) -> Rows:
    out: Rows = []
    for r in rows:
        name = t(f"ratio.{r['ratio']}")
        if r.get("event"):
            name += f" ({r['event']})"
        value = (fmt.share(r["value"], lang) if RATIO_FORMAT.get(r["ratio"]) == "share"
                 else fmt.number(r["value"], lang, 1 if abs(r["value"] or 0) >= 10 else 2))
        basis = ratio_basis(r.get("inputs", {}), lang)
        out.append(([cell(name), cell(value, "bold", right=True), cell(basis, "dim"),
                     cell(fmt.date_(r.get("period"), lang))],
                    _prov(name, value, r, RATIO_VIEWS[r["ratio"]], lang, fmt.date_(r.get("period"), lang), basis)))
    return out


def fact_rows(rows: list[Row], lang: str) -> Rows:
    """Sourced statements; most are sentences without a number, which then stays empty."""
    out: Rows = []
    for f in rows:
        value = ""
        if f.get("value") is not None:
            unit = f.get("unit")
            known = unit in fmt.UNIT_DECIMALS  # a unit of the schema (not the schema: it is not needed at start-up)
            value = fmt.value(f["value"], unit if known else None, lang, f.get("qualifier"), f.get("value_upper"))
            if unit and not known:
                value += " " + fmt.strip_controls(unit)
        out.append(([cell(f["label_de"]), cell(value, "bold", right=True)],
                    _prov(f["label_de"], value, f, "facts", lang, fmt.date_(f.get("period"), lang)
                          if f.get("period") else None)))
    return out


def section_columns(name: str) -> list[Col]:
    """Columns per section. Long names and statements wrap onto further lines of their row
    (`lines`) instead of being cut, so that at 80 columns no two rows read the same."""
    c = t
    return {
        "master": [Col(c("col.field"), 16, lines=2), Col(c("col.value"), lines=4)],
        # the arrow always; the sparkline and the period only where the name keeps room enough
        "figures": [Col(c("col.indicator"), lines=4), Col(c("col.value"), 10, True), Col("", 1),
                    Col(c("col.trend"), 7, False, 64), Col(c("col.period"), 10, False, 76),
                    Col(c("col.as_of"), 10, False, 50)],
        # the attainment takes the rest of the width: its glyph and word must never be cut
        "targets": [Col(c("col.year"), 5), Col(c("col.indicator"), 8), Col(c("col.target"), 9, True, lines=2),
                    Col(c("col.actual"), 8, True), Col(c("col.difference"), 9, True, 64),
                    Col(c("col.attainment"), None, lines=2), Col(c("col.period"), 8, False, 90)],
        "staffing": [Col(c("col.date"), 10), Col(c("col.function"), lines=2), Col(c("col.headcount"), 6, True),
                     Col(c("col.fte"), 7, True), Col(c("col.vacancies"), 6, True, 50),
                     Col(c("col.trainees"), 7, True, 58)],
        "bass": [Col(c("col.year"), 5), Col(c("col.started"), 8, True), Col(c("col.active"), 6, True),
                 Col(c("col.graduated"), 7, True), Col(c("col.hired"), 6, True), Col(c("col.dropped"), 7, True, 56)],
        "events": [Col(c("col.date"), 10), Col(c("col.title"), lines=2), Col(c("col.invited"), 7, True, 72),
                   Col(c("col.participants"), 7, True), Col(c("col.employers"), 8, True, 56),
                   Col(c("col.applications"), 7, True, 64), Col(c("col.contracts"), 6, True, 60)],
        "budgets": [Col(c("col.year"), 5), Col(c("col.programme_item"), lines=3), Col(c("col.amount"), 15, True)],
        "ratios": [Col(c("col.ratio"), lines=3), Col(c("col.value"), 8, True),
                   Col(c("col.basis"), None, False, 70, lines=2), Col(c("col.date"), 10, False, 56)],
        "facts": [Col(c("col.statement"), lines=4), Col(c("col.value"), 16, True, fit=True, lines=2)],
    }[name]


BUILDERS: dict[str, Callable[[Any, str], Rows]] = {"master": master_rows, "figures": figure_rows, "targets": target_rows, "staffing": staffing_rows, "bass": bass_rows,
            "events": event_rows, "budgets": budget_rows, "ratios": ratio_rows, "facts": fact_rows}
