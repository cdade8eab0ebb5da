"""What the `loads` table knows about fetches: last successful fetch per source, last checksums.

A fetch records one `loads` row per file it loaded, with action ``fetch`` and
``file = "NAME <URL>"`` (see `load_label`), so the source name is the part before `` <``.
"""

from __future__ import annotations

from typing import Any

from kjc_tui.store import Store

FETCH_ACTION = "fetch"
_SEP = " <"


def load_label(name: str, url: str) -> str:
    """The `loads.file` value (and the name in messages) of one file a source produced."""
    return f"{name}{_SEP}{url}>"


def source_of(label: str) -> str:
    return label.split(_SEP, 1)[0]


def last_fetches(store: Store) -> list[dict[str, Any]]:
    """Each source's last successful fetch: source, loaded_at, rows, files, tables, user_name.

    Sources that were never fetched do not appear; `source_status` merges in the configured ones.
    """
    return store.rows(
        """
        WITH f AS (
            SELECT split_part(file, ?, 1) AS source, loaded_at, rows, target_table, file, user_name
            FROM loads WHERE action = ? AND file IS NOT NULL
        ), latest AS (
            SELECT source, max(loaded_at) AS loaded_at FROM f GROUP BY source
        )
        SELECT f.source, f.loaded_at, sum(f.rows)::BIGINT AS rows, count(*) AS files,
               string_agg(DISTINCT f.target_table, ', ') AS tables, any_value(f.user_name) AS user_name
        FROM f JOIN latest USING (source, loaded_at)
        GROUP BY f.source, f.loaded_at
        ORDER BY f.loaded_at DESC, f.source
        """,
        [_SEP, FETCH_ACTION],
    )


def last_checksums(store: Store, name: str) -> dict[str, str]:
    """file label -> checksum of the last fetch of each file of source `name`."""
    rows = store.rows(
        """
        SELECT file, arg_max(checksum, load_id) AS checksum FROM loads
        WHERE action = ? AND split_part(file, ?, 1) = ? GROUP BY file
        """,
        [FETCH_ACTION, _SEP, name],
    )
    return {r["file"]: r["checksum"] for r in rows}


def source_status(sources: dict[str, dict[str, Any]], store: Store | None) -> list[dict[str, Any]]:
    """Every configured source with its kind, URL and last successful fetch (or None)."""
    last = {r["source"]: r for r in last_fetches(store)} if store is not None else {}
    out = []
    for name, src in sources.items():
        row = last.get(name, {})
        out.append({
            "source": name, "kind": src.get("kind"), "url": src.get("url"),
            "enabled": src.get("enabled", True), "description": src.get("description"),
            "loaded_at": row.get("loaded_at"), "rows": row.get("rows"), "tables": row.get("tables"),
        })
    return out
