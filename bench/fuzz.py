"""Fuzz newsdesk: N mutated cases per target, crashes and slow cases counted and kept.

    python bench/fuzz.py --cases 100000 [--target html,feed] [--seed 1] [--jobs 2]
    python bench/fuzz.py --replay bench/out/fuzz/html/crash-1a2b3c4d/case-17.bin

Each target runs in its own worker process (models and stores loaded once) under a
watchdog: a case that takes over ``--slow`` seconds (10) is a slow case; one still
running after ``--hard-timeout`` seconds, or a worker over ``--max-rss-mb``, is killed,
recorded and the run goes on from the next case. An exception that is one of newsdesk's
own documented errors for bad input (``newsdesk.errors.NewsdeskError``) is a handled
case; any other exception (or a 5xx from the web desk, or a worker that dies) is a crash.
Every crash and slow case is written to ``--findings`` (``bench/out/fuzz/`` by default)
as ``case-N.bin`` (the input) and ``case-N.json`` (target, seed, case number, what else the
target needs, the traceback); ``--replay`` runs one again in-process. Case N of a target
is made from ``random.Random(f"{seed}:{target}:{N}")`` alone, so a run is reproducible.

Targets, inputs and the mutations are described in fuzz_targets.py, fuzz_corpus.py and
fuzz_mutate.py. Results: a table, and bench/results/fuzz.md and .json.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import multiprocessing as mp
import os
import pickle
import queue as queue_module
import random
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from bench_common import print_table, save_results  # noqa: E402
from fuzz_targets import TARGETS, Case, Skip, make_target, net_cause  # noqa: E402

DEFAULT_FINDINGS = HERE / "out" / "fuzz"
PROGRESS_EVERY = 2.0  # seconds between a worker's progress reports


@dataclass(slots=True)
class Tally:
    """What one target's cases gave; added up over worker restarts."""

    cases: int = 0
    ok: int = 0
    handled: int = 0
    net: int = 0  # handled only by a catch-all that turns a bug into a documented error
    skipped: int = 0
    crashes: int = 0
    slow: int = 0
    slow_warmup: int = 0  # slow the first time only (a model or cache built once per process)
    busy_s: float = 0.0
    max_case_s: float = 0.0
    setup_s: float = 0.0
    restarts: int = 0
    signatures: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        names = ("cases", "ok", "handled", "net", "skipped", "crashes", "slow", "slow_warmup",
                 "busy_s", "setup_s")  # fmt: skip
        for name in names:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.max_case_s = max(self.max_case_s, other.max_case_s)
        for key, found in other.signatures.items():
            mine = self.signatures.setdefault(key, {**found, "count": 0})
            mine["count"] += found["count"]


def signature(exc: BaseException) -> tuple[str, str]:
    """(key, where): the exception type and the innermost newsdesk frame it came from."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/newsdesk/" in f.filename] or frames[-1:]
    where = ""
    if ours:
        frame = ours[-1]
        short = (
            frame.filename.split("/newsdesk/", 1)[-1]
            if "/newsdesk/" in frame.filename
            else (Path(frame.filename).name)
        )
        where = f"{short}:{frame.lineno} in {frame.name}"
    key = f"{type(exc).__name__} @ {where}"
    return key, where


def _short_hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def write_finding(
    folder: Path, target: str, seed: str, index: int, case: Case, info: dict[str, Any]
) -> Path:
    """``case-N.bin`` and ``case-N.json`` under ``folder``; returns the .bin path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"case-{index}.bin"
    path.write_bytes(case.data)
    record = {"target": target, "seed": seed, "case": index, "meta": case.meta, **info}
    path.with_suffix(".json").write_text(
        json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8"
    )
    return path


@dataclass(slots=True)
class Job:
    target: str
    seed: str
    start: int
    stop: int
    findings: Path
    slow: float
    max_repros: int


def _record(tally: Tally, job: Job, kind: str, key: str, where: str, index: int, case: Case,
            info: dict[str, Any]) -> None:  # fmt: skip
    found = tally.signatures.setdefault(
        f"{kind}: {key}", {"kind": kind, "where": where, "count": 0, "example": None}
    )
    found["count"] += 1
    if found["count"] <= job.max_repros:
        folder = job.findings / job.target / f"{kind}-{_short_hash(key)}"
        path = write_finding(folder, job.target, job.seed, index, case, {**info, "kind": kind})
        found["example"] = found["example"] or str(path)


def _worker(job: Job, shared: Any, out: Any, current_path: str) -> None:
    """Run cases ``job.start``..``job.stop``; report progress and the tally on ``out``."""
    from newsdesk.errors import NewsdeskError

    tally = Tally()
    began = time.perf_counter()
    target = make_target(job.target)
    target.setup()
    tally.setup_s = time.perf_counter() - began
    fd = os.open(current_path, os.O_RDWR | os.O_CREAT, 0o600)
    last_report = time.monotonic()
    for index in range(job.start, job.stop):
        if shared[2]:
            break
        try:
            case = target.make(random.Random(f"{job.seed}:{job.target}:{index}"))
        except Exception as exc:
            key, where = signature(exc)
            detail = "".join(traceback.format_exception(exc))[-6000:]
            _record(tally, job, "harness", key, where, index, Case(b""), {"error": detail})
            continue
        payload = pickle.dumps((index, case))
        os.ftruncate(fd, 0)
        os.pwrite(fd, payload, 0)
        shared[0], shared[1] = index, time.monotonic()
        t0 = time.perf_counter()
        outcome = "ok"
        try:
            target.run(case)
        except NewsdeskError as exc:
            outcome = "handled"
            cause = net_cause(exc)
            if cause is not None:
                outcome = "net"
                key, where = signature(cause)
                detail = "".join(traceback.format_exception(exc))[-6000:]
                _record(tally, job, "net", key, where, index, case, {"error": detail})
        except Skip:
            outcome = "skipped"
        except (Exception, RecursionError, MemoryError) as exc:
            outcome = "crash"
            key, where = signature(exc)
            detail = "".join(traceback.format_exception(exc))[-6000:]
            _record(tally, job, "crash", key, where, index, case, {"error": detail})
        took = time.perf_counter() - t0
        shared[1] = 0.0
        tally.cases += 1
        field_name = "crashes" if outcome == "crash" else outcome
        setattr(tally, field_name, getattr(tally, field_name) + 1)
        tally.busy_s += took
        tally.max_case_s = max(tally.max_case_s, took)
        if took > job.slow:
            again = _run_again(target, case)
            warm = again < job.slow / 10  # fast the second time: a one-off cost per process
            tally.slow += 1
            tally.slow_warmup += warm
            key = "first run only (warm-up)" if warm else "every run"
            info = {"seconds": took, "again_seconds": again}
            _record(tally, job, "slow", key, "", index, case, info)
        now = time.monotonic()
        if now - last_report > PROGRESS_EVERY:
            out.put(("progress", index, tally))
            last_report = now
    os.close(fd)
    out.put(("done", job.stop, tally))


def _run_again(target: Any, case: Case) -> float:
    """Seconds the same case takes a second time in this process."""
    began = time.perf_counter()
    with contextlib.suppress(Exception):  # only the time is wanted: the first run counted
        target.run(case)
    return time.perf_counter() - began


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_target(name: str, args: argparse.Namespace, seconds: float) -> tuple[Tally, float]:
    """All of one target's cases, restarting the worker after a kill; (tally, wall seconds)."""
    ctx = mp.get_context("fork")
    total, start, began = Tally(), 0, time.monotonic()
    deadline = began + seconds if seconds else None
    current = Path(tempfile.mkdtemp(prefix="fuzz-current-")) / "case.pickle"
    while start < args.cases:
        job = Job(name, args.seed, start, args.cases, args.findings, args.slow, args.max_repros)
        shared = ctx.Array("d", [-1.0, 0.0, 0.0], lock=False)
        out = ctx.Queue()
        worker = ctx.Process(target=_worker, args=(job, shared, out, str(current)), daemon=True)
        worker.start()
        latest, done_at, why = Tally(), None, None
        while done_at is None and why is None:
            try:
                kind, index, latest = out.get(timeout=0.25)
                if kind == "done":
                    done_at = index
                continue
            except queue_module.Empty:
                pass
            began_case = shared[1]
            if deadline and time.monotonic() > deadline:
                shared[2] = 1.0
            if not worker.is_alive():
                why = f"worker died (exit code {worker.exitcode})"
            elif began_case and time.monotonic() - began_case > args.hard_timeout:
                why = f"killed after {args.hard_timeout:.0f} s"
            elif _rss_mb(worker.pid or 0) > args.max_rss_mb:
                why = f"killed at over {args.max_rss_mb} MB of memory"
        if why is not None:
            _drain(out, latest)
            worker.kill()
            worker.join()
            latest = _drain(out, latest)
            start = _killed(name, args, job, latest, why, current)
            total.restarts += 1
        else:
            worker.join()
            start = args.cases
        total.add(latest)
        if deadline and time.monotonic() > deadline:
            break
    return total, time.monotonic() - began - total.setup_s


def _drain(out: Any, latest: Tally) -> Tally:
    while True:
        try:
            _kind, _index, latest = out.get(timeout=0.1)
        except (queue_module.Empty, EOFError, OSError):
            return latest


def _killed(name: str, args: argparse.Namespace, job: Job, latest: Tally, why: str,
            current: Path) -> int:  # fmt: skip
    """Record the case a killed worker was running; return where to go on from."""
    try:
        index, case = pickle.loads(current.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        return job.start + latest.cases + 1
    kind = "slow" if "after" in why else "crash"
    latest.cases += 1
    if kind == "slow":
        latest.slow += 1
        latest.max_case_s = max(latest.max_case_s, args.hard_timeout)
    else:
        latest.crashes += 1
    _record(latest, job, kind, why, "", index, case, {"error": why})
    print(f"  {name}: case {index} {why}", file=sys.stderr)
    return index + 1


def replay(path: Path) -> int:
    """Run one finding again in-process; print what it does. Exit 1 when it still fails."""
    from newsdesk.errors import NewsdeskError

    info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    target = make_target(info["target"])
    target.setup()
    case = Case(path.with_suffix(".bin").read_bytes(), info.get("meta") or {})
    for attempt in ("first run", "run again"):  # a slow first run only: a warm-up cost
        began = time.perf_counter()
        try:
            target.run(case)
        except NewsdeskError as exc:
            print(f"handled: {exc}")
        except Exception:
            traceback.print_exc()
            return 1
        took = time.perf_counter() - began
        print(f"{info['target']} case {info['case']}, {attempt} in this process: {took:.2f} s")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases per target (1000)")
    parser.add_argument(
        "--target", default=",".join(TARGETS), help="targets, comma-separated (NAME or NAME:SEC)"
    )
    parser.add_argument("--seed", default="0", help="the run's seed (0)")
    parser.add_argument("--jobs", type=int, default=1, help="targets run at once (1)")
    parser.add_argument("--seconds", type=float, default=0, help="stop each target after this")
    parser.add_argument("--slow", type=float, default=10.0, help="a slow case, seconds (10)")
    parser.add_argument("--hard-timeout", type=float, default=60.0, help="kill after (60 s)")
    parser.add_argument("--max-rss-mb", type=float, default=4000, help="kill above (4000 MB)")
    parser.add_argument("--max-repros", type=int, default=20, help="inputs kept per signature")
    parser.add_argument("--findings", type=Path, default=DEFAULT_FINDINGS)
    parser.add_argument("--replay", type=Path, help="run one finding (case-N.bin) again")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/")
    parser.add_argument("--name", default="fuzz", help="results name (fuzz)")
    return parser


def _row(name: str, tally: Tally, wall: float) -> dict[str, Any]:
    return {
        "target": name,
        "cases": tally.cases,
        "ok": tally.ok,
        "handled": tally.handled,
        "net": tally.net,
        "skipped": tally.skipped,
        "crashes": tally.crashes,
        "signatures": len([k for k in tally.signatures if k.startswith("crash")]),
        "slow": tally.slow,
        "slow_warmup": tally.slow_warmup,
        "max_case_s": round(tally.max_case_s, 3),
        "cases_per_s": round(tally.cases / wall, 1) if wall > 0 else 0.0,
        "setup_s": round(tally.setup_s, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.replay:
        return replay(args.replay)
    budgets = {}  # "html:600" gives html its own time budget
    for item in (n.strip() for n in args.target.split(",")):
        if item:
            name, _, seconds = item.partition(":")
            budgets[name] = float(seconds) if seconds else args.seconds
    names = list(budgets)
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        print(f"unknown target(s) {unknown}; choose from {', '.join(TARGETS)}", file=sys.stderr)
        return 2
    results: dict[str, tuple[Tally, float]] = {}
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {name: pool.submit(run_target, name, args, budgets[name]) for name in names}
        for name, future in futures.items():
            results[name] = future.result()
            tally, wall = results[name]
            print(f"{name}: {tally.cases} cases, {tally.crashes} crashes, {tally.slow} slow, "
                  f"{tally.cases / max(wall, 1e-9):.1f} cases/s", file=sys.stderr)  # fmt: skip
    rows = [_row(name, *results[name]) for name in names]
    columns = list(rows[0]) if rows else []
    print_table(f"Fuzzing (seed {args.seed}, slow > {args.slow:g} s)", columns, rows)
    findings = {
        name: {key: found for key, found in results[name][0].signatures.items()} for name in names
    }
    for name, found in findings.items():
        for key, item in sorted(found.items(), key=lambda kv: -kv[1]["count"]):
            print(f"  {name}: {item['count']:>6} x {key}\n          e.g. {item['example']}")
    if not args.no_save:
        path = save_results(
            args.name,
            title="Fuzzing: crashes and slow cases per target",
            columns=columns,
            rows=rows,
            notes=[
                f"command: python bench/fuzz.py {' '.join(argv or sys.argv[1:])}",
                f"seed {args.seed}; slow = a case over {args.slow:g} s; a worker is killed "
                f"after {args.hard_timeout:g} s or above {args.max_rss_mb:g} MB",
                "handled = newsdesk's own documented error for bad input (NewsdeskError); "
                "net = handled only because read_blob's catch-all turned a reader's exception "
                "into a MalformedInput (a bug kept out of the batch, listed under open); "
                "crashes = any other exception, a 5xx from the web desk, or a dead worker; "
                "skipped = a URL the HTTP test client refused to send (web); slow_warmup = "
                "slow cases that took under a tenth of the limit when run again in the same "
                "worker (a cost paid once per process); cases_per_s counts the worker's wall "
                "time after setup (models, stores) on a machine shared with other work",
            ],
            extra={"findings": findings, "tallies": {n: asdict(results[n][0]) for n in names}},
        )
        _append_open(path, findings)
        print(f"wrote {path}")
    return 1 if any(r["crashes"] or r["slow"] for r in rows) else 0


# what this harness found and what became of it (each has a test in
# tests/fuzz/test_regressions.py); kept here so every results file carries it
FIXED = [
    "web: a non-ASCII CSRF token on /login, /logout, /admin forms gave 500 "
    "(hmac.compare_digest refuses non-ASCII str)",
    "web: /search?q= gave 500 when an article was dated before the year 1000 "
    "(trend labels from strftime('%Y') are not zero-padded: '1-01-01')",
    "web: a story with a known and an unknown quote speaker gave 500 on /story/ID "
    "(jinja's groupby sorted None against names)",
    "brief: the brief of 9999-12-31 raised OverflowError (the day's end + 14 h)",
    "dates, clean: a dateline read against a fetch time of 9999-12-31 or 0001-01-01, "
    "'February 29' placed in a common year, '99999999999 weeks ago' (OverflowError, "
    "ValueError in clean/dates.py)",
    "ingest: a JSONL record with a \\ud800 escape (lone surrogate) failed hashing and storing",
    "html, jsonl: &#27; in HTML made lxml refuse the text; read_blob's catch-all rejected "
    "the whole page",
    "html: a fragment that parses to a lone comment ('\\u2029<!') raised ValueError in "
    "strip_elements; read_blob's catch-all rejected the whole file (a JSONL file: every record)",
    "annotate: 6 KB holding 5,000 '%' took 18 s every run (spaCy's suffix search is "
    "quadratic in a punctuation run); runs over 64 are cut to 32 before any parser",
    "feed: a 28 KB byline (dc:creator, author) took feedparser 10-25 s (a quadratic e-mail "
    "regex); bylines are cut to 1,000 bytes",
    "feed: &#99999999999;, &#x110000;, an XML declaration naming an encoding with NUL "
    "(OverflowError, ValueError in feedparser): fixed in ingest/feed.py by the readers' work",
]


def _append_open(path: Path, findings: dict[str, dict[str, Any]]) -> None:
    lines = ["", "## found and fixed", ""] + [f"- {item}" for item in FIXED]
    lines += ["", "## open (this run)", ""]
    for name, found in findings.items():
        for key, item in sorted(found.items(), key=lambda kv: -kv[1]["count"]):
            lines.append(f"- {name}: {item['count']} x `{key}` (e.g. `{item['example']}`)")
    if lines[-1] == "":
        lines.append("- nothing: no crash and no slow case in this run")
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
