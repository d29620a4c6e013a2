"""The folders are the architecture: the pure model at the bottom, then reading files, building
documents, writing them, the data exports, and the command line on top. Imports point down the
layers only (type-only imports included), and no modules import each other in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "spreadkit"
LAYERS = ("model", "readers", "documents", "writers", "exports", "cli")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def _imports() -> dict[str, set[str]]:
    modules = {_module(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 2 and parts[1] in LAYERS else None


def test_every_module_sits_in_a_layer() -> None:
    loose = [
        name
        for name in _imports()
        if _layer(name) is None
        and name not in ("spreadkit", "spreadkit.__main__")
        and not name.endswith(tuple(f".{layer}" for layer in LAYERS))
    ]
    assert loose == []


def test_imports_point_down_the_layers() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in _imports().items()
        for target in targets
        if (low := _layer(name)) is not None and (high := _layer(target)) is not None and high > low
    ]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph = _imports()
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                circles.append(path[path.index(target) :])
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert circles == []
