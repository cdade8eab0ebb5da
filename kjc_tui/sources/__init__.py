"""HTTP sources: `[sources.NAME]` in kjc.toml, fetched with httpx into validated snapshot loads.

Importing this package only registers the source kinds with `kjc_tui.core.config` (it is imported
by every `config.load()`), so it must stay cheap: httpx is imported when a fetch runs.

Entry points for other layers:

* `kjc_tui.sources.run.fetch_all(cfg, names=None, progress=None) -> FetchSummary`
* `kjc_tui.sources.status.last_fetches(store) -> list[dict]`
"""

from __future__ import annotations

from typing import Any

from kjc_tui.sources.spec import register_all

register_all()

__all__ = ["fetch_all", "last_fetches"]


def __getattr__(name: str) -> Any:
    if name == "fetch_all":
        from kjc_tui.sources.run import fetch_all

        return fetch_all
    if name == "last_fetches":
        from kjc_tui.sources.status import last_fetches

        return last_fetches
    raise AttributeError(name)
