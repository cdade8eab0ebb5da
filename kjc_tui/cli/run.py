"""`kjc-tui` without a subcommand: the dashboard."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kjc_tui.cli.common import EXIT_ERROR, Command, database, err, no_arguments
from kjc_tui.cli.progress import with_progress

NO_TERMINAL = ("das Dashboard braucht ein Terminal (bei ssh: ssh -t …); für Skripte: kjc-tui info/sql/export …, "
               "im Browser: kjc-tui serve")


def _has_terminal() -> bool:
    """The dashboard needs a terminal on stdin and stdout, or textual-serve's web driver.

    Without one, Textual's input loop spins at full CPU and never ends (`kjc-tui </dev/null`).
    `kjc-tui serve` runs each dashboard through pipes with TEXTUAL_DRIVER set to its web driver.
    """
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _run(args: argparse.Namespace, cfg: Any) -> int:
    if not _has_terminal():
        err(NO_TERMINAL)
        return EXIT_ERROR
    from kjc_tui.cli.terminal_watch import watch
    from kjc_tui.ui.app import run

    if args.demo:
        from kjc_tui.db.snapshot import demo_database
        from kjc_tui.read.summary import summarise

        db = with_progress(lambda progress: demo_database(cfg, progress, summarise))
    elif cfg.database_path.exists():
        db = cfg.database_path  # DuckDB is imported in the dashboard's start-up thread, not here
    else:
        db = database(cfg)
    watch()  # a terminal hung up without SIGHUP (lost SSH connection) ends the dashboard too
    return run(cfg, db_path=db, district=args.district, screen=args.screen)


COMMAND = Command("run", "das Dashboard starten (Standard)", "Startet das Dashboard.", no_arguments, _run)
