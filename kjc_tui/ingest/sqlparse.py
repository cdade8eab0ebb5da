"""The value rules of `parse.py` as SQL: German numbers and dates converted over a whole column.

Each function returns *layers*: lists of ``(alias, expression)`` where an expression may use the
aliases of earlier layers. `rules.convert_sql` stacks them as nested SELECTs, so no expression
is copied into another (DuckDB evaluates each once per row, vectorised). Every conversion ends in
three columns: the typed value, the reason when the cell is refused (NULL when it is fine; its
code and parameters, see `problem.encode`), and for numbers the qualifier ("≈", ">", "<") or for
dates the precision ("day", "month", …).

`parse.py` stays the reference: `tests/test_ingest_sql.py` checks on random German spellings that
both agree on value, qualifier, precision and reason.
"""

from __future__ import annotations

from collections.abc import Callable

from kjc_tui.core.schema import RANGE
from kjc_tui.ingest.parse import _QUALIFIER_SIGNS, _QUALIFIER_WORDS, _RANGE, _UNIT_WORDS, MONTHS
from kjc_tui.ingest.problem import sql_reason

Layer = list[tuple[str, str]]

#: what Python's str.strip() and `\s` take for white space (RE2's `\s` is ASCII only)
WS = r"[\t\n\x{0b}\x{0c}\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
#: digits other than 0-9 that Python's str.isdigit() accepts (RE2 `\p{Nd}` plus super-/subscripts, circled)
OTHER_DIGITS = (r"[\p{Nd}\x{b2}\x{b3}\x{b9}\x{2070}\x{2074}-\x{2079}\x{2080}-\x{2089}\x{2460}-\x{2468}"
                r"\x{2474}-\x{247c}\x{2488}-\x{2490}\x{24f5}-\x{24fd}\x{2776}-\x{277e}\x{2780}-\x{2788}"
                r"\x{278a}-\x{2792}\x{1369}-\x{1371}\x{19da}]")
_SPACE_CHARS = r"\t\n\x{0b}\x{0c}\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}''"  # '' : the apostrophe, escaped for SQL


def lit(text: str) -> str:
    """A SQL string literal (only for constants of this module, never for user data)."""
    return "'" + text.replace("'", "''") + "'"


def strip(x: str) -> str:
    return f"regexp_replace({x}, '^{WS}+|{WS}+$', '', 'g')"


def _digit_reason(s: str) -> str:
    """The reason for a non-ASCII digit, as `parse._ascii_digits` gives it."""
    c = f"regexp_extract(regexp_replace({s}, '[0-9]', '', 'g'), '({OTHER_DIGITS})', 1)"
    hexa = f"printf('%04X', unicode({c}))"
    return (f"CASE WHEN regexp_matches(regexp_replace({s}, '[0-9]', '', 'g'), '{OTHER_DIGITS}') THEN "
            f"{sql_reason('other_digit', digit=c, hex=hexa)} END")


def _qualifier_case(s: str) -> tuple[str, str]:
    """(rest of the text, qualifier) after a leading "ca.", "über", "~", …, as `parse._split_qualifier`."""
    low = f"lower({s})"
    rest, qual = [], []
    for word, q in _QUALIFIER_WORDS:
        cond = f"starts_with({low}, {lit(word + ' ')})"
        if word.endswith("."):
            cond = f"starts_with({low}, {lit(word)})"
        rest.append(f"WHEN {cond} THEN {strip(f'substr({s}, {len(word) + 1})')}")
        qual.append(f"WHEN {cond} THEN {lit(q)}")
    for sign, q in _QUALIFIER_SIGNS.items():
        cond = f"starts_with({s}, {lit(sign)})"
        rest.append(f"WHEN {cond} THEN {strip(f'substr({s}, 2)')}")
        qual.append(f"WHEN {cond} THEN {lit(q)}")
    return (f"CASE {' '.join(rest)} ELSE {s} END", f"CASE {' '.join(qual)} END")


_FINITE_WORDS = "('nan', '+nan', '-nan', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity')"
_SIMPLE = {",": r"^-?[0-9]{1,15}(,[0-9]{1,15})?$", ".": r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$"}


def number_layers(col: str, out: str, decimal: str | None) -> list[Layer]:
    """Layers that turn text column `col` into `{out}_v` (DOUBLE), `{out}_e` (reason) and `{out}_q` (qualifier).

    `decimal` is the file's decimal separator ("," German, "." English, None unknown = ",").
    The common spellings ("1234", "24,6", "-3") take a short branch; all others go through every rule.
    """
    d = decimal or ","
    p = f"_{out}"
    s0, fast = f"{p}s0", f"{p}fast"
    layers: list[Layer] = [[
        (s0, strip(col)),
    ], [
        (fast, f"{s0} IS NOT NULL AND regexp_matches({s0}, {lit(_SIMPLE[d])})"),
    ]]
    slow = f"NOT {fast} AND {s0} <> ''"
    rest, qual = _qualifier_case(s0)
    layers.append([
        (f"{p}e1", f"CASE WHEN {slow} THEN coalesce({_digit_reason(s0)}, CASE WHEN regexp_matches({s0}, "
                   f"'[\\t\\n\\r\\x{{0b}}\\x{{0c}}]') THEN 'tab_or_newline' "
                   f"WHEN lower({s0}) IN {_FINITE_WORDS} THEN 'not_finite' END) END"),
        (f"{p}s1", f"CASE WHEN {slow} THEN {rest} END"),
        (f"{p}q", f"CASE WHEN {slow} THEN {qual} END"),
    ])
    s1 = f"{p}s1"
    layers.append([
        (f"{p}scale", f"CASE lower(regexp_extract({s1}, '(?i)\\b(mio|mrd|tsd)\\.?', 1)) WHEN 'mio' THEN 1e6 "
                      "WHEN 'mrd' THEN 1e9 WHEN 'tsd' THEN 1e3 ELSE 1.0 END"),
        (f"{p}s2", strip(f"regexp_replace({s1}, '(?i)(€|eur(?:o)?|%|prozent|personen|mio\\.?|mrd\\.?|tsd\\.?)', "
                         "'', 'g')")),
    ])
    s2 = f"{p}s2"
    s3 = (f"replace(replace(regexp_replace({s2}, '([0-9])[.,]{WS}*[-\\x{{2013}}\\x{{2014}}]{{1,2}}$', '\\1'), "
          "'\u2212', '-'), '\u2013', '-')")
    layers.append([(f"{p}s3", s3)])
    s3n = f"{p}s3"
    sp = f"[{_SPACE_CHARS}]"
    layers.append([
        (f"{p}e2", f"CASE WHEN regexp_matches({s3n}, '[0-9]{sp}+[0-9]') AND NOT regexp_full_match({s3n}, "
                   f"'[+-]?{WS}*[0-9]{{1,3}}(?:{sp}[0-9]{{3}})+(?:[.,][0-9]*)?') THEN "
                   "'misplaced_spaces' END"),
        (f"{p}s5", f"regexp_replace(regexp_replace({s3n}, '{sp}+', '', 'g'), '^\\+', '')"),
    ])
    s5 = f"{p}s5"
    layers.append([
        (f"{p}neg", f"starts_with({s5}, '-')"),
        (f"{p}s7", f"CASE WHEN starts_with({s5}, '-') THEN substr({s5}, 2) ELSE {s5} END"),
    ])
    s7 = f"{p}s7"
    layers.append([
        (f"{p}ok", f"regexp_full_match({s7}, '[0-9.,]+(?:[eE][+-]?[0-9]+)?')"),
        (f"{p}exp", f"regexp_extract({s7}, '[eE][+-]?[0-9]+$')"),
        (f"{p}m", f"regexp_replace({s7}, '[eE][+-]?[0-9]+$', '')"),
    ])
    m = f"{p}m"
    has_dot, has_comma = f"contains({m}, '.')", f"contains({m}, ',')"
    other = "','" if d == "." else "'.'"
    lone = f"CASE WHEN {has_comma} THEN ',' ELSE '.' END"
    groups = (f"regexp_full_match({m}, CASE WHEN {has_comma} THEN '[0-9]{{1,3}}(,[0-9]{{3}})+' "
              "ELSE '[0-9]{1,3}(\\.[0-9]{3})+' END)")
    layers.append([
        # which character is the decimal separator; 'X' marks misplaced thousands separators
        (f"{p}dec", f"CASE WHEN {has_dot} AND {has_comma} THEN CASE WHEN strpos(reverse({m}), ',') < "
                    f"strpos(reverse({m}), '.') THEN ',' ELSE '.' END "
                    f"WHEN ({has_comma} AND {lit(d)} = '.') OR ({has_dot} AND {lit(d)} = ',') THEN "
                    f"CASE WHEN {groups} THEN {lit(d)} WHEN length({m}) - length(replace({m}, {lone}, '')) > 1 "
                    f"THEN 'X' ELSE {lone} END ELSE {lit(d)} END"),
    ])
    dec = f"{p}dec"
    layers.append([
        (f"{p}int", f"CASE WHEN strpos({m}, {dec}) > 0 THEN substr({m}, 1, strpos({m}, {dec}) - 1) ELSE {m} END"),
        (f"{p}frac", f"CASE WHEN strpos({m}, {dec}) > 0 THEN substr({m}, strpos({m}, {dec}) + 1) ELSE '' END"),
        (f"{p}th", f"CASE WHEN {dec} = ',' THEN '.' WHEN {dec} = '.' THEN ',' ELSE {other} END"),
    ])
    ip, fr, th = f"{p}int", f"{p}frac", f"{p}th"
    layers.append([
        (f"{p}e3", f"CASE WHEN {dec} = 'X' THEN 'bad_thousands' "
                   f"WHEN contains({fr}, {dec}) THEN 'two_decimal_separators' "
                   f"WHEN contains({ip}, {th}) AND NOT regexp_full_match({ip}, CASE WHEN {th} = ',' "
                   "THEN '[0-9]{1,3}(,[0-9]{3})+' ELSE '[0-9]{1,3}(\\.[0-9]{3})+' END) "
                   "THEN 'bad_thousands' "
                   f"WHEN contains({fr}, {th}) OR replace({ip}, {th}, '') || {fr} = '' "
                   f"OR NOT regexp_full_match(replace({ip}, {th}, '') || {fr}, '[0-9]+') THEN 'not_a_number' END"),
        (f"{p}f", f"TRY_CAST(coalesce(nullif(replace({ip}, {th}, ''), ''), '0') || '.' || "
                  f"coalesce(nullif({fr}, ''), '0') || {p}exp AS DOUBLE) * {p}scale"),
    ])
    f = f"{p}f"
    fast_value = (f"CAST({s0} AS DOUBLE)" if d == "." else f"CAST(replace({s0}, ',', '.') AS DOUBLE)")
    slow_reason = (f"coalesce({p}e1, {p}e2, CASE WHEN NOT {p}ok THEN 'not_a_number' END, {p}e3, "
                   f"CASE WHEN {f} IS NULL OR isinf({f}) OR isnan({f}) THEN 'too_large' END)")
    layers.append([
        (f"{out}_e", f"CASE WHEN {fast} OR {s0} IS NULL OR {s0} = '' THEN NULL ELSE {slow_reason} END"),
        (f"{out}_v", f"CASE WHEN {s0} IS NULL OR {s0} = '' THEN NULL WHEN {fast} THEN {fast_value} + 0.0 "
                     f"WHEN {slow_reason} IS NULL THEN CASE WHEN {p}neg AND {f} <> 0 THEN -{f} ELSE {f} + 0.0 END "
                     "END"),
        (f"{out}_q", f"CASE WHEN {fast} OR {slow_reason} IS NOT NULL THEN NULL ELSE {p}q END"),
    ])
    return layers


def int_layers(col: str, out: str, decimal: str | None) -> list[Layer]:
    """As `number_layers`, then whole numbers only: `{out}_v` becomes BIGINT."""
    layers = number_layers(col, f"{out}_n", decimal)
    n = f"{out}_n"
    layers.append([
        (f"{out}_e", f"coalesce({n}_e, CASE WHEN {n}_v <> trunc({n}_v) THEN 'not_whole' "
                     f"WHEN abs({n}_v) > 4611686018427387904 THEN 'too_large' END)"),
        (f"{out}_q", f"{n}_q"),
    ])
    layers.append([
        (f"{out}_v", f"CASE WHEN {out}_e IS NULL THEN CAST({n}_v AS BIGINT) END"),
    ])
    return layers


# -- dates ------------------------------------------------------------------------------------

_TIME = (rf"(?:[T ]{WS}*([0-9]{{1,2}}):([0-9]{{2}})(?::([0-9]{{2}})(?:[.,][0-9]+)?)?(?:{WS}*Uhr)?"
         r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?")
#: (tag, pattern); the order is that of `parse.parse_date`
_DATE_PATTERNS: list[tuple[str, str]] = [
    ("week", r"(?i)^[0-9]{4}-?W[0-9]{2}(?:-?[0-9])?$"),
    ("ordinal", r"^[0-9]{4}-[0-9]{3}$"),
    ("iso", r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME + "$"),
    ("basic", r"^([0-9]{4})([0-9]{2})([0-9]{2})$"),
    ("de", rf"^([0-9]{{1,2}})\.{WS}?([0-9]{{1,2}})\.{WS}?([0-9]{{2}}|[0-9]{{4}})" + _TIME + "$"),
    ("slash", r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$"),
    ("dmy", r"^([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})$"),
    ("ymd", r"^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$"),
    ("ym", r"^([0-9]{4})-([0-9]{1,2})$"),
    ("my", r"^([0-9]{1,2})[./]([0-9]{4})$"),
    ("year", r"^([0-9]{4})$"),
    ("q", rf"(?i)^(?:([0-9]{{4}}){WS}*[-/ ]?{WS}*Q([1-4])|Q([1-4]){WS}*[-/ ]?{WS}*([0-9]{{4}})|([1-4])\.{WS}*Quartal"
          rf"{WS}+([0-9]{{4}}))$"),
    ("named", rf"^(?:([0-9]{{1,2}})\.?{WS}+)?([A-Za-zÄÖÜäöüß]+)\.?{WS}*([0-9]{{4}}|[0-9]{{2}})$"),
]
_WEEKDAY = (rf"(?i)^(?:mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
            rf"mon|tue|wed|thu|fri|sat|sun)\.?,?{WS}+([0-9])")
#: (tag, (year group, month group, day group, hour group)) – 0: none
_GROUPS = {"iso": (1, 2, 3, 4), "basic": (1, 2, 3, 0), "de": (3, 2, 1, 4), "slash": (3, 1, 2, 0),
           "dmy": (3, 2, 1, 0), "ymd": (1, 2, 3, 0), "ym": (1, 2, 0, 0), "my": (2, 1, 0, 0), "year": (1, 0, 0, 0)}
_PRECISION = {"iso": "day", "basic": "day", "de": "day", "slash": "day", "dmy": "day", "ymd": "day",
              "ym": "month", "my": "month", "year": "year", "q": "quarter"}


def _month_case(name: str) -> str:
    return "CASE lower(" + name + ") " + " ".join(f"WHEN {lit(k)} THEN {v}" for k, v in MONTHS.items()) + " END"


def date_layers(col: str, out: str) -> list[Layer]:
    """Layers that turn text column `col` into `{out}_v` (DATE), `{out}_e` (reason) and `{out}_p` (precision)."""
    p = f"_{out}"
    s0, s, tag = f"{p}s0", f"{p}s", f"{p}tag"
    fast_de = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"
    fd = f"{p}fd"
    fast_iso = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    layers: list[Layer] = [[(s0, strip(col))]]
    # the common spellings (22.02.2024, 2024-02-22) of real days take a short branch
    layers.append([(fd, f"CASE WHEN regexp_matches({s0}, {lit(fast_de)}) AND NOT ends_with({s0}, '0000') THEN try(make_date(TRY_CAST(substr({s0}, 7, 4) "
                        f"AS INTEGER), TRY_CAST(substr({s0}, 4, 2) AS INTEGER), TRY_CAST(substr({s0}, 1, 2) AS INTEGER))) "
                        f"WHEN regexp_matches({s0}, {lit(fast_iso)}) AND NOT starts_with({s0}, '0000') THEN try(make_date(TRY_CAST(substr({s0}, 1, 4) "
                        f"AS INTEGER), TRY_CAST(substr({s0}, 6, 2) AS INTEGER), TRY_CAST(substr({s0}, 9, 2) AS INTEGER))) "
                        "END")])
    layers.append([
        (f"{p}e0", f"CASE WHEN {fd} IS NULL AND {s0} <> '' THEN {_digit_reason(s0)} END"),
        (s, f"CASE WHEN {fd} IS NULL THEN regexp_replace({s0}, '{_WEEKDAY}', '\\1') END"),
    ])
    layers.append([(tag, "CASE " + " ".join(f"WHEN regexp_matches({s}, {lit(pat)}) THEN {lit(t)}"
                                            for t, pat in _DATE_PATTERNS) + " END")])
    pats = dict(_DATE_PATTERNS)

    def group(i_of: int) -> str:
        whens = " ".join(f"WHEN {lit(t)} THEN regexp_extract({s}, {lit(pats[t])}, {g[i_of]})"
                         for t, g in _GROUPS.items() if g[i_of])
        return f"CASE {tag} {whens} END"

    q = pats["q"]
    named = pats["named"]
    layers.append([
        (f"{p}ys", f"CASE WHEN {tag} = 'q' THEN coalesce(nullif(regexp_extract({s}, {lit(q)}, 1), ''), "
                   f"nullif(regexp_extract({s}, {lit(q)}, 4), ''), regexp_extract({s}, {lit(q)}, 6)) "
                   f"WHEN {tag} = 'named' THEN regexp_extract({s}, {lit(named)}, 3) ELSE {group(0)} END"),
        (f"{p}ms", f"CASE WHEN {tag} = 'q' THEN TRY_CAST(3 * TRY_CAST(coalesce(nullif(regexp_extract({s}, {lit(q)}, 2), ''), "
                   f"nullif(regexp_extract({s}, {lit(q)}, 3), ''), regexp_extract({s}, {lit(q)}, 5)) AS INTEGER) - 2 "
                   f"AS VARCHAR) WHEN {tag} = 'named' THEN TRY_CAST({_month_case(f'regexp_extract({s}, {lit(named)}, 2)')} "
                   f"AS VARCHAR) ELSE {group(1)} END"),
        (f"{p}ds", f"CASE WHEN {tag} = 'named' THEN regexp_extract({s}, {lit(named)}, 1) ELSE {group(2)} END"),
        (f"{p}hh", f"CASE {tag} WHEN 'iso' THEN regexp_extract({s}, {lit(pats['iso'])}, 4) "
                   f"WHEN 'de' THEN regexp_extract({s}, {lit(pats['de'])}, 4) END"),
        (f"{p}mi", f"CASE {tag} WHEN 'iso' THEN regexp_extract({s}, {lit(pats['iso'])}, 5) "
                   f"WHEN 'de' THEN regexp_extract({s}, {lit(pats['de'])}, 5) END"),
        (f"{p}ss", f"CASE {tag} WHEN 'iso' THEN regexp_extract({s}, {lit(pats['iso'])}, 6) "
                   f"WHEN 'de' THEN regexp_extract({s}, {lit(pats['de'])}, 6) END"),
        (f"{p}name", f"CASE WHEN {tag} = 'named' THEN regexp_extract({s}, {lit(named)}, 2) END"),
    ])
    ys, ms, ds = f"{p}ys", f"{p}ms", f"{p}ds"
    layers.append([
        (f"{p}y", f"TRY_CAST({ys} AS INTEGER) + CASE WHEN length({ys}) = 2 THEN CASE WHEN {tag} = 'de' AND "
                  f"TRY_CAST({ys} AS INTEGER) >= 70 THEN 1900 ELSE 2000 END ELSE 0 END"),
        (f"{p}m", f"CASE WHEN {tag} = 'named' THEN TRY_CAST({ms} AS INTEGER) "
                  f"ELSE coalesce(TRY_CAST(nullif({ms}, '') AS INTEGER), 1) END"),
        (f"{p}d", f"coalesce(TRY_CAST(nullif({ds}, '') AS INTEGER), 1)"),
        (f"{p}badtime", f"nullif({p}hh, '') IS NOT NULL AND (TRY_CAST({p}hh AS INTEGER) > 23 OR TRY_CAST({p}mi AS INTEGER) > 59 "
                        f"OR coalesce(TRY_CAST(nullif({p}ss, '') AS INTEGER), 0) > 59)"),
    ])
    y, mo, dd = f"{p}y", f"{p}m", f"{p}d"
    made = f"CASE WHEN {y} >= 1 AND {mo} BETWEEN 1 AND 12 THEN try(make_date({y}, {mo}, {dd})) END"
    layers.append([(f"{p}date", made)])
    dt = f"{p}date"
    reason = (f"CASE WHEN {s0} IS NULL OR {s0} = '' OR {fd} IS NOT NULL THEN NULL "
              f"WHEN {p}e0 IS NOT NULL THEN {p}e0 "
              f"WHEN {tag} = 'week' THEN 'week_not_date' "
              f"WHEN {tag} = 'ordinal' THEN 'ordinal_not_date' "
              f"WHEN {tag} IS NULL THEN 'unknown_date' "
              f"WHEN {p}badtime THEN {sql_reason('bad_time', text=s)} "
              f"WHEN {tag} = 'year' AND NOT {y} BETWEEN 1900 AND 2100 THEN {sql_reason('implausible_year', year=y)} "
              f"WHEN {tag} = 'named' AND {mo} IS NULL THEN {sql_reason('unknown_month_name', name=p + 'name')} "
              f"WHEN {tag} = 'q' THEN NULL "
              f"WHEN {tag} = 'named' AND {ds} = '' THEN NULL "
              f"WHEN NOT {mo} BETWEEN 1 AND 12 THEN {sql_reason('bad_month', month=mo)} "
              f"WHEN {dt} IS NULL THEN {sql_reason('bad_day', text=s, day=dd)} END")
    layers.append([
        (f"{out}_e", reason),
        (f"{out}_p", f"CASE WHEN {tag} = 'named' THEN CASE WHEN {ds} = '' THEN 'month' ELSE 'day' END "
                     f"ELSE {lit('')} END"),
    ])
    precision = "CASE " + " ".join(f"WHEN {tag} = {lit(t)} THEN {lit(v)}" for t, v in _PRECISION.items()) + " END"
    layers.append([
        (f"{out}_v", f"CASE WHEN {fd} IS NOT NULL THEN {fd} WHEN {out}_e IS NULL AND {s0} <> '' THEN {dt} END"),
        (f"{out}_p2", f"CASE WHEN {fd} IS NOT NULL THEN 'day' WHEN {out}_e IS NULL AND {s0} <> '' "
                      f"THEN coalesce(nullif({out}_p, ''), {precision}) END"),
    ])
    return layers


_TRUE = ("ja", "j", "true", "wahr", "1", "x", "yes", "y")
_FALSE = ("nein", "n", "false", "falsch", "0", "no")


def bool_layers(col: str, out: str) -> list[Layer]:
    """`{out}_v` (BOOLEAN) and `{out}_e`, as `parse.parse_bool` reads text."""
    low = f"lower({strip(col)})"
    return [[
        (f"{out}_v", f"CASE WHEN {low} IN ({', '.join(map(lit, _TRUE))}) THEN true "
                     f"WHEN {low} IN ({', '.join(map(lit, _FALSE))}) THEN false END"),
        (f"{out}_e", f"CASE WHEN {strip(col)} <> '' AND {low} NOT IN ({', '.join(map(lit, _TRUE + _FALSE))}) THEN "
                     "'not_bool' END"),
    ]]


def range_layers(raw: str, out: str, cell: Callable[[str, str], list[Layer]]) -> list[Layer]:
    """A figure's cell, which may be a range: `parse.split_range` in SQL, each end converted by `cell`.

    `{out}_v`, `{out}_e`, `{out}_q` are what `cell` makes of the whole cell, except for a range of two
    plain numbers ("400–500", "zwischen 400 und 500", "20–25 %"): the lower end, no reason, qualifier
    "↔"; `{out}_u` is then the upper end (else NULL).
    """
    p = f"_{out}r"
    pattern = lit(_RANGE.pattern.replace(r"\s", WS))
    unit = lit(_UNIT_WORDS.pattern)
    layers: list[Layer] = [[
        (f"{p}lo0", f"CASE WHEN regexp_matches({raw}, {pattern}) THEN {strip(f'regexp_extract({raw}, {pattern}, 1)')} END"),
        (f"{p}hi", f"CASE WHEN regexp_matches({raw}, {pattern}) THEN {strip(f'regexp_extract({raw}, {pattern}, 2)')} END"),
    ], [
        (f"{p}lo", f"CASE WHEN regexp_matches({p}hi, {unit}) AND NOT regexp_matches({p}lo0, {unit}) "
                   f"THEN {p}lo0 || ' ' || regexp_extract({p}hi, {unit}, 0) ELSE {p}lo0 END"),
    ]]
    parts = [cell(raw, f"{out}w"), cell(f"{p}lo", f"{out}lo"), cell(f"{p}hi", f"{out}hi")]
    layers += [sum((part[j] for part in parts if j < len(part)), []) for j in range(max(map(len, parts)))]
    plain = " AND ".join(f"{out}{end}_{o} IS {n}NULL" for end in ("lo", "hi") for o, n in (("e", ""), ("q", ""), ("v", "NOT ")))
    layers.append([(f"{p}ok", plain)])
    layers.append([
        (f"{out}_v", f"CASE WHEN {p}ok THEN {out}lo_v ELSE {out}w_v END"),
        (f"{out}_e", f"CASE WHEN {p}ok THEN NULL ELSE {out}w_e END"),
        (f"{out}_q", f"CASE WHEN {p}ok THEN {lit(RANGE)} ELSE {out}w_q END"),
        (f"{out}_u", f"CASE WHEN {p}ok THEN {out}hi_v END"),
    ])
    return layers


def stack(source: str, layers: list[Layer], keep: str = "*") -> str:
    """Nest the layers as SELECTs over `source` (a table name or a parenthesised query)."""
    sql = source
    for i, layer in enumerate(layers):
        cols = ", ".join(f"{expr} AS {alias}" for alias, expr in layer)
        sql = f"(SELECT *, {cols} FROM {sql} _l{i})"
    return sql if keep == "*" else f"(SELECT {keep} FROM {sql} _top)"
