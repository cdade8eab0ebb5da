"""Small dialogs of the Vergleich view: name a comparison set, read a longer explanation,
see where each value of a row comes from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kjc_tui.read import compare as cmp
from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import t
from kjc_tui.ui.widgets import chartfmt as cf


class _Cancellable:
    """Esc closes the dialog without a result."""

    def action_cancel(self) -> None:
        self.dismiss(None)  # type: ignore[attr-defined]


class NamePrompt(_Cancellable, ModalScreen[str | None]):
    """Ask for the name of a comparison set; an existing name needs a second Enter."""

    DEFAULT_CSS = """
    NamePrompt { align: center middle; }
    NamePrompt > Vertical { width: 60; max-width: 95%; height: auto; border: round $primary;
                            background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "cancel", "Abbrechen")]

    def __init__(self, suggestion: str, existing: Iterable[str] = ()) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.existing = set(existing)
        self._confirm: str | None = None  # the existing name Enter was pressed on once

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("cmp.dlg.name"))
            yield Input(self.suggestion, id="set-name")
            yield Static(Text(t("cmp.dlg.save_keys"), style="dim"), id="set-hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name in self.existing and self._confirm != name:
            self._confirm = name
            self.query_one("#set-hint", Static).update(Text(
                t("cmp.dlg.exists", name=fmt.strip_controls(name)),
                style="bold"))
            return
        self.dismiss(name or None)


class SetPicker(_Cancellable, ModalScreen[tuple[str, str] | None]):
    """The saved comparison sets: Enter loads the highlighted one, Entf deletes it."""

    DEFAULT_CSS = """
    SetPicker { align: center middle; }
    SetPicker > Vertical { width: 70; max-width: 95%; height: auto; max-height: 80%;
                           border: round $primary; background: $surface; padding: 1 2; }
    SetPicker OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Abbrechen"),
                *keys.bindings("sets")]

    def __init__(self, sets: Mapping[str, Sequence[str]]) -> None:
        super().__init__()
        self.sets = dict(sets)

    def compose(self) -> ComposeResult:
        names = sorted(self.sets)
        with Vertical():
            yield Static(t("cmp.dlg.sets"))
            yield OptionList(*[Option(Text(f"{fmt.strip_controls(n)}  ({len(self.sets[n])})"), id=n) for n in names],
                             id="set-list")
            yield Static(Text(t("cmp.dlg.sets_keys"), style="dim"))

    def on_mount(self) -> None:
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



class InfoScreen(ModalScreen[None]):
    """A text to read, closed with Esc."""

    DEFAULT_CSS = """
    InfoScreen { align: center middle; }
    InfoScreen > Vertical { width: 90; max-width: 95%; height: auto; max-height: 90%;
                            border: round $primary; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape,q,w", "close", "Schließen")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.text))
            yield Static(Text(t("cmp.dlg.close"), style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)


class RowSources(ModalScreen[None]):
    """Zeitraum, Stand and source of every member's value in one row."""

    DEFAULT_CSS = """
    RowSources { align: center middle; }
    RowSources > Vertical { width: 100; max-width: 95%; height: auto; max-height: 90%;
                            border: round $primary; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape,q,i", "close", "Schließen")]

    def __init__(self, row: cmp.ComparisonRow, members: list[cmp.Member]) -> None:
        super().__init__()
        self.row, self.members = row, members

    def compose(self) -> ComposeResult:
        """One line per member (Zeitraum, Stand, Zähler/Nenner), its source on the line below
        with the full width, so a long source is not folded into a narrow column."""
        rows: list[tuple[str, str, str, str, str]] = [("", t("cmp.dlg.period"), t("cmp.dlg.stand"),
                                                       t("cmp.dlg.numden"), "")]
        for m, c in zip(self.members, self.row.cells):
            if c.value is None:
                rows.append((fmt.strip_controls(m.label), "–", "–", "", t("map.no_value")))
                continue
            source = c.source or (t("cmp.dlg.group_source", n=c.n) if m.is_group else "–")
            period = cf.period(c.period, "month")
            numden = (f"{cf.number(c.numerator)}/{cf.number(c.denominator)}"
                      if c.numerator is not None and c.denominator is not None else "")
            rows.append((fmt.strip_controls(m.label), period, cf.date_(c.as_of), numden, fmt.strip_controls(source)))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        text = Text()
        for i, (label, period, stand, numden, source) in enumerate(rows):
            text.append(label.ljust(widths[0]), style="bold")
            text.append(f"  {period.ljust(widths[1])}  {stand.ljust(widths[2])}  {numden.rjust(widths[3])}".rstrip())
            if i:
                text.append(f"\n  {t('cmp.dlg.source')}: {source}", style="dim")
            text.append("\n")
        text.rstrip()
        with Vertical():
            yield Static(Text(f"{cf.indicator_name(self.row.indicator)} ({self.row.indicator.code})",
                              style="bold"))
            yield Static(text)
            yield Static(Text(t("cmp.dlg.close"), style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
