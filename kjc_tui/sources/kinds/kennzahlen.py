"""kind = "kennzahlen_48a": the monthly ZIP of § 48a SGB II indicator CSVs, into `indicators`.

The real column names are UNVERIFIED, so the mapping is data (kjc.toml ``columns``; the built-in
source's assumption is in builtin.toml). A file key maps to our ``jobcenter_id`` by ``jobcenters``
(key → id), else to "JC-<key>" when that is one of the districts' jobcenters. With ``peers = true``
every other jobcenter of the (nationwide) file enters as a peer: a `jobcenters` row without
district (``peer`` = true) with the name, model and Vergleichstyp the file gives
(``jobcenter_columns``), and its indicators; without it, those rows are left out and counted.
The Vergleichstyp the file gives for a district's jobcenter updates that jobcenter's
``peer_type`` (with the release's Stand). Rows of indicator codes our `indicator_defs` does not
know are left out (counted in the notes).

A URL with ``{monat}`` and ``{jahr}`` names the release month ("August", "2026"): the newest
release is found by trying back from the current month, ``look_back`` months at most (a 404
means "not published"). Every CSV member becomes one file of the load, keeping its line
numbers for messages.
"""

from __future__ import annotations

import fnmatch
import io
import zipfile
from collections import Counter
from pathlib import PurePosixPath

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from kjc_tui.core.schema import TABLES
from kjc_tui.ingest import Problem, ReadFile, Refused
from kjc_tui.sources.http import Fetched, FetchError
from kjc_tui.sources.kinds import ZIP_TYPES, Batch, Context, as_of
from kjc_tui.sources.status import load_label
from kjc_tui.sources.tabular import add_constant, csv_bytes, read_mapped, renamer, to_readfile

DEFAULT_MEMBERS = "dl_48a_daten_statistikba_*.csv"
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")
#: answers that mean "this month's release is not (yet) there"
NOT_PUBLISHED = (404, 410)
JC_PREFIX = "JC-"
_JC_COLUMNS = [c.name for c in TABLES["jobcenters"].columns]


def release_url(template: str, month: date) -> str:
    """The template with {monat} ("März") and {jahr} of `month` filled in."""
    return template.replace("{monat}", MONTHS_DE[month.month - 1]).replace("{jahr}", str(month.year))


def months_back(today: date, n: int) -> list[date]:
    """The first days of this month and the n - 1 before it, newest first."""
    y, m = today.year, today.month
    out = []
    for _ in range(n):
        out.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def request_url(src: dict[str, Any]) -> str:
    """The address `doctor` probes: the URL, or for a {monat}/{jahr} template (whose current month may not be
    published yet) the start page of its host."""
    url = str(src["url"])
    if "{monat}" not in url:
        return url
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _newest(ctx: Context, template: str) -> tuple[Fetched, str]:
    """The newest release of a {monat}/{jahr} template, and its month as "August 2026"."""
    if "{monat}" not in template:
        return ctx.get(template, ZIP_TYPES), ""
    tried = months_back(ctx.today, int(ctx.src.get("look_back", 6)))
    for n, month in enumerate(tried):
        url = release_url(template, month)
        ctx.step(f"suche Veröffentlichung {MONTHS_DE[month.month - 1]} {month.year}", 0.05 * n / len(tried))
        try:
            return ctx.get(url, ZIP_TYPES), f"{MONTHS_DE[month.month - 1]} {month.year}"
        except FetchError as e:
            if e.status not in NOT_PUBLISHED:
                raise
    first, last = tried[-1], tried[0]
    raise FetchError(template, f"keine Veröffentlichung von {MONTHS_DE[first.month - 1]} {first.year} bis "
                               f"{MONTHS_DE[last.month - 1]} {last.year} gefunden (HTTP 404); look_back erhöhen "
                               "oder die Adresse (url) prüfen", status=404)


def _members(data: bytes, label: str, pattern: str) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Refused([Problem(label, None, None, None, "ist keine gültige ZIP-Datei")]) from None
    infos = [i for i in zf.infolist()
             if not i.is_dir() and fnmatch.fnmatch(PurePosixPath(i.filename).name.lower(), pattern.lower())]
    if not infos:
        names = ", ".join(i.filename for i in zf.infolist()[:10]) or "(leer)"
        raise Refused([Problem(label, None, None, None, f"enthält keine Datei {pattern} (enthält: {names})")])
    return zf, infos


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, budget: int) -> bytes:
    """Read one member, never more than `budget` bytes however well it compresses."""
    try:
        with zf.open(info) as f:
            data = f.read(budget + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:
        raise Refused([Problem(label, None, None, None, f"ZIP-Eintrag ist beschädigt ({e})")]) from None
    if len(data) > budget:
        raise Refused([Problem(label, None, None, None, "entpackt größer als die Obergrenze "
                                                        "(max_unzipped_bytes in kjc.toml)")])
    return data


def collect(ctx: Context) -> Batch:
    src = ctx.src
    ctx.step("lade ZIP", 0.0)
    got, release = _newest(ctx, src["url"])
    url = got.url
    zf, infos = _members(got.body, load_label(ctx.name, url), src.get("members", DEFAULT_MEMBERS))
    budget = int(src.get("max_unzipped_bytes", 2 * ctx.settings.max_bytes))
    jc_map = {k.strip(): v for k, v in src.get("jobcenters", {}).items()}
    code_map = src.get("indicators", {})
    peers_wanted = bool(src.get("peers", False))
    jc_columns = _jc_columns(src)
    stand = as_of(got, ctx.today).isoformat()
    files: list[ReadFile] = []
    other_jc: set[str] = set()
    other_codes: Counter[str] = Counter()
    found: dict[str, dict[str, Any]] = {}    # our jobcenter id -> name, model, peer_type as the file gives them
    for n, info in enumerate(infos):
        ctx.step(PurePosixPath(info.filename).name, 0.1 + 0.8 * n / len(infos))
        label = load_label(ctx.name, f"{url}!{info.filename}")
        data = _read_member(zf, info, label, budget)
        budget -= len(data)
        raw = read_mapped(data, label, src["columns"], "csv", file_headers=ctx.file_headers.setdefault(label, {}))
        if "jobcenter_id" not in raw.header or "indicator" not in raw.header:
            missing = [c for c in ("jobcenter_id", "indicator") if c not in raw.header]
            raise Refused([Problem(label, raw.header_line, None, None,
                                   "Spalte für " + ", ".join(missing) + " nicht gefunden (columns in kjc.toml; "
                                   "Kopfzeile: " + "; ".join(raw.header[:12]) + ")")])
        jc_col, code_col = raw.header.index("jobcenter_id"), raw.header.index("indicator")
        extra = {j: jc_columns[h] for j, h in enumerate(raw.header) if h in jc_columns}
        kept = []
        for line, cells in raw.rows:
            key = str(cells[jc_col]).strip()
            ours = _our_id(key, jc_map, ctx)
            if ours is None and (not peers_wanted or not key):
                other_jc.add(key)
                continue
            ours = ours or JC_PREFIX + key
            code = str(cells[code_col]).strip()
            code = code_map.get(code, code)
            if ours not in found or not found[ours]:
                found[ours] = {col: str(cells[j]).strip() for j, col in extra.items()
                               if j < len(cells) and str(cells[j]).strip()}
            if code not in ctx.db.indicator_codes:
                other_codes[code] += 1
                continue
            cells[jc_col], cells[code_col] = ours, code
            kept.append((line, cells))
        # the file's own jobcenter columns (name, Vergleichstyp …) are not columns of `indicators`
        drop = sorted(extra, reverse=True)
        for j in drop:
            del raw.header[j]
            for _, cells in kept:
                if j < len(cells):
                    del cells[j]
        if not kept:
            continue
        raw.rows = kept
        for column, value in (("source", url), ("as_of", stand), ("period_kind", src.get("period_kind", "month"))):
            if column not in raw.header:
                add_constant(raw, column, value)
        files.append(to_readfile(raw))
    if not files:
        raise Refused([Problem(load_label(ctx.name, url), None, None, None,
                               "keine Zeilen für Jobcenter der Datenbank (jobcenters in kjc.toml) mit bekannten "
                               "Kennzahlen")])
    masters = _jobcenter_rows(found, ctx, url, stand, src["url"].split("{", 1)[0])
    if masters:   # before the indicators that reference them
        files.insert(0, ReadFile(load_label(ctx.name, url + "#jobcenter"), csv_bytes(_JC_COLUMNS, masters)))
    n_peers = sum(1 for row in masters if row[_JC_COLUMNS.index("peer")] == "true")
    notes = [f"Veröffentlichung {release}"] if release else []
    if n_peers:
        notes.append(f"{n_peers} Vergleichs-Jobcenter außerhalb Hessens")
    if other_jc:
        notes.append(f"{len(other_jc)} andere Träger ausgelassen")
    if other_codes:
        notes.append("unbekannte Kennzahlen ausgelassen: " + ", ".join(
            f"{c} ({k}×)" for c, k in sorted(other_codes.items())[:12]))
    return Batch(files, None if masters else "indicators", notes)


def _jc_columns(src: dict[str, Any]) -> dict[str, str]:
    """The file's header (as `read_mapped` left it) → our jobcenters column, for name/model/Vergleichstyp."""
    rename = renamer(src["columns"])
    return {rename(k): v for k, v in src.get("jobcenter_columns", {}).items()}


def _our_id(key: str, jc_map: dict[str, str], ctx: Context) -> str | None:
    """A district's jobcenter id for a file key, or None for a jobcenter that is not one of ours."""
    if key in jc_map:
        return jc_map[key]
    if not jc_map and JC_PREFIX + key in ctx.db.district_jobcenters:
        return JC_PREFIX + key
    return None


def _jobcenter_rows(found: dict[str, dict[str, Any]], ctx: Context, url: str, stand: str,
                    prefix: str) -> list[list[Any]]:
    """`jobcenters` rows: each peer as the file gives it, and each district's jobcenter whose Vergleichstyp
    the file gives (its other columns as they are, the source extended by this file)."""
    rows = []
    for jc, given in sorted(found.items()):
        mine = ctx.db.district_jobcenters.get(jc)
        if mine is None:
            row = {"jobcenter_id": jc, "name": given.get("name"), "short_name": given.get("short_name"),
                   "model": given.get("model"), "peer_type": given.get("peer_type"),
                   "peer_type_as_of": stand if given.get("peer_type") else None, "peer": "true",
                   "source": url, "as_of": stand}
        elif given.get("peer_type") and given["peer_type"] != mine.get("peer_type"):
            row = dict(mine, peer_type=given["peer_type"], peer_type_as_of=stand,
                       source=_joined(mine.get("source"), url, prefix))
        else:
            continue
        rows.append([_csv(row.get(c)) for c in _JC_COLUMNS])
    return rows


def _joined(sources: str | None, url: str, prefix: str) -> str:
    """The row's sources with `url` added; an earlier release (same address up to {monat}) is replaced."""
    parts = [p.strip() for p in (sources or "").split(" ; ") if p.strip()]
    return " ; ".join([p for p in parts if not p.startswith(prefix)] + [url])


def _csv(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, date):
        return v.isoformat()
    return str(v)
