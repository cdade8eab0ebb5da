"""The house rules, checked by machine (ARCHITECTURE.md, "Rules").

* import contracts (pyproject.toml, `lint-imports`): the layers import only downwards; no
  Textual or Rich below ui/; no DuckDB in ui/ — and a forbidden import in a temporary
  module really breaks them;
* importing every non-UI module loads no Textual (as Harlequin checks its own);
* no SQL text in ui/;
* `scripts/layer_imports.py` lists each layer's imports and finds no upward one.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kjc_tui"
NON_UI = ("core", "ingest", "db", "sources", "read", "documents")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package under `cwd` (its own pyproject.toml), in a fresh process."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, timeout=300)


def test_import_contracts_hold() -> None:
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's sources and pyproject.toml in a temporary directory, to break on purpose."""
    tmp = tmp_path_factory.mktemp("house")
    shutil.copytree(PACKAGE, tmp / "kjc_tui", ignore=shutil.ignore_patterns("__pycache__", "_embedded"))
    shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp


@pytest.mark.parametrize("where, body, contract", [
    ("core/_forbidden.py", "import textual\n", "No Textual or Rich below ui/"),
    ("read/_forbidden.py", "from rich.text import Text\n", "No Textual or Rich below ui/"),
    ("db/_forbidden.py", "def f():\n    from kjc_tui.read import queries  # lazy, still upward\n", "Layers"),
    ("read/_forbidden.py", "from kjc_tui.sources import run\n", "Layers"),
    ("core/_forbidden.py", "from kjc_tui.ui import i18n\n", "Layers"),
    ("ui/_forbidden.py", "import duckdb\n", "No DuckDB in ui/"),
])
def test_a_forbidden_import_breaks_a_contract(package_copy: Path, where: str, body: str, contract: str) -> None:
    module = package_copy / "kjc_tui" / where
    module.write_text(body)
    try:
        run = lint_imports(package_copy)
    finally:
        module.unlink()
    assert run.returncode != 0
    broken = [line for line in run.stdout.splitlines() if line.endswith("BROKEN")]
    assert len(broken) == 1 and broken[0].startswith(contract), run.stdout
    assert "kjc_tui." + where.removesuffix(".py").replace("/", ".") in run.stdout


def test_the_data_layers_load_no_textual() -> None:
    """Import every module of core, ingest, db, sources, read and documents; Textual and Rich stay out."""
    names = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for layer in NON_UI for p in (PACKAGE / layer).rglob("*.py"))
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n    importlib.import_module(name)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'textual_serve'}))")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert len(names) > 40 and run.stdout.strip() == "[]"


#: an SQL statement in a string: a keyword that starts one and one that belongs to it
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|COPY|ATTACH|PRAGMA|SUMMARIZE|DESCRIBE)\b.*"
                 r"\b(FROM|INTO|VALUES|SET|TABLE|TO|WHERE)\b|\bFROM\s+\w+\s+(WHERE|JOIN|GROUP|ORDER)\b", re.S)


def sql_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.value[:60]) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and SQL.search(n.value)]


def test_no_sql_in_the_ui() -> None:
    found = {str(p.relative_to(ROOT)): hits for p in (PACKAGE / "ui").rglob("*.py") if (hits := sql_strings(p))}
    assert found == {}
    # the pattern does find SQL where it belongs (a check that cannot fail proves nothing)
    assert sum(len(sql_strings(p)) for p in (PACKAGE / "read").rglob("*.py")) > 20
    assert sql_strings(PACKAGE / "read" / "queries.py")


def test_layer_listing_shows_each_layer_and_no_upward_import(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "layer_imports.py"
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    blocks = {name: (layers, packages.split(", ")) for name, layers, packages
              in re.findall(r"^(\w+):\n  layers:   (.*)\n  packages: (.*)$", run.stdout, re.M)}
    assert set(blocks) == {"cli", "ui", "documents", "sources", "read", "db", "ingest", "core"}
    assert blocks["core"][0] == "–" and blocks["documents"][0] == "read, db, core"
    assert "textual" in blocks["ui"][1] and "duckdb" not in blocks["ui"][1]
    assert all("textual" not in blocks[layer][1] for layer in NON_UI)
    # the same script on a copy with an upward import names it and fails
    shutil.copytree(PACKAGE, tmp_path / "kjc_tui", ignore=shutil.ignore_patterns("__pycache__", "_embedded"))
    (tmp_path / "kjc_tui" / "ingest" / "_up.py").write_text("from kjc_tui.db import store\n")
    run = subprocess.run([sys.executable, str(script), "--root", str(tmp_path / "kjc_tui")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "UPWARD: kjc_tui.ingest._up (ingest) imports db" in run.stderr


def test_one_is_loopback() -> None:
    """The sources (secret headers only over https unless local) and `serve` (the no-login
    warning) ask the same function whether a host is this machine."""
    from kjc_tui.cli import serve
    from kjc_tui.core import net
    from kjc_tui.sources import http

    assert serve.is_loopback is net.is_loopback and http.is_loopback is net.is_loopback
    assert net.is_loopback("LOCALHOST.") and net.is_loopback("[::1]") and net.is_loopback("127.1.2.3")
    assert not net.is_loopback("localhost.example.org") and not net.is_loopback("0.0.0.0")
