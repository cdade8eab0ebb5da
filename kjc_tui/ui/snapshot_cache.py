"""A per-user cache of the Übersicht's data for one database snapshot (no Textual).

A snapshot never changes once published (a load renames a new file over it), so the
Übersicht's data can be kept beside the user's cache, keyed by the file's identity
(device, inode, mtime) and the day. A later start on the same snapshot then draws the
complete Übersicht without waiting for DuckDB; the live query follows and replaces it.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

Row = dict[str, Any]
VERSION = 2  # 2: the newest release and what the last load changed
#: set to 1 to switch the cache off (benchmarks of a cold start, debugging)
NO_CACHE_ENV = "KJC_NO_CACHE"


def default_dir() -> Path | None:
    if os.environ.get(NO_CACHE_ENV):
        return None
    import platformdirs

    return Path(platformdirs.user_cache_dir("kjc-tui")) / "overview"


def identity(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_mtime_ns]


def cache_file(directory: Path, db: Path) -> Path:
    key = hashlib.sha256(str(Path(db).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return directory / f"{key}.json"


def _encode(v: Any) -> Any:
    if isinstance(v, datetime):
        return {"$dt": v.isoformat()}
    if isinstance(v, date):
        return {"$d": v.isoformat()}
    if isinstance(v, Decimal):
        return float(v)
    raise TypeError(type(v).__name__)


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$dt" in obj:
            return datetime.fromisoformat(obj["$dt"])
        if "$d" in obj:
            return date.fromisoformat(obj["$d"])
    return obj


def dumps(doc: Any) -> str:
    """`doc` as JSON, dates and Decimals included (the cache's and the first-screen helper's format)."""
    return json.dumps(doc, default=_encode, ensure_ascii=False)


def loads(text: str | bytes) -> Any:
    """What `dumps` wrote, with its dates."""
    return json.loads(text, object_hook=_decode)


def read(directory: Path | None, db: Path, today: date) -> Row | None:
    """The cached Übersicht of this very snapshot and day, or None."""
    if directory is None:
        return None
    ident = identity(db)
    if ident is None:
        return None
    try:
        text = cache_file(directory, db).read_text(encoding="utf-8")
        doc = loads(text)
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or doc.get("identity") != ident \
            or doc.get("today") != today:
        return None
    data = doc.get("data")
    return data if isinstance(data, dict) else None


def write(directory: Path | None, db: Path, today: date, ident: list[int] | None, data: Row) -> None:
    """Keep the Übersicht of the snapshot with identity `ident` (taken when it was opened)."""
    if directory is None or ident is None:
        return
    try:
        text = dumps({"version": VERSION, "identity": ident, "today": today, "data": data})
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = cache_file(directory, db)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        pass  # a cache: never worth an error
