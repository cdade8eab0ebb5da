"""kind = "jobsuche": open vacancies per district from the BA Jobsuche API.

Per district (``places``: Kreisschlüssel → place for ``wo``) the search is paged through; the
number of hits becomes the dated indicator (``indicator``, default STELLEN, period kind day),
and the postings read (title, occupation, employer, place, …) are written as an export
(CSV and/or Parquet) under the cache directory, ``exports/<source>.csv|.parquet``, with
``exports/<source>-uebersicht.csv``: the most frequent occupations and employers per district.

The API version is configurable because its shape is UNVERIFIED: v4 answers with
``stellenangebote`` and ``maxErgebnisse``; v6 (reported to work where v4 answers 403) with
``ergebnisliste`` and fields like ``stellenangebotsTitel``, ``firma``,
``stellenlokationen[0].adresse.ort``. Both are described by `SHAPES` below, as data.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kjc_tui.ingest import Problem, ReadFile, Refused
from kjc_tui.sources.apikey import KeyProblem, read_api_key
from kjc_tui.sources.http import FetchError
from kjc_tui.sources.kinds import JSON_TYPES, Batch, Context, query_params
from kjc_tui.sources.status import load_label
from kjc_tui.sources.tabular import csv_bytes

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
        "url": (("externeUrl",),),
    }),
    "v6": Shape("ergebnisliste", ("maxErgebnisse", "anzahlErgebnisse", "totalElements"), {
        "refnr": (("refnr",), ("referenznummer",)),
        "title": (("stellenangebotsTitel",), ("titel",)),
        "occupation": (("beruf",), ("hauptberuf",)),
        "employer": (("firma",), ("arbeitgeber",)),
        "postcode": (("stellenlokationen", 0, "adresse", "plz"),),
        "city": (("stellenlokationen", 0, "adresse", "ort"),),
        "published": (("aktuelleVeroeffentlichungsdatum",), ("veroeffentlichungsdatum",)),
        "start": (("eintrittsdatum",),),
        "url": (("externeUrl",),),
    }),
}
POSTING_FIELDS = ("ags", "place", "refnr", "title", "occupation", "employer", "postcode", "city", "published",
                  "start", "url", "fetched_on")
SUMMARY_FIELDS = ("ags", "place", "dimension", "value", "postings")
SUMMARY_TOP = 20
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
        where = f" (Zeile {e.lineno}, Spalte {e.colno})" if isinstance(e, json.JSONDecodeError) else ""
        raise Refused([Problem(url, getattr(e, "lineno", None), None, None,
                               f"ist kein gültiges JSON{where}")]) from None
    if not isinstance(doc, dict):
        raise Refused([Problem(url, None, None, None, "erwartet ein JSON-Objekt")])
    items = doc.get(shape.items, [])
    if shape.items not in doc and not any(k in doc for k in shape.totals):
        raise Refused([Problem(url, None, None, None, f"Antwort hat weder {shape.items!r} noch "
                               f"{shape.totals[0]!r} – passt version = {version!r}? (Schlüssel: "
                               + ", ".join(list(doc)[:10]) + ")")])
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise Refused([Problem(url, None, shape.items, None, "ist keine Liste von Objekten")])
    total = next((doc[k] for k in shape.totals if isinstance(doc.get(k), int) and not isinstance(doc[k], bool)),
                 None)
    return items, total


def collect(ctx: Context) -> Batch:
    src = ctx.src
    version = src.get("version", "v4")
    shape = SHAPES[version]
    base = src["url"].rstrip("/") + src.get("path", f"/pc/{version}/jobs")
    try:
        key = read_api_key(src, DEFAULT_KEY_ENV, ctx.config_dir)
    except KeyProblem as e:  # a configuration problem, said without the key
        raise FetchError(base, str(e)) from None
    size, max_pages = src.get("page_size", 100), src.get("max_pages", 5) or HARD_MAX_PAGES
    indicator = src.get("indicator", "STELLEN")
    places: dict[str, str] = src["places"]
    rows: list[list[Any]] = []
    postings: list[dict[str, Any]] = []
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
            ctx.step(f"{place}, Seite {page}", (n + min(page, max_pages) / (max_pages + 1)) / len(places))
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
            postings.append({"ags": ags, "place": place, **rec, "fetched_on": ctx.today.isoformat()})
    files = [ReadFile(load_label(ctx.name, base), csv_bytes(OUT_HEADER, rows))]
    export = src.get("export", "both")
    notes = [f"{len(postings)} Stellenangebote gelesen"]
    return Batch(files, "indicators", notes,
                 after_load=(lambda: write_exports(postings, ctx.export_dir, ctx.name, export)) if export != "none"
                 else None)


def write_exports(postings: list[dict[str, Any]], directory: Path, name: str, export: str) -> list[Path]:
    """The postings as `<name>.csv` (German Excel) with `<name>-uebersicht.csv` (most frequent occupations
    and employers per district), and/or `<name>.parquet`; each written atomically."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    if export in ("csv", "both"):
        written.append(_write_csv(directory / f"{name}.csv", POSTING_FIELDS, postings))
        written.append(_write_csv(directory / f"{name}-uebersicht.csv", SUMMARY_FIELDS, summarise(postings)))
    if export in ("parquet", "both"):
        import duckdb

        target = directory / f"{name}.parquet"
        tmp = directory / f".{target.name}.tmp"
        with tempfile.NamedTemporaryFile("w", suffix=".ndjson", encoding="utf-8", delete=False) as f:
            for p in postings:
                f.write(json.dumps({k: (None if p.get(k) is None else str(p[k])) for k in POSTING_FIELDS},
                                   ensure_ascii=False) + "\n")
            staging = f.name
        try:
            con = duckdb.connect()
            try:
                cols = "{" + ", ".join(f"'{k}': 'VARCHAR'" for k in POSTING_FIELDS) + "}"
                con.execute(f"COPY (SELECT * FROM read_json(?, format='newline_delimited', columns={cols})) "
                            f"TO '{_sql_path(tmp)}' (FORMAT parquet)", [staging])
            finally:
                con.close()
            os.replace(tmp, target)
        finally:
            os.unlink(staging)
        written.append(target)
    return written


def summarise(postings: list[dict[str, Any]], top: int = SUMMARY_TOP) -> list[dict[str, Any]]:
    """Per district the most frequent occupations and employers among the postings read."""
    out: list[dict[str, Any]] = []
    by_district: dict[str, list[dict[str, Any]]] = {}
    for p in postings:
        by_district.setdefault(p["ags"], []).append(p)
    for ags, items in by_district.items():
        for dimension, field_name in (("Beruf", "occupation"), ("Arbeitgeber", "employer")):
            counts = Counter(str(p[field_name]) for p in items if p.get(field_name))
            for value, n in counts.most_common(top):
                out.append({"ags": ags, "place": items[0]["place"], "dimension": dimension, "value": value,
                            "postings": n})
    return out


def _write_csv(target: Path, fields: Sequence[str], rows: list[dict[str, Any]]) -> Path:
    """A CSV for German Excel (`;`, UTF-8 with BOM), written atomically."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fields, delimiter=";", extrasaction="ignore")
            w.writeheader()
            w.writerows(rows)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")
