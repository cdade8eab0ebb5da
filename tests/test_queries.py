"""The store's parameterised queries on a small hand-made data set."""

from __future__ import annotations

from datetime import date

import pytest

from dataset import build_db
from kjc_tui.read import catalogue, queries
from kjc_tui.db import snapshot
from kjc_tui.db.store import QueryRefused, Store, check_select, open_sandbox


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    tmp = tmp_path_factory.mktemp("q")
    db = build_db(tmp)
    files = {
        "i.csv": "jobcenter_id,period,indicator,sex,value,numerator,denominator,source,as_of\n"
                 "JC-06437,2024-01,K2,all,20.5,205,1000,https://s/1,2024-05-01\n"
                 "JC-06437,2024-02,K2,all,21.0,210,1000,https://s/1,2024-06-01\n"
                 "JC-06437,2024-02,K2,f,19.0,,,https://s/1,2024-06-01\n"
                 "JC-06437,2024-02,BG,all,2600,,,https://s/2,2024-06-01\n"
                 "JC-06437,2024-01,ELB,all,3500,,,https://s/2,2024-06-01\n"
                 "JC-06535,2024-02,K2,all,25.0,,,https://s/1,2024-06-01\n",
        "s.csv": "jobcenter_id,period,headcount,fte,source,as_of\nJC-06437,2024-02-01,30,20,https://s/3,2024-02-01\n",
        "e.csv": "event_id,date,jobcenter_id,kind,title,invited,participants,employers,contracts,source,as_of\n"
                 "e1,2024-02-22,JC-06437,Speed-Dating,Job-Turbo,444,274,29,10,https://s/4,2024-02-23\n"
                 "e2,2025-08-21,,Festakt,20 Jahre,,,,,https://s/5,2025-08-29\n",
        "b.csv": "budget_id,ags,year,programme,item,amount_eur,source,as_of\n"
                 "b1,06437,2024,AQB,Landesmittel,350000,https://s/6,2024-01-01\n"
                 "b2,,2023,AQB,Landesmittel,27700000,https://s/7,2023-01-01\n",
        "c.csv": "jobcenter_id,year,programme,started,graduated,hired,source,as_of\n"
                 "JC-06437,2020,BASS,3,2,1,https://s/8,2024-01-01\n",
    }
    paths = []
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
        paths.append(tmp / name)
    snapshot.load(db, paths)
    s = Store(db)
    yield s
    s.close()


def test_districts_and_profile(store):
    ds = catalogue.districts(store)
    assert [d["ags"] for d in ds] == ["06412", "06437", "06535"]
    assert {d["ags"]: d["model"] for d in ds}["06412"] == "gE"
    jc = queries.jobcenter(store, "06437")
    assert jc["jobcenter_id"] == "JC-06437" and jc["district_name"] == "Odenwaldkreis"
    assert queries.jobcenter(store, "99999") is None


def test_latest_values_with_trend_and_stand(store):
    vals = {v["indicator"]: v for v in queries.latest_values(store, "JC-06437")}
    k2 = vals["K2"]
    assert (k2["value"], k2["previous_value"], k2["period"]) == (21.0, 20.5, date(2024, 2, 1))
    assert k2["trend"] == [20.5, 21.0] and k2["as_of"] == date(2024, 6, 1) and k2["source"] == "https://s/1"
    assert vals["BG"]["previous_value"] is None
    assert queries.latest_values(store, "JC-06437", sex="f")[0]["value"] == 19.0


def test_series_and_latest_by_indicator(store):
    s = queries.series(store, ["JC-06437", "JC-06535"], "K2")
    assert [(r["jobcenter_id"], r["value"]) for r in s] == [("JC-06437", 20.5), ("JC-06437", 21.0), ("JC-06535", 25.0)]
    assert queries.series(store, [], "K2") == []
    latest = queries.latest_by_indicator(store, "K2")
    assert [(r["ags"], r["value"]) for r in latest] == [("06437", 21.0), ("06535", 25.0)]


def test_events_budgets_bass_staffing(store):
    assert [e["event_id"] for e in queries.events(store)] == ["e2", "e1"]
    assert [e["event_id"] for e in queries.events(store, "JC-06437")] == ["e1"]
    assert [e["event_id"] for e in queries.events(store, "JC-06437", include_association=True)] == ["e2", "e1"]
    assert [e["event_id"] for e in queries.events(store, since=date(2025, 1, 1))] == ["e2"]
    assert [b["budget_id"] for b in queries.budgets(store, "06437")] == ["b1"]
    assert [b["budget_id"] for b in queries.budgets(store, "")] == ["b2"]
    assert queries.bass(store, "JC-06437")[0]["hiring_rate"] == 0.5
    st = queries.staffing(store, "JC-06437")[0]
    assert st["bg"] == 2600 and st["bg_per_fte"] == 130


def test_ratios(store):
    r = {x["ratio"]: x for x in queries.ratios(store, "JC-06437")}
    assert r["bg_per_fte"]["value"] == 130
    assert r["participants_per_employer"]["value"] == pytest.approx(274 / 29)
    assert r["contracts_per_participant"]["value"] == pytest.approx(10 / 274)
    assert r["bass_hiring_rate"]["value"] == 0.5
    assert r["eur_per_elb"]["value"] == pytest.approx(350000 / 3500)


def test_provenance(store):
    counts = {t["table"]: t["rows"] for t in queries.table_counts(store)}
    assert counts["districts"] == 3 and counts["indicators"] == 6 and counts["loads"] >= 8
    srcs = queries.sources(store)
    assert srcs[0]["as_of"] == date(2025, 8, 29)
    assert queries.loads(store, 1)[0]["action"] == "load"


def test_user_sql_is_read_only(store):
    con = open_sandbox(store.path)
    try:
        assert con.execute(check_select("SELECT count(*) FROM districts;")).fetchone() == (3,)
        refusals = {"DELETE FROM districts": ("not_select", {"kind": "DELETE"}),
                    "SELECT 1; SELECT 2": ("statements", {"n": 2}), "ATTACH 'x.db'": ("not_select", {"kind": "ATTACH"}),
                    "COPY districts TO 'x.csv'": ("not_select", {"kind": "COPY"})}
        for bad, (code, params) in refusals.items():  # codes and parameters: the UI and the CLI word them
            with pytest.raises(QueryRefused) as refused:
                check_select(bad)
            assert (refused.value.code, refused.value.params) == (code, params)
        with pytest.raises(Exception, match="disabled"):
            con.execute("SELECT * FROM read_csv('/etc/passwd')")
    finally:
        con.close()
