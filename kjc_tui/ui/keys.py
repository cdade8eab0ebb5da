"""Every key binding of the dashboard in one place (`keys.toml`): id, default keys, action, labels.

Widgets build their ``BINDINGS`` from here, the help screen lists them, and ``kjc.toml``
``[keymap]`` remaps them by id (``"app.help" = "f1,question_mark"``) through
``App.set_keymap``. Descriptions are translated in place when the language changes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode


@dataclass(frozen=True)
class KeySpec:
    id: str
    keys: str
    action: str
    de: str
    en: str
    scope: str
    show: bool = True
    priority: bool = False

    def label(self, lang: str) -> str:
        return self.de if lang == "de" else self.en


def _registry() -> tuple[dict[str, tuple[str, str]], list[KeySpec]]:
    """The scopes' help headings and the bindings, from `keys.toml` (in its order)."""
    data = tomllib.loads(Path(__file__).with_name("keys.toml").read_text(encoding="utf-8"))
    scopes: dict[str, tuple[str, str]] = {}
    specs: list[KeySpec] = []
    for scope, table in data.items():
        de, en = table.pop("heading")
        scopes[scope] = (de, en)
        specs += [KeySpec(f"{scope}.{name}", e["keys"], e["action"], e["de"], e["en"], scope,
                          e.get("show", True), e.get("priority", False)) for name, e in table.items()]
    return scopes, specs


#: scope: (German, English) headings of the help screen; every binding, by scope
SCOPES, KEYS = _registry()

_BY_ID = {k.id: k for k in KEYS}


def label(binding_id: str, lang: str) -> str:
    return _BY_ID[binding_id].label(lang)


def spec(binding_id: str) -> KeySpec | None:
    """The registry's entry of a binding id (None for bindings not from the registry)."""
    return _BY_ID.get(binding_id)


def bindings(scope: str, only: tuple[str, ...] | None = None) -> list[BindingType]:
    """The Textual bindings of one scope (or only the given ids of it), with German
    descriptions (see `localise`)."""
    return [
        Binding(k.keys, k.action, k.de, show=k.show, id=k.id, priority=k.priority)
        for k in KEYS if k.scope == scope and (only is None or k.id in only)
    ]


def localise(node: DOMNode, lang: str) -> None:
    """Give the node's own bindings the descriptions of `lang`."""
    key_to_bindings = node._bindings.key_to_bindings
    changed = False
    for key, items in key_to_bindings.items():
        new = []
        for b in items:
            spec = _BY_ID.get(b.id or "")
            if spec is not None and b.description != spec.label(lang):
                b = replace(b, description=spec.label(lang))
                changed = True
            new.append(b)
        key_to_bindings[key] = new
    if changed:
        node._bindings = BindingsMap.from_keys(key_to_bindings)


def effective_keys(spec: KeySpec, keymap: dict[str, str]) -> str:
    """The keys a binding has after the user's keymap."""
    return keymap.get(spec.id, spec.keys)


#: Textual's names of printable keys (textual.keys._character_to_key) shown as the character
_CHARACTER_NAMES = {
    "right_square_bracket": "]", "left_square_bracket": "[", "vertical_line": "|", "equals_sign": "=",
    "exclamation_mark": "!", "backslash": "\\", "minus": "-", "plus": "+", "full_stop": ".", "comma": ",",
    "colon": ":", "semicolon": ";", "less_than_sign": "<", "greater_than_sign": ">", "asterisk": "*",
    "number_sign": "#", "dollar_sign": "$", "percent_sign": "%", "ampersand": "&", "apostrophe": "'",
    "quotation_mark": '"', "left_parenthesis": "(", "right_parenthesis": ")", "left_curly_bracket": "{",
    "right_curly_bracket": "}", "circumflex_accent": "^", "underscore": "_", "grave_accent": "`", "tilde": "~",
    "at": "@",
}


def key_display(keys: str, lang: str = "de") -> str:
    """'question_mark,f1' → '? / F1', 'ctrl+p' → 'Strg+P' for the help screen."""
    de = lang == "de"
    names = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "down": "↓", "up": "↑",
             "left": "←", "right": "→", "space": "Space", "tab": "Tab", "ctrl": "Strg" if de else "Ctrl",
             "shift": "Shift", "alt": "Alt", "home": "Pos1" if de else "Home", "end": "Ende" if de else "End",
             "pageup": "Bild↑" if de else "PgUp", "pagedown": "Bild↓" if de else "PgDn",
             "delete": "Entf" if de else "Del", "backspace": "⌫", **_CHARACTER_NAMES}
    out = []
    for k in keys.split(","):
        parts = [p.strip() for p in k.strip().split("+")]
        shown = [names.get(p, p.upper() if (len(p) > 1 and p[0] == "f" and p[1:].isdigit()) or "+" in k else p)
                 for p in parts]
        out.append("+".join(shown))
    return " / ".join(out)
