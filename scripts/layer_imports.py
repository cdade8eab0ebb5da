#!/usr/bin/env python3
"""List what each layer of kjc_tui imports: the other layers (with the modules that do it)
and the outside packages.  Reads the source (no import), so it works without the
dependencies installed.

    python3 scripts/layer_imports.py            # one block per layer
    python3 scripts/layer_imports.py --modules  # and the importing modules of each edge

The rules these imports must follow are in ARCHITECTURE.md ("Rules") and are checked by
`lint-imports` (contracts in pyproject.toml) and tests/test_architecture.py.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

#: the layers from the top down, as ARCHITECTURE.md draws them; a layer may import only the
#: tiers below its own (sources and read are one tier: neither imports the other)
TIERS = (("cli",), ("ui",), ("documents",), ("sources", "read"), ("db",), ("ingest",), ("core",))
ORDER = tuple(layer for tier in TIERS for layer in tier)
RANK = {layer: i for i, tier in enumerate(TIERS) for layer in tier}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, package: str) -> set[str]:
    """Absolute module names imported by one file (relative imports resolved), at any depth
    (also those inside functions: a lazy import is still an import)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                out.add(node.module)
    return out


def layer_imports(root: Path) -> dict[str, dict[str, set[str]]]:
    """layer → imported layer or outside package → the modules of the layer that import it."""
    result: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        parts = name.split(".")
        layer = parts[1] if len(parts) > 1 and (root / parts[1]).is_dir() else "(top)"
        package = name if path.name == "__init__.py" else ".".join(parts[:-1])
        for target in imports(path, package):
            t = target.split(".")
            if t[0] == root.name:
                if len(t) > 1 and t[1] != layer and (root / t[1]).is_dir():
                    result[layer][t[1]].add(name)
            elif t[0] not in sys.stdlib_module_names and t[0] != "__future__":
                result[layer][t[0]].add(name)
    return result


def upward(found: dict[str, dict[str, set[str]]]) -> list[tuple[str, str, str]]:
    """(layer, imported layer, module) for every import of a layer in the same tier or above."""
    return [(layer, target, m)
            for layer, targets in found.items() if layer in RANK
            for target, modules in targets.items() if target in RANK and RANK[target] <= RANK[layer]
            for m in sorted(modules)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1] / "kjc_tui")
    ap.add_argument("--modules", action="store_true", help="name the importing modules of each edge")
    args = ap.parse_args(argv)
    found = layer_imports(args.root)
    for layer in sorted(found, key=lambda x: ORDER.index(x) if x in ORDER else -1):
        targets = found[layer]
        inner = [t for t in ORDER if t in targets]
        outer = sorted(t for t in targets if t not in ORDER)
        print(f"{layer}:")
        print(f"  layers:   {', '.join(inner) or '–'}")
        print(f"  packages: {', '.join(outer) or '–'}")
        if args.modules:
            for t in inner + outer:
                print(f"    {t} ← {', '.join(sorted(targets[t]))}")
    bad = upward(found)
    for layer, target, module in bad:
        print(f"UPWARD: {module} ({layer}) imports {target}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
