"""The dependency rules of DESIGN.md ("Layout"), checked on the source by an AST scan.

- No import cycle between the modules of ``runcoach`` and ``actors``.
- Between domains, the order is DESIGN.md's: a domain imports only itself and the domains
  before it. A later domain that must react to an earlier one's write is reached through
  an event (``runcoach.events``), a job named by its actor, or a hook connected by the
  composition root (``runcoach.hooks``, ``runcoach.wiring``).
- The core (the modules of ``runcoach`` outside the domains) imports no domain, except
  the composition root: ``runcoach.app`` and ``runcoach.wiring``.
- Only the composition root imports ``actors``; the domains enqueue by actor name.
- Sanic lives at the edge: routes, websocket modules, and the app's HTTP plumbing.
- No domain imports another domain's routes or websocket module.

Imports inside ``if TYPE_CHECKING:`` are not followed (they never run); imports inside
functions are (they run, later).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.support.servers import ROOT

ORDER = (
    "athletes",
    "auth",
    "entitlements",
    "workouts",
    "metrics",
    "devices",
    "training",
    "leaderboard",
    "plans",
    "coach",
    "notifications",
    "sync",
    "billing",
    "teams",
    "dashboard",
)
"""DESIGN.md: "a domain may call the services of those before it, never after"."""

CORE_PACKAGES = frozenset({"llm"})
"""Packages of ``runcoach`` below every domain (the LLM port, like ``cache`` or ``jobs``)."""

COMPOSITION_ROOT = frozenset({"runcoach.app", "runcoach.wiring"})

SANIC_PACKAGES = ("sanic", "sanic_ext", "sanic_routing", "sanic_testing")
SANIC_CORE = frozenset(
    {
        "runcoach.app",
        "runcoach.web",
        "runcoach.health",
        "runcoach.http_cache",
        "runcoach.sockets",
        "runcoach.openapi",
    }
)
EDGE_MODULES = frozenset({"routes", "ws"})
"""A domain's entry points over HTTP and websockets (``<domain>/routes.py``, ``ws.py``)."""


# --- the scan ---------------------------------------------------------------------------


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, package: str) -> Iterable[str]:
    """Every module name an import statement of ``tree`` names (``package``: its own)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join([*base, *([node.module] if node.module else [])])
            else:
                prefix = node.module or ""
            yield prefix
            yield from (f"{prefix}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))


def import_graph(root: Path, packages: Iterable[str]) -> dict[str, set[str]]:
    """Module -> the modules of ``packages`` it imports (a name imported from a module
    counts as that module unless it is a submodule)."""
    files = {
        module_name(root, path): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    }
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for imported in _imports(ast.parse(path.read_text(), filename=str(path)), package):
            while imported and imported not in files:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                found.add(imported)
        graph[name] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def domain_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "runcoach" and len(parts) > 1 and parts[1] in ORDER:
        return parts[1]
    return None


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(ROOT, ("runcoach", "actors"))


def _edges(graph: dict[str, set[str]]) -> Iterable[tuple[str, str]]:
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            yield source, target


# --- the rules --------------------------------------------------------------------------


def test_the_scan_sees_the_service(graph: dict[str, set[str]]) -> None:
    assert "runcoach.workouts.service" in graph
    assert "runcoach.jobs" in graph["runcoach.workouts.service"]
    assert "runcoach.plans.generation" in graph["actors.plans"]


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    assert cycles(graph) == []


def test_a_planted_cycle_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("from .. import c\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nimport pkg.a\nif TYPE_CHECKING:\n    import pkg.d\n"
    )
    (package / "d.py").write_text("import pkg.c\n")  # c -> d only for the type checker
    assert cycles(import_graph(tmp_path, ["pkg"])) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_every_package_is_a_domain_or_the_core() -> None:
    packages = {p.parent.name for p in (ROOT / "runcoach").glob("*/__init__.py")}
    unknown = packages - set(ORDER) - CORE_PACKAGES
    assert not unknown, f"place these in DESIGN.md's order or the core: {sorted(unknown)}"


def test_domains_import_only_themselves_and_earlier_domains(graph: dict[str, set[str]]) -> None:
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges(graph)
        if (a := domain_of(source)) is not None
        and (b := domain_of(target)) is not None
        and ORDER.index(b) > ORDER.index(a)
    ]
    assert wrong == []


def test_the_core_imports_no_domain(graph: dict[str, set[str]]) -> None:
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges(graph)
        if source.startswith("runcoach")
        and domain_of(source) is None
        and source not in COMPOSITION_ROOT
        and (domain_of(target) is not None or target.startswith("actors"))
    ]
    assert wrong == []


def test_only_the_composition_root_imports_actors(graph: dict[str, set[str]]) -> None:
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges(graph)
        if source.startswith("runcoach")
        and source not in COMPOSITION_ROOT
        and (target == "actors" or target.startswith("actors."))
    ]
    assert wrong == []


def test_sanic_only_at_the_edge() -> None:
    wrong = set()
    for path in sorted((ROOT / "runcoach").rglob("*.py")):
        name = module_name(ROOT, path)
        if name in SANIC_CORE or (domain_of(name) and path.stem in EDGE_MODULES):
            continue
        package = name.rpartition(".")[0]
        for imported in _imports(ast.parse(path.read_text()), package):
            if imported.split(".")[0] in SANIC_PACKAGES:
                wrong.add(f"{name} imports {imported.split('.')[0]}")
    assert sorted(wrong) == []


def test_no_domain_imports_another_domains_edge(graph: dict[str, set[str]]) -> None:
    wrong = [
        f"{source} -> {target}"
        for source, target in _edges(graph)
        if domain_of(target) is not None
        and target.rpartition(".")[2] in EDGE_MODULES
        and source not in COMPOSITION_ROOT
        and domain_of(source) != domain_of(target)
    ]
    assert wrong == []
