"""Placeholder of the compare view; replaced by its own issue. Keep: `CompareView()` and `open(**kwargs)`."""

from __future__ import annotations

from kjc_tui.ui.views.placeholder import PlaceholderView


class CompareView(PlaceholderView):
    PURPOSE = "ph.compare"
