"""The project's shape, pinned: each package imports only the packages below it, no module
imports itself back through others, and no module grows past 400 lines.

Read from the source (every `import`, also inside functions and under TYPE_CHECKING), not
from what happens to be loaded, so an arrow that only a rarely run path takes still counts.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each package and the packages of ours it may import. Start-up (kuntabotti/) sits on top and
# nothing imports it; the console sits on the runtime; nlu and the task store on nothing.
MAY_IMPORT: dict[str, set[str]] = {
    "kuntabotti": {"console", "bot", "actions", "content", "taskstore", "nlu"},
    "console": {"bot", "actions", "content", "taskstore", "nlu"},
    "bot": {"actions", "content", "taskstore", "nlu"},
    "actions": {"content", "taskstore", "nlu"},
    "content": {"nlu"},
    "taskstore": set(),
    "nlu": set(),
}
# Tools above the product: they may import any package, and none of the product imports them.
TOOLS = ("bench", "scripts")
MAX_LINES = 400
# Generated schema history is exempt from the size rule; so would be a pure translation table.
EXEMPT = ("taskstore/migrations/",)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources(tops: tuple[str, ...]) -> Iterator[Path]:
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            if not any(part.startswith(".") for part in path.relative_to(ROOT).parts):
                yield path


def _imports(path: Path, modules: set[str]) -> set[str]:
    """Modules of ours that `path` imports; `from package import submodule` counts as the
    submodule (not the package's __init__)."""
    name = _module_name(path)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".")
                if path.name != "__init__.py":
                    package = package[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
    return {m for m in found if m in modules and m != name}


def _graph(tops: tuple[str, ...]) -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in _sources(tops)}
    modules = set(paths)
    return {name: _imports(path, modules) for name, path in paths.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


PRODUCT = tuple(MAY_IMPORT)


def test_every_package_of_ours_is_placed_in_a_layer() -> None:
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", *TOOLS}
    assert packages == set(MAY_IMPORT)


def test_packages_import_only_the_packages_below_them() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _graph(PRODUCT).items()
        for target in targets
        if (top := target.split(".")[0]) != module.split(".")[0]
        and top not in MAY_IMPORT[module.split(".")[0]]
    )
    assert wrong == []


def test_no_import_cycles() -> None:
    assert _cycles(_graph((*PRODUCT, *TOOLS))) == []


def test_no_module_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in _sources((*PRODUCT, *TOOLS))
        if not str(path.relative_to(ROOT)).startswith(EXEMPT)
        and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_checks_see_what_they_check() -> None:
    """A rule that finds no imports would pass on anything: the graph must hold the arrows
    we know are there, and the cycle finder must find a cycle when there is one."""
    graph = _graph(PRODUCT)
    assert "bot.web" in graph["bot.rest"]
    assert "console.auth" in graph["console"]  # `from console import auth` is the submodule
    assert "kuntabotti.app" in graph["kuntabotti.run"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
