"""Where a figure on screen comes from: shown by the source dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Provenance:
    """The source of one row of figures: what, value, source, Stand, period, note."""

    what: str
    value: str = ""
    source: str | None = None
    as_of: Any = None
    period: str | None = None
    note: str | None = None
    table: str | None = None
    basis: str | None = None
    #: further sources of a figure made of several values (a Σ of the KJC), all listed
    more_sources: tuple[str, ...] = ()
