"""Monthly-report benchmark: the Kennzahlen-Bericht of every jobcenter of a synthetic nationwide
release (scale 1.0 = 406 jobcenters), timed per step and per format.

    python bench/report.py                     # generates synthetic.duckdb (scale 1.0) in a temp dir
    python bench/report.py --db synthetic.duckdb --runs 3 --extra K2E3,K3E2

Steps: build (the read layer's model: every value, rank, change, target, mover), layout (words
and formats in German), then each writer: HTML (with inline SVG charts), PDF, XLSX (with native
charts). Each step's median over --runs is printed in seconds, with the file sizes and pages.
The first run includes importing matplotlib/fpdf2; it is reported apart as "first".
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, help="a synthetic database (default: generate one, scale 1.0)")
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--extra", default="", help="supplementary indicators, e.g. K2E3,K3E2")
    args = p.parse_args(argv)

    from kjc_tui.db.store import Store
    from kjc_tui.documents import layout, render
    from kjc_tui.read.reports import build_monthly, resolve_members

    tmp = None
    db = args.db
    if db is None:
        from kjc_tui.db.snapshot import build_synthetic

        tmp = tempfile.TemporaryDirectory(prefix="kjc-bench-report-")
        db = Path(tmp.name) / "synthetic.duckdb"
        t0 = time.perf_counter()
        build_synthetic(db, scale=args.scale, seed=1)
        print(f"generate scale={args.scale}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    extra = tuple(c for c in args.extra.split(",") if c)
    store = Store(db)
    times: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    try:
        for run in range(args.runs + 1):
            t = time.perf_counter()
            rep = build_monthly(store, resolve_members(store, "alle"), extra=extra)
            step = {"build": time.perf_counter() - t}
            t = time.perf_counter()
            doc = layout.monthly(rep, "de")
            step["layout"] = time.perf_counter() - t
            for fmt in ("html", "pdf", "xlsx"):
                t = time.perf_counter()
                data = render(doc, fmt)
                step[fmt] = time.perf_counter() - t
                sizes[fmt] = len(data)
                if fmt == "pdf":
                    from pypdf import PdfReader

                    sizes["pages"] = len(PdfReader(io.BytesIO(data)).pages)
            if run == 0:
                first = step
                continue
            for k, v in step.items():
                times.setdefault(k, []).append(v)
    finally:
        store.close()
    print(f"monthly report, {len(rep.rows)} jobcenters, release {rep.release:%m/%Y}, "
          f"{len(rep.indicators)} indicators, runs={args.runs} (median; first run incl. imports)")
    for k in ("build", "layout", "html", "pdf", "xlsx"):
        med = statistics.median(times[k])
        size = f"  {sizes[k] / 1e6:6.2f} MB" if k in sizes else ""
        print(f"  {k:<7} {med:7.2f} s   first {first[k]:6.2f} s{size}")
    total = sum(statistics.median(times[k]) for k in ("build", "layout", "html", "pdf", "xlsx"))
    print(f"  all three formats {total:.2f} s; PDF pages: {sizes['pages']}")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
