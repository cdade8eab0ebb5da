"""Generate the corpus of bad (and awkward but good) input files in `tests/robustness/corpus/`.

    python tests/robustness/make_corpus.py          # (re)writes the committed small files
    python tests/robustness/make_corpus.py --large  # also the big ones (only built in tests)

Everything is deterministic: `test_corpus.py` checks that the committed files are exactly what
this script writes, and asserts the outcome of loading each one. The files fit the tiny data
set of `tests/dataset.py` (districts 06437, 06535, 06412; jobcenters JC-06437, JC-06535,
JC-06412; indicators K1, K2 (percent), BG, ELB (count)).
"""

from __future__ import annotations

import io
import json
import random
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"

IND = "Kreisschlüssel;Monat;Kennzahl;Wert;Quelle;Stand;Hinweis"
EVT = "Veranstaltungs-ID;Datum;Art;Titel;Ort;Teilnehmende;Quelle;Stand"
BUD = "Budget-ID;Kreisschlüssel;Jahr;Programm;Posten;Betrag;Quelle;Stand"
SRC = "https://x.example/quelle"


def crlf(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


def cp1252(text: str) -> bytes:
    return text.encode("cp1252")


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def ind(*rows: str, header: str = IND) -> str:
    return crlf(header, *rows)


def row(ags: str = "06437", month: str = "Januar 2025", code: str = "BG", value: str = "1.234",
        note: str = "") -> str:
    return f"{ags};{month};{code};{value};{SRC};01.03.2025;{note}"


# -- the files --------------------------------------------------------------------------------

FILES: dict[str, Callable[[], bytes]] = {}
LARGE: set[str] = set()


def corpus(name: str, large: bool = False) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    def deco(fn: Callable[[], bytes]) -> Callable[[], bytes]:
        FILES[name] = fn
        if large:
            LARGE.add(name)
        return fn
    return deco


# empty and nearly empty
corpus("empty.csv")(lambda: b"")
corpus("whitespace_only.csv")(lambda: b" \r\n\t\r\n   \r\n")
corpus("bom_only.csv")(lambda: b"\xef\xbb\xbf")
corpus("header_only.csv")(lambda: cp1252(ind()))
corpus("header_and_empty_rows.csv")(lambda: cp1252(ind(";;;;;;", "", ";;;;;;")))
corpus("empty.json")(lambda: b"[]")
corpus("empty_object.json")(lambda: b"{}")


# binary garbage
@corpus("binary_garbage.csv")
def _binary() -> bytes:
    rng = random.Random(1)
    return bytes(rng.randrange(256) for _ in range(4096))


@corpus("binary_no_nul.csv")
def _binary_no_nul() -> bytes:
    rng = random.Random(2)
    return bytes(rng.randrange(1, 256) for _ in range(2048))


corpus("png_named_csv.csv")(lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64)))
corpus("zip_not_xlsx.xlsx")(lambda: b"PK\x03\x04" + b"\x00garbage" * 20)
corpus("truncated.xlsx")(lambda: _xlsx_bytes()[:300])
corpus("garbage.parquet")(lambda: b"PAR1" + b"\x01\x02garbage" * 10 + b"PAR1")


# encodings
corpus("utf16le_no_bom.csv")(lambda: ind(row(note="Maßnahme für Ältere")).encode("utf-16-le"))
corpus("utf16be_no_bom.csv")(lambda: ind(row(note="Übergänge")).encode("utf-16-be"))
corpus("utf16le_bom_tab.txt")(
    lambda: b"\xff\xfe" + crlf(IND.replace(";", "\t"), row(note="Straße").replace(";", "\t")).encode("utf-16-le"))
corpus("latin1_umlauts.csv")(lambda: ind(row(note="Gießen, Übergänge, Maßnahme für Ältere")).encode("latin-1"))
corpus("cp1252_euro_quotes.csv")(
    lambda: cp1252(crlf(BUD, f"B1;06437;2024;AQB;Maßnahmen;1.234,56 €;{SRC};01.03.2025",
                        f"B2;06535;2024;AQB;„Job-Turbo“ – Zuschüsse;99 €;{SRC};01.03.2025")))
corpus("utf8_bom_crlf.csv")(lambda: bom(ind(row(note="Maßnahme für Ältere"))))
# Excel's "CSV (MS-DOS)" writes cp850, old Macs MacRoman: both read as German, not as "Gie§en"
corpus("cp850_dos.csv")(lambda: ind(row(note="Gießen, Übergänge, Maßnahme für Ältere")).encode("cp850"))
corpus("macroman.csv")(lambda: ind(row(note="Gießen, Übergänge, Maßnahme für Ältere")).encode("mac_roman"))
corpus("utf32.csv")(lambda: ind(row(note="Straße")).encode("utf-32"))
corpus("utf32le_no_bom.csv")(lambda: ind(row(note="Straße")).encode("utf-32-le"))


@corpus("mixed_utf8_and_cp1252.csv")
def _mixed() -> bytes:
    return (utf8(crlf(IND, row(note="Gießen (UTF-8)"))) + cp1252(crlf(row(month="Februar 2025",
                                                                          note="Gießen (Windows-1252)"))))


# separators and quotes
corpus("mixed_separators.csv")(
    lambda: cp1252(ind(row(), row(month="Februar 2025").replace(";", ","), row(month="März 2025"))))
corpus("comma_header_semicolon_rows.csv")(lambda: cp1252(ind(row(), header=IND.replace(";", ","))))
corpus("unbalanced_quote.csv")(
    lambda: cp1252(ind(row(), row(month="Februar 2025", note='"nicht geschlossen'), row(month="März 2025"))))
corpus("text_after_closing_quote.csv")(
    lambda: cp1252(ind(row(), row(month="Februar 2025", note='"zitiert" und mehr'))))
corpus("quote_inside_field.csv")(lambda: cp1252(ind(row(note='sagte "ja" dazu'))))


@corpus("multiline_quoted_field_then_error.csv")
def _multiline() -> bytes:
    # a note over three physical lines, then a bad value: the message must name physical line 5
    return cp1252(ind(row(note='"Zeile eins\r\nZeile zwei\r\nZeile drei"'), row(month="Februar 2025", value="zwölf")))


corpus("trailing_separator.csv")(lambda: cp1252(crlf(IND + ";", row() + ";")))
corpus("ragged_rows.csv")(lambda: cp1252(ind(row(), "06437;Februar 2025;BG;5", row(month="März 2025") + ";extra")))
corpus("long_line_5000_fields.csv")(lambda: cp1252(ind(row(), ";".join(["x"] * 5000))))
corpus("line_of_100000_separators.csv")(lambda: cp1252(ind(row(), ";" * 100_000, row(month="März 2025"))))
corpus("only_100000_separators.csv")(lambda: b";" * 100_000)
corpus("long_field_ok.csv")(lambda: cp1252(ind(row(note="ä" * 200_000))))
corpus("field_over_limit.csv", large=True)(lambda: cp1252(ind(row(), row(month="Februar 2025", note="x" * 1_000_001))))
corpus("nul_in_field.csv")(lambda: cp1252(ind(row(note="x" * 9000), row(month="Februar 2025", note="a\x00b"))))


# keys
corpus("duplicate_keys.csv")(lambda: cp1252(ind(row(), row(month="Februar 2025"), row(value="99"))))
corpus("duplicate_keys_other_spelling.csv")(lambda: cp1252(ind(row(month="Januar 2025"), row(month="01.2025"),
                                                                row(month="2025-01"))))
corpus("duplicate_header_columns.csv")(lambda: cp1252(crlf(IND + ";Wert", row() + ";5")))
corpus("unknown_ags.csv")(lambda: cp1252(ind(row(), row(ags="06999"), row(ags="99999", month="Februar 2025"))))
corpus("ags_lost_leading_zero.csv")(lambda: cp1252(ind(row(ags="6437"))))
corpus("unknown_jobcenter_and_indicator.csv")(
    lambda: cp1252(crlf("Jobcenter-ID;Monat;Kennzahl;Wert;Quelle;Stand",
                        f"JC-99999;Januar 2025;BG;1;{SRC};01.03.2025",
                        f"JC-06437;Januar 2025;XY;1;{SRC};01.03.2025")))
corpus("jobcenter_with_unknown_district.csv")(
    lambda: utf8(crlf("jobcenter_id,name,ags,model,source,as_of", f"JC-X,Neu,06999,zkT,{SRC},2025-01-01")))
corpus("unknown_columns_only.csv")(lambda: cp1252(crlf("Foo;Bar;Baz", "1;2;3")))
corpus("missing_required_column.csv")(lambda: cp1252(crlf("Kreisschlüssel;Monat;Kennzahl;Quelle;Stand",
                                                           f"06437;Januar 2025;BG;{SRC};01.03.2025")))


# dates
GOOD_DATES = [
    ("22.02.2024", date(2024, 2, 22), "day"),
    ("22.2.2024", date(2024, 2, 22), "day"),
    ("22.2.24", date(2024, 2, 22), "day"),
    ("01.03.99", date(1999, 3, 1), "day"),
    ("22. 02. 2024", date(2024, 2, 22), "day"),
    ("2024-02-22", date(2024, 2, 22), "day"),
    ("2024-2-22", date(2024, 2, 22), "day"),
    ("20240222", date(2024, 2, 22), "day"),
    ("2024-02-22T09:30:00", date(2024, 2, 22), "day"),
    ("2024-02-22 09:30", date(2024, 2, 22), "day"),
    ("22.02.2024 09:30", date(2024, 2, 22), "day"),
    ("22.02.2024 00:00:00", date(2024, 2, 22), "day"),
    ("02/22/2024", date(2024, 2, 22), "day"),
    ("22. Februar 2024", date(2024, 2, 22), "day"),
    ("22 Februar 2024", date(2024, 2, 22), "day"),
    ("22. Feb. 2024", date(2024, 2, 22), "day"),
    ("29.02.2024", date(2024, 2, 29), "day"),
    ("Februar 2024", date(2024, 2, 1), "month"),
    ("februar 2024", date(2024, 2, 1), "month"),
    ("FEBRUAR 2024", date(2024, 2, 1), "month"),
    ("Feb 2024", date(2024, 2, 1), "month"),
    ("Feb. 2024", date(2024, 2, 1), "month"),
    ("März 2024", date(2024, 3, 1), "month"),
    ("Maerz 2024", date(2024, 3, 1), "month"),
    ("Mrz. 2024", date(2024, 3, 1), "month"),
    ("Jänner 2024", date(2024, 1, 1), "month"),
    ("Dez. 2024", date(2024, 12, 1), "month"),
    ("02.2024", date(2024, 2, 1), "month"),
    ("2.2024", date(2024, 2, 1), "month"),
    ("02/2024", date(2024, 2, 1), "month"),
    ("2024-02", date(2024, 2, 1), "month"),
    ("2024", date(2024, 1, 1), "year"),
    ("2024-Q2", date(2024, 4, 1), "month"),       # quarters are stored with month precision
    ("Q3 2024", date(2024, 7, 1), "month"),
    ("4. Quartal 2024", date(2024, 10, 1), "month"),
    ("22-02-2024", date(2024, 2, 22), "day"),
    ("2024/02/22", date(2024, 2, 22), "day"),
    ("Do., 22.02.2024", date(2024, 2, 22), "day"),
    ("Donnerstag, 22. Februar 2024", date(2024, 2, 22), "day"),
    ("Feb. 24", date(2024, 2, 1), "month"),
    ("Juli 24", date(2024, 7, 1), "month"),
    ("2024-02-22T09:30:00+01:00", date(2024, 2, 22), "day"),
    ("2024-02-22 09:30:00.123Z", date(2024, 2, 22), "day"),
]
BAD_DATES = [
    ("31.02.2024", "Datum ist kein gültiges Datum (31.02.2024: den 31. gibt es in diesem Monat nicht)"),
    ("29.02.2023", "Datum ist kein gültiges Datum (29.02.2023: den 29. gibt es in diesem Monat nicht)"),
    ("00.01.2024", "Datum ist kein gültiges Datum (00.01.2024: den 0. gibt es in diesem Monat nicht)"),
    ("32.01.2024", "Datum ist kein gültiges Datum (32.01.2024: den 32. gibt es in diesem Monat nicht)"),
    ("2024-13-01", "Datum hat den Monat 13, den es nicht gibt"),
    ("2024-00-10", "Datum hat den Monat 0, den es nicht gibt"),
    ("13.2024", "Datum hat den Monat 13, den es nicht gibt"),
    ("99.99.9999", "Datum hat den Monat 99, den es nicht gibt"),
    ("Smarch 2024", "Datum hat den unbekannten Monatsnamen 'Smarch'"),
    ("0000", "Datum hat das unplausible Jahr 0"),
    ("2024-Q5", "Datum ist kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 oder 2024)"),
    ("22.02.2024 25:61", "Datum hat eine Uhrzeit, die es nicht gibt (22.02.2024 25:61)"),
    ("2024-02-22T24:00", "Datum hat eine Uhrzeit, die es nicht gibt (2024-02-22T24:00)"),
    ("gestern", "Datum ist kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 oder 2024)"),
    ("45345", "Datum ist kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 oder 2024)"),
    ("22/02/2024", "Datum hat den Monat 22, den es nicht gibt"),
    ("2024-W08", "Datum ist eine Kalenderwoche, kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 "
                 "oder 2024)"),
    ("2024-053", "Datum ist ein Tag des Jahres (ISO-Ordinaldatum), kein Datum (erwartet z. B. 22.02.2024, "
                 "2024-02-22, Februar 2024 oder 2024)"),
    ("２０２４-０２-２２", "Datum enthält die Ziffer '２' (U+FF12); erlaubt sind nur 0–9"),
    ("02/24", "Datum ist kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 oder 2024)"),
    ("1. Halbjahr 2024", "Datum hat den unbekannten Monatsnamen 'Halbjahr'"),
]


def _events(dates: list[str]) -> bytes:
    return utf8(crlf(EVT, *[f"E{i:02d};{d};Messe;Termin {i};Erbach;10;{SRC};01.03.2025"
                              for i, d in enumerate(dates, start=1)]))


corpus("dates_every_spelling.csv")(lambda: _events([d for d, _, _ in GOOD_DATES]))
corpus("dates_impossible.csv")(lambda: _events([d for d, _ in BAD_DATES]))


# numbers
GOOD_AMOUNTS = [
    ("1.234.567,89", 1234567.89),
    ("1 234 567,89 €", 1234567.89),
    ("1\u00a0234\u00a0567,89\u00a0€", 1234567.89),
    ("1\u202f234,5", 1234.5),
    ("€ 1.234", 1234.0),
    ("EUR 12.345,00", 12345.0),
    ("12.345 Euro", 12345.0),
    ("1.234,56€", 1234.56),
    ("27,7 Mio. €", 27700000.0),
    ("1,2 Mrd. EUR", 1200000000.0),
    ("ca. 5.000 €", 5000.0),
    ("12,-", 12.0),
    ("1.250,– €", 1250.0),
    ("0,5", 0.5),
    (",5", 0.5),
    ("1e3", 1000.0),
    ("  42  ", 42.0),
    ("-0", 0.0),
]
BAD_AMOUNTS = [
    ("12 34", "Betrag (EUR) hat Leerzeichen an falscher Stelle (Tausendergruppen haben drei Ziffern)"),
    ("1 2 3", "Betrag (EUR) hat Leerzeichen an falscher Stelle (Tausendergruppen haben drei Ziffern)"),
    ("$ 100", "Betrag (EUR) ist keine Zahl"),
    ("100 USD", "Betrag (EUR) ist keine Zahl"),
    ("(1.234)", "Betrag (EUR) ist keine Zahl"),
    ("1.234.56", "Betrag (EUR) hat falsch gesetzte Tausendertrennzeichen"),
    ("12.34.567", "Betrag (EUR) hat falsch gesetzte Tausendertrennzeichen"),
    ("-1.234 €", "Betrag (EUR) darf nicht kleiner als 0 sein"),
    ("1e999", "Betrag (EUR) ist zu groß"),
    ("9" * 400, "Betrag (EUR) ist zu groß"),
    ("zwölf", "Betrag (EUR) ist keine Zahl"),
    ("1,2,3", "Betrag (EUR) hat mehr als ein Dezimaltrennzeichen"),
    ("€", "Betrag (EUR) ist keine Zahl"),
    ("1\t234", "Betrag (EUR) enthält einen Tabulator oder Zeilenumbruch"),
    ("١٢٣", "Betrag (EUR) enthält die Ziffer '١' (U+0661); erlaubt sind nur 0–9"),
]


def _budgets(amounts: list[str]) -> bytes:
    return bom(crlf(BUD, *[f"B{i:02d};06437;2024;AQB;Posten {i};{a};{SRC};01.03.2025"
                              for i, a in enumerate(amounts, start=1)]))


corpus("amounts_spaces_currency.csv")(lambda: _budgets([a for a, _ in GOOD_AMOUNTS]))
corpus("amounts_bad.csv")(lambda: _budgets([a for a, _ in BAD_AMOUNTS]))
corpus("counts_bad.csv")(lambda: cp1252(crlf(
    EVT, f"E1;01.02.2024;Messe;A;Erbach;12,5;{SRC};01.03.2025",
    f"E2;01.02.2024;Messe;B;Erbach;99999999999999999999;{SRC};01.03.2025",
    f"E3;01.02.2024;Messe;C;Erbach;1e30;{SRC};01.03.2025",
    f"E4;01.02.2024;Messe;D;Erbach;ca. 1.200;{SRC};01.03.2025")))


# hostile text
HOSTILE = [
    "[bold red]Alarm[/]",
    "[link=https://evil.example]klick[/link]",
    "[@click=app.quit]Beenden[/]",
    "[/]",
    "$(rm -rf ~) `reboot`",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"http://evil.example\";\"x\")",
    "{{7*7}} %s %(x)s {0}",
    "\x1b[31mrot\x1b[0m",
    "\x1b]0;Fenstertitel\x07",
    "\x1b[2J\x1b[H",
    "\x1b]8;;https://evil.example\x1b\\Link\x1b]8;;\x1b\\",
    "\u009b31m C1-CSI",
    "Rück\bschritt und Glocke\x07",
    "\u202eRTL-Override\u202c",
    "'); DROP TABLE districts; --",
    "Robert'); DELETE FROM loads; --",
    "\" OR 1=1 --",
    "1; ATTACH '/etc/passwd' AS p",
    "🙂 Emoji und 𝔉𝔯𝔞𝔨𝔱𝔲𝔯",
]


def _csv_quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


corpus("hostile_text.csv")(lambda: utf8(crlf(
    EVT, *[f"H{i:02d};01.02.2024;Messe;{_csv_quote(t)};{_csv_quote(t)};1;{SRC};01.03.2025"
           for i, t in enumerate(HOSTILE, start=1)])))
corpus("hostile_header.csv")(lambda: utf8(crlf(
    IND + ';"Wert""; DROP TABLE indicators; --";[bold]x[/bold];\x1b[31mrot', row() + ";1;2;3")))
corpus("hostile_text.json")(lambda: utf8(json.dumps(
    {"rows": [{"event_id": f"J{i:02d}", "date": "2024-02-01", "kind": "Messe", "title": t, "source": SRC,
               "as_of": "2025-03-01"} for i, t in enumerate(HOSTILE, start=1)]}, ensure_ascii=False)))

corpus("hostile_keys.json")(lambda: utf8(json.dumps(
    [{"\x1b[2J\x1b[31mrot": 1, "[bold]fett[/bold]": 2, "'; DROP TABLE loads; --": 3}], ensure_ascii=False)))

# JSON oddities
corpus("broken.json")(lambda: b'[{"event_id": "E1", "date": "2024-02-01",')
corpus("json_not_objects.json")(lambda: b'[1, 2, 3]')
corpus("json_nested_values.json")(lambda: utf8(json.dumps([{
    "event_id": "E1", "date": "2024-02-01", "kind": "Messe", "title": {"de": "x"}, "participants": [1, 2],
    "source": SRC, "as_of": "2025-03-01"}])))
corpus("json_nan_infinity.json")(lambda: b'[{"event_id": "E1", "date": "2024-02-01", "kind": "Messe", '
                                         b'"title": "T", "participants": NaN, "source": "s", "as_of": "2025-03-01"},'
                                         b'{"event_id": "E2", "date": "2024-02-01", "kind": "Messe", '
                                         b'"title": "T", "participants": 1e999, "source": "s", "as_of": "2025-03-01"}]')
corpus("json_deeply_nested.json", large=True)(lambda: b"[" * 100_000 + b"]" * 100_000)
corpus("json_number_5000_digits.json")(lambda: b'[{"event_id": "E1", "date": "2024-02-01", "kind": "Messe", '
                                               b'"title": "T", "participants": ' + b"9" * 5000
                                               + b', "source": "s", "as_of": "2025-03-01"}]')
corpus("json_number_5000_digits.jsonl")(lambda: b"".join(
    b'{"event_id": "E%d", "date": "2024-02-01", "kind": "Messe", "title": "T", "participants": %s, "source": "s", '
    b'"as_of": "2025-03-01"}\n' % (i, n) for i, n in ((1, b"1"), (2, b"1" * 5000))))
corpus("json_duplicate_key.json")(lambda: utf8(
    '[{"event_id": "E1", "date": "2024-02-01", "kind": "Messe", "title": "erster", "source": "s", '
    '"as_of": "2025-03-01"},\n {"event_id": "E2", "date": "2024-02-01", "kind": "Messe", "title": "erster", '
    '"title": "zweiter", "source": "s", "as_of": "2025-03-01"}]'))
corpus("json_types.json")(lambda: utf8(json.dumps([{
    "event_id": 7, "date": 2024, "kind": "Messe", "title": True, "participants": "12", "source": SRC,
    "as_of": "2025-03-01"}])))


# BA statistics export: metadata lines above the header, month labels
corpus("ba_metadata_lines.csv")(lambda: cp1252(crlf(
    "Statistik der Bundesagentur für Arbeit", "Tabelle 1.2; Erwerbsfähige Leistungsberechtigte", "",
    "Erstellungsdatum: 10.03.2025;;;", IND, row(code="ELB", value="3.456"), row(code="ELB", month="Februar 2025",
                                                                               value="3.401"),
    "© Statistik der Bundesagentur für Arbeit")))


# XLSX
def _xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Kennzahlen"
    ws.append(["Stand der Daten: März 2025"])
    ws.append(["Kreisschlüssel", "Monat", "Kennzahl", "Wert", "Quelle", "Stand", "Hinweis"])
    ws.append(["06437", datetime(2025, 1, 1), "BG", 1234, SRC, datetime(2025, 3, 1), "=SUMME(A1:A2)"])
    ws.append(["06535", "Februar 2025", "K2", "24,6", SRC, "01.03.2025", "[b]fett[/b]"])
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so that the file is the same on every run."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                body = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-03-01T00:00:00Z", body)
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 3, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, body)
    return out.getvalue()


corpus("awkward.xlsx")(_xlsx_bytes)


@corpus("ags_as_number.xlsx")
def _xlsx_ags_number() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kreisschlüssel", "Monat", "Kennzahl", "Wert", "Quelle", "Stand"])
    ws.append([6437, "Januar 2025", "BG", 5, SRC, "01.03.2025"])
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def build(directory: Path, large: bool = False) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make in FILES.items():
        if name in LARGE and not large:
            continue
        p = directory / name
        p.write_bytes(make())
        out.append(p)
    return out


if __name__ == "__main__":
    for p in build(CORPUS, large="--large" in sys.argv):
        print(f"{p.stat().st_size:>9}  {p.name}")
