"""Map a file's header to a table, coerce every cell, and check every rule.

The result is either a `Prepared` table of typed rows or a list of `Problem`s, each naming
file, row, column, value and reason. Nothing here touches the database except through
`Known`, the set of keys that already exist (for references).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kjc_tui.ingest.parse import (ParseError, parse_bool, parse_date, parse_int, parse_number, parse_text,
                                  split_range)
from kjc_tui.ingest.readers import RawTable
from kjc_tui.core.schema import (JOBCENTER_REQUIRED_UNLESS_PEER, LOADABLE, RANGE, TABLES, Column, Table,
                                 figure_problem, header_index, normalise_header)

MAX_PROBLEMS = 100
_AGS_HEADERS = {normalise_header(a) for a in ("ags", "kreisschlüssel", "kreisschluessel", "regionalschlüssel",
                                             "kreis schluessel", "krs")}
_INDEX = {name: header_index(TABLES[name]) for name in LOADABLE}


@dataclass
class Problem:
    """One reason a file is refused."""

    file: str
    row: int | None
    column: str | None
    value: Any
    reason: str
    row_label: str = "Zeile"
    #: the spreadsheet cell ("C5") where the file is a workbook
    cell: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"{self.row_label} {self.row}")
        if self.column:
            parts.append(f"Spalte {self.column!r}")
        if self.cell:
            parts.append(f"Zelle {self.cell}")
        if self.value is not None and self.value != "":
            v = str(self.value)
            parts.append("Wert " + repr(v if len(v) <= 60 else v[:57] + "…"))
        return ", ".join(parts) + ": " + self.reason


class Refused(Exception):
    """A file (or several) failed validation; `problems` says why (past the first hundred, a last
    problem counts the rest, so `more` stays 0 for the refusals made here)."""

    def __init__(self, problems: list[Problem], more: int = 0):
        self.problems, self.more = problems, more
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Known:
    """Keys that exist already (in the database or earlier files of the same load)."""

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
            k.ags_to_jc[ags].add(jc)
        for code, unit in con.execute("SELECT code, unit FROM indicator_defs").fetchall():
            k.values[("indicator_defs", "code")].add(code)
            k.units[code] = unit
        return k

    def add(self, prepared: "Prepared") -> None:
        t = prepared.table.name
        cols = prepared.columns
        for row in prepared.rows:
            rec = dict(zip(cols, row))
            if t == "districts":
                self.values[("districts", "ags")].add(rec["ags"])
            elif t == "jobcenters":
                self.values[("jobcenters", "jobcenter_id")].add(rec["jobcenter_id"])
                self.ags_to_jc[rec["ags"]].add(rec["jobcenter_id"])
            elif t == "indicator_defs":
                self.values[("indicator_defs", "code")].add(rec["code"])
                self.units[rec["code"]] = rec["unit"]


@dataclass
class Prepared:
    """A validated table: schema columns and typed rows ready to insert."""

    table: Table
    file: str
    columns: list[str]
    rows: list[tuple[Any, ...]]
    notes: list[str] = field(default_factory=list)


def header_score(cells: list[str]) -> int:
    """How many cells are known column names of the best-matching loadable table."""
    norm = [normalise_header(c) for c in cells if str(c).strip()]
    return max(sum(1 for n in norm if n in idx) for idx in _INDEX.values())


def _mapping(table: Table, header: list[str]) -> tuple[dict[int, str], list[int]]:
    """Header position -> column name (or "_ags" standing in for jobcenter_id), and unknown positions."""
    idx = _INDEX[table.name]
    out: dict[int, str] = {}
    unknown: list[int] = []
    has_jc = any(idx.get(normalise_header(h)) == "jobcenter_id" for h in header)
    for i, h in enumerate(header):
        n = normalise_header(h)
        if not n:
            continue
        col = idx.get(n)
        if col is None and n in _AGS_HEADERS and "jobcenter_id" in table.column_map and not has_jc:
            col = "_ags"
        if col is None:
            unknown.append(i)
        else:
            out[i] = col
    return out, unknown


#: stands in `_missing_required` for "none of the table's measures"
_MEASURE = "_measure"


def _missing_required(table: Table, mapped: set[str]) -> list[str]:
    missing = []
    for c in table.columns:
        if not c.required or c.default is not None or c.name in mapped:
            continue
        if c.name == "jobcenter_id" and "_ags" in mapped:
            continue
        missing.append(c.name)
    if table.measures and not mapped & set(table.measures):
        missing.append(_MEASURE)
    return missing


def _measures_text(table: Table) -> str:
    return "mindestens eine von " + ", ".join(table.column(m).label_de for m in table.measures)


def _missing_text(table: Table, name: str) -> str:
    return _measures_text(table) if name == _MEASURE else f"{name} ({table.column(name).label_de})"


#: a table that fits completely is still not taken when another table knows this many more of the columns
_OTHER_TABLE_COLUMNS = 2


def recognise(raw: RawTable, table_name: str | None = None) -> tuple[Table, dict[int, str], list[Problem]]:
    """Choose the table (given or by the columns) and map the header; problems if impossible."""
    file = raw.name
    if table_name is not None:
        from kjc_tui.core.schema import table_by_name

        table = table_by_name(table_name)
        if table is None or table.name not in LOADABLE:
            names = ", ".join(f"{n} ({TABLES[n].label_de})" for n in LOADABLE)
            return TABLES["districts"], {}, [Problem(file, None, None, table_name,
                                                     f"unbekannte Tabelle (bekannt: {names})")]
        candidates = [table]
    else:
        scored = []
        for name in LOADABLE:
            t = TABLES[name]
            mapping, _ = _mapping(t, raw.header)
            if not _missing_required(t, set(mapping.values())):
                scored.append((len(mapping), t))
        if not scored:
            best = max(LOADABLE, key=lambda n: len(_mapping(TABLES[n], raw.header)[0]))
            t = TABLES[best]
            missing = _missing_required(t, set(_mapping(t, raw.header)[0].values()))
            return t, {}, [Problem(file, raw.header_line or None, None, None,
                                   "Tabelle nicht erkannt: die Spalten passen zu keiner Tabelle vollständig "
                                   f"(am ehesten {t.name} / {t.label_de}, dort fehlen: "
                                   + ", ".join(_missing_text(t, m) for m in missing)
                                   + "); mit --table die Tabelle angeben")]
        scored.sort(key=lambda x: -x[0])
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            names = " oder ".join(t.name for _, t in scored[:2])
            return scored[0][1], {}, [Problem(file, raw.header_line or None, None, None,
                                              f"Tabelle nicht eindeutig ({names}); mit --table angeben")]
        rival = _better_incomplete(raw.header, scored[0][1])
        if rival is not None:
            return scored[0][1], {}, [_rival_problem(raw, scored[0][1], rival)]
        candidates = [scored[0][1]]
    table = candidates[0]
    mapping, _unknown = _mapping(table, raw.header)
    problems = []
    seen: dict[str, int] = {}
    for i, col in mapping.items():
        if col in seen:
            problems.append(Problem(file, raw.header_line or None, raw.header[i], None,
                                    f"zweite Spalte für {col!r} (schon in Spalte {raw.header[seen[col]]!r})"))
        seen[col] = i
    for m in _missing_required(table, set(mapping.values())):
        if m == _MEASURE:
            problems.append(Problem(file, raw.header_line or None, None, None,
                                    f"keine Spalte mit Zahlen ({_measures_text(table)})"))
            continue
        c = table.column(m)
        problems.append(Problem(file, raw.header_line or None, c.label_de, None,
                                f"Pflichtspalte fehlt ({c.name}; erlaubte Namen: "
                                + ", ".join(dict.fromkeys([c.label_de, c.name, *c.aliases][:5])) + ")"))
    return table, mapping, problems


def _better_incomplete(header: list[str], chosen: Table) -> Table | None:
    """Another table that knows more of the file's columns, among them several the chosen one does not know.

    Such a file is most likely that other table with a column missing (an events file without an ID
    column fits staffing's few required columns).
    """
    mine = set(_mapping(chosen, header)[0])
    best: tuple[int, Table] | None = None
    for name in LOADABLE:
        t = TABLES[name]
        theirs = set(_mapping(t, header)[0])
        if t is chosen or len(theirs) <= len(mine) or len(theirs - mine) < _OTHER_TABLE_COLUMNS:
            continue
        if best is None or len(theirs) > best[0]:
            best = (len(theirs), t)
    return best[1] if best else None


def _rival_problem(raw: RawTable, chosen: Table, rival: Table) -> Problem:
    mapping, _ = _mapping(rival, raw.header)
    extra = [raw.header[i] for i in sorted(set(mapping) - set(_mapping(chosen, raw.header)[0]))]
    missing = _missing_required(rival, set(mapping.values()))
    return Problem(raw.name, raw.header_line or None, None, None,
                   f"Tabelle nicht eindeutig erkannt: die Pflichtspalten von {chosen.name} ({chosen.label_de}) "
                   f"sind da, aber die Spalten " + ", ".join(repr(h) for h in extra)
                   + f" gehören zu {rival.name} ({rival.label_de}); dort fehlt: "
                   + ", ".join(_missing_text(rival, m) for m in missing) + "; mit --table die Tabelle angeben")


def _choice(col: Column, value: str) -> str:
    if value in (col.choices or ()):
        return value
    n = normalise_header(value)  # folds case and umlauts; empty for symbols such as "≈"
    for c in col.choices or () if n else ():
        if normalise_header(c) == n:
            return c
    for alias, canonical in col.synonyms if n else ():
        if normalise_header(alias) == n:
            return canonical
    raise ParseError("ist nicht erlaubt (erlaubt: " + ", ".join(col.choices or ()) + ")")


def _coerce(col: Column, value: Any, decimal: str | None) -> tuple[Any, str | None, str | None]:
    """(typed value, qualifier found in a number, precision found in a date)."""
    if col.type == "text":
        s = parse_text(value)
        if col.choices and s:
            s = _choice(col, s)
        if col.pattern and s and not re.fullmatch(col.pattern, s):
            if col.name == "ags" and s.isdigit() and len(s) == 4:
                raise ParseError("hat nur 4 Ziffern – führende Null verloren? (Kreisschlüssel sind fünfstellig, "
                                 "z. B. 06437; in Excel die Spalte als Text formatieren)")
            raise ParseError("hat nicht das erwartete Format")
        return s, None, None
    if col.type == "int":
        if isinstance(value, str):
            f, q = parse_number(value, decimal)
            if f != int(f):
                raise ParseError("ist keine ganze Zahl")
            if abs(f) > 2**62:
                raise ParseError("ist zu groß")
            return int(f), q, None
        return parse_int(value, decimal), None, None
    if col.type == "float":
        f, q = parse_number(value, decimal)
        return f, q, None
    if col.type == "date":
        d, precision = parse_date(value)
        return d, None, precision
    if col.type == "bool":
        return parse_bool(value), None, None
    raise ParseError(f"Typ {col.type} kann nicht geladen werden")


def prepare(raw: RawTable, table: Table, mapping: dict[int, str], known: Known) -> tuple[Prepared, list[Problem]]:
    """Coerce and check every row; returns the prepared table and all problems found."""
    file = raw.name
    problems: list[Problem] = []
    found = 0   # all problems; only the first MAX_PROBLEMS are kept, the rest counted

    def problem(line: int, column: str | None, value: Any, reason: str) -> None:
        nonlocal found
        found += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(file, line, column, value, reason, raw.row_label, _cell(raw, line, column)))

    by_col = {col: i for i, col in mapping.items()}
    columns = [c.name for c in table.columns
               if c.name in by_col or c.default is not None or (c.name == "jobcenter_id" and "_ags" in by_col)]
    # a figure written "über 270" or "400–500" fills its qualifier and upper columns too
    for fig, q_col, u_col in table.figures:
        if fig in columns:
            columns += [c for c in (q_col, u_col) if c not in columns]
    figures = {fig: (q_col, u_col) for fig, q_col, u_col in table.figures}
    # a table whose `qualifier` belongs to no single figure (targets) keeps one for the row
    row_qualifier = "qualifier" in table.column_map and not table.column("qualifier").qualifier_of
    if row_qualifier and "qualifier" not in columns:
        columns.append("qualifier")
    header_of = {col: raw.header[i] for i, col in mapping.items()}
    header_of.setdefault("jobcenter_id", raw.header[by_col["_ags"]] if "_ags" in by_col else "jobcenter_id")
    keys: dict[tuple[Any, ...], int] = {}
    rows: list[tuple[Any, ...]] = []
    ncols = len(raw.header)
    for line, cells in raw.rows:
        if len(cells) != ncols:
            problem(line, None, None, f"hat {len(cells)} Felder, die Kopfzeile hat {ncols}"
                    + (" (falsches Trennzeichen oder Anführungszeichen?)" if len(cells) > ncols else ""))
            continue
        rec: dict[str, Any] = {}
        shown: dict[str, Any] = {}  # the cell as written, for messages
        failed: set[str] = set()
        inline: dict[str, tuple[str | None, Any]] = {}   # figure -> (qualifier, upper) written in its cell
        precision: str | None = None
        n_before = found
        for col_name, i in by_col.items():
            raw_value = cells[i]
            col = TABLES["districts"].column("ags") if col_name == "_ags" else table.column(col_name)
            shown[col_name] = raw_value
            if raw_value is None or (isinstance(raw_value, str) and not raw_value.strip()):
                rec[col_name] = None
                continue
            try:
                ends = _range(col, raw_value, raw.decimal) if col_name in figures else None
                v, q, p = ends[0] if ends else _coerce(col, raw_value, raw.decimal)
            except ParseError as e:
                problem(line, raw.header[i], raw_value, f"{col.label_de} {e}")
                failed.add(col_name)
                continue
            if ends:
                inline[col_name] = (RANGE, ends[1])
            elif q and (col_name in figures or row_qualifier):
                inline[col_name] = (q, None)
            if p and col.name in ("period", "date"):
                precision = p
            rec[col_name] = v
        if "_ags" in by_col:
            ags = rec.pop("_ags", None)
            shown["jobcenter_id"] = shown.pop("_ags")
            if "_ags" in failed:
                failed.add("jobcenter_id")
            elif ags is None:
                rec["jobcenter_id"] = None
            else:
                jcs = known.ags_to_jc.get(ags, set())
                if len(jcs) == 1:
                    rec["jobcenter_id"] = next(iter(jcs))
                else:
                    problem(line, header_of["jobcenter_id"], ags,
                            "kein Jobcenter zu diesem Kreisschlüssel" if not jcs else
                            "mehrere Jobcenter zu diesem Kreisschlüssel; Jobcenter-ID angeben")
                    failed.add("jobcenter_id")
        for c in table.columns:
            if c.name not in columns:
                continue
            if rec.get(c.name) is None and c.default is not None and c.name not in failed:
                if c.name == "period_kind":
                    rec[c.name] = precision or "day"
                elif c.name == "date_precision":
                    rec[c.name] = {"quarter": "month"}.get(precision or "day", precision or "day")
                else:
                    rec[c.name] = c.default
        if row_qualifier and rec.get("qualifier") is None:
            rec["qualifier"] = next((q for q, _ in inline.values()), None) or "="
        for fig, (q_col, u_col) in figures.items():
            if fig not in columns or rec.get(fig) is None:
                continue
            q, upper = inline.get(fig, (None, None))
            if q and rec.get(q_col) not in (None, q):
                problem(line, header_of.get(q_col, q_col), shown.get(q_col),
                        f"widerspricht der Zahl in Spalte {header_of.get(fig, fig)!r} ({shown.get(fig)})")
            if rec.get(q_col) is None:
                rec[q_col] = q or "="
            if rec.get(u_col) is None and upper is not None:
                rec[u_col] = upper
        _check_row(table, rec, failed, shown, line, header_of, known, problem)
        if found > n_before:
            continue
        key = tuple(rec.get(k) for k in table.key)
        if key in keys:
            problem(line, ", ".join(header_of.get(k, k) for k in table.key),
                    " / ".join(str(k) for k in key), f"Schlüssel doppelt (schon in {raw.row_label} {keys[key]})")
            continue
        keys[key] = line
        rows.append(tuple(rec.get(c) for c in columns))
    if found > len(problems):
        problems.append(Problem(file, None, None, None, f"… und {found - len(problems)} weitere Probleme "
                                f"(aufgeführt sind die ersten {MAX_PROBLEMS})"))
    notes = list(raw.notes)
    unknown = [h for i, h in enumerate(raw.header) if i not in mapping and str(h).strip()]
    if unknown:
        # repr: a header is data too, and notes are printed to terminals
        notes.append("nicht übernommene Spalten: " + ", ".join(repr(h) for h in unknown))
    return Prepared(table, file, columns, rows, notes), problems


def _range(col: Column, value: Any, decimal: str | None) -> tuple[tuple[Any, None, None], Any] | None:
    """((lower end, None, None), upper end) of a figure written as a range, or None for a single number."""
    ends = split_range(value) if isinstance(value, str) else None
    if ends is None:
        return None
    try:
        low, q_low, _ = _coerce(col, ends[0], decimal)
        high, q_high, _ = _coerce(col, ends[1], decimal)
    except ParseError:
        return None
    if q_low or q_high:
        return None
    return (low, None, None), high


def _cell(raw: RawTable, line: int, column: str | None) -> str | None:
    """The cell reference of a workbook problem ("D5"); None for other formats or several columns."""
    if raw.format != "xlsx" or column not in raw.header:
        return None
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(raw.header.index(column) + 1)}{line}"


def _check_row(table: Table, rec: dict[str, Any], failed: set[str], shown: dict[str, Any], line: int,
               header_of: dict[str, str], known: Known, problem: Any) -> None:
    """Report every broken rule of one row; cells that failed to parse are not checked again."""
    def report(col: str, reason: str) -> None:
        problem(line, header_of.get(col, col), shown.get(col, rec.get(col)), reason)

    for c in table.columns:
        if c.name in failed:
            continue
        v = rec.get(c.name)
        if v is None:
            if c.required and (c.name in rec or c.default is None):
                report(c.name, f"{c.label_de} fehlt (Pflichtfeld)")
            continue
        if c.minimum is not None and isinstance(v, (int, float)) and v < c.minimum:
            report(c.name, f"{c.label_de} darf nicht kleiner als {c.minimum:g} sein")
        if c.maximum is not None and isinstance(v, (int, float)) and v > c.maximum:
            report(c.name, f"{c.label_de} darf nicht größer als {c.maximum:g} sein")
        if c.ref is not None and v not in known.values[c.ref]:
            what = {"districts": "Kreis", "jobcenters": "Jobcenter", "indicator_defs": "Kennzahl"}[c.ref[0]]
            report(c.name, f"unbekannter {what} (nicht in Tabelle {c.ref[0]})")
    if table.name == "jobcenters":
        for col in JOBCENTER_REQUIRED_UNLESS_PEER:
            if rec.get(col) is None and col not in failed and not rec.get("peer"):
                report(col, f"{table.column(col).label_de} fehlt (Pflichtfeld; leer nur bei einem "
                            "Vergleichs-Jobcenter außerhalb Hessens: Spalte „Vergleichs-Jobcenter“ = ja)")
        if rec.get("peer") and rec.get("ags") is not None and "ags" not in failed:
            report("ags", "ein Vergleichs-Jobcenter hat keinen Kreisschlüssel (nur die Kreise Hessens "
                          "stehen in der Datenbank)")
    if table.measures and not failed & set(table.measures) and all(rec.get(m) is None for m in table.measures):
        problem(line, None, None, f"keine Zahl angegeben ({_measures_text(table)} muss gefüllt sein)")
    if table.name == "indicators" and not failed & {"indicator", "value"} and rec.get("value") is not None:
        unit = known.units.get(rec.get("indicator") or "")
        v = rec["value"]
        if unit == "percent" and not 0 <= v <= 100:
            report("value", f"Prozentwert von {rec['indicator']} muss zwischen 0 und 100 liegen")
        elif unit == "count" and v < 0:
            report("value", f"Anzahl ({rec['indicator']}) darf nicht negativ sein")
    if table.name == "events":
        if rec.get("end_date") and rec.get("date") and rec["end_date"] < rec["date"]:
            report("end_date", "Ende liegt vor dem Beginn")
        if rec.get("invited") is not None and rec.get("participants") is not None \
                and rec["participants"] > rec["invited"] \
                and rec.get("participants_qualifier") in (None, "=") and rec.get("invited_qualifier") in (None, "="):
            report("participants", "mehr Teilnehmende als Eingeladene")
    for fig, q_col, u_col in table.figures:
        if not failed & {fig, q_col, u_col}:
            reason = figure_problem(rec.get(fig), rec.get(q_col), rec.get(u_col))
            if reason:
                report(u_col if rec.get(u_col) is not None else q_col,
                       f"{table.column(fig).label_de}: {reason}")
    as_of = rec.get("as_of")
    if table.sourced and isinstance(as_of, date) and (as_of - date.today()).days > 366:
        report("as_of", "Stand liegt mehr als ein Jahr in der Zukunft")
