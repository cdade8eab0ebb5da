"""BA statistics tables (Statistik der Bundesagentur für Arbeit, BIDS "Eckwerte" and download tables).

The layout, as far as known (domain research §3c; UNVERIFIED in detail, hence the mapping of
row labels to codes is data, in `publisher_labels.toml`): metadata lines ("Statistik der
Bundesagentur für Arbeit", the region, "Stand: 12.02.2025", perhaps "Gebietsstand: …"), then
a header row whose first cell is ``Berichtsmonat``, ``;`` separated, German numbers, month
labels like "Januar 2025"; below the data perhaps a legend ("Zeichenerklärung", "* Daten anonymisiert")
and footnotes ("1) …", "© Statistik der Bundesagentur für Arbeit"). The same as XLSX.
Two layouts:

* ``columns``: one column per month (the header holds month labels), one row per figure
  with its label in the first column ("Arbeitslose insgesamt;1.234;1.250");
* ``rows``: one row per month (first column), one column per figure (header labels).

A sub-row (indented or starting in lower case, e.g. "im Rechtskreis SGB II" below
"Arbeitslose insgesamt") is named by its path: "Arbeitslose insgesamt > im Rechtskreis SGB II".
Cells "*", "-", "x", "." (see `common.MISSING_MARKS`) are no value, never zero; they are
counted in a note. The Stand is the data date of a ``Stand:`` / ``Datenstand:`` line – a
``Gebietsstand:`` line is the territory's date, not the data's.

`parse` serves the fetch kind ``ba_table`` (labels from kjc.toml); `convert` serves
`kjc-tui load` (labels from `DEFAULT_INDICATORS`, region from the metadata lines).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.core.schema import normalise_header
from kjc_tui.ingest.layouts.common import (
    Lookup,
    Missing,
    csv_bytes,
    cell_at,
    first_rows,
    folded,
    is_month,
    is_trailer,
    missing_mark,
    publisher_labels,
    text,
    workbook,
)
from kjc_tui.ingest.parse import ParseError, parse_date, parse_number
from kjc_tui.ingest.readers import MAX_HEADER_SCAN, ReadError, decode_text
from kjc_tui.ingest.problem import Note, Problem, Reason, Refused, refusal, refused_read
from kjc_tui.ingest.validate import header_score

HEADER_START = "berichtsmonat"
#: the canonical table a BA file becomes (German labels of `indicators`; Kreisschlüssel stands for the jobcenter)
OUT_HEADER = ["Kreisschlüssel", "Zeitraum", "Zeitraumart", "Kennzahl", "Geschlecht", "Wert", "Quelle", "Stand"]
#: row (or column) labels of BA tables -> our indicator codes, for files loaded without a mapping; data in
#: publisher_labels.toml (mostly UNVERIFIED, see there). Labels not listed are left out with a note naming them.
DEFAULT_INDICATORS: dict[str, str] = publisher_labels("ba_statistik", "indicators")
#: a data date: "Stand: …", "Datenstand: …" – but not "Gebietsstand: …" (no word boundary before "stand")
_STAND = re.compile(r"(?i)\b(?:daten)?stand\b[^0-9A-Za-zÄÖÜäöü]*[:\s]\s*(.+)")
_REGION = re.compile(r"(?i)^\s*(?:region|kreis|gebiet|regionale gliederung)\s*[:;]\s*(.+)")


@dataclass
class BaTable:
    """The values of one BA table: (month label, indicator code, value) and what was noticed."""

    values: list[tuple[str, str, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    stand: date | None = None
    #: the lines above the header (title, region, Stand), as text
    meta: list[str] = field(default_factory=list)


Line = tuple[int, list[Any]]


def _csv_lines(data: bytes, label: str) -> list[Line]:
    try:
        text_, _ = decode_text(data)
    except ReadError as e:
        raise refused_read(e, label) from None
    reader = csv.reader(io.StringIO(text_.lstrip("\ufeff"), newline=""), delimiter=";")
    out: list[Line] = []
    start = 1
    try:
        for cells in reader:
            out.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as e:
        raise refusal(label, "bad_csv", start, detail=str(e)) from None
    return out


def _xlsx_lines(data: bytes, label: str) -> list[Line]:
    """The rows of the first sheet that has a ``Berichtsmonat`` header."""
    with workbook(data, label) as wb:
        for ws in wb.worksheets:
            rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
            if _header_index(rows) is not None:
                return rows
    return []


def lines_of(data: bytes, label: str) -> list[Line]:
    """The numbered rows of a BA table in CSV or XLSX."""
    return _xlsx_lines(data, label) if data[:4] == b"PK\x03\x04" else _csv_lines(data, label)


def _header_index(lines: list[Line]) -> int | None:
    for k, (_, cells) in enumerate(lines[:MAX_HEADER_SCAN]):
        if cells and folded(cells[0]) == HEADER_START and len([c for c in cells if text(c)]) > 1:
            return k
    return None


def _key(label: str) -> str:
    """A row label or "Oberzeile > Zeile" path, folded for matching."""
    return " > ".join(normalise_header(part) for part in label.split(">"))


def _is_child(cell: Any) -> bool:
    """A sub-row: indented, or starting in lower case ("im Rechtskreis SGB II", "darunter …")."""
    s = "" if cell is None else str(cell)
    return s[:1].isspace() or s.strip()[:1].islower()


def _month_label(cell: Any) -> str:
    """A month header cell as text ("Januar 2025"; an XLSX date cell as "2025-01")."""
    if isinstance(cell, date):
        return f"{cell.year:04d}-{cell.month:02d}"
    return text(cell)


def stand_of(meta: Iterable[str]) -> date | None:
    """The data date of the metadata lines ("Stand: 12.02.2025"), never the Gebietsstand."""
    for line in meta:
        m = _STAND.search(line)
        if m:
            try:
                return parse_date(m.group(1).strip().strip(";").strip())[0]
            except ParseError:
                continue
    return None


def sniff(data: bytes, name: str) -> bool:
    """Whether the file is a BA table, looking only at its first rows."""
    if data[:4] == b"PK\x03\x04":
        with workbook(data) as wb:
            return wb is not None and any(looks_like(first_rows(ws, MAX_HEADER_SCAN + 6)) for ws in wb.worksheets)
    head = data[:65536]
    cut = head.rfind(b"\n")
    try:
        lines = _csv_lines(head[:cut + 1] if cut > 0 else head, name)
    except Refused:
        return False
    return looks_like(lines)


def looks_like(lines: list[Line]) -> bool:
    """A BA table: a ``Berichtsmonat`` header followed by month columns, or by rows that start with months."""
    k = _header_index(lines)
    if k is None:
        return False
    header = [c for c in lines[k][1][1:] if text(c)]
    if sum(is_month(_month_label(c)) for c in header) >= max(1, len(header) / 2):
        return True
    if header_score([text(c) for c in lines[k][1]]) >= 2:
        return False   # "Berichtsmonat;Kreisschlüssel;Kennzahl;Wert;…": a table of ours, not the BA's
    firsts = [cells[0] for _, cells in lines[k + 1:k + 6] if cells and text(cells[0])]
    return bool(firsts) and is_month(_month_label(firsts[0]))


def parse(data: bytes | list[Line], label: str, indicators: Mapping[str, str], layout: str = "auto") -> BaTable:
    """Read one BA table; refuses (with line, column and value) what does not fit."""
    lines = data if isinstance(data, list) else lines_of(data, label)
    k = _header_index(lines)
    if k is None:
        raise refusal(label, "ba_no_header")
    header_line, raw_header = lines[k]
    header = [_month_label(c) for c in raw_header]
    records = lines[k + 1:]
    out = BaTable(meta=[";".join(text(c) for c in cells if text(c)) for _, cells in lines[:k]])
    out.stand = stand_of(out.meta)
    if layout == "auto":
        cells_after = [c for c in header[1:] if c]
        months = sum(is_month(c) for c in cells_after)
        layout = "columns" if months and months >= len(cells_after) / 2 else "rows"
    wanted = {_key(k_): v for k_, v in indicators.items()}
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    missing = Missing()
    trailer: list[tuple[int, str]] = []

    def value(line: int, column: str, cell: Any, month: str, code: str) -> None:
        meaning = missing_mark(cell)
        if meaning is not None:
            if meaning != "empty":
                missing.add(text(cell), meaning, cell_at(line, column))
            return
        try:
            v, _ = parse_number(cell, ",")
        except ParseError as e:
            problems.append(Problem(label, line, column, text(cell), "value_cell", {"reason": Reason(e.code, e.params)}))
            return
        out.values.append((month, code, v))

    if layout == "columns":
        good_months = set()
        for j, c in enumerate(header):
            if j and c:
                if is_month(c):
                    good_months.add(j)
                else:
                    problems.append(Problem(label, header_line, c, c, "ba_not_a_month"))
        parent = ""
        for line, cells in records:
            if trailer or (cells and is_trailer(cells[0]) and not any(_is_number(c) for c in cells[1:])):
                trailer.append((line, text(cells[0]) if cells else ""))
                continue
            if not cells or not text(cells[0]) or not any(text(c) for c in cells[1:]):
                continue
            row_label = text(cells[0])
            if _is_child(cells[0]) and parent:
                full = f"{parent} > {row_label}"
            else:
                parent = full = row_label
            out.labels.append(full)
            matched = next((x for x in (full, row_label) if _key(x) in wanted), None)
            if matched is None:
                continue
            code = wanted[_key(matched)]
            if matched in seen:
                problems.append(Problem(label, line, header[0], row_label, "ba_row_twice",
                                        {"first": str(seen[matched])}))
                continue
            seen[matched] = line
            for j in sorted(good_months):
                if j < len(cells):
                    value(line, header[j], cells[j], header[j], code)
    else:
        out.labels = [h for h in header[1:] if h]
        columns = {j: wanted[_key(h)] for j, h in enumerate(header) if j and _key(h) in wanted}
        for line, cells in records:
            if not cells or not any(text(c) for c in cells):
                continue
            first = _month_label(cells[0])
            if trailer or not is_month(first):
                if trailer or is_trailer(first) or not any(_is_number(c) for c in cells[1:]):
                    trailer.append((line, first))   # legend, footnotes, copyright: the data has ended
                    continue
                problems.append(Problem(label, line, header[0], first, "ba_not_a_month"))
                continue
            for j, code in columns.items():
                if j < len(cells):
                    value(line, header[j], cells[j], first, code)
    found = {_key(x) for x in out.labels} | {_key(x.rsplit(">", 1)[-1]) for x in out.labels}
    not_found = [k_ for k_ in indicators if _key(k_) not in found]
    if not_found and out.values and len(indicators) < 10:
        out.notes.append(Note("note.not_found", {"labels": ", ".join(not_found)}))
    if trailer:
        first_line, first_text = trailer[0]
        out.notes.append(Note("note.ba_legend", {"line": str(first_line), "text": repr(first_text[:40])}))
    out.notes.extend(missing.note())
    if problems:
        raise Refused(problems[:100], max(0, len(problems) - 100))
    return out


def _is_number(cell: Any) -> bool:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return True
    try:
        parse_number(text(cell), ",")
        return True
    except ParseError:
        return False


# -- kjc-tui load -----------------------------------------------------------------------------------


def region_of(meta: list[str], lookup: Lookup) -> str | None:
    """The district (ags) a BA file is about, from its metadata lines: a Kreisschlüssel or a district name."""
    keys = {ags for line in meta for ags in re.findall(r"(?<!\d)(\d{5})(?!\d)", line) if ags in lookup.districts}
    if len(keys) == 1:
        return keys.pop()
    found: set[str] = set()
    for line in meta:
        m = _REGION.match(line)
        for cell in [m.group(1)] if m else line.split(";"):
            for part in re.split(r"\s+[-–:]\s+|:\s*|\bfür\s+", cell):
                ags = lookup.district_named(part.strip())
                if ags:
                    found.add(ags)
    return found.pop() if len(found) == 1 else None


def convert(data: bytes, name: str, lookup: Lookup, *, source: str | None = None, stand: date | None = None,
            indicators: Mapping[str, str] | None = None) -> tuple[bytes, list[Note]]:
    """A BA file as canonical `indicators` CSV for `kjc-tui load`, and the notes for the load summary."""
    lines = lines_of(data, name)
    labels = indicators or DEFAULT_INDICATORS
    table = parse(lines, name, labels)
    ags = region_of(table.meta, lookup)
    if ags is None:
        raise refusal(name, "ba_no_district", found=" | ".join(m[:50] for m in table.meta[:4]))
    notes = [Note("note.ba_recognised", {"district": lookup.districts[ags], "ags": ags}), *table.notes]
    known = {_key(k) for k in labels}
    unknown = sorted({lbl for lbl in table.labels
                      if _key(lbl) not in known and _key(lbl.rsplit(">", 1)[-1]) not in known})
    if unknown:
        notes.append(Note("note.ba_rows_left_out", {"rows": ", ".join(unknown[:8]) + (" …" if len(unknown) > 8 else "")}))
    as_of = stand or table.stand
    if as_of is None:
        notes.append(Note("note.ba_no_stand"))
    src = source or f"Statistik der Bundesagentur für Arbeit (Datei {name.rsplit('/', 1)[-1]})"
    rows = []
    for month, code, v in table.values:
        period = parse_date(month)[0]
        rows.append([ags, period.isoformat(), "month", code, "all", fmt.excel(v), src,
                     (as_of or period).isoformat()])
    if not rows:
        raise refusal(name, "ba_no_values", rows=", ".join(table.labels[:10]))
    return csv_bytes(OUT_HEADER, rows), notes
