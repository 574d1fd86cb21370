"""Exports at scale: N generated articles to Parquet (and JSON Lines), time and peak memory.

A store of N generated articles (default 100,000; 100 days, 12 outlets, texts of 2-4 KB,
as long as typical news articles) is written through the store API (no model runs). Then
`newsdesk export articles` runs in its own process, as a user runs it, once per case:

- Parquet, every article (the target: < 30 s and < 300 MB peak RSS);
- Parquet, the last fifth of the days (--since), to show memory does not grow with the rows;
- JSON Lines, every article, for comparison.

Peak RSS is the child's own maximum resident set size (``os.wait4``'s rusage), so the
generator's memory never counts. The Parquet file is read back (row count, row groups).

    python bench/export_parquet.py [--articles 100000] [--no-save]
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.article import Article
from newsdesk.store import SqliteStore
from web_load import COMMON
from web_load import WORDS as NEWS_WORDS

WORDS = [*NEWS_WORDS, COMMON]  # the web bench's vocabulary, "harbour" included
OUTLETS = [f"Outlet {i}" for i in range(12)]
START = datetime(2026, 1, 1, tzinfo=UTC)
DAYS = 100


def _text(rng: random.Random, i: int) -> str:
    sentences = []
    for k in range(rng.randint(20, 36)):  # about 2-4 KB
        words = rng.sample(WORDS, 12)
        sentences.append(f"The {' '.join(words)} a{i}k{k} officials said on Thursday.")
    return " ".join(sentences)


def generate(db: Path, n_articles: int, *, seed: int = 17) -> int:
    """Write ``n_articles`` generated articles; return the bytes of text written."""
    rng = random.Random(seed)
    per_day = max(1, n_articles // DAYS)
    chars = 0
    with SqliteStore(db) as store:
        for chunk in range(0, n_articles, 5000):
            articles = []
            for i in range(chunk, min(chunk + 5000, n_articles)):
                text = _text(rng, i)
                chars += len(text)
                articles.append(
                    Article(
                        source=f"https://outlet{i % 12}.example/feed.xml#{i}", format="text",
                        raw="", text=text, id=f"a{i:06d}",
                        url=f"https://outlet{i % 12}.example/{i}",
                        title=f"Report {i} on the {rng.choice(WORDS)}", outlet=OUTLETS[i % 12],
                        author=f"Reporter {i % 40}",
                        published=START + timedelta(days=i // per_day,
                                                    minutes=rng.randint(0, 1439)),
                    )
                )  # fmt: skip
            store.articles.add_source(f"gen-{chunk}", articles)
    return chars


def run_export(db: Path, out: Path, *args: str) -> dict[str, Any]:
    """One ``newsdesk export`` in its own process: wall seconds and peak RSS (MB)."""
    cmd = [sys.executable, "-m", "newsdesk", "--db", str(db), "export", *args, "--output", str(out)]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    started = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    stderr = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"export failed: {' '.join(cmd)}\n{stderr}")
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024, "bytes": out.stat().st_size}


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the store and files")
    args = parser.parse_args()
    import pyarrow
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory(dir=args.tmp) as folder:
        tmp = Path(folder)
        db = tmp / "export.db"
        started = time.perf_counter()
        chars = generate(db, args.articles)
        generated = time.perf_counter() - started
        since = (START + timedelta(days=DAYS * 4 // 5)).date().isoformat()
        cases = [
            ("parquet, all", tmp / "all.parquet", ("articles", "--format", "parquet")),
            ("parquet, --since (last fifth)", tmp / "recent.parquet",
             ("articles", "--format", "parquet", "--since", since)),
            ("jsonl, all", tmp / "all.jsonl", ("articles", "--format", "jsonl")),
        ]  # fmt: skip
        rows = []
        for name, out, export_args in cases:
            measured = run_export(db, out, *export_args)
            if out.suffix == ".parquet":
                meta = pq.ParquetFile(out).metadata
                count, groups = meta.num_rows, meta.num_row_groups
            else:
                with out.open("rb") as fh:
                    count, groups = sum(1 for _ in fh), None
            rows.append(
                {
                    "case": name,
                    "rows": count,
                    "seconds": round(measured["seconds"], 2),
                    "rows_per_s": round(count / measured["seconds"]),
                    "peak_rss_mb": round(measured["peak_rss_mb"], 1),
                    "file_mb": round(measured["bytes"] / 2**20, 1),
                    "row_groups": groups,
                }
            )
        store_mb = db.stat().st_size / 2**20
    columns = ["case", "rows", "seconds", "rows_per_s", "peak_rss_mb", "file_mb", "row_groups"]
    title = f"newsdesk export: {args.articles:,} generated articles"
    print_table(title, columns, rows)
    full = rows[0]
    met = full["seconds"] < 30 and full["peak_rss_mb"] < 300
    verdict = (
        f"target (< 30 s, < 300 MB RSS) {'met' if met else 'NOT met'}: "
        f"{full['seconds']} s, {full['peak_rss_mb']} MB"
    )
    print(verdict)
    notes = [
        f"store: {args.articles:,} articles, {chars / 2**20:.0f} MB of text "
        f"(avg {chars / max(1, args.articles):,.0f} chars), {store_mb:.0f} MB on disk; "
        f"generated in {generated:.0f} s",
        "each export runs as `python -m newsdesk export ... --output FILE` in its own process; "
        "seconds are its wall time (start-up included), peak RSS its own ru_maxrss",
        f"pyarrow {pyarrow.__version__}; Parquet zstd, row groups of 10,000 rows",
        verdict,
        "the machine is shared (2 cores, other engineers' tests running): times are noisy",
    ]
    if not args.no_save:
        path = save_results(
            "export_parquet", title=title, columns=columns, rows=rows, notes=notes,
            extra={"articles": args.articles, "text_chars": chars},
        )  # fmt: skip
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
