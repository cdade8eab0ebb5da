"""`kjc.toml`: lookup, validation with key and line, and atomic saving of user settings.

Two files play a part:

* the *configuration*: the first of ``--config``, ``$KJC_CONFIG``, ``./kjc.toml`` and the
  user's config file that exists. It names the database, the sources and UI defaults.
* the *user's settings*: always the user's own ``kjc.toml`` in the user config directory.
  Its ``[ui]``, ``[keymap]`` and ``[comparisons]`` override the configuration's, and the
  dashboard saves there (with tomli-w, atomically), never into a shared file.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection

import platformdirs

from kjc_tui.core.coded import CodedError, Said
from kjc_tui.core.files import atomic_write

APP_NAME = "kjc-tui"
CONFIG_NAME = "kjc.toml"


class ConfigError(CodedError):
    """A configuration problem ("config.CODE"), with file, key and line where known; said as
    "FILE, Zeile N: KEY: reason"."""

    prefix = "config."

    def __init__(self, file: Path | str, key: str | Said, code: str, line: int | None = None, **params: Any):
        super().__init__(code, **params)
        #: the key ("ui.language"), or where in the file ("Spalte 4") as a message
        self.setting = key
        self.file, self.line = str(file), line

    @property
    def key(self) -> str:
        """The key, in German where it is a place in the file (for the CLI and tests)."""
        return str(self.setting)

    @property
    def reason(self) -> str:
        """Why, in German (for the CLI and tests; the UI words `said`)."""
        return str(Said(self.message_key, self.params))

    @property
    def said(self) -> Said:
        return placed(self.setting, Said(self.message_key, self.params), self.file, self.line)


def placed(key: str | Said, reason: Said, file: str | None, line: int | None) -> Said:
    """A problem of kjc.toml said with its place: "FILE, Zeile N: KEY: reason" (without a file, the key)."""
    where = {"key": key, "reason": reason}
    if file is None:
        return Said("config.at_key", where)
    if line:
        return Said("config.at_line", {**where, "file": file, "line": str(line)})
    return Said("config.at", {**where, "file": file})


#: the "key" of a problem with the file as a whole
_FILE = Said("config.file")


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / CONFIG_NAME


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "kjc.duckdb"


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return (isinstance(v, (int, float))) and not isinstance(v, bool)


#: a choice check -> its choices (for the message)
_CHOICES: dict[Callable[[Any], bool], tuple[str, ...]] = {}


def _one_of(*choices: str) -> Callable[[Any], bool]:
    def check(v: Any) -> bool:
        return v in choices
    _CHOICES[check] = choices
    return check


def _ags(v: Any) -> bool:
    return isinstance(v, str) and re.fullmatch(r"\d{5}", v) is not None


def _port(v: Any) -> bool:
    return _is_int(v) and 0 < v < 65536


def _positive(v: Any) -> bool:
    return _is_num(v) and v > 0


def _url_map(v: Any) -> bool:
    """A table name → http(s) address."""
    return isinstance(v, dict) and all(isinstance(x, str) and re.match(r"^https?://[^/\s?#]+", x) for x in v.values())


#: check -> the code of what it expects ("config.type.CODE")
_TYPE_WORDS: dict[Callable[[Any], bool], str] = {
    _is_str: "str", _is_bool: "bool", _is_int: "int", _is_num: "num", _ags: "ags", _port: "port",
    _positive: "positive", _url_map: "url_map",
}

SCREENS = ("overview", "jobcenter", "tables", "charts", "compare")

#: section -> key -> check.  Sections "keymap", "comparisons" and "sources" are checked apart.
SPEC: dict[str, dict[str, Callable[[Any], bool]]] = {
    "database": {"path": _is_str, "group": _is_str, "auto_reload": _is_bool},
    "ui": {
        "theme": _is_str,
        "language": _one_of("de", "en"),
        "start_district": _ags,
        "start_screen": _one_of(*SCREENS),
    },
    "http": {
        "timeout": _positive,
        "max_bytes": _positive,
        "retries": _is_int,
        "backoff": _is_num,
        "throttle": _is_num,
        "user_agent": _is_str,
        "deadline": _positive,
    },
    "serve": {"host": _is_str, "port": _port},
    "builtin_sources": {"enabled": _is_bool, "bases": _url_map},
}

def _describe(check: Callable[[Any], bool]) -> Said:
    """What `check` expects, as a code (the kjc.toml checks here, the source kinds' there)."""
    from kjc_tui.core import source_kinds

    code = _TYPE_WORDS.get(check) or source_kinds.EXPECTS.get(check)
    if code is not None:
        return Said("config.type." + code)
    choices = _CHOICES.get(check) or source_kinds.CHOICES.get(check)
    if choices is not None:
        return Said("config.type.one_of", {"choices": ", ".join(repr(c) for c in choices)})
    return Said("config.type.valid")


def line_of(text: str, section: str | None, key: str | None) -> int | None:
    """Best-effort line number of `key` inside `[section]` (or of the section header)."""
    lines = text.splitlines()
    start = 0
    if section:
        pat = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(
            "(?:\"" + re.escape(p) + "\"|'" + re.escape(p) + "'|" + re.escape(p) + ")" for p in section.split(".")
        ) + r"\s*\]")
        for i, ln in enumerate(lines):
            if pat.match(ln):
                start = i
                if key is None:
                    return i + 1
                break
        else:
            return None
    if key is None:
        return None
    kpat = re.compile(r"^\s*(?:\"" + re.escape(key) + r"\"|'" + re.escape(key) + "'|" + re.escape(key) + r")\s*=")
    for i in range(start + (1 if section else 0), len(lines)):
        if section and lines[i].lstrip().startswith("["):
            break
        if kpat.match(lines[i]):
            return i + 1
    return None


@dataclass
class Config:
    """The merged, validated configuration."""

    file: Path | None = None
    database_path: Path = field(default_factory=default_database_path)
    database_group: str | None = None
    auto_reload: bool = True
    ui: dict[str, Any] = field(default_factory=dict)
    keymap: dict[str, str] = field(default_factory=dict)
    keymap_files: dict[str, Path] = field(default_factory=dict)  # binding id -> file that set it
    comparisons: dict[str, list[str]] = field(default_factory=dict)
    #: the built-in sources (kjc_tui/core/builtin_sources.toml) with kjc.toml's [sources.NAME] laid over them
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    http: dict[str, Any] = field(default_factory=dict)
    serve: dict[str, Any] = field(default_factory=dict)
    user_file: Path = field(default_factory=user_config_path)

    @property
    def language(self) -> str:
        return self.ui.get("language", "de")


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, _FILE, "not_utf8") from None
    except OSError as e:
        raise ConfigError(path, _FILE, "unreadable", detail=e.strerror) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        from kjc_tui.core.errors import explain, toml_position

        pos = toml_position(e)
        where = Said("config.column", {"n": str(pos[1])}) if pos else Said("config.syntax")
        raise ConfigError(path, where, "not_toml", pos[0] if pos else None, reason=explain(e)) from None


def validate(data: dict[str, Any], path: Path, text: str) -> None:
    """Raise ConfigError for the first unknown key or bad value."""

    def fail(section: str | None, key: str, code: str, **params: Any) -> None:
        full = f"{section}.{key}" if section else key
        raise ConfigError(path, full, code, line_of(text, section, key), **params)

    for section, body in data.items():
        if section in SPEC:
            if not isinstance(body, dict):
                fail(None, section, "not_table", table=section)
            for key, value in body.items():
                check = SPEC[section].get(key)
                if check is None:
                    fail(section, key, "unknown_key", allowed=", ".join(SPEC[section]))
                elif not check(value):
                    fail(section, key, "bad_value", value=repr(value), expected=_describe(check))
        elif section == "keymap":
            if not isinstance(body, dict):
                fail(None, section, "not_table", table=section)
            for key, value in body.items():
                if not isinstance(value, str) or not value.strip():
                    fail(section, key, "keys_as_text")
        elif section == "comparisons":
            if not isinstance(body, dict):
                fail(None, section, "not_table", table=section)
            for key, value in body.items():
                if not (isinstance(value, list) and 1 <= len(value) <= 4 and all(isinstance(v, str) for v in value)):
                    fail(section, key, "comparison_list")
        elif section == "sources":
            if not isinstance(body, dict):
                fail(None, section, "source_tables")
            for name, src in body.items():
                sec = f"sources.{name}"
                if not isinstance(src, dict):
                    fail("sources", name, "not_table", table=sec)
                kind = src.get("kind", _builtin_kinds().get(name))
                if kind is None:
                    builtin = ", ".join(_builtin_kinds()) or Said("config.none")
                    raise ConfigError(path, f"{sec}.kind", "kind_missing", line_of(text, sec, None), builtin=builtin)
                from kjc_tui.core import source_kinds  # the kinds' checks: only where sources are configured

                if kind not in source_kinds.KINDS:
                    known = ", ".join(sorted(source_kinds.KINDS)) or Said("config.none")
                    fail(sec, "kind", "unknown_kind", kind=repr(kind), known=known)
                allowed = source_kinds.KINDS[kind]
                for key, value in src.items():
                    if key == "kind":
                        continue
                    check = allowed.get(key)
                    if check is None and key in ("api_key", "key", "apikey") and "api_key_file" in allowed:
                        fail(sec, key, "key_in_file")
                    if check is None:
                        fail(sec, key, "unknown_source_key", kind=repr(kind), allowed=", ".join(sorted(allowed)))
                    elif not check(value):
                        fail(sec, key, "bad_value", value=repr(value), expected=_describe(check))
        else:
            fail(None, section, "unknown_section", allowed=", ".join([*SPEC, "keymap", "comparisons", "sources"]))


def find_config(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file by the lookup order; an explicit or $KJC_CONFIG file must exist."""
    for given in (explicit, os.environ.get("KJC_CONFIG")):
        if given:
            p = Path(given).expanduser()
            if not p.is_file():
                raise ConfigError(p, _FILE, "not_found")
            return p
    for p in (Path.cwd() / CONFIG_NAME, user_config_path()):
        if p.is_file():
            return p
    return None


def load(explicit: str | os.PathLike[str] | None = None) -> Config:
    """Find, read, validate and merge the configuration and the user's settings."""
    cfg = Config()
    found = find_config(explicit)
    layers: list[tuple[Path, dict[str, Any]]] = []
    if found is not None:
        data, text = _read(found)
        validate(data, found, text)
        layers.append((found, data))
        cfg.file = found
    user = user_config_path()
    if user.is_file() and (found is None or user.resolve() != found.resolve()):
        data, text = _read(user)
        validate(data, user, text)
        # the user's own file may set personal things only
        layers.append((user, {k: v for k, v in data.items() if k in ("ui", "keymap", "comparisons")}))
    configured: dict[str, dict[str, Any]] = {}
    builtin_cfg: dict[str, Any] = {}
    for path, data in layers:
        db = data.get("database", {})
        if "path" in db:
            p = Path(os.path.expandvars(db["path"])).expanduser()
            cfg.database_path = p if p.is_absolute() else (path.parent / p)
        cfg.database_group = db.get("group", cfg.database_group)
        cfg.auto_reload = db.get("auto_reload", cfg.auto_reload)
        cfg.ui.update(data.get("ui", {}))
        cfg.keymap.update(data.get("keymap", {}))
        cfg.keymap_files.update((binding_id, path) for binding_id in data.get("keymap", {}))
        cfg.comparisons.update(data.get("comparisons", {}))
        configured.update(data.get("sources", {}))
        builtin_cfg.update(data.get("builtin_sources", {}))
        cfg.http.update(data.get("http", {}))
        cfg.serve.update(data.get("serve", {}))
    cfg.sources = _with_builtin(configured, builtin_cfg)
    return cfg


def _builtin_kinds() -> dict[str, str]:
    from kjc_tui.core import builtin_sources

    return builtin_sources.kinds()


def _with_builtin(configured: dict[str, dict[str, Any]], settings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """kjc.toml's sources laid over the built-in ones. With [builtin_sources] enabled = false only kjc.toml's
    own sources; a table without kind (a change to a built-in source that is off) is then left out."""
    if not settings.get("enabled", True):
        return {name: src for name, src in configured.items() if "kind" in src}
    from kjc_tui.core import builtin_sources

    return builtin_sources.merge(builtin_sources.sources(settings.get("bases")), configured)


def check_keymap(cfg: Config, known: Collection[str]) -> None:
    """Raise ConfigError (file, key, line) for a `[keymap]` binding id the dashboard does not have.

    The ids live in the UI (kjc_tui.ui.binding_ids); the caller passes them, so that this module
    stays free of Textual.
    """
    for binding_id in cfg.keymap:
        if binding_id in known:
            continue
        path = cfg.keymap_files.get(binding_id, cfg.file or user_config_path())
        try:
            line = line_of(path.read_text(encoding="utf-8"), "keymap", binding_id)
        except OSError:
            line = None
        import difflib

        close = difflib.get_close_matches(binding_id, sorted(known), n=3)
        hint = Said("config.maybe", {"ids": ", ".join(close)}) if close else ""
        raise ConfigError(path, f"keymap.{binding_id}", "unknown_binding", line, hint=hint)


def save_user_settings(updates: dict[str, Any], path: Path | None = None) -> Path:
    """Merge `updates` ({section: {key: value}}) into the user's kjc.toml, atomically.

    A section given as None is removed; a key given as None is removed.
    """
    import tomli_w

    path = path or user_config_path()
    data: dict[str, Any] = {}
    if path.is_file():
        data, text = _read(path)
        validate(data, path, text)
    for section, values in updates.items():
        if values is None:
            data.pop(section, None)
            continue
        target = data.setdefault(section, {})
        for key, value in values.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
        if not target:
            data.pop(section)
    text = tomli_w.dumps(data)
    validate(tomllib.loads(text), path, text)
    atomic_write(path, text.encode("utf-8"))
    return path
