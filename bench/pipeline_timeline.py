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
preload, ``.`` idle) and a summary: busy seconds per process, when the first result came.

Run: ``python bench/pipeline_timeline.py [--pages 120] [--workers 2] [--step 0.25]``.
"""

from __future__ import annotations

import gzip
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
    _log("batch", first, _now(), fn=self.name, items=items, cpu0=cpu_first,
         bytes=len(pickle.dumps(batch)), threads=_threads(), faults=_faults())  # fmt: skip
    return batch


def patch_worker_side() -> None:
    import newsdesk.pipeline as pipeline
    from newsdesk.executors import local

    local._run = traced_run  # type: ignore[assignment]
    pipeline.Composed.__call__ = traced_call  # type: ignore[method-assign]


def patch_parent_side() -> None:
    import newsdesk.pipeline as pipeline
    from newsdesk.executors import local

    patch_worker_side()
    local.PRELOAD = "pipeline_timeline_preload"
    real_result = local.LocalExecutor._result

    def result(self: Any, fn: Any, future: Any, batch: list[Any]) -> list[Any]:
        start = _now()
        try:
            return real_result(self, fn, future, batch)
        finally:
            _log("wait", start, _now(), fn=fn.name)

    local.LocalExecutor._result = result  # type: ignore[method-assign]
    real_in_parent = pipeline._in_parent

    def in_parent(stages: list[Any], batch: list[Any]) -> list[Any]:
        start = _now()
        try:
            return real_in_parent(stages, batch)
        finally:
            names = "+".join(type(s).__name__ for s in stages)
            _log("global", start, _now(), fn=names)

    pipeline._in_parent = in_parent  # type: ignore[assignment]
    real_ensure = local.LocalExecutor._ensure_pool

    def ensure(self: Any) -> Any:
        if self._pool is None:
            _log("pool", _now(), _now())
        return real_ensure(self)

    local.LocalExecutor._ensure_pool = ensure  # type: ignore[method-assign]


def child_main(argv: list[str]) -> None:
    """The traced command: ``newsdesk <argv>`` in this process."""
    _log("python start", _process_start(), _now())
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
    _log("command", start, _now())
    raise SystemExit(code)


# -- the chart ----------------------------------------------------------------------------

LETTERS = {"read": "r", "embed": "A", "setup": "s", "global": "g", "wait": "w", "preload": "P"}


def _letter(record: dict[str, Any]) -> str | None:
    kind = record["kind"]
    if kind == "batch":
        return "r" if str(record["fn"]).startswith("read") else "A"
    if kind in ("setup", "global", "wait", "preload"):
        return LETTERS[kind]
    if kind in ("cli import", "python start"):
        return "i"
    return None


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
        return f"worker {pid}"

    columns = int((end - t0) / step) + 1
    lines = []
    summary: dict[str, Any] = {"wall s": round(end - t0, 2)}
    for pid in sorted(by_pid, key=lambda p: (role(p) != "parent", role(p) != "fork server", p)):
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
            if r["kind"] in ("batch", "setup", "global", "preload", "cli import"):
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
    summary["batches"] = [
        (role(r["pid"]), r["fn"], r["items"], round(r["start"] - t0, 2), round(r["end"] - t0, 2),
         r.get("bytes"))
        for r in sorted(records, key=lambda r: r["start"])
        if r["kind"] == "batch"
    ]  # fmt: skip
    axis = "".join(str(int(i * step) % 10) if (i * step) % 1 < step / 2 else " "
                   for i in range(columns))  # fmt: skip
    lines.append(f"{'seconds':>14} |{axis}|")
    return "\n".join(lines), summary


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child_main(sys.argv[2:])
        return
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--step", type=float, default=0.25)
    parser.add_argument("--src", type=Path, default=bc.REPO_ROOT / "src",
                        help="the source tree to trace (default: this checkout's)")  # fmt: skip
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nd-timeline-"))
    try:
        folder = bc.require_dir(args.eval_dir, "scrapinghub_aeb", ["html"]) / "html"
        pages = work / "pages"
        pages.mkdir()
        for n, path in enumerate(sorted(folder.glob("*.html.gz"))[: args.pages]):
            with gzip.open(path, "rb") as fh:
                (pages / f"{n:04d}.html").write_bytes(fh.read())
        logs = work / "logs"
        logs.mkdir()
        env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_WORKERS"}
        env[DIR_VARIABLE] = str(logs)
        env["PYTHONPATH"] = os.pathsep.join([str(args.src), str(Path(__file__).parent)])
        cmd = [sys.executable, __file__, "--child", "--db", str(work / "t.db"), "ingest",
               str(pages), "--json", "--workers", str(args.workers)]  # fmt: skip
        import ctypes

        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: workers reaped here
        cpu = os.times()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
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
        text, summary = chart(records, args.step)
        summary["CPU s (command's children reaped)"] = round(
            (after.children_user + after.children_system)
            - (cpu.children_user + cpu.children_system), 2
        )  # fmt: skip
        print(text)
        batches = summary.pop("batches")
        print(json.dumps(summary, indent=1))
        for row in batches:
            print(*row, sep="\t")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
