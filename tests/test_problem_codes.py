"""The ingest layer refuses files with codes, and only `core/strings` words them (German and English).

* every code the ingest (and the load in `db/snapshot.py`, the sources' kinds) raises or notes has its string `problem.<code>`
  in both languages, with the parameters it is raised with;
* a refused file's problems carry codes and words, not sentences, and read in English in English;
* no German sentence is left in the ingest sources outside the headers they recognise.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import kjc_tui
from kjc_tui.core import schema
from kjc_tui.core.strings import STRINGS
from kjc_tui.ingest.parse import ParseError, parse_date, parse_number
from kjc_tui.core.coded import Said
from kjc_tui.ingest.problem import Label, Problem, Reason, decode, encode, problem_text, reason_text

PACKAGE = Path(kjc_tui.__file__).parent
SOURCES = sorted((PACKAGE / "ingest").rglob("*.py")) + sorted((PACKAGE / "sources").rglob("*.py")) + [PACKAGE / "db" / "snapshot.py"]
CODE = r"[a-z][a-z0-9_.]*"
#: arguments after a code: up to three levels of parentheses
ARGS = r"((?:,\s*(?:[^,()]|\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))+)*)\)"
#: a call with a code first (or second, for `refusal(file, code)`), and its keyword parameters; a
#: code chosen by a condition ("a" if … else "b") counts both
CALLS = re.compile(r"\b(?:ParseError|ReadError|Reason|Note|encode|sql_reason)\(\s*f?[\"'](" + CODE + r")[\"']"
                   r"(?: if [^\"]* else \"(" + CODE + r")\")?" + ARGS +
                   r"|\brefusal\([^,()]+(?:\([^()]*\))?,\s*\"(" + CODE + r")\"(?: if [^\"]* else \"(" + CODE
                   + r")\")?" + ARGS)
#: a call inside the arguments (its own parameters are not the outer code's)
NESTED = re.compile(r"\w+\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)")
#: a Problem with its code as a literal, and a dict of parameters after it
PROBLEMS = re.compile(r"\bProblem\((?:[^()\"]|\"[^\"]*\"|\((?:[^()]|\([^()]*\))*\))*?,\s*(?:#[^\n]*\n\s*)?f?\"("
                      + CODE + r")\"\s*(?:,\s*(\{[^{}]*\}))?")
#: a rule's fixed reason in `rules.problems`: a bare ("code", {params}) tuple, not a call's arguments
#: (`Said(...)`, `Reason(...)`, `get("key", {})`); an f-string's braces inside
RULES = re.compile(r"(?<!\w)\(\s*f?\"(" + CODE + r"(?:\{\w+\})?)\",\s*(\{(?:[^{}]|\{[^{}]*\})*\})\s*\)")
#: a code the SQL gives (THEN 'code' / ELSE 'code', also across a string's end)
SQL = re.compile(r"\b(?:THEN|ELSE)\s*(?:\"\s*f?\")?\s*'(" + CODE + r")'")
#: SQL values that are not reasons (a date's precision)
NOT_REASONS = {"day", "month", "quarter", "year"}


#: parameters that a rule's SQL gives in `rules.problems` (not seen at the raise site)
FROM_SQL = {"cell": {"reason"}, "figure": {"reason"}, "qualifier_contradicts": {"cell"}}


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def raised() -> dict[str, set[str]]:
    """Every code raised in the ingest sources, with the parameters seen with it."""
    found: dict[str, set[str]] = {}

    def add(code: str, params: set[str]) -> None:
        found.setdefault(code, set()).update(params)

    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for m in CALLS.finditer(text):
            first, other, args = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
            for code in (first, other):
                if code:   # sql_reason("", …): parameters to a rule's fixed reason
                    add(code, (set(re.findall(r"(\w+)=", args or "")) - {"from"})
                        | set(re.findall(r"\"(\w+)\":", NESTED.sub("", args or ""))))
        for m in PROBLEMS.finditer(text):
            add(m[1], set(re.findall(r"\"(\w+)\":", m[2] or "")))
        for m in RULES.finditer(text):
            add(m[1], set(re.findall(r"\"(\w+)\":", m[2])))
        for m in SQL.finditer(text):
            if m[1] not in NOT_REASONS:
                add(m[1], set())
    # the codes named by a value: a reference's table, the office's lacking columns, the figure rules
    refs = {c.ref[0] for t in schema.TABLES.values() for c in t.columns if c.ref}
    for rt in refs:
        add(f"unknown.{rt}", set())
    found.pop("unknown.{rt}")
    for n in (1, 2):
        add(f"office_lacks_{n}", {f"option{i}" for i in range(1, n + 1)} | {f"column{i}" for i in range(1, n + 1)})
    found.pop("office_lacks_", None)
    for _, code in schema.FIGURE_RULES:
        add(code, set())
    return found


def test_every_code_raised_in_the_ingest_is_worded_in_both_languages() -> None:
    codes = raised()
    assert len(codes) >= 115, sorted(codes)   # the search found the raise sites
    # spot checks that each kind of site was seen
    for code in ("not_a_number", "bad_day", "no_header", "required", "cell", "unknown.indicator_defs",
                 "table_rival", "stale_reference", "ba_no_header", "office_lacks_2", "figure.no_value",
                 "zip_member_too_large", "misplaced_spaces", "several_jobcenters_for_ags", "duplicate_key"):
        assert code in codes, code
    for code, params in codes.items():
        key = f"problem.{code}"
        assert key in STRINGS, key
        de, en = STRINGS[key]
        # the same in both only where nothing but the parameters is said ("{label}: {reason}")
        assert de and en and (de != en or not re.search(r"[A-Za-z]", re.sub(r"{\w+}", "", de))), key
        assert _placeholders(de) == _placeholders(en), key
        assert params <= _placeholders(de), (key, params - _placeholders(de))
        # and every placeholder is given (a missing one would end the wording in a KeyError), but for the
        # parameters a rule's SQL gives (`rules._reason`: the reason inside, the quoted cell)
        assert _placeholders(de) <= params | FROM_SQL.get(code, set()), (key, _placeholders(de) - params)


def test_every_problem_string_has_the_same_placeholders_in_both_languages() -> None:
    keys = [k for k in STRINGS if k.startswith("problem.")]
    assert len(keys) > 120
    for key in keys:
        de, en = STRINGS[key]
        assert _placeholders(de) == _placeholders(en), key


def test_a_parse_error_is_a_code_with_parameters_worded_in_either_language() -> None:
    with pytest.raises(ParseError) as e:
        parse_date("2024-13-01")
    assert (e.value.code, e.value.params) == ("bad_month", {"month": "13"})
    assert str(e.value) == "hat den Monat 13, den es nicht gibt"
    assert reason_text(e.value.code, e.value.params, "en") == "has the month 13, which does not exist"
    with pytest.raises(ParseError) as e:
        parse_number("1.2.3,4,5")
    assert e.value.code == "two_decimal_separators" and not e.value.params


def test_the_sql_encoding_of_a_reason_round_trips() -> None:
    params = {"text": "31.02.2024", "day": "31"}
    assert decode(encode("bad_day", params)) == ("bad_day", params)
    assert decode("not_a_number") == ("not_a_number", {})


def test_a_problem_is_worded_whole_in_german_and_english() -> None:
    p = Problem("f.csv", 5, "Wert", "zwölf", "cell",
                {"label": Label("indicators", "value"), "reason": Reason("not_a_number")}, "line", "D5", "Daten")
    assert problem_text(p, "de") == "f.csv, Zeile 5, Spalte 'Wert', Blatt 'Daten', Zelle D5, Wert 'zwölf': Wert ist keine Zahl"
    assert problem_text(p, "en") == ("f.csv, line 5, column 'Wert', sheet 'Daten', cell D5, value 'zwölf': "
                                     "Value is not a number")
    assert str(p) == problem_text(p, "de")
    rec = Problem("f.json", 3, None, None, "duplicate_key", {"at": Said("problem.at.record", {"n": "1"})}, "record")
    assert problem_text(rec, "en") == "f.json, record 3: key twice (already in record 1)"
    # figures are spelled as figures; a schema column without a header in the file is named by its label
    more = Problem("f.csv", None, Label("indicators", "period"), None, "more_problems", {"n": 1234, "shown": 100})
    assert problem_text(more, "de") == "f.csv, Spalte 'Zeitraum': … und 1.234 weitere Probleme (aufgeführt sind die ersten 100)"
    assert problem_text(more, "en") == "f.csv, column 'Period': … and 1,234 more problems (the first 100 are listed)"


GERMAN = re.compile(r"\b(?:Zeile|Spalte|Datensatz|ist|nicht|kein|keine|fehlt|darf|Pflichtfeld|Tabelle|enthält|hat|"
                    r"unbekannte[rs]?|mehr als|gibt es|übernommen|gelesen|ausgelassen|erkannt|außerhalb|gefunden|"
                    r"angeben|und|oder|der|die|das|mit|für|als)\b")


def test_a_refused_file_carries_codes_and_reads_in_english(tmp_path: Path) -> None:
    from kjc_tui.db import snapshot
    from kjc_tui.ingest import Refused

    db = tmp_path / "kjc.duckdb"
    snapshot.build(db, snapshot.embedded_files())
    f = tmp_path / "broken.csv"
    f.write_bytes(("\ufeffKreisschlüssel;Monat;Kennzahl;Wert;Quelle;Stand\r\n"
                   "06437;Januar 2025;K2;124,6;https://x.example;01.03.2025\r\n"
                   "06999;31.02.2025;BG;-1.234;https://x.example;01.03.2025\r\n"
                   "06437;Januar 2025;XX;1;https://x.example;01.03.2025\r\n"
                   "06437;Januar 2025;BG;zwölf;https://x.example;01.03.2025\r\n"
                   "06535;Januar 2025;BG;1;https://x.example;\r\n"
                   "06535;Januar 2025;BG;1;https://x.example;01.03.2025;extra\r\n").encode("utf-8"))
    with pytest.raises(Refused) as e:
        snapshot.load(db, [f])
    problems = e.value.problems
    assert len(problems) >= 7
    for p in problems:
        assert re.fullmatch(CODE, p.code) and f"problem.{p.code}" in STRINGS, p.code
        assert p.row_label == "line"
    codes = [p.code for p in problems]
    assert {"percent_out_of_range", "cell", "no_jobcenter_for_ags", "negative_count", "unknown.indicator_defs",
            "required", "too_many_fields"} <= set(codes)
    english = [problem_text(p, "en") for p in problems]
    german = [problem_text(p, "de") for p in problems]
    assert german == [str(p) for p in problems]
    # the file's own words (its headers and values) are data; everything else is English
    for line in english:
        words = line.split(": ", 1)[1]
        assert not GERMAN.search(re.sub(r"'[^']*'", "", line.split(":", 1)[0].replace(str(f), "")) + " " + words), line
    assert f"{f}, line 5, column 'Wert', value 'zwölf': Value is not a number" in english
    assert f"{f}, line 4, column 'Kennzahl', value 'XX': unknown indicator (not in table indicator_defs)" in english
    assert f"{f}, line 7: has 7 fields, the header has 6 (wrong separator or quotation mark?)" in english
    assert f"{f}, line 6, column 'Stand': As of missing (required)" in english


#: German constants that are data, not sentences: how a publisher's file is cited in the database
#: (its `source`), and a header of the § 48a files the reader recognises
DATA = {"Kennzahlen nach § 48a SGB II, Statistik der BA", "Statistik der Bundesagentur für Arbeit (Datei ",
        "Form der Aufgabenwahrnehmung"}


def german_sentences(path: Path) -> list[tuple[int, str]]:
    """String constants (not docstrings) that read as a German sentence: several words, one of them a
    German function word or a word of a message."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings:
            text = n.value
            if len(text.split()) >= 3 and GERMAN.search(text) and text not in DATA:
                out.append((n.lineno, text[:70]))
    return out


def test_the_ingest_sources_hold_no_german_sentence() -> None:
    """The ingest's refusals and notes are codes; `db/snapshot.py` still words its own errors
    (SnapshotError), which are another change's."""
    found = {str(p.relative_to(PACKAGE)): hits for p in SOURCES[:-1] if (hits := german_sentences(p))}
    assert found == {}
    # the search does find a German sentence where one is (a check that cannot fail proves nothing)
    assert german_sentences(PACKAGE / "core" / "strings.py")
