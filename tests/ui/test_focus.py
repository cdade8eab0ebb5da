"""The focus stays in the shown view when views reload behind it."""

from __future__ import annotations

from helpers import make_app, settle

from kjc_tui import snapshot


async def test_reload_keeps_the_focus_in_the_shown_view(ui_db_copy, user_config, tmp_path):
    app = make_app(user_config, ui_db_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")          # open a table: the grid takes the focus
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        compare = app.query_one("#view-compare")
        assert app.focused is not None and compare in app.focused.ancestors_with_self
        extra = tmp_path / "events.csv"
        extra.write_text("event_id,date,kind,title,source,as_of\n"
                         "E9,2025-06-01,Messe,Neue Messe,https://example.org/new,2025-06-02\n", encoding="utf-8")
        snapshot.load(ui_db_copy, [extra])
        app.check_snapshot()                      # every view reloads, the hidden Tabellen too
        await settle(pilot)
        await settle(pilot)
        assert app.focused is not None and compare in app.focused.ancestors_with_self
