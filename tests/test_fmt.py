"""German/English formatting (kjc_tui.core.fmt)."""

from __future__ import annotations

import datetime as dt

import pytest
from decimal import Decimal
from hypothesis import given
from hypothesis import strategies as st

from kjc_tui.core import fmt


@pytest.mark.parametrize("value, lang, expected", [
    (1056700, "de", "1.056.700"), (1056700, "en", "1,056,700"), (0, "de", "0"), (-1234, "de", "−1.234"),
    (141.5, "de", "141,5"), (141.5, "en", "141.5"), (2.125, "de", "2,13"), (1234.0, "de", "1.234"),
    (None, "de", fmt.MISSING), (float("nan"), "de", fmt.MISSING),
])
def test_number(value, lang, expected):
    assert fmt.number(value, lang) == expected


def test_number_decimals_and_no_negative_zero():
    assert fmt.number(1234.5678, "de", 2) == "1.234,57"
    assert fmt.number(-0.0001, "de", 1) == "0,0"


def test_money_percent_date_as_in_the_design():
    assert fmt.money(1056700) == "1.056.700 €"
    assert fmt.money(1056700, "en") == "€1,056,700"
    assert fmt.money(-5, "en") == "−€5"
    assert fmt.percent(24.6) == "24,6 %"
    assert fmt.percent(24.6, "en") == "24.6%"
    assert fmt.percent(3.25, signed=True) == "+3,3 %"
    assert fmt.share(0.246) == "24,6 %"
    assert fmt.date_(dt.date(2024, 2, 22)) == "22.02.2024"
    assert fmt.date_(dt.date(2024, 2, 22), "en") == "2024-02-22"
    assert fmt.date_(dt.datetime(2024, 2, 22, 13, 5)) == "22.02.2024"
    assert fmt.date_("2024-02-22") == "22.02.2024"
    assert fmt.date_(None) == fmt.MISSING


def test_periods_and_ranges():
    d = dt.date(2024, 12, 1)
    assert fmt.period(d, "month") == "12/2024"
    assert fmt.period(d, "quarter") == "Q4/2024"
    assert fmt.period(d, "year") == "2024"
    assert fmt.period(d, "day") == "01.12.2024"
    assert fmt.period(d, "month", "en") == "2024-12"
    assert fmt.date_range(d, d, precision="month") == "12/2024"
    assert fmt.date_range(dt.date(2024, 10, 1), d, precision="month") == "10/2024–12/2024"
    assert fmt.timestamp(dt.datetime(2025, 11, 20, 8, 30)) == "20.11.2025 08:30"


@pytest.mark.parametrize("unit, expected", [
    ("count", "15.000"), ("percent", "15.000,0 %"), ("percent_change", "+15.000,0 %"),
    ("eur", "15.000 €"), ("ratio", "15.000,00"), ("km2", "15.000,00 km²"),
])
def test_value_by_unit(unit, expected):
    assert fmt.value(15000, unit) == expected


def test_qualifiers():
    assert fmt.value(15000, "count", qualifier="≈") == "≈ 15.000"
    assert fmt.value(4500, "count", qualifier=">") == "> 4.500"
    assert fmt.value(4500, "count", qualifier="=") == "4.500"
    assert fmt.value(None, "count", qualifier="≈") == fmt.MISSING


@pytest.mark.parametrize("v, unit, lang, qualifier, upper, expected", [
    (270, "count", "de", ">", None, "> 270"),
    (400, "count", "de", "↔", 500, "400–500"),
    (20, "percent", "de", "↔", 25, "20–25 %"),
    (20, "percent", "en", "↔", 25, "20–25%"),
    (1000, "eur", "de", "↔", 2500, "1.000–2.500 €"),
    (1000, "eur", "en", "↔", 2500, "€1,000–2,500"),
    (2000, "count", "de", "Ø", None, "Ø 2.000"),
    (1.91, "ratio", "de", "Ø", None, "Ø 1,91"),
    (250, "count", "de", "≈", None, "≈ 250"),
    (9000, "count", "de", "<", None, "< 9.000"),
    (623.97, "km2", "de", "≈", None, "≈ 623,97 km²"),
    (623.97, "km2", "en", None, None, "623.97 km²"),
    (600, "km2", "de", "↔", 650, "600–650 km²"),
])
def test_figures_as_their_source_said_them(v, unit, lang, qualifier, upper, expected):
    assert fmt.value(v, unit, lang, qualifier, upper) == expected


def test_a_range_without_its_upper_end_shows_only_the_value():
    """The ingest refuses such a row; a database written otherwise still shows no invented end."""
    assert fmt.value(400, "count", qualifier="↔") == "400"


def test_strip_controls_removes_control_characters():
    assert fmt.strip_controls("a\x1b[31mb\x07") == "a[31mb"
    assert fmt.strip_controls("x\ny\tz") == "x y z"
    assert fmt.strip_controls("\u202eevil") == "evil"
    assert fmt.strip_controls("[bold]markup[/bold]") == "[bold]markup[/bold]"
    assert fmt.strip_controls(None) == ""
    assert fmt.strip_controls(42) == "42"


@given(st.text())
def test_strip_controls_never_leaves_control_characters(s):
    out = fmt.strip_controls(s)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in out)


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_number_round_trips_in_german(n):
    assert int(fmt.number(n).replace(".", "").replace(fmt.MINUS, "-")) == n


def test_sparkline_and_trend():
    assert fmt.sparkline([1, 2, 3]) == "▁▄█"
    assert fmt.sparkline([5, 5]) == "▄▄"
    assert fmt.sparkline([]) == ""
    assert fmt.sparkline([1, None, 3]) == "▁ █"
    assert fmt.trend(2, 1) == "↑" and fmt.trend(1, 2) == "↓" and fmt.trend(1, 1) == "→"
    assert fmt.trend(None, 1) == ""
    assert fmt.trend_is_good(2, 1, True) is True
    assert fmt.trend_is_good(2, 1, False) is False
    assert fmt.trend_is_good(2, 1, None) is None


def test_one_rounding_rule_half_up_on_the_decimal_value():
    """The mean of 1,4 and 1,7 is 1,55 (the float is 1,5499999…) and shows as 1,6 % on every
    screen; −1,25 as −1,3 % (halves away from zero), with the typographic minus."""
    from kjc_tui.read.compare import mean
    from kjc_tui.ui.widgets import chartfmt

    m = mean([1.4, 1.7])
    assert m is not None and m < 1.55  # the float really is below the half
    assert fmt.percent(m) == "1,6 %"
    assert fmt.value(m, "percent") == "1,6 %"
    assert fmt.figure(m, "percent") == "1,6 %"
    assert fmt.column([m, 10.0], "percent") == ["1,6 %", "10,0 %"]
    assert chartfmt.value(m, "percent") == "1,6 %"
    assert fmt.percent(-1.25) == "−1,3 %"
    assert fmt.value(-1.25, "percent") == "−1,3 %"
    assert fmt.number(-1.25, "en", 1) == "−1.3"
    assert fmt.number(0.125, "de", 2) == "0,13" and fmt.number(2.675, "de", 2) == "2,68"
    assert fmt.deviation(-1.25, "percent") == "−1,3 Pp."
    assert fmt.deviation(0.04, "percent") == "±0,0 Pp."
    assert fmt.number(-0.04, "de", 1) == "0,0"


def test_large_amounts_keep_their_cents():
    """A float is read by 12 significant digits (its binary noise dropped), but a figure from
    10^10 on by as many as reach the cent: 12.345.678.901,23 €, not …901,20 or …901,2."""
    big = 12_345_678_901.23
    assert fmt.decimal(big) == Decimal("12345678901.23")
    assert fmt.number(big, "de", 2) == "12.345.678.901,23"
    assert fmt.money(big, "en", 2) == "€12,345,678,901.23"
    assert fmt.exact(-987_654_321_098.76) == "−987.654.321.098,76"
    assert fmt.excel(big) == "12345678901,23"
    # the noise of arithmetic still goes: a sum of cents, and small figures as before
    assert fmt.number(sum([0.1] * 10) * 12_345_678_901, "de", 2) == "12.345.678.901,00"
    assert fmt.decimal(1.4 + 1.7) == Decimal("3.1") and fmt.decimal(15.1 - 14.45) == Decimal("0.65")


def test_exact_and_excel_spellings():
    assert fmt.exact(1234567.5) == "1.234.567,5"
    assert fmt.exact(-0.25) == "−0,25"
    assert fmt.exact(-12345) == "−12.345"
    assert fmt.exact(2024, grouped=False) == "2024"
    assert fmt.exact(1e20) == "1e+20"
    assert fmt.excel(-1234.5) == "-1234,5"
    assert fmt.excel(3) == "3" and fmt.excel(None) == "" and fmt.excel(True) == "WAHR"
    assert fmt.excel(dt.date(2024, 2, 22)) == "22.02.2024"


def test_show_controls_makes_them_visible():
    assert fmt.show_controls("a\u202eb\x00\x7f\x1b") == "a\\u202eb␀␡␛"


def test_chart_spellings():
    assert fmt.compact(1_250_000) == "1,3 Mio." and fmt.compact(1_240_000, lang="en") == "1.2 M"
    assert fmt.compact(-15.5, "percent") == "−15,5 %"
    assert fmt.tick_labels([1.45, 1.5, 1.55], "percent") == ["1,45 %", "1,50 %", "1,55 %"]
    assert fmt.fraction(20_600_000, 21_300_000, 14) == "20,6/21,3 Mio."
    assert fmt.deviation(0.125, None, relative=True) == "+13 %"
    assert fmt.z_difference(-1.8) == "−1,8" and fmt.z_difference(0.25) == "+0,3"


@pytest.mark.parametrize(("first", "last", "de", "en"), [
    (dt.date(2024, 12, 1), dt.date(2024, 12, 1), "12/2024", "2024-12"),
    (dt.date(2025, 10, 1), dt.date(2025, 11, 1), "10–11/2025", "2025-10–11"),
    (dt.date(2006, 1, 1), dt.date(2025, 6, 1), "2006–2025", "2006–2025"),
    (None, dt.date(2025, 6, 1), "", "")])
def test_period_span_spells_months_as_every_month_of_the_ui(first, last, de: str, en: str) -> None:
    """The spread of summed periods (Übersicht) is spelt by the one formatter, its months as `fmt.period`."""
    assert (fmt.period_span(first, last, "month", "de"), fmt.period_span(first, last, "month", "en")) == (de, en)
    if first == last and last is not None:
        assert en == fmt.period(last, "month", "en")
