"""B-cubed precision/recall/F1 of story clustering on the demo corpus's gold events.

The whole corpus (``newsdesk.sample.corpus_dir()``) is ingested into a temporary store
with stories on, exactly as ``newsdesk demo`` does, with the default ClusterConfig; each
gold event article key (``wire.jsonl#5``, ``feeds/y.rss#2``, ``scraped/x.txt``) is then
looked up by its article's source and scored by the story it ended in (merges followed).
Only articles named in a gold event are scored.

    python bench/clustering_demo.py [--no-save]
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))
from newsdesk.ingestion import ingest
from newsdesk.sample import corpus_dir, load_gold
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

_LINE = re.compile(r":(\d+)$")


def article_key(source: str, corpus: Path) -> str:
    """``<corpus>/wire.jsonl:5`` -> ``wire.jsonl#5``; ``<corpus>/feeds/y.rss#2`` as is."""
    relative = source[len(str(corpus)) + 1 :] if source.startswith(str(corpus)) else source
    return _LINE.sub(r"#\1", relative)


def demo_stories(db: Path) -> dict[str, str]:
    """Article key -> live story id, after ingesting the demo corpus into ``db``."""
    corpus = corpus_dir()
    with SqliteStore(db) as store:
        ingest([str(corpus)], store, settings=Settings(db=db, stories=True))
        return {
            article_key(a.source, corpus): store.stories.resolve_story(a.story_id)
            for a in store.articles.articles()
            if a.story_id
        }


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    clusters: dict[str, set[str]] = {}
    golds: dict[str, set[str]] = {}
    for doc, label in pred.items():
        clusters.setdefault(label, set()).add(doc)
        golds.setdefault(gold[doc], set()).add(doc)
    p = sum(len(clusters[pred[d]] & golds[gold[d]]) / len(clusters[pred[d]]) for d in pred)
    r = sum(len(clusters[pred[d]] & golds[gold[d]]) / len(golds[gold[d]]) for d in pred)
    p, r = p / len(pred), r / len(pred)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = make_parser(__doc__ or "")
    args = parser.parse_args()
    gold = {key: event["id"] for event in load_gold()["events"] for key in event["articles"]}
    with tempfile.TemporaryDirectory() as tmp:
        stories = demo_stories(Path(tmp) / "demo.db")
    missing = sorted(key for key in gold if key not in stories)
    pred = {key: stories[key] for key in gold if key in stories}
    p, r, f = bcubed(pred, gold)
    rows: list[dict[str, Any]] = [
        {
            "system": "newsdesk (default ClusterConfig)",
            "gold articles": len(gold),
            "scored": len(pred),
            "gold events": len(set(gold.values())),
            "stories": len(set(pred.values())),
            "P": p,
            "R": r,
            "F1": f,
        }
    ]
    columns = ["system", "gold articles", "scored", "gold events", "stories", "P", "R", "F1"]
    print_table("demo corpus story clustering, B-cubed", columns, rows)
    notes = [
        "Whole demo corpus ingested with stories on; only articles named in a gold event scored.",
        f"gold articles not found in the store: {missing or 'none'}",
    ]
    if not args.no_save:
        path = save_results(
            "clustering_demo",
            title="Demo corpus story clustering (B-cubed)",
            columns=columns,
            rows=rows,
            notes=notes,
        )
        print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
