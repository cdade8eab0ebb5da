"""Pick the period every aggregate is taken at (F4 or the palette): automatic, or one month."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kjc_tui.core import fmt
from kjc_tui.ui.i18n import language, t

AUTO = "auto"


class PeriodPicker(ModalScreen[str | None]):
    """Returns "auto", a month as ISO date ("2025-09-01"), or None when cancelled."""

    DEFAULT_CSS = """
    PeriodPicker { align: center middle; }
    PeriodPicker > Vertical { width: 64; max-width: 95%; height: auto; max-height: 90%;
                              border: round $primary; border-title-style: bold; background: $surface; padding: 0 1; }
    PeriodPicker OptionList { height: auto; max-height: 14; }
    """
    BINDINGS = [Binding("escape", "cancel", "Abbrechen", show=False)]

    def __init__(self, months: list[tuple[date, int]], current: date | None) -> None:
        super().__init__()
        self.months, self.current = months, current

    def compose(self) -> ComposeResult:
        lang = language()
        options = [Option(Text(t("period.auto")), id=AUTO)]
        options += [Option(Text(t("period.option", period=fmt.period(p, "month", lang), n=n)), id=p.isoformat())
                    for p, n in self.months]
        box = Vertical()
        box.border_title = t("period.title")
        with box:
            yield Static(Text(t("period.explain")), classes="note")
            yield OptionList(*options, id="period-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [AUTO, *(p.isoformat() for p, _ in self.months)]
        current = self.current.isoformat() if self.current else AUTO
        options.highlighted = ids.index(current) if current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
