"""Vergleich: two to four districts or peer groups side by side.

One row per indicator: each member's latest value with a small trend, numerator and
denominator (or the Stand), the deviation from the Hessen average and the rank among the
chosen members; below, the overlaid line chart of the highlighted indicator.

Keys: a add a district or group, x remove the last one, n nearest neighbours of the first
district, s save the set under a name (an existing name asks first), l the saved sets (Enter
loads, Entf deletes), g chart on/off, Enter opens the indicator in Diagramme, e saves the
screen as SVG, c the table as CSV. The line under the table gives the Stand of the row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Select, Static

from kjc_tui.read import compare as cmp
from kjc_tui.read.targets import Attainment
from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import explained, language, t
from kjc_tui.ui.rows import TARGET_STYLES
from kjc_tui.ui.views.base import DataView
from kjc_tui.ui.messages import OpenDemoData, ShowChart
from kjc_tui.ui.views.chart_actions import export_path, member_options, save_svg
from kjc_tui.ui.words import group_option, member_label, neighbour_line, peer_name, reference, unknown_member
from kjc_tui.ui.widgets import chartfmt as cf
from kjc_tui.ui.theme_colours import theme_colour
from kjc_tui.ui.widgets.charts import LineChart, LineChartData, LineSeries
from kjc_tui.ui.widgets.compare_dialogs import NamePrompt, RowSources, SetPicker
from kjc_tui.ui.widgets.dialogs import InfoScreen
from kjc_tui.ui.widgets.focus_table import FocusTable
from kjc_tui.ui.widgets.pane import set_title

DEFAULT_MEMBERS = ["06437", "06535", cmp.GROUP_KJC]
MAX_MEMBERS = 4
#: fewer indicators with values for every member than this: say so and offer the demo data
SPARSE_ROWS = 3


def _good(dev: float | None, higher_is_better: bool | None) -> bool | None:
    if dev is None or higher_is_better is None or abs(dev) < 1e-9:
        return None
    return (dev > 0) == higher_is_better



def _fit_name(code: str, name: str, mark: str, width: int, short_mark: str = "") -> str:
    """"K2 Integrationsquote" in `width` columns: a long name is cut, the code and the mark of a
    whole-district figure (" (ganze Kreise)") are kept; without room for a word of the name,
    code and mark alone ("EW (ganze Kreise)"), else code and the mark's short form ("ALQ (Kreis)",
    "EW (district)"): the mark is never cut, the sources dialog (`i`) says it in full."""
    full = f"{code} {name}{mark}"
    if len(full) <= width:
        return full
    room = width - len(code) - 1 - len(mark)
    if room >= 5:
        return f"{code} {name[:room - 1]}…{mark}"
    return _fitting([f"{code}{mark}", f"{code}{short_mark}"], width)


def _fitting(forms: list[str], width: int) -> str:
    """The first of `forms` (longest first) that fits `width` columns, else the last (cut by the caller)."""
    return next((f for f in forms if len(f) <= width), forms[-1])


class CompareView(DataView):
    """Districts and peer groups side by side."""

    DEFAULT_CSS = """
    CompareView { layout: vertical; }
    CompareView #cmp-tools { height: auto; padding: 0 1; }
    CompareView #cmp-add { width: 1fr; max-width: 50; }
    CompareView #cmp-row { height: 1; padding: 0 1; }
    CompareView #cmp-table { height: 1fr; }
    CompareView #cmp-chart { height: 45%; }
    CompareView.-no-chart #cmp-chart { display: none; }
    CompareView #cmp-note { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = keys.bindings("compare")
    FOCUS_ON_MOUNT = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.members: list[str] = list(DEFAULT_MEMBERS)
        self.districts: list[cmp.District] = []
        self.comparison: cmp.Comparison | None = None
        self.chart_data: cmp.LineData | None = None
        self.targets: dict[tuple[str, str], Attainment] = {}
        self.synthetic = False
        #: the note under the table and the neighbours' explanation (w), worded when shown:
        #: after a language switch they are in the new language
        self.note: Callable[[], str] | None = None
        self.neighbour_info: Callable[[], str] | None = None
        self._filling = False
        self._chart_set = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="cmp-tools"):
            yield Select([], prompt=t("cmp.prompt.add"), id="cmp-add", compact=True)
        # the panes' titles: the members compared, the indicator whose Verlauf is drawn
        yield FocusTable(id="cmp-table", cursor_type="row", zebra_stripes=True, classes="pane")
        yield Static("", id="cmp-row")
        yield LineChart(id="cmp-chart", classes="pane")
        yield Static("", id="cmp-note")

    def relabel(self) -> None:
        """Word the selector, the panes' titles, the table, the Stand line and the note again."""
        self.query_one("#cmp-add", Select).prompt = t("cmp.prompt.add")
        self._fill_selects()
        self._fill_head()
        self._fill_table()
        self._show_stand()
        self._title_chart()

    def focus_default(self) -> None:
        self.query_one("#cmp-table", DataTable).focus()

    def on_resize(self) -> None:
        if not self._chart_set:
            self.set_class(self.size.height < 26, "-no-chart")
        if self.comparison is not None:
            self._fill_table()

    # -- navigation ---------------------------------------------------------------------------
    def open(self, **kwargs: Any) -> None:
        """`open(members=["06437", "06535", "group:kjc"])`; with `neighbours=True` the first
        district and its nearest neighbours; `open(add="06437")` adds one district."""
        members = [str(m) for m in kwargs.get("members") or [] if m]
        add = kwargs.get("add")
        if add:
            members = self._with(str(add))
        if not members:
            return
        self.members = list(dict.fromkeys(members))[:MAX_MEMBERS]
        self.note = None
        if not (self.is_mounted and self.kjc.store is not None):
            return
        if kwargs.get("neighbours"):
            self.action_neighbours()
        else:
            self.reload()

    def _with(self, ags: str) -> list[str]:
        """The members with `ags` added (replacing the last one when the set is full)."""
        if ags in self.members:
            return list(self.members)
        if len(self.members) < MAX_MEMBERS:
            return [*self.members, ags]
        self.notify(t("cmp.replaced", new=self._label_of(ags), old=self._label_of(self.members[-1]), n=MAX_MEMBERS),
                    severity="warning", markup=False)
        return [*self.members[:MAX_MEMBERS - 1], ags]

    def _label_of(self, token: str) -> str:
        """A member's name for messages: the district's name or the group's label."""
        names = {d.ags: d.name for d in self.districts} | {
            token: group_option(token) for token in cmp.group_tokens(self.districts)}
        return names.get(token, token)

    def reload(self) -> None:
        members, period = list(self.members), self.kjc.period

        def load(store: Any) -> tuple[list[cmp.District], cmp.Comparison, bool, dict[Any, Attainment]]:
            from kjc_tui.read.targets import latest_by_district

            districts = cmp.hessen_districts(store)
            goals = latest_by_district(store, {d.ags: d.jobcenter_id for d in districts
                                               if d.ags in members and d.jobcenter_id})
            return (districts, cmp.comparison(store, members, districts=districts, period=period),
                    bool(store.synthetic), goals)

        self.fetch(load, self._loaded, "compare.data")

    def _loaded(self, result: tuple[list[cmp.District], cmp.Comparison, bool, dict[Any, Attainment]]) -> None:
        self.districts, self.comparison, self.synthetic, self.targets = result
        self._fill_selects()
        self._fill_head()
        self._fill_table()
        self._show_stand()
        self._load_chart()

    # -- drawing ------------------------------------------------------------------------------
    def _fill_selects(self) -> None:
        self._filling = True
        self.query_one("#cmp-add", Select).set_options(member_options(self.districts))
        self._filling = False

    def _fill_head(self) -> None:
        comp = self.comparison
        head = Text(t("cmp.head"))
        if comp is not None:
            head.append_text(Text(" · ").join(Text(fmt.strip_controls(member_label(m)))
                                              for m in comp.members))
            if comp.unknown:
                head.append(f"  ({', '.join(fmt.strip_controls(unknown_member(u)) for u in comp.unknown)})",
                            style="bold")
        if self.synthetic:
            head.append(t("cmp.synthetic"), style="reverse bold")
        set_title(self.query_one("#cmp-table", DataTable), head)
        note = self.note() if self.note is not None else t("cmp.note")
        if comp is not None:
            complete = sum(1 for r in comp.rows if all(c.value is not None for c in r.cells))
            if complete < SPARSE_ROWS:
                note = t({0: "cmp.sparse_none", 1: "cmp.sparse_one"}.get(complete, "cmp.sparse"), n=complete)
                if not self.synthetic:
                    note += t("ch.sparse.demo")
        self.query_one("#cmp-note", Static).update(Text(note))

    def _widths(self, n: int) -> tuple[int, int]:
        total = max(40, self.query_one("#cmp-table", DataTable).size.width or self.size.width or 80)
        label = 30 if total >= 140 else (22 if total >= 90 else 17)
        member = max(12, min(34, (total - label - 2 * (n + 1)) // max(1, n)))
        # the spare width goes to the indicator names, which tell K1 from K1E1
        label = max(label, min(70, total - 2 * (n + 1) - n * member - 1))
        return label, member

    def _fill_table(self) -> None:
        comp = self.comparison
        table = self.query_one("#cmp-table", DataTable)
        row_key = None
        if table.row_count and table.cursor_row >= 0:
            row_key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key
        table.clear(columns=True)
        if comp is None or not comp.members:
            return
        lw, mw = self._widths(len(comp.members))
        table.add_column(Text(t("cmp.col.indicator")), width=lw, key="label")
        for i, m in enumerate(comp.members):
            label = fmt.strip_controls(member_label(m))
            if len(label) > mw and not m.is_group:
                # a peer outside Hessen has no short name: the end of its name tells it apart ("…Kreis 08-002")
                name = fmt.strip_controls(m.name)
                label = cmp.SHORT_NAMES.get(m.token) or ("…" + name[-(mw - 1):] if m.peer else label)
            table.add_column(Text(label[:mw]), width=mw, key=f"m{i}")
        for r in comp.rows:
            table.add_row(self._label_cell(r, lw),
                          *[self._cell(r, c, mw, m.is_group, None if m.is_group else
                                       self.targets.get((m.token, r.indicator.code)))
                            for m, c in zip(comp.members, r.cells)],
                          height=3, key=r.indicator.code)
        if row_key is not None and row_key.value in {r.indicator.code for r in comp.rows}:
            table.move_cursor(row=table.get_row_index(row_key), animate=False)

    def _label_cell(self, r: cmp.ComparisonRow, width: int) -> Text:
        mark = cf.scope_mark(r.indicator)
        name = _fit_name(r.indicator.code, cf.indicator_name(r.indicator, marked=False), mark, width,
                         cf.scope_mark(r.indicator, short=True))
        common = r.common_period
        # the row's period and coverage ("09/2025 · 24 von 26", narrower "09/2025 · 24/26" or
        # "31.12.2018 26/26": the coverage is never cut off), or that there is none
        second = t("cmp.no_common")
        if common:
            period = cf.period(common, r.period_kind or "month")
            forms = [t(k, period=period, n=r.n, total=r.n_total) for k in ("cmp.stand_of", "cmp.stand_of_short")]
            forms.append(forms[-1].replace(" · ", " "))
            second = _fitting(forms, width)
        # the Hessen average, its name shorter where the figure would be cut ("HE avg 240,993")
        hessen = cf.value(r.hessen, r.indicator.unit, r.hessen_qualifier)
        third = _fitting([f"{reference(cmp.GROUP_HESSEN)} {hessen}", f"{t('group.mean.hessen_short')} {hessen}",
                          hessen], width)
        lines = [Text(name, "bold"), Text(second, "dim"), Text(third, "dim")]
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    def _cell(self, r: cmp.ComparisonRow, c: cmp.Cell, width: int, group: bool = False,
              target: Attainment | None = None) -> Text:
        unit = r.indicator.unit
        if c.value is None:  # never a value of another period beside the others
            said = t("cmp.no_value").split("\n")
            if c.latest_period is not None:  # a value of another period: said, never shown beside the others
                d = c.latest_period
                kind = r.period_kind or ("month" if d.day == 1 else "day")  # no common period: no row kind
                period = cf.period(d, kind)
                latest = t("cmp.latest_other", period=period)
                # a narrow column (four members at 80 columns): "–", "letzter Wert", "09/2012" — each
                # line fits, none wraps into the next row
                said = [*said, latest] if len(latest) <= width else [said[0], t("cmp.latest_value"), period]
            return Text("\n".join(line if len(line) <= width else line[:width - 1] + "…" for line in said),
                        style="dim")
        first = Text(cf.value(c.value, unit, c.qualifier, c.upper), style="bold")
        for points in (8, 5, 3):  # the trend stays, shorter, in narrow columns
            spark = fmt.sparkline(c.trend[-points:]) if len(c.trend) > 1 else ""
            if spark and first.cell_len + 1 + len(spark) <= width:
                first.append(" " + spark, style=Style(color=theme_colour(self, "accent")))
                break
        if c.numerator is not None and c.denominator is not None:
            second = cf.ratio(c.numerator, c.denominator, width)
        elif group:  # every group says how many districts its mean has, a type of one too
            second = _fitting([t(k, n=c.n, total=c.n_total) for k in ("cmp.group_of", "cmp.group_of_short")], width)
        else:
            second = ""
        if c.period and c.period != r.common_period:
            stand = cf.period(c.period, "month")
            second = f"{second} · {stand}" if second and len(second) + len(stand) + 3 <= width else (second or stand)
        rel = unit not in cmp.POINT_UNITS
        dev = cmp.shown_deviation(c, unit)
        shown = cf.signed(dev, unit, relative=rel)
        good = None if shown.startswith("±") else _good(dev, r.indicator.higher_is_better)  # ±0 is no loss
        third = Text(shown,
                     style=Style(color=theme_colour(self, "success" if good else "error")) if good is not None else "")
        if c.rank is not None:
            of = f"{c.rank}/{c.rank_of}"
            for rank in (t("cmp.rank", r=of), f" · R{of}", f" R{of}"):
                if third.cell_len + len(rank) <= width:
                    third.append(rank)
                    break
            else:
                third = Text(third.plain.replace(" Pp.", "").replace(" pp", "") + f" R{of}", style=third.style)
        # among the Hessian districts, and within the Vergleichstyp (peers outside Hessen included: the rank
        # jobcenters quote, "Rang 3 von 44") – the latter kept first when the column is narrow
        he = f" · HE {c.rank_hessen}/{c.rank_hessen_of}" if c.rank_hessen is not None else ""
        typ = [t("cmp.rank_type", r=c.rank_type, n=c.rank_type_of), t("cmp.rank_type_short", r=c.rank_type, n=c.rank_type_of)] \
            if c.rank_type is not None else []
        for extra in [he + x for x in typ[:1]] + typ + [he]:
            if extra and third.cell_len + len(extra) <= width:
                third.append(extra, style="dim")
                break
        middle = Text(fmt.strip_controls(second))
        if target is not None:  # the § 48b target of the newest year: glyph first, so it is never cut
            goal = Text(t("cmp.target", glyph=target.glyph), style=TARGET_STYLES[target.status])
            middle = goal + (Text(" · ") + middle if middle.plain else Text(""))
        lines = [first, middle, third]
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    def _current_indicator(self) -> cmp.IndicatorDef | None:
        comp = self.comparison
        table = self.query_one("#cmp-table", DataTable)
        if comp is None or not comp.rows or table.cursor_row < 0 or table.cursor_row >= len(comp.rows):
            return None
        return comp.rows[table.cursor_row].indicator

    def _load_chart(self) -> None:
        ind = self._current_indicator()
        if ind is None or self.has_class("-no-chart"):
            return
        members, districts = list(self.members), self.districts

        def load(store: Any) -> cmp.LineData:
            return cmp.line_data(store, ind, members, districts=districts)

        self.fetch(load, self._chart_loaded, "compare.chart")

    def _chart_loaded(self, data: cmp.LineData) -> None:
        self.chart_data = data
        chart = self.query_one("#cmp-chart", LineChart)
        chart.set_data(LineChartData(
            [LineSeries(member_label(s), s.points, s.is_reference) for s in data.series],
            data.indicator.unit))
        self._title_chart()

    def _title_chart(self) -> None:
        if self.chart_data is not None:
            name = cf.indicator_name(self.chart_data.indicator)
            set_title(self.query_one("#cmp-chart", LineChart), Text(t("ch.line_title", name=name)))

    @on(DataTable.RowHighlighted, "#cmp-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_stand()
        self._load_chart()

    def _show_stand(self) -> None:
        """The Stand (as of) of every member's value in the highlighted row."""
        comp, table = self.comparison, self.query_one("#cmp-table", DataTable)
        line = Text(no_wrap=True, overflow="ellipsis")
        if comp is not None and 0 <= table.cursor_row < len(comp.rows):
            row = comp.rows[table.cursor_row]
            stands = {c.as_of for c in row.cells if c.value is not None}
            if len(stands) == 1 and None not in stands:
                line.append(t("cmp.stand_all", code=row.indicator.code, date=cf.date_(stands.pop())))
            else:
                parts = [f"{self._short(m)} {cf.date_(c.as_of) if c.as_of else '–'}"
                         for m, c in zip(comp.members, row.cells)]
                line.append(t("cmp.stand", code=row.indicator.code) + " · ".join(parts))
            # the rank within the Vergleichstyp in words, for each member that has one ("Rang 3 von 44")
            ranks = [t("cmp.rank_in_type", name=self._short(m), r=c.rank_type, n=c.rank_type_of,
                       type=next((d.peer_type for d in self.districts if d.ags == m.token), None) or "?")
                     for m, c in zip(comp.members, row.cells) if c.rank_type is not None]
            if ranks:
                line.append(" · " + " · ".join(ranks), style="dim")
        self.query_one("#cmp-row", Static).update(line)

    @staticmethod
    def _short(m: cmp.Member) -> str:
        return fmt.strip_controls(member_label(m) if m.is_group else cmp.SHORT_NAMES.get(m.token, member_label(m)))

    @on(DataTable.RowSelected, "#cmp-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        ind = self._current_indicator()
        if ind is not None:
            self.post_message(ShowChart(ind.code, list(self.members)))

    # -- choosing the set -----------------------------------------------------------------------
    def set_members(self, members: list[str], note: Callable[[], str] | None = None) -> None:
        self.members = list(dict.fromkeys(members))[:MAX_MEMBERS]
        self.note = note
        self.reload()

    def on_select_changed(self, event: Select.Changed) -> None:
        if self._filling or event.select.is_blank():
            return
        event.stop()
        value = str(event.value)
        if event.select.id == "cmp-add":
            if value in self.members:
                self.notify(t("cmp.already"), markup=False)
            elif len(self.members) >= MAX_MEMBERS:
                self.notify(t("cmp.at_most", n=MAX_MEMBERS), severity="warning",
                            markup=False)
            else:
                self.set_members([*self.members, value])
        self._filling = True
        event.select.clear()
        self._filling = False
        self.focus_default()

    def action_add_member(self) -> None:
        self.open_select("#cmp-add")

    def action_load_set(self) -> None:
        saved = self._saved()
        if not saved:
            self.notify(t("cmp.no_sets"), markup=False)
            return

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            what, name = choice
            if what == "load" and name in saved:
                self.set_members(list(saved[name]), note=lambda: t("cmp.loaded_set", name=name))
            elif what == "delete":
                self._store_set(name, None)

        self.app.push_screen(SetPicker(saved), chosen)

    def _saved(self) -> dict[str, list[str]]:
        return getattr(getattr(self.app, "config", None), "comparisons", {}) or {}

    def _store_set(self, name: str, members: list[str] | None) -> None:
        """Save (or with None delete) a named set in the user's kjc.toml."""
        from kjc_tui.core.config import ConfigError, save_user_settings

        config = getattr(self.app, "config", None)
        try:
            path = save_user_settings({"comparisons": {name: members}}, getattr(config, "user_file", None))
        except (ConfigError, OSError) as e:
            self.notify(t("cmp.not_saved", error=explained(e)), severity="error", markup=False)
            return
        if config is not None:
            if members is None:
                config.comparisons.pop(name, None)
            else:
                config.comparisons[name] = members
        self.notify(t("cmp.set_deleted" if members is None else "cmp.set_saved", name=name, path=path),
                    markup=False)

    def action_remove_member(self) -> None:
        if len(self.members) <= 1:
            self.notify(t("cmp.keep_one"), markup=False)
            return
        self.set_members(self.members[:-1])

    def action_neighbours(self) -> None:
        first = next((m for m in self.members if m.isdigit()), None)
        if first is None:
            self.notify(t("cmp.neighbours_need_district"), markup=False)
            return
        districts, period = self.districts, self.kjc.period

        def load(store: Any) -> tuple[list[cmp.District], list[cmp.District], list[cmp.Neighbour]]:
            ds = districts or cmp.hessen_districts(store)
            return ds, cmp.peer_jobcenters(store), cmp.nearest_neighbours(store, first, k=MAX_MEMBERS - 1,
                                                                           districts=ds, period=period)

        def done(result: tuple[list[cmp.District], list[cmp.District], list[cmp.Neighbour]]) -> None:
            self.districts, peers, near = result
            if not near:
                self.notify(t("cmp.neighbours_none"), severity="warning", markup=False)
                return
            names = {d.ags: d.short for d in self.districts}
            names.update({p.ags: peer_name(p.name) for p in peers})

            def info() -> str:
                return "\n\n".join([t("cmp.neighbours_title", name=names.get(first, first)),
                                     t("cmp.neighbours_explained"), "\n".join(neighbour_line(n, names) for n in near)])

            def note() -> str:
                short = ", ".join(f"{names.get(n.ags, n.ags)} {cf.number(n.distance, decimals=2)}" for n in near)
                return t("cmp.neighbours_note", name=names.get(first, first), list=short)

            self.neighbour_info = info
            self.set_members([first, *[n.ags for n in near]], note=note)

        self.fetch(load, done, "compare.neighbours")

    def action_save_set(self) -> None:
        comp = self.comparison
        labels = ([self._short(m) for m in comp.members]
                  if comp is not None else list(self.members))
        suggestion = " – ".join(labels)
        members = list(self.members)

        def saved(name: str | None) -> None:
            if name:
                self._store_set(name, members)

        self.app.push_screen(NamePrompt(suggestion[:60], self._saved()), saved)

    def action_why(self) -> None:
        """How the nearest neighbours were found, with the largest differences."""
        if self.neighbour_info is not None:
            self.app.push_screen(InfoScreen(self.neighbour_info))
        else:
            self.notify(t("cmp.why_hint"), markup=False)

    def action_sources(self) -> None:
        comp = self.comparison
        table = self.query_one("#cmp-table", DataTable)
        if comp is not None and 0 <= table.cursor_row < len(comp.rows):
            row = comp.rows[table.cursor_row]
            goals = {m.token: self.targets[(m.token, row.indicator.code)] for m in comp.members
                     if (m.token, row.indicator.code) in self.targets}
            self.app.push_screen(RowSources(row, comp.members, goals))

    def action_toggle_chart(self) -> None:
        self._chart_set = True
        self.toggle_class("-no-chart")
        self._load_chart()

    def action_save_svg(self) -> None:
        table = self.query_one("#cmp-table", DataTable)
        rows = max(0, (table.scrollable_content_region.height - table.header_height) // 3)  # 3 lines a row
        save_svg(self, "vergleich", min(rows, table.row_count), table.row_count, t("svg.indicators"))

    def action_save_csv(self) -> None:
        if self.comparison is None:
            return
        from kjc_tui.documents.comparison_csv import write_comparison_csv  # not at start-up
        from kjc_tui.read.export import ExportError

        path = export_path("vergleich", "csv")
        try:
            write_comparison_csv(self.comparison, path, language())
        except (OSError, ExportError) as e:
            self.notify(t("cmp.csv_failed", error=explained(e)), severity="error", markup=False)
            return
        self.notify(t("cmp.csv_saved", path=path), markup=False)

    def action_report(self) -> None:
        """The monthly report of the members shown (groups as their districts), newest release."""
        if self.members:
            label = ", ".join(self._label_of(m) for m in self.members)
            self.kjc.monthly_report(label, tokens=tuple(self.members))

    def action_export_chart(self) -> None:
        """The chart of the highlighted indicator, whole, as SVG and PNG for print."""
        data = self.chart_data
        if data is None or not any(s.points for s in data.series):
            self.notify(t("report.no_chart"), severity="warning")
            return
        from kjc_tui.read.reports.model import line_chart_from
        from kjc_tui.ui.reporting import start_chart_export

        start_chart_export(self.kjc, line_chart_from(data), f"vergleich-{data.indicator.code}", self.synthetic)

    def action_demo(self) -> None:
        if not self.synthetic:
            self.post_message(OpenDemoData())
