"""Diagramme: Pilot tests of the key paths (bar chart, Enter → profile, Verlauf, per-capita,
period steps, sparse data → demo offer, SVG export) and the chart rendering itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kjc_tui.ui.messages import ShowChart
from chart_fixtures import chart_app, chart_db_path, screen_text, settle
from kjc_tui.ui.views.charts import ChartsView
from kjc_tui.ui.widgets.charts import (
    GE_FILL, KJC_FILL, MARKERS, BarChart, LineChart, LineChartData, LineSeries, render_line_chart,
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chart_db_path(tmp_path_factory)


async def test_bar_chart_of_all_districts_and_enter_opens_profile(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        bar = view.query_one(BarChart)
        assert view.indicator == "K2" and view.mode == "bar"
        assert len(bar.data.items) == 26
        values = [i.value for i in bar.data.items]
        assert values == sorted(values, reverse=True)  # higher is better: best first
        text = screen_text(app)
        assert "Integrationsquote – alle Kreise, 03/2025" in text
        assert KJC_FILL in text and GE_FILL in text and " KJC " in text and " gE " in text
        # at 80×24 the legend, the reference lines' names and the axis stay on screen
        assert "│ Hessen-Ø 15,1 %" in text and "┆ KJC-Ø" in text and "▲▼ 1–" in text and "┴" in text
        await pilot.press("end")
        await pilot.pause()
        assert "│ Hessen-Ø 15,1 %" in screen_text(app) and "▲▼" in screen_text(app)
        assert f"▶ {bar.data.items[-1].label}" in screen_text(app)
        await pilot.press("home")
        assert app.focused is bar
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.current_view == "jobcenter"
        assert app.current_ags == bar.data.items[2].key


@pytest.mark.slow
async def test_references_period_steps_and_per_capita(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        bar = view.query_one(BarChart)
        refs = {r.label: r.value for r in bar.data.references}
        assert refs["Hessen-Ø"] == pytest.approx(sum(i.value for i in bar.data.items) / 26)
        assert "│ Hessen-Ø" in screen_text(app) and "┆ KJC-Ø" in screen_text(app)
        await pilot.press("comma")
        await settle(pilot)
        assert view.bar_period == date(2025, 2, 1) and app.period == date(2025, 2, 1)
        view.open(indicator="BG")
        await settle(pilot)
        absolute = {i.key: i.value for i in bar.data.items}
        await pilot.press("n")
        await settle(pilot)
        assert view.norm_key == "ew"
        per_1000 = {i.key: i.value for i in bar.data.items}
        assert per_1000["06437"] == pytest.approx(absolute["06437"] / 300_000 * 1000)
        assert "je 1.000 Einwohner" in screen_text(app)


async def test_line_chart_of_three_districts_via_show_chart(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowChart("K2", ["06437", "06535", "06412"]))
        await settle(pilot)
        view = app.query_one(ChartsView)
        line = view.query_one(LineChart)
        assert view.mode == "line"
        # three districts come with the Hessen average, drawn dashed as a reference
        assert [s.label for s in line.data.series] == ["Odenwald", "Vogelsberg", "Frankfurt", "Hessen-Ø (26)"]
        assert [s.reference for s in line.data.series] == [False, False, False, True]
        text = screen_text(app)
        for marker in MARKERS[:3]:
            assert marker in text
        assert "04/2024" in text and "%" in text
        await pilot.press("v")
        await settle(pilot)
        assert app.current_view == "compare"


async def test_add_district_from_bars_to_the_line_chart(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        first = view.query_one(BarChart).data.items[0].key
        await pilot.press("a", "t")
        await settle(pilot)
        assert view.line_tokens[0] == first and "group:hessen" in view.line_tokens
        assert len(view.query_one(LineChart).data.series) == 2


async def test_sparse_data_says_so_and_offers_the_demo(tmp_path_factory: pytest.TempPathFactory,
                                                       tmp_path: Path) -> None:
    db = chart_db_path(tmp_path_factory, sparse=True)
    app = chart_app(db, tmp_path, screen="charts")
    opened: list[bool] = []
    app.open_demo_data = lambda: opened.append(True)  # type: ignore[attr-defined]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Zu wenige Daten" in text and "Demo-Daten" in text
        await pilot.press("d")
        assert opened == [True]


async def test_save_svg(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        # 26 bars do not fit at 80×24: the message says the picture holds only the visible ones
        assert "Bild gespeichert:" in said and " von 26 Kreisen; ein größeres Fenster zeigt alle" in said
    files = list(tmp_path.glob("diagramm-*.svg"))
    assert len(files) == 1 and "Integrationsquote" in files[0].read_text(encoding="utf-8")


def test_line_chart_markers_tell_series_apart_without_colour() -> None:
    data = LineChartData([LineSeries("A", [(date(2024, m, 1), float(m)) for m in range(1, 7)]),
                          LineSeries("B", [(date(2024, m, 1), 7.0 - m) for m in range(1, 7)]),
                          LineSeries("<b>[red]C</red>", [(date(2024, m, 1), 3.0) for m in range(1, 7)])],
                         "percent")
    text = render_line_chart(LineChart(), data, 60, 16)
    plain = text.plain
    assert plain.count(MARKERS[0]) >= 5 and plain.count(MARKERS[1]) >= 5 and plain.count(MARKERS[2]) >= 5
    assert "<b>[red]C</red>" in plain  # labels are literal text
    assert "6 %" in plain and "01/2024" in plain


def test_counts_start_at_zero_and_averages_are_dashed() -> None:
    months = [date(2024, m, 1) for m in range(1, 13)]
    data = LineChartData([LineSeries("A", [(d, 50_000.0 + 100 * i) for i, d in enumerate(months)]),
                          LineSeries("Hessen-Ø", [(d, 40_000.0) for d in months], reference=True)], "count")
    plain = render_line_chart(LineChart(), data, 60, 16).plain
    row = next(line for line in plain.splitlines() if line.startswith("40.000 ┤"))
    assert " " in row.split("┤", 1)[1].strip()  # the flat average is dashed: it has gaps
    assert "■ ┄ Hessen-Ø" in plain
    rising = LineChartData([LineSeries("A", [(d, 5000.0 + 1000 * i) for i, d in enumerate(months)])], "count")
    ticks = [line.split("┤")[0].strip() for line in render_line_chart(LineChart(), rising, 60, 16).plain.splitlines()
             if "┤" in line]
    assert ticks[-1] == "0" and not any(t.startswith(("-", "−")) for t in ticks)  # was −10.000


def test_bar_references_in_one_column_both_stay_visible() -> None:
    from kjc_tui.ui.widgets.charts import BarChartData, BarItem, Reference

    items = [BarItem(str(i), f"K{i}", f"Kreis {i}", float(i), i % 2 == 0) for i in range(1, 6)]
    chart = BarChart(BarChartData(items, "count", [Reference("Hessen-Ø", 3.0, "│"),
                                                   Reference("KJC-Ø", 3.01, "┆")], ["Fulda", "Kassel"]))
    lines = [line.plain for line in chart._bars(60)]
    assert all("│" in line and "┆" in line for line in lines)
    footer = [line.plain for line in chart._footer(60)]
    assert any(line.startswith("Ohne Wert (2): Fulda, Kassel") for line in footer)


@pytest.mark.slow
async def test_period_keys_step_from_the_period_picked_with_f4(db: Path, tmp_path: Path) -> None:
    """One period for the app: F4's pick holds in Diagramme (also for another indicator), , and .
    step from it and set it, so Vergleich and the next F4 show the stepped period."""
    from textual.widgets import OptionList

    from kjc_tui.ui.widgets.period_picker import PeriodPicker

    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        assert view.bar_period == date(2025, 3, 1)  # automatic: the newest common period
        await pilot.press("f4")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = next(i for i, s in enumerate(labels) if s.startswith("12/2024  ("))
        await pilot.press("enter")
        await settle(pilot)
        assert app.period == date(2024, 12, 1) and view.bar_period == date(2024, 12, 1)
        assert "Integrationsquote – alle Kreise, 12/2024" in screen_text(app)
        await pilot.press("comma", "comma")
        await settle(pilot)
        assert app.period == date(2024, 10, 1) and view.bar_period == date(2024, 10, 1)
        view.open(indicator="BG")  # another indicator: the period stays
        await settle(pilot)
        assert view.bar_period == date(2024, 10, 1)
        await pilot.press("full_stop")
        await settle(pilot)
        assert app.period == date(2024, 11, 1) and view.bar_period == date(2024, 11, 1)
        assert "Bedarfsgemeinschaften – alle Kreise, 11/2024" in screen_text(app)
        await pilot.press("5")
        await settle(pilot)
        comp = app.query_one("#view-compare").comparison
        assert {r.period for r in comp.rows if r.period is not None} == {date(2024, 11, 1)}
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, PeriodPicker)
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(options.highlighted).prompt).startswith("11/2024")


async def test_per_inhabitant_without_population_names_the_missing_figure(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        view.open(indicator="BG")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert "Nenner Einwohnerzahl (EW) vom 31.12.2024" in screen_text(app)
        app.period = date(2024, 4, 1)  # before the only population figure (31.12.2024)
        view.redraw()
        await settle(pilot)
        text = screen_text(app)
        assert "fehlt für 26 von 26 Kreisen der Nenner" in text and "Einwohnerzahl (EW)" in text


async def test_pick_more_series_in_the_verlauf(db: Path, tmp_path: Path) -> None:
    from textual.widgets import Select

    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        await pilot.press("t")
        await settle(pilot)
        assert view.line_tokens == ["group:kjc", "group:ge", "group:hessen"]
        view.query_one("#ch-add", Select).value = "06437"
        await settle(pilot)
        assert view.line_tokens[-1] == "06437"
        assert [s.label for s in view.query_one(LineChart).data.series][-1] == "Odenwald"
        await pilot.press("x")
        await settle(pilot)
        assert len(view.query_one(LineChart).data.series) == 3


async def test_one_district_comes_with_the_hessen_average(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowChart("K2", ["06437"]))
        await settle(pilot)
        labels = [s.label for s in app.query_one(ChartsView).query_one(LineChart).data.series]
        assert labels == ["Odenwald", "Hessen-Ø (26)"]


@pytest.mark.slow
async def test_click_on_a_bar(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.query_one(BarChart)
        await pilot.click(BarChart, offset=(5, 3))
        assert bar.cursor == 3
        await pilot.click(BarChart, offset=(5, 3))
        await settle(pilot)
        assert app.current_view == "jobcenter" and app.current_ags == bar.data.items[3].key


async def test_source_of_the_bar_under_the_cursor(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Stand 01.06.2025, 1 Quelle" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
        text = screen_text(app)
        assert "Quelle:        test://chart-dataset" in text and "Zähler/Nenner: 955/4.110" in text  # aligned
        await pilot.press("escape")


async def test_ctrl_t_opens_the_rows_behind_the_chart_in_tabellen(db: Path, tmp_path: Path) -> None:
    from kjc_tui.ui.views.tables import TablesView

    app = chart_app(db, tmp_path, screen="charts")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ChartsView)
        period = view.bar_period
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.current_view == "tables"
        sheet = app.query_one(TablesView).sheet
        got = [(f.column, f.op, f.value) for f in sheet.pager.browser.spec.filters]
        assert got == [("indicator", "=", "K2"), ("period", "=", period)]
        assert sheet.pager.count == 26  # one row per district for the period of the bars


def test_axis_labels_take_their_decimals_from_the_tick_step() -> None:
    from kjc_tui.ui.widgets import chartfmt as cf

    ticks = cf.nice_ticks(1.4565, 1.61, max_ticks=6, cover=True)
    assert ticks == [1.45, 1.5, 1.55, 1.6, 1.65]
    assert cf.tick_labels(ticks, "percent") == ["1,45 %", "1,50 %", "1,55 %", "1,60 %", "1,65 %"]
    assert cf.tick_labels([0.005, 0.01, 0.015]) == ["0,005", "0,010", "0,015"]
    assert cf.tick_labels([0, 2.5, 5]) == ["0,0", "2,5", "5,0"]
    assert cf.tick_labels([0, 500, 1000], "count") == ["0", "500", "1.000"]


def test_two_reference_lines_in_one_column_keep_their_order() -> None:
    from kjc_tui.ui.widgets.charts import BarChart, BarChartData, Reference

    chart = BarChart()
    # Hessen-Ø −1,716 is higher than KJC-Ø −1,744: both land on column 5, KJC-Ø must stay left
    chart.data = BarChartData([], "percent_change", [Reference("Hessen-Ø", -1.716, "│"),
                                                     Reference("KJC-Ø", -1.744, "┆")], [])
    cols = chart._ref_columns(10, lambda v: 5.5)
    assert cols == {5: "┆", 6: "│"}
    assert chart._ref_columns(10, lambda v: 9.5) == {8: "┆", 9: "│"}  # at the right edge


def test_means_round_half_up_and_minus_is_typographic() -> None:
    from kjc_tui.read.compare import Neighbour
    from kjc_tui.ui.i18n import set_language
    from kjc_tui.ui.views.compare import neighbour_line
    from kjc_tui.ui.widgets import chartfmt as cf

    mean = (1.4 + 1.7) / 2  # 1.5499999999999998 as a float
    assert cf.value(mean, "percent") == "1,6 %" and cf.number(mean, decimals=1) == "1,6"
    assert cf.number(0.125, decimals=2) == "0,13"
    near = Neighbour("06437", 0.8, 20, (("K2E3", -1.8),))
    assert neighbour_line(near, {"06437": "Odenwald"}) == \
        "Odenwald: Abstand 0,80 über 20 Kennzahlen (größte Unterschiede in z: K2E3 −1,8)"
    set_language("en")
    try:
        assert neighbour_line(near, {}) == "06437: distance 0.80 over 20 indicators (largest differences in z: K2E3 −1.8)"
    finally:
        set_language("de")
