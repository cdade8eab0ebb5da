"""Static checks of the key registry and the UI strings."""

from __future__ import annotations

import re
from pathlib import Path

import kjc_tui.ui as ui_package
from kjc_tui.read.browse.browser import STATS_COLUMNS
from kjc_tui.ui import i18n, keys

UI_DIR = Path(ui_package.__file__).parent


def test_binding_ids_are_unique_and_scoped():
    ids = [k.id for k in keys.KEYS]
    assert len(ids) == len(set(ids))
    for k in keys.KEYS:
        assert k.scope in keys.SCOPES
        assert k.id.split(".")[0] == k.scope
        assert k.de and k.en


def test_every_string_used_in_the_ui_exists_in_both_languages():
    used: set[str] = set()
    for path in UI_DIR.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.A-Z]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in i18n.STRINGS and not k.endswith("."))  # "x." + var: dynamic
    assert not missing
    for key, (de, en) in i18n.STRINGS.items():
        assert isinstance(de, str) and isinstance(en, str), key
        assert set(re.findall(r"{(\w+)}", de)) == set(re.findall(r"{(\w+)}", en)), key


def test_language_switch_and_unknown_keys():
    try:
        i18n.set_language("en")
        assert i18n.t("view.overview") == "Overview"
        assert i18n.t("ov.counts", kjc=16, ge=10, n=26).startswith("16 municipal")
        i18n.set_language("xx")
        assert i18n.language() == "de"
        assert i18n.t("no.such.key") == "no.such.key"
    finally:
        i18n.set_language("de")


def test_key_display():
    assert keys.key_display("question_mark,f1") == "? / F1"
    assert keys.key_display("ctrl+p") == "Strg+P"
    assert keys.key_display("ctrl+p", "en") == "Ctrl+P"


def test_key_display_shows_characters_not_textual_key_names():
    assert keys.key_display("right_square_bracket,left_square_bracket") == "] / ["
    assert keys.key_display("vertical_line,equals_sign,exclamation_mark,backslash,minus") == "| / = / ! / \\ / -"
    assert keys.key_display("home,end", "en") == "Home / End"


def test_every_code_the_data_layer_raises_is_worded():
    """The data layer raises codes (BrowseError, ExportError, QueryRefused; the computed sheets'
    column words): every one of them has its string in both languages, with the parameters it
    is raised with."""
    package = UI_DIR.parent
    raised = {"BrowseError": "tbl.err.", "ExportError": "export.err.", "QueryRefused": "sql.err."}
    found: list[tuple[str, set[str]]] = []
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for cls, prefix in raised.items():
            # raised with a code, never with words (a German sentence here would be shown as it is)
            calls = re.findall(r"(?<!class )\b" + cls + r"""\(\s*(f?["'][^"']*["']|[^)\s]*)""", text)
            assert all(re.fullmatch(r"""["'][a-z_]+["']|f["']sql\.\{\w+\.code\}["']""", c) for c in calls
                       if c), (path.name, calls)
            for code, args in re.findall(cls + r"""\(\s*["']([a-z_]+)["']((?:,\s*\w+=[^,)]+(?:\([^)]*\))?)*)\)""", text):
                found.append((prefix + code, set(re.findall(r"(\w+)=", args))))
        found += [("tbl.col." + w, set()) for w in re.findall(r"""["']((?:freq|stats)\.[a-z_]+)["']""", text)]
    found += [("tbl.col.stats." + c, set()) for c in STATS_COLUMNS]
    assert len({k for k, _ in found}) >= 25  # the search found the raise sites
    for key, params in found:
        assert key in i18n.STRINGS, key
        de, en = i18n.STRINGS[key]
        assert params <= set(re.findall(r"{(\w+)", de)) and params <= set(re.findall(r"{(\w+)", en)), key


def test_every_error_code_below_the_ui_is_worded():
    """The errors of sources/, db/ and core/ are codes under their class's prefix (and messages
    as `Said`): each raise site names a code, never words, and each code has its string in both
    languages with the parameters it is raised with; the codes built from tables (the libraries'
    errors, HTTP statuses, expected types, months) are all there too."""
    from kjc_tui.core import config, errors
    from kjc_tui.sources import http

    package = UI_DIR.parent
    # class -> (prefix, index of the code among the positional arguments)
    raised = {"FetchError": ("fetch.err.", 1), "KeyProblem": ("key.", 0), "UnknownSource": ("source.", 0),
              "StoreError": ("store.", 0), "SnapshotError": ("snapshot.", 0), "ConfigError": ("config.", 2),
              "fail": ("config.", 2), "_fail": ("config.", 2), "SourceProblem": ("config.", 2)}
    found: list[tuple[str, set[str]]] = []
    for path in package.rglob("*.py"):
        if path.parent.name == "ui":
            continue
        text = path.read_text(encoding="utf-8")
        for cls, (prefix, at) in raised.items():
            for args in re.findall(r"(?<!class )(?<!def )(?<![\w.])" + cls + r"\(((?:[^()]|\([^()]*\))*)\)", text):
                parts = [p.strip() for p in re.split(r",(?![^(]*\))", args) if p.strip()]
                positional = [p for p in parts if not re.match(r"\w+=", p)]
                if len(positional) <= at or positional[at] == "code" or positional[0].startswith("*"):
                    continue  # the class's own definition or a pass-through
                code = positional[at]
                assert re.fullmatch(r'"[a-z_0-9]+"', code), (path.name, cls, code)
                named = {p.split("=")[0] for p in parts if re.match(r"\w+=", p)}
                found.append((prefix + code.strip('"'), named - {"retryable", "retry_after", "status", "unreachable", "section_only"}))
        for key, params in re.findall(r'Said\("([a-z_.0-9]+)"(?:, \{([^}]*)\})?', text):
            if not key.endswith("."):  # "err.os." + code: the tables below
                found.append((key, set(re.findall(r'"(\w+)":', params))))
    found += [("err.db." + c, {"name"}) for c in errors._CATALOG_KINDS.values()]
    found += [("err.db." + c, {"detail"}) for c in errors._DUCKDB_LABELS.values()]
    found += [("err.toml." + c, set()) for c in errors._TOML.values()]
    found += [("err.os." + c, set() if c.startswith("address") else {"path"}) for c in errors._OS_CODES.values()]
    found += [(f"err.net.{c}{at}", {"host"} if at else set()) for c in ("no_tls", "refused", "unknown_host", "reset",
                                                                        "timeout") for at in ("", "_at")]
    found += [("fetch.http." + str(c), set()) for c in (*http._MEANINGS, "error", "unexpected")]
    found += [("config.type." + c, set()) for c in config._TYPE_WORDS.values()]
    found += [(f"month.{m}", {"year"}) for m in range(1, 13)] + [("size." + u, {"n"}) for u in ("bytes", "kb", "mb", "gb")]
    keys = {k for k, _ in found}
    assert len(keys) >= 150 and {"fetch.err.after_tries", "store.cannot_open", "snapshot.locked",
                                 "config.bad_value", "key.too_open", "source.offline"} <= keys
    for key, params in found:
        assert key in i18n.STRINGS, key
        de, en = i18n.STRINGS[key]
        assert params <= set(re.findall(r"{(\w+)", de)) and params <= set(re.findall(r"{(\w+)", en)), key
