"""ZIP members out of a download, in bounded memory: checked against the directory, streamed to disk.

A member is never read into memory whole: it is copied in chunks to a temporary file, and the
copy stops with a clear refusal once it passes the cap, whatever the ZIP directory claims (a
ZIP bomb announces a small size and unpacks to gigabytes). The temporary is the caller's to
delete (`ReadFile(path=…)` hands it on to the ingest, which reads it from disk).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from kjc_tui.ingest import Problem, Refused

CHUNK = 1 << 20


def _mb(n: int) -> str:
    return f"{n / (1 << 20):,.1f} MB".replace(",", "X").replace(".", ",").replace("X", ".")


def extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, cap: int,
                   directory: Path | None = None) -> Path:
    """`info` unpacked into a new temporary file (in `directory`), at most `cap` bytes; else `Refused`."""
    too_big = (f"entpackt größer als die Obergrenze von {_mb(cap)} (max_unzipped_bytes in kjc.toml); "
               "eine ZIP-Bombe oder die falsche Datei?")
    if info.file_size > cap:
        raise Refused([Problem(label, None, None, None, too_big)])
    fd, name = tempfile.mkstemp(prefix="kjc-zip-", suffix=Path(info.filename).suffix, dir=directory)
    path = Path(name)
    done = 0
    try:
        with os.fdopen(fd, "wb") as out, zf.open(info) as f:
            while chunk := f.read(CHUNK):
                done += len(chunk)
                if done > cap:
                    raise Refused([Problem(label, None, None, None, too_big)])
                out.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:
        path.unlink(missing_ok=True)
        raise Refused([Problem(label, None, None, None, f"ZIP-Eintrag ist beschädigt ({e})")]) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
