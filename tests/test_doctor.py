"""`kjc-tui doctor`: every check, what it prints, and its exit code."""

from __future__ import annotations

import grp
import http.server
import json
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from dataset import build_db, german_excel_csv
from kjc_tui.cli import doctor
from kjc_tui.db import snapshot
from kjc_tui.cli.main import EXIT_ERROR, EXIT_OK, main
from kjc_tui.db.store import Store

ROOT = Path(__file__).resolve().parents[1]
GOOD_TERMINAL = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    for name in ("KJC_CONFIG", "NO_COLOR", "COLORTERM", "LC_ALL", "LC_CTYPE", "SSH_CONNECTION", "SSH_TTY", "TMUX",
                 "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy",
                 "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    for k, v in GOOD_TERMINAL.items():
        monkeypatch.setenv(k, v)
    monkeypatch.chdir(tmp_path)


@pytest.fixture()
def db(tmp_path) -> Path:
    db = build_db(tmp_path / "data")
    f = tmp_path / "a.csv"
    f.write_bytes(german_excel_csv(["06437;Januar 2025;BG;1.234;https://x.example;01.03.2025"]))
    snapshot.load(db, [f])
    return db


def findings(report: doctor.Report, topic: str | None = None) -> list[tuple[str, str]]:
    return [(f.status, f.text) for f in report.findings if topic is None or f.topic == topic]


def write_config(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "kjc.toml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


# -- whole runs through the command line ---------------------------------------------------------


def test_healthy_setup_exits_0_and_says_so(db, tmp_path, capsys):
    cfg = write_config(tmp_path, f"""
        [database]
        path = "{db}"
        group = "{grp.getgrgid(os.getgid()).gr_name}"
    """)
    snapshot.load(db, [tmp_path / "a.csv"], group=grp.getgrgid(os.getgid()).gr_name)  # 0640 + group
    db.parent.chmod(0o2770)   # the shared directory of docs/shared-server.md
    assert main(["doctor", "--offline"]) == EXIT_OK, capsys.readouterr().out
    out = capsys.readouterr().out
    assert out.startswith("kjc-tui doctor: Prüfung der Einrichtung")
    assert f"{cfg} (gefunden über Arbeitsverzeichnis), gültig" in out
    assert f"{db} (" in out and ", lesbar" in out
    assert "letzter Ladevorgang" in out and "load → indicators" in out
    assert "keine Sperrdatei" not in out and "frei (kein Ladevorgang läuft)" in out
    assert "Temporäre Dateien  keine" in out.replace("[ok     ] ", "")
    assert "nicht geprüft (--offline)" in out
    assert out.rstrip().endswith("Alles in Ordnung.")


def test_broken_config_is_reported_with_file_key_and_line(tmp_path, capsys):
    cfg = write_config(tmp_path, """
        [database]
        auto_reload = true
        pfad = "/srv/kjc.duckdb"
    """)
    assert main(["doctor", "--offline"]) == EXIT_ERROR
    out = capsys.readouterr().out
    assert "[FEHLER ] Konfiguration" in out
    assert f"{cfg}, Zeile 4: database.pfad: unbekannter Schlüssel" in out
    assert f"→ in {cfg}, Zeile 4 den Schlüssel database.pfad korrigieren" in out
    assert "übersprungen: erst die Konfiguration korrigieren" in out
    assert "Zu beheben (1):" in out


def test_missing_explicit_config(tmp_path, capsys):
    assert main(["--config", str(tmp_path / "nope.toml"), "doctor", "--offline"]) == EXIT_ERROR
    out = capsys.readouterr().out
    assert f"{tmp_path / 'nope.toml'}: (Datei): Konfigurationsdatei nicht gefunden" in out
    assert "Pfad bei --config bzw. $KJC_CONFIG prüfen" in out


def test_json_output(db, capsys):
    assert main(["--db", str(db), "doctor", "--offline", "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    topics = [d["topic"] for d in data]
    for topic in ("Version", "Konfiguration", "Datenbank", "Stand", "Sperre", "Temporäre Dateien", "Speicherplatz",
                  "Quellen", "Zeichensatz"):
        assert topic in topics
    assert all(d["status"] in ("ok", "info", "warn", "error") for d in data)


def test_doctor_is_listed_in_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "doctor" in capsys.readouterr().out


def test_doctor_changes_nothing(db, tmp_path):
    lock = db.with_name(db.name + ".lock")
    lock.unlink()
    before = {p: p.stat().st_mtime_ns for p in db.parent.iterdir()}
    report = doctor.run_checks(None, str(db), network=False)
    assert ("ok", "keine Sperrdatei (es lief noch kein Ladevorgang hier)") in findings(report, "Sperre")
    assert {p: p.stat().st_mtime_ns for p in db.parent.iterdir()} == before


def test_command_in_a_subprocess(db, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path / "x"), **GOOD_TERMINAL}
    proc = subprocess.run([sys.executable, "-m", "kjc_tui", "--db", str(db), "doctor", "--offline"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Alles in Ordnung." in proc.stdout and proc.stderr == ""


# -- database, snapshot, lock, temporaries, disk ----------------------------------------------------


def test_unreadable_database(db, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if Path(p) == db and m == os.R_OK else real(p, m))
    report = doctor.run_checks(None, str(db), network=False)
    (status, text), = findings(report, "Datenbank")
    assert status == "error" and text.startswith(f"Keine Leserechte für {db}.")
    assert report.problems


def test_missing_database_is_a_hint_not_an_error(tmp_path):
    report = doctor.run_checks(None, str(tmp_path / "neu" / "kjc.duckdb"), network=False)
    (status, text), = findings(report, "Datenbank")
    assert status == "info" and "wird beim ersten Start" in text


def test_not_a_database(tmp_path):
    bad = tmp_path / "kaputt.duckdb"
    bad.write_bytes(b"das ist keine Datenbank" * 100)
    report = doctor.run_checks(None, str(bad), network=False)
    (status, text), = findings(report, "Datenbank")
    assert status == "error" and text.startswith(f"Die Datenbank {bad} lässt sich nicht öffnen")


def test_group_not_applied_is_a_warning(db, tmp_path):
    group = grp.getgrgid(os.getgid()).gr_name
    report = doctor.Report()
    store = doctor.check_database(report, db, group)
    store.close()
    assert ("warn", f"die Datenbank ist nicht für die Gruppe {group!r} lesbar") in [
        (s, t.split(" (")[0]) for s, t in findings(report, "Rechte")]
    report = doctor.Report()
    doctor.check_database(report, db, "keine-solche-gruppe-xyz").close()
    assert findings(report, "Rechte")[0][0] == "error"


def test_snapshot_age(db):
    store = Store(db)
    try:
        report = doctor.Report()
        doctor.check_snapshot(report, store)
        assert findings(report)[0][0] == "ok" and "(vor weniger als einer Stunde)" in findings(report)[0][1]
        report = doctor.Report()
        doctor.check_snapshot(report, store, now=datetime.now() + timedelta(hours=1))
        assert "(vor einer Stunde)" in findings(report)[0][1]
        report = doctor.Report()
        doctor.check_snapshot(report, store, now=datetime.now() + timedelta(days=100))
        (status, text), = findings(report)
        assert status == "warn" and "vor 100 Tagen" in text and "älter als 60 Tage" in text
    finally:
        store.close()


HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from kjc_tui.db import snapshot
    with snapshot.write_lock(Path(sys.argv[1])):
        Path(sys.argv[1]).with_name(Path(sys.argv[1]).name + ".tmp-1-running").write_bytes(b"x")
        print("locked", flush=True)
        sys.stdin.readline()
""")


def test_lock_held_by_a_running_load_and_its_temporaries(db):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "locked"
        report = doctor.Report()
        assert doctor.check_lock_and_temporaries(report, db) is True
        assert findings(report, "Sperre")[0][0] == "info" and "läuft gerade" in findings(report, "Sperre")[0][1]
        status, text = findings(report, "Temporäre Dateien")[0]
        assert status == "info" and "des laufenden Ladevorgangs" in text
    finally:
        proc.stdin.write("\n")
        proc.stdin.flush()
        proc.wait(timeout=30)
    # the load is gone: the same temporary is now a leftover to clean up
    report = doctor.Report()
    assert doctor.check_lock_and_temporaries(report, db) is False
    status, text = findings(report, "Temporäre Dateien")[0]
    assert status == "warn" and "abgebrochener Ladevorgänge" in text and "kjc.duckdb.tmp-1-running" in text


def test_low_disk_space(db, monkeypatch):
    monkeypatch.setattr(doctor.shutil, "disk_usage", lambda p: SimpleNamespace(total=10**9, used=10**9, free=1000))
    report = doctor.Report()
    doctor.check_disk(report, db)
    (status, text), = findings(report)
    assert status == "error" and text.startswith("1000 B frei") and "eine Kopie der Datenbank" in text


# -- sources ------------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        if self.path == "/nohead":
            self.send_response(405)
        elif self.path in ("/gone", "/api", "/api/"):   # a service's base address answers 404, as real ones do
            self.send_response(404)
        elif self.path == "/slow":
            time.sleep(6)
            self.send_response(200)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads, srv.block_on_close = True, False   # don't wait for the slow handler
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_sources_reachable_or_not(server, tmp_path):
    key = tmp_path / "jobsuche.key"
    key.write_text("geheim\n")
    key.chmod(0o644)
    cfg = SimpleNamespace(http={}, file=None, sources={
        "stellen": {"kind": "jobsuche", "url": server + "/api", "version": "v6", "api_key_file": str(key)},
        "ba": {"kind": "ba_table", "url": server + "/api/", "table": "Tabelle"},
        "gut": {"kind": "file", "url": server + "/daten.csv"},
        "ohne_head": {"kind": "file", "url": server + "/nohead"},
        "weg": {"kind": "file", "url": server + "/gone"},
        "zu": {"kind": "file", "url": f"http://127.0.0.1:{_closed_port()}/x.csv"},
        "langsam": {"kind": "file", "url": server + "/slow"},
        "aus": {"kind": "file", "url": "http://192.0.2.1/x.csv", "enabled": False},
    })
    report = doctor.Report()
    doctor.check_sources(report, cfg, timeout=2.0, env={})
    got = {f.topic: f for f in report.findings}
    assert got["Quelle 'gut'"].status == "ok" and "erreichbar, HTTP 200" in got["Quelle 'gut'"].text
    assert got["Quelle 'ohne_head'"].status == "ok"
    assert got["Quelle 'weg'"].status == "warn" and "HTTP 404" in got["Quelle 'weg'"].text
    assert got["Quelle 'weg'"].fix == "die URL in kjc.toml prüfen"
    assert got["Quelle 'zu'"].status == "warn" and "abgelehnt (läuft der Dienst?" in got["Quelle 'zu'"].text
    assert "Errno" not in got["Quelle 'zu'"].text
    # the address `fetch` requests, not the service's base address (which answers 404)
    stellen, schluessel = got["Quelle 'stellen'"], got["Quelle 'stellen', Schlüssel"]
    assert stellen.status == "ok" and f"{server}/api/pc/v6/jobs: erreichbar" in stellen.text
    assert got["Quelle 'ba'"].status == "ok" and f"{server}/api/Tabelle: erreichbar" in got["Quelle 'ba'"].text
    assert schluessel.status == "warn" and "chmod 600" in schluessel.text
    assert "geheim" not in str(report.findings)
    key.chmod(0o600)
    report = doctor.Report()
    doctor.check_sources(report, cfg, timeout=2.0, env={})
    assert {f.topic: f for f in report.findings}["Quelle 'stellen', Schlüssel"].status == "ok"
    assert "kein Proxy gesetzt" in got["Quelle 'zu'"].text and "kjc-tui load" in got["Quelle 'zu'"].fix
    assert got["Quelle 'langsam'"].status == "warn" and "keine Antwort in 2 s" in got["Quelle 'langsam'"].text
    assert got["Quelle 'aus'"].status == "ok" and "abgeschaltet" in got["Quelle 'aus'"].text


def test_sources_from_a_real_config(server, tmp_path, db, capsys):
    write_config(tmp_path, f"""
        [database]
        path = "{db}"

        [builtin_sources]
        enabled = false

        [sources.kennzahlen]
        kind = "file"
        url = "{server}/k.csv"
        table = "indicators"
    """)
    assert main(["doctor", "--timeout", "2"]) == EXIT_OK, capsys.readouterr().out
    assert f"Quelle 'kennzahlen'  {server}/k.csv: erreichbar, HTTP 200" in capsys.readouterr().out


def test_sources_skipped_without_sources_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "kjc_tui.sources", None)   # import fails
    report = doctor.Report()
    doctor.check_sources(report, SimpleNamespace(http={}, sources={"x": {"url": "http://h/"}}), 1.0, {})
    (status, text), = findings(report)
    assert status == "info" and text.startswith("übersprungen")


# -- terminal -----------------------------------------------------------------------------------


def _terminal(env, cols=120, lines=40, encoding="utf-8", isatty=True):
    report = doctor.Report()
    doctor.check_terminal(report, env, os.terminal_size((cols, lines)), encoding, isatty)
    return report


def test_terminal_good():
    report = _terminal({"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "de_DE.UTF-8"})
    assert not report.problems
    assert ("ok", "TERM=xterm-256color, COLORTERM=truecolor: 16 Mio. Farben") in findings(report)
    assert ("ok", "120×40 Zeichen") in findings(report)


def test_terminal_16_colours_and_no_color_are_fine():
    report = _terminal({"TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8"})
    assert not report.problems
    assert findings(report, "Terminal")[0][1].startswith("TERM=xterm: 16 Farben")
    assert findings(report, "Farben") == [("info", "NO_COLOR ist gesetzt: das Dashboard zeigt keine Farben")]


@pytest.mark.parametrize("env, kwargs, topic, status, fix", [
    ({"TERM": "dumb", "LANG": "C.UTF-8"}, {}, "Terminal", "error", "kjc-tui serve"),
    ({"LANG": "C.UTF-8"}, {}, "Terminal", "warn", "TERM=xterm-256color"),
    ({"TERM": "xterm", "LANG": "C.UTF-8"}, {"cols": 60, "lines": 20}, "Größe", "warn", "vergrößern"),
    ({"TERM": "xterm", "LANG": "de_DE.ISO-8859-1"}, {"encoding": "iso8859-1"}, "Zeichensatz", "warn",
     "LANG=de_DE.UTF-8"),
    ({"TERM": "xterm", "LANG": "C"}, {"encoding": "ascii"}, "Zeichensatz", "warn", "LANG=de_DE.UTF-8"),
])
def test_terminal_problems(env, kwargs, topic, status, fix):
    report = _terminal(env, **kwargs)
    (got_status, _), = [(f.status, f.text) for f in report.findings if f.topic == topic]
    assert got_status == status
    assert fix in [f for f in report.findings if f.topic == topic][0].fix


def test_ssh_hint():
    report = _terminal({"TERM": "xterm", "LANG": "C.UTF-8", "SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"})
    assert findings(report, "Verbindung") == [
        ("info", "über SSH; tmux oder screen hält das Dashboard bei Verbindungsabbruch")]


def test_c_locale_is_not_hidden_by_pythons_coercion(tmp_path):
    """LANG=C: Python sets LC_CTYPE=C.UTF-8 for itself; doctor still reports the session's C locale."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8", "PYTHONCOERCE"))}
    env.update(LANG="C", PYTHONPATH=str(ROOT), TERM="xterm")
    code = "from kjc_tui.cli import doctor; r = doctor.Report(); doctor.check_terminal(r); " \
           "print([(f.status, f.text) for f in r.findings if f.topic == 'Zeichensatz'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert "'warn'" in out and "Locale C)" in out


def test_bad_group_is_reported_before_the_database_exists(tmp_path):
    report = doctor.Report()
    assert doctor.check_database(report, tmp_path / "neu.duckdb", "keine-solche-gruppe-xyz") is None
    assert ("error", "die Gruppe 'keine-solche-gruppe-xyz' aus [database] group gibt es auf diesem Rechner nicht") \
        in findings(report, "Rechte")


def test_shared_directory_without_setgid_is_a_warning(db):
    group = grp.getgrgid(os.getgid()).gr_name
    db.parent.chmod(0o770)
    report = doctor.Report()
    doctor.check_database(report, db, group).close()
    (warn,) = [f for f in report.findings if f.topic == "Rechte" and "setgid" in f.text]
    assert warn.status == "warn" and warn.fix == f"chgrp {group} {db.parent} && chmod 2770 {db.parent}"
    db.parent.chmod(0o2770)
    report = doctor.Report()
    doctor.check_database(report, db, group).close()
    assert ("ok", f"Verzeichnis {db.parent} setgid für die Gruppe {group!r}") in findings(report, "Rechte")


def test_unreadable_lock_is_no_warning_for_a_reader(db, monkeypatch):
    """A reader who cannot write the directory never loads: an unreadable lock file is only a note."""
    lock = db.with_name(db.name + ".lock")
    monkeypatch.setattr(doctor, "_lock_state", lambda p: "unreadable")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if Path(p) == db.parent and m == os.W_OK
                        else real(p, m))
    report = doctor.Report()
    doctor.check_lock_and_temporaries(report, db)
    assert findings(report, "Sperre") == [("info", f"{lock} ist für Sie nicht lesbar; zum Lesen der Datenbank "
                                                   "nicht nötig")]
    monkeypatch.setattr(os, "access", real)
    report = doctor.Report()
    doctor.check_lock_and_temporaries(report, db)
    assert findings(report, "Sperre")[0][0] == "warn"


def test_temporaries_of_a_database_with_glob_characters_are_matched_literally(tmp_path):
    db = build_db(tmp_path / "d")
    target = db.with_name("kjc[1].duckdb")
    db.rename(target)
    (target.parent / "kjc1.duckdb.tmp-1-aa").write_bytes(b"another database's")
    report = doctor.Report()
    doctor.check_lock_and_temporaries(report, target)
    assert findings(report, "Temporäre Dateien") == [("ok", "keine")]
