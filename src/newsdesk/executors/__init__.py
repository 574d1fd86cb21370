"""Executors: where the per-article stages run.

The pipeline hands an executor a *batch function* and a stream of batches; the
executor applies the function to every batch and yields the results **in the
order the batches came**. The function is a small picklable object: its
``setup()`` loads what it needs (models, language packs) once per worker, and
``__call__(batch)`` must not raise for one bad item — the stage inside marks
that item's failure and goes on, so one article never stops a batch.

Three executors share this contract:

- ``inline``: this process, no pool (tests, one core, debugging);
- ``local``: a process pool on this machine, ``--workers N`` (the default);
- ``ray[:ADDRESS]``: Ray Data ``map_batches`` over an actor pool on a Ray
  cluster (``pip install 'newsdesk[ray]'``).

Global stages (the copy index, story assignment, the store writer) never run
in an executor: they stay in the parent, which consumes the ordered results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from newsdesk.errors import UsageError

__all__ = ["BatchFn", "Executor", "InlineExecutor", "make_executor"]


@runtime_checkable
class BatchFn(Protocol):
    """A per-article stage packaged for an executor (picklable).

    Optional: ``failed(item, reason) -> result``, the result for one item whose worker
    process died on it (the local executor then goes on with the others); without it
    that error stops the run."""

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
            fn.setup()
            self._ready.add(id(fn))
        for batch in batches:
            yield fn(batch)

    def close(self) -> None:
        self._ready.clear()


def make_executor(spec: str = "local", *, workers: int | None = None) -> Executor:
    """The executor a ``--executor`` value names: ``inline``, ``local`` or ``ray[:ADDRESS]``."""
    kind, _, address = spec.partition(":")
    if kind == "inline":
        return InlineExecutor()
    if kind == "local":
        from newsdesk.executors.local import LocalExecutor

        return LocalExecutor(workers=workers)
    if kind == "ray":
        from newsdesk.executors.ray import RayExecutor

        return RayExecutor(address=address or None, workers=workers)
    raise UsageError(f"unknown executor {spec!r}: use inline, local or ray[:ADDRESS]")
