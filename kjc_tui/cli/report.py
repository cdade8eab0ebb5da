"""`kjc-tui report steckbrief AGS -o datei.pdf` and `kjc-tui report monat [--release JJJJ-MM]
[--set kjc] -o datei.xlsx`: the format comes from the file name's extension (.html, .pdf, .xlsx)."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import Any

from kjc_tui.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Command, database, err
from kjc_tui.cli.progress import with_progress

_MONTH = (re.compile(r"^(\d{4})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[/.](\d{4})$"))


def parse_month(text: str) -> date:
    """2025-09, 09/2025 or 09.2025 → date(2025, 9, 1); ValueError otherwise."""
    t = text.strip()
    m = _MONTH[0].match(t)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
    else:
        m = _MONTH[1].match(t)
        if not m:
            raise ValueError(text)
        y, mo = int(m.group(2)), int(m.group(1))
    return date(y, mo, 1)


def _add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="report", metavar="BERICHT", required=True)
    s = sub.add_parser("steckbrief", help="Steckbrief eines Kreises (eine Seite A4, wo die Daten es zulassen)",
                       description="Stammdaten, neueste Kennzahlen mit Rang und Abweichung, Verlauf K2 und eLb, "
                                   "Personal, BASS, Veranstaltungen, Ziele und alle Quellen eines Kreises.")
    s.add_argument("ags", metavar="AGS", help="Kreisschlüssel, z. B. 06437")
    _common(s)
    s = sub.add_parser("monat", help="Kennzahlen-Bericht eines Berichtsmonats",
                       description="K1, K2, K3 (und gewählte Ergänzungsgrößen) je Jobcenter mit Rang, Veränderung "
                                   "zum Vormonat und Vorjahr, Zielen, Diagrammen, größten Veränderungen und Quellen.")
    s.add_argument("--release", metavar="JJJJ-MM", help="Berichtsmonat (Standard: der neueste)")
    s.add_argument("--set", default="kjc", metavar="AUSWAHL",
                   help="kjc (Standard), hessen, ge, alle, typ:IIIb, Kreisschlüssel mit Komma oder der Name "
                        "eines gespeicherten Vergleichs aus kjc.toml")
    s.add_argument("--kennzahlen", default="", metavar="CODES", help="weitere Kennzahlen, z. B. K2E3,K3E2")
    _common(s)


def _common(s: argparse.ArgumentParser) -> None:
    s.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei: .html, .pdf oder .xlsx")
    s.add_argument("--lang", choices=("de", "en"), help="Sprache (Standard: die der Oberfläche)")


def report_command(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.db.store import Store
    from kjc_tui.documents import FormatError, format_for
    from kjc_tui.documents.jobs import FACTSHEET, MONTHLY, ReportRequest, error_text, run

    lang = args.lang or cfg.language
    out = Path(args.output).expanduser()
    try:
        format_for(out)
    except FormatError as e:
        err(f"-o: {error_text(e)}")
        return EXIT_USAGE
    if not out.resolve().parent.is_dir():
        err(f"-o: das Verzeichnis {out.resolve().parent} gibt es nicht")
        return EXIT_ERROR
    if args.report == "steckbrief":
        req = ReportRequest(FACTSHEET, ags=args.ags.strip(), lang=lang)
    else:
        try:
            release = parse_month(args.release) if args.release else None
        except ValueError:
            err(f"--release {args.release!r}: Monat als JJJJ-MM angeben, z. B. 2025-09")
            return EXIT_USAGE
        extra = tuple(c.strip() for c in args.kennzahlen.split(",") if c.strip())
        req = ReportRequest(MONTHLY, members=args.set, release=release, extra=extra, lang=lang)
    store = Store(database(cfg))
    try:
        path = with_progress(lambda progress: run(store, req, [out], cfg.comparisons, progress))[0]
    except Exception as e:  # noqa: BLE001 - a report error is a message; anything else goes to main
        text = error_text(e, "de")
        if text is None:
            raise
        err(text)
        return EXIT_USAGE
    finally:
        store.close()
    print(f"{'Steckbrief' if args.report == 'steckbrief' else 'Kennzahlen-Bericht'} → {path}")
    if store.synthetic:
        print("Hinweis: SYNTHETISCHE DATEN – der Bericht ist auf jeder Seite so markiert.")
    return EXIT_OK


COMMAND = Command("report", "Steckbrief oder Kennzahlen-Bericht schreiben (HTML, PDF, XLSX)",
                  "Schreibt den Steckbrief eines Kreises oder den monatlichen Kennzahlen-Bericht als HTML, PDF "
                  "oder XLSX (nach der Endung von -o). Synthetische Daten tragen auf jeder Seite den Vermerk "
                  "SYNTHETISCH.",
                  _add_arguments, report_command, read_only=True)
