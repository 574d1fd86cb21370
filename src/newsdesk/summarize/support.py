"""Which articles support a sentence: measured word overlap with one of their sentences.

An article *supports* a sentence when one of its own sentences (or two neighbouring ones)
holds at least ``SupportConfig.coverage`` of the sentence's content words, at least
``min_shared`` of them, and every number the sentence gives. Words are weighted by their
rarity inside the story (``log(1 + articles / articles using the word)``), so the story's
topic words ("Hessel", "valley", "wildfire"), which every member uses, count for less than
the words that carry the sentence's own fact. The numbers rule is what keeps "killing 15
people" from being cited for "at least 12 people died".

A :class:`StoryIndex` splits each member article once and keeps an inverted index of content
words, so a story of 60 articles answers a support question in microseconds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdesk.article import Article
from newsdesk.summarize.text import Sentence, numbers_in, split_sentences

__all__ = ["ArticleText", "StoryIndex", "SupportConfig", "outlet_groups"]

# articles whose text is not the article: never quoted, never cited
UNUSABLE_FLAGS = frozenset({"consent_page", "paywall"})


@dataclass(slots=True, frozen=True)
class SupportConfig:
    """Thresholds of the support measure (documented in the module docstring)."""

    coverage: float = 0.65  # weighted share of the sentence's content words in the article
    min_shared: int = 3  # and at least this many of them
    pair_floor: float = 0.45  # a single sentence this close is retried with its neighbour
    min_evidence: float = 4.0  # shared weight, in words used by every member article


@dataclass(slots=True)
class ArticleText:
    """One member article, split: its sentences and the group (outlet report) it belongs to."""

    article: Article
    sentences: list[Sentence]
    group: int = 0

    @property
    def id(self) -> str:
        return self.article.id or ""


def outlet_groups(members: Sequence[Article]) -> dict[str, int]:
    """Article id -> report group: copies join their original, one outlet's articles join."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    ids = {a.id for a in members if a.id}
    by_outlet: dict[str, str] = {}
    for article in members:
        if not article.id:
            continue
        find(article.id)
        original = article.extras.get("copy_of")
        if isinstance(original, str) and original in ids:
            union(article.id, original)
        outlet = (article.outlet or "").casefold()
        if outlet:
            union(article.id, by_outlet.setdefault(outlet, article.id))
    roots: dict[str, int] = {}
    return {key: roots.setdefault(find(key), len(roots)) for key in sorted(ids)}


@dataclass(slots=True)
class StoryIndex:
    """A story's member articles split into sentences, with a word -> sentences index."""

    texts: list[ArticleText]
    config: SupportConfig = field(default_factory=SupportConfig)
    _postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _weights: dict[str, float] = field(default_factory=dict)
    _floor: float = math.log(2)

    @classmethod
    def build(cls, members: Sequence[Article], config: SupportConfig | None = None) -> StoryIndex:
        groups = outlet_groups(members)
        texts = [
            ArticleText(a, split_sentences(a.body), groups.get(a.id or "", 0))
            for a in members
            if a.id and not UNUSABLE_FLAGS.intersection(a.flags)
        ]
        index = cls(texts, config or SupportConfig())
        documents: dict[str, set[int]] = {}
        for d, text in enumerate(texts):
            for s, sentence in enumerate(text.sentences):
                for word in sentence.words:
                    index._postings.setdefault(word, []).append((d, s))
                    documents.setdefault(word, set()).add(d)
        total = max(len(texts), 1)
        index._weights = {w: math.log(1 + total / len(ds)) for w, ds in documents.items()}
        index._floor = math.log(2)
        return index

    def weight(self, word: str) -> float:
        """How much a word counts: rarer in the story, more (unseen words count most)."""
        return self._weights.get(word, math.log(1 + max(len(self.texts), 1)))

    def _weighted(self, words: frozenset[str]) -> float:
        get, unseen = self._weights.get, math.log(1 + max(len(self.texts), 1))
        return sum([get(w, unseen) for w in words])  # the hot loop of support checks

    def overlaps(self, words: frozenset[str]) -> Counter[tuple[int, int]]:
        """(article, sentence) -> number of ``words`` that sentence shares."""
        counts: Counter[tuple[int, int]] = Counter()
        for word in words:
            counts.update(self._postings.get(word, ()))
        return counts

    def best_coverage(self, words: frozenset[str]) -> dict[int, float]:
        """Article index -> the best share of ``words`` one of its sentences (or pairs) holds,
        counting only matches that also give every number ``words`` give."""
        if not words:
            return {}
        numbers = numbers_in(words)
        total = self._weighted(words)
        best: dict[int, float] = {}
        top: dict[int, list[tuple[int, int]]] = {}
        for (d, s), shared in self.overlaps(words).items():
            if shared >= self.config.min_shared:
                top.setdefault(d, []).append((shared, s))
        for d, found in top.items():  # the two sentences of each article sharing most words
            for _, s in sorted(found, reverse=True)[:2]:
                self._cover(words, numbers, total, d, s, best)
        return best

    def _cover(
        self,
        words: frozenset[str],
        numbers: frozenset[str],
        total: float,
        d: int,
        s: int,
        best: dict[int, float],
    ) -> None:
        sentences = self.texts[d].sentences
        held = sentences[s].words
        share = self._weighted(words & held) / total
        if share < self.config.pair_floor:
            return
        if share < self.config.coverage or not numbers <= held:
            for n in (s - 1, s + 1):
                if 0 <= n < len(sentences):
                    pair = held | sentences[n].words
                    pair_share = self._weighted(words & pair) / total
                    if pair_share >= share and numbers <= pair:
                        share, held = pair_share, pair
        if not numbers <= held or share * total < self.config.min_evidence * self._floor:
            return
        if share > best.get(d, 0.0):
            best[d] = share

    def supporters(self, words: frozenset[str], *, threshold: float | None = None) -> list[int]:
        """Indices of the articles that support a sentence with these content words."""
        floor = self.config.coverage if threshold is None else threshold
        return sorted(d for d, share in self.best_coverage(words).items() if share >= floor)
