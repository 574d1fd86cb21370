"""The README stays true: every command and every setting is documented there."""

from __future__ import annotations

import re
from pathlib import Path

from newsdesk.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_every_command_is_in_the_readme() -> None:
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    missing = [
        name
        for name in commands
        if f"newsdesk [--db PATH] {name}" not in README and f"newsdesk {name}" not in README
    ]
    assert not missing, f"undocumented commands: {missing}"


def test_docs_every_setting_is_in_the_readme() -> None:
    source = (ROOT / "src" / "newsdesk" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"NEWSDESK_[A-Z_]+", source))
    assert names
    missing = sorted(name for name in names if name not in README)
    assert not missing, f"undocumented settings: {missing}"


def test_docs_quickstart_has_exactly_the_two_setup_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    assert "make demo" in quickstart and "make test" in quickstart
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
