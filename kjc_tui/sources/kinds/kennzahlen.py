"""kind = "kennzahlen_48a": the monthly ZIP of § 48a SGB II indicator CSVs, into `indicators`.

The real column names are UNVERIFIED, so the mapping is data (kjc.toml ``columns``), and so
is the translation of the file's jobcenter keys to our ``jobcenter_id`` (``jobcenters``).
Rows of jobcenters not in that table (the ZIP covers all of Germany) are left out, as are
rows of indicator codes our `indicator_defs` does not know (both counted in the notes).
Every CSV member becomes one file of the load, keeping its line numbers for messages.
"""

from __future__ import annotations

import fnmatch
import io
import zipfile
from collections import Counter
from pathlib import PurePosixPath

from kjc_tui.ingest import Problem, ReadFile, Refused
from kjc_tui.sources.kinds import ZIP_TYPES, Batch, Context, as_of
from kjc_tui.sources.status import load_label
from kjc_tui.sources.tabular import add_constant, read_mapped, to_readfile

DEFAULT_MEMBERS = "dl_48a_daten_statistikba_*.csv"


def _members(data: bytes, label: str, pattern: str) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Refused([Problem(label, None, None, None, "ist keine gültige ZIP-Datei")]) from None
    infos = [i for i in zf.infolist()
             if not i.is_dir() and fnmatch.fnmatch(PurePosixPath(i.filename).name.lower(), pattern.lower())]
    if not infos:
        names = ", ".join(i.filename for i in zf.infolist()[:10]) or "(leer)"
        raise Refused([Problem(label, None, None, None, f"enthält keine Datei {pattern} (enthält: {names})")])
    return zf, infos


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, budget: int) -> bytes:
    """Read one member, never more than `budget` bytes however well it compresses."""
    try:
        with zf.open(info) as f:
            data = f.read(budget + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:
        raise Refused([Problem(label, None, None, None, f"ZIP-Eintrag ist beschädigt ({e})")]) from None
    if len(data) > budget:
        raise Refused([Problem(label, None, None, None, "entpackt größer als die Obergrenze "
                                                        "(max_unzipped_bytes in kjc.toml)")])
    return data


def collect(ctx: Context) -> Batch:
    src = ctx.src
    url = src["url"]
    ctx.step("lade ZIP", 0.05)
    got = ctx.get(url, ZIP_TYPES)
    zf, infos = _members(got.body, load_label(ctx.name, url), src.get("members", DEFAULT_MEMBERS))
    budget = int(src.get("max_unzipped_bytes", 2 * ctx.settings.max_bytes))
    jc_map = {k.strip(): v for k, v in src["jobcenters"].items()}
    code_map = src.get("indicators", {})
    stand = as_of(got, ctx.today).isoformat()
    files: list[ReadFile] = []
    other_jc: set[str] = set()
    other_codes: Counter[str] = Counter()
    for n, info in enumerate(infos):
        ctx.step(PurePosixPath(info.filename).name, 0.1 + 0.8 * n / len(infos))
        label = load_label(ctx.name, f"{url}!{info.filename}")
        data = _read_member(zf, info, label, budget)
        budget -= len(data)
        raw = read_mapped(data, label, src["columns"], "csv", file_headers=ctx.file_headers.setdefault(label, {}))
        if "jobcenter_id" not in raw.header or "indicator" not in raw.header:
            missing = [c for c in ("jobcenter_id", "indicator") if c not in raw.header]
            raise Refused([Problem(label, raw.header_line, None, None,
                                   "Spalte für " + ", ".join(missing) + " nicht gefunden (columns in kjc.toml; "
                                   "Kopfzeile: " + "; ".join(raw.header[:12]) + ")")])
        jc_col, code_col = raw.header.index("jobcenter_id"), raw.header.index("indicator")
        kept = []
        for line, cells in raw.rows:
            key = str(cells[jc_col]).strip()
            if key not in jc_map:
                other_jc.add(key)
                continue
            code = str(cells[code_col]).strip()
            code = code_map.get(code, code)
            if code not in ctx.db.indicator_codes:
                other_codes[code] += 1
                continue
            cells[jc_col], cells[code_col] = jc_map[key], code
            kept.append((line, cells))
        if not kept:
            continue
        raw.rows = kept
        for column, value in (("source", url), ("as_of", stand), ("period_kind", src.get("period_kind", "month"))):
            if column not in raw.header:
                add_constant(raw, column, value)
        files.append(to_readfile(raw))
    if not files:
        raise Refused([Problem(load_label(ctx.name, url), None, None, None,
                               "keine Zeilen für die Jobcenter in jobcenters (kjc.toml) mit bekannten Kennzahlen")])
    notes = [f"{len(other_jc)} andere Träger ausgelassen"] if other_jc else []
    if other_codes:
        notes.append("unbekannte Kennzahlen ausgelassen: " + ", ".join(
            f"{c} ({k}×)" for c, k in sorted(other_codes.items())[:12]))
    return Batch(files, "indicators", notes)
