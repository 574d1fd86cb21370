"""Incremental TF-IDF: running document frequencies and idf-weighted cosine on sparse dicts.

Nothing is fitted up front; every article adds to the document frequencies as it
arrives, so the weights of a term follow the corpus seen so far.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

__all__ = ["TermStats"]


class TermStats:
    """Document frequencies of terms over the articles seen so far."""

    __slots__ = ("df", "docs")

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.docs = 0

    def add(self, terms: Iterable[str]) -> None:
        self.docs += 1
        self.df.update(terms)

    def idf(self, term: str) -> float:
        """Smoothed idf, as scikit-learn's ``smooth_idf``: ln((1 + N) / (1 + df)) + 1."""
        return math.log((1 + self.docs) / (1 + self.df.get(term, 0))) + 1.0

    def norm(self, weights: dict[str, float]) -> float:
        # idf inlined (the same operations in the same order: the same float); a story's
        # norm is retaken for every 5 % the corpus grows (stories.py), thousands per run
        log = math.log
        n = 1 + self.docs
        df = self.df.get
        return math.sqrt(
            sum((w * (log(n / (1 + df(t, 0))) + 1.0)) ** 2 for t, w in weights.items())
        )

    def cosine(
        self,
        article: dict[str, float],
        story: dict[str, float],
        *,
        article_norm: float | None = None,
        story_norm: float | None = None,
    ) -> float:
        """Cosine of the idf-weighted vectors; 0 when either side is empty.

        Norms may be passed in when the caller has them cached (they cost a pass each).
        """
        if not article or not story:
            return 0.0
        small, large = (article, story) if len(article) <= len(story) else (story, article)
        idf = self.idf
        dot = 0.0
        # the shared terms in the smaller side's order (the sum's order, so the same float),
        # found in C: most of a story's terms are not the article's
        for term in filter(large.__contains__, small):
            dot += small[term] * large[term] * idf(term) ** 2
        if dot == 0.0:
            return 0.0
        a_norm = self.norm(article) if article_norm is None else article_norm
        s_norm = self.norm(story) if story_norm is None else story_norm
        return dot / (a_norm * s_norm) if a_norm and s_norm else 0.0

    def prune(self, weights: dict[str, float], keep: int) -> dict[str, float]:
        """The ``keep`` terms that weigh most under the current idf."""
        if len(weights) <= keep:
            return weights
        idf = self.idf
        ranked = sorted(weights.items(), key=lambda tw: (-tw[1] * idf(tw[0]), tw[0]))
        return dict(ranked[:keep])
