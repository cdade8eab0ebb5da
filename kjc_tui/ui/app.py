"""Entry point of the dashboard: `run(config, db_path, district, screen)`.

This module imports no Textual at load time: `run` first starts a thread that opens the
database and reads the Übersicht (a helper process when it is not cached, see `startup`),
then imports the Textual app (`kjc_tui.ui.shell`), so the two overlap. `KjcApp` (and the
other names of `shell`) are available here too:

    from kjc_tui.ui.app import KjcApp
    KjcApp(config, db_path=None, district=None, screen=None)
"""

from __future__ import annotations

import gc
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kjc_tui.ui.startup import Preload, several_cpus

if TYPE_CHECKING:
    from kjc_tui.core.config import Config
    from kjc_tui.ui.shell import KjcApp as KjcApp  # the type, for modules that name it

#: freeze "today" (YYYY-MM-DD) for snapshot tests and demos
TODAY_ENV = "KJC_TODAY"


def today() -> date:
    raw = os.environ.get(TODAY_ENV)
    if raw:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    return date.today()


def run(config: "Config", db_path: Path | None = None, district: str | None = None,
        screen: str | None = None) -> int:
    """Run the dashboard until the user quits; returns the exit code."""
    path = Path(db_path) if db_path is not None else Path(config.database_path)
    # start-up builds many objects that live as long as the app: no garbage collection until
    # the first complete frame (`KjcApp.start_done` lets it run again)
    gc.disable()
    try:
        from kjc_tui.ui.i18n import set_language

        set_language(config.language)
        from kjc_tui.ui import snapshot_cache

        preload = Preload(path, today(), cache_dir=snapshot_cache.default_dir(), helper=several_cpus()).start()
        from kjc_tui.ui.shell import KjcApp

        app = KjcApp(config, db_path=path, district=district, screen=screen, preload=preload)
        try:
            app.run()
        finally:
            preload.stop()  # no thread of it still inside DuckDB when the interpreter exits
    finally:
        gc.enable()
    return int(app.return_code or 0)


def __getattr__(name: str) -> Any:
    """`KjcApp`, `NoData`, … from `kjc_tui.ui.shell`, imported on first use. Not for the import
    system's own questions (`from kjc_tui.ui.app import run` asks for `__path__`): they would
    import Textual before `run` could start the preload."""
    if name.startswith("__"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import kjc_tui.ui.shell as shell

    try:
        return getattr(shell, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
