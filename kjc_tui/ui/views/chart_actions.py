"""What the Diagramme and Vergleich views share: saving the screen as SVG, switching to the
synthetic demo data, and the list of districts and peer groups to choose from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text

from kjc_tui import compare as cmp
from kjc_tui import fmt
from kjc_tui.ui.views.base import DataView


def export_dir() -> Path:
    return Path.cwd()


def save_svg(view: DataView, stem: str) -> None:
    """Save the current screen as SVG in the working directory and say where."""
    from datetime import datetime

    name = f"{stem}-{datetime.now():%Y%m%d-%H%M%S}.svg"
    try:
        path = view.app.save_screenshot(name, str(export_dir()))
    except OSError as e:
        view.notify(f"SVG nicht gespeichert: {e}", severity="error", markup=False)
        return
    view.notify(f"Bild gespeichert: {path}", markup=False)


def offer_demo(view: DataView) -> None:
    """Open the synthetic demo data (built beside the configured database on first use),
    which the app marks SYNTHETISCH everywhere."""
    app: Any = view.app
    opener = getattr(app, "open_demo_data", None)
    if callable(opener):
        opener()
        return
    config = getattr(app, "config", None)
    if config is None or not callable(getattr(app, "open_store", None)) or not hasattr(app, "db_path"):
        view.notify("Synthetische Demo-Daten: „kjc-tui --demo“ starten.", timeout=8, markup=False)
        return
    target = Path(config.database_path).with_name("synthetic.duckdb")
    view.notify("Öffne synthetische Demo-Daten (keine echten Zahlen) …", markup=False)

    def build() -> None:
        from kjc_tui.snapshot import build_synthetic

        try:
            if not target.exists():
                build_synthetic(target, scale=0.1, group=getattr(config, "database_group", None))
        except Exception as e:  # noqa: BLE001 - shown to the user
            message = f"Demo-Daten nicht erzeugt: {e}"
            app.call_from_thread(lambda: view.notify(message, severity="error", markup=False))
            return
        app.call_from_thread(switch)

    def switch() -> None:
        app.db_path = target
        app.open_store(reload=True)
        view.notify("SYNTHETISCHE Demo-Daten geöffnet – erfundene Zahlen, nur zum Ausprobieren.", timeout=8,
                    markup=False)

    view.run_worker(build, thread=True, group="demo", exclusive=True, exit_on_error=False)


def member_options(districts: list[cmp.District]) -> list[tuple[Text, str]]:
    groups = [(Text(label), token) for token, label in cmp.group_tokens(districts)]
    kinds = {True: "KJC", False: "gE"}
    return groups + [(Text(f"{fmt.literal(d.name)} ({d.ags}, {kinds[d.is_kjc]})"), d.ags)
                     for d in sorted(districts, key=lambda d: d.name)]
