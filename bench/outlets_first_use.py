"""The outlet registry's first-use check on a big store: what each new process pays.

Every process that reads the registry (``story ID --json``, the web desk, ``ingest``)
first makes sure the registry is seeded and that no stored article is left unresolved
(an older store's articles, or rows another path wrote). This bench builds a store of
``--articles`` generated articles (100,000 by default; a tenth of them on hosts the
bundled registry knows) written without resolution, as an older store holds them, then
times in fresh processes:

- *first use*: the one-off seeding and backfill of every article;
- *check*: ``store.ensure_outlets()`` alone in a new process, after the backfill;
- the time ``newsdesk stories --json`` and ``newsdesk story ID --json`` spend in that
  check (``ensure_outlets`` wrapped with a timer inside the command's own process), and
  each command's whole wall time.

Runs are kept per ``--label`` (``before``/``after`` a change), so one results file
compares them; each row names the commit it ran on. The ``before`` row:

    git archive 5ec0f0c src | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/src python bench/outlets_first_use.py --label before --commit 5ec0f0c \
        --base /tmp/base.db
    python bench/outlets_first_use.py --label after --base /tmp/base.db

    python bench/outlets_first_use.py [--articles 100000] [--label after] [--repeat 5]
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, RESULTS_DIR, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))

NAME = "outlets_first_use"
KNOWN = ["www.bbc.co.uk", "www3.nhk.or.jp", "english.news.cn", "www.asahi.com", "apnews.com"]
WORDS = [
    "harbour",
    "ferry",
    "council",
    "vote",
    "bridge",
    "market",
    "farmers",
    "festival",
    "museum",
    "airport",
]
START = datetime(2026, 1, 1, tzinfo=UTC)

# what runs in each fresh process: open the store, time the check (or a CLI command with
# the check timed inside it), print JSON
_CHECK = """
import json, sys, time
t0 = time.perf_counter()
from newsdesk.store import SqliteStore
with SqliteStore(sys.argv[1]) as store:
    t1 = time.perf_counter()
    getattr(store, "outlets", store).ensure_outlets()  # a store of repositories, or older
    t2 = time.perf_counter()
print(json.dumps({"check_s": t2 - t1, "process_s": t2 - t0}))
"""
_COMMAND = """
import json, sys, time
try:
    from newsdesk.store.outlets import OutletRepository as OutletTables
except ImportError:  # a checkout from before the store's repositories
    from newsdesk.store.outlets import OutletTables
spent = [0.0, 0]
inner = OutletTables.ensure_outlets
def timed(self):
    t = time.perf_counter()
    try:
        return inner(self)
    finally:
        spent[0] += time.perf_counter() - t
        spent[1] += 1
OutletTables.ensure_outlets = timed
from newsdesk import cli
sys.argv = ["newsdesk", "--db", sys.argv[1], *sys.argv[2:]]
t0 = time.perf_counter()
try:
    cli.main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
wall = time.perf_counter() - t0
print("\\n" + json.dumps({"check_s": spent[0], "calls": spent[1], "wall_s": wall}))
"""


def generate(db: Path, n: int, *, seed: int = 16) -> None:
    """``n`` articles in stories of ~10, written as an older store holds them (unresolved)."""
    from newsdesk.article import Article
    from newsdesk.store import SqliteStore

    rng = random.Random(seed)
    with SqliteStore(db) as store:
        for chunk in range(0, n, 5000):
            articles, assignments = [], {}
            for i in range(chunk, min(chunk + 5000, n)):
                host = KNOWN[i % 5] if i % 10 == 0 else f"site{i % 700}.example"
                text = " ".join(rng.choices(WORDS, k=30)) + f" report {i}."
                article = Article(
                    source=f"gen:{i}", format="text", raw=text, text=text, id=f"a{i:06d}",
                    url=f"https://{host}/news/{i}", title=f"Report {i}",
                    published=START + timedelta(minutes=i),
                )  # fmt: skip
                articles.append(article)
                assignments[article.id] = f"s-{i // 10:06d}"
            store.articles.add_source(f"gen-{chunk}", articles)
            store.stories.save_assignments(
                features=[], assignments=assignments, merges=[],
                titles={s: f"Generated story {s}" for s in set(assignments.values())},
            )  # fmt: skip


def _run(code: str, *args: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found.setdefault("wall_s", time.perf_counter() - t0)
    return found


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO_ROOT
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "src/newsdesk/store", "src/newsdesk/outlets"],
        capture_output=True, text=True, cwd=REPO_ROOT,
    ).stdout.strip()  # fmt: skip
    return done.stdout.strip() + ("+changes" if dirty else "")


def _ms(values: list[float]) -> float:
    return round(1000 * statistics.median(values), 1)


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--label", default="after", help="the run's name (before/after)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--base", type=Path, default=None, help="reuse this generated store")
    parser.add_argument(
        "--commit",
        default=None,
        help="the commit the code under test is from (when PYTHONPATH points at another"
        " checkout's src, e.g. one made with git archive for the 'before' row)",
    )
    args = parser.parse_args()

    work_dir = Path(tempfile.mkdtemp(prefix="outlets_first_use."))
    base = args.base or work_dir / "base.db"
    if not base.exists():
        t0 = time.perf_counter()
        generate(base, args.articles)
        print(f"generated {args.articles} articles in {time.perf_counter() - t0:.1f} s")
    db = work_dir / "work.db"
    shutil.copy(base, db)
    first = _run(_CHECK, str(db))
    checks = [_run(_CHECK, str(db)) for _ in range(args.repeat)]
    listing = [_run(_COMMAND, str(db), "stories", "--json") for _ in range(args.repeat)]
    story = [_run(_COMMAND, str(db), "story", "s-000000", "--json") for _ in range(args.repeat)]
    row = {
        "label": args.label,
        "commit": args.commit or _commit(),
        "articles": args.articles,
        "first use s": round(first["check_s"], 2),
        "check ms": _ms([c["check_s"] for c in checks]),
        "stories --json: check ms": _ms([c["check_s"] for c in listing]),
        "stories --json: wall ms": _ms([c["wall_s"] for c in listing]),
        "story ID --json: check ms": _ms([c["check_s"] for c in story]),
        "story ID --json: wall ms": _ms([c["wall_s"] for c in story]),
    }
    shutil.rmtree(work_dir, ignore_errors=True) if args.base is None else db.unlink()
    columns = list(row)
    kept: list[dict[str, Any]] = []
    previous = RESULTS_DIR / f"{NAME}.json"
    if previous.exists() and not args.no_save:
        old = json.loads(previous.read_text(encoding="utf-8"))
        kept = [r for r in old.get("rows", []) if r.get("label") != args.label]
    rows = [*kept, row]
    print_table("Outlet registry first-use check (medians of fresh processes)", columns, rows)
    if args.no_save:
        return
    save_results(
        NAME,
        title="The outlet registry's first-use check on a generated store",
        columns=columns,
        rows=rows,
        notes=[
            f"store: {args.articles} generated text articles (1 in 10 on a registered host),"
            " stories of 10, written without outlet resolution (as an older store holds them)",
            "first use: seeding the registry and resolving every article, once",
            "check: store.outlets.ensure_outlets() in a new process after the backfill; the command"
            " columns: the time the command's own process spent in ensure_outlets, and its"
            f" whole wall time (interpreter start included); medians of {args.repeat} runs",
            "rows are kept per label; 'before': `git archive 5ec0f0c src` unpacked and put on"
            " PYTHONPATH (the code before the marker), run back to back with 'after' on one"
            " generated store",
            "machine shared with other engineers' jobs (2 cores): compare within a row set",
        ],
    )


if __name__ == "__main__":
    main()
