"""compare.py on small hand-computed data: ranks, averages, deviations, neighbour distance."""

from __future__ import annotations

import math
from datetime import date

import pytest

from kjc_tui.core.fmt import rounded
from kjc_tui.documents import comparison_csv
from kjc_tui.read import compare as c
from kjc_tui.db.store import Store

D = [
    c.District("06001", "Alpha", "zkT", "Ia"),
    c.District("06002", "Beta", "zkT", "IIb"),
    c.District("06003", "Gamma", "gE", "Ia"),
    c.District("06004", "Delta", "gE", "IIb"),
]


def test_resolve_members_and_groups() -> None:
    assert c.resolve("06002", D) == c.Member("06002", "Beta", ("06002",))
    assert not c.resolve("06002", D).is_group
    kjc = c.resolve(c.GROUP_KJC, D)
    # data, not words: a group is named by its token and size, a Vergleichstyp by its code
    assert kjc.ags == ("06001", "06002") and kjc.is_group and (kjc.name, kjc.size) == ("", 2)
    assert (c.resolve("type:Ia", D).name, c.resolve("type:Ia", D).size) == ("Ia", 2)
    assert c.resolve(c.GROUP_GE, D).ags == ("06003", "06004")
    assert c.resolve(c.GROUP_HESSEN, D).ags == ("06001", "06002", "06003", "06004")
    assert c.resolve("type:Ia", D).ags == ("06001", "06003")
    assert c.resolve("type:", D) is None and c.resolve("06999", D) is None
    assert c.group_tokens(D) == ["group:hessen", "group:kjc", "group:ge", "type:Ia", "type:IIb"]


def test_unknown_vergleichstyp_is_reported() -> None:
    districts = [c.District("06437", "Odenwaldkreis", "zkT", "IIIb")]
    assert c.resolve("type:ZZ", districts) is None
    assert c.resolve("type:IIIb", districts).ags == ("06437",)
    assert c.unknown("type:ZZ") == ("type", "ZZ")
    assert c.unknown("group:xy") == ("group", "xy")
    assert c.unknown("06999") == ("district", "06999")


def test_averages_leave_out_missing() -> None:
    values = {"06001": 10.0, "06002": 20.0, "06003": 40.0, "06004": None}
    avg = c.averages(values, D)
    assert avg["group:hessen"] == pytest.approx(70 / 3)
    assert avg["group:kjc"] == 15.0
    assert avg["group:ge"] == 40.0
    assert avg["type:Ia"] == 25.0 and avg["type:IIb"] == 20.0
    assert c.group_mean(values, ["06003", "06004"]) == (40.0, 1)
    assert c.mean([]) is None and c.mean([None, float("nan")]) is None


def test_deviations() -> None:
    assert c.deviation(26.4, 24.6) == pytest.approx(1.8)
    assert c.deviation(None, 1.0) is None
    assert c.relative_deviation(110.0, 100.0) == pytest.approx(0.10)
    assert c.relative_deviation(5.0, 0.0) is None


def test_ranks_follow_direction_and_share_ties() -> None:
    values = {"a": 20.0, "b": 30.0, "c": 20.0, "d": None, "e": 10.0}
    assert c.ranks(values, True) == {"b": 1, "a": 2, "c": 2, "e": 4}
    assert c.ranks(values, False) == {"e": 1, "a": 2, "c": 2, "b": 4}
    assert c.ranks(values, None) == {}


def test_normalise_uses_latest_denominator_at_or_before() -> None:
    ew = [(date(2023, 12, 31), 200_000.0), (date(2024, 12, 31), 250_000.0)]
    # 5.000 BG in 03/2025 → latest population before is 31.12.2024 → 20 per 1.000
    assert c.normalise(5000, date(2025, 3, 1), ew, c.PER_1000_EW) == pytest.approx(20.0)
    # 03/2024: 31.12.2023 (the later, nearer 31.12.2024 is not known yet then)
    assert c.normalise(5000, date(2024, 3, 1), ew, c.PER_1000_EW) == pytest.approx(25.0)
    # Einwohner lag the period by up to three years: 08/2026 still uses 31.12.2024
    assert c.normalise(5000, date(2026, 8, 1), ew, c.PER_1000_EW) == pytest.approx(20.0)
    assert c.denominator_at(ew, date(2026, 8, 1)) == (date(2024, 12, 31), 250_000.0)
    assert c.normalise(5000, date(2030, 1, 1), ew, c.PER_1000_EW) is None  # more than 3 years
    assert c.normalise(5000, date(2023, 6, 1), ew, c.PER_1000_EW) is None  # none before
    assert c.normalise(7.5, date(2025, 1, 1), [], c.ABSOLUTE) == 7.5
    assert [n.key for n in c.norms_for("percent")] == ["abs"]
    assert [n.key for n in c.norms_for("count")] == ["abs", "ew", "elb"]
    # never an indicator divided by itself
    assert [n.key for n in c.norms_for("count", "ELB")] == ["abs", "ew"]
    assert [n.key for n in c.norms_for("count", "EW")] == ["abs", "elb"]


def test_zscores_and_neighbour_distance_by_hand() -> None:
    # one indicator: values 1, 2, 3, 6 → mean 3, population sd √3.5
    table = {"X": {"a": 1.0, "b": 2.0, "c": 3.0, "d": 6.0}, "Y": {"a": 5.0, "b": 5.0, "c": 5.0}}
    z = c.zscores(table)
    assert set(z) == {"X"}  # Y has no spread
    sd = math.sqrt(3.5)
    assert z["X"]["a"] == pytest.approx(-2 / sd)
    near = c.neighbour_distances(z, "a", min_common=1)
    assert [n.ags for n in near] == ["b", "c", "d"]
    assert near[0].distance == pytest.approx(1 / sd)
    assert near[2].distance == pytest.approx(5 / sd)
    assert near[0].common == 1 and near[0].differences == (("X", pytest.approx(1 / sd)),)


def test_neighbour_distance_is_rms_over_shared_indicators() -> None:
    z = {"P": {"a": 0.0, "b": 1.0, "c": 0.0}, "Q": {"a": 0.0, "b": 1.0}, "R": {"a": 0.0, "c": 2.0}}
    near = {n.ags: n for n in c.neighbour_distances(z, "a", min_common=2)}
    assert near["b"].distance == pytest.approx(1.0)  # √((1² + 1²) / 2)
    assert near["c"].distance == pytest.approx(math.sqrt(2.0))  # √((0² + 2²) / 2)
    assert near["c"].differences[0] == ("R", 2.0)
    assert c.neighbour_distances(z, "a", min_common=3) == []
    assert near["b"].common == 2


def test_log_scale_for_counts() -> None:
    z = c.zscores({"N": {"a": 9.0, "b": 99.0, "c": 999.0}}, log_codes=["N"])
    assert z["N"]["b"] == pytest.approx(0.0, abs=0.01)  # log1p makes them evenly spaced


# -- against a small database -------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from chart_dataset import build_chart_db

    return Store(build_chart_db(tmp_path_factory.mktemp("cmp") / "kjc.duckdb"))


def test_comparison_against_database(store: Store) -> None:
    comp = c.comparison(store, ["06437", "06535", c.GROUP_KJC, "nonsense"])
    assert comp.unknown == ["nonsense"]
    assert [(m.name, m.size) for m in comp.members] == [("Odenwaldkreis", 1), ("Vogelsbergkreis", 1), ("", 16)]
    k2 = next(r for r in comp.rows if r.indicator.code == "K2")
    odw, vb, kjc = k2.cells
    # dataset: K2 = round((900+40i+5t)/(4000+500i+10t)·100, 1); latest t = 11
    assert odw.value == round((900 + 400 + 55) / (4000 + 5000 + 110) * 100, 1) == 14.9
    assert odw.numerator == 1355 and odw.denominator == 9110
    assert odw.period == date(2025, 3, 1) and len(odw.trend) == 12
    assert kjc.n == 16 and kjc.n_total == 16
    assert (odw.rank, vb.rank, kjc.rank) == (2, 3, 1) and odw.rank_of == 3
    assert odw.deviation == pytest.approx(odw.value - k2.hessen)
    # lower is better for K1
    k1 = next(r for r in comp.rows if r.indicator.code == "K1")
    assert k1.cells[0].rank == 1
    bg = next(r for r in comp.rows if r.indicator.code == "BG")
    assert bg.cells[0].rank is None  # no direction, no rank
    alone = c.comparison(store, ["06437"])
    assert all(r.cells[0].rank is None for r in alone.rows)  # no "Rang 1/1"


def test_bar_and_line_data(store: Store) -> None:
    cat = {d.code: d for d in c.indicator_catalogue(store)}
    bars = c.bar_data(store, cat["K2"])
    assert len(bars.bars) == 26 and not bars.sparse
    assert bars.bars[0].value >= bars.bars[-1].value
    per = c.bar_data(store, cat["BG"], c.PER_1000_EW)
    odw = next(b for b in per.bars if b.district.ags == "06437")
    assert odw.value == pytest.approx((2000 + 2500 + 55) / 300_000 * 1000)
    assert per.denominator_dates == [date(2024, 12, 31)] and per.no_denominator == []
    # before the only population figure there is no denominator: said, not silently empty
    early = c.bar_data(store, cat["BG"], c.PER_1000_EW, period=min(p for p, _, _ in per.available))
    assert early.bars == [] and len(early.no_denominator) == 26
    low = c.bar_data(store, cat["K1"])
    assert low.bars[0].value <= low.bars[-1].value  # lower is better: best first
    lines = c.line_data(store, cat["K2"], ["06437", c.GROUP_GE])
    assert [len(s.points) for s in lines.series] == [12, 12]
    assert lines.series[1].is_reference and not lines.sparse


def test_nearest_neighbours_against_database(store: Store) -> None:
    near = c.nearest_neighbours(store, "06437", k=3)
    assert len(near) == 3 and near[0].ags != "06437"
    assert near[0].distance <= near[1].distance <= near[2].distance


def test_group_series_keeps_only_well_covered_periods() -> None:
    jan, feb, mar = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
    by_ags = {"a": [(jan, 1.0), (feb, 2.0), (mar, 3.0)], "b": [(jan, 3.0), (feb, 4.0)],
              "c": [(mar, 9.0)], "d": []}
    # three districts report (d has nothing); a period needs ⌈0.8·3⌉ = 3 of them → none
    assert c.mean_series(by_ags, ["a", "b", "c", "d"]) == []
    assert c.mean_series(by_ags, ["a", "b"]) == [(jan, 2.0), (feb, 3.0)]
    assert c.mean_series(by_ags, ["a", "b", "c"], coverage=0.5) == [(jan, 2.0), (feb, 3.0), (mar, 6.0)]


def test_comparison_csv(store: Store, tmp_path) -> None:
    comp = c.comparison(store, ["06437", c.GROUP_GE])
    path = comparison_csv.write_comparison_csv(comp, tmp_path / "v.csv")
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Kennzahl;Bezeichnung;Einheit;Hessen-Ø;Odenwaldkreis: Wert;Odenwaldkreis: Genauigkeit;"
                               "Odenwaldkreis: bis;Odenwaldkreis: Zeitraum;Odenwaldkreis: Stand;")
    assert lines[0].endswith("gE-Ø (10): Rang in der Auswahl;gE-Ø (10): Rang im Vergleichstyp;gE-Ø (10): Quelle")
    k1 = next(line for line in lines if line.startswith("K1;"))
    # value, Zeitraum, Stand, no Zähler/Nenner; rank "1 von 2" (never "1/2": a date in German Excel)
    # Zeitraum as a month; the deviation of a percentage in Pp., the % column empty
    assert k1.startswith("K1;Veränderung der Summe der Leistungen zum Lebensunterhalt;% Veränderung;")
    # the deviation from the figures as shown: −1,7 − (−1,9) = +0,2 Pp.
    assert ";-1,9;-1,7;;;03/2025;01.06.2025;;;0,2;;2 von 2;" in k1   # exact: no qualifier, no upper end
    assert k1.endswith(";1 von 2;;Mittel aus 10 Kreisen")   # a group has no rank within a Vergleichstyp
    assert "Odenwaldkreis: Abweichung vom Hessen-Ø (Pp.);Odenwaldkreis: Abweichung vom Hessen-Ø (%)" in lines[0]


def test_comparison_csv_keeps_each_values_qualifier_and_upper_end(store: Store) -> None:
    """What Vergleich shows as "≈ 4.555" or "6.555–7.055" reaches the CSV as value, qualifier and upper end."""
    comp = c.comparison(store, ["06437", "06435"])
    row = next(r for r in comp.rows if r.indicator.unit == "count" and all(x.value is not None for x in r.cells))
    row.cells[0].qualifier = "≈"
    row.cells[1].qualifier, row.cells[1].upper = "↔", row.cells[1].value + 500
    header, rows = comparison_csv.comparison_csv_rows(comp, "en")
    line = rows[comp.rows.index(row)]
    per = (len(header) - 4) // 2
    first, second = line[4:4 + per], line[4 + per:]
    assert header[5:7] == ["Odenwaldkreis: Qualifier", "Odenwaldkreis: up to"]
    assert first[:3] == [row.cells[0].value, "≈", None]
    assert second[:3] == [row.cells[1].value, "↔", row.cells[1].value + 500]


def test_comparison_csv_count_deviation_is_the_relative_one_on_screen(store: Store) -> None:
    comp = c.comparison(store, ["06437", c.GROUP_GE])
    header, rows = comparison_csv.comparison_csv_rows(comp)
    counts = [(r, line) for r, line in zip(comp.rows, rows) if r.indicator.unit == "count"]
    assert counts
    for r, line in counts:
        cell = r.cells[0]
        assert line[2] == "Anzahl"
        pp, pct = line[11], line[12]  # Odenwaldkreis: Abweichung (Pp.), (%)
        assert pp is None and pct == pytest.approx((cell.value / r.hessen - 1) * 100)


def test_comparison_csv_marks_synthetic_data(store: Store, tmp_path) -> None:
    comp = c.comparison(store, ["06437"])
    comp.synthetic = True
    lines = comparison_csv.write_comparison_csv(comp, tmp_path / "s.csv").read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("SYNTHETISCHE DATEN") and lines[1].startswith("Kennzahl;")


def test_group_cell_is_the_mean_without_pooled_numerator(store: Store) -> None:
    comp = c.comparison(store, ["06437", c.GROUP_KJC])
    k2 = next(r for r in comp.rows if r.indicator.code == "K2")
    kjc = k2.cells[1]
    values = c.latest(store, ["K2"])["K2"]
    kjc_ags = [m for m in comp.members if m.is_group][0].ags
    # the mean of the figures as shown (one decimal), rounded half up like them
    shown = [rounded(values[a].value, "percent") for a in kjc_ags]
    assert kjc.value == rounded(sum(shown) / len(shown), "percent")
    # no summed Zähler/Nenner that would give a different (pooled) ratio beside the mean
    assert kjc.numerator is None and kjc.denominator is None
