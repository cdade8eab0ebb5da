"""JSON documents that belong to one version of a file (no Textual, no DuckDB).

Two of them hold the Übersicht's data of a database snapshot, so that the first frame can be drawn
without importing DuckDB (see ARCHITECTURE.md, "Start-up"):

* the *summary* beside the snapshot (`summary_file`: ``<db>.overview.json``), written by the
  snapshot writer (`db.snapshot`) with every snapshot it publishes, in the snapshot's own mode;
* the per-user cache of an Übersicht read at start-up (`ui.snapshot_cache`), for databases
  without a summary (built by an older version, or in a directory the loader cannot write).

Each names the `identity` of the file it was made from: device, inode, size, modification and
change time, and a checksum of the file's first 12 KB. A load renames a new file over the old one
(another inode); a foreign writer that changes the file in place changes its times, and the
change time (ctime) cannot be set back by anyone. File times tick in steps of a few milliseconds,
so a write right after another may keep them: DuckDB writes its headers (the first 12 KB, with a
counter of checkpoints) on every change, which the checksum sees. A document whose identity is not
the file's present one is never used.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

#: DuckDB's file header and its two database headers
HEAD_BYTES = 3 * 4096
#: a document larger than this is not read (the Übersicht's data is a few tens of KB)
MAX_BYTES = 4 << 20
#: the version of the document's frame (the shape of its data is its owner's to check: a key)
VERSION = 1


def identity(path: Path) -> list[int] | None:
    """[device, inode, size, mtime, ctime (ns), CRC-32 of the first HEAD_BYTES] of the file at `path`,
    or None when it cannot be read."""
    try:
        with _open_regular(path) as f:
            st = os.fstat(f.fileno())
            head = f.read(HEAD_BYTES)
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, zlib.crc32(head)]


def _open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file (a FIFO in its place would block a reader
    forever); OSError otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(f"{path}: not a regular file")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def renamed(before: list[int], after: list[int]) -> bool:
    """Whether `after` is the identity of the file of `before`, renamed (a rename changes its ctime only)."""
    return before[:4] == after[:4] and before[5:] == after[5:]


def summary_file(db: Path) -> Path:
    """Where the snapshot writer keeps the Übersicht's data of the snapshot at `db`."""
    return db.with_name(db.name + ".overview.json")


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
    """`doc` as JSON, dates and Decimals included."""
    return json.dumps(doc, default=_encode, ensure_ascii=False)


def loads(text: str | bytes) -> Any:
    """What `dumps` wrote, with its dates."""
    return json.loads(text, object_hook=_decode)


def document(ident: list[int], data: Any, **keys: Any) -> bytes:
    """The document of `data` for the file with identity `ident` (and `keys`, e.g. the day)."""
    return dumps({"version": VERSION, "identity": ident, **keys, "data": data}).encode("utf-8")


def read(file: Path, of: Path, **keys: Any) -> Any:
    """The data of the document `file` when it was written for the present version of the file `of`
    (and `keys`), else None: no document, another frame or keys, unreadable, too large."""
    ident = identity(of)
    if ident is None:
        return None
    try:
        with _open_regular(file) as f:
            text = f.read(MAX_BYTES + 1)
        if len(text) > MAX_BYTES:
            return None
        doc = loads(text)
    except (OSError, ValueError, TypeError, RecursionError):
        return None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or doc.get("identity") != ident \
            or any(doc.get(k) != v for k, v in keys.items()):
        return None
    return doc.get("data")
