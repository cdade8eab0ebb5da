"""What the Diagramme and Vergleich views share: saving the screen as SVG and the list of
districts and peer groups to choose from."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from kjc_tui.read import compare as cmp
from kjc_tui.core import fmt
from kjc_tui.ui.i18n import explained, t
from kjc_tui.ui.words import group_option
from kjc_tui.ui.views.base import DataView


def export_dir() -> Path:
    return Path.cwd()


def export_path(stem: str, ext: str) -> Path:
    """`<stem>-YYYYmmdd-HHMMSS.<ext>` in the working directory; a second export in the same
    second gets "-2", "-3", … rather than overwriting the first."""
    from datetime import datetime

    base = f"{stem}-{datetime.now():%Y%m%d-%H%M%S}"
    path, n = export_dir() / f"{base}.{ext}", 1
    while path.exists():
        n += 1
        path = export_dir() / f"{base}-{n}.{ext}"
    return path


def save_svg(view: DataView, stem: str, shown: int = 0, total: int = 0, what: str = "") -> None:
    """Save the current screen as SVG in the working directory and say where; when only
    `shown` of `total` `what` fit on the screen, say that the picture holds only those."""
    target = export_path(stem, "svg")
    try:
        path = view.app.save_screenshot(target.name, str(target.parent))
    except OSError as e:
        view.notify(t("svg.failed", error=explained(e)), severity="error", markup=False)
        return
    message = t("svg.saved", path=path)
    if 0 < shown < total:
        message += t("svg.partial", shown=shown, total=total, what=what)
    view.notify(message, markup=False)


def member_options(districts: list[cmp.District]) -> list[tuple[Text, str]]:
    groups = [(Text(group_option(token)), token) for token in cmp.group_tokens(districts)]
    kinds = {True: "KJC", False: "gE"}
    return groups + [(Text(f"{fmt.strip_controls(d.name)} ({d.ags}, {kinds[d.is_kjc]})"), d.ags)
                     for d in sorted(districts, key=lambda d: d.name)]
