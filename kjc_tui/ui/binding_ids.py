"""Every binding id the dashboard knows, for checking ``[keymap]`` in kjc.toml.

Collected from the widgets themselves (``keys.KEYS`` and each class's ``BINDINGS``, Textual's own
included), so that a binding added anywhere is known without a second list to keep in step.
"""

from __future__ import annotations

import importlib
import pkgutil


def binding_ids() -> frozenset[str]:
    import kjc_tui.ui as ui
    from kjc_tui.ui import keys
    from textual.dom import DOMNode

    for mod in pkgutil.walk_packages(ui.__path__, ui.__name__ + "."):
        importlib.import_module(mod.name)
    ids = {k.id for k in keys.KEYS}
    classes: list[type] = [DOMNode]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        ids.update(b.id for b in cls.__dict__.get("BINDINGS", ()) if getattr(b, "id", None))
    return frozenset(ids)
