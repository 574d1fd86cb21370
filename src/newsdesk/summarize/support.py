"""Which articles support a sentence: measured word overlap with one of their sentences.

An article *supports* a sentence when one of its own sentences (or that sentence with its
neighbours) holds at least ``SupportConfig.coverage`` of the sentence's content words, at
least ``min_shared`` of them, and every number the sentence gives. Words are weighted by
their rarity inside the story (``log(1 + articles / articles using the word)``), so the
story's topic words ("Hessel", "valley", "wildfire"), which every member uses, count for
less than the words that carry the sentence's own fact. The numbers rule is what keeps
"killing 15 people" from being cited for "at least 12 people died".

How one article is examined: of its sentences sharing at least ``min_shared`` words, the two
sharing most; a sentence holding at least ``pair_floor`` (but less than ``coverage``, or
lacking a number) is read with its previous neighbour (and then the next one too) when that
gives every number, else with its next neighbour; the window's share must give
``min_evidence`` words' worth of weight.

A :class:`StoryIndex` splits each member article once and keeps the story's sentences as a
sparse sentence × word matrix (and the same for each sentence with its neighbours), so the
support of many sentences against every member is a few sparse matrix products: a story of
60 articles answers all its summary and only_in questions in milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from newsdesk.article import Article
from newsdesk.summarize.text import Sentence, split_sentences

__all__ = ["ArticleText", "StoryIndex", "SupportConfig", "outlet_groups"]

# articles whose text is not the article: never quoted, never cited
UNUSABLE_FLAGS = frozenset({"consent_page", "paywall"})
# dense (queries × sentences) cells computed at once; bounds memory on very large stories
_BLOCK_CELLS = 2_000_000

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Ints = NDArray[np.int64]


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


def _host(url: str | None) -> str:
    """The site of a link without "www." ("" for none): an outlet when none was named."""
    if not url or "//" not in url:
        return ""
    host = url.split("/")[2].split("@")[-1].split(":")[0]
    return host[4:] if host.startswith("www.") else host


def outlet_groups(members: Sequence[Article]) -> dict[str, int]:
    """Article id -> report group: copies join their original, one outlet's articles join
    (an article without an outlet name is its site's, from its link)."""
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
        outlet = (article.outlet or _host(article.url)).casefold()
        if outlet:
            union(article.id, by_outlet.setdefault(outlet, article.id))
    roots: dict[str, int] = {}
    return {key: roots.setdefault(find(key), len(roots)) for key in sorted(ids)}


def _binary(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    matrix = sparse.csr_matrix(matrix)
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


@dataclass(slots=True)
class _Layout:
    """The story's sentences, one row each, articles one after another."""

    words: sparse.csr_matrix  # sentence -> its content words (binary)
    pairs_t: sparse.csr_matrix  # transposed: each sentence with the next one
    triples_t: sparse.csr_matrix  # transposed: each sentence with both neighbours
    words_t: sparse.csr_matrix
    local: Ints  # the sentence's place in its article
    has_left: Bools
    has_right: Bools
    starts: Ints  # the first row of each article that has sentences
    docs: Ints  # the article of each of those
    segment: Ints  # row -> its position among ``starts``

    @classmethod
    def build(cls, texts: Sequence[ArticleText], vocab: dict[str, int]) -> _Layout:
        rows: list[int] = []
        cols: list[int] = []
        local: list[int] = []
        starts: list[int] = []
        docs: list[int] = []
        for d, text in enumerate(texts):
            if text.sentences:
                starts.append(len(local))
                docs.append(d)
            for sentence in text.sentences:
                g = len(local)
                local.append(g - starts[-1])
                for word in sentence.words:
                    rows.append(g)
                    cols.append(vocab.setdefault(word, len(vocab)))
        n = len(local)
        words = _binary(
            sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(len(vocab), 1)))
        )
        positions = np.asarray(local, dtype=np.int64)
        counts = np.diff(np.append(np.asarray(starts, dtype=np.int64), n))
        segment = np.repeat(np.arange(len(starts), dtype=np.int64), counts)
        has_left = positions > 0
        has_right = np.append(positions[1:] > 0, False) if n else np.zeros(0, dtype=bool)
        nxt = np.flatnonzero(has_right)
        shift_next = sparse.csr_matrix((np.ones(len(nxt)), (nxt, nxt + 1)), shape=(n, n))
        prv = np.flatnonzero(has_left)
        shift_prev = sparse.csr_matrix((np.ones(len(prv)), (prv, prv - 1)), shape=(n, n))
        pairs = _binary(words + shift_next @ words)
        triples = _binary(pairs + shift_prev @ words)
        return cls(
            words=words,
            pairs_t=sparse.csr_matrix(pairs.T),
            triples_t=sparse.csr_matrix(triples.T),
            words_t=sparse.csr_matrix(words.T),
            local=positions,
            has_left=has_left,
            has_right=has_right,
            starts=np.asarray(starts, dtype=np.int64),
            docs=np.asarray(docs, dtype=np.int64),
            segment=segment,
        )


@dataclass(slots=True)
class _Queries:
    """Sentences asked about, as sparse rows over the story's vocabulary."""

    weighted: sparse.csr_matrix  # the word's weight where the query has the word
    numbers: sparse.csr_matrix  # 1 where the query has the word and it is a number
    present: sparse.csr_matrix  # 1 where the query has the word
    total: Floats  # weight of all the query's words, unseen ones included
    needed: Floats  # how many numbers the query gives, unseen ones included


@dataclass(slots=True)
class StoryIndex:
    """A story's member articles split into sentences, as a sparse sentence × word matrix."""

    texts: list[ArticleText]
    config: SupportConfig = field(default_factory=SupportConfig)
    _vocab: dict[str, int] = field(default_factory=dict)
    _weights: Floats = field(default_factory=lambda: np.zeros(0))
    _layout: _Layout | None = None

    @classmethod
    def build(cls, members: Sequence[Article], config: SupportConfig | None = None) -> StoryIndex:
        groups = outlet_groups(members)
        texts = [
            ArticleText(a, split_sentences(a.body), groups.get(a.id or "", 0))
            for a in members
            if a.id and not UNUSABLE_FLAGS.intersection(a.flags)
        ]
        index = cls(texts, config or SupportConfig())
        layout = _Layout.build(texts, index._vocab)
        rows = len(layout.local)
        article_of = sparse.csr_matrix(  # article x sentence incidence
            (np.ones(rows), (layout.docs[layout.segment], np.arange(rows))),
            shape=(len(texts), rows),
        )
        documents = np.asarray(_binary(article_of @ layout.words).sum(axis=0)).ravel()
        total = max(len(texts), 1)
        index._weights = np.log1p(total / np.maximum(documents, 1))
        index._layout = layout
        return index

    @property
    def groups(self) -> list[int]:
        """The report group of each article, in ``texts`` order."""
        return [t.group for t in self.texts]

    def weight(self, word: str) -> float:
        """How much a word counts: rarer in the story, more (unseen words count most)."""
        column = self._vocab.get(word)
        if column is None:
            return math.log(1 + max(len(self.texts), 1))
        return float(self._weights[column])

    def _queries(self, queries: Sequence[frozenset[str]]) -> _Queries:
        unseen = math.log(1 + max(len(self.texts), 1))
        rows: list[int] = []
        cols: list[int] = []
        total = np.zeros(len(queries))
        needed = np.zeros(len(queries))
        for q, words in enumerate(queries):
            missing = 0
            for word in words:
                column = self._vocab.get(word)
                if column is None:
                    missing += 1
                else:
                    rows.append(q)
                    cols.append(column)
                needed[q] += word[:1].isdigit()
            total[q] = unseen * missing
        shape = (len(queries), max(len(self._vocab), 1))
        present = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        weights = self._weights[np.asarray(cols, dtype=np.int64)]
        weighted = sparse.csr_matrix((weights, (rows, cols)), shape=shape)
        total += np.asarray(weighted.sum(axis=1)).ravel()
        is_number = np.asarray([w[:1].isdigit() for w in self._vocab] or [False])
        numbers = sparse.csr_matrix(present.multiply(is_number[np.newaxis, :]))
        return _Queries(weighted, numbers, present, total, needed)

    def coverage(self, queries: Sequence[frozenset[str]]) -> Floats:
        """(query, article) -> the best share of the query's words one of the article's
        sentences (or windows) holds, counting only matches that also give every number
        the query gives; 0 where none does."""
        layout = self._layout
        if layout is None or not queries or not len(layout.local):
            return np.zeros((len(queries), len(self.texts)))
        distinct: dict[frozenset[str], int] = {}  # copies and wire text ask the same question
        asked = np.asarray([distinct.setdefault(q, len(distinct)) for q in queries])
        unique = list(distinct)
        found = np.zeros((len(unique), len(self.texts)))
        step = max(1, _BLOCK_CELLS // len(layout.local))
        for begin in range(0, len(unique), step):
            block = self._queries(unique[begin : begin + step])
            found[begin : begin + step, layout.docs] = self._block(block, layout)
        return found[asked]

    def _block(self, q: _Queries, layout: _Layout) -> Floats:
        n = q.total.shape[0]
        single = (sparse.vstack([q.weighted, q.numbers, q.present]) @ layout.words_t).toarray()
        shared, numbers, count = single[:n], single[n : 2 * n], single[2 * n :]
        pair = (sparse.vstack([q.weighted, q.numbers]) @ layout.pairs_t).toarray()
        triple = (sparse.vstack([q.weighted, q.numbers]) @ layout.triples_t).toarray()
        total = np.maximum(q.total, 1e-12)[:, np.newaxis]
        needed = q.needed[:, np.newaxis]
        config = self.config
        share = shared / total
        left_shared = np.roll(pair[:n], 1, axis=1)
        left_numbers = np.roll(pair[n:], 1, axis=1)
        left_ok = layout.has_left & (left_numbers >= needed)
        right_ok = layout.has_right & (pair[n:] >= needed)
        extend = (share < config.coverage) | (numbers < needed)
        use_left = extend & left_ok
        use_triple = use_left & layout.has_right
        use_pair_left = use_left & ~layout.has_right
        use_right = extend & ~left_ok & right_ok
        choices = [use_triple, use_pair_left, use_right]
        held = np.select(choices, [triple[:n], left_shared, pair[:n]], shared)
        held_numbers = np.select(choices, [triple[n:], left_numbers, pair[n:]], numbers)
        examined = self._top_two(np.where(count >= config.min_shared, count, -1), layout)
        accepted = (
            examined
            & (share >= config.pair_floor)
            & (held_numbers >= needed)
            & (held >= config.min_evidence * math.log(2) - 1e-9)
        )
        value = np.where(accepted, held / total, 0.0)
        return np.maximum.reduceat(value, layout.starts, axis=1)

    @staticmethod
    def _top_two(count: Floats, layout: _Layout) -> Bools:
        """The two sentences of each article sharing most words (ties: the later one)."""
        key = np.where(count >= 0, count * (int(layout.local.max()) + 1) + layout.local, -1.0)
        first = np.maximum.reduceat(key, layout.starts, axis=1)[:, layout.segment]
        chosen = (key == first) & (key >= 0)
        rest = np.where(chosen, -1.0, key)
        second = np.maximum.reduceat(rest, layout.starts, axis=1)[:, layout.segment]
        return chosen | ((rest == second) & (rest >= 0))

    def best_coverage(self, words: frozenset[str]) -> dict[int, float]:
        """Article index -> the best share of ``words`` one of its sentences (or windows)
        holds, counting only matches that also give every number ``words`` give."""
        if not words:
            return {}
        row = self.coverage([words])[0]
        return {int(d): float(row[d]) for d in np.flatnonzero(row > 0)}

    def supporters_of(
        self, queries: Sequence[frozenset[str]], *, threshold: float | None = None
    ) -> list[list[int]]:
        """For each query, the indices of the articles that support it."""
        floor = self.config.coverage if threshold is None else threshold
        covered = self.coverage(queries) >= floor
        return [np.flatnonzero(row).tolist() for row in covered]

    def supporters(self, words: frozenset[str], *, threshold: float | None = None) -> list[int]:
        """Indices of the articles that support a sentence with these content words."""
        if not words:
            return []
        return self.supporters_of([words], threshold=threshold)[0]
