"""`kjc-tui`: the one command. Thin: parses arguments and calls the layers.

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
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REFUSED = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace, Any], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn
    return deco


def _err(msg: str) -> None:
    print(f"kjc-tui: {msg}", file=sys.stderr)


class ProgressLine:
    """One progress line on stderr when it is a terminal, redrawn in place.

    Cut to the terminal's width: a line that wraps cannot be redrawn with \\r and would leave
    one line per step behind.
    """

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False
        self.columns = self._columns() if self.enabled else 80

    @staticmethod
    def _columns() -> int:
        import shutil

        try:
            return os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError):
            return shutil.get_terminal_size().columns

    def show(self, text: str) -> None:
        if not self.enabled:
            return
        print("\r" + text[:max(10, self.columns - 1)] + "\x1b[K", end="", file=sys.stderr, flush=True)
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
        self.shown = False


def bar(fraction: float, width: int = 24) -> str:
    """[######......]  44%"""
    fraction = max(0.0, min(1.0, fraction))
    done = int(width * fraction)
    return f"[{'#' * done}{'.' * (width - done)}] {fraction:4.0%}"


def _progress(line: ProgressLine) -> Callable[[str, float], None] | None:
    """The progress callback of the data layer, drawn on `line` (None when stderr is no terminal)."""
    if not line.enabled:
        return None
    return lambda step, fraction: line.show(f"{bar(fraction)} {step}")


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

    s = sub.add_parser("load", help="Dateien laden (CSV, XLSX, JSON, Parquet)",
                       description="Lädt Dateien in einen neuen Datenbankstand. Zeilen mit schon vorhandenem "
                                   "Schlüssel werden ersetzt; ein Fehler in irgendeiner Datei lädt nichts.")
    s.add_argument("files", nargs="+", metavar="DATEI")
    s.add_argument("--table", metavar="TABELLE", help="Zieltabelle (sonst an den Spalten erkannt)")
    s.add_argument("--replace", action="store_true", help="die ganze Tabelle durch die Datei ersetzen")
    _source_options(s)
    s.add_argument("--synthetisch", "--allow-synthetic", dest="synthetic", action="store_true",
                   help="auch Zeilen von `kjc-tui generate` laden; die Datenbank gilt dann als synthetisch")

    s = sub.add_parser("check", help="Dateien nur prüfen, nichts laden",
                       description="Prüft Dateien wie `load`, ändert aber nichts: keine Datenbank wird angelegt "
                                   "oder geändert. Ohne Datenbank wird gegen die eingebetteten Stammdaten geprüft.")
    s.add_argument("files", nargs="+", metavar="DATEI")
    s.add_argument("--table", metavar="TABELLE", help="Zieltabelle (sonst an den Spalten erkannt)")
    _source_options(s)
    s.add_argument("--synthetisch", "--allow-synthetic", dest="synthetic", action="store_true",
                   help="prüfen, als würde mit --synthetisch geladen")

    sub.add_parser("info", help="Datenbank: Pfad, Tabellen, Zeilen, Stand, Quellen",
                   description="Zeigt Datenbankpfad, Konfiguration, jede Tabelle mit Zeilen, Stand und Zahl der "
                               "Quellen, die neuesten Quellen und die letzten Ladevorgänge.")

    s = sub.add_parser("export", help="eine Tabelle exportieren (csv, parquet, json, xlsx nach Endung)",
                       description="Schreibt eine Tabelle oder Sicht in eine Datei; das Format ergibt sich aus der "
                                   "Endung (.csv, .parquet, .json, .jsonl, .xlsx).")
    s.add_argument("table", metavar="TABELLE", help="Name der Tabelle oder Sicht (siehe `kjc-tui info`)")
    s.add_argument("-o", "--output", required=True, metavar="DATEI")
    s.add_argument("--excel", action="store_true", help="CSV für deutsches Excel (;, Dezimalkomma, BOM)")

    s = sub.add_parser("sql", help="eine lesende SQL-Abfrage ausführen",
                       description="Führt genau eine lesende Abfrage (SELECT) aus. Schreibende Befehle und "
                                   "Dateizugriffe werden abgelehnt (Exit-Code 2).")
    s.add_argument("query", metavar="SELECT")
    s.add_argument("--format", choices=("table", "csv", "json"), default="table")

    s = sub.add_parser("generate", help="synthetische Daten (für Demo und Benchmarks) erzeugen",
                       description="Erzeugt eine deterministische synthetische Datenbank mit demselben Schema, "
                                   "als synthetisch markiert. Die konfigurierte Datenbank wird nur mit --force "
                                   "überschrieben.")
    s.add_argument("--scale", type=float, default=1.0,
                   help="1.0 ≈ bundesweit (406 Jobcenter); größer als 0, höchstens 25")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("-o", "--output", metavar="DATEI", help="Zieldatei (Standard: synthetic.duckdb im Datenverzeichnis)")
    s.add_argument("--force", action="store_true", help="auch die konfigurierte (echte) Datenbank überschreiben")

    for name, (help_text, add_args) in EXTRA_COMMANDS.items():
        s = sub.add_parser(name, help=help_text)
        add_args(s)
        s.description = s.description or help_text[:1].upper() + help_text[1:] + "."
    return p


def _source_options(s: argparse.ArgumentParser) -> None:
    s.add_argument("--quelle", metavar="URL", help="Quelle für Dateien ohne Spalte „Quelle“")
    s.add_argument("--stand", metavar="DATUM", help="Stand (Datum der Daten) für Dateien ohne Spalte „Stand“")


def _load_options(args: argparse.Namespace) -> Any:
    """`--quelle`/`--stand` as load options; None (after a message) when --stand is no date."""
    from kjc_tui.ingest.layouts import Options
    from kjc_tui.ingest.parse import ParseError, parse_date

    stand = None
    if args.stand:
        try:
            stand = parse_date(args.stand)[0]
        except ParseError as e:
            _err(f"--stand: {args.stand!r} {e}")
            return None
    source = (args.quelle or "").strip() or None
    return Options(source, stand)


#: subcommands contributed by other modules: name -> (help, add_arguments)
EXTRA_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {}
#: subcommands that only read: a missing --db file is a mistake, not a database to build
READ_ONLY_COMMANDS = {"info", "sql", "export", "report"}
#: subcommands that get cfg=None and load the configuration themselves (`doctor` reports a broken one)
OWN_CONFIG: set[str] = set()


def main(argv: list[str] | None = None) -> int:
    _register_extras()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo and (args.command or "run") != "run":
        _err(f"--demo gilt nur für das Dashboard (kjc-tui --demo); für „{args.command}“ die Demo-Datenbank "
             "mit --db angeben (synthetic.duckdb neben der konfigurierten Datenbank)")
        return EXIT_USAGE
    from kjc_tui.core.config import ConfigError, load

    if (args.command or "run") in OWN_CONFIG:
        cfg = None  # the command reads (and reports on) the configuration itself
    else:
        try:
            cfg = load(args.config)
            if cfg.keymap:
                validate_keymap(cfg)
        except ConfigError as e:
            _err(str(e))
            return EXIT_ERROR
        if args.db:
            cfg.database_path = Path(args.db).expanduser().resolve()
            if args.command in READ_ONLY_COMMANDS and not cfg.database_path.exists():
                _err(f"--db: die Datenbank {cfg.database_path} gibt es nicht (Tippfehler?). Nur die "
                     "konfigurierte Datenbank wird beim ersten Start aus den eingebetteten Daten angelegt.")
                return EXIT_ERROR
    handler = COMMANDS.get(args.command or "run")
    try:
        code = handler(args, cfg)
        sys.stdout.flush()   # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except KeyboardInterrupt:
        _err("abgebrochen")
        return EXIT_ERROR
    except Exception as e:  # the last line of defence: a message, never a traceback
        from kjc_tui.ingest import Refused
        from kjc_tui.db.snapshot import SnapshotError
        from kjc_tui.db.store import StoreError

        if isinstance(e, Refused):
            _print_refused(e)
            return EXIT_REFUSED
        from kjc_tui.core.errors import german

        if isinstance(e, (SnapshotError, StoreError, ConfigError)):
            _err(str(e))
            return EXIT_ERROR
        if isinstance(e, OSError):
            _err(german(e))
            return EXIT_ERROR
        _err(f"unerwarteter Fehler: {german(e)}")
        return EXIT_ERROR


def _reader_went_away() -> int:
    """`kjc-tui info | head -1`: the reader closed the pipe. End quietly, like other Unix tools.

    stdout is pointed at /dev/null so that Python's final flush does not complain again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_OK


def validate_keymap(cfg: Any) -> None:
    """Unknown `[keymap]` ids are configuration errors; the ids come from the UI's key registry."""
    from kjc_tui.core.config import check_keymap
    from kjc_tui.ui.binding_ids import binding_ids

    check_keymap(cfg, binding_ids())


def _register_extras() -> None:
    """Import the modules that add subcommands (fetch, serve, doctor) if present."""
    import importlib
    import importlib.util

    for mod in ("kjc_tui.cli.fetch", "kjc_tui.cli.serve", "kjc_tui.cli.doctor", "kjc_tui.cli.template",
                "kjc_tui.cli.report"):
        try:
            spec = importlib.util.find_spec(mod)
        except ModuleNotFoundError:
            spec = None
        if spec is not None:
            importlib.import_module(mod)


def _print_refused(e: Any) -> None:
    _err(f"Daten abgelehnt ({len(e.problems)} Problem(e)); die Datenbank ist unverändert:")
    from kjc_tui.core.fmt import literal

    for p in e.problems:  # file names (also ZIP members from a source) may hold escape sequences
        print(f"  {literal(str(p))}", file=sys.stderr)


def _with_progress(fn: Callable[[Callable[[str, float], None] | None], Any]) -> Any:
    """Run `fn(progress)`; a shown progress line ends at 100 % when it succeeded, else it is wiped."""
    line = ProgressLine()
    result = None
    try:
        result = fn(_progress(line))
    except BaseException:
        line.clear()
        raise
    if line.shown:
        line.show(f"{bar(1.0)} fertig")
        print(file=sys.stderr, flush=True)
    return result


def _database(cfg: Any) -> Path:
    from kjc_tui.db.snapshot import ensure_database

    return _with_progress(lambda progress: ensure_database(cfg, progress=progress))


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


@command("run")
def _run(args: argparse.Namespace, cfg: Any) -> int:
    if not _has_terminal():
        _err(NO_TERMINAL)
        return EXIT_ERROR
    from kjc_tui.cli.terminal_watch import watch
    from kjc_tui.ui.app import run

    if args.demo:
        from kjc_tui.db.snapshot import demo_database

        db = _with_progress(lambda progress: demo_database(cfg, progress))
    elif cfg.database_path.exists():
        db = cfg.database_path  # DuckDB is imported in the dashboard's start-up thread, not here
    else:
        db = _database(cfg)
    watch()  # a terminal hung up without SIGHUP (lost SSH connection) ends the dashboard too
    return run(cfg, db_path=db, district=args.district, screen=args.screen)


def _unknown_table(name: str | None) -> bool:
    """`--table` names no loadable table: a usage error that lists the tables."""
    if name is None:
        return False
    from kjc_tui.core.schema import LOADABLE, TABLES, table_by_name

    table = table_by_name(name)
    if table is not None and table.name in LOADABLE:
        return False
    _err(f"--table: unbekannte Tabelle {name!r}; bekannt: "
         + ", ".join(f"{n} ({TABLES[n].label_de})" for n in LOADABLE))
    return True


def _missing_files(files: list[str]) -> bool:
    """Files that are not there: an error (exit 1) before anything is read, not "data refused" (3)."""
    missing = [f for f in files if not Path(f).exists()]
    for f in missing:
        _err(f"{f}: Datei nicht gefunden")
    return bool(missing)


@command("load")
def _load(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.db.snapshot import load

    if _unknown_table(args.table):
        return EXIT_USAGE
    if _missing_files(args.files):
        return EXIT_ERROR
    options = _load_options(args)
    if options is None:
        return EXIT_USAGE
    db = _database(cfg)
    result = _with_progress(lambda progress: load(db, args.files, table=args.table, replace=args.replace,
                                                  group=cfg.database_group, progress=progress, options=options,
                                                  allow_synthetic=args.synthetic))
    for file, table, rows in result.files:
        print(f"{file}: {count(rows)} → {table}")
    for note in result.notes:
        print(f"  Hinweis: {note}")
    print(f"Neuer Stand: {db}")
    return EXIT_OK


@command("check")
def _check(args: argparse.Namespace, cfg: Any) -> int:
    import tempfile

    from kjc_tui.db.snapshot import build, embedded_files, load

    if _unknown_table(args.table):
        return EXIT_USAGE
    if _missing_files(args.files):
        return EXIT_ERROR
    options = _load_options(args)
    if options is None:
        return EXIT_USAGE
    db = cfg.database_path
    if db.exists():
        result = load(db, args.files, table=args.table, dry_run=True, options=options,
                      allow_synthetic=args.synthetic)
    else:
        # check changes nothing: without a database, check against the embedded master data in a
        # throw-away copy instead of building the configured one
        with tempfile.TemporaryDirectory(prefix="kjc-check-") as d:
            scratch = Path(d) / "kjc.duckdb"
            _with_progress(lambda progress: build(scratch, embedded_files(), progress=progress))
            result = load(scratch, args.files, table=args.table, dry_run=True, options=options,
                          allow_synthetic=args.synthetic)
        print(f"(keine Datenbank unter {db}: geprüft gegen die eingebetteten Daten)")
    for file, table, rows in result.files:
        print(f"{file}: in Ordnung, {count(rows)} für {table}")
    for note in result.notes:
        print(f"  Hinweis: {note}")
    return EXIT_OK


@command("info")
def _info(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.core import fmt
    from kjc_tui.read import queries
    from kjc_tui.db.store import Store

    db = _database(cfg)
    store = Store(db)
    try:
        print(f"Datenbank:     {db}")
        print(f"Konfiguration: {cfg.file or '(keine, Standardwerte)'}")
        if store.synthetic:
            print("Achtung:       SYNTHETISCHE DATEN (erzeugt, keine echten Zahlen)")
        print()
        print(f"{'Tabelle':<16} {'Bezeichnung':<22} {'Zeilen':>12}  {'Stand':<10}  Quellen")
        for t in queries.table_counts(store):
            as_of = t["as_of"].strftime("%d.%m.%Y") if t["as_of"] else ""
            print(f"{t['table']:<16} {t['label_de']:<22} {fmt.number(t['rows'], 'de'):>12}  {as_of:<10}  {t['sources'] or ''}")
        print()
        print("Quellen (neueste zuerst):")
        for s in queries.sources(store, limit=15):
            print(f"  {s['as_of']:%d.%m.%Y}  {count(s['rows'], 7):<14}  {s['source']}")
        print()
        print("Letzte Ladevorgänge:")
        for ld in queries.loads(store, limit=5):
            print(f"  {ld['loaded_at']:%d.%m.%Y %H:%M}  {ld['action']:<8} {ld['target_table'] or '':<15} "
                  f"{count(ld['rows'] or 0, 9):<16}  {ld['user_name']}  {ld['file'] or ''}")
    finally:
        store.close()
    return EXIT_OK


def count(n: int, width: int = 0) -> str:
    """"1 Zeile" / "12 Zeilen" (the number right-aligned in `width`)."""
    from kjc_tui.core import fmt

    return fmt.count(n, "Zeile", "Zeilen", width=width)



@command("export")
def _export(args: argparse.Namespace, cfg: Any) -> int:
    from kjc_tui.read.browse import BrowseError, relation_names, source_for
    from kjc_tui.read.export import ExportError, export_table, format_for
    from kjc_tui.db.store import Store

    try:
        fmt = format_for(Path(args.output))
    except ExportError as e:
        _err(str(e))
        return EXIT_USAGE
    if args.excel and fmt != "csv":
        _err(f"--excel gibt es nur für .csv (nicht {Path(args.output).suffix}); eine .xlsx-Datei öffnet Excel "
             "ohnehin richtig.")
        return EXIT_USAGE
    store = Store(_database(cfg))
    try:
        try:
            source_for(store, args.table)
        except BrowseError:
            _err(f"unbekannte Tabelle {args.table!r}; bekannt: {', '.join(relation_names(store))}")
            return EXIT_USAGE
        n = export_table(store, args.table, Path(args.output), german_excel=args.excel)
    finally:
        store.close()
    print(f"{count(n)} → {args.output}")
    return EXIT_OK


@command("sql")
def _sql(args: argparse.Namespace, cfg: Any) -> int:
    import csv
    import json

    import duckdb

    from kjc_tui.db.store import QueryRefused, check_select, open_sandbox, write_refusal

    db = _database(cfg)
    try:
        query = check_select(args.query)
    except QueryRefused as e:
        _err(str(e))
        return EXIT_USAGE
    con = open_sandbox(db)
    try:
        rel = con.execute(query)
        names = [d[0] for d in rel.description]
        rows = rel.fetchall()
    except duckdb.Error as e:
        refused = write_refusal(e)
        if refused is not None:
            _err(str(refused))
            return EXIT_USAGE
        from kjc_tui.core.errors import german

        _err("Abfrage fehlgeschlagen: " + german(e))
        return EXIT_ERROR
    finally:
        con.close()
    if args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(names)
        w.writerows(rows)
    elif args.format == "json":
        print(json.dumps([dict(zip(names, r)) for r in rows], default=str, ensure_ascii=False, indent=1))
    else:
        _print_table(names, rows)
    return EXIT_OK


SQL_WIDTH = 40


def _cut(text: str, width: int) -> str:
    """`text` in `width` characters; a cut value ends in "…" (use --format csv for whole values)."""
    return text if len(text) <= width else text[:width - 1] + "…"


def _print_table(names: list[str], rows: list[tuple[Any, ...]]) -> None:
    from kjc_tui.core.fmt import literal

    cells = [[literal("" if v is None else str(v)) for v in r] for r in rows]
    widths = [min(SQL_WIDTH, max([len(n)] + [len(r[i]) for r in cells])) for i, n in enumerate(names)]
    print("  ".join(_cut(n, w).ljust(w) for n, w in zip(names, widths)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(_cut(v, w).ljust(w) for v, w in zip(r, widths)))
    print(f"({count(len(rows))})")


@command("generate")
def _generate(args: argparse.Namespace, cfg: Any) -> int:
    import math

    from kjc_tui.db.snapshot import build_synthetic, demo_path
    from kjc_tui.db.synthetic import MAX_SCALE

    if not (math.isfinite(args.scale) and 0 < args.scale <= MAX_SCALE):
        _err(f"--scale {args.scale:g}: erlaubt ist eine Zahl größer als 0 und höchstens {MAX_SCALE:g} "
             "(1.0 ≈ bundesweit, 0.01 für schnelle Versuche)")
        return EXIT_USAGE
    path = Path(args.output).expanduser() if args.output else demo_path(cfg)
    if args.output and not path.resolve().parent.is_dir():
        _err(f"Das Verzeichnis {path.resolve().parent} gibt es nicht.")
        return EXIT_ERROR
    if path.resolve() == Path(cfg.database_path).resolve() and not args.force:
        _err(f"{path} ist die konfigurierte Datenbank mit den echten Daten; synthetische Daten würden sie "
             "ersetzen. Eine andere Datei mit -o wählen oder bewusst --force angeben.")
        return EXIT_USAGE
    _with_progress(lambda progress: build_synthetic(path, scale=args.scale, seed=args.seed, progress=progress,
                                                    group=cfg.database_group))
    print(f"Synthetische Daten (scale={args.scale}, seed={args.seed}) → {path}")
    from kjc_tui.db.store import Store

    store = Store(path)
    try:
        from kjc_tui.read import queries

        for t in queries.table_counts(store):
            print(f"  {t['table']:<16} {count(t['rows'], 12)}")
    finally:
        store.close()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
