"""The layout shows the architecture (issue 22): generator/'s folders are layers, each importing only those below
it (every import counts, those inside functions and for type checking too), no two modules import each other,
and every folder says what lives there."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.kit import ROOT

GENERATOR = ROOT / "generator"
LAYERS = ["model", "policy", "selfcheck", "site", "commands"]
"""From the bottom up: a module may import its own folder and the folders before it."""


def modules(root: Path = GENERATOR) -> dict[str, Path]:
    out = {}
    for path in root.rglob("*.py"):
        if "tests" in path.relative_to(root).parts:
            continue
        name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def imports(root: Path = GENERATOR) -> dict[str, set[str]]:
    """Each module of the package: the package's modules it imports."""
    mods = modules(root)
    graph = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                found |= {f"{module}.{a.name}" if f"{module}.{a.name}" in mods else module for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in mods and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle (as a list of modules, the first again at the end)."""
    out, done = [], set()

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                out.append(path[path.index(nxt):] + [nxt])
            elif nxt not in done:
                walk(nxt, path + [nxt])
        done.add(node)

    for start in sorted(graph):
        if start not in done:
            walk(start, [start])
    return out


def layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) >= 2 and parts[1] in LAYERS else None


def upward(graph: dict[str, set[str]]) -> list[str]:
    return [f"{m} imports {d}" for m, deps in sorted(graph.items()) for d in sorted(deps)
            if layer(m) is not None and layer(d) is not None and layer(d) > layer(m)]


def test_no_module_imports_another_that_imports_it():
    assert cycles(imports()) == []


def test_each_folder_imports_only_the_folders_below_it():
    graph = imports()
    assert not upward(graph)
    # every module is in a layer, but the package's own entry points
    assert {m for m in graph if layer(m) is None} == {"generator", "generator.__main__"}


def test_every_folder_says_what_lives_there():
    for folder in [GENERATOR, *(p for p in GENERATOR.iterdir() if p.is_dir() and p.name not in ("__pycache__",))]:
        readme, init = folder / "README.md", folder / "__init__.py"
        said = readme.read_text(encoding="utf-8") if readme.exists() else \
            ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) if init.exists() else ""
        if folder.name in ("templates", "locales"):  # resources: the package's docstring says what they are
            said = ast.get_docstring(ast.parse((GENERATOR / "__init__.py").read_text(encoding="utf-8")))
            assert f"{folder.name}/" in said, folder
        assert said and len(said.split()) >= 30, f"{folder} says too little about what lives there"


def test_the_checks_see_a_cycle_and_an_upward_import(tmp_path):
    """The checks above can fail: a made-up package with both."""
    for name, text in {"__init__.py": "", "model/__init__.py": "from pkg.policy import load\n", "policy/__init__.py": "",
                       "policy/load.py": "def f():\n    from . import asof\n", "policy/asof.py": "from .load import f\n"}.items():
        (tmp_path / "pkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "pkg" / name).write_text(text, encoding="utf-8")
    graph = imports(tmp_path / "pkg")
    assert cycles(graph) == [["pkg.policy.load", "pkg.policy.asof", "pkg.policy.load"]]
    assert upward(graph) == ["pkg.model imports pkg.policy.load"]
