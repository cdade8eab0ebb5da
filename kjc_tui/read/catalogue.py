"""The master data every screen starts from, loaded in one place: the Hessian districts with
their jobcenter, the indicator catalogue and how well each indicator is covered.  Data
layer: parameterised SQL, no Textual."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

Row = dict[str, Any]

if TYPE_CHECKING:  # only for hints: importing the store would load DuckDB into the UI
    from kjc_tui.db.store import Store

#: short labels (≤ 10 characters) for charts and the tile map, by AGS
SHORT_NAMES: dict[str, str] = {
    "06411": "Darmstadt", "06412": "Frankfurt", "06413": "Offenbach", "06414": "Wiesbaden",
    "06431": "Bergstraße", "06432": "Da-Dieburg", "06433": "Groß-Gerau", "06434": "Hochtaunus",
    "06435": "Main-Kinz.", "06436": "Main-Taun.", "06437": "Odenwald", "06438": "Kr. Offenb",
    "06439": "Rheingau-T", "06440": "Wetterau", "06531": "Gießen", "06532": "Lahn-Dill",
    "06533": "Limburg-W.", "06534": "Marburg-B.", "06535": "Vogelsberg", "06611": "Kassel",
    "06631": "Fulda", "06632": "Hersfeld-R", "06633": "Kr. Kassel", "06634": "Schwalm-E.",
    "06635": "Waldeck-F.", "06636": "Werra-M.",
}



@dataclass(frozen=True)
class District:
    ags: str
    name: str
    model: str | None = None  # "zkT" (KJC) or "gE"
    peer_type: str | None = None
    jobcenter_id: str | None = None
    #: a jobcenter outside Hessen (`ags`: its district's key, else its jobcenter id): ranks within the
    #: Vergleichstyp and nearest neighbours only, never a Hessian list, count or average
    peer: bool = False

    @property
    def is_kjc(self) -> bool:
        return self.model == "zkT"

    @property
    def short(self) -> str:
        return SHORT_NAMES.get(self.ags) or self.name


def districts(store: Store) -> list[Row]:
    """The Hessian districts (AGS 06…) with their jobcenter (the first by id where there are two), by
    name: the district list, the command palette and the comparisons. Districts of other Länder (the
    synthetic nationwide data has them) are no part of a Hessian list or count: their jobcenters are
    peers (`peer_jobcenters`), in comparisons only — as the nationwide § 48a file's jobcenters are."""
    return store.rows(
        """
        SELECT d.ags, d.name, d.kind, d.state, d.regierungsbezirk,
               j.jobcenter_id, j.name AS jobcenter_name, j.short_name, j.model, j.peer_type
        FROM districts d
        LEFT JOIN LATERAL (SELECT * FROM jobcenters j WHERE j.ags = d.ags
                           ORDER BY j.jobcenter_id LIMIT 1) j ON true
        WHERE d.ags LIKE '06%'
        ORDER BY d.name
        """
    )


def hessen_districts(store: Store) -> list[District]:
    """The Hessian districts (AGS 06…) with their jobcenter, ordered by AGS."""
    rows = sorted(districts(store), key=lambda r: r["ags"])
    return [District(r["ags"], r["name"], r["model"], r["peer_type"], r["jobcenter_id"]) for r in rows]


def peer_jobcenters(store: Store) -> list[District]:
    """The jobcenters outside Hessen, ordered by key: those with no district here (the nationwide
    § 48a file's) keyed by their jobcenter id, those of a district of another Land (the synthetic
    nationwide data) by its AGS — the key `compare.values` gives their values."""
    rows = store.rows("SELECT coalesce(ags, jobcenter_id) AS key, jobcenter_id, name, model, peer_type "
                      "FROM jobcenters WHERE ags IS NULL OR ags NOT LIKE '06%' ORDER BY key")
    return [District(r["key"], r["name"] or r["jobcenter_id"], r["model"], r["peer_type"],
                     r["jobcenter_id"], peer=True) for r in rows]


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name_de: str
    unit: str | None
    higher_is_better: bool | None
    group: str | None = None
    name_en: str | None = None
    #: "district": a figure of the whole district (SGB II and III, Einwohner, Fläche), not of the
    #: jobcenter alone; the screens and documents mark its name (`core.strings.scoped`)
    scope: str = "jobcenter"

    def name(self, lang: str) -> str:
        """The name in the UI language; German where no English name is known."""
        return (self.name_en if lang == "en" else None) or self.name_de


def indicator_catalogue(store: Store) -> list[IndicatorDef]:
    rows = store.rows(
        "SELECT code, name_de, unit, higher_is_better, indicator_group, name_en, scope FROM indicator_defs "
        "ORDER BY sort_order NULLS LAST, code")
    return [IndicatorDef(r["code"], r["name_de"], r["unit"], r["higher_is_better"], r["indicator_group"], r["name_en"],
                         r["scope"] or "jobcenter")
            for r in rows]


def coverage(store: Store, sex: str = "all") -> dict[str, tuple[int, int, int]]:
    """indicator → (districts with any value, distinct periods, most districts in one period),
    over the Hessian districts."""
    rows = store.rows(
        """
        WITH per AS (
            SELECT i.indicator, i.period, list(DISTINCT j.ags) AS ags
            FROM indicators i JOIN jobcenters j USING (jobcenter_id)
            WHERE i.sex = ? AND j.ags LIKE '06%' AND i.value IS NOT NULL
            GROUP BY i.indicator, i.period
        )
        SELECT indicator, len(list_distinct(flatten(list(ags)))) AS districts, count(*) AS periods,
               max(len(ags)) AS best
        FROM per GROUP BY indicator
        """, [sex])
    return {r["indicator"]: (r["districts"], r["periods"], r["best"]) for r in rows}
