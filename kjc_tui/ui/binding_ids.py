"""Every binding id the dashboard knows, for checking ``[keymap]`` in kjc.toml.

Every view and widget builds its ``BINDINGS`` from the registry in ``keys`` (a test walks the
widget classes to keep it so), so the ids are the registry's.
"""

from __future__ import annotations


def binding_ids() -> frozenset[str]:
    from kjc_tui.ui import keys

    return frozenset(k.id for k in keys.KEYS)
