"""Snapshots: loads never touch the live file, readers keep running, loads are serialised."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from dataset import build_db, german_excel_csv
from kjc_tui.db import snapshot
from kjc_tui.db.store import Store

READER = textwrap.dedent("""
    import sys, time
    from kjc_tui.db.store import Store
    s = Store(sys.argv[1])
    n = s.scalar("SELECT count(*) FROM indicators")
    print("open", n, flush=True)
    sys.stdin.readline()          # hold the snapshot open until told
    print("old", s.scalar("SELECT count(*) FROM indicators"), s.is_stale(), flush=True)
    s = s.reopen()
    print("new", s.scalar("SELECT count(*) FROM indicators"), flush=True)
""")


def _indicator_file(tmp: Path, name: str, n: int) -> Path:
    f = tmp / name
    f.write_bytes(german_excel_csv([f"06437;{2000 + i};BG;{i};https://x.example;01.01.2025" for i in range(n)]))
    return f


def test_reader_in_other_process_does_not_block_load_and_sees_new_data_after_reopen(tmp_path):
    db = build_db(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", READER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    try:
        assert proc.stdout.readline().split() == ["open", "0"]
        snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 5)])
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().split() == ["old", "0", "True"]
        assert proc.stdout.readline().split() == ["new", "5"]
    finally:
        proc.kill()
        proc.wait()


def test_store_notices_new_snapshot(tmp_path):
    db = build_db(tmp_path)
    s = Store(db)
    assert not s.is_stale()
    snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 3)])
    assert s.is_stale()
    assert s.scalar("SELECT count(*) FROM indicators") == 0   # still the old snapshot
    s = s.reopen()
    assert s.scalar("SELECT count(*) FROM indicators") == 3 and not s.is_stale()
    s.close()


def test_concurrent_loads_are_serialised_and_all_land(tmp_path):
    db = build_db(tmp_path)
    files = [_indicator_file(tmp_path, f"f{i}.csv", 1) for i in range(6)]
    # each file writes the same key with another source → all must be recorded as loads
    for i, f in enumerate(files):
        f.write_bytes(german_excel_csv([f"06437;{2010 + i};BG;{i};https://x.example;01.01.2025"]))
    errors: list[BaseException] = []

    def run(f: Path) -> None:
        try:
            snapshot.load(db, [f])
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    s = Store(db)
    assert s.scalar("SELECT count(*) FROM indicators") == 6
    assert s.scalar("SELECT count(*) FROM loads WHERE action = 'load'") == 6
    s.close()


def test_stale_temporary_files_are_removed_by_next_load(tmp_path):
    db = build_db(tmp_path)
    stale = db.with_name(db.name + ".tmp-99999-deadbeef")
    stale.write_bytes(b"half a database")
    snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 1)])
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("kjc.duckdb")) == [
        "kjc.duckdb", "kjc.duckdb.lock"]


def test_dry_run_changes_nothing(tmp_path):
    db = build_db(tmp_path)
    before = db.read_bytes()
    result = snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 4)], dry_run=True)
    assert result.rows == 4
    assert db.read_bytes() == before


def test_load_records_who_what_checksum(tmp_path):
    import hashlib

    db = build_db(tmp_path)
    f = _indicator_file(tmp_path, "a.csv", 2)
    snapshot.load(db, [f])
    s = Store(db)
    row = s.rows("SELECT * FROM loads ORDER BY load_id DESC LIMIT 1")[0]
    s.close()
    assert row["file"] == str(f) and row["rows"] == 2 and row["target_table"] == "indicators"
    assert row["checksum"] == hashlib.sha256(f.read_bytes()).hexdigest()
    assert row["user_name"]


def test_file_permissions_private_by_default(tmp_path):
    db = build_db(tmp_path)
    assert (db.stat().st_mode & 0o777) == 0o600


def test_missing_database_is_a_clear_error(tmp_path):
    from kjc_tui.db.store import StoreError

    with pytest.raises(StoreError, match="Keine Datenbank"):
        Store(tmp_path / "nope.duckdb")
    with pytest.raises(snapshot.SnapshotError, match="Keine Datenbank"):
        snapshot.load(tmp_path / "nope.duckdb", [_indicator_file(tmp_path, "a.csv", 1)])


def _indicator_years(tmp: Path, name: str, years: range) -> Path:
    f = tmp / name
    f.write_bytes(german_excel_csv([f"06437;{y};BG;{y};https://x.example;01.01.2025" for y in years]))
    return f


def test_replace_with_several_files_for_one_table_keeps_all_of_them(tmp_path):
    db = build_db(tmp_path)
    snapshot.load(db, [_indicator_years(tmp_path, "old.csv", range(1990, 1995))])
    result = snapshot.load(db, [_indicator_years(tmp_path, "a.csv", range(2000, 2002)),
                                _indicator_years(tmp_path, "b.csv", range(2010, 2013))], replace=True)
    assert result.rows == 5
    s = Store(db)
    years = [r["value"] for r in s.rows("SELECT value FROM indicators ORDER BY value")]
    s.close()
    assert years == [2000, 2001, 2010, 2011, 2012]      # the old rows are gone, both new files are there


def test_stale_temporary_that_cannot_be_removed_is_skipped_with_a_note(tmp_path, monkeypatch):
    """Another user's temporary in a sticky directory: unlink fails with EPERM; the load still works."""
    db = build_db(tmp_path)
    foreign = db.with_name(db.name + ".tmp-4242-deadbeef")
    foreign.write_bytes(b"someone else's")
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == foreign:
            raise PermissionError(1, "Operation not permitted", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    result = snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 2)])
    assert result.rows == 2 and foreign.exists()
    assert any("tmp-4242-deadbeef" in n and "lässt sich nicht löschen" in n for n in result.notes)


def test_cleanup_of_a_database_with_glob_characters_in_its_name_is_literal(tmp_path):
    db = tmp_path / "kjc[1].duckdb"
    snapshot.build(db, snapshot_master(tmp_path))
    other = tmp_path / "kjc1.duckdb.tmp-1-aa"        # matched by the unescaped pattern `kjc[1].duckdb.tmp-*`
    other.write_bytes(b"keep")
    own = db.with_name(db.name + ".tmp-2-bb")
    own.write_bytes(b"stale")
    snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 1)])
    assert other.read_bytes() == b"keep" and not own.exists()
    assert snapshot.temporaries(db) == []


def snapshot_master(tmp: Path) -> list[Path]:
    from dataset import write_master

    return write_master(tmp / "master")


@pytest.mark.parametrize("group", [None, "own"])
def test_temporary_copy_has_the_final_mode_from_the_start(tmp_path, monkeypatch, group):
    """Even with umask 022 the copy of a 0600/0640 database is never world-readable."""
    import grp

    group = grp.getgrgid(os.getgid()).gr_name if group else None
    db = tmp_path / "kjc.duckdb"
    snapshot.build(db, snapshot_master(tmp_path), group=group)
    seen: list[int] = []
    real_connect = snapshot.duckdb.connect

    def connect(path: str, *a, **k):
        seen.append(os.stat(path).st_mode & 0o777)
        return real_connect(path, *a, **k)

    monkeypatch.setattr(snapshot.duckdb, "connect", connect)
    old = os.umask(0o022)
    try:
        snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 1)], group=group)
    finally:
        os.umask(old)
    expected = 0o640 if group else 0o600
    assert seen == [expected]
    assert db.stat().st_mode & 0o777 == expected


def test_new_database_gets_its_mode_before_any_data(tmp_path, monkeypatch):
    old = os.umask(0o022)
    modes: list[int] = []
    real = snapshot._apply

    def apply(con, *a, **k):
        (path,) = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
        modes.append(os.stat(path).st_mode & 0o777)
        return real(con, *a, **k)

    monkeypatch.setattr(snapshot, "_apply", apply)
    try:
        snapshot.build(tmp_path / "kjc.duckdb", snapshot_master(tmp_path))
    finally:
        os.umask(old)
    assert modes == [0o600]


def test_lock_file_gets_the_configured_group(tmp_path):
    import grp

    # root can give it a group other than its own primary one: then the chown itself is tested too
    others = [g.gr_name for g in grp.getgrall() if g.gr_gid != os.getgid()] if os.getuid() == 0 else []
    group = others[0] if others else grp.getgrgid(os.getgid()).gr_name
    db = tmp_path / "kjc.duckdb"
    snapshot.build(db, snapshot_master(tmp_path), group=group)
    lock = db.with_name(db.name + ".lock")
    lock.chmod(0o600)      # as an older version or another umask left it
    snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 1)], group=group)
    st = lock.stat()
    assert st.st_gid == grp.getgrnam(group).gr_gid and st.st_mode & 0o777 == 0o660


def test_lock_file_that_exists_but_is_not_writable_says_so(tmp_path, monkeypatch):
    db = build_db(tmp_path)

    def refuse(self, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(snapshot.FileLock, "acquire", refuse)
    with pytest.raises(snapshot.SnapshotError, match="nicht beschreibbar.*chgrp"):
        snapshot.load(db, [_indicator_file(tmp_path, "a.csv", 1)])
