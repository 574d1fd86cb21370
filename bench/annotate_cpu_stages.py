"""CPU seconds per article per stage, and of newsdesk's own pieces inside them, for two
source trees in the same run (issue 18: cut the per-article CPU, outputs identical).

Each run is a fresh Python per tree (trees alternating, ``--runs`` rounds): a warm-up ingest
of the last 8 pages into one store, then one in-process ingest (``InlineExecutor``, BLAS and
the embedding models on one thread as in a pool worker) of the first ``--pages`` AEB news pages
(scrapinghub_aeb/html, decompressed into a temporary folder) into a fresh store. CPU seconds
(``time.process_time``) are summed inside each stage's function and inside the pieces this
work changed or measured (``PIECES``: a piece runs inside a stage, so pieces are not added
to the stages). The table gives each row's median per article, before and after.

Run: ``python bench/annotate_cpu_stages.py --before-src /tmp/snap_start4/src
--after-src SNAPSHOT/src [--pages 120] [--runs 3]``.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "annotate_cpu_stages"
COLUMNS = ("stage or piece", "kind", "before CPU s/article", "after CPU s/article", "change")
# (module, attribute path, row name, kind): the per-article stages and the parent's rest
STAGES = (
    ("newsdesk.ingest", "_read_one", "read (+ HTML extraction)", "article"),
    ("newsdesk.clean.cleaner", "TextCleaner.clean", "clean (+ language, date)", "article"),
    ("newsdesk.stages.article", "Quality.__call__", "quality gate", "article"),
    ("newsdesk.stages.article", "Signatures.__call__", "signatures (MinHash)", "article"),
    ("newsdesk.stages.article", "Embed._embed", "embed (story features)", "article"),
    ("newsdesk.stages.article", "Annotate._annotate", "annotate", "article"),
)
# newsdesk's own pieces inside the stages (what was cut, and what is left)
PIECES = (
    ("newsdesk.ingest.html", "max_depth", "  read: tag depth scan (max_depth)", "piece"),
    ("newsdesk.clean.safety", "strip_controls", "  read+clean: strip_controls", "piece"),
    ("newsdesk.clean.mojibake", "repair_mojibake", "  read+clean: repair_mojibake", "piece"),
    ("newsdesk.lang.detect", "detect", "  clean: language (py3langid)", "piece"),
    ("newsdesk.clean.extract", "_run_trafilatura", "  read: trafilatura itself", "piece"),
    (
        "newsdesk.annotate.fast_pipes",
        "FastAttributeRuler.__call__",
        "  annotate: attribute ruler",
        "piece",
    ),
    ("newsdesk.annotate.entities", "EntityRecognizer.annotate", "  annotate: entities", "piece"),
    ("newsdesk.annotate.quotes", "QuoteExtractor.extract", "  annotate: quotes", "piece"),
    ("newsdesk.annotate.dates", "DateNormalizer.find", "  annotate: dates", "piece"),
    ("newsdesk.annotate.events", "EventExtractor.extract", "  annotate: events", "piece"),
    (
        "newsdesk.lang.annotator",
        "PackAnnotator.annotate",
        "  annotate: language packs (ko, ja; first use loads them)",
        "piece",
    ),
    ("newsdesk.cluster.embed", "embed", "  embed: MiniLM", "piece"),
    ("newsdesk.cluster.embed", "embed_multilingual", "  embed: USE", "piece"),
)
WHOLE = "whole ingest, one process, warm"
REST = "rest (parent's global stages, readings, bookkeeping)"


# -- the child: one tree, one warm pass ------------------------------------------------------


def _wrap(module: str, attribute: str, name: str, totals: dict[str, float]) -> None:
    owner: Any = importlib.import_module(module)
    *path, last = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    real = getattr(owner, last)
    depth = [0]  # a recursive or nested call counts once

    def timed(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return real(*args, **kwargs)
        depth[0] += 1
        cpu = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            totals[name] += time.process_time() - cpu
            depth[0] -= 1

    setattr(owner, last, timed)
    if not path:  # a function other modules imported by name: theirs too
        for other in list(sys.modules.values()):
            if other is not None and getattr(other, last, None) is real:
                setattr(other, last, timed)


def child(tree: Path, pages: Path, warm: Path, out: Path) -> None:
    sys.path.insert(0, str(tree))
    import newsdesk.cluster.embed as embed_module
    import newsdesk.ingestion as ingestion
    from newsdesk.executors import InlineExecutor
    from newsdesk.settings import Settings
    from newsdesk.store import SqliteStore

    assert Path(ingestion.__file__).is_relative_to(tree), ingestion.__file__
    embed_module.DEFAULT_THREADS = 1  # as in a pool worker
    work = Path(tempfile.mkdtemp(prefix="nd-cpu-stages-"))
    try:
        settings = Settings(db=work / "warm.db")
        with SqliteStore(settings.db) as store:
            ingestion.ingest([str(warm)], store, settings=settings, executor=InlineExecutor())
        totals: dict[str, float] = defaultdict(float)
        for module, attribute, name, _ in (*STAGES, *PIECES):
            _wrap(module, attribute, name, totals)
        settings = Settings(db=work / "run.db")
        cpu = time.process_time()
        with SqliteStore(settings.db) as store:
            report = ingestion.ingest(
                [str(pages)], store, settings=settings, executor=InlineExecutor()
            )
        totals[WHOLE] = time.process_time() - cpu
        totals[REST] = totals[WHOLE] - sum(totals[name] for _, _, name, _ in STAGES)
        out.write_text(json.dumps({"articles": report.ingested, "cpu": dict(totals)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- the parent: trees alternating -----------------------------------------------------------


def _run(tree: Path, pages: Path, warm: Path, work: Path, label: str, n: int) -> dict[str, Any]:
    out = work / f"{label}-{n}.json"
    cmd = [sys.executable, __file__, "--child", str(tree), str(pages), str(warm), str(out)]
    # one BLAS thread, as in a pool worker (newsdesk.executors.warm): numpy's products
    # (spaCy's layers, the embedding models) must not spread over the other core
    blas = dict.fromkeys(("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"), "1")
    env = {**os.environ, **blas, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(cmd, check=True, env=env, cwd=str(bc.REPO_ROOT / "bench"))
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(*(Path(a) for a in sys.argv[2:6]))
        return
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before-src", type=Path, required=True)
    parser.add_argument("--after-src", type=Path, default=bc.REPO_ROOT / "src")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nd-cpu-stages-"))
    loads: list[float] = []
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    try:
        pages = work / "pages"
        count = bc.aeb_pages(args.eval_dir, args.limit or args.pages, pages)
        warm = work / "warm"
        warm.mkdir()
        for path in sorted(pages.glob("*.html"))[-8:]:
            shutil.copy(path, warm / path.name)
        trees = {"before": args.before_src, "after": args.after_src}
        for n in range(args.runs):
            for label in ("before", "after") if n % 2 == 0 else ("after", "before"):
                loads.append(os.getloadavg()[0])
                runs[label].append(_run(trees[label], pages, warm, work, label, n))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = _rows(runs)
    bc.print_table(f"CPU s per article, {count} AEB pages, medians of {args.runs}", COLUMNS, rows)
    if args.no_save:
        return
    articles = runs["after"][0]["articles"]
    notes = [
        f"pages: the first {count} of scrapinghub_aeb/html (sorted names); {articles} "
        "articles stored; per article = CPU seconds / articles stored",
        f"before: {args.before_src}; after: {args.after_src}; a fresh Python per tree and "
        f"run, trees alternating, {args.runs} runs each; 1-minute load at each start: "
        + " / ".join(f"{x:.1f}" for x in loads),
        "one in-process ingest (InlineExecutor, BLAS and the embedding models on one "
        "thread) after a warm-up ingest of the last 8 pages into another store: the models "
        "are loaded, but "
        "a language pack no warm-up page needed (Korean's Kiwi, GiNZA) loads in the pass",
        "CPU seconds = time.process_time inside each function (this process, all its "
        "threads); the indented pieces run inside the stages above them",
        "per run (before / after, whole ingest CPU s): "
        + "; ".join(
            f"{b['cpu'][WHOLE]:.2f} / {a['cpu'][WHOLE]:.2f}"
            for b, a in zip(runs["before"], runs["after"], strict=True)
        ),
    ]
    bc.save_results(NAME, title=f"CPU per article per stage, before and after ({count} AEB "
                    "pages)", columns=COLUMNS, rows=rows, notes=notes,
                    extra={"runs": runs, "trees": {k: str(v) for k, v in
                                                   {"before": args.before_src,
                                                    "after": args.after_src}.items()}})  # fmt: skip


def _rows(runs: dict[str, list[dict[str, Any]]]) -> list[bc.Row]:
    def median(label: str, name: str) -> float:
        def per(run: dict[str, Any]) -> float:
            return float(run["cpu"].get(name, 0.0)) / max(1, run["articles"])

        return statistics.median(per(r) for r in runs[label])

    rows: list[bc.Row] = []
    names = [(name, kind) for _, _, name, kind in (*STAGES, *PIECES)]
    ordered = [*names[: len(STAGES)], (REST, "global"), (WHOLE, ""), *names[len(STAGES) :]]
    for name, kind in ordered:
        before, after = median("before", name), median("after", name)
        change = f"{100 * (after - before) / before:+.0f}%" if before else ""
        rows.append({"stage or piece": name, "kind": kind, "before CPU s/article": before,
                     "after CPU s/article": after, "change": change})  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
