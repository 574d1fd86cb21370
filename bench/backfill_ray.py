"""Backfill of one WARC of real news pages: the Ray executor (2 workers) vs one in-process worker.

Builds a WARC of ``--articles`` HTML responses (default 2,000) from the real pages in the
shared eval data (warc_samples, the scrapinghub AEB pages, the trafilatura eval pages;
repeated under varied URLs when there are not enough), in a temporary folder, never in
the repository. Then runs, as a user would, in alternation, ``--runs`` times each::

    newsdesk --db A.db backfill LIST --executor inline --json
    newsdesk --db B.db backfill LIST --executor ray --workers 2 --json

and reports wall-clock medians, articles/s, the ratio, and whether the stores are the
same in ids, copy links, story membership and annotations.

    python bench/backfill_ray.py [--articles 2000] [--runs 3] [--workers 2]
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results

NAME = "backfill_ray"
NEWSDESK = Path(sys.executable).with_name("newsdesk")


def _pages(eval_dir: Path) -> Iterator[tuple[str, bytes]]:
    """(name, HTML bytes) of every real page, the three sources interleaved."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    samples: list[tuple[str, bytes]] = []
    folder = require_dir(eval_dir, "warc_samples", ["scrapinghub_news_20_repackaged.warc.gz"])
    for warc in sorted(folder.glob("*.warc.gz")):
        if "clipped" in warc.name:  # the deliberately truncated one
            continue
        with warc.open("rb") as handle:
            for i, record in enumerate(
                ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True)
            ):
                kind = (
                    (record.http_headers.get("Content-Type") or "") if record.http_headers else ""
                )
                if "html" in kind:
                    samples.append((f"{warc.stem}-{i}", record.reader.read()))
    aeb = sorted(require_dir(eval_dir, "scrapinghub_aeb", ["html"]).joinpath("html").glob("*.gz"))
    tra = sorted(require_dir(eval_dir, "trafilatura_eval", ["html"]).joinpath("html").glob("*.gz"))
    pools = [
        samples,
        [(f"aeb-{p.name}", gzip.decompress(p.read_bytes())) for p in aeb],
        [(f"tra-{p.name}", gzip.decompress(p.read_bytes())) for p in tra],
    ]
    longest = max(len(p) for p in pools)
    for i in range(longest):
        for pool in pools:
            if i < len(pool):
                yield pool[i]


def build_warc(eval_dir: Path, folder: Path, articles: int) -> tuple[Path, int]:
    """One gzipped WARC of ``articles`` responses; (path, distinct pages used)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [(n, b) for n, b in _pages(eval_dir) if b.strip()]
    path = folder / "backfill.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for k in range(articles):
            name, body = pages[k % len(pages)]
            url = f"https://pages.bench.example/{name.replace('.', '-')}?round={k // len(pages)}"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path, min(articles, len(pages))


def freeze_code(folder: Path) -> Path:
    """A copy of src/newsdesk as it is now: every run imports it (PYTHONPATH), so edits made
    to the tree while the bench runs cannot make the two executors' stores differ."""
    target = folder / "code"
    shutil.copytree(
        REPO_ROOT / "src" / "newsdesk",
        target / "newsdesk",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return target


def run_backfill(
    listing: Path, db: Path, executor: str, workers: int, code: Path
) -> dict[str, Any]:
    command = [str(NEWSDESK), "--db", str(db), "backfill", str(listing), "--json"]
    command += ["--executor", executor, "--workers", str(workers)]
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0", PYTHONPATH=str(code))
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1) or not done.stdout.strip():
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    return {"seconds": seconds, "report": json.loads(done.stdout)}


def contents(db: Path) -> dict[str, Any]:
    """What must be the same whatever the executor: ids, copies, stories, annotations."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
        copies = dict(conn.execute("SELECT id, copy_of FROM articles ORDER BY id").fetchall())
        members: dict[str, list[str]] = {}
        for article, story in conn.execute("SELECT id, story_id FROM articles ORDER BY id"):
            if story is not None:
                members.setdefault(story, []).append(article)
        notes = dict(conn.execute("SELECT article_id, data FROM annotations").fetchall())
    return {
        "ids": ids,
        "copies": copies,
        "stories": sorted(members.values()),
        "annotations": notes,
    }


def main() -> None:
    parser = make_parser(__doc__ or NAME)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-backfill-") as tmp:
        folder = Path(tmp)
        warc, distinct = build_warc(args.eval_dir, folder, args.articles)
        code = freeze_code(folder)
        listing = folder / "shards.txt"
        listing.write_text(f"{warc}\n", encoding="utf-8")
        timings: dict[str, list[float]] = {"inline": [], "ray": []}
        reports: dict[str, dict[str, Any]] = {}
        stores: dict[str, dict[str, Any]] = {}
        for run in range(args.runs):
            for executor in ("inline", "ray"):
                db = folder / f"{executor}-{run}.db"
                found = run_backfill(listing, db, executor, args.workers, code)
                timings[executor].append(found["seconds"])
                reports[executor] = found["report"]
                stores[f"{executor}-{run}"] = contents(db)
                db.unlink()
                print(f"run {run + 1} {executor}: {found['seconds']:.1f} s", file=sys.stderr)
        warc_bytes = warc.stat().st_size
    baseline = stores["inline-0"]
    same = {key: value == baseline for key, value in stores.items()}
    differing = {
        part: [k for k, v in stores.items() if v[part] != baseline[part]] for part in baseline
    }
    rows = []
    for executor, label in (("inline", "inline (1 in-process worker)"),
                            ("ray", f"ray ({args.workers} workers, local instance)")):  # fmt: skip
        median = statistics.median(timings[executor])
        report = reports[executor]
        rows.append(
            {
                "executor": label,
                "runs": len(timings[executor]),
                "median s": round(median, 1),
                "articles/s": round(args.articles / median, 2),
                "ingested": report["ingested"],
                "duplicates": report["duplicates"],
                "failed": report["failed"],
                "dropped": sum(report["dropped"].values()),
            }
        )
    ratio = rows[0]["median s"] / rows[1]["median s"]
    columns = list(rows[0])
    print_table(f"backfill of a {args.articles}-article WARC", columns, rows)
    print(f"ray / inline speed: {ratio:.2f}x; stores identical: {all(same.values())}")
    notes = [
        f"WARC: {args.articles} HTML responses built from {distinct} distinct real pages"
        f" (warc_samples, scrapinghub AEB, trafilatura eval; repeats under other URLs),"
        f" {warc_bytes / 1e6:.1f} MB gzipped, one shard",
        f"commands: newsdesk --db DB backfill LIST --json --executor inline|ray"
        f" --workers {args.workers}, alternating, fresh store each run, every run on one"
        f" copy of src/newsdesk taken at the start",
        f"ray / inline speed (medians): {ratio:.2f}x (target >= 1.5x)",
        f"stores identical to the first inline run (ids, copy links, story membership,"
        f" annotations): {all(same.values())}"
        + ("" if all(same.values()) else f"; differing: {differing}"),
        f"load average before: {', '.join(f'{x:.1f}' for x in load_before)};"
        f" after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}",
    ]
    for note in notes:
        print(note)
    if not args.no_save:
        extra = {
            "timings": timings,
            "ratio": ratio,
            "identical": same,
            "differing": differing,
            "articles": args.articles,
            "ray": metadata.version("ray"),
        }
        path = save_results(
            NAME,
            title=f"Backfill: Ray executor ({args.workers} workers) vs inline",
            columns=columns,
            rows=rows,
            notes=notes,
            extra=extra,
        )
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
