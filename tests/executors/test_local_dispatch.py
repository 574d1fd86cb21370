"""How the local executor hands batches to its workers: a batch that needs a language
pack goes to the worker that loaded it, unless a worker would otherwise sit idle."""

from __future__ import annotations

import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

from helpers.pipeline_models import Tag
from newsdesk.executors.local import LocalExecutor, _Dispatch


class FakePool:
    """One worker process, as the dispatch sees it: batches submitted, finished by the test."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.futures: list[tuple[list[Any], Future[list[Any]]]] = []

    def submit(self, fn: Any, token: str, blob: bytes, batch: list[Any]) -> Future[list[Any]]:
        future: Future[list[Any]] = Future()
        self.futures.append((batch, future))
        return future

    def finish(self, index: int = 0) -> None:
        batch, future = self.futures.pop(index)
        future.set_result([f"{item}@{self.number}" for item in batch])

    def shutdown(self, **_: Any) -> None:
        pass


def _dispatch(workers: int = 2) -> tuple[_Dispatch, list[FakePool]]:
    pools: list[FakePool] = []

    def make() -> FakePool:
        pools.append(FakePool(len(pools)))
        return pools[-1]

    return _Dispatch(workers, make), pools


def _held(pools: list[FakePool]) -> list[list[Any]]:
    return [[item for batch, _ in pool.futures for item in batch] for pool in pools]


def test_local_dispatch_a_pack_batch_goes_to_the_worker_that_loaded_the_pack() -> None:
    dispatch, pools = _dispatch()
    first = dispatch.submit("t", b"", ["ja-1"], frozenset({"ja"}))
    dispatch.submit("t", b"", ["ja-2"], frozenset({"ja"}))  # the other worker is idle
    dispatch.submit("t", b"", ["en-1"], frozenset())
    assert _held(pools) == [["ja-1", "ja-2"], ["en-1"]]  # Japanese loaded by one worker
    pools[0].finish()
    assert first.result(timeout=5) == ["ja-1@0"]


def test_local_dispatch_a_worker_with_nothing_to_run_takes_the_oldest_batch() -> None:
    dispatch, pools = _dispatch()
    dispatch.submit("t", b"", ["ja-1"], frozenset({"ja"}))
    dispatch.submit("t", b"", ["en-1"], frozenset())
    dispatch.submit("t", b"", ["ja-2"], frozenset({"ja"}))
    late = dispatch.submit("t", b"", ["ja-3"], frozenset({"ja"}))
    assert _held(pools) == [["ja-1", "ja-2"], ["en-1"]]  # ja-3 waits for the worker with ja
    pools[1].finish()  # the other worker runs nothing now: it takes ja-3 rather than idle
    assert _held(pools) == [["ja-1", "ja-2"], ["ja-3"]]
    pools[1].finish()
    assert late.result(timeout=5) == ["ja-3@1"]


def test_local_dispatch_a_batch_never_waits_behind_another_while_a_worker_is_free() -> None:
    dispatch, pools = _dispatch()
    dispatch.submit("t", b"", ["annotate-1"], frozenset())
    dispatch.submit("t", b"", ["annotate-2"], frozenset())
    short = dispatch.submit("t", b"", ["read-3"], frozenset())
    assert _held(pools) == [["annotate-1"], ["annotate-2"]]  # read-3 is not queued on one
    pools[1].finish()  # whichever worker frees first runs it
    assert _held(pools) == [["annotate-1"], ["read-3"]]
    pools[1].finish()
    assert short.result(timeout=5) == ["read-3@1"]
    dispatch.close()


def test_local_dispatch_a_worker_that_died_is_replaced_and_forgets_its_packs() -> None:
    dispatch, pools = _dispatch()
    lost = dispatch.submit("t", b"", ["ko-1"], frozenset({"ko"}))
    _, future = pools[0].futures.pop()
    future.set_exception(BrokenProcessPool("killed"))
    with pytest.raises(BrokenProcessPool):
        lost.result(timeout=5)
    again = dispatch.submit("t", b"", ["ko-1"], frozenset({"ko"}))
    assert [pool.number for pool in pools if pool.futures] == [1]  # a fresh process
    pools[1].finish()
    assert again.result(timeout=5) == ["ko-1@1"]
    dispatch.close()


class Needy:
    """A batch function whose items say what they need: ``(n, pack)``."""

    name = "needy"

    def setup(self) -> None:
        pass

    def needs(self, batch: list[Any]) -> set[str]:
        return {pack for _, pack in batch if pack}

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [(n, pack, os.getpid()) for n, pack in batch]


def test_local_dispatch_results_keep_the_input_order_with_packs_in_two_workers() -> None:
    batches = [[(n, "ja" if n % 3 == 0 else None), (n + 100, None)] for n in range(24)]
    with LocalExecutor(workers=2) as pool:
        out = [row for batch in pool.map_batches(Needy(), batches) for row in batch]
    assert [(n, pack) for n, pack, _ in out] == [item for batch in batches for item in batch]
    assert os.getpid() not in {pid for _, _, pid in out}


class CountingDispatch:
    """The dispatch as ``map_batches`` sees it: each batch submitted is counted and done at
    once (the test reads how far ahead of the results the submissions ran)."""

    def __init__(self) -> None:
        self.submitted: list[list[Any]] = []

    def submit(self, token: str, blob: bytes, batch: list[Any], *_: Any) -> Future[list[Any]]:
        self.submitted.append(batch)
        future: Future[list[Any]] = Future()
        future.set_result(batch)
        return future

    def shut_broken(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_local_dispatch_smaller_last_batches_are_handed_out_while_a_large_one_runs() -> None:
    # a run cut into smaller batches towards its end (to even out the workers' last ones):
    # while this process waits on the large batch, the small ones after it are handed out,
    # as much work in flight as two large batches (four small ones were left waiting before)
    batches = [list(range(16)), *[[n] * 4 for n in range(6)]]
    executor = LocalExecutor(workers=2, ahead=2)
    dispatch = CountingDispatch()
    executor._pool = dispatch  # type: ignore[assignment]
    results = executor.map_batches(Tag(), batches)
    first = next(results)
    assert first == batches[0]
    assert len(dispatch.submitted) == 5  # 16 + 4 * 4 items: two large batches' worth
    assert [*results] == batches[1:]  # the rest, in order
    executor.close()


def test_local_dispatch_small_batches_in_flight_are_bounded() -> None:
    # a batch's length counts items, not what they hold (one feed can be many articles):
    # a batch counts at least a quarter of the largest, so at most four times as many
    # batches are in flight as large ones would be
    batches = [list(range(16)), *[[n] for n in range(20)]]
    executor = LocalExecutor(workers=2, ahead=2)
    dispatch = CountingDispatch()
    executor._pool = dispatch  # type: ignore[assignment]
    results = executor.map_batches(Tag(), batches)
    next(results)
    assert len(dispatch.submitted) == 5  # 16 + 4 quarters: two large batches' worth
    assert [*results] == batches[1:]
    executor.close()
