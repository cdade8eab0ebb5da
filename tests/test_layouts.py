"""Publisher layouts and office spreadsheets, loaded with `kjc-tui load` and no options (or refused precisely).

Every file is built in the publisher's shape (tests/fixtures/publishers.py, office.py) or is the
real Destatis table; every load goes into a real DuckDB file built from the embedded data, and
every refusal leaves that file byte for byte as it was (compared by hash).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from fixtures import office as O
from fixtures import publishers as P
from kjc_tui.cli.main import EXIT_OK, EXIT_REFUSED, main
from kjc_tui.ingest import ReadFile, Refused, read_source
from kjc_tui.ingest.layouts import ba_statistik, kennzahlen_48a
from kjc_tui.ingest.layouts.common import Lookup
from kjc_tui.ingest.layouts.destatis_kreise import SOURCE as DESTATIS
from kjc_tui.ingest.problem import note_text

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture()
def db(embedded_db, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "kjc.duckdb"
    shutil.copyfile(embedded_db, target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def put(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def load(db: Path, *args: str) -> int:
    return main(["--db", str(db), "load", *args])


def rows(db: Path, sql: str, params: list | tuple = ()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def indicator(db: Path, jc: str, code: str, period: str, sex: str = "all") -> list[tuple]:
    return rows(db, "SELECT value, source, as_of FROM indicators WHERE jobcenter_id = ? AND indicator = ? "
                    "AND period = ? AND sex = ?", [jc, code, period, sex])


def refused(db: Path, capsys, *args: str) -> list[str]:
    """Load that must be refused with the database unchanged; returns the problem lines."""
    before = digest(db)
    assert load(db, *args) == EXIT_REFUSED
    assert digest(db) == before
    err = capsys.readouterr().err
    lines = [line.strip() for line in err.splitlines()[1:]]
    n = len(lines)   # "(1 Problem)", "(3 Probleme)": counted in words, not "Problem(e)"
    assert f"Daten abgelehnt ({n} {'Problem' if n == 1 else 'Probleme'}); die Datenbank ist unverändert:" in err
    return lines


# -- BA statistics tables -------------------------------------------------------------------------


def test_ba_csv_months_as_columns(db, tmp_path, capsys):
    f = put(tmp_path, "eckwerte_odenwald.csv", P.ba_table_csv())
    assert load(db, f) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{f}: 12 Zeilen → indicators" in out
    src = "Statistik der Bundesagentur für Arbeit (Datei eckwerte_odenwald.csv)"
    assert indicator(db, "JC-06437", "ELB", "2025-01-01") == [(4321.0, src, dt.date(2025, 2, 12))]
    assert indicator(db, "JC-06437", "ALO_SGB2", "2024-12-01")[0][0] == 1460
    assert indicator(db, "JC-06437", "ALQ", "2025-01-01")[0][0] == 4.1
    # "*", "-" and "x" are no value – never 0 – and the summary says so
    for code in ("BG", "ALO_SGB2", "ALQ"):
        assert indicator(db, "JC-06437", code, "2024-11-01") == []
    assert "1× „*“ anonymisiert (zuerst Zeile 7, Spalte 'November 2024')" in out
    assert "1× „x“ Nachweis nicht sinnvoll (zuerst Zeile 10, Spalte 'November 2024')" in out
    assert "Legende/Fußnoten ab Zeile 13 nicht übernommen" in out
    assert "Zeilen ohne Kennzahl-Zuordnung nicht übernommen: Unterbeschäftigung (ohne Kurzarbeit)" in out


def test_ba_csv_months_as_rows_gebietsstand_is_no_stand(db, tmp_path, capsys):
    """Defect: a `Gebietsstand:` line was taken as the Stand. The Stand is the data date."""
    data = P.ba_table_csv("Vogelsbergkreis", layout="rows", encoding="utf-8-sig", stand=None,
                          gebietsstand="31.12.2023")
    f = put(tmp_path, "vogelsberg.csv", data)
    assert load(db, f) == EXIT_OK
    out = capsys.readouterr().out
    # without a Stand line each value's Stand is its own Berichtsmonat – not 31.12.2023
    assert indicator(db, "JC-06535", "ELB", "2024-12-01")[0][::2] == (4300.0, dt.date(2024, 12, 1))
    assert rows(db, "SELECT count(*) FROM indicators WHERE as_of = DATE '2023-12-31' AND jobcenter_id = 'JC-06535'") \
        == [(0,)]
    assert "keine „Stand:“-Zeile" in out and "--stand" in out
    # with a Stand line as well, that line counts and the Gebietsstand still does not
    table = ba_statistik.parse(P.ba_table_csv(gebietsstand="31.12.2023", stand="12.02.2025"), "x.csv",
                               ba_statistik.DEFAULT_INDICATORS)
    assert table.stand == dt.date(2025, 2, 12)
    assert ba_statistik.stand_of(["Gebietsstand: 31.12.2023"]) is None
    assert ba_statistik.stand_of(["Datenstand: 03.03.2025"]) == dt.date(2025, 3, 3)


def test_ba_legend_after_the_data_is_skipped_not_refused():
    """Defect: a legend row after the data refused the whole table (months as rows)."""
    table = ba_statistik.parse(P.ba_table_csv(layout="rows"), "t.csv", {"Bedarfsgemeinschaften": "BG"})
    assert sorted(table.values) == [("Dezember 2024", "BG", 3199.0), ("Januar 2025", "BG", 3210.0)]
    assert any(note_text(n, "de").startswith("Legende/Fußnoten ab Zeile 10") for n in table.notes)
    # a row with figures whose month is not a month is still refused, with its place
    broken = P.ba_table_csv(layout="rows", legend=False, footnotes=False,
                            months=("Januar 2025", "Dezembr 2024", "November 2024"))
    with pytest.raises(Refused) as e:
        ba_statistik.parse(broken, "t.csv", {"Bedarfsgemeinschaften": "BG"})
    assert [str(p) for p in e.value.problems] == [
        "t.csv, Zeile 7, Spalte 'Berichtsmonat', Wert 'Dezembr 2024': ist kein Monat (erwartet z. B. „Januar 2025“)"]


def test_ba_xlsx_with_region_line(db, tmp_path, capsys):
    f = put(tmp_path, "alo_kassel.xlsx", P.ba_table_xlsx("Kassel, Landkreis", region_line="Region:"))
    assert load(db, f) == EXIT_OK
    out = capsys.readouterr().out
    assert "BA-Statistiktabelle erkannt: Landkreis Kassel (06633)" in out
    assert indicator(db, "JC-06633", "ELB", "2025-01-01")[0][0] == 4321
    assert indicator(db, "JC-06611", "ELB", "2025-01-01") == []     # not the Stadt Kassel


def test_ba_file_without_a_known_region_is_refused(db, tmp_path, capsys):
    f = put(tmp_path, "eckwerte.csv", P.ba_table_csv("Kreis Irgendwo"))
    [problem] = refused(db, capsys, f)
    assert problem.startswith(f"{f}: BA-Statistiktabelle erkannt, aber kein Kreis der Datenbank in den Kopfzeilen")


def test_ba_bad_number_names_line_column_value(db, tmp_path, capsys):
    figures = dict(P.BA_FIGURES)
    figures["Bedarfsgemeinschaften"] = ("3.210", "drei", "*")
    f = put(tmp_path, "odw.csv", P.ba_table_csv(figures=figures))
    assert refused(db, capsys, f) == [f"{f}, Zeile 7, Spalte 'Dezember 2024', Wert 'drei': Wert ist keine Zahl"]


def test_ba_figure_arrives_with_every_digit(db, tmp_path, capsys):
    """The canonical CSV a layout writes spells numbers as `fmt.excel` does, every digit (it once kept ten)."""
    figures = dict(P.BA_FIGURES)
    figures["Arbeitslosenquote (bezogen auf alle zivilen Erwerbspersonen)"] = ("4,123456789012", "4,0", "x")
    f = put(tmp_path, "odw.csv", P.ba_table_csv(figures=figures))
    assert load(db, f) == EXIT_OK
    assert indicator(db, "JC-06437", "ALQ", "2025-01-01")[0][0] == 4.123456789012


def test_ba_labels_of_publisher_labels_name_indicators_of_the_catalogue(embedded_db):
    """The BA row labels are data (publisher_labels.toml): every code they map to is in the embedded catalogue."""
    codes = {c for (c,) in rows(embedded_db, "SELECT code FROM indicator_defs")}
    assert ba_statistik.DEFAULT_INDICATORS["Arbeitslose insgesamt > im Rechtskreis SGB II"] == "ALO_SGB2"
    assert sorted(set(ba_statistik.DEFAULT_INDICATORS.values()) - codes) == []


# -- § 48a SGB II ------------------------------------------------------------------------------------


def test_48a_zip_loads_with_no_mapping(db, tmp_path, capsys):
    f = put(tmp_path, "Kennzahlen-System-A-Januar-2025-CSV.zip", P.k48a_zip(months=("2025_01", "2025_02")))
    assert load(db, f) == EXIT_OK
    out = capsys.readouterr().out
    # the Odenwald's three and Vogelsberg's one figure, and one each of München and Hannover (peers)
    assert f"{f}!dl_48a_daten_statistikba_2025_01.csv: 6 Zeilen → indicators" in out
    assert f"{f}!dl_48a_daten_statistikba_2025_02.csv: 6 Zeilen → indicators" in out
    got = rows(db, "SELECT value, numerator, denominator, as_of FROM indicators WHERE jobcenter_id = 'JC-06437' "
                   "AND indicator = 'K2' AND sex = 'f' AND period = DATE '2025-02-01'")
    assert got == [(21.5, 43.0, 200.0, dt.date(2025, 2, 1))]
    assert indicator(db, "JC-06437", "K1", "2025-01-01")[0][0] == -3.2
    assert indicator(db, "JC-06535", "K3E2", "2025-01-01") == []          # "*": no value
    assert f"{f}#jobcenter: 4 Zeilen → jobcenters" in out and "2 Vergleichs-Jobcenter außerhalb Hessens" in out
    assert "andere Träger ausgelassen" not in out


@pytest.mark.parametrize("excel", [False, True])
def test_48a_load_enters_the_peers_as_the_fetch_does(db, tmp_path, capsys, excel):
    """The Träger outside Hessen enter as peers (name, Vergleichstyp as the file gives them) with their figures;
    a district's jobcenter takes the file's Vergleichstyp, its other columns unchanged; counts stay the 26."""
    name = f"Kennzahlen-System-A-Januar-2025-{'XLSX' if excel else 'CSV'}.zip"
    f = put(tmp_path, name, P.k48a_zip(excel=excel))
    before = rows(db, "SELECT name, ags, model, source FROM jobcenters WHERE jobcenter_id = 'JC-06437'")
    assert load(db, f) == EXIT_OK
    cite = f"Kennzahlen nach § 48a SGB II, Statistik der BA (Datei {name})"
    assert rows(db, "SELECT jobcenter_id, name, ags, model, peer_type, peer_type_as_of, peer, source, as_of "
                    "FROM jobcenters WHERE peer ORDER BY 1") == [
        ("JC-03241", "Region Hannover", None, None, "IIa", dt.date(2025, 1, 1), True, cite, dt.date(2025, 1, 1)),
        ("JC-09162", "München, Landeshauptstadt", None, None, "Ia", dt.date(2025, 1, 1), True, cite,
         dt.date(2025, 1, 1))]
    assert indicator(db, "JC-09162", "K2", "2025-01-01")[0][0] == 30.1
    assert indicator(db, "JC-06535", "K2", "2025-01-01")[0][0] == 22.0
    [(name_, ags, model, source)] = before
    assert rows(db, "SELECT name, ags, model, source, peer_type FROM jobcenters WHERE jobcenter_id = 'JC-06437'") == [
        (name_, ags, model, f"{source} ; {cite}", "IIIb")]
    assert rows(db, "SELECT count(*) FROM jobcenters WHERE ags IS NOT NULL") == [(26,)]
    # the next release replaces the citation of the earlier one in the district jobcenter's sources
    g = put(tmp_path, "Kennzahlen-System-A-Februar-2025-CSV.zip", P.k48a_zip(
        months=("2025_02",), rows=tuple(r[:2] + ("IIIc",) + r[3:] if r[0] == "06437" else r for r in P.K48A_ROWS)))
    assert load(db, "--stand", "20.05.2025", g) == EXIT_OK
    assert rows(db, "SELECT source, peer_type, peer_type_as_of FROM jobcenters WHERE jobcenter_id = 'JC-06437'") == [
        (f"{source} ; Kennzahlen nach § 48a SGB II, Statistik der BA (Datei Kennzahlen-System-A-Februar-2025-CSV.zip)",
         "IIIc", dt.date(2025, 5, 20))]


def test_48a_converter_reports_the_peers(db, tmp_path, capsys):
    lookup = Lookup({"06437": "Odenwaldkreis"}, {"JC-06437": "06437"}, {"K1", "K2", "K3E2"})
    result = kennzahlen_48a.convert(P.k48a_zip(), "k.zip", lookup, source="s")
    assert result.peers["09162"] == {"name": "München, Landeshauptstadt", "peer_type": "Ia", "period": "2025-01"}
    assert set(result.peers) == {"06535", "09162", "03241"}


def test_48a_bad_value_is_refused_with_member_line_column(db, tmp_path, capsys):
    bad = P.K48A_ROWS[:2] + (("06437", "Odenwaldkreis", "IIIb", "2025-01", "K2E4", "Insgesamt", "viel", "", ""),)
    f = put(tmp_path, "k.zip", P.zip_of({"dl_48a_daten_statistikba_2025_01.csv": P.k48a_csv(bad)}))
    assert refused(db, capsys, f) == [
        f"{f}!dl_48a_daten_statistikba_2025_01.csv, Zeile 4, Spalte 'Wert', Wert 'viel': Wert ist keine Zahl"]


def test_48a_large_member_streams(tmp_path):
    """A nationwide member (60,000 rows of 400 Träger) is read row by row; our rows keep their lines."""
    many = tuple((f"{9000 + i % 400:05d}", f"Träger {i % 400}", "IIa", "2025-01", f"K{1 + i % 3}", "Insgesamt",
                  "12,5", "1", "8") for i in range(60_000))
    ours = (("06437", "Odenwaldkreis", "IIIb", "2025-01", "K2", "Insgesamt", "24,6", "123", "500"),)
    data = P.zip_of({"dl_48a_daten_statistikba_2025_01.csv": P.k48a_csv(many + ours, encoding="utf-8")})
    lookup = Lookup({"06437": "Odenwaldkreis"}, {"JC-06437": "06437"}, {"K1", "K2", "K3"})
    result = kennzahlen_48a.convert(data, "k.zip", lookup, source="s")
    [f] = result.files
    lines = f.data.decode().split("\n")
    assert lines[60_001].startswith("JC-06437;2025-01;month;K2;Insgesamt;24,6;123;500;s;2025-01")
    assert note_text(result.notes[0], "de") == "400 andere Träger ausgelassen"


def test_controller_indicators_file_is_not_taken_for_48a(db, tmp_path, capsys):
    """A file of our own shape with Kennzahl/Wert/Quelle/Stand is loaded as it is (no layout)."""
    body = ("Jobcenter-ID;Berichtsmonat;Kennzahl;Wert;Quelle;Stand\r\n"
            "JC-06437;Januar 2025;BG;2604;https://intern.example/x;15.02.2025\r\n").encode("cp1252")
    f = put(tmp_path, "eigen.csv", body)
    assert load(db, f) == EXIT_OK
    assert indicator(db, "JC-06437", "BG", "2025-01-01") == [(2604.0, "https://intern.example/x", dt.date(2025, 2, 15))]


# -- Destatis 04-kreise ----------------------------------------------------------------------------


def test_destatis_real_file(db, capsys):
    assert load(db, str(P.DESTATIS_COPY)) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{P.DESTATIS_COPY}: 104 Zeilen → indicators" in out   # 26 × (EW all, m, f and FL)
    assert "57 Gruppenzeilen (Land, Regierungsbezirk, Region), 15 Summenzeilen (Insgesamt), " \
           "375 Kreise ohne Jobcenter in der Datenbank" in out
    assert "Gebietsstand 31.12.2018" in out
    assert indicator(db, "JC-06437", "EW", "2018-12-31") == [(96798.0, DESTATIS, dt.date(2018, 12, 31))]
    assert indicator(db, "JC-06437", "EW", "2018-12-31", "f")[0][0] == 48923
    assert indicator(db, "JC-06412", "EW", "2018-12-31")[0][0] == 753056
    # the area ("Fläche in km2") as the file gives it, in km², beside the population
    assert indicator(db, "JC-06437", "FL", "2018-12-31") == [(623.97, DESTATIS, dt.date(2018, 12, 31))]
    assert indicator(db, "JC-06412", "FL", "2018-12-31")[0][0] == 248.31
    assert "Fläche (km²)" in out and "Bevölkerungsdichte nicht übernommen" in out


def test_destatis_shape_fixture(db, tmp_path, capsys):
    f = put(tmp_path, "04-kreise.xlsx", P.destatis_kreise_xlsx(gebietsstand="31.12.2023"))
    assert load(db, f) == EXIT_OK
    assert indicator(db, "JC-06535", "EW", "2023-12-31") == [(105878.0, DESTATIS, dt.date(2023, 12, 31))]
    assert rows(db, "SELECT count(*) FROM indicators WHERE period = DATE '2023-12-31' AND indicator = 'EW' "
                    "AND source = ?", [DESTATIS]) == [(9,)]
    assert indicator(db, "JC-06535", "FL", "2023-12-31") == [(1458.91, DESTATIS, dt.date(2023, 12, 31))]
    assert rows(db, "SELECT count(*) FROM indicators WHERE period = DATE '2023-12-31' AND indicator = 'FL'") == [(3,)]


def test_destatis_area_marks_and_bad_area(db, tmp_path, capsys):
    """An area cell with a missing mark is no value (never 0); a word there is refused with line and column."""
    marked = tuple(r[:4] + ("x",) + r[5:] if r[0] == "06437" else r for r in P.DESTATIS_ROWS)
    f = put(tmp_path, "04-kreise.xlsx", P.destatis_kreise_xlsx(marked, gebietsstand="31.12.2023"))
    assert load(db, f) == EXIT_OK
    assert indicator(db, "JC-06437", "FL", "2023-12-31") == []
    assert indicator(db, "JC-06437", "EW", "2023-12-31")[0][0] == 96798
    assert "„x“ Nachweis nicht sinnvoll (zuerst Zeile 11)" in capsys.readouterr().out
    bad = tuple(r[:4] + ("groß",) + r[5:] if r[0] == "06535" else r for r in P.DESTATIS_ROWS)
    f = put(tmp_path, "04-kreise-bad.xlsx", P.destatis_kreise_xlsx(bad, gebietsstand="31.12.2023"))
    assert refused(db, capsys, f) == [f"{f}, Zeile 13, Spalte 'Fläche', Wert 'groß': Wert ist keine Zahl"]


def test_destatis_area_into_a_database_without_fl(db, tmp_path, capsys):
    """A database whose catalogue predates FL takes the population and says why the area is left out."""
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM indicator_defs WHERE code = 'FL'")
    con.close()
    f = put(tmp_path, "04-kreise.xlsx", P.destatis_kreise_xlsx(gebietsstand="31.12.2023"))
    assert load(db, f) == EXIT_OK
    assert "Fläche nicht übernommen (Kennzahl FL fehlt im Kennzahlen-Katalog der Datenbank)" in capsys.readouterr().out
    assert indicator(db, "JC-06535", "EW", "2023-12-31")[0][0] == 105878


def test_embedded_population_is_what_the_destatis_file_says(embedded_db):
    """data/indicators.csv holds the population of all 26 districts exactly as the Destatis layout reads it."""
    with open(DATA / "indicators.csv", encoding="utf-8") as f:
        embedded_ew = {(r["jobcenter_id"], float(r["value"]), r["source"], r["as_of"])
                       for r in csv.DictReader(f) if r["indicator"] == "EW" and r["source"] == DESTATIS}
    con = duckdb.connect(str(embedded_db), read_only=True)
    try:
        lookup = Lookup.from_connection(con)
    finally:
        con.close()
    from kjc_tui.ingest.layouts import destatis_kreise

    converted = destatis_kreise.convert(P.DESTATIS_COPY.read_bytes(), "04-kreise.xlsx", lookup)
    read = {(r[0], float(r[5].replace(",", ".")), r[6], r[7])
            for r in csv.reader(io.StringIO(converted.files[0].data.decode()), delimiter=";")
            if r[3] == "EW" and r[4] == "all"}
    assert len(embedded_ew) == 26 and embedded_ew == read
    assert rows(embedded_db, "SELECT count(DISTINCT j.ags) FROM indicators i JOIN jobcenters j USING (jobcenter_id) "
                          "WHERE indicator = 'EW' AND i.source = ?", [DESTATIS]) == [(26,)]


# -- office spreadsheets -------------------------------------------------------------------------------


def test_office_without_source_and_stand_is_refused_naming_the_options(db, tmp_path, capsys):
    f = put(tmp_path, "bg.xlsx", O.monthly_xlsx())
    [problem] = refused(db, capsys, f)
    assert problem == (f"{f}, Zeile 3, Spalte 'Quelle, Stand': Pflichtspalte fehlt: die Datei hat keine Spalte "
                       "„Quelle“ und keine Spalte „Stand“; mit --quelle und --stand beim Laden angeben "
                       "(z. B. kjc-tui load --quelle \"https://…\" --stand 31.01.2025 DATEI)")


def test_office_glossary_sheet_jahr_monat_summe_with_options(db, tmp_path, capsys):
    f = put(tmp_path, "bg.xlsx", O.monthly_xlsx())
    assert load(db, "--quelle", "https://intern.example/controlling", "--stand", "15.03.2025", f) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{f}: 4 Zeilen → indicators" in out
    assert "Tabellenblatt 'BG 2025' gewählt (seine Kopfzeile passt am besten; übergangen: 'Erläuterungen')" in out
    assert "Spalten 'Jahr' und 'Monat' als Zeitraum (Monat) gelesen" in out
    assert "Summenzeilen nicht übernommen (kein Kreis): Zeile 8 ('Summe')" in out
    assert indicator(db, "JC-06535", "BG", "2025-02-01") == [(1862.0, "https://intern.example/controlling",
                                                               dt.date(2025, 3, 15))]
    assert rows(db, "SELECT count(*) FROM indicators WHERE value = 8916") == [(0,)]   # the sum is no district


def test_office_month_names_and_own_source_columns(db, tmp_path, capsys):
    f = put(tmp_path, "bg.xlsx", O.monthly_xlsx(month_names=True, with_source=True, glossary_first=False,
                                                sum_row="Insgesamt"))
    assert load(db, f) == EXIT_OK
    assert indicator(db, "JC-06437", "BG", "2025-02-01")[0][0] == 2611
    assert "Zeile 8 ('Insgesamt')" in capsys.readouterr().out


def test_office_bad_month_is_refused_with_row_and_column(db, tmp_path, capsys):
    bad = O.MONTHLY + (("Odenwaldkreis", "06437", 2025, "Janaur", "BG", 5),)
    f = put(tmp_path, "bg.xlsx", O.monthly_xlsx(rows=bad, sum_row=None))
    assert refused(db, capsys, "--quelle", "https://x.example", "--stand", "2025-03-15", f) == [
        f"{f}, Zeile 8, Spalte 'Monat', Blatt 'BG 2025', Zelle D8, Wert 'Janaur': ist kein Monat (1–12 oder Januar "
        "… Dezember)"]


def test_office_workbook_with_several_sheets_names_sheet_and_cell(db, tmp_path, capsys):
    """A notes sheet before the data: a refusal names the data sheet and the cell as the controller sees them."""
    f = put(tmp_path, "personal.xlsx", O.staffing_xlsx(headcount="viele"))
    assert refused(db, capsys, f) == [
        f"{f}, Zeile 5, Spalte 'Beschäftigte', Blatt 'Personal', Zelle C5, Wert 'viele': Beschäftigte ist keine Zahl"]
    # with one sheet the cell alone, as for any workbook
    g = put(tmp_path, "personal-1.xlsx", O.staffing_xlsx(headcount="viele", notes_sheet=False))
    assert refused(db, capsys, g) == [
        f"{g}, Zeile 5, Spalte 'Beschäftigte', Zelle C5, Wert 'viele': Beschäftigte ist keine Zahl"]


def test_office_k_a_is_missing_where_a_value_may_be_missing(db, tmp_path, capsys):
    f = put(tmp_path, "personal.csv", O.staffing_csv())
    assert load(db, f) == EXIT_OK
    out = capsys.readouterr().out
    assert "Summenzeilen nicht übernommen (kein Kreis): Zeile 4 ('Insgesamt')" in out
    assert "1 Zellen „k. A.“/„–“ als leer (kein Wert) gelesen" in out
    got = rows(db, "SELECT jobcenter_id, headcount, fte FROM staffing WHERE period = DATE '2024-12-31' ORDER BY 1")
    assert got == [("JC-06437", 41, 34.5), ("JC-06535", 38, None)]


def test_office_k_a_in_a_required_value_is_refused(db, tmp_path, capsys):
    body = ("Kreisschlüssel;Monat;Kennzahl;Wert;Quelle;Stand\r\n"
            "06437;Januar 2025;BG;2604;https://x.example;15.02.2025\r\n"
            "06535;Januar 2025;BG;k. A.;https://x.example;15.02.2025\r\n").encode("cp1252")
    f = put(tmp_path, "bg.csv", body)
    [problem] = refused(db, capsys, f)
    assert problem.startswith(f"{f}, Zeile 3, Spalte 'Wert', Wert 'k. A.': ")


def test_stand_option_must_be_a_date(db, tmp_path, capsys):
    f = put(tmp_path, "bg.xlsx", O.monthly_xlsx())
    before = digest(db)
    assert load(db, "--quelle", "x", "--stand", "gestern", f) == 2
    assert "--stand: 'gestern' ist kein Datum" in capsys.readouterr().err
    assert digest(db) == before


# -- templates ---------------------------------------------------------------------------------------


def test_template_xlsx_explains_and_loads_when_filled(db, tmp_path, capsys, cli_env):
    out = tmp_path / "personal.xlsx"
    assert main(["--db", str(db), "template", "staffing", "-o", str(out)]) == EXIT_OK
    wb = load_workbook(out)
    assert wb.sheetnames == ["Daten", "Erläuterungen"]
    header = [c.value for c in wb["Daten"][1]]
    assert header[:4] == ["Jobcenter-ID", "Stichtag", "Funktion", "Beschäftigte"] and header[-2:] == ["Quelle", "Stand"]
    explained = {r[0]: r for r in wb["Erläuterungen"].iter_rows(min_row=4, values_only=True)}
    assert set(explained) == set(header)
    assert explained["Jobcenter-ID"][1] == "ja"
    assert "muss in Tabelle jobcenters vorkommen" in explained["Jobcenter-ID"][3]
    assert explained["Stand"][3].endswith("fehlt die Spalte: kjc-tui load --stand")
    ws = wb["Daten"]
    filled = {"Jobcenter-ID": "JC-06437", "Stichtag": "31.12.2024", "Beschäftigte": 41, "VZÄ": 34.5,
              "Quelle": "https://x.example", "Stand": "15.01.2025"}
    ws.append([filled.get(h) for h in header])
    wb.save(out)
    capsys.readouterr()
    assert load(db, str(out)) == EXIT_OK
    assert "Tabellenblatt 'Daten' gewählt" in capsys.readouterr().out
    assert rows(db, "SELECT headcount, fte, function FROM staffing WHERE jobcenter_id = 'JC-06437' "
                    "AND period = DATE '2024-12-31'") == [(41, 34.5, "gesamt")]


def test_template_csv_for_german_excel(tmp_path, cli_env):   # no user file: German, the default
    out = tmp_path / "kennzahlen.csv"
    assert main(["template", "Kennzahlen", "-o", str(out)]) == EXIT_OK
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfJobcenter-ID;Zeitraum;Zeitraumart;Kennzahl;Geschlecht;Wert;")
    assert data.endswith("Quelle;Stand\r\n".encode())


def test_publisher_file_through_read_file_entry(embedded_db, tmp_path):
    """The layouts go through the ingest's entry point: a ReadFile of a BA table prepared like `load` does it."""
    from kjc_tui.ingest import Known
    from kjc_tui.ingest.layouts import prepare_file

    con = duckdb.connect(str(embedded_db), read_only=True)
    try:
        known, lookup = Known.from_connection(con), Lookup.from_connection(con)
    finally:
        con.close()
    [p] = prepare_file(ReadFile("ba.csv", P.ba_table_csv()), known, None, lookup)
    assert p.table.name == "indicators" and len(p.rows) == 12
    # a file on disk (read_source gives its path, no bytes) is recognised the same way
    path = tmp_path / "ba.csv"
    path.write_bytes(P.ba_table_csv())
    [q] = prepare_file(read_source(path), known, None, lookup)
    assert q.table.name == "indicators" and q.rows == p.rows


def test_template_in_english_has_english_headers_and_words_and_loads(db, tmp_path, capsys):
    """`--lang en`: the schema's English labels as headers, the explanation in English (no German
    word of the German template), and the filled file loads like the German one."""
    out = tmp_path / "staff.xlsx"
    assert main(["--db", str(db), "template", "staffing", "-o", str(out), "--lang", "en"]) == EXIT_OK
    wb = load_workbook(out)
    assert wb.sheetnames == ["Data", "Notes"]
    header = [c.value for c in wb["Data"][1]]
    assert header[-2:] == ["Source", "As of"]
    notes = [r for r in wb["Notes"].iter_rows(values_only=True)]
    assert notes[0][0].startswith("Template for the table staffing (") and notes[2] == (
        "Column", "Required", "Type", "Allowed values", "Also recognised as")
    explained = {r[0]: r for r in notes[3:]}
    assert set(explained) == set(header)
    assert explained["As of"][1:4] == ("yes", "date (DD.MM.YYYY, YYYY-MM or “Januar 2025”)",
                                       "date of the data; without the column: kjc-tui load --stand")
    assert "Stand" in explained["As of"][4]   # the German header is recognised too
    text = " ".join(str(v) for r in notes for v in r if v)
    assert not any(w in text for w in ("Vorlage", "Pflicht", "mindestens", "muss in Tabelle", "ganze Zahl"))
    ws = wb["Data"]
    filled = dict(zip(header[:4], ("JC-06437", "31.12.2024", None, 41)))
    filled.update({"Source": "https://x.example", "As of": "15.01.2025"})
    ws.append([filled.get(h) for h in header])
    wb.save(out)
    capsys.readouterr()
    assert load(db, str(out)) == EXIT_OK
    assert rows(db, "SELECT headcount FROM staffing WHERE jobcenter_id = 'JC-06437' AND period = DATE '2024-12-31'") == [(41,)]
    csv = tmp_path / "indicators.csv"
    assert main(["template", "indicators", "-o", str(csv), "--lang", "en"]) == EXIT_OK
    assert csv.read_bytes().startswith(b"\xef\xbb\xbfJobcenter ID;Period;Period kind;Indicator;Sex;Value;")
