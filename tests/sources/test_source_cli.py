"""`kjc-tui fetch [NAME…] [--list]`: output, summary and exit codes."""

from __future__ import annotations

import subprocess
import sys

import payloads as P
from source_server import Reply, file_source, write_config
from kjc_tui.cli.main import EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main


def sources(server) -> str:
    return (file_source(server.url('/cli/gut.csv'), "gut", 'description = "Verbandserhebung"')
            + file_source(server.url('/cli/kaputt.csv'), "kaputt") + file_source(server.url('/cli/weg.csv'), "weg"))


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
    assert f"kaputt <{server.url('/cli/kaputt.csv')}>, Zeile 6, Spalte 'Anzahl Fälle', Wert 'zwölf'" in out
    assert "weg: FEHLER – " in out and "HTTP 503 Dienst nicht verfügbar (1 Anfrage, 0 davon unverändert)" in out
    assert "Zusammenfassung: 0 geladen, 1 unverändert, 2 fehlgeschlagen, 0 Zeilen" in out
    assert db.read_bytes() == before

    assert main([*conf, "fetch", "weg"]) == EXIT_ERROR
    capsys.readouterr()

    assert main([*conf, "fetch", "--list"]) == EXIT_OK
    lines = {ln.split()[0]: ln for ln in capsys.readouterr().out.splitlines()[1:]}
    assert "nie" not in lines["gut"] and lines["gut"].split()[-2] == "3" and " unverändert " in lines["gut"]
    for name in ("kaputt", "weg"):  # tried and failed, never loaded
        assert " fehlgeschlagen – " in lines[name] and "nie" not in lines[name]

    assert main([*conf, "fetch", "gibtsnicht"]) == EXIT_USAGE
    assert "unbekannte Quelle gibtsnicht (konfiguriert: gut, kaputt, weg)" in capsys.readouterr().err


def test_fetch_without_sources(db, tmp_path, capsys):
    write_config(tmp_path, db, "")
    assert main(["--config", str(tmp_path / "kjc.toml"), "fetch"]) == EXIT_USAGE
    assert "keine Quellen konfiguriert" in capsys.readouterr().err   # exit 2: README, "Exit codes"
    assert main(["--config", str(tmp_path / "kjc.toml"), "fetch", "--list"]) == EXIT_OK
    assert "siehe README, Abschnitt „Sources“" in capsys.readouterr().out
    assert main(["--config", str(tmp_path / "kjc.toml"), "fetch", "x"]) == EXIT_USAGE
    assert "unbekannte Quelle x (keine [sources.NAME] in kjc.toml)" in capsys.readouterr().err


def test_entry_point_has_fetch():
    out = subprocess.run([sys.executable, "-m", "kjc_tui", "fetch", "--help"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "--list" in out.stdout and "NAME" in out.stdout


def test_list_says_when_an_unchanged_source_was_last_checked(server, db, tmp_path, capsys):
    """An unchanged fetch writes no load; `--list` still shows it as the last check and last success."""
    import duckdb

    server.static("/cli/stand.csv", P.file_csv(), "text/csv", etag='"s1"')
    write_config(tmp_path, db, file_source(server.url('/cli/stand.csv'), "stand"))
    conf = ["--config", str(tmp_path / "kjc.toml")]
    assert main([*conf, "fetch"]) == EXIT_OK
    con = duckdb.connect(str(db))  # the load happened a year ago
    con.execute("UPDATE loads SET loaded_at = loaded_at - INTERVAL 365 DAY WHERE action = 'fetch'")
    (loaded_at,) = con.execute("SELECT max(loaded_at) FROM loads WHERE action = 'fetch'").fetchone()
    con.close()
    capsys.readouterr()
    assert main([*conf, "fetch"]) == EXIT_OK
    assert "stand: unverändert" in capsys.readouterr().out
    assert main([*conf, "fetch", "--list"]) == EXIT_OK
    line = capsys.readouterr().out.splitlines()[1].split()
    checked, last_ok = " ".join(line[2:4]), " ".join(line[5:7])
    assert line[4] == "unverändert" and checked == last_ok
    assert checked != loaded_at.strftime("%d.%m.%Y %H:%M") and line[7] == "3"


def test_a_newer_load_supersedes_an_older_logged_try(server, db, tmp_path):
    """The try log is per user; a load newer than the logged try (a colleague's fetch of the shared
    database) is what the status shows."""
    from datetime import datetime

    from kjc_tui.sources.run import fetch_all
    from kjc_tui.sources.status import record_check, source_status
    from kjc_tui.db.store import Store

    server.static("/cli/kollege.csv", P.file_csv(), "text/csv")
    cfg = write_config(tmp_path, db, file_source(server.url('/cli/kollege.csv'), "kollege"))
    fetch_all(cfg)
    record_check(db, "kollege", "failed", when=datetime(2000, 1, 1))   # this user's own, older try
    store = Store(db)
    try:
        [s] = source_status(cfg.sources, store)
    finally:
        store.close()
    # last_ok: the logged success of fetch_all itself, a moment after its load
    assert s["state"] == "ok" and s["checked_at"] == s["loaded_at"] <= s["last_ok"] and s["rows"] == 3


def test_last_success_survives_a_later_failure(server, db, tmp_path):
    """loaded, then checked unchanged, then one failure: "letzter Erfolg" is the unchanged check,
    not the older load."""
    from datetime import datetime, timedelta

    from kjc_tui.sources.run import fetch_all
    from kjc_tui.sources.status import record_check, source_status
    from kjc_tui.db.store import Store

    server.static("/cli/tag.csv", P.file_csv(), "text/csv")
    cfg = write_config(tmp_path, db, file_source(server.url('/cli/tag.csv'), "tag"))
    fetch_all(cfg)
    unchanged = datetime.now() + timedelta(days=1)
    record_check(db, "tag", "unchanged", when=unchanged)
    record_check(db, "tag", "failed", when=unchanged + timedelta(days=1))
    store = Store(db)
    try:
        [s] = source_status(cfg.sources, store)
    finally:
        store.close()
    assert s["state"] == "failed" and s["last_ok"] == unchanged
