"""Pick the period every aggregate is taken at (F4 or the palette): automatic, or one month."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kjc_tui.core import fmt
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.widgets.dialogs import Dialog

AUTO = "auto"


class PeriodPicker(Dialog[str | None]):
    """Returns "auto", a month as ISO date ("2025-09-01"), or None when cancelled."""

    DEFAULT_CSS = """
    PeriodPicker OptionList { height: auto; max-height: 14; }
    """
    BOX = "-narrow"

    def __init__(self, months: list[tuple[date, str, int]], current: date | None) -> None:
        super().__init__()
        self.months, self.current = months, current

    def title_text(self) -> str:
        return t("period.title")

    def body(self) -> ComposeResult:
        lang = language()
        options = [Option(Text(t("period.auto")), id=AUTO)]
        options += [Option(Text(t("period.option_one" if n == 1 else "period.option", period=fmt.period(p, kind, lang),
                                  n=n)), id=p.isoformat()) for p, kind, n in self.months]
        yield Static(Text(t("period.explain")), classes="note")
        yield OptionList(*options, id="period-list")

    def hint(self) -> str:
        return t("period.hint")

    def on_mount(self) -> None:
        super().on_mount()
        self._highlight()

    def relabel(self) -> None:
        self.call_later(self._recompose_keeping_the_choice)

    async def _recompose_keeping_the_choice(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        await self.recompose()
        self._highlight(highlighted)

    def _highlight(self, index: int | None = None) -> None:
        options = self.query_one(OptionList)
        ids = [AUTO, *(p.isoformat() for p, _, _ in self.months)]
        current = self.current.isoformat() if self.current else AUTO
        options.highlighted = index if index is not None else (ids.index(current) if current in ids else 0)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id))
