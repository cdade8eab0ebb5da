"""Vergleich: Pilot tests of the key paths (members side by side, add/remove, nearest
neighbours, saved sets in kjc.toml, CSV/SVG export, Enter → Verlauf)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Select

from kjc_tui.ui.messages import ShowCompare
from chart_fixtures import chart_app, chart_db_path, screen_text, settle, uneven_db
from kjc_tui.ui.views.compare import CompareView, NamePrompt, SetPicker
from kjc_tui.ui.words import member_label


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chart_db_path(tmp_path_factory)


async def test_odenwald_vogelsberg_and_kjc_average(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowCompare(["06437", "06535", "group:kjc"]))
        await settle(pilot)
        view = app.query_one(CompareView)
        comp = view.comparison
        assert [member_label(m) for m in comp.members] == ["Odenwaldkreis", "Vogelsbergkreis", "KJC-Ø (16)"]
        table = view.query_one(DataTable)
        assert table.row_count == len(comp.rows) == 6
        first = [cell.plain for cell in table.get_row_at(0)]
        assert first[0].startswith("K2 Integrationsq") and "Hessen-Ø 15,1 %" in first[0]
        assert first[1].startswith("14,9 %") and "1.355/9.110" in first[1] and "2/3" in first[1]
        assert "Ø aus 16 von 16" in [c.plain for c in table.get_row_at(1)][3]
        assert "Ø aus 16 von 16" in [c.plain for c in table.get_row_at(0)][3]  # a mean: no Zähler/Nenner
        assert "Pp." in first[1]
        assert app.focused is table
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_view == "charts"


@pytest.mark.slow
async def test_add_remove_and_neighbours(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(CompareView)
        view.query_one("#cmp-add", Select).value = "group:ge"
        await settle(pilot)
        assert view.members[-1] == "group:ge" and len(view.comparison.members) == 4
        await pilot.press("x")
        await settle(pilot)
        assert view.members == ["06437", "06535", "group:kjc"]
        await pilot.press("n")
        await settle(pilot)
        assert view.members[0] == "06437" and len(view.members) == 4
        assert all(m.isdigit() for m in view.members)
        assert "Nächste Nachbarn von Odenwald" in screen_text(app)
        assert "(Abstand)" in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert "z-Wert" in screen_text(app)
        await pilot.press("escape")


@pytest.mark.slow
async def test_save_and_load_a_named_set(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(CompareView)
        # Esc in the name dialog closes it and saves nothing
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, NamePrompt)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NamePrompt) and not app.config.comparisons
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, NamePrompt)
        await pilot.press("ctrl+a", "ctrl+k", *"Nordhessen", "enter")
        await settle(pilot)
        saved = tomllib.loads(app.config.user_file.read_text(encoding="utf-8"))
        assert saved["comparisons"]["Nordhessen"] == ["06437", "06535", "group:kjc"]
        view.set_members(["06412"])
        await settle(pilot)
        # saving under an existing name asks first: one Enter warns, the second overwrites
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Nordhessen", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NamePrompt) and "gibt es schon" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        saved = tomllib.loads(app.config.user_file.read_text(encoding="utf-8"))
        assert saved["comparisons"]["Nordhessen"] == ["06412"]
        view.set_members(["06437", "06535"])
        await settle(pilot)
        # l opens the saved sets with the first one highlighted: Enter loads it
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, SetPicker)
        await pilot.press("enter")
        await settle(pilot)
        assert view.members == ["06412"]
        # Entf deletes the highlighted set from kjc.toml
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("delete")
        await settle(pilot)
        assert "comparisons" not in tomllib.loads(app.config.user_file.read_text(encoding="utf-8"))
        assert app.config.comparisons == {}


async def test_stand_of_the_row_and_unknown_type(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowCompare(["06437", "type:ZZ", "group:kjc"]))
        await settle(pilot)
        text = screen_text(app)
        assert "unbekannter Vergleichstyp ZZ" in text
        assert "K2: Stand 01.06.2025 (alle)" in text


async def test_export_csv_and_svg(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "e", "c", "e")
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        assert " von 6 Kennzahlen; ein größeres Fenster zeigt alle" in said  # 80×24 shows only a few rows
    assert len(list(tmp_path.glob("vergleich-*.csv"))) == 2  # the second export in a second: "-2"
    csv = sorted(tmp_path.glob("vergleich-*.csv"))[0].read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv
    text = csv.decode("utf-8-sig")
    assert "Kennzahl;Bezeichnung;Einheit;Hessen-Ø;Odenwaldkreis: Wert" in text
    assert "K2;Integrationsquote;%;15,1;14,9;;;03/2025;01.06.2025;1355;9110" in text   # exact: no ≈, no upper end
    assert ";2 von 3;" in text
    assert len(list(tmp_path.glob("vergleich-*.svg"))) == 2


async def test_plus_in_the_district_list_adds_the_district(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="jobcenter", district="06412")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+left")
        await settle(pilot)
        from kjc_tui.ui.widgets.district_list import DistrictList

        assert isinstance(app.focused, DistrictList) and app.current_ags == "06412"
        await pilot.press("plus")  # letters in the list start a search: + it is
        await settle(pilot, rounds=6)
        assert app.current_view == "compare"
        view = app.query_one(CompareView)
        assert view.members == ["06437", "06535", "group:kjc", "06412"]
        assert [m.name for m in view.comparison.members][-1] == "Frankfurt am Main"
        # a full set: the last member is replaced, and the user is told so
        other = next(d for d in view.districts if d.ags not in view.members)
        view.open(add=other.ags)
        await settle(pilot)
        assert view.members == ["06437", "06535", "group:kjc", other.ags]
        said = [n.message for n in app._notifications]
        assert f"Vergleich voll (höchstens 4): {other.name} ersetzt Frankfurt am Main" in said


async def _palette(pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot, rounds=6)


@pytest.mark.slow
async def test_command_palette_sets_and_charts(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="overview")
    app.config.comparisons["Süd"] = ["06437", "06412"]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _palette(pilot, "Vergleich: Süd")
        assert app.current_view == "compare"
        view = app.query_one(CompareView)
        assert view.members == ["06437", "06412"]
        await _palette(pilot, "nächsten Nachbarn von Vogelsberg")
        assert view.members[0] == "06535" and len(view.members) == 4
        assert "Nächste Nachbarn von Vogelsberg" in screen_text(app)
        await _palette(pilot, "Diagramm: Aktivierungsquote")
        assert app.current_view == "charts"
        from kjc_tui.ui.views.charts import ChartsView

        assert app.query_one(ChartsView).indicator == "K3E2"
        await _palette(pilot, "Tabelle: Veranstaltungen (events)")
        assert app.current_view == "tables"
        from kjc_tui.ui.views.tables import TablesView

        assert app.query_one(TablesView).sheet.pager.browser.spec.source.name == "events"


def test_numerator_and_denominator_fit_narrow_columns() -> None:
    from kjc_tui.ui.widgets import chartfmt as cf

    assert cf.ratio(1355, 9110, 14) == "1.355/9.110"
    assert cf.ratio(20_600_000, 21_300_000, 20) == "20,6 Mio./21,3 Mio."
    assert cf.ratio(20_600_000, 21_300_000, 14) == "20,6/21,3 Mio."  # was "20,6 Mio./21,3 Mi…"
    assert cf.ratio(20_600_000, 21_300_000, 13) == "20,6/21,3 Mio"  # four members at 80×24
    assert cf.ratio(11_517, 458_900, 13) == "11,5/459 Tsd."  # was "11.517/458.9…"
    assert cf.ratio(11_517, 458_900, 14) == "11.517/458.900"
    assert cf.ratio(23_000_000, 22_700_000, 14) == "23,0/22,7 Mio."  # both parts scaled together
    assert cf.value(-3.1, "percent") == "−3,1 %" and cf.compact(-2.5) == "−2,5"  # one minus sign


@pytest.mark.slow
async def test_f2_switches_charts_comparison_and_map_to_english(db: Path, tmp_path: Path) -> None:
    from kjc_tui.ui.i18n import set_language

    app = chart_app(db, tmp_path, screen="compare")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            await pilot.press("5")
            await settle(pilot)
            text = screen_text(app)
            assert "Compare: Odenwaldkreis" in text and "Indicator" in text and "deviation from the Hessen avg" in text
            await pilot.press("4")
            await settle(pilot)
            assert "Integrationsquote – all districts, 2025-03" in screen_text(app)  # English date format
            assert "Best first" in screen_text(app)
            await pilot.press("1", "m")  # m: the map, below the events
            await settle(pilot)
            assert "Map: Integrationsquote · as of " in screen_text(app) and "stronger = better" in screen_text(app)
    finally:
        set_language("de")


@pytest.mark.slow
async def test_back_from_demo_data_to_the_real_data(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    real = chart_db_path(tmp_path_factory)
    demo = chart_db_path(tmp_path_factory, synthetic=True)
    app = chart_app(real, tmp_path, screen="compare")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app._switch_database(demo)  # what `d` does once the demo database is built
        await settle(pilot, rounds=6)
        assert app.store.synthetic and "SYNTHETISCHE DATEN" in screen_text(app)
        await _palette(pilot, "Echte Daten")
        await settle(pilot, rounds=6)
        assert app.db_path == real and not app.store.synthetic
        assert "SYNTHETISCHE DATEN" not in screen_text(app)


def test_english_names_and_numbers_in_english_mode() -> None:
    from kjc_tui.read.compare import IndicatorDef
    from kjc_tui.ui.i18n import set_language
    from kjc_tui.ui.widgets import chartfmt as cf

    ind = IndicatorDef("K2", "Integrationsquote", "percent", True, "K2", "Integration rate")
    try:
        set_language("en")
        assert cf.indicator_name(ind) == "Integration rate"
        assert cf.column([-3.1, 14.55], "percent") == ["−3.1%", "14.6%"]
        assert cf.value(-3.1, "percent") == "−3.1%" and cf.number(1234.5, decimals=1) == "1,234.5"
        assert cf.signed(-1.37, "percent") == "−1.4 pp" and cf.ratio(20_600_000, 21_300_000, 20) == "20.6 M/21.3 M"
    finally:
        set_language("de")
    assert cf.indicator_name(ind) == "Integrationsquote" and cf.value(-3.1, "percent") == "−3,1 %"


@pytest.mark.slow
async def test_f2_keeps_the_comparison_set_and_the_chart_mode(db: Path, tmp_path: Path) -> None:
    from kjc_tui.ui.i18n import set_language
    from kjc_tui.ui.views.charts import ChartsView

    app = chart_app(db, tmp_path, screen="compare")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.post_message(ShowCompare(["06437", "06535"]))
            await settle(pilot)
            await pilot.press("4")
            await settle(pilot)
            await pilot.press("t")
            await settle(pilot)
            charts = app.query_one(ChartsView)
            assert charts.mode == "line"
            indicator = charts.indicator
            await pilot.press("f2")
            await settle(pilot, rounds=6)
            charts = app.query_one(ChartsView)
            assert charts.mode == "line" and charts.indicator == indicator
            assert "Trend" in screen_text(app) or "trend" in screen_text(app)
            await pilot.press("5")
            await settle(pilot)
            assert app.query_one(CompareView).members == ["06437", "06535"]
            assert "Compare: Odenwaldkreis · Vogelsbergkreis" in screen_text(app)
            assert "KJC-Ø" not in screen_text(app).split("Compare:")[1].split("\n")[0]
    finally:
        set_language("de")


@pytest.mark.slow
async def test_sources_dialog_gives_the_source_its_own_line_at_80x24(db: Path, tmp_path: Path) -> None:
    from kjc_tui.ui.widgets.compare_dialogs import RowSources

    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowCompare(["06437", "06535", "group:kjc", "group:ge"]))
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, RowSources)
        text = screen_text(app)
        assert "Quelle: test://chart-dataset" in text  # unbroken, not folded into 8 columns
        assert "Quelle: Mittel aus 16 Kreisen" in text and "1.355/9.110" in text


async def test_a_type_of_one_district_says_it_is_a_mean(db: Path, tmp_path: Path) -> None:
    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.post_message(ShowCompare(["06437", "type:IIIc"]))
        await settle(pilot)
        view = app.query_one(CompareView)
        assert member_label(view.comparison.members[1]).startswith("Typ IIIc-Ø")
        table = view.query_one(DataTable)
        assert "Ø aus 1 von 1" in [c.plain for c in table.get_row_at(0)][2]


@pytest.mark.parametrize("lang, words", [
    ("de", ["Odenwaldkreis", "KJC-Ø (2)", "Typ Ia-Ø (2)", "Zwilling (außerhalb Hessens)"]),
    ("en", ["Odenwaldkreis", "KJC avg (2)", "Type Ia avg (2)", "Zwilling (outside Hessen)"]),
])
def test_members_are_worded_by_the_ui_in_its_language(lang: str, words: list[str]) -> None:
    """The read layer names a member by codes (token, name, size, peer); the UI words it."""
    from kjc_tui.read import compare as cmp
    from kjc_tui.ui.i18n import set_language
    ds = [cmp.District("06437", "Odenwaldkreis", "zkT", "Ia"), cmp.District("06001", "B", "zkT", "Ia")]
    peers = [cmp.District("JC-1", "Zwilling", "zkT", "Ia", "JC-1", peer=True)]
    set_language(lang)
    try:
        got = [member_label(cmp.resolve(tok, ds, peers)) for tok in ("06437", cmp.GROUP_KJC, "type:Ia", "JC-1")]
    finally:
        set_language("de")
    assert got == words


@pytest.mark.slow
async def test_only_the_focused_table_shows_its_cursor_row(db: Path, tmp_path: Path) -> None:
    """Unfocused, the Vergleich's cursor row is drawn like any other row (its zebra stripe shows);
    focused, it is highlighted. Every DataTable of the app is this one kind of table."""
    from textual.widgets import DataTable

    from kjc_tui.ui.widgets.focus_table import FocusTable

    app = chart_app(db, tmp_path, screen="compare")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.query_one("#cmp-table", DataTable)
        assert app.focused is table and table.cursor_row == 0
        rows = table.ordered_rows
        first_line = 1  # below the header
        lines_of = [first_line + sum(r.height for r in rows[:i]) for i in range(3)]

        def drawn() -> list[list[tuple[str, object]]]:
            table.refresh()
            return [[(s.text, s.style.bgcolor if s.style else None) for s in table.render_line(y)] for y in lines_of]

        focused = drawn()
        table.move_cursor(row=1)
        await pilot.pause()
        assert drawn()[0] != focused[0]  # the highlight moved with the cursor
        table.move_cursor(row=0)
        await pilot.pause()
        await pilot.press("tab")  # the focus leaves the table
        await pilot.pause()
        assert app.focused is not table
        blurred = drawn()
        assert blurred[0] != focused[0]  # no highlight
        table.move_cursor(row=1)
        await pilot.pause()
        assert table.scroll_y == 0 and drawn() == blurred  # unfocused, the cursor's row looks like every other row
        # the zebra stripes stay: row 0 and row 1 differ in background, rows 0 and 2 agree
        assert {b for _, b in blurred[0]} != {b for _, b in blurred[1]}
        assert {b for _, b in blurred[0]} == {b for _, b in blurred[2]}
        for name in ("overview", "jobcenter", "tables", "charts"):
            await pilot.press(str(["overview", "jobcenter", "tables", "charts"].index(name) + 1))
            await settle(pilot)
        assert all(isinstance(t, FocusTable) for t in app.query(DataTable))


async def test_coverage_and_other_periods_are_said_at_80x24(db: Path, tmp_path: Path) -> None:
    """At 80×24 a row's coverage is never cut ("31.12.2024 26/26"), and where the districts share no
    period a member's own latest period is named, never its number beside the others."""
    uneven = uneven_db(db, tmp_path)
    app = chart_app(uneven, tmp_path, screen="compare")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowCompare(["06437", "06535", "group:kjc"]))
        await settle(pilot)
        table = app.query_one(CompareView).query_one(DataTable)
        rows = {key.value: [c.plain for c in table.get_row(key)] for key in table.rows}
        assert rows["EW"][0].splitlines()[1] == "31.12.2024 26/26"  # "· 26 von 26" would not fit 17 columns
        assert rows["K3E2"][0].splitlines()[1] == "03/2025 · 20/26"
        lb = rows["LB"]
        assert lb[0].splitlines()[1] == "kein gem. Stand"
        assert lb[1] == "–\nkein Wert\nletzter 03/2016" and lb[2] == "–\nkein Wert\nletzter 09/2012"
        assert "9.000" not in " ".join(lb) and "2.614" not in " ".join(lb)


@pytest.mark.parametrize(("lang", "hessen"), [("de", r"Hessen-Ø \d{1,3}(\.\d{3})+"),
                                             ("en", r"HE avg \d{1,3}(,\d{3})+")])
async def test_the_hessen_average_is_never_cut_at_80x24(db: Path, tmp_path: Path, lang: str, hessen: str) -> None:
    """The row's third line holds the Hessen average: where "Hessen avg 240,993" would be cut to
    "Hessen avg 240,9…" (a different number to a German reader) the name is shortened, never the figure."""
    import re

    from kjc_tui.ui.i18n import set_language

    app = chart_app(db, tmp_path, screen="compare")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            if lang == "en":
                await pilot.press("f2")
                await settle(pilot)
            app.post_message(ShowCompare(["06437", "06535", "group:kjc"]))
            await settle(pilot)
            table = app.query_one(CompareView).query_one(DataTable)
            thirds = {key.value: table.get_row(key)[0].plain.splitlines()[2] for key in table.rows}
    finally:
        set_language("de")
    assert re.fullmatch(hessen, thirds["EW"]), thirds["EW"]
    assert not any(line.endswith("…") for line in thirds.values()), thirds


@pytest.mark.parametrize(("size", "lang", "mark", "note"), [
    ((80, 24), "de", "(ganze Kreise)", "(ganze Kreise): Zahl des ganzen Kreises, nicht des Jobcenters allein"),
    ((120, 40), "en", "(whole districts)", "(whole districts): a figure of the whole district, not of the jobcenter"),
    # "EW (whole districts)" does not fit 17 columns: the short mark, whole, never "EW (whole distri…";
    # the dialog says the mark in full (its note wraps before "jobcenter alone" at 80 columns)
    ((80, 24), "en", "EW (district)", "(whole districts): a figure of the whole district, not of the")])
async def test_a_whole_district_figure_is_marked_as_the_uebersicht_marks_it(
        db: Path, tmp_path: Path, size: tuple[int, int], lang: str, mark: str, note: str) -> None:
    """EW with scope "district" (indicator_defs): its row says "(ganze Kreise)" even where the name is cut
    (80×24), its sources dialog says what that means; K2 (a jobcenter's figure) is not marked."""
    import shutil

    import duckdb

    from kjc_tui.ui.i18n import set_language
    from kjc_tui.ui.widgets.compare_dialogs import RowSources

    scoped = tmp_path / "scoped.duckdb"
    shutil.copyfile(db, scoped)
    con = duckdb.connect(str(scoped))
    con.execute("UPDATE indicator_defs SET scope = 'district' WHERE code = 'EW'")
    con.close()
    app = chart_app(scoped, tmp_path, screen="compare")
    try:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            if lang == "en":
                await pilot.press("f2")
                await settle(pilot)
            app.post_message(ShowCompare(["06437", "06535", "group:kjc"]))
            await settle(pilot)
            table = app.query_one(CompareView).query_one(DataTable)
            labels = {key.value: table.get_row(key)[0].plain.splitlines()[0] for key in table.rows}
            assert labels["EW"].startswith("EW ") and labels["EW"].endswith(mark)
            assert mark not in labels["K2"]
            table.move_cursor(row=table.get_row_index("EW"))
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, RowSources)
            assert note in " ".join(screen_text(app).split())
    finally:
        set_language("de")


@pytest.mark.parametrize(("lang", "odenwald", "vogelsberg"), [
    ("de", "–\nletzter Wert\n03/2016", "–\nletzter Wert\n09/2012"),
    ("en", "–\nlatest value\n2016-03", "–\nlatest value\n2012-09")])
async def test_an_old_latest_value_fits_a_narrow_column_at_80x24(
        db: Path, tmp_path: Path, lang: str, odenwald: str, vogelsberg: str) -> None:
    """Four members at 80×24: "letzter 09/2012" does not fit 13 columns, so the cell says "letzter Wert" and
    the month on lines of their own (it wrapped into the row below before); the month is spelt by core/fmt
    as every month of the UI (09/2012, in English 2012-09)."""
    from kjc_tui.core import fmt
    from kjc_tui.ui.i18n import set_language

    app = chart_app(uneven_db(db, tmp_path), tmp_path, screen="compare")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            if lang == "en":
                await pilot.press("f2")
                await settle(pilot)
            app.post_message(ShowCompare(["06437", "06535", "group:kjc", "group:ge"]))
            await settle(pilot)
            table = app.query_one(CompareView).query_one(DataTable)
            lb = [c.plain for c in table.get_row("LB")]
            assert (lb[1], lb[2]) == (odenwald, vogelsberg)
            assert vogelsberg.endswith(fmt.period(date(2012, 9, 1), "month", lang))
            assert all(len(line) <= 13 for cell in lb[1:] for line in cell.splitlines())
    finally:
        set_language("de")


async def test_each_value_shows_its_qualifier_and_a_group_mean_of_approximate_values_is_approximate(
        db: Path, tmp_path: Path) -> None:
    """A value the source gave as "rund" (≈) or as a range keeps it in its cell, like every screen and report;
    the KJC-Ø over such a value is itself only approximate."""
    import shutil

    import duckdb

    qualified = tmp_path / "qualified.duckdb"
    shutil.copyfile(db, qualified)
    con = duckdb.connect(str(qualified))
    newest = "(SELECT max(period) FROM indicators WHERE indicator = 'BG')"
    con.execute(f"UPDATE indicators SET qualifier = '≈' WHERE jobcenter_id = 'JC-06437' AND indicator = 'BG' "
                f"AND period = {newest}")
    con.execute(f"UPDATE indicators SET qualifier = '↔', value_upper = value + 500 WHERE jobcenter_id = 'JC-06535' "
                f"AND indicator = 'BG' AND period = {newest}")
    con.close()
    app = chart_app(qualified, tmp_path, screen="compare")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.post_message(ShowCompare(["06437", "06535", "group:kjc", "group:ge"]))
        await settle(pilot)
        table = app.query_one(CompareView).query_one(DataTable)
        bg = [c.plain.splitlines()[0] for c in table.get_row("BG")]
        assert bg[1].startswith("≈ 4.555") and bg[2].startswith("6.555–7.055")
        assert bg[3].startswith("≈ ") and not bg[4].startswith("≈")   # Odenwald is a KJC, not a gE
        assert table.get_row("BG")[0].plain.splitlines()[2].startswith("Hessen-Ø ≈ ")
        assert "≈" not in table.get_row("K2")[0].plain


@pytest.mark.parametrize(("lang", "said"), [
    ("de", "Kaum vergleichbare Werte: nur 1 Kennzahl mit Werten für alle."),
    ("en", "Hardly comparable: only 1 indicator with values for all.")])
async def test_sparse_comparison_says_how_many_indicators_in_words(embedded_db: Path, tmp_path: Path,
                                                                  lang: str, said: str) -> None:
    """On the embedded data only the population is there for every member: "1 Kennzahl", not
    "1 Kennzahl(en)"."""
    from textual.widgets import Static

    from kjc_tui.ui.i18n import set_language

    app = chart_app(embedded_db, tmp_path, screen="compare")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            if lang == "en":
                await pilot.press("f2")
                await settle(pilot)
            note = str(app.query_one(CompareView).query_one("#cmp-note", Static).render())
    finally:
        set_language("de")
    assert note.startswith(said), note
