"""The dashboard's language: `t(key, **kw)` words a key of the one table (`core/strings.py`)
in the current language, set by the app with `set_language` (German by default). Data values
never pass through here: they are shown literally by the widgets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kjc_tui.core import strings
from kjc_tui.core.strings import LANGUAGES, STRINGS

if TYPE_CHECKING:
    from kjc_tui.core.coded import Text

__all__ = ["LANGUAGES", "STRINGS", "coded", "explained", "language", "said", "set_language", "t"]


_language = "de"


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in LANGUAGES else "de"


def language() -> str:
    return _language


def t(key: str, **kw: object) -> str:
    """The string `key` in the current language; unknown keys show as themselves."""
    return strings.say(key, _language, **kw)


def coded(key: str, params: Mapping[str, object]) -> str:
    """A code the data layer raised (an error) with its parameters, worded in the current language."""
    return strings.coded(key, params, _language)


def said(message: "Text") -> str:
    """A message the data layer returned (a source's outcome, a progress step), worded in the
    current language; a name or value given as text passes as it is."""
    return message if isinstance(message, str) else strings.coded(message.key, message.params, _language)


def explained(error: BaseException) -> str:
    """Any error worded in the current language: ours by its code, a library's as
    `core.errors.explain` codes it."""
    from kjc_tui.core.errors import explain

    return said(explain(error))
