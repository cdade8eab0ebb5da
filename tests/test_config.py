"""kjc.toml: lookup order, validation naming key and line, atomic user settings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kjc_tui.core import config
from kjc_tui.core.config import ConfigError


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults_without_any_file(tmp_path):
    cfg = config.load()
    assert cfg.file is None
    assert cfg.database_path == tmp_path / "xdg-data" / "kjc-tui" / "kjc.duckdb"
    assert cfg.language == "de"


def test_lookup_order(tmp_path, monkeypatch):
    user = config.user_config_path()
    user.parent.mkdir(parents=True)
    user.write_text('[ui]\nlanguage = "en"\n')
    assert config.load().file == user
    (tmp_path / "kjc.toml").write_text('[database]\npath = "shared.duckdb"\n')
    cfg = config.load()
    assert cfg.file == tmp_path / "kjc.toml"
    assert cfg.database_path == tmp_path / "shared.duckdb"
    assert cfg.language == "en"          # the user's own settings still apply
    env = tmp_path / "env.toml"
    env.write_text('[database]\npath = "/srv/kjc/kjc.duckdb"\n')
    monkeypatch.setenv("KJC_CONFIG", str(env))
    assert config.load().database_path == Path("/srv/kjc/kjc.duckdb")
    explicit = tmp_path / "explicit.toml"
    explicit.write_text("")
    assert config.load(explicit).file == explicit
    with pytest.raises(ConfigError, match="nicht gefunden"):
        config.load(tmp_path / "missing.toml")


@pytest.mark.parametrize("text, key, line, reason", [
    ('[ui]\nlanguage = "de"\ncolour = "red"\n', "ui.colour", 3, "unbekannter Schlüssel"),
    ('\n[ui]\nlanguage = "fr"\n', "ui.language", 3, "ungültiger Wert 'fr'"),
    ('[ui]\nstart_district = 6437\n', "ui.start_district", 2, "fünfstelliger Kreisschlüssel"),
    ('[databse]\npath = "x"\n', "databse", None, "unbekannter Abschnitt"),
    ('[serve]\nport = 70000\n', "serve.port", 2, "Portnummer"),
    ('[comparisons]\nx = ["06437", "06535", "06412", "06411", "06413"]\n', "comparisons.x", 2, "1 bis 4"),
    ('[ui\nlanguage = "de"\n', "Spalte 4", 1, "kein gültiges TOML: ']' fehlt am Ende der Tabellenüberschrift"),
    ('[ui]\nlanguage = de\n', "Spalte 12", 2, "kein gültiges TOML: ungültiger Wert"),
])
def test_errors_name_key_file_and_line(tmp_path, text, key, line, reason):
    f = tmp_path / "kjc.toml"
    f.write_text(text)
    with pytest.raises(ConfigError) as e:
        config.load(f)
    assert e.value.key == key and e.value.line == line and reason in e.value.reason
    assert str(f) in str(e.value)


def test_save_user_settings_is_atomic_merge_and_private():
    path = config.save_user_settings({"ui": {"theme": "nord", "language": "en"}})
    config.save_user_settings({"comparisons": {"Süd": ["06437", "group:kjc"]}, "ui": {"language": None}})
    data = tomllib.loads(path.read_text())
    assert data == {"ui": {"theme": "nord"}, "comparisons": {"Süd": ["06437", "group:kjc"]}}
    assert (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["kjc.toml"]
    cfg = config.load()
    assert cfg.ui["theme"] == "nord" and cfg.comparisons["Süd"] == ["06437", "group:kjc"]


def test_save_refuses_bad_values_and_keeps_file():
    path = config.save_user_settings({"ui": {"theme": "nord"}})
    before = path.read_bytes()
    with pytest.raises(ConfigError):
        config.save_user_settings({"ui": {"language": "xx"}})
    assert path.read_bytes() == before


def test_repository_kjc_toml_is_valid():
    repo_toml = Path(__file__).parents[1] / "kjc.toml"
    cfg = config.load(repo_toml)
    assert cfg.file == repo_toml


def test_unknown_keymap_id_is_an_error_naming_key_file_and_line(tmp_path):
    user = config.user_config_path()
    user.parent.mkdir(parents=True)
    user.write_text('[ui]\nlanguage = "de"\n\n[keymap]\n"app.help" = "f1"\n"app.nope" = "f9"\n')
    cfg = config.load()
    with pytest.raises(ConfigError) as e:
        config.check_keymap(cfg, {"app.help", "app.quit", "app.nop"})
    assert (e.value.file, e.value.key, e.value.line) == (str(user), "keymap.app.nope", 6)
    assert "unbekannte Tasten-ID" in e.value.reason and "app.nop" in e.value.reason
    config.check_keymap(cfg, {"app.help", "app.nope"})   # known ids pass


def test_cli_refuses_an_unknown_keymap_id_with_the_ids_of_the_dashboard(tmp_path, capsys):
    from kjc_tui.cli.main import EXIT_ERROR, main

    (tmp_path / "kjc.toml").write_text('[keymap]\n"app.help" = "f1"\n"tables.sortx" = "f9"\n')
    assert main(["info"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"{tmp_path / 'kjc.toml'}, Zeile 3: keymap.tables.sortx: unbekannte Tasten-ID" in err
    assert "tables.sort" in err          # close matches come from the widgets' own bindings


def test_binding_ids_cover_every_binding_of_the_dashboard():
    from kjc_tui.ui import keys
    from kjc_tui.ui.binding_ids import binding_ids
    from kjc_tui.ui.views.tables import TablesView

    ids = binding_ids()
    assert {k.id for k in keys.KEYS} <= ids
    assert {b.id for b in TablesView.BINDINGS if b.id} <= ids
    # every binding with an id that a widget of ours defines comes from the registry
    import importlib
    import pkgutil

    import kjc_tui.ui as ui
    from textual.binding import Binding
    from textual.dom import DOMNode

    for mod in pkgutil.walk_packages(ui.__path__, ui.__name__ + "."):
        importlib.import_module(mod.name)
    classes: list[type] = [DOMNode]
    while classes:
        cls = classes.pop()
        classes.extend(cls.__subclasses__())
        if cls.__module__.startswith("kjc_tui."):
            own = {b.id for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])) if b.id}
            assert own <= ids, (cls.__name__, own - ids)
