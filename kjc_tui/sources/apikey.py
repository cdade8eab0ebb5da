"""API keys: from an environment variable or from a file only its owner can read.

A key is returned to be put into a request header and nowhere else: it is never part of a
message, a log line, a cache entry or an exception.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kjc_tui.core.coded import CodedError, Said


class KeyProblem(CodedError):
    """The key is missing or its file is not safe ("key.CODE"); never with the key itself."""

    prefix = "key."


def key_configured(src: Mapping[str, Any], default_env: str) -> bool:
    """Whether the source names a key at all (a file, or a set environment variable) – not whether it is good."""
    return "api_key_file" in src or bool(os.environ.get(src.get("api_key_env", default_env), "").strip())


def read_api_key(src: Mapping[str, Any], default_env: str, base: Path | None = None) -> str:
    """The key named by ``api_key_file`` or ``api_key_env`` (else `default_env`) of a source."""
    if "api_key_file" in src:
        path = Path(os.path.expandvars(src["api_key_file"])).expanduser()
        if not path.is_absolute() and base is not None:
            path = base / path
        return _from_file(path)
    env = src.get("api_key_env", default_env)
    value = os.environ.get(env, "").strip()
    if not value:
        raise KeyProblem("no_key", env=env)
    return _header_safe(value, Said("key.where_env", {"env": env}))


def _header_safe(value: str, where: Said) -> str:
    """The key if it can go into an HTTP header (printable ASCII); the message names where it came from,
    never the key nor the offending character."""
    if not all(" " <= ch <= "~" for ch in value):
        raise KeyProblem("not_header_safe", where=where)
    return value


def _from_file(path: Path) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise KeyProblem("file_missing", path=str(path)) from None
    except OSError as e:
        raise KeyProblem("file_unopenable", path=str(path), detail=e.strerror) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise KeyProblem("not_regular", path=str(path))
        if st.st_mode & 0o077:
            raise KeyProblem("too_open", path=str(path), mode=f"{stat.S_IMODE(st.st_mode):04o}")
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise KeyProblem("other_owner", path=str(path))
        with os.fdopen(fd, "r", encoding="utf-8", errors="replace", closefd=False) as f:
            value = f.read(4096).strip()
    finally:
        os.close(fd)
    if not value:
        raise KeyProblem("empty", path=str(path))
    return _header_safe(value, Said("key.where_file", {"path": str(path)}))
