"""The indicator values a comparison or chart reads: the latest per district, the history,
the periods of one indicator.  Parameterised SQL over the Hessian districts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Mapping, Sequence

if TYPE_CHECKING:  # only for hints: importing the store would load DuckDB into the UI
    from kjc_tui.db.store import Store

@dataclass(frozen=True)
class Value:
    """The value of one indicator for one district at one period."""

    ags: str
    period: date
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    qualifier: str | None = None
    source: str | None = None
    as_of: date | None = None
    #: the upper end where the source gave a range (qualifier "↔")
    upper: float | None = None


def _value(r: Mapping[str, Any]) -> Value:
    return Value(r["ags"], r["period"], r["value"], r["numerator"], r["denominator"], r["qualifier"],
                 r["source"], r["as_of"], r.get("value_upper"))


def latest(store: Store, indicators: Sequence[str] | None = None, sex: str = "all",
           peers: bool = False) -> dict[str, dict[str, Value]]:
    """indicator → ags → latest Value, for the Hessian districts (all indicators when None); with
    `peers` also the jobcenters outside Hessen, keyed as `catalogue.peer_jobcenters` keys them."""
    rows = store.rows(
        """
        SELECT i.indicator, coalesce(j.ags, j.jobcenter_id) AS ags, i.period, i.value, i.numerator,
               i.denominator, i.qualifier, i.source, i.as_of
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = ? AND (j.ags LIKE '06%' OR ?)
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], i.indicator))
        QUALIFY row_number() OVER (PARTITION BY j.jobcenter_id, i.indicator ORDER BY i.period DESC) = 1
        """,
        [sex, peers, indicators, indicators],
    )
    out: dict[str, dict[str, Value]] = {}
    for r in rows:
        out.setdefault(r["indicator"], {})[r["ags"]] = _value(r)
    return out


def history(store: Store, ags: Sequence[str], indicators: Sequence[str], sex: str = "all",
            last: int | None = None) -> dict[str, dict[str, list[tuple[date, float]]]]:
    """indicator → ags → [(period, value)] oldest first (the `last` periods when given)."""
    if not ags or not indicators:
        return {}
    rows = store.rows(
        """
        SELECT i.indicator, coalesce(j.ags, j.jobcenter_id) AS ags, i.period, i.value
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = ? AND list_contains(?::VARCHAR[], coalesce(j.ags, j.jobcenter_id))
          AND list_contains(?::VARCHAR[], i.indicator)
        QUALIFY ?::BIGINT IS NULL
             OR row_number() OVER (PARTITION BY j.jobcenter_id, i.indicator ORDER BY i.period DESC) <= ?::BIGINT
        ORDER BY i.indicator, 2, i.period
        """,
        [sex, list(ags), list(indicators), last, last],
    )
    out: dict[str, dict[str, list[tuple[date, float]]]] = {}
    for r in rows:
        if r["value"] is not None:
            out.setdefault(r["indicator"], {}).setdefault(r["ags"], []).append((r["period"], r["value"]))
    return out



