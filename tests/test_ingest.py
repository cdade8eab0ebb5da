"""Reading and validating files in every format, against every rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dataset import build_db, german_excel_csv
from kjc_tui.db import snapshot
from kjc_tui.ingest import Refused
from kjc_tui.db.store import Store


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path)


def rows(db: Path, sql: str) -> list[tuple]:
    s = Store(db)
    try:
        return s.tuples(sql)[1]
    finally:
        s.close()


def refused(db: Path, path: Path, **kw) -> list[str]:
    with pytest.raises(Refused) as e:
        snapshot.load(db, [path], **kw)
    return [str(p) for p in e.value.problems]


def test_german_excel_csv_loads(db, tmp_path):
    f = tmp_path / "kennzahlen.csv"
    f.write_bytes(b"Export der Kennzahlen\r\nStand: 01.03.2025\r\n\r\n" + german_excel_csv([
        "06437;Januar 2025;K2;24,6;https://x.example/k;01.03.2025",
        "06535;Januar 2025;BG;1.234;https://x.example/k;01.03.2025",
        "06535;Februar 2025;BG;ca. 1.300;https://x.example/k;01.03.2025",
    ]))
    result = snapshot.load(db, [f])
    assert result.files == [(str(f), "indicators", 3)]
    got = rows(db, "SELECT jobcenter_id, period, period_kind, indicator, sex, value, qualifier FROM indicators ORDER BY 2, 1, 4")
    assert got == [
        ("JC-06437", date(2025, 1, 1), "month", "K2", "all", 24.6, "="),
        ("JC-06535", date(2025, 1, 1), "month", "BG", "all", 1234.0, "="),
        ("JC-06535", date(2025, 2, 1), "month", "BG", "all", 1300.0, "≈"),
    ]


def test_utf8_bom_and_english_headers(db, tmp_path):
    f = tmp_path / "staff.csv"
    f.write_bytes("\ufeffjobcenter_id,period,headcount,fte,source,as_of\n"
                  "JC-06437,2024-12-31,180,150.5,https://x.example/s,2025-01-10\n".encode("utf-8"))
    snapshot.load(db, [f])
    assert rows(db, "SELECT function, headcount, fte FROM staffing") == [("gesamt", 180, 150.5)]


def test_same_file_twice_is_harmless_and_replace_replaces(db, tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(german_excel_csv(["06437;2024;BG;2.600;https://x.example;01.01.2025"]))
    snapshot.load(db, [f])
    snapshot.load(db, [f])
    assert rows(db, "SELECT count(*) FROM indicators") == [(1,)]
    g = tmp_path / "b.csv"
    g.write_bytes(german_excel_csv(["06437;2024;BG;2.700;https://x.example;01.02.2025"]))
    snapshot.load(db, [g])
    assert rows(db, "SELECT value FROM indicators") == [(2700.0,)]
    h = tmp_path / "c.csv"
    h.write_bytes(german_excel_csv(["06535;2023;BG;100;https://x.example;01.02.2025"]))
    snapshot.load(db, [h], replace=True)
    assert rows(db, "SELECT jobcenter_id, value FROM indicators") == [("JC-06535", 100.0)]
    assert rows(db, "SELECT action FROM loads ORDER BY load_id DESC LIMIT 1") == [("replace",)]


def test_xlsx(db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Veranstaltungen 2024"])
    ws.append([])
    ws.append(["ID", "Datum", "Kreisschlüssel", "Art", "Titel", "Teilnehmende", "Arbeitgeber", "Quelle", "Stand"])
    ws.append(["e1", date(2024, 2, 22), "06437", "Speed-Dating", "Job-Turbo", 274, 29, "https://x.example/e",
               date(2024, 2, 23)])
    f = tmp_path / "events.xlsx"
    wb.save(f)
    snapshot.load(db, [f])
    assert rows(db, "SELECT event_id, date, jobcenter_id, participants, employers, date_precision FROM events") == [
        ("e1", date(2024, 2, 22), "JC-06437", 274, 29, "day")]


def test_xlsx_refusal_names_the_cell(db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kennzahlen"])
    ws.append(["", "Kreisschlüssel", "Monat", "Kennzahl", "Wert", "Quelle", "Stand"])
    ws.append(["", "06437", "Januar 2025", "BG", "zwölf", "https://x", "01.03.2025"])
    f = tmp_path / "k.xlsx"
    wb.save(f)
    assert refused(db, f) == [f"{f}, Zeile 3, Spalte 'Wert', Zelle E3, Wert 'zwölf': Wert ist keine Zahl"]


def test_json_and_jsonl(db, tmp_path):
    f = tmp_path / "b.json"
    f.write_text(json.dumps({"rows": [
        {"budget_id": "b1", "ags": "06437", "year": 2020, "programme": "AQB", "item": "Landesmittel",
         "amount_eur": 1056700, "source": "https://x.example/b", "as_of": "2020-06-23"}]}), encoding="utf-8")
    snapshot.load(db, [f])
    g = tmp_path / "b.jsonl"
    g.write_text(json.dumps({"budget_id": "b2", "year": 2023, "programme": "AQB", "item": "Landesmittel",
                             "amount_eur": 27.7e6, "source": "https://x.example/h", "as_of": "2023-01-01"}) + "\n",
                 encoding="utf-8")
    snapshot.load(db, [g])
    assert rows(db, "SELECT budget_id, ags, amount_eur FROM budgets ORDER BY 1") == [
        ("b1", "06437", 1056700.0), ("b2", None, 27.7e6)]


def test_parquet(db, tmp_path):
    f = tmp_path / "i.parquet"
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT 'JC-06437' AS jobcenter_id, DATE '2025-01-01' AS period, 'K2' AS indicator,
                    'f' AS sex, 25.5 AS value, 'https://x.example/p' AS source, DATE '2025-04-01' AS as_of)
                    TO '{f}' (FORMAT parquet)""")
    con.close()
    snapshot.load(db, [f])
    assert rows(db, "SELECT sex, value, period_kind FROM indicators") == [("f", 25.5, "day")]


def test_all_problems_reported_and_database_unchanged(db, tmp_path):
    before = db.read_bytes()
    f = tmp_path / "broken.csv"
    f.write_bytes(german_excel_csv([
        "06437;Januar 2025;K2;124,6;https://x.example;01.03.2025",
        "06999;31.02.2025;BG;-1.234;https://x.example;01.03.2025",
        "06437;Januar 2025;XX;1;https://x.example;01.03.2025",
        "06437;Januar 2025;BG;zwölf;https://x.example;01.03.2025",
        "06535;Januar 2025;BG;1;https://x.example;",
        "06535;Januar 2025;BG;1;https://x.example;01.03.2025;extra",
    ]))
    msgs = refused(db, f)
    text = "\n".join(msgs)
    assert "Zeile 2, Spalte 'Wert', Wert '124,6': Prozentwert von K2 muss zwischen 0 und 100 liegen" in text
    assert "Zeile 3, Spalte 'Monat', Wert '31.02.2025'" in text
    assert "Zeile 3, Spalte 'Kreisschlüssel', Wert '06999': kein Jobcenter" in text
    assert "Zeile 3, Spalte 'Wert', Wert '-1.234': Anzahl (BG) darf nicht negativ sein" in text
    assert "Zeile 4, Spalte 'Kennzahl', Wert 'XX': unbekannte Kennzahl" in text
    assert "Zeile 5, Spalte 'Wert', Wert 'zwölf': Wert ist keine Zahl" in text
    assert "Zeile 6, Spalte 'Stand'" in text and "Pflichtfeld" in text
    assert "Zeile 7: hat 7 Felder, die Kopfzeile hat 6" in text
    assert all(m.startswith(str(f)) for m in msgs)
    assert db.read_bytes() == before


def test_duplicate_keys_in_file(db, tmp_path):
    f = tmp_path / "dup.csv"
    f.write_bytes(german_excel_csv(["06437;2024;BG;1;https://x.example;01.01.2025",
                                    "06437;2024;BG;2;https://x.example;01.01.2025"]))
    assert any("Schlüssel doppelt (schon in Zeile 2)" in m and "Zeile 3" in m for m in refused(db, f))


@pytest.mark.parametrize("content, reason", [
    (b"", "ist leer"),
    (b"a;b;c\r\n1;2;3\r\n", "keine Kopfzeile"),
    (b"\x00\x01\x02garbage" * 100, "Binärdaten"),
    ("Kreisschlüssel;Jahr;Kennzahl;Wert;Quelle;Stand\n06437;2024;BG;\"1;x;01.01.2025\n".encode(), "Anführungszeichen"),
    (b"PK\x03\x04not really a zip", "keine gültige XLSX"),
    (b"PAR1garbage", "keine gültige Parquet"),
])
def test_unreadable_files(db, tmp_path, content, reason):
    f = tmp_path / "bad.csv"
    f.write_bytes(content)
    assert any(reason in m for m in refused(db, f))


def test_missing_required_column_and_unknown_table(db, tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("jobcenter_id;Jahr;Kennzahl\nJC-06437;2024;BG\n", encoding="utf-8")
    assert any("Tabelle nicht erkannt" in m for m in refused(db, f))
    assert any("Pflichtspalte fehlt" in m for m in refused(db, f, table="indicators"))
    assert any("unbekannte Tabelle" in m for m in refused(db, f, table="nope"))


def test_lost_leading_zero_is_explained(db, tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("Kreisschlüssel;Name;Art;Land;Quelle;Stand\n6437;Odenwaldkreis;Landkreis;Hessen;https://x;2025-01-01\n",
                 encoding="utf-8")
    assert any("führende Null" in m for m in refused(db, f))


def test_choices_synonyms_and_ranges(db, tmp_path):
    f = tmp_path / "j.csv"
    f.write_text("jobcenter_id;ags;model;option_since;source;as_of\n"
                 "JC-X;06437;kommunal;2005;https://x;2025-01-01\n"
                 "JC-Y;06437;Arge;1999;https://x;2025-01-01\n", encoding="utf-8")
    msgs = refused(db, f)
    assert any("Zeile 3, Spalte 'model', Wert 'Arge'" in m and "nicht erlaubt" in m for m in msgs)
    assert any("Zeile 3, Spalte 'option_since'" in m and "nicht kleiner als 2005" in m for m in msgs)
    assert not any("Zeile 2" in m for m in msgs)


def test_replace_of_master_table_that_breaks_references_is_refused(db, tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(german_excel_csv(["06437;2024;BG;2.600;https://x.example;01.01.2025"]))
    snapshot.load(db, [f])
    before = db.read_bytes()
    g = tmp_path / "jc.csv"
    g.write_text("jobcenter_id,ags,model,source,as_of\nJC-06535,06535,zkT,https://x,2025-01-01\n", encoding="utf-8")
    msgs = refused(db, g, replace=True)
    assert any("JC-06437" in m and "nicht mehr" in m for m in msgs)
    assert db.read_bytes() == before


def test_several_files_in_dependency_order(db, tmp_path):
    d = tmp_path / "d.csv"
    d.write_text("ags,name,kind,state,source,as_of\n06632,Hersfeld-Rotenburg,Landkreis,Hessen,https://x,2025-01-01\n",
                 encoding="utf-8")
    j = tmp_path / "j.csv"
    j.write_text("jobcenter_id,ags,model,source,as_of\nJC-06632,06632,zkT,https://x,2025-01-01\n", encoding="utf-8")
    i = tmp_path / "i.csv"
    i.write_bytes(german_excel_csv(["06632;2024;BG;1;https://x.example;01.01.2025"]))
    result = snapshot.load(db, [i, j, d])
    assert [t for _, t, _ in result.files] == ["districts", "jobcenters", "indicators"]


def test_text_is_kept_literally(db, tmp_path):
    f = tmp_path / "e.csv"
    title = "[bold]Markup[/] \\ \x1b[31mrot\x1b[0m 'x'; DROP TABLE events; --"
    import csv
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id", "date", "kind", "title", "source", "as_of"])
        w.writerow(["e1", "2024-01-01", "Messe", title, "https://x", "2024-01-02"])
    snapshot.load(db, [f])
    assert rows(db, "SELECT title FROM events") == [(title,)]


def test_qualifier_symbols_are_kept(db, tmp_path):
    f = tmp_path / "q.csv"
    f.write_text("jobcenter_id,period,indicator,value,qualifier,source,as_of\n"
                 "JC-06437,2024,BG,1,≈,https://x,2025-01-01\nJC-06437,2023,BG,1,>,https://x,2025-01-01\n"
                 "JC-06437,2022,BG,1,<,https://x,2025-01-01\nJC-06437,2021,BG,1,=,https://x,2025-01-01\n",
                 encoding="utf-8")
    snapshot.load(db, [f])
    assert rows(db, "SELECT qualifier FROM indicators ORDER BY period") == [("=",), ("<",), (">",), ("≈",)]
    g = tmp_path / "r.csv"
    g.write_text("jobcenter_id,period,indicator,value,qualifier,source,as_of\n"
                 "JC-06437,2024,BG,1,±,https://x,2025-01-01\n", encoding="utf-8")
    assert any("nicht erlaubt" in m for m in refused(db, g))


def test_each_figure_keeps_its_own_qualifier_and_range(db, tmp_path):
    """Figures written as the source says them: "über 270", "zwischen 400 und 500", "Ø 2.000";
    an explicit qualifier column counts where the cell has none."""
    f = tmp_path / "veranstaltungen.csv"
    f.write_bytes(german_excel_csv([
        "e1;22.02.2024;Speed-Dating;Job-Turbo;über 270;27;über 100;7;;06437;https://x.example/a;26.02.2024",
        "e2;01.03.2024;Jobmesse;Messe;zwischen 400 und 500;20–25;Ø 2.000;;;06437;https://x.example/a;02.03.2024",
        "e3;02.03.2024;Jobmesse;Messe;300;10;;ca. 5;rund;06437;https://x.example/a;02.03.2024",
    ], header="Veranstaltungs-ID;Datum;Art;Titel;Teilnehmende;Arbeitgeber;Bewerbungen;Verträge;"
              "Arbeitgeber Genauigkeit;Kreisschlüssel;Quelle;Stand"))
    snapshot.load(db, [f])
    assert rows(db, "SELECT event_id, participants, participants_qualifier, participants_upper, employers, "
                    "employers_qualifier, employers_upper, applications, applications_qualifier, contracts, "
                    "contracts_qualifier FROM events WHERE event_id LIKE 'e_' ORDER BY 1") == [
        ("e1", 270, ">", None, 27, "=", None, 100, ">", 7, "="),
        ("e2", 400, "↔", 500, 20, "↔", 25, 2000, "Ø", None, None),
        ("e3", 300, "=", None, 10, "≈", None, None, None, 5, "≈"),
    ]


@pytest.mark.parametrize("cells, reason", [
    ("500;;Bereich", "Teilnehmende: ein Bereich (↔) braucht die Obergrenze („bis“)"),
    ("500;400;zwischen", "Teilnehmende: die Obergrenze des Bereichs muss größer als der Wert sein"),
    ("500;600;rund", "Teilnehmende: eine Obergrenze („bis“) gibt es nur bei einem Bereich (Genauigkeit ↔)"),
    (";;rund", "Teilnehmende: Genauigkeit oder Obergrenze ohne Zahl"),
])
def test_figure_qualifier_and_upper_end_must_fit(db, tmp_path, cells, reason):
    f = tmp_path / "v.csv"
    f.write_bytes(german_excel_csv(
        [f"e9;22.02.2024;Messe;Messe;{cells};06437;https://x.example/a;26.02.2024"],
        header="Veranstaltungs-ID;Datum;Art;Titel;Teilnehmende;Teilnehmende bis;Teilnehmende Genauigkeit;"
               "Kreisschlüssel;Quelle;Stand"))
    problems = refused(db, f)
    assert len(problems) == 1 and problems[0].endswith(reason), problems


def test_qualifier_column_contradicting_the_cell_is_refused(db, tmp_path):
    f = tmp_path / "v.csv"
    f.write_bytes(german_excel_csv(
        ["e9;22.02.2024;Messe;Messe;über 270;=;06437;https://x.example/a;26.02.2024"],
        header="Veranstaltungs-ID;Datum;Art;Titel;Teilnehmende;Teilnehmende Genauigkeit;Kreisschlüssel;Quelle;Stand"))
    problems = refused(db, f)
    assert len(problems) == 1 and problems[0].endswith("widerspricht der Zahl in Spalte 'Teilnehmende' (über 270)"), \
        problems


def test_a_table_with_one_qualifier_for_the_row_keeps_it(db, tmp_path):
    """targets has one qualifier for its two figures: the prefix of either, "=" without one."""
    f = tmp_path / "ziele.csv"
    f.write_bytes(german_excel_csv(["06437;2025;K2;ca. 25,5;;https://x.example/z;01.03.2025",
                                    "06535;2025;K2;24;;https://x.example/z;01.03.2025"],
                                   header="Kreisschlüssel;Jahr;Kennzahl;Zielwert;Zielveränderung (%);Quelle;Stand"))
    snapshot.load(db, [f], table="targets")
    assert rows(db, "SELECT jobcenter_id, target_value, qualifier FROM targets ORDER BY 1") == [
        ("JC-06437", 25.5, "≈"), ("JC-06535", 24.0, "=")]


# -- table recognition: a complete but poor fit is not taken ------------------------------------------------


@pytest.mark.parametrize("header, row, best", [
    # an events file without an ID column, an indicators file without the Kennzahl column
    ("Datum;Art;Titel;Ort;Eingeladene;Teilnehmende;Arbeitgeber;Verträge;Kreisschlüssel;Quelle;Stand",
     "15.03.2025;Messe;Jobmesse;Erbach;100;50;10;3;06437;https://x;01.04.2025",
     "events / Veranstaltungen, dort fehlen: event_id (Veranstaltungs-ID)"),
    ("Kreisschlüssel;Zeitraum;Wert;Quelle;Stand", "06437;2025;5;https://x;01.04.2025",
     "indicators / Kennzahlen, dort fehlen: indicator (Kennzahl)"),
])
def test_file_without_a_key_column_is_not_taken_for_staffing(db, tmp_path, header, row, best):
    f = tmp_path / "f.csv"
    f.write_bytes(german_excel_csv([row], header=header))
    assert refused(db, f) == [f"{f}, Zeile 1: Tabelle nicht erkannt: die Spalten passen zu keiner Tabelle "
                              f"vollständig (am ehesten {best}); mit --table die Tabelle angeben"]


def test_complete_table_with_many_columns_of_another_is_ambiguous(db, tmp_path):
    f = tmp_path / "mix.csv"
    f.write_bytes(german_excel_csv(["06437;2025;5;Messe;x;3;https://x;01.04.2025"],
                                   header="Kreisschlüssel;Stichtag;Beschäftigte;Art;Titel;Teilnehmende;Quelle;Stand"))
    assert refused(db, f) == [
        f"{f}, Zeile 1: Tabelle nicht eindeutig erkannt: die Pflichtspalten von staffing (Personal) sind da, aber "
        "die Spalten 'Art', 'Titel', 'Teilnehmende' gehören zu events (Veranstaltungen); dort fehlt: event_id "
        "(Veranstaltungs-ID), date (Datum); mit --table die Tabelle angeben"]
    # named explicitly it loads, the event columns are reported as not taken
    assert snapshot.load(db, [f], table="staffing").files == [(str(f), "staffing", 1)]


def test_every_header_spelling_names_one_column():
    """No spelling is claimed by two columns of a table ("Stichtag" was both the staffing period and the Stand)."""
    from kjc_tui.core.schema import TABLES, normalise_header

    for t in TABLES.values():
        claimed: dict[str, set[str]] = {}
        for c in t.columns:
            for spelling in (c.name, c.label_de, c.label_en, *c.aliases):
                claimed.setdefault(normalise_header(spelling), set()).add(c.name)
        assert {s: cols for s, cols in claimed.items() if len(cols) > 1} == {}, t.name


def test_stichtag_is_the_staffing_date_never_its_stand(db, tmp_path):
    f = tmp_path / "personal.csv"
    f.write_bytes(german_excel_csv(["JC-06437;31.12.2024;41;https://x;15.01.2025"],
                                   header="Jobcenter-ID;Stichtag;Beschäftigte;Quelle;Stand"))
    snapshot.load(db, [f])
    assert rows(db, "SELECT period, headcount, as_of FROM staffing WHERE jobcenter_id = 'JC-06437' "
                    "AND period = DATE '2024-12-31'") == [(date(2024, 12, 31), 41, date(2025, 1, 15))]
    # without a Stand column, the Stichtag is not taken for one
    f.write_bytes(german_excel_csv(["JC-06437;31.12.2024;41;https://x"], header="Jobcenter-ID;Stichtag;Beschäftigte;Quelle"))
    with pytest.raises(Refused) as e:
        snapshot.load(db, [f], table="staffing")
    assert [str(p) for p in e.value.problems] == [
        f"{f}, Zeile 1, Spalte 'Stand': Pflichtspalte fehlt: die Datei hat keine Spalte „Stand“; mit --stand beim "
        'Laden angeben (z. B. kjc-tui load --quelle "https://…" --stand 31.01.2025 DATEI)']


def test_staffing_row_needs_a_figure(db, tmp_path):
    f = tmp_path / "st.csv"
    f.write_bytes(german_excel_csv(["06437;2025;;nur ein Hinweis;https://x;01.04.2025",
                                    "06535;2025;12;;https://x;01.04.2025"],
                                   header="Kreisschlüssel;Stichtag;Beschäftigte;Hinweis;Quelle;Stand"))
    assert refused(db, f) == [f"{f}, Zeile 2: keine Zahl angegeben (mindestens eine von Beschäftigte, VZÄ, "
                              "Offene Stellen, Auszubildende/Studierende muss gefüllt sein)"]
    g = tmp_path / "st2.csv"
    g.write_bytes(german_excel_csv(["06437;2025;nur ein Hinweis;https://x;01.04.2025"],
                                   header="Kreisschlüssel;Stichtag;Hinweis;Quelle;Stand"))
    assert refused(db, g, table="staffing") == [
        f"{g}, Zeile 1: keine Spalte mit Zahlen (mindestens eine von Beschäftigte, VZÄ, Offene Stellen, "
        "Auszubildende/Studierende)"]


# -- every rule has a test ----------------------------------------------------------------------------------

EVT = "Veranstaltungs-ID;Datum;Ende;Art;Titel;Eingeladene;Teilnehmende;Jobcenter-ID;Quelle;Stand"


def test_event_rules(db, tmp_path):
    future = date.today().replace(year=date.today().year + 2).strftime("%d.%m.%Y")
    f = tmp_path / "ev.csv"
    f.write_bytes(german_excel_csv([
        "E1;22.02.2024;21.02.2024;Messe;A;10;5;JC-06437;https://x;01.03.2024",
        "E2;22.02.2024;;Messe;B;10;11;JC-06437;https://x;01.03.2024",
        "E3;22.02.2024;;Messe;C;10;>11;JC-06437;https://x;01.03.2024",   # "more than": a qualified figure
        f"E4;22.02.2024;;Messe;D;;;JC-06437;https://x;{future}",
        "E5;22.02.2024;;Messe;E;;;JC-99999;https://x;01.03.2024",
        "E6;22.02.2024;;Messe;F;-1;-2;JC-06437;https://x;01.03.2024",
    ], header=EVT))
    assert refused(db, f) == [
        f"{f}, Zeile 2, Spalte 'Ende', Wert '21.02.2024': Ende liegt vor dem Beginn",
        f"{f}, Zeile 3, Spalte 'Teilnehmende', Wert '11': mehr Teilnehmende als Eingeladene",
        f"{f}, Zeile 5, Spalte 'Stand', Wert '{future}': Stand liegt mehr als ein Jahr in der Zukunft",
        f"{f}, Zeile 6, Spalte 'Jobcenter-ID', Wert 'JC-99999': unbekannter Jobcenter (nicht in Tabelle jobcenters)",
        f"{f}, Zeile 7, Spalte 'Eingeladene', Wert '-1': Eingeladen darf nicht kleiner als 0 sein",
        f"{f}, Zeile 7, Spalte 'Teilnehmende', Wert '-2': Teilnehmende darf nicht kleiner als 0 sein",
    ]


@pytest.mark.parametrize("header, row, message", [
    ("Jobcenter-ID;Stichtag;Beschäftigte;Quelle;Stand", "JC-06437;2025;-3;https://x;01.01.2025",
     "Spalte 'Beschäftigte', Wert '-3': Beschäftigte darf nicht kleiner als 0 sein"),
    ("Jobcenter-ID;Stichtag;VZÄ;Quelle;Stand", "JC-06437;2025;-0,5;https://x;01.01.2025",
     "Spalte 'VZÄ', Wert '-0,5': VZÄ darf nicht kleiner als 0 sein"),
    ("Jobcenter-ID;Jahr;Begonnen;Quelle;Stand", "JC-06437;2024;-1;https://x;01.01.2025",
     "Spalte 'Begonnen', Wert '-1': Begonnen darf nicht kleiner als 0 sein"),
    ("Budget-ID;Jahr;Programm;Posten;Betrag;Quelle;Stand", "B1;2024;AQB;X;-5;https://x;01.01.2025",
     "Spalte 'Betrag', Wert '-5': Betrag (EUR) darf nicht kleiner als 0 sein"),
    ("Jobcenter-ID;Monat;Kennzahl;Wert;Quelle;Stand", "JC-06437;2024;K2;-0,1;https://x;01.01.2025",
     "Spalte 'Wert', Wert '-0,1': Prozentwert von K2 muss zwischen 0 und 100 liegen"),
    ("Jobcenter-ID;Monat;Kennzahl;Wert;Quelle;Stand", "JC-06437;2024;K2;100,1;https://x;01.01.2025",
     "Spalte 'Wert', Wert '100,1': Prozentwert von K2 muss zwischen 0 und 100 liegen"),
    ("Jobcenter-ID;Monat;Kennzahl;Wert;Quelle;Stand", "JC-99999;2024;BG;1;https://x;01.01.2025",
     "Spalte 'Jobcenter-ID', Wert 'JC-99999': unbekannter Jobcenter (nicht in Tabelle jobcenters)"),
])
def test_range_and_reference_rules(db, tmp_path, header, row, message):
    f = tmp_path / "r.csv"
    f.write_bytes(german_excel_csv([row], header=header))
    assert refused(db, f) == [f"{f}, Zeile 2, {message}"]


def test_percent_bounds_are_allowed(db, tmp_path):
    f = tmp_path / "p.csv"
    f.write_bytes(german_excel_csv(["JC-06437;2024;K2;0;https://x;01.01.2025",
                                    "JC-06535;2024;K2;100;https://x;01.01.2025"],
                                   header="Jobcenter-ID;Monat;Kennzahl;Wert;Quelle;Stand"))
    assert snapshot.load(db, [f]).files == [(str(f), "indicators", 2)]


def test_problems_beyond_the_limit_are_counted(db, tmp_path):
    f = tmp_path / "viele.csv"
    f.write_bytes(german_excel_csv([f"06437;{2000 + i // 12}-{i % 12 + 1:02d};BG;zwölf;https://x;01.01.2025"
                                    for i in range(250)]))
    msgs = refused(db, f)
    assert len(msgs) == 101
    assert msgs[99] == f"{f}, Zeile 101, Spalte 'Wert', Wert 'zwölf': Wert ist keine Zahl"
    assert msgs[100] == f"{f}: … und 150 weitere Probleme (aufgeführt sind die ersten 100)"
