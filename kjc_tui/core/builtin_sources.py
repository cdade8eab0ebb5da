"""The built-in sources (`builtin_sources.toml` beside this module): read, with their base
addresses filled in.  Part of the configuration (like `source_kinds`), so `config` imports it
directly.

`kjc_tui.core.config.load` asks for them (`builtin_sources`) and lays the `[sources.NAME]`
tables of kjc.toml over them (see `merge`). Base addresses come, in this order, from the
environment (``KJC_SOURCE_BASE_<NAME>``, e.g. ``KJC_SOURCE_BASE_SGB2``), from kjc.toml
(``[builtin_sources] bases = { sgb2 = "…" }``) and from `builtin_sources.toml`'s ``[bases]``. Only
tomllib here: config loads this on every start.
"""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

ENV_PREFIX = "KJC_SOURCE_BASE_"


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    text = resources.files("kjc_tui.core").joinpath("builtin_sources.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def default_bases() -> dict[str, str]:
    return dict(_raw().get("bases", {}))


def bases(configured: Mapping[str, str] | None = None, env: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Base name → address: the environment over kjc.toml over builtin_sources.toml, without a trailing slash."""
    out = default_bases()
    out.update(configured or {})
    for name in list(out):
        override = env.get(ENV_PREFIX + name.upper())
        if override:
            out[name] = override
    return {k: v.rstrip("/") for k, v in out.items()}


def kinds() -> dict[str, str]:
    """Built-in source name → kind (for checking a kjc.toml table that only changes some keys)."""
    return {name: src["kind"] for name, src in _raw().get("sources", {}).items()}


def sources(configured_bases: Mapping[str, str] | None = None,
            env: Mapping[str, str] = os.environ) -> dict[str, dict[str, Any]]:
    """The built-in sources with every "{base}" in their URL replaced by its address."""
    b = bases(configured_bases, env)
    out = {}
    for name, src in _raw().get("sources", {}).items():
        src = copy.deepcopy(src)
        for key in ("url",):
            for base, address in b.items():
                src[key] = src[key].replace("{" + base + "}", address)
        src["origin"] = "builtin"
        out[name] = src
    return out


def merge(builtin: Mapping[str, dict[str, Any]], configured: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """kjc.toml's tables over the built-in ones: a table with `kind` replaces the built-in source of
    that name, one without is merged into it (so `enabled = false` alone switches it off)."""
    out = {name: dict(src) for name, src in builtin.items()}
    for name, src in configured.items():
        if name in out and "kind" not in src:
            out[name].update(src, origin="builtin+config")
        else:
            out[name] = dict(src)
    return out
