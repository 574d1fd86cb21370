"""watch/ leans on other modules only through their public names."""

from __future__ import annotations

import ast
from pathlib import Path

import newsdesk

SRC = Path(newsdesk.__file__).parent
# (cli_watch.py uses newsdesk.cli's _open_store/_stdout as every cli_<area>.py does)
WATCH_FILES = [*sorted((SRC / "watch").glob("*.py")), SRC / "web" / "watch.py"]
OWN = ("newsdesk.watch", "newsdesk.store.watch", "newsdesk.web.watch")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_watch_imports_no_private_names_of_other_modules() -> None:
    found = []
    for path in WATCH_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                if any(node.module.startswith(o) for o in OWN):
                    continue
                found += [f"{path.name}: {node.module}.{a.name}" for a in node.names
                          if _private(a.name)]  # fmt: skip
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                base = node.value
                # self._x is the class's own; module._x or self._other._x is someone else's
                if isinstance(base, ast.Name) and base.id not in {"self", "cls"}:
                    found.append(f"{path.name}:{node.lineno}: {base.id}.{node.attr}")
                elif isinstance(base, ast.Attribute):
                    found.append(f"{path.name}:{node.lineno}: ….{base.attr}.{node.attr}")
    assert found == []


def test_watch_public_names_are_the_ones_their_modules_use() -> None:
    from newsdesk.ingest.fetch import Urllib3Transport
    from newsdesk.mail import message
    from newsdesk.web import auth

    assert message.header_line("Subject", "Quake") == b"Subject: Quake\r\n"
    assert message.quoted_printable("caf\u00e9\n") == b"caf=C3=A9\r\n"
    assert auth.same_token("abc", "abc") and not auth.same_token("abc", "abd")
    assert not auth.same_token(None, "abc")
    assert callable(auth.guard) and callable(Urllib3Transport.pool_for)
