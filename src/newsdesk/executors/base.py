"""The executor contract (batch functions, executors) and the inline executor.

The package's docstring describes the contract; ``local`` and ``ray`` import
these from here, so the executor modules and the package have no import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from newsdesk.executors.warm import prepare

__all__ = ["BatchFn", "Executor", "InlineExecutor"]


@runtime_checkable
class BatchFn(Protocol):
    """A per-article stage packaged for an executor (picklable).

    Optional: ``failed(item, reason) -> result``, the result for one item whose worker
    process died on it (the local executor then goes on with the others); without it
    that error stops the run. ``preload() -> [module]``: modules whose import loads the
    function's models (:mod:`newsdesk.executors.models`), for an executor that can load
    them once before its workers start (the local executor's fork server).
    ``needs(batch) -> {name}``: what a worker loads on demand for this batch (a language
    pack's models), for an executor that can hand it to a worker that has loaded it."""

    name: str

    def setup(self) -> None:
        """Load models and packs; called once per worker before the first batch."""

    def __call__(self, batch: list[Any]) -> list[Any]:
        """Process one batch; never raises for one item."""


class Executor(Protocol):
    """Runs a batch function over batches, results in input order."""

    workers: int

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]: ...

    def close(self) -> None: ...


class InlineExecutor:
    """Runs every batch in this process, one after another."""

    workers = 1

    def __init__(self) -> None:
        self._ready: set[int] = set()

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        if id(fn) not in self._ready:
            prepare(worker=False)  # spaCy without torch (newsdesk.executors.warm)
            fn.setup()
            self._ready.add(id(fn))
        for batch in batches:
            yield fn(batch)

    def close(self) -> None:
        self._ready.clear()
