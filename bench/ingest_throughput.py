"""HTML extraction throughput: newsdesk's extract_html beside trafilatura alone.

Over the AEB pages (181 news pages, already decoded to str), in one process: pages/s as the
median of 3 passes after one warm-up pass, plus peak memory (peak RSS of the process from
``resource.getrusage`` and the peak Python allocation of one pass from ``tracemalloc``).

The functions are meant to be reused: ``time_passes`` and ``peak_python_alloc`` take any
callable, so whole-ingest throughput through the CLI can be added as another system.

Run: ``python bench/ingest_throughput.py [--eval-dir ../shared/eval] [--passes 3]``.
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

import bench_common as bc
from extraction_aeb import load_pages

NAME = "ingest_throughput"
COLUMNS = ("system", "pages", "pages/s", "ratio vs trafilatura", "peak alloc MiB", "peak RSS MiB")


def trafilatura_alone(html: str) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )


def newsdesk_extract(html: str) -> Any:
    return bc.newsdesk_runner()(html)


def one_pass(fn: Callable[[str], Any], docs: Sequence[str]) -> float:
    start = time.perf_counter()
    for html in docs:
        fn(html)
    return time.perf_counter() - start


def time_passes(fn: Callable[[str], Any], docs: Sequence[str], passes: int = 3) -> float:
    """Median pages/s over ``passes`` timed passes, after one untimed warm-up pass."""
    one_pass(fn, docs)
    rates = [len(docs) / one_pass(fn, docs) for _ in range(passes)]
    return statistics.median(rates)


def peak_python_alloc(fn: Callable[[str], Any], docs: Sequence[str]) -> float:
    """Peak Python-level allocation (MiB) during one pass, from tracemalloc."""
    tracemalloc.start()
    try:
        one_pass(fn, docs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


SYSTEMS: dict[str, Callable[[str], Any]] = {
    "trafilatura alone": trafilatura_alone,
    "newsdesk extract_html": newsdesk_extract,
}


def html_rows(docs: Sequence[str], passes: int) -> list[bc.Row]:
    rows: list[bc.Row] = []
    for name, fn in SYSTEMS.items():
        rate = time_passes(fn, docs, passes)
        rows.append(
            {
                "system": name,
                "pages": len(docs),
                "pages/s": rate,
                "peak alloc MiB": peak_python_alloc(fn, docs),
                "peak RSS MiB": peak_rss_mib(),
            }
        )
    base = rows[0]["pages/s"]
    for row in rows:
        row["ratio vs trafilatura"] = row["pages/s"] / base if base else 0.0
    return rows


def main() -> int:
    parser = bc.make_parser(__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    folder = bc.require_dir(args.eval_dir, "scrapinghub_aeb", ["ground-truth.json", "html"])
    docs = [html for _id, html, _truth in load_pages(folder, args.limit)]
    rows = html_rows(docs, args.passes)
    title = f"HTML extraction throughput (AEB, {len(docs)} pages, one process)"
    bc.print_table(title, COLUMNS, rows)
    if not args.no_save:
        notes = [
            f"pages/s = median of {args.passes} timed passes after a warm-up pass, one process.",
            "trafilatura alone = bare_extraction(html, with_metadata=True, "
            "include_comments=False, include_tables=True).",
            "peak RSS is the process high-water mark so far (cumulative: the second row "
            "includes the first); peak alloc is tracemalloc's peak during one pass.",
        ]
        path = bc.save_results(NAME, title=title, columns=COLUMNS, rows=rows, notes=notes)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
