"""Jobcenter: the district list on the left, the profile of the selected district on the right."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static

from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.messages import SaveSetting, ShowTable
from kjc_tui.ui.rows import BUILDERS, section_columns
from kjc_tui.ui.views.base import DataView
from kjc_tui.ui.widgets.district_list import DistrictList, FilterInput
from kjc_tui.ui.widgets.figures import Col, FigureTable
from kjc_tui.ui.widgets.pane import set_title
from kjc_tui.ui.widgets.worded import Worded

Row = dict[str, Any]

SECTIONS = ("master", "figures", "targets", "ratios", "staffing", "bass", "events", "budgets", "facts")
#: the table (or derived view) behind a profile section, and its column holding the district's
#: key ("ags" or "jobcenter_id"); the derived ratios come from several views: each ratio row
#: names its own view (see `_ratio_table`)
SECTION_TABLES: dict[str, tuple[str, str]] = {
    "master": ("jobcenters", "jobcenter_id"),
    "figures": ("indicators", "jobcenter_id"),
    "targets": ("targets", "jobcenter_id"),
    "staffing": ("v_staffing_ratios", "jobcenter_id"),
    "bass": ("v_bass_rates", "jobcenter_id"),
    "events": ("v_event_ratios", "jobcenter_id"),
    "budgets": ("v_budget_per_elb", "ags"),
    "facts": ("facts", "jobcenter_id"),
}


def _load_profile(store: Any, ags: str) -> Row | None:
    from kjc_tui.read import overview as overview_queries

    return overview_queries.profile(store, ags)


def _ratio_table(table: FigureTable) -> tuple[str, str]:
    """The derived view behind the ratio row under the cursor, and its district column."""
    prov = table.current_provenance
    columns = dict(SECTION_TABLES.values())
    if prov is not None and prov.table in columns:
        return prov.table, columns[prov.table]
    return SECTION_TABLES["figures"]


class JobcenterView(DataView):
    """District list and profile."""

    BINDINGS = keys.bindings("jobcenter")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.districts: list[Row] = []
        self.shown_ags: str | None = None
        self.profile_data: Row | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="jc-body"):
            with Vertical(id="jc-left", classes="pane"):
                yield FilterInput(placeholder=t("jc.filter", keys=self._filter_keys()), id="jc-filter",
                                  select_on_focus=False)
                yield DistrictList(id="jc-list")
            # no Tab stop of its own (it would show no focus): the section tables scroll it; its
            # title (the district) stays in its top edge while it scrolls
            with VerticalScroll(id="jc-profile", can_focus=False, classes="pane"):
                for name in SECTIONS:
                    yield Worded(f"jc.{name}", classes="section-title", id=f"jc-title-{name}")
                    yield FigureTable(id=f"jc-{name}")

    def on_mount(self) -> None:
        # runs before DataView.on_mount (the first reload): Textual calls each class's handler
        self._title(Text(t("jc.choose")))

    def relabel(self) -> None:
        self.query_one(FilterInput).placeholder = t("jc.filter", keys=self._filter_keys())
        self._title_list()
        if self.shown_ags is not None:
            self._apply(self.shown_ags, self.profile_data)
        elif self.selected_ags is None:
            self._title(Text(t("jc.choose")))

    def _title(self, title: Text) -> None:
        """The profile pane's title: the district, or what the pane is waiting for."""
        set_title(self.query_one("#jc-profile"), title)

    def _title_list(self) -> None:
        set_title(self.query_one("#jc-left"), Text(t("jc.list_title", n=len(self.districts))))

    def _filter_keys(self) -> str:
        """The key(s) that open the search, after the user's [keymap] ('/' by default)."""
        spec = next(k for k in keys.KEYS if k.id == "jobcenter.filter")
        return keys.key_display(keys.effective_keys(spec, self.kjc.keymap_config), language())

    @property
    def selected_ags(self) -> str | None:
        return self.kjc.current_ags

    # -- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.districts = list(self.kjc.districts)
        self._title_list()
        wanted = self.selected_ags
        if wanted and not any(d["ags"] == wanted for d in self.districts):
            self.notify(t("notify.unknown_district", ags=wanted), severity="warning")
            self.kjc.current_ags = None
        self._refilter()
        if self.selected_ags:
            self._load(self.selected_ags)

    def open(self, **kwargs: Any) -> None:
        ags = kwargs.get("ags")
        if not ags or not self.districts:
            return
        if not any(d["ags"] == ags for d in self.districts):
            self.notify(t("notify.unknown_district", ags=ags), severity="warning")
            return
        lst = self.query_one(DistrictList)
        if not lst.highlight_ags(ags):
            self.query_one(FilterInput).value = ""  # the watcher refilters and highlights
            self.kjc.current_ags = ags
            self._refilter()
        self._load(ags)

    def _load(self, ags: str) -> None:
        self.kjc.current_ags = ags
        self._title(Text(t("loading")))
        self.fetch(lambda store: _load_profile(store, ags), lambda data: self._apply(ags, data), group="profile")

    def _apply(self, ags: str, data: Row | None) -> None:
        if ags != self.kjc.current_ags:
            return
        if ags != self.shown_ags:
            self.query_one("#jc-profile", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.shown_ags = ags
        self.profile_data = data
        lang = language()
        if data is None:
            self._title(Text(t("notify.unknown_district", ags=ags), style="red"))
            for name in SECTIONS:
                self.query_one(f"#jc-{name}", FigureTable).fill([Col("")], [], empty=t("jc.empty"))
                self.query_one(f"#jc-{name}", FigureTable).display = True
            return
        m = data["master"]
        title = Text(no_wrap=False)
        title.append(fmt.strip_controls(m.get("district_name")), style="bold")
        title.append(f"  {fmt.strip_controls(m.get('ags'))}  ", style="dim")
        if m.get("model") in ("zkT", "gE"):
            title.append(f" {t('jc.tag.' + m['model'])} ", style="reverse green" if m["model"] == "zkT" else "reverse")
        self._title(title)
        for name in SECTIONS:
            rows = BUILDERS[name](m, lang) if name == "master" else BUILDERS[name](data[name], lang)
            table = self.query_one(f"#jc-{name}", FigureTable)
            table.fill(section_columns(name), rows, empty=t("jc.empty"))
            # an empty section is one line: "Personal: keine Angaben"
            heading = Text(t(f"jc.{name}"))
            if not rows:
                heading.append(": " + t("jc.empty"), style="dim not bold")
            self.query_one(f"#jc-title-{name}", Static).update(heading)
            table.display = bool(rows)

    # -- list and filter ----------------------------------------------------------------------
    def _refilter(self) -> None:
        query = self.query_one(FilterInput).value
        ags = self.query_one(DistrictList).show(self.districts, query, self.selected_ags)
        if ags and ags != self.kjc.current_ags:
            self._load(ags)

    @on(Input.Changed, "#jc-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self.districts:
            self._refilter()

    @on(Input.Submitted, "#jc-filter")
    @on(FilterInput.Leave)
    def _leave_filter(self) -> None:
        self.query_one(DistrictList).focus()

    @on(OptionList.OptionHighlighted, "#jc-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        ags = event.option.id
        if ags and ags != self.kjc.current_ags or (ags and self.shown_ags != ags and self.profile_data is None):
            self._load(ags)

    @on(OptionList.OptionSelected, "#jc-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_focus_profile()

    @on(DistrictList.TypeAhead)
    def _type_ahead(self, event: DistrictList.TypeAhead) -> None:
        f = self.query_one(FilterInput)
        f.focus()
        f.insert_text_at_cursor(event.character)

    # -- actions ------------------------------------------------------------------------------
    def focus_default(self) -> None:
        self.query_one(DistrictList).focus()

    def action_focus_filter(self) -> None:
        self.query_one(FilterInput).focus()

    def action_focus_list(self) -> None:
        self.query_one(DistrictList).focus()

    def action_save_start_district(self) -> None:
        """Start the dashboard on this district from now on (saved to the user's kjc.toml)."""
        ags = self.shown_ags
        if ags:
            name = ((self.profile_data or {}).get("master") or {}).get("district_name") or ags
            self.post_message(SaveSetting("start_district", ags, t("notify.start_district", name=name, ags=ags)))

    def action_open_table(self) -> None:
        """The rows behind the focused section (key figures by default), in Tabellen, filtered
        to this district."""
        master = (self.profile_data or {}).get("master") or {}
        focused = self.app.focused
        section = focused.id.removeprefix("jc-") if isinstance(focused, FigureTable) and focused.id else ""
        table, column = SECTION_TABLES.get(section, SECTION_TABLES["figures"])
        if section == "ratios" and isinstance(focused, FigureTable):
            table, column = _ratio_table(focused)
        key = master.get(column)
        if not key:
            self.notify(t("jc.no_table"), severity="warning")
            return
        self.post_message(ShowTable(table, [(column, "=", key)]))

    def action_focus_profile(self) -> None:
        self.query_one("#jc-figures", FigureTable).focus()
