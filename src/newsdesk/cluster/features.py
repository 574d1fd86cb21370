"""What the story assigner needs from one article: vector, terms, entities, time, outlet.

Terms are lower-cased content words counted with sublinear weights (1 + log tf);
entities are the cheap stand-in for named entities and numbers that keeps twin
events apart: capitalised tokens that do not open a sentence, and numbers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources

import numpy as np

from newsdesk.article import Article, article_id

__all__ = [
    "ArticleFeatures",
    "entity_terms",
    "features_batch",
    "features_for",
    "word_terms",
    "years_of",
]

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*\d|\d")
_SENTENCE_START = re.compile(r"(^|[.!?:;\"“”]\s*|\n)$")
_YEAR = re.compile(r"#(1[89]\d\d|20\d\d)")
MAX_TERMS = 400


@dataclass(slots=True)
class ArticleFeatures:
    """One article, reduced to the signals story assignment compares."""

    id: str
    vector: np.ndarray
    terms: dict[str, float]
    entities: dict[str, float]
    published: datetime | None = None
    outlet: str | None = None
    title: str | None = None
    lead: str = ""
    extras: dict[str, object] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("newsdesk.cluster").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(text.split())


def _sublinear(counts: Counter[str]) -> dict[str, float]:
    top = counts.most_common(MAX_TERMS)
    return {term: 1.0 + math.log(n) for term, n in top}


def word_terms(text: str) -> dict[str, float]:
    """Content words, lower-cased, stop words and one-letter tokens left out."""
    stop = _stopwords()
    counts: Counter[str] = Counter()
    for match in _TOKEN.finditer(text):
        word = match.group().lower().strip("'’-")
        if len(word) > 1 and word not in stop and not word[0].isdigit():
            counts[word] += 1
    return _sublinear(counts)


def entity_terms(text: str) -> dict[str, float]:
    """Capitalised words that do not open a sentence, and numbers (years, tolls, scores)."""
    stop = _stopwords()
    counts: Counter[str] = Counter()
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit():
            counts["#" + token.replace(",", "")] += 1
            continue
        if not token[0].isupper() or (token.isupper() and len(token) > 5):
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        lowered = token.lower().strip("'’-")
        if _SENTENCE_START.search(before) or lowered in stop or len(lowered) < 2:
            continue
        counts[lowered] += 1
    return _sublinear(counts)


def years_of(entities: dict[str, float]) -> tuple[str, ...]:
    """The years an article names (1800-2099), sorted: taken from its entity numbers.

    Two reports of one event name the same year(s); twin events a year or more apart
    do not, which the story score uses (see ``ClusterConfig.w_years``).
    """
    return tuple(sorted(term[1:] for term in entities if _YEAR.fullmatch(term)))


def features_for(article: Article, vector: np.ndarray, *, lead: str = "") -> ArticleFeatures:
    """Features of one cleaned article, given its title-and-lead embedding."""
    text = article.body
    full = f"{article.title}\n{text}" if article.title else text
    return ArticleFeatures(
        id=article.id or article_id(article),
        vector=np.asarray(vector, dtype=np.float32),
        terms=word_terms(full),
        entities=entity_terms(full),
        published=article.published or article.fetched,
        outlet=article.outlet,
        title=article.title,
        lead=lead,
    )


def features_batch(
    articles: Sequence[Article], *, threads: int | None = None
) -> list[ArticleFeatures]:
    """Features for many articles, embedding their title and lead in one batch."""
    from newsdesk.cluster.embed import embed, lead_text

    leads = [lead_text(a.title, a.body) for a in articles]
    vectors = embed(leads, threads=threads)
    return [
        features_for(a, v, lead=lead) for a, v, lead in zip(articles, vectors, leads, strict=True)
    ]
