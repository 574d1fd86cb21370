"""Ingest throughput of English news with every language pack loaded, against English only.

Two fresh processes in one run, each ingesting the same English corpus (the first N
ECB+ documents as one JSON Lines file) through ``newsdesk.ingestion.ingest`` with stories
and annotation on, as ``newsdesk ingest`` does:

- english only: first three short English reports (so the English pack and the
  embedding are loaded and warm), then the English corpus, timed alone;
- all packs loaded: first the same event's Japanese, Korean and Chinese reports (so the
  ja, ko and zh packs are loaded too), then the same English corpus, timed alone.

Throughput is documents per CPU second of the process (the machine is shared: wall time
is printed too), memory the process's peak RSS. Target: all packs >= 0.8x English only,
peak RSS < 2.5 GB.

    python bench/ingest_languages.py [--limit N] [--no-save] [--embedding use|minilm+use]
                                     [--repeat N]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results

DEFAULT_DOCS = 150
CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
db, english, warm = sys.argv[2], sys.argv[3], sys.argv[4:]
settings = Settings.from_env().with_(db=Path(db))
with SqliteStore(db) as store:
    if warm:
        ingest(warm, store, settings=settings)
    cpu, wall = time.process_time(), time.perf_counter()
    report = ingest([english], store, settings=settings)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cpu_s": cpu, "wall_s": wall, "ingested": report.ingested, "rss_mb": rss}))
"""
COLUMNS = [
    "run",
    "docs",
    "CPU s",
    "wall s",
    "docs / CPU s",
    "vs English only",
    "peak RSS MB",
    "CPU s, each run",
]


def _child(db: Path, english: Path, warm: list[Path], embedding: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO_ROOT / "src"), str(db), str(english)]
        + [str(w) for w in warm],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, NEWSDESK_EMBEDDING=embedding),
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _warm_records(english: bool) -> list[dict[str, Any]]:
    """Three short reports from bench/data: English ones, or one each in ja, ko and zh."""
    path = REPO_ROOT / "bench" / "data" / "crosslingual_independent.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if english:
        picked = [r for r in rows if r["lang"] == "en"][:3]
    else:
        picked = [r for r in rows if r["event"] == "lai" and r["lang"] != "en"]
    return [{"id": r["id"], "title": r["title"], "text": r["text"]} for r in picked]


def main() -> None:
    parser = make_parser(__doc__ or "")
    parser.add_argument("--embedding", default="minilm+use", choices=["minilm+use", "use"])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (median)")
    args = parser.parse_args()
    folder = require_dir(args.eval_dir, "ecbplus", ["ecbplus_docs.jsonl"])
    lines = (folder / "ecbplus_docs.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines[: args.limit or DEFAULT_DOCS]]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        english = Path(tmp) / "english.jsonl"
        english.write_text(
            "".join(json.dumps({"id": d["doc_id"], "text": d["text"]}) + "\n" for d in docs),
            encoding="utf-8",
        )
        warm = {}
        for name, english_only in (("en", True), ("cjk", False)):
            warm[name] = Path(tmp) / f"{name}.jsonl"
            warm[name].write_text(
                "".join(
                    json.dumps(r, ensure_ascii=False) + "\n" for r in _warm_records(english_only)
                ),
                encoding="utf-8",
            )
        runs = (
            ("English only (3 English reports first)", [warm["en"]]),
            ("all packs loaded (ja, ko, zh reports first)", [warm["cjk"]]),
        )
        found: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in runs}
        for repeat in range(args.repeat):  # alternating, so drifting load hits both alike
            for i, (name, before) in enumerate(runs if repeat % 2 == 0 else runs[::-1]):
                one = _child(Path(tmp) / f"run{repeat}-{i}.db", english, before, args.embedding)
                print(name, one, file=sys.stderr)
                found[name].append(one)
        for name, _ in runs:
            cpu = statistics.median(r["cpu_s"] for r in found[name])
            rows.append(
                {
                    "run": name,
                    "docs": found[name][0]["ingested"],
                    "CPU s": cpu,
                    "wall s": statistics.median(r["wall_s"] for r in found[name]),
                    "docs / CPU s": found[name][0]["ingested"] / cpu,
                    "peak RSS MB": max(r["rss_mb"] for r in found[name]),
                    "CPU s, each run": " / ".join(f"{r['cpu_s']:.1f}" for r in found[name]),
                }
            )
    base = rows[0]["docs / CPU s"]
    for row in rows:
        row["vs English only"] = row["docs / CPU s"] / base
    title = "Ingest throughput of English news with the language packs loaded"
    print_table(title, COLUMNS, rows)
    if not args.no_save:
        notes = [
            f"NEWSDESK_EMBEDDING={args.embedding}. English corpus: the first {len(docs)} "
            "ECB+ documents as JSON Lines {id, text}; "
            "stories and annotation on (as `newsdesk ingest`); each run a fresh process.",
            "Both runs warm up first in the same process and store (English only: three English "
            "reports of bench/data; all packs: the ja, ko and zh reports of one event), then "
            "the English corpus is timed alone, so model loading is outside the timing.",
            "docs / CPU s: process CPU time (threads included) of the English ingest; the "
            "machine is shared by other work, so wall time is only indicative.",
            f"Each run {args.repeat} times, alternating which goes first; CPU s and wall s are "
            "medians, peak RSS the largest.",
            "Targets: all packs >= 0.8x English only; peak RSS < 2.5 GB.",
        ]
        path = save_results(
            "ingest_languages", title=title, columns=COLUMNS, rows=rows, notes=notes
        )
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
