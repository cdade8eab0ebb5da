"""Read a file into a staging table of text columns, in bounded memory.

* CSV: DuckDB's `read_csv` reads the file (UTF-8; other encodings are transcoded to a UTF-8
  temporary in one streaming pass first). Its rows are numbered by the table's rowid (DuckDB
  keeps the file's order); the line of a row as the user counts it is worked out only for rows
  that are reported (`Staged.lines`).
* XLSX (openpyxl read-only), JSON (the Python reader, which names duplicate keys and nesting):
  their rows stream into a canonical CSV temporary with a `_line` column, which DuckDB reads
  (`stage_rows`, also the entry point for converters of publisher layouts).
* Parquet: DuckDB reads it directly, every column cast to text.

The staging table has columns ``c0 … cN`` (VARCHAR, one per header cell) and, for row-fed
formats, ``_line``. Nothing here knows the schema except through `is_header`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from kjc_tui.ingest.readers import (
    _CODE_PAGES, _UTF8_LATIN, MAX_FIELD, MAX_HEADER_SCAN, ReadError, _find_header, _looks_utf32,
    _one_byte, _read_json, encoding_note, footer_note, sniff_format,
)
from kjc_tui.ingest.problem import Note, Reason

CHUNK = 1 << 20
#: bytes of a text file looked at to choose its code page
SAMPLE = 4 << 20
HeaderScore = Callable[[list[str]], int]


@dataclass
class Source:
    """Where a file's bytes are: a path on disk or bytes in memory (what sources downloaded)."""

    name: str
    data: bytes | None = None
    path: Path | None = None
    #: csv, xlsx, json or parquet when known; else sniffed from content and name
    format: str | None = None

    @contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        if self.data is not None:
            yield io.BytesIO(self.data)
        else:
            assert self.path is not None
            with open(self.path, "rb") as f:
                yield f

    def head(self, n: int = 8192) -> bytes:
        with self.open() as f:
            return f.read(n)

    def size(self) -> int:
        return len(self.data) if self.data is not None else os.path.getsize(self.path or "")


@dataclass
class Staged:
    """A file read into `relation` (columns c0…cN as text, `_line` for row-fed formats)."""

    name: str
    format: str
    header: list[str]
    relation: str
    header_line: int = 1
    decimal: str | None = ","
    row_label: str = "line"
    notes: list[Note] = field(default_factory=list)
    has_line: bool = False
    #: ordinals (rowid) -> the line as the user counts it; only asked for reported rows
    lines: Callable[[list[int]], dict[int, int]] = lambda rs: {r: r + 1 for r in rs}
    #: rows with too few or too many fields: (line, reason), reported beside the other problems
    ragged: list[tuple[int, Reason]] = field(default_factory=list)
    #: a broken quote or an over-long line: the file cannot be read past it (line, reason)
    broken: tuple[int, Reason] | None = None
    temporaries: list[Path] = field(default_factory=list)
    #: columns DuckDB's reader typed itself (header position -> DOUBLE or DATE); the others are text
    types: dict[int, str] = field(default_factory=dict)

    def discard(self) -> None:
        for p in self.temporaries:
            try:
                p.unlink()
            except FileNotFoundError:
                pass


def _temp(workdir: Path | None, suffix: str) -> Path:
    fd, name = tempfile.mkstemp(suffix=suffix, dir=workdir, prefix=(workdir.name + ".") if workdir else "kjc-")
    os.close(fd)
    return Path(name)


def _workfile(workdir: Path | None, suffix: str) -> Path:
    """A temporary beside the new snapshot (a killed load's is removed by the next), else in the temp dir."""
    if workdir is None:
        return _temp(None, suffix)
    fd, name = tempfile.mkstemp(suffix=suffix, dir=workdir.parent, prefix=workdir.name + ".")
    os.close(fd)
    return Path(name)


def is_empty(src: Source) -> bool:
    """Nothing, white space, or a byte order mark only."""
    if src.size() > 64 * 1024:
        return False
    with src.open() as f:
        data = f.read()
    return data.strip() in (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


# -- encodings -------------------------------------------------------------------------------


def _line_at(src: Source, offset: int) -> int:
    """The line (1-based) of byte `offset`."""
    with src.open() as f:
        return _count_newlines(f, offset) + 1


def _first_bad_utf8(src: Source, skip: int = 0) -> int | None:
    """Offset of the first byte that is not UTF-8, or None when the whole file is."""
    dec = codecs.getincrementaldecoder("utf-8")("strict")
    pos = 0
    with src.open() as f:
        f.read(skip)
        pos = skip
        while True:
            chunk = f.read(CHUNK)
            try:
                dec.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                return pos + e.start - len(dec.getstate()[0]) if e.start >= 0 else pos
            if not chunk:
                return None
            pos += len(chunk)


def _has_utf8_latin(src: Source) -> bool:
    tail = b""
    with src.open() as f:
        while chunk := f.read(CHUNK):
            if _UTF8_LATIN.search(tail + chunk):
                return True
            tail = chunk[-2:]
    return False


def _transcode(src: Source, encoding: str, workdir: Path | None, skip: int = 0) -> Path:
    """`src` decoded as `encoding`, written as UTF-8 in one streaming pass."""
    out = _workfile(workdir, ".utf8.csv")
    dec = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with src.open() as f, open(out, "w", encoding="utf-8", newline="") as w:
            f.read(skip)
            while True:
                chunk = f.read(CHUNK)
                w.write(dec.decode(chunk, final=not chunk))
                if not chunk:
                    break
    except BaseException:   # not this encoding after all, or the disk is full: no temporary left behind
        out.unlink(missing_ok=True)
        raise
    return out


def utf8_file(src: Source, workdir: Path | None) -> tuple[Path, str, bool]:
    """A UTF-8 file with the text of `src`: (path, encoding found, whether the path is a temporary).

    The same decisions as `readers.decode_text`, made on the head of the file and, for code
    pages, on a sample of its first megabytes, so that memory does not grow with the file.
    """
    head = src.head()
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _looks_utf32(head):
        raise ReadError("utf32")
    if head.startswith(b"\xef\xbb\xbf"):
        bad = _first_bad_utf8(src, 3)
        if bad is not None:
            with src.open() as f:
                f.seek(bad)
                byte = f.read(1)[0]
            raise ReadError("bad_utf8_with_bom", _line_at(src, bad), byte=f"{byte:02X}")
        path, temporary = _as_file(src, workdir)
        return path, "utf-8-sig", temporary
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _transcode(src, "utf-16", workdir), "utf-16", True
        except UnicodeDecodeError:
            raise ReadError("bad_utf16_with_bom") from None
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        enc = ("utf-16-le" if odd.count(0) >= 0.7 * len(odd) and even.count(0) <= 0.05 * len(even) else
               "utf-16-be" if even.count(0) >= 0.7 * len(even) and odd.count(0) <= 0.05 * len(odd) else None)
        if enc is None or src.size() % 2:
            raise ReadError("binary")
        try:
            return _transcode(src, enc, workdir), enc, True
        except UnicodeDecodeError:
            raise ReadError("binary") from None
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\x0c\x1b")
    if controls > max(8, 0.05 * len(head)):
        raise ReadError("binary")
    bad = _first_bad_utf8(src)
    if bad is None:
        path, temporary = _as_file(src, workdir)
        return path, "utf-8", temporary
    if _has_utf8_latin(src):
        with src.open() as f:
            f.seek(bad)
            byte = f.read(1)[0]
        raise ReadError("mixed_encodings", _line_at(src, bad), byte=f"{byte:02X}")
    with src.open() as f:
        sample = f.read(SAMPLE)
    _, enc = _one_byte(sample)
    try:
        return _transcode(src, enc, workdir), enc, True
    except UnicodeDecodeError:   # a byte Windows-1252 leaves unassigned past the sample
        return _transcode(src, "latin-1", workdir), "latin-1", True


def _as_file(src: Source, workdir: Path | None) -> tuple[Path, bool]:
    if src.path is not None:
        return src.path, False
    out = _workfile(workdir, ".csv")
    out.write_bytes(src.data or b"")
    return out, True


# -- CSV -----------------------------------------------------------------------------------------


def _head_text(path: Path, lines: int = MAX_HEADER_SCAN) -> str:
    """The first lines of a UTF-8 file (a line longer than 1 MB is cut)."""
    out: list[str] = []
    with open(path, encoding="utf-8", newline="") as f:
        for _ in range(lines):
            line = f.readline(CHUNK)
            if not line:
                break
            out.append(line)
    return "".join(out).lstrip("\ufeff")


def _physical_lines(text: str) -> list[str]:
    """Lines as CSV readers count them: split at CRLF, LF and CR only."""
    return re.split(r"\r\n|\r|\n", text)


def _count_lines(path: Path) -> int:
    """Physical lines of a file (a last line without line break counts)."""
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


#: an underscore between two digits; starting at the "_" lets the regex engine skip to each one
_DIGIT_UNDERSCORE = re.compile(rb"_(?<=[0-9]_)[0-9]")


def _digit_underscore(path: Path) -> bool:
    """Whether the file has an underscore between two digits anywhere ("1_000").

    DuckDB's number reader takes such a number (as Python's float() does); the rules refuse it,
    so a file with one is not read with typed number columns.
    """
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            if _DIGIT_UNDERSCORE.search(tail + chunk):
                return True
            tail = chunk[-2:]
    return False


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


#: for a header, the columns to read typed (position -> DOUBLE or DATE); see `_stage_typed`
TypedColumns = Callable[[list[str]], dict[int, str]]


def stage_csv(con: Any, src: Source, is_header: HeaderScore, relation: str, workdir: Path | None,
              typed: TypedColumns | None = None) -> Staged:
    path, encoding, temporary = utf8_file(src, workdir)
    temps = [path] if temporary else []
    try:
        return _stage_csv_utf8(con, src, path, encoding, is_header, relation, temps, typed)
    except BaseException:
        for p in temps:
            p.unlink(missing_ok=True)
        raise


def _stage_csv_utf8(con: Any, src: Source, path: Path, encoding: str, is_header: HeaderScore, relation: str,
                    temps: list[Path], typed: TypedColumns | None = None) -> Staged:
    head = _head_text(path)
    if "\r" not in head and "\n" not in head and path.stat().st_size > CHUNK:
        raise ReadError("field_too_long", 1, max=MAX_FIELD)
    # _find_header splits lines itself; give it the physical lines only
    lines = _physical_lines(head)
    delim, hidx, header = _find_header("\n".join(lines), is_header)
    ncols = len(header)
    decimal = "," if delim == ";" else ("." if delim == "," else None)
    staged = Staged(src.name, "csv", [c.strip() for c in header], relation, header_line=hidx + 1, decimal=decimal,
                    notes=encoding_note(encoding), temporaries=temps)
    types = typed(staged.header) if typed is not None and decimal is not None else {}
    if types and _stage_typed(con, path, staged, delim, types, lines[hidx + 1:hidx + 2]):
        return staged
    cols = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols)) + "}"
    rej, scan = f"{relation}_rej", f"{relation}_scan"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {relation}_t AS SELECT * "
        f"FROM read_csv({_sql_str(str(path))}, delim={_sql_str(delim)}, quote='\"', escape='\"', header=false, skip={hidx + 1}, columns={cols}, "
        "auto_detect=false, strict_mode=true, ignore_errors=true, store_rejects=true, "
        f"rejects_table='{rej}', rejects_scan='{scan}', max_line_size={4 * MAX_FIELD + 16}, "
        "encoding='utf-8')")   # no buffer_size: DuckDB 2.0 loses rows at buffer boundaries with one set
    number_rows(con, relation)
    rejects = con.execute(
        f"SELECT DISTINCT line_byte_position, error_type, csv_line FROM {rej} ORDER BY 1").fetchall()
    con.execute(f"DROP TABLE IF EXISTS {rej}")
    con.execute(f"DROP TABLE IF EXISTS {scan}")
    n = con.execute(f"SELECT count(*) FROM {relation}_t").fetchone()[0]
    header_line = hidx + 1
    ragged, broken, footers = _rejects(path, rejects, delim, ncols)
    _set_lines(staged, path, delim, n, not rejects)
    if footers:   # one cell, no separator: below the data a footer ("© Statistik der BA"), else a short row
        last = staged.lines([n - 1]).get(n - 1, header_line) if n else header_line
        for line, text in footers:
            if line > last:
                staged.notes.append(footer_note(line, text))
            else:
                ragged.append((line, _field_count_reason(1, ncols)))
    staged.ragged = sorted(ragged, key=lambda r: r[0])   # by line (a Reason has no order)
    staged.broken = broken[0] if broken else None
    return staged


def _set_lines(staged: Staged, path: Path, delim: str, rows: int, none_rejected: bool) -> None:
    """How a row's ordinal becomes its line: counted on when every line is a row, else by reading again.

    Decided when a line is first asked for (a file that passes never is).
    """
    header_line, ncols = staged.header_line, len(staged.header)
    one_per_line: list[bool] = []

    def lines(rs: list[int]) -> dict[int, int]:
        if not one_per_line:
            one_per_line.append(none_rejected and _count_lines(path) - header_line == rows)
        if one_per_line[0]:
            return {r: header_line + 1 + r for r in rs}   # one line per row, none skipped
        return _record_lines(path, delim, header_line, ncols, rs)
    staged.lines = lines


#: reads of a file with typed columns before it is staged as text (each failed one names a column to read as text)
_TYPED_ATTEMPTS = 3


def _stage_typed(con: Any, path: Path, staged: Staged, delim: str, types: dict[int, str], first: list[str]) -> bool:
    """The file read by DuckDB with its number and date columns typed (the fast path); False if it cannot be.

    Numbers are read with the file's decimal separator and no thousands separator, dates in the
    spelling of the first data row (22.02.2024 or 2024-02-22). A column with a cell DuckDB cannot
    read so is read as text (the rules convert it; up to `_TYPED_ATTEMPTS` reads); a row with too
    few or too many fields sends the file to the text staging, where every rule runs and the
    messages name each place. What DuckDB reads differently from the rules
    is kept out: an underscore between digits here, non-finite numbers and years before 1000 in
    `rules.convert` (which then asks for the text path). Only outside a transaction: a refused
    read would abort it.
    """
    import duckdb

    iso = bool(first) and bool(re.search(r"(^|[;,\t|])\s*\"?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", first[0]))
    if any(t == "DOUBLE" for t in types.values()) and _digit_underscore(path):
        types = {i: t for i, t in types.items() if t != "DOUBLE"}
    if not types:
        return False
    for _attempt in range(_TYPED_ATTEMPTS):
        cols = "{" + ", ".join(f"'c{i}': '{types.get(i, 'VARCHAR')}'" for i in range(len(staged.header))) + "}"
        try:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {staged.relation}_t AS SELECT * FROM read_csv({_sql_str(str(path))}, "
                f"delim={_sql_str(delim)}, quote='\"', escape='\"', header=false, skip={staged.header_line}, "
                f"columns={cols}, auto_detect=false, strict_mode=true, max_line_size={4 * MAX_FIELD + 16}, "
                f"decimal_separator={_sql_str(staged.decimal or '.')}, "
                f"dateformat='{'%Y-%m-%d' if iso else '%d.%m.%Y'}', encoding='utf-8')")
            break
        except duckdb.ConversionException as e:   # that column as text (DuckDB names the first one it met)
            failed = re.search(r'converting column "c([0-9]+)"', str(e))
            types = {i: t for i, t in types.items() if failed is None or i != int(failed.group(1))}
            if failed is None or not types:
                return False
        except duckdb.Error:   # not a cell: the structure (ragged rows, quotes), which the text staging reports
            return False
    else:
        return False
    number_rows(con, staged.relation)
    n = con.execute(f"SELECT count(*) FROM {staged.relation}_t").fetchone()[0]
    _set_lines(staged, path, delim, n, True)
    staged.types = types
    return True


def number_rows(con: Any, relation: str) -> None:
    """`relation`: a view of `<relation>_t` with `_r`, each row's position in the file (0, 1, …).

    The table was written in the file's order (DuckDB keeps insertion order), so its rowids are
    that order; inside a transaction they start at an offset, hence the minimum. (A window's
    row_number() over a parallel scan does not promise the file's order.)
    """
    first = con.execute(f"SELECT min(rowid) FROM {relation}_t").fetchone()[0] or 0
    con.execute(f"CREATE OR REPLACE TEMP VIEW {relation} AS SELECT rowid - {int(first)} AS _r, * FROM {relation}_t")


def _field_count_reason(n: int, ncols: int) -> Reason:
    return Reason("too_many_fields" if n > ncols else "too_few_fields", {"n": n, "header": ncols})


def _rejects(path: Path, rejects: list[tuple[int, str, str]], delim: str, ncols: int
             ) -> tuple[list[tuple[int, Reason]], list[tuple[int, Reason]], list[tuple[int, str]]]:
    """DuckDB's rejected lines as (line, reason): ragged rows, the first unreadable one, and footers apart."""
    if not rejects:
        return [], [], []
    broken: list[tuple[int, Reason]] = []
    ragged: list[tuple[int, Reason]] = []
    footers: list[tuple[int, str]] = []
    data_lines = _locate(path, [(pos, text) for pos, _, text in rejects])
    for (_pos, kind, text), line in zip(rejects, data_lines):
        body = text.lstrip("\r\n")
        if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
            first = _physical_lines(body)[0]
            if not re.sub(rf"[{re.escape(delim)}\s]", "", body):
                continue   # a line of separators only: an empty row, as Excel writes it
            try:
                cells = next(csv.reader([first], delimiter=delim))
            except (csv.Error, StopIteration):
                cells = first.split(delim)
            if len(cells) == 1 and not any(d in body for d in ",\t|;"):
                footers.append((line, body))
                continue
            ragged.append((line, _field_count_reason(len(cells), ncols)))
        elif kind == "LINE SIZE OVER MAXIMUM":
            broken.append((line, Reason("field_too_long", {"max": MAX_FIELD})))
        elif kind == "UNQUOTED VALUE" and body.count('"') % 2:
            broken.append((line, Reason("open_quote")))
        elif kind == "UNQUOTED VALUE":
            broken.append((line, Reason("no_separator_after_quote")))
        else:
            broken.append((line, Reason("bad_csv", {"detail": kind.lower()})))
    return ragged, sorted(broken, key=lambda b: b[0])[:1], footers


def _locate(path: Path, rejects: list[tuple[int, str]]) -> list[int]:
    """The line of each rejected record, found by its text near DuckDB's byte position."""
    out = []
    with open(path, "rb") as f:
        for pos, text in rejects:
            body = text.lstrip("\r\n").encode("utf-8")[:200]
            start = max(0, pos - 8)
            f.seek(start)
            window = f.read(len(body) + 16)
            at = window.find(body)
            offset = start + (at if at >= 0 else 0)
            out.append(_count_newlines(f, offset) + 1)
    return out


def _count_newlines(f: IO[bytes], end: int) -> int:
    """The line breaks in the first `end` bytes of `f` (read from its start, in chunks)."""
    f.seek(0)
    n, done = 0, 0
    while done < end:
        chunk = f.read(min(CHUNK, end - done))
        if not chunk:
            break
        n += chunk.count(b"\n")
        done += len(chunk)
    return n


def _record_lines(path: Path, delim: str, header_line: int, ncols: int, wanted: list[int]) -> dict[int, int]:
    """The first line of each wanted record (DuckDB's row ordinal), counted by reading the file again.

    Only for files where rows and lines do not match one to one (empty lines, line breaks inside
    quotes, rejected lines), and only when rows are reported.
    """
    want = set(wanted)
    out: dict[int, int] = {}
    if not want:
        return out
    csv.field_size_limit(4 * MAX_FIELD + 16)
    with open(path, encoding="utf-8", newline="") as f:
        for _ in range(header_line):
            _skip_line(f)
        reader = csv.reader(f, delimiter=delim, quotechar='"', doublequote=True, strict=False)
        start, ordinal = header_line + 1, 0
        try:
            for cells in reader:
                line, start = start, header_line + reader.line_num + 1
                # DuckDB takes a row with empty fields past the last column as a row (Python's csv counts them)
                if len(cells) == ncols or (len(cells) > ncols and not any(cells[ncols:])):
                    if ordinal in want:
                        out[ordinal] = line
                        if len(out) == len(want):
                            break
                    ordinal += 1
        except csv.Error:
            pass
    return out


def _skip_line(f: IO[str]) -> None:
    """Past one physical line (CRLF, LF or CR) of a text file opened with newline=""."""
    while True:
        c = f.read(1)
        if c in ("", "\n"):
            return
        if c == "\r":
            pos = f.tell()
            if f.read(1) != "\n":
                f.seek(pos)
            return


# -- rows from Python readers: XLSX, JSON, canonical tables ------------------------------------


def cell_text(v: Any, numeric: bool = False, decimal: str | None = ",") -> str:
    """A typed cell as the text the SQL rules read with the same meaning.

    Whole floats lose their ".0"; other floats bound for a number column use the file's
    decimal separator; dates and times are ISO (a date column takes the day).
    """
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, datetime):
        return v.date().isoformat() if numeric == "date" else v.isoformat()   # type: ignore[comparison-overlap]
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        text = repr(v)
        return text.replace(".", ",") if numeric and decimal == "," else text
    if isinstance(v, Decimal):
        text = str(v)
        return text.replace(".", ",") if numeric and decimal == "," else text
    return str(v)


def stage_rows(con: Any, header: list[str], rows: Iterable[tuple[int, list[Any]]], relation: str,
               workdir: Path | None, kinds: list[Any] | None = None, decimal: str | None = ",") -> int:
    """Canonical rows (line, cells) into `relation` (c0…cN text, `_line`), streamed through a temporary CSV.

    `kinds[i]` says how typed cells of column i become text (see `cell_text`): False for text,
    True for numbers, "date" for dates. Returns the number of rows.
    """
    ncols = len(header)
    kinds = kinds or [False] * ncols
    out = _workfile(workdir, ".rows.csv")
    n = 0
    try:
        with open(out, "w", encoding="utf-8", newline="") as f:
            # an empty cell is written unquoted: DuckDB reads it as NULL, like an empty CSV field
            w = csv.writer(f, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            for line, cells in rows:
                cells = list(cells[:ncols]) + [None] * (ncols - len(cells))
                w.writerow([line, *(cell_text(c, k, decimal) for c, k in zip(cells, kinds))])
                n += 1
        cols = "{'_line': 'BIGINT', " + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(ncols)) + "}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {relation}_t AS SELECT * "
            f"FROM read_csv({_sql_str(str(out))}, delim=',', "
            f"quote='\"', escape='\"', header=false, columns={cols}, auto_detect=false, strict_mode=true, "
            f"max_line_size={4 * MAX_FIELD * max(1, ncols) + 64}, encoding='utf-8')")
        number_rows(con, relation)
    finally:
        out.unlink(missing_ok=True)
    return n


def stage_json(con: Any, src: Source, is_header: HeaderScore, relation: str, workdir: Path | None) -> Staged:
    with src.open() as f:
        data = f.read()
    raw = _read_json(data, src.name, is_header)
    stage_rows(con, raw.header, raw.rows, relation, workdir, decimal=".")
    return Staged(src.name, "json", raw.header, relation, header_line=0, decimal=".", row_label=raw.row_label,
                  notes=list(raw.notes), has_line=True)


def stage_parquet(con: Any, src: Source, is_header: HeaderScore, relation: str, workdir: Path | None) -> Staged:
    import duckdb

    path, temporary = _as_file(src, workdir)
    try:
        probe = duckdb.connect()   # an error would abort the load's transaction: look at the file apart
        try:
            desc = probe.execute(f"DESCRIBE SELECT * FROM read_parquet({_sql_str(str(path))})").fetchall()
            probe.execute(f"SELECT count(*) FROM read_parquet({_sql_str(str(path))})").fetchall()
        except duckdb.Error as e:
            first = str(e).splitlines()[0].replace(str(path), Path(src.name).name)
            first = re.sub(r"^[A-Z][A-Za-z ]* Error: ", "", first)
            raise ReadError("bad_parquet", detail=first) from None
        finally:
            probe.close()
        header = [d[0] for d in desc]
        if is_header(header) < 2:
            raise ReadError("unknown_columns", columns=", ".join(repr(str(h)) for h in header[:10]))
        select = ", ".join(f'CAST("{h.replace(chr(34), chr(34) * 2)}" AS VARCHAR) AS c{i}'
                           for i, h in enumerate(header))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {relation}_t AS SELECT {select} "
                    f"FROM read_parquet({_sql_str(str(path))})")
        number_rows(con, relation)
    finally:
        if temporary:
            path.unlink(missing_ok=True)
    return Staged(src.name, "parquet", header, relation, header_line=0, decimal=".", row_label="record")


def stage_file(con: Any, src: Source, is_header: HeaderScore, relation: str, workdir: Path | None,
               numeric: Callable[[list[str]], list[Any]] | None = None, typed: TypedColumns | None = None) -> Staged:
    """Stage a file of any supported format; raises `ReadError` for what cannot be read at all.

    `typed` (CSV only): which columns to try reading typed, see `_stage_typed`.
    """
    if is_empty(src):
        raise ReadError("empty")
    fmt = src.format or sniff_format(src.head(8), src.name)
    if fmt == "csv":
        return stage_csv(con, src, is_header, relation, workdir, typed)
    if fmt == "json":
        return stage_json(con, src, is_header, relation, workdir)
    if fmt == "parquet":
        return stage_parquet(con, src, is_header, relation, workdir)
    from kjc_tui.ingest.xlsx import stage_xlsx

    return stage_xlsx(con, src, is_header, relation, workdir, numeric)


__all__ = ["Source", "Staged", "stage_file", "stage_rows", "cell_text", "utf8_file", "CHUNK", "_CODE_PAGES"]
