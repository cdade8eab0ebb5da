"""Issue 12 on screen: the newest release and what changed, Tabellen in German, the Jobcenter screen's
start, the period picker (F4), and a walk at the minimum size with no word broken mid-word."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from chart_fixtures import screen_text
from helpers import make_app, settle, static_text, table_text
from textual.widgets import ContentSwitcher, OptionList

import releases
from kjc_tui.ui.i18n import STRINGS
from kjc_tui.ui.widgets.figures import FigureTable
from kjc_tui.ui.widgets.period_picker import PeriodPicker
from kjc_tui.ui.messages import ShowDistrict, ShowTable


@pytest.fixture(scope="module")
def release_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return releases.build(tmp_path_factory.mktemp("releases-ui"))


async def test_overview_leads_with_the_release_its_changes_movers_and_the_correction(release_db, user_config):
    app = make_app(user_config, release_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert static_text(app.query_one("#ov-release-title")) == \
            "Neueste Veröffentlichung § 48a SGB II: 10/2025 (Stand 12.11.2025)"
        release = table_text(app.query_one("#ov-release", FigureTable))
        assert "K2 Integrationsquote | KJC | 23,0 % | +0,3 Pp. | +1,0 Pp. | 4 von 4" in release
        assert " | gE | 19,3 % | −0,1 Pp. | +0,3 Pp. | 2 von 2" in release
        movers = table_text(app.query_one("#ov-movers", FigureTable))
        assert "K2 ↑ | Main-Kinzig-Kreis +1,2 Pp., Odenwaldkreis +0,3 Pp., Darmstadt +0,1 Pp." in movers
        assert "K2 ↓ | Vogelsbergkreis −0,3 Pp., Frankfurt am Main −0,3 Pp." in movers
        assert static_text(app.query_one("#ov-since")) == "Neu seit 12.11.2025: 18 neue Werte, 1 korrigiert"
        revised = app.query_one("#ov-revised", FigureTable)
        assert table_text(revised) == "K2 | Odenwaldkreis | 09/2025 | 24,1 % → 24,3 % | korrigiert"
        revised.focus()
        await pilot.press("s")
        await settle(pilot)
        assert "vorher 24,1 % (Stand 15.10.2025)" in app.screen.provenance.note


async def test_headline_figures_say_their_period_and_coverage(release_db, user_config):
    app = make_app(user_config, release_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        headline = table_text(app.query_one("#ov-headline", FigureTable))
        assert "Integrationsquote | Ø 23,0 % | 10/2025 | 4 von 4 | 12.11.2025" in headline


async def test_a_whole_district_figure_is_not_summed_as_the_jobcenters(embedded_db, user_config, tmp_path):
    """Arbeitslose SGB II + III belong to the whole Kreis (Agentur für Arbeit and jobcenter): the KJC headline
    says so at the sum, and the source panel names whose figure it is."""
    import shutil

    from kjc_tui.db.snapshot import load

    db = tmp_path / "kjc.duckdb"
    shutil.copyfile(embedded_db, db)
    alo = tmp_path / "alo.csv"
    alo.write_text("Jobcenter-ID;Zeitraum;Zeitraumart;Kennzahl;Wert;Quelle;Stand\n"
                   "JC-06437;Dezember 2025;month;ALO;2000;https://x.example/alo;05.01.2026\n"
                   "JC-06437;Dezember 2025;month;ALO_SGB2;1200;https://x.example/alo;05.01.2026\n"
                   "JC-06431;Dezember 2025;month;ALO_SGB2;3000;https://x.example/alo;05.01.2026\n", encoding="utf-8")
    from fixtures.publishers import DESTATIS_COPY

    load(db, [alo, DESTATIS_COPY])
    app = make_app(user_config, db)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        table = app.query_one("#ov-headline", FigureTable)
        lines = table_text(table).splitlines()
        # Neue Wege's 6.821 (Kreis Bergstraße) and the Odenwald's 2.000: the Kreise's unemployed, not the KJC's
        assert "Arbeitslose SGB II und III (ganze Kreise) | Σ 8.821 | 12/2025 | 2 von 16" in lines
        # the jobcenters' own sphere is summed as theirs
        assert "Arbeitslose im Rechtskreis SGB II | Σ 4.200 | 12/2025 | 2 von 16" in lines
        # the area of the 16 districts adds up (Destatis, Gebietsstand 31.12.2018), like their population
        assert "Fläche (ganze Kreise) | Σ 12.238,94 km² | 31.12.2018 | 16 von 16" in lines
        table.focus()
        table.cursor_row = lines.index("Arbeitslose SGB II und III (ganze Kreise) | Σ 8.821 | 12/2025 | 2 von 16")
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.provenance.basis == ("2 von 16 Kreise der KJC; Zahl des ganzen Kreises, nicht des "
                                               "Jobcenters allein")
    # at 80×24 the value column widens for the sum and its unit: "Σ 12.238,94 km²", never "Σ 12.238,94 …"
    app = make_app(user_config, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
    assert "Σ 12.238,94 km²" in shown and "12.238,94 …" not in shown, shown


async def test_f4_picks_the_period_of_every_aggregate(release_db, user_config):
    app = make_app(user_config, release_db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, PeriodPicker)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0].startswith("Automatisch") and labels[1].startswith("10/2025  (3 Kennzahlen")
        options.highlighted = next(i for i, s in enumerate(labels) if s.startswith("09/2025"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.period == date(2025, 9, 1)
        headline = table_text(app.query_one("#ov-headline", FigureTable))
        # 09/2025 with the corrected Odenwald value: (24,3 + 25,5 + 21,4 + 19,5) / 4 = 22,675 → 22,7
        assert "Integrationsquote | Ø 22,7 % | 09/2025 | 4 von 4" in headline
        await pilot.press("5")
        await settle(pilot)
        comp = app.query_one("#view-compare").comparison
        k2 = next(r for r in comp.rows if r.indicator.code == "K2")
        assert k2.period == date(2025, 9, 1) and k2.hessen == 21.6  # (24,3+25,5+21,4+19,5+18,4+20,3)/6 = 21,57


async def test_tabellen_on_events_speaks_german(ui_db, user_config):
    """At 80×24: German headers, jobcenter names, a year-only date as the year; T shows the technical rest."""
    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowTable("events", []))
        await settle(pilot)
        view = app.query_one("#view-tables")
        grid = view.grid
        screen = "\n".join(grid.render_line(y).text for y in range(grid.scrollable_content_region.height))
        header = screen.splitlines()[0]
        assert [h.strip() for h in header.split("│")][:3] == ["Datum", "Jobcenter", "Titel"]
        assert "event_id" not in screen and "source" not in header and "Quelle" not in header
        assert "KJC Odenwald" in screen and "JC-06437" not in screen
        assert "KVA Vogelsberg" in screen
        await pilot.press("T")
        await settle(pilot)
        technical = grid.render_line(1).text
        assert "date" in technical and "jobcenter_id" in technical


async def test_tabellen_shows_a_year_only_date_as_the_year(embedded_db, user_config):
    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ShowTable("events", [("title", "=", "20 Jahre Neue Wege")]))
        await settle(pilot)
        grid = app.query_one("#view-tables").grid
        row = grid.render_line(2).text
        assert row.split("│")[0].strip() == "2025" and "Neue Wege" in row


async def test_jobcenter_opens_on_the_first_kjc_and_a_ge_has_no_option_since(ui_db, user_config):
    app = make_app(user_config, ui_db, screen="jobcenter")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert app.current_ags == "06435"  # Frankfurt am Main (gE) is first in the list: Main-Kinzig (KJC) is shown
        app.post_message(ShowDistrict("06437"))
        await settle(pilot)
        assert "Optionskommune seit | 2005" in table_text(app.query_one("#jc-master", FigureTable))
        app.post_message(ShowDistrict("06412"))
        await settle(pilot)
        assert "Optionskommune" not in table_text(app.query_one("#jc-master", FigureTable))
        # empty sections are one line: the heading says so, the table is gone
        assert static_text(app.query_one("#jc-title-staffing")) == "Personal: keine Angaben"
        assert not app.query_one("#jc-staffing").display


async def test_s_reveals_the_row_it_opens(embedded_db, user_config):
    app = make_app(user_config, embedded_db, district="06437")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one("#jc-facts", FigureTable)
        table.focus()
        await pilot.press("end")
        scroll = app.query_one("#jc-profile")
        scroll.scroll_home(animate=False, immediate=True)  # the cursor row scrolled out of sight
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        row_y = table.region.y + 1 + table._wrap(table.size.width)[2][table.cursor_row]
        assert scroll.region.y <= row_y < scroll.region.bottom


# -- the walk at the minimum size ------------------------------------------------------------------

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def _vocabulary(db: Path) -> set[str]:
    """Every word of the UI strings and of the data's text: a token on screen outside it is a piece
    of a word broken in the middle."""
    import duckdb

    words: set[str] = set()
    for de, en in STRINGS.values():
        words.update(WORD.findall(de + " " + en))
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, column in con.execute(
                "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' "
                "AND NOT internal").fetchall():
            for (text,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall():
                if text:
                    words.update(WORD.findall(text))
        from kjc_tui.core.schema import TABLES
        from kjc_tui.ui import keys

        for t in TABLES.values():
            words.update(WORD.findall(t.label_de + " " + t.label_en))
            for c in t.columns:
                words.update(WORD.findall(f"{c.label_de} {c.label_en} {c.name.replace('_', ' ')}"))
        for k in keys.KEYS:
            words.update(WORD.findall(f"{k.de} {k.en} {k.keys}"))
        from kjc_tui.read.compare import SHORT_NAMES  # the map's and the charts' short names

        for name in SHORT_NAMES.values():
            words.update(WORD.findall(name))
    finally:
        con.close()
    return words


def broken_words(screen: str, vocabulary: set[str]) -> list[str]:
    """Tokens on the screen that are no word: the pieces of a word broken in the middle. A token
    cut with "…" is a truncation, not a break, and is left out."""
    out = []
    for line in screen.splitlines():
        for m in WORD.finditer(line):
            token = m.group()
            if line[m.end():m.end() + 1] == "…" or len(token) == 1:
                continue
            if token not in vocabulary and token.lower() not in {w.lower() for w in vocabulary}:
                out.append(token)
    return out


def test_broken_words_are_found():
    vocabulary = {"Kommunales", "Jobcenter", "Hochtaunuskreis"}
    assert broken_words("Kommunal\nes Jobcente\nr", vocabulary) == ["Kommunal", "es", "Jobcente"]
    assert broken_words("Kommunales Jobcenter Hochtaun…", vocabulary) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["de", "en"])
async def test_walk_at_60x16_breaks_no_word(embedded_db, user_config, lang):
    vocabulary = _vocabulary(embedded_db) | {"Lkr", "Pp"}  # the list abbreviates Landkreis
    app = make_app(user_config, embedded_db)
    found: dict[str, list[str]] = {}

    async def look(where: str) -> None:
        await settle(pilot)
        bad = broken_words(screen_text(app), vocabulary)
        if bad:
            found[where] = bad

    async with app.run_test(size=(60, 16)) as pilot:
        if lang == "en":
            await settle(pilot)
            await pilot.press("f2")
        await look("Übersicht")
        for _ in range(6):
            await pilot.press("pagedown")
            await look("Übersicht, weiter unten")
        await pilot.press("2")
        await look("Jobcenter")
        for ags in ("06437", "06411", "06535"):
            app.post_message(ShowDistrict(ags))
            await look(f"Jobcenter {ags}")
            await pilot.press("ctrl+right")
            for _ in range(4):
                await pilot.press("pagedown")
                await look(f"Profil {ags}")
        await pilot.press("3")
        app.post_message(ShowTable("events", []))
        await look("Tabellen: Veranstaltungen")
        await pilot.press("4")
        await look("Diagramme")
        await pilot.press("5")
        await look("Vergleich")
        assert app.query_one("#views", ContentSwitcher).current == "view-compare"
    assert found == {}, found


@pytest.fixture(scope="module")
def nationwide_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kjc_tui.db.snapshot import build_synthetic

    db = tmp_path_factory.mktemp("nationwide") / "synthetic.duckdb"
    build_synthetic(db, scale=0.1, seed=2)   # 41 jobcenters: the 26 Hessian, 15 in other Länder
    return db


async def test_the_district_list_is_hessen_and_peers_stay_in_comparisons(nationwide_db, user_config):
    """The synthetic nationwide data has districts in other Länder: the Jobcenter list counts and shows the
    26 Hessian ones, as the Übersicht does; their jobcenters are peers, as the nationwide § 48a file's are:
    members of a Vergleich (marked "außerhalb Hessens") and candidates among the nearest neighbours."""
    from kjc_tui.db.store import Store
    from kjc_tui.read import compare as cmp
    from kjc_tui.ui.messages import ShowCompare
    from kjc_tui.ui.views.compare import CompareView
    from kjc_tui.ui.words import member_label

    store = Store(nationwide_db)
    try:
        peers = cmp.peer_jobcenters(store)
        near = cmp.nearest_neighbours(store, "06437", k=40)
    finally:
        store.close()
    assert len(peers) == 15 and all(p.peer and not p.ags.startswith("06") for p in peers)
    assert {n.ags for n in near} & {p.ags for p in peers}
    app = make_app(user_config, nationwide_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert "Kreise (26)" in screen_text(app)
        names = [str(o.prompt) for o in app.query_one("#jc-list", OptionList)._options]
        assert len(names) == 26 and not any("Synthetisch" in n for n in names)
        app.post_message(ShowCompare(["06437", peers[0].ags]))
        await settle(pilot)
        comp = app.query_one(CompareView).comparison
        assert comp.members[1].peer and not comp.unknown
        k2 = next(r for r in comp.rows if r.indicator.code == "K2")
        assert k2.cells[1].value is not None
        assert member_label(comp.members[1]).endswith("(außerhalb Hessens)")
        # its column at 80 columns: the end of its name, which tells the synthetic peers apart ("…Kreis 01-001")
        label = [str(c.label) for c in app.query_one(CompareView).query_one("#cmp-table").columns.values()][2]
        assert label.startswith("…") and peers[0].name.endswith(label[1:]) and len(label) > 10
