"""Each source kind fetched for real from the local server through httpx, loaded and queried."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

import payloads as P
from source_server import Reply, jobsuche_source, write_config
from kjc_tui.sources.run import fetch_all
from kjc_tui.sources.status import last_fetches
from kjc_tui.db.store import Store

TODAY = dt.date(2025, 3, 1)


def rows(db: Path, sql: str, params: list | tuple = ()) -> list[dict]:
    store = Store(db)
    try:
        return store.rows(sql, params)
    finally:
        store.close()


def value(db: Path, jc: str, indicator: str, period: str, sex: str = "all") -> float | None:
    r = rows(db, "SELECT value FROM indicators WHERE jobcenter_id = ? AND indicator = ? AND period = ? AND sex = ?",
             [jc, indicator, period, sex])
    return r[0]["value"] if r else None


@pytest.mark.parametrize("fmt,make,ctype", [
    ("csv", P.file_csv, "text/csv; charset=windows-1252"),
    ("xlsx", P.file_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("json", P.file_json, "application/json"),
    ("parquet", P.file_parquet, "application/octet-stream"),
], ids=["csv", "xlsx", "json", "parquet"])
def test_file_url_each_format(server, db, tmp_path, sleeps, fmt, make, ctype):
    path = f"/files/verband.{fmt}"
    server.static(path, make(), ctype, last_modified="Fri, 28 Feb 2025 10:00:00 GMT")
    cfg = write_config(tmp_path, db, f"""
[sources.verband]
kind = "file"
url = "{server.url(path)}"
table = "indicators"
columns = {P.FILE_MAPPING}
""")
    summary = fetch_all(cfg, sleep=sleeps, today=TODAY)
    [r] = summary.results
    assert (r.status, r.rows) == ("fetched", 3), r
    assert summary.exit_code == 0
    assert value(db, "JC-06437", "BG", "2025-01-01") == 1234
    assert value(db, "JC-06412", "ELB", "2025-01-01") == 45678
    got = rows(db, "SELECT DISTINCT source, as_of, period_kind FROM indicators WHERE indicator = 'BG'")
    assert got == [{"source": server.url(path), "as_of": dt.date(2025, 2, 28), "period_kind": "month"}]
    [last] = last_fetches(Store(db))
    assert last["source"] == "verband" and last["rows"] == 3 and last["tables"] == "indicators"


def test_file_url_error_names_the_source_line(server, db, tmp_path, sleeps):
    server.static("/files/bad.csv", P.file_csv(bad_value="12x"), "text/csv")
    cfg = write_config(tmp_path, db, f"""
[sources.verband]
kind = "file"
url = "{server.url('/files/bad.csv')}"
table = "indicators"
columns = {P.FILE_MAPPING}
""")
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert r.status == "refused"
    # the column as the file calls it ("Anzahl Fälle"), not as the mapping renamed it ("value")
    assert [str(p) for p in r.problems] == [f"verband <{server.url('/files/bad.csv')}>, Zeile 6, Spalte 'Anzahl Fälle', Wert '12x': "
                          "Wert ist keine Zahl"]
    assert db.read_bytes() == before


def test_ba_table_both_layouts_throttled(server, db, tmp_path, sleeps):
    def route(query, headers):
        region = query.get("Kreis", [""])[0]
        body = {"Odenwaldkreis": P.BA_COLUMNS, "Vogelsbergkreis": P.BA_ROWS}.get(region)
        if body is None:
            return Reply(404, b"unbekannte Region")
        return Reply(200, body, {"Content-Type": "text/csv;charset=UTF-8"})
    server.routes["/bids/tableFetch/csv/EckwerteZeitreiheGrusi"] = route
    cfg = write_config(tmp_path, db, f"""
[sources.grusi]
kind = "ba_table"
url = "{server.url('/bids/tableFetch/csv')}"
table = "EckwerteZeitreiheGrusi"
region_param = "Kreis"
regions = {{ "06437" = "Odenwaldkreis", "06535" = "Vogelsbergkreis" }}
indicators = {P.BA_INDICATORS}
throttle = 0.25
""")
    summary = fetch_all(cfg, sleep=sleeps, today=TODAY)
    [r] = summary.results
    assert r.status == "fetched", r
    assert r.rows == 5 + 3        # Odenwald: 3 ELB + 2 BG ("*" is no value); Vogelsberg: 2 ELB + 1 BG ("-")
    assert r.requests == 2 and sleeps == [0.25]
    assert value(db, "JC-06437", "ELB", "2025-01-01") == 4321
    assert value(db, "JC-06437", "BG", "2024-11-01") is None
    assert value(db, "JC-06535", "BG", "2025-01-01") == 4001
    assert value(db, "JC-06535", "ELB", "2024-12-01") == 5400
    stand = rows(db, "SELECT DISTINCT as_of FROM indicators WHERE jobcenter_id = 'JC-06437' AND indicator = 'ELB'")
    assert stand == [{"as_of": dt.date(2025, 2, 12)}]        # from the "Stand:" metadata line


def test_ba_table_refuses_bad_number_with_its_line(server, db, tmp_path, sleeps):
    server.static("/bids2/T", P.BA_BAD_NUMBER, "text/csv")
    cfg = write_config(tmp_path, db, f"""
[sources.grusi]
kind = "ba_table"
url = "{server.url('/bids2')}"
table = "T"
regions = {{ "06437" = "Odenwaldkreis" }}
indicators = {P.BA_INDICATORS}
""")
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert r.status == "refused"
    assert [str(p) for p in r.problems] == [f"grusi <{server.url('/bids2/T')}?Kreis=Odenwaldkreis>, Zeile 3, Spalte 'Januar 2025', "
                          "Wert 'vier': Wert ist keine Zahl"]
    assert db.read_bytes() == before


def test_kennzahlen_zip(server, db, tmp_path, sleeps):
    server.static("/sgb2/Kennzahlen-CSV.zip", P.k48a_zip(), "application/zip")
    cfg = write_config(tmp_path, db, f"""
[sources.kennzahlen]
kind = "kennzahlen_48a"
url = "{server.url('/sgb2/Kennzahlen-CSV.zip')}"
columns = {P.K48A_COLUMNS}
jobcenters = {P.K48A_JOBCENTERS}
""")
    before = {r["jobcenter_id"]: r for r in rows(db, "SELECT * FROM jobcenters WHERE jobcenter_id IN "
                                                     "('JC-06437', 'JC-06535')")}
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    # two indicator rows, and the two jobcenters whose Vergleichstyp the file gives
    assert (r.status, r.rows) == ("fetched", 2 + 2), r
    assert r.message == "4 Zeilen → jobcenters, indicators"
    after = {r["jobcenter_id"]: r for r in rows(db, "SELECT * FROM jobcenters WHERE jobcenter_id IN "
                                                    "('JC-06437', 'JC-06535')")}
    assert [after[j]["peer_type"] for j in sorted(after)] == ["IIIb", "IId"]
    [stand] = rows(db, "SELECT DISTINCT as_of FROM indicators WHERE indicator = 'K2'")
    assert after["JC-06437"]["peer_type_as_of"] == stand["as_of"]          # the release's Stand
    assert after["JC-06437"]["source"] == before["JC-06437"]["source"] + " ; " + server.url('/sgb2/Kennzahlen-CSV.zip')
    assert {k: v for k, v in after["JC-06437"].items() if k not in ("peer_type", "peer_type_as_of", "source")} \
        == {k: v for k, v in before["JC-06437"].items() if k not in ("peer_type", "peer_type_as_of", "source")}
    assert value(db, "JC-06437", "K2", "2025-01-01") == 24.6
    assert value(db, "JC-06535", "K2", "2025-01-01", "f") == 21.5
    num = rows(db, "SELECT numerator, denominator, period_kind FROM indicators WHERE jobcenter_id = 'JC-06437' "
                   "AND indicator = 'K2'")
    assert num == [{"numerator": 123, "denominator": 500, "period_kind": "month"}]
    assert "1 andere Träger ausgelassen" in [str(n) for n in r.notes]
    assert "unbekannte Kennzahlen ausgelassen: K9 (1×)" in [str(n) for n in r.notes]


def test_kennzahlen_zip_not_a_zip(server, db, tmp_path, sleeps):
    server.static("/sgb2/kaputt.zip", b"PK\x03\x04 nicht wirklich", "application/zip")
    cfg = write_config(tmp_path, db, f"""
[sources.kennzahlen]
kind = "kennzahlen_48a"
url = "{server.url('/sgb2/kaputt.zip')}"
columns = {P.K48A_COLUMNS}
jobcenters = {P.K48A_JOBCENTERS}
""")
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert r.status == "refused" and str(r.problems[0]).endswith("ist keine gültige ZIP-Datei")
    assert db.read_bytes() == before


def _jobsuche_route(items_key: str, make_item, total: bool, key: str, pages: int = 3, size: int = 2):
    def route(query, headers):
        if headers.get("x-api-key") != key:
            return Reply(403, b'{"message": "forbidden"}', {"Content-Type": "application/json"})
        place = query["wo"][0]
        page = int(query["page"][0])
        n = pages if place == "Erbach" else 1
        items = [make_item(i, place) for i in range((page - 1) * size, min(page * size, n))]
        doc = {items_key: items, "page": page, "size": size}
        if total:
            doc["maxErgebnisse"] = n
        return Reply(200, json.dumps(doc).encode(), {"Content-Type": "application/json"})
    return route


@pytest.mark.parametrize("version,items_key,make_item,total", [
    ("v4", "stellenangebote", P.v4_item, True),
    ("v6", "ergebnisliste", P.v6_item, False),
])
def test_jobsuche_paged(server, db, tmp_path, sleeps, monkeypatch, version, items_key, make_item, total):
    base = f"/jobsuche-{version}"
    server.routes[f"{base}/pc/{version}/jobs"] = _jobsuche_route(items_key, make_item, total, "geheim-123")
    monkeypatch.setenv("TEST_JOBSUCHE_KEY", "geheim-123")
    cfg = write_config(tmp_path, db, f"""
[sources.stellen]
kind = "jobsuche"
url = "{server.url(base)}"
version = "{version}"
api_key_env = "TEST_JOBSUCHE_KEY"
places = {{ "06437" = "Erbach", "06535" = "Lauterbach" }}
radius_km = 25
page_size = 2
params = {{ zeitarbeit = false, arbeitszeit = "vz;tz" }}
""")
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert (r.status, r.rows) == ("fetched", 2 + 4), r   # two counts and four postings, one load
    assert r.message == "6 Zeilen → indicators, postings"
    assert r.requests == 3                       # Erbach: pages 1, 2; Lauterbach: page 1
    path, query = server.seen_queries[-1]
    assert path == f"{base}/pc/{version}/jobs"
    assert query == {"wo": ["Lauterbach"], "size": ["2"], "angebotsart": ["1"], "umkreis": ["25"],
                     "zeitarbeit": ["false"], "arbeitszeit": ["vz;tz"], "page": ["1"]}
    assert value(db, "JC-06437", "STELLEN", "2025-03-01") == 3
    assert value(db, "JC-06535", "STELLEN", "2025-03-01") == 1
    assert rows(db, "SELECT DISTINCT period_kind FROM indicators WHERE indicator = 'STELLEN'") == [
        {"period_kind": "day"}]
    got = rows(db, "SELECT ags, place, refnr, title, employer, city, published, source, as_of FROM postings "
                   "ORDER BY ags, refnr")
    assert [(g["ags"], g["place"]) for g in got] == [("06437", "Erbach")] * 3 + [("06535", "Lauterbach")]
    first = got[0]
    assert first["title"] in ("Fachkraft 0", "Sachbearbeitung 0") and first["employer"] in ("Firma 0 GmbH", "Amt 0")
    assert first["city"] == "Erbach" and str(first["as_of"]) == "2025-03-01"
    assert first["source"] == server.url(f"{base}/pc/{version}/jobs")
    assert str(first["published"]) == ("2025-01-10" if version == "v4" else "2025-01-12")   # v6: {von, bis}
    by_occupation = rows(db, "SELECT occupation, count(*) AS n FROM postings WHERE ags = '06437' GROUP BY ALL")
    if version == "v4":
        assert by_occupation == [{"occupation": "Verwaltungsfachangestellte/r", "n": 3}]
    assert not (tmp_path / "cache" / "exports").exists()   # no files beside the database any more
    assert "geheim-123" not in " ".join([r.message, *map(str, r.notes), *map(str, r.problems)])
    from kjc_tui.ingest.problem import note_text   # the fetch's notes are codes: German and English

    assert [note_text(n, "de") for n in r.notes] == ["4 Stellenangebote gelesen"]
    assert [note_text(n, "en") for n in r.notes] == ["4 job postings read"]


@pytest.mark.parametrize("version,items_key,make_item", [
    ("v4", "stellenangebote", P.v4_item), ("v6", "ergebnisliste", P.v6_item)])
def test_jobsuche_total_as_text_is_the_count(server, db, tmp_path, sleeps, monkeypatch, version, items_key,
                                             make_item):
    """The API spec types maxErgebnisse, page and size as strings: "57" is the count (exact), not the two
    postings of the one page read (which would be stored as "at least 2")."""
    def route(query, headers):
        doc = {items_key: [make_item(i, query["wo"][0]) for i in range(2)], "maxErgebnisse": "57",
               "page": query["page"][0], "size": "2"}
        return Reply(200, json.dumps(doc).encode(), {"Content-Type": "application/json"})
    server.routes[f"/js-text-{version}/pc/{version}/jobs"] = route
    monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", "k")
    cfg = write_config(tmp_path, db, jobsuche_source(server.url(f"/js-text-{version}"),
                                                     f'version = "{version}"\npage_size = 2\nmax_pages = 1'))
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert r.status == "fetched", r
    got = rows(db, "SELECT value, qualifier, note FROM indicators WHERE indicator = 'STELLEN'")
    assert got == [{"value": 57.0, "qualifier": "=", "note": None}]
    assert r.requests == 1


def test_jobsuche_total_text_that_is_no_number_is_no_total(server, db, tmp_path, sleeps, monkeypatch):
    def route(query, headers):
        doc = {"stellenangebote": [P.v4_item(i, "Erbach") for i in range(2)], "maxErgebnisse": "viele"}
        return Reply(200, json.dumps(doc).encode(), {"Content-Type": "application/json"})
    server.routes["/js-nan/pc/v4/jobs"] = route
    monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", "k")
    cfg = write_config(tmp_path, db, jobsuche_source(server.url("/js-nan"), "page_size = 2\nmax_pages = 1"))
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    got = rows(db, "SELECT value, qualifier FROM indicators WHERE indicator = 'STELLEN'")
    assert (r.status, got) == ("fetched", [{"value": 2.0, "qualifier": ">"}])


def test_jobsuche_wrong_version_shape_is_refused(server, db, tmp_path, sleeps, monkeypatch):
    server.routes["/js-shape/pc/v6/jobs"] = _jobsuche_route("stellenangebote", P.v4_item, False, "k")
    monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", "k")
    cfg = write_config(tmp_path, db, jobsuche_source(server.url('/js-shape'), 'version = "v6"'))
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert r.status == "refused" and "passt version = 'v6'?" in str(r.problems[0])
    assert db.read_bytes() == before


def test_kennzahlen_zip_bomb_is_refused(server, db, tmp_path, sleeps):
    bomb = P.zip_of({"dl_48a_daten_statistikba_2025_01.csv": P.K48A_CSV + b"0" * 5_000_000})
    assert len(bomb) < 50_000
    server.static("/sgb2/bombe.zip", bomb, "application/zip")
    cfg = write_config(tmp_path, db, f"""
[sources.kennzahlen]
kind = "kennzahlen_48a"
url = "{server.url('/sgb2/bombe.zip')}"
columns = {P.K48A_COLUMNS}
jobcenters = {P.K48A_JOBCENTERS}
max_unzipped_bytes = 100000
""")
    before = db.read_bytes()
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert r.status == "refused"
    assert str(r.problems[0]).endswith("entpackt größer als die Obergrenze (max_unzipped_bytes in kjc.toml)")
    assert db.read_bytes() == before


def test_ba_table_sub_rows_by_path(server, db, tmp_path, sleeps):
    server.static("/bids3/T", P.BA_NESTED, "text/csv")
    source = f"""
[sources.alo]
kind = "ba_table"
url = "{server.url('/bids3')}"
table = "T"
regions = {{ "06437" = "Odenwaldkreis" }}
indicators = {{ "Arbeitslose insgesamt > im Rechtskreis SGB II" = "ALO_SGB2", "Arbeitslosenquote insgesamt > im Rechtskreis SGB II" = "ALQ_SGB2" }}
"""
    [r] = fetch_all(write_config(tmp_path, db, source), sleep=sleeps, today=TODAY).results
    assert (r.status, r.rows) == ("fetched", 4), r
    assert value(db, "JC-06437", "ALO_SGB2", "2025-01-01") == 1500
    assert value(db, "JC-06437", "ALQ_SGB2", "2024-12-01") == 2.8

    ambiguous = source.replace('"Arbeitslose insgesamt > im Rechtskreis SGB II" = "ALO_SGB2", '
                               '"Arbeitslosenquote insgesamt > im Rechtskreis SGB II" = "ALQ_SGB2"',
                               '"im Rechtskreis SGB II" = "ALO_SGB2"')
    before = db.read_bytes()
    [r] = fetch_all(write_config(tmp_path, db, ambiguous), sleep=sleeps, today=TODAY).results
    assert r.status == "refused"
    assert "Zeile 7, Spalte 'Berichtsmonat', Wert 'im Rechtskreis SGB II': Zeile kommt mehrfach vor " \
           "(schon in Zeile 5)" in str(r.problems[0])
    assert db.read_bytes() == before


def test_unchanged_source_reloads_from_cache_into_a_new_database(server, db, master_db, tmp_path, sleeps):
    """304 Not Modified, but the database was rebuilt meanwhile: the cached body is loaded again."""
    server.static("/files/cached.csv", P.file_csv(), "text/csv", etag='"c1"')
    cfg = write_config(tmp_path, db, f"""
[sources.verband]
kind = "file"
url = "{server.url('/files/cached.csv')}"
table = "indicators"
columns = {P.FILE_MAPPING}
""")
    assert fetch_all(cfg, sleep=sleeps, today=TODAY).results[0].status == "fetched"
    db.write_bytes(master_db.read_bytes())             # a fresh database without the fetched rows
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert (r.status, r.rows, r.unchanged_requests) == ("fetched", 3, 1)
    assert server.seen_headers[-1]["if-none-match"] == '"c1"'
    assert value(db, "JC-06437", "BG", "2025-01-01") == 1234


def test_jobsuche_into_a_database_built_before_postings_existed(server, db, tmp_path, sleeps, monkeypatch):
    """An older database without `postings` still reads (Übersicht, table counts), and the next
    load adds the table (CREATE TABLE IF NOT EXISTS)."""
    from kjc_tui.read import overview as overview_queries
    from kjc_tui.read import queries

    con = duckdb.connect(str(db))
    con.execute("DROP TABLE postings")
    con.close()
    store = Store(db)
    try:
        assert overview_queries.overview(store, TODAY)["provenance"]["n_sources"] > 0
        assert "postings" not in [t["table"] for t in queries.table_counts(store)]
    finally:
        store.close()
    server.routes["/js-old/pc/v4/jobs"] = _jobsuche_route("stellenangebote", P.v4_item, True, "k")
    monkeypatch.setenv("KJC_JOBSUCHE_API_KEY", "k")
    cfg = write_config(tmp_path, db, jobsuche_source(server.url('/js-old'), "page_size = 2"))
    [r] = fetch_all(cfg, sleep=sleeps, today=TODAY).results
    assert (r.status, r.rows) == ("fetched", 1 + 3), r
    assert rows(db, "SELECT count(*) AS n FROM postings") == [{"n": 3}]


def test_the_release_note_names_the_month_in_the_language() -> None:
    """The § 48a release found is noted as data: "Veröffentlichung Dezember 2025" / "release December 2025"."""
    from kjc_tui.ingest.problem import Note, note_text
    from kjc_tui.sources.kinds.kennzahlen import _month

    note = Note("note.release", {"release": _month(dt.date(2025, 12, 1))})
    assert note_text(note, "de") == "Veröffentlichung Dezember 2025"
    assert note_text(note, "en") == "release December 2025"
