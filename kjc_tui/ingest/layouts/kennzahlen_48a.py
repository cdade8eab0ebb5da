"""Kennzahlen nach § 48a SGB II as BMAS/sgb2.info ship them: a ZIP of ``dl_48a_daten_statistikba_*.csv``.

The ZIP (``Kennzahlen-System-A-<Monat>-<Jahr>-CSV.zip``) and the member names are from a
second-hand catalogue; **the column names are UNVERIFIED**. What is expected (domain
research §3a): a Jobcenter key and name, the Vergleichstyp, the Berichtsmonat, the Kennzahl
code (K1 … K3E4), the value, probably Zähler/Nenner and the sex; ``;`` separated, German
numbers, Latin-1 or UTF-8. So the header names are data, in one place (`HEADERS`), and a
source may override them (``columns`` in kjc.toml). The Excel twin (a ZIP of ``.xlsx``
members, or one ``.xlsx``) is read the same way.

The file covers every jobcenter in Germany (hundreds of thousands of rows a month, millions
over a history), so members are read as a stream: one row in memory at a time, the canonical
CSV written as it goes. A row's jobcenter key is ours when it is a jobcenter ID of the
database, or "JC-" + the key is, or the key is a Kreisschlüssel with exactly one jobcenter
(unless the source gives ``jobcenters`` explicitly). Rows of other Träger are left out and
returned as `Converted.peers` (key, name, Vergleichstyp) for whoever enters peers; with
``peers=True`` their rows are kept too, as jobcenter "JC-<key>". `Converted.jobcenters` holds, for
every jobcenter whose rows were kept, what the file says about it (name, model, Vergleichstyp), and
`with_masters` turns that into the `jobcenters` rows that enter the peers and update a district
jobcenter's Vergleichstyp: the one path `kjc-tui load` and `kjc-tui fetch` both take.
Every canonical row keeps its line number in the member, so messages point at the file.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from kjc_tui.core import fmt
from kjc_tui.core.schema import TABLES, normalise_header
from kjc_tui.ingest.layouts.common import (
    Converted,
    Lookup,
    Missing,
    csv_bytes,
    first_rows,
    missing_mark,
    text,
    workbook,
)
from kjc_tui.ingest.parse import ParseError, parse_date, parse_number
from kjc_tui.ingest.readers import MAX_HEADER_SCAN, ReadError, decode_text
from kjc_tui.ingest.problem import Joined, Note, Reason, refusal, refused_read

DEFAULT_MEMBERS = "dl_48a_daten_statistikba_*"
#: our column -> the header spellings expected in the file (UNVERIFIED, see module doc); compared folded
HEADERS: dict[str, tuple[str, ...]] = {
    "jobcenter_id": ("Träger-Nr", "Träger-Nr.", "Trägernummer", "Träger-ID", "Jobcenter-Nr", "JC-Nr", "Jobcenter-ID",
                     "Jobcenter-Schlüssel", "Trägerschlüssel", "Regionalschlüssel", "jc_id", "traeger_nr"),
    "name": ("Trägername", "Träger", "Jobcenter", "Jobcenter-Name", "Jobcentername", "Bezeichnung", "jc_name"),
    "peer_type": ("Vergleichstyp", "VGT", "Vergleichstyp (Kurzbezeichnung)"),
    "model": ("Trägertyp", "Trägerform", "Modell", "Form der Aufgabenwahrnehmung"),
    "period": ("Berichtsmonat", "Monat", "Zeitraum", "Berichtszeitraum"),
    "indicator": ("Kennzahl", "Kennzahl-Code", "Kennzahlcode", "Kennzahl (Code)", "KZ", "Kennziffer"),
    "sex": ("Geschlecht", "Personengruppe"),
    "value": ("Wert", "Kennzahlwert", "Ergebnis", "Wert in %", "Quote"),
    "numerator": ("Zähler",),
    "denominator": ("Nenner",),
}
#: the canonical `indicators` table the rows become (German labels)
OUT_HEADER = ["Jobcenter-ID", "Zeitraum", "Zeitraumart", "Kennzahl", "Geschlecht", "Wert", "Zähler", "Nenner",
              "Quelle", "Stand"]
_NEEDED = ("jobcenter_id", "period", "indicator", "value")
_CODE = re.compile(r"^K\d(E\d)?$")
_YYYYMM = re.compile(r"^(\d{4})(\d{2})$")


def _index(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Folded header -> our column: the source's mapping first, then `HEADERS`."""
    idx: dict[str, str] = {}
    for ours, names in HEADERS.items():
        for n in (ours, *names):
            idx.setdefault(normalise_header(n), ours)
    for theirs, ours in (mapping or {}).items():
        idx[normalise_header(theirs)] = ours
    return idx


def map_header(cells: list[Any], mapping: Mapping[str, str] | None = None) -> dict[str, int]:
    """Our column -> position, for the columns of a header row that `HEADERS` (or `mapping`) knows."""
    idx = _index(mapping)
    out: dict[str, int] = {}
    for i, c in enumerate(cells):
        ours = idx.get(normalise_header(text(c)))
        if ours and ours not in out:
            out[ours] = i
    return out


def is_header(cells: list[Any], mapping: Mapping[str, str] | None = None) -> bool:
    return all(c in map_header(cells, mapping) for c in _NEEDED)


def is_member(name: str, pattern: str = DEFAULT_MEMBERS) -> bool:
    base = PurePosixPath(name).name.lower()
    return fnmatch.fnmatch(base, pattern.lower() + ("" if "." in pattern else ".*")) and \
        base.endswith((".csv", ".txt", ".xlsx"))


def looks_like(data: bytes, name: str) -> bool:
    """A § 48a ZIP (a member named like ``dl_48a_daten_statistikba_*``) or one such CSV/XLSX.

    A CSV or workbook that only has the header (no such file name) counts when it has no Quelle/Stand
    columns: a controller's `indicators` file with "Kennzahl;Wert;…;Quelle;Stand" is loaded as it is.
    """
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        if "[Content_Types].xml" not in names:
            return any(is_member(n) for n in names)
        header = _xlsx_header(data)
    else:
        header = _csv_header(data)
    if header is None:
        return False
    if is_member(name):
        return True
    folded = {normalise_header(text(c)) for c in header}
    return not folded & {"quelle", "stand", "source", "as of"} and ("peer_type" in map_header(header)
                                                                      or "name" in map_header(header))


def _csv_header(data: bytes) -> list[str] | None:
    head = data[:65536]
    cut = head.rfind(b"\n")
    try:
        text_, _ = decode_text(head[:cut + 1] if cut > 0 else head)
    except ReadError:
        return None
    for line in text_.lstrip("\ufeff").splitlines()[:MAX_HEADER_SCAN]:
        for delim in (";", ",", "\t"):
            if delim in line:
                cells = next(csv.reader([line], delimiter=delim))
                if is_header(cells):
                    return cells
    return None


def _xlsx_header(data: bytes) -> list[Any] | None:
    with workbook(data) as wb:
        for ws in wb.worksheets if wb is not None else ():
            for _, row in first_rows(ws, MAX_HEADER_SCAN):
                if is_header(row):
                    return row
    return None


# -- reading ------------------------------------------------------------------------------------------


def _csv_rows(stream: io.BufferedIOBase, label: str) -> Iterator[tuple[int, list[Any]]]:
    """Numbered rows of a CSV stream: encoding and delimiter from the first 64 KB, then one row at a time."""
    reader_stream = io.BufferedReader(stream, 1 << 16) if not isinstance(stream, io.BufferedReader) else stream
    head = reader_stream.peek(65536)[:65536]
    cut = head.rfind(b"\n")
    try:
        _, encoding = decode_text(head[:cut + 1] if cut > 0 else head)
    except ReadError as e:
        raise refused_read(e, label) from None
    sample = head[:cut].decode(encoding, errors="replace") if cut > 0 else ""
    first = next((ln for ln in sample.splitlines() if ln.strip()), "")
    delim = max((";", ",", "\t"), key=first.count)
    wrapper = io.TextIOWrapper(reader_stream, encoding=encoding, errors="strict", newline="")
    reader = csv.reader(wrapper, delimiter=delim)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except UnicodeDecodeError:
        raise refusal(label, "not_all_encoded", start, encoding=encoding) from None
    except csv.Error as e:
        raise refusal(label, "bad_csv", start, detail=str(e)) from None


def _xlsx_rows(data: bytes, label: str) -> Iterator[tuple[int, list[Any]]]:
    """The rows of the first sheet with a § 48a header, from its first row on."""
    with workbook(data, label) as wb:
        for ws in wb.worksheets:
            if any(is_header(row) for _, row in first_rows(ws, MAX_HEADER_SCAN)):
                for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
                    yield i, list(row)
                return


def _period(cell: Any) -> str:
    if isinstance(cell, (date, datetime)):
        return f"{cell.year:04d}-{cell.month:02d}"
    s = text(cell)
    m = _YYYYMM.match(s)
    return f"{m[1]}-{m[2]}" if m else s


def _code(cell: Any) -> str:
    return re.sub(r"\s+", "", text(cell)).upper()


class _Converter:
    """Turns the rows of one or more members into canonical CSV files, counting what it leaves out."""

    def __init__(self, lookup: Lookup, *, source: str, stand: date | None, columns: Mapping[str, str] | None,
                 jobcenters: Mapping[str, str] | None, indicators: Mapping[str, str] | None,
                 peers: bool = False) -> None:
        self.lookup, self.source, self.stand = lookup, source, stand
        self.columns = columns
        self.jc_map = {k.strip(): v for k, v in jobcenters.items()} if jobcenters else None
        self.code_map = dict(indicators or {})
        self.codes = set(lookup.codes)
        self.other_jc: set[str] = set()
        self.other_codes: Counter[str] = Counter()
        self.missing = Missing()
        self.peers: dict[str, dict[str, str]] = {}
        self.keep_peers = peers
        self.given: dict[str, dict[str, str]] = {}
        self._resolved: dict[str, str | None] = {}
        self._periods: set[str] = set()

    def jobcenter(self, key: str) -> str | None:
        if key in self._resolved:
            return self._resolved[key]
        if self.jc_map is not None:
            jc = self.jc_map.get(key)
        elif key in self.lookup.jobcenters:
            jc = key
        elif f"JC-{key}" in self.lookup.jobcenters:
            jc = f"JC-{key}"
        elif re.fullmatch(r"\d{5}", key):
            jc = self.lookup.jobcenter_of(key)
        else:
            jc = None
        self._resolved[key] = jc
        return jc

    def member(self, rows: Iterator[tuple[int, list[Any]]], label: str) -> Any:
        from kjc_tui.ingest import ReadFile

        out = io.StringIO()
        w = csv.writer(out, delimiter=";", lineterminator="\n")
        pos: dict[str, int] | None = None
        key_at = 0
        line_out = 1
        kept = 0
        for line, cells in rows:
            if pos is None:
                if line > MAX_HEADER_SCAN:
                    break
                if is_header(cells, self.columns):
                    pos = map_header(cells, self.columns)
                    key_at = pos["jobcenter_id"]
                    out.write("\n" * (line - 1))
                    w.writerow(OUT_HEADER)
                    line_out = line + 1
                continue
            # the hot path: most rows of a nationwide file are other Träger's, left out after one lookup
            key_cell = cells[key_at] if key_at < len(cells) else None
            key = key_cell.strip() if isinstance(key_cell, str) else text(key_cell)
            jc = self._resolved[key] if key in self._resolved else self.jobcenter(key)
            if jc is None and not key and not any(text(c) for c in cells):
                continue   # an empty line

            def cell(col: str) -> Any:
                i = pos.get(col)
                return cells[i] if i is not None and i < len(cells) else None

            if jc is None:
                if key and key not in self.peers:
                    self.peers[key] = {"name": text(cell("name")), "peer_type": text(cell("peer_type")),
                                       "period": _period(cell("period"))}
                if not (self.keep_peers and key):
                    self.other_jc.add(key)
                    continue
                jc = f"JC-{key}"
            if jc not in self.given:
                self.given[jc] = {col: text(cell(col)) for col in ("name", "model", "peer_type") if text(cell(col))}
            code = _code(cell("indicator"))
            code = self.code_map.get(code, code)
            if code not in self.codes:
                self.other_codes[code] += 1
                continue
            raw_value = cell("value")
            meaning = missing_mark(raw_value)
            if meaning is not None:
                self.missing.add(text(raw_value), meaning, Reason("note.at_member_line", {"file": label,
                                                                                       "line": str(line)}))
                continue
            values = []
            for col in ("value", "numerator", "denominator"):
                v = cell(col)
                if col != "value" and missing_mark(v) is not None:
                    values.append("")
                    continue
                try:
                    values.append(fmt.excel(parse_number(v, ",")[0]))
                except ParseError:
                    values.append(text(v))   # the ingest reports it with this line and column
            period = _period(cell("period"))
            self._periods.add(period)
            stand = self.stand.isoformat() if self.stand else period
            if line > line_out:
                out.write("\n" * (line - line_out))
            w.writerow([jc, period, "month", code, text(cell("sex")) or "all", *values, self.source, stand])
            line_out = line + 1
            kept += 1
        if pos is None:
            raise refusal(label, "k48a_no_header")
        return ReadFile(label, out.getvalue().encode("utf-8"), format="csv") if kept else None

    def newest(self) -> date | None:
        """The newest Berichtsmonat of the rows kept (a period the ingest cannot read is reported there)."""
        months = []
        for p in self._periods:
            try:
                months.append(parse_date(p)[0])
            except ParseError:
                continue
        return max(months, default=None)

    def notes(self) -> list[Note]:
        notes = [Note("note.other_bodies", {"n": len(self.other_jc)})] if self.other_jc else []
        if self.other_codes:
            notes.append(Note("note.unknown_codes", {"codes": ", ".join(
                f"{c} ({k}×)" for c, k in sorted(self.other_codes.items())[:12])}))
        return notes + self.missing.note()


def convert(data: bytes, label: str, lookup: Lookup, *, source: str, stand: date | None = None,
            columns: Mapping[str, str] | None = None, jobcenters: Mapping[str, str] | None = None,
            indicators: Mapping[str, str] | None = None, members: str = DEFAULT_MEMBERS,
            max_unzipped: int = 1 << 31, limit_hint: str = "", peers: bool = False) -> Converted:
    """A § 48a ZIP (CSV or Excel members), CSV or XLSX as canonical `indicators` files, one per member."""
    conv = _Converter(lookup, source=source, stand=stand, columns=columns, jobcenters=jobcenters,
                      indicators=indicators, peers=peers)
    files = []
    if data[:4] == b"PK\x03\x04" and not _is_workbook(data):
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise refusal(label, "bad_zip") from None
        infos = [i for i in zf.infolist() if not i.is_dir() and is_member(i.filename, members)]
        if not infos:
            names = ", ".join(i.filename for i in zf.infolist()[:10])
            if not names:
                raise refusal(label, "zip_empty", members=members)
            raise refusal(label, "zip_no_member", members=members, names=names)
        budget = max_unzipped
        for info in infos:
            member_label = f"{label}!{info.filename}"
            budget -= info.file_size
            if budget < 0:
                raise refusal(member_label, "zip_member_too_large", hint=limit_hint)
            try:
                with zf.open(info) as f:
                    if info.filename.lower().endswith(".xlsx"):
                        rows = _xlsx_rows(f.read(), member_label)
                    else:
                        rows = _csv_rows(f, member_label)  # type: ignore[arg-type]
                    files.append(conv.member(rows, member_label))
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:
                raise refusal(member_label, "zip_member_broken", detail=str(e)) \
                    from None
    elif data[:4] == b"PK\x03\x04":
        files.append(conv.member(_xlsx_rows(data, label), label))
    else:
        files.append(conv.member(_csv_rows(io.BytesIO(data), label), label))
    kept = [f for f in files if f is not None]
    if not kept:
        raise refusal(label, "k48a_no_rows", notes=Joined(tuple(conv.notes()), "; "))
    return Converted(kept, "indicators", conv.notes(), conv.peers, conv.given, newest=conv.newest())


_JC_COLUMNS = [c.name for c in TABLES["jobcenters"].columns]


def with_masters(converted: Converted, lookup: Lookup, *, label: str, source: str, stand: date | None,
                 prefix: str) -> Converted:
    """`converted` with `masters`: the `jobcenters` rows its file gives (every peer outside Hessen as the file
    names it; every district's jobcenter whose Vergleichstyp the file gives anew), and a note counting the peers.

    `stand` is the Stand of those rows (the release's; without it the newest Berichtsmonat of the file);
    `prefix` marks the sources of earlier releases of the same publication, replaced in a jobcenter's sources.
    """
    when = (stand or converted.newest or date.today()).isoformat()
    rows = _jobcenter_rows(converted.jobcenters, lookup, source, when, prefix)
    if not rows:
        return converted
    from kjc_tui.ingest import ReadFile

    converted.masters = ReadFile(label, csv_bytes(_JC_COLUMNS, rows), format="csv")
    n_peers = sum(row[_JC_COLUMNS.index("peer")] == "true" for row in rows)
    if n_peers:
        converted.notes.append(Note("note.peers", {"n": n_peers}))
    return converted


def _jobcenter_rows(given: Mapping[str, Mapping[str, str]], lookup: Lookup, source: str, stand: str,
                    prefix: str) -> list[list[str]]:
    """`jobcenters` rows: each peer as the file gives it, and each district's jobcenter whose Vergleichstyp
    the file gives anew (its other columns as they are, its sources extended by this file)."""
    rows = []
    for jc, file_says in sorted(given.items()):
        mine = lookup.masters.get(jc)
        if mine is None or not mine.get("ags"):
            if mine is not None and not mine.get("peer"):
                continue   # a jobcenter of another source without district: not ours to rewrite
            row: dict[str, Any] = {"jobcenter_id": jc, **file_says, "peer": True, "source": source, "as_of": stand,
                                   "peer_type_as_of": stand if file_says.get("peer_type") else None}
        elif file_says.get("peer_type") and file_says["peer_type"] != mine.get("peer_type"):
            row = dict(mine, peer_type=file_says["peer_type"], peer_type_as_of=stand,
                       source=_joined(mine.get("source"), source, prefix))
        else:
            continue
        rows.append([_csv(row.get(c)) for c in _JC_COLUMNS])
    return rows


def _joined(sources: str | None, source: str, prefix: str) -> str:
    """The row's sources with `source` added; an earlier release (same address up to {monat}) is replaced."""
    parts = [p.strip() for p in (sources or "").split(" ; ") if p.strip()]
    return " ; ".join([p for p in parts if not (prefix and p.startswith(prefix))] + [source])


def _csv(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "[Content_Types].xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
