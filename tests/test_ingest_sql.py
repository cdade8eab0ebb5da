"""The vectorised ingest: SQL rules against the reference parsers, rows as the user counts them,
synthetic data, and every bound on what a file or a server may cost."""

from __future__ import annotations

import hashlib
import io
import socket
import threading
import time
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataset import build_db
from kjc_tui.db import snapshot
from kjc_tui.db.store import Store
from kjc_tui.ingest import Refused, sqlparse
from kjc_tui.ingest.parse import MONTHS, ParseError, parse_bool, parse_date, parse_number, split_range
from kjc_tui.ingest.problem import encode

HEADER = "Kreisschlüssel;Monat;Kennzahl;Wert;Quelle;Stand"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path)


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def refused(db: Path, f: Path, **kw) -> list[str]:
    before = digest(db)
    with pytest.raises(Refused) as e:
        snapshot.load(db, [f], **kw)
    assert digest(db) == before, "refused, but the database changed"
    return [str(p).replace(str(f), "F") for p in e.value.problems]


# -- the SQL rules agree with the reference parsers -----------------------------------------------

_CON = duckdb.connect()


def sql_numbers(values: list[str], decimal: str | None) -> list[tuple]:
    _CON.execute("CREATE OR REPLACE TEMP TABLE t (i INTEGER, x VARCHAR)")
    _CON.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(values)))
    sql = sqlparse.stack("t", sqlparse.number_layers("x", "n", decimal), "i, n_v, n_e, n_q")
    return [r[1:] for r in _CON.execute(f"SELECT * FROM {sql} ORDER BY i").fetchall()]


def sql_dates(values: list[str]) -> list[tuple]:
    _CON.execute("CREATE OR REPLACE TEMP TABLE t (i INTEGER, x VARCHAR)")
    _CON.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(values)))
    sql = sqlparse.stack("t", sqlparse.date_layers("x", "d"), "i, d_v, d_e, d_p2")
    return [r[1:] for r in _CON.execute(f"SELECT * FROM {sql} ORDER BY i").fetchall()]


def ref_number(v: str, decimal: str | None) -> tuple:
    if not v.strip():
        return (None, None, None)
    try:
        f, q = parse_number(v, decimal)
        return (f, None, q)
    except ParseError as e:
        return (None, encode(e.code, e.params), None)


def ref_date(v: str) -> tuple:
    if not v.strip():
        return (None, None, None)
    try:
        d, p = parse_date(v)
        return (d, None, p)
    except ParseError as e:
        return (None, encode(e.code, e.params), None)


DIGITS = st.text("0123456789", min_size=1, max_size=7)
GERMAN_NUMBERS = st.one_of(
    st.builds(lambda a, b: f"{a},{b}", DIGITS, DIGITS),
    st.builds(lambda n: f"{n:,}".replace(",", "."), st.integers(0, 10**12)),
    st.builds(lambda n, f: f"{n:,}".replace(",", ".") + "," + f, st.integers(0, 10**9), DIGITS),
    st.builds(lambda n: f"{n:,.2f}", st.floats(0, 1e9, allow_nan=False)),
    st.builds(lambda n: f"{n:,}".replace(",", " "), st.integers(0, 10**9)),
    st.builds(lambda p, n, s: f"{p}{n}{s}", st.sampled_from(["", "-", "+", "−", "ca. ", "~", "> ", "fast ", "über ",
                                                              "rund "]),
              st.from_regex(r"[0-9][0-9.,]{0,9}", fullmatch=True),
              st.sampled_from(["", " €", " %", " Mio.", " Tsd.", ",-", " EUR", "e3"])),
    st.text("0123456789.,- €%'eE+", min_size=1, max_size=12),
)
DAYS = st.dates(date(1900, 1, 1), date(2100, 12, 31))
GERMAN_DATES = st.one_of(
    DAYS.map(lambda d: d.strftime("%d.%m.%Y")),
    DAYS.map(lambda d: f"{d.day}.{d.month}.{d.year % 100:02d}"),
    DAYS.map(lambda d: d.isoformat()),
    DAYS.map(lambda d: d.strftime("%d.%m.%Y 00:00")),
    DAYS.map(lambda d: f"{d.month:02d}.{d.year}"),
    st.builds(lambda m, y: f"{m} {y}", st.sampled_from(sorted(MONTHS)), st.integers(1900, 2100)),
    st.builds(lambda m, y: f"{m.capitalize()}. {y % 100:02d}", st.sampled_from(sorted(MONTHS)),
              st.integers(2000, 2099)),
    st.builds(lambda q, y: f"{q}. Quartal {y}", st.integers(1, 4), st.integers(1900, 2100)),
    st.builds(lambda y, m, d: f"{d:02d}.{m:02d}.{y}", st.integers(0, 2200), st.integers(0, 14), st.integers(0, 34)),
    st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(1900, 2100), st.integers(1, 53)),
    st.integers(0, 3000).map(str),
    st.text("0123456789.-/ QW", min_size=1, max_size=12),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(GERMAN_NUMBERS, min_size=1, max_size=40), decimal=st.sampled_from([",", ".", None]))
def test_sql_numbers_agree_with_the_reference(values, decimal):
    got = sql_numbers(values, decimal)
    for v, g in zip(values, got):
        assert g == ref_number(v, decimal), v


def sql_figures(values: list[str], decimal: str | None) -> list[tuple]:
    _CON.execute("CREATE OR REPLACE TEMP TABLE t (i INTEGER, x VARCHAR)")
    _CON.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(values)))
    sql = sqlparse.stack("t", sqlparse.range_layers("x", "n", lambda raw, out: sqlparse.number_layers(
        raw, out, decimal)), "i, n_v, n_e, n_q, n_u")
    return [r[1:] for r in _CON.execute(f"SELECT * FROM {sql} ORDER BY i").fetchall()]


def ref_figure(v: str, decimal: str | None) -> tuple:
    """A range of two plain numbers: (lower, None, "↔", upper); else the single number (the reference)."""
    ends = split_range(v)
    if ends:
        try:
            (low, q_low), (high, q_high) = parse_number(ends[0], decimal), parse_number(ends[1], decimal)
        except ParseError:
            pass
        else:
            if not q_low and not q_high:
                return (low, None, "↔", high)
    return (*ref_number(v, decimal), None)


RANGES = st.builds(lambda p, a, sep, b, u: f"{p}{a}{sep}{b}{u}", st.sampled_from(["", "zwischen ", "between ", " "]),
                   GERMAN_NUMBERS, st.sampled_from(["–", "-", " - ", " bis ", " und ", "—", "\u00a0–\u00a0", "bis"]),
                   GERMAN_NUMBERS, st.sampled_from(["", " %", " €", " Mio.", " Personen", "%"]))


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(st.one_of(RANGES, GERMAN_NUMBERS), min_size=1, max_size=40),
       decimal=st.sampled_from([",", ".", None]))
def test_sql_ranges_agree_with_the_reference(values, decimal):
    got = sql_figures(values, decimal)
    for v, g in zip(values, got):
        assert g == ref_figure(v, decimal), v


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(GERMAN_DATES, min_size=1, max_size=40))
def test_sql_dates_agree_with_the_reference(values):
    got = sql_dates(values)
    for v, g in zip(values, got):
        assert g == ref_date(v), v


def test_sql_booleans_agree_with_the_reference():
    values = ["ja", "Nein", " x ", "TRUE", "0", "1", "wahr", "vielleicht", "2"]
    _CON.execute("CREATE OR REPLACE TEMP TABLE t (i INTEGER, x VARCHAR)")
    _CON.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(values)))
    sql = sqlparse.stack("t", sqlparse.bool_layers("x", "b"), "i, b_v, b_e")
    for v, (_, b, e) in zip(values, _CON.execute(f"SELECT * FROM {sql} ORDER BY i").fetchall()):
        try:
            assert (b, e) == (parse_bool(v), None)
        except ParseError as err:
            assert (b, e) == (None, encode(err.code, err.params))


# -- rows as the user counts them -----------------------------------------------------------------

def test_line_numbers_count_empty_lines_and_line_breaks_in_quotes(db, tmp_path):
    f = tmp_path / "k.csv"
    f.write_bytes(("Export\r\n\r\n" + HEADER + ";Hinweis\r\n"
                   "06437;Januar 2025;BG;1.234;https://x.example;01.03.2025;\"zwei\r\nZeilen\"\r\n"
                   "\r\n"
                   "06437;Februar 2025;BG;zwölf;https://x.example;01.03.2025;\r\n"
                   "06437;Januar 2025;BG;7;https://x.example;01.03.2025;\r\n").encode("cp1252"))
    assert refused(db, f) == [
        "F, Zeile 7, Spalte 'Wert', Wert 'zwölf': Wert ist keine Zahl",
        "F, Zeile 8, Spalte 'Kreisschlüssel, Monat, Kennzahl, sex', Wert 'JC-06437 / 2025-01-01 / BG / all': "
        "Schlüssel doppelt (schon in Zeile 4)"]


def test_ragged_rows_and_bad_values_are_reported_together_in_file_order(db, tmp_path):
    f = tmp_path / "k.csv"
    f.write_bytes((HEADER + "\n06437;Januar 2025;BG;x;https://x.example;01.03.2025\n06437;Februar 2025;BG\n"
                   "06437;März 2025;BG;-5;https://x.example;01.03.2025\n").encode("utf-8"))
    assert refused(db, f) == [
        "F, Zeile 2, Spalte 'Wert', Wert 'x': Wert ist keine Zahl",
        "F, Zeile 3: hat 3 Felder, die Kopfzeile hat 6",
        "F, Zeile 4, Spalte 'Wert', Wert '-5': Anzahl (BG) darf nicht negativ sein"]


def test_one_bad_value_in_the_last_of_many_rows_is_named(db, tmp_path):
    lines = [f"06437;{m:02d}.{2000 + y};BG;{y * 12 + m};https://x.example;01.03.2025"
             for y in range(25) for m in range(1, 13)]
    lines[-1] = lines[-1].replace(";BG;300;", ";BG;3,1,1;")
    f = tmp_path / "k.csv"
    f.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8"))
    assert refused(db, f) == [
        f"F, Zeile {len(lines) + 1}, Spalte 'Wert', Wert '3,1,1': Wert hat mehr als ein Dezimaltrennzeichen"]


def test_canonical_table_entry_point_validates_streamed_rows(db):
    """What converters of publisher layouts call: header + numbered rows → checked rows."""
    from kjc_tui import ingest

    con = duckdb.connect(str(db))
    try:
        rows = iter([(5, ["06437", "2025-01", "BG", "12,5", "https://x.example", "2025-03-01"]),
                     (9, ["06437", "2025-02", "BG", "oops", "https://x.example", "2025-03-01"])])
        sf = ingest.stage_table(con, "publisher.csv", ["Kreisschlüssel", "Monat", "Kennzahl", "Wert", "Quelle",
                                                       "Stand"], rows)
        with pytest.raises(Refused) as e:
            ingest.check(con, sf)
        assert [str(p) for p in e.value.problems] == [
            "publisher.csv, Zeile 9, Spalte 'Wert', Wert 'oops': Wert ist keine Zahl"]
    finally:
        con.close()


# -- synthetic data stays synthetic ---------------------------------------------------------------

def synthetic_file(tmp_path: Path) -> Path:
    from kjc_tui.db.synthetic import SYNTHETIC_SOURCE

    f = tmp_path / "syn.csv"
    f.write_bytes((HEADER + f"\n06437;Januar 2025;BG;12;{SYNTHETIC_SOURCE};01.03.2025\n").encode("utf-8"))
    return f


def test_synthetic_rows_are_refused_in_a_real_database(db, tmp_path):
    assert refused(db, synthetic_file(tmp_path)) == [
        "F, Zeile 2, Spalte 'Quelle', Wert 'synthetisch (kjc-tui generate)': synthetische Daten (von kjc-tui "
        "generate erzeugt) kommen nicht in eine echte Datenbank; mit --synthetisch laden, dann gilt die ganze "
        "Datenbank als synthetisch"]


def test_synthetic_rows_asked_for_mark_the_database_synthetic(db, tmp_path, monkeypatch, capsys):
    from kjc_tui.cli.main import EXIT_OK, main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(db), "load", "--synthetisch", str(synthetic_file(tmp_path))]) == EXIT_OK
    store = Store(db)
    try:
        assert store.synthetic
        assert store.scalar("SELECT count(*) FROM indicators WHERE value = 12") == 1
    finally:
        store.close()


# -- bounds: XLSX, ZIP members, HTTP ----------------------------------------------------------------

def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX_HEADER = ["Kreisschlüssel", "Monat", "Kennzahl", "Wert", "Quelle", "Stand", "Hinweis"]


def test_xlsx_with_one_huge_cell_is_refused_before_parsing(db, tmp_path, monkeypatch):
    monkeypatch.setattr("kjc_tui.ingest.xlsx.MAX_CELL_BYTES", 10_000)
    f = tmp_path / "gross.xlsx"
    f.write_bytes(xlsx_bytes([XLSX_HEADER, ["06437", "2025-01", "BG", 1, "https://x", "2025-03-01", "x" * 50_000]]))
    # openpyxl writes the text into the sheet itself (an inline string)
    assert refused(db, f) == ["F: eine Zelle ist länger als 1.000.000 Zeichen (in xl/worksheets/sheet1.xml)"]


def test_xlsx_whose_parts_unpack_too_big_is_refused_from_the_zip_directory(db, tmp_path, monkeypatch):
    monkeypatch.setattr("kjc_tui.ingest.xlsx.MAX_PART", 20_000)
    f = tmp_path / "blatt.xlsx"
    f.write_bytes(xlsx_bytes([XLSX_HEADER] + [["06437", f"2025-{m:02d}", "BG", m, "https://x", "2025-03-01", ""]
                                              for m in range(1, 13)] * 20))
    problems = refused(db, f)
    assert len(problems) == 1 and problems[0].startswith("F: der Teil xl/worksheets/sheet1.xml ist entpackt ")
    assert problems[0].endswith("groß (Obergrenze 0 MB); bitte die Tabelle aufteilen oder als CSV speichern")


def test_zip_bomb_member_of_the_48a_layout_is_refused_from_the_directory(db, tmp_path):
    """8 MB of zeros pack into a few KB; the member is refused by its unpacked size before it is read."""
    from kjc_tui.ingest.layouts.common import Lookup
    from kjc_tui.ingest.layouts.kennzahlen_48a import convert

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("dl_48a_daten_statistikba_1.csv", b"\0" * (8 << 20))
    assert len(buf.getvalue()) < 100_000
    with pytest.raises(Refused) as e:
        convert(buf.getvalue(), "quelle.zip", Lookup({}, {}, set()), source="https://x.example/k.zip",
                max_unzipped=1 << 20, limit_hint=" (max_unzipped_bytes in kjc.toml)")
    assert [str(p) for p in e.value.problems] == [
        "quelle.zip!dl_48a_daten_statistikba_1.csv: entpackt größer als die Obergrenze (max_unzipped_bytes in "
        "kjc.toml)"]


class Trickler:
    """A server on 127.0.0.1 that sends its response headers one byte at a time, forever."""

    def __init__(self, interval: float = 0.05, status: bytes = b"HTTP/1.1 200 OK\r\n") -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.interval, self.status = interval, status
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/k.csv"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            data = self.status + b"X-Slow: " + b"a" * 10_000_000
            for i in range(len(data)):
                if self.stop.is_set():
                    return
                try:
                    conn.sendall(data[i:i + 1])
                except OSError:
                    return
                time.sleep(self.interval)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


@pytest.mark.slow
def test_trickling_response_headers_are_cut_off_by_the_deadline():
    from kjc_tui.sources.http import Fetcher, FetchError, HttpSettings

    server = Trickler()
    try:
        started = time.monotonic()
        with Fetcher(HttpSettings(timeout=0.5, retries=0), sleep=lambda s: None) as f:
            with pytest.raises(FetchError) as e:
                f.get(server.url)
        assert e.value.reason == "Übertragung dauert länger als 10 s (20 × timeout); abgebrochen"
        assert time.monotonic() - started < 60
    finally:
        server.close()


def test_one_deadline_for_the_whole_source():
    from kjc_tui.sources.http import Fetcher, FetchError, HttpSettings

    server = Trickler()
    try:
        with Fetcher(HttpSettings(timeout=5, retries=3, deadline=1.0), sleep=lambda s: None) as f:
            with pytest.raises(FetchError) as e:
                f.get(server.url)
        assert e.value.reason.startswith("die Gesamtzeit für diese Quelle (1 s, deadline in kjc.toml) ist "
                                         "überschritten")
    finally:
        server.close()


def test_deadline_is_a_known_key_of_kjc_toml(tmp_path):
    from kjc_tui.core.config import load

    p = tmp_path / "kjc.toml"
    p.write_text('[http]\ndeadline = 300\n\n[sources.k]\nkind = "file"\nurl = "https://x.example/k.csv"\n'
                 'table = "indicators"\ndeadline = 60\n', encoding="utf-8")
    cfg = load(p)
    assert cfg.http["deadline"] == 300 and cfg.sources["k"]["deadline"] == 60
