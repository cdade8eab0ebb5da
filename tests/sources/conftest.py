"""A real HTTP server on 127.0.0.1 in the test process, and an isolated configuration per test.

Every test of the sources talks only to this server (127.0.0.0/8): proxy variables are
removed, the cache goes to the test's temporary directory. The server, its replies and the
config writers live in `source_server` (tests import them from there, not from a conftest).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ for `dataset`
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/sources/ for `source_server`

from dataset import build_db  # noqa: E402
from kjc_tui.db import snapshot  # noqa: E402
from source_server import FixtureServer, Sleeps  # noqa: E402

EXTRA_DEFS = """code,name_de,unit,higher_is_better,indicator_group,sort_order,source,as_of
STELLEN,Offene Stellen (Jobsuche),count,,Arbeitsmarkt,10,https://example.org/k,2025-01-01
ALO_SGB2,Arbeitslose im Rechtskreis SGB II,count,false,Arbeitsmarkt,11,https://example.org/k,2025-01-01
ALQ_SGB2,Arbeitslosenquote SGB II,percent,false,Arbeitsmarkt,12,https://example.org/k,2025-01-01
"""


@pytest.fixture(scope="session")
def server() -> Any:
    s = FixtureServer()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("KJC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KJC_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def master_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny data set plus the STELLEN indicator, built once and copied per test."""
    tmp = tmp_path_factory.mktemp("master")
    db = build_db(tmp)
    defs = tmp / "defs.csv"
    defs.write_text(EXTRA_DEFS, encoding="utf-8")
    snapshot.load(db, [defs])
    return db


@pytest.fixture()
def db(master_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "kjc.duckdb"
    target.write_bytes(master_db.read_bytes())
    return target


@pytest.fixture()
def sleeps() -> Sleeps:
    return Sleeps()
