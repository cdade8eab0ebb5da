"""Documents from the dashboard: r writes the fact sheet (Jobcenter) and the monthly report
(Vergleich) in a worker with a progress panel; p writes the whole chart as SVG and PNG (Diagramme,
Vergleich); § 48b targets in the profile and the Vergleich, readable without colour (NO_COLOR)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from rich.color import Color as RichColor
from textual.color import Color

import report_fixtures as rf
from chart_fixtures import chart_app, chart_db_path, screen_text, settle
from kjc_tui.ui.fetching import FetchProgress
from kjc_tui.ui.views.charts import ChartsView
from kjc_tui.ui.widgets.figures import FigureTable
from kjc_tui.ui.messages import ShowCompare


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rf.build(tmp_path_factory.mktemp("reports-ui"))


def _said(app) -> str:
    return " ".join(n.message for n in app._notifications)



def _hold_reports(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the report worker until the test releases it (no race with a fast machine)."""
    from kjc_tui.documents import jobs

    release = threading.Event()
    real = jobs.run

    def held(*args: object, **kw: object) -> object:
        assert release.wait(30), "the test never released the report worker"
        return real(*args, **kw)

    monkeypatch.setattr(jobs, "run", held)
    return release

@pytest.mark.slow
async def test_profile_shows_targets_with_glyphs_and_r_writes_the_fact_sheet(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = chart_app(db, tmp_path, screen="jobcenter", district="06437")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one("#jc-targets", FigureTable)
        rows = [" | ".join(c.plain for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert rows == ["2025 | K1 | −1,0 % | −0,8 % | +0,2 Pp. | ✗ verfehlt (vorläufig)",
                        "2025 | K2 | 23,0 % | 23,5 % | +0,5 Pp. | ✓ erreicht (vorläufig)"]
        release = _hold_reports(monkeypatch)
        await pilot.press("ctrl+right", "r")
        # the worker writes three files; the progress panel shows meanwhile
        await pilot.pause()
        assert app.screen.query_one(FetchProgress).source_text()[0].startswith("Steckbrief")
        release.set()
        await settle(pilot, 8)
        assert not app.screen.query(FetchProgress)
        assert "Gespeichert:" in _said(app)
    files = sorted(p.suffix for p in tmp_path.glob("steckbrief-06437-*"))
    assert files == [".html", ".pdf", ".xlsx"]


async def test_no_color_keeps_the_meaning_in_the_glyph(db: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = chart_app(db, tmp_path, screen="jobcenter", district="06437")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        table = app.query_one("#jc-targets", FigureTable)
        table.scroll_visible(immediate=True)
        await settle(pilot)
        glyphs = {}
        for strip in app.screen._compositor.render_strips():
            for f in app._filters:
                strip = strip.apply_filter(f, Color(0, 0, 0))
            for seg in strip:
                for glyph in ("✓ erreicht", "✗ verfehlt"):
                    if glyph in seg.text:
                        glyphs[glyph] = seg.style.color
        assert set(glyphs) == {"✓ erreicht", "✗ verfehlt"}
        for colour in glyphs.values():  # grey, not green or red: only the glyph and word tell them apart
            r, g, b = (colour or RichColor.default()).get_truecolor()
            assert r == g == b


@pytest.mark.slow
async def test_vergleich_shows_the_target_and_writes_report_and_chart(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.post_message(ShowCompare(["06437", "06535"]))
        await settle(pilot)
        text = screen_text(app)
        assert "Ziel ✓" in text and "Ziel ✗" in text   # K2: Odenwald met, Vogelsberg missed
        await pilot.press("i")                           # the sources of the row (K1) with the targets
        await settle(pilot)
        text = screen_text(app)
        assert "Ziel 2025: −1,0 % · Ist −0,8 % (09/2025) · Differenz +0,2 Pp. · ✗ verfehlt (vorläufig)" in text
        assert "Ziel 2025: +1,5 % · Ist +1,2 % (09/2025) · Differenz −0,3 Pp. · ✓ erreicht (vorläufig)" in text
        await pilot.press("escape")
        await pilot.press("p")
        await settle(pilot, 8)
        assert "Diagramm gespeichert" in _said(app)
        release = _hold_reports(monkeypatch)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("1")        # the UI answers while the worker writes the report
        await pilot.pause()
        assert app.current_view == "overview" and app.screen.query(FetchProgress)
        release.set()
        await settle(pilot, 8)
        assert "Gespeichert:" in _said(app)
    assert sorted(p.suffix for p in tmp_path.glob("vergleich-*")) == [".png", ".svg"]
    reports = sorted(tmp_path.glob("kennzahlen-*"))
    assert sorted(p.suffix for p in reports) == [".html", ".pdf", ".xlsx"]
    html = next(p for p in reports if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Odenwaldkreis" in html and "Vogelsbergkreis" in html and "23,5 %" in html and "Wiesbaden" not in html


async def test_diagramme_p_exports_every_bar_for_print(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = chart_db_path(tmp_path_factory)
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        assert view.mode == "bar" and len(view.bar_data.bars) == 26
        await pilot.press("p")
        await settle(pilot, 8)
        assert "Diagramm gespeichert" in _said(app)
    png = next(tmp_path.glob("diagramm-*.png"))
    from PIL import Image

    # 26 labelled bars at 200 dpi: (0,8 + 0,17 × 26) in ≈ 1.044 px high; the 80×24 screen shows ~14
    assert Image.open(png).size[1] >= 1040
    assert next(tmp_path.glob("diagramm-*.svg")).read_text().startswith("<svg")
