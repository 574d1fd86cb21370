"""The runner's end for a caller that owns its executor: the workers are let go once the
last batch is out, before the global stages close (their exit overlaps the parent's last
work)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from helpers import toy_stages
from newsdesk.executors.local import LocalExecutor
from newsdesk.pipeline import StageList, StageSpec, run_stages


class Recorder:
    """An executor that runs batches here and notes what the runner asked of it."""

    workers = 1

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def map_batches(self, fn: Any, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        self.events.append(f"map {fn.name}")
        fn.setup()
        for batch in batches:
            yield fn(batch)

    def release(self) -> None:
        self.events.append("release")

    def close(self) -> None:
        self.events.append("close")


class Closing:
    """A global stage that notes its close."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def __call__(self, batch: list[Any]) -> list[Any]:
        return batch

    def close(self) -> None:
        self.events.append("stage closed")


def _list(events: list[str]) -> StageList:
    def spec(name: str, kind: str, make: Any) -> StageSpec:
        return StageSpec(name, kind, frozenset(), frozenset({name}), "toy", make)  # type: ignore[arg-type]

    return StageList([
        spec("double", "article", lambda ctx: toy_stages.Double()),
        spec("end", "global", lambda ctx: Closing(events)),
    ])  # fmt: skip


def test_pipeline_release_workers_let_go_before_the_global_stages_close() -> None:
    events: list[str] = []
    out = list(run_stages(_list(events), None, [[1], [2]], Recorder(events), release=True))
    assert [n for batch in out for n, _, _ in batch] == [2, 4]
    assert events == ["map double", "release", "stage closed"]


def test_pipeline_release_not_asked_leaves_the_callers_executor_alone() -> None:
    events: list[str] = []
    list(run_stages(_list(events), None, [[1]], Recorder(events)))
    assert events == ["map double", "stage closed"]  # not released


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in {"Z", "X"}


def test_pipeline_release_the_local_executors_workers_end_without_close() -> None:
    with LocalExecutor(workers=2) as pool:
        out = [row for b in pool.map_batches(toy_stages.Double(), [[1], [2], [3]]) for row in b]
        pids = {pid for _, pid, _ in out}
        assert pids and os.getpid() not in pids
        pool.release()
        deadline = time.monotonic() + 60  # a loaded machine is slow to schedule them
        while not all(_gone(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(_gone(p) for p in pids)
    assert [n for n, _, _ in out] == [2, 4, 6]
