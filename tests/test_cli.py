"""The command line: each subcommand, its output and its exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dataset import build_db, german_excel_csv
from kjc_tui.cli import EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture()
def db(tmp_path) -> Path:
    return build_db(tmp_path)


def run(*args: str) -> int:
    return main(list(args))


def test_load_check_and_refuse(db, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(german_excel_csv(["06437;Januar 2025;K2;24,6;https://x.example;01.03.2025"]))
    assert run("--db", str(db), "check", str(good)) == EXIT_OK
    assert "in Ordnung, 1 Zeilen für indicators" in capsys.readouterr().out
    assert run("--db", str(db), "load", str(good)) == EXIT_OK
    assert "1 Zeilen → indicators" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(german_excel_csv(["06437;Januar 2025;K2;124,6;https://x.example;01.03.2025"]))
    before = db.read_bytes()
    assert run("--db", str(db), "load", str(bad)) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "Datenbank ist unverändert" in err and f"{bad}, Zeile 2, Spalte 'Wert', Wert '124,6'" in err
    assert db.read_bytes() == before
    assert run("--db", str(db), "load", str(tmp_path / "missing.csv")) == EXIT_REFUSED


def test_sql_reads_and_refuses_writes(db, capsys):
    assert run("--db", str(db), "sql", "SELECT ags, name FROM districts ORDER BY ags", "--format", "json") == EXIT_OK
    assert json.loads(capsys.readouterr().out)[0] == {"ags": "06412", "name": "Frankfurt am Main"}
    assert run("--db", str(db), "sql", "SELECT count(*) AS n FROM jobcenters") == EXIT_OK
    assert "(1 Zeilen)" in capsys.readouterr().out
    assert run("--db", str(db), "sql", "DROP TABLE districts") == EXIT_USAGE
    assert "Nur lesende Abfragen" in capsys.readouterr().err
    assert run("--db", str(db), "sql", "SELECT * FROM nope") == EXIT_ERROR


def test_info_lists_tables(db, capsys):
    assert run("--db", str(db), "info") == EXIT_OK
    out = capsys.readouterr().out
    assert str(db) in out
    for table in ("districts", "jobcenters", "indicators", "staffing", "bass_cohorts", "events", "budgets", "loads"):
        assert table in out


def test_bad_config_is_an_error_naming_key(tmp_path, capsys):
    (tmp_path / "kjc.toml").write_text('[ui]\nlanguage = "fr"\n')
    assert run("info") == EXIT_ERROR
    assert "ui.language" in capsys.readouterr().err


def test_usage_errors_and_help():
    with pytest.raises(SystemExit) as e:
        run("load")
    assert e.value.code == EXIT_USAGE
    for sub in ("load", "check", "info", "export", "sql", "generate"):
        out = subprocess.run([sys.executable, "-m", "kjc_tui", sub, "--help"], capture_output=True, text=True)
        assert out.returncode == 0 and "usage: kjc-tui " + sub in out.stdout
