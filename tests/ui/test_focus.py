"""The focus stays in the shown view when views reload behind it."""

from __future__ import annotations

import pytest

from helpers import make_app, settle

from kjc_tui.db import snapshot


@pytest.mark.slow
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


def _row_on_screen(table, scroll) -> bool:
    """Whether the cursor row of a figure table lies inside the viewport of `scroll`."""
    starts = table._wrap(table.size.width)[2]
    y = table.region.y + table.header_height + starts[table.cursor_row]
    return scroll.region.y <= y < scroll.region.bottom


async def test_start_focuses_the_headline_so_s_works_at_once(ui_db, user_config):
    from kjc_tui.ui.widgets.dialogs import SourceScreen

    app = make_app(user_config, ui_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused is app.query_one("#ov-release")  # the Übersicht leads with the newest release
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)


@pytest.mark.slow
async def test_back_to_the_overview_shows_the_focused_row(embedded_db, user_config):
    app = make_app(user_config, embedded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "tab")
        await settle(pilot)
        assert app.query_one("#ov-scroll").scroll_y > 0
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        headline = app.query_one("#ov-headline")
        assert app.focused is headline
        assert _row_on_screen(headline, app.query_one("#ov-scroll"))


async def test_another_district_opens_its_profile_at_the_top(ui_db, user_config):
    app = make_app(user_config, ui_db, district="06437")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        profile = app.query_one("#jc-profile")
        profile.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert profile.scroll_y > 0
        await pilot.press("j")
        await settle(pilot)
        assert app.current_ags != "06437"
        assert profile.scroll_y == 0
