"""Shared fixtures.

* `embedded_db`: a database built once per session from the embedded `data/*.csv`
  (through `kjc_tui.db.snapshot`, as `kjc-tui` does on first start).
* `ui_db`: the small fixed UI data set of `tests/uidata.py` (deterministic, for snapshots).
* `ui_db_copy`: a private copy of it for tests that replace or delete the file.
* `user_config`: a `Config` whose user settings file lives in the test's tmp directory,
  so tests never write the real ~/.config/kjc-tui/kjc.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import uidata


@pytest.fixture(scope="session")
def embedded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kjc_tui.db import snapshot

    try:
        files = snapshot.embedded_files()
    except snapshot.SnapshotError:
        pytest.skip("the embedded data/ is missing")
    db = tmp_path_factory.mktemp("embedded") / "kjc.duckdb"
    snapshot.build(db, files)
    return db


@pytest.fixture(scope="session")
def ui_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return uidata.build(tmp_path_factory.mktemp("uidata"))


@pytest.fixture
def ui_db_copy(ui_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "db" / "kjc.duckdb"
    target.parent.mkdir()
    shutil.copyfile(ui_db, target)
    return target


@pytest.fixture
def user_config(tmp_path: Path):
    from kjc_tui.core.config import Config

    return Config(user_file=tmp_path / "user" / "kjc.toml", database_path=tmp_path / "missing.duckdb")


@pytest.fixture(autouse=True)
def _no_real_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The built-in sources' base addresses point at a closed local port in every test: no test ever
    reaches sgb2.info, the BA or Destatis (a test that serves them sets its own base)."""
    from kjc_tui.core.builtin_sources import ENV_PREFIX, default_bases

    for name in default_bases():
        monkeypatch.setenv(ENV_PREFIX + name.upper(), "http://127.0.0.1:9")


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A command-line run that finds no user configuration or data and works in `tmp_path`."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path
