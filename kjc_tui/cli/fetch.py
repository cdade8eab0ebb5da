"""`kjc-tui fetch [NAME…] [--list]`: fetch the configured sources and load them."""

from __future__ import annotations

import argparse
from typing import Any

from kjc_tui.cli.common import EXIT_OK, EXIT_USAGE, Command, err, explained, note_line, problem_line
from kjc_tui.cli.progress import ProgressLine, bar
from kjc_tui.core import source_kinds
from kjc_tui.core.coded import Text
from kjc_tui.core.fmt import count, number

_STATUS_DE = {"fetched": "geladen", "unchanged": "unverändert", "failed": "FEHLER", "refused": "ABGELEHNT",
              "skipped": "übersprungen"}
#: where an installed user finds the sources' documentation (docs/ is not installed with the package)
SOURCES_HELP = "README, Abschnitt „Sources“"
_STATE_DE = {"ok": "geladen", "unchanged": "unverändert", "failed": "fehlgeschlagen"}


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("names", nargs="*", metavar="NAME", help="nur diese Quellen (Standard: alle)")
    p.add_argument("--list", action="store_true",
                   help="Quellen mit letzter Prüfung (und deren Ergebnis) und letztem erfolgreichem Abruf zeigen")


class _Bar:
    """One progress line per source on stderr (only when stderr is a terminal)."""

    def __init__(self) -> None:
        self.line = ProgressLine()

    def __call__(self, name: str, step: Text, fraction: float) -> None:
        self.line.show(f"{name[:18]:<18} {bar(fraction, 20)} {step}")

    def clear(self) -> None:
        self.line.clear()


def fetch_command(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.read.summary import summarise
    from kjc_tui.sources.run import UnknownSource, fetch_all, select

    try:
        select(cfg.sources, args.names)
    except UnknownSource as e:
        err(explained(e))
        return EXIT_USAGE
    if args.list:
        return _list(cfg, args.names)
    if not cfg.sources:
        err(f"keine Quellen konfiguriert: [sources.NAME] in kjc.toml eintragen (siehe {SOURCES_HELP})")
        return EXIT_USAGE
    bar = _Bar()
    progress_names: list[str] = []

    def progress(name: str, step: Text, fraction: float) -> None:
        if not progress_names or progress_names[-1] != name:
            bar.clear()
            progress_names.append(name)
        bar(name, step, fraction)

    try:
        summary = fetch_all(cfg, args.names or None, progress=progress, summarise=summarise)
    finally:
        bar.clear()
    for r in summary.results:
        extra = (f" ({r.requests} Anfrage{'' if r.requests == 1 else 'n'}, {r.unchanged_requests} davon "
                 "unverändert)") if r.requests else ""
        print(f"{r.name}: {_STATUS_DE[r.status]} – {r.message}{extra}")
        for p in r.problems:
            print(f"  {problem_line(p)}")
        for note in r.notes:
            print(f"  Hinweis: {note_line(note)}")
    print(f"Zusammenfassung: {summary.count('fetched')} geladen, {summary.count('unchanged')} unverändert, "
          f"{summary.count('failed') + summary.count('refused')} fehlgeschlagen, "
          f"{count(summary.rows, 'Zeile', 'Zeilen')}")
    if summary.changed:
        print(f"Neuer Stand: {summary.db_path}")
    return summary.exit_code


def _list(cfg: Any, names: list[str]) -> int:
    from kjc_tui.db.snapshot import ensure_database
    from kjc_tui.read.summary import summarise
    from kjc_tui.sources.status import source_status
    from kjc_tui.db.store import Store


    if not cfg.sources:
        print(f"Keine Quellen konfiguriert ([sources.NAME] in kjc.toml, siehe {SOURCES_HELP}).")
        return EXIT_OK
    store = Store(ensure_database(cfg, summarise=summarise))
    try:
        rows = source_status(cfg.sources, store)
    finally:
        store.close()
    table = [("Quelle", "Art", "zuletzt geprüft", "letzter Erfolg", "Zeilen", "URL")]
    for r in rows:
        if names and r["source"] not in names:
            continue
        checked = r["checked_at"] or r["loaded_at"]
        tried = f"{_when(checked)} {_STATE_DE[r['state'] or 'ok']}" if checked else "nie"
        if not r["enabled"]:
            tried += " (aus)"
        rows_text = "" if r["rows"] is None else number(r["rows"])
        table.append((r["source"], r["kind"] or "", tried, _when(r["last_ok"]), rows_text, r["url"] or ""))
    widths = [max(len(line[i]) for line in table) for i in range(5)]
    for i, line in enumerate(table):   # columns as wide as their longest cell; the row count right-aligned
        cells = [c.ljust(w) for c, w in zip(line[:4], widths)] + [line[4].rjust(widths[4]) + " ", line[5]]
        print(" ".join(cells).rstrip())
        if i:   # below each source: what it fills, and whether it is built in or from kjc.toml
            src = cfg.sources[line[0]]
            origin = {"builtin": "eingebaut", "builtin+config": "eingebaut, in kjc.toml geändert"}.get(
                src.get("origin", ""), "aus kjc.toml")
            print(f"    füllt: {fills(src)} · {origin}")
    return EXIT_OK


def _when(t: Any) -> str:
    return t.strftime("%d.%m.%Y %H:%M") if t else "–"


def fills(src: dict[str, Any]) -> str:
    """What a source fills, in a few words for `fetch --list` (German): tables and indicator codes."""
    kind = src.get("kind")
    if src.get("fills"):
        return str(src["fills"])
    if kind == source_kinds.KENNZAHLEN_48A:
        codes = "Kennzahlen K1 … K3E4 (indicators)"
        return codes + (", Vergleichs-Jobcenter außerhalb Hessens (jobcenters)" if src.get("peers") else "")
    if kind == source_kinds.BA_TABLE:
        from kjc_tui.ingest.layouts.ba_statistik import DEFAULT_INDICATORS

        mapped = (src.get("indicators") or DEFAULT_INDICATORS).values()
        return "Kennzahlen " + ", ".join(dict.fromkeys(mapped)) + " (indicators)"
    if kind == source_kinds.JOBSUCHE:
        return f"Kennzahl {src.get('indicator', 'STELLEN')} (indicators), Stellenangebote (postings)"
    if kind == source_kinds.FILE:
        table = src.get("table", "auto")
        return f"Tabelle {table}" if table != "auto" else "die Tabelle, die der Aufbau der Datei ergibt (wie bei load)"
    return ""


COMMAND = Command("fetch", "konfigurierte Quellen über HTTP abrufen und laden",
                  "Ruft die in kjc.toml unter [sources.NAME] konfigurierten Quellen ab und lädt sie "
                  "geprüft in einen neuen Datenbankstand. Eine fehlerhafte Quelle ändert nichts; die "
                  "anderen werden trotzdem geladen. Exit-Code 0 alles in Ordnung, 3 Daten einer Quelle "
                  "abgelehnt, 1 anderer Fehler.",
                  _add_arguments, fetch_command)
