"""Ingest benchmark: `kjc-tui load` against DuckDB's own read_csv + upsert, one table in one run.

    nice python bench/ingest.py                  # 1M and 10M rows (needs ~3 GB of disk, 10+ minutes)
    nice python bench/ingest.py --small          # 100k / 1M rows instead, for a quick look

Every measured step runs in its own Python process, which reports its own wall time and its
peak resident memory (VmHWM from its own /proc/self/status, not the parent's):

* load-1M    a German-Excel CSV of `indicators` (`;`, decimal comma, dd.mm.yyyy, UTF-8 BOM, CRLF, as
             `kjc-tui export --excel` writes it) loaded with `snapshot.load` into a copy of a synthetic
             database (`kjc-tui generate`): read, convert, check, upsert, new snapshot, rename.
* duckdb-1M  the same file, same database copy: DuckDB's read_csv (German options) + DELETE/INSERT upsert
             + CHECKPOINT (no checks, no snapshot copy); the copy of the database file is timed apart.
* bad-1M     the same file with one bad value in its last row: refused, naming that row.
* load-10M   the same for 10M rows into a copy of a 10M-row database.
* xlsx-100k  a 100,000-row XLSX loaded, beside openpyxl read-only iterating the same file alone.
* small-10M  10,000 rows into the database the 10M load made, beside the time to copy its file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time, shutil
from pathlib import Path
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
job = json.loads(sys.argv[1])
t = time.perf_counter()
out = {}
if job["kind"] == "load":
    from kjc_tui.db import snapshot
    from kjc_tui.ingest import Refused
    try:
        r = snapshot.load(Path(job["db"]), [job["file"]], allow_synthetic=True)
        out["rows"] = r.rows
    except Refused as e:
        out["refused"] = [str(p) for p in e.problems[:2]]
elif job["kind"] == "duckdb":
    import duckdb
    con = duckdb.connect(job["db"], config={"threads": 2})
    con.execute("BEGIN")
    con.execute("CREATE TEMP TABLE s AS SELECT * FROM read_csv(?, delim=';', decimal_separator=',', "
                "dateformat='%d.%m.%Y', header=true)", [job["file"]])
    cols = [r[0] for r in con.execute("DESCRIBE s").fetchall()]
    con.execute("DELETE FROM indicators USING s WHERE indicators.jobcenter_id = s.jobcenter_id AND "
                "indicators.period = s.period AND indicators.indicator = s.indicator AND indicators.sex = s.sex")
    con.execute(f"INSERT INTO indicators ({', '.join(cols)}) SELECT * FROM s")
    con.execute("COMMIT")
    con.execute("CHECKPOINT")
    out["rows"] = con.execute("SELECT count(*) FROM s").fetchone()[0]
    con.close()
elif job["kind"] == "openpyxl":
    from openpyxl import load_workbook
    wb = load_workbook(job["file"], read_only=True, data_only=True)
    out["rows"] = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
elif job["kind"] == "copy":
    shutil.copyfile(job["db"], job["db"] + ".copy")
    with open(job["db"] + ".copy", "rb+") as f:
        os.fsync(f.fileno())
    os.unlink(job["db"] + ".copy")
out["seconds"] = time.perf_counter() - t
out["hwm_mb"] = hwm()
print(json.dumps(out))
"""


def child(**job: str) -> dict:
    """One measured step in its own process; a step that fails is reported in the table, the others still run."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", CHILD, json.dumps(job)], capture_output=True, text=True, env=env)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        print(f"  {job['kind']} failed:\n{proc.stderr}", file=sys.stderr)
        return {"seconds": float("nan"), "hwm_mb": float("nan"), "rows": 0, "refused": [f"FAILED: {last[:80]}"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def synthetic_db(path: Path, scale: float) -> Path:
    from kjc_tui.db.snapshot import build_synthetic

    if path.exists():   # kept in --dir from an earlier run
        return path
    t = time.perf_counter()
    build_synthetic(path, scale=scale)
    print(f"  generated {path.name} (scale {scale}) in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return path


def export_csv(db: Path, out: Path, rows: int, copies: int = 1) -> Path:
    """The German-Excel CSV of `kjc-tui export indicators --excel`, first `rows` rows (of `copies` copies of
    the table, each copy's periods 25 years before the previous one's)."""
    import duckdb

    from kjc_tui.read.export import export_query

    if out.exists():
        return out
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = ("SELECT * FROM indicators" if copies == 1 else
               "SELECT i.* REPLACE (CAST(i.period - to_years(CAST(25 * k AS INTEGER)) AS DATE) AS period) "
               f"FROM range({copies}) r(k), indicators i")
        export_query(con, f"{sql} LIMIT {rows}", [], out, "csv", german_excel=True)
    finally:
        con.close()
    return out


def export_xlsx(db: Path, out: Path, rows: int) -> Path:
    import duckdb

    from kjc_tui.read.export import export_query

    if out.exists():
        return out
    con = duckdb.connect(str(db), read_only=True)
    try:
        export_query(con, f"SELECT * FROM indicators LIMIT {rows}", [], out, "xlsx")
    finally:
        con.close()
    return out


def break_last_row(src: Path, out: Path) -> Path:
    """The same file with the value of its last row replaced by a word."""
    data = src.read_bytes()
    body, last = data.rstrip(b"\r\n").rsplit(b"\r\n", 1)
    cells = last.split(b";")
    header = data.split(b"\r\n", 1)[0].lstrip(b"\xef\xbb\xbf").split(b";")
    cells[header.index(b"value")] = b"zw\xc3\xb6lf"
    out.write_bytes(body + b"\r\n" + b";".join(cells) + b"\r\n")
    return out


def fresh_copy(db: Path, name: str) -> Path:
    target = db.with_name(name)
    shutil.copyfile(db, target)
    return target


def indicator_rows(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    finally:
        con.close()


def drop(work: Path, *names: str) -> None:
    """Remove databases of finished steps with their lock files (a kept --dir holds only the inputs)."""
    for name in names:
        for p in (work / name, work / f"{name}.lock"):
            p.unlink(missing_ok=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true", help="100k and 1M rows instead of 1M and 10M")
    ap.add_argument("--tiny", action="store_true", help="20k and 100k rows (checks the script itself)")
    ap.add_argument("--dir", help="working directory (default: a temporary one, removed afterwards)")
    args = ap.parse_args()
    n1, n10 = (20_000, 100_000) if args.tiny else (100_000, 1_000_000) if args.small else (1_000_000, 10_000_000)
    nx = 5_000 if args.tiny else 100_000
    work = Path(args.dir or tempfile.mkdtemp(prefix="kjc-bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = Table()
    try:
        # 13,281 indicator rows per jobcenter, 406 jobcenters at scale 1 (kjc_tui.db.synthetic)
        db1 = synthetic_db(work / "syn1.duckdb", round(n1 / 5_392_086 * 1.02 + 0.005, 3))
        csv1 = export_csv(db1, work / "ind1.csv", n1)
        bad1 = break_last_row(csv1, work / "ind1_bad.csv")
        xlsx = export_xlsx(db1, work / f"ind{nx}.xlsx", nx)

        load1 = child(kind="load", db=str(fresh_copy(db1, "a.duckdb")), file=str(csv1))
        copy1 = child(kind="copy", db=str(db1))
        duck1 = child(kind="duckdb", db=str(fresh_copy(db1, "b.duckdb")), file=str(csv1))
        bad = child(kind="load", db=str(fresh_copy(db1, "c.duckdb")), file=str(bad1))
        rows.append((f"load {n1:,} rows (CSV, German Excel)", f"{load1['seconds']:.2f} s",
                     f"{load1['hwm_mb']:.0f} MB", f"{load1['rows']:,} rows"))
        base = duck1["seconds"] + copy1["seconds"]
        rows.append(("  DuckDB read_csv + upsert, same file/db", f"{duck1['seconds']:.2f} s",
                     f"{duck1['hwm_mb']:.0f} MB", f"+ copy of the db file {copy1['seconds']:.2f} s"))
        rows.append(("  ratio load / (DuckDB + copy)", f"{load1['seconds'] / base:.2f}×", "",
                     f"load / DuckDB alone: {load1['seconds'] / duck1['seconds']:.2f}×"))
        rows.append(("same file, bad value in last row", f"{bad['seconds']:.2f} s", f"{bad['hwm_mb']:.0f} MB",
                     (bad.get("refused") or ["NOT REFUSED"])[0].rsplit("/", 1)[-1][:90]))
        rows.append(("  ratio refusal / load", f"{bad['seconds'] / load1['seconds']:.2f}×", "", ""))
        drop(work, "a.duckdb", "b.duckdb", "c.duckdb")

        openpyxl_only = child(kind="openpyxl", file=str(xlsx))
        loadx = child(kind="load", db=str(fresh_copy(db1, "x.duckdb")), file=str(xlsx))
        drop(work, "x.duckdb")
        rows.append((f"load {nx:,} rows (XLSX)", f"{loadx['seconds']:.2f} s", f"{loadx['hwm_mb']:.0f} MB",
                     f"openpyxl read-only alone {openpyxl_only['seconds']:.2f} s → "
                     f"{loadx['seconds'] / openpyxl_only['seconds']:.2f}×"))
        # 10M rows: the same table ten times, each copy's periods 25 years earlier (distinct keys, same shape)
        csv10 = export_csv(db1, work / "ind10.csv", n10, copies=-(-n10 // n1))
        small = export_csv(db1, work / "ind10k.csv", 10_000)
        db10 = fresh_copy(db1, "syn10.duckdb")
        load10 = child(kind="load", db=str(db10), file=str(csv10))
        rows.append((f"load {load10.get('rows', 0):,} rows (CSV, German Excel)", f"{load10['seconds']:.2f} s",
                     f"{load10['hwm_mb']:.0f} MB", f"into a copy of the {n1 // 1000:,}k-row database"))
        copy10 = child(kind="copy", db=str(db10))
        loads = child(kind="load", db=str(fresh_copy(db10, "e.duckdb")), file=str(small))
        size = db10.stat().st_size / 1e6
        total = indicator_rows(db10)
        rows.append((f"load 10,000 rows into the {total:,}-row db",
                     f"{loads['seconds']:.2f} s", f"{loads['hwm_mb']:.0f} MB",
                     f"copy of the db file ({size:,.0f} MB) alone {copy10['seconds']:.2f} s"))
        drop(work, "e.duckdb", "syn10.duckdb")
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    rows.show()


class Table(list):
    """The rows measured so far; each is also printed (to stderr) as soon as it is measured."""

    def append(self, row: tuple[str, str, str, str]) -> None:
        super().append(row)
        print("  " + " | ".join(row), file=sys.stderr, flush=True)

    def show(self) -> None:
        head = ("step", "time", "peak RSS (VmHWM)", "note")
        widths = [max(len(r[i]) for r in [*self, head]) for i in range(4)]
        print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
        print("|-" + "-|-".join("-" * w for w in widths) + "-|")
        for r in self:
            print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")


if __name__ == "__main__":
    main()
