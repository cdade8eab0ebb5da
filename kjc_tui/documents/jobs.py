"""One report run, the same from the command line and from the dashboard: build the model from
the store, lay it out in the language, write it in the format of the file name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from kjc_tui.documents import FormatError, format_for, write
from kjc_tui.documents.words import w

if TYPE_CHECKING:
    from kjc_tui.db.store import Store
    from kjc_tui.documents.layout import Document

Progress = Callable[[str, float], None]
FACTSHEET, MONTHLY = "steckbrief", "monat"


@dataclass(frozen=True)
class ReportRequest:
    kind: str                         # FACTSHEET or MONTHLY
    ags: str | None = None            # the district of a fact sheet
    members: str = "kjc"              # the member set of a monthly report (see resolve_members)
    tokens: tuple[str, ...] = ()      # or the Vergleich's members (AGS, group:kjc, type:IIIb), named `members`
    release: date | None = None       # the report month (default: the newest)
    extra: tuple[str, ...] = ()       # supplementary indicators of a monthly report
    lang: str = "de"


def document(store: "Store", req: ReportRequest, comparisons: Mapping[str, Sequence[str]] | None = None,
             progress: Progress | None = None) -> "Document":
    """The laid-out document of a request; raises UnknownDistrict or ReportError."""
    from kjc_tui.documents import layout
    from kjc_tui.read.reports import build_factsheet, build_monthly, resolve_members

    if req.kind == FACTSHEET:
        return layout.factsheet(build_factsheet(store, req.ags or ""), req.lang)
    from kjc_tui.read.reports.monthly import members_of_tokens

    members = (members_of_tokens(store, req.tokens, req.members) if req.tokens
               else resolve_members(store, req.members, comparisons))
    scaled = None if progress is None else (lambda what, f: progress(what, 0.6 * f))
    return layout.monthly(build_monthly(store, members, req.release, req.extra, scaled), req.lang)


def run(store: "Store", req: ReportRequest, paths: Sequence[Path],
        comparisons: Mapping[str, Sequence[str]] | None = None, progress: Progress | None = None) -> list[Path]:
    """Build one report and write it to each of `paths` (the format from each extension)."""
    for path in paths:
        format_for(path)  # a wrong extension fails before any work
    doc = document(store, req, comparisons, progress)
    for i, path in enumerate(paths):
        if progress is not None:
            progress(path.suffix.lstrip(".").upper(), 0.6 + 0.4 * i / len(paths))
        write(doc, path)
    if progress is not None:
        progress("done", 1.0)
    return list(paths)


def error_text(e: Exception, lang: str = "de") -> str | None:
    """The user's message for a report that cannot be made (None: not a report error)."""
    from kjc_tui.read.reports.factsheet import UnknownDistrict
    from kjc_tui.read.reports.monthly import ReportError

    de = lang == "de"
    if isinstance(e, UnknownDistrict):
        return (f"unbekannter Kreis {e.args[0]!r} (Kreisschlüssel wie 06437)" if de
                else f"unknown district {e.args[0]!r} (district key such as 06437)")
    if isinstance(e, FormatError):
        return (f"Dateiendung {e.args[0]} unbekannt; möglich: {e.args[1]}" if de
                else f"unknown file extension {e.args[0]}; possible: {e.args[1]}")
    if isinstance(e, ReportError):
        d = (*e.details, "", "")  # every text below may name its details
        texts = {
            "unknown_set": (f"unbekannte Auswahl {d[0]!r}: kjc, hessen, ge, alle, typ:IIIb, Kreisschlüssel mit "
                            "Komma oder ein gespeicherter Vergleich" + (f" ({', '.join(d[1])})" if d[1] else ""),
                            f"unknown selection {d[0]!r}: kjc, hessen, ge, alle, typ:IIIb, district keys "
                            "separated by commas or a saved comparison"
                            + (f" ({', '.join(d[1])})" if d[1] else "")),
            "unknown_type": (f"kein Jobcenter mit Vergleichstyp {d[0]}", f"no jobcenter of peer type {d[0]}"),
            "empty_set": ("die Auswahl enthält keine Jobcenter", "the selection holds no jobcenter"),
            "no_release": ("keine Kennzahlen K1–K3 für diese Auswahl in der Datenbank",
                           "no K1–K3 figures for this selection in the database"),
            "unknown_indicator": (f"unbekannte Kennzahl {d[0]}", f"unknown indicator {d[0]}"),
        }
        de_text, en_text = texts.get(e.code, (e.code, e.code))
        return de_text if de else en_text
    return None


def default_name(req: ReportRequest, fmt: str) -> str:
    """steckbrief-06437.pdf / kennzahlen-kjc-2025-09.xlsx (the release month when chosen)."""
    if req.kind == FACTSHEET:
        return f"{w('doc.factsheet', 'de').lower()}-{req.ags}.{fmt}"
    month = f"-{req.release:%Y-%m}" if req.release else ""
    safe = "".join(ch if ch.isalnum() else "-" for ch in req.members).strip("-") or "auswahl"
    return f"kennzahlen-{safe}{month}.{fmt}"
