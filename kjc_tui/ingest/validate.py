"""Map a file's header to a table, or the problems why it cannot be (`problem.Problem`, as codes).

The cells themselves are converted and checked in SQL (`rules`); here only the header:
which table a file is, which column each header cell is, what is missing or twice.
"""

from __future__ import annotations

from typing import Any

from kjc_tui.ingest.problem import Label, Problem, Reason, Refused
from kjc_tui.ingest.readers import RawTable
from kjc_tui.core.schema import LOADABLE, TABLES, Table, header_index, normalise_header

_AGS_HEADERS = {normalise_header(a) for a in ("ags", "kreisschlüssel", "kreisschluessel", "regionalschlüssel",
                                             "kreis schluessel", "krs")}
_INDEX = {name: header_index(TABLES[name]) for name in LOADABLE}

__all__ = ["Problem", "Refused", "header_score", "recognise"]


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


def _measures(table: Table) -> Reason:
    return Reason("at_least_one", {"labels": [Label(table.name, m) for m in table.measures]})


def _missing(table: Table, names: list[str]) -> list[Any]:
    return [_measures(table) if n == _MEASURE else Label(table.name, n, named=True) for n in names]


#: a table that fits completely is still not taken when another table knows this many more of the columns
_OTHER_TABLE_COLUMNS = 2


def recognise(raw: RawTable, table_name: str | None = None) -> tuple[Table, dict[int, str], list[Problem]]:
    """Choose the table (given or by the columns) and map the header; problems if impossible."""
    file = raw.name
    if table_name is not None:
        from kjc_tui.core.schema import table_by_name

        table = table_by_name(table_name)
        if table is None or table.name not in LOADABLE:
            return TABLES["districts"], {}, [Problem(file, None, None, table_name, "unknown_table",
                                                     {"known": [Label(n, named=True) for n in LOADABLE]})]
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
            return t, {}, [Problem(file, raw.header_line or None, None, None, "table_not_recognised",
                                   {"table": t.name, "label": Label(t.name), "missing": _missing(t, missing)})]
        scored.sort(key=lambda x: -x[0])
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return scored[0][1], {}, [Problem(file, raw.header_line or None, None, None, "table_ambiguous",
                                              {"first": scored[0][1].name, "second": scored[1][1].name})]
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
            problems.append(Problem(file, raw.header_line or None, raw.header[i], None, "second_column",
                                    {"name": repr(col), "other": repr(raw.header[seen[col]])}))
        seen[col] = i
    for m in _missing_required(table, set(mapping.values())):
        if m == _MEASURE:
            problems.append(Problem(file, raw.header_line or None, None, None, "no_measure_column",
                                    {"measures": _measures(table)}))
            continue
        c = table.column(m)
        # the names a header may have are data (the spellings recognised), the same in either language
        problems.append(Problem(file, raw.header_line or None, Label(table.name, c.name), None, "required_column",
                                {"name": c.name, "names": ", ".join(dict.fromkeys([c.label_de, c.name, *c.aliases][:5]))}))
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
    return Problem(raw.name, raw.header_line or None, None, None, "table_rival",
                   {"chosen": Label(chosen.name, named=True), "columns": ", ".join(repr(h) for h in extra),
                    "rival": Label(rival.name, named=True), "missing": _missing(rival, missing)})


