from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kjc_tui.ingest.parse import ParseError, parse_bool, parse_date, parse_int, parse_number


@pytest.mark.parametrize("text, decimal, expected", [
    ("1.056.700", ",", (1056700.0, None)),
    ("1.056.700,50", ",", (1056700.5, None)),
    ("24,6 %", ",", (24.6, None)),
    ("1 056 700 €", ",", (1056700.0, None)),
    ("\u00a01.234\u00a0", ",", (1234.0, None)),
    ("~15.000", ",", (15000.0, "≈")),
    ("ca. 29.000", ",", (29000.0, "≈")),
    ("fast 9.000", ",", (9000.0, "<")),
    ("> 4.500", ",", (4500.0, ">")),
    ("mehr als 2.000", ",", (2000.0, ">")),
    ("−3,2", ",", (-3.2, None)),
    ("+7", ",", (7.0, None)),
    ("27,7 Mio. €", ",", (27700000.0, None)),
    ("1,234,567.8", ",", (1234567.8, None)),
    ("1.5", ".", (1.5, None)),
    ("1,500", ".", (1500.0, None)),
    ("1.234", ",", (1234.0, None)),
    ("24.6", ",", (24.6, None)),
    (3, ",", (3.0, None)),
])
def test_numbers(text, decimal, expected):
    assert parse_number(text, decimal) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12a", "1.23.4", "--1", "nan", True, "1.2345,6"])
def test_bad_numbers(text):
    with pytest.raises(ParseError):
        parse_number(text, ",")


def test_int_refuses_fraction():
    assert parse_int("1.234") == 1234
    with pytest.raises(ParseError, match="ganze Zahl"):
        parse_int("12,5")


@pytest.mark.parametrize("text, expected", [
    ("22.02.2024", (date(2024, 2, 22), "day")),
    ("22.2.24", (date(2024, 2, 22), "day")),
    ("2024-02-22", (date(2024, 2, 22), "day")),
    ("2024-02-22T10:00:00Z", (date(2024, 2, 22), "day")),
    ("22. Februar 2024", (date(2024, 2, 22), "day")),
    ("Januar 2025", (date(2025, 1, 1), "month")),
    ("März 2025", (date(2025, 3, 1), "month")),
    ("Feb. 2024", (date(2024, 2, 1), "month")),
    ("02/2024", (date(2024, 2, 1), "month")),
    ("02.2024", (date(2024, 2, 1), "month")),
    ("2024-02", (date(2024, 2, 1), "month")),
    ("2024", (date(2024, 1, 1), "year")),
    ("2024-Q3", (date(2024, 7, 1), "quarter")),
    ("1. Quartal 2024", (date(2024, 1, 1), "quarter")),
    (2023, (date(2023, 1, 1), "year")),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("31.02.2024", "gültiges Datum"),
    ("2024-13-01", "Monat 13"),
    ("Foo 2024", "Monatsnamen"),
    ("gestern", "kein Datum"),
    ("0000", "unplausible"),
])
def test_bad_dates(text, reason):
    with pytest.raises(ParseError, match=reason):
        parse_date(text)


def test_bool():
    assert parse_bool("ja") is True and parse_bool("FALSCH") is False and parse_bool(1) is True
    with pytest.raises(ParseError):
        parse_bool("vielleicht")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_german_integers_roundtrip(n):
    text = f"{n:,}".replace(",", ".")
    assert parse_number(text, ",")[0] == n


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_german_decimals_roundtrip(d):
    text = f"{d:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert parse_number(text, ",")[0] == pytest.approx(float(d))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_date_spellings_roundtrip(d):
    assert parse_date(d.strftime("%d.%m.%Y"))[0] == d
    assert parse_date(d.isoformat())[0] == d


@given(st.text(max_size=40))
def test_parsers_never_crash(text):
    for fn in (lambda t: parse_number(t, ","), parse_date, parse_bool):
        try:
            fn(text)
        except ParseError:
            pass


@pytest.mark.parametrize("text, ends", [
    ("zwischen 400 und 500", ("400", "500")),
    ("400–500", ("400", "500")),
    ("400 - 500", ("400", "500")),
    ("400 bis 500", ("400", "500")),
    ("20–25 %", ("20 %", "25 %")),
    ("-5", None), ("–5", None), ("12,-", None), ("1.250,– €", None), ("Ø 2.000", None), ("über 270", None),
])
def test_split_range(text, ends):
    from kjc_tui.ingest.parse import split_range

    assert split_range(text) == ends


@pytest.mark.parametrize("text", ["Ø 2.000", "durchschnittlich 2.000", "im Durchschnitt 2.000"])
def test_average_is_a_qualifier(text):
    assert parse_number(text) == (2000.0, "Ø")
