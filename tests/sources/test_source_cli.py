"""`kjc-tui fetch [NAME…] [--list]`: output, summary and exit codes."""

from __future__ import annotations

import subprocess
import sys

import payloads as P
from conftest import Reply, write_config
from kjc_tui.cli import EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main


def sources(server) -> str:
    return f"""
[sources.gut]
kind = "file"
description = "Verbandserhebung"
url = "{server.url('/cli/gut.csv')}"
table = "indicators"
columns = {P.FILE_MAPPING}

[sources.kaputt]
kind = "file"
url = "{server.url('/cli/kaputt.csv')}"
table = "indicators"
columns = {P.FILE_MAPPING}

[sources.weg]
kind = "file"
url = "{server.url('/cli/weg.csv')}"
table = "indicators"
columns = {P.FILE_MAPPING}
"""


def test_fetch_list_and_exit_codes(server, db, tmp_path, capsys):
    server.static("/cli/gut.csv", P.file_csv(), "text/csv", etag='"g1"')
    server.routes["/cli/kaputt.csv"] = lambda q, h: Reply(200, P.file_csv(bad_value="zwölf"),
                                                          {"Content-Type": "text/csv"})
    server.routes["/cli/weg.csv"] = lambda q, h: Reply(503, b"", {"Retry-After": "0"})
    cfg_file = tmp_path / "kjc.toml"
    write_config(tmp_path, db, sources(server))
    conf = ["--config", str(cfg_file)]

    assert main([*conf, "fetch", "--list"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "gut" in out and "nie" in out and server.url("/cli/gut.csv") in out

    assert main([*conf, "fetch", "gut"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "gut: geladen – 3 Zeilen → indicators (1 Anfrage, 0 davon unverändert)" in out
    assert "Zusammenfassung: 1 geladen, 0 unverändert, 0 fehlgeschlagen, 3 Zeilen" in out

    assert main([*conf, "fetch", "gut"]) == EXIT_OK
    assert "gut: unverändert" in capsys.readouterr().out

    before = db.read_bytes()
    assert main([*conf, "fetch"]) == EXIT_REFUSED
    out = capsys.readouterr().out
    assert "kaputt: ABGELEHNT – Daten abgelehnt; die Datenbank ist unverändert" in out
    assert f"kaputt <{server.url('/cli/kaputt.csv')}>, Zeile 6, Spalte 'value', Wert 'zwölf'" in out
    assert "weg: FEHLER – " in out and "HTTP 503 Dienst nicht verfügbar" in out
    assert "Zusammenfassung: 0 geladen, 1 unverändert, 2 fehlgeschlagen, 0 Zeilen" in out
    assert db.read_bytes() == before

    assert main([*conf, "fetch", "weg"]) == EXIT_ERROR
    capsys.readouterr()

    assert main([*conf, "fetch", "--list"]) == EXIT_OK
    lines = {ln.split()[0]: ln for ln in capsys.readouterr().out.splitlines()[1:]}
    assert "nie" not in lines["gut"] and lines["gut"].split()[-2] == "3"
    assert "nie" in lines["kaputt"] and "nie" in lines["weg"]

    assert main([*conf, "fetch", "gibtsnicht"]) == EXIT_USAGE
    assert "unbekannte Quelle gibtsnicht (konfiguriert: gut, kaputt, weg)" in capsys.readouterr().err


def test_fetch_without_sources(db, tmp_path, capsys):
    write_config(tmp_path, db, "")
    assert main(["--config", str(tmp_path / "kjc.toml"), "fetch"]) == EXIT_USAGE
    assert "keine Quellen konfiguriert" in capsys.readouterr().err


def test_entry_point_has_fetch():
    out = subprocess.run([sys.executable, "-m", "kjc_tui", "fetch", "--help"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "--list" in out.stdout and "NAME" in out.stdout
