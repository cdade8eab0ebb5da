"""The audit of the embedded data set: every row of data/ is checked against the rules of issue 16.

- its source is a full address (http/https, not shortened with "…" or "...") or a press release
  cited as data/README.md lists it, and every source appears in data/README.md;
- its Stand (as_of) is not after today and not before the event outcome or period it reports;
- every figure carries a qualifier from the allowed set, and qualifier and range end fit together
  (`schema.figure_problem`);
- no row comes from the synthetic generator.

The audit runs on the real data/ (it must find nothing) and on a temporary copy with a broken row
added (it must find exactly that row).
"""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from kjc_tui.core.schema import LOADABLE, NOT_EMBEDDED, QUALIFIERS, TABLES, figure_problem
from kjc_tui.db.synthetic import SYNTHETIC_SOURCE
from kjc_tui.ingest.problem import reason_text

DATA = Path(__file__).resolve().parent.parent / "data"
EMBEDDED = [name for name in LOADABLE if name not in NOT_EMBEDDED]
#: the heading in data/README.md above the list of press releases cited without an address
CITATIONS_HEADING = "## Pressemitteilungen ohne bekannte Adresse"
_URL = re.compile(r"https?://[^\s/]+\.[^\s]*")


def citations(readme: str) -> set[str]:
    """The citations listed (one per "- " line) under CITATIONS_HEADING."""
    out: set[str] = set()
    inside = False
    for line in readme.splitlines():
        if line.startswith("## "):
            inside = line.strip() == CITATIONS_HEADING
        elif inside and line.startswith("- "):
            out.add(line[2:].strip())
    return out


def _number(value: str) -> float | None:
    return float(value) if value else None


def _event_day(table: str, row: dict[str, str]) -> date | None:
    """The first day of what the row reports; its Stand may not lie before it. An event without any
    figure is an announcement or a date (the Aktionswoche release of 21.08.2019 announced the week
    of 26.08.): only outcomes cannot be reported before the event."""
    if table == "events":
        has_figures = any(row.get(fig) for fig, _, _ in TABLES["events"].figures)
        return date.fromisoformat(row["date"]) if has_figures else None
    if table in ("indicators", "staffing"):
        return date.fromisoformat(row["period"])
    if table == "bass_cohorts":
        return date(int(row["year"]), 1, 1)
    if table == "facts" and row.get("period"):
        return date.fromisoformat(row["period"])
    return None


def audit(data: Path, today: date) -> list[str]:
    """Every finding in the data set at `data`, as "file line N: reason"."""
    readme = (data / "README.md").read_text(encoding="utf-8")
    cited = citations(readme)
    findings: list[str] = []
    for name in EMBEDDED:
        table = TABLES[name]
        with open(data / f"{name}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for line, row in enumerate(rows, start=2):
            where = f"{name}.csv line {line}"
            source = row.get("source") or ""
            if SYNTHETIC_SOURCE in source or "synthetisch" in source.lower():
                findings.append(f"{where}: source is the synthetic generator")
            for part in source.split(" ; "):
                if part in cited:
                    continue
                if not _URL.fullmatch(part):
                    findings.append(f"{where}: source {part!r} is neither a full address nor a citation listed "
                                    f"in data/README.md")
                elif "…" in part or "..." in part:
                    findings.append(f"{where}: shortened address {part!r}")
                elif part not in readme:
                    findings.append(f"{where}: source {part!r} is not listed in data/README.md")
            try:
                as_of = date.fromisoformat(row.get("as_of") or "")
            except ValueError:
                findings.append(f"{where}: Stand {row.get('as_of')!r} is not a date")
                continue
            if as_of > today:
                findings.append(f"{where}: Stand {as_of} lies after today ({today})")
            day = _event_day(name, row)
            if day is not None and as_of < day:
                findings.append(f"{where}: Stand {as_of} lies before what it reports ({day})")
            for fig, q_col, u_col in table.figures:
                q = row.get(q_col) or ""
                if q and q not in QUALIFIERS:
                    findings.append(f"{where}: {q_col} {q!r} is not one of {' '.join(QUALIFIERS)}")
                    continue
                if row.get(fig) and not q:
                    findings.append(f"{where}: {fig} has no qualifier ({q_col})")
                reason = figure_problem(_number(row.get(fig) or ""), q or None, _number(row.get(u_col) or ""))
                if reason:
                    findings.append(f"{where}: {fig}: {reason_text(reason, {}, 'de')}")
    return findings


def test_embedded_data_passes_the_audit() -> None:
    assert audit(DATA, date.today()) == []


def test_every_citation_is_a_press_release_of_domain_md() -> None:
    """The five releases the project started from, cited as publisher, title and date."""
    listed = citations((DATA / "README.md").read_text(encoding="utf-8"))
    assert len(listed) == 5
    assert all(re.search(r"(19|20)\d\d$", c) for c in listed), listed


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _append(data: Path, table: str, values: dict[str, str]) -> int:
    """Add one row to a copied CSV; returns its line number."""
    path = data / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or [])
        n = sum(1 for _ in reader)
    unknown = set(values) - set(header)
    assert not unknown, unknown
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=header, lineterminator="\n").writerow(values)
    return n + 2


_EVENT = {"event_id": "audit-probe", "date": "2024-02-22", "date_precision": "day", "jobcenter_id": "JC-06437",
          "kind": "Speed-Dating", "title": "Probe", "participants": "274", "participants_qualifier": "=",
          "source": "https://www.ina-odw.de/job-turbo-im-odenwaldkreis-fuer-ueber-270-ukrainer/",
          "as_of": "2024-02-22"}


def test_a_correct_row_added_to_a_copy_passes(copy: Path) -> None:
    """The probes below differ from this row in one cell each: the finding is that cell's."""
    _append(copy, "events", _EVENT)
    assert audit(copy, date.today()) == []


def test_audit_finds_a_shortened_address(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"source": "https://www.ladadi.de/...showUid%5D=10659"})
    assert audit(copy, date.today()) == [
        f"events.csv line {line}: shortened address 'https://www.ladadi.de/...showUid%5D=10659'"]


def test_audit_finds_an_ellipsis_and_an_unlisted_citation(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"source": "https://www.ladadi.de/…/showUid=1 ; "
                                                        "Kreisausschuss: Mitteilung, 2024"})
    assert audit(copy, date.today()) == [
        f"events.csv line {line}: shortened address 'https://www.ladadi.de/…/showUid=1'",
        f"events.csv line {line}: source 'Kreisausschuss: Mitteilung, 2024' is neither a full address nor "
        "a citation listed in data/README.md"]


def test_audit_finds_a_source_missing_from_the_readme(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"source": "https://example.org/neu"})
    assert audit(copy, date.today()) == [
        f"events.csv line {line}: source 'https://example.org/neu' is not listed in data/README.md"]


def test_audit_finds_a_future_stand(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"as_of": "2031-01-01"})
    assert audit(copy, date(2026, 12, 3)) == [
        f"events.csv line {line}: Stand 2031-01-01 lies after today (2026-12-03)"]


def test_audit_finds_a_stand_before_the_event(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"as_of": "2024-02-21"})
    assert audit(copy, date.today()) == [
        f"events.csv line {line}: Stand 2024-02-21 lies before what it reports (2024-02-22)"]


def test_audit_finds_an_unknown_qualifier(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"participants_qualifier": "~"})
    assert audit(copy, date.today()) == [
        f"events.csv line {line}: participants_qualifier '~' is not one of {' '.join(QUALIFIERS)}"]


def test_audit_finds_a_range_without_its_upper_end(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"participants_qualifier": "↔"})
    assert audit(copy, date.today()) == [
        f"events.csv line {line}: participants: ein Bereich (↔) braucht die Obergrenze („bis“)"]


def test_audit_finds_a_figure_without_qualifier(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"participants_qualifier": ""})
    assert audit(copy, date.today()) == [f"events.csv line {line}: participants has no qualifier "
                                         "(participants_qualifier)"]


def test_audit_finds_a_synthetic_row(copy: Path) -> None:
    line = _append(copy, "events", _EVENT | {"source": SYNTHETIC_SOURCE})
    assert audit(copy, date.today()) == [
        f"events.csv line {line}: source is the synthetic generator",
        f"events.csv line {line}: source {SYNTHETIC_SOURCE!r} is neither a full address nor a citation listed "
        "in data/README.md"]


def test_figures_with_qualifiers_and_ranges_survive_a_german_excel_round_trip(embedded_db: Path,
                                                                              tmp_path: Path) -> None:
    """Exported for German Excel and loaded into a fresh database, every figure keeps its
    qualifier and range end (the range code is no dash, which office files read as no value)."""
    from kjc_tui.db import snapshot
    from kjc_tui.db.store import Store
    from kjc_tui.read.export import export_table

    cols = {"facts": "fact_id, value, qualifier, value_upper",
            "events": "event_id, participants, participants_qualifier, applications, applications_qualifier"}
    fresh = tmp_path / "fresh.duckdb"
    snapshot.build(fresh, [f for f in snapshot.embedded_files() if f.stem in ("districts", "jobcenters",
                                                                              "indicator_defs")])
    store = Store(embedded_db)
    try:
        files = []
        for table in cols:
            export_table(store, table, tmp_path / f"{table}.csv", german_excel=True)
            files.append(tmp_path / f"{table}.csv")
        before = {t: store.tuples(f"SELECT {c} FROM {t} ORDER BY 1")[1] for t, c in cols.items()}
    finally:
        store.close()
    snapshot.load(fresh, files)
    after = Store(fresh)
    try:
        assert {t: after.tuples(f"SELECT {c} FROM {t} ORDER BY 1")[1] for t, c in cols.items()} == before
        assert ("ortenau-koa-abgaenge-2018", 400.0, "↔", 500.0) in before["facts"]
    finally:
        after.close()
