"""Comparisons between districts: peer groups, averages, deviations, ranks, per-capita
values and nearest neighbours.  Data layer: no Textual here.

Conventions (shown to the user where they matter):

* A *member* of a comparison is a district (its AGS, e.g. ``"06437"``) or a peer group:
  ``"group:hessen"`` (all 26 Hessian districts), ``"group:kjc"`` (the kommunale Jobcenter,
  model zkT), ``"group:ge"`` (the gemeinsame Einrichtungen) or ``"type:IIIb"`` (an SGB II
  Vergleichstyp).
* Every aggregate is taken at one *common period* per indicator (:mod:`kjc_tui.read.periods`):
  by default the newest period that most Hessian districts share, or the one the user picked.
  Values of other periods are never mixed in; districts without a value at that period are
  listed as missing. Without a common period there is no average, deviation or rank.
* The value of a group, and every *average* ("Hessen-Ø", "KJC-Ø", "gE-Ø"), is the
  unweighted mean of its districts' values at the common period ("Mittel der Kreise").
  Districts without a value are left out and counted (``n`` of ``n_total``).
  A group cell therefore has no numerator/denominator: summed ones would be a pooled ratio
  that differs from the mean shown beside it.
* *Per inhabitant / per eLb*: a value divided by the latest denominator (Einwohner, eLb) at
  or before its period, at most three years older (population figures are yearly and lag).
* *Deviation* from the Hessen average: the difference (for percentages in percentage
  points) and, for counts and amounts, the relative difference. It is computed from the
  figures as shown (each rounded half up to its unit's decimals by ``fmt.rounded``), so the
  deviation always agrees with the two figures beside it: 1,6 % against 1,5 % is +0,1 Pp.
* *Rank*: 1 is best. The direction comes from ``indicator_defs.higher_is_better``; where
  that is unknown (None) there is no rank. Ties share the better rank ("1, 2, 2, 4"). A
  comparison of one member has no rank.
* *Nearest neighbours* (:func:`neighbour_distances`): each indicator is z-scored across
  the Hessian districts (counts and amounts on a log scale first, so size does not swamp
  everything); the distance of two districts is the root mean square of their z-score
  differences over the indicators both have — 0 means identical, about 1.4 is as far apart
  as two random districts. Pairs with fewer than ``min_common`` shared indicators are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from kjc_tui.core.fmt import rounded
from kjc_tui.read import periods as common

if TYPE_CHECKING:  # only for hints: importing the store would load DuckDB into the UI
    from kjc_tui.db.store import Store

GROUP_HESSEN = "group:hessen"
GROUP_KJC = "group:kjc"
GROUP_GE = "group:ge"
TYPE_PREFIX = "type:"

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


# -- districts and members --------------------------------------------------------------------


@dataclass(frozen=True)
class District:
    ags: str
    name: str
    model: str | None = None  # "zkT" (KJC) or "gE"
    peer_type: str | None = None
    jobcenter_id: str | None = None

    @property
    def is_kjc(self) -> bool:
        return self.model == "zkT"

    @property
    def short(self) -> str:
        return SHORT_NAMES.get(self.ags) or self.name


@dataclass(frozen=True)
class Member:
    """A column of a comparison: one district or a peer group of districts."""

    token: str
    label: str
    ags: tuple[str, ...]

    @property
    def is_group(self) -> bool:
        return not (len(self.ags) == 1 and self.token == self.ags[0])


def hessen_districts(store: Store) -> list[District]:
    """The Hessian districts (AGS 06…) with their jobcenter, ordered by AGS."""
    rows = store.rows(
        """
        SELECT d.ags, d.name, j.model, j.peer_type, j.jobcenter_id
        FROM districts d
        LEFT JOIN LATERAL (SELECT * FROM jobcenters j WHERE j.ags = d.ags
                           ORDER BY j.jobcenter_id LIMIT 1) j ON true
        WHERE d.ags LIKE '06%' ORDER BY d.ags
        """
    )
    return [District(r["ags"], r["name"], r["model"], r["peer_type"], r["jobcenter_id"]) for r in rows]


def group_tokens(districts: Sequence[District]) -> list[tuple[str, str]]:
    """The peer groups one can compare, as (token, German label)."""
    out = [(GROUP_HESSEN, "Hessen (alle Kreise)"), (GROUP_KJC, "Alle KJC"), (GROUP_GE, "Alle gE")]
    for t in sorted({d.peer_type for d in districts if d.peer_type}, key=peer_type_key):
        out.append((TYPE_PREFIX + t, f"Vergleichstyp {t}"))
    return out


def peer_type_key(t: str) -> tuple[int, str]:
    """Order Vergleichstypen as people read them: Ia, Ib, IIa, …, IIIe, IV, V."""
    roman = t.rstrip("abcde")
    return ({"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}.get(roman, 9), t[len(roman):])


def resolve(token: str, districts: Sequence[District]) -> Member | None:
    """A member token ("06437", "group:kjc", "type:IIIb", …) as a Member, or None if unknown."""
    by_ags = {d.ags: d for d in districts}
    if token in by_ags:
        return Member(token, by_ags[token].name, (token,))
    if token == GROUP_HESSEN:
        chosen = list(districts)
        label = "Hessen-Ø"
    elif token == GROUP_KJC:
        chosen = [d for d in districts if d.model == "zkT"]
        label = "KJC-Ø"
    elif token == GROUP_GE:
        chosen = [d for d in districts if d.model == "gE"]
        label = "gE-Ø"
    elif token.startswith(TYPE_PREFIX) and len(token) > len(TYPE_PREFIX):
        t = token[len(TYPE_PREFIX):]
        chosen = [d for d in districts if d.peer_type == t]
        if not chosen:
            return None  # an unknown Vergleichstyp, not an empty group
        label = f"Typ {t}-Ø"
    else:
        return None
    return Member(token, f"{label} ({len(chosen)})", tuple(d.ags for d in chosen))


def unknown_text(token: str) -> str:
    """How an unresolvable member token is named to the user."""
    if token.startswith(TYPE_PREFIX):
        return f"unbekannter Vergleichstyp {token[len(TYPE_PREFIX):]}"
    if token.startswith("group:"):
        return f"unbekannte Gruppe {token[len('group:'):]}"
    return f"unbekannter Kreis {token}"


# -- small statistics ---------------------------------------------------------------------------


def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None and not math.isnan(v)]
    return sum(vals) / len(vals) if vals else None


def group_mean(values: Mapping[str, float | None], ags: Iterable[str]) -> tuple[float | None, int]:
    """Unweighted mean over the districts `ags` that have a value, and how many had one."""
    vals = [values[a] for a in ags if values.get(a) is not None]
    return mean(vals), len(vals)


def averages(values: Mapping[str, float | None], districts: Sequence[District]) -> dict[str, float | None]:
    """Hessen, KJC, gE and per-Vergleichstyp averages of district values (keyed by token)."""
    out: dict[str, float | None] = {}
    for token, _ in group_tokens(districts):
        m = resolve(token, districts)
        assert m is not None
        out[token] = group_mean(values, m.ags)[0]
    return out


def deviation(value: float | None, reference: float | None) -> float | None:
    """value − reference (percentage points for percentages)."""
    if value is None or reference is None:
        return None
    return value - reference


def relative_deviation(value: float | None, reference: float | None) -> float | None:
    """value / reference − 1, e.g. 0.12 for 12 % above; None when the reference is 0."""
    if value is None or reference is None or reference == 0:
        return None
    return value / reference - 1


#: percentages deviate in percentage points; counts, amounts and ratios relative to the Hessen-Ø
POINT_UNITS = ("percent", "percent_change")

#: the units as a German reader names them (CSV "Einheit")
UNIT_NAMES = {"percent": "%", "percent_change": "% Veränderung", "count": "Anzahl", "eur": "Euro",
              "ratio": "Verhältnis"}


def shown_deviation(cell: "Cell", unit: str | None) -> float | None:
    """The deviation as the comparison shows it: points for percentages, else relative (0.12 = +12 %)."""
    return cell.deviation if unit in POINT_UNITS else cell.relative_deviation


def ranks(values: Mapping[str, float | None], higher_is_better: bool | None) -> dict[str, int]:
    """Competition ranks (1 = best; ties share the better rank) of the keys that have values.

    Empty when the indicator has no direction.
    """
    if higher_is_better is None:
        return {}
    present = {k: v for k, v in values.items() if v is not None}
    out = {}
    for k, v in present.items():
        better = sum(1 for w in present.values() if (w > v if higher_is_better else w < v))
        out[k] = better + 1
    return out


# -- per-capita values ------------------------------------------------------------------------


@dataclass(frozen=True)
class Norm:
    """How values are shown: absolute, or per inhabitant / per eLb."""

    key: str
    label_de: str
    denominator: str | None = None  # indicator code of the denominator
    factor: float = 1.0
    denominator_de: str = ""  # the denominator's German name, for messages


ABSOLUTE = Norm("abs", "absolut")
PER_1000_EW = Norm("ew", "je 1.000 Einwohner", "EW", 1000.0, "Einwohnerzahl (EW)")
PER_EW = Norm("ew1", "je Einwohner", "EW", 1.0, "Einwohnerzahl (EW)")
PER_100_ELB = Norm("elb", "je 100 eLb", "ELB", 100.0, "Zahl der eLb (ELB)")
PER_ELB = Norm("elb1", "je eLb", "ELB", 1.0, "Zahl der eLb (ELB)")


def norms_for(unit: str | None, code: str | None = None) -> list[Norm]:
    """Normalisations that make sense for a unit: none for rates, per head for counts and EUR;
    never the indicator divided by itself (ELB je 100 eLb is always 100)."""
    if unit == "count":
        norms = [ABSOLUTE, PER_1000_EW, PER_100_ELB]
    elif unit == "eur":
        norms = [ABSOLUTE, PER_EW, PER_ELB]
    else:
        norms = [ABSOLUTE]
    return [n for n in norms if n.denominator is None or n.denominator != code]


#: how far back a denominator may lie before the period (population figures are yearly,
#: as of 31.12. or 30.09., and published with a lag of a year or more)
DENOMINATOR_MAX_AGE_DAYS = 3 * 366


def denominator_at(points: Sequence[tuple[date, float]], when: date,
                   max_days: int = DENOMINATOR_MAX_AGE_DAYS) -> tuple[date, float] | None:
    """The latest (date, value) at or before `when`, at most `max_days` older; zero and
    missing values do not count."""
    best: tuple[date, float] | None = None
    for p, v in points:
        if not v or p > when or (when - p).days > max_days:
            continue
        if best is None or p > best[0]:
            best = (p, v)
    return best


def normalise(value: float | None, period: date, denominators: Sequence[tuple[date, float]],
              norm: Norm) -> float | None:
    """`value` divided by the latest denominator at or before `period`, times the norm's factor."""
    if value is None:
        return None
    if norm.denominator is None:
        return value
    d = denominator_at(denominators, period)
    if d is None:
        return None
    return value / d[1] * norm.factor


# -- nearest neighbours ------------------------------------------------------------------------

NEIGHBOUR_EXPLANATION = (
    "Ähnlichkeit: jede Kennzahl wird über die hessischen Kreise standardisiert (z-Wert; "
    "Anzahlen und Beträge vorher logarithmiert). Abstand = Wurzel des mittleren "
    "quadrierten Unterschieds der z-Werte über die Kennzahlen, die beide Kreise haben. "
    "0 = gleich, ≈1,4 = so verschieden wie zwei zufällige Kreise."
)


@dataclass(frozen=True)
class Neighbour:
    ags: str
    distance: float
    common: int
    #: (indicator, z-score difference other − target), largest absolute first
    differences: tuple[tuple[str, float], ...] = ()

    def explain(self, names: Mapping[str, str] | None = None, top: int = 3) -> str:
        names = names or {}
        parts = [f"{names.get(c, c)} " + f"{d:+.1f}".replace(".", ",").replace("-", "−")
                 for c, d in self.differences[:top]]
        text = f"Abstand {self.distance:.2f} über {self.common} Kennzahlen".replace(".", ",", 1)
        return text + (" (größte Unterschiede in z: " + ", ".join(parts) + ")" if parts else "")


def zscores(table: Mapping[str, Mapping[str, float | None]],
            log_codes: Iterable[str] = ()) -> dict[str, dict[str, float]]:
    """indicator → ags → z-score; indicators with fewer than 3 values or no spread are dropped."""
    logs = set(log_codes)
    out: dict[str, dict[str, float]] = {}
    for code, by_ags in table.items():
        vals: dict[str, float] = {}
        for a, v in by_ags.items():
            if v is None or math.isnan(v):
                continue
            if code in logs:
                if v < 0:
                    continue
                v = math.log1p(v)
            vals[a] = v
        if len(vals) < 3:
            continue
        mu = sum(vals.values()) / len(vals)
        sd = math.sqrt(sum((v - mu) ** 2 for v in vals.values()) / len(vals))
        if sd == 0:
            continue
        out[code] = {a: (v - mu) / sd for a, v in vals.items()}
    return out


def neighbour_distances(z: Mapping[str, Mapping[str, float]], target: str, min_common: int = 2) -> list[Neighbour]:
    """Every other district's distance to `target` (nearest first); see the module docstring."""
    others = sorted({a for by_ags in z.values() for a in by_ags} - {target})
    out = []
    for other in others:
        diffs = [(code, by_ags[other] - by_ags[target]) for code, by_ags in z.items()
                 if target in by_ags and other in by_ags]
        if len(diffs) < max(1, min_common):
            continue
        dist = math.sqrt(sum(d * d for _, d in diffs) / len(diffs))
        diffs.sort(key=lambda cd: (-abs(cd[1]), cd[0]))
        out.append(Neighbour(other, dist, len(diffs), tuple(diffs)))
    out.sort(key=lambda n: (n.distance, -n.common, n.ags))
    return out


# -- data access (parameterised SQL) -----------------------------------------------------------------


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


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name_de: str
    unit: str | None
    higher_is_better: bool | None
    group: str | None = None
    name_en: str | None = None

    def name(self, lang: str) -> str:
        """The name in the UI language; German where no English name is known."""
        return (self.name_en if lang == "en" else None) or self.name_de


def indicator_catalogue(store: Store) -> list[IndicatorDef]:
    rows = store.rows(
        "SELECT code, name_de, unit, higher_is_better, indicator_group, name_en FROM indicator_defs "
        "ORDER BY sort_order NULLS LAST, code")
    return [IndicatorDef(r["code"], r["name_de"], r["unit"], r["higher_is_better"], r["indicator_group"], r["name_en"])
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


def _value(r: Mapping[str, Any]) -> Value:
    return Value(r["ags"], r["period"], r["value"], r["numerator"], r["denominator"], r["qualifier"],
                 r["source"], r["as_of"])


def latest(store: Store, indicators: Sequence[str] | None = None, sex: str = "all") -> dict[str, dict[str, Value]]:
    """indicator → ags → latest Value, for the Hessian districts (all indicators when None)."""
    rows = store.rows(
        """
        SELECT i.indicator, j.ags, i.period, i.value, i.numerator, i.denominator, i.qualifier,
               i.source, i.as_of
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = ? AND j.ags LIKE '06%'
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], i.indicator))
        QUALIFY row_number() OVER (PARTITION BY j.ags, i.indicator ORDER BY i.period DESC) = 1
        """,
        [sex, indicators, indicators],
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
        SELECT i.indicator, j.ags, i.period, i.value
        FROM indicators i JOIN jobcenters j USING (jobcenter_id)
        WHERE i.sex = ? AND list_contains(?::VARCHAR[], j.ags) AND list_contains(?::VARCHAR[], i.indicator)
        QUALIFY ?::BIGINT IS NULL
             OR row_number() OVER (PARTITION BY j.ags, i.indicator ORDER BY i.period DESC) <= ?::BIGINT
        ORDER BY i.indicator, j.ags, i.period
        """,
        [sex, list(ags), list(indicators), last, last],
    )
    out: dict[str, dict[str, list[tuple[date, float]]]] = {}
    for r in rows:
        if r["value"] is not None:
            out.setdefault(r["indicator"], {}).setdefault(r["ags"], []).append((r["period"], r["value"]))
    return out


#: a group's value for a period counts only when this share of its districts with data has one
GROUP_PERIOD_COVERAGE = 0.8


def mean_series(by_ags: Mapping[str, Sequence[tuple[date, float]]], ags: Iterable[str],
                coverage: float = GROUP_PERIOD_COVERAGE) -> list[tuple[date, float]]:
    """The per-period unweighted mean over the given districts.

    A period is kept only when at least `coverage` of the districts that have any data
    have a value for it, so the mean does not jump because different districts report in
    different periods.
    """
    acc: dict[date, list[float]] = {}
    reporting = 0
    for a in ags:
        pts = by_ags.get(a, ())
        reporting += bool(pts)
        for p, v in pts:
            acc.setdefault(p, []).append(v)
    need = max(1, math.ceil(reporting * coverage))
    return [(p, sum(vs) / len(vs)) for p, vs in sorted(acc.items()) if len(vs) >= need]


def normalised_series(points: Sequence[tuple[date, float]], denominators: Sequence[tuple[date, float]],
                      norm: Norm) -> list[tuple[date, float]]:
    out = []
    for p, v in points:
        n = normalise(v, p, denominators, norm)
        if n is not None:
            out.append((p, n))
    return out


# -- what the Diagramme screen draws --------------------------------------------------------------


@dataclass
class Bar:
    district: District
    value: float  # normalised when a Norm applies
    period: date
    raw: Value | None = None  # the value as stored, with its source and Stand


@dataclass
class BarData:
    indicator: IndicatorDef
    norm: Norm
    bars: list[Bar]  # sorted, best first where the direction is known, else largest first
    missing: list[District]
    references: dict[str, float | None]  # GROUP_HESSEN, GROUP_KJC, GROUP_GE → average
    period: date | None  # the one period shown
    period_kind: str | None = None
    #: every period of the indicator: (period, kind, districts with a value), newest first
    available: list[tuple[date, str, int]] = field(default_factory=list)
    #: districts that have a value but no denominator (Einwohner/eLb) at or before the period
    no_denominator: list[District] = field(default_factory=list)
    #: the dates of the denominators used (per-capita bars only)
    denominator_dates: list[date] = field(default_factory=list)

    @property
    def sparse(self) -> bool:
        return len(self.bars) < SPARSE_MIN_DISTRICTS


@dataclass
class Series:
    token: str
    label: str
    points: list[tuple[date, float]]
    is_reference: bool = False


@dataclass
class LineData:
    indicator: IndicatorDef
    norm: Norm
    series: list[Series]

    @property
    def sparse(self) -> bool:
        return not any(len(s.points) >= SPARSE_MIN_POINTS for s in self.series)


#: fewer districts with values than this make a bar chart "too sparse"
SPARSE_MIN_DISTRICTS = 6
#: a line chart needs at least one district series with this many points
SPARSE_MIN_POINTS = 3


def _denominators(store: Store, norm: Norm, ags: Sequence[str], sex: str) -> dict[str, list[tuple[date, float]]]:
    if norm.denominator is None:
        return {}
    return history(store, ags, [norm.denominator], sex=sex).get(norm.denominator, {})


def bar_data(store: Store, indicator: IndicatorDef, norm: Norm = ABSOLUTE, sex: str = "all",
             districts: Sequence[District] | None = None, period: date | None = None) -> BarData:
    """Every district's value for one period (default: the newest with the most districts),
    normalised, sorted best first, with the Hessen/KJC/gE averages of the bars."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    sl = common.slices(store, [indicator.code], [d.ags for d in districts], period, sex)[indicator.code]
    available, period = list(sl.available), sl.period
    vals = {a: _value(r) for a, r in sl.values.items()}
    dens = _denominators(store, norm, [d.ags for d in districts], sex)
    bars, missing, no_den, den_dates = [], [], [], set()
    for d in districts:
        v = vals.get(d.ags)
        n = normalise(v.value, v.period, dens.get(d.ags, []), norm) if v else None
        if n is None:
            missing.append(d)
            if v is not None and v.value is not None:
                no_den.append(d)
        else:
            bars.append(Bar(d, n, v.period, v))  # type: ignore[union-attr]
            if norm.denominator is not None:
                den_dates.add(denominator_at(dens.get(d.ags, []), v.period)[0])  # type: ignore[index]
    low_first = indicator.higher_is_better is False
    bars.sort(key=lambda b: (b.value if low_first else -b.value, b.district.ags))
    refs = averages({b.district.ags: b.value for b in bars}, districts)
    kind = sl.kind
    return BarData(indicator, norm, bars, missing,
                   {k: refs[k] for k in (GROUP_HESSEN, GROUP_KJC, GROUP_GE)}, period, kind, available,
                   no_den, sorted(den_dates))


def line_data(store: Store, indicator: IndicatorDef, tokens: Sequence[str], norm: Norm = ABSOLUTE,
              sex: str = "all", districts: Sequence[District] | None = None) -> LineData:
    """One series per member (groups as the per-period mean of their districts)."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    members = [m for m in (resolve(t, districts) for t in tokens) if m is not None]
    all_ags = sorted({a for m in members for a in m.ags})
    hist = history(store, all_ags, [indicator.code], sex).get(indicator.code, {})
    dens = _denominators(store, norm, all_ags, sex)
    normed = {a: normalised_series(pts, dens.get(a, []), norm) for a, pts in hist.items()}
    series = [Series(m.token, m.label if m.is_group else (SHORT_NAMES.get(m.token) or m.label),
                     mean_series(normed, m.ags), m.is_group) for m in members]
    return LineData(indicator, norm, series)


# -- what the Vergleich screen shows ----------------------------------------------------------------


@dataclass
class Cell:
    value: float | None
    period: date | None = None
    numerator: float | None = None
    denominator: float | None = None
    n: int = 1  # districts behind a group value
    n_total: int = 1
    #: a member without a value at the common period: the period of its latest value (never mixed in)
    latest_period: date | None = None
    trend: list[float] = field(default_factory=list)
    deviation: float | None = None  # vs Hessen average
    relative_deviation: float | None = None
    rank: int | None = None  # among the chosen members
    rank_of: int = 0
    rank_hessen: int | None = None  # among all Hessian districts (districts only)
    rank_hessen_of: int = 0
    source: str | None = None
    as_of: date | None = None


@dataclass
class ComparisonRow:
    indicator: IndicatorDef
    hessen: float | None
    cells: list[Cell]
    #: the common period of the row (None: the Hessian districts share none)
    period: date | None = None
    period_kind: str | None = None
    #: Hessian districts with a value at the period, of all
    n: int = 0
    n_total: int = 0
    #: AGS of the Hessian districts without a value at the period
    missing: tuple[str, ...] = ()

    @property
    def common_period(self) -> date | None:
        return self.period


@dataclass
class Comparison:
    members: list[Member]
    rows: list[ComparisonRow]
    unknown: list[str]  # tokens that could not be resolved
    synthetic: bool = False  # from the synthetic demo data


def comparison(store: Store, tokens: Sequence[str], sex: str = "all", trend_points: int = 12,
               districts: Sequence[District] | None = None, period: date | None = None) -> Comparison:
    """Every indicator for each member at the indicator's common period (or `period`, when picked):
    value, Stand, num/den, trend, deviation from the Hessen-Ø, ranks."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    members, unknown = [], []
    for t in tokens:
        m = resolve(t, districts)
        (members.append(m) if m is not None else unknown.append(t))
    defs = indicator_catalogue(store)
    lat = latest(store, None, sex)
    needed = sorted({a for m in members for a in m.ags})
    hist = history(store, needed, [d.code for d in defs], sex, last=trend_points)
    slices = common.slices(store, [d.code for d in defs], [d.ags for d in districts], period, sex)
    rows = []
    for ind in defs:
        if not any(a in lat.get(ind.code, {}) for a in needed):
            continue
        sl = slices[ind.code]
        vals = {a: _value(r) for a, r in sl.values.items()}
        plain = {a: rounded(v.value, ind.unit) for a, v in vals.items()}
        hessen = rounded(mean(plain.values()), ind.unit)
        hrank = ranks(plain, ind.higher_is_better)
        latest_of = {a: v.period for a, v in lat.get(ind.code, {}).items()}
        cells = [_cell(m, vals, hist.get(ind.code, {}), hessen, hrank, trend_points, ind.unit, latest_of)
                 for m in members]
        chosen = ranks({str(i): c.value for i, c in enumerate(cells)}, ind.higher_is_better)
        if len(chosen) < 2:
            chosen = {}  # a rank among one ("1/1") says nothing
        n_ranked = len(chosen)
        for i, c in enumerate(cells):
            c.rank, c.rank_of = chosen.get(str(i)), n_ranked
        rows.append(ComparisonRow(ind, hessen, cells, sl.period, sl.kind, sl.n, sl.total, sl.missing))
    return Comparison(members, rows, unknown, bool(getattr(store, "synthetic", False)))


def _cell(m: Member, vals: Mapping[str, Value], hist: Mapping[str, Sequence[tuple[date, float]]],
          hessen: float | None, hrank: Mapping[str, int], trend_points: int, unit: str | None,
          latest_of: Mapping[str, date]) -> Cell:
    """One member's cell at the row's common period; values and deviations as shown (rounded)."""
    if not m.is_group:
        v = vals.get(m.token)
        if v is None:
            return Cell(None, latest_period=latest_of.get(m.token))
        value = rounded(v.value, unit)
        return Cell(value, v.period, v.numerator, v.denominator,
                    trend=[x for _, x in hist.get(m.token, [])][-trend_points:],
                    deviation=deviation(value, hessen), relative_deviation=relative_deviation(value, hessen),
                    rank_hessen=hrank.get(m.token), rank_hessen_of=len(hrank),
                    source=v.source, as_of=v.as_of)
    # A group's value is the unweighted mean of its districts' values (like every average
    # here); summed numerators and denominators would give a different, pooled ratio, so a
    # group cell has none rather than two figures that contradict each other.
    present = [vals[a] for a in m.ags if a in vals]
    value = rounded(mean(rounded(v.value, unit) for v in present), unit)
    return Cell(value, present[0].period if present else None,
                n=len(present), n_total=len(m.ags),
                trend=[x for _, x in mean_series(hist, m.ags)][-trend_points:],
                deviation=deviation(value, hessen), relative_deviation=relative_deviation(value, hessen),
                as_of=max((v.as_of for v in present if v.as_of), default=None))


def nearest_neighbours(store: Store, ags: str, k: int = 3, sex: str = "all", min_common: int = 2,
                       districts: Sequence[District] | None = None, period: date | None = None) -> list[Neighbour]:
    """The `k` districts most similar to `ags` on the indicators it has, each indicator at its
    common period (see module docstring)."""
    districts = list(districts) if districts is not None else hessen_districts(store)
    defs = {d.code: d for d in indicator_catalogue(store)}
    slices = common.slices(store, list(defs), [d.ags for d in districts], period, sex)
    table: dict[str, dict[str, float | None]] = {code: dict(sl.numbers()) for code, sl in slices.items()}
    logs = [c for c, d in defs.items() if d.unit in ("count", "eur")]
    return neighbour_distances(zscores(table, logs), ags, min_common)[:k]


def _csv_value(v: Any) -> str:
    """German Excel spelling: decimal comma, no grouping, dates TT.MM.JJJJ, empty for missing."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, bool):
        return "ja" if v else "nein"
    if isinstance(v, date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, float):
        return repr(round(v, 6)).replace(".", ",").removesuffix(",0")
    return str(v)


def write_comparison_csv(comp: Comparison, path: Path | str) -> Path:
    """The comparison table as a German-Excel CSV (';', decimal comma, CRLF, UTF-8 with BOM).

    Written to a temporary file beside `path` and renamed over it when complete.
    """
    import csv
    import os
    import tempfile

    path = Path(path)
    header, rows = comparison_csv_rows(comp)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, delimiter=";", lineterminator="\r\n")
            if comp.synthetic:
                w.writerow(["SYNTHETISCHE DATEN – keine echten Zahlen (kjc-tui Demo-Daten)"])
            w.writerow(header)
            w.writerows([[_csv_value(v) for v in r] for r in rows])
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def comparison_csv_rows(comp: Comparison) -> tuple[list[str], list[list[Any]]]:
    """The comparison table flattened for CSV export: header and rows of plain values.

    The deviation is the one on screen, in one of two columns by its unit: percentage points
    for percentages, percent for counts and amounts. Every value is at its row's common period.
    """
    from kjc_tui.core import fmt

    def month(d: date | None) -> str:
        return fmt.date_(d, "de", "month") if d else ""

    header = ["Kennzahl", "Bezeichnung", "Einheit", "Hessen-Ø"]
    for m in comp.members:
        header += [f"{m.label}: Wert", f"{m.label}: Zeitraum", f"{m.label}: Stand", f"{m.label}: Zähler",
                   f"{m.label}: Nenner", f"{m.label}: Abweichung vom Hessen-Ø (Pp.)",
                   f"{m.label}: Abweichung vom Hessen-Ø (%)", f"{m.label}: Rang in der Auswahl",
                   f"{m.label}: Quelle"]
    rows = []
    for r in comp.rows:
        unit = r.indicator.unit
        line: list[Any] = [r.indicator.code, r.indicator.name_de, UNIT_NAMES.get(unit or "", unit or ""), r.hessen]
        for m, c in zip(comp.members, r.cells):
            source = c.source or (f"Mittel aus {c.n} Kreisen" if m.is_group and c.value is not None else "")
            period = month(c.period)
            dev = shown_deviation(c, unit)
            points, percent = (dev, None) if unit in POINT_UNITS else (None, None if dev is None else dev * 100)
            # "1 von 3", not "1/3": German Excel would read that as the date 1 March
            line += [c.value, period, c.as_of, c.numerator, c.denominator, points, percent,
                     f"{c.rank} von {c.rank_of}" if c.rank else "", source]
        rows.append(line)
    return header, rows
