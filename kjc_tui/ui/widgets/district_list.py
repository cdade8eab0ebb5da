"""The district list of the Jobcenter view: filter field plus list, KJC and gE told apart."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from kjc_tui.core.fmt import strip_controls
from kjc_tui.core.schema import normalise_header
from kjc_tui.ui import keys
from kjc_tui.ui.i18n import t

Row = dict[str, Any]


#: columns an option takes besides the name: the tag ("KJC ") and a scrollbar
LABEL_EXTRA = 6


def district_label(d: Row, width: int | None = None) -> Text:
    """'KJC Odenwaldkreis' on one line; where the name is wider than `width`, 'Landkreis'
    becomes 'Lkr.' (the list cuts what still does not fit with '…', see styles.tcss)."""
    model = d.get("model")
    tag = t(f"jc.tag.{model}") if model in ("zkT", "gE") else "–"
    name = strip_controls(d["name"])
    if width is not None and len(name) > width:
        name = name.replace("Landkreis ", "Lkr. ")
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{tag:<3} ", style="bold green" if model == "zkT" else "dim")
    text.append(name)
    return text


def matches(d: Row, query: str) -> bool:
    """Every word of the query occurs in the name, key, jobcenter name or short name."""
    hay = normalise_header(" ".join(str(d.get(k) or "") for k in ("name", "ags", "jobcenter_name", "short_name")))
    hay_compact = hay.replace(" ", "")
    return all(w in hay or w in hay_compact for w in normalise_header(query).split())


class FilterInput(Input):
    """Typing filters the list; ↓/Enter go to the list, Esc clears."""

    BINDINGS = keys.bindings("filter")

    class Leave(Message):
        """The user wants to move into the list."""

    def action_clear_filter(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.post_message(self.Leave())

    def action_to_list(self) -> None:
        self.post_message(self.Leave())


class DistrictList(OptionList):
    """The districts; j/k move, other letters start a search, Enter opens the profile."""

    BINDINGS = keys.bindings("list")

    class TypeAhead(Message):
        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self._label_width: int | None = None

    def show(self, rows: list[Row], query: str, selected: str | None) -> str | None:
        """Show the rows matching `query`; keep `selected` highlighted if it is among them.
        Returns the highlighted ags."""
        self.rows = [d for d in rows if matches(d, query)] if query.strip() else list(rows)
        self._fill()
        if not self.rows:
            return None
        # no district chosen yet: the first KJC, not an empty gE
        first_kjc = next((i for i, d in enumerate(self.rows) if d.get("model") == "zkT"), 0)
        index = next((i for i, d in enumerate(self.rows) if d["ags"] == selected), first_kjc)
        self.highlighted = index
        return self.rows[index]["ags"]

    def _fill(self) -> None:
        """(Re)build the options for the current width; this also drops OptionList's caches of
        option heights and renders, which do not notice a change of width."""
        self._label_width = self.size.width - LABEL_EXTRA if self.size.width else None
        self.clear_options()
        self.add_options([Option(district_label(d, self._label_width), id=d["ags"]) for d in self.rows])
        if not self.rows:
            self.add_option(Option(Text(t("jc.none_match"), style="dim italic"), disabled=True))

    def on_resize(self) -> None:
        if self.rows and self.size.width - LABEL_EXTRA != self._label_width:
            self.relabel()

    def relabel(self) -> None:
        """Word the options again (the tags KJC/gE), the same one highlighted."""
        if not self.option_count:  # not filled yet
            return
        highlighted = self.highlighted
        self._fill()
        self.highlighted = highlighted

    def highlight_ags(self, ags: str) -> bool:
        for i, d in enumerate(self.rows):
            if d["ags"] == ags:
                self.highlighted = i
                return True
        return False

    def _is_bound(self, key: str) -> bool:
        """Whether a binding (after the user's [keymap]) takes this key here: j/k by default,
        or whatever the user remapped a binding of the list, the view or the app to."""
        return any(key in bindings.key_to_bindings for _, bindings in self.screen._binding_chain)

    def on_key(self, event: events.Key) -> None:
        ch = event.character
        if (ch and len(ch) == 1 and (ch.isalpha() or ch in " -") and event.key != "space"
                and not self._is_bound(event.key)):
            event.stop()
            event.prevent_default()
            self.post_message(self.TypeAhead(ch))
