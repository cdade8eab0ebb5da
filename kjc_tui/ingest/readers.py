"""Read CSV, XLSX, JSON and Parquet files into a header and numbered rows.

Readers know nothing about the schema except through `is_header`, a callback that says
how many cells of a candidate line are known column names; that is how metadata lines
above a header (as in BA statistics exports) are skipped.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from kjc_tui.ingest.problem import Note
from kjc_tui.core.coded import CodedError, Said

__all__ = ["RawTable", "ReadError", "read_file", "read_bytes", "sniff_format"]

MAX_FIELD = 1_000_000          # characters in one CSV field
MAX_HEADER_SCAN = 60           # lines searched for the header
MAX_JSON_DEPTH = 64            # nesting levels of a JSON document (a table needs two or three)
HeaderScore = Callable[[list[str]], int]


class ReadError(CodedError):
    """The file cannot be read at all: why as a code and parameters (`problem.<code>`), with the
    line where known (`row_label` "line" or "record": what it counts); the user sees it as a `Problem`."""

    prefix = "problem."

    def __init__(self, code: str, line: int | None = None, column: str | None = None,
                 row_label: str = "line", **params: Any):
        super().__init__(code, **params)
        self.line, self.column, self.row_label = line, column, row_label


@dataclass
class RawTable:
    """What a file holds, before any mapping: header cells and rows with their line numbers."""

    name: str
    format: str
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    header_line: int = 1
    decimal: str | None = ","
    encoding: str | None = None
    row_label: str = "line"
    notes: list[Note] = field(default_factory=list)


def sniff_format(data: bytes, name: str) -> str:
    """csv, xlsx, json or parquet, by content first and file name second."""
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    ext = Path(name).suffix.lower().lstrip(".")
    if ext in ("xlsx", "xlsm"):
        return "xlsx"
    if ext in ("parquet", "pq"):
        return "parquet"
    if ext in ("json", "jsonl", "ndjson"):
        return "json"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"[", b"{") and ext not in ("csv", "txt", "tsv"):
        return "json"
    return "csv"


def read_file(path: Path | str, is_header: HeaderScore) -> RawTable:
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise ReadError("is_directory") from None
    except OSError as e:
        raise ReadError("unreadable", error=e.strerror) from None
    return read_bytes(data, str(p), is_header)


def read_bytes(data: bytes, name: str, is_header: HeaderScore, fmt: str | None = None) -> RawTable:
    """Read a table; `fmt` (csv, xlsx, json, parquet) when known, else sniffed from content and name."""
    if data.strip() in (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):   # nothing, or a byte order mark only
        raise ReadError("empty")
    fmt = fmt or sniff_format(data, name)
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json, "parquet": _read_parquet}[fmt]
    return reader(data, name, is_header)


# -- CSV ------------------------------------------------------------------------------




def decode_text(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM), UTF-16, or a one-byte code page.

    One-byte files are Windows-1252 unless the German text reads right only in DOS (cp850, Excel's
    "CSV (MS-DOS)") or MacRoman; see `_one_byte`.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _looks_utf32(data[:8192]):
        raise ReadError("utf32")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as e:
            line = data.count(b"\n", 0, e.start + 3) + 1
            raise ReadError("bad_utf8_with_bom", line, byte=f"{data[e.start + 3]:02X}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ReadError("bad_utf16_with_bom") from None
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without byte order mark: every other byte of Latin text is NUL
        even, odd = head[0::2], head[1::2]
        enc = ("utf-16-le" if odd.count(0) >= 0.7 * len(odd) and even.count(0) <= 0.05 * len(even) else
               "utf-16-be" if even.count(0) >= 0.7 * len(even) and odd.count(0) <= 0.05 * len(odd) else None)
        if enc is None or len(data) % 2:
            raise ReadError("binary")
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            raise ReadError("binary") from None
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\x0c\x1b")
    if controls > max(8, 0.05 * len(head)):   # text has (almost) none; random bytes one in ten
        raise ReadError("binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if _UTF8_LATIN.search(data):
            # some lines are UTF-8 (ä as two bytes), others not: decoding either way garbles one part
            line = data.count(b"\n", 0, e.start) + 1
            raise ReadError("mixed_encodings", line, byte=f"{data[e.start]:02X}") from None
    return _one_byte(data)


def _looks_utf32(head: bytes) -> bool:
    """UTF-32 without byte order mark: three of every four bytes of Latin text are NUL."""
    quads = len(head) // 4
    if quads < 2:
        return False
    le = sum(1 for i in range(quads) if head[4 * i + 1: 4 * i + 4] == b"\0\0\0" and head[4 * i])
    be = sum(1 for i in range(quads) if head[4 * i: 4 * i + 3] == b"\0\0\0" and head[4 * i + 3])
    return max(le, be) >= 0.9 * quads


#: the one-byte code pages German offices write, in order of preference on a tie
_CODE_PAGES = (("cp1252", "Windows-1252"), ("cp850", "DOS (cp850, Excel „CSV (MS-DOS)“)"),
               ("mac_roman", "MacRoman"))
#: characters that German text never has next to a letter, but that German letters become when a
#: file is read in the wrong code page (MacRoman "ü" read as Windows-1252 is "Ÿ", cp850 "ü" is "\x81")
_ODD = ("§†‡Š€Ÿ∑∏∂√∞ƒ¿¡¬Žšž‰¹²³±¶µ¤¦¨ª¯¸º¼½¾÷¢£¥°"
        "\u0080-\u009f\u2500-\u259f")
_LETTER = r"[^\W\d_]"
_ODD_IN_WORD = re.compile(f"(?<={_LETTER})[{_ODD}]|[{_ODD}](?={_LETTER})|(?<={_LETTER})[„”](?={_LETTER})")
_GERMAN = re.compile("[äöüÄÖÜß]")


def _one_byte(data: bytes) -> tuple[str, str]:
    """Windows-1252, unless its reading has odd characters inside words and DOS or MacRoman reads clean German.

    A quote between two letters ("M„nner") is odd too: that is cp850's "ä".
    """
    try:
        text, enc = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:   # 0x81 and friends are unassigned in Windows-1252
        text, enc = data.decode("latin-1"), "latin-1"
    if not _ODD_IN_WORD.search(text):
        return text, enc
    best: tuple[int, str, str] | None = None
    for alt, _label in _CODE_PAGES[1:]:
        alt_text = data.decode(alt)
        letters = len(_GERMAN.findall(alt_text))
        if letters and not _ODD_IN_WORD.search(alt_text) and (best is None or letters > best[0]):
            best = (letters, alt_text, alt)
    return (best[1], best[2]) if best else (text, enc)


def footer_note(line: int, text: str) -> Note:
    """A footer line below the data ("© Statistik der BA"), left out (a line number as it is, not a figure)."""
    return Note("note.footer", {"line": str(line), "text": repr(text.strip()[:60])})


def encoding_note(encoding: str | None) -> list[Note]:
    """A note when a file was read in a code page other than UTF-8/UTF-16/Windows-1252."""
    label = dict(_CODE_PAGES).get(encoding or "")
    return [Note("note.encoding", {"encoding": label})] if label and encoding != "cp1252" else []


#: UTF-8 of Latin-1 letters (ä = C3 A4), "€" and typographic quotes/dashes (E2 80 xx, E2 82 AC): in a
#: Windows-1252 file these byte pairs would read "Ã¤", "â€ž" – which no German text holds
_UTF8_LATIN = re.compile(rb"\xc2[\xa0-\xbf]|[\xc3\xc5][\x80-\xbf]|\xe2[\x80\x82][\x80-\xbf]")


def _rows(text: str, delim: str, strict: bool) -> Any:  # a csv reader (its type is private to _csv)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delim, quotechar='"', doublequote=True,
                      strict=strict, skipinitialspace=False)


def _find_header(text: str, is_header: HeaderScore) -> tuple[str, int, list[str]]:
    """The delimiter, the 0-based line index and cells of the header line."""
    lines = text.splitlines()[:MAX_HEADER_SCAN]
    best: tuple[int, str, int, list[str]] | None = None
    for delim in (";", ",", "\t", "|"):
        for i, line in enumerate(lines):
            if delim not in line:
                continue
            try:
                cells = next(csv.reader([line], delimiter=delim))
            except (csv.Error, StopIteration):
                continue
            score = is_header([c.strip() for c in cells])
            if score >= 2 and (best is None or score > best[0]):
                best = (score, delim, i, cells)
            if score >= 2:
                break
    if best is None:
        first = lines[0][:120] if lines else ""
        raise ReadError("no_header", 1, first=repr(first))
    return best[1], best[2], [c.strip() for c in best[3]]


def _read_csv(data: bytes, name: str, is_header: HeaderScore) -> RawTable:
    text, encoding = decode_text(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    delim, hidx, _ = _find_header(text, is_header)
    csv.field_size_limit(MAX_FIELD)
    body = "".join(text.splitlines(keepends=True)[hidx:])
    reader = _rows(body, delim, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    start = hidx + 1  # physical line where the next record starts
    try:
        for cells in reader:
            line_no, start = start, hidx + reader.line_num + 1
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if not any(c.strip() for c in cells):
                continue
            rows.append((line_no, cells))
    except csv.Error as e:
        msg = str(e)
        if "field larger than field limit" in msg:
            raise ReadError("field_too_long", start, max=MAX_FIELD) from None
        if "unexpected end of data" in msg or "EOF" in msg:
            raise ReadError("open_quote", start) from None
        if "expected after" in msg:
            raise ReadError("no_separator_after_quote", start) from None
        raise ReadError("bad_csv", start, detail=msg) from None
    assert header is not None
    # footer lines below the data ("© Statistik der Bundesagentur für Arbeit"): one cell, no separator
    notes: list[Note] = []
    while len(header) > 1 and rows and len(rows[-1][1]) == 1 and not any(d in rows[-1][1][0] for d in ",\t|;"):
        line_no, (cell,) = rows.pop()
        notes.insert(0, footer_note(line_no, cell))
    decimal = "," if delim == ";" else ("." if delim == "," else None)
    return RawTable(name, "csv", header, rows, header_line=hidx + 1, decimal=decimal, encoding=encoding,
                    notes=encoding_note(encoding) + notes)


# -- XLSX -----------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str, is_header: HeaderScore) -> RawTable:
    """A broken workbook can fail anywhere inside openpyxl (zlib, XML, zip), also while rows stream."""
    try:
        return _read_xlsx_sheets(data, name, is_header)
    except ReadError:
        raise
    except Exception as e:  # noqa: BLE001 - hostile input: any parser error is "not a valid file"
        raise ReadError("bad_xlsx", detail=type(e).__name__) from None


def _read_xlsx_sheets(data: bytes, name: str, is_header: HeaderScore) -> RawTable:
    import zipfile

    from kjc_tui.ingest.xlsx import open_workbook

    try:
        wb = open_workbook(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as e:
        raise ReadError("bad_xlsx", detail=type(e).__name__) from None
    try:
        for ws in wb.worksheets:
            it = ws.iter_rows(values_only=True)
            header: list[str] | None = None
            hline = 0
            rows: list[tuple[int, list[Any]]] = []
            for i, values in enumerate(it, start=1):
                cells = ["" if v is None else v for v in values]
                if header is None:
                    if i > MAX_HEADER_SCAN:
                        break
                    strs = [str(c).strip() for c in cells]
                    if is_header(strs) >= 2:
                        while strs and not strs[-1]:
                            strs.pop()
                        header, hline = strs, i
                    continue
                if not any(str(c).strip() for c in cells):
                    continue
                rows.append((i, list(cells[: len(header)]) + [""] * (len(header) - len(cells))))
            if header is not None:
                notes = [Note("note.sheet", {"sheet": repr(ws.title)})] if len(wb.worksheets) > 1 else []
                return RawTable(name, "xlsx", header, rows, header_line=hline, decimal=",", notes=notes)
    finally:
        wb.close()
    raise ReadError("no_sheet_header", 1)


# -- JSON -----------------------------------------------------------------------------


class _Object(dict):
    """A JSON object that remembers keys it had twice (json keeps the last silently)."""

    duplicates: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object(pairs)
    seen: set[str] = set()
    obj.duplicates = []
    for k, _ in pairs:
        if k in seen:
            obj.duplicates.append(k)
        seen.add(k)
    return obj


def _json_int(s: str) -> int | Decimal:
    """Long digit strings stay Decimal: int() refuses more than 4300 digits, and the validator says "zu groß"."""
    return int(s) if len(s) <= 30 else Decimal(s)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> int | None:
    """Offset of the bracket that opens level MAX_JSON_DEPTH + 1, if any (json recurses per level)."""
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return m.start()
        elif c in "]}":
            depth -= 1
    return None


def _json_loads(text: str, line: int = 1) -> Any:
    """json.loads that refuses, with the position, what would crash it (nesting) or hide data (twice a key)."""
    deep = _too_deep(text)
    if deep is not None:
        at = line + text.count("\n", 0, deep)
        col = deep - text.rfind("\n", 0, deep)
        raise ReadError("json_too_deep", at, max=MAX_JSON_DEPTH, json_line=str(at), json_column=str(col))
    try:
        return json.loads(text, object_pairs_hook=_object, parse_int=_json_int)
    except json.JSONDecodeError as e:
        at = line + e.lineno - 1
        raise ReadError("bad_json", at, detail=e.msg, json_line=str(at), json_column=str(e.colno)) from None


def _read_json(data: bytes, name: str, is_header: HeaderScore) -> RawTable:
    text, encoding = decode_text(data)
    text = text.lstrip("\ufeff")
    lines_mode = Path(name).suffix.lower() in (".jsonl", ".ndjson")
    doc: Any = None
    if not lines_mode:
        try:
            doc = _json_loads(text)
        except ReadError as e:
            if text.count("\n") < 2 or e.code == "json_too_deep":
                raise
            lines_mode = True
    if lines_mode:
        numbered = [(n, _json_loads(line, n)) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
        label = "line"
    else:
        if isinstance(doc, dict):
            _no_duplicates(doc, None, "line")
            lists = [v for k, v in doc.items() if isinstance(v, list) and k in ("rows", "data", "records", "items")]
            lists = lists or [v for v in doc.values() if isinstance(v, list)]
            if len(lists) > 1:
                raise ReadError("json_several_lists")
            doc = lists[0] if lists else [doc]
        if not isinstance(doc, list):
            raise ReadError("json_not_a_list")
        numbered = list(enumerate(doc, start=1))
        label = "record"
    if not numbered:
        raise ReadError("no_records")
    header: list[str] = []
    seen: set[str] = set()
    for n, rec in numbered:
        if not isinstance(rec, dict):
            raise ReadError("not_an_object", n, at=Said(f"problem.at.{label}", {"n": str(n)}))
        _no_duplicates(rec, n, label)
        for k in rec:
            if k not in seen:
                seen.add(k)
                header.append(k)
    if not header:
        raise ReadError("only_empty_records")
    if is_header(header) < 2:
        raise ReadError("unknown_keys", keys=", ".join(repr(h) for h in header[:10]))
    rows = []
    for n, rec in numbered:
        vals = []
        for k in header:
            v = rec.get(k)
            if isinstance(v, (dict, list)):
                v = json.dumps(v, ensure_ascii=False, default=str)  # the validator reports a wrong type
            vals.append("" if v is None else v)
        rows.append((n, vals))
    return RawTable(name, "json", header, rows, header_line=0, decimal=".", encoding=encoding, row_label=label)


def _no_duplicates(obj: dict[str, Any], n: int | None, label: str) -> None:
    dup = getattr(obj, "duplicates", None)
    if dup:
        raise ReadError("duplicate_json_key", n, dup[0], label, times=1 + dup.count(dup[0]))


# -- Parquet --------------------------------------------------------------------------


def _read_parquet(data: bytes, name: str, is_header: HeaderScore) -> RawTable:
    import tempfile

    import duckdb

    with tempfile.NamedTemporaryFile(suffix=".parquet") as tmp:
        tmp.write(data)
        tmp.flush()
        con = duckdb.connect()
        try:
            rel = con.execute("SELECT * FROM read_parquet(?)", [tmp.name])
            header = [d[0] for d in rel.description]
            values = rel.fetchall()
        except duckdb.Error as e:
            first = str(e).splitlines()[0].replace(tmp.name, Path(name).name)
            # DuckDB 1.x says "Invalid Input Error: …", 2.x drops that prefix: show neither
            first = re.sub(r"^[A-Z][A-Za-z ]* Error: ", "", first)
            raise ReadError("bad_parquet", detail=first) from None
        finally:
            con.close()
    if is_header(header) < 2:
        raise ReadError("unknown_columns", columns=", ".join(repr(str(h)) for h in header[:10]))
    rows = [(i, ["" if v is None else v for v in r]) for i, r in enumerate(values, start=1)]
    return RawTable(name, "parquet", header, rows, header_line=0, decimal=".", row_label="record")
