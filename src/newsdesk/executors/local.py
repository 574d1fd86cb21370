"""The local executor: per-article stages in a process pool on this machine.

Workers fork from a fork server (``multiprocessing``'s ``forkserver``; ``spawn``
where there is none), never from this process (it may hold threads, the store's
connections, a web server; a forked copy of a locked thread pool hangs). The
server is a fresh Python that first imports :mod:`newsdesk.executors.preload`
(numpy, spaCy, trafilatura, the stage modules, the language identifier: see
:mod:`newsdesk.executors.warm`) and starts no thread, so each worker starts with
those in memory instead of importing them again; the server lives as long as this
process and serves later pools too (the live desk's passes). The models the run's batch
functions name (``preload()``, gathered by :func:`newsdesk.pipeline.run_stages` and
passed to :meth:`LocalExecutor.preload`) are loaded by the server as well, after the
imports, so the workers share one copy instead of each loading its own. Each worker sets up
a batch function once (loads its models) and keeps it for every later batch of
that function; the function travels pickled, and a worker that already holds it
does not unpickle it again.

``map_batches`` keeps ``ahead`` batches in flight and yields results in the
order the batches came, so the pool keeps working while the parent does its
global stages (copies, story assignment, the store writer) on earlier results.
Batches count by their size against the largest one seen (:func:`_in_flight`; a
quarter of it at least): a caller that cuts smaller batches towards the end of its
input (to even out the workers' last batches) keeps as much work in flight as before.
Two ``map_batches`` may be chained (one's results feeding the other's batches):
both draw on the same pool.

Each worker is a one-process pool of its own, and this process hands each batch to a
worker (:class:`_Dispatch`) as it frees up, and a batch
whose function says it ``needs`` something a worker loads on demand (a language pack's
models: ``needs(batch)``, :class:`newsdesk.executors.BatchFn`) goes to the worker that
loaded it already, so a pack is loaded by one worker, not by every worker that meets
an article in that language (GiNZA, Kiwi: 1-2 CPU seconds each). A worker with nothing
to run takes the oldest batch waiting whatever it needs, so no worker idles for the
sake of a pack. What each batch gives does not depend on the worker that ran it.

A caller that knows its input is large calls :meth:`LocalExecutor.start` first: the fork
server's preload (imports, the models: seconds on one core) then runs while the caller
goes on, and each worker's process is started in a thread (a fork waits for the preload; the
caller is never blocked on it, and a worker is handed nothing until its process is up).
No process runs batches before the workers are up: a spawned *reader* of the first pages (a
fresh Python with the reading and cleaning imports) did until issue 18's last round, and
gave the same wall for 1.8 CPU seconds more a run on an idle machine, 1.6-6.9 more on a
loaded one (its start duplicates the server's imports and competes with its preload:
bench/results/pipeline_timeline.md).

A page that kills a worker is run again by a fresh one, item by item, and an item that kills
a worker again gets ``failed(item, reason)``, so a page never ends the caller's process.

Small inputs do not pay for a pool: with ``inline_below=N`` (the default executor
``make_executor("local")`` uses :data:`INLINE_BELOW`), a ``map_batches`` of fewer
than N batches, while no pool is running yet, runs in this process. A pool that
is running is used whatever the size.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, InvalidStateError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, count, islice
from pathlib import Path
from typing import Any

from newsdesk.executors.base import BatchFn, InlineExecutor
from newsdesk.executors.warm import prepare

__all__ = ["INLINE_BELOW", "PRELOAD", "LocalExecutor", "default_workers"]

# a map of one batch has nothing to share between workers: it runs in this process
# (a pool's start, a second Python and its imports, would only add to it)
INLINE_BELOW = 2
PRELOAD = "newsdesk.executors.preload"  # the fork server's preload module
FREEZE = "newsdesk.executors.freeze"  # its last: what it loaded, out of the workers' collections

# one worker's set-up batch functions, by token (module state of the worker process only)
_READY: dict[str, BatchFn] = {}
_TOKENS = count()


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(parent: int) -> None:
    prepare(worker=True)  # done by the fork server already; a spawned worker needs it
    args = (parent, _started(parent))
    threading.Thread(target=_orphaned, args=args, daemon=True, name="parent-watch").start()


def _up() -> bool:
    """Nothing: a process that ran it is up (forked or spawned, its initialiser done)."""
    return True


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot; None: unknown, not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] in {"Z", "X"} else fields[19]


def _alive(pid: int, started: str | None) -> bool:
    """Whether the process ``pid`` that started at ``started`` still runs (not a zombie,
    nor another process that was given its number)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # the number belongs to another user's process now
        return False
    return started is None or _started(pid) == started


def _context(models: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """The fork server, preloaded: the imports, then ``models`` (modules that load a model:
    :mod:`newsdesk.executors.models`); ``spawn`` where the platform has no fork server."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD, *models, FREEZE])  # no effect once it runs
    return context


def _orphaned(parent: int, started: str | None) -> None:
    """End this worker when the executor's process is gone (killed with -9, it cannot say
    so): an orphan would go on loading models and eating a core for nobody. The worker's
    own parent is the fork server, which stays up while any worker does, so the watch is
    on the executor's process itself."""
    while True:
        time.sleep(1.0)
        if not _alive(parent, started):
            os._exit(1)


def _run(token: str, blob: bytes, batch: list[Any]) -> list[Any]:
    fn = _READY.get(token)
    if fn is None:
        fn = pickle.loads(blob)
        fn.setup()
        _READY[token] = fn
    return fn(batch)


# batches a worker holds: the one it runs and, when it needs a pack that worker loaded,
# the next (it waits for that worker rather than another one loading the pack)
DEPTH = 2


@dataclass(eq=False)
class _Task:
    outer: Future[list[Any]]  # what map_batches waits on
    token: str
    blob: bytes
    batch: list[Any]
    needs: frozenset[str]


@dataclass(eq=False)
class _Worker:
    pool: ProcessPoolExecutor | None = None  # one process; None: started on its first batch
    running: int = 0  # batches handed to it and not done
    holds: set[str] = field(default_factory=set)  # what it loaded on demand (needs)
    ready: bool = True  # False while its process starts (start(): handed nothing meanwhile)


class _Dispatch:
    """Batches handed to ``workers`` one-process pools as they free up (at most
    :data:`DEPTH` each), in the order they came except that a worker takes first a batch
    whose needs it holds, or that no other worker holds; a worker with nothing to run
    takes the oldest batch waiting. Thread-safe: a pool's result thread hands the next
    batch to the worker that finished one."""

    def __init__(self, workers: int, make_pool: Any) -> None:
        self.workers = [_Worker() for _ in range(workers)]
        self.make_pool = make_pool
        self.waiting: deque[_Task] = deque()
        self.lock = threading.RLock()
        self.broken: list[ProcessPoolExecutor] = []  # pools whose process died: shut down later
        self.started = False

    def start(self) -> threading.Thread:
        """Each worker's process started now, in a thread (a fork waits for the fork server's
        preload: the caller goes on; a worker is handed nothing until its process is up)."""
        with self.lock:
            starting = []
            for worker in self.workers:
                if worker.pool is None:
                    worker.pool, worker.holds, worker.ready = self.make_pool(), set(), False
                    starting.append(worker)
            self.started = True
        thread = threading.Thread(target=self._start, args=(starting,), daemon=True,
                                  name="pool-start")  # fmt: skip
        thread.start()
        return thread

    def _start(self, workers: list[_Worker]) -> None:
        for worker in workers:
            pool = worker.pool
            if pool is None:  # closed meanwhile
                continue
            try:
                future = pool.submit(_up)  # a fork: returns once the fork server has forked
            except Exception:  # broken, or shut down meanwhile
                self._up(worker, pool, None)
                continue
            future.add_done_callback(partial(self._up, worker, pool))

    def _up(self, worker: _Worker, pool: ProcessPoolExecutor, future: Future | None) -> None:
        """``worker``'s process is up (or could not start: it then gets a fresh process on its
        next batch, as after a death)."""
        up = future is not None and not future.cancelled() and future.exception() is None
        with self.lock:
            if worker.pool is not pool:  # closed or replaced meanwhile
                return
            if not up:
                self.broken.append(pool)
                worker.pool, worker.holds = None, set()
            worker.ready = True
            self._hand_out()

    def submit(self, token: str, blob: bytes, batch: list[Any], needs: frozenset[str]) -> Future:
        outer: Future[list[Any]] = Future()
        with self.lock:
            self.waiting.append(_Task(outer, token, blob, batch, needs))
            self._hand_out()
        return outer

    def _fits(self, task: _Task, worker: _Worker) -> bool:
        if task.needs <= worker.holds:
            return True
        held = set().union(*(w.holds for w in self.workers if w is not worker))
        return not (task.needs & held)

    def _hand_out(self) -> None:
        while self.waiting:
            chosen = self._choose()
            if chosen is None:
                return
            worker, task = chosen
            self.waiting.remove(task)
            if not task.outer.cancelled():
                self._send(worker, task)

    def _choose(self) -> tuple[_Worker, _Task] | None:
        """The next (worker, batch): a batch the worker fits (the least busy worker
        first), else the oldest batch for a worker that runs nothing. A worker that runs a
        batch already takes a next one only when it needs what that worker loaded (a pack):
        any other batch goes to the first worker free, so it never waits behind another
        batch while a worker idles (results are taken in input order: near a run's end a
        short batch queued behind a long one held up every later result)."""
        able = (w for w in self.workers if w.ready and w.running < DEPTH)
        free = sorted(able, key=lambda w: w.running)
        for worker in free:
            task = next((t for t in self.waiting if self._takes(t, worker)), None)
            if task is not None:
                return worker, task
        idle = next((w for w in free if w.running == 0), None)
        return (idle, self.waiting[0]) if idle is not None else None

    def _takes(self, task: _Task, worker: _Worker) -> bool:
        if worker.running == 0:
            return self._fits(task, worker)
        return bool(task.needs) and task.needs <= worker.holds

    def _send(self, worker: _Worker, task: _Task) -> None:
        if worker.pool is None:
            worker.pool, worker.holds = self.make_pool(), set()
        self.started = True
        pool = worker.pool
        worker.running += 1
        worker.holds |= task.needs
        try:
            inner = pool.submit(_run, task.token, task.blob, task.batch)
        except BrokenProcessPool as exc:  # its process died meanwhile
            self._done_with(worker, pool, task, None, exc)
            return
        inner.add_done_callback(lambda f: self._done_with(worker, pool, task, f, None))

    def _done_with(
        self,
        worker: _Worker,
        pool: ProcessPoolExecutor,
        task: _Task,
        inner: Future[list[Any]] | None,
        error: BaseException | None,
    ) -> None:
        if inner is not None and not inner.cancelled():
            error = inner.exception()
        with self.lock:
            worker.running -= 1
            if isinstance(error, BrokenProcessPool) and worker.pool is pool:
                worker.pool, worker.holds = None, set()  # a fresh process on its next batch
                self.broken.append(pool)
            self._hand_out()
        try:
            if inner is not None and inner.cancelled():
                task.outer.cancel()
            elif error is not None:
                task.outer.set_exception(error)
            else:
                assert inner is not None
                task.outer.set_result(inner.result())
        except InvalidStateError:  # map_batches cancelled it meanwhile: nobody waits
            pass

    def shut_broken(self) -> None:
        with self.lock:
            broken, self.broken = self.broken, []
        for pool in broken:
            pool.shutdown(wait=False, cancel_futures=True)

    def release(self) -> None:
        """Each process told to end once it has run what it holds, without waiting for it
        (:meth:`close` waits); no batch is taken after this."""
        with self.lock:
            pools = [w.pool for w in self.workers if w.pool is not None]
        for pool in pools:
            pool.shutdown(wait=False)

    def close(self) -> None:
        with self.lock:
            for task in self.waiting:
                task.outer.cancel()
            self.waiting.clear()
            pools = [w.pool for w in self.workers if w.pool is not None]
            for worker in self.workers:
                worker.pool, worker.holds = None, set()
        self.shut_broken()
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


# a batch counts at least this share of the largest in flight (``ahead`` times this many
# batches at most): its length counts items, and an item may hold many (a feed's articles)
SMALLEST_SHARE = 4


def _in_flight(waiting: deque[tuple[Future[list[Any]], list[Any]]], largest: int) -> float:
    """The batches in flight, each counted by its size against the ``largest`` one seen:
    while this process waits on the oldest result (taken in input order) the workers run
    the others, and near the end of a run four batches of a quarter of the size kept a
    worker busy a quarter as long (it idled, the next batch not handed out yet, until the
    global stages here were done with the oldest)."""
    least = largest / SMALLEST_SHARE
    return sum(max(least, len(batch)) for _, batch in waiting) / largest


class LocalExecutor:
    """A process pool of ``workers`` processes; ``workers=1`` runs inline (no pool), and so
    does a map of fewer than ``inline_below`` batches while no pool runs (0: never)."""

    def __init__(
        self, *, workers: int | None = None, ahead: int | None = None, inline_below: int = 0
    ) -> None:
        self.workers = max(1, workers if workers is not None else default_workers())
        self.ahead = max(1, ahead if ahead is not None else 2 * self.workers)
        self.inline_below = max(0, inline_below)
        self._pool: _Dispatch | None = None
        self._inline = InlineExecutor() if self.workers == 1 else None
        self._small: InlineExecutor | None = None  # small maps, run here
        prepare(worker=False)  # what this process reads itself: spaCy without torch
        self._tokens: dict[int, tuple[str, bytes]] = {}
        self._held: list[BatchFn] = []
        self._models: list[str] = []  # what the fork server loads before forking workers

    def preload(self, modules: Sequence[str]) -> None:
        """Modules that load the models the coming batch functions use
        (:mod:`newsdesk.executors.models`): the fork server imports them before it forks
        the first worker, so each worker starts with them loaded (shared copy-on-write)
        instead of loading its own. No effect on a server that runs already (a later pool
        of the same process: its workers load what they need, as before)."""
        self._models += [m for m in modules if m not in self._models]

    def start(self) -> bool:
        """Start the fork server now, without waiting for it: its preload (imports, the
        language identifier, the models: seconds) runs while this process goes on with its
        own start (the global stages, and their warm-ups: this process has a core to spare
        until the first worker runs); the first batch then waits only for what is left.
        The workers' processes are started in a thread (this process is never blocked on
        the preload). For a caller that knows its input fills more than one batch: a small
        map runs in this process and would leave the server unused. Nothing for one worker,
        a pool that runs, or a platform without a fork server. True: the server was
        started."""
        if self._inline is not None or self._pool is not None:
            return False
        context = _context(self._models)
        if context.get_start_method() != "forkserver":
            return False
        from multiprocessing import forkserver

        forkserver.ensure_running()
        self._ensure_pool().start()
        return True

    def _ensure_pool(self) -> _Dispatch:
        if self._pool is None:
            context, parent = _context(self._models), os.getpid()

            def one_process() -> ProcessPoolExecutor:
                return ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_init_worker,
                    initargs=(parent,),
                )  # fmt: skip

            self._pool = _Dispatch(self.workers, one_process)
        return self._pool

    @staticmethod
    def _needs(fn: BatchFn, batch: list[Any]) -> frozenset[str]:
        needs = getattr(fn, "needs", None)
        if needs is None:
            return frozenset()
        try:
            return frozenset(needs(batch))
        except Exception:  # a batch function that cannot say: any worker will do
            return frozenset()

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
        if self._pool is None and self.inline_below:
            batches = iter(batches)
            head = list(islice(batches, self.inline_below))
            if len(head) < self.inline_below:
                self._small = self._small or InlineExecutor()
                yield from self._small.map_batches(fn, head)
                return
            batches = chain(head, batches)
        token, blob = self._token(fn)
        waiting: deque[tuple[Future[list[Any]], list[Any]]] = deque()
        largest = 1
        try:
            for batch in batches:
                needs = self._needs(fn, batch)
                future = self._ensure_pool().submit(token, blob, batch, needs)
                waiting.append((future, batch))
                largest = max(largest, len(batch))
                while _in_flight(waiting, largest) >= self.ahead:
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
            found = future.result()
        except BrokenProcessPool:
            self._restart()
        else:
            self._restart()  # a worker's pool whose process could not start, if there is one
            return found
        token, blob = self._token(fn)
        out: list[Any] = []
        for item in batch:
            try:
                needs = self._needs(fn, [item])
                out += self._ensure_pool().submit(token, blob, [item], needs).result()
            except BrokenProcessPool:
                self._restart()
                failed = getattr(fn, "failed", None)
                if failed is None:
                    raise
                out.append(failed(item, "a worker process died on it (crash or out of memory)"))
        return out

    def _restart(self) -> None:
        """The pools whose process died are shut down (the dispatch has replaced them)."""
        if self._pool is not None:
            self._pool.shut_broken()

    def release(self) -> None:
        """Let the workers go now, without waiting for them to end (:meth:`close`, which
        the owner still calls, then finds them gone): for the owner of a run with no batch
        left, before its global stages close, so the workers' exit overlaps the parent's
        last work. The executor takes no batch after this."""
        if self._pool is not None:
            self._pool.release()

    def close(self) -> None:
        for inline in (self._inline, self._small):
            if inline is not None:
                inline.close()
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        self._tokens.clear()
        self._held.clear()

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
