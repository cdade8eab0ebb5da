"""Comparisons between districts: peer groups, averages, deviations, ranks, per-capita
values and nearest neighbours.  Data layer: no Textual here.  One module per job:
`members` (districts and peer groups), `stats` (averages, deviations, ranks), `norms`
(per-capita values), `neighbours`, `values` (the SQL that reads indicator values),
`charts` (what Diagramme draws), `table` (what Vergleich shows, and its CSV); the
districts and the indicator catalogue come from `kjc_tui.read.catalogue`.

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


from kjc_tui.read.catalogue import (SHORT_NAMES, District, IndicatorDef, coverage, hessen_districts,
                                    indicator_catalogue, peer_jobcenters)
from kjc_tui.read.compare.charts import (SPARSE_MIN_DISTRICTS, SPARSE_MIN_POINTS, Bar, BarData, LineData, Series,
                                         bar_data, line_data)
from kjc_tui.read.compare.members import (GROUP_GE, GROUP_HESSEN, GROUP_KJC, TYPE_PREFIX, Member, group_tokens,
                                          peer_type_key, resolve, unknown)
from kjc_tui.read.compare.neighbours import (Neighbour, nearest_neighbours,
                                             neighbour_distances, zscores)
from kjc_tui.read.compare.norms import (ABSOLUTE, DENOMINATOR_MAX_AGE_DAYS, PER_1000_EW, PER_100_ELB, PER_ELB,
                                        PER_EW, Norm, denominator_at, normalise, normalised_series, norms_for)
from kjc_tui.read.compare.stats import (GROUP_PERIOD_COVERAGE, POINT_UNITS, averages, deviation, group_mean, mean,
                                        mean_series, ranks, relative_deviation, shown_deviation, type_ranks)
from kjc_tui.read.compare.table import Cell, Comparison, ComparisonRow, comparison
from kjc_tui.read.compare.values import Value, history, latest

__all__ = [
    "ABSOLUTE", "DENOMINATOR_MAX_AGE_DAYS", "GROUP_GE", "GROUP_HESSEN", "GROUP_KJC", "GROUP_PERIOD_COVERAGE",
    "PER_1000_EW", "PER_100_ELB", "PER_ELB", "PER_EW", "POINT_UNITS", "SHORT_NAMES",
    "SPARSE_MIN_DISTRICTS", "SPARSE_MIN_POINTS", "TYPE_PREFIX", "Bar", "BarData", "Cell",
    "Comparison", "ComparisonRow", "District", "IndicatorDef", "LineData", "Member", "Neighbour", "Norm",
    "Series", "Value", "averages", "bar_data", "comparison", "coverage",
    "denominator_at", "deviation", "group_mean", "group_tokens", "hessen_districts", "history",
    "indicator_catalogue", "latest", "line_data", "mean", "mean_series", "nearest_neighbours",
    "neighbour_distances", "normalise", "peer_jobcenters", "type_ranks", "normalised_series", "norms_for", "peer_type_key", "ranks", "relative_deviation", "resolve", "shown_deviation", "unknown",
    "zscores",
]
