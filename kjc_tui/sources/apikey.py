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


class KeyProblem(Exception):
    """The key is missing or its file is not safe; the message never contains the key."""


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
        raise KeyProblem(f"kein API-Schlüssel: Umgebungsvariable {env} setzen oder api_key_file in kjc.toml "
                         "angeben (eine Datei, die nur Sie lesen dürfen, chmod 600)")
    return _header_safe(value, f"Umgebungsvariable {env}")


def _header_safe(value: str, where: str) -> str:
    """The key if it can go into an HTTP header (printable ASCII); the message names where it came from,
    never the key nor the offending character."""
    if not all(" " <= ch <= "~" for ch in value):
        raise KeyProblem(f"API-Schlüssel ({where}) enthält Zeichen, die in einem HTTP-Header nicht erlaubt sind "
                         "(Umlaute, Steuerzeichen, mehrere Zeilen?); bitte den Schlüssel prüfen")
    return value


def _from_file(path: Path) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise KeyProblem(f"Schlüsseldatei {path} gibt es nicht") from None
    except OSError as e:
        raise KeyProblem(f"Schlüsseldatei {path} kann nicht geöffnet werden: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise KeyProblem(f"Schlüsseldatei {path} ist keine gewöhnliche Datei")
        if st.st_mode & 0o077:
            raise KeyProblem(f"Schlüsseldatei {path} ist für andere lesbar oder schreibbar "
                             f"(Rechte {stat.S_IMODE(st.st_mode):04o}); abgelehnt. Bitte `chmod 600 {path}`")
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise KeyProblem(f"Schlüsseldatei {path} gehört einem anderen Benutzer; abgelehnt")
        with os.fdopen(fd, "r", encoding="utf-8", errors="replace", closefd=False) as f:
            value = f.read(4096).strip()
    finally:
        os.close(fd)
    if not value:
        raise KeyProblem(f"Schlüsseldatei {path} ist leer")
    return _header_safe(value, f"Schlüsseldatei {path}")
