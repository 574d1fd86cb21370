"""The shape of the code: no import cycles, and a store made of repositories."""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import pytest

import newsdesk
from newsdesk.store import SqliteStore
from newsdesk.store.database import Database, Repository
from newsdesk.store.sqlite import REPOSITORIES

SRC = Path(newsdesk.__file__).resolve().parent
LIFECYCLE = {"close", "db", "path", "schema_version"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = ["newsdesk", *path.relative_to(SRC).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of the package ``name`` imports: at module level, inside functions and
    under ``TYPE_CHECKING`` alike (a lazy import is still a dependency)."""
    deps: set[str] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            deps.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
            deps.add(base)
            deps.update(f"{base}.{alias.name}" for alias in node.names)
    return {d for d in deps if d in modules and d != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
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

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for v in sorted(graph):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_architecture_cycle_finder_sees_a_lazy_import_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_architecture_lazy_and_type_checking_imports_count(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from newsdesk.x import A\n"
        "def f():\n    from . import y\n",
        encoding="utf-8",
    )
    modules = {"newsdesk.x": path, "newsdesk.y": path, "newsdesk.mod": path}
    assert _imports("newsdesk.mod", path, modules) == {"newsdesk.x", "newsdesk.y"}


def test_architecture_has_no_import_cycles() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _cycles(graph) == []


def test_architecture_store_is_lifecycle_and_repositories(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        public = {name for name in dir(store) if not name.startswith("_")}
        assert public == LIFECYCLE | set(REPOSITORIES)
        assert isinstance(store.db, Database)
        for name in REPOSITORIES:
            repository = getattr(store, name)
            assert isinstance(repository, Repository)
            assert repository.db is store.db  # one database: one writer, one reader pool


def test_architecture_store_class_has_no_table_methods() -> None:
    methods = {
        name
        for name, member in inspect.getmembers(SqliteStore)
        if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property))
    }
    assert methods <= LIFECYCLE


@pytest.mark.parametrize("name", sorted(REPOSITORIES))
def test_architecture_repository_methods_have_one_home(name: str) -> None:
    """Each repository's methods are its own: no name is served by two repositories."""
    mine = {m for m in vars(REPOSITORIES[name]) if not m.startswith("_")}
    for other, cls in REPOSITORIES.items():
        if other != name:
            assert not mine & {m for m in vars(cls) if not m.startswith("_")}, other


# the web desk opens its one concrete store here; every other web and mail module depends
# on the narrow protocols of newsdesk.store.protocols
STORE_OPENERS = {"newsdesk.web.desk"}
CONCRETE = {"SqliteStore", "Database", *(cls.__name__ for cls in REPOSITORIES.values())}


def _imported_names(path: Path) -> set[str]:
    """Every module and name a file imports (lazy and TYPE_CHECKING imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
            names.update(alias.name for alias in node.names)
    return names


def test_architecture_web_and_mail_depend_on_store_protocols_only() -> None:
    offenders = {
        name: sorted(found)
        for name, path in _modules().items()
        if name.startswith(("newsdesk.web.", "newsdesk.mail.")) and name not in STORE_OPENERS
        if (
            found := {
                n
                for n in _imported_names(path)
                if n in CONCRETE or n in {"newsdesk.store.sqlite", "newsdesk.store.database"}
            }
        )
    }
    assert offenders == {}


def test_architecture_store_protocol_check_sees_a_concrete_import(tmp_path: Path) -> None:
    path = tmp_path / "handler.py"
    path.write_text("def f():\n    from newsdesk.store import SqliteStore\n")
    assert _imported_names(path) & CONCRETE == {"SqliteStore"}
