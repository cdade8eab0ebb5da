"""kind = "ba_table": a table of the BA statistics API (BIDS), one CSV per district, into `indicators`.

The CSV (UNVERIFIED in detail, hence configurable): metadata lines, then a header starting
with ``Berichtsmonat;``, ``;`` separated, German numbers, month labels like "Januar 2025".
Two layouts are understood:

* ``columns``: one column per month (the header holds month labels), one row per figure
  with its label in the first column ("Arbeitslose insgesamt;1.234;1.250");
* ``rows``: one row per month (first column), one column per figure (header labels).

``auto`` picks the layout by whether the header's cells after the first are month labels.
``indicators`` maps row (or column) labels to our indicator codes; other labels are left out.
A sub-row (indented or starting in lower case, e.g. "im Rechtskreis SGB II" below
"Arbeitslose insgesamt") can be named by its path: "Arbeitslose insgesamt > im Rechtskreis SGB II".
Cells "*", "-", "x", "." and empty mean "no value" (BA's marks for anonymised or none).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from kjc_tui.ingest import Problem, ReadFile, Refused
from kjc_tui.ingest.parse import ParseError, parse_date, parse_number
from kjc_tui.ingest.readers import ReadError
from kjc_tui.ingest.readers import decode_text  # the same encoding detection as `kjc-tui load`
from kjc_tui.core.schema import normalise_header
from kjc_tui.sources.kinds import CSV_TYPES, Batch, Context, as_of, query_params
from kjc_tui.sources.status import load_label
from kjc_tui.sources.tabular import csv_bytes, german_number

MISSING = {"", "*", "-", "x", ".", "–", "k.A.", "k. A."}
HEADER_START = "berichtsmonat"
OUT_HEADER = ["Kreisschlüssel", "Zeitraum", "Zeitraumart", "Kennzahl", "Geschlecht", "Wert", "Quelle", "Stand"]
_STAND = re.compile(r"(?i)stand[^0-9A-Za-z]*[:\s]\s*(.+)")


def request_url(src: dict[str, Any]) -> str:
    """The address each request goes to (before the query parameters)."""
    return str(src["url"]).rstrip("/") + "/" + str(src["table"])


def collect(ctx: Context) -> Batch:
    src = ctx.src
    base = request_url(src)
    param = src.get("region_param", "Kreis")
    regions = src.get("regions") or ctx.db.districts
    if not regions:
        raise Refused([Problem(ctx.name, None, None, None, "keine Kreise: regions in kjc.toml angeben")])
    files: list[ReadFile] = []
    notes: list[str] = []
    for i, (ags, region) in enumerate(regions.items()):
        if i:
            ctx.pause()
        ctx.step(f"{region}", i / len(regions))
        got = ctx.get(base, CSV_TYPES, params={**query_params(src), param: region})
        label = load_label(ctx.name, got.url)
        table = parse(got.body, label, src["indicators"], src.get("layout", "auto"))
        stand = table.stand or as_of(got, ctx.today)
        rows = [[ags, month, "month", code, src.get("sex", "all"), german_number(value), got.url, stand.isoformat()]
                for month, code, value in table.values]
        if not rows:
            raise Refused([Problem(label, None, None, None,
                                   "keine Werte für die konfigurierten Zeilen (indicators); gefunden: "
                                   + ", ".join(table.labels[:12]))])
        notes.extend(f"{region}: {n}" for n in table.notes)
        files.append(ReadFile(label, csv_bytes(OUT_HEADER, rows)))
    return Batch(files, "indicators", notes)


class BaTable:
    """The values of one BA CSV: (month label, indicator code, value) and what was noticed."""

    def __init__(self) -> None:
        self.values: list[tuple[str, str, float]] = []
        self.labels: list[str] = []
        self.notes: list[str] = []
        self.stand: date | None = None


def _records(text: str, label: str) -> tuple[int, list[str], Iterator[tuple[int, list[str]]], list[str]]:
    """Header line number, header cells, the numbered records after it, and the metadata lines."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        first = line.lstrip("\ufeff").split(";", 1)[0].strip().strip('"')
        if ";" in line and normalise_header(first) == HEADER_START:
            break
    else:
        raise Refused([Problem(label, None, None, None, "keine Kopfzeile „Berichtsmonat;…“ gefunden – keine "
                                                        "BA-Statistiktabelle (Tabellencode oder Region falsch?)")])
    reader = csv.reader(io.StringIO("\n".join(lines[i:])), delimiter=";")
    try:
        header = [c.strip() for c in next(reader)]
    except csv.Error as e:
        raise Refused([Problem(label, i + 1, None, None, f"ist kein gültiges CSV ({e})")]) from None

    def numbered() -> Iterator[tuple[int, list[str]]]:
        try:
            for cells in reader:
                yield i + reader.line_num, cells
        except csv.Error as e:
            raise Refused([Problem(label, i + reader.line_num + 1, None, None, f"ist kein gültiges CSV ({e})")]) \
                from None
    return i + 1, header, numbered(), lines[:i]


def _key(label: str) -> str:
    """A row label or "Oberzeile > Zeile" path, folded for matching."""
    return " > ".join(normalise_header(part) for part in label.split(">"))


def _is_child(cell: str) -> bool:
    """A sub-row: indented, or starting in lower case ("im Rechtskreis SGB II", "darunter …")."""
    return cell[:1].isspace() or cell.strip()[:1].islower()


def _is_month(cell: str) -> bool:
    try:
        return parse_date(cell)[1] == "month"
    except ParseError:
        return False


def parse(data: bytes, label: str, indicators: dict[str, str], layout: str = "auto") -> BaTable:
    """Read one BA CSV; refuses (with line, column and value) what does not fit."""
    try:
        text, _ = decode_text(data)
    except ReadError as e:
        raise Refused([Problem(label, e.line, None, None, e.reason)]) from None
    header_line, header, records, meta = _records(text.lstrip("\ufeff"), label)
    out = BaTable()
    for m in (_STAND.search(line) for line in meta):
        if m and out.stand is None:
            try:
                out.stand = parse_date(m.group(1).strip().strip(";").strip())[0]
            except ParseError:
                pass
    if layout == "auto":
        months = sum(_is_month(c) for c in header[1:] if c)
        layout = "columns" if months and months >= len([c for c in header[1:] if c]) / 2 else "rows"
    wanted = {_key(k): v for k, v in indicators.items()}
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def value(line: int, column: str, cell: str, month: str, code: str) -> None:
        cell = cell.strip()
        if cell in MISSING:
            return
        try:
            v, _ = parse_number(cell, ",")
        except ParseError as e:
            problems.append(Problem(label, line, column, cell, f"Wert {e}"))
            return
        out.values.append((month, code, v))

    def check_month(line: int, column: str, cell: str) -> bool:
        if _is_month(cell):
            return True
        problems.append(Problem(label, line, column, cell, "ist kein Monat (erwartet z. B. „Januar 2025“)"))
        return False

    if layout == "columns":
        good_months = {j for j, c in enumerate(header) if j and c and check_month(header_line, c, c)}
        parent = ""
        for line, cells in records:
            if not cells or not cells[0].strip() or not any(c.strip() for c in cells[1:]):
                continue
            row_label = cells[0].strip()
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
                problems.append(Problem(label, line, header[0], row_label,
                                        f"Zeile kommt mehrfach vor (schon in Zeile {seen[matched]}); die Zuordnung "
                                        "in indicators ist nicht eindeutig (für Unterzeilen „Oberzeile > Zeile“ "
                                        "schreiben)"))
                continue
            seen[matched] = line
            for j in sorted(good_months):
                if j < len(cells):
                    value(line, header[j], cells[j], header[j], code)
    else:
        out.labels = [h for h in header[1:] if h]
        columns = {j: wanted[_key(h)] for j, h in enumerate(header) if j and _key(h) in wanted}
        for line, cells in records:
            if not cells or not any(c.strip() for c in cells[1:]):
                continue  # empty lines and footnotes
            if not check_month(line, header[0], cells[0].strip()):
                continue
            for j, code in columns.items():
                if j < len(cells):
                    value(line, header[j], cells[j], cells[0].strip(), code)
    found = {_key(x) for x in out.labels} | {_key(x.rsplit(">", 1)[-1]) for x in out.labels}
    missing = [k for k in indicators if _key(k) not in found]
    if missing and out.values:
        out.notes.append("nicht gefunden: " + ", ".join(missing))
    if problems:
        raise Refused(problems[:100], max(0, len(problems) - 100))
    return out
