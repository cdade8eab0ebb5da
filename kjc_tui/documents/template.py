"""Empty files for controllers to fill: one table's headers, and a sheet that explains each column.

`kjc-tui template TABLE -o FILE.xlsx|.csv [--lang en]`. The XLSX has the sheet "Daten" (the header
row, frozen) and the sheet "Erläuterungen" (per column: name, required, type, allowed values, what
`kjc-tui load` also accepts as header). The CSV is the header row for German Excel, written by the
one German-Excel CSV writer (`read/export.export_rows`). Headers are the schema's labels in the
language (`kjc-tui load` knows both); every other word comes from `core/strings` (`doc.template.*`).
"""

from __future__ import annotations

import os
from pathlib import Path

from kjc_tui.core.schema import LOADABLE, Column, Table, table_by_name
from kjc_tui.core.strings import say
from kjc_tui.read.export import ExportError, export_rows, temp_path

EXPLAIN_COLUMNS = ("column", "required", "type", "allowed", "also")


def table_for(name: str) -> Table:
    t = table_by_name(name)
    if t is None or t.name not in LOADABLE:
        raise ExportError("unknown_table", name=name, known=", ".join(LOADABLE))
    return t


def _required(t: Table, c: Column, lang: str) -> str:
    if c.name == "jobcenter_id" and t.name == "indicators":
        return say("doc.template.yes_or_ags", lang)
    if c.required and c.default is None:
        return say("cell.yes", lang)
    if c.default:
        return say("doc.template.no_default", lang, default=c.default)
    return say("cell.no", lang)


def _allowed(c: Column, lang: str) -> str:
    parts = []
    if c.choices:
        parts.append(", ".join(c.choices))
    if c.minimum is not None:
        parts.append(say("doc.template.minimum", lang, n=f"{c.minimum:g}"))
    if c.maximum is not None:
        parts.append(say("doc.template.maximum", lang, n=f"{c.maximum:g}"))
    if c.pattern == r"^\d{5}$":
        parts.append(say("doc.template.ags", lang))
    if c.ref:
        parts.append(say("doc.template.ref", lang, table=c.ref[0]))
    if c.name in ("source", "as_of"):
        parts.append(say(f"doc.template.{c.name}", lang))
    return "; ".join(parts)


def explanations(t: Table, lang: str = "de") -> list[list[str]]:
    """One row per column: header, required, type, allowed values, other accepted headers."""
    return [[c.label(lang), _required(t, c, lang), say(f"doc.template.type.{c.type}", lang), _allowed(c, lang),
             ", ".join(dict.fromkeys(a for a in (c.name, c.label_de, c.label_en, *c.aliases) if a != c.label(lang)))]
            for c in t.columns]


def write(name: str, path: Path | str, lang: str = "de") -> Table:
    """Write the template of table `name` to `path` (.xlsx or .csv) in `lang`; returns the table."""
    t = table_for(name)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError("template_ending", ending=path.suffix)
    if not path.parent.is_dir():
        raise ExportError("no_directory", directory=str(path.parent))
    if suffix == ".csv":
        export_rows([c.label(lang) for c in t.columns], [], path)
        return t
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    data = wb.active
    data.title = say("doc.sheet.data", lang)
    data.append([c.label(lang) for c in t.columns])
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    for i, c in enumerate(t.columns, start=1):
        data.column_dimensions[data.cell(1, i).column_letter].width = max(12, len(c.label(lang)) + 2)
        if c.type == "text":
            # text columns as text, so Excel keeps the leading zero of 06437
            for row in range(2, 502):
                data.cell(row, i).number_format = "@"
    notes = wb.create_sheet(say("doc.template.notes_sheet", lang))
    notes.append([say("doc.template.intro", lang, table=t.name, label=t.label(lang), sheet=data.title)])
    notes.append([])
    notes.append([say(f"doc.template.col.{k}", lang) for k in EXPLAIN_COLUMNS])
    for cell in notes[3]:
        cell.font = Font(bold=True)
    for explained in explanations(t, lang):
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
