"""Stand-ins for the models and a composed corpus, for the executor tests.

The stand-ins are module-level functions, so they pickle to a process pool or a Ray
actor (the Ray fixture puts ``tests/`` on the actors' path)."""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from helpers.stories import EVENTS, fake_features, record
from newsdesk.article import Annotations, Article, Mention
from newsdesk.backfill import backfill
from newsdesk.settings import Settings
from newsdesk.stages import Models
from newsdesk.store import SqliteStore

OUTLETS = ["Wire", "Ledger", "Post", "Courier", "Herald", "Times"]


def featurize(articles: Sequence[Article]) -> list[Any]:
    return fake_features(articles)


def annotate(texts: Sequence[str], *args: Any, **kwargs: Any) -> Iterator[Annotations]:
    """One ORG per article: its second word (deterministic, model-free)."""
    for text in texts:
        if "EXPLODE" in text:
            raise ValueError("the stand-in annotator refuses this article")
        word = text.split()[1]
        yield Annotations(entities=[Mention(word, "ORG", 0, len(word), word)])


MODELS = Models(featurize=featurize, annotate=annotate)


def _page(title: str, text: str, outlet: str) -> str:
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in text.split(". ") if sentence)
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='2026-03-10T08:00:00'></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def write_warc(path: Path, records: list[dict[str, str]]) -> None:
    """A gzipped WARC: a warcinfo record, then one HTML response per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for rec in records:
            body = _page(rec["title"], rec["text"], rec["outlet"]).encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            response = writer.create_warc_record(
                rec["url"], "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(response)


def corpus(folder: Path) -> Path:
    """Two shards of three events: gzipped JSONL (one article the stand-in annotator refuses),
    then a WARC with a copy of the first shard's first record; and the LIST file naming them."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    shards: list[list[dict[str, str]]] = []
    for s in range(2):
        rows = []
        for k in range(14):
            event = list(EVENTS)[(s + k) % 3]
            rows.append(record(f"s{s}-{k}", event, rng.randrange(200), rng.randrange(3),
                               OUTLETS[(s + k) % 6]))  # fmt: skip
        shards.append(rows)
    shards[0][9]["text"] += " EXPLODE"  # the stand-in annotator raises for this one
    copy = dict(shards[0][0], id="copy", url="https://copies.example/copy", outlet="Herald")
    shards[1].insert(5, copy)
    data = "".join(json.dumps(r) + "\n" for r in shards[0]).encode()
    (folder / "s0.jsonl.gz").write_bytes(gzip.compress(data))
    write_warc(folder / "s1.warc.gz", shards[1])
    listing = folder / "shards.txt"
    listing.write_text("# composed shards\ns0.jsonl.gz\ns1.warc.gz\n", encoding="utf-8")
    return listing


def state(store: SqliteStore) -> dict[str, Any]:
    """What must be the same whatever the executor: ids, copies, annotations, stories."""
    articles = sorted(store.articles.articles(), key=lambda a: a.id or "")
    notes = store.annotations.annotations_of([a.id or "" for a in articles])
    return {
        "ids": [a.id for a in articles],
        "sources": sorted(a.source for a in articles),
        "copies": {a.id: a.extras.get("copy_of") for a in articles},
        "annotations": {k: [m.canonical for m in v.entities] for k, v in notes.items()},
        "stories": sorted(sorted(s.articles) for s in store.stories.stories()),
        "story_of": {
            a.id: store.stories.resolve_story(a.story_id) if a.story_id else None for a in articles
        },
    }


class Probe:
    """A batch function: what its process had before the first batch (modules, the BLAS
    thread variable) and its pid and parent pid."""

    name = "probe"

    def __init__(self) -> None:
        self.seen: dict[str, Any] = {}

    def setup(self) -> None:
        import gc
        import os
        import sys

        self.seen = {
            "modules": sorted(
                m for m in ("numpy", "spacy", "newsdesk.stages", "torch") if m in sys.modules
            ),
            "threads": os.environ.get("OPENBLAS_NUM_THREADS"),
            "frozen": gc.get_freeze_count(),  # objects the fork server froze before forking
            "collecting": gc.isenabled(),  # off in the server while it loaded, on again
        }

    def __call__(self, batch: list[Any]) -> list[Any]:
        import os

        return [(item, os.getpid(), os.getppid(), self.seen) for item in batch]


def run_backfill(listing: Path, db: Path, executor: Any, models: Models | None = None) -> Any:
    """``backfill`` of the shards ``listing`` names into the store at ``db``, with these
    stand-in models unless told otherwise."""
    with SqliteStore(db) as store:
        return backfill([str(listing)], store, settings=Settings(db=db), executor=executor,
                        models=models or MODELS)  # fmt: skip
