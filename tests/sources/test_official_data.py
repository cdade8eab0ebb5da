"""Official data from day one: a fresh install (no kjc.toml) fetches the built-in sources from local servers
that serve each in the publisher's layout (the base addresses set by the environment, never the real hosts),
and Diagramme, Vergleich (a Vergleichstyp group, "Rang n von m"), nearest neighbours and the map show the
values – with the jobcenters outside Hessen as peers that count in no Hessian list, count or average."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # tests/ for fixtures.publishers

from source_server import Reply  # noqa: E402
from fixtures import publishers as pub  # noqa: E402
from kjc_tui.cli.main import EXIT_OK, main  # noqa: E402
from kjc_tui.core import config  # noqa: E402
from kjc_tui.sources import run  # noqa: E402
from kjc_tui.core.builtin_sources import ENV_PREFIX  # noqa: E402
from kjc_tui.sources.kinds.kennzahlen import MONTHS_DE, months_back  # noqa: E402
from kjc_tui.ui.messages import ShowCompare

pytestmark = pytest.mark.slow  # the fetch fixtures take seconds

CODES = ("K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4", "K3", "K3E1", "K3E2",
         "K3E3", "K3E4")
HESSEN = {  # the 26 districts of the embedded data: key in the § 48a file, name, Vergleichstyp, Trägertyp
    "06411": "Darmstadt", "06412": "Frankfurt am Main", "06413": "Offenbach am Main", "06414": "Wiesbaden",
    "06431": "Kreis Bergstraße", "06432": "Landkreis Darmstadt-Dieburg", "06433": "Kreis Groß-Gerau",
    "06434": "Hochtaunuskreis", "06435": "Main-Kinzig-Kreis", "06436": "Main-Taunus-Kreis",
    "06437": "Odenwaldkreis", "06438": "Landkreis Offenbach", "06439": "Rheingau-Taunus-Kreis",
    "06440": "Wetteraukreis", "06531": "Landkreis Gießen", "06532": "Lahn-Dill-Kreis",
    "06533": "Landkreis Limburg-Weilburg", "06534": "Landkreis Marburg-Biedenkopf", "06535": "Vogelsbergkreis",
    "06611": "Kassel", "06631": "Landkreis Fulda", "06632": "Landkreis Hersfeld-Rotenburg",
    "06633": "Landkreis Kassel", "06634": "Schwalm-Eder-Kreis", "06635": "Landkreis Waldeck-Frankenberg",
    "06636": "Werra-Meißner-Kreis",
}
TYPES = ("IIIb", "IId", "IIa")
#: peers outside Hessen: key, name, Vergleichstyp; "09999" has every value of the Odenwaldkreis (its twin)
PEERS = [(f"0{k}", f"Jobcenter Vergleichskreis {k}", TYPES[k % 3]) for k in range(9100, 9118)]
PEERS.append(("09999", "Jobcenter Zwilling", "IId"))   # the Odenwaldkreis' type (index 10)
HEADER = (*pub.K48A_HEADER[:3], "Trägertyp", *pub.K48A_HEADER[3:])


def _type(i: int) -> str:
    return TYPES[i % 3]


def _value(code: str, i: int, shift: float = 0.0) -> str:
    """A plausible value per code and jobcenter (percent changes may be negative), German spelling."""
    base = {"K1": -2.0, "K1E1": 1.5, "K1E2": -1.0, "K3": -3.0}.get(code, 10.0 + CODES.index(code))
    return f"{base + (i % 13) * 0.7 + shift:.2f}".replace(".", ",")


def k48a_rows() -> list[tuple[str, ...]]:
    rows = []
    for i, (key, name) in enumerate(HESSEN.items()):
        model = "gE" if key in ("06411", "06412", "06611", "06531", "06533", "06440", "06633", "06634", "06635",
                                "06636") else "zkT"
        rows += [(key, name, _type(i), model, "2025-01", code, "Insgesamt", _value(code, i), "", "") for code in CODES]
    odenwald = list(HESSEN).index("06437")
    for n, (key, name, vt) in enumerate(PEERS):
        i, shift = (odenwald, 0.0) if key == "09999" else (n, 0.35)   # the others fall between the districts
        rows += [(key, name, vt, "gE", "2025-01", code, "Insgesamt", _value(code, i, shift), "", "")
                 for code in CODES]
    return rows


def ba_table(region: str) -> bytes:
    i = sorted(HESSEN.values()).index(region)
    figures = {
        "Erwerbsfähige Leistungsberechtigte": tuple(f"{4000 + 250 * i + d:,}".replace(",", ".") for d in (30, 10, 0)),
        "Bedarfsgemeinschaften": tuple(f"{3000 + 180 * i + d:,}".replace(",", ".") for d in (20, 10, 0)),
        "Arbeitslose insgesamt": tuple(f"{2000 + 120 * i + d:,}".replace(",", ".") for d in (15, 5, 0)),
        "  im Rechtskreis SGB II": tuple(f"{1400 + 90 * i + d:,}".replace(",", ".") for d in (9, 3, 0)),
        "Arbeitslosenquote (bezogen auf alle zivilen Erwerbspersonen)":
            tuple(f"{3.0 + 0.2 * i + d:.1f}".replace(".", ",") for d in (0.2, 0.1, 0.0)),
    }
    return pub.ba_table_csv(region, encoding="utf-8-sig", figures=figures)


def destatis_rows() -> tuple[tuple, ...]:
    rows: list[tuple] = [("06", "Hessen"), ("064", "Reg.-Bez. Darmstadt")]
    for i, (key, name) in enumerate(HESSEN.items()):
        if key == "06531":
            rows.append(("065", "Reg.-Bez. Gießen"))
        if key == "06611":
            rows.append(("066", "Reg.-Bez. Kassel"))
        kind = "Kreisfreie Stadt" if key in ("06411", "06412", "06413", "06414", "06611") else "Landkreis"
        people = 90000 + 17000 * i
        rows.append((key, kind, name, f"DE7{i:02d}", 500.0 + i, people, people // 2, people - people // 2, 180))
    rows += [(None, None, "Insgesamt", None, 21115.0, 6288080, 3100000, 3188080, 298),
             ("09", "Bayern"), ("091", "Reg.-Bez. Oberbayern"),
             ("09162", "Kreisfreie Stadt", "München, Landeshauptstadt", "DE212", 310.7, 1471508, 717677, 753831,
              4736)]
    return tuple(rows)


@pytest.fixture()
def publishers(server, monkeypatch: pytest.MonkeyPatch):
    """The local stand-ins of sgb2.info, the BA statistics API and Destatis, as the built-in bases."""
    release = months_back(date.today(), 3)[-1]      # two releases back: the newest is found by trying back
    zip_path = ("/SharedDocs/Downloads/DE/Kennzahlen/"
                + quote(f"Kennzahlen-System-A-{MONTHS_DE[release.month - 1]}-{release.year}-CSV.zip"))
    body = pub.zip_of({"Liesmich.txt": b"Kennzahlen nach 48a SGB II\r\n",
                       "dl_48a_daten_statistikba_2025_01.csv": pub.k48a_csv(tuple(k48a_rows()), header=HEADER)})
    server.static(zip_path, body, "application/zip")
    server.static("/", "<html><body>Startseite</body></html>".encode(), "text/html")   # the host's start page
    def bids(query: dict, headers: dict) -> Reply:
        region = query.get("Kreis", [""])[0]
        if not region:
            return Reply(400, b"Region fehlt")
        if region not in HESSEN.values():
            return Reply(404, b"unbekannte Region")
        return Reply(200, ba_table(region), {"Content-Type": "text/csv; charset=utf-8"})
    server.routes["/bifrontend/bids-api/ct/v1/tableFetch/csv/EckwerteZeitreiheGrusi"] = bids
    server.static("/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/Administrativ/04-kreise.xlsx",
                  pub.destatis_kreise_xlsx(destatis_rows()),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    for base in ("SGB2", "BA_STATISTIK", "DESTATIS"):
        monkeypatch.setenv(ENV_PREFIX + base, server.url(""))
    monkeypatch.delenv("KJC_JOBSUCHE_API_KEY", raising=False)
    waits: list[float] = []
    monkeypatch.setattr(run, "wait", waits.append)   # the BA throttle (1 s per district) without waiting
    return release, waits


@pytest.fixture()
def fetched(publishers, capsys) -> Path:
    """`kjc-tui fetch` on a fresh install: no kjc.toml, the database built on first use."""
    assert config.find_config() is None
    assert main(["fetch"]) == EXIT_OK, capsys.readouterr()
    out = capsys.readouterr().out
    release, waits = publishers
    assert f"Hinweis: Veröffentlichung {MONTHS_DE[release.month - 1]} {release.year}" in out
    assert "Hinweis: 19 Vergleichs-Jobcenter außerhalb Hessens" in out
    assert "stellen: übersprungen – kein API-Schlüssel konfiguriert" in out
    assert "Zusammenfassung: 3 geladen, 0 unverändert, 0 fehlgeschlagen" in out
    assert waits == [1.0] * 25                        # one pause between two districts
    return config.load().database_path


async def settle(pilot) -> None:
    """Until the workers are done; one replaced by a newer one of its group is cancelled, not failed."""
    from textual.worker import WorkerCancelled

    for _ in range(6):
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
    await pilot.pause()


def _rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_fetch_fills_the_indicators_peers_series_and_population(fetched: Path) -> None:
    db = fetched
    # K1 … K3E4 for every jobcenter of the file: the 26 districts' and the 19 peers'
    per_jc = _rows(db, f"SELECT jobcenter_id, count(DISTINCT indicator) FROM indicators "
                       f"WHERE indicator IN {CODES} AND period = DATE '2025-01-01' GROUP BY ALL")
    assert len(per_jc) == 26 + 19 and {n for _, n in per_jc} == {15}
    assert {jc for jc, _ in per_jc} >= {f"JC-{k}" for k in HESSEN}
    # the peers: no district, marked, with name, model and Vergleichstyp as the file gives them
    peers = _rows(db, "SELECT jobcenter_id, name, model, peer_type, peer FROM jobcenters WHERE ags IS NULL "
                      "ORDER BY 1")
    assert len(peers) == 19 and all(p[4] is True for p in peers)
    assert peers[-1] == ("JC-09999", "Jobcenter Zwilling", "gE", "IId", True)
    # the districts' jobcenters keep their rows and take the file's Vergleichstyp
    assert _rows(db, "SELECT peer_type, model, name FROM jobcenters WHERE jobcenter_id = 'JC-06437'") == [
        ("IId", "zkT", _rows(db, "SELECT name FROM jobcenters WHERE jobcenter_id = 'JC-06437'")[0][0])]
    # the BA monthly series for the 26 districts
    ba = _rows(db, "SELECT indicator, count(DISTINCT jobcenter_id), count(DISTINCT period) FROM indicators "
                   "WHERE indicator IN ('ELB', 'BG', 'ALO', 'ALO_SGB2', 'ALQ') AND source LIKE 'http://127.0.0.1:%' "
                   "GROUP BY ALL ORDER BY 1")
    assert ba == [("ALO", 26, 3), ("ALO_SGB2", 26, 3), ("ALQ", 26, 3), ("BG", 26, 3), ("ELB", 26, 3)]
    assert _rows(db, "SELECT value FROM indicators WHERE jobcenter_id = 'JC-06437' AND indicator = 'ELB' "
                     "AND period = DATE '2025-01-01'") == [(4000 + 250 * sorted(HESSEN.values()).index(
                         "Odenwaldkreis") + 30,)]
    # the population of the 26 districts (München has no jobcenter here: left out)
    ew = _rows(db, "SELECT count(DISTINCT jobcenter_id), min(period) FROM indicators "
                   "WHERE indicator = 'EW' AND sex = 'all' AND source LIKE 'http://127.0.0.1:%'")
    assert ew == [(26, date(2018, 12, 31))]
    # and their area in km², from the same file
    fl = _rows(db, "SELECT count(DISTINCT jobcenter_id), min(value), max(value) FROM indicators "
                   "WHERE indicator = 'FL' AND source LIKE 'http://127.0.0.1:%'")
    assert fl == [(26, 500.0, 525.0)]


def test_peers_count_in_no_hessian_list_count_or_average(fetched: Path) -> None:
    from kjc_tui.db.store import Store
    from kjc_tui.read import compare as cmp
    from kjc_tui.read import catalogue, overview

    store = Store(fetched)
    try:
        assert len(catalogue.districts(store)) == 26
        assert overview.model_counts(store) == {"districts": 26, "kjc": 16, "ge": 10}
        assert len(cmp.hessen_districts(store)) == 26 and len(cmp.peer_jobcenters(store)) == 19
        comp = cmp.comparison(store, ["06437", cmp.GROUP_HESSEN, "type:IId"])
        k2 = next(r for r in comp.rows if r.indicator.code == "K2")
        hessen_values = [10.0 + CODES.index("K2") + (i % 13) * 0.7 for i in range(26)]
        assert k2.hessen == pytest.approx(sum(hessen_values) / 26, abs=0.05)
        odenwald, group, type_group = k2.cells
        assert group.n_total == 26 and type_group.n_total == 9          # the Hessian districts of type IId
        # the rank within the Vergleichstyp counts the peers: 9 Hessian districts and 7 peers of type IId
        assert (odenwald.rank_type_of, odenwald.rank_hessen_of) == (16, 26)
        twin = cmp.nearest_neighbours(store, "06437", k=3)
        assert twin[0].ags == "JC-09999" and twin[0].distance == pytest.approx(0.0)
        # the Steckbrief ranks in the Vergleichstyp with the peers, in Hessen without them
        from kjc_tui.read.reports.factsheet import build_factsheet

        k2_fig = next(f for f in build_factsheet(store, "06437").figures if f.indicator.code == "K2")
        assert (k2_fig.of_type, k2_fig.of_hessen) == (16, 26)
    finally:
        store.close()


async def test_dashboard_shows_the_fetched_figures(fetched: Path, tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))
    from chart_fixtures import screen_text
    from kjc_tui.ui.app import KjcApp
    from kjc_tui.ui.views.charts import ChartsView
    from kjc_tui.ui.views.compare import CompareView
    from kjc_tui.ui.widgets.charts import BarChart
    from kjc_tui.ui.widgets.tile_map import DistrictMap, TileMap
    from kjc_tui.ui.words import member_label

    cfg = config.load()
    app = KjcApp(cfg, db_path=fetched, screen="charts", watch_interval=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.query_one(ChartsView).query_one(BarChart)
        assert len(bar.data.items) == 26 and "alle Kreise" in screen_text(app)        # every district
        app.post_message(ShowCompare(["06437", "type:IId"]))
        await settle(pilot)
        view = app.query_one(CompareView)
        assert [member_label(m) for m in view.comparison.members] == ["Odenwaldkreis", "Typ IId-Ø (9)"]
        text = screen_text(app)
        # K1 (lower is better) +5,0 %: 13th of the 16 jobcenters of type IId (9 Hessian, 7 peers; tied with its twin)
        assert "+2,8 Pp. · Rang 2/2 · Typ 13/16" in text                                # narrow: short form
        assert "Odenwald: Rang 13 von 16 im Vergleichstyp IId" in text                  # the highlighted row
        await pilot.press("n")
        await settle(pilot)
        assert view.members[:2] == ["06437", "JC-09999"]                                # the real peer
        assert "Jobcenter Zwilling (außerhalb Hessens) 0,00" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        tiles = app.query_one(DistrictMap).query_one(TileMap)
        assert len(tiles.data.values) == 26                                             # a colour per district


async def test_first_start_offers_the_fetch_and_the_overview_fills_in_place(publishers, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """No official indicators yet: the Übersicht says so in one line and offers F5; F5 fetches with a line of
    progress per source; then the Übersicht shows the release (Berichtsmonat) and when it was fetched."""
    from textual.widgets import Static

    from kjc_tui.db.snapshot import ensure_database
    from kjc_tui.ui import fetching
    from kjc_tui.ui.app import KjcApp
    from kjc_tui.ui.widgets.tile_map import DistrictMap, TileMap

    seen: list[list[str]] = []
    show = fetching.FetchProgress.show

    def recording(panel, name: str, step: str, fraction: float) -> None:
        show(panel, name, step, fraction)
        seen.append(panel.source_text())
    monkeypatch.setattr(fetching.FetchProgress, "show", recording)

    cfg = config.load()
    app = KjcApp(cfg, db_path=ensure_database(cfg), watch_interval=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        title = app.query_one("#ov-release-title", Static)
        assert str(title.render()) == "Noch keine amtlichen Kennzahlen – F5 ruft sie ab (4 Quellen)"
        await pilot.press("f5")
        await settle(pilot)
        # one line per source, each with its own step while it ran
        assert all(len(lines) == 4 for lines in seen)
        assert any(lines[1].startswith("ba-grundsicherung") and "Odenwaldkreis" in lines[1] for lines in seen)
        assert any(lines[0].startswith("kennzahlen-48a") and "suche Veröffentlichung" in lines[0] for lines in seen)
        assert any(lines[0].startswith("kennzahlen-48a") and lines[0].endswith("100 %  fertig") for lines in seen)
        assert seen[-1][3].startswith("stellen") and seen[-1][3].endswith("übersprungen (kein API-Schlüssel)")
        assert not app.query("FetchProgress")
        text = str(app.query_one("#ov-release-title", Static).render())
        assert text.startswith("Neueste Veröffentlichung § 48a SGB II: 01/2025 (Stand ") and " · abgerufen " in text
        tiles = app.query_one(DistrictMap).query_one(TileMap)
        assert len(tiles.data.values) == 26


@pytest.mark.parametrize("row,reason", [
    ("JC-77777,Ohne Kreis,,zkT,,,,,,,,,https://x.example,2025-01-01",
     "Zeile 2, Spalte 'ags': Kreisschlüssel fehlt (Pflichtfeld; leer nur bei einem Vergleichs-Jobcenter "
     "außerhalb Hessens: Spalte „Vergleichs-Jobcenter“ = ja)"),
    ("JC-77777,Peer mit Kreis,06437,gE,,,,,,,,ja,https://x.example,2025-01-01",
     "Zeile 2, Spalte 'ags', Wert '06437': ein Vergleichs-Jobcenter hat keinen Kreisschlüssel"),
])
def test_a_jobcenter_without_district_must_say_it_is_a_peer(tmp_path: Path, row: str, reason: str) -> None:
    """The marker and the empty Kreisschlüssel go together: a Hessian jobcenter cannot lose its district
    by a missing cell, and a peer cannot claim one; the database stays as it was."""
    from kjc_tui.db import snapshot
    from kjc_tui.ingest import Refused

    db = tmp_path / "kjc.duckdb"
    snapshot.build(db, snapshot.embedded_files())
    before = db.read_bytes()
    f = tmp_path / "jobcenter.csv"
    f.write_text("jobcenter_id,name,ags,model,option_since,legal_form,seat,website,peer_type,peer_type_as_of,note,"
                 "Vergleichs-Jobcenter,source,as_of\n" + row + "\n", encoding="utf-8")
    with pytest.raises(Refused) as e:
        snapshot.load(db, [f])
    assert any(reason in str(p) for p in e.value.problems), [str(p) for p in e.value.problems]
    assert db.read_bytes() == before


def test_doctor_probes_the_builtin_sources(publishers) -> None:
    from kjc_tui.cli import doctor

    report = doctor.Report()
    doctor.check_sources(report, config.load(), timeout=2.0, env={})
    got = {f.topic: f for f in report.findings}
    assert got["Quelle 'kennzahlen-48a'"].status == "ok"      # the host: the month's release may not exist yet
    assert got["Quelle 'ba-grundsicherung'"].status == "ok"   # 400 without a Kreis: the service is there
    assert got["Quelle 'einwohner'"].status == "ok"
    assert got["Quelle 'stellen'"].status == "info" and "kein API-Schlüssel konfiguriert" in got["Quelle 'stellen'"].text
