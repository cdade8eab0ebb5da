"""§ 48b targets: attainment by the indicator's direction (hand-computed cases), target values
from agreed changes, and loading target sheets in the shapes offices write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import report_fixtures as rf
from kjc_tui.db.store import Store
from kjc_tui.read.targets import (MET, MISSED, OPEN, UNDIRECTED, Attainment, attainments, status,
                                  target_from_change)


@pytest.mark.parametrize(("actual", "target", "higher", "expected"), [
    (25.0, 24.0, True, MET),        # Integrationsquote above its target
    (24.0, 24.0, True, MET),        # exactly on target counts as met
    (23.9, 24.0, True, MISSED),
    (-2.5, -2.0, False, MET),       # K1: a fall of 2,5 % beats a target of −2,0 %
    (-2.0, -2.0, False, MET),
    (-1.5, -2.0, False, MISSED),    # fell less than agreed
    (0.4, 0.0, False, MISSED),
    (None, 24.0, True, OPEN),       # no actual value yet
    (25.0, None, True, OPEN),       # a change target without last year's value
    (25.0, 24.0, None, UNDIRECTED),  # no direction: no judgement
])
def test_status_by_direction(actual: float | None, target: float | None, higher: bool | None, expected: str) -> None:
    assert status(actual, target, higher) == expected


def test_target_from_an_agreed_change() -> None:
    # K2 of 24,0 % last December, agreed +2,5 %: 24,0 × 1,025 = 24,6
    assert target_from_change(24.0, 2.5) == pytest.approx(24.6)
    # a fall of 3 % from 20.000: 19.400
    assert target_from_change(20000, -3.0) == pytest.approx(19400)
    assert target_from_change(None, 2.5) is None


def _a(**kw: object) -> Attainment:
    base = dict(jobcenter_id="JC-1", year=2025, indicator="K2", unit="percent", higher_is_better=True, target=24.0,
                target_change=None, baseline=None, baseline_period=None, actual=24.5,
                actual_period=date(2025, 12, 1), source="s", as_of=date(2025, 1, 15))
    base.update(kw)
    return Attainment(**base)  # type: ignore[arg-type]


def test_difference_glyph_and_provisional() -> None:
    a = _a()
    assert a.difference == pytest.approx(0.5) and a.status == MET and a.glyph == "✓" and not a.provisional
    b = _a(indicator="K3", unit="percent_change", higher_is_better=False, target=-2.0, actual=-1.0,
           actual_period=date(2025, 9, 1))
    assert b.difference == pytest.approx(1.0) and b.status == MISSED and b.glyph == "✗" and b.provisional


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return rf.build(tmp_path_factory.mktemp("targets"))


def test_sheets_with_ziel_2025_and_zielwert_load_and_are_measured(db: Path) -> None:
    store = Store(db)
    try:
        got = {(a.jobcenter_id, a.indicator): a for a in attainments(store, list(rf.TARGETS), 2025)}
    finally:
        store.close()
    assert len(got) == 6
    # Odenwald K2: target 23,0 from "Ziel 2025", actual 23,5 (09/2025, the newest month): met, +0,5
    a = got[("JC-06437", "K2")]
    assert (a.target, a.actual, a.actual_period, a.status) == (23.0, 23.5, date(2025, 9, 1), MET)
    assert a.difference == pytest.approx(0.5) and a.provisional
    # Vogelsberg K2: 21,0 against 22,0: missed by 1,0
    assert got[("JC-06535", "K2")].status == MISSED and got[("JC-06535", "K2")].difference == pytest.approx(-1.0)
    # K1 (lower is better) from "Zielwert": Odenwald −0,8 against −1,0 missed; Vogelsberg 1,2 against 1,5 met;
    # Main-Kinzig 0,1 against 0,0 missed
    assert got[("JC-06437", "K1")].status == MISSED and got[("JC-06437", "K1")].difference == pytest.approx(0.2)
    assert got[("JC-06535", "K1")].status == MET and got[("JC-06535", "K1")].difference == pytest.approx(-0.3)
    assert got[("JC-06435", "K1")].status == MISSED


def test_a_later_month_is_not_used_for_an_earlier_report(db: Path) -> None:
    store = Store(db)
    try:
        a = attainments(store, ["JC-06437"], 2025, ["K2"], until=date(2025, 8, 1))[0]
    finally:
        store.close()
    assert (a.actual, a.actual_period) == (23.0, date(2025, 8, 1)) and a.status == MET


def test_a_target_row_without_any_target_is_refused(tmp_path: Path) -> None:
    from kjc_tui.db import snapshot
    from kjc_tui.ingest import Refused

    db = tmp_path / "kjc.duckdb"
    snapshot.build(db, snapshot.embedded_files())
    bad = tmp_path / "ziele.csv"
    bad.write_text("Jobcenter-ID;Jahr;Kennzahl;Zielwert;Quelle;Stand\nJC-06437;2025;K2;;https://example.org;15.01.2025\n",
                   encoding="utf-8")
    with pytest.raises(Refused) as e:
        snapshot.load(db, [bad])
    problem = e.value.problems[0]
    assert problem.row == 2 and problem.code == "no_measure"
    assert "Zielwert" in str(problem) and "Zielveränderung" in str(problem)
