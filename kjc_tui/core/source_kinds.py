"""The source kinds and their keys in `[sources.NAME]` of kjc.toml: part of the configuration's
schema, so `core/config.py` imports it directly (no registration, nothing swallowed); the
sources package fetches what is described here.

`config.validate` checks every key with the checks defined here (unknown key or bad
value → an error naming key and line). What one key cannot check alone (a missing required
key, a column that does not exist in the chosen table) is checked by `check_source` before
the source is fetched, with the same kind of message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NoReturn

from kjc_tui.core.schema import LOADABLE, PERIOD_KINDS, TABLES

Check = Callable[[Any], bool]

FILE, BA_TABLE, KENNZAHLEN_48A, JOBSUCHE = "file", "ba_table", "kennzahlen_48a", "jobsuche"
FORMATS = ("auto", "csv", "xlsx", "json", "parquet")
JOBSUCHE_VERSIONS = ("v4", "v6")


def _url(v: Any) -> bool:
    """eine http- oder https-URL, z. B. \"https://example.org/daten.csv\""""
    return isinstance(v, str) and re.match(r"^https?://[^/\s?#]+", v) is not None


def _text(v: Any) -> bool:
    """ein nicht leerer Text"""
    return isinstance(v, str) and bool(v.strip())


def _positive(v: Any) -> bool:
    """eine Zahl größer 0"""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0


def _non_negative(v: Any) -> bool:
    """eine Zahl ab 0"""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0


def _count(v: Any) -> bool:
    """eine ganze Zahl ab 0"""
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _page_size(v: Any) -> bool:
    """eine ganze Zahl von 1 bis 500"""
    return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 500


def _look_back(v: Any) -> bool:
    """eine ganze Zahl von 1 bis 24 (Monate)"""
    return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 24


def _bool(v: Any) -> bool:
    """true oder false"""
    return isinstance(v, bool)


def _text_list(v: Any) -> bool:
    """eine Liste von Texten, z. B. [\"text/csv\", \"text/plain\"]"""
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)


def _text_map(v: Any) -> bool:
    """eine Tabelle aus Texten, z. B. {\"Name in der Quelle\" = \"unser Name\"}"""
    return isinstance(v, dict) and bool(v) and all(isinstance(k, str) and isinstance(x, str) and x.strip()
                                                  for k, x in v.items())


def _ags_map(v: Any) -> bool:
    """eine Tabelle Kreisschlüssel → Name, z. B. {\"06437\" = \"Odenwaldkreis\"}"""
    return _text_map(v) and all(re.fullmatch(r"\d{5}", k) for k in v)


def _params(v: Any) -> bool:
    """eine Tabelle zusätzlicher Anfrageparameter, z. B. { arbeitszeit = \"vz;tz\", zeitarbeit = false }"""
    return isinstance(v, dict) and all(isinstance(k, str) and k and isinstance(x, (str, int, bool))
                                       for k, x in v.items())


def _iso_date(v: Any) -> bool:
    """ein Datum wie 2025-03-31"""
    from datetime import date

    if isinstance(v, date):
        return True
    return isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None


def _one_of(*choices: str) -> Check:
    def check(v: Any) -> bool:
        return v in choices
    check.__doc__ = "einer von " + ", ".join(repr(c) for c in choices)
    return check


_ALL_COLUMNS = {c.name for name in LOADABLE for c in TABLES[name].columns}


def _column_map(v: Any) -> bool:
    """eine Tabelle {\"Spalte in der Quelle\" = \"unsere_spalte\"} mit Spaltennamen unseres Schemas"""
    return _text_map(v) and all(x in _ALL_COLUMNS for x in v.values())


def _indicator_columns(v: Any) -> bool:
    """eine Tabelle {\"Spalte in der Quelle\" = \"unsere_spalte\"} mit Spalten der Tabelle indicators
    (oder name, model, peer_type des Jobcenters)"""
    return _text_map(v) and all(x in TABLES["indicators"].column_map or x in ("name", "model", "peer_type")
                                for x in v.values())


#: keys every kind understands
COMMON: dict[str, Check] = {
    "url": _url,
    "description": _text,
    "enabled": _bool,
    "timeout": _positive,
    "max_bytes": _positive,
    "retries": _count,
    "throttle": _non_negative,
    "deadline": _positive,
    "content_types": _text_list,
    "fills": _text,
}

KINDS: dict[str, dict[str, Check]] = {
    FILE: {
        **COMMON,
        "table": _one_of(*LOADABLE, "auto"),
        "format": _one_of(*FORMATS),
        "columns": _column_map,
        "as_of": _iso_date,
    },
    BA_TABLE: {
        **COMMON,
        "table": _text,
        "region_param": _text,
        "params": _params,
        "regions": _ags_map,
        "indicators": _text_map,
        "layout": _one_of("auto", "rows", "columns"),
        "sex": _one_of("all", "f", "m"),
    },
    KENNZAHLEN_48A: {
        **COMMON,
        "members": _text,
        "columns": _indicator_columns,
        "jobcenters": _text_map,
        "peers": _bool,
        "look_back": _look_back,
        "indicators": _text_map,
        "period_kind": _one_of(*PERIOD_KINDS),
        "max_unzipped_bytes": _positive,
    },
    JOBSUCHE: {
        **COMMON,
        "version": _one_of(*JOBSUCHE_VERSIONS),
        "path": _text,
        "params": _params,
        "api_key_env": _text,
        "api_key_file": _text,
        "skip_without_key": _bool,
        "places": _ags_map,
        "radius_km": _count,
        "offer_kind": _count,
        "published_within_days": _count,
        "page_size": _page_size,
        "max_pages": _count,
        "indicator": _text,
    },
}

REQUIRED: dict[str, tuple[str, ...]] = {
    FILE: ("url",),
    BA_TABLE: ("url", "table"),
    KENNZAHLEN_48A: ("url",),
    JOBSUCHE: ("url", "places"),
}


@dataclass
class SourceProblem(Exception):
    """A `[sources.NAME]` table that cannot be fetched as written."""

    name: str
    key: str
    reason: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = (f"{self.file}" + (f", Zeile {self.line}" if self.line else "") + ": ") if self.file else ""
        return f"{where}sources.{self.name}.{self.key}: {self.reason}"


def check_source(name: str, src: dict[str, Any], config_file: Path | None = None) -> None:
    """Raise SourceProblem for what the per-key checks cannot see."""
    kind = src.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        _fail(name, "kind", f"unbekannte Art {kind!r} (bekannt: {', '.join(KINDS)})", config_file)
    for key in REQUIRED[kind]:
        if key not in src:
            _fail(name, key, f"fehlt (Pflicht für kind = {kind!r})", config_file, section_only=True)
    if kind == FILE and src.get("columns") and src.get("table", "auto") == "auto":
        _fail(name, "table", "fehlt: mit columns muss table die Zieltabelle nennen", config_file)
    if kind == FILE and src.get("table", "auto") != "auto":
        table = TABLES[src["table"]]
        for theirs, ours in src.get("columns", {}).items():
            if ours not in table.column_map:
                _fail(name, "columns", f"{theirs!r} = {ours!r}: Tabelle {table.name} hat keine Spalte {ours!r} "
                      f"(Spalten: {', '.join(table.column_names)})", config_file)
    if kind == KENNZAHLEN_48A:
        if "{monat}" in src["url"] or "{jahr}" in src["url"]:
            if not ("{monat}" in src["url"] and "{jahr}" in src["url"]):
                _fail(name, "url", "{monat} und {jahr} nur zusammen verwenden (Veröffentlichungsmonat im Namen)",
                      config_file)
    if kind == JOBSUCHE and "api_key_env" in src and "api_key_file" in src:
        _fail(name, "api_key_file", "entweder api_key_env oder api_key_file angeben, nicht beide", config_file)


def _fail(name: str, key: str, reason: str, config_file: Path | None, section_only: bool = False) -> NoReturn:
    from kjc_tui.core.config import line_of

    line = None
    if config_file is not None:
        try:
            text = config_file.read_text(encoding="utf-8")
        except OSError:
            text = ""
        section = f"sources.{name}"
        line = line_of(text, section, None if section_only else key) or line_of(text, section, None)
    raise SourceProblem(name, key, reason, str(config_file) if config_file else None, line)
