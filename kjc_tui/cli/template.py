"""`kjc-tui template TABLE -o FILE`: an empty template (XLSX/CSV) for a table."""

from __future__ import annotations

import argparse
from typing import Any

from kjc_tui.cli.common import EXIT_ERROR, EXIT_OK, Command, err, explained


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("table", metavar="TABELLE", help="z. B. indicators, staffing, events (siehe `kjc-tui info`)")
    p.add_argument("-o", "--output", required=True, metavar="DATEI", help="Zieldatei, .xlsx oder .csv")
    p.add_argument("--lang", choices=("de", "en"),
                   help="Sprache der Spaltenköpfe und Erläuterungen (Standard: die der Oberfläche; load kennt beide)")


def _template(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.documents.template import write
    from kjc_tui.read.export import ExportError

    try:
        t = write(args.table, args.output, args.lang or cfg.language)
    except ExportError as e:
        err(explained(e))
        return EXIT_ERROR
    print(f"Vorlage für {t.name} ({t.label_de}) geschrieben: {args.output}")
    return EXIT_OK


COMMAND = Command("template", "leere Vorlage (XLSX/CSV) für eine Tabelle schreiben",
                  "Schreibt eine leere Vorlage für eine Tabelle: deutsche Spaltenköpfe und (XLSX) ein zweites "
                  "Blatt „Erläuterungen“ mit Pflicht, Typ und erlaubten Werten je Spalte. CSV im Format für "
                  "deutsches Excel (;, BOM). Ausgefüllt lädt `kjc-tui load DATEI` sie.",
                  _add_arguments, _template)
