"""Destatis "Kreisfreie Städte und Landkreise nach Fläche, Bevölkerung und Bevölkerungsdichte" (04-kreise.xlsx).

The table of the Gemeindeverzeichnis-Informationssystem GV-ISys, as Destatis ships it (checked
against the copy of Gebietsstand 31.12.2018 in tests/fixtures/destatis): a cover sheet, then a
sheet with title rows and "Gebietsstand: 31.12.2018", a two-row header ("Bevölkerung2)" over
"insgesamt | männlich | weiblich | je km2", footnote marks in the header cells), a row of
column numbers (1 … 9), group rows for each Land ("06 | Hessen") and Regierungsbezirk
("064 | Reg.-Bez. Darmstadt"), "Insgesamt" rows, and the source, footnotes and copyright below.

Each Kreis row (five-digit Schlüsselnummer) becomes the population (`EW`: insgesamt, männlich,
weiblich) and the area (`FL`, km²) of the district's jobcenter on the Gebietsstand date, which is
also the Stand. Kreise without exactly one jobcenter in the database are left out (counted in a
note); so is the density, which is population by area.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.core.schema import normalise_header
from kjc_tui.ingest.layouts.common import (
    Converted,
    Lookup,
    Missing,
    cell_at,
    csv_bytes,
    first_rows,
    is_trailer,
    missing_mark,
    publisher_labels,
    text,
    workbook,
)
from kjc_tui.ingest.parse import ParseError, parse_date, parse_number
from kjc_tui.ingest.problem import Note, Reason, refusal
from kjc_tui.ingest.validate import Problem, Refused

#: the publisher's page for this table (the file names Destatis and GV-ISys, not its address)
SOURCE = "https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/Administrativ/04-kreise.html"
#: the indicator code of a district's area in km² (the population is `EW`)
AREA = "FL"
#: (column of the table, indicator code, sex) of each figure taken per Kreis
FIGURES = (("all", "EW", "all"), ("m", "EW", "m"), ("f", "EW", "f"), ("area", AREA, "all"))
OUT_HEADER = ["Jobcenter-ID", "Zeitraum", "Zeitraumart", "Kennzahl", "Geschlecht", "Wert", "Quelle", "Stand"]
#: folded header (top row + row below, footnote marks removed) -> what the column holds (publisher_labels.toml)
COLUMNS = {normalise_header(label): what for label, what in publisher_labels("destatis_kreise", "columns").items()}
_FOOTNOTE = re.compile(r"\s*\d\)\s*$")
_GEBIETSSTAND = re.compile(r"(?i)gebietsstand\s*:?\s*(\S+)")
MAX_TITLE_ROWS = 20


def _label(cell: Any) -> str:
    """A header cell without footnote mark and line break ("Bevölkerung2)" → "Bevölkerung")."""
    s = text(cell).replace("\n", " ")
    s = re.sub(r"(?<=[A-Za-zäöüß])\d\)\s*$", "", s)
    return _FOOTNOTE.sub("", s).strip()


def _header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """(index of the header's first row, what -> column) for the two-row header among the first rows."""
    for k in range(min(len(rows) - 1, MAX_TITLE_ROWS)):
        top, below = rows[k], rows[k + 1]
        width = max(len(top), len(below))
        cols: dict[str, int] = {}
        carried = ""
        for j in range(width):
            t = _label(top[j]) if j < len(top) else ""
            b = _label(below[j]) if j < len(below) else ""
            if t:
                carried = t
            name = normalise_header(f"{t or (carried if b else '')} {b}")
            what = COLUMNS.get(name) or COLUMNS.get(normalise_header(t))
            if what and what not in cols:
                cols[what] = j
        if {"ags", "name", "all"} <= set(cols):
            return k, cols
    return None


def _sheet_rows(data: bytes) -> tuple[str, list[list[Any]]] | None:
    with workbook(data) as wb:
        for ws in wb.worksheets if wb is not None else ():
            if _header([row for _, row in first_rows(ws, MAX_TITLE_ROWS + 1)]) is not None:
                return ws.title, [list(r) for r in ws.iter_rows(values_only=True)]
    return None


def looks_like(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and _sheet_rows(data) is not None


def _is_column_numbers(row: list[Any]) -> bool:
    cells = [text(c) for c in row if text(c)]
    return len(cells) >= 3 and all(c.isdigit() for c in cells) and [int(c) for c in cells] == \
        list(range(1, len(cells) + 1))


def convert(data: bytes, name: str, lookup: Lookup, *, source: str | None = None,
            stand: date | None = None) -> Converted:
    from kjc_tui.ingest import ReadFile

    found = _sheet_rows(data)
    if found is None:
        raise refusal(name, "destatis_no_header")
    sheet, rows = found
    k, cols = _header(rows)  # type: ignore[misc]
    when: date | None = None
    for r in rows[:k]:
        m = _GEBIETSSTAND.search(" ".join(text(c) for c in r))
        if m:
            try:
                when = parse_date(m.group(1))[0]
            except ParseError:
                raise Refused([Problem(name, rows.index(r) + 1, None, m.group(1), "destatis_bad_stand")]) from None
    if when is None:
        raise refusal(name, "destatis_no_stand")
    out: list[list[str]] = []
    problems: list[Problem] = []
    missing = Missing()
    groups = totals = other = 0
    with_area = AREA in set(lookup.codes)   # a database built before FL was in the catalogue has no place for it
    trailer_at = None
    header_line = k + 2
    for i, row in enumerate(rows[k + 2:], start=k + 3):
        if not any(text(c) for c in row):
            continue
        if _is_column_numbers(row):
            continue
        first = text(row[cols["ags"]]) if cols["ags"] < len(row) else ""
        if trailer_at is not None or (not first and is_trailer(row[0])) or is_trailer(first) or \
                normalise_header(first).startswith("quelle"):
            trailer_at = trailer_at or i
            continue
        if not re.fullmatch(r"\d{5}", first):
            if re.fullmatch(r"\d{2,4}", first):
                groups += 1     # Land, Regierungsbezirk or Region (Baden-Württemberg: 0811)
            elif not first:
                totals += 1     # "Insgesamt", "Deutschland"
            else:
                problems.append(Problem(name, i, "Schlüssel-nummer", first, "destatis_not_ags"))
            continue
        jc = lookup.jobcenter_of(first)
        if jc is None:
            other += 1
            continue
        for what, code, sex in FIGURES:
            j = cols.get(what)
            if j is None or (code == AREA and not with_area):
                continue
            cell = row[j] if j < len(row) else None
            meaning = missing_mark(cell)
            if meaning is not None:
                missing.add(text(cell), meaning, cell_at(i))
                continue
            try:
                v, _ = parse_number(cell, ",")
            except ParseError as e:
                problems.append(Problem(name, i, "Fläche" if code == AREA else "Bevölkerung", text(cell),
                                        "value_cell", {"reason": Reason(e.code, e.params)}))
                continue
            out.append([jc, when.isoformat(), "day", code, sex, fmt.excel(v), source or SOURCE,
                        (stand or when).isoformat()])
    if problems:
        raise Refused(problems[:100], max(0, len(problems) - 100))
    area = "area" in cols and with_area
    notes = [Note("note.destatis_recognised_area" if area else "note.destatis_recognised",
                  {"sheet": repr(sheet), "first": str(k + 1), "last": str(header_line), "stand": f"{when:%d.%m.%Y}"})]
    skipped = [Reason("note.destatis_groups", {"n": groups})] if groups else []
    skipped += [Reason("note.destatis_totals", {"n": totals})] if totals else []
    skipped += [Reason("note.destatis_other", {"n": other})] if other else []
    if skipped:
        notes.append(Note("note.left_out", {"what": skipped}))
    if trailer_at:
        notes.append(Note("note.destatis_trailer", {"line": str(trailer_at)}))
    if "area" in cols and not with_area:
        notes.append(Note("note.destatis_no_area", {"code": AREA}))
    notes.append(Note("note.destatis_density"))
    notes.extend(missing.note())
    if not out:
        raise refusal(name, "destatis_no_district")
    return Converted([ReadFile(name, csv_bytes(OUT_HEADER, out), format="csv")], "indicators", notes)
