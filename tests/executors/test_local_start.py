"""The local executor's start: the workers' processes are started in a thread while the fork
server preloads, a worker is handed nothing until its process is up, and a page that kills
a worker of a started pool is marked while the rest goes on."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from helpers.pipeline_models import Crashy
from newsdesk.executors.local import LocalExecutor, _Dispatch, _up


class FakePool:
    """One process as the dispatch sees it: calls submitted, finished by the test."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls: list[tuple[Any, tuple[Any, ...], Future[Any]]] = []

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.calls.append((fn, args, future))
        return future

    def starting(self) -> Future[Any]:
        (future,) = [f for fn, _, f in self.calls if fn is _up]
        return future

    def batches(self) -> list[list[Any]]:
        return [args[2] for fn, args, f in self.calls if fn is not _up and not f.done()]

    def shutdown(self, **_: Any) -> None:
        pass


def _started() -> tuple[_Dispatch, list[FakePool]]:
    pools: list[FakePool] = []

    def make() -> FakePool:
        pools.append(FakePool(f"w{len(pools)}"))
        return pools[-1]

    dispatch = _Dispatch(2, make)
    dispatch.start().join()
    return dispatch, pools


def _submit(dispatch: _Dispatch, items: list[str]) -> Future[Any]:
    return dispatch.submit("t", b"", items, frozenset())


def test_local_start_a_worker_takes_batches_only_once_its_process_is_up() -> None:
    dispatch, pools = _started()
    for n in range(3):
        _submit(dispatch, [f"b{n}"])
    assert [p.batches() for p in pools] == [[], []]  # the fork server is still loading
    pools[1].starting().set_result(True)
    assert pools[1].batches() == [["b0"]] and pools[0].batches() == []
    pools[0].starting().set_result(True)
    assert pools[0].batches() == [["b1"]]


def test_local_start_a_worker_that_could_not_start_gets_a_fresh_process() -> None:
    dispatch, pools = _started()
    pools[0].starting().set_exception(BrokenProcessPool("its initialiser raised"))
    _submit(dispatch, ["b0"])
    assert len(pools) == 3 and pools[2].batches() == [["b0"]]  # started on its first batch


def test_local_start_a_page_that_kills_a_worker_of_a_started_pool_is_marked() -> None:
    batches = [["a", "b"], ["crash", "c"], ["d"], ["e", "f"]]
    with LocalExecutor(workers=2) as pool:
        assert pool.start()
        out = list(pool.map_batches(Crashy(), batches))
    assert out[0] == ["A", "B"] and out[2:] == [["D"], ["E", "F"]]
    (kind, item, reason), rest = out[1][0], out[1][1:]
    assert (kind, item, rest) == ("failed", "crash", ["C"])
    assert "died" in reason
