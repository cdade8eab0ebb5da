"""The dashboard action "Datei laden": `kjc-tui load` from inside the dashboard.

A dialog asks for the file(s) – a publisher's file (§ 48a ZIP, BA table, Destatis 04-kreise)
or an office spreadsheet – and, for files without such columns, the Quelle and the Stand;
the load runs in a thread worker through the same `snapshot.load` as the command line, and a
notification gives the summary (or the problems, and that the database is unchanged). The
store is reopened on the new snapshot. Messages are shown literally (no markup).
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.jobs import may_start
from kjc_tui.ui.widgets.dialogs import Dialog

if TYPE_CHECKING:
    from kjc_tui.db.snapshot import LoadResult
    from kjc_tui.ingest.problem import Refused
    from kjc_tui.ui.app import KjcApp

WORKER_GROUP = "load-files"
#: problems and notes shown in the notification (the rest is counted)
SHOWN = 6

def say(key: str, **kw: Any) -> str:
    """The loading dialog's string `key` ("load.KEY" in i18n)."""
    return t(f"load.{key}", **kw)


class LoadDialog(Dialog):
    """Asks for the files and, optionally, Quelle and Stand; Enter in any field loads."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(say("title")), classes="dialog-title")
            yield Input(placeholder=say("path"), id="load-path")
            yield Input(placeholder=say("source"), id="load-source")
            yield Input(placeholder=say("stand"), id="load-stand")
            yield Static(Text(say("keys")), classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = {i.id: i.value.strip() for i in self.query(Input)}
        self.dismiss((values["load-path"], values["load-source"], values["load-stand"]))


def start_load(app: "KjcApp") -> None:
    """Open the dialog; its answer starts the load."""
    if not may_start(app, WORKER_GROUP, say("busy"), say("demo")):
        return
    app.push_screen(LoadDialog(), lambda answer: _answered(app, answer))


def _answered(app: "KjcApp", answer: tuple[str, str, str] | None) -> None:
    from pathlib import Path

    from kjc_tui.ingest.layouts import Options
    from kjc_tui.ingest.parse import ParseError, parse_date

    if not answer:
        return
    raw_paths, source, stand_text = answer
    try:
        paths = [Path(p).expanduser() for p in shlex.split(raw_paths)]
    except ValueError:
        paths = [Path(raw_paths).expanduser()]
    if not paths:
        app.notify(say("no_path"), severity="warning", markup=False)
        return
    missing = [p for p in paths if not p.is_file()]
    if missing:
        app.notify(say("missing", path=missing[0]), severity="error", markup=False)
        return
    stand = None
    if stand_text:
        try:
            stand = parse_date(stand_text)[0]
        except ParseError as e:
            from kjc_tui.ingest.problem import reason_text

            app.notify(say("bad_stand", value=stand_text, reason=reason_text(e.code, e.params, language())),
                       severity="error", markup=False)
            return
    options = Options(source or None, stand)
    db, group = app.db_path, app.config.database_group

    def run() -> None:
        from kjc_tui.db.snapshot import load
        from kjc_tui.read.summary import summarise
        from kjc_tui.ingest import Refused

        try:
            result = load(db, paths, group=group, options=options, summarise=summarise)
        except Refused as e:
            app.call_from_thread(_refused, app, e)
        except Exception as e:  # noqa: BLE001  lock held, disk full …: said, never a traceback
            from kjc_tui.ui.i18n import explained

            app.call_from_thread(app.notify, say("error", error=explained(e)), severity="error", timeout=15,
                                 markup=False)
        else:
            app.call_from_thread(_loaded, app, result)

    app.run_worker(run, thread=True, group=WORKER_GROUP, exit_on_error=False)


def _limited(lines: list[str]) -> list[str]:
    return lines[:SHOWN] + ([say("more", n=len(lines) - SHOWN)] if len(lines) > SHOWN else [])


def _loaded(app: "KjcApp", result: "LoadResult") -> None:
    from kjc_tui.core.fmt import count
    from kjc_tui.ingest.problem import note_text

    lang = language()
    lines = [f"{file}: {count(rows, say('row'), say('rows'), lang)} → {table}" for file, table, rows in result.files]
    lines += [f"  {note_text(note, lang)}" for note in result.notes]
    app.notify("\n".join(_limited(lines)), title=say("loaded"), timeout=15, markup=False)
    app.open_store(reload=True)


def _refused(app: "KjcApp", refused: "Refused") -> None:
    """The problems in the language of the screen (the worker's refusal, worded here)."""
    from kjc_tui.ingest.problem import problem_text

    problems = [problem_text(p, language()) for p in refused.problems]
    app.notify("\n".join(_limited(problems)), title=say("refused"), severity="error", timeout=30, markup=False)
