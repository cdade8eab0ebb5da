"""kind = "ba_table": a table of the BA statistics API (BIDS), one CSV per district, into `indicators`.

The file layout and its parser live in `kjc_tui.ingest.layouts.ba_statistik` (the same parser
`kjc-tui load` uses for a downloaded BA table); this kind fetches one table per district and
maps row labels by the source's ``indicators`` (the layout's defaults when not given).
``layout`` may force ``columns`` or ``rows`` (default ``auto``).
"""

from __future__ import annotations

from typing import Any

from kjc_tui.core import fmt
from kjc_tui.ingest import ReadFile
from kjc_tui.ingest.problem import Note, refusal
from kjc_tui.ingest.layouts.ba_statistik import DEFAULT_INDICATORS, OUT_HEADER, parse
from kjc_tui.ingest.layouts.common import csv_bytes
from kjc_tui.sources.kinds import CSV_TYPES, Batch, Context, as_of, query_params
from kjc_tui.sources.status import load_label


def request_url(src: dict[str, Any]) -> str:
    """The address each request goes to (before the query parameters)."""
    return str(src["url"]).rstrip("/") + "/" + str(src["table"])


def collect(ctx: Context) -> Batch:
    src = ctx.src
    base = request_url(src)
    param = src.get("region_param", "Kreis")
    regions = src.get("regions") or ctx.db.districts
    if not regions:
        raise refusal(ctx.name, "ba_no_regions")
    files: list[ReadFile] = []
    notes: list[Note] = []
    for i, (ags, region) in enumerate(regions.items()):
        if i:
            ctx.pause()
        ctx.step(f"{region}", i / len(regions))
        got = ctx.get(base, CSV_TYPES, params={**query_params(src), param: region})
        label = load_label(ctx.name, got.url)
        table = parse(got.body, label, src.get("indicators") or DEFAULT_INDICATORS, src.get("layout", "auto"))
        stand = table.stand or as_of(got, ctx.today)
        rows = [[ags, month, "month", code, src.get("sex", "all"), fmt.excel(value), got.url, stand.isoformat()]
                for month, code, value in table.values]
        if not rows:
            raise refusal(label, "ba_no_configured_values", found=", ".join(table.labels[:12]))
        notes.extend(Note("note.of_file", {"file": region, "note": n}) for n in table.notes)
        files.append(ReadFile(label, csv_bytes(OUT_HEADER, rows)))
    return Batch(files, "indicators", notes)
