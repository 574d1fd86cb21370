"""The Ray executor: per-article stages as Ray Data ``map_batches`` over an actor pool.

``ray`` is an optional extra (``pip install 'newsdesk[ray]'``) and is imported only
here, only when a ``ray`` executor is made, so ``newsdesk --help`` stays fast.

How a call runs: each input batch becomes one row of a Ray dataset (the batch
pickled, with its position); ``map_batches`` sends the rows one at a time to a
pool of ``workers`` actors, each of which calls the batch function's ``setup()``
once in its constructor (one model load per actor) and then the function on every
batch it is given; results come back in input order (``preserve_order``) and are
unpickled in this process, where the global stages run.

A batch function that embeds (``gpu = True``, or ``embed`` in its name, as the
``embed+annotate`` stage) gets one GPU per actor when the cluster has GPUs (and no
more actors than GPUs); otherwise every actor takes one CPU.

``address=None`` starts a private local Ray instance with ``num_cpus=workers``
(no dashboard, no usage stats, its files in one temporary folder removed at
close); ``ray:ADDRESS`` connects to a running cluster (``ray start --head`` on a
Slurm node, a KubeRay head service). When Ray is already initialised in this
process (a notebook, a test), that instance is used and left running.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsdesk.errors import UsageError
from newsdesk.executors.base import BatchFn
from newsdesk.faults import describe

__all__ = ["ItemFailure", "RayExecutor"]

DEFAULT_WORKERS = 2
# a local instance's shared-memory object store: batches of pickled articles pass
# through it; Ray spills to the temporary folder beyond this
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024
_QUIET_LOGGERS = ("ray", "ray.data", "ray._private", "ray.util")


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


def _apply(fn: BatchFn, batch: list[Any]) -> list[Any]:
    """``fn(batch)``; when it raises, each item alone, a failure in place of each that raises."""
    try:
        return fn(batch)
    except Exception as exc:
        if len(batch) == 1:
            return [ItemFailure(batch[0], getattr(fn, "name", type(fn).__name__), describe(exc))]
    out: list[Any] = []
    for item in batch:
        out.extend(_apply(fn, [item]))
    return out


def _wants_gpu(fn: BatchFn) -> bool:
    """A stage that says ``gpu = True``, or one that embeds (its name says ``embed``)."""
    said = getattr(fn, "gpu", None)
    if said is not None:
        return bool(said)
    return "embed" in str(getattr(fn, "name", "")) and bool(getattr(fn, "stories", True))


def _dumps(fn: BatchFn) -> bytes:
    """The batch function pickled for the actors; one defined outside newsdesk (a script,
    a test, a notebook) travels by value, since the workers may not import its module."""
    from ray import cloudpickle

    module = sys.modules.get(type(fn).__module__)
    name = getattr(module, "__name__", "__main__")
    if module is not None and name != "__main__" and not name.startswith("newsdesk"):
        with contextlib.suppress(ValueError):
            cloudpickle.register_pickle_by_value(module)
    return cloudpickle.dumps(fn, protocol=5)


def _actor_class(fn_blob: bytes) -> type:
    """A callable class for ``map_batches``: the batch function unpickled and set up once."""

    class NewsdeskStage:
        def __init__(self) -> None:
            self.fn = pickle.loads(fn_blob)
            self.fn.setup()

        def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
            import numpy as np

            results = []
            for blob in rows["batch"]:
                batch = pickle.loads(blob)
                results.append(pickle.dumps(_apply(self.fn, batch), protocol=5))
            return {"position": rows["position"], "batch": np.array(results, dtype=object)}

    return NewsdeskStage


class RayExecutor:
    """Runs a batch function over batches on Ray actors; results in input order."""

    def __init__(self, *, address: str | None = None, workers: int | None = None) -> None:
        self.address = address
        self.workers = max(1, workers or DEFAULT_WORKERS)
        self._ray: Any = None
        self._owned = False  # this executor started (or connected) Ray: it shuts it down
        self._temp_dir: str | None = None

    # -- lifecycle ---------------------------------------------------------

    def _start(self) -> Any:
        if self._ray is not None:
            return self._ray
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
        try:
            import ray
            import ray.data
        except ImportError:
            raise UsageError(
                "the ray executor needs Ray: pip install 'newsdesk[ray]' (or use --executor local)"
            ) from None
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
        if not ray.is_initialized():
            options: dict[str, Any] = {
                "include_dashboard": False,
                "log_to_driver": False,  # workers' prints never reach stdout (--json)
                "configure_logging": False,
                "logging_level": logging.WARNING,
            }
            if self.address:
                options["address"] = self.address
            else:
                self._temp_dir = tempfile.mkdtemp(prefix="newsdesk-ray-")
                options.update(
                    num_cpus=self.workers,
                    num_gpus=0,
                    object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                    _temp_dir=self._temp_dir,
                )
            try:
                ray.init(**options)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                self._cleanup_temp()
                where = self.address or "a local instance"
                raise UsageError(f"cannot start Ray on {where}: {describe(exc)}") from None
            self._owned = True
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        self._ray = ray
        return ray

    def close(self) -> None:
        if self._ray is not None and self._owned:
            self._ray.shutdown()
        self._ray, self._owned = None, False
        self._cleanup_temp()

    def _cleanup_temp(self) -> None:
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- work --------------------------------------------------------------

    def _pool(self, fn: BatchFn, ray: Any) -> tuple[int, dict[str, Any]]:
        """How many actors, and what each one takes (a GPU for a ``gpu`` stage when there are)."""
        gpus = int(ray.cluster_resources().get("GPU", 0))
        if _wants_gpu(fn) and gpus >= 1:
            return min(self.workers, gpus), {"num_gpus": 1}
        return self.workers, {"num_cpus": 1}

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        """Apply ``fn`` to every batch on the actor pool; yield the results in input order.

        The batches of one call are one Ray dataset (one actor pool, one ``setup()``
        per actor): call this once per shard, not once per batch.
        """
        rows = [
            {"position": i, "batch": pickle.dumps(list(batch), protocol=5)}
            for i, batch in enumerate(batches)
        ]
        if not rows:
            return
        ray = self._start()
        size, resources = self._pool(fn, ray)
        stage = _actor_class(_dumps(fn))
        dataset = ray.data.from_items(rows, override_num_blocks=min(len(rows), 8 * size))
        mapped = dataset.map_batches(
            stage,
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=min(size, len(rows))),
            zero_copy_batch=True,
            **resources,
        )
        expected = 0
        for row in mapped.iter_rows():
            position = int(row["position"])
            if position != expected:  # preserve_order is the contract; never hand back a shuffle
                raise RuntimeError(f"ray returned batch {position} where {expected} was due")
            expected += 1
            yield pickle.loads(row["batch"])
        if expected != len(rows):
            raise RuntimeError(f"ray returned {expected} of {len(rows)} batches")
