"""What every subcommand shares: exit codes, the error line, counts, the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kjc_tui.cli.progress import with_progress

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace, Any], int]


@dataclass(frozen=True)
class Command:
    """One subcommand: its name, help line and description, its arguments and its handler.

    `read_only`: a missing --db file is a mistake, not a database to build.  `own_config`:
    the handler gets cfg=None and loads (and reports on) the configuration itself."""

    name: str
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handler: Handler
    read_only: bool = False
    own_config: bool = False


def no_arguments(p: argparse.ArgumentParser) -> None:
    """For a subcommand without arguments of its own."""


def file_arguments(p: argparse.ArgumentParser) -> None:
    """The files, --table, --quelle and --stand of `load` and `check`."""
    p.add_argument("files", nargs="+", metavar="DATEI")
    p.add_argument("--table", metavar="TABELLE", help="Zieltabelle (sonst an den Spalten erkannt)")
    p.add_argument("--quelle", metavar="URL", help="Quelle für Dateien ohne Spalte „Quelle“")
    p.add_argument("--stand", metavar="DATUM", help="Stand (Datum der Daten) für Dateien ohne Spalte „Stand“")
    p.add_argument("--synthetisch", "--allow-synthetic", dest="synthetic", action="store_true",
                   help="auch Zeilen von `kjc-tui generate` laden; die Datenbank gilt dann als synthetisch")


def load_options(args: argparse.Namespace) -> tuple[Any, int]:
    """The load options of `load` and `check` (`--quelle`/`--stand`) after checking their
    arguments: (options, EXIT_OK), or (None, exit code) after a message — an unknown --table or
    a --stand that is no date is a usage error, a missing file an error."""
    from kjc_tui.ingest.layouts import Options
    from kjc_tui.ingest.parse import ParseError, parse_date

    if unknown_table(args.table):
        return None, EXIT_USAGE
    if missing_files(args.files):
        return None, EXIT_ERROR
    stand = None
    if args.stand:
        try:
            stand = parse_date(args.stand)[0]
        except ParseError as e:
            from kjc_tui.ingest.problem import reason_text

            err(f"--stand: {args.stand!r} {reason_text(e.code, e.params, LANGUAGE)}")
            return None, EXIT_USAGE
    source = (args.quelle or "").strip() or None
    return Options(source, stand), EXIT_OK


def err(msg: str) -> None:
    """The error line on stderr: "kjc-tui: …"."""
    print(f"kjc-tui: {msg}", file=sys.stderr)


def explained(error: BaseException) -> str:
    """Any error worded in German: ours by its code, a library's as `core.errors.explain` codes it."""
    from kjc_tui.core.errors import explain

    said = explain(error)
    return worded(said.key, said.params)


#: the command line speaks German (its help, argparse's words and its messages)
LANGUAGE = "de"


def worded(key: str, params: dict[str, Any]) -> str:
    """A code raised below the CLI, worded from the one table like the dashboard words it."""
    from kjc_tui.core.strings import coded

    return coded(key, params, LANGUAGE)


def note_line(note: Any) -> str:
    """A note of a load or a fetch, worded like the dashboard words it."""
    from kjc_tui.ingest.problem import note_text

    return note_text(note, LANGUAGE)


def count(n: int, width: int = 0) -> str:
    """"1 Zeile" / "12 Zeilen" (the number right-aligned in `width`)."""
    from kjc_tui.core import fmt

    return fmt.count(n, "Zeile", "Zeilen", width=width)


def database(cfg: Any) -> Path:
    from kjc_tui.db.snapshot import ensure_database
    from kjc_tui.read.summary import summarise

    return with_progress(lambda progress: ensure_database(cfg, progress=progress, summarise=summarise))


def problem_line(p: Any) -> str:
    """A refused file's problem, worded like the dashboard words it; control characters shown,
    not sent (file names, also ZIP members from a source, may hold escape sequences)."""
    from kjc_tui.core.fmt import strip_controls
    from kjc_tui.ingest.problem import problem_text

    return strip_controls(problem_text(p, LANGUAGE))


def print_refused(e: Any) -> None:
    from kjc_tui.core import fmt

    err(f"Daten abgelehnt ({fmt.count(len(e.problems), 'Problem', 'Probleme')}); die Datenbank ist unverändert:")
    for p in e.problems:
        print(f"  {problem_line(p)}", file=sys.stderr)


def unknown_table(name: str | None) -> bool:
    """`--table` names no loadable table: a usage error that lists the tables."""
    if name is None:
        return False
    from kjc_tui.core.schema import LOADABLE, TABLES, table_by_name

    table = table_by_name(name)
    if table is not None and table.name in LOADABLE:
        return False
    err(f"--table: unbekannte Tabelle {name!r}; bekannt: "
         + ", ".join(f"{n} ({TABLES[n].label_de})" for n in LOADABLE))
    return True


def missing_files(files: list[str]) -> bool:
    """Files that are not there: an error (exit 1) before anything is read, not "data refused" (3)."""
    missing = [f for f in files if not Path(f).exists()]
    for f in missing:
        err(f"{f}: Datei nicht gefunden")
    return bool(missing)


def validate_keymap(cfg: Any) -> None:
    """Unknown `[keymap]` ids are configuration errors; the ids come from the UI's key registry."""
    from kjc_tui.core.config import check_keymap
    from kjc_tui.ui.binding_ids import binding_ids

    check_keymap(cfg, binding_ids())
