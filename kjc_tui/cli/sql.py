"""`kjc-tui sql SELECT`: one read-only query, as a table, CSV or JSON."""

from __future__ import annotations

import argparse
from typing import Any

import sys

from kjc_tui.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Command, count, database, err, explained, worded


def _sql(args: argparse.Namespace, cfg: Any) -> int:
    import csv
    import json

    import duckdb

    from kjc_tui.db.store import QueryRefused, check_select, open_sandbox, write_refusal

    db = database(cfg)
    try:
        query = check_select(args.query)
    except QueryRefused as e:
        err(explained(e))
        return EXIT_USAGE
    con = open_sandbox(db)
    try:
        rel = con.execute(query)
        names = [d[0] for d in rel.description]
        rows = rel.fetchall()
    except duckdb.Error as e:
        refused = write_refusal(e)
        if refused is not None:
            err(explained(refused))
            return EXIT_USAGE
        from kjc_tui.core.errors import explain

        err(worded("sql.err.failed", {"reason": explain(e)}))
        return EXIT_ERROR
    finally:
        con.close()
    if args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(names)
        w.writerows(rows)
    elif args.format == "json":
        print(json.dumps([dict(zip(names, r)) for r in rows], default=str, ensure_ascii=False, indent=1))
    else:
        _print_table(names, rows)
    return EXIT_OK


SQL_WIDTH = 40


def _cut(text: str, width: int) -> str:
    """`text` in `width` characters; a cut value ends in "…" (use --format csv for whole values)."""
    return text if len(text) <= width else text[:width - 1] + "…"


def _print_table(names: list[str], rows: list[tuple[Any, ...]]) -> None:
    from kjc_tui.core.fmt import strip_controls

    cells = [[strip_controls("" if v is None else str(v)) for v in r] for r in rows]
    widths = [min(SQL_WIDTH, max([len(n)] + [len(r[i]) for r in cells])) for i, n in enumerate(names)]
    print("  ".join(_cut(n, w).ljust(w) for n, w in zip(names, widths)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(_cut(v, w).ljust(w) for v, w in zip(r, widths)))
    print(f"({count(len(rows))})")


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="SELECT")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


COMMAND = Command("sql", "eine lesende SQL-Abfrage ausführen",
                  "Führt genau eine lesende Abfrage (SELECT) aus. Schreibende Befehle und "
                  "Dateizugriffe werden abgelehnt (Exit-Code 2).",
                  _add_arguments, _sql, read_only=True)
