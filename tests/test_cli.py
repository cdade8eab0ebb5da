"""The command line: each subcommand, its output and its exit code."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dataset import build_db, german_excel_csv
from kjc_tui.cli.main import EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main


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
    assert "in Ordnung, 1 Zeile für indicators" in capsys.readouterr().out
    assert run("--db", str(db), "load", str(good)) == EXIT_OK
    assert "1 Zeile → indicators" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(german_excel_csv(["06437;Januar 2025;K2;124,6;https://x.example;01.03.2025"]))
    before = db.read_bytes()
    assert run("--db", str(db), "load", str(bad)) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "Datenbank ist unverändert" in err and f"{bad}, Zeile 2, Spalte 'Wert', Wert '124,6'" in err
    assert db.read_bytes() == before
    assert run("--db", str(db), "load", str(tmp_path / "missing.csv")) == EXIT_ERROR


def test_sql_reads_and_refuses_writes(db, capsys):
    assert run("--db", str(db), "sql", "SELECT ags, name FROM districts ORDER BY ags", "--format", "json") == EXIT_OK
    assert json.loads(capsys.readouterr().out)[0] == {"ags": "06412", "name": "Frankfurt am Main"}
    assert run("--db", str(db), "sql", "SELECT count(*) AS n FROM jobcenters") == EXIT_OK
    assert "(1 Zeile)" in capsys.readouterr().out
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
        out = subprocess.run([sys.executable, "-m", "kjc_tui", sub, "--help"], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
        assert out.returncode == 0 and "Aufruf: kjc-tui " + sub in out.stdout
        assert "Optionen:" in out.stdout and "diese Hilfe zeigen" in out.stdout and "options:" not in out.stdout


@pytest.mark.parametrize("argv, text", [
    (["load"], "kjc-tui load: Fehler: die folgenden Argumente fehlen: DATEI"),
    (["frobnicate"], "kjc-tui: Fehler: Argument BEFEHL: ungültige Auswahl: 'frobnicate' (möglich: "),
    (["generate", "--scale", "abc"], "kjc-tui generate: Fehler: Argument --scale: keine Zahl: 'abc'"),
    (["info", "--gibtsnicht"], "kjc-tui: Fehler: unbekannte Argumente: --gibtsnicht"),
])
def test_usage_errors_are_german(capsys, argv, text):
    with pytest.raises(SystemExit) as e:
        run(*argv)
    err = capsys.readouterr().err
    assert e.value.code == EXIT_USAGE and err.startswith("Aufruf: kjc-tui") and text in err, err


def _indicators(tmp_path: Path, name: str, years: range) -> Path:
    f = tmp_path / name
    f.write_bytes(german_excel_csv([f"06437;{y};BG;{y};https://x.example;01.03.2025" for y in years]))
    return f


def test_load_replace_with_two_files_keeps_both(db, tmp_path, capsys):
    assert run("--db", str(db), "load", str(_indicators(tmp_path, "old.csv", range(1990, 1993)))) == EXIT_OK
    a, b = _indicators(tmp_path, "a.csv", range(2000, 2002)), _indicators(tmp_path, "b.csv", range(2010, 2013))
    assert run("--db", str(db), "load", "--replace", "--table", "indicators", str(a), str(b)) == EXIT_OK
    capsys.readouterr()
    assert run("--db", str(db), "sql", "SELECT count(*) AS n, min(value) AS lo FROM indicators",
               "--format", "json") == EXIT_OK
    assert json.loads(capsys.readouterr().out) == [{"n": 5, "lo": 2000.0}]


@pytest.mark.parametrize("suffix, excel", [(".csv", False), (".csv", True), (".parquet", False), (".json", False),
                                           (".jsonl", False), (".xlsx", False)])
def test_export_every_format_and_check_it_back(db, tmp_path, capsys, suffix, excel):
    out = tmp_path / f"kreise{suffix}"
    assert run("--db", str(db), "export", "districts", "-o", str(out), *(["--excel"] if excel else [])) == EXIT_OK
    assert capsys.readouterr().out.strip() == f"3 Zeilen → {out}"
    assert run("--db", str(db), "check", str(out)) == EXIT_OK
    assert "in Ordnung, 3 Zeilen für districts" in capsys.readouterr().out


def test_generate_builds_a_marked_synthetic_database(db, tmp_path, capsys):
    out = tmp_path / "syn.duckdb"
    assert run("--db", str(db), "generate", "--scale", "0.01", "-o", str(out)) == EXIT_OK
    assert f"Synthetische Daten (scale=0.01, seed=1) → {out}" in capsys.readouterr().out
    assert run("--db", str(out), "info") == EXIT_OK
    assert "SYNTHETISCHE DATEN" in capsys.readouterr().out


def test_generate_refuses_to_overwrite_the_configured_database(db, capsys):
    before = db.read_bytes()
    assert run("--db", str(db), "generate", "--scale", "0.01", "-o", str(db)) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "konfigurierte Datenbank mit den echten Daten" in err and "--force" in err
    assert db.read_bytes() == before
    assert run("--db", str(db), "generate", "--scale", "0.01", "-o", str(db), "--force") == EXIT_OK


@pytest.mark.parametrize("scale", ["30", "nan", "inf", "0", "-1"])
def test_generate_scale_out_of_range_is_a_usage_error(db, capsys, scale):
    assert run("--db", str(db), "generate", "--scale", scale) == EXIT_USAGE
    assert "erlaubt ist eine Zahl größer als 0 und höchstens 25" in capsys.readouterr().err


def test_usage_errors_get_exit_code_2(db, tmp_path, capsys):
    assert run("--db", str(db), "sql", "WITH x AS (DELETE FROM districts RETURNING *) SELECT * FROM x") == EXIT_USAGE
    assert "schreibenden Teil" in capsys.readouterr().err
    assert run("--db", str(db), "export", "districts", "-o", str(tmp_path / "x.docx")) == EXIT_USAGE
    assert ".csv, .parquet, .json, .jsonl oder .xlsx (nicht .docx)" in capsys.readouterr().err
    f = _indicators(tmp_path, "a.csv", range(2000, 2001))
    for cmd in ("check", "load"):
        assert run("--db", str(db), cmd, "--table", "nope", str(f)) == EXIT_USAGE
        assert "unbekannte Tabelle 'nope'; bekannt: districts (Kreise)" in capsys.readouterr().err


def test_check_without_database_changes_nothing(tmp_path, capsys):
    new = tmp_path / "neu" / "kjc.duckdb"
    good = _indicators(tmp_path, "a.csv", range(2000, 2002))
    assert run("--db", str(new), "check", str(good)) == EXIT_OK
    assert "in Ordnung, 2 Zeilen für indicators" in capsys.readouterr().out
    assert not new.parent.exists()


def test_sql_table_marks_cut_values(db, capsys):
    assert run("--db", str(db), "sql", "SELECT repeat('x', 50) AS long, 'kurz' AS short") == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split("  ")[0] == "x" * 39 + "…"


def test_closed_pipe_ends_quietly(db):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    proc = subprocess.Popen([sys.executable, "-m", "kjc_tui", "--db", str(db), "sql", "--format", "csv",
                             "SELECT range AS n FROM range(200000)"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    assert proc.stdout.readline() == b"n\r\n"
    proc.stdout.close()                      # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait() == EXIT_OK and err == ""


def test_every_subcommand_has_a_description():
    from kjc_tui.cli.main import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name, parser in sub.choices.items():
        assert parser.description, name


def test_dashboard_without_a_terminal_exits_with_a_message(db):
    """`kjc-tui </dev/null`: a message and exit 1 at once, not a busy loop that never ends."""
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env["PYTHONPATH"] = str(Path(__file__).parents[1])
    proc = subprocess.run([sys.executable, "-m", "kjc_tui", "--db", str(db)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == EXIT_ERROR
    assert "kjc-tui: das Dashboard braucht ein Terminal" in proc.stderr and "kjc-tui serve" in proc.stderr


def test_exit_codes_as_documented(db, tmp_path, capsys):
    """README: refused SQL (also file access) and usage mistakes in export → 2; a missing file → 1."""
    assert run("--db", str(db), "sql", "SELECT * FROM read_csv('/etc/passwd')") == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Dateizugriffe" in err and "Permission Error" not in err
    assert run("--db", str(db), "export", "nosuch", "-o", str(tmp_path / "x.csv")) == EXIT_USAGE
    assert "unbekannte Tabelle 'nosuch'; bekannt: " in capsys.readouterr().err
    assert run("--db", str(db), "export", "districts", "-o", str(tmp_path / "x.xlsx"), "--excel") == EXIT_USAGE
    assert "--excel gibt es nur für .csv" in capsys.readouterr().err
    for suffix in (".txt", ".pq"):
        assert run("--db", str(db), "export", "districts", "-o", str(tmp_path / f"x{suffix}")) == EXIT_USAGE
        assert f"(nicht {suffix})" in capsys.readouterr().err
    for cmd in ("load", "check"):
        assert run("--db", str(db), cmd, str(tmp_path / "fehlt.csv")) == EXIT_ERROR
        assert f"{tmp_path / 'fehlt.csv'}: Datei nicht gefunden" in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*"))


def test_database_errors_are_said_in_german(db, tmp_path, capsys):
    assert run("--db", str(db), "sql", "SELECT * FROM nosuch") == EXIT_ERROR
    assert capsys.readouterr().err.strip() == "kjc-tui: Abfrage fehlgeschlagen: Tabelle nosuch gibt es nicht"
    assert run("--db", str(db), "sql", "SELECT cast('x' AS INT)") == EXIT_ERROR
    assert "Abfrage fehlgeschlagen: Typumwandlung: " in capsys.readouterr().err
    junk = tmp_path / "kein.duckdb"
    junk.write_text("kein DuckDB\n" * 100)
    assert run("--db", str(junk), "info") == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"{junk} ist keine kjc-tui-Datenbank (DuckDB)" in err and "IO Error" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no fd")


def test_progress_fits_the_terminal_width_and_ends_at_100(monkeypatch):
    """A wrapped progress line cannot be redrawn in place: each line is cut to the width (COLUMNS)."""
    from kjc_tui.cli.progress import with_progress

    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    monkeypatch.setenv("COLUMNS", "40")
    with_progress(lambda progress: [progress("lade eine sehr lange Datei " * 4, i / 9) for i in range(9)])
    drawn = [part.replace("\x1b[K", "") for part in term.getvalue().split("\r") if part]
    assert drawn and all(len(part.rstrip("\n")) <= 39 for part in drawn)
    assert drawn[-1] == "[########################] 100% fertig\n"


def test_mistyped_paths_create_nothing(db, tmp_path, capsys):
    """`generate -o` into a missing directory and `info --db` with a typo: an error, no new files."""
    assert run("--db", str(db), "generate", "--scale", "0.01", "-o", str(tmp_path / "fehlt" / "x.duckdb")) \
        == EXIT_ERROR
    assert f"Das Verzeichnis {tmp_path / 'fehlt'} gibt es nicht" in capsys.readouterr().err
    assert not (tmp_path / "fehlt").exists()
    typo = tmp_path / "tipfehler.duckdb"
    for cmd in (["info"], ["sql", "SELECT 1"], ["export", "districts", "-o", str(tmp_path / "k.csv")]):
        assert run("--db", str(typo), *cmd) == EXIT_ERROR
        assert f"die Datenbank {typo} gibt es nicht" in capsys.readouterr().err
    assert not typo.exists()


def test_demo_with_a_subcommand_is_a_usage_error_not_the_real_database(db, capsys):
    assert run("--db", str(db), "--demo", "sql", "SELECT 1") == EXIT_USAGE
    assert "--demo gilt nur für das Dashboard" in capsys.readouterr().err


def test_load_and_generate_keep_the_overview_beside_the_new_snapshot(db, tmp_path):
    """The command line's writers pass the Übersicht's summary to the snapshot writer: the first
    dashboard start on what they made draws it without DuckDB (tests/test_snapshot.py: the rest)."""
    from datetime import date

    from kjc_tui.core import sidecar
    from kjc_tui.db.store import Store
    from kjc_tui.read import overview, summary

    def kept_and_live(path: Path) -> tuple[object, object]:
        doc = sidecar.read(sidecar.summary_file(path), path)
        store = Store(path)
        try:
            return summary.on_day(doc, date.today()) if doc else None, overview.overview(store, date.today())
        finally:
            store.close()

    f = tmp_path / "k.csv"
    f.write_bytes(german_excel_csv(["06437;2024-05;BG;1234;https://example.org/q;01.06.2024"]))
    assert run("--db", str(db), "load", str(f)) == EXIT_OK
    kept, live = kept_and_live(db)
    assert kept is not None and kept == live
    out = tmp_path / "syn.duckdb"
    assert run("--db", str(db), "generate", "--scale", "0.01", "-o", str(out)) == EXIT_OK
    kept, live = kept_and_live(out)
    assert kept is not None and kept == live
