"""Leaving a command's process without Python's teardown: only where the command allowed it,
after the exit handlers ran and stdout/stderr were flushed, with the command's exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk import process_exit

# the process entry point as `python -m newsdesk` runs it, plus an exit handler (runs on both
# ways out) and an object whose finalizer runs only in Python's teardown
RUN = """
import atexit, sys
sys.argv = ["newsdesk", *sys.argv[1:]]
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
class Teardown:
    def __del__(self):
        print("teardown ran", file=sys.stderr)
kept = Teardown()
from newsdesk.cli import entry
entry()
"""

ARTICLE = {
    "url": "https://example.org/news/ferry-aground",
    "title": "Ferry runs aground near the harbour",
    "text": "A ferry carrying 40 passengers ran aground near the harbour on Tuesday "
    "morning. Nobody was hurt, the coast guard said. The operator said the ship would be "
    "towed back to port once the tide rises.",
    "published": "2026-03-03",
}


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, "--db", str(tmp_path / "x.db"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**_env(), "NEWSDESK_WORKERS": "1"},
        check=False,
        timeout=300,
    )


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")}


def test_process_exit_ingest_leaves_without_teardown_output_and_store_complete(
    tmp_path: Path,
) -> None:
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    done = _run(tmp_path, "ingest", str(source), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingested"] == 1  # the whole JSON document came out
    assert "exit handler ran" in done.stderr
    assert "teardown ran" not in done.stderr
    listed = _run(tmp_path, "articles", "--json")
    assert listed.returncode == 0, listed.stderr
    assert "Ferry runs aground" in listed.stdout  # the store kept what ingest wrote


def test_process_exit_ingest_keeps_its_exit_status(tmp_path: Path) -> None:
    done = _run(tmp_path, "ingest", str(tmp_path / "missing.jsonl"), "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["rejected"]
    assert "exit handler ran" in done.stderr
    assert "teardown ran" not in done.stderr


def test_process_exit_backfill_leaves_without_teardown_shards_marked_done(tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl"
    shard.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    done = _run(tmp_path, "backfill", str(shard), "--executor", "inline", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingested"] == 1
    assert "exit handler ran" in done.stderr
    assert "teardown ran" not in done.stderr
    again = _run(tmp_path, "backfill", str(shard), "--executor", "inline", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["ingested"] == 0  # the shard was kept as done: skipped


def test_process_exit_other_commands_exit_as_python_does(tmp_path: Path) -> None:
    done = _run(tmp_path, "stories", "--json")
    assert done.returncode == 0, done.stderr
    assert "exit handler ran" in done.stderr
    assert "teardown ran" in done.stderr


def test_process_exit_leave_without_allow_raises_system_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(process_exit, "_allowed", False)
    with pytest.raises(SystemExit) as raised:
        process_exit.leave(3)
    assert raised.value.code == 3


def test_process_exit_leave_a_message_exit_raises_system_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(process_exit, "_allowed", True)
    with pytest.raises(SystemExit) as raised:
        process_exit.leave("error: something")  # Python prints it and exits 1
    assert raised.value.code == "error: something"
