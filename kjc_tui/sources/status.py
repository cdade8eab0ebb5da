"""What is known about each source's fetches: the `loads` rows and the log of checks.

A fetch that loads records one `loads` row per file, with action ``fetch``,
``file = "NAME <URL>"`` (see `load_label`; the source name is the part before `` <``) and
as checksum the source's fingerprint (the downloaded bodies, not the converted files).
A fetch that finds the data unchanged, or fails, cannot write the database (that would be
a new snapshot), so every try is also logged in the user's cache directory
(`record_check`), one small JSON file per database: when, and with what outcome. A load
newer than the logged try (another user's fetch of a shared database) takes its place.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from kjc_tui.core.files import atomic_write
from kjc_tui.db.store import Store

#: outcome of a try -> the state shown: ok / unchanged / failed
STATES = {"fetched": "ok", "unchanged": "unchanged", "failed": "failed", "refused": "failed"}

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
               string_agg(DISTINCT f.target_table, ', ' ORDER BY f.target_table) AS tables, any_value(f.user_name) AS user_name
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


def _checks_file(db: Path) -> Path:
    from kjc_tui.sources.cache import cache_root

    key = hashlib.sha256(str(Path(db).resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_root() / "checks" / f"{key}.json"


def read_checks(db: Path) -> dict[str, dict[str, Any]]:
    """Source name -> its last try: {"checked_at": datetime, "outcome": fetched/unchanged/failed/refused,
    "last_ok": datetime of the last successful try (kept through later failures) or None}."""
    try:
        raw = json.loads(_checks_file(db).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for name, entry in raw.items() if isinstance(raw, dict) else ():
        try:
            out[name] = {"checked_at": datetime.fromisoformat(entry["checked_at"]), "outcome": entry["outcome"],
                         "last_ok": datetime.fromisoformat(entry["last_ok"]) if entry.get("last_ok") else None}
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return out


def _entry_json(entry: dict[str, Any]) -> dict[str, Any]:
    return {"checked_at": entry["checked_at"].isoformat(), "outcome": entry["outcome"],
            "last_ok": entry["last_ok"].isoformat() if entry.get("last_ok") else None}


def record_check(db: Path, name: str, outcome: str, when: datetime | None = None) -> None:
    """Log one try of source `name`; a log that cannot be written only loses this entry."""
    if outcome not in STATES:
        return
    path = _checks_file(db)
    checks = read_checks(db)
    now = when or datetime.now()
    last_ok = now if STATES[outcome] != "failed" else checks.get(name, {}).get("last_ok")
    checks[name] = {"checked_at": now, "outcome": outcome, "last_ok": last_ok}
    entries = {k: _entry_json(v) for k, v in checks.items()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, json.dumps(entries, ensure_ascii=False, indent=1).encode("utf-8"))
    except OSError:
        pass


def source_status(sources: dict[str, dict[str, Any]], store: Store | None) -> list[dict[str, Any]]:
    """Every configured source: kind, URL, last load (`loaded_at`, `rows`, `tables`), last try
    (`checked_at`, `state` ok/unchanged/failed, None if never tried) and `last_ok`, the time of the
    last try that succeeded (loaded or found unchanged); None where unknown."""
    last = {r["source"]: r for r in last_fetches(store)} if store is not None else {}
    checks = read_checks(store.path) if store is not None else {}
    out = []
    for name, src in sources.items():
        row, check = last.get(name, {}), checks.get(name, {})
        state = STATES.get(check.get("outcome", ""))
        checked_at = check.get("checked_at")
        loaded_at = row.get("loaded_at")
        if loaded_at is not None and (checked_at is None or loaded_at > checked_at):
            # a load newer than this user's last try (by another user, or before tries were logged)
            checked_at, state = loaded_at, "ok"
        ok_times = [t for t in (loaded_at, check.get("last_ok"),
                                checked_at if state in ("ok", "unchanged") else None) if t]
        out.append({
            "source": name, "kind": src.get("kind"), "url": src.get("url"),
            "enabled": src.get("enabled", True), "description": src.get("description"),
            "loaded_at": loaded_at, "rows": row.get("rows"), "tables": row.get("tables"),
            "checked_at": checked_at, "state": state, "last_ok": max(ok_times) if ok_times else None,
        })
    return out
