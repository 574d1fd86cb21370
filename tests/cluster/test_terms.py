"""TermStats' norm: the idf-weighted length of a weights dict, bit for bit as idf() gives it."""

from __future__ import annotations

import math
import random

from newsdesk.cluster.terms import TermStats


def test_terms_norm_equals_the_idf_weighted_length_exactly() -> None:
    rng = random.Random(7)
    vocabulary = [f"term{i}" for i in range(400)]
    stats = TermStats()
    for _ in range(150):
        stats.add(rng.sample(vocabulary, 40))
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
