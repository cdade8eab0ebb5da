"""Ingest: files → header mapping → typed, validated rows (`Prepared`) or a list of problems."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kjc_tui.ingest.readers import RawTable, ReadError, read_bytes
from kjc_tui.ingest.validate import Known, Prepared, Problem, Refused, header_score, prepare, recognise

__all__ = ["Known", "Prepared", "Problem", "Refused", "ReadFile", "read_and_prepare", "read_source"]


@dataclass
class ReadFile:
    """A file's bytes with the name to report and its checksum."""

    name: str
    data: bytes
    #: the format when the name does not tell it (a CSV made from "ba.xlsx" keeps that name for messages)
    format: str | None = field(default=None, kw_only=True)

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_source(path: Path | str) -> ReadFile:
    p = Path(path)
    try:
        return ReadFile(str(p), p.read_bytes())
    except IsADirectoryError:
        raise Refused([Problem(str(p), None, None, None, "ist ein Verzeichnis, keine Datei")]) from None
    except OSError as e:
        raise Refused([Problem(str(p), None, None, None, f"kann nicht gelesen werden: {e.strerror}")]) from None


def refused_read(e: ReadError, name: str) -> Refused:
    """A file that cannot be read as a table, refused with the place the reader names."""
    return Refused([Problem(name, e.line, e.column, None, e.reason, e.row_label)])


def read_raw(src: ReadFile) -> RawTable:
    from kjc_tui.ingest.wide import melt_year_columns

    try:
        return melt_year_columns(read_bytes(src.data, src.name, header_score, src.format))
    except ReadError as e:
        raise refused_read(e, src.name) from None


def read_and_prepare(src: ReadFile, known: Known, table_name: str | None = None) -> Prepared:
    """Read, recognise and validate one file; raises `Refused` listing every problem found."""
    raw = read_raw(src)
    table, mapping, problems = recognise(raw, table_name)
    if problems:
        raise Refused(problems)
    prepared, problems = prepare(raw, table, mapping, known)
    if problems:
        raise Refused(problems)
    if not prepared.rows:
        raise Refused([Problem(src.name, None, None, None, "enthält keine Datenzeilen")])
    return prepared
