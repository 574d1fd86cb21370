"""Stories through the real command line: records written as JSON Lines, ``newsdesk
ingest`` and ``newsdesk stories --json`` in their own processes, each record's story read
back through ``export articles --format jsonl`` (its ``source`` names the file's line) and
checked against ``stories --json``. Shared by the clustering benches.
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, run_newsdesk


def _run(db: Path, args: list[str], env: dict[str, str], *, lines: bool = False) -> Any:
    out = run_newsdesk(REPO_ROOT, db, args, env=env)
    if lines:
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    return json.loads(out)


def ingest_stories(
    records: Iterable[dict[str, Any]], *, embedding: str = "minilm+use", src: Path | None = None
) -> tuple[dict[str, str], dict[str, Any]]:
    """Record id -> story id after ``newsdesk ingest`` of the records (one JSONL file) and
    what the run cost: wall seconds, the child processes' CPU seconds and peak RSS (MB).
    ``src``: the source tree to run (another checkout's ``src``), else this one's."""
    source = src or REPO_ROOT / "src"
    env = dict(os.environ, NEWSDESK_EMBEDDING=embedding, PYTHONPATH=str(source))
    ids = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in records:
                ids.append(str(record["id"]))
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        db = Path(tmp) / "bench.db"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        report = _run(db, ["ingest", str(path), "--json"], env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        stories = _run(db, ["stories", "--json"], env)
        articles = _run(db, ["export", "articles", "--format", "jsonl"], env, lines=True)
    story_of = {a: s["id"] for s in stories for a in s["articles"]}
    labels = {}
    for article in articles:
        line = int(str(article["source"]).rsplit(":", 1)[1])  # 1-based line of docs.jsonl
        story = article.get("story_id") or f"none-{article['id']}"
        if story_of.get(article["id"], story) != story:
            raise SystemExit(f"stories --json and export disagree on {article['id']}")
        labels[ids[line - 1]] = story
    cost = {
        "wall_s": wall,
        "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        "peak_rss_mb": after.ru_maxrss / 1024,
        "ingested": report.get("ingested"),
        "duplicates": report.get("duplicates"),
    }
    return labels, cost
