"""Checks of the embedded, sourced data set in data/ (csv module + kjc_tui.core.schema only)."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from kjc_tui.core.schema import LOADABLE, NOT_EMBEDDED, TABLES

DATA = Path(__file__).resolve().parent.parent / "data"
EMBEDDED = [name for name in LOADABLE if name not in NOT_EMBEDDED]

EXPECTED_AGS = {
    "06411", "06412", "06413", "06414", "06431", "06432", "06433", "06434", "06435", "06436", "06437",
    "06438", "06439", "06440", "06531", "06532", "06533", "06534", "06535", "06611", "06631", "06632",
    "06633", "06634", "06635", "06636",
}
ZKT_AGS = {"06431", "06432", "06631", "06433", "06632", "06434", "06532", "06435", "06436", "06534",
           "06437", "06438", "06413", "06439", "06535", "06414"}


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module", params=EMBEDDED)
def table(request: pytest.FixtureRequest) -> tuple[str, list[str], list[dict[str, str]]]:
    header, rows = read(request.param)
    return request.param, header, rows


def _is_iso_date(s: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return False
    try:
        date.fromisoformat(s)
    except ValueError:
        return False
    return True


def test_all_files_present() -> None:
    for name in EMBEDDED:
        assert (DATA / f"{name}.csv").is_file(), name
    assert (DATA / "README.md").is_file()


def test_header_matches_schema(table: tuple[str, list[str], list[dict[str, str]]]) -> None:
    name, header, rows = table
    t = TABLES[name]
    assert header, f"{name}: empty file"
    assert len(header) == len(set(header)), f"{name}: duplicate columns"
    for col in header:
        assert col in t.column_map, f"{name}: unknown column {col}"
    # schema order
    order = [c for c in t.column_names if c in header]
    assert header == order, f"{name}: columns not in schema order"
    assert "source" in header and "as_of" in header
    assert rows, f"{name}: no rows"


def test_rows_valid(table: tuple[str, list[str], list[dict[str, str]]]) -> None:
    name, header, rows = table
    t = TABLES[name]
    for i, row in enumerate(rows, start=2):
        where = f"{name}.csv line {i}"
        assert None not in row, f"{where}: more fields than header"
        assert all(v is not None for v in row.values()), f"{where}: fewer fields than header"
        assert row["source"].strip(), f"{where}: empty source"   # what a source may be: test_data_audit
        assert _is_iso_date(row["as_of"]), f"{where}: bad as_of {row['as_of']!r}"
        for col, value in row.items():
            assert "UNVERIFIED" not in value.upper(), f"{where}: {col} contains UNVERIFIED"
            assert value == value.strip(), f"{where}: {col} has surrounding blanks"
            c = t.column(col)
            if c.required and c.default is None:
                assert value, f"{where}: required column {col} is empty"
            if not value:
                continue
            if c.choices:
                assert value in c.choices, f"{where}: {col}={value!r} not in {c.choices}"
            if c.pattern:
                assert re.fullmatch(c.pattern, value), f"{where}: {col}={value!r} does not match {c.pattern}"
            if c.type == "date":
                assert _is_iso_date(value), f"{where}: {col}={value!r} is not an ISO date"
            elif c.type == "int":
                assert re.fullmatch(r"-?\d+", value), f"{where}: {col}={value!r} is not an integer"
            elif c.type == "float":
                assert re.fullmatch(r"-?\d+(\.\d+)?", value), f"{where}: {col}={value!r} is not a plain number"
            elif c.type == "bool":
                assert value in ("true", "false"), f"{where}: {col}={value!r} is not true/false"
            if c.type in ("int", "float"):
                if c.minimum is not None:
                    assert float(value) >= c.minimum, f"{where}: {col}={value} below {c.minimum}"
                if c.maximum is not None:
                    assert float(value) <= c.maximum, f"{where}: {col}={value} above {c.maximum}"


def test_keys_unique(table: tuple[str, list[str], list[dict[str, str]]]) -> None:
    name, header, rows = table
    key = TABLES[name].key
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        k = tuple(row.get(c) or (TABLES[name].column(c).default or "") for c in key)
        assert k not in seen, f"{name}: duplicate key {k}"
        seen.add(k)


def test_districts() -> None:
    _, rows = read("districts")
    assert len(rows) == 26
    assert {r["ags"] for r in rows} == EXPECTED_AGS
    kinds = [r["kind"] for r in rows]
    assert kinds.count("Landkreis") == 21 and kinds.count("kreisfreie Stadt") == 5
    cities = {r["ags"] for r in rows if r["kind"] == "kreisfreie Stadt"}
    assert cities == {"06411", "06412", "06413", "06414", "06611"}
    rb = {"4": "Darmstadt", "5": "Gießen", "6": "Kassel"}
    for r in rows:
        assert r["state"] == "Hessen"
        assert r["regierungsbezirk"] == rb[r["ags"][2]], r


def test_jobcenters() -> None:
    _, rows = read("jobcenters")
    _, districts = read("districts")
    ags = {d["ags"] for d in districts}
    assert len(rows) == 26
    assert all(r["ags"] in ags for r in rows)
    assert all(r["jobcenter_id"] == "JC-" + r["ags"] for r in rows)
    zkt = [r for r in rows if r["model"] == "zkT"]
    ge = [r for r in rows if r["model"] == "gE"]
    assert len(zkt) == 16 and len(ge) == 10
    assert {r["ags"] for r in zkt} == ZKT_AGS
    # 2012: the three named in the 13 → 16 source; 2005 only where a source of that jobcenter says so;
    # the other Optionskommunen predate 2012, but no source gives their start year
    no_year = {"06631", "06436", "06438", "06535", "06439"}
    for r in zkt:
        expected = "2012" if r["ags"] in ("06532", "06433", "06413") else "" if r["ags"] in no_year else "2005"
        assert r["option_since"] == expected, r["jobcenter_id"]
        if r["ags"] in no_year:
            assert "Startjahr nicht belegt" in r["note"], r["jobcenter_id"]
    # gE names only as the sources spell them; none built from a pattern
    sourced_names = {"06411": "Jobcenter Darmstadt", "06412": "Jobcenter Frankfurt", "06531": "Jobcenter Gießen"}
    for r in ge:
        assert r["option_since"] == ""
        assert r["legal_form"] == "gemeinsame Einrichtung (§ 44b SGB II)"
        assert r["name"] == sourced_names.get(r["ags"], ""), r["jobcenter_id"]
        assert ("nicht geprüft" if r["name"] else "nicht belegt") in r["note"], r["jobcenter_id"]
    rtk = next(r for r in rows if r["ags"] == "06439")
    assert rtk["name"] == ""
    peer = {r["jobcenter_id"]: (r["peer_type"], r["peer_type_as_of"]) for r in rows if r["peer_type"]}
    assert peer == {"JC-06413": ("IIIb", "2016-03-29"), "JC-06534": ("IId", "2015-04-01")}


def test_references() -> None:
    jcs = {r["jobcenter_id"] for r in read("jobcenters")[1]}
    ags = {r["ags"] for r in read("districts")[1]}
    codes = {r["code"] for r in read("indicator_defs")[1]}
    for name in ("indicators", "staffing", "bass_cohorts", "events", "budgets", "facts"):
        for row in read(name)[1]:
            if row.get("jobcenter_id"):
                assert row["jobcenter_id"] in jcs, (name, row)
            if row.get("ags"):
                assert row["ags"] in ags, (name, row)
    for row in read("indicators")[1]:
        assert row["indicator"] in codes, row


def test_indicator_defs() -> None:
    _, rows = read("indicator_defs")
    by = {r["code"]: r for r in rows}
    k = ["K1", "K1E1", "K1E2", "K1E3", "K1E4", "K2", "K2E1", "K2E2", "K2E3", "K2E4",
         "K3", "K3E1", "K3E2", "K3E3", "K3E4"]
    other = ["BG", "ELB", "LB", "EW", "FL", "ALO_SGB2", "ALQ_SGB2", "ALO", "ALQ", "AS", "INT", "STELLEN"]
    assert set(by) == set(k + other)
    for c in ("K1", "K1E1", "K1E2", "K3"):
        assert by[c]["unit"] == "percent_change"
    for c in set(k) - {"K1", "K1E1", "K1E2", "K3"}:
        assert by[c]["unit"] == "percent"
    for c in ("K1", "K1E1", "K1E2", "K1E3", "K3", "K3E3", "ALQ", "ALQ_SGB2"):
        assert by[c]["higher_is_better"] == "false", c
    for c in ("K1E4", "K2", "K2E3", "K2E4", "K3E1", "K3E2", "K3E4"):
        assert by[c]["higher_is_better"] == "true", c
    for c in ("K2E1", "K2E2"):
        assert by[c]["higher_is_better"] == ""
    assert by["K2"]["name_de"] == "Integrationsquote"
    assert by["EW"]["scope"] == by["FL"]["scope"] == "district"
    assert by["FL"]["unit"] == "km2"


def test_odenwald_job_turbo_event() -> None:
    _, rows = read("events")
    ev = [r for r in rows if r["jobcenter_id"] == "JC-06437" and r["date"] == "2024-02-22"]
    assert len(ev) == 1
    e = ev[0]
    assert e["participants"] == "274" and e["employers"] == "29" and e["invited"] == "444"
    assert e["place"] == "Erbach"


def test_event_precision_and_end_dates() -> None:
    for r in read("events")[1]:
        if r["end_date"]:
            assert r["end_date"] >= r["date"], r["event_id"]
        if r["date_precision"] == "year":
            assert r["date"].endswith("-01-01"), r["event_id"]
        if r["date_precision"] == "month":
            assert r["date"].endswith("-01"), r["event_id"]


def test_indicator_periods_match_kind() -> None:
    for r in read("indicators")[1]:
        if r["period_kind"] == "month":
            assert r["period"].endswith("-01"), r
        if r["period_kind"] == "year":
            assert r["period"].endswith("-01-01"), r


def test_dates_belong_to_their_sources() -> None:
    """A press archive page of year Y dates its event in Y; undated programme facts carry no borrowed Stand."""
    import re

    for r in read("events")[1]:
        m = re.search(r"archive/jahr-(\d{4})", r["source"])
        if m:
            assert r["date"][:4] == m[1], r["event_id"]
    facts = {r["fact_id"]: r for r in read("facts")[1]}
    hs_fulda_only = [f for f in facts.values() if "hs-fulda.de" in f["source"]
                     and all("hs-fulda.de" in s for s in f["source"].split(" ; "))]
    assert hs_fulda_only == [], "the HS Fulda page is undated: a fact needs a dated source too"
    assert facts["bass-fachbereich"]["as_of"] == "2023-01-01"   # the KCA article of 2023 names it


def test_fachaufsicht_fact() -> None:
    f = {r["fact_id"]: r for r in read("facts")[1]}["kjc-fachaufsicht"]
    assert "Fachaufsicht" in f["label_de"] and "arbeitswelt.hessen.de" in f["source"]


def test_odenwald_job_turbo_from_both_sources() -> None:
    """The release and ina-odw.de differ (über 270 / 27 firms vs. 274 / 29): two rows, each with its source."""
    rows = {r["event_id"]: r for r in read("events")[1]
            if r["jobcenter_id"] == "JC-06437" and "job-turbo" in r["event_id"]}
    release = rows["2024-02-odw-job-turbo-pressemitteilung"]
    assert (release["participants"], release["participants_qualifier"]) == ("270", ">")
    assert (release["employers"], release["employers_qualifier"]) == ("27", "=")
    assert (release["applications"], release["applications_qualifier"]) == ("100", ">")
    assert (release["contracts"], release["contracts_qualifier"]) == ("7", "=")
    assert release["source"].startswith("Hessische Kommunale Jobcenter / Kommunales Job-Center Odenwaldkreis")
    assert (release["date"], release["date_precision"], release["as_of"]) == ("2024-02-01", "month", "2024-02-01")
    ina = rows["2024-02-22-odw-job-turbo-speed-dating"]
    assert (ina["participants"], ina["employers"]) == ("274", "29")
    assert ina["source"] == "https://www.ina-odw.de/job-turbo-im-odenwaldkreis-fuer-ueber-270-ukrainer/"


def test_bass_cohort_odenwald_2020() -> None:
    rows = [r for r in read("bass_cohorts")[1] if r["jobcenter_id"] == "JC-06437"]
    assert [(r["year"], r["programme"], r["started"], r["started_qualifier"], r["as_of"]) for r in rows] == [
        ("2020", "BASS", "3", "=", "2020-12-02")]


def test_meanings_as_the_sources_have_them() -> None:
    """A yearly caseload is no monthly stock, placements are no § 48a integrations, a Kreis-wide
    SGB II + III figure belongs to the district, a mirror is no source."""
    indicators = read("indicators")[1]
    assert [r["indicator"] for r in indicators if r["jobcenter_id"] == "JC-06411"] == ["EW"]  # Destatis
    assert not [r for r in indicators if r["indicator"] == "INT"]
    scope = {r["code"]: r["scope"] for r in read("indicator_defs")[1]}
    assert scope["ALO"] == scope["ALQ"] == "district"
    for name in EMBEDDED:
        for r in read(name)[1]:
            assert "profilpelajar" not in r["source"] and "hiragana" not in r["source"], (name, r)
    facts = {r["fact_id"]: r for r in read("facts")[1]}
    assert facts["kfb-bg-groesse-2006-10"]["qualifier"] == "Ø"
    assert (facts["ortenau-koa-abgaenge-2018"]["value"], facts["ortenau-koa-abgaenge-2018"]["value_upper"],
            facts["ortenau-koa-abgaenge-2018"]["qualifier"]) == ("400", "500", "↔")
    assert all("nicht Hessen" in f["note"] for k, f in facts.items() if k.startswith("ortenau-"))
