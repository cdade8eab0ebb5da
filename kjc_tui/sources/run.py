"""Fetch configured sources, each into its own snapshot load: `fetch_all(cfg, names, progress)`.

Each source is fetched, converted and loaded on its own: a source that fails or is refused
is reported and changes nothing (the database file stays byte-for-byte as it was), while
the others still load. A source whose fingerprint (its downloaded bodies, its settings and
what it read from the database) is the one recorded at its last load is "unchanged" and
not loaded again: the converted files are not compared, as a conversion (XLSX) may differ
byte-wise for the same data. Every try is logged (`status.record_check`) for "zuletzt
geprüft". Safe to call from a worker thread (no UI, no prints).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from kjc_tui.core.coded import CodedError, Said, Text
from kjc_tui.ingest import ReadFile, Refused
from kjc_tui.ingest.problem import Note, Problem
from kjc_tui.core.source_kinds import SourceProblem, check_source
from kjc_tui.sources.tabular import with_file_headers

log = logging.getLogger(__name__)

Status = Literal["fetched", "unchanged", "failed", "refused", "skipped"]
#: progress(source name, step, fraction 0..1 of that source)
Progress = Callable[[str, Text, float], None]


@dataclass
class FetchedFile(ReadFile):
    """A file a source produced, whose recorded checksum is the source's fingerprint."""

    fingerprint: str = ""

    @property
    def checksum(self) -> str:
        return self.fingerprint


class UnknownSource(CodedError, ValueError):
    """A source name that kjc.toml does not define ("source.unknown…")."""

    prefix = "source."


@dataclass
class SourceResult:
    name: str
    kind: str
    status: Status
    rows: int = 0
    #: what happened, as data (worded by the UI in its language, by the CLI in German)
    said: Said | None = None
    #: why a refused source's files were refused, and the notes of its fetch and load: codes too
    #: (`ingest.problem`), worded by the UI in its language, by the CLI in German
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    requests: int = 0
    unchanged_requests: int = 0
    seconds: float = 0.0

    @property
    def message(self) -> str:
        """What happened, in German (the CLI's words; the UI words `said` in its language)."""
        return str(self.said) if self.said is not None else ""


@dataclass
class FetchSummary:
    results: list[SourceResult] = field(default_factory=list)
    db_path: Path | None = None

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def rows(self) -> int:
        return sum(r.rows for r in self.results if r.status == "fetched")

    @property
    def changed(self) -> bool:
        """True when at least one source published a new snapshot."""
        return self.count("fetched") > 0

    @property
    def exit_code(self) -> int:
        """0 all ok, 3 if any source was refused, 1 if any other failed (see `kjc_tui.cli.main`)."""
        if self.count("refused"):
            return 3
        return 1 if self.count("failed") else 0


def select(sources: dict[str, dict[str, Any]], names: Iterable[str] | None) -> list[str]:
    if not names:
        return list(sources)
    chosen = list(dict.fromkeys(names))
    unknown = [n for n in chosen if n not in sources]
    if unknown:
        if sources:
            raise UnknownSource("unknown", names=", ".join(unknown), known=", ".join(sources))
        raise UnknownSource("unknown_none", names=", ".join(unknown))
    return chosen


def wait(seconds: float) -> None:
    """How `fetch_all` waits (throttle, backoff) unless given `sleep`: looked up per call, so that a test
    of the command line can take the waits out."""
    time.sleep(seconds)


def fetch_all(cfg: Any, names: Iterable[str] | None = None, progress: Progress | None = None, *,
              sleep: Callable[[float], None] | None = None, today: date | None = None,
              summarise: Callable[[Path], Any] | None = None) -> FetchSummary:
    """Fetch the named sources (all when None) of `cfg`; never raises for one source's failure.
    `summarise` goes to the snapshot writer (`snapshot.load`: each new snapshot's summary)."""
    sleep = sleep if sleep is not None else wait
    from kjc_tui.db.snapshot import ensure_database
    from kjc_tui.sources.status import record_check

    chosen = select(cfg.sources, names)
    db = ensure_database(cfg, summarise=summarise)
    summary = FetchSummary(db_path=db)
    for name in chosen:
        started = time.monotonic()
        result = fetch_one(cfg, name, db, progress, sleep=sleep, today=today or date.today(), summarise=summarise)
        result.seconds = time.monotonic() - started
        record_check(db, name, result.status)
        summary.results.append(result)
    return summary


def fetch_one(cfg: Any, name: str, db: Path, progress: Progress | None = None, *,
              sleep: Callable[[float], None] | None = None, today: date | None = None,
              summarise: Callable[[Path], Any] | None = None) -> SourceResult:
    from kjc_tui.db.snapshot import SnapshotError
    from kjc_tui.sources.apikey import KeyProblem, key_configured
    from kjc_tui.sources.kinds.jobsuche import DEFAULT_KEY_ENV
    from kjc_tui.sources.http import FetchError
    from kjc_tui.db.store import StoreError
    from kjc_tui.core.errors import explain

    src = cfg.sources[name]
    result = SourceResult(name, str(src.get("kind")), "failed")

    def step(text: Text, fraction: float) -> None:
        if progress is not None:
            progress(name, text, fraction)

    try:
        check_source(name, src, cfg.file)
        if not src.get("enabled", True):
            result.status, result.said = "skipped", Said("source.disabled")
            step(Said("fetch.step.skipped_off"), 1.0)
            return result
        if src.get("skip_without_key") and not key_configured(src, DEFAULT_KEY_ENV):
            result.status = "skipped"
            result.said = Said("source.no_key", {"env": src.get("api_key_env", DEFAULT_KEY_ENV)})
            step(Said("fetch.step.skipped_no_key"), 1.0)
            return result
        _fetch_and_load(cfg, name, src, db, step, sleep if sleep is not None else wait, today or date.today(), result,
                        summarise)
    except Refused as e:
        result.status = "refused"
        result.problems = list(e.problems)
        result.said = Said("source.refused")
    except FetchError as e:
        result.status, result.said = "failed", offline_hint(e.said, src) if e.unreachable else e.said
    except (SourceProblem, KeyProblem, SnapshotError, StoreError, OSError) as e:
        result.status, result.said = "failed", explain(e)
    except Exception as e:  # one broken source must not stop the others
        log.debug("unexpected error in source %s", name, exc_info=True)
        result.status, result.said = "failed", Said("source.unexpected", {"kind": type(e).__name__, "detail": str(e)})
    step(Said("fetch.step.done"), 1.0)
    return result


def _fetch_and_load(cfg: Any, name: str, src: dict[str, Any], db: Path, step: Callable[[Text, float], None],
                    sleep: Callable[[float], None], today: date, result: SourceResult,
                    summarise: Callable[[Path], Any] | None = None) -> None:
    from kjc_tui.db import snapshot
    from kjc_tui.ingest import layouts
    from kjc_tui.sources.cache import HttpCache
    from kjc_tui.sources.http import Fetcher, HttpSettings
    from kjc_tui.sources.kinds import Context, DbInfo, collector
    from kjc_tui.sources.status import last_checksums
    from kjc_tui.db.store import Store

    store = Store(db)
    try:
        info = DbInfo.read(store)
        previous = last_checksums(store, name)
    finally:
        store.close()
    settings = HttpSettings.from_config(cfg.http, src)
    with Fetcher(settings, HttpCache.default(), sleep=sleep) as fetcher:
        ctx = Context(name, src, fetcher, settings, info, today, config_dir=cfg.file.parent if cfg.file else None,
                      progress=lambda text, f: step(text, 0.85 * f))
        try:
            batch = collector(src["kind"])(ctx)
        finally:
            result.requests, result.unchanged_requests = fetcher.requests, ctx.from_cache
        result.notes = list(batch.notes)
        mark = fingerprint(ctx.digest, src, info)
        files = [FetchedFile(f.name, f.data, mark, format=f.format) for f in batch.files]
        if files and all(previous.get(f.name) == mark for f in files):
            fetcher.commit()
            result.status = "unchanged"
            result.said = Said("source.unchanged")
            return
        step(Said("fetch.step.check_and_load"), 0.85)
        try:
            options = layouts.Options(source=batch.source) if batch.source else None
            loaded = snapshot.load(db, files, table=batch.table, action="fetch", group=cfg.database_group,
                                   options=options, summarise=summarise,
                                   progress=lambda text, f: step(text, 0.85 + 0.15 * f))
        except Refused as e:
            raise with_file_headers(e, ctx.file_headers) from None
        fetcher.commit()
    result.status, result.rows = "fetched", loaded.rows
    result.notes.extend(loaded.notes)
    tables = ", ".join(dict.fromkeys(table for _, table, _ in loaded.files))
    result.said = Said("source.loaded_one" if loaded.rows == 1 else "source.loaded", {"n": loaded.rows, "tables": tables})


def offline_hint(error: Said, src: dict[str, Any]) -> Said:
    """`error` and what to do on a server without internet: the same files, downloaded in a browser,
    loaded by hand."""
    from kjc_tui.sources.kinds import request_url

    return Said("source.offline", {"error": error, "url": request_url(src)})


def fingerprint(digest: Any, src: dict[str, Any], info: Any) -> str:
    """What a load of this source depends on: the response bodies (and what the kind added, see
    `Context.depends_on`), the source's settings, and the districts/jobcenters/codes it checked against."""
    mark = digest.copy()
    # the districts' jobcenters, not the peers: a source that adds peers (§ 48a) is unchanged on the next try
    for part in (src, info.districts, sorted(info.district_jobcenters), sorted(info.indicator_codes)):
        mark.update(hashlib.sha256(json.dumps(part, sort_keys=True, default=str).encode("utf-8")).digest())
    return mark.hexdigest()
