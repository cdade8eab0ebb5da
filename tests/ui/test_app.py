"""Pilot tests: every view and every key path of the shell, Übersicht and Jobcenter."""

from __future__ import annotations

import io
import re
import shutil
import threading
import tomllib

import pytest
from helpers import TODAY, assert_drawn_before_the_database_opens, make_app, settle, static_text, table_text
from rich.console import Console
from rich.text import Text
from textual.widgets import ContentSwitcher, Input

from kjc_tui.ui.messages import ShowChart, ShowCompare, ShowDistrict, ShowTable
from kjc_tui.ui import keys
from kjc_tui.ui.app import NoData
from kjc_tui.ui.views.jobcenter import JobcenterView
from kjc_tui.ui.widgets.dialogs import HelpScreen, SourceScreen
from kjc_tui.ui.widgets.district_list import DistrictList
from kjc_tui.ui.widgets.figures import FigureTable
from kjc_tui.ui.widgets.view_tabs import ViewTabs


def current(app) -> str:
    return app.query_one("#views", ContentSwitcher).current or ""


async def test_overview_shows_counts_figures_events_bass_and_sources(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert current(app) == "view-overview"
        assert "4 Kommunale Jobcenter · 1 gemeinsame Einrichtungen (gE) · 5 Kreise" in static_text(
            app.query_one("#ov-counts"))
        headline = table_text(app.query_one("#ov-headline", FigureTable))
        assert "Integrationsquote | Ø 22,8 %" in headline
        assert "Bedarfsgemeinschaften | Σ 6.222" in headline
        # K3 has no value at all: not a row (never a zero), but named in the line of those without values
        assert "Langzeit" not in headline
        assert static_text(app.query_one("#ov-missing")).startswith("Ohne Werte (")
        assert "K3" in static_text(app.query_one("#ov-missing"))
        assert "Meet & Match Work" in table_text(app.query_one("#ov-upcoming", FigureTable))
        recent = table_text(app.query_one("#ov-recent", FigureTable))
        assert "22.02.2024 | KJC Odenwald | Job-Turbo Speed-Dating | 274" in recent
        assert "Verband" in recent  # association-wide event
        assert "30 Plätze" in table_text(app.query_one("#ov-bass-facts", FigureTable))
        assert "2023 | 5 | 5" in table_text(app.query_one("#ov-bass", FigureTable))
        assert "ina-odw.de" in table_text(app.query_one("#ov-sources", FigureTable))
        assert "20.11.2025 08:30" in static_text(app.query_one("#ov-load"))


async def test_first_frame_comes_before_the_database(ui_db, user_config, monkeypatch):
    from kjc_tui.ui import startup

    gate = threading.Event()
    real_open = startup.open_database

    def slow_open(path):
        gate.wait(10)
        return real_open(path)

    monkeypatch.setattr(startup, "open_database", slow_open)
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Lade Daten" in static_text(app.query_one("#ov-counts"))
        assert "lädt" in table_text(app.query_one("#ov-headline", FigureTable))
        assert app.store is None
        gate.set()
        await settle(pilot)
        assert app.store is not None
        assert "Kommunale Jobcenter" in static_text(app.query_one("#ov-counts"))


@pytest.mark.slow
async def test_number_keys_and_tab_bar_switch_views(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, name in (("2", "jobcenter"), ("3", "tables"), ("4", "charts"), ("5", "compare"), ("1", "overview")):
            await pilot.press(key)
            await settle(pilot)
            assert current(app) == f"view-{name}"
            assert app.query_one("#tabs", ViewTabs).active == name
        tabs = app.query_one("#tabs", ViewTabs)
        name, start, end = next(s for s in tabs._spans() if s[0] == "charts")
        await pilot.click("#tabs", offset=(start + 1, 0))
        await settle(pilot)
        assert current(app) == "view-charts"
        assert tabs.active == "charts"


async def test_type_oden_shows_profile_with_job_turbo_and_source(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press(*"oden")
        await settle(pilot)
        assert app.query_one("#jc-filter", Input).value == "oden"
        assert app.current_ags == "06437"
        assert "Odenwaldkreis" in app.query_one("#jc-profile").border_title  # the pane's title
        events = table_text(app.query_one("#jc-events", FigureTable))
        assert "22.02.2024 | Job-Turbo Speed-Dating | 274" in events  # at 80 columns: participants only
        master = table_text(app.query_one("#jc-master", FigureTable))
        assert "Kommunales Job-Center Odenwaldkreis (KJC)" in master
        assert "[b]not markup[/b]" in master  # data shown literally
        await pilot.press("enter")  # filter → list
        assert isinstance(app.focused, DistrictList)
        await pilot.press("enter")  # list → profile
        assert app.focused is app.query_one("#jc-figures", FigureTable)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.provenance.what == "Integrationsquote"
        assert app.screen.provenance.source == "https://example.org/test"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)
        await pilot.press("1")
        await settle(pilot)
        assert current(app) == "view-overview"


@pytest.mark.slow
async def test_list_moves_with_arrows_and_jk_and_profile_follows(ui_db, user_config):
    app = make_app(user_config, ui_db, screen="jobcenter")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(DistrictList)
        assert app.focused is lst
        first = app.current_ags
        await pilot.press("j")
        await settle(pilot)
        second = app.current_ags
        assert second != first
        assert app.query_one(JobcenterView).shown_ags == second
        await pilot.press("down")
        await settle(pilot)
        assert app.current_ags not in (first, second)
        await pilot.press("k", "up")
        await settle(pilot)
        assert app.current_ags == first
        # gE and KJC are told apart in the list
        labels = [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]
        assert any(label.startswith("gE") for label in labels)
        assert any(label.startswith("KJC") for label in labels)


@pytest.mark.slow
async def test_filter_keys(ui_db, user_config):
    app = make_app(user_config, ui_db, screen="jobcenter")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"zzz")
        await settle(pilot)
        assert "Kein Kreis passt" in str(app.query_one(DistrictList).get_option_at_index(0).prompt)
        await pilot.press("escape")  # clears
        assert app.query_one("#jc-filter", Input).value == ""
        assert app.query_one(DistrictList).option_count == 5
        await pilot.press("escape")  # empty: to the list
        assert isinstance(app.focused, DistrictList)
        await pilot.press("slash", *"06535", "down")
        await settle(pilot)
        assert isinstance(app.focused, DistrictList)
        assert app.current_ags == "06535"
        await pilot.press("ctrl+right")
        assert app.focused is app.query_one("#jc-figures")
        await pilot.press("ctrl+left")
        assert isinstance(app.focused, DistrictList)


async def test_start_on_a_district(ui_db, user_config):
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert current(app) == "view-jobcenter"
        assert app.query_one(JobcenterView).shown_ags == "06437"
        assert "Job-Turbo" in table_text(app.query_one("#jc-events", FigureTable))


async def test_unknown_district_is_said_not_crashed(ui_db, user_config):
    app = make_app(user_config, ui_db, district="06999")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("06999" in n.message for n in app._notifications)
        assert app.query_one(JobcenterView).shown_ags is not None


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_lists_every_key(ui_db, user_config, key):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.content.columns[2]._cells) for s in app.screen.query(".help-scope"))
        for spec in keys.KEYS:
            assert spec.id in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_lists_the_keys_of_views_not_opened_yet(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.query("#view-tables") and not app.query("#view-charts") and not app.query("#view-compare")
        await pilot.press("f1")
        await pilot.pause()
        ids = " ".join(str(s.content.columns[2]._cells) for s in app.screen.query(".help-scope"))
        shown_keys = " ".join(str(s.content.columns[0]._cells) for s in app.screen.query(".help-scope"))
        for binding_id in ("tables.sort_desc", "charts.indicator", "compare.add", "grid.top",
                           "figure.first", "figure.last"):
            assert binding_id in ids
        assert "right_square_bracket" not in shown_keys and "]" in shown_keys


async def test_a_letter_remapped_to_a_list_binding_moves_instead_of_searching(ui_db, user_config):
    user_config.keymap = {"list.down": "n"}
    app = make_app(user_config, ui_db, screen="jobcenter")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.current_ags
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.focused, DistrictList)
        assert app.query_one("#jc-filter", Input).value == ""
        assert app.current_ags != first
        await pilot.press("j")  # no longer bound: starts a search
        await pilot.pause()
        assert app.query_one("#jc-filter", Input).value == "j"


async def test_home_and_end_move_in_a_figure_table_and_can_be_remapped(ui_db, user_config):
    user_config.keymap = {"figure.last": "G"}
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+right")
        table = app.query_one("#jc-figures", FigureTable)
        assert app.focused is table and table.row_count > 2
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_keymap_from_config_remaps_a_binding(ui_db, user_config):
    user_config.keymap = {"app.help": "f5", "app.view.jobcenter": "ctrl+j"}
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "F5" in " ".join(str(s.content.columns[0]._cells) for s in app.screen.query(".help-scope"))
        await pilot.press("escape", "ctrl+j")
        await settle(pilot)
        assert current(app) == "view-jobcenter"


@pytest.mark.slow
async def test_command_palette_jumps_to_district_view_and_action(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Vogelsb")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert current(app) == "view-jobcenter"
        assert app.current_ags == "06535"
        assert app.query_one(JobcenterView).shown_ags == "06535"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Vergleich")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert current(app) == "view-compare"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Hilfe")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.slow
async def test_language_switch_is_applied_and_saved(ui_db, user_config):
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.query_one("#tabs", ViewTabs).labels["overview"] == "Overview"
        assert current(app) == "view-jobcenter"
        assert app.query_one(JobcenterView).shown_ags == "06437"
        assert "Integration rate" in table_text(app.query_one("#jc-figures", FigureTable))
        await pilot.press("1")
        await settle(pilot)
        assert "municipal jobcenters" in static_text(app.query_one("#ov-counts"))
        await pilot.press("f2")
        await settle(pilot)
    saved = tomllib.loads(user_config.user_file.read_text(encoding="utf-8"))
    assert saved["ui"]["language"] == "de"


async def test_english_from_config_and_theme_saved(ui_db, user_config, monkeypatch):
    from kjc_tui.ui import settings

    monkeypatch.setattr(settings, "THEME_SAVE_DELAY", 0.2)
    user_config.ui["language"] = "en"
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "municipal jobcenters" in static_text(app.query_one("#ov-counts"))
        assert "1.056.700" not in static_text(app.query_one("#ov-counts"))
        app.theme = "gruvbox"  # the picker previews themes as the user moves ...
        app.theme = "nord"  # ... only the one chosen is saved
        for _ in range(50):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if user_config.user_file.exists():
                break
    from kjc_tui.ui.i18n import set_language

    set_language("de")
    saved = tomllib.loads(user_config.user_file.read_text(encoding="utf-8"))
    assert saved["ui"]["theme"] == "nord"


async def test_theme_key_opens_the_theme_picker(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


@pytest.mark.slow
async def test_missing_database_shows_how_to_load_then_picks_it_up(ui_db, user_config, tmp_path):
    target = tmp_path / "later" / "kjc.duckdb"
    app = make_app(user_config, target)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoData)
        text = static_text(app.screen.query_one("#nodata-message")) + static_text(
            app.screen.query_one("#nodata-howto"))
        assert str(target) in text and "kjc-tui load" in text
        await pilot.press("2")  # no traceback, nothing happens
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert "How to get data in" in static_text(app.screen.query_one("#nodata-howto"))
        await pilot.press("f2")
        await pilot.pause()
        target.parent.mkdir()
        shutil.copyfile(ui_db, target)
        app.check_snapshot()
        await settle(pilot)
        assert not isinstance(app.screen, NoData)
        assert "Kommunale Jobcenter" in static_text(app.query_one("#ov-counts"))


async def test_empty_and_broken_databases(user_config, tmp_path):
    import duckdb

    from kjc_tui.core.schema import ddl

    empty = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(empty))
    for stmt in ddl():
        con.execute(stmt)
    con.close()
    broken = tmp_path / "broken.duckdb"
    broken.write_text("not a database")
    for db, words in ((empty, "keine Kreise"), (broken, "nicht lesen")):
        app = make_app(user_config, db)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, NoData)
            assert words in static_text(app.screen.query_one("#nodata-message"))


async def test_broken_database_says_to_move_it_shortly_and_follows_the_language(user_config, tmp_path):
    import duckdb

    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE x (a INT)")
    con.close()
    app = make_app(user_config, foreign)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoData)
        message = static_text(app.screen.query_one("#nodata-message"))
        howto = static_text(app.screen.query_one("#nodata-howto"))
        assert "nicht lesen" in message and str(foreign) in message
        error = message.split("lesen:")[1].strip()
        assert error == "Tabelle districts gibt es nicht"  # DuckDB's "Catalog Error: …" said in our words
        assert "verschieben" in howto and "kjc-tui load" in howto
        await pilot.press("f2")
        await pilot.pause()
        message = static_text(app.screen.query_one("#nodata-message"))
        assert "cannot be read" in message and message.endswith("Table districts does not exist")
        assert "Move the file away" in static_text(app.screen.query_one("#nodata-howto"))
        await pilot.press("f2")
        await pilot.pause()


@pytest.mark.slow
async def test_english_palette_placeholders_and_fetch_message(ui_db, user_config):
    from textual.command import CommandInput

    from kjc_tui.ui.i18n import set_language

    user_config.ui["language"] = "en"
    app = make_app(user_config, ui_db)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert app.screen.query_one(CommandInput).placeholder == "Find a district, view or action …"
            await pilot.press("escape", "f3")
            await pilot.pause()
            assert app.screen.query_one(CommandInput).placeholder == "Find a theme …"
            await pilot.press("escape", "f5")
            await settle(pilot)
            assert any("No sources configured" in n.message for n in app._notifications)
    finally:
        set_language("de")


@pytest.mark.slow
async def test_new_snapshot_reloads_in_place_keeping_the_district(ui_db_copy, user_config, tmp_path):
    from kjc_tui.db import snapshot

    app = make_app(user_config, ui_db_copy, district="06535")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        old_store = app.store
        extra = tmp_path / "events.csv"
        extra.write_text("event_id,date,jobcenter_id,kind,title,source,as_of\n"
                         "E9,2025-06-01,JC-06535,Messe,Neue Messe Lauterbach,https://example.org/new,2025-06-02\n",
                         encoding="utf-8")
        snapshot.load(ui_db_copy, [extra])
        app.check_snapshot()
        await settle(pilot)
        assert app.store is not old_store
        assert app.current_ags == "06535"
        assert "Neue Messe Lauterbach" in table_text(app.query_one("#jc-events", FigureTable))


async def test_new_snapshot_without_auto_reload_is_announced_then_reloaded(ui_db_copy, user_config, tmp_path):
    from kjc_tui.db import snapshot

    user_config.auto_reload = False
    app = make_app(user_config, ui_db_copy, district="06535")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        old_store = app.store
        extra = tmp_path / "events.csv"
        extra.write_text("event_id,date,jobcenter_id,kind,title,source,as_of\n"
                         "E9,2025-06-01,JC-06535,Messe,Neue Messe Lauterbach,https://example.org/new,2025-06-02\n",
                         encoding="utf-8")
        snapshot.load(ui_db_copy, [extra])
        app.check_snapshot()
        await settle(pilot)
        assert app.store is old_store and app.stale
        assert "Strg+R" in static_text(app.query_one("#status"))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.store is not old_store and not app.stale
        assert "Neue Messe Lauterbach" in table_text(app.query_one("#jc-events", FigureTable))


@pytest.mark.slow
async def test_navigation_methods_reach_the_views(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowTable("indicators", [("indicator", "=", "K2")]))
        await settle(pilot)
        assert current(app) == "view-tables"
        spec = app.query_one("#view-tables").sheet.pager.browser.spec
        assert (spec.source.name, [(f.column, f.op, f.value) for f in spec.filters]) == \
            ("indicators", [("indicator", "=", "K2")])
        app.post_message(ShowChart("K2", ["06437", "06535"]))
        await settle(pilot)
        assert current(app) == "view-charts"
        app.post_message(ShowCompare(["06437", "group:kjc"]))
        await settle(pilot)
        assert current(app) == "view-compare"
        app.post_message(ShowDistrict("06412"))
        await settle(pilot)
        assert current(app) == "view-jobcenter"
        assert app.query_one(JobcenterView).shown_ags == "06412"
        assert "Gemeinsame Einrichtung" in table_text(app.query_one("#jc-master", FigureTable))


@pytest.mark.slow
async def test_source_dialog_copies_and_closes_with_q(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.query_one("#ov-recent", FigureTable).focus()
        await pilot.press("j", "j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert "ina-odw.de" in app.screen.provenance.source
        await pilot.press("c")
        assert app.clipboard == app.screen.provenance.source
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, SourceScreen)


@pytest.mark.slow
async def test_embedded_data_odenwald_profile(embedded_db, user_config):
    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", *"oden")
        await settle(pilot)
        assert app.current_ags == "06437"
        assert app.query_one(DistrictList).option_count >= 1
        events = table_text(app.query_one("#jc-events", FigureTable))
        assert "22.02.2024 | Ihre Chance auf Arbeit – Job Turbo" in events
        await pilot.press("1")
        await settle(pilot)
        assert "16 Kommunale Jobcenter · 10 gemeinsame Einrichtungen (gE) · 26 Kreise" in static_text(
            app.query_one("#ov-counts"))


async def test_destatis_area_is_shown_beside_the_population(embedded_db, user_config, tmp_path):
    """After loading the Destatis table, the profile shows the district's area in km² next to its population."""
    from fixtures.publishers import DESTATIS_COPY

    from kjc_tui.db.snapshot import load

    db = tmp_path / "kjc.duckdb"
    shutil.copyfile(embedded_db, db)
    load(db, [DESTATIS_COPY])
    async with make_app(user_config, db).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pilot.app.post_message(ShowDistrict("06437"))
        await settle(pilot)
        figures = table_text(pilot.app.query_one("#jc-figures", FigureTable)).splitlines()
        # both are figures of the whole district, marked as the Übersicht marks them
        ew = [line.split(" | ")[0] for line in figures].index("Einwohner (ganze Kreise)")
        assert figures[ew].startswith("Einwohner (ganze Kreise) | 96.798 |")
        assert figures[ew + 1].startswith("Fläche (ganze Kreise) | 623,97 km² |") and "31.12.2018" in figures[ew + 1]


@pytest.mark.slow
async def test_odenwald_job_turbo_shows_each_figure_with_its_qualifier_and_source(embedded_db, user_config):
    """Both sources of the Job-Turbo, each figure as its source says it; the BASS intake of 2020."""
    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.post_message(ShowDistrict("06437"))
        await settle(pilot)
        events = table_text(app.query_one("#jc-events", FigureTable)).splitlines()
        assert events[1:] == ["22.02.2024 | Ihre Chance auf Arbeit – Job Turbo | 444 | 274 | 29 | – | –",
                              "02/2024 | Job-Turbo | – | > 270 | 27 | > 100 | 7"]
        assert table_text(app.query_one("#jc-bass", FigureTable)) == "2020 | 3 | – | – | – | –"
        app.query_one("#jc-events", FigureTable).focus()
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        prov = app.screen.provenance
        assert prov.value == "Teiln.: > 270 · Arbeitg.: 27 · Bewerb.: > 100 · Vertr.: 7"
        assert prov.source == ("Hessische Kommunale Jobcenter / Kommunales Job-Center Odenwaldkreis: "
                               "Pressemitteilung zur neuen Staatsministerin Heike Hofmann (HMSI), Februar 2024")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("k", "enter")
        await pilot.pause()
        assert app.screen.provenance.source == \
            "https://www.ina-odw.de/job-turbo-im-odenwaldkreis-fuer-ueber-270-ukrainer/"
        assert app.screen.provenance.value == "Eingel.: 444 · Teiln.: 274 · Arbeitg.: 29"


@pytest.mark.slow
async def test_cached_overview_is_drawn_before_the_database_opens(ui_db_copy, user_config, tmp_path, monkeypatch):
    from kjc_tui.db import snapshot
    from kjc_tui.ui import startup
    from kjc_tui.ui.startup import Preload

    cache = tmp_path / "cache"
    # first start: no cache yet; the preload writes it
    first = Preload(ui_db_copy, TODAY, cache_dir=cache).start()
    assert first.cached_overview is None
    first.first_frame.set()
    opened = first.take()
    opened.store.close()
    assert list(cache.glob("*.json"))

    gate = threading.Event()
    real_open = startup.open_database
    monkeypatch.setattr(startup, "open_database", lambda path: (gate.wait(10), real_open(path))[1])
    preload = Preload(ui_db_copy, TODAY, cache_dir=cache).start()
    assert preload.cached_overview is not None
    await assert_drawn_before_the_database_opens(make_app(user_config, ui_db_copy, preload=preload),
                                                 preload.first_frame, gate)

    # a new snapshot has another identity: the cache does not apply
    extra = tmp_path / "events.csv"
    extra.write_text("event_id,date,jobcenter_id,kind,title,source,as_of\n"
                     "E9,2025-06-01,JC-06535,Messe,Neue Messe,https://example.org/new,2025-06-02\n", encoding="utf-8")
    snapshot.load(ui_db_copy, [extra])
    monkeypatch.setattr(startup, "open_database", real_open)
    late = Preload(ui_db_copy, TODAY, cache_dir=cache).start()
    try:
        assert late.cached_overview is None
    finally:
        late.stop()  # its thread opens the database: not while the interpreter exits


async def test_a_failing_query_is_reported_not_raised(ui_db, user_config, monkeypatch):
    from kjc_tui.read import overview as overview_queries

    def broken(store, ags):
        raise RuntimeError("Binder Error: kaputt\nmore detail")

    monkeypatch.setattr(overview_queries, "profile", broken)
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any("kaputt" in n.message and "more detail" not in n.message for n in app._notifications)
        await pilot.press("j")  # still usable
        await settle(pilot)
        assert app.current_ags != "06437"


async def test_too_small_window_says_so_and_recovers(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        assert app.query_one("#too-small").display
        assert not app.query_one("#views").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.query_one("#too-small").display
        assert app.query_one("#views").display


async def test_start_district_is_saved(ui_db, user_config):
    app = make_app(user_config, ui_db, district="06535")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        for _ in range(30):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if user_config.user_file.exists():
                break
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    saved = tomllib.loads(user_config.user_file.read_text(encoding="utf-8"))
    assert saved["ui"]["start_district"] == "06535"
    assert any(m.startswith("Startkreis gespeichert: ") and m.endswith("(06535)") and "start_district" not in m
               for m in messages), messages


async def test_moving_down_a_long_table_scrolls_it_into_view(embedded_db, user_config):
    """Rows of several lines (wrapped statements) included: the cursor row stays on screen."""
    app = make_app(user_config, embedded_db, district="06437")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#jc-facts", FigureTable)
        table.focus()
        await pilot.pause()
        scroll = app.query_one("#jc-profile")
        starts = table._wrap(table.size.width)[2]
        assert starts[-1] > table.row_count  # some statements take more than one line
        scroll.scroll_home(animate=False, immediate=True)  # the table starts below the screen
        await pilot.pause()
        for _ in range(table.row_count - 1):
            await pilot.press("j")
            await pilot.pause()
            row_y = table.region.y + table.header_height + starts[table.cursor_row]
            assert scroll.region.y <= row_y < scroll.region.bottom


def _shown_rows(table: FigureTable) -> list[str]:
    """Each row of a figure table as it reads on screen, its wrapped lines joined."""
    starts = table._wrap(table.size.width)[2]
    return [" ".join(table.render_line(1 + y).text.strip() for y in range(starts[r], starts[r + 1]))
            for r in range(table.row_count)]


@pytest.mark.parametrize("ags", ["06413", "06437", "06435"])
async def test_at_80x24_no_two_rows_read_the_same_and_no_statement_loses_its_point(embedded_db, user_config, ags):
    app = make_app(user_config, embedded_db, district=ags)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for table in app.query("#jc-profile FigureTable").results(FigureTable):
            rows = _shown_rows(table)
            assert len(set(rows)) == len(rows), (table.id, rows)
        facts = _shown_rows(app.query_one("#jc-facts", FigureTable))
        assert not any(row.split("  ")[0].rstrip().endswith("202…") for row in facts)
        await pilot.press("1")
        await settle(pilot)
        rows = _shown_rows(app.query_one("#ov-headline", FigureTable))
        assert len(set(rows)) == len(rows) and not any("…" in row for row in rows)
        bass = _shown_rows(app.query_one("#ov-bass-facts", FigureTable))
        # the whole statement kept, to its last words
        assert any("seit 2011" in row and "als eines der ersten" in row for row in bass)


async def test_master_data_shows_missing_fields_as_not_recorded(embedded_db, user_config):
    app = make_app(user_config, embedded_db, district="06437")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        master = table_text(app.query_one("#jc-master", FigureTable))
        assert "Website | nicht belegt" in master
        for field in ("Jobcenter |", "Modell |", "Optionskommune seit |", "Rechtsform |", "Sitz |"):
            assert field in master


async def test_a_refilled_table_keeps_the_cursor_on_its_row(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.query_one("#ov-recent", FigureTable)
        cols = table._columns
        rows = table._rows
        table.cursor_row = 2
        key = table.get_row_at(2)[2].plain
        table.fill(cols, [rows[-1], *rows], empty="")  # a new row arrives on top
        assert table.get_row_at(table.cursor_row)[2].plain == key
        assert table.cursor_row == 3


@pytest.mark.slow
async def test_ctrl_t_opens_the_focused_section_in_tabellen_filtered_to_the_district(ui_db, user_config):
    from kjc_tui.ui.views.tables import TablesView

    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")  # the list has the focus: the key figures
        await settle(pilot)
        tables = app.query_one(TablesView)
        assert current(app) == "view-tables"
        spec = tables.sheet.pager.browser.spec
        assert (spec.source.name, [(f.column, f.op, f.value) for f in spec.filters]) == \
            ("indicators", [("jobcenter_id", "=", "JC-06437")])
        await pilot.press("2")
        await settle(pilot)
        app.query_one("#jc-events", FigureTable).focus()
        await pilot.press("ctrl+t")
        await settle(pilot)
        spec = tables.sheet.pager.browser.spec
        assert spec.source.name == "v_event_ratios"
        assert tables.sheet.pager.count == 2  # Job-Turbo and the Jobbörse of the Odenwaldkreis


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_every_view_renders_in_the_ansi_themes(ui_db, user_config, theme, tmp_path):
    """The ANSI themes name colours 'ansi_magenta', which Rich cannot read: every view must draw."""
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = theme
        for key in "12345":
            await pilot.press(key)
            await settle(pilot)
            app.save_screenshot(filename=f"{theme}-{key}.svg", path=str(tmp_path))
        assert app.is_running and app.theme == theme


@pytest.mark.slow
async def test_ctrl_t_on_a_ratio_opens_the_view_it_is_computed_in(ui_db, user_config):
    from kjc_tui.ui.views.tables import TablesView

    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        ratios = app.query_one("#jc-ratios", FigureTable)
        names = [ratios.get_row_at(i)[0].plain for i in range(ratios.row_count)]
        opened = []
        for i, name in enumerate(names):
            await pilot.press("2")
            await settle(pilot)
            ratios.focus()
            ratios.cursor_row = i
            await pilot.press("ctrl+t")
            await settle(pilot)
            spec = app.query_one(TablesView).sheet.pager.browser.spec
            opened.append((name.split(" (")[0], spec.source.name, [(f.column, f.value) for f in spec.filters]))
        expected = {"Bedarfsgemeinschaften je VZÄ": "v_staffing_ratios",
                    "Teilnehmende je Arbeitgeber": "v_event_ratios",
                    "Verträge je Teilnehmende/n": "v_event_ratios",
                    "Euro je eLb": "v_budget_per_elb", "BASS-Übernahmequote": "v_bass_rates"}
        assert opened and all(view == expected[name] for name, view, _ in opened), opened
        assert {view for _, view, _ in opened} >= {"v_event_ratios"}
        assert all(f in ([("jobcenter_id", "JC-06437")], [("ags", "06437")]) for _, _, f in opened)


@pytest.mark.slow
async def test_tab_goes_from_the_district_list_straight_to_the_profile_tables(ui_db, user_config):
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.query_one(DistrictList).focus()
        await pilot.press("tab")
        assert isinstance(app.focused, FigureTable) and app.focused.id == "jc-master"


async def test_district_names_stay_on_one_line_after_a_search_is_cleared(embedded_db, user_config):
    """At 80 columns each option is one line, 'KJC' and its name together; a long name ends in '…'
    (with 'Landkreis' shortened to 'Lkr.'), never wraps into what reads as a second entry."""
    app = make_app(user_config, embedded_db, screen="jobcenter")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lst = app.query_one(DistrictList)
        await pilot.press("o", "escape", "down", "end")
        await settle(pilot)
        lines = [lst.render_line(y).text.strip(" ▕▄▀█▁▂▃▅▆▇") for y in range(lst.size.height)]
        names = {d["ags"]: d["name"] for d in lst.rows}
        assert len(lines) == lst.size.height and all(lines)
        for line in lines:
            tag, _, name = line.partition(" ")
            name = name.strip()
            assert tag in ("KJC", "gE"), lines
            full = [n for n in names.values() if n == name or n.replace("Landkreis ", "Lkr. ") == name
                    or (name.endswith("…") and n.replace("Landkreis ", "Lkr. ").startswith(name[:-1]))]
            assert full, (line, lines)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("width", [80, 120])
async def test_every_footer_entry_shows_whole(ui_db, user_config, lang, width):
    """Entries that do not fit are left out, never cut ('? Hilf', 'f3 Farb')."""
    from textual.widgets._footer import FooterKey

    user_config.ui["language"] = lang
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        for view in "12345":
            await pilot.press(view)
            await settle(pilot)
            for _ in range(3):
                await pilot.pause()
                line = app.screen._compositor.render_strips()[-1].text
                shown = [k for k in app.screen.query(FooterKey) if k.display]
                assert shown, view
                for key in shown:
                    entry = f"{key.key_display} {key.description}".strip()
                    assert entry in line, (view, entry, line)
                await pilot.press("tab")


@pytest.mark.parametrize("lang", ["de", "en"])
async def test_the_palette_system_commands_speak_the_ui_language(ui_db, user_config, lang):
    """Textual's English 'Keys', 'Quit', 'Theme' … do not show in the German palette; ours do the job."""
    user_config.ui["language"] = lang
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        prefix = "Aktion: " if lang == "de" else "Action: "
        assert titles and all(title.startswith(prefix) for title in titles), titles
        assert any("SVG" in title for title in titles)


async def test_headline_figures_never_mix_periods(embedded_db, user_config):
    """On the embedded data: a figure is at one period with its coverage; where the KJC share no
    period (Bedarfsgemeinschaften 2005–2025), no number but ⚠ and the span of the single values."""
    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        headline = app.query_one("#ov-headline", FigureTable)
        rows = [[c.plain for c in headline.get_row_at(i)] for i in range(headline.row_count)]
        with_value = [r for r in rows if r[1] != "–"]
        # a month ("12/2019"), or a day where the figure is dated to the day (population: 31.12.2018)
        assert with_value and all(re.fullmatch(r"\d\d/\d{4}|\d\d\.\d\d\.\d{4}", r[2]) and " von " in r[3]
                                  for r in with_value)
        bg = next(r for r in rows if r[0] == "Bedarfsgemeinschaften")
        assert bg[1] == "–" and bg[2].startswith("⚠ ") and bg[3].endswith("einzeln")
        headline.focus()
        headline.cursor_row = rows.index(bg)
        await pilot.press("s")
        await pilot.pause()
        assert "keine zwei zum selben Zeitraum" in app.screen.provenance.note


@pytest.mark.slow
async def test_help_names_the_list_keys_and_the_tabellen_sections(ui_db, user_config):
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        tables = {s.content.title.plain: s.content for s in app.screen.query(".help-scope")}
        assert "In den Ansichten" not in tables
        assert {"Tabellen (Ansicht 3)", "Tabellen (Ansicht 3): im Raster bewegen"} <= set(tables)
        district_keys = " ".join(str(c) for c in tables["Kreisliste"].columns[0]._cells)
        for shown in ("↓", "↑", "Pos1", "Ende", "j", "k", "Enter"):
            assert shown in district_keys
    # and they work: Ende and Pos1 move to the last and the first district
    app = make_app(user_config, ui_db, screen="jobcenter")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.query_one(DistrictList)
        lst.focus()
        await pilot.press("end")
        assert lst.highlighted == len(lst.rows) - 1
        await pilot.press("home")
        assert lst.highlighted == 0


def test_sgb_ii_and_paragraphs_are_not_broken_across_lines():
    from kjc_tui.ui.widgets.figures import wrap_cell

    console = Console(width=80, file=io.StringIO())
    for text, width, first in (("Arbeitslosenquote SGB II", 21, "Arbeitslosenquote"),
                               ("Arbeitslose SGB II und III", 15, "Arbeitslose"),
                               ("Beratung nach § 48a SGB II", 18, "Beratung nach"),
                               ("Leistungen nach SGB\u00a0III", 20, "Leistungen nach"),
                               # a figure stays with its unit (the movers' "Kassel −0,4 Pp.")
                               ("Main-Taunus-Kreis −0,5 Pp., Kassel −0,4 Pp.", 40, "Main-Taunus-Kreis −0,5 Pp., Kassel"),
                               ("Quote 24,6 % im Mittel", 10, "Quote")):
        lines = [line.plain for line in wrap_cell(Text(text, style="bold"), width, 3, console)]
        assert lines[0] == first, lines
        assert " ".join(lines) == text.replace("\u00a0", " ")


async def test_the_map_comes_last_in_one_column_and_m_goes_to_it(embedded_db, user_config):
    from kjc_tui.ui.widgets.tile_map import TileMap

    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        def top(widget_id: str) -> int:  # in the scroll container's coordinates
            w, y = app.query_one(f"#{widget_id}"), 0
            while w.id != "ov-scroll":
                y, w = y + w.virtual_region.y, w.parent
            return y

        order = [top(i) for i in ("ov-release-title", "ov-headline", "ov-recent", "ov-bass", "ov-sources",
                                  "ov-map-slot")]
        assert order == sorted(order), order
        await pilot.press("m")
        await settle(pilot)
        tiles = app.query_one(TileMap)
        assert app.focused is tiles
        scroll = app.query_one("#ov-scroll")
        assert scroll.scroll_y > 0 and tiles.region.y >= scroll.region.y


async def test_at_200x50_the_whole_map_shows_without_scrolling(embedded_db, user_config):
    from kjc_tui.ui.widgets.tile_map import DistrictMap

    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await settle(pilot)
        scroll = app.query_one("#ov-scroll")
        assert scroll.scroll_y == 0
        tile_map = app.query_one(DistrictMap).region
        assert tile_map.height > 10 and scroll.region.contains_region(tile_map)
        # BASS keeps its JC column and statements end in full, not in "…"
        assert app.query_one("#ov-bass", FigureTable)._columns[-1].label == "JC"
        facts = app.query_one("#ov-bass-facts", FigureTable)
        lines = [facts.render_line(y).text.rstrip() for y in range(facts.size.height)]
        assert not any(line.endswith("…") for line in lines), lines


async def test_at_120x40_bass_keeps_its_jc_column_and_whole_statements(embedded_db, user_config):
    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bass = app.query_one("#ov-bass", FigureTable)
        assert "JC" in bass.render_line(0).text
        facts = app.query_one("#ov-bass-facts", FigureTable)
        lines = [facts.render_line(y).text.rstrip() for y in range(facts.size.height)]
        assert not any(line.endswith("…") for line in lines), lines
