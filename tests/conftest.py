"""Shared fixtures: a real SQLite store in tmp_path, and the CLI run in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsdesk.store import SqliteStore


@pytest.fixture(autouse=True)
def one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run their per-article stages in-process (models replaced by a test stay
    replaced; a pool would load the real ones); tests of the pool ask for it."""
    monkeypatch.setenv("NEWSDESK_WORKERS", "1")


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    with SqliteStore(tmp_path / "store.db") as opened:
        yield opened


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., CliResult]:
    """Run ``newsdesk ARGS...`` in-process, as a user would, and capture what it printed."""
    from newsdesk import cli as cli_module

    monkeypatch.setenv("NEWSDESK_DB", str(tmp_path / "cli.db"))
    monkeypatch.setattr(cli_module.state, "debug", False)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        monkeypatch.setattr("sys.argv", ["newsdesk", *args])
        try:
            cli_module.main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code=code, stdout=captured.out, stderr=captured.err)

    return run
