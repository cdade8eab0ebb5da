"""`kjc-tui check DATEI…`: validate files, change nothing."""

from __future__ import annotations

import argparse
from typing import Any

from pathlib import Path

from kjc_tui.cli.common import note_line, EXIT_OK, Command, count, file_arguments, load_options
from kjc_tui.cli.progress import with_progress


def _check(args: argparse.Namespace, cfg: Any) -> int:
    import tempfile

    from kjc_tui.db.snapshot import build, embedded_files, load

    options, code = load_options(args)
    if options is None:
        return code
    db = cfg.database_path
    if db.exists():
        result = load(db, args.files, table=args.table, dry_run=True, options=options,
                      allow_synthetic=args.synthetic)
    else:
        # check changes nothing: without a database, check against the embedded master data in a
        # throw-away copy instead of building the configured one
        with tempfile.TemporaryDirectory(prefix="kjc-check-") as d:
            scratch = Path(d) / "kjc.duckdb"
            with_progress(lambda progress: build(scratch, embedded_files(), progress=progress))
            result = load(scratch, args.files, table=args.table, dry_run=True, options=options,
                          allow_synthetic=args.synthetic)
        print(f"(keine Datenbank unter {db}: geprüft gegen die eingebetteten Daten)")
    for file, table, rows in result.files:
        print(f"{file}: in Ordnung, {count(rows)} für {table}")
    for note in result.notes:
        print(f"  Hinweis: {note_line(note)}")
    return EXIT_OK


COMMAND = Command("check", "Dateien nur prüfen, nichts laden",
                  "Prüft Dateien wie `load`, ändert aber nichts: keine Datenbank wird angelegt "
                  "oder geändert. Ohne Datenbank wird gegen die eingebetteten Stammdaten geprüft.",
                  file_arguments, _check)
