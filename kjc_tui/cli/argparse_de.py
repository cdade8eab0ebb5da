"""argparse in German: `--help` headings and usage errors of the `kjc-tui` command.

argparse writes English ("usage:", "options:", "the following arguments are required").
Not through gettext: a catalogue would change argparse for the whole process. Instead the
parser class sets its own headings and translates its error messages (a fixed set) on the way out.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

#: argparse's error messages (regular expressions) -> German
_ERRORS = [
    (r"the following arguments are required: (.*)", r"die folgenden Argumente fehlen: \1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"Argument \1: ungültige Auswahl: \2 (möglich: \3)"),
    (r"argument (.*?): invalid float value: (.*)", r"Argument \1: keine Zahl: \2 (z. B. 0.5)"),
    (r"argument (.*?): invalid int value: (.*)", r"Argument \1: keine ganze Zahl: \2"),
    (r"argument (.*?): expected one argument", r"Argument \1: erwartet einen Wert"),
    (r"argument (.*?): expected at least one argument", r"Argument \1: erwartet mindestens einen Wert"),
    (r"argument (.*?): ignored explicit argument (.*)", r"Argument \1: nimmt keinen Wert (\2)"),
    (r"argument (.*?): not allowed with argument (.*)", r"Argument \1: nicht zusammen mit \2"),
    (r"unrecognized arguments: (.*)", r"unbekannte Argumente: \1"),
    (r"ambiguous option: (.*?) could match (.*)", r"mehrdeutige Option \1, passt zu: \2"),
    (r"one of the arguments (.*) is required", r"eines dieser Argumente ist nötig: \1"),
]


def translate(message: str) -> str:
    for pattern, german in _ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, german, message)
    return message


class GermanHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Aufruf: " if prefix is None else prefix)


class GermanArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser with German headings, `-h` text and error messages (subparsers inherit it)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "diese Hilfe zeigen und beenden"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {translate(message)}\n")
