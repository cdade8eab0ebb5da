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

from kjc_tui.ui.i18n import explained, language, said, t
from kjc_tui.ui.jobs import may_start

if TYPE_CHECKING:
    from kjc_tui.core.coded import Text
    from kjc_tui.sources.run import FetchSummary
    from kjc_tui.ui.app import KjcApp

WORKER_GROUP = "fetch-sources"

class FetchProgress(Vertical):
    """Docked at the bottom while a fetch runs: one line per source (waiting, its current step with a bar,
    done) and a bar for the whole fetch. Reports use it too (one line, their own `heading`)."""

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

    def __init__(self, names: list[str], heading: str | None = None) -> None:
        super().__init__()
        self.names = names
        self.heading = heading or t("fetch.start")
        self.width = max((len(n) for n in names), default=0)

    def compose(self) -> Any:
        yield Static(self.heading, id="fetch-step", markup=False)
        for i, name in enumerate(self.names):
            yield Static(self._line(name, t("fetch.waiting"), None), id=f"fetch-source-{i}", classes="fetch-source",
                         markup=False)
        yield ProgressBar(total=100, show_eta=False, id="fetch-bar")

    def _line(self, name: str, step: "Text", fraction: float | None) -> str:
        from kjc_tui.core import fmt

        done = "" if fraction is None else fmt.number(100 * max(0.0, min(1.0, fraction)), language(), 0) + " %"
        return f"{name:<{self.width}}  {done:>5}  {said(step)}"

    def show(self, name: str, step: "Text", fraction: float) -> None:
        """Source `name` is at `step`, `fraction` (0..1) done; the overall bar follows."""
        i = self.names.index(name) if name in self.names else 0
        self.query_one("#fetch-step", Static).update(self.heading)
        self.query_one(f"#fetch-source-{i}", Static).update(self._line(name, step, fraction))
        total = 100 * (i + max(0.0, min(1.0, fraction))) / max(1, len(self.names))
        self.query_one("#fetch-bar", ProgressBar).update(progress=total)

    def source_text(self) -> list[str]:
        """The lines as shown, one per source (for tests and the log)."""
        return [str(w.render()) for w in self.query(".fetch-source").results(Static)]


def start_fetch(app: "KjcApp") -> None:
    """Run `fetch_all` for every configured source in a thread worker with progress."""
    if not app.config.sources:
        app.notify(t("fetch.none"), severity="warning", markup=False)
        return
    if not may_start(app, WORKER_GROUP, t("fetch.busy"), t("fetch.demo")):
        return
    names = list(app.config.sources)
    panel = FetchProgress(names)
    app.screen.mount(panel)
    cfg = dataclasses.replace(app.config, database_path=app.db_path)

    def progress(name: str, step: "Text", fraction: float) -> None:
        app.call_from_thread(panel.show, name, step, fraction)

    def run() -> None:
        from kjc_tui.read.summary import summarise
        from kjc_tui.sources.run import fetch_all

        try:
            summary = fetch_all(cfg, progress=progress, summarise=summarise)
        except Exception as e:  # noqa: BLE001  database missing, lock held …: said, never a traceback
            app.call_from_thread(_finished, app, panel, None, explained(e))
            return
        app.call_from_thread(_finished, app, panel, summary, None)

    app.run_worker(run, thread=True, group=WORKER_GROUP, exit_on_error=False)


def _finished(app: "KjcApp", panel: FetchProgress, summary: "FetchSummary | None", error: str | None) -> None:
    panel.remove()
    if summary is None:
        app.notify(t("fetch.error", error=error), severity="error", timeout=10, markup=False)
        return
    from kjc_tui.ingest.problem import problem_text   # the ingest (and DuckDB) only once a fetch ended

    lines = [t("fetch.summary", fetched=summary.count("fetched"), unchanged=summary.count("unchanged"),
                failed=summary.count("failed") + summary.count("refused"), rows=summary.rows)]
    for r in summary.results:
        if r.status in ("failed", "refused"):
            lines.append(f"{r.name}: {problem_text(r.problems[0], language()) if r.problems else said(r.said) if r.said else ''}")
    ok = summary.exit_code == 0
    app.notify("\n".join(lines), title=t("fetch.title" if ok else "fetch.title_bad"), severity="information" if ok else "error",
               timeout=10 if ok else 20, markup=False)
    if summary.changed:
        app.open_store(reload=True)
    else:  # nothing new to reload, but the Übersicht's "last checked" moved
        from kjc_tui.ui.views.overview import OverviewView

        for view in app.query(OverviewView):
            view.reload_fetches()
