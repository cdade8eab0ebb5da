"""Fixtures and helpers shared by the Diagramme, Vergleich and Karte tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from kjc_tui.core.config import Config
from kjc_tui.ui.app import KjcApp

import datetime as dt

TODAY = dt.date(2025, 11, 22)


def chart_app(db: Path, tmp_path: Path, **kw: Any) -> KjcApp:
    """The real app on a chart data set, with the user's settings file in `tmp_path`."""
    config = Config(user_file=tmp_path / "user" / "kjc.toml", database_path=db)
    return KjcApp(config, db_path=db, today=TODAY, watch_interval=3600, **kw)


async def settle(pilot: Pilot, rounds: int = 4) -> None:
    """Wait until the workers are done and their results are on screen."""
    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        await pilot.pause()
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a newer fetch of the same exclusive group replaced it: wait again
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: Any) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


_DBS: dict[tuple[bool, bool], Path] = {}


def chart_db_path(tmp_path_factory: Any, sparse: bool = False, synthetic: bool = False) -> Path:
    """The chart data set, built once per session (shared by the test modules)."""
    from chart_dataset import build_chart_db

    key = (sparse, synthetic)
    if key not in _DBS:
        _DBS[key] = build_chart_db(tmp_path_factory.mktemp("charts") / "kjc.duckdb", sparse=sparse,
                                   synthetic=synthetic)
    return _DBS[key]


def uneven_db(db: Path, tmp_path: Path) -> Path:
    """A copy of the chart data set with LB (Leistungsberechtigte) known only for two districts at old,
    different months (Vogelsberg 09/2012, Odenwald 03/2016): no common period."""
    import shutil

    import duckdb

    uneven = tmp_path / "uneven.duckdb"
    shutil.copyfile(db, uneven)
    con = duckdb.connect(str(uneven))
    con.execute("INSERT INTO indicator_defs (code, name_de, unit, higher_is_better, sort_order, source, as_of) "
                "VALUES ('LB', 'Leistungsberechtigte', 'count', NULL, 7, 't', DATE '2025-01-01')")
    con.execute("INSERT INTO indicators (jobcenter_id, period, period_kind, indicator, sex, value, source, as_of) "
                "VALUES ('JC-06535', DATE '2012-09-01', 'month', 'LB', 'all', 2614, 't', DATE '2012-10-01'), "
                "       ('JC-06437', DATE '2016-03-01', 'month', 'LB', 'all', 9000, 't', DATE '2016-04-01')")
    con.close()
    return uneven
