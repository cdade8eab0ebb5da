"""`kjc-tui export TABELLE -o DATEI`: a table or view to a file."""

from __future__ import annotations

import argparse
from typing import Any

from pathlib import Path

from kjc_tui.cli.common import EXIT_OK, EXIT_USAGE, Command, count, database, err, explained


def _export(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.read.browse import BrowseError, relation_names
    from kjc_tui.read.export import ExportError, export_table, format_for
    from kjc_tui.db.store import Store

    try:
        fmt = format_for(Path(args.output))
    except ExportError as e:
        err(explained(e))
        return EXIT_USAGE
    if args.excel and fmt != "csv":
        err(f"--excel gibt es nur für .csv (nicht {Path(args.output).suffix}); eine .xlsx-Datei öffnet Excel "
             "ohnehin richtig.")
        return EXIT_USAGE
    store = Store(database(cfg))
    try:
        try:
            n = export_table(store, args.table, Path(args.output), german_excel=args.excel)
        except BrowseError as e:
            if e.code != "no_relation":
                raise
            err(f"unbekannte Tabelle {args.table!r}; bekannt: {', '.join(relation_names(store))}")
            return EXIT_USAGE
    finally:
        store.close()
    print(f"{count(n)} → {args.output}")
    return EXIT_OK


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", metavar="TABELLE", help="Name der Tabelle oder Sicht (siehe `kjc-tui info`)")
    p.add_argument("-o", "--output", required=True, metavar="DATEI")
    p.add_argument("--excel", action="store_true", help="CSV für deutsches Excel (;, Dezimalkomma, BOM)")


COMMAND = Command("export", "eine Tabelle exportieren (csv, parquet, json, xlsx nach Endung)",
                  "Schreibt eine Tabelle oder Sicht in eine Datei; das Format ergibt sich aus der "
                  "Endung (.csv, .parquet, .json, .jsonl, .xlsx).",
                  _add_arguments, _export, read_only=True)
