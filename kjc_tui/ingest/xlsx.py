"""XLSX into a staging table: openpyxl read-only, rows streamed, every size bounded first.

A workbook is a ZIP of XML. Before openpyxl sees it, its directory is checked (uncompressed
sizes of the sheets and the shared strings, and their sum) and each of those members is
streamed once through a scan for the longest text run between two tags: a single huge cell
(one cell of 1 GB in a 1 MB workbook) or a huge sheet is refused before it is parsed. While
rows stream, the row count is capped too.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kjc_tui.ingest.problem import Note
from kjc_tui.ingest.readers import MAX_FIELD, MAX_HEADER_SCAN, ReadError
from kjc_tui.ingest.staging import CHUNK, HeaderScore, Source, Staged, stage_rows

#: uncompressed bytes of one sheet or of the shared strings (1M rows × 20 columns fit)
MAX_PART = 512 << 20
#: uncompressed bytes of all XML parts together
MAX_UNPACKED = 1 << 30
#: rows of one sheet (Excel's own limit)
MAX_ROWS = 1_048_576
#: bytes of text in one cell (a field of MAX_FIELD characters, each up to 4 bytes in UTF-8)
MAX_CELL_BYTES = 4 * MAX_FIELD


def _sheet_size(ws: Any) -> None:
    """openpyxl's read-only sheet size, from the `<dimension>` element that comes before `<sheetData>`.

    openpyxl looks for it until the *end* of `<sheetData>`, i.e. parses a whole sheet without one
    (openpyxl's own write-only mode writes none) each time a workbook is opened; here the look
    stops where the data starts. Without a dimension the sheet is read to its end as before.
    """
    from xml.etree.ElementTree import iterparse

    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.constants import SHEET_MAIN_NS

    src = ws._get_source()
    try:
        for _event, element in iterparse(src, events=("start",)):
            if element.tag == f"{{{SHEET_MAIN_NS}}}dimension" and element.get("ref"):
                ws._min_column, ws._min_row, ws._max_column, ws._max_row = \
                    SheetDimension(ref=element.get("ref")).boundaries
                return
            if element.tag == f"{{{SHEET_MAIN_NS}}}sheetData":
                return
    finally:
        src.close()


def open_workbook(handle: Any) -> Any:
    """A workbook opened read-only with values (not formulas); see `_sheet_size`."""
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    ReadOnlyWorksheet._get_size = _sheet_size
    return load_workbook(handle, read_only=True, data_only=True)


def _mb(n: int) -> int:
    """Bytes as whole megabytes (the messages say "MB")."""
    return round(n / (1 << 20))


def check_zip(zf: zipfile.ZipFile) -> None:
    """Refuse a workbook whose parts unpack to more than the bounds (sizes from the ZIP directory),
    or one of whose cells is longer than a field may be (found by streaming each part once)."""
    parts = [i for i in zf.infolist() if i.filename.endswith(".xml")]
    total = sum(i.file_size for i in parts)
    if total > MAX_UNPACKED:
        raise ReadError("xlsx_too_large", size=_mb(total), limit=_mb(MAX_UNPACKED))
    for info in parts:
        if info.file_size > MAX_PART:
            raise ReadError("xlsx_part_too_large", part=info.filename, size=_mb(info.file_size), limit=_mb(MAX_PART))
    for info in parts:
        if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
            _scan_part(zf, info)


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Stream one part: never more than MAX_PART bytes (the directory may lie), no text run over a cell's bound."""
    run = 0
    seen = 0
    with zf.open(info) as f:
        while chunk := f.read(CHUNK):
            seen += len(chunk)
            if seen > MAX_PART:
                raise ReadError("xlsx_part_lies", part=info.filename, limit=_mb(MAX_PART))
            pieces = chunk.split(b"<")   # text between two tags: a cell's value (or a tag)
            run += len(pieces[0])
            longest = max([run, *(len(p) for p in pieces[1:])])
            if len(pieces) > 1:
                run = len(pieces[-1])
            if longest > MAX_CELL_BYTES:
                raise ReadError("cell_too_long", max=MAX_FIELD, part=info.filename)


def stage_xlsx(con: Any, src: Source, is_header: HeaderScore, relation: str, workdir: Path | None,
               numeric: Callable[[list[str]], list[Any]] | None = None) -> Staged:
    """A broken workbook can fail anywhere inside openpyxl (zlib, XML, zip), also while rows stream."""
    try:
        return _stage(con, src, is_header, relation, workdir, numeric)
    except ReadError:
        raise
    except Exception as e:  # noqa: BLE001 - hostile input: any parser error is "not a valid file"
        raise ReadError("bad_xlsx", detail=type(e).__name__) from None


def _stage(con: Any, src: Source, is_header: HeaderScore, relation: str, workdir: Path | None,
           numeric: Callable[[list[str]], list[Any]] | None) -> Staged:
    with src.open() as f:
        handle: Any = f if src.path is not None else io.BytesIO(src.data or b"")
        try:
            zf = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError) as e:
            raise ReadError("bad_xlsx", detail=type(e).__name__) from None
        check_zip(zf)
        handle.seek(0)
        try:
            wb = open_workbook(handle)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as e:
            raise ReadError("bad_xlsx", detail=type(e).__name__) from None
        try:
            for ws in wb.worksheets:
                it = ws.iter_rows(values_only=True)
                found = _header(it, is_header)
                if found is None:
                    continue
                hline, header = found
                kinds = numeric(header) if numeric else None
                stage_rows(con, header, _rows(it, hline, len(header)), relation, workdir, kinds, ",")
                notes = [Note("note.sheet", {"sheet": repr(ws.title)})] if len(wb.worksheets) > 1 else []
                return Staged(src.name, "xlsx", header, relation, header_line=hline, decimal=",", notes=notes,
                              has_line=True)
        finally:
            wb.close()
    raise ReadError("no_sheet_header", 1)


def _header(it: Iterator[tuple[Any, ...]], is_header: HeaderScore) -> tuple[int, list[str]] | None:
    for i, values in enumerate(it, start=1):
        if i > MAX_HEADER_SCAN:
            return None
        strs = [str("" if c is None else c).strip() for c in values]
        if is_header(strs) >= 2:
            while strs and not strs[-1]:
                strs.pop()
            return i, strs
    return None


def _rows(it: Iterator[tuple[Any, ...]], hline: int, ncols: int) -> Iterator[tuple[int, list[Any]]]:
    for i, values in enumerate(it, start=hline + 1):
        if i > MAX_ROWS:
            raise ReadError("too_many_rows", i, max=MAX_ROWS)
        cells = list(values[:ncols])
        if not any(str("" if c is None else c).strip() for c in cells):
            continue
        yield i, cells
