"""Messages as data: a key of the one wording table (`core/strings.py`) and its parameters,
worded by whoever shows them (the UI in German or English through `ui/i18n`, the CLI in German
through `cli.common.worded`).

`Said` is such a message as a value (a source's outcome, a library error explained by
`core.errors.explain`); `CodedError` is one raised. A parameter may itself be a `Said` (the
reason inside "after 3 tries"): it is worded in the same language. `str()` of either gives
the German wording, for logs, the CLI and tests; the UI never shows `str()`, it words
`key`/`params` in its language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias


@dataclass(frozen=True)
class Said:
    """A message as data: the key of its wording and the parameters it is worded with."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        from kjc_tui.core.strings import coded

        return coded(self.key, self.params, "de")


#: what a progress step or a note shows: a name or value as it is, or a message to word
Text: TypeAlias = str | Said


class CodedError(Exception):
    """An error the data layer raises as a code and its parameters (a column, a path, the
    database's own first line as `detail`); the UI and the CLI word it in their language.
    A subclass words its codes under `prefix` ("tbl.err.", "fetch.", …)."""

    prefix = ""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    @property
    def message_key(self) -> str:
        """The key of the wording in the one table."""
        return self.prefix + self.code

    @property
    def said(self) -> Said:
        return Said(self.message_key, self.params)

    def __str__(self) -> str:  # for logs, the CLI and tests; the UI words `said` in its language
        return str(self.said)
