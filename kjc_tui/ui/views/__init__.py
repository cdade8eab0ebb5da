"""The five views of the dashboard, one module each, imported when first shown."""

from __future__ import annotations

import importlib

from textual.widget import Widget

#: view name -> (module, class); the order is the order of the tabs and number keys
VIEWS: dict[str, tuple[str, str]] = {
    "overview": ("kjc_tui.ui.views.overview", "OverviewView"),
    "jobcenter": ("kjc_tui.ui.views.jobcenter", "JobcenterView"),
    "tables": ("kjc_tui.ui.views.tables", "TablesView"),
    "charts": ("kjc_tui.ui.views.charts", "ChartsView"),
    "compare": ("kjc_tui.ui.views.compare", "CompareView"),
}


def view_class(name: str) -> type[Widget]:
    module, cls = VIEWS[name]
    return getattr(importlib.import_module(module), cls)
