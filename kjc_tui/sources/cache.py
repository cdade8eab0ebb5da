"""The local HTTP cache: validators (ETag, Last-Modified) and the body of each URL's last response.

An unchanged source then costs one small conditional request. Entries are written only
when the caller commits them (after the data was loaded or found unchanged), so a response
that was refused is asked for in full again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from kjc_tui.core.files import atomic_write

CACHE_ENV = "KJC_CACHE_DIR"


def cache_root() -> Path:
    """`$KJC_CACHE_DIR`, else the user's cache directory (e.g. ~/.cache/kjc-tui)."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("kjc-tui"))


@dataclass
class CacheEntry:
    """What was known about a URL's last response that we kept."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    date: str | None = None
    content_type: str | None = None


class HttpCache:
    """Cached responses under `directory`, one `<sha256(url)>.json` + `.body` pair per URL."""

    def __init__(self, directory: Path):
        self.directory = directory

    @classmethod
    def default(cls) -> "HttpCache":
        return cls(cache_root() / "http")

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / f"{key}.json", self.directory / f"{key}.body"

    def get(self, url: str) -> tuple[CacheEntry, bytes] | None:
        meta, body = self._paths(url)
        try:
            entry = CacheEntry(**json.loads(meta.read_text(encoding="utf-8")))
            data = body.read_bytes()
        except (OSError, ValueError, TypeError):
            return None
        return (entry, data) if entry.url == url else None

    def put(self, entry: CacheEntry, body: bytes) -> None:
        """Store an entry; a cache that cannot be written only costs a full download next time."""
        meta, body_path = self._paths(entry.url)
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write(body_path, body)
            atomic_write(meta, json.dumps(asdict(entry), ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass
