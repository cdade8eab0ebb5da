"""Diagramme: any indicator as a line chart over time (several districts or groups) or as a
bar chart across all districts for one period, absolute or per inhabitant / per eLb.

Keys: t switches Verlauf ⇄ Kreisvergleich, n cycles absolute/per-capita, i picks the
indicator, ,/. step through the periods of the bars, a adds the bar under the cursor to the
Verlauf (in the Verlauf: picks a district or group to add), x drops the last series, v opens
the Vergleich, s saves the screen as SVG, d offers the synthetic demo data when the real
data is too sparse. Enter on a bar opens the district.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import Reactive
from textual.widgets import ContentSwitcher, Select, Static

from kjc_tui.read import compare as cmp
from kjc_tui.read.periods import MIN_SHARED
from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import t
from kjc_tui.ui.views.base import DataView
from kjc_tui.ui.messages import OpenDemoData, SetPeriod, ShowCompare, ShowDistrict, ShowTable
from kjc_tui.ui.views.chart_actions import member_options, save_svg
from kjc_tui.ui.words import denominator, member_label, norm_label, reference
from kjc_tui.ui.widgets import chartfmt as cf
from kjc_tui.ui.widgets.charts import (
    BarChart, BarChartData, BarItem, LineChart, LineChartData, LineSeries, Reference,
)

DEFAULT_LINE = [cmp.GROUP_KJC, cmp.GROUP_GE, cmp.GROUP_HESSEN]
MAX_LINES = 6


def _suffix(norm: cmp.Norm) -> str:
    """The " je 1.000 Einwohner" after an indicator's name, in the UI's language."""
    return "" if norm.denominator is None else " " + t(f"norm.{norm.key}")


#: Select's `value` reactive, to relabel an unchanged value (read from the class' own dict: the
#: class attribute of the generic Select[T] has no one type)
_SELECT_VALUE: Reactive[Any] = Select.__dict__["value"]


@dataclass
class Catalogue:
    """What the selectors offer, loaded once per store."""

    indicators: list[cmp.IndicatorDef] = field(default_factory=list)
    coverage: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    districts: list[cmp.District] = field(default_factory=list)
    synthetic: bool = False

    def best(self) -> str | None:
        """The indicator with the most districts in one period, then the most periods."""
        if not self.indicators:
            return None

        def key(d: cmp.IndicatorDef) -> tuple[int, int, int]:
            _, periods, best = self.coverage.get(d.code, (0, 0, 0))
            return best, periods, -self.indicators.index(d)

        return max(self.indicators, key=key).code

    def well_covered(self) -> list[cmp.IndicatorDef]:
        return [d for d in self.indicators
                if self.coverage.get(d.code, (0, 0, 0))[2] >= cmp.SPARSE_MIN_DISTRICTS]


class ChartsView(DataView):
    """Line and bar charts of one indicator."""

    DEFAULT_CSS = """
    ChartsView { layout: vertical; }
    ChartsView #ch-tools { height: auto; }
    ChartsView #ch-indicator { width: 1fr; max-width: 60; }
    ChartsView Select SelectCurrent { height: 1; }
    ChartsView Select SelectCurrent #label { text-wrap: nowrap; text-overflow: ellipsis; }
    ChartsView #ch-norm { width: 24; margin-left: 1; }
    ChartsView #ch-add { width: 1fr; max-width: 40; margin-left: 1; display: none; }
    ChartsView.-line #ch-add { display: block; }
    ChartsView #ch-title { height: auto; padding: 0 1; text-style: bold; }
    ChartsView #ch-sparse { height: auto; padding: 0 1; color: $warning; }
    ChartsView #ch-switch { height: 1fr; }
    ChartsView #ch-note { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = keys.bindings("charts")
    FOCUS_ON_MOUNT = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.catalogue = Catalogue()
        self.indicator: str | None = None
        self.mode = "bar"  # or "line"
        self.norm_key = "abs"
        self.line_tokens: list[str] = list(DEFAULT_LINE)
        #: the period the bars show (the app's period, F4, where the indicator has it) and the
        #: indicator's periods that , and . step through (they set the app's period)
        self.bar_period: date | None = None
        self.bar_periods: list[date] = []
        self._auto_indicator = True  # chosen by coverage, not by the user: re-chosen on reload
        self.bar_data: cmp.BarData | None = None
        self.line_data: cmp.LineData | None = None
        #: what is drawn, kept to word it again after a language switch ("none": no indicator)
        self._data: cmp.BarData | cmp.LineData | str | None = None
        self._filling = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="ch-tools"):
            yield Select([], prompt=t("ch.prompt.indicator"), id="ch-indicator", allow_blank=True, compact=True)
            yield Select([(t("norm.abs"), "abs")], value="abs", id="ch-norm", allow_blank=False, compact=True)
            yield Select([], prompt=t("ch.prompt.add"), id="ch-add", compact=True)
        yield Static("", id="ch-title")
        yield Static("", id="ch-sparse")
        with ContentSwitcher(initial="ch-bar", id="ch-switch"):
            yield BarChart(id="ch-bar")
            yield LineChart(id="ch-line")
        yield Static("", id="ch-note")

    def relabel(self) -> None:
        """Word the selectors, the title, the notes and the charts again."""
        self.query_one("#ch-indicator", Select).prompt = t("ch.prompt.indicator")
        self.query_one("#ch-add", Select).prompt = t("ch.prompt.add")
        self._filling = True
        self.query_one("#ch-add", Select).set_options(member_options(self.catalogue.districts))
        self._filling = False
        self._sync_indicator_select()
        for sel in self.query(Select):  # an unchanged value keeps its old label otherwise
            if not sel.is_blank():
                sel.mutate_reactive(_SELECT_VALUE)
        if self._data == "none":
            self._show_sparse(t("ch.no_indicators"))
        elif isinstance(self._data, (cmp.BarData, cmp.LineData)):
            self._apply(self._data)

    # -- navigation ------------------------------------------------------------------------
    def open(self, **kwargs: Any) -> None:
        """`open(indicator="K2", ags_list=["06437", "group:kjc"])`: a Verlauf of these."""
        if kwargs.get("indicator"):
            self.indicator = kwargs["indicator"]
            self._auto_indicator = False
        ags_list = [a for a in kwargs.get("ags_list") or [] if a]
        if ags_list and len(ags_list) < MAX_LINES and not any(a.startswith(("group:", cmp.TYPE_PREFIX))
                                                           for a in ags_list):
            ags_list.append(cmp.GROUP_HESSEN)  # districts alone: with the Hessen average as a reference
        if ags_list:
            self.line_tokens = ags_list[:MAX_LINES]
            self.mode = "line"
        if kwargs.get("mode") in ("bar", "line"):
            self.mode = kwargs["mode"]
        if self.is_mounted and self.catalogue.indicators:
            self._sync_indicator_select()
            self.redraw()
            self.focus_default()

    def reload(self) -> None:
        def load(store: Any) -> Catalogue:
            return Catalogue(cmp.indicator_catalogue(store), cmp.coverage(store), cmp.hessen_districts(store),
                             bool(getattr(store, "synthetic", False)))

        self.fetch(load, self._catalogue_loaded, "charts.catalogue")

    def _catalogue_loaded(self, cat: Catalogue) -> None:
        self.catalogue = cat
        covered = {d.code for d in cat.indicators if cat.coverage.get(d.code, (0, 0, 0))[0] > 0}
        if self._auto_indicator or self.indicator not in covered:
            self.indicator = cat.best()
            self._auto_indicator = True
        self._filling = True
        self.query_one("#ch-add", Select).set_options(member_options(cat.districts))
        self._filling = False
        self._sync_indicator_select()
        self.redraw()

    def _sync_indicator_select(self) -> None:
        sel = self.query_one("#ch-indicator", Select)
        self._filling = True
        options = []
        for d in self.catalogue.indicators:
            n = self.catalogue.coverage.get(d.code, (0, 0, 0))[0]
            options.append((Text(f"{cf.indicator_name(d)} ({d.code}) · {t('ch.districts_n', n=n)}"), d.code))
        sel.set_options(options)
        if self.indicator:
            sel.value = self.indicator
        self._filling = False
        self._sync_norm_select()

    def _current_def(self) -> cmp.IndicatorDef | None:
        return next((d for d in self.catalogue.indicators if d.code == self.indicator), None)

    def _norms(self) -> list[cmp.Norm]:
        d = self._current_def()
        return cmp.norms_for(d.unit if d else None, d.code if d else None)

    def _norm(self) -> cmp.Norm:
        return next((n for n in self._norms() if n.key == self.norm_key), cmp.ABSOLUTE)

    def _sync_norm_select(self) -> None:
        sel = self.query_one("#ch-norm", Select)
        self._filling = True
        sel.set_options([(t(f"norm.{n.key}"), n.key) for n in self._norms()])
        sel.value = self._norm().key
        self._filling = False

    def on_select_changed(self, event: Select.Changed) -> None:
        if self._filling or event.select.is_blank():
            return
        event.stop()
        if event.select.id == "ch-indicator" and event.value != self.indicator:
            self.indicator = str(event.value)
            self._auto_indicator = False
            self._sync_norm_select()
            self.redraw()
        elif event.select.id == "ch-norm" and event.value != self.norm_key:
            self.norm_key = str(event.value)
            self.redraw()
        elif event.select.id == "ch-add":
            token = str(event.value)
            if token not in self.line_tokens:
                self.line_tokens = [*self.line_tokens, token][-MAX_LINES:]
                self.redraw()
            self._filling = True
            event.select.clear()
            self._filling = False
            self.focus_default()

    # -- drawing ---------------------------------------------------------------------------
    def redraw(self) -> None:
        ind = self._current_def()
        switcher = self.query_one("#ch-switch", ContentSwitcher)
        switcher.current = "ch-bar" if self.mode == "bar" else "ch-line"
        self.set_class(self.mode == "line", "-line")
        if ind is None:
            self._data = "none"
            self._show_sparse(t("ch.no_indicators"))
            return
        norm, mode, tokens, districts = self._norm(), self.mode, list(self.line_tokens), self.catalogue.districts
        period = self.kjc.period  # one period for every view: F4 and , . set it

        def load(store: Any) -> Any:
            if mode == "bar":
                return cmp.bar_data(store, ind, norm, districts=districts, period=period)
            return cmp.line_data(store, ind, tokens, norm, districts=districts)

        self.fetch(load, self._apply, "charts.data")

    def _apply(self, data: cmp.BarData | cmp.LineData) -> None:
        self._data = data
        ind = data.indicator
        unit = None if data.norm.denominator else ind.unit
        synth = t("ch.synthetic") if self.catalogue.synthetic else ""
        if isinstance(data, cmp.BarData):
            self._apply_bars(data, unit)
            # only periods that are a common one (a period of one district would fall back to another)
            self.bar_period, self.bar_periods = data.period, [p for p, _, n in data.available if n >= MIN_SHARED]
            stand = cf.period(data.period, data.period_kind)
            more = t("ch.other_period") if len(self.bar_periods) > 1 else ""
            title = t("ch.bar_title", name=cf.indicator_name(ind) + _suffix(data.norm), period=stand) + more
            note = t("ch.best_first" if ind.higher_is_better is not None else "ch.by_value")
            stands = [b.raw.as_of for b in data.bars if b.raw is not None and b.raw.as_of is not None]
            sources = {b.raw.source for b in data.bars if b.raw is not None and b.raw.source}
            if stands:
                note += t("ch.stand_source" if len(sources) == 1 else "ch.stand_sources",
                          date=cf.date_(max(stands)), n=len(sources))
            if data.denominator_dates:
                first, last = data.denominator_dates[0], data.denominator_dates[-1]
                when = cf.date_(last) if first == last else f"{cf.date_(first)}–{cf.date_(last)}"
                note += t("ch.denominator_of", name=denominator(data.norm), date=when)
            note += t("ch.bar_keys")
        else:
            self.line_data = data
            self.query_one("#ch-line", LineChart).set_data(LineChartData(
                [LineSeries(member_label(s), s.points, s.is_reference) for s in data.series], unit))
            title = t("ch.line_title", name=cf.indicator_name(ind) + _suffix(data.norm))
            note = t("ch.line_note")
        self.query_one("#ch-title", Static).update(Text(cf.strip_controls(title) + synth))
        self.query_one("#ch-note", Static).update(Text(note))
        if data.sparse:
            self._show_sparse(self._sparse_text(data))
        else:
            self.query_one("#ch-sparse", Static).display = False

    def action_source(self) -> None:
        """Where the value under the bar cursor comes from."""
        from kjc_tui.ui.widgets.dialogs import InfoScreen

        data, ags = self.bar_data, self.query_one("#ch-bar", BarChart).current_key
        bar = next((b for b in data.bars if b.district.ags == ags), None) if data and self.mode == "bar" else None
        if data is None or bar is None or bar.raw is None:
            self.notify(t("ch.pick_bar"), markup=False)
            return
        raw = bar.raw

        def words() -> str:
            pairs = [(t("ch.value"), cf.value(raw.value, data.indicator.unit, raw.qualifier))]
            if data.norm.denominator:
                pairs.append((norm_label(data.norm), cf.number(bar.value, decimals=2)))
            if raw.numerator is not None and raw.denominator is not None:
                pairs.append((t("cmp.dlg.numden"), f"{cf.number(raw.numerator)}/{cf.number(raw.denominator)}"))
            pairs += [(t("cmp.dlg.period"), cf.period(raw.period, data.period_kind)),
                      (t("cmp.dlg.stand"), cf.date_(raw.as_of)), (t("cmp.dlg.source"), raw.source or "–")]
            width = max(len(label) for label, _ in pairs) + 2
            lines = [f"{bar.district.name} – {cf.indicator_name(data.indicator)} ({data.indicator.code})", "",
                     *(f"{label}:".ljust(width) + text for label, text in pairs)]
            return "\n".join(fmt.strip_controls(line) if line else "" for line in lines)

        self.app.push_screen(InfoScreen(words))

    def _apply_bars(self, data: cmp.BarData, unit: str | None) -> None:
        self.bar_data = data
        items = [BarItem(b.district.ags, b.district.short, cf.strip_controls(b.district.name), b.value,
                         b.district.is_kjc, b.period) for b in data.bars]
        refs = [Reference(reference(cmp.GROUP_HESSEN), data.references.get(cmp.GROUP_HESSEN), "│"),
                Reference(reference(cmp.GROUP_KJC), data.references.get(cmp.GROUP_KJC), "┆")]
        self.query_one("#ch-bar", BarChart).set_data(
            BarChartData(items, unit, refs, [d.short for d in data.missing]))

    def _sparse_text(self, data: cmp.BarData | cmp.LineData) -> str:
        name = cf.indicator_name(data.indicator)
        if isinstance(data, cmp.BarData) and data.no_denominator:
            total = len(data.bars) + len(data.missing)
            what = t("ch.sparse.no_den", n=len(data.no_denominator), total=total, den=denominator(data.norm))
            if len(data.bars) + len(data.no_denominator) < cmp.SPARSE_MIN_DISTRICTS:
                n = len(data.bars) + len(data.no_denominator)
                what += t("ch.sparse.few_values" if n != 1 else "ch.sparse.one_value", n=n)
        elif isinstance(data, cmp.BarData):
            what = t("ch.sparse.bars", n=len(data.bars), total=len(data.bars) + len(data.missing))
        else:
            most = max((len(s.points) for s in data.series), default=0)
            what = t("ch.sparse.points", n=most)
        better = self.catalogue.well_covered()
        hint = ""
        if better and not self.catalogue.synthetic:
            hint = t("ch.sparse.better", codes=", ".join(d.code for d in better[:5]))
        demo = "" if self.catalogue.synthetic else t("ch.sparse.demo")
        return t("ch.sparse", name=name, what=what, hint=hint, demo=demo)

    def _show_sparse(self, text: str) -> None:
        sparse = self.query_one("#ch-sparse", Static)
        sparse.update(Text(cf.strip_controls(text)))
        sparse.display = True

    # -- actions ----------------------------------------------------------------------------
    def action_toggle_mode(self) -> None:
        self.mode = "line" if self.mode == "bar" else "bar"
        self.redraw()
        self.focus_default()

    def action_step_period(self, step: int) -> None:
        """An earlier (,) or later (.) period of the indicator, from the one the bars show: it
        becomes the app's period (as with F4), so every view and the next F4 start from it."""
        if self.mode != "bar" or not self.bar_periods or self.bar_period not in self.bar_periods:
            return
        i = self.bar_periods.index(self.bar_period) + step
        if 0 <= i < len(self.bar_periods):
            self.post_message(SetPeriod(self.bar_periods[i]))

    def action_cycle_norm(self) -> None:
        norms = self._norms()
        keys = [n.key for n in norms]
        self.norm_key = keys[(keys.index(self._norm().key) + 1) % len(keys)]
        self._sync_norm_select()
        if len(norms) == 1:
            self.notify(t("ch.rates_no_norm"), markup=False)
        self.redraw()

    def action_pick_indicator(self) -> None:
        self.open_select("#ch-indicator")

    def action_add_district(self) -> None:
        if self.mode == "line":
            self.open_select("#ch-add")
            return
        ags = self.query_one("#ch-bar", BarChart).current_key
        if ags is None:
            return
        tokens = [t for t in self.line_tokens if t not in DEFAULT_LINE or t == cmp.GROUP_HESSEN]
        if ags not in tokens:
            tokens.insert(0, ags)
        self.line_tokens = tokens[:MAX_LINES]
        name = next((d.short for d in self.catalogue.districts if d.ags == ags), ags)
        self.notify(t("ch.added", name=cf.strip_controls(name), n=len(self.line_tokens)), markup=False)

    def action_remove_line(self) -> None:
        """Drop the last series of the Verlauf (one always stays)."""
        if len(self.line_tokens) > 1:
            self.line_tokens = self.line_tokens[:-1]
            if self.mode == "line":
                self.redraw()

    def action_to_compare(self) -> None:
        members = self.line_tokens[:4]
        if self.mode == "bar":
            cur = self.query_one("#ch-bar", BarChart).current_key
            members = [cur, cmp.GROUP_KJC, cmp.GROUP_HESSEN] if cur else members
        self.post_message(ShowCompare(members))

    def action_open_table(self) -> None:
        """The indicator's rows in Tabellen: of the period of the bars, or of the one district
        of a line chart (all districts when it shows several)."""
        if not self.indicator:
            return
        filters: list[tuple[str, str, object]] = [("indicator", "=", self.indicator)]
        if self.mode == "bar" and self.bar_period is not None:
            filters.append(("period", "=", self.bar_period))
        districts = [d for d in self.catalogue.districts if d.ags in self.line_tokens and d.jobcenter_id]
        if self.mode == "line" and len(districts) == 1:
            filters.append(("jobcenter_id", "=", districts[0].jobcenter_id))
        self.post_message(ShowTable("indicators", filters))

    def action_save_svg(self) -> None:
        bars = self.query_one("#ch-bar", BarChart)
        if self.mode == "bar":
            save_svg(self, "diagramm", bars.shown, len(bars.data.items), t("svg.districts"))
        else:
            save_svg(self, "diagramm")

    def action_export_chart(self) -> None:
        """The chart shown, whole (every bar, not what fits), as SVG and PNG drawn for print."""
        from kjc_tui.read.reports.model import BarChart as BarChartFile
        from kjc_tui.read.reports.model import LineChart as LineChartFile
        from kjc_tui.read.reports.model import bar_chart_from, line_chart_from
        from kjc_tui.ui.reporting import start_chart_export

        if self.mode == "bar" and self.bar_data is not None and self.bar_data.bars:
            data = self.bar_data
            chart: BarChartFile | LineChartFile = bar_chart_from(data, self.query_one("#ch-bar", BarChart).current_key)
            stem = f"diagramm-{data.indicator.code}"
        elif self.mode != "bar" and self.line_data is not None and any(s.points for s in self.line_data.series):
            chart, stem = line_chart_from(self.line_data), f"verlauf-{self.line_data.indicator.code}"
        else:
            self.notify(t("report.no_chart"), severity="warning")
            return
        start_chart_export(self.kjc, chart, stem, self.catalogue.synthetic)

    def action_demo(self) -> None:
        if not self.catalogue.synthetic:
            self.post_message(OpenDemoData())

    def focus_default(self) -> None:
        self.query_one("#ch-bar" if self.mode == "bar" else "#ch-line").focus()

    def on_bar_chart_selected(self, event: BarChart.Selected) -> None:
        self.post_message(ShowDistrict(event.key))
