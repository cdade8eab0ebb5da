"""The dialogs of the Vergleich view: name a comparison set, pick a saved one, see where
each value of a row comes from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kjc_tui.read import compare as cmp
from kjc_tui.core import fmt
from kjc_tui.core.strings import scope_note
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.rows import target_summary
from kjc_tui.ui.widgets import chartfmt as cf
from kjc_tui.ui.widgets.dialogs import Dialog
from kjc_tui.ui.words import member_label


class NamePrompt(Dialog[str | None]):
    """Ask for the name of a comparison set; an existing name needs a second Enter."""

    BOX = "-narrow"

    def __init__(self, suggestion: str, existing: Iterable[str] = ()) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.existing = set(existing)
        self._confirm: str | None = None  # the existing name Enter was pressed on once

    def title_text(self) -> str:
        return t("cmp.dlg.name")

    def body(self) -> ComposeResult:
        yield Input(self.suggestion, id="set-name")
        yield Static(Text(self._warning(), style="bold"), id="set-hint")

    def hint(self) -> str:
        return t("cmp.dlg.save_hint")

    def _warning(self) -> str:
        return t("cmp.dlg.exists", name=fmt.strip_controls(self._confirm)) if self._confirm is not None else ""

    def relabel(self) -> None:
        """In place: a recompose would lose what the user has typed."""
        self.relabel_frame()
        self.query_one("#set-hint", Static).update(Text(self._warning(), style="bold"))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name in self.existing and self._confirm != name:
            self._confirm = name
            self.query_one("#set-hint", Static).update(Text(self._warning(), style="bold"))
            return
        self.dismiss(name or None)


class SetPicker(Dialog[tuple[str, str] | None]):
    """The saved comparison sets: Enter loads the highlighted one, Entf deletes it."""

    DEFAULT_CSS = """
    SetPicker OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = keys.bindings("sets")
    BOX = "-medium"

    def __init__(self, sets: Mapping[str, Sequence[str]]) -> None:
        super().__init__()
        self.sets = dict(sets)

    def title_text(self) -> str:
        return t("cmp.dlg.sets")

    def hint(self) -> str:
        return t("cmp.dlg.load_hint")

    def body(self) -> ComposeResult:
        names = sorted(self.sets)
        yield OptionList(*[Option(Text(f"{fmt.strip_controls(n)}  ({len(self.sets[n])})"), id=n) for n in names],
                         id="set-list")

    def relabel(self) -> None:
        self.relabel_frame()  # the names of the sets are data

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one(OptionList)
        options.highlighted = 0 if self.sets else None
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("load", str(event.option.id)))

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(("delete", str(options.get_option_at_index(options.highlighted).id)))


class RowSources(Dialog[None]):
    """Zeitraum, Stand and source of every member's value in one row."""

    BINDINGS = keys.bindings("dialog", only=("dialog.quit", "dialog.sources"))

    def __init__(self, row: cmp.ComparisonRow, members: list[cmp.Member],
                 targets: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.row, self.members = row, members
        self.targets = dict(targets or {})  # member token → its § 48b target of this indicator

    def title_text(self) -> str:
        return f"{cf.indicator_name(self.row.indicator)} ({self.row.indicator.code})"

    def body(self) -> ComposeResult:
        """One line per member (Zeitraum, Stand, Zähler/Nenner), its source on the line below
        with the full width, so a long source is not folded into a narrow column."""
        rows: list[tuple[str, str, str, str, str]] = [("", t("cmp.dlg.period"), t("cmp.dlg.stand"),
                                                       t("cmp.dlg.numden"), "")]
        for m, c in zip(self.members, self.row.cells):
            if c.value is None:
                rows.append((fmt.strip_controls(member_label(m)), "–", "–", "", t("map.no_value")))
                continue
            source = c.source or (t("cmp.dlg.group_source", n=c.n) if m.is_group else "–")
            period = cf.period(c.period, "month")
            numden = (f"{cf.number(c.numerator)}/{cf.number(c.denominator)}"
                      if c.numerator is not None and c.denominator is not None else "")
            rows.append((fmt.strip_controls(member_label(m)), period, cf.date_(c.as_of), numden, fmt.strip_controls(source)))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        text = Text()
        for i, (label, period, stand, numden, source) in enumerate(rows):
            text.append(label.ljust(widths[0]), style="bold")
            text.append(f"  {period.ljust(widths[1])}  {stand.ljust(widths[2])}  {numden.rjust(widths[3])}".rstrip())
            if i:
                text.append(f"\n  {t('cmp.dlg.source')}: {source}", style="dim")
                goal = self.targets.get(self.members[i - 1].token)
                if goal is not None:
                    text.append("\n  ").append_text(target_summary(goal, language()))
            text.append("\n")
        if self.row.indicator.scope == "district":  # the Übersicht's mark, said in words
            text.append(scope_note(language()) + "\n", style="italic")
        text.rstrip()
        with VerticalScroll(id="info-scroll"):
            yield Static(text)
