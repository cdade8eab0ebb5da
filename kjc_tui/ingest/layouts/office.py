"""Office spreadsheets a controller really has, made loadable (or refused precisely) before the ingest.

What is understood:

* a workbook with several sheets (a glossary or notes sheet before the data): the sheet whose
  header fits a table best is taken, and the load summary says which;
* separate ``Jahr`` and ``Monat`` columns (month 1–12 or "Januar", "Jan."): one Zeitraum per row;
* ``Summe``/``Insgesamt``/``Gesamt`` rows (in a key or name column): skipped with a note, never
  loaded as a district;
* "k. A.", "–", "-", "n. v." in a column that may be empty: no value;
* no Quelle/Stand columns: taken from ``--quelle``/``--stand`` of `kjc-tui load`; without them
  the file is refused with a message naming these options.

The result is a CSV with every row on its original line, so the ingest's messages still name
the file's rows. A file that needs none of this is not rewritten (`normalise` returns None).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.core.schema import normalise_header
from kjc_tui.ingest.layouts.common import first_rows, text, workbook
from kjc_tui.ingest.parse import MONTHS
from kjc_tui.ingest.readers import MAX_HEADER_SCAN, RawTable, ReadError, read_bytes, sniff_format
from kjc_tui.ingest.problem import Label, Note, Problem, Refused, refused_read
from kjc_tui.ingest.validate import header_score, recognise

#: what a sum row says in its key or name column (folded)
_SUM = re.compile(r"^(summe|gesamtsumme|insgesamt|gesamt|total|zusammen|hessen insgesamt|summe hessen|"
                  r"alle (kreise|jobcenter))\b")
#: cells that mean "no value" in an office file (where the column may be empty)
NO_VALUE = {"k. a.", "k.a.", "ka", "k a", "–", "-", "—", "n. v.", "n.v.", "nv", "/", "./."}
_YEAR = {"jahr", "berichtsjahr", "year"}
_MONTH = {"monat", "berichtsmonat", "month"}
#: unmapped columns that name a district or jobcenter (where a sum row says "Summe")
_KEY_HEADERS = {"kreis", "landkreis", "jobcenter", "region", "gebiet", "kreisname", "bezeichnung", "name", "traeger"}
_KEYISH = {"jobcenter_id", "ags", "name", "short_name", "budget_id", "event_id", "fact_id"}


@dataclass
class Options:
    """`--quelle` / `--stand` of `kjc-tui load`: source and as-of for files that have no such columns."""

    source: str | None = None
    stand: date | None = None

    def __bool__(self) -> bool:
        return bool(self.source or self.stand)


def _score(cells: list[str]) -> int:
    """header_score with Quelle/Stand counted as if present (an office file often lacks them)."""
    return header_score([*cells, "Quelle", "Stand"]) - 2 + sum(
        normalise_header(c) in ("quelle", "stand", "source", "as of") for c in cells)


def _read(data: bytes, name: str) -> tuple[RawTable, str | None]:
    """The table of the file: for a workbook, the sheet whose header fits best (and a note saying which),
    with that sheet's name where the workbook has several."""
    if data[:4] != b"PK\x03\x04":
        try:
            return read_bytes(data, name, _score), None
        except ReadError as e:
            raise refused_read(e, name) from None
    with workbook(data, name) as wb:
        best: tuple[int, int, str] | None = None   # (score, header line, sheet)
        for ws in wb.worksheets:
            for i, row in first_rows(ws, MAX_HEADER_SCAN):
                s = _score([text(c) for c in row])
                if s >= 2 and (best is None or s > best[0]):
                    best = (s, i, ws.title)
        if best is None:
            raise Refused([Problem(name, None, None, None, "no_sheet_header")])
        _, hline, title = best
        ws = wb[title]
        header: list[str] = []
        rows: list[tuple[int, list[Any]]] = []
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if i < hline:
                continue
            cells = ["" if v is None else v for v in row]
            if i == hline:
                header = [text(c) for c in cells]
                while header and not header[-1]:
                    header.pop()
                continue
            if any(text(c) for c in cells):
                rows.append((i, list(cells[:len(header)]) + [""] * (len(header) - len(cells))))
        notes = []
        if len(wb.worksheets) > 1:
            others = [repr(w.title) for w in wb.worksheets if w.title != title]
            notes.append(Note("note.sheet_chosen", {"sheet": repr(title), "others": ", ".join(others)}))
        return (RawTable(name, "xlsx", header, rows, header_line=hline, decimal=",", notes=notes),
                title if len(wb.worksheets) > 1 else None)


def _month(cell: Any) -> int | None:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell).is_integer():
        return int(cell) if 1 <= cell <= 12 else None
    s = text(cell).lower().rstrip(".")
    if s.isdigit():
        return int(s) if 1 <= int(s) <= 12 else None
    return MONTHS.get(s)


def _year(cell: Any) -> int | None:
    s = text(cell)
    return int(s) if re.fullmatch(r"(19|20)\d\d", s) else None


def _cell_text(v: Any) -> str:
    """A workbook cell as the CSV writes it: numbers with a decimal comma, dates ISO."""
    if isinstance(v, bool):
        return "ja" if v else "nein"
    if isinstance(v, (int, float)):
        return fmt.excel(v) if math.isfinite(v) else str(v)
    if isinstance(v, (date, datetime)):
        return v.date().isoformat() if isinstance(v, datetime) else v.isoformat()
    return "" if v is None else str(v)


@dataclass
class Normalised:
    """An office file rewritten for the ingest: the CSV, the notes for the summary and, for a workbook, where
    each of the CSV's columns was in the sheet (so messages name the cell: "Blatt 'Personal', Zelle C5")."""

    body: bytes
    notes: list[Note]
    #: the sheet's name where the workbook has several (None: one sheet, or a CSV)
    sheet: str | None = None
    #: header label of the CSV -> column index (0 = A) in the sheet; empty for a CSV
    columns: dict[str, int] = field(default_factory=dict)


def normalise(data: bytes, name: str, options: Options, table_name: str | None = None) -> Normalised | None:
    """The file rewritten for the ingest and the notes for the summary, or None when nothing needs changing."""
    if sniff_format(data, name) not in ("csv", "xlsx"):
        return None    # JSON and Parquet come from programs, not from office desks
    raw, sheet = _read(data, name)
    notes = list(raw.notes)
    changed = bool(notes) or bool(options)
    header = list(raw.header)
    folded = [normalise_header(h) for h in header]
    problems: list[Problem] = []
    # Jahr + Monat -> Zeitraum
    year_i = next((i for i, f in enumerate(folded) if f in _YEAR), None)
    month_i = next((i for i, f in enumerate(folded) if f in _MONTH), None)
    merge = year_i is not None and month_i is not None
    if year_i is not None and month_i is not None:
        notes.append(Note("note.year_and_month", {"year": repr(header[year_i]), "month": repr(header[month_i])}))
        changed = True
    # the table, to know which columns may be empty and which are keys
    probe = RawTable(raw.name, raw.format, _merged_header(header, year_i, month_i) if merge else header, [],
                     raw.header_line, raw.decimal)
    has_source = any(f in ("quelle", "source", "url", "quelle url") for f in folded)
    has_stand = any(f in ("stand", "as of", "asof", "datum stand") for f in folded)
    extra = []
    if not has_source:
        extra.append("Quelle")
    if not has_stand:
        extra.append("Stand")
    probe.header = probe.header + extra
    table, mapping, found = recognise(probe, table_name)
    if found:
        return None   # not an office file this module can help with: the ingest says why
    if extra and table.sourced:
        missing = [("--quelle", "Quelle", "source", options.source), ("--stand", "Stand", "as_of", options.stand)]
        lacking = [(opt, Label(table.name, col)) for opt, head, col, given in missing if head in extra and not given]
        if lacking:
            params = {f"{k}{n}": v for n, pair in enumerate(lacking, 1) for k, v in zip(("option", "column"), pair)}
            raise Refused([Problem(name, raw.header_line or None, [c for _, c in lacking], None,
                                   f"office_lacks_{len(lacking)}", params)])
        changed = True
    by_pos = dict(mapping)
    key_pos = {i for i, col in by_pos.items() if col in _KEYISH or col == "_ags"}
    key_pos |= {i for i, f in enumerate(probe.header) if normalise_header(f) in _KEY_HEADERS and i not in by_pos}
    if not key_pos and 0 not in by_pos:
        key_pos = {0}
    nullable = {i for i, col in by_pos.items()
                if col in table.column_map and not table.column(col).required}
    out_rows: list[tuple[int, list[str]]] = []
    sums: list[str] = []

    def at(i: int | None, line: int) -> dict[str, Any]:
        """Where a cell of the sheet is, for a problem ("Blatt 'BG 2025', Zelle D8"); nothing for a CSV."""
        if raw.format != "xlsx" or i is None:
            return {}
        from openpyxl.utils import get_column_letter

        return {"cell": f"{get_column_letter(i + 1)}{line}", "sheet": sheet}

    blanks = 0
    for line, cells in raw.rows:
        cells = list(cells) + [""] * (len(header) - len(cells))
        if merge:
            y, m = _year(cells[year_i]), _month(cells[month_i])   # type: ignore[index]
            if y is None:
                problems.append(Problem(name, line, header[year_i], text(cells[year_i]),   # type: ignore[index]
                                        "office_not_a_year", **at(year_i, line)))
            if m is None:
                problems.append(Problem(name, line, header[month_i], text(cells[month_i]),  # type: ignore[index]
                                        "office_not_a_month", **at(month_i, line)))
            period = f"{y}-{m:02d}" if y and m else ""
            cells = [c for i, c in enumerate(cells) if i not in (year_i, month_i)] + [period]
        out = [_cell_text(c) for c in cells]
        said = next((out[i] for i in sorted(key_pos) if i < len(out) and _SUM.match(normalise_header(out[i]))), None)
        if said is not None:
            sums.append(f"{line} ({said!r})")
            changed = True
            continue
        for i in nullable:
            if i < len(out) and out[i].strip().lower() in NO_VALUE:
                out[i] = ""
                blanks += 1
                changed = True
        if not has_source and options.source:
            out.append(options.source)
        if not has_stand and options.stand:
            out.append(options.stand.isoformat())
        out_rows.append((line, out))
    if problems:
        raise Refused(problems[:100], max(0, len(problems) - 100))
    if not changed:
        return None
    if sums:
        notes.append(Note("note.sum_rows", {"lines": ", ".join(sums[:10]) + (" …" if len(sums) > 10 else "")}))
    if blanks:
        notes.append(Note("note.blanks", {"n": blanks}))
    if extra and options:
        notes.append(Note(f"note.from_options_{len(extra)}",
                          {f"column{n}": Label(table.name, "source" if e == "Quelle" else "as_of")
                           for n, e in enumerate(extra, 1)}))
    out_header = probe.header[:len(probe.header) - len(extra)] + [e for e in extra if
                                                                  (e == "Quelle" and options.source) or
                                                                  (e == "Stand" and options.stand)]
    columns = {h: i for i, h in reversed(list(enumerate(header)))} if raw.format == "xlsx" else {}
    return Normalised(_csv(out_header, out_rows, raw.header_line), notes, sheet,
                      {h: columns[h] for h in out_header if h in columns})


def _merged_header(header: list[str], year_i: int | None, month_i: int | None) -> list[str]:
    return [h for i, h in enumerate(header) if i not in (year_i, month_i)] + ["Zeitraum"]


def _csv(header: list[str], rows: list[tuple[int, list[str]]], header_line: int) -> bytes:
    """`;`-separated UTF-8 with every row on its original line (blank lines in between are skipped by the reader)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("\n" * (max(1, header_line) - 1))
    w.writerow(header)
    line = max(1, header_line) + 1
    for row_line, cells in rows:
        if row_line > line:
            out.write("\n" * (row_line - line))
            line = row_line
        w.writerow(cells)
        line += 1 + sum(c.count("\n") for c in cells)
    return out.getvalue().encode("utf-8")


def may_help(refused: Refused) -> bool:
    """Whether `normalise` could take away every problem the ingest refused a file with.

    It only drops sum rows and reads "k. A." as no value (and adds Quelle/Stand): a problem on
    another row with another value stays, so the file (read again, whole, in Python) would be
    refused anyway; then the ingest's own refusal stands at once.
    """
    sums = {p.row for p in refused.problems if _SUM.match(normalise_header(str(p.value or "")))}
    for p in refused.problems:
        value = "" if p.value is None else str(p.value).strip().lower()
        if p.row is not None and p.row not in sums and value and value not in NO_VALUE:
            return False
    return True


def needs(data: bytes, name: str, options: Options) -> bool:
    """Whether a file should go through `normalise` before the ingest tries it as it is.

    Options given, a workbook with several sheets, or separate Jahr and Monat columns. (Sum rows and
    "k. A." are looked for only when the ingest refuses the file as it is: a large clean file is not
    read twice, and a workbook with one plain table streams into the ingest.)
    """
    if options:
        return True
    if data[:4] == b"PK\x03\x04":
        with workbook(data) as wb:
            if wb is None or len(wb.worksheets) != 1:
                return wb is not None
            lines = [[text(c) for c in row] for _, row in first_rows(wb.worksheets[0], MAX_HEADER_SCAN)]
    else:
        head = data[:65536].decode("utf-8", errors="replace").splitlines()[:MAX_HEADER_SCAN]
        lines = [line.split(delim) for line in head for delim in (";", ",", "\t")]
    return any({normalise_header(c) for c in cells} & _YEAR and {normalise_header(c) for c in cells} & _MONTH
               for cells in lines)

