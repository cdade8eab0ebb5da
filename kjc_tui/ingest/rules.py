"""Every check of a staged file, in SQL over the whole batch, and the typed rows it yields.

`convert` turns the staging table (text) into a table of typed values with, per cell, the
reason it is refused (a code, see `problem.encode`); `problems` collects every broken rule with
the row's ordinal, in the order the rules are listed in the schema (a file's row by row, rule by
rule), and counts them; only the first `MAX_PROBLEMS` leave the database. References are checked
against the tables of the database being built (so earlier files of the same load count).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kjc_tui.core.schema import TABLES, Column, Table, figure_problem_sql, quote_ident
from kjc_tui.ingest import sqlparse as sp
from kjc_tui.ingest.problem import Label, Note, Reason, decode, encode, sql_reason
from kjc_tui.ingest.readers import MAX_FIELD
from kjc_tui.ingest.staging import Staged

MAX_PROBLEMS = 100


@dataclass
class Converted:
    """A staged file converted into `relation`: `f_<column>` typed values, ready to insert."""

    table: Table
    relation: str
    columns: list[str]
    #: the file's header for each column (messages name the file's own headers)
    header_of: dict[str, str]
    rows: int = 0
    #: column -> SQL that is true where the column's cell was refused (its other rules are not checked)
    failed: dict[str, str] = field(default_factory=dict)
    #: header positions whose cells may be refused (`k<i>_e`); the others all passed the short branch
    errors: set[int] = field(default_factory=set)
    #: the staging table with the cells as written
    staging: str = ""
    notes: list[Note] = field(default_factory=list)


class NeedsText(Exception):
    """A column DuckDB read typed holds a value the rules read otherwise (a year before 1000, a number
    that is not finite or not whole): the file must be checked from its text."""


def _norm(x: str) -> str:
    """`schema.normalise_header` in SQL (for choice values)."""
    s = f"lower({sp.strip(x)})"
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = f"replace({s}, '{a}', '{b}')"
    return f"trim(regexp_replace(strip_accents({s}), '[^a-z0-9]+', ' ', 'g'))"


def _text_layers(col: Column, raw: str, out: str) -> list[sp.Layer]:
    from kjc_tui.core.schema import normalise_header

    s = f"_{out}s"
    layers: list[sp.Layer] = [[(s, f"nullif({sp.strip(raw)}, '')")]]
    value = s
    if col.choices:
        whens = [f"WHEN {sp.lit(normalise_header(c))} THEN {sp.lit(c)}" for c in col.choices]
        whens += [f"WHEN {sp.lit(normalise_header(a))} THEN {sp.lit(c)}" for a, c in col.synonyms]
        value = (f"CASE WHEN {s} IN ({', '.join(map(sp.lit, col.choices))}) THEN {s} "
                 f"WHEN {_norm(s)} <> '' THEN CASE {_norm(s)} {' '.join(whens)} END END")
    reasons = [f"WHEN contains({raw}, chr(0)) THEN 'nul'"]
    if col.choices:
        reasons.append(f"WHEN {s} IS NOT NULL AND {value} IS NULL THEN "
                       + sp.lit(encode("not_allowed", {"choices": ", ".join(col.choices)})))
    if col.pattern:
        bad = f"{s} IS NOT NULL AND NOT regexp_matches({value}, {sp.lit(col.pattern)})"
        if col.name == "ags":
            reasons.append(f"WHEN {bad} AND regexp_full_match({s}, '[0-9]{{4}}') THEN 'ags_four_digits'")
        reasons.append(f"WHEN {bad} THEN 'bad_format'")
    layers.append([(f"{out}_e", "CASE " + " ".join(reasons) + " END"), (f"{out}_v0", value)])
    layers.append([(f"{out}_v", f"CASE WHEN {out}_e IS NULL THEN {out}_v0 END")])
    return layers


def _cell_layers(col: Column, raw: str, out: str, decimal: str | None) -> list[sp.Layer]:
    if col.type == "text":
        return _text_layers(col, raw, out)
    if col.type == "float":
        return sp.number_layers(raw, out, decimal)
    if col.type == "int":
        return sp.int_layers(raw, out, decimal)
    if col.type == "date":
        return sp.date_layers(raw, out)
    if col.type == "bool":
        return sp.bool_layers(raw, out)
    raise ValueError(col.type)


def _filled(n: int, types: dict[int, str] | None = None) -> str:
    """Some cell not empty and not only white space (an Excel row of separators is not a row).

    Written as a filter DuckDB evaluates from the left, only as far as it must: the first filled
    cell decides the common row, the whole row is looked at only when that cell is white space.
    A typed cell (`types`) is filled when it is not NULL.
    """
    typed = [f"c{i} IS NOT NULL" for i in range(n) if types and i in types]
    texts = [f"c{i}" for i in range(n) if not types or i not in types]
    if not texts:
        return "(" + " OR ".join(typed) + ")"
    cells = ", ".join(texts)
    first = f"coalesce({cells})"
    return ("(" + "".join(f"{t} OR " for t in typed)
            + f"({first} IS NOT NULL AND (unicode({first}) BETWEEN 33 AND 126 OR regexp_matches({first}, "
            f"'[^{sp.WS[1:-1]}]') OR regexp_matches(concat_ws('', {cells}), '[^{sp.WS[1:-1]}]'))))")


def _odd_row(cells: list[str]) -> str:
    """True where one of `cells` (text columns) has white space at an end or a NUL anywhere.

    One regular expression over the row's cells joined by chr(1) decides it for all of them (a cell
    holding chr(1) itself only makes the row odd, never hides one): the common row has none, and its
    text cells take the short branch without a test of their own.
    """
    if not cells:
        return "false"
    return (f"regexp_matches(concat_ws(chr(1), {', '.join(cells)}), "
            f"'(?:^|\\x01){sp.WS}|{sp.WS}(?:\\x01|$)|\\x00')")


def _typed_value(col: Column, x: str) -> str:
    """The value of a cell DuckDB read typed, NULL where the rules would read its text otherwise."""
    if col.type == "date":   # DuckDB reads "24" and "0024" as the year 24, the rules "24" as 2024
        return f"CASE WHEN year({x}) >= 1000 THEN {x} END"
    if col.type == "int":
        return f"CASE WHEN isfinite({x}) AND {x} = trunc({x}) AND abs({x}) <= 4611686018427387904 THEN CAST({x} AS BIGINT) END"
    return f"CASE WHEN isfinite({x}) THEN {x} + 0.0 END"   # + 0.0: -0 is 0, as the rules read it


def _fast(col: Column, x: str, decimal: str | None, odd: str = "false") -> str:
    """The value of a cell in the common spellings (else NULL: then the full rules run for that cell).

    Numbers: digits with groups of three and the file's decimal separator; dates: 22.02.2024 and
    2024-02-22 of real days; text in its choices and pattern, in a row where `odd` is false (no text
    cell with surrounding white space or a NUL, see `_odd_row`).
    """
    d = decimal or ","
    t = "." if d == "," else ","
    if col.type in ("float", "int"):
        # up to 18 digits: DuckDB and Python both round the same decimal string correctly
        intpart = f"-?(?:[0-9]{{1,3}}(?:\\{t}[0-9]{{3}})+|[0-9]{{1,18}})"
        # an exponent of at most two digits keeps the value finite (1e117 at most)
        pattern = intpart if col.type == "int" else f"{intpart}(?:\\{d}[0-9]{{1,25}})?(?:[eE][+-]?[0-9]{{1,2}})?"
        digits = f"replace({x}, '{t}', '')"
        value = (f"CAST({digits} AS BIGINT)" if col.type == "int" else
                 f"CAST(replace({digits}, '{d}', '.') AS DOUBLE) + 0.0" if d == "," else f"CAST({digits} AS DOUBLE) + 0.0")
        return f"CASE WHEN regexp_full_match({x}, '{pattern}') THEN {value} END"
    if col.type == "date":
        return (f"CASE WHEN regexp_full_match({x}, '[0-9]{{2}}\\.[0-9]{{2}}\\.[0-9]{{4}}') AND NOT ends_with({x}, '0000') "
                f"THEN try(make_date(TRY_CAST(substr({x}, 7, 4) AS INTEGER), TRY_CAST(substr({x}, 4, 2) AS INTEGER), "
                f"TRY_CAST(substr({x}, 1, 2) AS INTEGER))) "
                f"WHEN regexp_full_match({x}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') AND NOT starts_with({x}, '0000') "
                f"THEN try(make_date(TRY_CAST(substr({x}, 1, 4) AS INTEGER), TRY_CAST(substr({x}, 6, 2) AS INTEGER), "
                f"TRY_CAST(substr({x}, 9, 2) AS INTEGER))) END")
    conds = [f"{x} IN ({', '.join(map(sp.lit, col.choices))})" if col.choices else f"NOT {odd}"]
    if col.pattern:
        conds.append(f"regexp_matches({x}, {sp.lit(col.pattern)})")
    return f"CASE WHEN {' AND '.join(conds)} THEN {x} END"


def _outputs(col: Column) -> list[str]:
    return ["v", "e"] + (["q"] if col.type in ("float", "int") else []) + (["p2"] if col.type == "date" else [])


def _cell_columns(col: Column, i: int, fast: str, slow: str | None, figure: bool) -> list[str]:
    """The select list of header position `i` in the converted rows: `k<i>_v` and `k<i>_e`, `k<i>_q` for
    numbers, `k<i>_u` for figures, `k<i>_p2` for dates (see `_outputs`).

    `fast` is the short branch's value; `slow` the alias of the column's side table (cells the short
    branch missed, with every rule), None where no cell needs it: then the short branch is all there is.
    """
    def pick(name: str, with_slow: str, without: str) -> str:
        return f"{with_slow if slow else without} AS k{i}_{name}"

    s, null = f"{slow}.k{i}", "CAST(NULL AS VARCHAR)"
    cols = [pick("v", f"coalesce({s}_v, {fast})", fast), pick("e", f"{s}_e", null)]
    if col.type in ("float", "int"):
        cols.append(pick("q", f"{s}_q", null))
    if figure:
        cols.append(pick("u", f"{s}_u", f"CAST(NULL AS {'BIGINT' if col.type == 'int' else 'DOUBLE'})"))
    if col.type == "date":
        cols.append(pick("p2", f"coalesce({s}_p2, 'day')", "'day'"))
    return cols


def long_fields(con: Any, staged: Staged) -> list[int]:
    """Ordinals of rows with a field longer than MAX_FIELD characters (at most MAX_PROBLEMS)."""
    texts = [i for i in range(len(staged.header)) if i not in staged.types]
    if not texts:
        return []
    longest = f"greatest({', '.join(f'coalesce(length(c{i}), 0)' for i in texts)})" if len(texts) > 1 \
        else f"coalesce(length(c{texts[0]}), 0)"
    rows = con.execute(f"SELECT _r FROM {staged.relation} WHERE {longest} > {MAX_FIELD} ORDER BY 1 "
                       f"LIMIT {MAX_PROBLEMS}").fetchall()
    return [r for (r,) in rows]


def convert(con: Any, staged: Staged, table: Table, mapping: dict[int, str], relation: str) -> Converted:
    """Create `relation` with every cell converted and checked (see module doc).

    Cells in their common spelling are converted in one pass, which also marks the cells it does
    not take. Only if there are any (usually none), those go through every rule of `sqlparse` in a
    side table per column, and a second pass joins them in by row. `relation` holds per row: `_r`
    (and `_line`), the reason a cell is refused (`k<i>_e`, for columns that had such cells) and the
    values (`f_<column>`); the cells as written stay in the staging table, for messages.
    """
    header = staged.header
    by_col = {c: i for i, c in mapping.items()}
    col_of = {i: (TABLES["districts"].column("ags") if c == "_ags" else table.column(c)) for i, c in mapping.items()}
    # a cell in a column of choices takes the short branch only as one of them, which has no white space
    texts = [f"c{i}" for i in sorted(mapping) if col_of[i].type == "text" and not col_of[i].choices]
    src = f"(SELECT *, {_odd_row(texts)} AS _odd FROM {staged.relation} WHERE {_filled(len(header), staged.types)})"
    inner: list[str] = ["st._r"] + (["st._line"] if staged.has_line else [])
    typed = [i for i in sorted(mapping) if col_of[i].type != "bool"]
    fast_of = {i: _typed_value(col_of[i], f"st.c{i}") if i in staged.types else
               _fast(col_of[i], f"st.c{i}", staged.decimal, "st._odd") for i in typed}
    inner0 = list(inner)
    header_of = {col: header[i] for i, col in mapping.items()}
    header_of.setdefault("jobcenter_id", header[by_col["_ags"]] if "_ags" in by_col else "jobcenter_id")
    #: header position of each figure in the file -> (qualifier column, upper column)
    figs = {by_col[f]: (q, u) for f, q, u in table.figures if f in by_col}
    # a table whose `qualifier` belongs to no single figure (targets) keeps one for the row
    row_qualifier = "qualifier" in table.column_map and not table.column("qualifier").qualifier_of

    def build(needs_slow: set[int], mark: bool, target: str, rows: str = "") -> tuple[list[str], list[str]]:
        """Create `target` from the staged rows (those `rows` names, else all); cells of the columns in
        `needs_slow` that the short branch misses take every rule."""
        src_rows = f"(SELECT * FROM {src} st WHERE {rows})" if rows else src
        inner = list(inner0)
        joins = ""
        slow_tables: list[str] = []
        for i in sorted(mapping):
            col = col_of[i]
            if col.type == "bool":
                inner += [f"{expr} AS {alias}" for alias, expr in sp.bool_layers(f"st.c{i}", f"k{i}")[0]]
                continue
            fast = fast_of[i]
            where = f"st.c{i} IS NOT NULL AND ({fast}) IS NULL"
            if i in needs_slow:
                slow = f"{relation}_slow{i}"
                slow_tables.append(slow)
                slow_cols = ", ".join(["_r"] + [f"k{i}_{o}" for o in _outputs(col) + (["u"] if i in figs else [])])

                def cell(raw: str, out: str, col: Column = col) -> list[sp.Layer]:
                    return _cell_layers(col, raw, out, staged.decimal)

                layers = (sp.range_layers(f"c{i}", f"k{i}", cell) if i in figs
                          else _cell_layers(col, f"c{i}", f"k{i}", staged.decimal))
                con.execute(f"CREATE OR REPLACE TEMP TABLE {slow} AS SELECT {slow_cols} FROM "
                            f"{sp.stack(f'(SELECT st._r, st.c{i} FROM {src_rows} st WHERE {where})', layers)} _s")
                joins += f" LEFT JOIN {slow} s{i} ON s{i}._r = st._r"
            inner += _cell_columns(col, i, fast, f"s{i}" if i in needs_slow else None, i in figs)
        if mark and typed:   # bit k: the k-th typed column has a cell the short branch did not take
            inner += [f"st.c{i} IS NOT NULL AS _n{i}" for i in typed]
            slow_mark = ("(" + " + ".join(f"CASE WHEN _n{i} AND k{i}_v IS NULL THEN {1 << k} ELSE 0 END"
                                          for k, i in enumerate(typed)) + ")::BIGINT AS _slow")
        else:
            slow_mark = "0::BIGINT AS _slow"
        converted = f"(SELECT {', '.join(inner)} FROM {src_rows} st{joins})"
        columns = [c.name for c in table.columns
                   if c.name in by_col or c.default is not None or (c.name == "jobcenter_id" and "_ags" in by_col)]
        # a figure written "über 270" or "400–500" fills its qualifier and upper columns too
        for fig, q_col, u_col in table.figures:
            if fig in columns:
                columns += [c for c in (q_col, u_col) if c not in columns]
        if row_qualifier and "qualifier" not in columns:
            columns.append("qualifier")
        # the cells as written stay in the staging table (messages fetch the few they show from there)
        keep = ["_r"] + (["_line"] if staged.has_line else []) + [f"k{i}_e" for i in sorted(mapping)] + [slow_mark]
        final: list[str] = []
        precision_col = next((f"k{by_col[c]}_p2" for c in ("period", "date") if c in by_col), None)
        quals = [f"k{i}_q" for i in sorted(mapping) if col_of[i].type in ("float", "int")]
        join = ""
        for i, (q_col, _) in figs.items():   # the qualifier in the figure's cell, against a given one
            if q_col in by_col:
                final.append(f"k{i}_q AS q_{mapping[i]}")
        for c in table.columns:
            name = c.name
            if name == "jobcenter_id" and "_ags" in by_col:
                k = f"k{by_col['_ags']}"
                join = (f" LEFT JOIN (SELECT ags AS _a_ags, count(*) AS _a_n, min(jobcenter_id) AS _a_jc FROM jobcenters "
                        f"GROUP BY ags) _a ON _a._a_ags = {k}_v")
                final.append(f"CASE WHEN _a_n = 1 THEN _a_jc END AS f_{name}")
                final.append(f"({k}_e IS NOT NULL OR ({k}_v IS NOT NULL AND coalesce(_a_n, 0) <> 1)) AS x_{name}")
                final.append(f"{k}_v AS a_ags")
                final.append("_a_n AS a_n")
                continue
            if name not in columns:
                continue
            v = f"k{by_col[name]}_v" if name in by_col else "NULL"
            if name == "period_kind":
                v = f"coalesce({v}, {precision_col or 'NULL'}, 'day')"
            elif name == "date_precision":
                p = f"coalesce({precision_col or 'NULL'}, 'day')"
                v = f"coalesce({v}, CASE WHEN {p} = 'quarter' THEN 'month' ELSE {p} END)"
            elif c.qualifier_of in by_col:   # given, else the prefix in the figure's cell, else exact
                k = f"k{by_col[c.qualifier_of]}"
                v = f"coalesce({v}, CASE WHEN {k}_v IS NOT NULL THEN coalesce({k}_q, '=') END)"
            elif c.upper_of in by_col:
                v = f"coalesce({v}, k{by_col[c.upper_of]}_u)"
            elif name == "qualifier" and row_qualifier:
                v = f"coalesce({v}, {', '.join(quals + [sp.lit('=')])})"
            elif c.default is not None:
                v = f"coalesce({v}, {sp.lit(c.default)})"
            final.append(f"{v} AS f_{name}")
        con.execute(f"CREATE OR REPLACE TEMP TABLE {target} AS SELECT {', '.join(keep + final)} "
                    f"FROM {converted} _c{join}")
        return slow_tables, columns

    # first pass: the short branch for every cell, marking the rows with cells it did not take
    slow_tables, columns = build(set(), True, relation)
    mask = con.execute(f"SELECT bit_or(_slow) FROM {relation}").fetchone()[0] or 0
    needs_slow = {i for k, i in enumerate(typed) if mask >> k & 1}
    if needs_slow & set(staged.types):
        con.execute(f"DROP TABLE {relation}")
        raise NeedsText()
    if needs_slow:   # only then: those rows again, their odd cells through every rule, in place of the first
        fix = f"{relation}_fix"
        slow_tables, _ = build(needs_slow, False, fix, f"st._r IN (SELECT _r FROM {relation} WHERE _slow <> 0)")
        con.execute(f"DELETE FROM {relation} WHERE _slow <> 0")
        con.execute(f"INSERT INTO {relation} SELECT * FROM {fix}")
        slow_tables.append(fix)
    for t in slow_tables:
        con.execute(f"DROP TABLE {t}")
    rows = con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
    errors = {i for i in mapping if i in needs_slow or col_of[i].type == "bool"}
    return Converted(table, relation, columns, header_of, rows, failed={
        c.name: ("x_jobcenter_id" if c.name == "jobcenter_id" and "_ags" in by_col else
                 f"(k{by_col[c.name]}_e IS NOT NULL)" if c.name in by_col and by_col[c.name] in errors else "false")
        for c in table.columns}, errors=errors, staging=staged.relation)


def problems(con: Any, conv: Converted, mapping: dict[int, str], header: list[str],
             today_sql: str = "current_date", typed: set[str] | None = None
             ) -> tuple[int, list[tuple[int, str | None, Any, Reason, int | None]]]:
    """(number of problems, the first MAX_PROBLEMS as (ordinal, column, value, reason, first ordinal of a key)).

    A rule's reason is known here (`fixed`: its code and parameters, and whether the SQL gives a
    reason inside it) or given by the SQL (a code, or parameters taken from the row).

    Raises `NeedsText` when one of them would show a cell of a column DuckDB read typed (`typed`).
    """
    t = conv.table
    rel = conv.relation
    by_col = {c: i for i, c in mapping.items()}
    parts: list[str] = []
    #: seq -> (code, parameters, whether the SQL's reason goes inside as "reason")
    fixed: dict[int, tuple[str, dict[str, Any], bool]] = {}

    def add(seq: int, column: str | None, value: str, reason: str | tuple[str, dict[str, Any]], where: str,
            sql: str = "NULL", inner: bool = False) -> None:
        """One rule: rows where `where` holds get `reason` (a code and parameters, or a SQL expression for
        one; with `sql`, parameters from the row, or with `inner` a reason inside); `value` names where the
        cell shown is kept."""
        if isinstance(reason, str):
            sql = reason
        else:
            fixed[seq] = (*reason, inner)
        parts.append(f"SELECT _r, {seq} AS seq, {sp.lit(column) if column is not None else 'NULL'} AS col, "
                     f"{sp.lit(value)} AS src, CAST({sql} AS VARCHAR) AS reason, CAST(NULL AS BIGINT) AS first_r "
                     f"FROM {rel} WHERE {where}")

    def label(name: str) -> Label:
        return Label("districts", "ags") if name == "_ags" else Label(t.name, name)

    for i in sorted(conv.errors):
        add(1000 + i, header[i], f"c{i}", ("cell", {"label": label(mapping[i])}), f"k{i}_e IS NOT NULL",
            f"k{i}_e", inner=True)
    if "_ags" in by_col:
        k = f"k{by_col['_ags']}"
        add(2000, conv.header_of["jobcenter_id"], "a_ags",
            "CASE WHEN a_n IS NULL THEN 'no_jobcenter_for_ags' ELSE 'several_jobcenters_for_ags' END",
            f"{k}_e IS NULL AND a_ags IS NOT NULL AND coalesce(a_n, 0) <> 1" if by_col["_ags"] in conv.errors
            else "a_ags IS NOT NULL AND coalesce(a_n, 0) <> 1")
    for j, c in enumerate(t.columns):
        name = c.name
        in_rec = name in by_col or (name == "jobcenter_id" and "_ags" in by_col) or name in conv.columns
        if name not in conv.columns and not in_rec:
            continue
        raw = (f"c{by_col[name]}" if name in by_col else
               f"c{by_col['_ags']}" if name == "jobcenter_id" and "_ags" in by_col else f"f_{name}")
        v = f"f_{name}"
        ok = f"NOT {conv.failed[name]}"
        head = conv.header_of.get(name, name)
        if c.required and (name in by_col or (name == "jobcenter_id" and "_ags" in by_col)):
            add(3000 + 10 * j, head, raw, ("required", {"label": label(name)}), f"{ok} AND {v} IS NULL")
        # the bounds as written in the schema (years among them: 2005, not 2.005)
        if c.type in ("int", "float") and c.minimum is not None:
            add(3001 + 10 * j, head, raw, ("below_minimum", {"label": label(name), "bound": f"{c.minimum:g}"}),
                f"{ok} AND {v} < {c.minimum!r}")
        if c.type in ("int", "float") and c.maximum is not None:
            add(3002 + 10 * j, head, raw, ("above_maximum", {"label": label(name), "bound": f"{c.maximum:g}"}),
                f"{ok} AND {v} > {c.maximum!r}")
        if c.ref is not None:
            rt, rc = c.ref
            add(3003 + 10 * j, head, raw, (f"unknown.{rt}", {}),
                f"{ok} AND {v} IS NOT NULL AND {v} NOT IN (SELECT {quote_ident(rc)} FROM {quote_ident(rt)} "
                f"WHERE {quote_ident(rc)} IS NOT NULL)")
    if t.name == "jobcenters":
        from kjc_tui.core.schema import JOBCENTER_REQUIRED_UNLESS_PEER

        peer = "coalesce(f_peer, false)" if "peer" in conv.columns else "false"
        for name in JOBCENTER_REQUIRED_UNLESS_PEER:
            present = name in conv.columns
            add(3900 + t.columns.index(t.column(name)), conv.header_of.get(name, name),
                _raw(by_col, name) if present else "",
                ("required_unless_peer", {"label": label(name), "peer": Label(t.name, "peer")}),
                (f"f_{name} IS NULL AND " if present else "") + f"NOT {conv.failed[name]} AND NOT {peer}")
        if "peer" in conv.columns and "ags" in conv.columns:
            add(3950, conv.header_of.get("ags", "ags"), _raw(by_col, "ags"),
                ("peer_with_ags", {}), f"{peer} AND f_ags IS NOT NULL AND NOT {conv.failed['ags']}")
    if t.measures:
        measures = [m for m in t.measures if m in conv.columns]
        none_failed = " AND ".join(f"NOT {conv.failed[m]}" for m in t.measures) or "true"
        all_null = " AND ".join(f"f_{m} IS NULL" for m in measures) or "true"
        add(4000, None, "", ("no_measure", {"labels": [label(m) for m in t.measures]}),
            f"{none_failed} AND {all_null}")
    if t.name == "indicators" and "value" in conv.columns:
        unit = "(SELECT unit FROM indicator_defs d WHERE d.code = f_indicator LIMIT 1)"
        add(4100, conv.header_of.get("value", "value"), "c" + str(by_col["value"]) if "value" in by_col else "f_value",
            f"CASE WHEN {unit} = 'percent' THEN {sql_reason('percent_out_of_range', code='f_indicator')} "
            f"ELSE {sql_reason('negative_count', code='f_indicator')} END",
            f"NOT {conv.failed['indicator']} AND NOT {conv.failed['value']} AND f_value IS NOT NULL AND (({unit} = 'percent' AND NOT f_value "
            f"BETWEEN 0 AND 100) OR ({unit} = 'count' AND f_value < 0))")
    if t.name == "events":
        if "end_date" in conv.columns and "date" in conv.columns:
            add(4200, conv.header_of.get("end_date", "end_date"), _raw(by_col, "end_date"),
                ("end_before_start", {}), "f_end_date < f_date")
        if "invited" in conv.columns and "participants" in conv.columns:
            add(4201, conv.header_of.get("participants", "participants"), _raw(by_col, "participants"),
                ("more_participants_than_invited", {}),
                "f_participants > f_invited AND coalesce(f_participants_qualifier, '=') = '=' "
                "AND coalesce(f_invited_qualifier, '=') = '='")
    for n, (fig, q_col, u_col) in enumerate(t.figures):
        if q_col not in conv.columns:
            continue
        if q_col in by_col and fig in by_col:
            add(2500 + n, conv.header_of[q_col], _raw(by_col, q_col),
                ("qualifier_contradicts", {"column": repr(conv.header_of[fig])}),
                f"q_{fig} IS NOT NULL AND f_{q_col} <> q_{fig}",
                sql_reason("", cell=f"coalesce((SELECT c{by_col[fig]} FROM {conv.staging} _s WHERE _s._r = {rel}._r), '')"))
        f = {c: f"f_{c}" if c in conv.columns else "NULL" for c in (fig, q_col, u_col)}
        rule = figure_problem_sql(f[fig], f[q_col], f[u_col])
        ok = " AND ".join(f"NOT {conv.failed[c]}" for c in (fig, q_col, u_col))
        for at, where in ((u_col, f"{f[u_col]} IS NOT NULL"), (q_col, f"{f[u_col]} IS NULL")):
            add(4250 + n, conv.header_of.get(at, at), _raw(by_col, at),
                ("figure", {"label": label(fig)}), f"{ok} AND {where} AND {rule} IS NOT NULL", rule, inner=True)
    if t.sourced and "as_of" in conv.columns:
        add(4300, conv.header_of.get("as_of", "as_of"), _raw(by_col, "as_of"),
            ("as_of_future", {}), f"f_as_of - {today_sql} > 366")
    prob = f"{rel}_prob"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {prob} AS " + " UNION ALL ".join(parts))
    key = [f"f_{k}" for k in t.key]
    dups = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {rel} GROUP BY {', '.join(key)} HAVING count(*) > 1)"
                       ).fetchone()[0]
    if dups:
        keys_text = " || ' / ' || ".join(f"coalesce(CAST({k} AS VARCHAR), 'None')" for k in key)
        key_cols = ", ".join(conv.header_of.get(k, k) for k in t.key)
        con.execute(
            f"INSERT INTO {prob} SELECT _r, 9000, {sp.lit(key_cols)}, {keys_text}, NULL, _first FROM ("
            f"SELECT _r, {', '.join(key)}, min(_r) OVER (PARTITION BY {', '.join(key)}) AS _first FROM {rel} "
            f"WHERE _r NOT IN (SELECT _r FROM {prob})) WHERE _r <> _first")
    total = con.execute(f"SELECT count(*) FROM {prob}").fetchone()[0]
    rows = con.execute(f"SELECT _r, col, src, reason, first_r, seq FROM {prob} ORDER BY _r, seq "
                       f"LIMIT {MAX_PROBLEMS}").fetchall() if total else []
    con.execute(f"DROP TABLE {prob}")
    # a contradicting qualifier (2500…) quotes the figure's cell in its reason
    if typed and any((src in typed and first_r is None) or 2500 <= seq < 2600
                     for _r, _col, src, _reason, first_r, seq in rows):
        raise NeedsText()
    return total, _shown(con, conv, [(r, col, src, _reason(fixed.get(seq), reason), first)
                                     for r, col, src, reason, first, seq in rows])


def _reason(fixed: tuple[str, dict[str, Any], bool] | None, sql: str | None) -> Reason:
    """A rule's reason from its fixed part and what its SQL gave (see `problems`)."""
    given = decode(sql) if sql else ("", {})
    if fixed is None:
        return Reason(*given)
    code, params, inner = fixed
    return Reason(code, {**params, "reason": Reason(*given)} if inner else {**params, **given[1]})


def _shown(con: Any, conv: Converted, found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The reported problems with the value each shows: a cell as written (staging table), a value, or a key."""
    values: dict[tuple[str, int], Any] = {}
    for src in {f[2] for f in found if f[2] and f[4] is None}:
        table = conv.staging if src.startswith("c") else conv.relation
        rs = [f[0] for f in found if f[2] == src]
        for r, v in con.execute(f"SELECT _r, CAST({src} AS VARCHAR) FROM {table} WHERE _r IN "
                                f"(SELECT unnest(?::BIGINT[]))", [rs]).fetchall():
            values[(src, r)] = v
    return [(r, col, src if first is not None else values.get((src, r)), reason, first)
            for r, col, src, reason, first in found]


def _raw(by_col: dict[str, int], name: str) -> str:
    return f"c{by_col[name]}" if name in by_col else f"f_{name}"


def upsert(con: Any, conv: Converted) -> int:
    """Rows with a key already in the table replace it; the others are added."""
    t = conv.table
    q = quote_ident(t.name)
    cond = " AND ".join(f"{q}.{quote_ident(k)} = s.f_{k}" for k in t.key)
    con.execute(f"DELETE FROM {q} USING {conv.relation} s WHERE {cond}")
    collist = ", ".join(quote_ident(c) for c in conv.columns)
    con.execute(f"INSERT INTO {q} ({collist}) SELECT {', '.join(f'f_{c}' for c in conv.columns)} "
                f"FROM {conv.relation}")
    return conv.rows
