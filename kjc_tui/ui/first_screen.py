"""The Übersicht's data of one snapshot, read in a process of its own (no Textual here).

On the first start on a snapshot without a summary (`core.sidecar`: a database built by an older
version, or in a directory its loader could not write) there is no cached Übersicht. Reading
it means importing DuckDB, opening the file and running the Übersicht's queries: in the app's
own process that work holds the interpreter lock while Textual is imported and the screen is
built, so the two take turns on one CPU. `startup.Preload` therefore runs it here, in a helper
process on another CPU (when there is one); the app draws its first frame from the result and
opens the database itself afterwards.

    python -m kjc_tui.ui.first_screen DB YYYY-MM-DD

writes one JSON document (`sidecar.dumps`) to stdout: the identity of the file it read
and the Übersicht's data. Exit status 1 and no output when the database cannot be used; the
app then opens it itself and says why.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from kjc_tui.core import sidecar


def main(argv: list[str]) -> int:
    path, today = Path(argv[0]), date.fromisoformat(argv[1])
    from kjc_tui.ui.startup import Opened, open_database

    ident = sidecar.identity(path)
    opened = open_database(path)
    if not isinstance(opened, Opened):
        return 1
    try:
        from kjc_tui.read import overview

        data = overview.overview(opened.store, today)
    finally:
        opened.store.close()
    sys.stdout.write(sidecar.dumps({"identity": ident, "data": data}))
    return 0


def run(argv: list[str]) -> None:
    """`main`, as a process: exit status 1 for any error (the app opens the database itself
    and reports what is wrong)."""
    try:
        code = main(argv)
    except Exception:  # noqa: BLE001
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    run(sys.argv[1:])
