"""`kjc-tui info`: the database, its tables, sources and loads."""

from __future__ import annotations

import argparse
from typing import Any

from kjc_tui.cli.common import EXIT_OK, Command, count, database, no_arguments


def _info(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.core import fmt
    from kjc_tui.read import queries
    from kjc_tui.db.store import Store

    db = database(cfg)
    store = Store(db)
    try:
        print(f"Datenbank:     {db}")
        print(f"Konfiguration: {cfg.file or '(keine, Standardwerte)'}")
        if store.synthetic:
            print("Achtung:       SYNTHETISCHE DATEN (erzeugt, keine echten Zahlen)")
        print()
        print(f"{'Tabelle':<16} {'Bezeichnung':<22} {'Zeilen':>12}  {'Stand':<10}  Quellen")
        for t in queries.table_counts(store):
            as_of = t["as_of"].strftime("%d.%m.%Y") if t["as_of"] else ""
            print(f"{t['table']:<16} {t['label_de']:<22} {fmt.number(t['rows'], 'de'):>12}  {as_of:<10}  {t['sources'] or ''}")
        print()
        print("Quellen (neueste zuerst):")
        for s in queries.sources(store, limit=15):
            print(f"  {s['as_of']:%d.%m.%Y}  {count(s['rows'], 7):<14}  {s['source']}")
        print()
        print("Letzte Ladevorgänge:")
        for ld in queries.loads(store, limit=5):
            print(f"  {ld['loaded_at']:%d.%m.%Y %H:%M}  {ld['action']:<8} {ld['target_table'] or '':<15} "
                  f"{count(ld['rows'] or 0, 9):<16}  {ld['user_name']}  {ld['file'] or ''}")
    finally:
        store.close()
    return EXIT_OK


COMMAND = Command("info", "Datenbank: Pfad, Tabellen, Zeilen, Stand, Quellen",
                  "Zeigt Datenbankpfad, Konfiguration, jede Tabelle mit Zeilen, Stand und Zahl der "
                  "Quellen, die neuesten Quellen und die letzten Ladevorgänge.",
                  no_arguments, _info, read_only=True)
