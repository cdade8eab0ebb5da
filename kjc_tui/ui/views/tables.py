"""Placeholder of the tables view; replaced by its own issue. Keep: `TablesView()` and `open(**kwargs)`."""

from __future__ import annotations

from kjc_tui.ui.views.placeholder import PlaceholderView


class TablesView(PlaceholderView):
    PURPOSE = "ph.tables"
