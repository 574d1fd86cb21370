"""One parse per article, then entities, quotes, dates and events read off it.

The :class:`Annotator` is the pipeline stage; :func:`annotate_texts` the batch
form the CLI uses. The spaCy pipeline loads once per process, on first use.
Offsets in every annotation are character offsets into the text annotated
(the cleaned text, or the raw text with ``--no-clean``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, ClassVar

from newsdesk.annotate.names import NameIndex
from newsdesk.article import Annotations, Article
from newsdesk.pipeline import Drops

__all__ = ["Annotator"]

BATCH = 16


class Annotator:
    """Pipeline stage: fills ``Article.annotations``; never drops an article."""

    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"annotations"})

    def __init__(self) -> None:
        self._parts: tuple[Any, Any, Any, Any, Any] | None = None

    def _load(self) -> tuple[Any, Any, Any, Any, Any]:
        if self._parts is None:
            from newsdesk.annotate import nlp
            from newsdesk.annotate.dates import DateNormalizer
            from newsdesk.annotate.entities import EntityRecognizer
            from newsdesk.annotate.events import EventExtractor
            from newsdesk.annotate.quotes import QuoteExtractor

            pipeline = nlp.load()
            dates = DateNormalizer(nlp=pipeline)
            self._parts = (
                pipeline,
                EntityRecognizer(nlp=pipeline),
                QuoteExtractor(),
                dates,
                EventExtractor(nlp=pipeline, dates=dates),
            )
        return self._parts

    def annotate_texts(
        self, texts: Sequence[str], published: Sequence[datetime | None]
    ) -> Iterator[Annotations]:
        """Annotations of each text (one parse each, in batches), in order."""
        pipeline, entities, quotes, dates, events = self._load()
        docs = pipeline.pipe(texts, batch_size=BATCH)
        for doc, when in zip(docs, published, strict=True):
            index = NameIndex()
            read = entities.annotate(doc, context=index)
            mentions = read.mentions
            found = Annotations(entities=mentions, named=read.entities)
            found.quotes = quotes.extract(doc, canonical=index.resolve)
            found.dates = dates.find(doc, published=when)
            found.events = events.extract(doc, mentions=mentions, dates=found.dates, published=when)
            yield found

    def run(self, articles: Iterable[Article], drops: Drops) -> Iterator[Article]:
        del drops  # annotation never drops an article
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) == BATCH:
                yield from self._annotate(batch)
                batch = []
        yield from self._annotate(batch)

    def _annotate(self, batch: list[Article]) -> Iterator[Article]:
        if not batch:
            return
        results = self.annotate_texts([a.body for a in batch], [a.published for a in batch])
        for article, found in zip(batch, results, strict=True):
            article.annotations = found
            yield article
