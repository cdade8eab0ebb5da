"""Map a file's header to a table, and the problems a file is refused with.

The cells themselves are converted and checked in SQL (`rules`); here only the header:
which table a file is, which column each header cell is, what is missing or twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kjc_tui.ingest.readers import RawTable
from kjc_tui.core.schema import LOADABLE, TABLES, Table, header_index, normalise_header

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
    #: the sheet of that cell where the workbook has several
    sheet: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"{self.row_label} {self.row}")
        if self.column:
            parts.append(f"Spalte {self.column!r}")
        if self.sheet:
            parts.append(f"Blatt {self.sheet!r}")
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


