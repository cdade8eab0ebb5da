"""`kjc-tui generate`: a synthetic database for the demo and benchmarks."""

from __future__ import annotations

import argparse
from typing import Any

from pathlib import Path

from kjc_tui.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Command, count, err
from kjc_tui.cli.progress import with_progress


def _generate(args: argparse.Namespace, cfg: Any) -> int:
    import math

    from kjc_tui.db.snapshot import build_synthetic, demo_path
    from kjc_tui.read.summary import summarise
    from kjc_tui.db.synthetic import MAX_SCALE

    if not (math.isfinite(args.scale) and 0 < args.scale <= MAX_SCALE):
        err(f"--scale {args.scale:g}: erlaubt ist eine Zahl größer als 0 und höchstens {MAX_SCALE:g} "
             "(1.0 ≈ bundesweit, 0.01 für schnelle Versuche)")
        return EXIT_USAGE
    path = Path(args.output).expanduser() if args.output else demo_path(cfg)
    if args.output and not path.resolve().parent.is_dir():
        err(f"Das Verzeichnis {path.resolve().parent} gibt es nicht.")
        return EXIT_ERROR
    if path.resolve() == Path(cfg.database_path).resolve() and not args.force:
        err(f"{path} ist die konfigurierte Datenbank mit den echten Daten; synthetische Daten würden sie "
             "ersetzen. Eine andere Datei mit -o wählen oder bewusst --force angeben.")
        return EXIT_USAGE
    with_progress(lambda progress: build_synthetic(path, scale=args.scale, seed=args.seed, progress=progress,
                                                    group=cfg.database_group, summarise=summarise))
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


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scale", type=float, default=1.0,
                   help="1.0 ≈ bundesweit (406 Jobcenter); größer als 0, höchstens 25")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("-o", "--output", metavar="DATEI", help="Zieldatei (Standard: synthetic.duckdb im Datenverzeichnis)")
    p.add_argument("--force", action="store_true", help="auch die konfigurierte (echte) Datenbank überschreiben")


COMMAND = Command("generate", "synthetische Daten (für Demo und Benchmarks) erzeugen",
                  "Erzeugt eine deterministische synthetische Datenbank mit demselben Schema, "
                  "als synthetisch markiert. Die konfigurierte Datenbank wird nur mit --force "
                  "überschrieben.",
                  _add_arguments, _generate)
