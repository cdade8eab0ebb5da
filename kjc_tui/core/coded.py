"""Errors raised as data: a code and its parameters, worded by whoever shows them (the UI in
German or English through its i18n strings, the CLI in German through the same)."""

from __future__ import annotations

from typing import Any


class CodedError(Exception):
    """An error the data layer raises as a code and its parameters (a column, a path, the
    database's own first line as `detail`); the UI and the CLI word it in their language."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:  # for logs and tests; the user sees it worded
        return f"{self.code}: {self.params}" if self.params else self.code
