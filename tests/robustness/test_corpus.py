"""The corpus of bad files: for each, the exact outcome of loading it.

Either it loads, and then with exactly the expected values, or it is refused with the exact
messages (file, row, column, value, reason) and the database file is byte-for-byte unchanged.
Nothing may crash: any exception other than `Refused` fails the test.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import make_corpus as mc
from dataset import build_db
from kjc_tui.db import snapshot
from kjc_tui.ingest import Refused
from kjc_tui.ingest.problem import note_text
from kjc_tui.db.store import Store

DATE_HINT = "ist kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 oder 2024)"
NO_HEADER = "keine Kopfzeile mit bekannten Spaltennamen gefunden (erste Zeile: {})"


@dataclass
class Loaded:
    table: str
    rows: int
    sql: str | None = None
    expected: list[tuple[Any, ...]] | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Refusal:
    messages: list[str]


def refused(*messages: str) -> Refusal:
    return Refusal(list(messages))


IND_SQL = "SELECT jobcenter_id, period, indicator, value, note FROM indicators ORDER BY period, jobcenter_id"


def ind_row(value: float, note: str | None, period: date = date(2025, 1, 1), jc: str = "JC-06437",
            code: str = "BG") -> tuple[Any, ...]:
    return (jc, period, code, value, note)


EXPECT: dict[str, Loaded | Refusal] = {
    # empty and nearly empty
    "empty.csv": refused("{f}: ist leer"),
    "whitespace_only.csv": refused("{f}: ist leer"),
    "bom_only.csv": refused("{f}: ist leer"),
    "header_only.csv": refused("{f}: enthält keine Datenzeilen"),
    "header_and_empty_rows.csv": refused("{f}: enthält keine Datenzeilen"),
    "empty.json": refused("{f}: enthält keine Datensätze"),
    "empty_object.json": refused("{f}: enthält keine Datensätze (nur leere Objekte)"),
    # binary
    "binary_garbage.csv": refused("{f}: ist keine Textdatei (enthält Binärdaten)"),
    "binary_no_nul.csv": refused("{f}: ist keine Textdatei (enthält Binärdaten)"),
    "png_named_csv.csv": refused("{f}: ist keine Textdatei (enthält Binärdaten)"),
    "zip_not_xlsx.xlsx": refused("{f}: ist keine gültige XLSX-Datei (BadZipFile)"),
    "truncated.xlsx": refused("{f}: ist keine gültige XLSX-Datei (BadZipFile)"),
    "garbage.parquet": refused(
        "{f}: ist keine gültige Parquet-Datei (Footer length error in file 'garbage.parquet')"),
    # encodings
    "utf16le_no_bom.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, "Maßnahme für Ältere")]),
    "utf16be_no_bom.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, "Übergänge")]),
    "utf16le_bom_tab.txt": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, "Straße")]),
    "latin1_umlauts.csv": Loaded("indicators", 1, IND_SQL,
                                 [ind_row(1234.0, "Gießen, Übergänge, Maßnahme für Ältere")]),
    "cp1252_euro_quotes.csv": Loaded("budgets", 2, "SELECT budget_id, item, amount_eur FROM budgets ORDER BY 1",
                                     [("B1", "Maßnahmen", 1234.56), ("B2", "„Job-Turbo“ – Zuschüsse", 99.0)]),
    "utf8_bom_crlf.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, "Maßnahme für Ältere")]),
    "cp850_dos.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, "Gießen, Übergänge, Maßnahme für Ältere")],
                            notes=["{f}: Zeichenkodierung DOS (cp850, Excel „CSV (MS-DOS)“) erkannt"]),
    "macroman.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, "Gießen, Übergänge, Maßnahme für Ältere")],
                           notes=["{f}: Zeichenkodierung MacRoman erkannt"]),
    "utf32.csv": refused("{f}: ist in UTF-32 kodiert; diese Zeichenkodierung wird nicht unterstützt (bitte als "
                         "UTF-8 oder Windows-1252 speichern)"),
    "utf32le_no_bom.csv": refused("{f}: ist in UTF-32 kodiert; diese Zeichenkodierung wird nicht unterstützt "
                                  "(bitte als UTF-8 oder Windows-1252 speichern)"),
    "mixed_utf8_and_cp1252.csv": refused(
        "{f}, Zeile 3: mischt Zeichenkodierungen: diese Zeile ist kein UTF-8 (Byte 0xDF), andere Zeilen sind UTF-8; "
        "bitte die Datei einheitlich als UTF-8 oder Windows-1252 speichern"),
    # separators and quotes
    "mixed_separators.csv": refused("{f}, Zeile 3: hat 1 Felder, die Kopfzeile hat 7"),
    "comma_header_semicolon_rows.csv": refused("{f}, Zeile 2: hat 1 Felder, die Kopfzeile hat 7"),
    "unbalanced_quote.csv": refused("{f}, Zeile 3: ein Anführungszeichen wird nicht geschlossen"),
    "text_after_closing_quote.csv": refused(
        "{f}, Zeile 3: nach einem schließenden Anführungszeichen folgt kein Trennzeichen "
        "(Anführungszeichen im Text werden verdoppelt: \"\")"),
    "quote_inside_field.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, 'sagte "ja" dazu')]),
    "multiline_quoted_field_then_error.csv": refused(
        "{f}, Zeile 5, Spalte 'Wert', Wert 'zwölf': Wert ist keine Zahl"),
    "trailing_separator.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, None)]),
    "ragged_rows.csv": refused(
        "{f}, Zeile 3: hat 4 Felder, die Kopfzeile hat 7",
        "{f}, Zeile 4: hat 8 Felder, die Kopfzeile hat 7 (falsches Trennzeichen oder Anführungszeichen?)"),
    "long_line_5000_fields.csv": refused(
        "{f}, Zeile 3: hat 5.000 Felder, die Kopfzeile hat 7 (falsches Trennzeichen oder Anführungszeichen?)"),
    # a line of nothing but separators is an empty row (Excel writes those), skipped like ";;;;;;"
    "line_of_100000_separators.csv": Loaded("indicators", 2, IND_SQL, [
        ind_row(1234.0, None), ind_row(1234.0, None, date(2025, 3, 1))]),
    "only_100000_separators.csv": refused("{f}, Zeile 1: " + NO_HEADER.format(repr(";" * 120))),
    "long_field_ok.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, "ä" * 200_000)]),
    "field_over_limit.csv": refused("{f}, Zeile 3: ein Feld ist länger als 1.000.000 Zeichen"),
    "nul_in_field.csv": refused(
        "{f}, Zeile 3, Spalte 'Hinweis', Wert 'a\\x00b': Hinweis enthält ein NUL-Zeichen (Binärdaten?)"),
    # keys
    "duplicate_keys.csv": refused(
        "{f}, Zeile 4, Spalte 'Kreisschlüssel, Monat, Kennzahl, sex', Wert 'JC-06437 / 2025-01-01 / BG / all': "
        "Schlüssel doppelt (schon in Zeile 2)"),
    "duplicate_keys_other_spelling.csv": refused(*[
        f"{{f}}, Zeile {n}, Spalte 'Kreisschlüssel, Monat, Kennzahl, sex', Wert 'JC-06437 / 2025-01-01 / BG / all': "
        "Schlüssel doppelt (schon in Zeile 2)" for n in (3, 4)]),
    "duplicate_header_columns.csv": refused("{f}, Zeile 1, Spalte 'Wert': zweite Spalte für 'value' (schon in Spalte "
                                            "'Wert')"),
    "unknown_ags.csv": refused(
        "{f}, Zeile 3, Spalte 'Kreisschlüssel', Wert '06999': kein Jobcenter zu diesem Kreisschlüssel",
        "{f}, Zeile 4, Spalte 'Kreisschlüssel', Wert '99999': kein Jobcenter zu diesem Kreisschlüssel"),
    "ags_lost_leading_zero.csv": refused(
        "{f}, Zeile 2, Spalte 'Kreisschlüssel', Wert '6437': Kreisschlüssel hat nur 4 Ziffern – führende Null "
        "verloren? (Kreisschlüssel sind fünfstellig, z. B. 06437; in Excel die Spalte als Text formatieren)"),
    "unknown_jobcenter_and_indicator.csv": refused(
        "{f}, Zeile 2, Spalte 'Jobcenter-ID', Wert 'JC-99999': unbekannter Jobcenter (nicht in Tabelle jobcenters)",
        "{f}, Zeile 3, Spalte 'Kennzahl', Wert 'XY': unbekannte Kennzahl (nicht in Tabelle indicator_defs)"),
    "jobcenter_with_unknown_district.csv": refused(
        "{f}, Zeile 2, Spalte 'ags', Wert '06999': unbekannter Kreis (nicht in Tabelle districts)"),
    "unknown_columns_only.csv": refused("{f}, Zeile 1: " + NO_HEADER.format(repr("Foo;Bar;Baz"))),
    "missing_required_column.csv": refused(
        "{f}, Zeile 1: Tabelle nicht erkannt: die Spalten passen zu keiner Tabelle vollständig (am ehesten "
        "indicators / Kennzahlen, dort fehlen: value (Wert)); mit --table die Tabelle angeben"),
    # dates
    "dates_every_spelling.csv": Loaded(
        "events", len(mc.GOOD_DATES), "SELECT date, date_precision FROM events ORDER BY event_id",
        [(d, p) for _, d, p in mc.GOOD_DATES]),
    "dates_impossible.csv": refused(*[
        f"{{f}}, Zeile {i}, Spalte 'Datum', Wert {raw!r}: {reason}"
        for i, (raw, reason) in enumerate(mc.BAD_DATES, start=2)]),
    # numbers
    "amounts_spaces_currency.csv": Loaded(
        "budgets", len(mc.GOOD_AMOUNTS), "SELECT amount_eur, qualifier FROM budgets ORDER BY budget_id",
        [(v, "≈" if raw.startswith("ca.") else "=") for raw, v in mc.GOOD_AMOUNTS]),
    "amounts_bad.csv": refused(*[
        f"{{f}}, Zeile {i}, Spalte 'Betrag', Wert {(raw if len(raw) <= 60 else raw[:57] + '…')!r}: {reason}"
        for i, (raw, reason) in enumerate(mc.BAD_AMOUNTS, start=2)]),
    "counts_bad.csv": refused(
        "{f}, Zeile 2, Spalte 'Teilnehmende', Wert '12,5': Teilnehmende ist keine ganze Zahl",
        "{f}, Zeile 3, Spalte 'Teilnehmende', Wert '99999999999999999999': Teilnehmende ist zu groß",
        "{f}, Zeile 4, Spalte 'Teilnehmende', Wert '1e30': Teilnehmende ist zu groß"),
    # hostile text: stored exactly as written, nothing interpreted
    "hostile_text.csv": Loaded("events", len(mc.HOSTILE), "SELECT title, place FROM events ORDER BY event_id",
                               [(t, t) for t in mc.HOSTILE]),
    "hostile_text.json": Loaded("events", len(mc.HOSTILE), "SELECT title FROM events ORDER BY event_id",
                                [(t,) for t in mc.HOSTILE]),
    "hostile_header.csv": Loaded("indicators", 1, IND_SQL, [ind_row(1234.0, None)], notes=[
        "{f}: nicht übernommene Spalten: 'Wert\"; DROP TABLE indicators; --', '[bold]x[/bold]', '\\x1b[31mrot'"]),
    "hostile_keys.json": refused(
        "{f}: die Schlüssel der Objekte sind keine bekannten Spaltennamen: '\\x1b[2J\\x1b[31mrot', "
        "'[bold]fett[/bold]', \"'; DROP TABLE loads; --\""),
    # JSON
    "broken.json": refused(
        "{f}, Zeile 1: ist kein gültiges JSON (Expecting property name enclosed in double quotes, Zeile 1, "
        "Spalte 42)"),
    "json_not_objects.json": refused("{f}, Zeile 1: Datensatz 1 ist kein Objekt"),
    "json_nested_values.json": refused(
        "{f}, Datensatz 1, Spalte 'participants', Wert '[1, 2]': Teilnehmende ist keine Zahl"),
    "json_nan_infinity.json": refused(
        "{f}, Datensatz 1, Spalte 'participants', Wert 'nan': Teilnehmende ist keine endliche Zahl",
        "{f}, Datensatz 2, Spalte 'participants', Wert 'inf': Teilnehmende ist keine endliche Zahl"),
    "json_deeply_nested.json": refused(
        "{f}, Zeile 1: ist zu tief verschachtelt (mehr als 64 Ebenen ab Zeile 1, Spalte 65)"),
    "json_number_5000_digits.json": refused(
        "{f}, Datensatz 1, Spalte 'participants', Wert '" + "9" * 57 + "…': Teilnehmende ist zu groß"),
    "json_number_5000_digits.jsonl": refused(
        "{f}, Zeile 2, Spalte 'participants', Wert '" + "1" * 57 + "…': Teilnehmende ist zu groß"),
    "json_duplicate_key.json": refused(
        "{f}, Datensatz 2, Spalte 'title': der Schlüssel steht in diesem Objekt 2-mal; welcher Wert gilt, ist "
        "nicht eindeutig"),
    # JSON numbers and booleans in text and date columns are taken as what they say
    "json_types.json": Loaded(
        "events", 1, "SELECT event_id, date, date_precision, title, participants FROM events",
        [("7", date(2024, 1, 1), "year", "True", 12)]),
    # BA statistics export: metadata above the header, a footer below the data
    "ba_metadata_lines.csv": Loaded(
        "indicators", 2, IND_SQL,
        [ind_row(3456.0, None, code="ELB"), ind_row(3401.0, None, date(2025, 2, 1), code="ELB")],
        notes=["{f}: Fußzeile 8 nicht übernommen: '© Statistik der Bundesagentur für Arbeit'"]),
    # XLSX: typed cells, a formula (no cached value: empty), markup-looking text kept literally
    "awkward.xlsx": Loaded("indicators", 2, IND_SQL, [
        ind_row(1234.0, None), ind_row(24.6, "[b]fett[/b]", date(2025, 2, 1), "JC-06535", "K2")]),
    "ags_as_number.xlsx": refused(
        "{f}, Zeile 2, Spalte 'Kreisschlüssel', Zelle A2, Wert '6437': Kreisschlüssel hat nur 4 Ziffern – "
        "führende Null verloren? (Kreisschlüssel sind fünfstellig, z. B. 06437; in Excel die Spalte als Text formatieren)"),
}


def test_every_corpus_file_has_an_expected_outcome():
    assert sorted(EXPECT) == sorted(mc.FILES)


def test_committed_corpus_is_what_the_script_writes():
    committed = {p.name for p in mc.CORPUS.iterdir()}
    assert committed == set(mc.FILES) - mc.LARGE
    for name in sorted(committed):
        assert (mc.CORPUS / name).read_bytes() == mc.FILES[name](), f"{name}: run tests/robustness/make_corpus.py"


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("base"))


@pytest.mark.parametrize("name", sorted(mc.FILES))
def test_corpus_file(name, base_db, tmp_path):
    db = tmp_path / "kjc.duckdb"
    shutil.copyfile(base_db, db)
    f = tmp_path / name
    f.write_bytes(mc.CORPUS.joinpath(name).read_bytes() if name not in mc.LARGE else mc.FILES[name]())
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    expect = EXPECT[name]
    if isinstance(expect, Refusal):
        with pytest.raises(Refused) as exc:
            snapshot.load(db, [f])
        got = [str(p) for p in exc.value.problems]
        want = [m.replace("{f}", str(f)) for m in expect.messages]
        assert got == want
        assert exc.value.more == 0
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before, "refused, but the database changed"
    else:
        result = snapshot.load(db, [f])
        assert result.files == [(str(f), expect.table, expect.rows)]
        assert [note_text(n, "de") for n in result.notes] == [n.replace("{f}", str(f)) for n in expect.notes]
        store = Store(db)
        try:
            assert store.scalar(f"SELECT count(*) FROM {expect.table}") == expect.rows
            if expect.sql:
                assert store.tuples(expect.sql)[1] == expect.expected
            # nothing else touched: the master tables are whole, and the load is recorded
            assert store.scalar("SELECT count(*) FROM districts") == 3
            assert store.scalar("SELECT count(*) FROM jobcenters") == 3
            assert store.tuples("SELECT file, rows, checksum FROM loads ORDER BY load_id DESC LIMIT 1")[1] == [
                (str(f), expect.rows, hashlib.sha256(f.read_bytes()).hexdigest())]
        finally:
            store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["kjc.duckdb", "kjc.duckdb.lock", name])


def test_hostile_text_is_shown_literally():
    """What the loaded hostile values look like on screen: no control character survives."""
    from kjc_tui.core.fmt import strip_controls

    for t in mc.HOSTILE:
        shown = strip_controls(t)
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in shown), repr(shown)
        assert "\u202e" not in shown


@pytest.mark.slow
def test_whole_corpus_through_the_command_line(tmp_path, monkeypatch, capsys):
    """`kjc-tui load` on every file: exit 0 or 3, a message, never a traceback or an 'unerwarteter Fehler'."""
    from kjc_tui.cli.main import EXIT_OK, EXIT_REFUSED, main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    db = build_db(tmp_path)
    files = mc.build(tmp_path / "corpus", large=True)
    for f in files:
        code = main(["--db", str(db), "check", str(f)])
        out, err = capsys.readouterr()
        want = EXIT_OK if isinstance(EXPECT[f.name], Loaded) else EXIT_REFUSED
        assert code == want, (f.name, out, err)
        assert "unerwarteter Fehler" not in err and "Traceback" not in err
        assert "\x1b" not in out + err, (f.name, "escape sequence printed to the terminal")
    # all at once: one refusal listing the problems, the database untouched
    before = db.read_bytes()
    assert main(["--db", str(db), "load", *map(str, files)]) == EXIT_REFUSED
    assert db.read_bytes() == before


def test_hostile_file_name_is_printed_literally(tmp_path, monkeypatch, capsys):
    from kjc_tui.cli.main import EXIT_REFUSED, main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    db = build_db(tmp_path)
    f = tmp_path / "\x1b[2J\x1b]0;titel\x07böse.csv"
    f.write_bytes(mc.FILES["amounts_bad.csv"]())
    assert main(["--db", str(db), "load", str(f)]) == EXIT_REFUSED
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "[2J]0;titelböse.csv, Zeile 2, Spalte 'Betrag'" in err
