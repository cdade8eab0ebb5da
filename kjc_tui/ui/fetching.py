"""The dashboard action "Daten aktualisieren": fetch the configured sources in a thread worker.

A small panel docked at the bottom shows the source and step being fetched with a progress
bar; at the end a notification gives the summary (and the first problem of each source that
failed), and the store is reopened when a new snapshot was published. Messages are shown
literally (no markup): they contain URLs and values from the data.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from kjc_tui.ui.i18n import t

if TYPE_CHECKING:
    from kjc_tui.sources.run import FetchSummary
    from kjc_tui.ui.app import KjcApp

WORKER_GROUP = "fetch-sources"

class FetchProgress(Vertical):
    """Docked at the bottom while a fetch runs: the current source and step, and a progress bar."""

    DEFAULT_CSS = """
    FetchProgress {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $panel;
    }
    FetchProgress ProgressBar Bar { width: 1fr; }
    FetchProgress ProgressBar { width: 1fr; }
    """

    def compose(self) -> Any:
        yield Static(t("fetch.start"), id="fetch-step", markup=False)
        yield ProgressBar(total=100, show_eta=False, id="fetch-bar")

    def show(self, text: str, percent: float) -> None:
        self.query_one("#fetch-step", Static).update(text)
        self.query_one("#fetch-bar", ProgressBar).update(progress=max(0.0, min(100.0, percent)))


def start_fetch(app: "KjcApp") -> None:
    """Run `fetch_all` for every configured source in a thread worker with progress."""
    if not app.config.sources:
        app.notify(t("fetch.none"), severity="warning", markup=False)
        return
    if app.store is not None and app.store.synthetic:
        app.notify(t("fetch.demo"), severity="warning", markup=False)
        return
    if any(w.group == WORKER_GROUP and w.is_running for w in app.workers):
        app.notify(t("fetch.busy"), markup=False)
        return
    panel = FetchProgress()
    app.screen.mount(panel)
    names = list(app.config.sources)
    cfg = dataclasses.replace(app.config, database_path=app.db_path)

    def progress(name: str, step: str, fraction: float) -> None:
        i = names.index(name) if name in names else 0
        app.call_from_thread(panel.show, f"{name}: {step}", 100 * (i + fraction) / len(names))

    def run() -> None:
        from kjc_tui.sources.run import fetch_all

        try:
            summary = fetch_all(cfg, progress=progress)
        except Exception as e:  # noqa: BLE001  database missing, lock held …: said, never a traceback
            app.call_from_thread(_finished, app, panel, None, str(e) or type(e).__name__)
            return
        app.call_from_thread(_finished, app, panel, summary, None)

    app.run_worker(run, thread=True, group=WORKER_GROUP, exit_on_error=False)


def _finished(app: "KjcApp", panel: FetchProgress, summary: "FetchSummary | None", error: str | None) -> None:
    panel.remove()
    if summary is None:
        app.notify(t("fetch.error", error=error), severity="error", timeout=10, markup=False)
        return
    lines = [t("fetch.summary", fetched=summary.count("fetched"), unchanged=summary.count("unchanged"),
                failed=summary.count("failed") + summary.count("refused"), rows=summary.rows)]
    for r in summary.results:
        if r.status in ("failed", "refused"):
            lines.append(f"{r.name}: {r.problems[0] if r.problems else r.message}")
    ok = summary.exit_code == 0
    app.notify("\n".join(lines), title=t("fetch.title" if ok else "title_bad"), severity="information" if ok else "error",
               timeout=10 if ok else 20, markup=False)
    if summary.changed:
        app.open_store(reload=True)
    else:  # nothing new to reload, but the Übersicht's "last checked" moved
        from kjc_tui.ui.views.overview import OverviewView

        for view in app.query(OverviewView):
            view.reload_fetches()
