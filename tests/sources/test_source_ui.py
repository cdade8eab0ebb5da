"""The dashboard's "Daten aktualisieren" (F5 / command palette): fetch in a worker, then reload."""

from __future__ import annotations

import datetime as dt

import payloads as P
from conftest import write_config
from kjc_tui.ui.app import KjcApp


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_f5_fetches_and_reloads(server, db, tmp_path):
    server.static("/ui/verband.csv", P.file_csv(), "text/csv")
    server.static("/ui/kaputt.csv", P.file_csv(bad_value="elf"), "text/csv")
    cfg = write_config(tmp_path, db, f"""
[sources.verband]
kind = "file"
url = "{server.url('/ui/verband.csv')}"
table = "indicators"
columns = {P.FILE_MAPPING}

[sources.kaputt]
kind = "file"
url = "{server.url('/ui/kaputt.csv')}"
table = "indicators"
columns = {P.FILE_MAPPING}
""")
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
