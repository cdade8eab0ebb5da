"""Empty files for controllers to fill: one table's German headers, and a sheet that explains each column.

`kjc-tui template TABLE -o FILE.xlsx|.csv`. The XLSX has the sheet "Daten" (the header row,
frozen) and the sheet "Erläuterungen" (per column: name, Pflicht, Typ, erlaubte Werte, what
`kjc-tui load` also accepts as header). The CSV is the header row for German Excel, written by
the one German-Excel CSV writer (`export.export_query`). What the file holds is data (codes,
words of the schema); no Textual here.
"""

from __future__ import annotations

import os
from pathlib import Path

from kjc_tui.core.schema import LOADABLE, Column, Table, quote_ident, table_by_name
from kjc_tui.read.export import ExportError, export_query, temp_path

_TYPES_DE = {"text": "Text", "int": "ganze Zahl", "float": "Zahl (Dezimalkomma erlaubt)",
             "date": "Datum (TT.MM.JJJJ, JJJJ-MM oder „Januar 2025“)", "bool": "ja/nein", "timestamp": "Zeitpunkt"}
EXPLAIN_HEADER = ["Spalte", "Pflicht", "Typ", "Erlaubte Werte", "Auch erkannt als"]


def table_for(name: str) -> Table:
    t = table_by_name(name)
    if t is None or t.name not in LOADABLE:
        raise ExportError("unknown_table", name=name, known=", ".join(LOADABLE))
    return t


def _required(t: Table, c: Column) -> str:
    if c.name == "jobcenter_id" and t.name in ("indicators",):
        return "ja (oder Kreisschlüssel)"
    if c.required and c.default is None:
        return "ja"
    return "nein" + (f" (sonst {c.default})" if c.default else "")


def _allowed(c: Column) -> str:
    parts = []
    if c.choices:
        parts.append(", ".join(c.choices))
    if c.minimum is not None:
        parts.append(f"mindestens {c.minimum:g}")
    if c.maximum is not None:
        parts.append(f"höchstens {c.maximum:g}")
    if c.pattern == r"^\d{5}$":
        parts.append("fünf Ziffern, z. B. 06437 (als Text)")
    if c.ref:
        parts.append(f"muss in Tabelle {c.ref[0]} vorkommen")
    if c.name == "source":
        parts.append("Adresse (URL) oder Fundstelle; fehlt die Spalte: kjc-tui load --quelle")
    if c.name == "as_of":
        parts.append("Datum der Daten; fehlt die Spalte: kjc-tui load --stand")
    return "; ".join(parts)


def explanations(t: Table) -> list[list[str]]:
    """One row per column: German header, required, type, allowed values, other accepted headers."""
    return [[c.label_de, _required(t, c), _TYPES_DE[c.type], _allowed(c),
             ", ".join(dict.fromkeys(a for a in (c.name, *c.aliases) if a != c.label_de))]
            for c in t.columns]


def write(name: str, path: Path | str) -> Table:
    """Write the template of table `name` to `path` (.xlsx or .csv); returns the table."""
    t = table_for(name)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError("template_ending", ending=path.suffix)
    if not path.parent.is_dir():
        raise ExportError("no_directory", directory=str(path.parent))
    if suffix == ".csv":
        import duckdb

        con = duckdb.connect()
        try:
            cols = ", ".join(f"CAST(NULL AS VARCHAR) AS {quote_ident(c.label_de)}" for c in t.columns)
            export_query(con, f"SELECT {cols} WHERE false", [], path, german_excel=True)
        finally:
            con.close()
        return t
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    data = wb.active
    data.title = "Daten"
    data.append([c.label_de for c in t.columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    for i, c in enumerate(t.columns, start=1):
        data.column_dimensions[data.cell(1, i).column_letter].width = max(12, len(c.label_de) + 2)
        if c.type == "text":
            # text columns as text, so Excel keeps the leading zero of 06437
            for row in range(2, 502):
                data.cell(row, i).number_format = "@"
    notes = wb.create_sheet("Erläuterungen")
    notes.append([f"Vorlage für die Tabelle {t.name} ({t.label_de}). Eine Zeile je Datensatz im Blatt „Daten“; "
                  "laden mit: kjc-tui load DATEI"])
    notes.append([])
    notes.append(EXPLAIN_HEADER)
    for cell in notes[3]:
        cell.font = Font(bold=True)
    for explained in explanations(t):
        notes.append(explained)
    for letter, width in zip("ABCDE", (24, 22, 34, 60, 50)):
        notes.column_dimensions[letter].width = width
    tmp = temp_path(path)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return t
