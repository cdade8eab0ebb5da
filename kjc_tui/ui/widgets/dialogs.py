"""The one dialog of the dashboard (`Dialog`), and the dialogs shared by several views: a text
to read, the source of a figure, the help listing every key."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kjc_tui.core import fmt
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.provenance import Provenance

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """Every modal of the dashboard: a box in the middle with a title, a body and a line of
    its keys. Its keys come from the key registry (`keys.KEYS`, scope "dialog", and the
    subclass's own `BINDINGS`): remappable, listed in the help, worded in the UI language.
    Esc (dialog.close) closes it without a result. After a language switch it is composed
    again (`relabel`), so subclasses word everything in `title_text`, `body` and `hint`."""

    BINDINGS = keys.bindings("dialog", only=("dialog.close",))
    #: extra classes of the box: "-narrow" (60 columns), "-medium" (70), "help" (90 % high)
    BOX = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes=f"dialog {self.BOX}".strip()):
            yield Static(Text(self.title_text()), classes="dialog-title")
            yield from self.body()
            yield Static(Text(self.keys_text()), classes="dialog-keys", id="dialog-keys")

    def title_text(self) -> str:
        return ""

    def body(self) -> ComposeResult:
        yield from ()

    def hint(self) -> str:
        """Keys that are not bindings of the dialog (Enter in a list or a field), worded."""
        return ""

    def keys_text(self) -> str:
        """"Enter lädt · Esc Schließen · Entf Löschen": the hint, then the dialog's shown
        bindings with their keys after the user's [keymap]."""
        lang = language()
        keymap = getattr(self.app, "keymap_config", {})
        parts = [self.hint()] if self.hint() else []
        seen: set[str] = set()
        for binding in [b for items in self._bindings.key_to_bindings.values() for b in items]:
            spec = keys.spec(binding.id or "")
            if spec is not None and spec.show and spec.id not in seen:
                seen.add(spec.id)
                parts.append(f"{keys.key_display(keys.effective_keys(spec, keymap), lang)} {spec.label(lang)}")
        return " · ".join(parts)

    def on_mount(self) -> None:
        keys.localise(self, language())

    def relabel(self) -> None:
        self.call_later(self.recompose)

    def relabel_frame(self) -> None:
        """Word the title and the keys line again, in place (for a body that holds only
        data, or what the user is typing)."""
        self.query_one(".dialog-title", Static).update(Text(self.title_text()))
        self.query_one("#dialog-keys", Static).update(Text(self.keys_text()))

    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)


class InfoScreen(Dialog[None]):
    """A text to read; `words()` gives it in the current language."""

    BINDINGS = keys.bindings("dialog", only=("dialog.quit", "dialog.why"))

    def __init__(self, words: Callable[[], str], title: Callable[[], str] | None = None) -> None:
        super().__init__()
        self.words, self.title_words = words, title

    def title_text(self) -> str:
        return self.title_words() if self.title_words is not None else ""

    def body(self) -> ComposeResult:
        with VerticalScroll(id="info-scroll"):
            yield Static(Text(self.words()), id="info-body")


def _kv_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for k, v in rows:
        table.add_row(Text(k), Text(fmt.strip_controls(v)))
    return table


class SourceScreen(Dialog[None]):
    """Where one figure comes from: `provenance()` gives what the figure's table holds now
    (after a language switch, its rows are worded anew)."""

    BINDINGS = keys.bindings("dialog", only=("dialog.quit", "dialog.copy"))

    def __init__(self, provenance: Callable[[], Provenance | None]) -> None:
        super().__init__()
        self._provenance = provenance
        self.provenance: Provenance = provenance() or Provenance(what="")

    def title_text(self) -> str:
        return t("src.title")

    def body(self) -> ComposeResult:
        self.provenance = self._provenance() or self.provenance
        p = self.provenance
        lang = language()
        rows = [(t("src.what"), p.what)]
        if p.value:
            rows.append((t("src.value"), p.value))
        if p.period:
            rows.append((t("src.period"), p.period))
        rows.append((t("src.as_of"), fmt.date_(p.as_of, lang) if p.as_of is not None else fmt.MISSING))
        rows.append((t("src.source"), p.source or t("src.none")))
        if p.more_sources:
            rows.append((t("src.more", n=len(p.more_sources)), "\n".join(p.more_sources)))
        if p.basis:
            rows.append((t("src.basis"), p.basis))
        if p.note:
            rows.append((t("src.note"), p.note))
        if p.table:
            rows.append((t("src.table"), p.table))
        with VerticalScroll(id="source-scroll"):  # a Σ figure may list many sources
            yield Static(_kv_table(rows), id="source-body")

    def action_copy_source(self) -> None:
        if self.provenance.source:
            self.app.copy_to_clipboard(self.provenance.source)
            self.notify(t("notify.copied"))


class HelpScreen(Dialog[None]):
    """Every key, grouped by where it works, with its id for [keymap]: the registry in `keys`
    holds the bindings of every view, also of views not opened yet."""

    BINDINGS = keys.bindings("dialog", only=("dialog.quit",))
    BOX = "help"

    def title_text(self) -> str:
        return t("help.title")

    def hint(self) -> str:
        return t("help.footer")

    def body(self) -> ComposeResult:
        lang = language()
        keymap = getattr(self.app, "keymap_config", {})
        with VerticalScroll(id="help-body"):
            for scope, (de, en) in keys.SCOPES.items():
                table = Table(title=Text(de if lang == "de" else en), title_justify="left", expand=True,
                              show_edge=False, pad_edge=False, box=None, title_style="bold")
                table.add_column(Text(t("help.col.keys")), no_wrap=True, min_width=12)
                table.add_column(Text(t("help.col.what")), ratio=2)
                table.add_column(Text(t("help.col.id")), style="dim", no_wrap=True)
                for spec in keys.KEYS:
                    if spec.scope == scope:
                        table.add_row(keys.key_display(keys.effective_keys(spec, keymap), lang),
                                      spec.label(lang), spec.id)
                yield Static(table, classes="help-scope")
