"""The local executor: per-article stages in a process pool on this machine.

Workers are started with ``spawn`` (never ``fork``: the parent may already hold
torch/TensorFlow threads, and a forked copy of a locked thread pool hangs). Each
worker sets up a batch function once (loads its models) and keeps it for every
later batch of that function; the function travels pickled, and a worker that
already holds it does not unpickle it again.

``map_batches`` keeps ``ahead`` batches in flight and yields results in the
order the batches came, so the pool keeps working while the parent does its
global stages (copies, story assignment, the store writer) on earlier results.
Two ``map_batches`` may be chained (one's results feeding the other's batches):
both draw on the same pool.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import count
from typing import Any

from newsdesk.executors.base import BatchFn, InlineExecutor

__all__ = ["LocalExecutor", "default_workers"]

# one worker's set-up batch functions, by token (module state of the worker process only)
_READY: dict[str, BatchFn] = {}
_TOKENS = count()


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _init_worker() -> None:
    # one worker per core: model libraries must not start a thread per core each
    for name in (
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "TF_NUM_INTRAOP_THREADS",
    ):
        os.environ.setdefault(name, "1")
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parent = os.getppid()
    threading.Thread(target=_orphaned, args=(parent,), daemon=True, name="parent-watch").start()


def _orphaned(parent: int) -> None:
    """End this worker when the parent is gone (killed with -9, it cannot say so): an
    orphan would go on loading models and eating a core for nobody."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _run(token: str, blob: bytes, batch: list[Any]) -> list[Any]:
    fn = _READY.get(token)
    if fn is None:
        fn = pickle.loads(blob)
        fn.setup()
        _READY[token] = fn
    return fn(batch)


class LocalExecutor:
    """A process pool of ``workers`` processes; ``workers=1`` runs inline (no pool)."""

    def __init__(self, *, workers: int | None = None, ahead: int | None = None) -> None:
        self.workers = max(1, workers if workers is not None else default_workers())
        self.ahead = max(1, ahead if ahead is not None else 2 * self.workers)
        self._pool: ProcessPoolExecutor | None = None
        self._inline = InlineExecutor() if self.workers == 1 else None
        self._tokens: dict[int, tuple[str, bytes]] = {}
        self._held: list[BatchFn] = []

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
            )
        return self._pool

    def _token(self, fn: BatchFn) -> tuple[str, bytes]:
        key = id(fn)
        if key not in self._tokens:
            token = f"{os.getpid()}-{next(_TOKENS)}-{getattr(fn, 'name', 'fn')}"
            blob = pickle.dumps(fn, protocol=pickle.HIGHEST_PROTOCOL)
            self._tokens[key] = (token, blob)
            self._held.append(fn)  # its id stays its own while the token is in use
        return self._tokens[key]

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        if self._inline is not None:
            yield from self._inline.map_batches(fn, batches)
            return
        token, blob = self._token(fn)
        waiting: deque[tuple[Future[list[Any]], list[Any]]] = deque()
        try:
            for batch in batches:
                waiting.append((self._ensure_pool().submit(_run, token, blob, batch), batch))
                while len(waiting) >= self.ahead:
                    yield self._result(fn, *waiting.popleft())
            while waiting:
                yield self._result(fn, *waiting.popleft())
        finally:
            for future, _ in waiting:
                future.cancel()

    def _result(self, fn: BatchFn, future: Future[list[Any]], batch: list[Any]) -> list[Any]:
        """The batch's results; when a worker died (a crash in a parser, the OOM killer),
        a fresh pool runs the batch item by item, and an item that kills a worker again
        gets ``fn.failed(item, reason)`` (a batch function without it: the error stands)."""
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
        token, blob = self._token(fn)
        out: list[Any] = []
        for item in batch:
            try:
                out += self._ensure_pool().submit(_run, token, blob, [item]).result()
            except BrokenProcessPool:
                self._restart()
                failed = getattr(fn, "failed", None)
                if failed is None:
                    raise
                out.append(failed(item, "a worker process died on it (crash or out of memory)"))
        return out

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._inline is not None:
            self._inline.close()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._tokens.clear()
        self._held.clear()

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
