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

from kjc_tui.ingest.layouts.kennzahlen_48a import DEFAULT_MEMBERS, convert, with_masters
from kjc_tui.ingest.problem import Note
from kjc_tui.sources.http import Fetched, FetchError
from kjc_tui.sources.kinds import ZIP_TYPES, Batch, Context, as_of
from kjc_tui.sources.status import load_label
from kjc_tui.core.coded import Said

MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")
#: answers that mean "this month's release is not (yet) there"
NOT_PUBLISHED = (404, 410)


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


def _newest(ctx: Context, template: str) -> tuple[Fetched, Said | None]:
    """The newest release of a {monat}/{jahr} template, and its month ("August 2026" as data)."""
    if "{monat}" not in template:
        return ctx.get(template, ZIP_TYPES), None
    tried = months_back(ctx.today, int(ctx.src.get("look_back", 6)))
    for n, month in enumerate(tried):
        ctx.step(Said("fetch.step.find_release", {"month": _month(month)}), 0.05 * n / len(tried))
        try:
            return ctx.get(release_url(template, month), ZIP_TYPES), _month(month)
        except FetchError as e:
            if e.status not in NOT_PUBLISHED:
                raise
    first, last = tried[-1], tried[0]
    raise FetchError(template, "not_published", status=404, first=_month(first), last=_month(last))


def _month(month: date) -> Said:
    """"Dezember 2025" as data."""
    return Said(f"month.{month.month}", {"year": str(month.year)})


def collect(ctx: Context) -> Batch:
    src = ctx.src
    ctx.step(Said("fetch.step.get_zip"), 0.0)
    got, release = _newest(ctx, src["url"])
    url = got.url
    ctx.step(Said("fetch.step.read_indicators"), 0.5)
    stand = as_of(got, ctx.today)
    lookup = ctx.db.lookup()
    result = convert(got.body, load_label(ctx.name, url), lookup, source=url, stand=stand,
                     columns=src.get("columns"), jobcenters=src.get("jobcenters"), indicators=src.get("indicators"),
                     members=src.get("members", DEFAULT_MEMBERS),
                     max_unzipped=int(src.get("max_unzipped_bytes", 2 * ctx.settings.max_bytes)),
                     limit_hint=" (max_unzipped_bytes in kjc.toml)", peers=bool(src.get("peers", False)))
    result = with_masters(result, lookup, label=load_label(ctx.name, url + "#jobcenter"), source=url, stand=stand,
                          prefix=src["url"].split("{", 1)[0])
    notes = [Note("note.release", {"release": release})] if release else []
    # the jobcenters first: the indicators reference them
    files = ([result.masters] if result.masters else []) + list(result.files)
    return Batch(files, None if result.masters else "indicators", [*notes, *result.notes])

