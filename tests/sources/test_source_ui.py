"""The dashboard's "Daten aktualisieren" (F5 / command palette): fetch in a worker, then reload."""

from __future__ import annotations

import datetime as dt

import payloads as P
from source_server import file_source, write_config
from kjc_tui.ui.app import KjcApp


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_f5_fetches_and_reloads(server, db, tmp_path):
    server.static("/ui/verband.csv", P.file_csv(), "text/csv")
    server.static("/ui/kaputt.csv", P.file_csv(bad_value="elf"), "text/csv")
    cfg = write_config(tmp_path, db, file_source(server.url('/ui/verband.csv'))
                       + file_source(server.url('/ui/kaputt.csv'), "kaputt"))
    app = KjcApp(cfg, db_path=db, today=dt.date(2025, 3, 1))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        first = app.store
        assert first is not None and first.scalar("SELECT count(*) FROM indicators") == 0
        await pilot.press("f5")
        await _settle(pilot)
        assert app.store is not first
        assert app.store.scalar("SELECT count(*) FROM indicators") == 3
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("1 geladen, 0 unverändert, 1 fehlgeschlagen, 3 Zeilen\nkaputt: kaputt <")
                   and "Wert 'elf'" in m for m in messages), messages
        assert not app.query("FetchProgress")


async def test_without_sources_says_how(db, tmp_path):
    cfg = write_config(tmp_path, db, "")
    app = KjcApp(cfg, db_path=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        app.action_fetch_sources()
        await pilot.pause()
        assert any("Keine Quellen konfiguriert" in n.message for n in app._notifications)


async def test_overview_shows_each_sources_last_fetch(server, db, tmp_path):
    """Übersicht, section "Abrufe": one line per source with kind, last success, rows and the last try;
    after an unchanged F5 (no new snapshot) the section still shows the new check."""
    from kjc_tui.sources.run import fetch_all
    from kjc_tui.sources.status import source_status
    from kjc_tui.db.store import Store

    server.static("/ui/ov-gut.csv", P.file_csv(), "text/csv", etag='"ov1"')
    server.static("/ui/ov-kaputt.csv", P.file_csv(bad_value="elf"), "text/csv")
    cfg = write_config(tmp_path, db, file_source(server.url('/ui/ov-gut.csv'), "gut")
                       + file_source(server.url('/ui/ov-kaputt.csv'), "kaputt")
                       + file_source(server.url('/ui/ov-neu.csv'), "neu", "enabled = false"))
    fetch_all(cfg, ["gut", "kaputt"])
    app = KjcApp(cfg, db_path=db, today=dt.date(2025, 3, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        table = app.query_one("#ov-fetches")
        lines = [[c.plain for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [line[0] for line in lines] == ["gut", "kaputt", "neu"]
        gut, kaputt, neu = lines
        assert gut[1:2] == ["file"] and gut[3:] == ["3", "geladen"] and gut[2] != "nie"
        assert kaputt[2:] == ["nie", "", "fehlgeschlagen"]
        assert neu[2:] == ["nie", "", "aus"]
        assert table.size.width <= 80 and table.size.height == 1 + 3   # header and one line per source

        await pilot.press("f5")                     # gut unchanged, kaputt fails again: no new snapshot
        await _settle(pilot)
        lines = [[c.plain for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert lines[0][3:] == ["3", "unverändert"]
        [state] = [s for s in source_status(cfg.sources, Store(db)) if s["source"] == "gut"]
        assert state["checked_at"] >= state["loaded_at"] and state["last_ok"] == state["checked_at"]


async def test_a_failed_fetch_is_said_in_english_in_the_english_dashboard(server, db, tmp_path, monkeypatch):
    """The errors come up as codes: the English dashboard words them in English, reason inside
    reason (HTTP status, a refused connection with its host), a refused file's problem too, never
    the German text; so are the steps the progress shows."""
    import socket

    from kjc_tui.ui import fetching
    from kjc_tui.ui.i18n import set_language

    seen: list[str] = []
    show = fetching.FetchProgress.show

    def recording(panel, name, step, fraction) -> None:
        show(panel, name, step, fraction)
        seen.extend(panel.source_text())
    monkeypatch.setattr(fetching.FetchProgress, "show", recording)

    with socket.socket() as s:   # a port nothing listens on: the connection is refused
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    server.static("/ui/gibt-es.csv", P.file_csv(), "text/csv")
    server.static("/ui/falsch.csv", P.file_csv(bad_value="12x"), "text/csv")
    cfg = write_config(tmp_path, db, file_source(server.url("/ui/fehlt.csv"), "fehlt")
                       + file_source(f"http://127.0.0.1:{closed}/x.csv", "zu")
                       + file_source(server.url("/ui/falsch.csv"), "falsch"),
                       http="retries = 1\nbackoff = 0\nthrottle = 0\ntimeout = 5\n")
    cfg.ui["language"] = "en"
    app = KjcApp(cfg, db_path=db, today=dt.date(2025, 3, 1))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(pilot)
            await pilot.press("f5")
            await _settle(pilot)
            [note] = [n for n in app._notifications if "failed" in n.message]
            said = note.message
            assert note.title == "Update with errors"
    finally:
        set_language("de")
    lines = said.splitlines()
    assert lines[0] == "0 fetched, 0 unchanged, 3 failed, 0 rows"
    assert lines[1] == f"fehlt: {server.url('/ui/fehlt.csv')}: HTTP 404 not found (check the URL)"
    assert lines[2] == (f"zu: http://127.0.0.1:{closed}/x.csv: Connection to 127.0.0.1:{closed} refused "
                        "(is the service running? Right port?)")
    # a refused file: the place and the reason in English, the file's own header as it is
    assert lines[3] == (f"falsch: falsch <{server.url('/ui/falsch.csv')}>, line 6, column 'Anzahl Fälle', "
                        "value '12x': Value is not a number")
    assert not any(w in said for w in ("nicht gefunden", "Verbindung", "abgelehnt", "Versuchen"))
    assert f"fetching {server.url('/ui/fehlt.csv')}" in " ".join(seen) and any(s.endswith("done") for s in seen)
    assert not any("lade" in s or "fertig" in s for s in seen), seen
