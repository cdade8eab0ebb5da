"""§ 48a ZIP benchmark: a nationwide monthly ZIP through `kjc-tui load`'s layout, time and peak memory.

Builds a ZIP in the publisher's shape (tests/fixtures/publishers.py) with `--traeger` Träger ×
15 Kennzahlen × 3 sexes × `--months` months, of which the 26 Hessian jobcenters (keys 06411 …)
are in the database; converts it with the § 48a layout (streamed, member by member), then loads
it into a database built from data/. Prints rows, seconds (wall and CPU: the machine may be
shared), the conversion's peak Python memory (tracemalloc) and the peak RSS growth of the load.

    python bench/layouts_48a.py                     # 406 Träger, 12 months: ~220,000 rows
    python bench/layouts_48a.py --months 48         # ~880,000 rows
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CODES = ("K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4",
         "K3", "K3E1", "K3E2", "K3E3", "K3E4")
HESSEN = ("06411", "06412", "06413", "06414", "06431", "06432", "06433", "06434", "06435", "06436", "06437",
          "06438", "06439", "06440", "06531", "06532", "06533", "06534", "06535", "06611", "06631", "06632",
          "06633", "06634", "06635", "06636")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--traeger", type=int, default=406)
    ap.add_argument("--months", type=int, default=12)
    args = ap.parse_args()

    from fixtures.publishers import k48a_csv, zip_of

    from kjc_tui.db import snapshot
    from kjc_tui.ingest.layouts import kennzahlen_48a
    from kjc_tui.ingest.layouts.common import Lookup

    keys = list(HESSEN) + [f"{10000 + i:05d}" for i in range(args.traeger - len(HESSEN))]
    members = {}
    for m in range(args.months):
        month = f"{2022 + m // 12}-{m % 12 + 1:02d}"
        rows = tuple((k, f"Träger {k}", "IIb", month, c, sex, "12,5", "125", "1.000")
                     for k in keys for c in CODES for sex in ("Insgesamt", "Frauen", "Männer"))
        members[f"dl_48a_daten_statistikba_{month.replace('-', '_')}.csv"] = k48a_csv(rows)
    data = zip_of(members)
    total = len(keys) * len(CODES) * 3 * args.months
    print(f"ZIP: {len(data) / 1e6:.1f} MB, {args.months} members, {total:,} rows "
          f"({sum(len(v) for v in members.values()) / 1e6:.0f} MB unzipped)")
    del members
    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "kjc.duckdb"
        snapshot.build(db, snapshot.embedded_files())
        lookup = Lookup({a: a for a in HESSEN}, {f"JC-{a}": a for a in HESSEN}, set(CODES))
        t, c = time.perf_counter(), time.process_time()
        result = kennzahlen_48a.convert(data, "k.zip", lookup, source="bench")
        t_convert, c_convert = time.perf_counter() - t, time.process_time() - c
        kept = sum(f.data.count(b";bench;") for f in result.files)
        tracemalloc.start()
        kennzahlen_48a.convert(data, "k.zip", lookup, source="bench")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"convert: {t_convert:.2f} s wall, {c_convert:.2f} s CPU, {kept:,} rows kept, "
              f"peak Python memory {peak / 1e6:.1f} MB (tracemalloc, second run)")
        base = rss_mb()
        zpath = Path(d) / "k.zip"
        zpath.write_bytes(data)
        t, c = time.perf_counter(), time.process_time()
        res = snapshot.load(db, [zpath])
        t_load, c_load = time.perf_counter() - t, time.process_time() - c
        loaded = sum(n for _, _, n in res.files)
        print(f"kjc-tui load: {t_load:.2f} s wall, {c_load:.2f} s CPU, {loaded:,} rows loaded, "
              f"peak RSS +{rss_mb() - base:.0f} MB over the built database")


if __name__ == "__main__":
    main()
