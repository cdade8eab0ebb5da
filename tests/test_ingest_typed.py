"""The fast path of the ingest (a CSV read by DuckDB with typed number and date columns) agrees with
the text staging, where every rule runs: the same rows, or the same refusal, for any spelling."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dataset import build_db
from kjc_tui import ingest
from kjc_tui.db import snapshot
from kjc_tui.ingest import Refused
from kjc_tui.ingest.staging import CHUNK, _digit_underscore
from test_ingest_sql import GERMAN_DATES, GERMAN_NUMBERS, HEADER

FIXED = "06437;{period};BG;{value};https://x.example;{stand}"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("typed")
    db = build_db(work)
    copy = work / "copy.duckdb"
    shutil.copyfile(db, copy)
    c = snapshot.connect_for_load(copy)
    yield c
    c.close()


def outcome(con: Any, path: Path, typed: bool) -> tuple[tuple[str, Any], bool]:
    """(("rows", the converted rows) or ("refused", the messages), whether the typed read was kept)."""
    sf = ingest.stage(con, ingest.read_source(path), typed=typed)
    kept = bool(sf.staged.types)
    try:
        conv = ingest.check(con, sf)
        kept = kept and bool(sf.staged.types)
        cols = ", ".join(f"f_{c}" for c in conv.columns)
        got: tuple[str, Any] = ("rows", con.execute(f"SELECT {cols} FROM {conv.relation} ORDER BY _r").fetchall())
    except Refused as e:
        kept = kept and bool(sf.staged.types)
        got = ("refused", [str(p) for p in e.problems])
    ingest.discard(con, sf)
    return got, kept


def both(con: Any, path: Path) -> tuple[Any, Any, bool]:
    fast, kept = outcome(con, path, typed=True)
    text, _ = outcome(con, path, typed=False)
    return fast, text, kept


def write(tmp: Path, lines: list[str], name: str = "f.csv") -> Path:
    f = tmp / name
    f.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8"))
    return f


def test_a_plain_german_file_takes_the_fast_path_and_gives_the_text_paths_rows(con, tmp_path):
    lines = [FIXED.format(period=f"01.{m:02d}.2024", value=f"{m * 1000 + 7},25", stand="15.03.2025")
             for m in range(1, 13)]
    fast, text, kept = both(con, write(tmp_path, lines))
    assert kept, "the typed read was not used for a plain German-Excel file"
    assert fast == text
    assert fast[0] == "rows" and len(fast[1]) == 12


@pytest.mark.parametrize("value", ["1_000", "inf", "nan", "-0", "1e400", "1.234", "1.234,5", " 7 ", "+5", ",5",
                                   "5,", "ca. 5", "400–500", "k. A."])
def test_numbers_duckdb_reads_otherwise_are_taken_as_the_rules_read_them(con, tmp_path, value):
    fast, text, _ = both(con, write(tmp_path, [FIXED.format(period="01.01.2024", value=value, stand="15.03.2025")]))
    assert fast == text


@pytest.mark.parametrize("period", ["01.02.24", "1.2.2024", "01.02.0024", "01.02.0000", "31.02.2024", "2024-02-01",
                                    " 01.02.2024", "01.02.2024 10:00", "Februar 2024"])
def test_dates_duckdb_reads_otherwise_are_taken_as_the_rules_read_them(con, tmp_path, period):
    fast, text, _ = both(con, write(tmp_path, [FIXED.format(period=period, value="12", stand="15.03.2025")]))
    assert fast == text


def test_a_two_digit_year_leaves_the_fast_path(con, tmp_path):
    """DuckDB reads 01.02.24 as the year 24; the rules read 2024: the file is checked from its text."""
    got, kept = outcome(con, write(tmp_path, [FIXED.format(period="01.02.24", value="12", stand="15.03.2025")]), True)
    assert not kept
    assert got[0] == "rows" and got[1][0][1] == date(2024, 2, 1)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(values=st.lists(GERMAN_NUMBERS, min_size=1, max_size=12))
@example(values=["12", "1_0"])
def test_random_german_numbers_agree(con, tmp_path, values):
    lines = [FIXED.format(period=f"01.{i + 1:02d}.2024", value=v, stand="15.03.2025") for i, v in enumerate(values)]
    fast, text, _ = both(con, write(tmp_path, lines))
    assert fast == text


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(periods=st.lists(GERMAN_DATES, min_size=1, max_size=12, unique=True),
       stand=st.sampled_from(["15.03.2025", "2025-03-15", "15.3.25"]))
def test_random_german_dates_agree(con, tmp_path, periods, stand):
    lines = [FIXED.format(period=p, value=str(i), stand=stand) for i, p in enumerate(periods)]
    fast, text, _ = both(con, write(tmp_path, lines))
    assert fast == text


def test_duckdb_reads_a_refused_typed_file_without_aborting_anything(con, tmp_path):
    """A typed read that DuckDB refuses leaves the connection usable (the load's transaction starts after)."""
    outcome(con, write(tmp_path, [FIXED.format(period="01.01.2024", value="zwölf", stand="15.03.2025")]), True)
    assert con.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(duckdb.Error):
        con.execute("SELECT * FROM _no_such_table")


def test_a_bad_number_is_refused_from_the_typed_read_with_only_its_column_as_text(con, tmp_path):
    lines = [FIXED.format(period=f"01.{m:02d}.2024", value=str(m), stand="15.03.2025") for m in range(1, 12)]
    f = write(tmp_path, [*lines, FIXED.format(period="01.12.2024", value="zwölf", stand="15.03.2025")])
    (fast, kept), (text, _) = outcome(con, f, True), outcome(con, f, False)
    assert kept, "one bad number sent the whole file to the text staging"
    assert fast == text == ("refused", [f"{f}, Zeile 13, Spalte 'Wert', Wert 'zwölf': Wert ist keine Zahl"])


def test_a_problem_showing_a_typed_cell_is_reported_from_the_text(con, tmp_path):
    """A negative count is refused showing the cell as written ('-5', not DuckDB's '-5.0')."""
    f = write(tmp_path, [FIXED.format(period="01.01.2024", value="-5", stand="15.03.2025")])
    (fast, kept), (text, _) = outcome(con, f, True), outcome(con, f, False)
    assert not kept
    assert fast == text and "Wert '-5'" in fast[1][0]


@pytest.mark.parametrize("body, found", [(b"a;1_000\n", True), (b"ALO_SGB2;5\n", False), (b"_1;1_;a_b\n", False),
                                         *((b"x" * (CHUNK - k) + b"1_2", True) for k in range(4))])
def test_an_underscore_between_digits_is_found_across_read_chunks(tmp_path, body, found):
    f = tmp_path / "u.csv"
    f.write_bytes(body)
    assert _digit_underscore(f) is found
