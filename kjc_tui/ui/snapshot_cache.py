"""A per-user cache of the Übersicht's data for one database snapshot (no Textual).

The snapshot writer keeps the Übersicht beside every snapshot it publishes (`core.sidecar`);
a database without that summary (built by an older version, or in a directory the loader could
not write) gets it here instead, beside the user's cache, keyed by the file's identity
(`sidecar.identity`) and the day. A later start on the same snapshot then draws the complete
Übersicht without waiting for DuckDB; the live query follows and replaces it.
"""

from __future__ import annotations

import os
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from kjc_tui.core import sidecar
from kjc_tui.core.files import atomic_write
from kjc_tui.read.summary import SHAPE

Row = dict[str, Any]
#: set to 1 to switch the cache off (benchmarks of a cold start, debugging)
NO_CACHE_ENV = "KJC_NO_CACHE"


def default_dir() -> Path | None:
    if os.environ.get(NO_CACHE_ENV):
        return None
    import platformdirs

    return Path(platformdirs.user_cache_dir("kjc-tui")) / "overview"


def cache_file(directory: Path, db: Path) -> Path:
    """One file per database path, named by two checksums of it (zlib: loaded with Textual, unlike
    hashlib). Two paths with one name would only take turns in it: a document names its file."""
    path = str(Path(db).resolve()).encode("utf-8", "surrogateescape")
    return directory / f"{zlib.crc32(path):08x}{zlib.adler32(path):08x}.json"


def read(directory: Path | None, db: Path, today: date) -> Row | None:
    """The cached Übersicht of this very snapshot and day, or None."""
    if directory is None:
        return None
    data = sidecar.read(cache_file(directory, db), db, shape=SHAPE, today=today.isoformat())
    return data if isinstance(data, dict) else None


def write(directory: Path | None, db: Path, today: date, ident: list[int] | None, data: Row) -> None:
    """Keep the Übersicht of the snapshot with identity `ident` (taken when it was opened)."""
    if directory is None or ident is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(cache_file(directory, db), sidecar.document(ident, data, shape=SHAPE, today=today.isoformat()))
    except (OSError, TypeError, ValueError):
        pass  # a cache: never worth an error
