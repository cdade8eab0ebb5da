"""A database built before qualifiers were kept per figure (schema 1: one `qualifier` per row) is upgraded.

The old-shaped file is made from the embedded database as schema 1 had it: the tables with several
figures (events, staffing, BASS cohorts) carry one `qualifier` column instead of `<figure>_qualifier`
and `<figure>_upper`, and `meta` says schema 1. Opening it (CLI, dashboard) or loading into it
brings it to the current schema as a new snapshot; each figure given in a row takes the row's
qualifier, as the old screens showed it on every figure of the row.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from kjc_tui.cli.main import EXIT_OK, main
from kjc_tui.core.schema import SCHEMA_VERSION, TABLES

TURBO = "2024-02-odw-job-turbo-pressemitteilung"
SPEED_DATING = "2024-02-22-odw-job-turbo-speed-dating"


def _make_schema_1(db: Path) -> None:
    con = duckdb.connect(str(db))
    try:
        for name in ("events", "staffing", "bass_cohorts"):
            con.execute(f"ALTER TABLE {name} ADD COLUMN qualifier VARCHAR")
            for _, own, upper in TABLES[name].figures:
                con.execute(f"ALTER TABLE {name} DROP COLUMN {own}")
                con.execute(f"ALTER TABLE {name} DROP COLUMN {upper}")
        # the release said "über 270 Teilnehmende": schema 1 had one qualifier for the whole row
        con.execute("UPDATE events SET qualifier = '>' WHERE event_id = ?", [TURBO])
        con.execute("UPDATE events SET qualifier = 'rund' WHERE event_id = ?", [SPEED_DATING])
        con.execute("UPDATE events SET qualifier = 'zwischen', note = NULL WHERE event_id = "
                    "'2012-fulda-zeitarbeitsmesse'")
        con.execute("UPDATE staffing SET qualifier = '≈' WHERE jobcenter_id = 'JC-06413'")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    finally:
        con.close()


@pytest.fixture()
def old_db(embedded_db, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    db = tmp_path / "kjc.duckdb"
    shutil.copyfile(embedded_db, db)
    _make_schema_1(db)
    return db


def _rows(db: Path, sql: str, params: list | tuple = ()) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _figures(db: Path, event_id: str) -> list[tuple]:
    return _rows(db, "SELECT invited, invited_qualifier, participants, participants_qualifier, employers, "
                     "employers_qualifier, applications, applications_qualifier, contracts, contracts_qualifier "
                     "FROM events WHERE event_id = ?", [event_id])


def _assert_upgraded(db: Path) -> None:
    # each figure the row gives takes the row's qualifier; a figure the row does not give stays without one
    assert _figures(db, TURBO) == [(None, None, 270, ">", 27, ">", 100, ">", 7, ">")]
    assert _figures(db, SPEED_DATING) == [(444, "≈", 274, "≈", 29, "≈", None, None, None, None)]
    # a word that is no qualifier of one figure ("zwischen" needs an upper end) goes into the note
    assert _rows(db, "SELECT participants_qualifier, note FROM events WHERE event_id = '2012-fulda-zeitarbeitsmesse'"
                 ) == [(None, "Genauigkeit (alt): zwischen")]
    assert _rows(db, "SELECT headcount, headcount_qualifier FROM staffing WHERE jobcenter_id = 'JC-06413'") == [
        (280, "≈")]
    assert _rows(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'qualifier' "
                     "AND table_name IN ('events', 'staffing', 'bass_cohorts')") == [(0,)]
    assert _rows(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(SCHEMA_VERSION,)]
    [(action, file, n)] = _rows(db, "SELECT action, file, rows FROM loads WHERE action = 'upgrade'")
    assert file == f"Schema 1 → {SCHEMA_VERSION}" and n == 4 + 3 + 1   # Job-Turbo, speed-dating, MainArbeit


def test_opening_an_old_database_upgrades_it(old_db, capsys):
    assert main(["--db", str(old_db), "info"]) == EXIT_OK
    _assert_upgraded(old_db)
    before = old_db.read_bytes()
    assert main(["--db", str(old_db), "info"]) == EXIT_OK   # once: a current database is left as it is
    assert old_db.read_bytes() == before


def test_loading_into_an_old_database_upgrades_it(old_db, tmp_path, capsys):
    f = tmp_path / "personal.csv"
    f.write_text("Jobcenter-ID;Stichtag;Beschäftigte;Quelle;Stand\nJC-06437;31.12.2024;über 41;https://x;15.01.2025\n",
                 encoding="utf-8")
    from kjc_tui.db.snapshot import load

    result = load(old_db, [f])
    assert "Datenbank auf Schema 2 gebracht (Genauigkeit je Zahl)" in [str(n) for n in result.notes]
    _assert_upgraded(old_db)
    assert _rows(old_db, "SELECT headcount, headcount_qualifier FROM staffing WHERE jobcenter_id = 'JC-06437'") == [
        (41, ">")]


def test_the_dashboard_opens_an_old_database_upgraded(old_db):
    from kjc_tui.ui.startup import Opened, open_database

    opened = open_database(old_db)
    assert isinstance(opened, Opened), opened
    try:
        assert opened.store.meta["schema_version"] == SCHEMA_VERSION
        assert opened.store.rows("SELECT participants, participants_qualifier FROM events WHERE event_id = ?",
                                 [TURBO]) == [{"participants": 270, "participants_qualifier": ">"}]
    finally:
        opened.store.close()
