"""The problems a file is refused with, as data: a code and its parameters, worded in one place.

A `Problem` names the place (file, line or record, column, sheet, cell, the value as written)
and the reason as a code with parameters (`problem.<code>` in `core/strings`). Parameters that
are words themselves stay data until worded: a column of the schema (`Label`), a word of the
table (`core.coded.Said`), a reason inside a reason (`Reason`). `problem_text` words a problem in German or
English; the CLI, the dashboard and `str()` (logs and tests, German) all go through it.

The SQL rules hand reasons over as text: the code, then each parameter as ``\\x1fname=value``
(`encode` / `decode`), so that a whole column of reasons stays one VARCHAR.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kjc_tui.ingest.readers import ReadError

#: between the code and each parameter of a reason written by SQL (no cell it quotes holds one)
SEP = "\x1f"


@dataclass(frozen=True)
class Label:
    """The label of a schema column (or of a table, with `column` None), worded in the language;
    `named`: after the name ("ags (Kreisschlüssel)")."""

    table: str
    column: str | None = None
    named: bool = False


@dataclass(frozen=True)
class Reason:
    """A reason inside another (a cell's reason after its column's label)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:  # logs and tests, German; the CLI and the dashboard call `note_text`
        return reason_text(self.code, self.params, "de")


@dataclass(frozen=True)
class Joined:
    """Several parameters in one, between them `sep` ("; " where the parts hold commas)."""

    items: tuple[Any, ...]
    sep: str = ", "


#: a note for the load summary ("Fußzeile 8 nicht übernommen"): a code `note.…` and its parameters
Note = Reason


@dataclass
class Problem:
    """One reason a file is refused: where, and why as `code` with `params`."""

    #: the file's name (or, for a check across the database, `Reason("table", …)`)
    file: str | Reason
    row: int | None
    #: the file's header of the column, or the schema's column where the file has none
    column: str | Label | list[Label] | None
    value: Any
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    #: what `row` counts: "line" (of the file) or "record" (of a JSON list or a Parquet file)
    row_label: str = "line"
    #: the spreadsheet cell ("C5") where the file is a workbook
    cell: str | None = None
    #: the sheet of that cell where the workbook has several
    sheet: str | None = None

    def __str__(self) -> str:  # logs and tests; the CLI and the dashboard call `problem_text`
        return problem_text(self, "de")


class Refused(Exception):
    """A file (or several) failed validation; `problems` says why (past the first hundred, a last
    problem counts the rest, so `more` stays 0 for the refusals made here)."""

    def __init__(self, problems: list[Problem], more: int = 0):
        self.problems, self.more = problems, more
        super().__init__("\n".join(str(p) for p in problems))


def refusal(file: str | Reason, code: str, row: int | None = None, /, **params: Any) -> Refused:
    """A refusal of a whole file (or of one of its lines) for one reason."""
    return Refused([Problem(file, row, None, None, code, params)])


def refused_read(e: "ReadError", name: str) -> Refused:
    """A file that cannot be read as a table, refused with the place the reader names."""
    return Refused([Problem(name, e.line, e.column, None, e.code, e.params, e.row_label)])


def encode(code: str, params: Mapping[str, Any] | None = None) -> str:
    """A reason as the SQL rules write it (see module doc)."""
    return code + "".join(f"{SEP}{k}={v}" for k, v in (params or {}).items())


def decode(text: str) -> tuple[str, dict[str, Any]]:
    """The code and parameters of a reason the SQL rules wrote."""
    code, *rest = text.split(SEP)
    return code, dict(p.partition("=")[::2] for p in rest)


def sql_reason(code: str, /, **params: str) -> str:
    """A SQL expression for a reason: `code` and parameters given as SQL expressions."""
    out = "'" + code + "'"
    for k, expr in params.items():
        out += f" || chr(31) || '{k}=' || {expr}"
    return out


def _worded(value: Any, lang: str) -> Any:
    from kjc_tui.core.schema import TABLES

    if isinstance(value, Label):
        t = TABLES[value.table]
        if value.column is None:
            text = t.label(lang)
        else:
            c = t.column(value.column)
            text = c.label(lang)
        return f"{value.column or value.table} ({text})" if value.named else text
    if isinstance(value, Reason):
        return reason_text(value.code, value.params, lang)
    if isinstance(value, Joined):
        return value.sep.join(str(_worded(v, lang)) for v in value.items)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_worded(v, lang)) for v in value)
    return value


def reason_text(code: str, params: Mapping[str, Any], lang: str) -> str:
    """A reason (`problem.<code>`) in `lang`, its word parameters worded, whole numbers as figures."""
    from kjc_tui.core.strings import coded

    return coded(f"problem.{code}", {k: _worded(v, lang) for k, v in params.items()}, lang)


def note_text(note: Reason, lang: str) -> str:
    """A note of a load or a fetch in `lang`."""
    return reason_text(note.code, note.params, lang)


def problem_text(p: Problem, lang: str) -> str:
    """The whole line for a problem: "file, Zeile 5, Spalte 'X', Blatt 'S', Zelle C5, Wert 'v': reason"."""
    from kjc_tui.core.strings import say

    parts = [str(_worded(p.file, lang))]
    if p.row is not None:
        parts.append(say(f"problem.at.{p.row_label}", lang, n=p.row))
    if p.column:
        parts.append(say("problem.at.column", lang, column=repr(_worded(p.column, lang))))
    if p.sheet:
        parts.append(say("problem.at.sheet", lang, sheet=repr(p.sheet)))
    if p.cell:
        parts.append(say("problem.at.cell", lang, cell=p.cell))
    if p.value is not None and p.value != "":
        v = str(p.value)
        parts.append(say("problem.at.value", lang, value=repr(v if len(v) <= 60 else v[:57] + "…")))
    return ", ".join(parts) + ": " + reason_text(p.code, p.params, lang)
