"""Ingest: a file → staging table (text) → converted and checked in SQL → rows for the snapshot.

One path serves `kjc-tui load`, `check`, `fetch` and the embedded build:

    staged = stage(con, src)              # read (DuckDB / streaming), find the header and the table
    conv = check(con, staged)             # convert and check in SQL; raises `Refused` listing problems
    rules.upsert(con, conv)               # into the table (inside the caller's transaction)

Converters of publisher layouts feed canonical tables through `stage_table` (a header and
numbered rows, streamed) or hand over a canonical CSV/Parquet file as a `ReadFile` with `path`.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from kjc_tui.core.coded import Said
from kjc_tui.core.schema import TABLES, Table
from kjc_tui.ingest import rules
from kjc_tui.ingest.readers import RawTable, ReadError
from kjc_tui.ingest.rules import MAX_PROBLEMS, Converted
from kjc_tui.ingest.staging import Source, Staged, stage_file, stage_rows
from kjc_tui.ingest.problem import Note, Problem, Reason, Refused, refusal, refused_read
from kjc_tui.ingest.validate import header_score, recognise

__all__ = ["Known", "Prepared", "Problem", "Refused", "ReadFile", "Staged", "Converted", "stage", "stage_table",
           "check", "read_and_prepare", "read_source"]


@dataclass
class ReadFile:
    """A file to load: its bytes (`data`, what sources downloaded) or its `path`, with the name to report."""

    name: str
    data: bytes | None = None
    path: Path | None = field(default=None, kw_only=True)
    #: the format when the name does not tell it (a CSV made from "ba.xlsx" keeps that name for messages)
    format: str | None = field(default=None, kw_only=True)

    @property
    def checksum(self) -> str:
        h = hashlib.sha256()
        with self.source().open() as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        return h.hexdigest()

    def source(self) -> Source:
        return Source(self.name, self.data, self.path, self.format)

    def content(self) -> bytes:
        """All of the file's bytes: those given, else read from its path (the layouts read a file
        whole; the load offers them only files up to `db.snapshot.LAYOUT_MAX_BYTES`)."""
        return self.data if self.data is not None else self.source().head(-1)


def read_source(path: Path | str) -> ReadFile:
    """A file on disk to load (read when it is staged, never held in memory whole)."""
    p = Path(path)
    try:
        if p.is_dir():
            raise refusal(str(p), "is_directory")
        with open(p, "rb"):
            pass
    except OSError as e:
        raise refusal(str(p), "unreadable", error=e.strerror) from None
    return ReadFile(str(p), path=p)


_COUNTER = itertools.count()


@dataclass
class StagedFile:
    """A staged file with the table it was recognised as and its header mapping."""

    src: ReadFile
    staged: Staged
    table: Table
    mapping: dict[int, str]
    #: the checksum recorded for the load (of the file the user named, also for its canonical parts)
    checksum: str = ""
    #: what to try when the checks refuse the file as it is (the office normalisation), given that refusal
    fallback: Callable[[Refused], "StagedFile"] | None = None
    #: for a file read with typed columns: the same file staged as text (where every rule runs)
    as_text: Callable[[], "StagedFile"] | None = None
    #: a CSV made from a workbook (the office normalisation): the sheet's name (None: the only one) and
    #: where each header's column was in it, so that problems name the cell
    sheet: tuple[str | None, dict[str, int]] | None = None


def _numeric_kinds(table_name: str | None) -> Any:
    """For XLSX: how each header's typed cells become text (see `stage.cell_text`)."""
    from kjc_tui.core.schema import LOADABLE, header_index, normalise_header

    names = [table_name] if table_name in TABLES else list(LOADABLE)

    def kinds(header: list[str]) -> list[Any]:
        out: list[Any] = []
        for h in header:
            n = normalise_header(h)
            col = next((TABLES[t].column(c) for t in names if (c := header_index(TABLES[t]).get(n))), None)
            out.append("date" if col is not None and col.type == "date" else
                       (col is not None and col.type in ("int", "float")))
        return out
    return kinds


def _typed_columns(table_name: str | None) -> Callable[[list[str]], dict[int, str]]:
    """For a CSV header: the number and date columns of the table it is recognised as (see `staging._stage_typed`)."""
    from kjc_tui.ingest.wide import year_columns

    def typed(header: list[str]) -> dict[int, str]:
        if year_columns(header):
            return {}
        table, mapping, problems = recognise(RawTable("", "csv", header, []), table_name)
        if problems:
            return {}
        types = {"float": "DOUBLE", "int": "DOUBLE", "date": "DATE"}
        return {i: types[table.column(c).type] for i, c in mapping.items()
                if c != "_ags" and table.column(c).type in types}
    return typed


def stage(con: Any, src: ReadFile, table_name: str | None = None, workdir: Path | None = None,
          checksum: str | None = None, typed: bool = False) -> StagedFile:
    """Read `src` into a staging table and recognise its table; raises `Refused` if it cannot be read.

    With `typed` (only outside a transaction), a CSV is first read with its number and date columns
    typed by DuckDB; `check` goes over to the text staging when that read or its checks fail.
    """
    relation = f"_stage{next(_COUNTER)}"
    try:
        staged = stage_file(con, src.source(), header_score, relation, workdir, _numeric_kinds(table_name),
                            _typed_columns(table_name) if typed else None)
    except ReadError as e:
        raise refused_read(e, src.name) from None
    except duckdb.Error:   # DuckDB's CSV reader gave up on the structure (its own wording is not shown)
        raise refusal(src.name, "csv_structure") from None
    sf = _recognised(con, src, staged, table_name)
    sf.checksum = checksum or src.checksum
    if staged.types:
        sf.as_text = lambda: stage(con, src, table_name, workdir, sf.checksum)
    return sf


def check_workbook(src: ReadFile) -> None:
    """Refuse a workbook (or ZIP) in memory whose parts unpack too large or hold a huge cell (see `xlsx.check_zip`)."""
    import io
    import zipfile

    from kjc_tui.ingest.xlsx import check_zip

    if src.data is None or src.data[:4] != b"PK\x03\x04":
        return
    try:
        with zipfile.ZipFile(io.BytesIO(src.data)) as zf:
            if "[Content_Types].xml" in zf.namelist():
                check_zip(zf)
    except ReadError as e:
        raise refused_read(e, src.name) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return   # not a readable ZIP: the reader says so in its own words


def stage_table(con: Any, name: str, header: list[str], rows: Iterable[tuple[int, list[Any]]],
                table_name: str | None = None, workdir: Path | None = None, row_label: str = "line",
                decimal: str | None = ",") -> StagedFile:
    """A canonical table (header, rows numbered as the user counts them) into a staging table.

    The entry point for converters of publisher layouts: rows are streamed, never held.
    """
    relation = f"_stage{next(_COUNTER)}"
    stage_rows(con, header, rows, relation, workdir, decimal=decimal)
    staged = Staged(name, "rows", list(header), relation, header_line=0, decimal=decimal, row_label=row_label,
                    has_line=True)
    return _recognised(con, ReadFile(name, b""), staged, table_name)


def _recognised(con: Any, src: ReadFile, staged: Staged, table_name: str | None) -> StagedFile:
    _melt_year_columns(con, staged)
    table, mapping, problems = recognise(_as_raw(staged), table_name)
    if problems:
        staged.discard()
        raise Refused(problems)
    return StagedFile(src, staged, table, mapping)


def _melt_year_columns(con: Any, staged: Staged) -> None:
    """"Ziel 2025", "Ziel 2026" columns (and no year column) become rows with "Jahr" and "Zielwert" (see `wide`).

    The rows of one line keep its ordinal, so messages name the line of the file.
    """
    from kjc_tui.core.schema import normalise_header
    from kjc_tui.ingest.sqlparse import strip
    from kjc_tui.ingest.wide import _YEAR_NAMES, year_columns, year_columns_note

    years = year_columns(staged.header)
    if not years or any(normalise_header(h) in _YEAR_NAMES for h in staged.header):
        return
    keep = [i for i in range(len(staged.header)) if i not in years]
    line = "_line, " if staged.has_line else ""
    base = ", ".join(f"c{i} AS c{j}" for j, i in enumerate(keep))
    n = len(keep)
    parts = [f"SELECT _r, {line}{base}, '{year}' AS c{n}, c{i} AS c{n + 1} FROM {staged.relation} "
             f"WHERE {strip(f'c{i}')} <> ''" for i, year in years.items()]
    melted = f"{staged.relation}_long"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {melted} AS " + " UNION ALL ".join(parts) + " ORDER BY _r")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {staged.relation} AS SELECT * FROM {melted}")
    staged.notes.append(year_columns_note(staged.header, years))
    staged.header = [staged.header[i] for i in keep] + ["Jahr", "Zielwert"]


def read_raw(src: ReadFile) -> RawTable:
    """A file's header and where it starts, as a `RawTable` without rows (for tools that look at headers)."""
    import duckdb

    con = duckdb.connect()
    try:
        staged = stage_file(con, src.source(), header_score, "_raw", None)
        staged.discard()
        return _as_raw(staged)
    except ReadError as e:
        raise refused_read(e, src.name) from None
    finally:
        con.close()


def _as_raw(staged: Staged) -> RawTable:
    return RawTable(staged.name, staged.format, staged.header, [], header_line=staged.header_line,
                    decimal=staged.decimal, row_label=staged.row_label)


def check(con: Any, sf: StagedFile) -> Converted:
    """Convert and check a staged file in SQL; raises `Refused` with every problem (the first hundred).

    A file read with typed columns is staged again as text and checked there when a typed column
    holds a value DuckDB read differently from the rules, or a problem would show a typed cell
    (its value as written is in the text only); `sf` then holds the text staging. Problems in
    text cells are reported from the typed staging as they are.
    """
    if sf.as_text is not None:
        try:
            return _check(con, sf)
        except rules.NeedsText:
            text = sf.as_text()
            discard(con, sf)
            sf.staged, sf.table, sf.mapping, sf.as_text = text.staged, text.table, text.mapping, None
    return _check(con, sf)


def _check(con: Any, sf: StagedFile) -> Converted:
    staged, table = sf.staged, sf.table
    name = staged.name
    if staged.broken:
        line, reason = staged.broken
        raise Refused([Problem(name, line, None, None, reason.code, dict(reason.params), staged.row_label)])
    long = rules.long_fields(con, staged)
    if long:
        lines = row_lines(con, staged, long)
        raise Refused([Problem(name, lines[long[0]], None, None, "field_too_long", {"max": rules.MAX_FIELD},
                               staged.row_label)])
    conv = rules.convert(con, staged, table, sf.mapping, f"{staged.relation}_conv")
    total, found = rules.problems(con, conv, sf.mapping, staged.header, typed={f"c{i}" for i in staged.types})
    total += len(staged.ragged)
    if total:
        wanted = sorted({r for r, *_ in found} | {f for *_, f in found if f is not None})
        lines = row_lines(con, staged, wanted)
        out = [Problem(name, line, None, None, reason.code, dict(reason.params), staged.row_label)
               for line, reason in staged.ragged]
        for r, col, val, reason, first in found:
            if first is not None:   # a line number, not a figure: as it is (str)
                reason = Reason("duplicate_key", {"at": Said(f"problem.at.{staged.row_label}",
                                                             {"n": str(lines[first])})})
            out.append(Problem(name, lines[r], col, val, reason.code, dict(reason.params), staged.row_label,
                               _cell(sf, lines[r], col), sf.sheet[0] if sf.sheet else None))
        out.sort(key=lambda p: p.row or 0)   # stable: a row's problems keep the order of the rules
        raise Refused(_capped(out, total))
    if not conv.rows:
        raise refusal(name, "no_data_rows")
    conv.notes = list(staged.notes)
    unknown = [h for i, h in enumerate(staged.header) if i not in sf.mapping and str(h).strip()]
    if unknown:
        # repr: a header is data too, and notes are printed to terminals
        conv.notes.append(Note("note.columns_left_out", {"columns": ", ".join(repr(h) for h in unknown)}))
    return conv


def _capped(problems: list[Problem], total: int) -> list[Problem]:
    problems = problems[:MAX_PROBLEMS]
    if total > len(problems):
        problems.append(Problem(problems[0].file, None, None, None, "more_problems",
                                {"n": total - len(problems), "shown": MAX_PROBLEMS}))
    return problems


def row_lines(con: Any, staged: Staged, ordinals: list[int]) -> dict[int, int]:
    """The line (or record number) of each row ordinal, as the user counts it in the file."""
    if staged.has_line:
        rows = con.execute(f"SELECT _r, _line FROM {staged.relation} WHERE _r IN "
                           f"(SELECT unnest(?::BIGINT[]))", [ordinals]).fetchall()
        return dict(rows)
    return staged.lines(ordinals)


def _cell(sf: StagedFile, line: int, column: str | None) -> str | None:
    """The cell reference of a workbook problem ("D5"); None for other formats or several columns."""
    staged = sf.staged
    if sf.sheet is not None:
        at = sf.sheet[1].get(column or "")
    elif staged.format == "xlsx" and column in staged.header:
        at = staged.header.index(column)
    else:
        return None
    if at is None:
        return None
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(at + 1)}{line}"


def discard(con: Any, sf: StagedFile) -> None:
    """Drop a file's staging tables and temporaries."""
    rel = sf.staged.relation
    con.execute(f"DROP VIEW IF EXISTS {rel}")
    for table in (f"{rel}_t", f"{rel}_long", f"{rel}_conv"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    sf.staged.discard()


# -- a convenience for tests and tools: check a file against known keys, without a database ------


@dataclass
class Known:
    """Keys that exist already (for checking a file without a database, see `read_and_prepare`)."""

    values: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    units: dict[str, str] = field(default_factory=dict)
    ags_to_jc: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def from_connection(cls, con: Any) -> "Known":
        k = cls()
        for (ags,) in con.execute("SELECT ags FROM districts").fetchall():
            k.values[("districts", "ags")].add(ags)
        for jc, ags in con.execute("SELECT jobcenter_id, ags FROM jobcenters").fetchall():
            k.values[("jobcenters", "jobcenter_id")].add(jc)
            if ags is not None:
                k.ags_to_jc[ags].add(jc)
        for code, unit in con.execute("SELECT code, unit FROM indicator_defs").fetchall():
            k.values[("indicator_defs", "code")].add(code)
            k.units[code] = unit
        return k

    def add(self, prepared: "Prepared") -> None:
        """The keys of a checked file, for the files checked after it."""
        cols = prepared.columns
        for row in prepared.rows:
            rec = dict(zip(cols, row))
            if prepared.table.name == "districts":
                self.values[("districts", "ags")].add(rec["ags"])
            elif prepared.table.name == "jobcenters":
                self.values[("jobcenters", "jobcenter_id")].add(rec["jobcenter_id"])
                if rec.get("ags") is not None:
                    self.ags_to_jc[rec["ags"]].add(rec["jobcenter_id"])
            elif prepared.table.name == "indicator_defs":
                self.values[("indicator_defs", "code")].add(rec["code"])
                self.units[rec["code"]] = rec["unit"]


@dataclass
class Prepared:
    """A checked table's typed rows (read back from the conversion)."""

    table: Table
    file: str
    columns: list[str]
    rows: list[tuple[Any, ...]]
    notes: list[Note] = field(default_factory=list)


def read_and_prepare(src: ReadFile, known: Known, table_name: str | None = None) -> Prepared:
    """Check one file against `known` in a throw-away in-memory database; raises `Refused`."""
    import duckdb

    from kjc_tui.core.schema import ddl

    con = duckdb.connect()
    try:
        for stmt in ddl():
            con.execute(stmt)
        for ags in known.values[("districts", "ags")]:
            con.execute("INSERT INTO districts (ags, name, kind, state, source, as_of) VALUES (?, ?, 'Landkreis', "
                        "'Hessen', 'x', DATE '2000-01-01')", [ags, ags])
        pairs: set[tuple[str, str | None]] = {(jc, ags) for ags, jcs in known.ags_to_jc.items() for jc in jcs}
        pairs |= {(jc, None) for jc in known.values[("jobcenters", "jobcenter_id")] if jc not in {p for p, _ in pairs}}
        for jc, jc_ags in pairs:
            con.execute("INSERT INTO jobcenters (jobcenter_id, ags, model, source, as_of) VALUES (?, ?, 'zkT', 'x', "
                        "DATE '2000-01-01')", [jc, jc_ags])
        for code in known.values[("indicator_defs", "code")]:
            con.execute("INSERT INTO indicator_defs (code, name_de, unit, source, as_of) VALUES (?, ?, ?, 'x', "
                        "DATE '2000-01-01')", [code, code, known.units.get(code, "count")])
        sf = stage(con, src, table_name)
        try:
            conv = check(con, sf)
            cols = conv.columns
            rows = con.execute(f"SELECT {', '.join(f'f_{c}' for c in cols)} FROM {conv.relation} ORDER BY _r"
                               ).fetchall()
        finally:
            sf.staged.discard()
        return Prepared(conv.table, src.name, cols, rows, conv.notes)
    finally:
        con.close()
