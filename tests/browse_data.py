"""A small database for the Tabellen tests: schema tables, a 1,000-row indicator table,
and a table with odd column names and values that must be shown literally."""

from __future__ import annotations

from pathlib import Path

import duckdb

from kjc_tui.core import schema

ODD_VALUES = [
    "[bold]nicht fett[/bold]",
    "C:\\Pfad\\zu\\datei \\n kein Umbruch",
    "\x1b[31mrot?\x1b[0m",
    "Zeile1\nZeile2\tTab",
    "sehr lang " + "x" * 500 + " ENDE",
    None,
    "[link=https://example.org]klick[/link] $(rm -rf /)",
    "Ümläute ß und 😀 Emoji",
]
ODD_COLUMNS = ('id', 'Name "zitiert"', "weird col [x]", "Wert", "datum")


def build(path: Path, rows: int = 1000) -> Path:
    con = duckdb.connect(str(path))
    for s in schema.ddl():
        con.execute(s)
    for s in schema.view_ddl():
        con.execute(s)
    con.execute(
        """
        INSERT INTO indicators (jobcenter_id, period, period_kind, indicator, sex, value, numerator, denominator,
                                qualifier, note, source, as_of)
        SELECT 'JC' || lpad(CAST(i % 7 AS VARCHAR), 3, '0'),
               DATE '2020-01-01' + INTERVAL ((i // 7) % 24) MONTH, 'month',
               ['K1', 'K2', 'BG', 'ELB'][1 + (i % 4)], ['all', 'f', 'm'][1 + (i % 3)],
               ((i * 7919) % 1000) / 10.0,
               CASE WHEN i % 50 = 0 THEN NULL ELSE i % 13 END, NULL, NULL, CASE WHEN i % 10 = 0 THEN 'Notiz ' || i END,
               'synthetic', DATE '2025-01-01'
        FROM range(?) t(i)
        """,
        [rows],
    )
    con.execute(
        'CREATE TABLE odd (id INTEGER, "Name ""zitiert""" VARCHAR, "weird col [x]" VARCHAR, '
        '"Wert" DOUBLE, datum DATE)'
    )
    con.executemany(
        "INSERT INTO odd VALUES (?, ?, ?, ?, ?)",
        [[i, v, f"[{i}]", i * 1.5 if i % 3 else None, None if i % 4 == 0 else f"2024-0{1 + i % 9}-1{i % 10}"]
         for i, v in enumerate(ODD_VALUES)],
    )
    con.execute("INSERT INTO meta VALUES ('synthetic', 'true')")
    con.close()
    return path
