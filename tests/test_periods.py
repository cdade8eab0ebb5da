"""Aggregates over uneven periods: every one is taken at one common period, checked by hand.

The data set: six Hessian districts, four KJC (A–D) and two gE (E, F). Bedarfsgemeinschaften (BG)
arrive unevenly, as real figures do: A only 09/2012, B–D 09/2025, E 08/2025, F none. The
Integrationsquote (K2) is there for everyone at 09/2025 and shows the rounding rule: the KJC-Ø is
1,55 → 1,6 %, the Hessen-Ø of the figures as shown is 1,5 % (not 1,533 from raw values), and the
KJC deviation is +0,1 Pp. (never a red "±0,0").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kjc_tui.core.fmt import rounded
from kjc_tui.db import snapshot
from kjc_tui.db.store import Store
from kjc_tui.read import compare as c
from kjc_tui.read import overview, periods

S = "https://example.org/uneven"
A, B, C, D, E, F = "06431", "06432", "06433", "06434", "06411", "06412"
NAMES = {A: "Kreis Bergstraße", B: "Landkreis Darmstadt-Dieburg", C: "Kreis Groß-Gerau", D: "Hochtaunuskreis",
         E: "Darmstadt", F: "Frankfurt am Main"}
MODEL = {A: "zkT", B: "zkT", C: "zkT", D: "zkT", E: "gE", F: "gE"}

BG = {  # (ags, period) → value
    (A, "2012-09-01"): 2614, (B, "2025-09-01"): 8100, (C, "2025-09-01"): 6400, (D, "2025-09-01"): 3900,
    (E, "2025-08-01"): 7000, (B, "2025-08-01"): 8000,
}
K2 = {A: 1.54, B: 1.56, C: 1.51, D: 1.59, E: 1.44, F: 1.46}  # all at 09/2025
ELB = {A: 5000, B: 15000, C: 11000, D: 7000, E: 13000, F: 60000}  # all at 09/2025


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "districts": "ags,name,kind,state,source,as_of\n" + "".join(
            f"{a},{n},Landkreis,Hessen,{S},2025-01-01\n" for a, n in NAMES.items()),
        "jobcenters": "jobcenter_id,name,ags,model,source,as_of\n" + "".join(
            f"JC-{a},Jobcenter {n},{a},{MODEL[a]},{S},2025-01-01\n" for a, n in NAMES.items()),
        "indicator_defs": "code,name_de,unit,higher_is_better,sort_order,source,as_of\n"
                          f"BG,Bedarfsgemeinschaften,count,,1,{S},2025-01-01\n"
                          f"K2,Integrationsquote,percent,true,2,{S},2025-01-01\n"
                          f"ELB,Erwerbsfähige Leistungsberechtigte,count,,3,{S},2025-01-01\n",
        "indicators": "jobcenter_id,period,period_kind,indicator,value,source,as_of\n"
                      + "".join(f"JC-{a},{p},month,BG,{v},{S},2025-10-15\n" for (a, p), v in BG.items())
                      + "".join(f"JC-{a},2025-09-01,month,K2,{v},{S},2025-10-15\n" for a, v in K2.items())
                      + "".join(f"JC-{a},2025-09-01,month,ELB,{v},{S},2025-10-15\n" for a, v in ELB.items()),
    }
    out = []
    for name, text in files.items():
        p = directory / f"{name}.csv"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    tmp = tmp_path_factory.mktemp("uneven")
    db = tmp / "kjc.duckdb"
    snapshot.build(db, write(tmp / "csv"))
    s = Store(db)
    yield s
    s.close()


SEP = date(2025, 9, 1)


def test_choose_newest_of_the_most_shared() -> None:
    avail = [(date(2025, 9, 1), "month", 3), (date(2025, 8, 1), "month", 2), (date(2012, 9, 1), "month", 1)]
    assert periods.choose(avail) == date(2025, 9, 1)
    assert periods.choose([(date(2025, 9, 1), "month", 2), (date(2024, 9, 1), "month", 5)]) == date(2024, 9, 1)
    assert periods.choose(avail, wanted=date(2025, 8, 1)) == date(2025, 8, 1)
    # a picked period without two members falls back to the most shared before it: here none
    assert periods.choose(avail, wanted=date(2012, 9, 1)) is None
    assert periods.choose([(date(2025, 9, 1), "month", 1)]) is None
    assert periods.choose([]) is None


def test_slice_lists_the_missing_and_never_mixes_periods(store: Store) -> None:
    sl = periods.slices(store, ["BG"], list(NAMES))["BG"]
    assert sl.period == SEP and sl.kind == "month"
    assert sl.numbers() == {B: 8100, C: 6400, D: 3900}
    assert (sl.n, sl.total) == (3, 6)
    assert set(sl.missing) == {A, E, F}  # A's 2012 and E's 08/2025 are not filled in
    picked = periods.slices(store, ["BG"], list(NAMES), wanted=date(2025, 8, 1))["BG"]
    assert picked.period == date(2025, 8, 1) and picked.numbers() == {B: 8000, E: 7000}
    none = periods.slices(store, ["BG"], [A, F])["BG"]
    assert none.period is None and none.values == {} and none.n == 0


def test_headline_sum_and_mean_at_the_common_period(store: Store) -> None:
    rows = {r["indicator"]: r for r in overview.headline(store, "zkT")}
    bg = rows["BG"]
    assert bg["value"] == 8100 + 6400 + 3900  # not + 2614 from 2012
    assert bg["period"] == SEP and (bg["n"], bg["of"]) == (3, 4)
    assert bg["missing"] == [NAMES[A]]
    k2 = rows["K2"]
    assert k2["value"] == 1.6  # mean of 1,5 1,6 1,5 1,6 = 1,55 → 1,6 (half up)
    ge = {r["indicator"]: r for r in overview.headline(store, "gE")}
    # gE: E has BG only at 08/2025, F none: no common period, no number
    assert ge["BG"]["value"] is None and ge["BG"]["period"] is None and ge["BG"]["latest_n"] == 1


def test_headline_with_a_picked_period(store: Store) -> None:
    rows = {r["indicator"]: r for r in overview.headline(store, "zkT", wanted=date(2025, 8, 1))}
    # 08/2025: only B among the KJC has a BG value – below two members, and no earlier shared month
    assert rows["BG"]["value"] is None
    # K2 has no 08/2025 and no shared month before it: no common period, no number
    assert rows["K2"]["period"] is None and rows["K2"]["value"] is None
    later = {r["indicator"]: r for r in overview.headline(store, "zkT", wanted=date(2025, 10, 1))}
    assert later["K2"]["period"] == SEP and later["BG"]["value"] == 8100 + 6400 + 3900  # up to 10/2025


def test_comparison_deviation_rank_and_hessen_mean(store: Store) -> None:
    comp = c.comparison(store, [A, B, c.GROUP_KJC])
    bg = next(r for r in comp.rows if r.indicator.code == "BG")
    assert bg.period == SEP and (bg.n, bg.n_total) == (3, 6) and set(bg.missing) == {A, E, F}
    assert bg.hessen == round((8100 + 6400 + 3900) / 3)  # 6133, from 09/2025 only
    a, b, kjc = bg.cells
    assert a.value is None and a.latest_period == date(2012, 9, 1)  # shown as missing, not as −57 %
    assert b.value == 8100 and b.relative_deviation == pytest.approx(8100 / 6133 - 1)
    assert kjc.value == 6133 and (kjc.n, kjc.n_total) == (3, 4)
    k2 = next(r for r in comp.rows if r.indicator.code == "K2")
    shown = [rounded(v, "percent") for v in K2.values()]  # 1,5 1,6 1,5 1,6 1,4 1,5
    assert k2.hessen == rounded(sum(shown) / 6, "percent") == 1.5
    kjc_k2 = k2.cells[2]
    assert kjc_k2.value == 1.6 and kjc_k2.deviation == pytest.approx(0.1)  # agrees with 1,6 vs 1,5
    # ranks among the Hessian districts at 09/2025, ties share the better rank: B (1,6) and D (1,6) first
    assert k2.cells[1].rank_hessen == 1 and k2.cells[0].rank_hessen == 3 and k2.cells[0].rank_hessen_of == 6


def test_bar_data_and_map_scale_use_one_period(store: Store) -> None:
    ind = next(d for d in c.indicator_catalogue(store) if d.code == "BG")
    bars = c.bar_data(store, ind)
    assert bars.period == SEP
    assert {b.district.ags: b.value for b in bars.bars} == {B: 8100, C: 6400, D: 3900}
    assert {d.ags for d in bars.missing} == {A, E, F}
    assert bars.references[c.GROUP_HESSEN] == pytest.approx((8100 + 6400 + 3900) / 3)


def test_neighbours_over_values_of_the_common_period(store: Store) -> None:
    near = c.nearest_neighbours(store, B, k=5)
    # z-scores by hand at 09/2025, BG and ELB on a log scale, K2 as is (population sd)
    import math

    table = {"BG": {B: 8100, C: 6400, D: 3900}, "K2": K2, "ELB": ELB}
    z = {}
    for code, vals in table.items():
        v = {a: (math.log1p(x) if code != "K2" else x) for a, x in vals.items()}
        mu = sum(v.values()) / len(v)
        sd = math.sqrt(sum((x - mu) ** 2 for x in v.values()) / len(v))
        z[code] = {a: (x - mu) / sd for a, x in v.items()}
    by_hand = {}
    for other in (A, C, D, E, F):
        diffs = [z[k][other] - z[k][B] for k in z if other in z[k] and B in z[k]]
        by_hand[other] = math.sqrt(sum(d * d for d in diffs) / len(diffs))
    assert {n.ags: n.distance for n in near} == pytest.approx(by_hand)
    assert {n.ags: n.common for n in near} == {A: 2, C: 3, D: 3, E: 2, F: 2}  # A's 2012 BG left out
