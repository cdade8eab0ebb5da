"""Snapshots: loads never touch the live file, readers keep running, loads are serialised."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from dataset import build_db, german_excel_csv
from kjc_tui.core import sidecar
from kjc_tui.db import snapshot
from kjc_tui.db.store import Store
from kjc_tui.ingest import Refused
from kjc_tui.read import overview, summary

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
    assert any("tmp-4242-deadbeef" in str(n) and "lässt sich nicht löschen" in str(n) for n in result.notes)


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


# -- the Übersicht kept beside each snapshot (core/sidecar, read/overview.summarise) ----------------

SUMMARY_DAY = date(2025, 6, 1)


def _kept(db: Path, day: date | None = None) -> dict | None:
    """The Übersicht on `day` (today) from the summary beside `db`, as the app's start-up reads it."""
    doc = sidecar.read(sidecar.summary_file(db), db)
    return summary.on_day(doc, day or date.today()) if isinstance(doc, dict) else None


def _live(db: Path, day: date | None = None) -> dict:
    store = Store(db)
    try:
        return overview.overview(store, day or date.today())
    finally:
        store.close()


def _upcoming(db: Path) -> list[str]:
    return [e["event_id"] for e in _live(db, SUMMARY_DAY)["upcoming"]]


def _event_file(tmp: Path, rows: list[str], name: str = "events.csv") -> Path:
    f = tmp / name
    f.write_text("event_id,date,end_date,jobcenter_id,kind,title,source,as_of\n"
                 + "".join(f"{r},{jc},Messe,Titel,https://example.org/e,2025-01-01\n"
                         for r, jc in zip(rows, ["", "JC-06437", "JC-06412"] * len(rows))), encoding="utf-8")
    return f


@pytest.mark.parametrize("group", [None, "own"])
def test_a_new_snapshot_keeps_its_overview_beside_it(ui_db_copy: Path, tmp_path: Path, group: str | None) -> None:
    """Every snapshot the writer publishes with `summarise` has its Übersicht beside it, in the
    snapshot's group and mode, naming the snapshot's identity; it is exactly what the queries give."""
    import grp

    group = grp.getgrgid(os.getgid()).gr_name if group else None
    side = sidecar.summary_file(ui_db_copy)
    assert not side.exists() and _kept(ui_db_copy) is None  # built without one
    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N1,2025-12-01,"])], group=group,
                  summarise=summary.summarise)
    assert side.exists()
    assert side.stat().st_mode & 0o777 == ui_db_copy.stat().st_mode & 0o777 == (0o640 if group else 0o600)
    assert side.stat().st_gid == ui_db_copy.stat().st_gid
    assert sidecar.loads(side.read_bytes())["identity"] == sidecar.identity(ui_db_copy)
    kept = _kept(ui_db_copy)
    assert kept == _live(ui_db_copy) and kept["counts"]["kjc"] == 4  # the data, not a copy of the JSON's
    assert snapshot.temporaries(ui_db_copy) == []


def test_build_generate_and_upgrade_keep_it_too(tmp_path: Path) -> None:
    db = tmp_path / "kjc.duckdb"
    snapshot.build(db, snapshot_master(tmp_path), summarise=summary.summarise)
    assert _kept(db) == _live(db)
    demo = tmp_path / "synthetic.duckdb"
    snapshot.build_synthetic(demo, scale=0.02, summarise=summary.summarise)
    assert _kept(demo) == _live(demo) and _kept(demo)["synthetic"]


def _load_without_summary(db: Path, tmp: Path) -> None:
    """A load by a writer that keeps no summary (as an older kjc-tui)."""
    snapshot.load(db, [_event_file(tmp, ["W1,2025-12-02,"], "w.csv")])


def _renamed_over(db: Path, tmp: Path) -> None:
    """Another file renamed over the database (an older kjc-tui's load, rsync, mv)."""
    other = tmp / "other.duckdb"
    shutil.copyfile(db, other)
    con = duckdb.connect(str(other))
    con.execute("DELETE FROM events")
    con.close()
    os.replace(other, db)


def _written_in_place(db: Path, tmp: Path) -> None:
    """DuckDB opened read-write on the live file by someone else (the CLI, a script)."""
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM events WHERE event_id = 'E1'")
    con.close()


def _written_in_place_times_kept(db: Path, tmp: Path) -> None:
    """In-place changes with the modification time set back (`cp -p`, `touch -r`)."""
    st = db.stat()
    _written_in_place(db, tmp)
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))


def _same_bytes_other_file(db: Path, tmp: Path) -> None:
    """The header bytes rewritten in place, size and modification time kept (a foreign writer at
    the file level): only the change time and the header checksum tell."""
    st = db.stat()
    with open(db, "r+b") as f:
        head = f.read(4096 + 64)
        f.seek(4096 + 8)
        f.write(bytes([head[4096 + 8] ^ 1]))
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("change", [_load_without_summary, _renamed_over, _written_in_place,
                                    _written_in_place_times_kept, _same_bytes_other_file])
def test_a_kept_overview_is_never_used_for_another_snapshot(ui_db_copy: Path, tmp_path: Path, change) -> None:
    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N1,2025-12-01,"])], summarise=summary.summarise)
    assert _kept(ui_db_copy) is not None
    change(ui_db_copy, tmp_path)
    assert _kept(ui_db_copy) is None
    # the next load with a summary brings one for its snapshot
    if change is not _same_bytes_other_file:  # (that file is no longer a database)
        snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N2,2025-12-03,"])], summarise=summary.summarise)
        assert _kept(ui_db_copy) == _live(ui_db_copy)


def test_a_refused_or_dry_load_keeps_the_summary_of_the_unchanged_snapshot(ui_db_copy: Path, tmp_path: Path) -> None:
    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N1,2025-12-01,"])], summarise=summary.summarise)
    kept = _kept(ui_db_copy)
    with pytest.raises(Refused):
        snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N1,kein Datum,"], "bad.csv")], summarise=summary.summarise)
    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N3,2025-12-05,"], "dry.csv")], dry_run=True,
                  summarise=summary.summarise)
    assert kept is not None and _kept(ui_db_copy) == kept


def test_without_a_summary_the_load_still_publishes(ui_db_copy: Path, tmp_path: Path) -> None:
    """A summary that cannot be read or written costs the load nothing: the snapshot is published,
    and no summary (an old one least of all) is left to trust."""
    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N1,2025-12-01,"])], summarise=summary.summarise)

    def broken(path: Path) -> dict:
        raise RuntimeError("kaputt")

    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N2,2025-12-02,"], "b.csv")], summarise=broken)
    assert "N2" in _upcoming(ui_db_copy)
    assert not sidecar.summary_file(ui_db_copy).exists() and _kept(ui_db_copy) is None
    # a summary that cannot be written (here: a directory in its place)
    sidecar.summary_file(ui_db_copy).mkdir()
    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N3,2025-12-03,"], "c.csv")], summarise=summary.summarise)
    assert {"N1", "N2", "N3"} <= set(_upcoming(ui_db_copy))
    assert _kept(ui_db_copy) is None and snapshot.temporaries(ui_db_copy) == []


#: events around SUMMARY_DAY (T): long ones, several on one day, ids that sort by code point
_EVENTS = ["X01,2025-05-22,2025-06-21", "X02,2025-06-04,", "X03,2025-06-04,2025-06-06", "Ä1,2025-06-04,",
           "a1,2025-06-04,", "B1,2025-06-04,", "X04,2025-06-02,", "X05,2025-06-09,", "X06,2025-06-15,2025-07-15",
           "X07,2025-06-20,", "X08,2025-07-01,", "X09,2025-07-11,", "X10,2025-08-01,", "P01,2025-05-31,",
           "P02,2025-05-30,", "P03,2025-05-20,", "P04,2025-05-20,", "P05,2025-05-01,", "P06,2025-04-01,",
           "P07,2025-03-01,2025-05-31", "P08,2025-06-01,"]


def test_the_summary_gives_a_later_days_overview_as_the_queries_do(ui_db_copy: Path, tmp_path: Path) -> None:
    """`on_day` derives the Übersicht of any later day from the summary (the events kept from its
    day on): the same as the queries on that day, on every day an event starts or ends and around."""
    snapshot.load(ui_db_copy, [_event_file(tmp_path, _EVENTS)])
    store = Store(ui_db_copy)
    try:
        doc = sidecar.loads(sidecar.dumps(summary.summary(store, SUMMARY_DAY)))
        days = {SUMMARY_DAY, date(2030, 1, 1)}
        for e in _EVENTS:
            for d in filter(None, e.split(",")[1:]):
                days |= {date.fromisoformat(d) + timedelta(days=k) for k in (-1, 0, 1)}
        tried = 0
        for day in sorted(d for d in days if d >= SUMMARY_DAY):
            derived = summary.on_day(doc, day)
            assert derived is not None
            assert (derived["upcoming"], derived["recent"]) == overview.events_around(store, day), day
            tried += 1
        assert tried >= 30
        for day in (SUMMARY_DAY, date(2025, 6, 5), date(2025, 7, 16)):
            assert summary.on_day(doc, day) == overview.overview(store, day)
        assert summary.on_day(doc, SUMMARY_DAY - timedelta(days=1)) is None  # before it: cannot tell
    finally:
        store.close()


def test_a_summary_with_too_many_events_serves_its_own_day_only(ui_db_copy: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot.load(ui_db_copy, [_event_file(tmp_path, _EVENTS)])
    monkeypatch.setattr(summary, "EVENTS_KEPT", 3)
    store = Store(ui_db_copy)
    try:
        doc = sidecar.loads(sidecar.dumps(summary.summary(store, SUMMARY_DAY)))
        assert doc["later"] is None
        assert summary.on_day(doc, SUMMARY_DAY) == overview.overview(store, SUMMARY_DAY)
        assert summary.on_day(doc, SUMMARY_DAY + timedelta(days=1)) is None
    finally:
        store.close()


def test_a_summary_that_is_no_regular_file_is_not_read(ui_db_copy: Path, tmp_path: Path) -> None:
    """A FIFO in the summary's place would block the dashboard's start: it is not opened for reading."""
    snapshot.load(ui_db_copy, [_event_file(tmp_path, ["N1,2025-12-01,"])], summarise=summary.summarise)
    side = sidecar.summary_file(ui_db_copy)
    side.unlink()
    os.mkfifo(side)
    assert _kept(ui_db_copy) is None
