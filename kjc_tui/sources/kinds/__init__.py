"""One module per source kind; each turns HTTP responses into `ReadFile`s for `snapshot.load`.

A kind module exposes ``collect(ctx: Context) -> Batch``. It fetches through
``ctx.fetcher`` (never its own client), reports steps through ``ctx.step``, and raises
`Refused` for content that is not what it should be (with file, line, column, value and
reason) or `FetchError` for requests that failed.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kjc_tui.core.coded import Text
from kjc_tui.ingest import ReadFile
from kjc_tui.ingest.layouts.common import Lookup
from kjc_tui.ingest.problem import Note
from kjc_tui.sources.http import Fetched, Fetcher, HttpSettings
from kjc_tui.sources.status import load_label

CSV_TYPES = ("text/csv", "text/plain", "application/csv", "text/comma-separated-values", "text/x-csv",
             "application/vnd.ms-excel", "application/octet-stream")
XLSX_TYPES = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
              "application/zip", "application/octet-stream")
JSON_TYPES = ("application/json", "text/json", "+json", "application/x-ndjson", "text/plain")
PARQUET_TYPES = ("application/vnd.apache.parquet", "application/x-parquet", "application/parquet",
                 "application/octet-stream")
ZIP_TYPES = ("application/zip", "application/x-zip-compressed", "application/x-zip", "application/octet-stream")


@dataclass
class DbInfo:
    """What a kind may need to know about the database before loading."""

    districts: dict[str, str] = field(default_factory=dict)          # ags -> name
    jobcenters: set[str] = field(default_factory=set)
    indicator_codes: set[str] = field(default_factory=set)
    #: the jobcenters of a district (not peers): id -> their row, for a kind that updates some columns
    district_jobcenters: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the peers outside Hessen already in the database
    peer_ids: set[str] = field(default_factory=set)
    #: every jobcenter's row by id (districts' and peers')
    masters: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Any) -> "DbInfo":
        rows = store.rows("SELECT * FROM jobcenters ORDER BY jobcenter_id")
        return cls(
            {r["ags"]: r["name"] for r in store.rows("SELECT ags, name FROM districts ORDER BY ags")},
            {r["jobcenter_id"] for r in rows},
            {r["code"] for r in store.rows("SELECT code FROM indicator_defs")},
            {r["jobcenter_id"]: r for r in rows if r.get("ags") is not None},
            {r["jobcenter_id"] for r in rows if r.get("peer")},
            {r["jobcenter_id"]: r for r in rows},
        )

    def lookup(self) -> Lookup:
        """What a publisher layout needs to know of the database (as `Lookup.from_connection` gives it to a load)."""
        return Lookup(self.districts, {jc: r.get("ags") or "" for jc, r in self.masters.items()}, self.indicator_codes,
                      masters=self.masters)


@dataclass
class Context:
    """Everything a kind needs for one source."""

    name: str
    src: dict[str, Any]
    fetcher: Fetcher
    settings: HttpSettings
    db: DbInfo
    today: date
    config_dir: Path | None = None
    progress: Callable[[Text, float], None] = lambda step, fraction: None
    from_cache: int = 0
    #: over every response body (and what else the output depends on, see `depends_on`)
    digest: Any = field(default_factory=hashlib.sha256)
    #: file label -> {our column: the file's own header} where `columns` renamed it (for messages)
    file_headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def step(self, text: Text, fraction: float) -> None:
        self.progress(text, max(0.0, min(1.0, fraction)))

    def accept(self, default: Sequence[str]) -> Sequence[str]:
        return self.src.get("content_types") or default

    def get(self, url: str, default_types: Sequence[str], **kw: Any) -> Fetched:
        """Fetch through the shared fetcher and count whether the answer was "unchanged" (304)."""
        got = self.fetcher.get(url, accept=self.accept(default_types), label=load_label(self.name, url), **kw)
        self.from_cache += got.from_cache
        self.depends_on(got.url)
        self.digest.update(hashlib.sha256(got.body).digest())
        return got

    def depends_on(self, value: str) -> None:
        """Make the source's fingerprint cover `value` too (e.g. the day a count is dated by)."""
        self.digest.update(hashlib.sha256(value.encode("utf-8")).digest())

    def pause(self) -> None:
        """The source's throttle between requests to the same service."""
        if self.settings.throttle > 0:
            self.fetcher.sleep(self.settings.throttle)


@dataclass
class Batch:
    """The files a kind produced for one load into `table` (None: each file's table by its header)."""

    files: list[ReadFile]
    table: str | None
    #: notes of the ingest and of the kind (codes)
    notes: list[Note] = field(default_factory=list)
    #: the Quelle for files the load recognises by their layout (as `kjc-tui load --quelle`): the URL
    source: str | None = None


def as_of(got: Fetched, today: date) -> date:
    """The Stand of a response: its Last-Modified (else Date) header, else today."""
    when = got.server_date
    return when.date() if when is not None else today


def query_params(src: dict[str, Any]) -> dict[str, str]:
    """The source's extra query parameters (``params``), booleans as true/false."""
    return {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in src.get("params", {}).items()}


_MODULES = {
    "file": "kjc_tui.sources.kinds.file_url",
    "ba_table": "kjc_tui.sources.kinds.ba_table",
    "kennzahlen_48a": "kjc_tui.sources.kinds.kennzahlen",
    "jobsuche": "kjc_tui.sources.kinds.jobsuche",
}


def collector(kind: str) -> Callable[[Context], Batch]:
    module = importlib.import_module(_MODULES[kind])
    return module.collect


def request_url(src: dict[str, Any]) -> str:
    """The address a fetch of `src` requests (for `doctor`): the kind's `request_url`, else the `url`."""
    module = importlib.import_module(_MODULES[src["kind"]]) if src.get("kind") in _MODULES else None
    build = getattr(module, "request_url", None)
    return str(build(src) if build is not None else src["url"])
