"""kind = "file": a CSV, XLSX, JSON or Parquet file at a URL, with a column mapping into one table.

Without ``table`` (or with ``table = "auto"``) the downloaded file goes to the load unchanged and is
recognised exactly as `kjc-tui load FILE` recognises it (its table by its header, a publisher's
layout by its shape): one reader per layout, shared by `load` and `fetch`.
"""

from __future__ import annotations

from datetime import date

from kjc_tui.core.coded import Said
from kjc_tui.core.schema import TABLES, header_index, normalise_header
from kjc_tui.ingest import ReadFile
from kjc_tui.sources.kinds import CSV_TYPES, JSON_TYPES, PARQUET_TYPES, XLSX_TYPES, Batch, Context, as_of
from kjc_tui.sources.status import load_label
from kjc_tui.sources.tabular import add_constant, read_mapped, to_readfile

TYPES = {
    "csv": CSV_TYPES, "xlsx": XLSX_TYPES, "json": JSON_TYPES, "parquet": PARQUET_TYPES,
    "auto": tuple(dict.fromkeys(CSV_TYPES + XLSX_TYPES + JSON_TYPES + PARQUET_TYPES)),
}


def collect(ctx: Context) -> Batch:
    src = ctx.src
    url, fmt = src["url"], src.get("format", "auto")
    ctx.step(Said("fetch.step.get", {"url": url}), 0.1)
    got = ctx.get(url, TYPES[fmt])
    ctx.step(Said("fetch.step.read_file"), 0.6)
    label = load_label(ctx.name, url)
    if src.get("table", "auto") == "auto":
        return Batch([ReadFile(label, got.body)], None, source=url)
    table = TABLES[src["table"]]
    raw = read_mapped(got.body, label, src.get("columns", {}), fmt, url, ctx.file_headers.setdefault(label, {}))
    if table.sourced:
        index = header_index(table)
        present = {index.get(normalise_header(h)) for h in raw.header}
        if "source" not in present:
            add_constant(raw, "source", url)
        if "as_of" not in present:
            stand = src.get("as_of") or as_of(got, ctx.today)
            add_constant(raw, "as_of", stand.isoformat() if isinstance(stand, date) else str(stand))
    return Batch([to_readfile(raw)], table.name)
