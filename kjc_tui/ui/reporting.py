"""Documents from the dashboard: the fact sheet, the monthly report and chart files, made in a
thread worker with a progress panel, so that a report of a large set never freezes the UI.
Files go to the working directory (like the other exports) and the notification names them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from kjc_tui.ui.fetching import FetchProgress
from kjc_tui.ui.i18n import explained, language, t
from kjc_tui.ui.jobs import may_start
from kjc_tui.ui.views.chart_actions import export_path

if TYPE_CHECKING:
    from kjc_tui.documents.jobs import ReportRequest
    from kjc_tui.read.reports.model import BarChart, LineChart
    from kjc_tui.ui.app import KjcApp

WORKER_GROUP = "report"
#: the formats a key writes at once (the palette offers each one alone)
ALL_FORMATS = ("pdf", "html", "xlsx")


def _run(app: "KjcApp", work: Any, title: str, saved: str = "report.saved") -> None:
    """Run `work(progress)` → paths in a thread worker, with the progress panel; notify the result."""
    panel = FetchProgress([title], t("report.start"))
    app.screen.mount(panel)

    def progress(step: str, fraction: float) -> None:
        app.call_from_thread(panel.show, title, step, fraction)

    def finished(paths: list[Path] | None, error: str | None) -> None:
        panel.remove()
        if paths is None:
            app.notify(t("report.failed", error=error), severity="error", timeout=10, markup=False)
        else:
            app.notify(t(saved, paths=", ".join(str(p) for p in paths)), timeout=10, markup=False)

    def run() -> None:
        from kjc_tui.documents.jobs import error_text

        try:
            paths = work(progress)
        except Exception as e:  # noqa: BLE001 - said to the user, never a traceback
            app.call_from_thread(finished, None, error_text(e, language()) or explained(e))
            return
        app.call_from_thread(finished, paths, None)

    app.run_worker(run, thread=True, group=WORKER_GROUP, exit_on_error=False)


def start_report(app: "KjcApp", request: "ReportRequest", formats: Sequence[str] = ALL_FORMATS) -> None:
    """Write the report in each format to the working directory."""
    store = app.store
    if store is None or not may_start(app, WORKER_GROUP, t("report.busy")):
        return
    from kjc_tui.documents.jobs import FACTSHEET, default_name

    stem = default_name(request, "x").removesuffix(".x")
    base = export_path(stem, formats[0])
    paths = [base.with_suffix("." + f) for f in formats]
    comparisons = dict(getattr(app.config, "comparisons", None) or {})

    def work(progress: Any) -> list[Path]:
        from kjc_tui.documents.jobs import run

        return run(store, request, paths, comparisons, progress)

    _run(app, work, "Steckbrief" if request.kind == FACTSHEET else "Bericht")


def start_chart_export(app: "KjcApp", chart: "BarChart | LineChart", stem: str, synthetic: bool) -> None:
    """The whole chart as SVG and PNG drawn for print."""
    if not may_start(app, WORKER_GROUP, t("report.busy")):
        return
    svg = export_path(stem, "svg")
    paths = [svg, svg.with_suffix(".png")]
    lang = language()

    def work(progress: Any) -> list[Path]:
        from kjc_tui.documents import write_chart

        for i, p in enumerate(paths):
            progress(p.suffix.lstrip(".").upper(), i / len(paths))
            write_chart(chart, p, lang, synthetic)
        progress("done", 1.0)
        return paths

    _run(app, work, stem, "chart.saved")
