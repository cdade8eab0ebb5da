"""The dashboard's "Datei laden" (command palette): a publisher's file loads into a new snapshot and the
store reopens on it; a refused file is shown with its problems and changes nothing."""

from __future__ import annotations

import pytest

import dataclasses
import hashlib
import shutil
from pathlib import Path

from fixtures import office as O
from fixtures import publishers as P
from helpers import make_app, settle
from textual.widgets import Input

from kjc_tui.ui.loading import LoadDialog


def _db(embedded_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "db" / "kjc.duckdb"
    db.parent.mkdir()
    shutil.copyfile(embedded_db, db)
    return db


async def _load_through_dialog(pilot, path: str, source: str = "", stand: str = "", command: str = "Datei laden") -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LoadDialog)
    for widget_id, value in (("load-path", path), ("load-source", source), ("load-stand", stand)):
        pilot.app.screen.query_one(f"#{widget_id}", Input).value = value
    pilot.app.screen.query_one("#load-path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    await settle(pilot)


@pytest.mark.slow
async def test_load_a_ba_table_from_the_dashboard(embedded_db, user_config, tmp_path):
    db = _db(embedded_db, tmp_path)
    f = tmp_path / "eckwerte odenwald.csv"
    f.write_bytes(P.ba_table_csv())
    app = make_app(dataclasses.replace(user_config, database_path=db), db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = app.store
        assert first.scalar("SELECT count(*) FROM indicators WHERE indicator = 'ELB' AND jobcenter_id = 'JC-06437' "
                            "AND period = DATE '2025-01-01'") == 0
        await _load_through_dialog(pilot, f'"{f}"')
        assert not isinstance(app.screen, LoadDialog)
        assert app.store is not first
        assert app.store.scalar("SELECT value FROM indicators WHERE indicator = 'ELB' AND jobcenter_id = 'JC-06437' "
                                "AND period = DATE '2025-01-01'") == 4321
        [note] = [n for n in app._notifications if n.title == "Geladen"]
        assert note.message.startswith(f"{f}: 12 Zeilen → indicators\n  {f}: BA-Statistiktabelle erkannt")


@pytest.mark.slow
async def test_refused_office_file_names_the_options_and_changes_nothing(embedded_db, user_config, tmp_path):
    db = _db(embedded_db, tmp_path)
    f = tmp_path / "bg.xlsx"
    f.write_bytes(O.monthly_xlsx())
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    app = make_app(dataclasses.replace(user_config, database_path=db), db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = app.store
        await _load_through_dialog(pilot, str(f))
        [note] = [n for n in app._notifications if n.title == "Daten abgelehnt; die Datenbank ist unverändert"]
        assert note.message.startswith(f"{f}, Zeile 3, Spalte 'Quelle, Stand': Pflichtspalte fehlt")
        assert "--quelle und --stand" in note.message
        assert app.store is first
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
        # with Quelle and Stand in the dialog the same file loads
        await _load_through_dialog(pilot, str(f), "https://intern.example/controlling", "15.03.2025")
        assert app.store.scalar("SELECT count(*) FROM indicators WHERE source = 'https://intern.example/controlling'") \
            == 4
    assert hashlib.sha256(db.read_bytes()).hexdigest() != before


@pytest.mark.slow
async def test_a_refusal_in_the_english_dashboard_is_english(embedded_db, user_config, tmp_path):
    """The problems come up as codes; the dashboard words them in its language (F2: English)."""
    from kjc_tui.ui.i18n import set_language

    db = _db(embedded_db, tmp_path)
    f = tmp_path / "bg.csv"
    f.write_text("Kreisschlüssel;Monat;Kennzahl;Wert;Quelle;Stand\n"
                 "06437;Januar 2025;BG;zwölf;https://x.example;01.03.2025\n"
                 "06437;Februar 2025;BG;12;https://x.example;31.02.2025\n", encoding="utf-8")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    app = make_app(dataclasses.replace(user_config, database_path=db), db)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            await _load_through_dialog(pilot, str(f), command="Load file")
            [note] = [n for n in app._notifications if n.title == "Data refused; the database is unchanged"]
            assert note.message == (f"{f}, line 2, column 'Wert', value 'zwölf': Value is not a number\n"
                                    f"{f}, line 3, column 'Stand', value '31.02.2025': As of is not a valid date "
                                    "(31.02.2025: that month has no day 31)")
            assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    finally:
        set_language("de")


@pytest.mark.slow
async def test_escape_cancels_and_a_missing_file_is_said(embedded_db, user_config, tmp_path):
    db = _db(embedded_db, tmp_path)
    app = make_app(dataclasses.replace(user_config, database_path=db), db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_load_file()
        await pilot.pause()
        assert isinstance(app.screen, LoadDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LoadDialog)
        await _load_through_dialog(pilot, str(tmp_path / "gibtsnicht.csv"))
        assert any(n.message == f"Datei nicht gefunden: {tmp_path / 'gibtsnicht.csv'}" for n in app._notifications)


def test_dialog_snapshot_80x24(snap_compare, ui_db, user_config):
    async def ready(pilot):
        await settle(pilot)
        pilot.app.action_load_file()
        await pilot.pause()

    assert snap_compare(make_app(user_config, ui_db), terminal_size=(80, 24), run_before=ready)


async def test_data_jobs_refused_on_demo_data_and_while_one_runs(tmp_path, tmp_path_factory):
    """Loading and fetching write the database: refused on synthetic data, with our message; a
    second job of a kind while one runs is refused too (one check for fetch, load and reports)."""
    import threading

    from chart_fixtures import chart_app, chart_db_path

    from kjc_tui.ui import fetching, loading, reporting
    from kjc_tui.ui.i18n import t

    demo = chart_app(chart_db_path(tmp_path_factory, synthetic=True), tmp_path)
    demo.config.sources = {"ba": {"kind": "ba"}}  # a source to fetch, so that the demo check decides
    async with demo.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert demo.store is not None and demo.store.synthetic
        loading.start_load(demo)
        fetching.start_fetch(demo)
        await settle(pilot)
        messages = [n.message for n in demo._notifications]
        assert t("load.demo") in messages and t("fetch.demo") in messages
        assert not isinstance(demo.screen, LoadDialog)

    real = chart_app(chart_db_path(tmp_path_factory), tmp_path / "real")
    async with real.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        release = threading.Event()
        real.run_worker(release.wait, thread=True, group=reporting.WORKER_GROUP)
        try:
            reporting.start_chart_export(real, None, "x", False)  # type: ignore[arg-type]
            await pilot.pause()
            assert [n.message for n in real._notifications][-1] == t("report.busy")
        finally:
            release.set()
