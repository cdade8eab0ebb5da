"""`kjc-tui load DATEI…`: files into a new snapshot."""

from __future__ import annotations

import argparse
from typing import Any

from kjc_tui.cli.common import note_line, EXIT_OK, Command, count, database, file_arguments, load_options
from kjc_tui.cli.progress import with_progress


def _load(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.db.snapshot import load
    from kjc_tui.read.summary import summarise

    options, code = load_options(args)
    if options is None:
        return code
    db = database(cfg)
    result = with_progress(lambda progress: load(db, args.files, table=args.table, replace=args.replace,
                                                  group=cfg.database_group, progress=progress, options=options,
                                                  allow_synthetic=args.synthetic, summarise=summarise))
    for file, table, rows in result.files:
        print(f"{file}: {count(rows)} → {table}")
    for note in result.notes:
        print(f"  Hinweis: {note_line(note)}")
    print(f"Neuer Stand: {db}")
    return EXIT_OK


def _add_arguments(p: argparse.ArgumentParser) -> None:
    file_arguments(p)
    p.add_argument("--replace", action="store_true", help="die ganze Tabelle durch die Datei ersetzen")


COMMAND = Command("load", "Dateien laden (CSV, XLSX, JSON, Parquet)",
                  "Lädt Dateien in einen neuen Datenbankstand. Zeilen mit schon vorhandenem "
                  "Schlüssel werden ersetzt; ein Fehler in irgendeiner Datei lädt nichts.",
                  _add_arguments, _load)
