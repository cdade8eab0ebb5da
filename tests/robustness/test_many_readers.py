"""Many readers, one writer: twenty reader processes, loads again and again, loads killed by SIGKILL.

Every load replaces the `indicators` table by one *batch*: all its rows carry the batch's tag
and row count in `note` ("L1-3/127"), and the load adds one row to `loads`. A reader checks in
every snapshot it sees that the table holds exactly one whole batch, that the newest `loads`
row names the same batch, and that the number of loads never goes back. So a half-written
snapshot, a mixed one or an old one after a reopen would all be caught.
"""

from __future__ import annotations

import grp
import hashlib
import json
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from filelock import FileLock

from dataset import build_db, german_excel_csv
from kjc_tui.db import snapshot
from kjc_tui.db.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}

pytestmark = pytest.mark.slow

# -- batches ------------------------------------------------------------------------------

CHECK_SQL = """
SELECT (SELECT count(*) FROM loads WHERE action = 'replace') AS seq,
       (SELECT file FROM loads ORDER BY load_id DESC LIMIT 1) AS last_file,
       count(*) AS n, min(note) AS lo, max(note) AS hi, count(DISTINCT source) AS sources
FROM indicators
"""


def batch_file(directory: Path, tag: str, n: int) -> Path:
    """A German Excel CSV with `n` rows, all tagged "<tag>/<n>"."""
    rows = [f"06437;{1900 + i // 12}-{i % 12 + 1:02d};BG;{i};https://x.example/{tag};01.01.2025;{tag}/{n}"
            for i in range(n)]
    f = directory / f"{tag}.csv"
    f.write_bytes(german_excel_csv(rows, header="Kreisschlüssel;Monat;Kennzahl;Wert;Quelle;Stand;Hinweis"))
    return f


def check_snapshot(store: Store) -> tuple[int, str | None]:
    """(number of loads, batch tag) of a snapshot; AssertionError if it is not one whole batch."""
    seq, last_file, n, lo, hi, sources = store.tuples(CHECK_SQL)[1][0]
    if n == 0:
        assert seq == 0, f"{seq} loads recorded but no rows"
        return 0, None
    assert lo == hi, f"rows of two batches in one snapshot: {lo!r} and {hi!r}"
    tag, count = lo.split("/")
    assert int(count) == n, f"batch {tag} has {n} of {count} rows"
    assert sources == 1
    assert Path(last_file).stem == tag, f"newest load {last_file!r} but rows of {tag}"
    return seq, tag


# the same checks, inside a reader process (kept in sync with check_snapshot above)
READER = textwrap.dedent('''
    import json, random, sys, time
    from pathlib import Path
    from kjc_tui.db.store import Store
    db, final, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    SQL = """@SQL@"""
    def check(store):
        seq, last_file, n, lo, hi, sources = store.tuples(SQL)[1][0]
        if n == 0:
            assert seq == 0, (seq, n)
            return 0
        assert lo == hi, (lo, hi)
        tag, count = lo.split("/")
        assert int(count) == n, (tag, n, count)
        assert sources == 1 and Path(last_file).stem == tag, (sources, last_file, tag)
        return seq
    errors, seen, reopens, checks = [], [], 0, 0
    store = Store(db)
    print("ready", flush=True)
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        try:
            if store.is_stale():
                store = store.reopen()
                reopens += 1
            seq = check(store)
            checks += 1
            if seq < last:
                errors.append(f"went back from {last} to {seq}")
            if seq != last:
                seen.append(seq)
            last = seq
            if seq >= final and not store.is_stale():
                break
        except Exception as e:
            errors.append(f"{type(e).__name__}: {e}")
        time.sleep(random.uniform(0.0, 0.03))
    print(json.dumps({"errors": errors[:20], "seen": seen, "reopens": reopens, "checks": checks, "last": last}),
          flush=True)
''').replace("@SQL@", CHECK_SQL)

LOADER = textwrap.dedent('''
    import sys
    from pathlib import Path
    from kjc_tui.db import snapshot
    db = Path(sys.argv[1])
    for f in sys.argv[2:]:
        snapshot.load(db, [f], replace=True)
        print("loaded", f, flush=True)
''')


# -- twenty readers, repeated loads ----------------------------------------------------------

READERS = 20
LOADERS = 2
LOADS_EACH = 6


def test_twenty_readers_while_loads_run_again_and_again(tmp_path):
    db = build_db(tmp_path)
    rng = random.Random(7)
    batches = [[batch_file(tmp_path, f"L{j}-{i}", rng.randint(1, 400)) for i in range(LOADS_EACH)]
               for j in range(LOADERS)]
    total = LOADERS * LOADS_EACH
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(db), str(total), "120"], env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(READERS)]
    loaders: list[subprocess.Popen] = []
    try:
        for r in readers:  # all readers hold the first snapshot before any load starts
            assert r.stdout.readline().strip() == "ready", r.stderr.read()
        loaders = [subprocess.Popen([sys.executable, "-c", LOADER, str(db), *map(str, files)], env=ENV,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for files in batches]
        for ld in loaders:
            out, err = ld.communicate(timeout=150)
            assert ld.returncode == 0, err
            assert out.count("loaded") == LOADS_EACH
        reports = []
        for r in readers:
            out, err = r.communicate(timeout=150)
            assert r.returncode == 0, err
            reports.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for p in readers + loaders:
            if p.poll() is None:
                p.kill()
                p.wait()
    # every load landed, in one piece
    store = Store(db)
    try:
        seq, tag = check_snapshot(store)
        assert seq == total
        assert store.scalar("SELECT count(*) FROM loads WHERE action = 'replace'") == total
        landed = {Path(r[0]).stem for r in store.tuples("SELECT file FROM loads WHERE action = 'replace'")[1]}
        assert landed == {f.stem for files in batches for f in files}
    finally:
        store.close()
    for rep in reports:
        assert rep["errors"] == [], rep
        assert rep["last"] == total, rep           # reached the newest data
        assert rep["reopens"] >= 1, rep
        assert rep["seen"] == sorted(rep["seen"]), rep
    # between them the readers saw many snapshots, not just the first and the last
    assert len({s for rep in reports for s in rep["seen"]}) >= 4
    assert leftovers(db) == []


def leftovers(db: Path) -> list[str]:
    """Files beside the database other than the database and its lock file."""
    return sorted(p.name for p in db.parent.iterdir()
                  if p.name.startswith(db.name) and p.name not in (db.name, db.name + ".lock"))


# -- SIGKILL during loads ---------------------------------------------------------------------

KILLED_LOADER = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from kjc_tui.db import snapshot
    db = Path(sys.argv[1])
    print("start", flush=True)
    t = time.monotonic()
    snapshot.load(db, [sys.argv[2]], replace=True)
    print("done", time.monotonic() - t, flush=True)
''')

KILLS = 18


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_load_killed_at_random_moments_leaves_previous_snapshot_and_next_load_works(tmp_path):
    db = build_db(tmp_path)
    tmpdir = tmp_path / "systmp"      # the loaders' $TMPDIR: nothing may be left there either
    tmpdir.mkdir()
    env = {**ENV, "TMPDIR": str(tmpdir)}
    files = tmp_path / "files"
    files.mkdir()
    snapshot.load(db, [batch_file(files, "base", 50)], replace=True)
    rng = random.Random(int(os.environ.get("KJC_KILL_SEED", "11")))

    def run_loader(f: Path, cli: bool) -> subprocess.Popen:
        if cli:
            cmd = [sys.executable, "-m", "kjc_tui", "--db", str(db), "load", "--replace", str(f)]
            proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
        else:
            proc = subprocess.Popen([sys.executable, "-c", KILLED_LOADER, str(db), str(f)], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            assert proc.stdout.readline().strip() == "start"
        return proc

    # how long an undisturbed load of a big batch takes here
    proc = run_loader(batch_file(files, "timing", 4000), cli=False)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    duration = float(out.split()[-1])
    current_tag, current_digest = "timing", _digest(db)
    outcomes = {"kept": 0, "landed": 0}
    scale = 1.3   # kill within scale × the undisturbed duration; adapted so that most kills hit a running load
    for i in range(KILLS):
        cli = i % 6 == 5   # now and then the real command, killed anywhere in its life
        f = batch_file(files, f"k{i}", rng.randint(2000, 6000))
        proc = run_loader(f, cli)
        delay = rng.uniform(0, scale * duration + (0.8 if cli else 0.0))
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        # the lock died with the process
        lock = FileLock(str(db) + ".lock", timeout=0)
        lock.acquire()
        lock.release()
        store = Store(db)   # opens, and holds one whole batch: the old one or the new one
        try:
            _seq, tag = check_snapshot(store)
            for table in ("districts", "jobcenters", "indicator_defs", "indicators", "loads", "meta"):
                store.tuples(f"SELECT * FROM {table}")   # every block read (DuckDB checks block checksums)
        finally:
            store.close()
        if tag == current_tag:
            outcomes["kept"] += 1
            scale = min(1.3, scale * 1.1)
            assert _digest(db) == current_digest, f"kill {i} after {delay:.3f}s changed the file but not the data"
        else:
            assert tag == f.stem, (tag, f.stem)
            outcomes["landed"] += 1
            scale *= 0.7
            current_tag, current_digest = tag, _digest(db)
    print("SIGKILL outcomes:", outcomes)
    # most kills hit a load in progress (some may land first: that is fine as well)
    assert outcomes["kept"] >= KILLS // 3, outcomes
    # the next load works without any cleanup and removes what the killed ones left
    final = batch_file(files, "final", 10)
    proc = subprocess.run([sys.executable, "-c", KILLED_LOADER, str(db), str(final)], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    store = Store(db)
    try:
        assert check_snapshot(store)[1] == "final"
    finally:
        store.close()
    assert leftovers(db) == []
    assert sorted(os.listdir(tmpdir)) == []


def test_stale_temporaries_of_every_shape_are_removed(tmp_path):
    """What a killed load can leave: the copy, its WAL, DuckDB's spill directory, staging files."""
    db = build_db(tmp_path)
    base = db.name + ".tmp-4242-0badf00d"
    (tmp_path / base).write_bytes(b"half a database")
    (tmp_path / (base + ".wal")).write_bytes(b"half a log")
    spill = tmp_path / (base + ".tmp")
    spill.mkdir()
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"x" * 100)
    other = tmp_path / "other.duckdb.tmp-1-aa"          # another database's temporary: not ours
    other.write_bytes(b"keep")
    snapshot.load(db, [batch_file(tmp_path, "b", 3)], replace=True)
    assert leftovers(db) == []
    assert other.read_bytes() == b"keep"


def test_load_waits_for_running_load_instead_of_removing_its_temporary(tmp_path):
    """Temporaries are only removed under the lock: a load in progress keeps its own."""
    db = build_db(tmp_path)
    tmp = db.with_name(db.name + ".tmp-1-inprogress")
    with snapshot.write_lock(db):
        tmp.write_bytes(b"being written")
        with pytest.raises(snapshot.SnapshotError, match="anderer Ladevorgang"):
            with snapshot.write_lock(db, timeout=0.2):
                pass   # pragma: no cover
        assert tmp.exists()
    with snapshot.write_lock(db):
        assert not tmp.exists()


# -- permissions ------------------------------------------------------------------------------


def primary_group() -> str:
    return grp.getgrgid(os.getgid()).gr_name


def test_group_option_gives_group_read_access(tmp_path):
    group = primary_group()
    db = tmp_path / "shared.duckdb"
    snapshot.build(db, __import__("dataset").write_master(tmp_path / "m"), group=group)
    st = db.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640 and st.st_gid == os.getgid()
    snapshot.load(db, [batch_file(tmp_path, "g", 2)], replace=True, group=group)
    st = db.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640 and grp.getgrgid(st.st_gid).gr_name == group
    # without a group the file is the user's alone
    snapshot.load(db, [batch_file(tmp_path, "h", 2)], replace=True)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_group_option_through_config_and_cli(tmp_path, monkeypatch):
    from kjc_tui.cli.main import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    db = build_db(tmp_path)
    (tmp_path / "kjc.toml").write_text(f'[database]\npath = "{db}"\ngroup = "{primary_group()}"\n')
    assert main(["load", "--replace", str(batch_file(tmp_path, "c", 3))]) == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o640


def test_unknown_group_is_refused_and_database_unchanged(tmp_path):
    db = build_db(tmp_path)
    before = db.read_bytes()
    with pytest.raises(snapshot.SnapshotError, match="Gruppe 'keine-solche-gruppe-xyz'"):
        snapshot.load(db, [batch_file(tmp_path, "u", 2)], group="keine-solche-gruppe-xyz")
    assert db.read_bytes() == before
    assert leftovers(db) == []


def test_unreadable_database_message_path(tmp_path, monkeypatch):
    """The message itself, whoever runs the tests (as root os.access is always True)."""
    db = build_db(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if Path(p) == db else real_access(p, mode))
    with pytest.raises(StoreError) as exc:
        Store(db)
    msg = str(exc.value)
    owner = f"{__import__('pwd').getpwuid(os.getuid()).pw_name}:{primary_group()}"
    assert msg == (f"Keine Leserechte für {db}. Die Datenbank gehört {owner}; "
                   "bitte die Verwaltung um Aufnahme in deren Gruppe bitten.")


def test_unreadable_database_message_in_cli(tmp_path, monkeypatch, capsys):
    from kjc_tui.cli.main import EXIT_ERROR, main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    db = build_db(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if Path(p) == db else real_access(p, mode))
    assert main(["--db", str(db), "info"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"kjc-tui: Keine Leserechte für {db}.") and "Traceback" not in err


DENIED = textwrap.dedent('''
    import os, sys
    from kjc_tui.db.store import Store, StoreError
    if os.getuid() == 0:               # root reads everything: become somebody else first
        os.setgroups([]); os.setgid(65534); os.setuid(65534)
    try:
        Store(sys.argv[1])
    except StoreError as e:
        print(e)
        sys.exit(0)
    print("opened")
    sys.exit(1)
''')


def test_user_who_cannot_read_gets_clear_message(tmp_path):
    """A real second user (as root: a process that drops to nobody; otherwise chmod 000)."""
    shared = Path(tempfile.mkdtemp(prefix="kjc-shared-"))
    try:
        os.chmod(shared, 0o755)
        db = build_db(shared)
        if os.getuid() != 0:
            os.chmod(db, 0)
        else:
            assert stat.S_IMODE(db.stat().st_mode) == 0o600
        proc = subprocess.run([sys.executable, "-c", DENIED, str(db)], env=ENV, capture_output=True, text=True,
                              timeout=60)
        if os.getuid() == 0 and "Permission denied" in proc.stderr and "Store" not in proc.stderr:
            pytest.skip("cannot drop privileges here: " + proc.stderr.strip().splitlines()[-1])
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert proc.stdout.startswith(f"Keine Leserechte für {db}. Die Datenbank gehört "), proc.stdout
        assert "Verwaltung um Aufnahme in deren Gruppe" in proc.stdout
    finally:
        import shutil

        for p in shared.rglob("*"):
            os.chmod(p, 0o700) if p.is_dir() else os.chmod(p, 0o600)
        shutil.rmtree(shared, ignore_errors=True)


FIRST_START = textwrap.dedent('''
    import sys, types
    from pathlib import Path
    from kjc_tui.db import snapshot
    cfg = types.SimpleNamespace(database_path=Path(sys.argv[1]), database_group=None)
    sys.stdin.readline()                      # all start together
    print(snapshot.ensure_database(cfg), flush=True)
''')


def test_many_first_starts_at_once_build_the_database_once(tmp_path):
    """Six users start kjc-tui for the first time in the same second: one builds, the others wait and use it."""
    db = tmp_path / "shared" / "kjc.duckdb"
    procs = [subprocess.Popen([sys.executable, "-c", FIRST_START, str(db)], env=ENV, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    try:
        time.sleep(1.0)
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            assert out.strip() == str(db)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    store = Store(db)
    try:
        n_files = len(snapshot.embedded_files())
        assert store.scalar("SELECT count(*) FROM loads") == n_files    # built once, not six times
    finally:
        store.close()
    assert leftovers(db) == []


MEMBER = textwrap.dedent('''
    import os, sys
    from kjc_tui.db.store import Store
    os.setgroups([int(sys.argv[2])]); os.setgid(65534); os.setuid(65534)   # nobody, member of the group
    s = Store(sys.argv[1])
    print(s.scalar("SELECT count(*) FROM districts"), os.access(os.path.dirname(sys.argv[1]), os.W_OK))
    s.close()
''')


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to act as another user in the group")
def test_group_member_reads_shared_database_from_a_directory_it_cannot_write(tmp_path):
    """The shared set-up: the file 0640 with [database] group, another user in that group, a directory
    they may not write to. Reading needs nothing else (no lock or WAL file is created)."""
    shared = Path(tempfile.mkdtemp(prefix="kjc-shared-"))
    try:
        os.chmod(shared, 0o755)
        db = shared / "kjc.duckdb"
        group = primary_group()
        snapshot.build(db, __import__("dataset").write_master(tmp_path / "m"), group=group)
        assert stat.S_IMODE(db.stat().st_mode) == 0o640
        before = sorted(os.listdir(shared))
        proc = subprocess.run([sys.executable, "-c", MEMBER, str(db), str(grp.getgrnam(group).gr_gid)], env=ENV,
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.split() == ["3", "False"]
        assert sorted(os.listdir(shared)) == before
    finally:
        import shutil

        shutil.rmtree(shared, ignore_errors=True)


SECOND_LOADER = textwrap.dedent('''
    import os, sys, grp, json, tempfile, getpass, pwd
    import encodings.cp1252, encodings.utf_16, encodings.latin_1
    from pathlib import Path
    from kjc_tui.db import snapshot
    from kjc_tui.ingest import read_raw
    from kjc_tui.ingest.validate import recognise
    os.setgroups([int(sys.argv[3])]); os.setgid(65534); os.setuid(65534)   # another member of the group
    os.umask(0o002)
    r = snapshot.load(Path(sys.argv[1]), [sys.argv[2]], replace=True, group=sys.argv[4])
    print("loaded", r.rows)
''')


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to act as another user in the group")
def test_second_group_member_can_load_after_the_first(tmp_path):
    """The lock file the first loader created must not lock the others out (it is created 0660)."""
    shared = Path(tempfile.mkdtemp(prefix="kjc-shared-"))
    try:
        os.chmod(shared, 0o2775)                       # setgid directory of the group
        group = primary_group()
        gid = grp.getgrnam(group).gr_gid
        os.chown(shared, -1, gid)
        db = shared / "kjc.duckdb"
        snapshot.build(db, __import__("dataset").write_master(tmp_path / "m"), group=group)
        assert stat.S_IMODE((shared / "kjc.duckdb.lock").stat().st_mode) == 0o660
        files = Path(tempfile.mkdtemp(prefix="kjc-files-"))
        os.chmod(files, 0o755)
        f = batch_file(files, "b", 3)
        os.chmod(f, 0o644)
        proc = subprocess.run([sys.executable, "-c", SECOND_LOADER, str(db), str(f), str(gid), group],
                              env={**ENV, "TMPDIR": str(shared)}, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.split() == ["loaded", "3"]
        st = db.stat()
        assert st.st_uid == 65534 and st.st_gid == gid and stat.S_IMODE(st.st_mode) == 0o640
        store = Store(db)
        try:
            assert check_snapshot(store)[1] == "b"
        finally:
            store.close()
        import shutil

        shutil.rmtree(files, ignore_errors=True)
    finally:
        import shutil

        shutil.rmtree(shared, ignore_errors=True)


AS_NOBODY_LOAD = textwrap.dedent('''
    import os, sys, tempfile
    from pathlib import Path
    from dataset import write_master
    from kjc_tui.db import snapshot
    with tempfile.TemporaryDirectory() as d:   # a warm-up load: nobody may not read the interpreter's tree
        scratch = Path(d) / "w.duckdb"
        snapshot.build(scratch, write_master(Path(d) / "m"))
        snapshot.load(scratch, [sys.argv[2]])
    import encodings.ascii   # filelock reads /proc/sys/kernel/overflowuid for uid 65534
    import kjc_tui.core.strings   # the notes are worded after the privileges are dropped
    os.setgroups([]); os.setgid(65534); os.setuid(65534)
    result = snapshot.load(Path(sys.argv[1]), [sys.argv[2]])
    print(result.rows)
    print("\\n".join(map(str, result.notes)))
''')


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to act as a second user (nobody)")
def test_foreign_stale_temporary_in_a_sticky_directory_does_not_block_loads(tmp_path):
    """Real EPERM: root's killed-load leftover in a sticky shared directory; nobody still loads."""
    shared = Path(tempfile.mkdtemp(prefix="kjc-sticky-"))
    try:
        os.chmod(shared, 0o1777)
        db = build_db(shared)
        os.chown(db, 65534, 65534)
        os.chown(shared / "master", 65534, 65534)
        lock = db.with_name(db.name + ".lock")
        os.chown(lock, 65534, 65534)
        stale = db.with_name(db.name + ".tmp-4242-deadbeef")      # root's, undeletable by nobody
        stale.write_bytes(b"half a database")
        data = shared / "b.csv"
        data.write_bytes(batch_file(tmp_path, "s", 2).read_bytes())
        os.chmod(data, 0o644)
        env = {**ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
        proc = subprocess.run([sys.executable, "-c", AS_NOBODY_LOAD, str(db), str(data)], env=env,
                              capture_output=True, text=True, timeout=120)
        if ("PermissionError" in proc.stderr or "ModuleNotFoundError" in proc.stderr) and "tmp-4242" not in proc.stderr:
            pytest.skip("nobody cannot run the code here: " + proc.stderr.strip().splitlines()[-1])
        assert proc.returncode == 0, proc.stderr
        rows, note = proc.stdout.splitlines()[:2]
        assert rows == "2" and "tmp-4242-deadbeef" in note and "lässt sich nicht löschen" in note
        assert stale.exists() and db.stat().st_uid == 65534
    finally:
        import shutil

        shutil.rmtree(shared, ignore_errors=True)
