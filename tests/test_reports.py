"""The fact sheet and the monthly report: the numbers are those of the read layer the screens
use, hand-checked on office-shaped fixtures; every format opens (PDF parsed back, XLSX with its
native charts, HTML self-contained) and synthetic data is marked on every page."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

import report_fixtures as rf
from kjc_tui.db.store import Store
from kjc_tui.documents import FormatError, layout, render, write, write_chart
from kjc_tui.read import compare as cmp
from kjc_tui.read import overview
from kjc_tui.read.reports import build_factsheet, build_monthly, resolve_members
from kjc_tui.read.reports.model import HESSEN, KJC, SET, bar_chart_from
from kjc_tui.read.reports.monthly import ReportError


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rf.build(tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kjc_tui.db.snapshot import build_synthetic

    db = tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb"
    build_synthetic(db, scale=0.07, seed=3)
    return db


@pytest.fixture
def store(fixture_db: Path):
    s = Store(fixture_db)
    yield s
    s.close()


# -- the monthly report: hand-computed on the office-shaped fixture ----------------------------------


def test_monthly_report_of_the_kjc_by_hand(store: Store) -> None:
    rep = build_monthly(store, resolve_members(store, "kjc"), date(2025, 9, 1))
    assert (rep.release, rep.previous_month, rep.previous_year) == (date(2025, 9, 1), date(2025, 8, 1),
                                                                  date(2024, 9, 1))
    assert len(rep.rows) == 16 and rep.coverage["K2"] == (4, 16)   # four KJC have figures, of 16
    avg = rep.averages["K2"]
    assert avg[SET][0] == pytest.approx((23.5 + 21.0 + 26.6 + 18.0) / 4) and avg[SET][1] == 4
    assert avg[HESSEN][0] == pytest.approx(107.0 / 5)                 # with Frankfurt (gE, 17,9)
    assert avg[KJC][0] == pytest.approx(22.275)
    row = {m.ags: m for m in rep.rows}
    odw = row["06437"].figures["K2"]
    assert (odw.value, odw.rank_set, odw.of_set) == (23.5, 2, 4)
    assert odw.change_month == pytest.approx(0.5) and odw.change_year == pytest.approx(1.5)
    assert row["06414"].figures["K1"].rank_set == 4 and row["06437"].figures["K1"].rank_set == 1  # lower is better
    assert row["06437"].targets["K2"].status == "met" and row["06535"].targets["K2"].status == "missed"
    movers = [(m.jobcenter_id, m.improved) for m in rep.movers["K2"]]
    assert movers == [("JC-06435", True), ("JC-06437", True), ("JC-06535", False), ("JC-06414", False)]
    assert rep.as_of == date(2025, 12, 20)


def test_monthly_report_holds_the_numbers_of_the_diagramme_screen(store: Store) -> None:
    """The Diagramme view draws `compare.bar_data`: the report's figures and averages are the same."""
    rep = build_monthly(store, resolve_members(store, "hessen"), date(2025, 9, 1))
    k2 = next(d for d in cmp.indicator_catalogue(store) if d.code == "K2")
    bars = cmp.bar_data(store, k2, period=date(2025, 9, 1))
    assert {b.district.ags: b.value for b in bars.bars} == {
        m.ags: m.figures["K2"].value for m in rep.rows if m.figures["K2"].value is not None}
    assert rep.averages["K2"][HESSEN][0] == pytest.approx(bars.references[cmp.GROUP_HESSEN])
    assert rep.averages["K2"][KJC][0] == pytest.approx(bars.references[cmp.GROUP_KJC])
    chart = rep.charts[rep.indicators.index(k2)]
    assert [b[2] for b in chart.bars] == [f"JC-{b.district.ags}" for b in bars.bars]  # same order, best first


def test_member_sets(store: Store) -> None:
    assert resolve_members(store, "hessen").kind == "hessen" and len(resolve_members(store, "hessen").jobcenters) == 26
    assert len(resolve_members(store, "ge").jobcenters) == 10
    assert [r["ags"] for r in resolve_members(store, "06437,06535").jobcenters] == ["06437", "06535"]
    saved = resolve_members(store, "Süd", {"Süd": ["06437", "group:ge"]})
    assert saved.kind == "set" and len(saved.jobcenters) == 11
    with pytest.raises(ReportError) as e:
        resolve_members(store, "nirgends")
    assert e.value.code == "unknown_set"
    with pytest.raises(ReportError) as e:
        build_monthly(store, resolve_members(store, "kjc"), extra=("K9",))
    assert e.value.code == "unknown_indicator"


def test_newest_release_is_the_default(store: Store) -> None:
    assert build_monthly(store, resolve_members(store, "kjc")).release == date(2025, 9, 1)


def test_a_corrected_value_is_shown_as_revised_with_both_numbers(tmp_path: Path) -> None:
    from kjc_tui.db import snapshot

    db = rf.build(tmp_path)
    fix = tmp_path / "Korrektur.csv"
    fix.write_bytes("Kreisschlüssel;Berichtsmonat;Kennzahl;Wert;Quelle;Stand\r\n"
                    f"06535;August 2025;K2;21,9;{rf.S};20.01.2026\r\n".encode("cp1252"))
    snapshot.load(db, [fix])
    s = Store(db)
    try:
        rep = build_monthly(s, resolve_members(s, "kjc"), date(2025, 9, 1))
    finally:
        s.close()
    assert [(r["name"], r["indicator"], r["period"], r["old_value"], r["new_value"]) for r in rep.revisions] == [
        ("Vogelsbergkreis", "K2", date(2025, 8, 1), 21.5, 21.9)]
    vb = next(m for m in rep.rows if m.ags == "06535").figures["K2"]
    assert vb.change_month == pytest.approx(21.0 - 21.9)   # against the corrected value
    html = render(layout.monthly(rep), "html").decode()
    assert "Korrigierte Werte" in html and "21,5 %" in html and "21,9 %" in html and "20.01.2026" in html


# -- the fact sheet ----------------------------------------------------------------------------------


def test_factsheet_holds_the_numbers_of_the_profile_and_the_vergleich(store: Store) -> None:
    fs = build_factsheet(store, "06437")
    k2 = next(f for f in fs.figures if f.indicator.code == "K2")
    profile = next(f for f in overview.profile(store, "06437")["figures"] if f["indicator"] == "K2")
    assert (k2.value, k2.period) == (profile["value"], profile["period"]) == (23.5, date(2025, 9, 1))
    cell = next(r for r in cmp.comparison(store, ["06437"]).rows if r.indicator.code == "K2").cells[0]
    assert (k2.rank_hessen, k2.of_hessen) == (cell.rank_hessen, cell.rank_hessen_of) == (2, 5)
    assert k2.deviation(HESSEN) == pytest.approx(cell.deviation) == pytest.approx(23.5 - 21.4)
    # from the figures as shown: KJC-Ø 22,275 is shown 22,3 % (half up), so 23,5 − 22,3 = +1,2 Pp.
    assert k2.deviation(KJC) == pytest.approx(1.2)
    assert [(a.year, a.indicator, a.status) for a in fs.targets] == [(2025, "K1", "missed"), (2025, "K2", "met")]
    assert {s.as_of for s in fs.sources if s.source == rf.S} == {date(2025, 1, 15), date(2025, 12, 20)}
    jt = [e for e in fs.events if e["title"] == "Ihre Chance auf Arbeit – Job Turbo"]
    assert jt and jt[0]["date"] == date(2024, 2, 22) and "ina-odw.de" in jt[0]["source"]
    assert {c.indicator.code for c in fs.charts} == {"K2"}   # no eLb series in this data
    assert [label for label, _, _ in fs.charts[0].series] == ["Odenwald", HESSEN, KJC]


def test_odenwald_on_the_embedded_data_carries_the_job_turbo(tmp_path: Path) -> None:
    from kjc_tui.db import snapshot

    db = tmp_path / "kjc.duckdb"
    snapshot.build(db, snapshot.embedded_files())
    s = Store(db)
    try:
        doc = layout.factsheet(build_factsheet(s, "06437"))
    finally:
        s.close()
    text = _pdf_text(render(doc, "pdf"))
    assert "Ihre Chance auf Arbeit – Job Turbo" in text and "22.02.2024" in text
    assert "https://www.ina-odw.de/job-turbo-im-odenwaldkreis-fuer-ueber-270-ukrainer/" in re.sub(r"\s+", "", text)
    assert "SYNTHETISCH" not in text
    # each figure with its own qualifier, as the release says it ("über 270", "über 100", exactly 27 and 7)
    assert "Job-Turbo – – > 270 27 > 100 – 7" in text
    assert len(_pdf_pages(render(doc, "pdf"))) == 1   # one A4 page where the data allows


# -- formats ------------------------------------------------------------------------------------------


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def _pdf_text(data: bytes) -> str:
    return "\n".join(_pdf_pages(data))


def test_every_format_holds_the_report_numbers(store: Store) -> None:
    rep = build_monthly(store, resolve_members(store, "kjc"), date(2025, 9, 1))
    doc = layout.monthly(rep, "de")
    pdf = _pdf_text(render(doc, "pdf"))
    assert "Kennzahlen-Bericht 09/2025" in pdf and "23,5 %" in pdf and "2 von 4" in pdf and "22,3 %" in pdf
    assert "✓ erreicht (vorläufig)" in pdf and "✗ verfehlt (vorläufig)" in pdf
    html = render(doc, "html").decode()
    assert "23,5 %" in html and html.count("<svg") == 3 and "<script" not in html
    assert not re.search(r'(src|href)="https?:', html) and "@page { size: A4" in html
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(doc, "xlsx")))
    ws = wb["K2"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=4) if r[0].value}
    assert rows["Odenwaldkreis"][1].value == 23.5 and rows["Odenwaldkreis"][2].value == 2
    assert rows["Odenwaldkreis"][3].value == pytest.approx(0.5)
    charts = [c for s in wb.worksheets for c in s._charts]
    assert len(charts) == 3   # a native bar chart (with the averages as lines) per indicator


def test_english(store: Store) -> None:
    doc = layout.factsheet(build_factsheet(store, "06437"), "en")
    pdf = _pdf_text(render(doc, "pdf"))
    assert "Fact sheet Odenwaldkreis" in pdf and "23.5%" in pdf and "2 of 5" in pdf and "✓ met" in pdf


@pytest.mark.slow
def test_synthetic_data_is_marked_on_every_page(synthetic_db: Path) -> None:
    s = Store(synthetic_db)
    try:
        docs = [layout.factsheet(build_factsheet(s, "06437")),
                layout.monthly(build_monthly(s, resolve_members(s, "alle"), extra=("K2E3",)))]
    finally:
        s.close()
    for doc in docs:
        pages = _pdf_pages(render(doc, "pdf"))
        assert len(pages) >= 2 and all("SYNTHETISCH" in p for p in pages)
        assert "SYNTHETISCH" in render(doc, "html").decode()
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(render(doc, "xlsx")))
        assert all(str(ws["A1"].value).startswith("SYNTHETISCH") for ws in wb.worksheets)
        assert all(ws.oddHeader.center.text.startswith("SYNTHETISCH") for ws in wb.worksheets)
    monthly = docs[1]
    assert len(next(b for b in monthly.blocks if isinstance(b, layout.Table) and b.sheet == "K2").rows) == 28


def test_write_picks_the_format_by_extension(store: Store, tmp_path: Path) -> None:
    doc = layout.factsheet(build_factsheet(store, "06437"))
    assert write(doc, tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert write(doc, tmp_path / "a.HTML".lower()).read_bytes().startswith(b"<!DOCTYPE html>")
    assert write(doc, tmp_path / "a.xlsx").read_bytes().startswith(b"PK")
    with pytest.raises(FormatError):
        write(doc, tmp_path / "a.docx")
    assert not (tmp_path / "a.docx").exists()


def test_chart_files_hold_every_bar(synthetic_db: Path, tmp_path: Path) -> None:
    s = Store(synthetic_db)
    try:
        k2 = next(d for d in cmp.indicator_catalogue(s) if d.code == "K2")
        data = cmp.bar_data(s, k2)
    finally:
        s.close()
    chart = bar_chart_from(data, "06437")
    assert len(chart.bars) == len(data.bars) == 26
    svg = write_chart(chart, tmp_path / "k2.svg", synthetic=True).read_text()
    assert svg.startswith("<svg") and svg.count('<g id="patch_') >= 26
    png = write_chart(chart, tmp_path / "k2.png", synthetic=True).read_bytes()
    assert png.startswith(b"\x89PNG")
    from PIL import Image

    assert Image.open(tmp_path / "k2.png").size[1] > 900   # drawn for print (200 dpi), not a terminal


CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and os.path.exists(p)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium); "
                                             ".ci/run installs it")
def test_html_report_renders_offline_in_headless_chromium(synthetic_db: Path, tmp_path: Path) -> None:
    """The HTML opens in a browser with no network: the page is drawn (charts included) and the
    SYNTHETISCH banner is red at the top of the page."""
    s = Store(synthetic_db)
    try:
        html = write(layout.factsheet(build_factsheet(s, "06437")), tmp_path / "steckbrief.html")
    finally:
        s.close()
    png = tmp_path / "shot.png"
    profile = tmp_path / "profile"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--user-data-dir={profile}", "--window-size=900,1800", f"--screenshot={png}",
                    html.as_uri()], check=True, capture_output=True, timeout=120)
    from PIL import Image

    img = Image.open(png).convert("RGB")
    assert img.size == (900, 1800)
    r, g, b = img.getpixel((12, 8))                  # the banner, left of its text
    assert r > 150 and g < 80 and b < 80
    colours = img.resize((90, 180)).getcolors(90 * 180) or []
    assert len(colours) > 50                          # text, tables and charts, not a blank page


@pytest.mark.parametrize("lang", ["de", "en"])
def test_chart_axis_ticks_come_from_the_one_formatter(lang: str) -> None:
    """The value axis of a report chart is labelled by `fmt.tick_labels`: the decimals the step
    needs (1,45 / 1,50 / 1,55, never 1,5 twice), German or English, millions as "Mio."."""
    from kjc_tui.core import fmt
    from kjc_tui.documents.charts import bar_figure, line_figure
    from kjc_tui.read.reports.model import BarChart, LineChart

    rate = cmp.IndicatorDef("K2", "Integrationsquote", "percent", True)
    months = [date(2025, m, 1) for m in (1, 2, 3)]
    line = LineChart(rate, [("Odenwald", list(zip(months, [1.45, 1.5, 1.55])), False)])
    people = cmp.IndicatorDef("EW", "Einwohner", "count", None)
    bars = BarChart(people, months[-1], [("A", 1_200_000.0, "a"), ("B", 3_400_000.0, "b")], [])
    for fig, axis in ((line_figure(line, lang), "y"), (bar_figure(bars, lang), "x")):
        fig.canvas.draw()
        ax = fig.axes[0]
        ticks = [float(v) for v in (ax.get_yticks() if axis == "y" else ax.get_xticks())]
        labels = [t.get_text() for t in (ax.get_yticklabels() if axis == "y" else ax.get_xticklabels())]
        assert labels == fmt.tick_labels(ticks, None, lang)
        assert len(set(labels)) == len(labels)
        if axis == "y":
            assert ("1,50" if lang == "de" else "1.50") in labels
        else:
            assert any(label.endswith(" Mio." if lang == "de" else " M") for label in labels)


# -- whole-district figures and qualifiers --------------------------------------------------------------


@pytest.fixture(scope="module")
def qualified_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kjc_tui.db import snapshot

    d = tmp_path_factory.mktemp("qualified")
    db = rf.build(d)
    snapshot.load(db, rf.qualified_files(d))
    return db


@pytest.fixture(scope="module")
def qualified_reports(qualified_db: Path) -> tuple[object, object]:
    s = Store(qualified_db)
    try:
        return (build_monthly(s, resolve_members(s, "kjc"), date(2025, 9, 1), extra=["ALO"]),
                build_factsheet(s, "06437"))
    finally:
        s.close()


def _table(doc: layout.Document, key: str, lang: str) -> layout.Table:
    from kjc_tui.core.strings import say

    return next(b for b in doc.blocks if isinstance(b, layout.Table) and b.title == say(key, lang))


def _xlsx_strings(data: bytes) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.mark.parametrize(("lang", "alo", "ew", "mark", "note"), [
    ("de", "ALO Arbeitslose SGB II und III", "EW Einwohner", "(ganze Kreise)",
     "(ganze Kreise): Zahl des ganzen Kreises, nicht des Jobcenters allein"),
    ("en", "ALO Unemployed (SGB II and III)", "EW Population", "(whole districts)",
     "(whole districts): a figure of the whole district, not of the jobcenter alone")])
def test_whole_district_figures_are_marked_as_the_uebersicht_marks_them(
        qualified_reports: tuple, lang: str, alo: str, ew: str, mark: str, note: str) -> None:
    """ALO, EW (scope "district" in indicator_defs) carry the Übersicht's mark in the monthly report (HTML,
    PDF, XLSX: tables, chart titles, the XLSX chart data) and the fact sheet; K2 (a jobcenter's figure) does not."""
    rep, fs = qualified_reports
    doc = layout.monthly(rep, lang)
    html = render(doc, "html").decode()
    assert html.count(f"{alo} {mark}") >= 2 and f"{note}" in html   # overview row and the ALO table's title
    assert "Integrationsquote (ganze" not in html and "Integration rate (whole" not in html
    pdf = re.sub(r"\s+", " ", _pdf_text(render(doc, "pdf")))
    assert f"{alo} {mark}" in pdf and note in pdf
    cells = _xlsx_strings(render(doc, "xlsx"))
    assert cells.count(f"{alo} {mark}") >= 3   # overview row, the ALO sheet's title, the chart sheet's data header
    assert not any(c.startswith("K2 ") and mark in c for c in cells)
    sheet = layout.factsheet(fs, lang)
    names = [r[0].text for r in _table(sheet, "doc.figures", lang).rows]
    assert f"{alo} {mark}" in names and f"{ew} {mark}" in names
    assert next(n for n in names if n.startswith("K2 ")).endswith(mark) is False
    assert any(isinstance(b, layout.Notes) and note in b.lines for b in sheet.blocks)
    fs_pdf = re.sub(r"\s+", " ", _pdf_text(render(sheet, "pdf")))
    assert f"{ew} {mark}" in fs_pdf


def test_a_report_without_whole_district_figures_has_no_such_note(store: Store) -> None:
    doc = layout.monthly(build_monthly(store, resolve_members(store, "kjc"), date(2025, 9, 1)), "de")
    assert "ganze Kreise" not in render(doc, "html").decode()


def test_every_report_table_shows_each_figure_with_its_own_qualifier(qualified_reports: tuple) -> None:
    """Figures (both reports), staffing, BASS and targets spell what the source said: ≈, >, a range; the
    events table does so already (`test_odenwald_on_the_embedded_data_carries_the_job_turbo`). Movers
    and revisions hold changes and corrected values that carry no qualifier of their own."""
    rep, fs = qualified_reports
    doc = layout.monthly(rep, "de")
    alo = next(b for b in doc.blocks if isinstance(b, layout.Table) and b.title.startswith("ALO "))
    shown = {r[0].text: r[1].text for r in alo.rows}
    assert (shown["Odenwaldkreis"], shown["Vogelsbergkreis"], shown["Main-Kinzig-Kreis"]) == (
        "≈ 5.000", "4.000–4.500", "12.000")
    assert "≈ 5.000" in render(doc, "html").decode()
    # the averages over them are only approximate; K2's (exact values) are not
    overview_rows = {r[0].text.split()[0]: [c.text for c in r[1:4]] for r in _table(doc, "doc.overview", "de").rows}
    assert overview_rows["ALO"] == ["≈ 7.000", "≈ 7.000", "≈ 7.000"]
    assert not any(c.startswith("≈") for c in overview_rows["K2"])
    sheet = layout.factsheet(fs, "de")
    figs = {r[0].text.split()[0]: r[1].text for r in _table(sheet, "doc.figures", "de").rows}
    assert figs["ALO"] == "≈ 5.000"
    staff = _table(sheet, "doc.staffing", "de").rows[0]
    # headcount "rund 120", FTE exact, vacancies "mehr als 5", BG "mehr als 2.400": BG per FTE only ≈
    assert [c.text for c in staff[2:]] == ["≈ 120", "101,50", "> 5", "> 2.400", "≈ 23,65"]
    bass = next(r for r in _table(sheet, "jc.bass", "de").rows if r[0].text == "2024")
    assert [c.text for c in bass[2:]] == ["> 4", "–", "2–3", "–", "–"]
    goal = next(r for r in _table(sheet, "doc.targets", "de").rows if r[1].text == "ALO")
    assert (goal[2].text, goal[3].text) == ("5.200", "≈ 5.000 (09/2025)")
    html = render(sheet, "html").decode()
    assert "≈ 120" in html and "&gt; 4" in html and "2–3" in html and "≈ 5.000 (09/2025)" in html


@pytest.mark.parametrize(("lang", "better", "worse"), [("de", "besser", "schlechter"), ("en", "better", "worse")])
def test_movers_say_better_and_worse_in_the_report_language(store: Store, lang: str, better: str, worse: str) -> None:
    doc = layout.monthly(build_monthly(store, resolve_members(store, "kjc"), date(2025, 9, 1)), lang)
    said = {r[3].text for r in _table(doc, "doc.movers", lang).rows}
    assert said == {better, worse}
