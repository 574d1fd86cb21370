"""Rewrite callers of the old one-class store API to the repositories (re-runnable).

``store.add_source(...)`` -> ``store.articles.add_source(...)``,
``store.reader()`` -> ``store.db.reader()``, for every public method of every
repository listed in ``newsdesk.store.sqlite.REPOSITORIES``. A receiver counts as
a store when its source text ends in ``store`` (``store``, ``self.store``,
``live_store``, ``_desk(request).store``, ``SqliteStore(path)``, …). Running it
twice changes nothing: an old method that shares its name with a repository
(``store.stories(...)``) is rewritten only where it is called directly.

Usage: python tools/store_codemod.py [--check] PATH...   (files or folders)
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "src" / "newsdesk" / "store"
RECEIVER = re.compile(r"(?i)(store|SqliteStore\(.*\)|DeskStore\(.*\))$", re.S)
CLASSES = re.compile(r"^[A-Z]\w*$")  # SqliteStore.method: a class attribute, left alone
LIFECYCLE = {"close", "path", "schema_version", "db"}
# the old store's private connection attributes -> the database's
PRIVATE = {"_transaction": "db.transaction", "_writer": "db.writer", "_lock": "db.lock"}


def method_map() -> tuple[dict[str, str], set[str]]:
    """Old method name -> repository attribute, read from sqlite.py's REPOSITORIES."""
    sqlite = ast.parse((STORE / "sqlite.py").read_text())
    repos: dict[str, str] = {}  # class -> attribute
    modules: dict[str, str] = {}  # class -> module file
    for node in sqlite.body:
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("newsdesk.store.")
        ):
            for alias in node.names:
                modules[alias.name] = node.module.rsplit(".", 1)[1] + ".py"
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "REPOSITORIES":
            # a dict literal, or one passed to the lazy mapping, of classes or "module:Class"
            table = node.value.args[0] if isinstance(node.value, ast.Call) else node.value
            assert isinstance(table, ast.Dict)
            for key, value in zip(table.keys, table.values, strict=True):
                cls = ast.unparse(value)
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    module, _, cls = value.value.partition(":")
                    modules[cls] = module.rsplit(".", 1)[1] + ".py"
                repos[cls] = ast.literal_eval(key)  # type: ignore[arg-type]
    mapping: dict[str, str] = {"reader": "db"}
    for cls, attr in repos.items():
        tree = ast.parse((STORE / modules[cls]).read_text())
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == cls:
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                        if item.name in mapping and mapping[item.name] != attr:
                            raise SystemExit(f"{item.name} is in two repositories")
                        mapping[item.name] = attr
    return mapping, set(repos.values())


def rewrite(text: str, mapping: dict[str, str], repo_names: set[str]) -> str:
    tree = ast.parse(text)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    # (line, byte col of the attr name, text to insert, bytes it replaces)
    edits: list[tuple[int, int, str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE:
            receiver = ast.unparse(node.value)
            if RECEIVER.search(receiver) and not CLASSES.match(receiver):
                assert node.end_lineno is not None and node.end_col_offset is not None
                start = node.end_col_offset - len(node.attr)
                edits.append((node.end_lineno, start, PRIVATE[node.attr], len(node.attr)))
            continue
        if not isinstance(node, ast.Attribute) or node.attr not in mapping:
            continue
        if node.attr in LIFECYCLE:
            continue
        receiver = ast.unparse(node.value)
        if not RECEIVER.search(receiver) or CLASSES.match(receiver):
            continue
        if node.attr in repo_names and id(node) not in called:
            continue  # already the repository (store.stories.x), or a reference left alone
        assert node.end_lineno is not None and node.end_col_offset is not None
        start = node.end_col_offset - len(node.attr)
        edits.append((node.end_lineno, start, mapping[node.attr] + ".", 0))
    if not edits:
        return text
    lines = text.splitlines(keepends=True)
    for line, col, insert, replaced in sorted(edits, reverse=True):
        raw = lines[line - 1].encode()
        lines[line - 1] = (raw[:col] + insert.encode() + raw[col + replaced :]).decode()
    return "".join(lines)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or [
        ROOT / "src",
        ROOT / "tests",
        ROOT / "bench",
    ]
    mapping, repo_names = method_map()
    changed = 0
    for base in paths:
        files = [base] if base.is_file() else sorted(base.rglob("*.py"))
        for path in files:
            if STORE in path.resolve().parents:
                continue
            text = path.read_text()
            new = rewrite(text, mapping, repo_names)
            if new != text:
                changed += 1
                print(path)
                if not check:
                    path.write_text(new)
    print(f"{changed} files {'to change' if check else 'changed'}", file=sys.stderr)
    return 1 if check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
