"""HTTP sources: `[sources.NAME]` in kjc.toml, fetched with httpx into validated snapshot loads.

The kinds and their keys are part of the configuration's schema (`kjc_tui.core.source_kinds`);
importing this package stays cheap: httpx is imported when a fetch runs.

Entry points for other layers:

* `kjc_tui.sources.run.fetch_all(cfg, names=None, progress=None) -> FetchSummary`
* `kjc_tui.sources.status.last_fetches(store) -> list[dict]`
"""

from __future__ import annotations

from typing import Any

__all__ = ["fetch_all", "last_fetches"]


def __getattr__(name: str) -> Any:
    if name == "fetch_all":
        from kjc_tui.sources.run import fetch_all

        return fetch_all
    if name == "last_fetches":
        from kjc_tui.sources.status import last_fetches

        return last_fetches
    raise AttributeError(name)
