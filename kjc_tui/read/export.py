"""Export a table, a browsed view or a query to CSV, German-Excel CSV, Parquet, JSON or XLSX.

CSV, Parquet and JSON are written by DuckDB's COPY (the target path is a bound parameter);
the German-Excel CSV is the same COPY of a query that spells numbers with a decimal comma
and dates as TT.MM.JJJJ (as `fmt.excel` does), with ';', CRLF and a UTF-8 BOM put in
front.  It is the package's one German-Excel CSV writer: rows computed in Python (the
comparison table) go through it too (:func:`export_rows`).  XLSX is written
with openpyxl's write-only workbook.  Every export goes to a temporary file beside the
target first and is renamed over it only when complete.  No Textual here.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import threading
from pathlib import Path
from datetime import date, datetime
from typing import Any, Callable, Sequence

import duckdb

from kjc_tui.read.browse import Browser, Spec, column_kind, source_for
from kjc_tui.core.schema import quote_ident
from kjc_tui.db.store import Store, StoreError, attach_read_only

Progress = Callable[[float], None]

FORMATS = {".csv": "csv", ".parquet": "parquet", ".json": "json", ".jsonl": "jsonl", ".xlsx": "xlsx"}
#: rows an XLSX sheet can hold below its header
XLSX_MAX_ROWS = 1_048_575
BOM = "\ufeff".encode("utf-8")


class ExportError(StoreError):
    """An export that cannot be done (codes worded by the UI and the CLI as "export.err.CODE")."""

    prefix = "export.err."


def format_for(path: Path, fmt: str | None = None) -> str:
    if fmt:
        if fmt not in set(FORMATS.values()):
            raise ExportError("format", format=fmt)
        return fmt
    f = FORMATS.get(path.suffix.lower())
    if f is None:
        raise ExportError("ending", ending=path.suffix)
    return f


def temp_path(path: Path) -> Path:
    """Where an export to `path` is written before the rename."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def export_query(cursor: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any], path: Path | str,
                 fmt: str | None = None, german_excel: bool = False, progress: Progress | None = None,
                 note: str | None = None) -> int:
    """Write the result of `sql` to `path`; returns the number of rows.  A German-Excel CSV
    may start with a `note` line above the header (synthetic data)."""
    path = Path(path)
    fmt = format_for(path, fmt)
    if german_excel and fmt != "csv":
        raise ExportError("excel_csv")
    if not path.parent.is_dir():
        raise ExportError("no_directory", directory=str(path.parent))
    tmp = temp_path(path)
    params = list(params)
    try:
        if fmt == "xlsx":
            n = _write_xlsx(cursor, sql, params, tmp, progress)
        else:
            if german_excel:
                sql = _german_select(cursor, sql, params)
            options = {
                "csv": "FORMAT csv, HEADER true" + (", DELIMITER ';', NEW_LINE '\\r\\n'" if german_excel else ""),
                "parquet": "FORMAT parquet",
                "json": "FORMAT json, ARRAY true",
                "jsonl": "FORMAT json",
            }[fmt]
            n = _copy(cursor, f"COPY ({sql}) TO ? ({options})", [*params, str(tmp)], progress)
            if german_excel:
                _prepend_bom(tmp, note)
        os.replace(tmp, path)
    except duckdb.Error as e:
        raise ExportError("failed", detail=str(e).splitlines()[0]) from None
    finally:
        tmp.unlink(missing_ok=True)
    if progress:
        progress(1.0)
    return n


def _copy(cursor: duckdb.DuckDBPyConnection, sql: str, params: list[Any], progress: Progress | None) -> int:
    """Run a COPY, reporting DuckDB's query progress from a second thread."""
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.2):
            try:
                p = cursor.query_progress()
            except duckdb.Error:
                return
            if progress and p is not None and p >= 0:
                progress(min(p / 100.0, 0.99))

    watcher = threading.Thread(target=poll, daemon=True) if progress else None
    if watcher:
        try:
            cursor.execute("SET enable_progress_bar = true")
            cursor.execute("SET enable_progress_bar_print = false")
        except duckdb.Error:
            pass
        watcher.start()
    try:
        row = cursor.execute(sql, params).fetchone()
    finally:
        done.set()
        if watcher:
            watcher.join()
    return int(row[0]) if row else 0


def _columns(cursor: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[tuple[str, str]]:
    return [(r[0], str(r[1])) for r in cursor.execute(f"DESCRIBE {sql}", params).fetchall()]


def _german_select(cursor: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> str:
    """The query with numbers as '1234,5' and dates as '22.02.2024' (column names checked)."""
    out = []
    for name, type_ in _columns(cursor, sql, params):
        q = quote_ident(name)
        kind, t = column_kind(type_), type_.upper()
        if kind == "number" and "INT" not in t:
            # all digits, decimal comma, no ",0" on whole numbers: as fmt.excel spells them
            out.append(f"regexp_replace(replace(CAST({q} AS VARCHAR), '.', ','), ',0$', '') AS {q}")
        elif kind == "date":
            out.append(f"strftime({q}, '%d.%m.%Y') AS {q}")
        elif kind == "timestamp" and "TIME ZONE" not in t:
            out.append(f"strftime({q}, '%d.%m.%Y %H:%M:%S') AS {q}")
        elif kind == "bool":
            out.append(f"CASE WHEN {q} THEN 'WAHR' WHEN NOT {q} THEN 'FALSCH' END AS {q}")
        else:
            out.append(q)
    return f"SELECT {', '.join(out)} FROM ({sql}) AS q"


def _prepend_bom(path: Path, note: str | None = None) -> None:
    with_bom = path.with_name(path.name + ".bom")
    try:
        with open(path, "rb") as src, open(with_bom, "wb") as dst:
            dst.write(BOM)
            if note:
                line = io.StringIO()
                csv.writer(line, delimiter=";", lineterminator="\r\n").writerow([note])
                dst.write(line.getvalue().encode("utf-8"))
            shutil.copyfileobj(src, dst, 1 << 20)
        os.replace(with_bom, path)
    finally:
        with_bom.unlink(missing_ok=True)


def _write_xlsx(cursor: duckdb.DuckDBPyConnection, sql: str, params: list[Any], tmp: Path,
                progress: Progress | None) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    total = int((cursor.execute(f"SELECT count(*) FROM ({sql}) AS q", params).fetchone() or (0,))[0])
    if total > XLSX_MAX_ROWS:
        raise ExportError("xlsx_rows", rows=total, most=XLSX_MAX_ROWS)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Daten")
    res = cursor.execute(sql, params)
    names = [d[0] for d in res.description]
    bold = Font(bold=True)
    header = []
    for name in names:
        c = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", name))
        c.font = bold
        header.append(c)
    ws.append(header)
    n = 0
    while batch := res.fetchmany(10_000):
        for row in batch:
            ws.append([_xlsx_cell(ws, v, WriteOnlyCell, ILLEGAL_CHARACTERS_RE) for v in row])
        n += len(batch)
        if progress and total:
            progress(min(n / total, 0.99))
    wb.save(tmp)
    return n


def _xlsx_cell(ws: Any, v: Any, cell_type: Any, illegal: Any) -> Any:
    """A value as Excel takes it: text is always text (never a formula), no control characters."""
    from datetime import datetime
    from decimal import Decimal

    if v is None or isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, datetime):
        return v.replace(tzinfo=None) if v.tzinfo else v
    if hasattr(v, "isoformat") and not isinstance(v, str):
        return v
    text = illegal.sub("", str(v))
    cell = cell_type(ws, value=text)
    cell.data_type = "s"
    return cell


def _sql_type(values: Sequence[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "BOOLEAN"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "BIGINT"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "DOUBLE"
    if present and all(isinstance(v, date) and not isinstance(v, datetime) for v in present):
        return "DATE"
    return "VARCHAR"


def export_rows(header: Sequence[str], rows: Sequence[Sequence[Any]], path: Path | str, *,
                note: str | None = None) -> int:
    """Rows computed in Python (the comparison table) as a German-Excel CSV, written by the
    same COPY as every other export: each column typed by its values, so numbers and dates
    get the German spelling; an empty text is written as an empty cell."""
    columns = list(zip(*rows)) if rows else [() for _ in header]
    types = [_sql_type(col) for col in columns]
    con = duckdb.connect(":memory:")
    try:
        con.execute("CREATE TABLE t (" + ", ".join(f"{quote_ident(f'c{i}')} {ty}" for i, ty in enumerate(types)) + ")")
        if rows:
            # an empty text is an empty cell, not the quoted "" COPY writes to tell it from null
            cast = [[None if v is None or v == "" else (v if ty != "VARCHAR" else str(v)) for v, ty in zip(r, types)]
                    for r in rows]
            con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(types))})", cast)
        select = ", ".join(f"{quote_ident(f'c{i}')} AS {quote_ident(name)}" for i, name in enumerate(header))
        return export_query(con.cursor(), f"SELECT {select} FROM t", [], path, "csv", german_excel=True, note=note)
    finally:
        con.close()


# -- views and tables -----------------------------------------------------------------------


def export_cursor(browser: Browser, path: Path) -> duckdb.DuckDBPyConnection:
    """A cursor for exporting the view: the store's, or for user SQL a sandbox that may
    write only the export's temporary file."""
    if not browser.spec.source.sandboxed:
        return browser.store.cursor()
    tmp = temp_path(path)
    con = attach_read_only(browser.store.path)
    con.execute("SET allowed_paths = ?", [[str(tmp), str(tmp) + ".bom"]])
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def export_view(browser: Browser, path: Path | str, *, fmt: str | None = None, german_excel: bool = False,
                progress: Progress | None = None) -> int:
    """Export a browsed view as it is shown: its filters, its sort, without hidden columns."""
    path = Path(path)
    sql, params = browser.export_sql()
    cur = export_cursor(browser, path)
    try:
        return export_query(cur, sql, params, path, fmt, german_excel, progress)
    finally:
        cur.close()


def export_table(store: Store, table: str, path: Path | str, *, fmt: str | None = None,
                 german_excel: bool = False, progress: Progress | None = None) -> int:
    """Export a whole table or view (by name or label) — `kjc-tui export TABELLE -o DATEI`.
    An unknown name raises `BrowseError` ("no_relation"), worded by the caller."""
    browser = Browser(store, Spec(source_for(store, table)))
    try:
        return export_view(browser, path, fmt=fmt, german_excel=german_excel, progress=progress)
    finally:
        browser.close()
