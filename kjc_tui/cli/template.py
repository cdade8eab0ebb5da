"""`kjc-tui template TABLE -o FILE`: registered into `kjc_tui.cli.main` (EXTRA_COMMANDS + COMMANDS)."""

from __future__ import annotations

import argparse
from typing import Any

from kjc_tui.cli.main import EXIT_ERROR, EXIT_OK, EXTRA_COMMANDS, _err, command


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.description = ("Schreibt eine leere Vorlage für eine Tabelle: deutsche Spaltenköpfe und (XLSX) ein zweites "
                     "Blatt „Erläuterungen“ mit Pflicht, Typ und erlaubten Werten je Spalte. CSV im Format für "
                     "deutsches Excel (;, BOM). Ausgefüllt lädt `kjc-tui load DATEI` sie.")
    p.add_argument("table", metavar="TABELLE", help="z. B. indicators, staffing, events (siehe `kjc-tui info`)")
    p.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei, .xlsx oder .csv")


EXTRA_COMMANDS["template"] = ("leere Vorlage (XLSX/CSV) für eine Tabelle schreiben", _add_arguments)


@command("template")
def _template(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.read.export import ExportError
    from kjc_tui.read.template import write

    try:
        t = write(args.table, args.output)
    except ExportError as e:
        _err(str(e))
        return EXIT_ERROR
    print(f"Vorlage für {t.name} ({t.label_de}) geschrieben: {args.output}")
    return EXIT_OK
