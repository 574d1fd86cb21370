"""TermStats' norm: the idf-weighted length of a weights dict, bit for bit as idf() gives it."""

from __future__ import annotations

import math
import random

from newsdesk.cluster.terms import TermStats


def _random_stats(
    seed: int, terms: int, docs: int, per_doc: int
) -> tuple[random.Random, list[str], TermStats]:
    """Term statistics over ``docs`` random documents of ``per_doc`` terms each."""
    rng = random.Random(seed)
    vocabulary = [f"term{i}" for i in range(terms)]
    stats = TermStats()
    for _ in range(docs):
        stats.add(rng.sample(vocabulary, per_doc))
    return rng, vocabulary, stats


def test_terms_norm_equals_the_idf_weighted_length_exactly() -> None:
    rng, vocabulary, stats = _random_stats(7, terms=400, docs=150, per_doc=40)
    weights = {t: rng.random() * 3 for t in rng.sample(vocabulary, 120)}
    weights["never-seen"] = 1.5  # df 0: the largest idf
    expected = math.sqrt(sum((w * stats.idf(t)) ** 2 for t, w in weights.items()))
    assert stats.norm(weights) == expected  # the same float, not merely close
    assert stats.norm({}) == 0.0


def test_terms_norm_weighs_a_rare_term_more_than_a_common_one() -> None:
    stats = TermStats()
    for terms in (["ferry", "harbour"], ["ferry"], ["ferry", "storm"]):
        stats.add(terms)
    assert stats.norm({"storm": 1.0}) > stats.norm({"ferry": 1.0}) == 1.0


def test_terms_cosine_equals_the_idf_weighted_dot_exactly() -> None:
    """The shared terms are summed in the smaller side's order, as a loop over it did."""
    rng, vocabulary, stats = _random_stats(11, terms=300, docs=120, per_doc=30)
    for size in (5, 40, 200):
        article = {t: rng.random() * 2 for t in rng.sample(vocabulary, size)}
        story = {t: rng.random() * 4 for t in rng.sample(vocabulary, 150)}
        small, large = (article, story) if len(article) <= len(story) else (story, article)
        dot = 0.0
        for term, weight in small.items():
            if term in large:
                dot += weight * large[term] * stats.idf(term) ** 2
        expected = dot / (stats.norm(article) * stats.norm(story))
        assert stats.cosine(article, story) == expected  # the same float, not merely close
    assert stats.cosine({"term1": 1.0}, {"term2": 1.0}) == 0.0
