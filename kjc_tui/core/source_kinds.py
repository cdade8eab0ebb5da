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
from pathlib import Path
from typing import Any, Callable, NoReturn

from kjc_tui.core.coded import CodedError, Said
from kjc_tui.core.schema import LOADABLE, PERIOD_KINDS, TABLES

Check = Callable[[Any], bool]

FILE, BA_TABLE, KENNZAHLEN_48A, JOBSUCHE = "file", "ba_table", "kennzahlen_48a", "jobsuche"
FORMATS = ("auto", "csv", "xlsx", "json", "parquet")
JOBSUCHE_VERSIONS = ("v4", "v6")


def _url(v: Any) -> bool:
    """An http or https URL."""
    return isinstance(v, str) and re.match(r"^https?://[^/\s?#]+", v) is not None


def _text(v: Any) -> bool:
    """A text that is not empty."""
    return isinstance(v, str) and bool(v.strip())


def _positive(v: Any) -> bool:
    """A number above 0."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0


def _non_negative(v: Any) -> bool:
    """A number from 0."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0


def _count(v: Any) -> bool:
    """A whole number from 0."""
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _page_size(v: Any) -> bool:
    """A whole number from 1 to 500."""
    return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 500


def _look_back(v: Any) -> bool:
    """A whole number of months from 1 to 24."""
    return isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 24


def _bool(v: Any) -> bool:
    """true or false."""
    return isinstance(v, bool)


def _text_list(v: Any) -> bool:
    """A list of texts."""
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)


def _text_map(v: Any) -> bool:
    """A table of texts."""
    return isinstance(v, dict) and bool(v) and all(isinstance(k, str) and isinstance(x, str) and x.strip()
                                                  for k, x in v.items())


def _ags_map(v: Any) -> bool:
    """A table district key → name."""
    return _text_map(v) and all(re.fullmatch(r"\d{5}", k) for k in v)


def _params(v: Any) -> bool:
    """A table of further query parameters."""
    return isinstance(v, dict) and all(isinstance(k, str) and k and isinstance(x, (str, int, bool))
                                       for k, x in v.items())


def _iso_date(v: Any) -> bool:
    """A day as 2025-03-31."""
    from datetime import date

    if isinstance(v, date):
        return True
    return isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None


#: a choice check -> its choices (for the message "einer von …")
CHOICES: dict[Check, tuple[str, ...]] = {}


def _one_of(*choices: str) -> Check:
    def check(v: Any) -> bool:
        return v in choices
    CHOICES[check] = choices
    return check


_ALL_COLUMNS = {c.name for name in LOADABLE for c in TABLES[name].columns}


def _column_map(v: Any) -> bool:
    """A table {source column = our column} with column names of our schema."""
    return _text_map(v) and all(x in _ALL_COLUMNS for x in v.values())


def _indicator_columns(v: Any) -> bool:
    """A table {source column = our column} with columns of indicators (or the jobcenter's name,
    model, peer_type)."""
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


#: check -> the code of what it expects ("config.type.CODE")
EXPECTS: dict[Check, str] = {
    _url: "url",
    _text: "text",
    _positive: "positive",
    _non_negative: "non_negative",
    _count: "count",
    _page_size: "page_size",
    _look_back: "look_back",
    _bool: "bool",
    _text_list: "text_list",
    _text_map: "text_map",
    _ags_map: "ags_map",
    _params: "params",
    _iso_date: "iso_date",
    _column_map: "column_map",
    _indicator_columns: "indicator_columns",
}


class SourceProblem(CodedError):
    """A `[sources.NAME]` table that cannot be fetched as written ("config.CODE"), said like a
    `config.ConfigError`: "FILE, Zeile N: sources.NAME.KEY: reason"."""

    prefix = "config."

    def __init__(self, name: str, key: str, code: str, file: str | None = None, line: int | None = None,
                 **params: Any) -> None:
        super().__init__(code, **params)
        self.name, self.key, self.file, self.line = name, key, file, line

    @property
    def said(self) -> Said:
        from kjc_tui.core.config import placed

        return placed(f"sources.{self.name}.{self.key}", Said(self.message_key, self.params), self.file, self.line)


def check_source(name: str, src: dict[str, Any], config_file: Path | None = None) -> None:
    """Raise SourceProblem for what the per-key checks cannot see."""
    kind = src.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        _fail(name, "kind", "unknown_kind", config_file, kind=repr(kind), known=", ".join(KINDS))
    for key in REQUIRED[kind]:
        if key not in src:
            _fail(name, key, "required", config_file, section_only=True, kind=repr(kind))
    if kind == FILE and src.get("columns") and src.get("table", "auto") == "auto":
        _fail(name, "table", "table_for_columns", config_file)
    if kind == FILE and src.get("table", "auto") != "auto":
        table = TABLES[src["table"]]
        for theirs, ours in src.get("columns", {}).items():
            if ours not in table.column_map:
                _fail(name, "columns", "no_such_column", config_file, theirs=repr(theirs), ours=repr(ours),
                      table=table.name, columns=", ".join(table.column_names))
    if kind == KENNZAHLEN_48A:
        if "{monat}" in src["url"] or "{jahr}" in src["url"]:
            if not ("{monat}" in src["url"] and "{jahr}" in src["url"]):
                _fail(name, "url", "month_and_year", config_file)
    if kind == JOBSUCHE and "api_key_env" in src and "api_key_file" in src:
        _fail(name, "api_key_file", "key_twice", config_file)


def _fail(name: str, key: str, code: str, config_file: Path | None, section_only: bool = False,
          **params: Any) -> NoReturn:
    from kjc_tui.core.config import line_of

    line = None
    if config_file is not None:
        try:
            text = config_file.read_text(encoding="utf-8")
        except OSError:
            text = ""
        section = f"sources.{name}"
        line = line_of(text, section, None if section_only else key) or line_of(text, section, None)
    raise SourceProblem(name, key, code, str(config_file) if config_file else None, line, **params)
