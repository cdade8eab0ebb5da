"""A full disk during a load: a clear message, the database unchanged, nothing left behind.

Simulated everywhere (an ENOSPC while the staging file or the checkpoint is written); and,
where the tests run as root and may mount, for real on small tmpfs file systems of many
sizes, so that the disk fills up at every stage of a load: the copy, the staging file, the
WAL, the checkpoint.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest

from dataset import build_db, german_excel_csv
from kjc_tui.db import snapshot
from kjc_tui.db.store import Store

NO_SPACE = "kein Platz mehr auf dem Datenträger von"


def big_file(directory: Path, n: int = 1400) -> Path:
    f = directory / "big.csv"
    f.write_bytes(german_excel_csv([f"06437;{1900 + i // 12}-{i % 12 + 1:02d};BG;{i};https://x.example/{'x' * 200};"
                                    "01.01.2025" for i in range(n)]))
    return f


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def leftovers(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir()
                  if p.name.startswith(db.name) and p.name not in (db.name, db.name + ".lock"))


def test_staging_file_cannot_be_written(tmp_path, monkeypatch):
    """A Windows-1252 file is transcoded to a UTF-8 staging file beside the database: the disk fills up there."""
    from kjc_tui.ingest import staging as stage

    db = build_db(tmp_path / "d")
    before = digest(db)
    f = tmp_path / "veranstaltung.csv"
    f.write_bytes(german_excel_csv(["E1;01.02.2025;Messe;Job-Turbo;Gießen;12;https://x.example;01.03.2025"],
                                   "Veranstaltungs-ID;Datum;Art;Titel;Ort;Teilnehmende;Quelle;Stand"))
    real = open

    def full(path, mode="r", *a, **k):
        if "w" in mode:
            real(path, mode, *a, **k).close()
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, mode, *a, **k)

    monkeypatch.setattr(stage, "open", full, raising=False)
    with pytest.raises(snapshot.SnapshotError) as e:
        snapshot.load(db, [f])
    assert str(e.value) == (f"Der neue Stand konnte nicht geschrieben werden ({NO_SPACE} {db.parent}); "
                            "die Datenbank ist unverändert.")
    assert digest(db) == before and leftovers(db) == []


def test_checkpoint_fails(tmp_path, monkeypatch):
    db = build_db(tmp_path / "d")
    before = digest(db)
    real_connect = duckdb.connect

    class Con:
        def __init__(self, con):
            self._con = con

        def execute(self, sql, *a):
            if sql == "CHECKPOINT":
                raise duckdb.IOException('Could not write file "x": No space left on device')
            return self._con.execute(sql, *a)

        def __getattr__(self, name):
            return getattr(self._con, name)

    monkeypatch.setattr(snapshot.duckdb, "connect", lambda *a, **k: Con(real_connect(*a, **k)))
    with pytest.raises(snapshot.SnapshotError, match=NO_SPACE):
        snapshot.load(db, [big_file(tmp_path, 10)])
    assert digest(db) == before and leftovers(db) == []


def _can_mount() -> bool:
    if os.getuid() != 0 or not shutil.which("mount"):
        return False
    d = tempfile.mkdtemp(prefix="kjc-mount-probe-")
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", d], capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", d], capture_output=True)
        return ok
    finally:
        os.rmdir(d)


@pytest.mark.slow
@pytest.mark.skipif(not _can_mount(), reason="needs root and permission to mount a small tmpfs")
def test_real_full_disk_at_every_stage_of_a_load(tmp_path):
    src = build_db(tmp_path / "src")
    data = big_file(tmp_path)
    size = src.stat().st_size
    mnt = Path(tempfile.mkdtemp(prefix="kjc-full-"))
    outcomes = []
    try:
        # from "not even the copy fits" to "everything fits"
        for kib in range(size // 1024 + 64, 3 * size // 1024, 96):
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(mnt)], check=True)
            try:
                db = mnt / "kjc.duckdb"
                shutil.copyfile(src, db)
                before = digest(db)
                try:
                    snapshot.load(db, [data])
                except snapshot.SnapshotError as e:
                    msg = str(e)
                    assert ("No space left on device" in msg or NO_SPACE in msg), msg
                    assert digest(db) == before, f"{kib} KiB: refused, but the database changed"
                    outcomes.append("full")
                else:
                    store = Store(db)
                    try:
                        assert store.scalar("SELECT count(*) FROM indicators") == 1400
                    finally:
                        store.close()
                    outcomes.append("loaded")
                assert leftovers(db) == [], (kib, leftovers(db))
            finally:
                subprocess.run(["umount", str(mnt)], check=True)
    finally:
        os.rmdir(mnt)
    assert "full" in outcomes and "loaded" in outcomes, outcomes
