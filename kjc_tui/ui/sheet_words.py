"""The Tabellen view's title for a sheet, worded in the UI language from the sheet's
description (source, sort, hidden columns, filters): "Kennzahlen · sortiert: value ▼ ·
Filter: sex = 'm'" / "Indicators · sorted: value ▼ · filter: sex = 'm'"."""

from __future__ import annotations

from typing import Any

from kjc_tui.core.cells import cell_text
from kjc_tui.read.browse import BrowseError, ColumnInfo
from kjc_tui.core.schema import TABLES, VIEWS
from kjc_tui.ui.i18n import coded, language, t

#: a user query is named by its first characters
QUERY_CHARS = 60


def source_label(source: Any, origin: Any = None) -> str:
    """A table, derived view, query, frequency table or statistics, named."""
    lang = language()
    kind, name = source.kind, source.name
    if kind == "table":
        return TABLES[name].label(lang) if name in TABLES else name
    if kind == "view":
        return VIEWS[name][lang == "en"] if name in VIEWS else name
    if kind == "query":
        short = " ".join((source.sql or "").split())
        return "SQL: " + (short if len(short) <= QUERY_CHARS else short[:QUERY_CHARS - 1] + "…")
    origin = origin if origin is not None else source.origin
    if origin is None:
        return name
    counted = source_label(origin.source)
    if kind == "freq":
        if origin.filters:
            counted += ", " + t("tbl.and").join(filter_text(f) for f in origin.filters)
        return t("tbl.freq_of", column=source.column, counted=counted)
    return t("tbl.stats_of", label=counted)


def filter_text(f: Any) -> str:
    """"sex = 'm'", "value ≤ 24,6", "name ist leer"."""
    op = t(f"tbl.op.{f.op}")
    if f.op in ("is null", "is not null"):
        return f"{f.column} {op}"
    value = repr(f.value) if isinstance(f.value, str) else cell_text(f.value, ColumnInfo(f.column, ""), lang=language())
    return f"{f.column} {op} {value}"


def sheet_title(spec: Any) -> str:
    """Source, sort, hidden columns, filters: the long filters last, so that a cut title
    line (80 columns) still shows the rest."""
    parts = [source_label(spec.source)]
    if spec.sort:
        parts.append(t("tbl.sorted", keys=", ".join(f"{k.column} {'▼' if k.descending else '▲'}" for k in spec.sort)))
    if spec.hidden:
        parts.append(t("tbl.hidden_one" if len(spec.hidden) == 1 else "tbl.hidden_n", n=len(spec.hidden)))
    if spec.filters:
        parts.append(t("tbl.filters", list=t("tbl.and").join(filter_text(f) for f in spec.filters)))
    return " · ".join(parts)


def browse_error(e: BrowseError) -> str:
    """What a view could not do, worded from the error's code and parameters (a refused query
    by the code its refusal has: "sql.write" → "sql.err.write")."""
    return coded(e.message_key, e.params)


def column_label(column: ColumnInfo) -> str:
    """A column's label in the UI language: a computed sheet's column by its code ("Anzahl",
    "Mittelwert"), a schema column by its label, else nothing (the name is shown)."""
    if column.word:
        return t(f"tbl.col.{column.word}")
    return column.label_en if language() == "en" and column.label_en else column.label
