"""kind = "jobsuche": open vacancies per district from the BA Jobsuche API.

Per district (``places``: Kreisschlüssel → place for ``wo``) the search is paged through; the
number of hits becomes the dated indicator (``indicator``, default STELLEN, period kind day),
and the postings read (title, occupation, employer, place, …) go into the `postings` table,
both in one validated load. A posting's ``as_of`` is the day of the fetch that last found it.

The API version is configurable because its shape is UNVERIFIED: v4 answers with
``stellenangebote`` and ``maxErgebnisse``; v6 (reported to work where v4 answers 403) with
``ergebnisliste`` and fields like ``stellenangebotsTitel``, ``firma``,
``stellenlokationen[0].adresse.ort``. Both are described by `SHAPES` below, as data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kjc_tui.core.coded import Said
from kjc_tui.ingest import Problem, ReadFile, Refused
from kjc_tui.ingest.problem import Note, refusal
from kjc_tui.sources.apikey import KeyProblem, read_api_key
from kjc_tui.sources.http import FetchError
from kjc_tui.sources.kinds import JSON_TYPES, Batch, Context, query_params
from kjc_tui.sources.status import load_label
from kjc_tui.ingest.layouts.common import csv_bytes

DEFAULT_KEY_ENV = "KJC_JOBSUCHE_API_KEY"
#: max_pages = 0 means "all pages", up to this many
HARD_MAX_PAGES = 1000
Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Shape:
    """Where a version of the API keeps the list, the total and each posting field."""

    items: str
    totals: tuple[str, ...]
    fields: dict[str, tuple[Path_, ...]]


SHAPES: dict[str, Shape] = {
    "v4": Shape("stellenangebote", ("maxErgebnisse",), {
        "refnr": (("refnr",),),
        "title": (("titel",), ("beruf",)),
        "occupation": (("beruf",),),
        "employer": (("arbeitgeber",),),
        "postcode": (("arbeitsort", "plz"),),
        "city": (("arbeitsort", "ort"),),
        "published": (("aktuelleVeroeffentlichungsdatum",),),
        "start": (("eintrittsdatum",),),
        "link": (("externeUrl",),),
    }),
    "v6": Shape("ergebnisliste", ("maxErgebnisse", "anzahlErgebnisse", "totalElements"), {
        "refnr": (("refnr",), ("referenznummer",)),
        "title": (("stellenangebotsTitel",), ("titel",)),
        "occupation": (("beruf",), ("hauptberuf",)),
        "employer": (("firma",), ("arbeitgeber",)),
        "postcode": (("stellenlokationen", 0, "adresse", "plz"),),
        "city": (("stellenlokationen", 0, "adresse", "ort"),),
        # v6 keeps the publication in a period {von, bis} (bundesAPI/jobsuche-api, model
        # JobDetailsVeroeffentlichungszeitraum); the v4 name is tried first
        "published": (("aktuelleVeroeffentlichungsdatum",), ("veroeffentlichungszeitraum", "von"),
                      ("veroeffentlichungsdatum",)),
        "start": (("eintrittsdatum",), ("eintrittszeitraum", "von")),
        "link": (("externeUrl",),),
    }),
}
#: our `postings` columns, in the order of the generated file (the header uses the column names)
POSTING_FIELDS = ("ags", "place", "refnr", "title", "occupation", "employer", "postcode", "city", "published",
                  "start", "link", "source", "as_of")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
OUT_HEADER = ["Kreisschlüssel", "Zeitraum", "Zeitraumart", "Kennzahl", "Wert", "Genauigkeit", "Hinweis",
              "Quelle", "Stand"]


def _pick(obj: Any, paths: Sequence[Path_]) -> Any:
    for path in paths:
        cur = obj
        for step in path:
            if isinstance(step, int):
                cur = cur[step] if isinstance(cur, list) and len(cur) > step else None
            else:
                cur = cur.get(step) if isinstance(cur, dict) else None
            if cur is None:
                break
        if cur is not None and not isinstance(cur, (dict, list)):
            return cur
    return None


def _page(body: bytes, url: str, shape: Shape, version: str) -> tuple[list[dict[str, Any]], int | None]:
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        if isinstance(e, json.JSONDecodeError):
            raise refusal(url, "bad_json_at", e.lineno, json_line=str(e.lineno), json_column=str(e.colno)) from None
        raise refusal(url, "bad_json_plain") from None
    if not isinstance(doc, dict):
        raise refusal(url, "json_not_an_object")
    items = doc.get(shape.items, [])
    if shape.items not in doc and not any(k in doc for k in shape.totals):
        raise refusal(url, "jobsuche_shape", items=repr(shape.items), total=repr(shape.totals[0]),
                      version=repr(version), keys=", ".join(list(doc)[:10]))
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise Refused([Problem(url, None, shape.items, None, "not_a_list_of_objects")])
    total = next((n for n in (_count(doc.get(k)) for k in shape.totals) if n is not None), None)
    return items, total


def _count(value: Any) -> int | None:
    """A total as the API gives it: the published spec types maxErgebnisse (like page and size) as a
    string ("1234"), responses seen elsewhere as a number; anything else is no total."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def request_url(src: dict[str, Any]) -> str:
    """The address each request goes to (before the query parameters)."""
    return str(src["url"]).rstrip("/") + src.get("path", f"/pc/{src.get('version', 'v4')}/jobs")


def collect(ctx: Context) -> Batch:
    src = ctx.src
    version = src.get("version", "v4")
    shape = SHAPES[version]
    base = request_url(src)
    try:
        key = read_api_key(src, DEFAULT_KEY_ENV, ctx.config_dir)
    except KeyProblem as e:  # a configuration problem, said without the key
        raise FetchError(base, "cause", reason=e.said) from None
    size, max_pages = src.get("page_size", 100), src.get("max_pages", 5) or HARD_MAX_PAGES
    indicator = src.get("indicator", "STELLEN")
    places: dict[str, str] = src["places"]
    rows: list[list[Any]] = []
    postings: list[list[Any]] = []
    skipped = 0
    seen: set[tuple[str, Any]] = set()
    for n, (ags, place) in enumerate(places.items()):
        params: dict[str, Any] = {"wo": place, "size": size, "angebotsart": src.get("offer_kind", 1)}
        if "radius_km" in src:
            params["umkreis"] = src["radius_km"]
        if "published_within_days" in src:
            params["veroeffentlichtseit"] = src["published_within_days"]
        params.update(query_params(src))
        found: list[dict[str, Any]] = []
        total: int | None = None
        page = 1
        while True:
            if n or page > 1:
                ctx.pause()
            ctx.step(Said("fetch.step.page", {"place": place, "page": page}), (n + min(page, max_pages) / (max_pages + 1)) / len(places))
            got = ctx.get(base, JSON_TYPES, params={**params, "page": page},
                          secret_headers={"X-API-Key": key})
            items, page_total = _page(got.body, got.url, shape, version)
            total = page_total if page_total is not None else total
            found.extend(items)
            if len(items) < size or (total is not None and len(found) >= total) or page >= max_pages:
                break
            page += 1
        complete = total is not None or len(items) < size
        count = total if total is not None else len(found)
        rows.append([ags, ctx.today.isoformat(), "day", indicator, count, "=" if complete else ">",
                     "" if complete else f"mindestens: nur {page} Seite(n) gelesen", base, ctx.today.isoformat()])
        for item in found:
            rec = {f: _pick(item, paths) for f, paths in shape.fields.items()}
            if rec["refnr"] is None:
                skipped += 1
                continue
            if (ags, rec["refnr"]) in seen:  # pages can overlap when postings come and go meanwhile
                continue
            seen.add((ags, rec["refnr"]))
            for day in ("published", "start"):
                rec[day] = _day(rec[day])
            postings.append([ags, place, *(rec[f] for f in POSTING_FIELDS[2:-2]), base, ctx.today.isoformat()])
    ctx.depends_on(ctx.today.isoformat())  # the count is dated by the day of the fetch
    files = [ReadFile(load_label(ctx.name, base), csv_bytes(OUT_HEADER, rows))]
    if postings:
        files.append(ReadFile(load_label(ctx.name, base + "#stellenangebote"),
                              csv_bytes(list(POSTING_FIELDS), postings)))
    notes = [Note("note.postings_read", {"n": len(postings)})]
    if skipped:
        notes.append(Note("note.postings_without_refnr", {"n": skipped}))
    return Batch(files, None, notes)


def _day(value: Any) -> str | None:
    """An ISO day from a date or timestamp text; anything else is left out rather than refused."""
    text = "" if value is None else str(value)
    return text[:10] if _ISO_DAY.match(text) else None
