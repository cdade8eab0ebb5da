"""`kjc-tui`: the one command. Thin: parses arguments and calls the layers.

Every subcommand is a module of this package with a `COMMAND` (`common.Command`: name, help,
arguments, handler); `COMMANDS` below is the one table of them.

Exit codes (stable, for scripts):
  0  success
  1  error: configuration, database, permissions, lock, network
  2  usage error (unknown option, missing argument)
  3  data refused: a file or source failed validation; the database is unchanged
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kjc_tui.cli import check, doctor, export, fetch, generate, info, load, report, run, serve, sql, template
from kjc_tui.cli.common import (EXIT_ERROR, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Command, err,
                                explained, print_refused, validate_keymap, worded)

__all__ = ["COMMANDS", "EXIT_ERROR", "EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "build_parser", "main"]

#: the subcommands, in the order `kjc-tui --help` lists them ("run" is the dashboard, the default)
COMMANDS: dict[str, Command] = {c.name: c for c in (
    run.COMMAND, load.COMMAND, check.COMMAND, info.COMMAND, export.COMMAND, sql.COMMAND, generate.COMMAND,
    fetch.COMMAND, serve.COMMAND, doctor.COMMAND, template.COMMAND, report.COMMAND,
)}


def build_parser() -> argparse.ArgumentParser:
    from kjc_tui.cli.argparse_de import GermanArgumentParser

    p = GermanArgumentParser(
        prog="kjc-tui",
        description="Dashboard der Kommunalen Jobcenter in Hessen (Textual + DuckDB). "
                    "Ohne Unterbefehl startet das Dashboard.",
        epilog="Exit-Codes: 0 ok, 1 Fehler, 2 Aufruf falsch, 3 Daten abgelehnt (Datenbank unverändert).",
    )
    p.add_argument("--config", metavar="DATEI", help="kjc.toml (sonst $KJC_CONFIG, ./kjc.toml, Benutzerverzeichnis)")
    p.add_argument("--db", metavar="DATEI", help="Datenbankdatei statt der konfigurierten")
    p.add_argument("--district", metavar="AGS", help="mit diesem Kreis starten, z. B. 06437")
    p.add_argument("--screen", choices=("overview", "jobcenter", "tables", "charts", "compare"),
                   help="mit dieser Ansicht starten")
    p.add_argument("--demo", action="store_true", help="synthetische Demodaten statt der echten anzeigen")
    sub = p.add_subparsers(dest="command", metavar="BEFEHL")
    for c in COMMANDS.values():
        if c.name == "run":
            continue  # the dashboard is `kjc-tui` itself
        s = sub.add_parser(c.name, help=c.help, description=c.description)
        c.add_arguments(s)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = COMMANDS[args.command or "run"]
    if args.demo and command.name != "run":
        err(f"--demo gilt nur für das Dashboard (kjc-tui --demo); für „{args.command}“ die Demo-Datenbank "
            "mit --db angeben (synthetic.duckdb neben der konfigurierten Datenbank)")
        return EXIT_USAGE
    from kjc_tui.core.config import ConfigError, load

    if command.own_config:
        cfg = None  # the command reads (and reports on) the configuration itself
    else:
        try:
            cfg = load(args.config)
            if cfg.keymap:
                validate_keymap(cfg)
        except ConfigError as e:
            err(explained(e))
            return EXIT_ERROR
        if args.db:
            cfg.database_path = Path(args.db).expanduser().resolve()
            if command.read_only and not cfg.database_path.exists():
                err(f"--db: die Datenbank {cfg.database_path} gibt es nicht (Tippfehler?). Nur die "
                    "konfigurierte Datenbank wird beim ersten Start aus den eingebetteten Daten angelegt.")
                return EXIT_ERROR
    try:
        code = command.handler(args, cfg)
        sys.stdout.flush()   # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except KeyboardInterrupt:
        err("abgebrochen")
        return EXIT_ERROR
    except Exception as e:  # the last line of defence: a message, never a traceback
        from kjc_tui.core.coded import CodedError
        from kjc_tui.core.errors import explain
        from kjc_tui.ingest import Refused

        if isinstance(e, Refused):
            print_refused(e)
            return EXIT_REFUSED
        if isinstance(e, (CodedError, OSError)):  # ours by their code (ConfigError too), the OS's explained
            err(explained(e))
            return EXIT_ERROR
        err(worded("cli.unexpected", {"reason": explain(e)}))
        return EXIT_ERROR


def _reader_went_away() -> int:
    """`kjc-tui info | head -1`: the reader closed the pipe. End quietly, like other Unix tools.

    stdout is pointed at /dev/null so that Python's final flush does not complain again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
