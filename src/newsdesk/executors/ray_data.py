"""One Ray Data dataset for a whole run: sources expanded into items, batch functions
over actor pools, the results streamed back to this process in input order.

:func:`stream` is what ``newsdesk backfill --executor ray`` runs (through
:meth:`newsdesk.executors.ray.RayExecutor.dataset`): the dataset is built once, over
every source of the run (a backfill's shards), and executed as one streaming pipeline:

1. ``ray.data.from_items`` of the sources (one block each, pickled descriptors);
2. ``map_batches(expand)``: Ray tasks that turn each source into its items (a shard into
   its chunks of records, as bytes) and yield them one block each as they are found.
   They take no CPU, run two at a time (:data:`EXPANDING`), and run on this process's
   node (the files need only be there: on a KubeRay head with ``num-cpus: 0`` too);
3. ``map_batches(<batch function>)`` per function: a callable class over an actor pool
   (``ActorPoolStrategy(size=workers)``, one CPU each; a function that embeds gets one
   GPU per actor where the cluster has GPUs), one item per call; each actor unpickles
   the function and calls its ``setup()`` once, so a model loads once per actor for the
   whole run;
4. this process iterates the result blocks (streaming execution, ``preserve_order``):
   the items come back in the order the sources listed them, while the actors work
   on the next ones, and the caller runs its global stages (the one writer) on each.

Items and results travel as pickled bytes in one ``large_binary`` column (Ray's own
arrays come back read-only, and an object column would be pickled anyway); every block
holds one item (``target_max_block_size`` of one byte: a block is the unit Ray Data
hands to an actor, so one item a block lets both actors share a shard).

Faults: a batch function never raises for one item (the contract); when one of its
stages raises anyway, the item gets that stage's ``failed(item, reason)`` and goes on
through the next stages (a lone function without ``failed``: an
:class:`ItemFailure`). An actor that dies (a parser crash, the
OOM killer) is restarted by Ray Data (``max_restarts=-1``, its calls retried), and the
item it held runs again. A small ledger actor (no CPU) keeps, for each item whose run
did not finish, the stage each run had reached (noted only once a run has died on it,
so a healthy run pays one call): a stage that killed its actor twice on an item where
it was watched is skipped for it (``failed(item, reason)``: the articles are stored
without that stage's work, marked, and retried by later runs), so one record that kills
its parser costs three actor restarts (the first one unwatched), never the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.executors.base import BatchFn
from newsdesk.executors.warm import prepare
from newsdesk.faults import describe

__all__ = ["DEATHS_BEFORE_FAILED", "EXPANDING", "ItemFailure", "dumps", "stream"]

COLUMN = "item"
# sources expanded at once: the one being consumed and the next (a task that takes no CPU
# would otherwise start for every source at once: a worker process each)
EXPANDING = 2
DEATHS_BEFORE_FAILED = 2  # a stage that killed its actor this often on an item: skipped
_DEATH = "a Ray actor died on it {n} times"


@dataclass(slots=True)
class ItemFailure:
    """What stands in a result batch for an item the batch function raised on.

    The contract says a batch function never raises for one item; when one does
    anyway, the executor runs that batch again item by item and puts this in the
    place of each item that still raises, so the batch, and the run, go on.
    """

    item: Any
    stage: str
    error: str


def dumps(fn: BatchFn) -> bytes:
    """The batch function pickled for the actors; one defined outside newsdesk (a script,
    a test, a notebook) travels by value, since the workers may not import its module."""
    from ray import cloudpickle

    module = sys.modules.get(type(fn).__module__)
    name = getattr(module, "__name__", "__main__")
    if module is not None and name != "__main__" and not name.startswith("newsdesk"):
        with contextlib.suppress(ValueError):
            cloudpickle.register_pickle_by_value(module)
    return cloudpickle.dumps(fn, protocol=5)


def _table(blobs: list[bytes]) -> Any:
    import pyarrow as pa

    return pa.table({COLUMN: pa.array(blobs, type=pa.large_binary())})


def _items(batch: Any) -> list[Any]:
    return [pickle.loads(blob) for blob in batch.column(COLUMN).to_pylist()]


def _expand(batch: Any, expand: Callable[[Any], Iterator[Any]]) -> Iterator[Any]:
    """The expand step (a Ray task): each source's items, one block each, as they come."""
    for source in _items(batch):
        for item in expand(source):
            yield _table([pickle.dumps(item, protocol=5)])


class _Ledger:
    """Where each item's runs died: the stage each run had reached, for the runs that did
    not finish (an actor that dies takes its item's run with it; Ray Data runs it again)."""

    def __init__(self) -> None:
        self.runs: dict[str, list[str]] = {}  # item -> the stage each unfinished run reached

    def begin(self, key: str) -> dict[str, int]:
        """A run of ``key`` begins: how many earlier runs died in each stage."""
        died: dict[str, int] = {}
        for stage in self.runs.get(key, []):
            died[stage] = died.get(stage, 0) + 1
        self.runs.setdefault(key, []).append("")
        return died

    def reached(self, key: str, stage: str) -> None:
        self.runs[key][-1] = stage

    def finished(self, key: str) -> None:
        self.runs.pop(key, None)


def _stage_class(fn_blob: bytes, ledger: Any) -> type:
    """The callable class Ray Data runs on each actor of the pool for one batch function."""

    class Stage:
        def __init__(self) -> None:
            # one actor per CPU: one BLAS thread; thinc kept from importing torch
            prepare(worker=True)
            self.fn: BatchFn = pickle.loads(fn_blob)
            self.fn.setup()
            self.name = str(getattr(self.fn, "name", type(self.fn).__name__))
            # a composed function's stages one by one, so a death is charged to its stage
            self.stages: list[tuple[str, Any]] = list(
                getattr(self.fn, "stages", None) or [(self.name, self.fn)]
            )

        def __call__(self, batch: Any) -> Any:
            out: list[bytes] = []
            for blob in batch.column(COLUMN).to_pylist():
                out.append(pickle.dumps(self._one(blob), protocol=5))
            return _table(out)

        def _one(self, blob: bytes) -> Any:
            import ray

            key = f"{self.name}:{hashlib.blake2b(blob, digest_size=16).hexdigest()}"
            item = pickle.loads(blob)
            died: dict[str, int] = ray.get(ledger.begin.remote(key))
            for name, stage in self.stages:
                if died.get(name, 0) >= DEATHS_BEFORE_FAILED:  # it killed its actor: skipped
                    item = self._failed(name, stage, item, _DEATH.format(n=died[name]))
                    continue
                if died:  # a run died before: say where this one is, before going on
                    ray.get(ledger.reached.remote(key, name))
                try:
                    (item,) = stage([item])
                except Exception as exc:  # the contract broken: this item alone fails
                    item = self._failed(name, stage, item, describe(exc))
            ledger.finished.remote(key)
            return item

        def _failed(self, name: str, stage: Any, item: Any, reason: str) -> Any:
            """What the stage says the item is without its work (a stage of a composed
            function that cannot say is skipped); a lone function without ``failed``:
            an :class:`ItemFailure`."""
            failed = getattr(stage, "failed", None)
            if failed is not None:
                return failed(item, reason)
            return item if len(self.stages) > 1 else ItemFailure(item, name, reason)

    Stage.__name__ = Stage.__qualname__ = "Stage"
    return Stage


def stream(
    ray: Any,
    sources: Sequence[Any],
    expand: Callable[[Any], Iterator[Any]],
    fns: Sequence[BatchFn],
    *,
    pools: Callable[[BatchFn], tuple[int, dict[str, Any]]],
) -> Iterator[Any]:
    """Every item ``expand`` makes of ``sources``, through each of ``fns`` in turn on actor
    pools, yielded here in order. ``pools(fn)``: (actors, resources per actor)."""
    if not sources:
        return
    import ray.data as rd

    node = ray.get_runtime_context().get_node_id()
    ledger = ray.remote(_Ledger).options(num_cpus=0).remote()
    rows = [{COLUMN: pickle.dumps(source, protocol=5)} for source in sources]
    ds: Any = rd.from_items(rows, override_num_blocks=len(rows))
    context = ds.context  # this dataset's own copy: nothing else in the process changes
    context.execution_options.preserve_order = True
    context.target_max_block_size = 1  # one item a block (never sliced below one row)
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    ds = ds.map_batches(
        _expand,
        fn_kwargs={"expand": expand},
        batch_size=1,
        batch_format="pyarrow",
        zero_copy_batch=True,
        num_cpus=0,
        compute=rd.TaskPoolStrategy(size=EXPANDING),
        label_selector={"ray.io/node-id": node},
    )
    for fn in fns:
        size, resources = pools(fn)
        ds = ds.map_batches(
            _stage_class(dumps(fn), ledger),
            batch_size=1,
            batch_format="pyarrow",
            zero_copy_batch=True,
            compute=rd.ActorPoolStrategy(size=size),
            **resources,
        )
    quiet = logging.getLogger("ray.data")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
            yield from _items(batch)
    finally:
        quiet.setLevel(level)
        with contextlib.suppress(Exception):
            ray.kill(ledger)
