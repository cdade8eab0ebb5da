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
from kjc_tui import snapshot
from kjc_tui.store import Store

READER = textwrap.dedent("""
    import sys, time
    from kjc_tui.store import Store
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
    from kjc_tui.store import StoreError

    with pytest.raises(StoreError, match="Keine Datenbank"):
        Store(tmp_path / "nope.duckdb")
    with pytest.raises(snapshot.SnapshotError, match="Keine Datenbank"):
        snapshot.load(tmp_path / "nope.duckdb", [_indicator_file(tmp_path, "a.csv", 1)])
