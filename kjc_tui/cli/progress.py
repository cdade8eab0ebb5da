"""The progress line of long commands on stderr (only when it is a terminal)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from kjc_tui.core.coded import Text


class ProgressLine:
    """One progress line on stderr when it is a terminal, redrawn in place.

    Cut to the terminal's width: a line that wraps cannot be redrawn with \\r and would leave
    one line per step behind.
    """

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False
        self.columns = self._columns() if self.enabled else 80

    @staticmethod
    def _columns() -> int:
        import shutil

        try:
            return os.get_terminal_size(sys.stderr.fileno()).columns
        except (OSError, ValueError):
            return shutil.get_terminal_size().columns

    def show(self, text: str) -> None:
        if not self.enabled:
            return
        print("\r" + text[:max(10, self.columns - 1)] + "\x1b[K", end="", file=sys.stderr, flush=True)
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
        self.shown = False


def bar(fraction: float, width: int = 24) -> str:
    """[######......]  44%"""
    fraction = max(0.0, min(1.0, fraction))
    done = int(width * fraction)
    return f"[{'#' * done}{'.' * (width - done)}] {fraction:4.0%}"


def progress_callback(line: ProgressLine) -> Callable[[Text, float], None] | None:
    """The progress callback of the data layer, drawn on `line` (None when stderr is no terminal); a step
    that is a message shows in German (its `str`)."""
    if not line.enabled:
        return None
    return lambda step, fraction: line.show(f"{bar(fraction)} {step}")


def with_progress(fn: Callable[[Callable[[Text, float], None] | None], Any]) -> Any:
    """Run `fn(progress)`; a shown progress line ends at 100 % when it succeeded, else it is wiped."""
    line = ProgressLine()
    result = None
    try:
        result = fn(progress_callback(line))
    except BaseException:
        line.clear()
        raise
    if line.shown:
        line.show(f"{bar(1.0)} fertig")
        print(file=sys.stderr, flush=True)
    return result
