"""One parse per article, then entities, quotes, dates and events read off it.

The :class:`Annotator` is the pipeline stage; :func:`annotate_texts` the batch
form the CLI uses. The spaCy pipeline loads once per process, on first use.
Offsets in every annotation are character offsets into the text annotated
(the cleaned text, or the raw text with ``--no-clean``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from newsdesk.annotate.names import NameIndex
from newsdesk.article import Annotations, Article, Entity, Event, Mention, Quote, TimeExpression
from newsdesk.pipeline import Drops

__all__ = ["UNSUPPORTED", "Annotator"]

UNSUPPORTED = "unsupported_language"  # why an article in a language without a pack is not read


def _route(language: str | None) -> str:
    """``english`` (the spaCy annotator; also when the language is not known), ``pack``
    (a language pack's annotator) or ``unsupported`` (no pack: not read)."""
    from newsdesk.lang import pack_for

    if not language:
        return "english"
    pack = pack_for(language)
    if pack is None:
        return "unsupported"
    return "english" if pack.annotator == "english" else "pack"


BATCH = 16
# spaCy's memory grows with the text it parses at once; a text longer than
# CHUNK_CHARS is parsed in pieces of at most that many characters (cut at a paragraph,
# else a sentence, else a space), so memory per article stays bounded
CHUNK_CHARS = 20_000
# past this many characters a text is not annotated further (its first MAX_CHARS are)
MAX_CHARS = 1_000_000


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)`` pieces of at most ``size`` characters covering ``text``, cut at
    the last paragraph break, else sentence end, else space, in each piece's second half."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            half = start + size // 2
            for mark in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(mark, half, end)
                if cut != -1:
                    end = cut + len(mark)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces


# spaCy's tokenizer strips a suffix one character at a time, searching the rest each time:
# quadratic in a run of punctuation (5,000 '%' took 8-18 s). A run is cut to RUN_KEPT
# characters and the rest turned into spaces, so the text keeps its length and offsets.
RUN_KEPT = 32
_RUN = re.compile(rf"([^\w\s])\1{{{RUN_KEPT * 2},}}")


def break_runs(text: str) -> str:
    """``text`` with every run of one punctuation character cut to RUN_KEPT (same length)."""
    if len(text) < RUN_KEPT * 2:
        return text
    return _RUN.sub(lambda m: m.group()[:RUN_KEPT] + " " * (len(m.group()) - RUN_KEPT), text)


def _shift(found: Annotations, offset: int) -> Annotations:
    """Annotations of a piece, with offsets moved to the whole text's."""
    if not offset:
        return found
    items: list[Mention | Quote | TimeExpression | Event] = [
        *found.entities,
        *found.quotes,
        *found.dates,
        *found.events,
    ]
    for item in items:
        item.start += offset
        item.end += offset
    for quote in found.quotes:
        if quote.speaker_start is not None and quote.speaker_end is not None:
            quote.speaker_start += offset
            quote.speaker_end += offset
    return found


class Annotator:
    """Fills ``Article.annotations``; never drops an article (the ``annotate`` stage).

    A text longer than ``chunk_chars`` is annotated in pieces of at most that many
    characters, up to ``max_chars`` (the rest is left unannotated); names are merged over
    the pieces. Ingest flags such an article ``long``.
    """

    def __init__(
        self,
        *,
        chunk_chars: int = CHUNK_CHARS,
        max_chars: int = MAX_CHARS,
        known_names: Callable[[], Iterable[tuple[str, str]]] | None = None,
        join_names: bool = True,
    ) -> None:
        self._parts: tuple[Any, Any, Any, Any, Any] | None = None
        self._pack: Any = None  # the language packs' annotator, made on first use
        self.known_names = known_names  # (canonical, type) already stored: English names
        # False: a name in a pack's language stays as written, whatever was read before
        # (ingest joins names across scripts in the parent: newsdesk.lang.merge.NameJoiner)
        self.join_names = join_names
        self.chunk_chars = max(1000, chunk_chars)
        self.max_chars = max(self.chunk_chars, max_chars)

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
        self,
        texts: Sequence[str],
        published: Sequence[datetime | None],
        languages: Sequence[str | None] | None = None,
    ) -> Iterator[Annotations]:
        """Annotations of each text, in order, each read with its language's pack
        (``languages``; None: English, as before languages were told). A language without
        a pack is not read: its annotations are empty, ``skipped`` "unsupported_language"."""
        texts = [break_runs(text) for text in texts]
        langs = list(languages) if languages is not None else [None] * len(texts)
        routes = [_route(code) for code in langs]
        english = [i for i, route in enumerate(routes) if route == "english"]
        if len(english) == len(texts):
            yield from self._learned(self._english(texts, published))
            return
        if "pack" in routes:
            self._pack_annotator()  # made first, so it learns this batch's English names
        found = dict(
            zip(
                english,
                self._learned(
                    self._english([texts[i] for i in english], [published[i] for i in english])
                ),
                strict=True,
            )
        )
        for i, (text, when, route) in enumerate(zip(texts, published, routes, strict=True)):
            if i in found:
                yield found[i]
            elif route == "unsupported":
                yield Annotations(skipped=UNSUPPORTED)
            else:
                yield self._read_pack(text, langs[i], when)

    def _learned(self, found: Iterable[Annotations]) -> Iterator[Annotations]:
        """English annotations, their names taught to the cross-script index on the way."""
        for item in found:
            if self._pack is not None and self.join_names:
                self._pack.learn((e.name, e.type) for e in item.named)
            yield item

    def _pack_annotator(self) -> Any:
        if self._pack is None:
            from newsdesk.lang.annotator import PackAnnotator

            self._pack = PackAnnotator(join=self.join_names)
            if self.known_names is not None and self.join_names:
                self._pack.learn(self.known_names())
        return self._pack

    def _read_pack(self, text: str, language: str | None, when: datetime | None) -> Annotations:
        """A text in a pack's language, piece by piece past ``chunk_chars``."""
        from newsdesk.lang import pack_for

        pack, reader = pack_for(language), self._pack_annotator()
        whole = Annotations()
        named: dict[str, Entity] = {}
        for offset, piece in chunks(text[: self.max_chars], self.chunk_chars):
            found = _shift(reader.annotate(piece, pack, published=when), offset)
            whole.entities += found.entities
            whole.quotes += found.quotes
            whole.dates += found.dates
            for entity in found.named:
                named.setdefault(entity.name, entity)
        whole.named = list(named.values())
        return whole

    def _english(
        self, texts: Sequence[str], published: Sequence[datetime | None]
    ) -> Iterator[Annotations]:
        """Annotations of English texts (one parse each, in batches), in order."""
        if not texts:
            return
        from newsdesk.annotate.nlp import parsed

        pipeline = self._load()[0]
        short = [t if len(t) <= self.chunk_chars else "" for t in texts]
        docs = pipeline.pipe(short, batch_size=BATCH)
        for doc, text, when in zip(docs, texts, published, strict=True):
            if len(text) <= self.chunk_chars:
                yield self._read(parsed(doc, text), NameIndex(), when)
            else:
                yield self._read_long(text, when)

    def _read(self, doc: Any, index: NameIndex, when: datetime | None) -> Annotations:
        _, entities, quotes, dates, events = self._load()
        read = entities.annotate(doc, context=index)
        mentions = read.mentions
        found = Annotations(entities=mentions, named=read.entities)
        found.quotes = quotes.extract(doc, canonical=index.resolve)
        found.dates = dates.find(doc, published=when)
        found.events = events.extract(doc, mentions=mentions, dates=found.dates, published=when)
        return found

    def _read_long(self, text: str, when: datetime | None) -> Annotations:
        """A long text, piece by piece with one name index, up to ``max_chars``."""
        from newsdesk.annotate.nlp import parsed

        pipeline = self._load()[0]
        index = NameIndex()
        whole = Annotations()
        for offset, piece in chunks(text[: self.max_chars], self.chunk_chars):
            found = _shift(self._read(parsed(pipeline(piece), piece), index, when), offset)
            whole.entities += found.entities
            whole.quotes += found.quotes
            whole.dates += found.dates
            whole.events += found.events
        names = {m.canonical for m in whole.entities}
        whole.named = [e for e in index.entities() if e.name in names]
        return whole

    def run(self, articles: Iterable[Article], drops: Drops) -> Iterator[Article]:
        """Annotate each article; one in a language without a pack is kept unannotated and
        counted under ``unsupported_language``."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) == BATCH:
                yield from self._annotate(batch, drops)
                batch = []
        yield from self._annotate(batch, drops)

    def _annotate(self, batch: list[Article], drops: Drops) -> Iterator[Article]:
        if not batch:
            return
        results = self.annotate_texts(
            [a.body for a in batch], [a.published for a in batch], [a.language for a in batch]
        )
        for article, found in zip(batch, results, strict=True):
            article.annotations = found
            if found.skipped:
                drops.drop(article, found.skipped)
            yield article
