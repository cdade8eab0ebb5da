"""What the publisher layouts share: missing-value marks, month labels, the publishers' labels they know
(`publisher_labels.toml`), and the canonical CSV they write.

Every layout turns a publisher's file into a table of the schema written as a `;`-separated
UTF-8 CSV with German column labels (`csv_bytes`; numbers as `core.fmt.excel` spells them, all
their digits), which the normal ingest then validates
like any file a user loads. Nothing here knows a particular publisher.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kjc_tui.core.coded import Said
from kjc_tui.core.schema import normalise_header
from kjc_tui.ingest.parse import ParseError, parse_date
from kjc_tui.ingest.problem import Joined, Note, Reason, refusal

#: the marks official statistics write instead of a number, with what they mean (the BA's and Destatis'
#: "Zeichenerklärung"); a cell with one of them is *no value*, never zero
#: (the meaning as a code: `problem.mark.<code>` words it)
MISSING_MARKS: dict[str, str] = {
    "*": "anonymised",
    "-": "nothing",
    "–": "nothing",
    "—": "nothing",
    "x": "not_meaningful",
    "X": "not_meaningful",
    ".": "unknown_or_secret",
    "...": "later",
    "…": "later",
    "k.A.": "no_information",
    "k. A.": "no_information",
    "n.v.": "not_available",
}
#: first cells of the lines below a table that are legend, footnote or copyright, not data
_TRAILER = re.compile(r"(?i)^\s*(zeichenerkl|legende|fu(ss|ß)note|anmerkung|hinweis|quelle|©|\(c\)|copyright|"
                      r"erstellungsdatum|statistik der|\d{1,2}\s*\)|[*x.\-–]\s+\S)")


@cache
def _labels_file() -> dict[str, dict[str, dict[str, str]]]:
    return tomllib.loads(Path(__file__).with_name("publisher_labels.toml").read_text(encoding="utf-8"))


def publisher_labels(layout: str, what: str) -> dict[str, str]:
    """A mapping of `publisher_labels.toml` (``[layout.what]``): a publisher's label as written -> what it
    stands for (our indicator code, our column), in the file's order. A new dict each call."""
    return dict(_labels_file()[layout][what])


def missing_mark(cell: Any) -> str | None:
    """The meaning of a missing-value mark ("anonymised"), "empty" for an empty cell, else None."""
    if cell is None:
        return "empty"
    s = str(cell).strip()
    if not s:
        return "empty"
    return MISSING_MARKS.get(s)


def is_trailer(first_cell: Any) -> bool:
    """A legend, footnote or copyright line below the data ("Zeichenerklärung", "1) …", "© Statistik …")."""
    return bool(_TRAILER.match(str(first_cell or "")))


def is_month(cell: Any) -> bool:
    """A month label such as "Januar 2025", "Jan 2025" or "2025-01"."""
    if cell is None or isinstance(cell, (int, float)):
        return False
    try:
        return parse_date(str(cell).strip())[1] == "month"
    except ParseError:
        return False


def text(cell: Any) -> str:
    """A cell as stripped text (XLSX cells may be numbers or None)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def folded(cell: Any) -> str:
    return normalise_header(text(cell))


@dataclass
class Missing:
    """Cells that held a missing-value mark, counted by mark and meaning, with the first place of each."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    first: dict[tuple[str, str], Reason] = field(default_factory=dict)

    def add(self, mark: str, meaning: str, where: Reason) -> None:
        """A cell with `mark` meaning `meaning` (a `MISSING_MARKS` code, "empty": no mark) at `where`."""
        self.counts[(mark, meaning)] += 1
        self.first.setdefault((mark, meaning), where)

    def note(self) -> list[Note]:
        if not self.counts:
            return []
        parts = [Reason("note.missing_part", {"n": n, "first": self.first[(mark, meaning)],
                                              "what": Said("problem.mark.empty") if meaning == "empty" else
                                              Reason("note.mark", {"mark": mark,
                                                                   "meaning": Said(f"problem.mark.{meaning}")})})
                 for (mark, meaning), n in sorted(self.counts.items())]
        return [Note("note.missing", {"parts": Joined(tuple(parts), "; ")})]


def cell_at(line: int, column: str | None = None) -> Reason:
    """Where a cell is, for a note ("Zeile 5, Spalte 'Jan 2025'"); a line number as it is, not a figure."""
    if column is None:
        return Reason("note.at_line", {"line": str(line)})
    return Reason("note.at_cell", {"line": str(line), "column": repr(column)})


@dataclass
class Lookup:
    """What a layout needs to know about the database: districts, jobcenters, indicator codes."""

    #: ags -> district name
    districts: Mapping[str, str] = field(default_factory=dict)
    #: jobcenter_id -> ags
    jobcenters: Mapping[str, str] = field(default_factory=dict)
    codes: Iterable[str] = ()
    #: the districts that are kreisfreie Städte
    cities: Iterable[str] = ()
    #: jobcenter_id -> its row (every column), for a layout that updates jobcenters (§ 48a peers)
    masters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_connection(cls, con: Any) -> "Lookup":
        cur = con.execute("SELECT * FROM jobcenters")
        names = [d[0] for d in cur.description]
        masters = {r["jobcenter_id"]: r for r in (dict(zip(names, row)) for row in cur.fetchall())}
        return cls(dict(con.execute("SELECT ags, name FROM districts").fetchall()),
                   {jc: r["ags"] for jc, r in masters.items()},
                   {c for (c,) in con.execute("SELECT code FROM indicator_defs").fetchall()},
                   {a for (a,) in con.execute("SELECT ags FROM districts WHERE kind = 'kreisfreie Stadt'").fetchall()},
                   masters)

    def district_named(self, label: str) -> str | None:
        """The ags of the one district a region label names ("Odenwaldkreis", "Kassel, Landkreis", "LK Gießen").

        Names are compared without "Landkreis"/"Kreis"/"Stadt" words; where the core name is shared (Kassel),
        the label must say which ("Landkreis"/"Stadt"), else there is no answer.
        """
        core, marker = district_core(label)
        if not core:
            return None
        exact = [a for a, n in self.districts.items() if normalise_header(n) == normalise_header(label)]
        if len(exact) == 1:
            return exact[0]
        found = [a for a, n in self.districts.items() if district_core(n)[0] == core]
        if len(found) > 1 and marker:
            cities = set(self.cities)
            found = [a for a in found if (a in cities) == (marker == "city")]
        return found[0] if len(found) == 1 else None

    def jobcenter_of(self, ags: str) -> str | None:
        """The one jobcenter of a district, or None (none, or several)."""
        found = [jc for jc, a in self.jobcenters.items() if a == ags]
        return found[0] if len(found) == 1 else None


_KIND_WORDS = {"landkreis": "district", "kreis": "district", "lk": "district", "stadt": "city", "kreisfreie": "city",
               "stadtkreis": "city", "landeshauptstadt": "city", "wissenschaftsstadt": "city", "hansestadt": "city",
               "universitaetsstadt": "city", "documenta": "city", "kfs": "city"}


def district_core(label: str) -> tuple[str, str | None]:
    """A district name without its kind words, and the kind they said ("city", "district" or None)."""
    words = normalise_header(label).split()
    marker = None
    core = []
    for w in words:
        kind = _KIND_WORDS.get(w)
        if kind is None and w.endswith("stadt") and len(w) > 5:
            kind = "city"
        if kind is not None:
            marker = marker or kind
        else:
            core.append(w)
    return " ".join(core), marker


def csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    """A `;`-separated UTF-8 CSV (German decimals) of generated rows."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode("utf-8")


@dataclass
class Converted:
    """A publisher's file turned into canonical files of one table, with notes for the load summary."""

    files: list[Any]            # ReadFile (kept as Any: kjc_tui.ingest imports this package)
    table: str
    notes: list[Note] = field(default_factory=list)
    #: § 48a only: every Träger of the file that is not in the database: key -> {name, peer_type, period}
    peers: dict[str, dict[str, str]] = field(default_factory=dict)
    #: § 48a only: our jobcenter id -> {name, model, peer_type} as the file gives them, for every kept jobcenter
    jobcenters: dict[str, dict[str, str]] = field(default_factory=dict)
    #: § 48a only: the newest Berichtsmonat of the rows kept
    newest: date | None = None
    #: a `jobcenters` file (ReadFile) loaded before `files`: the peers the file enters (see kennzahlen_48a)
    masters: Any = None


@contextmanager
def workbook(data: bytes, label: str | None = None) -> Iterator[Any]:
    """A read-only workbook, closed afterwards.

    With `label`, bytes that are no workbook are refused under that name; without (sniffing), None is given.
    """
    from kjc_tui.ingest.xlsx import open_workbook

    try:
        wb = open_workbook(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - hostile input: any parser error is "not a valid file"
        if label is not None:
            raise refusal(label, "bad_xlsx", detail=type(e).__name__) from None
        wb = None
    try:
        yield wb
    finally:
        if wb is not None:
            wb.close()


def first_rows(ws: Any, n: int) -> list[tuple[int, list[Any]]]:
    """The first `n` rows of a sheet, numbered from 1."""
    out = []
    for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
        out.append((i, list(row)))
        if i >= n:
            break
    return out
