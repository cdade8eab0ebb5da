"""Start-up: what the first frame needs and nothing more (issue 14, "Start-up").

The times are measured by bench/startup.py; these tests check the mechanisms that make the
first frame quick: the lazy imports, the helper process that reads the Übersicht of a new
snapshot, the garbage collector held until the first complete frame, and the breakpoint
classes set before the widgets mount.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import TODAY, assert_drawn_before_the_database_opens, make_app, settle

ROOT = Path(__file__).resolve().parents[2]

#: what the first frame must not load: reports, charts, spreadsheets, fetching, and the database
#: itself (the Übersicht comes from the cache or the helper process; DuckDB opens after the frame)
HEAVY = ("matplotlib", "fpdf", "openpyxl", "httpx", "duckdb", "numpy", "PIL",
         "kjc_tui.documents", "kjc_tui.sources", "kjc_tui.ingest", "kjc_tui.db",
         "kjc_tui.read.overview", "kjc_tui.read.queries", "kjc_tui.read.changes")


def loaded_after(code: str) -> set[str]:
    """The modules in sys.modules after running `code` in a fresh interpreter, with their top-level
    packages and kjc_tui's sub-packages."""
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    names = set(run.stdout.split())
    return names | {n.split(".")[0] for n in names} | {".".join(n.split(".")[:2]) for n in names}


def test_the_entry_point_loads_no_textual() -> None:
    """`run` starts the preload before Textual is imported: its module (imported as the CLI does)
    loads no Textual, and neither does a question of the import system."""
    assert "textual" not in loaded_after("from kjc_tui.ui.app import run, today")
    assert "textual" not in loaded_after("import kjc_tui.ui.app as app\nhasattr(app, '__path__')")
    assert "textual" in loaded_after("from kjc_tui.ui.app import KjcApp")  # the app itself does


def test_the_first_screen_loads_nothing_heavy() -> None:
    """The app's modules and the Übersicht import no report, chart, spreadsheet, HTTP or DuckDB code."""
    loaded = loaded_after("import kjc_tui.core.config, kjc_tui.ui.app, kjc_tui.ui.shell, kjc_tui.ui.views.overview, "
                          "kjc_tui.ui.snapshot_cache, kjc_tui.read.summary")
    assert "textual" in loaded and "kjc_tui.ui" in loaded  # the probe did import the app
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    # the check finds such an import where there is one
    assert {"duckdb", "kjc_tui.db"} <= loaded_after("import kjc_tui.ui.app, kjc_tui.db.store")


def test_the_units_the_overview_formats_are_the_schemas() -> None:
    """The Übersicht's rows tell a known unit by `fmt.UNIT_DECIMALS` (the schema is not loaded for
    the first frame): the two must name the same units."""
    from kjc_tui.core import fmt, schema

    assert set(fmt.UNIT_DECIMALS) == set(schema.UNITS)
    assert "kjc_tui.core.schema" not in loaded_after("import kjc_tui.core.config, kjc_tui.ui.views.overview")


def test_the_helper_process_loads_no_textual() -> None:
    loaded = loaded_after("import kjc_tui.ui.first_screen, kjc_tui.ui.startup")
    assert loaded.isdisjoint({"textual", "rich"})


def test_the_helper_reads_the_overview_of_a_new_snapshot(ui_db_copy: Path, tmp_path: Path) -> None:
    """Without a cached Übersicht the helper process reads it; the preload hands it on with the
    store (no second query) and keeps it in the cache for the next start."""
    from kjc_tui.core import sidecar
    from kjc_tui.db.store import Store
    from kjc_tui.read import overview as overview_queries
    from kjc_tui.ui import snapshot_cache
    from kjc_tui.ui.startup import Opened, Preload

    cache = tmp_path / "cache"
    preload = Preload(ui_db_copy, TODAY, cache_dir=cache, helper=True).start()
    assert preload.cached_overview is None  # nothing cached: the helper is at work
    data = preload.wait_overview(60)
    store = Store(ui_db_copy)
    try:
        expected = sidecar.loads(sidecar.dumps(overview_queries.overview(store, TODAY)))
    finally:
        store.close()
    assert data == expected and data["counts"]["kjc"] == 4
    preload.first_frame.set()
    opened = preload.take()
    assert isinstance(opened, Opened)
    try:
        assert opened.overview is data  # the helper's, not read a second time
    finally:
        opened.store.close()
    assert snapshot_cache.read(cache, ui_db_copy, TODAY) == data


def test_a_helper_that_cannot_read_the_file_leaves_it_to_the_app(tmp_path: Path) -> None:
    from kjc_tui.ui.startup import NoDataReason, Preload

    broken = tmp_path / "kjc.duckdb"
    broken.write_bytes(b"not a database" * 100)
    preload = Preload(broken, TODAY, helper=True).start()
    assert preload.wait_overview(60) is None
    result = preload.take()
    assert isinstance(result, NoDataReason) and result.key == "nodata.unusable"


async def test_the_first_frame_shows_the_helpers_overview_before_the_database_opens(
        ui_db_copy: Path, user_config, monkeypatch: pytest.MonkeyPatch) -> None:
    from kjc_tui.ui import shell, startup
    from kjc_tui.ui.startup import Preload

    monkeypatch.setattr(shell, "OVERVIEW_WAIT", 60)  # however busy the machine: the frame waits for the helper
    gate = threading.Event()
    real_open = startup.open_database
    monkeypatch.setattr(startup, "open_database", lambda path: (gate.wait(10), real_open(path))[1])
    preload = Preload(ui_db_copy, TODAY, helper=True).start()
    await assert_drawn_before_the_database_opens(make_app(user_config, ui_db_copy, preload=preload),
                                                 preload.first_frame, gate)


async def test_the_collector_runs_again_after_the_first_frame(ui_db, user_config) -> None:
    """`app.run` holds the garbage collector during start-up; the first complete frame lets it run."""
    app = make_app(user_config, ui_db)
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.query_one("#ov-headline").row_count
            assert gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("helper", [True, False])
async def test_the_first_complete_frame_has_the_footers_keys(ui_db, user_config, monkeypatch: pytest.MonkeyPatch,
                                                             helper: bool) -> None:
    """Start-up is done (and the benchmark takes its time) when the Übersicht's data and the footer's
    keys for the focused table are on screen. With the Übersicht at hand when the app mounts (from
    the helper, or the cache), the footer composes them once, for the first frame; without, the
    footer follows the focus as it moves to the filled table."""
    from textual.widgets._footer import FooterKey

    from kjc_tui.ui import shell
    from kjc_tui.ui.startup import Preload
    from kjc_tui.ui.widgets.footer import KjcFooter

    seen: list[tuple[list[str], int, bool]] = []
    composed = [0]
    real_done, real_recompose = shell.KjcApp.start_done, KjcFooter.recompose

    def done(self: shell.KjcApp) -> None:
        if not seen:
            seen.append(([k.key for k in self.query(FooterKey)], composed[0], self.query_one("#ov-headline").row_count > 0))
        real_done(self)

    async def recompose(self: KjcFooter) -> None:
        composed[0] += 1
        await real_recompose(self)

    monkeypatch.setattr(shell.KjcApp, "start_done", done)
    monkeypatch.setattr(KjcFooter, "recompose", recompose)
    monkeypatch.setattr(shell, "OVERVIEW_WAIT", 60)
    app = make_app(user_config, ui_db, preload=Preload(ui_db, TODAY, helper=helper).start())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    keys, recomposed, data = seen[0]
    assert data and "s" in keys and "question_mark" in keys  # the table's source key and the app's
    assert recomposed == (1 if helper else 2)


@pytest.mark.parametrize("size", [(50, 12), (80, 24), (109, 15), (110, 16), (160, 50)])
async def test_breakpoint_classes_are_textuals(ui_db, user_config, size: tuple[int, int]) -> None:
    """The classes set before the widgets mount are those Textual sets on a resize to that size."""
    app = make_app(user_config, ui_db)
    names = {name for _, name in app.HORIZONTAL_BREAKPOINTS + app.VERTICAL_BREAKPOINTS}
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause(0.1)
        ours = {name for name, on in app._breakpoint_classes().items() if on}
        assert ours == set(app.screen.classes) & names
        assert len(ours) == 2


def _load_event(db: Path, tmp_path: Path, event_id: str, title: str) -> None:
    """A load as `kjc-tui load` does it: the new snapshot with its summary (on the tests' day)."""
    from kjc_tui.db import snapshot
    from kjc_tui.read.summary import summarise

    extra = tmp_path / f"{event_id}.csv"
    extra.write_text("event_id,date,jobcenter_id,kind,title,source,as_of\n"
                     f"{event_id},2025-12-01,JC-06535,Messe,{title},https://example.org/new,2025-06-02\n",
                     encoding="utf-8")
    snapshot.load(db, [extra], summarise=lambda path: summarise(path, TODAY))


async def test_the_first_start_after_a_load_draws_the_writers_summary(
        ui_db_copy: Path, user_config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a load the first frame comes from the summary beside the new snapshot: no helper
    process, no DuckDB before it. A later load is announced as a new snapshot, Ctrl+R shows it, and
    the next start draws the new snapshot's summary."""
    from kjc_tui.ui import startup
    from kjc_tui.ui.startup import Preload
    from kjc_tui.ui.widgets.figures import FigureTable
    from helpers import static_text, table_text

    _load_event(ui_db_copy, tmp_path, "E8", "Messe Alsfeld")
    user_config.auto_reload = False
    gate = threading.Event()
    real_open = startup.open_database
    monkeypatch.setattr(startup, "open_database", lambda path: (gate.wait(10), real_open(path))[1])
    preload = Preload(ui_db_copy, TODAY, helper=True).start()
    assert preload._process is None and preload.cached_overview is not None  # no helper: the summary
    assert "Messe Alsfeld" in [e["title"] for e in preload.cached_overview["upcoming"]]
    app = make_app(user_config, ui_db_copy, preload=preload)
    await assert_drawn_before_the_database_opens(app, preload.first_frame, gate)

    monkeypatch.setattr(startup, "open_database", real_open)
    async with make_app(user_config, ui_db_copy).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        old_store = pilot.app.store
        _load_event(ui_db_copy, tmp_path, "E9", "Messe Lauterbach")
        pilot.app.check_snapshot()
        await settle(pilot)
        assert pilot.app.store is old_store and "Strg+R" in static_text(pilot.app.query_one("#status"))
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert pilot.app.store is not old_store and not pilot.app.stale
        assert "Messe Lauterbach" in table_text(pilot.app.query_one("#ov-upcoming", FigureTable))
    again = Preload(ui_db_copy, TODAY, helper=True).start()
    try:
        assert again._process is None
        assert "Messe Lauterbach" in [e["title"] for e in again.cached_overview["upcoming"]]
    finally:
        again.first_frame.set()
        opened = again.take()
        opened.store.close()


async def test_the_first_frame_styles_each_widget_once(ui_db, user_config, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual styles a widget when it mounts. The first screen's resume (`shell.StartScreen`) and
    the footer's keys binding to the footer (`KjcFooter.compose`) would style them all again: each
    widget of the Übersicht and each key of the footer is styled once before the first frame (the
    table that takes the focus twice, for its :focus)."""
    from collections import Counter

    from textual.css.stylesheet import Stylesheet
    from textual.widgets._footer import FooterKey

    from kjc_tui.ui import shell
    from kjc_tui.ui.startup import Preload
    from kjc_tui.ui.views.overview import OverviewView

    styled: Counter[int] = Counter()
    counting = [True]
    real_apply, real_done = Stylesheet.apply, shell.KjcApp.start_done
    seen: list[tuple[list[int], list[int], int]] = []

    def apply(self: Stylesheet, node, *args, **kwargs) -> None:
        if counting[0]:
            styled[id(node)] += 1
        real_apply(self, node, *args, **kwargs)

    def done(self: shell.KjcApp) -> None:
        if counting[0]:
            counting[0] = False
            view = self.query_one(OverviewView)
            nodes = [n for n in view.walk_children(with_self=True) if n is not self.screen.focused]
            keys = [k for k in self.query(FooterKey) if not k.has_class("-command-palette")]
            seen.append(([styled[id(n)] for n in nodes], [styled[id(k)] for k in keys],
                         styled[id(self.screen.focused)]))
        real_done(self)

    monkeypatch.setattr(Stylesheet, "apply", apply)
    monkeypatch.setattr(shell.KjcApp, "start_done", done)
    monkeypatch.setattr(shell, "OVERVIEW_WAIT", 60)
    app = make_app(user_config, ui_db, preload=Preload(ui_db, TODAY, helper=True).start())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    (widgets, keys, focused), = seen
    assert len(widgets) > 20 and len(keys) >= 5
    assert set(widgets) == {1} and set(keys) == {1} and focused == 2


def test_a_closing_app_waits_for_the_preload_and_closes_what_it_opened(ui_db_copy: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`Preload.stop` (the app closing): the preload thread ends before the interpreter does (a
    thread inside DuckDB then aborts the process) and a store nobody took is closed."""
    import duckdb

    from kjc_tui.ui import startup
    from kjc_tui.ui.startup import Opened, Preload

    opened: list[Opened] = []
    entered = threading.Event()
    real_open = startup.open_database

    def open_database(path: Path):
        entered.set()
        result = real_open(path)
        opened.append(result)
        return result

    monkeypatch.setattr(startup, "open_database", open_database)
    preload = Preload(ui_db_copy, TODAY).start()  # nothing cached: it opens the database at once
    assert entered.wait(30)
    preload.stop()
    assert preload._thread is not None and not preload._thread.is_alive()
    assert len(opened) == 1 and isinstance(opened[0], Opened)
    with pytest.raises(duckdb.ConnectionException):
        opened[0].store.scalar("SELECT 1")
    assert preload.take() is None  # nothing left to hand over
