"""What changed, after two loads of consecutive releases (tests/releases.py), checked by hand."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

import releases
from kjc_tui.db.store import Store
from kjc_tui.read import changes, overview


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return releases.build(tmp_path_factory.mktemp("releases"))


@pytest.fixture
def store(db: Path) -> Store:
    s = Store(db)
    yield s
    s.close()


def test_a_corrected_value_is_kept_as_history(store: Store) -> None:
    assert store.scalar("SELECT value FROM indicators WHERE jobcenter_id = 'JC-06437' AND indicator = 'K2' "
                        "AND period = DATE '2025-09-01'") == 24.3
    rows = store.rows("SELECT change, old_value, new_value, old_as_of, new_as_of FROM indicator_revisions "
                      "WHERE change = 'revised'")
    assert rows == [{"change": "revised", "old_value": 24.1, "new_value": 24.3,
                     "old_as_of": date(2025, 10, 15), "new_as_of": date(2025, 11, 12)}]


def test_release_means_changes_and_movers_by_hand(store: Store) -> None:
    rel = changes.release(store)
    assert rel.period == date(2025, 10, 1) and rel.as_of == date(2025, 11, 12)
    k2 = next(r for r in rel.rows if r.code == "K2")
    kjc, ge = k2.groups["zkT"], k2.groups["gE"]
    # KJC: (24,6 + 25,2 + 22,6 + 19,6) / 4 = 23,0; 09/2025 with the correction: 90,7 / 4 = 22,675 → 22,7;
    # 10/2024: 88 / 4 = 22,0
    assert (kjc.value, kjc.n, kjc.total) == (23.0, 4, 4)
    assert kjc.previous == pytest.approx(0.3) and kjc.year == pytest.approx(1.0)
    # gE: (18,1 + 20,4) / 2 = 19,25 → 19,3 (half up); 09/2025: 19,35 → 19,4; 10/2024: 19,0
    assert ge.value == 19.3 and ge.previous == pytest.approx(-0.1) and ge.year == pytest.approx(0.3)
    # against 09/2025: Main-Kinzig +1,2, Odenwald +0,3 (from the corrected 24,3), then the +0,1s by key
    assert [(m.name, m.change) for m in k2.up] == [("Main-Kinzig-Kreis", 1.2), ("Odenwaldkreis", 0.3),
                                                   ("Darmstadt", 0.1)]
    assert [(m.name, m.change) for m in k2.down] == [("Vogelsbergkreis", -0.3), ("Frankfurt am Main", -0.3)]
    assert [r.code for r in rel.rows] == ["K1", "K2", "K3"]


def test_new_and_revised_since_the_previous_load(store: Store) -> None:
    since = changes.since_last_load(store)
    assert since.since == datetime(2025, 11, 12, 7, 30)
    assert (since.new, since.revised) == (18, 1)  # 6 districts × K1–K3 for 10/2025; one correction
    (r,) = since.revisions
    assert (r.name, r.indicator, r.period, r.old_value, r.new_value) == (
        "Odenwaldkreis", "K2", date(2025, 9, 1), 24.1, 24.3)


def test_the_profile_marks_the_revised_figure(store: Store) -> None:
    data = overview.profile(store, "06437")
    k2 = next(f for f in data["figures"] if f["indicator"] == "K2")
    assert k2["period"] == date(2025, 10, 1) and "revised_from" not in k2  # the newest month was not corrected
    assert changes.revised_keys(store, "JC-06437") == {("K2", date(2025, 9, 1)): (24.1, date(2025, 10, 15))}


def test_an_unchanged_reload_records_nothing(db: Path, tmp_path: Path) -> None:
    import shutil

    from kjc_tui.db import snapshot

    copy = tmp_path / "again.duckdb"
    shutil.copyfile(db, copy)
    before = _revisions(copy)
    snapshot.load(copy, [releases.release_file(tmp_path, 2)])
    assert _revisions(copy) == before == 19


def _revisions(db: Path) -> int:
    s = Store(db)
    try:
        return s.scalar("SELECT count(*) FROM indicator_revisions WHERE load_id > 0 AND change = 'revised'") + \
            s.scalar("SELECT count(*) FROM indicator_revisions WHERE change = 'new' AND period = DATE '2025-10-01'")
    finally:
        s.close()
