"""kind = "kennzahlen_48a": the monthly ZIP of § 48a SGB II indicator CSVs, into `indicators`.

The file layout and its parser live in `kjc_tui.ingest.layouts.kennzahlen_48a` (the same parser
`kjc-tui load` uses for a downloaded ZIP). The source may override the expected header names
(``columns``: file header -> our column), the translation of the file's jobcenter keys
(``jobcenters``: key -> jobcenter_id; without it keys are resolved against the database),
indicator codes (``indicators``) and the member pattern (``members``).

With ``peers = true`` every other jobcenter of the (nationwide) file enters as a peer: a
`jobcenters` row without district (``peer`` = true, id "JC-<key>") with the name, model and
Vergleichstyp the file gives, and its indicators. The Vergleichstyp the file gives for a
district's jobcenter updates that jobcenter's ``peer_type`` (Stand: the release's).

A URL with ``{monat}`` and ``{jahr}`` names the release month ("August", "2026"): the newest
release is found by trying back from the current month, ``look_back`` months at most (404 or
410 mean "not published").
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from kjc_tui.core.schema import TABLES
from kjc_tui.ingest import ReadFile
from kjc_tui.ingest.layouts.common import Lookup
from kjc_tui.ingest.layouts.kennzahlen_48a import DEFAULT_MEMBERS, convert
from kjc_tui.sources.http import Fetched, FetchError
from kjc_tui.sources.kinds import ZIP_TYPES, Batch, Context, as_of
from kjc_tui.sources.status import load_label
from kjc_tui.sources.tabular import csv_bytes

MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")
#: answers that mean "this month's release is not (yet) there"
NOT_PUBLISHED = (404, 410)
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
        name = f"{MONTHS_DE[month.month - 1]} {month.year}"
        ctx.step(f"suche Veröffentlichung {name}", 0.05 * n / len(tried))
        try:
            return ctx.get(release_url(template, month), ZIP_TYPES), name
        except FetchError as e:
            if e.status not in NOT_PUBLISHED:
                raise
    first, last = tried[-1], tried[0]
    raise FetchError(template, f"keine Veröffentlichung von {MONTHS_DE[first.month - 1]} {first.year} bis "
                               f"{MONTHS_DE[last.month - 1]} {last.year} gefunden (HTTP 404); look_back erhöhen "
                               "oder die Adresse (url) prüfen", status=404)


def collect(ctx: Context) -> Batch:
    src = ctx.src
    ctx.step("lade ZIP", 0.0)
    got, release = _newest(ctx, src["url"])
    url = got.url
    ctx.step("lese Kennzahlen", 0.5)
    stand = as_of(got, ctx.today)
    lookup = Lookup(ctx.db.districts, {jc: "" for jc in ctx.db.jobcenters}, ctx.db.indicator_codes)
    result = convert(got.body, load_label(ctx.name, url), lookup, source=url, stand=stand,
                     columns=src.get("columns"), jobcenters=src.get("jobcenters"), indicators=src.get("indicators"),
                     members=src.get("members", DEFAULT_MEMBERS),
                     max_unzipped=int(src.get("max_unzipped_bytes", 2 * ctx.settings.max_bytes)),
                     limit_hint=" (max_unzipped_bytes in kjc.toml)", peers=bool(src.get("peers", False)))
    masters = _jobcenter_rows(result.jobcenters, ctx, url, stand.isoformat(), src["url"].split("{", 1)[0])
    files = list(result.files)
    notes = [f"Veröffentlichung {release}"] if release else []
    if masters:   # the jobcenters first: the indicators reference them
        files.insert(0, ReadFile(load_label(ctx.name, url + "#jobcenter"), csv_bytes(_JC_COLUMNS, masters)))
        n_peers = sum(row[_JC_COLUMNS.index("peer")] == "true" for row in masters)
        if n_peers:
            notes.append(f"{n_peers} Vergleichs-Jobcenter außerhalb Hessens")
    return Batch(files, None if masters else "indicators", notes + result.notes)


def _jobcenter_rows(given: dict[str, dict[str, str]], ctx: Context, url: str, stand: str,
                    prefix: str) -> list[list[str]]:
    """`jobcenters` rows: each peer as the file gives it, and each district's jobcenter whose Vergleichstyp
    the file gives anew (its other columns as they are, its sources extended by this file)."""
    rows = []
    for jc, file_says in sorted(given.items()):
        mine = ctx.db.district_jobcenters.get(jc)
        if mine is None:
            if jc not in ctx.db.peer_ids and jc in ctx.db.jobcenters:
                continue   # a jobcenter of another source without district: not ours to rewrite
            row: dict[str, Any] = {"jobcenter_id": jc, **file_says, "peer": True, "source": url, "as_of": stand,
                                   "peer_type_as_of": stand if file_says.get("peer_type") else None}
        elif file_says.get("peer_type") and file_says["peer_type"] != mine.get("peer_type"):
            row = dict(mine, peer_type=file_says["peer_type"], peer_type_as_of=stand,
                       source=_joined(mine.get("source"), url, prefix))
        else:
            continue
        rows.append([_csv(row.get(c)) for c in _JC_COLUMNS])
    return rows


def _joined(sources: str | None, url: str, prefix: str) -> str:
    """The row's sources with `url` added; an earlier release (same address up to {monat}) is replaced."""
    parts = [p.strip() for p in (sources or "").split(" ; ") if p.strip()]
    return " ; ".join([p for p in parts if not (prefix and p.startswith(prefix))] + [url])


def _csv(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, date):
        return v.isoformat()
    return str(v)
