"""Start-up benchmark: process start → first complete Übersicht frame, next to a bare Textual app.

Each candidate runs as its own Python process in a pseudo-terminal (a real terminal driver,
not headless). The app writes the wall-clock time of its first complete frame to a file
named by $KJC_BENCH_READY_FILE and exits; the benchmark subtracts the time it spawned the
process. Candidates alternate, several repetitions; medians and their ratio are printed.

"Complete" (`KjcApp.start_done`): after the refresh that shows the Übersicht's data, with the
footer's keys for the focused table and the status line as they stay. Not in it: the district
tile map at the end of the Übersicht (below the first screen at 80×24), which loads its own data
once the database is open in the app.

    python bench/startup.py                 # builds a database from data/ in a temp dir
    python bench/startup.py --db kjc.duckdb --runs 9 --size 120x40 --cli

Candidates (each `kjc_tui.ui.app.run(...)` until the Übersicht is filled, unless said):
  bare        a Textual app that shows one Label (the baseline)
  kjc-cold    the first start after a load: the database as `kjc-tui load` leaves it (a load of
              data/events.csv by the command line, in a subprocess), with the Übersicht the writer
              kept beside the snapshot and nothing in the user's cache
  kjc         a later start on a database without that summary (built by an older version):
              the per-user cache of its Übersicht filled by the start before
  kjc-nosum   the first start on a database without a summary, nothing cached: the Übersicht
              comes from the helper process (DuckDB on another CPU while Textual starts)
  kjc-cli     `python -m kjc_tui --db …` (adds argument parsing, config lookup, ensure_database)

The databases are copies in a temporary directory (with --db, of that file; it is not changed).
The cache lives in a temporary XDG_CACHE_HOME, not in the user's. The package's bytecode is
compiled first, as an installed package has it (with PYTHONDONTWRITEBYTECODE set, every
candidate would otherwise compile kjc_tui's sources on each start, while Textual's are compiled).
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY_ENV = "KJC_BENCH_READY_FILE"
#: the aims of issue 14 for the median ratio to the bare app
AIMS = {"kjc": 1.3, "kjc-cold": 1.6}

BARE = """
import os, time
from pathlib import Path
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Hallo")
    def on_mount(self):
        self.call_after_refresh(self.ready)
    def ready(self):
        Path(os.environ["KJC_BENCH_READY_FILE"]).write_text(repr(time.time()))
        self.exit()

Bare().run()
"""

KJC = """
import sys
from pathlib import Path
from kjc_tui.core.config import Config
from kjc_tui.ui.app import run
db = Path(sys.argv[1])
run(Config(database_path=db, user_file=db.with_name("user.toml")), db_path=db)
"""


def _drain(fd: int) -> None:
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def run_once(argv: list[str], size: tuple[int, int], extra_env: dict[str, str],
             timeout: float = 60.0) -> tuple[float, float]:
    """(seconds from spawning `argv` to the time it wrote into the ready file,
    CPU seconds the process used in all); CPU time is steadier on a busy machine."""
    with tempfile.TemporaryDirectory() as tmp:
        ready = Path(tmp) / "ready"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, READY_ENV: str(ready), "TERM": os.environ.get("TERM", "xterm-256color"),
               "COLUMNS": str(size[0]), "LINES": str(size[1]), "PYTHONPATH": str(ROOT), **extra_env}
        env.pop("TEXTUAL", None)
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        start = time.time()
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=tmp,
                                start_new_session=True)
        os.close(slave)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            timer.cancel()
            os.close(master)
        if not ready.exists():
            raise RuntimeError(f"{argv[:3]} exited ({proc.returncode}) without drawing its first frame")
        return float(ready.read_text()) - start, usage.ru_utime + usage.ru_stime


def build_database(target: Path) -> Path:
    """A database from data/ without a summary (as an older version built it)."""
    sys.path.insert(0, str(ROOT))
    from kjc_tui.db import snapshot

    snapshot.build(target, snapshot.embedded_files())
    return target


def databases(tmp: Path, given: Path | None) -> tuple[Path, Path]:
    """(the database after a load by `kjc-tui load`, with its summary; a copy of the same data
    without one). Both in `tmp`; `given` (--db) is only read."""
    import shutil

    (tmp / "loaded").mkdir()
    (tmp / "old").mkdir()
    loaded, old = tmp / "loaded" / "kjc.duckdb", tmp / "old" / "kjc.duckdb"
    if given is None:
        build_database(loaded)
    else:
        shutil.copyfile(given, loaded)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp / "config")}
    env.pop("KJC_CONFIG", None)  # no configuration of the user's: the load as it comes
    subprocess.run([sys.executable, "-m", "kjc_tui", "--db", str(loaded), "load", str(ROOT / "data" / "events.csv")],
                   cwd=tmp, env=env, check=True, stdout=subprocess.DEVNULL)
    from kjc_tui.core import sidecar

    if sidecar.read(sidecar.summary_file(loaded), loaded) is None:
        raise RuntimeError("the load left no summary beside the snapshot")
    shutil.copyfile(loaded, old)  # another file: no summary names it
    return loaded, old


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", type=Path, help="database to open (default: built from data/ in a temp dir)")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--size", default="80x24", help="terminal size, e.g. 120x40")
    p.add_argument("--cli", action="store_true", help="also measure `python -m kjc_tui` (the full command)")
    args = p.parse_args(argv)
    size = tuple(int(x) for x in args.size.lower().split("x"))
    assert len(size) == 2

    compileall.compile_dir(ROOT / "kjc_tui", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        db, old = databases(Path(tmp), args.db.resolve() if args.db else None)
        cache = {"XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        candidates: dict[str, tuple[list[str], dict[str, str]]] = {
            "bare": ([sys.executable, "-c", BARE], {}),
            "kjc-cold": ([sys.executable, "-c", KJC, str(db)], {**cache, "KJC_NO_CACHE": "1"}),
            "kjc": ([sys.executable, "-c", KJC, str(old)], cache),
            "kjc-nosum": ([sys.executable, "-c", KJC, str(old)], {**cache, "KJC_NO_CACHE": "1"}),
        }
        if args.cli:
            candidates["kjc-cli"] = ([sys.executable, "-m", "kjc_tui", "--db", str(db)], cache)
        # one warm-up round (file cache, .pyc, the per-user cache of `kjc`), not counted
        for cmd, env in candidates.values():
            run_once(cmd, size, env)
        times: dict[str, list[float]] = {name: [] for name in candidates}
        cpu: dict[str, list[float]] = {name: [] for name in candidates}
        for _ in range(args.runs):
            for name, (cmd, env) in candidates.items():
                wall, used = run_once(cmd, size, env)
                times[name].append(wall)
                cpu[name].append(used)

    print(f"Start-up to first complete frame, {args.runs} runs, terminal {size[0]}×{size[1]}, "
          f"Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'':10} {'median':>8} {'min':>8} {'max':>8}   {'CPU median':>10}")
    for name, ts in times.items():
        print(f"{name:10} {statistics.median(ts):8.3f} {min(ts):8.3f} {max(ts):8.3f} s {statistics.median(cpu[name]):8.3f} s")
    for name in candidates:
        if name != "bare":
            wall = statistics.median(times[name]) / statistics.median(times["bare"])
            best = min(times[name]) / min(times["bare"])
            used = statistics.median(cpu[name]) / statistics.median(cpu["bare"])
            aim = f"  (aim < {AIMS[name]})" if name in AIMS else ""
            print(f"ratio {name}/bare: {wall:.2f} (medians), {best:.2f} (best runs), CPU {used:.2f}{aim}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
