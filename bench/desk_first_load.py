"""The desk's first load on real news: a brief cold, a brief with its story readings kept,
and the front page's first load after the desk starts, before and after, in one run.

The store: the ECB+ dev topics and crosslingual_dev (996 articles) ingested once by
``newsdesk ingest --published 2026-01-15`` -- ``python bench/disagreements.py --keep DIR``
makes it (``DIR/store.db``), or any store given by ``--store``. Each step reads its own copy
of that store, in a process of its own, the steps side by side (CPU seconds: user + system of
that process, from its own rusage; the front page's and the read-ahead's measured inside):

- ``before brief``: ``newsdesk brief --date D --format json`` from ``--before`` (a source
  tree of an older commit, ``git archive``), and ``before front page``: that tree's desk
  (``create_app`` + the ASGI app in-process, as ``serve`` runs it) answering ``/`` once;
- ``after brief cold``: this tree's brief on a copy where nothing is kept (it computes every
  story's reading and keeps it), then ``after brief kept``: the same command again on that
  copy; their JSON must be byte-identical;
- ``read ahead``: what ``ingest`` now adds at its end (the ``readings`` stage: the brief of
  the newest days its articles were published on), run alone on a fresh copy, then ``after
  front page``: the desk's first ``/`` on that copy.

    python bench/desk_first_load.py --store /tmp/desk_store/pristine.db --before /tmp/old
        [--date 2026-01-15] [--top 10]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import bench_common as bc

NAME = "desk_first_load"

FRONT = textwrap.dedent(
    """
    import json, sys, time
    t0, c0 = time.monotonic(), time.process_time()
    from fastapi.testclient import TestClient
    from newsdesk.settings import Settings
    from newsdesk.web.app import create_app
    app = create_app(Settings(db=sys.argv[1]))
    with TestClient(app) as client:
        t1, c1 = time.monotonic(), time.process_time()
        page = client.get("/")
        t2, c2 = time.monotonic(), time.process_time()
        again = client.get("/")
        t3, c3 = time.monotonic(), time.process_time()
    print(json.dumps({"status": page.status_code, "bytes": len(page.content),
                      "start_cpu": c1 - c0, "start_wall": t1 - t0,
                      "first_cpu": c2 - c1, "first_wall": t2 - t1,
                      "second_cpu": c3 - c2, "second_wall": t3 - t2,
                      "same": page.text == again.text}))
    """
)

READ_AHEAD = textwrap.dedent(
    """
    import json, sys, time
    from newsdesk.settings import Settings
    from newsdesk.stages.parent import IngestRun
    from newsdesk.stages.readings import ReadAhead
    from newsdesk.store import SqliteStore
    store = SqliteStore(sys.argv[1])
    run = IngestRun(Settings(db=sys.argv[1]), store=store)
    run.report.ids.extend(a.id for a in store.articles.articles() if a.id)
    stage = ReadAhead(run)
    t0, c0 = time.monotonic(), time.process_time()
    stage.close()
    t1, c1 = time.monotonic(), time.process_time()
    print(json.dumps({"days": stage.days, "kept": store.story_readings.readings_count(),
                      "cpu": c1 - c0, "wall": t1 - t0}))
    """
)


def _run(tree: Path, args: list[str]) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """``python ARGS`` with ``tree/src`` first on the path: the process, its CPU s, wall s."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), NEWSDESK_WORKERS="1")
    start = time.monotonic()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen([sys.executable, *args], stdout=out, stderr=err, text=True,
                                 env=env, cwd=tree)  # fmt: skip
        # this child's own rusage (steps run side by side: RUSAGE_CHILDREN would mix them)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(child.args, child.returncode, out.read(), err.read())
    done.check_returncode()
    return done, usage.ru_utime + usage.ru_stime, wall


def _brief(tree: Path, db: Path, day: str, top: int) -> tuple[str, float, float]:
    done, cpu, wall = _run(tree, ["-m", "newsdesk", "--db", str(db), "brief", "--date", day,
                                  "--top", str(top), "--format", "json"])  # fmt: skip
    return done.stdout, cpu, wall


def _front(tree: Path, db: Path) -> dict[str, Any]:
    done, cpu, wall = _run(tree, ["-c", FRONT, str(db)])
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found.update(process_cpu=cpu, process_wall=wall)
    return found


def _copy(store: Path, folder: Path, name: str) -> Path:
    target = folder / f"{name}.db"
    shutil.copy(store, target)
    return target


def before_brief(tree: Path, store: Path, work: Path, day: str, top: int) -> list[bc.Row]:
    text, cpu, wall = _brief(tree, _copy(store, work, "before-brief"), day, top)
    (work / "before.json").write_text(text, encoding="utf-8")
    return [{"tree": "before", "step": "brief", "cpu_s": cpu, "wall_s": wall,
             "stories": len(json.loads(text).get("stories", []))}]  # fmt: skip


def before_front(tree: Path, store: Path, work: Path, day: str, top: int) -> list[bc.Row]:
    page = _front(tree, _copy(store, work, "before-front"))
    return [{"tree": "before", "step": "front page, first load", "cpu_s": page["first_cpu"],
             "wall_s": page["first_wall"], "stories": None, "page": page}]  # fmt: skip


def after_briefs(tree: Path, store: Path, work: Path, day: str, top: int) -> list[bc.Row]:
    db = _copy(store, work, "after-brief")
    cold, cpu, wall = _brief(tree, db, day, top)
    rows = [{"tree": "after", "step": "brief cold (computes, keeps)", "cpu_s": cpu,
             "wall_s": wall, "stories": len(json.loads(cold).get("stories", []))}]  # fmt: skip
    kept, cpu, wall = _brief(tree, db, day, top)
    rows.append({"tree": "after", "step": "brief, readings kept", "cpu_s": cpu, "wall_s": wall,
                 "stories": len(json.loads(kept).get("stories", [])),
                 "identical": cold == kept})  # fmt: skip
    (work / "after-cold.json").write_text(cold, encoding="utf-8")
    (work / "after-kept.json").write_text(kept, encoding="utf-8")
    return rows


def after_ahead(tree: Path, store: Path, work: Path, day: str, top: int) -> list[bc.Row]:
    ahead_db = _copy(store, work, "after-ahead")
    done, cpu, wall = _run(tree, ["-c", READ_AHEAD, str(ahead_db)])
    ahead = json.loads(done.stdout.strip().splitlines()[-1])
    rows = [{"tree": "after", "step": "read ahead (ingest's end)", "cpu_s": ahead["cpu"],
             "wall_s": ahead["wall"], "stories": ahead["kept"], "days": ahead["days"],
             "process_cpu": cpu, "process_wall": wall}]  # fmt: skip
    page = _front(tree, ahead_db)
    rows.append({"tree": "after", "step": "front page, first load", "cpu_s": page["first_cpu"],
                 "wall_s": page["first_wall"], "stories": None, "page": page})  # fmt: skip
    return rows


def main() -> None:
    parser = bc.make_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the ingested real store")
    parser.add_argument("--before", type=Path, required=True, help="an older source tree")
    parser.add_argument("--before-ref", default="", help="what --before is (a commit), noted")
    parser.add_argument(
        "--after",
        type=Path,
        default=bc.REPO_ROOT,
        help="this tree, or a frozen copy of it (others may edit the tree)",
    )
    parser.add_argument("--date", default="2026-01-15")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument(
        "--steps",
        default="before_brief,before_front,after_briefs,after_ahead",
        help="which steps (a subset is saved as desk_first_load_<steps>)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="desk-first-load-"))
    load = os.getloadavg()
    every = {"before_brief": (before_brief, args.before),
             "before_front": (before_front, args.before),
             "after_briefs": (after_briefs, args.after),
             "after_ahead": (after_ahead, args.after)}  # fmt: skip
    names = [n.strip() for n in args.steps.split(",") if n.strip()]
    steps = [every[n] for n in names]
    with ThreadPoolExecutor(len(steps)) as pool:  # both trees side by side, same run
        running = [pool.submit(step, tree, args.store, work, args.date, args.top)
                   for step, tree in steps]  # fmt: skip
        rows = [row for future in running for row in future.result()]
    load_after = os.getloadavg()
    columns = ["tree", "step", "cpu_s", "wall_s", "stories"]
    title = "The desk's first load on real news (996 articles): brief and front page"
    bc.print_table(title, columns, rows)
    identical = next((r["identical"] for r in rows if "identical" in r), None)
    print(f"brief JSON cold vs kept byte-identical: {identical}; work folder {work}")
    if not args.no_save:
        notes = [
            f"store: {args.store} (ECB+ dev topics + crosslingual_dev, ingested once with "
            f"--published {args.date}); every step on its own copy, in its own process",
            f"before: {args.before} {args.before_ref}; after: {args.after} (this tree's src)",
            f"brief --date {args.date} --top {args.top} --format json; cold vs kept JSON "
            f"byte-identical: {identical}",
            "front page: create_app + the ASGI app in-process (TestClient), CPU s and wall s of "
            "the first GET / after the desk started (the desk's start counted apart)",
            f"load average before/after: {load[0]:.1f} / {load_after[0]:.1f} (shared machine: "
            "compare CPU s within this run only)",
        ]
        name = NAME if len(names) == len(every) else f"{NAME}_{'_'.join(names)}"
        bc.save_results(name, title=title, columns=columns, rows=rows, notes=notes,
                        extra={"work": str(work)})  # fmt: skip


if __name__ == "__main__":
    main()
