"""kjc_tui.core.errors: the libraries' English error texts said in German, with path or host."""

from __future__ import annotations

import tomllib

import duckdb
import pytest

from kjc_tui.core.errors import german, toml_position


@pytest.mark.parametrize("error, text", [
    (FileNotFoundError(2, "No such file or directory", "/x/a.csv"), "/x/a.csv gibt es nicht"),
    (PermissionError(13, "Permission denied", "/x/a.csv"), "keine Berechtigung für /x/a.csv"),
    (IsADirectoryError(21, "Is a directory", "/x"), "/x ist ein Verzeichnis, keine Datei"),
    (ConnectionRefusedError(111, "Connection refused"), "Verbindung abgelehnt (läuft der Dienst? Port richtig?)"),
])
def test_os_errors(error, text):
    assert german(error) == text


def test_duckdb_errors():
    con = duckdb.connect()
    cases = {"SELECT * FROM nosuch": "Tabelle nosuch gibt es nicht",
             "SELECT nosuch_fn(1)": "Funktion nosuch_fn gibt es nicht",
             "SELECT cast('x' AS INT)": "Typumwandlung: Could not convert string 'x' to INT32",
             "SELEC 1": "SQL-Syntaxfehler: "}
    for sql, text in cases.items():
        with pytest.raises(duckdb.Error) as e:
            con.execute(sql)
        assert german(e.value).startswith(text), german(e.value)


def test_not_a_duckdb_file(tmp_path):
    f = tmp_path / "x.duckdb"
    f.write_text("kein DuckDB\n" * 100)
    with pytest.raises(duckdb.Error) as e:
        duckdb.connect(str(f))
    assert german(e.value) == f"{f} ist keine kjc-tui-Datenbank (DuckDB)"


def test_toml_errors():
    with pytest.raises(tomllib.TOMLDecodeError) as e:
        tomllib.loads("[ui]\nlanguage = de\n")
    assert german(e.value).startswith("ungültiger Wert") and toml_position(e.value) == (2, 12)


def test_unknown_errors_keep_their_text():
    assert german(ValueError("etwas anderes")) == "etwas anderes"
