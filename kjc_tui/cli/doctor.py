"""`kjc-tui doctor`: check a user's set-up and say what to fix.

Checks, in order: configuration (which file, valid or the error with key and line), the
database (exists, readable, permissions and group on a shared server, opens), its snapshot
(age from `loads`, synthetic or not), the load lock (free or held by a running load, usable
by this user), temporaries of killed loads, disk space for the next load, the configured
HTTP sources (reachable or not, with a short timeout), and the terminal (TERM, COLORTERM,
NO_COLOR, size, UTF-8 locale, SSH).

Nothing is changed: the lock is probed with a shared `flock` on a read-only descriptor (and
not created when missing), the database is only opened read-only.

Exit code 0 when nothing needs fixing, 1 otherwise (any warning or error).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping

from kjc_tui.cli.common import EXIT_ERROR, EXIT_OK, Command, explained, validate_keymap
from kjc_tui.core.files import owner

OK, INFO, WARN, ERROR = "ok", "info", "warn", "error"
LABEL = {OK: "ok", INFO: "Hinweis", WARN: "WARNUNG", ERROR: "FEHLER"}
#: data older than this many days get a warning
STALE_DAYS = 60
#: a load needs room for one more copy of the database plus this margin
DISK_MARGIN = 50 * 1024 * 1024


@dataclass
class Finding:
    status: str
    topic: str
    text: str
    fix: str | None = None


class Report:
    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, status: str, topic: str, text: str, fix: str | None = None) -> Finding:
        f = Finding(status, topic, text, fix)
        self.findings.append(f)
        return f

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.status in (WARN, ERROR)]


# -- checks ---------------------------------------------------------------------------------


def check_config(report: Report, explicit: str | None) -> Any:
    """The configuration: which file, and valid or not. Returns the Config or None."""
    from kjc_tui.core import config

    try:
        found = config.find_config(explicit)
    except config.ConfigError as e:
        report.add(ERROR, "Konfiguration", explained(e),
                   "Pfad bei --config bzw. $KJC_CONFIG prüfen" if (explicit or os.environ.get("KJC_CONFIG"))
                   else None)
        return None
    try:
        cfg = config.load(explicit)
        if cfg.keymap:
            validate_keymap(cfg)
    except config.ConfigError as e:
        fix = f"in {e.file}" + (f", Zeile {e.line}" if e.line else "") + f" den Schlüssel {e.key} korrigieren"
        report.add(ERROR, "Konfiguration", explained(e), fix)
        return None
    if found is None:
        report.add(OK, "Konfiguration", "keine kjc.toml gefunden, Standardwerte (gesucht: --config, $KJC_CONFIG, "
                   f"./kjc.toml, {config.user_config_path()})")
    else:
        via = ("--config" if explicit else "$KJC_CONFIG" if os.environ.get("KJC_CONFIG")
               else "Arbeitsverzeichnis" if found.resolve().parent == Path.cwd().resolve() else "Benutzerverzeichnis")
        report.add(OK, "Konfiguration", f"{found} (gefunden über {via}), gültig")
    user = cfg.user_file
    if user.is_file() and (found is None or user.resolve() != found.resolve()):
        report.add(OK, "Einstellungen", f"{user}, gültig")
    else:
        parent = _existing_parent(user.parent)
        if not os.access(parent, os.W_OK):
            report.add(WARN, "Einstellungen", f"{user.parent} ist nicht beschreibbar: Einstellungen des Dashboards "
                       "(Thema, Sprache, Vergleiche) können nicht gespeichert werden",
                       f"$XDG_CONFIG_HOME auf ein beschreibbares Verzeichnis setzen oder {parent} freigeben")
    return cfg


def _existing_parent(p: Path) -> Path:
    while not p.exists() and p.parent != p:
        p = p.parent
    return p


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            text = f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
            return text.replace(".", ",")
        n /= 1024
    return str(n)  # pragma: no cover


def _group_gid(report: Report, group: str) -> int | None:
    """The gid of `[database] group`; an ERROR finding when there is no such group."""
    import grp

    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        report.add(ERROR, "Rechte", f"die Gruppe {group!r} aus [database] group gibt es auf diesem Rechner nicht",
                   "den Gruppennamen in kjc.toml korrigieren")
        return None


def _check_shared_directory(report: Report, directory: Path, group: str) -> None:
    """A shared directory should be setgid to the group, so that every file in it (WAL, lock) gets the group."""
    import grp

    try:
        st = directory.stat()
        gid = grp.getgrnam(group).gr_gid
    except (OSError, KeyError):
        return  # a missing directory is created on first start; a wrong group is reported on its own
    mode = stat.S_IMODE(st.st_mode)
    if st.st_gid != gid or not mode & stat.S_ISGID:
        report.add(WARN, "Rechte", f"das Verzeichnis {directory} ({owner(st)}, Modus {mode:04o}) ist nicht "
                   f"setgid für die Gruppe {group!r}: Dateien darin bekommen sonst die Gruppe ihres Anlegers",
                   f"chgrp {group} {directory} && chmod 2770 {directory}")
    else:
        report.add(OK, "Rechte", f"Verzeichnis {directory} setgid für die Gruppe {group!r}")


def check_database(report: Report, db: Path, group: str | None) -> Any:
    """Exists, readable, permissions, opens. Returns an open Store or None."""
    from kjc_tui.db.store import Store, StoreError

    if group:
        _check_shared_directory(report, db.parent, group)
    if not db.exists():
        if group:
            _group_gid(report, group)   # a wrong group fails the first start: say so before it
        parent = _existing_parent(db.parent)
        if os.access(parent, os.W_OK):
            report.add(INFO, "Datenbank", f"{db} gibt es noch nicht; sie wird beim ersten Start aus den "
                       "eingebetteten Daten angelegt")
        else:
            report.add(ERROR, "Datenbank", f"{db} gibt es nicht, und {parent} ist nicht beschreibbar",
                       "in kjc.toml [database] path auf die gemeinsame Datenbank setzen oder die Verwaltung fragen")
        return None
    st = db.stat()
    mode = stat.S_IMODE(st.st_mode)
    where = f"{db} ({_size(st.st_size)}, {owner(st)}, Modus {mode:04o})"
    try:
        store = Store(db)
    except StoreError as e:
        report.add(ERROR, "Datenbank", explained(e))
        return None
    report.add(OK, "Datenbank", f"{where}, lesbar")
    if group:
        gid = _group_gid(report, group)
        if gid is not None and (st.st_gid != gid or not mode & stat.S_IRGRP):
            report.add(WARN, "Rechte", f"die Datenbank ist nicht für die Gruppe {group!r} lesbar ({owner(st)}, "
                       f"Modus {mode:04o})", "einmal `kjc-tui load` oder `kjc-tui fetch` ausführen: neue Stände "
                       f"bekommen Gruppe {group!r} und Modus 0640")
        elif gid is not None:
            report.add(OK, "Rechte", f"lesbar für die Gruppe {group!r}")
    if mode & stat.S_IROTH:
        report.add(INFO, "Rechte", "die Datenbank ist für alle Benutzer lesbar (Modus "
                   f"{mode:04o}); mit [database] group in kjc.toml bleibt sie in der Gruppe")
    if not os.access(db.parent, os.W_OK):
        report.add(INFO, "Laden", f"{db.parent} ist für Sie nicht beschreibbar: Sie können lesen, aber keine "
                   "Daten laden (das macht, wer die Datenbank pflegt)")
    return store


def check_snapshot(report: Report, store: Any, now: datetime | None = None) -> None:
    now = now or datetime.now()
    if store.synthetic:
        report.add(INFO, "Daten", "SYNTHETISCHE DATEN (erzeugt, keine echten Zahlen)")
    try:
        rows = store.rows("SELECT loaded_at, action, target_table, file, user_name FROM loads "
                          "ORDER BY load_id DESC LIMIT 1")
    except Exception as e:  # noqa: BLE001 - an old or foreign file: say so, don't crash
        report.add(ERROR, "Stand", f"die Tabelle loads lässt sich nicht lesen ({explained(e)})",
                   "die Datei ist keine kjc-tui-Datenbank oder zu alt; neu anlegen")
        return
    if not rows:
        report.add(WARN, "Stand", "noch nie geladen (Tabelle loads ist leer)", "Daten mit `kjc-tui load` laden")
        return
    last = rows[0]
    at: datetime = last["loaded_at"]
    days = (now - at).total_seconds() / 86400
    age = _age(days)
    what = f"{last['action']}" + (f" → {last['target_table']}" if last["target_table"] else "")
    text = f"letzter Ladevorgang {at:%d.%m.%Y %H:%M} ({age}), {what}, von {last['user_name']}"
    if days > STALE_DAYS:
        report.add(WARN, "Stand", text + f"; älter als {STALE_DAYS} Tage",
                   "neue Zahlen mit `kjc-tui fetch` (Quellen) oder `kjc-tui load DATEI` laden")
    else:
        report.add(OK, "Stand", text)


def _age(days: float) -> str:
    hours = round(days * 24)
    if days >= 2:
        return f"vor {days:.0f} Tagen"
    if hours < 1:
        return "vor weniger als einer Stunde"
    return "vor einer Stunde" if hours == 1 else f"vor {hours} Stunden"


def _lock_state(lock: Path) -> str:
    """'missing', 'free' or 'held' – probed without creating or writing anything."""
    import fcntl

    try:
        fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return "held"
        except OSError:
            return "unknown"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return "free"
    finally:
        os.close(fd)


def check_lock_and_temporaries(report: Report, db: Path) -> bool:
    """Returns True when a load is running right now."""
    from kjc_tui.db.snapshot import _lock_path, temporaries

    lock = _lock_path(db)
    state = _lock_state(lock)
    running = state == "held"
    if state == "missing":
        report.add(OK, "Sperre", "keine Sperrdatei (es lief noch kein Ladevorgang hier)")
    elif state == "free":
        report.add(OK, "Sperre", f"{lock} frei (kein Ladevorgang läuft)")
    elif state == "held":
        report.add(INFO, "Sperre", f"{lock}: ein Ladevorgang läuft gerade; weitere Ladevorgänge warten auf ihn")
    elif not os.access(db.parent, os.W_OK):
        # a reader who cannot write the directory never loads, so it needs no access to the lock
        report.add(INFO, "Sperre", f"{lock} ist für Sie nicht lesbar; zum Lesen der Datenbank nicht nötig")
    else:
        report.add(WARN, "Sperre", f"{lock} lässt sich nicht prüfen ({state})",
                   "die Verwaltung bitten, die Sperrdatei der Gruppe aus [database] group zu geben "
                   "(chgrp GRUPPE, chmod 0660)")
    if state in ("free", "held") and not os.access(lock, os.W_OK):
        report.add(INFO, "Sperre", f"die Sperrdatei gehört {owner(lock.stat())} und ist für Sie nicht "
                   "beschreibbar: Laden können nur deren Besitzer oder Gruppe")
    temps = temporaries(db)
    if not temps:
        report.add(OK, "Temporäre Dateien", "keine")
        return running
    size = sum(_tree_size(p) for p in temps)
    oldest = min(p.lstat().st_mtime for p in temps)
    names = ", ".join(p.name for p in temps[:3]) + (" …" if len(temps) > 3 else "")
    if running:
        report.add(INFO, "Temporäre Dateien", f"{len(temps)} ({_size(size)}) des laufenden Ladevorgangs: {names}")
    else:
        report.add(WARN, "Temporäre Dateien",
                   f"{len(temps)} Datei(en) ({_size(size)}) abgebrochener Ladevorgänge, älteste vom "
                   f"{datetime.fromtimestamp(oldest):%d.%m.%Y %H:%M}: {names}",
                   "der nächste `kjc-tui load` räumt sie auf (nie von Hand löschen, während ein Ladevorgang läuft)")
    return running


def _tree_size(p: Path) -> int:
    try:
        if p.is_dir() and not p.is_symlink():
            return sum(q.lstat().st_size for q in p.rglob("*"))
        return p.lstat().st_size
    except OSError:
        return 0


def check_disk(report: Report, db: Path) -> None:
    where = _existing_parent(db.parent)
    try:
        usage = shutil.disk_usage(where)
    except OSError as e:
        report.add(WARN, "Speicherplatz", f"{where}: nicht feststellbar ({e.strerror})")
        return
    size = db.stat().st_size if db.exists() else 0
    need = size + DISK_MARGIN
    text = f"{_size(usage.free)} frei in {where}"
    if usage.free < need:
        report.add(ERROR, "Speicherplatz", text + f"; ein Ladevorgang braucht etwa {_size(need)} (eine Kopie der "
                   "Datenbank)", f"Platz in {where} schaffen")
    elif usage.free < 3 * need:
        report.add(WARN, "Speicherplatz", text + f"; knapp (ein Ladevorgang braucht etwa {_size(need)})",
                   f"Platz in {where} schaffen")
    else:
        report.add(OK, "Speicherplatz", text)


def _proxy_note(env: Mapping[str, str]) -> str:
    names = [n for n in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")
             if env.get(n)]
    return f"Proxy aus ${names[0]}" if names else "kein Proxy gesetzt"


def check_sources(report: Report, cfg: Any, timeout: float, env: Mapping[str, str] = os.environ) -> None:
    try:
        import kjc_tui.sources  # noqa: F401
    except ImportError:
        report.add(INFO, "Quellen", "übersprungen: das Paket kjc_tui.sources ist in dieser Installation nicht "
                   "vorhanden")
        return
    sources = {n: s for n, s in (cfg.sources or {}).items() if isinstance(s, dict)}
    if not sources:
        report.add(OK, "Quellen", "keine konfiguriert ([sources.NAME] in kjc.toml)")
        return
    try:
        import httpx
    except ImportError:
        report.add(INFO, "Quellen", "übersprungen: httpx ist nicht installiert")
        return
    from kjc_tui.sources.http import HttpSettings
    from kjc_tui.sources.kinds import request_url

    agent = HttpSettings.from_config(cfg.http or {}).user_agent
    proxy = _proxy_note(env)
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True, trust_env=True, verify=True,
                      headers={"User-Agent": agent}) as client:
        for name, src in sources.items():
            topic = f"Quelle {name!r}"
            if not src.get("enabled", True):
                report.add(OK, topic, "abgeschaltet (enabled = false)")
                continue
            if not src.get("url"):
                report.add(INFO, topic, "hat keine URL (nichts zu prüfen)")
                continue
            if src.get("skip_without_key") and not _key_configured(src):
                report.add(INFO, topic, "kein API-Schlüssel konfiguriert: wird nicht abgerufen (Schlüssel in "
                           "KJC_JOBSUCHE_API_KEY oder api_key_file, dann wird sie genutzt)")
                continue
            _check_api_key(report, f"{topic}, Schlüssel", src, cfg)
            url = request_url(src)   # what `fetch` requests (Jobsuche: …/pc/v6/jobs), not the base URL
            t0 = time.monotonic()
            try:
                r = client.head(url)
                if r.status_code in (405, 501) or r.status_code >= 500:
                    with client.stream("GET", url) as r:
                        pass
            except httpx.TimeoutException:
                report.add(WARN, topic, f"{url}: keine Antwort in {timeout:g} s ({proxy})",
                           _net_fix(env))
                continue
            except httpx.HTTPError as e:
                report.add(WARN, topic, f"{url}: nicht erreichbar – {explained(e)} ({proxy})", _net_fix(env))
                continue
            ms = (time.monotonic() - t0) * 1000
            code = r.status_code
            if code < 400 or code in (400, 401, 403):
                extra = {401: " (Antwort ohne Schlüssel abgelehnt; Abruf braucht den API-Schlüssel)",
                         403: " (Antwort ohne Schlüssel abgelehnt; Abruf braucht den API-Schlüssel)",
                         400: " (Anfrage ohne die Abfrageparameter des Abrufs abgelehnt)"}.get(code, "")
                report.add(OK, topic, f"{url}: erreichbar, HTTP {code} in {ms:.0f} ms{extra}")
            else:
                report.add(WARN, topic, f"{url}: antwortet mit HTTP {code} {r.reason_phrase}",
                           "die URL in kjc.toml prüfen" if code in (404, 410) else "später erneut versuchen")


def _key_configured(src: dict[str, Any]) -> bool:
    from kjc_tui.sources.apikey import key_configured
    from kjc_tui.sources.kinds.jobsuche import DEFAULT_KEY_ENV

    return key_configured(src, DEFAULT_KEY_ENV)


def _check_api_key(report: Report, topic: str, src: dict[str, Any], cfg: Any) -> None:
    """A Jobsuche key as `fetch` reads it: missing, or a file others can read, is a warning (never shown)."""
    if src.get("kind") != "jobsuche":
        return
    from kjc_tui.sources.apikey import KeyProblem, read_api_key
    from kjc_tui.sources.kinds.jobsuche import DEFAULT_KEY_ENV

    try:
        read_api_key(src, DEFAULT_KEY_ENV, Path(cfg.file).parent if getattr(cfg, "file", None) else None)
    except KeyProblem as e:
        report.add(WARN, topic, explained(e), "ohne gültigen Schlüssel schlägt `kjc-tui fetch` fehl")
    else:
        report.add(OK, topic, "API-Schlüssel vorhanden" + (" (Datei nur für Sie lesbar)" if "api_key_file" in src
                                                          else ""))


def _net_fix(env: Mapping[str, str]) -> str:
    if any(env.get(n) for n in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return "Proxy-Einstellung prüfen; ohne Internet Dateien mit `kjc-tui load` laden"
    return ("ohne Internet Dateien mit `kjc-tui load` laden; hinter einem Proxy HTTPS_PROXY (und NO_PROXY) "
            "setzen")


def check_terminal(report: Report, env: Mapping[str, str] = os.environ, size: os.terminal_size | None = None,
                   encoding: str | None = None, isatty: bool | None = None) -> None:
    term = env.get("TERM", "")
    colorterm = env.get("COLORTERM", "")
    isatty = sys.stdout.isatty() if isatty is None else isatty
    if not isatty:
        report.add(INFO, "Terminal", "die Ausgabe geht nicht an ein Terminal; Größe und Farben gelten für das "
                   "Terminal, in dem das Dashboard läuft")
    if not term:
        report.add(WARN, "Terminal", "TERM ist nicht gesetzt", "TERM=xterm-256color setzen (ssh -t …)")
    elif term == "dumb":
        report.add(ERROR, "Terminal", "TERM=dumb: dieses Terminal kann das Dashboard nicht darstellen",
                   "in einem richtigen Terminal starten (ssh -t …) oder `kjc-tui serve` für den Browser nutzen")
    else:
        if colorterm in ("truecolor", "24bit"):
            colours = "16 Mio. Farben"
        elif "256" in term or "direct" in term:
            colours = "256 Farben"
        else:
            colours = "16 Farben (das Dashboard bleibt lesbar; mehr mit TERM=xterm-256color)"
        report.add(OK, "Terminal", f"TERM={term}" + (f", COLORTERM={colorterm}" if colorterm else "")
                   + f": {colours}")
    if "NO_COLOR" in env:
        report.add(INFO, "Farben", "NO_COLOR ist gesetzt: das Dashboard zeigt keine Farben")
    if env.get("TEXTUAL_COLOR_SYSTEM"):
        report.add(INFO, "Farben", f"TEXTUAL_COLOR_SYSTEM={env['TEXTUAL_COLOR_SYSTEM']}")
    if size is None:
        for stream in (sys.stdout, sys.stderr, sys.stdin):   # `kjc-tui doctor | less` still knows the size
            try:
                size = os.get_terminal_size(stream.fileno())
                break
            except (OSError, ValueError, AttributeError):
                size = None
    if size is None:
        report.add(INFO, "Größe", "nicht feststellbar (keine Terminal-Ausgabe)")
    elif size.columns < 80 or size.lines < 24:
        report.add(WARN, "Größe", f"{size.columns}×{size.lines} Zeichen; das Dashboard braucht mindestens 80×24",
                   "das Fenster vergrößern oder die Schrift verkleinern")
    else:
        report.add(OK, "Größe", f"{size.columns}×{size.lines} Zeichen")
    enc = (encoding or getattr(sys.stdout, "encoding", None) or "").lower().replace("_", "-")
    locale_env = _original_locale(env)
    lang = locale_env.get("LC_ALL") or locale_env.get("LC_CTYPE") or locale_env.get("LANG") or ""
    utf8_locale = "utf-8" in lang.lower().replace("utf8", "utf-8")
    if enc in ("utf-8", "utf8") and (utf8_locale or not lang):
        report.add(OK, "Zeichensatz", f"UTF-8 ({'LANG=' + lang if lang else 'Python-Standard'})")
    else:
        report.add(WARN, "Zeichensatz", f"kein UTF-8 (Ausgabe {enc or '?'}, Locale {lang or 'nicht gesetzt'}): "
                   "Umlaute, € und Rahmenlinien erscheinen falsch",
                   "LANG=de_DE.UTF-8 (oder C.UTF-8) setzen, z. B. in ~/.profile")
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
        report.add(INFO, "Verbindung", "über SSH" + (" in tmux/screen" if env.get("TMUX") or env.get("STY") else
                                                      "; tmux oder screen hält das Dashboard bei Verbindungsabbruch"))


#: what Python sets LC_CTYPE to when it coerces the C locale (PEP 538)
_COERCED = ("C.UTF-8", "C.utf8", "UTF-8")


def _original_locale(env: Mapping[str, str]) -> Mapping[str, str]:
    """The locale variables as the session has them, without Python's own C-locale coercion.

    With LANG=C, Python sets LC_CTYPE=C.UTF-8 in os.environ at start-up (PEP 538). That would hide
    the C locale that tmux and the other programs of the session still use. /proc/self/environ
    keeps the environment the process was started with.
    """
    if env is not os.environ or env.get("LC_CTYPE") not in _COERCED:
        return env
    try:
        started_with = Path("/proc/self/environ").read_bytes().split(b"\0")
    except OSError:
        return env
    if any(item.startswith(b"LC_CTYPE=") for item in started_with):
        return env
    return {k: v for k, v in env.items() if k != "LC_CTYPE"}


def versions(report: Report) -> None:
    import platform

    parts = [f"Python {platform.python_version()}"]
    for mod in ("duckdb", "textual", "httpx"):
        try:
            parts.append(f"{mod} {__import__(mod).__version__}")
        except Exception:  # noqa: BLE001
            parts.append(f"{mod} fehlt")
    from kjc_tui import __version__ as own

    report.add(OK, "Version", f"kjc-tui {own}; " + ", ".join(parts))


def run_checks(config_arg: str | None = None, db_arg: str | None = None, *, timeout: float = 5.0,
               network: bool = True, env: Mapping[str, str] | None = None) -> Report:
    env = os.environ if env is None else env
    report = Report()
    versions(report)
    cfg = check_config(report, config_arg)
    if db_arg:
        db: Path | None = Path(db_arg).expanduser().resolve()
    else:
        db = cfg.database_path if cfg is not None else None
    if db is None:
        report.add(INFO, "Datenbank", "übersprungen: erst die Konfiguration korrigieren (oder --db DATEI angeben)")
    else:
        store = check_database(report, db, cfg.database_group if cfg is not None else None)
        if store is not None:
            try:
                check_snapshot(report, store)
            finally:
                store.close()
        if db.parent.exists():
            check_lock_and_temporaries(report, db)
        check_disk(report, db)
    if cfg is not None:
        if network:
            check_sources(report, cfg, timeout, env)
        else:
            report.add(INFO, "Quellen", "nicht geprüft (--offline)")
    check_terminal(report, env)
    return report


def render(report: Report) -> str:
    lines = ["kjc-tui doctor: Prüfung der Einrichtung", ""]
    width = max(len(f.topic) for f in report.findings)
    for f in report.findings:
        lines.append(f"[{LABEL[f.status]:<7}] {f.topic:<{width}}  {f.text}")
        if f.fix and f.status in (WARN, ERROR):
            lines.append(f"{'':<10}{'':<{width}}  → {f.fix}")
    lines.append("")
    problems = report.problems
    if not problems:
        lines.append("Alles in Ordnung.")
    else:
        lines.append(f"Zu beheben ({len(problems)}):")
        for f in problems:
            lines.append(f"  - {f.topic}: {f.fix or f.text}")
    return "\n".join(lines)


# -- command line ---------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--timeout", type=float, default=5.0, metavar="SEK",
                   help="Wartezeit je Quelle beim Erreichbarkeitstest (Standard 5)")
    p.add_argument("--offline", action="store_true", help="Quellen nicht über das Netz prüfen")
    p.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")


def doctor_command(args: argparse.Namespace, cfg: Any) -> int:
    report = run_checks(args.config, args.db, timeout=args.timeout, network=not args.offline)
    if args.json:
        print(json.dumps([asdict(f) for f in report.findings], ensure_ascii=False, indent=1))
    else:
        from kjc_tui.core.fmt import strip_controls

        # paths and messages may hold anything a file name can: print them literally
        print("\n".join(strip_controls(line) for line in render(report).splitlines()))
    return EXIT_ERROR if report.problems else EXIT_OK


COMMAND = Command("doctor", "Einrichtung prüfen: Konfiguration, Datenbank, Stand, Quellen, Terminal",
                  "Einrichtung prüfen: Konfiguration, Datenbank, Stand, Quellen, Terminal.",
                  _add_arguments, doctor_command, own_config=True)
