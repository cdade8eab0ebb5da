"""Year columns spread across a sheet, as offices write target tables: "Ziel 2025", "Ziel 2026".

A controller's sheet of § 48b targets often has one column per year instead of a "Jahr"
column. `melt_year_columns` turns such a table into the long form the schema expects:
one row per (row, year) with "Jahr" and "Zielwert", keeping each row's line number for
messages. Empty cells mean "no target for that year" and give no row.
"""

from __future__ import annotations

import re

from kjc_tui.core.schema import normalise_header
from kjc_tui.ingest.problem import Note
from kjc_tui.ingest.readers import RawTable

#: "Ziel 2025", "Zielwert 2025", "Ziel (2025)" after normalise_header
_YEAR_HEADER = re.compile(r"^ziel(?:wert)? (\d{4})$")
_YEAR_NAMES = {"jahr", "zieljahr", "year"}


def year_columns(header: list[str]) -> dict[int, int]:
    """Header position → year for every "Ziel <Jahr>" column."""
    out = {}
    for i, h in enumerate(header):
        m = _YEAR_HEADER.match(normalise_header(h))
        if m:
            out[i] = int(m.group(1))
    return out


def year_columns_note(header: list[str], years: dict[int, int]) -> Note:
    """The note that the year columns were read as year and target value."""
    return Note("note.year_columns", {"columns": ", ".join(repr(header[i]) for i in years)})


def melt_year_columns(raw: RawTable) -> RawTable:
    """The table in long form when it has "Ziel <Jahr>" columns and no year column; else unchanged."""
    years = year_columns(raw.header)
    if not years or any(normalise_header(h) in _YEAR_NAMES for h in raw.header):
        return raw
    keep = [i for i in range(len(raw.header)) if i not in years]
    header = [raw.header[i] for i in keep] + ["Jahr", "Zielwert"]
    rows = []
    for line, cells in raw.rows:
        if len(cells) != len(raw.header):
            rows.append((line, cells))  # the validator reports the wrong field count
            continue
        base = [cells[i] for i in keep]
        for i, year in years.items():
            value = cells[i]
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            rows.append((line, [*base, str(year), value]))
    notes = [*raw.notes, year_columns_note(raw.header, years)]
    return RawTable(raw.name, raw.format, header, rows, raw.header_line, raw.decimal, raw.encoding,
                    raw.row_label, notes)
