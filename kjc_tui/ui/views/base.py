"""What the app expects of a view.

A view is a widget with a simple constructor. The app calls

* ``open(**kwargs)`` for navigation (a ``ShowDistrict`` message → ``JobcenterView.open(ags=...)``),
* ``reload()`` when the store is ready or a new snapshot has been opened (optional),
* ``relabel()`` after a language switch, to word what it shows again (see `messages.Relabels`).

Views ask the app for navigation by posting messages (`kjc_tui.ui.messages`).

`DataView` adds the usual plumbing: load data in a thread worker, apply it on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.containers import Container
from textual.widgets import Select

if TYPE_CHECKING:
    from kjc_tui.db.store import Store
    from kjc_tui.ui.app import KjcApp

T = TypeVar("T")


class DataView(Container):
    """A view that loads its data from the store in workers."""

    #: give the view's first control the focus once it is on screen (its selectors, its table)
    FOCUS_ON_MOUNT: ClassVar[bool] = False

    @property
    def kjc(self) -> "KjcApp":
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        if self.kjc.store is not None:
            self.reload()
        if self.FOCUS_ON_MOUNT:
            self.call_after_refresh(self.focus_default)

    def focus_default(self) -> None:
        """Focus what the view is used with first; the default leaves the focus where it is."""

    def open_select(self, selector: str) -> None:
        """Focus one of the view's selectors and open its list (a key that picks from it)."""
        sel = self.query_one(selector, Select)
        sel.focus()
        sel.expanded = True

    def open(self, **kwargs: Any) -> None:
        """Navigate inside the view; the default does nothing."""

    def reload(self) -> None:
        """(Re)load everything from the current store."""

    def fetch(self, fn: Callable[["Store"], T], done: Callable[[T], None], group: str) -> None:
        """Run `fn(store)` in a thread worker; `done(result)` runs on the UI thread unless
        a newer fetch of the same group replaced this one."""
        self.kjc.fetch(self, fn, done, group)
