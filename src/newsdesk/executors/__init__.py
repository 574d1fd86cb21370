"""Executors: where the per-article stages run.

The pipeline hands an executor a *batch function* and a stream of batches; the
executor applies the function to every batch and yields the results **in the
order the batches came**. The function is a small picklable object: its
``setup()`` loads what it needs (models, language packs) once per worker, and
``__call__(batch)`` must not raise for one bad item — the stage inside marks
that item's failure and goes on, so one article never stops a batch.

Three executors share this contract:

- ``inline``: this process, no pool (tests, one core, debugging);
- ``local``: a process pool on this machine, ``--workers N`` (the default; a
  single batch runs in this process);
- ``ray[:ADDRESS]``: Ray Data ``map_batches`` over an actor pool on a Ray
  cluster (``pip install 'newsdesk[ray]'``).

Global stages (the copy index, story assignment, the store writer) never run
in an executor: they stay in the parent, which consumes the ordered results.
"""

from __future__ import annotations

from newsdesk.errors import UsageError
from newsdesk.executors.base import BatchFn, Executor, InlineExecutor

__all__ = ["BatchFn", "Executor", "InlineExecutor", "make_executor"]


def make_executor(spec: str = "local", *, workers: int | None = None) -> Executor:
    """The executor a ``--executor`` value names: ``inline``, ``local`` or ``ray[:ADDRESS]``."""
    kind, _, address = spec.partition(":")
    if kind == "inline":
        return InlineExecutor()
    if kind == "local":
        from newsdesk.executors.local import INLINE_BELOW, LocalExecutor

        return LocalExecutor(workers=workers, inline_below=INLINE_BELOW)
    if kind == "ray":
        from newsdesk.executors.ray import RayExecutor

        return RayExecutor(address=address or None, workers=workers)
    raise UsageError(f"unknown executor {spec!r}: use inline, local or ray[:ADDRESS]")
