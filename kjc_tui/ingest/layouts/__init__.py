"""Publisher file layouts: files as the BA, BMAS/sgb2.info and Destatis ship them, and office spreadsheets.

One module per layout; each turns the publisher's file into canonical files of one table of
the schema (`ReadFile`s the normal ingest validates), so `kjc-tui load` and `kjc-tui fetch`
read each layout with one parser:

* `kennzahlen_48a` – the § 48a ZIP (CSV or Excel members), or one member;
* `destatis_kreise` – Destatis' 04-kreise.xlsx (population per Kreis);
* `ba_statistik` – BA statistics tables (CSV/XLSX, months as columns or rows);
* `office` – controllers' spreadsheets (sheet choice, Jahr/Monat, sum rows, "k. A.", --quelle/--stand).

`prepare_file` is what the load calls for each file: the publisher layout that recognises the
file, else the office normalisation where needed, else the file as it is.
"""

from __future__ import annotations

from typing import Any

from kjc_tui.ingest import Known, Prepared, ReadFile, Refused, read_and_prepare
from kjc_tui.ingest.layouts import ba_statistik, destatis_kreise, kennzahlen_48a, office
from kjc_tui.ingest.layouts.common import Converted, Lookup
from kjc_tui.ingest.layouts.office import Options
from kjc_tui.ingest.problem import Label, Problem

__all__ = ["Converted", "Lookup", "Options", "convert", "normalised", "prepare_file"]

#: how a loaded § 48a file is cited (with its file name) when `--quelle` gives nothing else
K48A_CITATION = "Kennzahlen nach § 48a SGB II, Statistik der BA"


def _file_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def convert(src: ReadFile, lookup: Lookup, options: Options | None = None) -> Converted | None:
    """The publisher layout that recognises `src`, converted to canonical files; None for any other file."""
    options = options or Options()
    data, name = src.content(), src.name
    if kennzahlen_48a.looks_like(data, name):
        # every Träger of the nationwide file enters: ours as indicators, the others as peers (as the fetch does)
        source = options.source or f"{K48A_CITATION} (Datei {_file_name(name)})"
        converted = kennzahlen_48a.convert(data, name, lookup, stand=options.stand, source=source,
                                           limit_hint=" (2 GB)", peers=True)
        return kennzahlen_48a.with_masters(converted, lookup, label=f"{name}#jobcenter", source=source,
                                           stand=options.stand, prefix=options.source or K48A_CITATION)
    if destatis_kreise.looks_like(data):
        return destatis_kreise.convert(data, name, lookup, source=options.source, stand=options.stand)
    if ba_statistik.sniff(data, name):
        body, notes = ba_statistik.convert(data, name, lookup, source=options.source, stand=options.stand)
        return Converted([ReadFile(name, body, format="csv")], "indicators", notes)
    return None


def prepare_file(src: ReadFile, known: Known, table: str | None, lookup: Lookup,
                 options: Options | None = None) -> list[Prepared]:
    """Read, recognise and validate one file as `kjc-tui load` does; raises `Refused` with every problem."""
    options = options or Options()
    if table in (None, "indicators"):
        converted = convert(src, lookup, options)
        if converted is not None:
            out = [read_and_prepare(converted.masters, known, "jobcenters")] if converted.masters else []
            for i, f in enumerate(converted.files):
                p = read_and_prepare(f, known, converted.table)
                p.notes[:0] = converted.notes if i == 0 else []
                out.append(p)
            return out
    if office.needs(src.content(), src.name, options):
        return [_office(src, known, table, options, None)]
    try:
        return [read_and_prepare(src, known, table)]
    except Refused as first:
        return [_office(src, known, table, options, first)]


def _office(src: ReadFile, known: Known, table: str | None, options: Options, first: Refused | None) -> Prepared:
    """The file through the office normalisation (see `normalised`), checked."""
    done = normalised(src, table, options, first)
    if done is None:
        return read_and_prepare(src, known, table)
    p = read_and_prepare(ReadFile(src.name, done.body, format="csv"), known, table)
    p.notes[:0] = done.notes
    return p


def normalised(src: ReadFile, table: str | None, options: Options,
               first: Refused | None) -> office.Normalised | None:
    """The file rewritten by the office normalisation (CSV, notes, cells); None to take the file as it is.

    `first` is the ingest's refusal of the file as it is (None when it was not tried): it stands
    where the normalisation cannot help or changes nothing (one piece for `load` and `prepare_file`).
    """
    if first is not None and not office.may_help(first):
        raise first
    try:
        done = office.normalise(src.content(), src.name, options, table)
    except Refused:
        if first is not None and not _lacks_source(first):
            raise first from None
        raise
    if done is None:
        if first is not None:
            raise first
        return None
    return done


def _lacks_source(e: Refused) -> bool:
    """The ingest refused because Quelle/Stand are missing (then the office message naming the options is better)."""
    def named(p: Problem) -> set[Any]:   # a missing column (`required_column`) or those a table lacks
        return {p.params.get("name")} | {m.column for m in p.params.get("missing", []) if isinstance(m, Label)}
    return any(named(p) & {"source", "as_of"} for p in e.problems)
