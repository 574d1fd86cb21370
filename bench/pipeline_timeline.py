"""Where the time of one ``newsdesk ingest --workers N`` goes: a timeline per process.

Runs the command's own entry point (``newsdesk.cli.main``) in a child process over the
first ``--pages`` AEB pages, with time stamps logged (``CLOCK_BOOTTIME``, shared by every
process) around:

- the parent: its start (the process's start time), the CLI handing over to ingest, each
  global stage segment over a batch (outlets/rules/known; copies/store/stories/annotations)
  and each wait on a worker's result;
- the fork server: its preload (imports, and whatever else the preload module loads);
- each worker: every batch, per stage (the first batch of a function includes its model
  loads), and the set-up of a batch function.

The local executor's functions are replaced by traced copies only in this bench (the
parent patches :mod:`newsdesk.executors.local`; the fork server runs a preload module
from here that patches it there as well), so the product has no tracing switch.

Prints a chart (one row per process, one column per ``--step`` seconds: ``r`` read+clean,
``A`` embed+annotate, ``s`` set-up, ``g`` global stages, ``w`` parent waiting, ``P``
preload, ``.`` idle) and a summary: busy seconds per process, when the first result came,
and a CPU account per process (``CPU account``: what each spent starting, in batches, in the
parent's stages and threads, and at its exit, which each process logs as it ends), to set
one run's ``--workers 2`` beside ``--workers 1``.

Run: ``python bench/pipeline_timeline.py [--pages 120] [--workers 2] [--step 0.25]``.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import bench_common as bc

DIR_VARIABLE = "ND_TIMELINE_DIR"  # this bench's own variable: where each process logs


def _now() -> float:
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def _log(kind: str, start: float, end: float, **extra: Any) -> None:
    folder = os.environ.get(DIR_VARIABLE)
    if not folder:
        return
    record = {"pid": os.getpid(), "kind": kind, "start": start, "end": end,
              "cpu": time.process_time(), **extra}  # fmt: skip
    with open(Path(folder) / f"{os.getpid()}.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


def _cpu_of(pid: int) -> float | None:
    """User + system CPU seconds process ``pid`` has used so far (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _process_start() -> float:
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[19]) / os.sysconf("SC_CLK_TCK")


# -- traced copies of the executor's functions -------------------------------------------


def traced_run(token: str, blob: bytes, batch: list[Any]) -> list[Any]:
    """``newsdesk.executors.local._run`` with the set-up of a batch function timed (the
    stages of each batch are timed by :func:`traced_call`)."""
    from newsdesk.executors import local

    fn = local._READY.get(token)
    if fn is None:
        start, cpu = _now(), time.process_time()
        fn = pickle.loads(blob)
        fn.setup()
        local._READY[token] = fn
        _log("setup", start, _now(), fn=fn.name, server_cpu=_cpu_of(os.getppid()),
             cpu0=cpu)  # fmt: skip
    return fn(batch)


def _faults() -> int:
    """Minor page faults of this process so far (Linux; 0 when unknown): in a worker,
    mostly pages of the fork server's memory copied on first write."""
    try:
        return int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[7])
    except (OSError, IndexError, ValueError):
        return 0


def _threads() -> int:
    """Threads of this process now (Linux; 0 when unknown)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def traced_call(self: Any, batch: list[Any]) -> list[Any]:
    """``newsdesk.pipeline.Composed.__call__`` with each stage of each batch timed (wall and
    this process's CPU seconds), in a pool worker or in-process alike."""
    items = sum(max(1, len(getattr(job, "works", ()))) for job in batch)
    first, cpu_first = _now(), time.process_time()
    for name, stage in self.stages:
        start, cpu = _now(), time.process_time()
        batch = stage(batch)
        _log("stage", start, _now(), fn=self.name, stage=name, items=items, cpu0=cpu)
    end, cpu = _now(), time.process_time()
    size = len(pickle.dumps(batch))  # what the worker's result send pickles, once more
    _log("batch", first, end, fn=self.name, items=items, cpu0=cpu_first, bytes=size,
         pickle_cpu=time.process_time() - cpu, threads=_threads(), faults=_faults(),
         kiwi="kiwipiepy" in sys.modules, sudachi="sudachipy" in sys.modules,
         ginza="ja_ginza" in sys.modules)  # fmt: skip
    return batch


def traced_init(parent: int) -> None:
    """``newsdesk.executors.local._init_worker``, with the worker's fork (its process start)
    to the end of its initialiser logged."""
    from newsdesk.executors import local

    try:
        local._REAL_INIT(parent)  # type: ignore[attr-defined]
    finally:
        _log("fork", _process_start(), _now())
        log_at_exit()


def traced_reader_init(parent: int) -> None:
    """``newsdesk.executors.local._init_reader`` of a tree that has one (the reader its
    executor spawned while the fork server preloaded, 43862ce until its removal), with the
    worker side of the tracing patched in and its start (the process's start to the end of
    its imports) logged."""
    from newsdesk.executors import local

    patch_worker_side()
    try:  # a spawned process: its module is the product's, unpatched
        getattr(local, "_REAL_READER_INIT", local._init_reader)(parent)
    finally:
        _log("reader", _process_start(), _now())
        log_at_exit()


def _thread_cpu() -> dict[str, float]:
    """User + system CPU seconds of each thread of this process so far, summed by thread
    name (Linux; empty when unknown)."""
    found: dict[str, float] = defaultdict(float)
    tick = os.sysconf("SC_CLK_TCK")
    with contextlib.suppress(OSError):
        for task in Path("/proc/self/task").iterdir():
            with contextlib.suppress(OSError, IndexError, ValueError):
                head, tail = (task / "stat").read_text().rsplit(")", 1)
                fields = tail.split()
                name = "main" if task.name == str(os.getpid()) else head.split("(", 1)[1]
                found[name] += (int(fields[11]) + int(fields[12])) / tick
    return {k: round(v, 2) for k, v in found.items()}


def _exited() -> None:
    _log("process exit", _now(), _now())


def log_at_exit() -> None:
    """Log this pool process's CPU seconds as it ends (a pool process leaves through
    multiprocessing's exit function, which runs its finalizers, never through atexit)."""
    import multiprocessing.util

    multiprocessing.util.Finalize(None, _exited, exitpriority=-1000)


def patch_worker_side() -> None:
    import newsdesk.pipeline as pipeline
    from newsdesk.executors import local

    local._run = traced_run  # type: ignore[assignment]
    if not hasattr(local, "_REAL_INIT"):
        local._REAL_INIT = local._init_worker  # type: ignore[attr-defined]
        local._init_worker = traced_init  # type: ignore[assignment]
    pipeline.Composed.__call__ = traced_call  # type: ignore[method-assign]


def patch_parent_side() -> None:
    import newsdesk.pipeline as pipeline
    from newsdesk.executors import local

    patch_worker_side()
    local.PRELOAD = "pipeline_timeline_preload"
    local.FREEZE = "pipeline_timeline_freeze"  # the models' loads timed, then the real freeze
    if hasattr(local, "_init_reader") and not hasattr(local, "_REAL_READER_INIT"):
        local._REAL_READER_INIT = local._init_reader  # type: ignore[attr-defined]
        local._init_reader = traced_reader_init  # type: ignore[assignment]
    real_result = local.LocalExecutor._result

    def result(self: Any, fn: Any, future: Any, batch: list[Any]) -> list[Any]:
        start, cpu = _now(), time.process_time()
        try:
            return real_result(self, fn, future, batch)
        finally:
            _log("wait", start, _now(), fn=fn.name, cpu0=cpu)

    local.LocalExecutor._result = result  # type: ignore[method-assign]
    real_in_parent = pipeline._in_parent

    def in_parent(stages: list[Any], batch: list[Any]) -> list[Any]:
        start, cpu = _now(), time.process_time()
        try:
            return real_in_parent(stages, batch)
        finally:
            names = "+".join(type(s).__name__ for s in stages)
            _log("global", start, _now(), fn=names, cpu0=cpu)

    pipeline._in_parent = in_parent  # type: ignore[assignment]
    real_ensure = local.LocalExecutor._ensure_pool

    def ensure(self: Any) -> Any:
        if self._pool is None:
            _log("pool", _now(), _now())
        return real_ensure(self)

    local.LocalExecutor._ensure_pool = ensure  # type: ignore[method-assign]
    real_close = local.LocalExecutor.close

    def close(self: Any) -> None:
        start, cpu = _now(), time.process_time()
        _log("threads", start, start, by_thread=_thread_cpu())  # the pool's threads still up
        try:
            real_close(self)
        finally:
            _log("pool close", start, _now(), cpu0=cpu)

    local.LocalExecutor.close = close  # type: ignore[method-assign]
    real_build = pipeline._build

    def build(*args: Any, **kwargs: Any) -> Any:
        start, cpu = _now(), time.process_time()
        result = real_build(*args, **kwargs)
        _log("build", start, _now(), cpu0=cpu)
        built = result[0] if isinstance(result, tuple) else result  # (built, warm-up thread)
        for name, stage in built.items():  # the global stages' close(), each timed
            kind = "readings" if name == "readings" else "close"
            closing = getattr(stage, "close", None)
            if closing is None:
                continue

            def timed(closing: Any = closing, name: str = name, kind: str = kind) -> None:
                begun, cpu = _now(), time.process_time()
                try:
                    closing()
                finally:
                    _log(kind, begun, _now(), fn=name, cpu0=cpu)

            with contextlib.suppress(AttributeError):  # a stage with slots: left untimed
                stage.close = timed
        return result

    pipeline._build = build  # type: ignore[assignment]
    real_warm = getattr(pipeline, "_warm", None)  # the global stages' warm-ups (a thread)
    if real_warm is not None:

        def warm(loads: list[Any]) -> None:
            start = _now()
            try:
                real_warm(loads)
            finally:
                _log("warm", start, _now(), thread_cpu=time.thread_time())

        pipeline._warm = warm  # type: ignore[attr-defined]


def child_main(argv: list[str]) -> None:
    """The traced command: ``newsdesk <argv>`` in this process."""
    _log("python start", _process_start(), _now())
    import atexit

    atexit.register(lambda: _log("atexit", _ENDED[0], _now()))  # runs last (LIFO)
    start = _now()
    from newsdesk import cli

    patch_parent_side()
    _log("cli import", start, _now())
    start = _now()
    code = 0
    sys.argv = ["newsdesk", *argv]
    try:
        cli.main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    _ENDED[0] = _now()
    _log("command", start, _ENDED[0])
    try:  # as the entry point leaves (newsdesk.cli.entry): without teardown where allowed
        from newsdesk import process_exit
    except ImportError:  # a tree from before it
        raise SystemExit(code) from None
    process_exit.leave(code)


_ENDED = [0.0]  # when the command returned: the exit handlers run from there


# -- the chart ----------------------------------------------------------------------------

LETTERS = {"read": "r", "embed": "A", "setup": "s", "global": "g", "wait": "w", "preload": "P",
           "models": "M", "fork": "f", "build": "b", "close": "c", "readings": "R",
           "pool close": "x", "exit": "e", "warm": "W", "reader": "S"}  # fmt: skip
BUSY = ("batch", "setup", "global", "preload", "models", "fork", "cli import", "build", "close",
        "readings", "pool close", "exit", "warm", "reader")  # fmt: skip


def _letter(record: dict[str, Any]) -> str | None:
    kind = record["kind"]
    if kind == "batch":
        return "r" if str(record["fn"]).startswith("read") else "A"
    if kind in LETTERS:
        return LETTERS[kind]
    if kind in ("cli import", "python start"):
        return "i"
    return None


def _overlap(spans: list[tuple[float, float]], a: float, b: float) -> float:
    return sum(max(0.0, min(e, b) - max(s, a)) for s, e in spans)


def phases(records: list[dict[str, Any]], roles: dict[int, str]) -> list[dict[str, Any]]:
    """The command's critical path as consecutive phases: each one's seconds, and how many
    cores its processes held on average (busy seconds of each process within the phase /
    the phase's seconds; a process waiting on another is not busy)."""
    t0 = min(r["start"] for r in records)
    busy: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in records:
        if r["kind"] in BUSY:
            who = roles[r["pid"]]
            who = "workers" if who.startswith("worker") else who
            busy[who].append((r["start"], r["end"]))

    def first(kind: str, pick: Any = min, field: str = "start") -> float | None:
        found = [r[field] for r in records if r["kind"] == kind]
        return pick(found) if found else None

    readers = {r["pid"] for r in records if r["kind"] == "reader"}
    batches = [r for r in records if r["kind"] == "batch" and r["pid"] not in readers]
    command = next(r for r in records if r["kind"] == "command")
    marks = [
        ("process start + imports (python, the CLI)", t0),
        ("command: settings, store, stages built, fork server started",
         first("cli import", max, "end")),
        ("first batch dispatched: the fork server's preload (imports, model loads), the "
         "forks; the reader's batches", first("pool")),
        ("pool: per-article stages in the workers, parent's global stages on earlier batches",
         min(r["start"] for r in batches) if batches else None),
        ("tail: parent's global stages on the last batches, stories/annotations closed",
         max(r["end"] for r in batches) if batches else None),
        ("readings stage (the brief of the newest days built and kept)", first("readings")),
        ("pool closed, command returns, process exit", first("readings", max, "end")),
        ("end", first("exit", max, "end")),
    ]  # fmt: skip
    marks = [(name, at) for name, at in marks if at is not None]
    rows = []
    for (name, a), (_, b) in itertools.pairwise(marks):
        span = max(b - a, 1e-9)
        held = {who: _overlap(spans, a, b) / span for who, spans in busy.items()}
        rows.append({
            "phase": name, "from s": round(a - t0, 2), "to s": round(b - t0, 2),
            "seconds": round(b - a, 2),
            "parent": round(held.get("parent", 0.0), 2),
            "fork server": round(held.get("fork server", 0.0), 2),
            "workers": round(held.get("workers", 0.0), 2),
            "reader": round(held.get("reader", 0.0), 2),
            "cores held": round(sum(held.values()), 2),
        })  # fmt: skip
    del command
    return rows


PACKS = "packs loaded (process: batches run with kiwipiepy / sudachipy / ja_ginza in memory)"


def _idle(records: list[dict[str, Any]], role: Any) -> dict[str, list[float]]:
    """Seconds each worker ran no batch in the pool: [between two of its batches (waiting
    for one to be handed out: the parent's pace, the look-ahead), after its last one until
    the last batch's end (the last batches' unevenness)], from the first worker batch on."""
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in records:
        if r["kind"] == "batch" and role(r["pid"]).startswith("worker"):
            spans[role(r["pid"])].append((r["start"], r["end"]))
    if not spans:
        return {}
    last = max(b for runs in spans.values() for _, b in runs)
    idle = {}
    for who, runs in sorted(spans.items()):
        runs.sort()
        between = sum(max(0.0, a - b) for (_, b), (a, _) in itertools.pairwise(runs))
        idle[who] = [round(between, 2), round(last - max(b for _, b in runs), 2)]
    return idle


def _spent(records: list[dict[str, Any]], *kinds: str, key: str = "cpu0") -> float:
    """CPU seconds spent inside the records of ``kinds`` (each logs its process's CPU at its
    start and end; the process's other threads count too)."""
    return sum(r["cpu"] - r[key] for r in records if r["kind"] in kinds and key in r)


def _last_cpu(records: list[dict[str, Any]], kind: str) -> float:
    return max((r["cpu"] for r in records if r["kind"] == kind), default=0.0)


def cpu_account(records: list[dict[str, Any]], role: str) -> dict[str, float]:
    """One process's CPU seconds (user + system, all its threads) by what it did: start
    (interpreter, imports, fork, initialiser), batches, the bench's own pickling of each
    batch's result (one more copy of what the worker's result send pickles), the parent's
    parts, and 'other' (between the traced spans: tasks unpickled, results pickled and sent,
    the exit); 'at exit' is the CPU it logged as it ended (the last record where it logs none)."""
    at_exit = max(r["cpu"] for r in records)
    batches = _spent(records, "batch") - sum(r.get("pickle_cpu", 0.0) for r in records)
    parts: dict[str, float] = {}
    if role == "parent":
        parts = {"start + CLI import": _last_cpu(records, "cli import"),
                 "stages built (+ warm-up thread)": _spent(records, "build"),
                 "batches (inline)": batches,
                 "global stages (+ other threads meanwhile)": _spent(records, "global"),
                 "waiting on results (other threads: unpickling, feeding, warm-up)":
                     _spent(records, "wait"),
                 "closes": _spent(records, "close"), "readings": _spent(records, "readings"),
                 "pool close": _spent(records, "pool close")}  # fmt: skip
    elif role == "fork server":
        preload = _last_cpu(records, "preload")
        parts = {"preload (interpreter, imports, language identifier)": preload,
                 "model loads": _last_cpu(records, "models") - preload}  # fmt: skip
    else:
        start = _last_cpu(records, "reader" if role == "reader" else "fork")
        parts = {"start (spawn + imports, or fork + initialiser)": start,
                 "set-up of batch functions": _spent(records, "setup"),
                 "batches": batches,
                 "the bench's pickling of results": sum(r.get("pickle_cpu", 0.0)
                                                         for r in records)}  # fmt: skip
    parts = {k: round(v, 2) for k, v in parts.items()}
    parts["other (between traced spans; exit)"] = round(at_exit - sum(parts.values()), 2)
    parts["at exit"] = round(at_exit, 2)
    warm = sum(r.get("thread_cpu", 0.0) for r in records if r["kind"] == "warm")
    threads = next((r["by_thread"] for r in records if r["kind"] == "threads"), {})
    if warm or threads:  # the parent's threads, already counted in the spans they overlap
        parts["of which the warm-up thread"] = round(warm, 2)
        for name, spent in sorted(threads.items()):
            parts[f"of which thread {name} (to the pool's close)"] = spent
    return parts


PHASE_COLUMNS = ("phase", "from s", "to s", "seconds", "parent", "fork server", "workers",
                 "reader", "cores held")  # fmt: skip


def chart(records: list[dict[str, Any]], step: float) -> tuple[str, dict[str, Any]]:
    t0 = min(r["start"] for r in records)
    end = max(r["end"] for r in records)
    by_pid: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_pid[r["pid"]].append(r)
    parent = next(r["pid"] for r in records if r["kind"] == "command")

    def role(pid: int) -> str:
        if pid == parent:
            return "parent"
        if any(r["kind"] == "preload" for r in by_pid[pid]):
            return "fork server"
        if any(r["kind"] == "reader" for r in by_pid[pid]):
            return "reader"
        return f"worker {pid}"

    columns = int((end - t0) / step) + 1
    lines = []
    summary: dict[str, Any] = {"wall s": round(end - t0, 2)}
    for pid in sorted(by_pid, key=lambda p: (role(p) != "parent", role(p) != "fork server",
                                             role(p) != "reader", p)):  # fmt: skip
        row = ["."] * columns
        busy = 0.0
        for r in sorted(by_pid[pid], key=lambda r: r["start"]):
            letter = _letter(r)
            if letter is None:
                continue
            a, b = int((r["start"] - t0) / step), int((r["end"] - t0) / step)
            for c in range(a, b + 1):
                if row[c] == "." or letter != "w":
                    row[c] = letter
            if r["kind"] in BUSY:
                busy += r["end"] - r["start"]
        lines.append(f"{role(pid):>14} |{''.join(row)}|")
        summary[f"{role(pid)} busy s"] = round(busy, 2)
    firsts = [r["end"] - t0 for r in records if r["kind"] == "batch"]
    summary["first batch done at s"] = round(min(firsts), 2) if firsts else None
    pool = [r["start"] - t0 for r in records if r["kind"] == "pool"]
    summary["pool asked for at s"] = round(pool[0], 2) if pool else None
    waits = [r["end"] - r["start"] for r in records if r["kind"] == "wait"]
    summary["parent waiting s"] = round(sum(waits), 2)
    glob = [r["end"] - r["start"] for r in records if r["kind"] == "global"]
    summary["parent global stages s"] = round(sum(glob), 2)
    stages: dict[str, float] = defaultdict(float)
    for r in records:
        if r["kind"] == "stage":
            stages[r["stage"]] += r["end"] - r["start"]
        if r["kind"] == "setup":
            stages["setup"] += r["end"] - r["start"]
    summary["worker seconds by stage"] = {k: round(v, 2) for k, v in stages.items()}
    cpu_by: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in records:  # CPU seconds inside each stage (and set-up), per process
        if r["kind"] in ("stage", "setup") and "cpu0" in r:
            where = cpu_by[role(r["pid"])]
            where[r.get("stage", "setup")] += r["cpu"] - r["cpu0"]
    for who, by_stage in sorted(cpu_by.items()):
        summary[f"{who} CPU s by stage"] = {k: round(v, 2) for k, v in by_stage.items()}
    faults: dict[str, int] = defaultdict(int)
    for r in records:
        if r.get("faults"):
            faults[role(r["pid"])] = max(faults[role(r["pid"])], r["faults"])
    if faults:  # each process's minor page faults by its last batch
        summary["minor page faults by the last batch"] = dict(sorted(faults.items()))
    threads: dict[str, list[int]] = defaultdict(list)
    for r in records:
        if r.get("threads"):
            threads[role(r["pid"])].append(r["threads"])
    for who, counts in sorted(threads.items()):  # one core a worker: no thread pool of its own
        summary[f"{who} threads at a batch's end (min, max)"] = [min(counts), max(counts)]
    for pid in by_pid:  # CPU seconds of each process by the end of its last record
        summary[f"{role(pid)} CPU s"] = round(max(r["cpu"] for r in by_pid[pid]), 2)
    served = [r["server_cpu"] for r in records if r.get("server_cpu") is not None]
    if served:  # the fork server's whole preload (imports, language identifier, models)
        summary["fork server CPU s (all its preload)"] = round(max(served), 2)
    segments: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for r in records:
        if r["kind"] == "global":
            seg = segments[r["fn"]]
            seg[0] += 1
            seg[1] += r["end"] - r["start"]
            seg[2] = max(seg[2], r["end"] - r["start"])
    summary["global segments (calls, s, longest s)"] = {
        k: [v[0], round(v[1], 2), round(v[2], 2)] for k, v in segments.items()
    }
    summary["workers idle s in the pool (between batches, after its last)"] = _idle(records, role)
    summary["batches"] = [
        (role(r["pid"]), r["fn"], r["items"], round(r["start"] - t0, 2), round(r["end"] - t0, 2),
         r.get("bytes"))
        for r in sorted(records, key=lambda r: r["start"])
        if r["kind"] == "batch"
    ]  # fmt: skip
    closes = {r["fn"]: round(r["cpu"] - r["cpu0"], 2) for r in records
              if r["kind"] in ("close", "readings") and "cpu0" in r}  # fmt: skip
    summary["parent CPU s in each global stage's close (readings: the whole stage)"] = closes
    handlers = [r for r in records if r["kind"] == "atexit"]
    gone = [r for r in records if r["kind"] == "exit"]
    if handlers and gone:  # the command returned: exit handlers (atexit), then teardown
        summary["exit handlers s"] = round(handlers[0]["end"] - handlers[0]["start"], 2)
        summary["interpreter teardown s"] = round(gone[0]["end"] - handlers[0]["end"], 2)
    summary["phases"] = phases(records, {pid: role(pid) for pid in by_pid})
    summary["CPU account"] = {role(pid): cpu_account(by_pid[pid], role(pid)) for pid in by_pid}
    # Sudachi alone (0.05 CPU s) serves the Han readings of any CJK name; GiNZA (ja_ginza,
    # 1.4-2.2 CPU s) is the Japanese pack's model: a second worker loading a pack shows here
    summary[PACKS] = {
        role(pid): [sum(1 for r in rs if r["kind"] == "batch" and r.get(m))
                    for m in ("kiwi", "sudachi", "ginza")]
        for pid, rs in by_pid.items() if any(r["kind"] == "batch" for r in rs)
    }  # fmt: skip
    axis = "".join(str(int(i * step) % 10) if (i * step) % 1 < step / 2 else " "
                   for i in range(columns))  # fmt: skip
    lines.append(f"{'seconds':>14} |{axis}|")
    return "\n".join(lines), summary


def trace(src: Path, pages: Path, work: Path, workers: int, step: float) -> tuple[str, dict]:
    """One traced ``newsdesk ingest --workers N`` of ``pages`` with the source tree ``src``
    into a fresh store: the chart and the summary."""
    logs = work / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    db = work / "t.db"
    for leftover in work.glob("t.db*"):
        leftover.unlink()
    env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_WORKERS"}
    env[DIR_VARIABLE] = str(logs)
    env["PYTHONPATH"] = os.pathsep.join([str(src), str(Path(__file__).parent)])
    cmd = [sys.executable, __file__, "--child", "--db", str(db), "ingest",
           str(pages), "--json", "--workers", str(workers)]  # fmt: skip
    import ctypes

    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: workers reaped here
    cpu = os.times()
    load = os.getloadavg()[0]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    exited = _now()
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    after = os.times()
    if done.returncode not in (0, 1) or not done.stdout.strip():
        raise SystemExit(done.stderr[-3000:])
    records = []
    for path in logs.glob("*.jsonl"):
        records += [json.loads(line) for line in path.read_text().splitlines()]
    command = next(r for r in records if r["kind"] == "command")
    records.append({"pid": command["pid"], "kind": "exit", "start": command["end"],
                    "end": exited, "cpu": command["cpu"]})  # fmt: skip
    text, summary = chart(records, step)
    summary["CPU s (command's children reaped)"] = round(
        (after.children_user + after.children_system)
        - (cpu.children_user + cpu.children_system), 2
    )  # fmt: skip
    summary["load at start"] = round(load, 2)
    return text, summary


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child_main(sys.argv[2:])
        return
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--step", type=float, default=0.25)
    parser.add_argument("--runs", type=int, default=1, help="traced runs of each tree")
    parser.add_argument("--src", type=Path, default=bc.REPO_ROOT / "src",
                        help="the source tree to trace (default: this checkout's)")  # fmt: skip
    parser.add_argument("--before-src", type=Path, default=None,
                        help="also trace this source tree (the code before a change), "
                        "runs alternating with --src's")  # fmt: skip
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nd-timeline-"))
    trees = [("after", args.src)] + ([("before", args.before_src)] if args.before_src else [])
    runs: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    try:
        folder = bc.require_dir(args.eval_dir, "scrapinghub_aeb", ["html"]) / "html"
        pages = work / "pages"
        pages.mkdir()
        for n, path in enumerate(sorted(folder.glob("*.html.gz"))[: args.pages]):
            with gzip.open(path, "rb") as fh:
                (pages / f"{n:04d}.html").write_bytes(fh.read())
        for n in range(args.runs):
            for label, src in trees if n % 2 == 0 else trees[::-1]:
                text, summary = trace(src, pages, work, args.workers, args.step)
                runs[label].append((text, summary))
                print(f"== {label} ({src}), run {n + 1}")
                print(text)
                shown = {k: v for k, v in summary.items() if k not in ("batches", "phases")}
                print(json.dumps(shown, indent=1))
                bc.print_table(f"Phases, {label}", PHASE_COLUMNS, summary["phases"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.no_save:
        return
    _save(args, trees, runs)


def _median_run(found: list[tuple[str, dict]]) -> tuple[str, dict]:
    ordered = sorted(found, key=lambda run: run[1]["wall s"])
    return ordered[len(ordered) // 2]


def _save(args: Any, trees: list[tuple[str, Path]], runs: dict[str, list]) -> None:
    rows: list[dict[str, Any]] = []
    charts = []
    for label, src in trees:
        text, summary = _median_run(runs[label])
        for row in summary["phases"]:
            rows.append({"tree": label, **row})
        rows.append({"tree": label, "phase": "whole command", "from s": 0.0,
                     "to s": summary["wall s"], "seconds": summary["wall s"],
                     "cores held": round(summary["CPU s (command's children reaped)"]
                                         / summary["wall s"], 2)})  # fmt: skip
        walls = " / ".join(str(s["wall s"]) for _, s in runs[label])
        cpus = " / ".join(str(s["CPU s (command's children reaped)"]) for _, s in runs[label])
        loads = " / ".join(str(s["load at start"]) for _, s in runs[label])
        charts.append((label, src, text, summary, walls, cpus, loads))
    notes = [
        f"one traced `newsdesk ingest --workers {args.workers}` of the first {args.pages} "
        "AEB pages (scrapinghub_aeb/html, sorted names) into a fresh store per run, the "
        "median-wall run of each tree shown; trees alternating run by run",
        "seconds: wall seconds of the phase (CLOCK_BOOTTIME stamps from every process); "
        "parent / fork server / workers: cores each held on average in the phase (its busy "
        "spans: imports, building, global stages, closes, readings, preload, model loads, "
        "forks, batches; a process waiting on another is not busy); whole command's cores "
        "held: user + sys CPU seconds of the command and every process it started / wall",
        *[f"{label}: source tree {src}; walls {walls} s; CPU s {cpus}; 1-min load at start "
          f"{loads}" for label, src, _, _, walls, cpus, loads in charts],
        "a shared 2-CPU machine (other engineers' tests and benches): wall seconds carry "
        "the neighbours' load; compare trees within this run",
        "a tree whose executor starts its pool in start() (the reader, 43862ce on) asks for "
        "the pool as the fork server starts: its 'command' phase ends there, and the "
        "parent's remaining set-up counts in the next phase",
    ]  # fmt: skip
    md = bc.save_results(
        "pipeline_timeline", title=f"Timeline of one ingest ({args.pages} AEB pages, "
        f"--workers {args.workers})", columns=("tree", *PHASE_COLUMNS), rows=rows, notes=notes,
        extra={"summaries": {label: [s for _, s in runs[label]] for label, _ in trees}},
    )  # fmt: skip
    with md.open("a", encoding="utf-8") as fh:
        fh.write("\n## Charts (median run of each tree)\n\n")
        fh.write(
            f"One row per process, one column per {args.step:.2f} s: i imports, b stages built, "
            "P fork server preload, M model loads, f worker fork, S the reader's start "
            "(spawned: imports, language identifier), r read+clean+quality"
            "+ids+signatures batch, A embed+annotate batch, g parent global stages, "
            "w parent waiting on a worker, c a global stage's close, R readings, "
            f"x pool closed, e exit, W the parent's warm-up thread, . idle\n"
        )
        for label, _, text, summary, *_ in charts:
            fh.write(f"\n{label}:\n\n```\n{text}\n```\n")
            packs = summary.get(PACKS)
            fh.write(
                f"\nbatches run with a language pack in memory (kiwipiepy, sudachipy, ja_ginza), "
                f"per process: {json.dumps(packs)}\n"
            )
    print(f"wrote {md}")


if __name__ == "__main__":
    main()
