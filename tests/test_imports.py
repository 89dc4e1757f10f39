"""Imports in ``src/lvnews`` run one way (issue #14): no module imports a module that
imports it back, at top level or inside a function.

An import inside a function hides a circle from Python until that function runs,
so the graph is built from the source with ``ast``, every import statement
included; only ``if TYPE_CHECKING:`` blocks are left out (they never run).
A second check collapses modules to their subpackage (``lvnews.batch``,
``lvnews.entities`` ...): subpackages share what they share through a lower
module, not by importing each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "lvnews"


def module_files(src: Path = SRC, package: str = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> its file, for every module of ``package`` (``__init__`` is the package)."""
    modules = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: at any depth, outside ``if TYPE_CHECKING:``
    (its ``else`` branch does run, so it is kept)."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))
    return found


def imported_names(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The dotted names an import statement may load: ``from .x import y`` is ``pkg.x.y``
    (a submodule) or ``pkg.x`` (a name in it); the caller keeps the first that is a module."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        origin = ".".join(base + ([node.module] if node.module else []))
    else:
        origin = node.module or ""
    return [f"{origin}.{alias.name}" for alias in node.names] + [origin]


def _nearest_module(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports (``from . import x`` counts as x)."""
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        deps: set[str] = set()
        for node in import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = imported_names(module, is_package, node)
            if isinstance(node, ast.ImportFrom):
                # a submodule if one is named, else the module the names come from
                targets = [n for n in names[:-1] if n in modules] or [names[-1]]
            else:
                targets = names
            deps.update(t for n in targets if (t := _nearest_module(n, modules)) and t != module)
        graph[module] = deps
    return graph


def collapse(graph: dict[str, set[str]], depth: int = 2) -> dict[str, set[str]]:
    """The graph between the first ``depth`` name parts (``lvnews.batch.pool`` -> ``lvnews.batch``)."""
    def top(name: str) -> str:
        return ".".join(name.split(".")[:depth])

    collapsed: dict[str, set[str]] = {}
    for module, deps in graph.items():
        edges = collapsed.setdefault(top(module), set())
        edges.update(top(d) for d in deps if top(d) != top(module))
    return collapsed


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


def format_circles(graph: dict[str, set[str]], components: list[list[str]]) -> str:
    lines = []
    for component in components:
        lines.append(" <-> ".join(component))
        lines += [f"    {m} -> {', '.join(sorted(graph[m] & set(component)))}" for m in component]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(module_files())


def test_the_graph_sees_imports_inside_functions_and_skips_type_checking(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .a import f\n")
    (pkg / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import g\n"
                              "def f():\n    from .sub import c\n    return c\n")
    (pkg / "b.py").write_text("def g():\n    from . import a\n    return a\n")
    (pkg / "version.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text("from ..version import x\nimport pkg.sub\n")
    found = import_graph(module_files(tmp_path, "pkg"))
    assert found == {"pkg": {"pkg.a"}, "pkg.a": {"pkg.sub.c"}, "pkg.b": {"pkg.a"}, "pkg.sub": set(),
                     "pkg.sub.c": {"pkg.version", "pkg.sub"}, "pkg.version": set()}
    assert circles(found) == []
    found["pkg.a"].add("pkg.b")  # what the TYPE_CHECKING import would be if it ran
    assert circles(found) == [["pkg.a", "pkg.b"]]
    found["pkg.version"].add("pkg.a")  # and a circle through a subpackage, seen both ways
    assert circles(found) == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.version"]]
    assert circles(collapse(found)) == [["pkg.a", "pkg.b", "pkg.sub", "pkg.version"]]


def test_no_module_imports_a_module_that_imports_it_back(graph):
    found = circles(graph)
    assert not found, "import circles between lvnews modules:\n" + format_circles(graph, found)


def test_no_subpackage_imports_a_subpackage_that_imports_it_back(graph):
    # entities and facts share their word lists through lvnews.lexicon, below both.
    packages = collapse(graph)
    found = circles(packages)
    assert not found, "import circles between lvnews subpackages:\n" + format_circles(packages, found)
