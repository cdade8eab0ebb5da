"""Property-based tests (hypothesis) of the CSV reader and the number and date parsers.

* Any table written as CSV – ';' or ',' or tab, CRLF or LF, UTF-8 (with or without BOM),
  Windows-1252 or UTF-16 – reads back cell for cell, with the physical line of every record.
* Numbers and dates written in any German (or ISO/English) spelling parse back to the value.
* What the dashboard itself prints (`fmt`) parses back: an export can be loaded again.
* A whole table written as German Excel writes it passes the ingest with the same values.
"""

from __future__ import annotations

import csv
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from kjc_tui.core import fmt
from kjc_tui.ingest import Known, ReadFile, read_and_prepare
from kjc_tui.ingest.parse import MONTHS, ParseError, parse_date, parse_number
from kjc_tui.ingest.readers import ReadError, read_bytes
from kjc_tui.ingest.validate import header_score

HEADER = ["Kreisschlüssel", "Monat", "Kennzahl", "Wert", "Quelle", "Stand", "Hinweis"]
SETTINGS = settings(max_examples=int(os.environ.get("KJC_HYPOTHESIS_EXAMPLES", "100")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- the CSV reader -----------------------------------------------------------------------------

#: what a cell may hold: any character but NUL, lone surrogates and most control characters (a file
#: that is more than 5 % control characters is refused as binary; tab, CR, LF and ESC are kept)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\r\n\x1b"),
                   max_size=30)
#: Windows-1252 files: German text (no "Â"/"Ã"/"â" followed by "€" or "§", which is UTF-8 byte for byte)
CP1252_TEXT = st.text(st.sampled_from(
    [chr(i) for i in range(0x20, 0x7F)] + list("\t\r\näöüÄÖÜß€„“‚‘–—…§°²³µ½«»éèáàç")), max_size=30)


def _field(cell: str, delim: str) -> str:
    """Quoted as Excel does: when it holds the separator, a quote or a line break."""
    if any(ch in cell for ch in (delim, '"', "\r", "\n")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _write(rows: list[list[str]], delim: str, newline: str) -> str:
    return "".join(delim.join(_field(c, delim) for c in r) + newline for r in [HEADER, *rows])


def _physical_lines(rows: list[list[str]], delim: str, newline: str) -> list[int]:
    """The physical line (1-based, header = 1) on which each written record starts."""
    out, line = [], 2
    for r in rows:
        out.append(line)
        rec = _write([r], delim, newline).split(newline, 1)[1]   # without the header
        line += rec.count("\n") + rec.count("\r") - rec.count("\r\n")
    return out


@st.composite
def tables(draw, text=ANY_TEXT):
    n = draw(st.integers(0, 8))
    return [[draw(text) for _ in HEADER] for _ in range(n)]


def _expected(rows: list[list[str]], delim: str, newline: str) -> list[tuple[int, list[str]]]:
    lines = _physical_lines(rows, delim, newline)
    return [(ln, r) for ln, r in zip(lines, rows) if any(c.strip() for c in r)]


@SETTINGS
@given(rows=tables(), delim=st.sampled_from([";", ",", "\t", "|"]), newline=st.sampled_from(["\r\n", "\n"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_csv_round_trip_unicode(rows, delim, newline, encoding):
    text = _write(rows, delim, newline)
    raw = read_bytes(text.encode(encoding), "t.csv", header_score)
    assert raw.header == HEADER
    assert raw.rows == _expected(rows, delim, newline)


@SETTINGS
@given(rows=tables(CP1252_TEXT), delim=st.sampled_from([";", ","]), newline=st.sampled_from(["\r\n", "\n"]))
def test_csv_round_trip_windows_1252(rows, delim, newline):
    data = _write(rows, delim, newline).encode("cp1252")
    try:
        data.decode("utf-8")
        assume(all(b < 0x80 for b in data))   # non-ASCII that is valid UTF-8 too: undecidable, read as UTF-8
    except UnicodeDecodeError:
        pass
    raw = read_bytes(data, "t.csv", header_score)
    assert raw.header == HEADER
    assert raw.rows == _expected(rows, delim, newline)
    assert raw.decimal == ("," if delim == ";" else ".")


@SETTINGS
@given(rows=tables(), meta=st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                                            max_size=40), max_size=4))
def test_csv_metadata_lines_above_header_keep_line_numbers(rows, meta):
    """Lines above the header (BA exports) are skipped; reported line numbers stay physical."""
    assume(all(header_score([c.strip() for c in next(csv.reader([m], delimiter=d), [])]) < 2
               for m in meta for d in ";,\t|"))
    body = _write(rows, ";", "\r\n")
    text = "".join(m + "\r\n" for m in meta) + body
    try:
        raw = read_bytes(text.encode("utf-8"), "t.csv", header_score)
    except ReadError as e:   # a metadata line that is itself broken CSV: refused, with a line
        assert e.line is not None
        return
    assert raw.header == HEADER and raw.header_line == len(meta) + 1
    assert raw.rows == [(ln + len(meta), r) for ln, r in _expected(rows, ";", "\r\n")]


@SETTINGS
@given(data=st.binary(max_size=600), name=st.sampled_from(["x.csv", "x.json", "x.xlsx", "x.parquet", "x.txt"]))
@example(data=b"\xef\xbb\xbf", name="x.csv")
@example(data=b"PK\x03\x04", name="x.csv")
@example(data=b"PAR1", name="x.csv")
@example(data=b'"', name="x.csv")
def test_reader_never_crashes_on_any_bytes(data, name):
    try:
        read_bytes(data, name, header_score)
    except ReadError as e:
        assert str(e) and "\x00" not in str(e)


# -- numbers -----------------------------------------------------------------------------------

def _group(int_part: int, sep: str) -> str:
    return f"{int_part:,}".replace(",", sep)


@st.composite
def german_numbers(draw):
    """(spelling, value, qualifier) of a number as German offices write it."""
    i = draw(st.integers(0, 10**12))
    frac = draw(st.sampled_from(["", "5", "25", "125", "07"]))
    neg = draw(st.booleans())
    thousands = draw(st.sampled_from([".", " ", "\u00a0", "\u202f", ""]))
    body = (_group(i, thousands) if thousands else str(i)) + ("," + frac if frac else "")
    if not frac and thousands in (".",) and i >= 1000:
        pass   # "1.234" in a German file is one thousand two hundred thirty-four
    value = float(f"{i}.{frac or 0}")
    if neg:
        body = draw(st.sampled_from(["-", "\u2212", "\u2013"])) + body
        value = -value
    unit = draw(st.sampled_from(["", " €", "€", " EUR", " Euro", " %", " Prozent", " Personen"]))
    if draw(st.booleans()) and unit in (" €", " EUR"):
        body, unit = unit.strip() + " " + body, ""
    qual, q = draw(st.sampled_from([("", None), ("ca. ", "≈"), ("~", "≈"), ("rund ", "≈"), ("> ", ">"),
                                    ("mehr als ", ">"), ("fast ", "<"), ("unter ", "<")]))
    if neg and qual:
        qual, q = "", None
    pad = draw(st.sampled_from(["", " ", "  "]))
    return pad + qual + body + unit + pad, value, q


@SETTINGS
@given(german_numbers())
def test_german_number_spellings_parse_back(spelled):
    text, value, qualifier = spelled
    assert parse_number(text, ",") == (value, qualifier)


@SETTINGS
@given(i=st.integers(-10**12, 10**12), frac=st.sampled_from(["", "5", "25", "125"]))
def test_english_number_spellings_parse_back(i, frac):
    text = f"{i:,}" + ("." + frac if frac else "")
    value = float(f"{abs(i)}.{frac or 0}") * (-1 if i < 0 else 1)
    assert parse_number(text, ".") == (value, None)
    assert parse_number(text.replace(",", ""), ".") == (value, None)


@SETTINGS
@given(v=st.floats(-1e12, 1e12, allow_nan=False), decimals=st.sampled_from([None, 0, 1, 2, 3]),
       lang=st.sampled_from(["de", "en"]))
def test_what_fmt_prints_parses_back(v, decimals, lang):
    # the value as shown: rounded by the one rule (half up on the decimal value, fmt.half_up)
    text = fmt.number(v, lang, decimals)
    shown = float(fmt.half_up(v, 2 if decimals is None else decimals))
    if decimals is None and v.is_integer():
        shown = v
    assert parse_number(text, "," if lang == "de" else ".")[0] == pytest.approx(shown, rel=1e-12, abs=1e-9)
    assert parse_number(fmt.money(v, lang, 2), "," if lang == "de" else ".")[0] == pytest.approx(
        float(fmt.half_up(v, 2)), rel=1e-12, abs=1e-9)
    assert parse_number(fmt.percent(v, lang), "," if lang == "de" else ".")[0] == pytest.approx(
        float(fmt.half_up(v, 1)), rel=1e-12, abs=1e-9)


@pytest.mark.slow
@SETTINGS
@given(st.text(max_size=25))
def test_number_parser_raises_only_parse_error(text):
    try:
        v, q = parse_number(text, ",")
    except ParseError:
        return
    assert v == v and abs(v) != float("inf") and q in (None, "≈", ">", "<")


# -- dates -------------------------------------------------------------------------------------

MONTH_NAMES: dict[int, list[str]] = {}
for _name, _m in MONTHS.items():
    MONTH_NAMES.setdefault(_m, []).append(_name)

DAYS = st.dates(date(1900, 1, 1), date(2100, 12, 31))


def _spellings_day(d: date) -> list[str]:
    out = [f"{d:%d.%m.%Y}", f"{d.day}.{d.month}.{d.year}", f"{d.day:02d}. {d.month:02d}. {d.year}",
           d.isoformat(), f"{d.year}-{d.month}-{d.day}", f"{d:%Y%m%d}", f"{d:%m/%d/%Y}",
           f"{d:%d.%m.%Y} 00:00", f"{d:%d.%m.%Y} 23:59:59", f"{d.isoformat()}T12:30:00Z",
           f"{d.isoformat()} 08:00:00+01:00"]
    if 1970 <= d.year <= 2069:
        out.append(f"{d:%d.%m.%y}")
    out += [f"{d:%d-%m-%Y}", f"{d:%Y/%m/%d}", f"{WEEKDAYS[d.weekday()]}., {d:%d.%m.%Y}",
            f"{WEEKDAYS[d.weekday()]} {d:%d.%m.%Y}"]
    for name in MONTH_NAMES[d.month]:
        out += [f"{d.day}. {name} {d.year}", f"{d.day}. {name.capitalize()} {d.year}",
                f"{d.day} {name.upper()} {d.year}"]
        if len(name) == 3:
            out.append(f"{d.day}. {name.capitalize()}. {d.year}")
    return out


def _spellings_month(d: date) -> list[str]:
    out = [f"{d.month:02d}.{d.year}", f"{d.month}.{d.year}", f"{d.month:02d}/{d.year}", f"{d.year}-{d.month:02d}"]
    for name in MONTH_NAMES[d.month]:
        out += [f"{name.capitalize()} {d.year}", f"{name} {d.year}", f"{name.upper()} {d.year}"]
        if len(name) == 3:
            out.append(f"{name.capitalize()}. {d.year}")
            if 2000 <= d.year <= 2099:   # "Feb. 24": a two-digit year after a month name is 20xx
                out.append(f"{name.capitalize()}. {d.year % 100:02d}")
    return out


WEEKDAYS = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
#: digits that are not 0-9: Arabic-Indic, Devanagari, full-width, mathematical bold
OTHER_DIGITS = st.sampled_from([chr(c) for c in (0x0660, 0x0663, 0x06F2, 0x0966, 0xFF10, 0xFF12, 0x1D7CE)])


@SETTINGS
@given(d=DAYS, i=st.integers(0, 7), digit=OTHER_DIGITS)
def test_digits_other_than_ascii_are_refused_in_dates_and_numbers_alike(d, i, digit):
    text = d.isoformat()
    text = text[:i] + digit + text[i + 1:] if text[i].isdigit() else text + digit
    for parse in (parse_date, parse_number):
        with pytest.raises(ParseError, match="erlaubt sind nur 0–9"):
            parse(text)


@SETTINGS
@given(a=st.integers(1, 999), b=st.integers(0, 999), space=st.sampled_from(["\t", "\n", "\r"]))
def test_a_tab_or_line_break_is_never_a_thousands_separator(a, b, space):
    with pytest.raises(ParseError):
        parse_number(f"{a}{space}{b:03d}")


@SETTINGS
@given(zero=st.sampled_from(["-0", "-0,0", "−0", "-0.00", "- 0"]), decimal=st.sampled_from([",", ".", None]))
def test_minus_zero_is_zero(zero, decimal):
    import math

    v, _ = parse_number(zero, decimal)
    assert v == 0 and math.copysign(1, v) == 1


def _spellings_quarter(d: date) -> list[str]:
    q = (d.month - 1) // 3 + 1
    return [f"{d.year}-Q{q}", f"{d.year} Q{q}", f"Q{q} {d.year}", f"Q{q}/{d.year}", f"{q}. Quartal {d.year}",
            f"{d.year}q{q}"]


@SETTINGS
@given(d=DAYS, data=st.data())
def test_german_and_iso_day_spellings_parse_back(d, data):
    text = data.draw(st.sampled_from(_spellings_day(d)))
    assert parse_date(text) == (d, "day")
    assert parse_date(f"  {text} ") == (d, "day")


@SETTINGS
@given(d=DAYS, data=st.data())
def test_month_spellings_parse_back(d, data):
    text = data.draw(st.sampled_from(_spellings_month(d)))
    assert parse_date(text) == (d.replace(day=1), "month")


@SETTINGS
@given(d=DAYS, data=st.data())
def test_quarter_and_year_spellings_parse_back(d, data):
    q = (d.month - 1) // 3 + 1
    assert parse_date(data.draw(st.sampled_from(_spellings_quarter(d)))) == (date(d.year, 3 * q - 2, 1), "quarter")
    assert parse_date(str(d.year)) == (date(d.year, 1, 1), "year")


@SETTINGS
@given(d=DAYS, kind=st.sampled_from(["day", "month", "quarter", "year"]), lang=st.sampled_from(["de", "en"]))
def test_what_fmt_prints_as_period_parses_back(d, kind, lang):
    start = {"day": d, "month": d.replace(day=1), "year": date(d.year, 1, 1),
             "quarter": date(d.year, (d.month - 1) // 3 * 3 + 1, 1)}[kind]
    assert parse_date(fmt.period(start, kind, lang)) == (start, kind)


@SETTINGS
@given(y=st.integers(1900, 2100), m=st.integers(1, 12), day=st.integers(29, 35))
def test_impossible_days_are_refused_not_shifted(y, m, day):
    try:
        real = date(y, m, day)
    except ValueError:
        with pytest.raises(ParseError, match="gibt es in diesem Monat nicht"):
            parse_date(f"{day:02d}.{m:02d}.{y}")
        with pytest.raises(ParseError, match="gibt es in diesem Monat nicht"):
            parse_date(f"{y}-{m:02d}-{day:02d}")
    else:
        assert parse_date(f"{day:02d}.{m:02d}.{y}") == (real, "day")


@SETTINGS
@given(st.text(max_size=25))
def test_date_parser_raises_only_parse_error(text):
    try:
        d, p = parse_date(text)
    except ParseError:
        return
    assert isinstance(d, date) and p in ("day", "month", "quarter", "year")


# -- whole tables through the ingest -------------------------------------------------------------

KNOWN = Known()
KNOWN.values[("districts", "ags")].update({"06437", "06535"})
KNOWN.values[("jobcenters", "jobcenter_id")].update({"JC-06437", "JC-06535"})
KNOWN.ags_to_jc.update({"06437": {"JC-06437"}, "06535": {"JC-06535"}})
KNOWN.values[("indicator_defs", "code")].update({"BG", "ELB"})
KNOWN.units.update({"BG": "count", "ELB": "count"})


@st.composite
def indicator_tables(draw):
    n = draw(st.integers(1, 12))
    keys = draw(st.lists(st.tuples(st.sampled_from(["06437", "06535"]),
                                   st.dates(date(2000, 1, 1), date(2030, 12, 1)).map(lambda d: d.replace(day=1)),
                                   st.sampled_from(["BG", "ELB"])), min_size=n, max_size=n, unique=True))
    values = draw(st.lists(st.decimals(0, 10**9, places=2, allow_nan=False), min_size=n, max_size=n))
    notes = draw(st.lists(CP1252_TEXT.filter(lambda s: s == s.strip()), min_size=n, max_size=n))
    return [(a, p, c, float(v), note) for (a, p, c), v, note in zip(keys, values, notes)]


@pytest.mark.slow
@settings(max_examples=max(10, SETTINGS.max_examples // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(rows=indicator_tables(), month_style=st.sampled_from(["name", "numeric", "iso"]),
       encoding=st.sampled_from(["cp1252", "utf-8-sig"]))
def test_german_excel_table_passes_ingest_with_same_values(rows, month_style, encoding):
    def month(d: date) -> str:
        if month_style == "name":
            return f"{MONTH_NAMES[d.month][0].capitalize()} {d.year}"
        return f"{d.month:02d}.{d.year}" if month_style == "numeric" else f"{d.year}-{d.month:02d}"

    text = _write([[a, month(p), c, fmt.number(v, "de", 2), "https://x.example", "01.03.2025", note]
                   for a, p, c, v, note in rows], ";", "\r\n")
    data = text.encode(encoding)
    if encoding == "cp1252":
        try:
            data.decode("utf-8")
            assume(all(b < 0x80 for b in data))
        except UnicodeDecodeError:
            pass
    prepared = read_and_prepare(ReadFile("t.csv", data), KNOWN)
    got = sorted((r["jobcenter_id"], r["period"], r["indicator"], r["value"], r["note"])
                 for r in (dict(zip(prepared.columns, row)) for row in prepared.rows))
    want = sorted((f"JC-{a}", p, c, round(v, 2), note or None) for a, p, c, v, note in rows)
    assert got == want
    assert all(r[prepared.columns.index("period_kind")] == "month" for r in prepared.rows)


# -- mutated corpus files through the whole ingest ---------------------------------------------------

def _corpus_names() -> list[str]:
    import make_corpus

    return sorted(set(make_corpus.FILES) - make_corpus.LARGE)


@st.composite
def mutated_files(draw):
    import make_corpus

    name = draw(st.sampled_from(_corpus_names()))
    data = bytearray((make_corpus.CORPUS / name).read_bytes()[:20_000])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos:pos + draw(st.integers(1, 50))]
        elif op == "insert":
            data[pos:pos] = draw(st.sampled_from([b";", b'"', b"\r\n", b"\x00", b"\xff\xfe", b",", b"\xc3", b"\t",
                                                  b"1.234,5", b"31.02.2024", b"\xef\xbb\xbf"]))
        elif op == "dup":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 200))]
    return name, bytes(data)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("KJC_HYPOTHESIS_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_files())
def test_mutated_corpus_files_are_loaded_or_refused_never_crash(mutated):
    from kjc_tui.ingest import Refused

    name, data = mutated
    try:
        prepared = read_and_prepare(ReadFile(name, data), KNOWN)
    except Refused as e:
        assert e.problems and all(str(p) for p in e.problems)
        return
    assert prepared.rows
