"""The Ray executor: per-article stages on Ray actor pools kept for the whole run.

Two ways in. ``backfill`` runs its whole pass as one Ray Data dataset
(:meth:`RayExecutor.dataset`, :mod:`newsdesk.executors.ray_data`): the shards expanded
into chunks, every per-article stage that does not need the store fused in one
``map_batches`` over an actor pool, the stream consumed here in order by the stages that
read or write the store. ``ingest`` and ``run`` (any caller of ``map_batches``) use the
plain actors below: their input is made in the parent as it goes (URLs fetched, feeds
polled again and again by ``run``), each call would be a dataset with an actor pool of
its own, started and torn down, while these actors and their loaded models are kept
across calls; and their known-id check, before embedding, saves the enrichment of what
a feed gives again at every poll.

``ray`` is an optional extra (``pip install 'newsdesk[ray]'``) and is imported only
here, only when a ``ray`` executor is made, so ``newsdesk --help`` stays fast.

How it runs: the executor starts ``workers`` actors on first use and keeps them until
``close()``. Each actor holds every batch function it was given, set up once
(``setup()``: one model load per actor per run, whatever the number of calls), keyed
by a token; the function travels once to the object store and is unpickled once per
actor. ``map_batches`` pulls batches from its input lazily, keeps ``ahead`` of them in
flight, each on the actor with the fewest waiting, and yields the results in input
order. So two chained calls (read+clean feeding embed+annotate, with the parent's
global stages between them) run at the same time on the same actors, and the parent
stores one batch while the actors read and annotate the next ones: the stages
overlap, as in the local process pool.

Why actors and not a Ray Data dataset per ``map_batches`` call: a dataset is executed
as a whole, with its own actor pool set up and torn down for each call, and it cannot
take batches the parent is still making. The actors here are plain Ray actors
(``ray.remote``), so they run on any node of a cluster with a free CPU (or GPU).

A batch function that embeds (``gpu = True``, or ``embed`` in its name, as the
``embed+annotate`` stage) runs on a pool of its own, one GPU per actor, when the cluster
has GPUs (no more actors than GPUs); otherwise every function shares the CPU actors,
one CPU each.

A batch function that raises for a whole batch (breaking the contract) has that batch
run again item by item, an :class:`ItemFailure` in the place of each item that still
raises. An actor that dies (a crash in a parser, the OOM killer) is replaced; the
batches it held run again item by item on the others, and an item that kills an actor
again gets the function's ``failed(item, reason)`` (without it, the error stands).

``address=None`` starts a private local Ray instance with ``num_cpus=workers``
(no dashboard, no usage stats, its files in one temporary folder removed at
close); ``ray:ADDRESS`` connects to a running cluster (``ray start --head`` on a
Slurm node, a KubeRay head service). When Ray is already initialised in this
process (a notebook, a test), that instance is used and left running (the actors
this executor started are ended at close).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import count
from typing import Any

from newsdesk.errors import UsageError
from newsdesk.executors.base import BatchFn
from newsdesk.executors.ray_data import ItemFailure, dumps
from newsdesk.executors.warm import prepare
from newsdesk.faults import describe

__all__ = ["ItemFailure", "RayExecutor", "ray_environment"]

DEFAULT_WORKERS = 2
# a local instance's shared-memory object store: batches of pickled articles pass
# through it; Ray spills to the temporary folder beyond this
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024
_QUIET_LOGGERS = ("ray", "ray.data", "ray._private", "ray.util")


def ray_environment() -> None:
    """Ray's settings for a Ray this process starts, set before ``import ray`` and
    ``ray.init`` (each left as the user set it): no usage stats sent home, and no
    OpenTelemetry metrics. The story index's usearch, once loaded in a process before Ray
    starts there (a process that ingested inline first, a notebook, the tests), carries
    std::regex code that broke the regex Ray's metrics compile as the driver connects to
    its GCS: ``std::regex_error`` and an abort of the whole process (Ray 2.60, usearch
    2.26; tests/executors/test_ray_import_order.py). A local instance's processes inherit
    the setting."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
    os.environ.setdefault("RAY_enable_open_telemetry", "0")


_TOKENS = count()


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


class _Worker:
    """One actor: each batch function it is given, set up once, then applied to batches.

    Batches and results travel as pickled bytes (never as Ray's zero-copy arrays, which
    come back read-only)."""

    def __init__(self) -> None:
        # one actor per CPU: one BLAS thread, no thread per core in the models; thinc kept
        # from importing torch, as in the local executor's workers
        prepare(worker=True)
        self.ready: dict[str, BatchFn] = {}

    def run(self, token: str, fn_blob: bytes, batch_blob: bytes) -> bytes:
        fn = self.ready.get(token)
        if fn is None:
            fn = pickle.loads(fn_blob)
            fn.setup()
            self.ready[token] = fn
        return pickle.dumps(_apply(fn, pickle.loads(batch_blob)), protocol=5)


class _Pool:
    """``size`` actors taking ``resources`` each, started at once, kept until ``close``."""

    def __init__(self, ray: Any, size: int, resources: dict[str, Any]) -> None:
        self.ray = ray
        self.make = ray.remote(_Worker).options(**resources)
        self.actors: list[Any] = [self.make.remote() for _ in range(size)]
        self.waiting: list[list[Any]] = [[] for _ in range(size)]  # refs not yet done
        self._next = 0

    def submit(self, token: str, fn_ref: Any, batch: list[Any]) -> tuple[Any, int, Any]:
        """Run ``batch`` on the actor with the fewest batches waiting; (ref, slot, actor)."""
        for slot, refs in enumerate(self.waiting):
            if refs:
                _, self.waiting[slot] = self.ray.wait(refs, num_returns=len(refs), timeout=0)
        size = len(self.actors)
        order = [(self._next + k) % size for k in range(size)]
        slot = min(order, key=lambda k: len(self.waiting[k]))
        self._next = (slot + 1) % size
        actor = self.actors[slot]
        ref = actor.run.remote(token, fn_ref, pickle.dumps(batch, protocol=5))
        self.waiting[slot].append(ref)
        return ref, slot, actor

    def replace(self, slot: int, actor: Any) -> None:
        """A fresh actor in place of ``actor`` (dead), unless it was replaced already."""
        if self.actors[slot] is actor:
            with contextlib.suppress(Exception):
                self.ray.kill(actor)
            self.actors[slot] = self.make.remote()
            self.waiting[slot] = []

    def close(self) -> None:
        for actor in self.actors:
            with contextlib.suppress(Exception):
                self.ray.kill(actor)
        self.actors, self.waiting = [], []


class RayExecutor:
    """Runs batch functions over batches on Ray actors kept for the run; results in order."""

    def __init__(
        self, *, address: str | None = None, workers: int | None = None, ahead: int | None = None
    ) -> None:
        self.address = address
        self.workers = max(1, workers or DEFAULT_WORKERS)
        self.ahead = max(1, ahead if ahead is not None else 2 * self.workers)
        self._ray: Any = None
        self._owned = False  # this executor started (or connected) Ray: it shuts it down
        self._temp_dir: str | None = None
        self._pools: dict[tuple[tuple[str, Any], ...], _Pool] = {}
        self._fns: dict[int, tuple[str, Any, _Pool]] = {}  # id(fn) -> token, blob ref, pool
        self._held: list[BatchFn] = []  # keeps each id(fn) its own while its token is in use
        prepare(worker=False)  # what this process reads itself (a retry): spaCy without torch

    # -- lifecycle ---------------------------------------------------------

    def _start(self) -> Any:
        if self._ray is not None:
            return self._ray
        ray_environment()
        try:
            import ray
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
        self._ray = ray
        return ray

    def close(self) -> None:
        for pool in self._pools.values():
            pool.close()
        self._pools.clear()
        self._fns.clear()
        self._held.clear()
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

    def _prepare(self, fn: BatchFn) -> tuple[str, Any, _Pool]:
        """``fn``'s token, its pickled form in the object store, and the actors it runs on."""
        found = self._fns.get(id(fn))
        if found is None:
            ray = self._start()
            size, resources = self._pool(fn, ray)
            key = tuple(sorted(resources.items()))
            if key not in self._pools:
                self._pools[key] = _Pool(ray, size, resources)
            token = f"{os.getpid()}-{next(_TOKENS)}-{getattr(fn, 'name', 'fn')}"
            found = (token, ray.put(dumps(fn)), self._pools[key])
            self._fns[id(fn)] = found
            self._held.append(fn)
        return found

    def gpus(self) -> int:
        """The GPUs of the cluster (Ray started, or connected to, first)."""
        return int(self._start().cluster_resources().get("GPU", 0))

    def dataset(
        self,
        sources: Sequence[Any],
        expand: Callable[[Any], Iterator[Any]],
        fns: Sequence[BatchFn],
    ) -> Iterator[Any]:
        """One Ray Data dataset for a whole run (:func:`newsdesk.executors.ray_data.stream`):
        each source expanded into items where this process runs, the items through each of
        ``fns`` on actor pools of ``workers`` actors (one GPU each for a function that embeds,
        where the cluster has GPUs), yielded here in order as they are done."""
        from newsdesk.executors.ray_data import stream

        ray = self._start()
        return stream(ray, sources, expand, fns, pools=lambda fn: self._pool(fn, ray))

    def map_batches(self, fn: BatchFn, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        """Apply ``fn`` to every batch on the actors; yield the results in input order.

        Batches are taken from ``batches`` as they come, ``ahead`` in flight: a chained
        call (this one's results feeding another's batches) runs alongside on the same
        actors, each of which has set up each function once."""
        waiting: deque[tuple[tuple[Any, int, Any], list[Any]]] = deque()
        for batch in batches:
            token, blob, pool = self._prepare(fn)
            items = list(batch)
            waiting.append((pool.submit(token, blob, items), items))
            while len(waiting) >= self.ahead:
                yield self._result(fn, *waiting.popleft())
        while waiting:
            yield self._result(fn, *waiting.popleft())

    def _result(self, fn: BatchFn, sent: tuple[Any, int, Any], batch: list[Any]) -> list[Any]:
        """The batch's results; when its actor died, the batch item by item on fresh ones."""
        from ray.exceptions import RayActorError

        ref, slot, actor = sent
        token, blob, pool = self._prepare(fn)
        try:
            return list(pickle.loads(self._ray.get(ref)))
        except RayActorError:
            pool.replace(slot, actor)
        out: list[Any] = []
        for item in batch:
            ref, slot, actor = pool.submit(token, blob, [item])
            try:
                out += pickle.loads(self._ray.get(ref))
            except RayActorError as exc:
                pool.replace(slot, actor)
                failed = getattr(fn, "failed", None)
                if failed is None:
                    raise
                out.append(failed(item, f"a Ray actor died on it ({describe(exc)[:200]})"))
        return out
