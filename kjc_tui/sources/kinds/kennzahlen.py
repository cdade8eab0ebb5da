"""kind = "kennzahlen_48a": the monthly ZIP of § 48a SGB II indicator CSVs, into `indicators`.

The file layout and its parser live in `kjc_tui.ingest.layouts.kennzahlen_48a` (the same parser
`kjc-tui load` uses for a downloaded ZIP). The source may override the expected header names
(``columns``: file header -> our column), the translation of the file's jobcenter keys
(``jobcenters``: key -> jobcenter_id; without it keys are resolved against the database),
indicator codes (``indicators``) and the member pattern (``members``).
"""

from __future__ import annotations

from kjc_tui.ingest.layouts.common import Lookup
from kjc_tui.ingest.layouts.kennzahlen_48a import DEFAULT_MEMBERS, convert
from kjc_tui.sources.kinds import ZIP_TYPES, Batch, Context, as_of
from kjc_tui.sources.status import load_label


def collect(ctx: Context) -> Batch:
    src = ctx.src
    url = src["url"]
    ctx.step("lade ZIP", 0.05)
    got = ctx.get(url, ZIP_TYPES)
    ctx.step("lese Kennzahlen", 0.5)
    lookup = Lookup(ctx.db.districts, {jc: "" for jc in ctx.db.jobcenters}, ctx.db.indicator_codes)
    result = convert(got.body, load_label(ctx.name, url), lookup, source=url, stand=as_of(got, ctx.today),
                     columns=src.get("columns"), jobcenters=src.get("jobcenters"), indicators=src.get("indicators"),
                     members=src.get("members", DEFAULT_MEMBERS),
                     max_unzipped=int(src.get("max_unzipped_bytes", 2 * ctx.settings.max_bytes)),
                     limit_hint=" (max_unzipped_bytes in kjc.toml)")
    return Batch(result.files, "indicators", result.notes)
