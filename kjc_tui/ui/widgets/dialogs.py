"""Modal dialogs: the source of a figure, and the help listing every key."""

from __future__ import annotations

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


class Dialog(ModalScreen[None]):
    """A modal that Esc or q closes."""

    BINDINGS = keys.bindings("dialog")

    def on_mount(self) -> None:
        keys.localise(self, language())

    def action_dismiss_dialog(self) -> None:
        self.dismiss(None)


def _kv_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for k, v in rows:
        table.add_row(Text(k), Text(fmt.strip_controls(v)))
    return table


class SourceScreen(Dialog):
    """Where one figure comes from."""

    def __init__(self, provenance: Provenance) -> None:
        super().__init__()
        self.provenance = provenance

    def compose(self) -> ComposeResult:
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
        with Vertical(id="dialog", classes="dialog"):
            yield Static(Text(t("src.title")), classes="dialog-title")
            with VerticalScroll(id="source-scroll"):  # a Σ figure may list many sources
                yield Static(_kv_table(rows), id="source-body")
            yield Static(Text(t("src.keys")), classes="dialog-keys")

    def action_copy_source(self) -> None:
        if self.provenance.source:
            self.app.copy_to_clipboard(self.provenance.source)
            self.notify(t("notify.copied"))


class HelpScreen(Dialog):
    """Every key, grouped by where it works, with its id for [keymap]: the registry in `keys`
    holds the bindings of every view, also of views not opened yet."""

    def compose(self) -> ComposeResult:
        lang = language()
        keymap = getattr(self.app, "keymap_config", {})
        with Vertical(id="dialog", classes="dialog help"):
            yield Static(Text(t("help.title")), classes="dialog-title")
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
            yield Static(Text(t("help.footer")), classes="dialog-keys")
