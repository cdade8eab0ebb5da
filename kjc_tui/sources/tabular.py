"""Rename a downloaded table's headers to ours and write it back for the normal ingest.

A source's bytes are read with the ingest readers (so CSV dialects, encodings, metadata
lines, XLSX sheets work exactly as for `kjc-tui load`), the headers are renamed by the
source's column mapping, rows may be filtered and constant columns added, and the table
is written back in a form the readers read with the same meaning:

* CSV stays CSV with a delimiter that implies the same decimal separator, and every row
  stays on its original line number, so messages point at the line in the source;
* XLSX stays XLSX with every row on its original row number;
* JSON and Parquet become JSON (both are read with "." decimals and numbered records).

The result goes to `snapshot.load` as a `ReadFile`, where all the usual validation applies.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from kjc_tui.ingest import ReadFile, Refused, refused_read
from kjc_tui.ingest.readers import RawTable, ReadError, read_bytes
from kjc_tui.ingest.validate import header_score
from kjc_tui.core.schema import normalise_header

_DELIMITER_FOR_DECIMAL = {",": ";", ".": ",", None: "\t"}


def renamer(mapping: Mapping[str, str]) -> Callable[[str], str]:
    """Header cell -> our column name by the mapping (matched case- and umlaut-insensitively)."""
    folded = {normalise_header(k): v for k, v in mapping.items()}

    def rename(cell: str) -> str:
        c = str(cell).strip()
        return mapping.get(c) or folded.get(normalise_header(c)) or c
    return rename


def read_mapped(data: bytes, label: str, mapping: Mapping[str, str], fmt: str = "auto",
                url: str = "", file_headers: dict[str, str] | None = None) -> RawTable:
    """Read bytes (CSV/XLSX/JSON/Parquet) and rename the header; refuses what cannot be read.

    `file_headers`, if given, receives {our column: the file's header} for each renamed column.
    """
    rename = renamer(mapping)
    name = f"quelle.{fmt}" if fmt != "auto" else (PurePosixPath(urlsplit(url).path).name or "quelle")
    try:
        raw = read_bytes(data, name, lambda cells: header_score([rename(c) for c in cells]))
    except ReadError as e:
        raise refused_read(e, label) from None
    renamed = [rename(h) for h in raw.header]
    if file_headers is not None:
        file_headers.update({new: str(old).strip() for old, new in zip(raw.header, renamed) if new != old})
    raw.header = renamed
    raw.name = label
    return raw


def with_file_headers(error: Refused, file_headers: Mapping[str, Mapping[str, str]]) -> Refused:
    """The refusal with each problem naming the column as the source's file calls it ("Köpfe"), not as
    the `columns` mapping renamed it ("headcount") – as `kjc-tui load` names a file's own headers."""
    for p in error.problems:
        names = file_headers.get(p.file) if isinstance(p.file, str) else None
        if names and isinstance(p.column, str):
            p.column = ", ".join(names.get(c, c) for c in p.column.split(", "))
    return Refused(error.problems)


def add_constant(raw: RawTable, column: str, value: Any) -> None:
    raw.header.append(column)
    for _, cells in raw.rows:
        cells.append(value)


def to_readfile(raw: RawTable) -> ReadFile:
    """Write the table back in its own kind of format (see module doc) as a ReadFile named `raw.name`."""
    if raw.format == "csv":
        data = _csv(raw)
    elif raw.format == "xlsx":
        data = _xlsx(raw)
    else:
        data = _json(raw)
    return ReadFile(raw.name, data)


def _csv(raw: RawTable) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, delimiter=_DELIMITER_FOR_DECIMAL.get(raw.decimal, "\t"), lineterminator="\n")
    header_line = max(1, raw.header_line)
    out.write("\n" * (header_line - 1))
    w.writerow(raw.header)
    line = header_line + 1 + sum(str(h).count("\n") for h in raw.header)
    for row_line, cells in raw.rows:
        if row_line > line:
            out.write("\n" * (row_line - line))
            line = row_line
        w.writerow(["" if c is None else c for c in cells])
        line += 1 + sum(str(c).count("\n") for c in cells)
    return out.getvalue().encode("utf-8")


def _xlsx(raw: RawTable) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Daten")
    for _ in range(max(1, raw.header_line) - 1):
        ws.append([])
    ws.append(raw.header)
    line = max(1, raw.header_line) + 1
    for row_line, cells in raw.rows:
        while line < row_line:
            ws.append([])
            line += 1
        ws.append([None if c == "" else c for c in cells])
        line += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _plain(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, bytes):
        return v.decode("utf-8", errors="replace")
    return None if v == "" else v


def _json(raw: RawTable) -> bytes:
    records = [{h: _plain(c) for h, c in zip(raw.header, cells)} for _, cells in raw.rows]
    return json.dumps(records, ensure_ascii=False, default=str).encode("utf-8")
