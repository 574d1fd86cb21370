"""Annotation cost per article: newsdesk's Annotator beside the plain spaCy pipeline, one run.

Real news pages (the first N of scrapinghub_aeb, sorted names) are read and cleaned the way
ingest reads them (``read_sources`` then the cleaner); ``--demo`` uses ~700-word texts made
from the demo corpus instead (no eval data needed). Every system runs ``--passes`` passes
over the same texts after a warm-up, in one process; the figure to read is CPU seconds per
article (``time.process_time``: this process, all its threads), which holds whatever else
the machine runs. Systems:

- plain spaCy en_core_web_sm, nlp.pipe (batch 16), as spaCy ships it;
- the same pipeline as newsdesk loads it (its attribute ruler swapped for the numpy one);
- newsdesk's Annotator with spaCy's own attribute ruler put back (the ruler's share);
- newsdesk's Annotator as it runs in ingest.

Then one more pass splits the Annotator's cost into the parse and each rule set.

    python bench/annotate_throughput.py [--pages 100] [--passes 3] [--demo]
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from bench_common import REPO_ROOT, make_parser, print_table, require_dir, save_results

sys.path.insert(0, str(REPO_ROOT / "src"))

BATCH = 16


def _demo_texts(count: int) -> list[tuple[str, datetime | None]]:
    from newsdesk.ingest import read_sources
    from newsdesk.sample import corpus_dir
    from newsdesk.settings import Settings

    bodies = [
        a.text
        for result in read_sources([str(corpus_dir())], settings=Settings())
        for a in result.articles
        if a.text
    ]
    texts: list[tuple[str, datetime | None]] = []
    current, i = "", 0
    while len(texts) < count:
        current += "\n\n" + bodies[i % len(bodies)]
        i += 1
        if len(current.split()) >= 700:
            texts.append((" ".join(current.split()[:700]), None))
            current = ""
    return texts


def _page_texts(eval_dir: Path, count: int) -> list[tuple[str, datetime | None]]:
    """Bodies of the first ``count`` AEB pages, read and cleaned as ingest reads them."""
    from newsdesk.clean import TextCleaner
    from newsdesk.ingest import read_sources
    from newsdesk.settings import Settings

    folder = require_dir(eval_dir, "scrapinghub_aeb", ["html"])
    settings = Settings()
    cleaner = TextCleaner.from_settings(settings)
    texts: list[tuple[str, datetime | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(sorted((folder / "html").glob("*.html.gz"))[:count]):
            with gzip.open(path, "rb") as fh:
                (Path(tmp) / f"{n:04d}.html").write_bytes(fh.read())
        for result in read_sources([tmp], settings=settings):
            for article in result.articles:
                try:
                    cleaner.clean(article)
                except Exception:  # a page the cleaner fails on is not an article to time
                    continue
                body = article.body
                if body.strip() and len(body) <= settings.annotate_chunk_chars:
                    texts.append((body, article.published))
    return texts


@contextmanager
def _stock_ruler(pipeline: Any) -> Iterator[None]:
    """spaCy's own AttributeRuler back in ``pipeline`` for the duration."""
    from spacy.pipeline import AttributeRuler

    ruler = pipeline.get_pipe("attribute_ruler")
    fast = type(ruler)
    ruler.__class__ = AttributeRuler
    try:
        yield
    finally:
        ruler.__class__ = fast


def _cpu_per_article(run: Callable[[], None], articles: int, passes: int) -> list[float]:
    costs = []
    for _ in range(passes):
        start = time.process_time()
        run()
        costs.append((time.process_time() - start) / articles)
    return costs


def _parts(annotator: Any, texts: list[tuple[str, datetime | None]]) -> dict[str, float]:
    """CPU seconds per article of the parse and of each rule set (one pass)."""
    from newsdesk.annotate.names import NameIndex

    pipeline, entities, quotes, dates, events = annotator._load()
    totals = dict.fromkeys(("spaCy parse", "entities", "quotes", "dates", "events"), 0.0)
    start = time.process_time()
    docs = list(pipeline.pipe([t for t, _ in texts], batch_size=BATCH))
    totals["spaCy parse"] = time.process_time() - start
    for doc, (_, when) in zip(docs, texts, strict=True):
        index = NameIndex()
        t0 = time.process_time()
        read = entities.annotate(doc, context=index)
        t1 = time.process_time()
        quotes.extract(doc, canonical=index.resolve)
        t2 = time.process_time()
        found = dates.find(doc, published=when)
        t3 = time.process_time()
        events.extract(doc, mentions=read.mentions, dates=found, published=when)
        t4 = time.process_time()
        for part, spent in zip(
            ("entities", "quotes", "dates", "events"),
            (t1 - t0, t2 - t1, t3 - t2, t4 - t3),
            strict=True,
        ):
            totals[part] += spent
    return {part: spent / len(texts) for part, spent in totals.items()}


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--demo", action="store_true", help="demo-corpus texts, no eval data")
    args = parser.parse_args()
    import spacy

    from newsdesk.annotate import nlp
    from newsdesk.annotate.annotator import Annotator

    texts = _demo_texts(args.pages) if args.demo else _page_texts(args.eval_dir, args.pages)
    bodies, published = [t for t, _ in texts], [w for _, w in texts]
    plain_pipeline = spacy.load(nlp.MODEL)  # as spaCy ships it
    pipeline = nlp.load()  # as newsdesk loads it
    annotator = Annotator()

    def plain() -> None:
        for _ in plain_pipeline.pipe(bodies, batch_size=BATCH):
            pass

    def parse() -> None:
        for _ in pipeline.pipe(bodies, batch_size=BATCH):
            pass

    def annotate() -> None:
        for start in range(0, len(bodies), BATCH):  # as the annotate stage batches them
            end = start + BATCH
            for _ in annotator.annotate_texts(bodies[start:end], published[start:end]):
                pass

    def annotate_stock_ruler() -> None:
        with _stock_ruler(pipeline):
            annotate()

    systems = [
        ("plain spaCy sm (nlp.pipe, as shipped)", plain),
        ("newsdesk's spaCy pipeline (numpy attribute ruler)", parse),
        ("newsdesk Annotator, spaCy's own attribute ruler", annotate_stock_ruler),
        ("newsdesk Annotator", annotate),
    ]
    for _, run in systems:  # warm-up: models, lexicons and caches loaded
        run()
    costs: dict[str, list[float]] = {name: [] for name, _ in systems}
    for _ in range(args.passes):  # systems alternate, so load changes touch all of them
        for name, run in systems:
            costs[name] += _cpu_per_article(run, len(bodies), 1)
    base = statistics.median(costs[systems[0][0]])
    rows = []
    for name, _ in systems:
        median = statistics.median(costs[name])
        rows.append(
            {
                "system": name,
                "articles": len(bodies),
                "CPU s/article (median)": median,
                "min": min(costs[name]),
                "max": max(costs[name]),
                "articles per CPU s": 1 / median,
                "ratio vs plain": base / median,
            }
        )
    parts = _parts(annotator, texts)
    columns = ["system", "articles", "CPU s/article (median)", "min", "max",
               "articles per CPU s", "ratio vs plain"]  # fmt: skip
    source = "demo corpus, 700-word texts" if args.demo else "scrapinghub_aeb pages"
    print_table(f"Annotation cost per article ({source}, one process)", columns, rows)
    split = ", ".join(f"{part} {spent:.4f}" for part, spent in parts.items())
    print(f"Annotator, CPU s/article by part: {split}")
    if not args.no_save:
        what = (
            f"the first {args.pages} scrapinghub_aeb pages (sorted names), read and cleaned as "
            f"ingest reads them; {len(bodies)} bodies of at most one annotation piece"
            if not args.demo
            else f"{len(bodies)} 700-word texts made from the demo corpus"
        )
        notes = [
            f"texts: {what}",
            f"{args.passes} passes per system after a warm-up, systems alternating, one "
            "process; CPU s/article = time.process_time per pass / articles (this process, "
            "all its threads); ratio vs plain = plain CPU s/article / the system's",
            "newsdesk Annotator = one spaCy parse per article (en_core_web_sm, nlp.pipe "
            "batch 16) + entity canonicalisation + quotes + TIMEX3 dates + events",
            f"Annotator, CPU s/article by part (one more pass): {split}",
        ]
        path = save_results(
            "annotate_throughput",
            title="Annotation cost per article",
            columns=columns,
            rows=rows,
            notes=notes,
            extra={"parts": parts, "passes": costs},
        )
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
