"""Story assignment on hand-made feature sets (no model): window, merges, recluster, state."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from newsdesk.cluster.embed import DIM
from newsdesk.cluster.features import ArticleFeatures
from newsdesk.cluster.state import save
from newsdesk.cluster.stories import ClusterConfig, StoryAssigner, recluster

DAY0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def unit(seed: int, base: np.ndarray | None = None, noise: float = 0.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vec = rng.normal(size=DIM).astype(np.float32)
    if base is not None:
        vec = base + noise * vec / np.linalg.norm(vec)
    return (vec / np.linalg.norm(vec)).astype(np.float32)


def feat(
    ident: str,
    vector: np.ndarray,
    words: str,
    *,
    day: float | None = 0.0,
    outlet: str = "Daily",
    title: str | None = None,
) -> ArticleFeatures:
    terms = {w: 1.0 for w in words.split() if not w.startswith("#")}
    return ArticleFeatures(
        id=ident,
        vector=vector,
        terms=terms,
        entities={w.lower(): 1.0 for w in words.split() if w[0].isupper() or w[0] == "#"},
        published=None if day is None else DAY0 + timedelta(days=day),
        outlet=outlet,
        title=title,
        lead=f"{words} lead",
    )


QUAKE = unit(1)
FLOOD = unit(2)
FILLER = [feat(f"f{i}", unit(100 + i), f"filler{i} other{i} Town{i}") for i in range(6)]


def test_stories_late_article_joins_within_window_not_outside() -> None:
    assigner = StoryAssigner()
    for filler in FILLER:
        assigner.assign(filler)
    first = assigner.assign(feat("a", QUAKE, "quake Chile Valparaiso toll", day=0))
    late = assigner.assign(feat("b", unit(3, QUAKE, 0.3), "quake Chile Valparaiso toll", day=5))
    outside = assigner.assign(feat("c", unit(4, QUAKE, 0.3), "quake Chile Valparaiso", day=13))
    assert first.is_new
    assert late.story_id == first.story_id and not late.is_new
    assert outside.is_new and outside.story_id != first.story_id


def test_stories_fields_from_members() -> None:
    assigner = StoryAssigner()
    a = assigner.assign(feat("a", QUAKE, "quake Chile", outlet="Wire", title="Quake hits Chile"))
    assigner.assign(feat("b", unit(5, QUAKE, 0.2), "quake Chile", day=2, outlet="Post"))
    assigner.assign(feat("c", unit(6, QUAKE, 0.2), "quake Chile", day=1, outlet="Wire"))
    story = assigner.story(a.story_id)
    assert story.article_count == 3 and story.outlet_count == 2
    assert set(story.outlets) == {"Wire", "Post"}
    assert story.first_seen == DAY0.replace(tzinfo=None)
    assert story.last_seen == (DAY0 + timedelta(days=2)).replace(tzinfo=None)
    assert story.title == "Quake hits Chile"


def test_stories_title_tells_the_news_before_a_teaser_closer_to_the_centroid() -> None:
    assigner = StoryAssigner()
    teaser = "Quake Just Hit A City – What Rescuers Found Might Surprise You"
    a = assigner.assign(feat("a", QUAKE, "quake Chile", outlet="Viral", title=teaser))
    assigner.assign(
        feat("b", unit(5, QUAKE, 0.2), "quake Chile", day=1, outlet="Viral", title=teaser)
    )
    assigner.assign(
        feat(
            "c", unit(6, QUAKE, 0.6), "quake Chile", day=1, outlet="Wire", title="Quake hits Chile"
        )
    )
    assert assigner.story(a.story_id).title == "Quake hits Chile"


def test_stories_title_falls_back_to_lead() -> None:
    assigner = StoryAssigner()
    result = assigner.assign(feat("a", QUAKE, "quake Chile", title=None))
    assert assigner.story(result.story_id).title.startswith("quake Chile")


def test_stories_merge_keeps_old_ids_resolving() -> None:
    # two stories half-way apart; an article between them scores high with both
    left, right = unit(7), unit(8)
    bridge = (left + right) / np.linalg.norm(left + right)
    config = ClusterConfig(threshold=0.4, merge_threshold=0.55)
    assigner = StoryAssigner(config)
    one = assigner.assign(feat("a", left, "storm Oslo harbour"))
    two = assigner.assign(feat("b", right, "storm Bergen harbour", day=1))
    assert one.story_id != two.story_id
    joined = assigner.assign(feat("c", bridge, "storm Oslo Bergen harbour", day=1))
    assert not joined.is_new
    assert assigner.last_merged
    assert assigner.resolve(one.story_id) == assigner.resolve(two.story_id) == joined.story_id
    assert assigner.story_of("a") == assigner.story_of("b") == joined.story_id
    assert assigner.story(two.story_id).article_count == 3
    assert len(assigner) == 1


def test_stories_recluster_is_deterministic_in_any_order() -> None:
    items = [*FILLER]
    for i in range(4):
        items.append(feat(f"q{i}", unit(20 + i, QUAKE, 0.4), "quake Chile toll", day=i))
        items.append(feat(f"w{i}", unit(30 + i, FLOOD, 0.4), "flood Dhaka river", day=i / 2))
    expected = recluster(items)
    groups = sorted(sorted(s.members) for s in expected.stories.values())
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        again = recluster(shuffled)
        assert sorted(sorted(s.members) for s in again.stories.values()) == groups
        assert sorted(again.stories) == sorted(expected.stories)
    assert ["q0", "q1", "q2", "q3"] in groups and ["w0", "w1", "w2", "w3"] in groups


def test_stories_state_round_trip_carries_on(tmp_path: Path) -> None:
    assigner = StoryAssigner()
    for filler in FILLER:
        assigner.assign(filler)
    first = assigner.assign(feat("a", QUAKE, "quake Chile toll", title="Quake in Chile"))
    save(assigner, tmp_path / "state")
    restored = StoryAssigner.load(tmp_path / "state")
    assert len(restored) == len(assigner)
    assert restored.story(first.story_id).title == "Quake in Chile"
    again = restored.assign(feat("b", unit(9, QUAKE, 0.3), "quake Chile toll", day=1))
    assert again.story_id == first.story_id


def test_stories_same_article_twice_is_not_counted_twice() -> None:
    assigner = StoryAssigner()
    first = assigner.assign(feat("a", QUAKE, "quake Chile"))
    second = assigner.assign(feat("a", QUAKE, "quake Chile"))
    assert second.story_id == first.story_id and not second.is_new
    assert assigner.story(first.story_id).article_count == 1


def test_stories_twin_events_with_different_years_stay_apart() -> None:
    # undated reports of the same kind of event in one place, four years apart: the
    # years they name keep them apart
    words = "quake Chile Valparaiso toll"
    later = "quake toll rescue"
    joined = {}
    for name, config, year in [
        ("default", ClusterConfig(), "#2014"),
        ("no years", ClusterConfig(w_years=0.0), "#2014"),
        ("same year", ClusterConfig(), "#2010"),
    ]:
        assigner = StoryAssigner(config)
        for filler in FILLER:
            assigner.assign(filler)
        first = assigner.assign(feat("a", QUAKE, f"{words} #2010", day=None))
        same = assigner.assign(feat("b", unit(11, QUAKE, 0.3), f"{words} #2010", day=None))
        assert same.story_id == first.story_id
        other = assigner.assign(feat("c", unit(12, QUAKE, 0.8), f"{later} {year}", day=None))
        joined[name] = other.story_id == first.story_id
    assert joined == {"default": False, "no years": True, "same year": True}


def test_stories_dated_articles_go_by_date_not_years_named() -> None:
    # with publication dates, a background year named in passing does not split a story
    assigner = StoryAssigner()
    for filler in FILLER:
        assigner.assign(filler)
    words = "quake Chile Valparaiso toll"
    first = assigner.assign(feat("a", QUAKE, f"{words} #2010", day=0))
    same = assigner.assign(feat("b", unit(11, QUAKE, 0.3), f"{words} #2010", day=1))
    other = assigner.assign(feat("c", unit(12, QUAKE, 0.5), "quake Chile rescue #1985", day=1))
    assert same.story_id == first.story_id == other.story_id


def test_stories_a_shared_publication_day_adds_nothing_days_apart_take_off() -> None:
    # every report of one day shares its date: it says when, not which event, so a
    # report of the story's day scores as the same report with no dates at all, and
    # one days later scores lower
    scores = {}
    for name, day in (("undated", None), ("same day", 0.0), ("three days on", 3.0)):
        assigner = StoryAssigner()
        for filler in FILLER:
            assigner.assign(filler)
        start = None if day is None else 0.0
        first = assigner.assign(feat("a", QUAKE, "quake Chile Valparaiso toll", day=start))
        later = feat("b", unit(11, QUAKE, 0.6), "quake Chile rescue", day=day)
        scores[name] = assigner.score(later, assigner.story(first.story_id))
    assert scores["same day"] == pytest.approx(scores["undated"])
    assert scores["three days on"] < scores["same day"]


def test_stories_year_agreement_counts_members() -> None:
    assigner = StoryAssigner()
    result = assigner.assign(feat("a", QUAKE, "quake #2010 #2011"))
    assigner.assign(feat("b", unit(13, QUAKE, 0.1), "quake #2010", day=1))
    assigner.assign(feat("c", unit(14, QUAKE, 0.1), "quake", day=1))
    story = assigner.story(result.story_id)
    assert story.article_count == 3
    # a: the same latest year (+1); b: none in common, latest one year apart (0)
    assert story.year_agreement(("2011",)) == 1 / 3
    # a: 2010 in common but its latest is 2011 (background, +0.5); b: the same latest (+1)
    assert story.year_agreement(("2010",)) == 1.5 / 3
    assert story.year_agreement(("1999",)) == -2 / 3
    assert story.year_agreement(()) == 0.0


def test_stories_state_round_trip_keeps_years(tmp_path: Path) -> None:
    assigner = StoryAssigner()
    first = assigner.assign(feat("a", QUAKE, "quake Chile #2010"))
    save(assigner, tmp_path / "state")
    restored = StoryAssigner.load(tmp_path / "state")
    assert restored.story(first.story_id).years == assigner.story(first.story_id).years
    assert restored.config == assigner.config


def test_stories_fetch_time_is_not_a_publication_date() -> None:
    # a file of old reports ingested today: each has only its fetch time, so the years
    # they name still keep twin events apart (a fetch time once counted as a date)
    fetched = {"day": 0.0}
    words = "quake Chile Valparaiso toll"
    assigner = StoryAssigner()
    for filler in FILLER:
        assigner.assign(filler)
    items = [
        feat("a", QUAKE, f"{words} #2010", **fetched),
        feat("b", unit(11, QUAKE, 0.3), f"{words} #2010", **fetched),
        feat("c", unit(12, QUAKE, 0.8), "quake toll rescue #2014", **fetched),
    ]
    for item in items:
        item.dated = False
    first, same, other = (assigner.assign(item) for item in items)
    assert same.story_id == first.story_id
    assert other.story_id != first.story_id


def test_stories_undated_reports_naming_one_day_join() -> None:
    # a calendar day named on both sides ("March 12") is evidence of one event
    joined = {}
    for day in ("@03-12", "@07-30"):
        assigner = StoryAssigner()
        for filler in FILLER:
            assigner.assign(filler)
        first = assigner.assign(feat("a", QUAKE, "quake Chile toll Valparaiso @03-12", day=None))
        other = assigner.assign(feat("b", unit(12, QUAKE, 2.0), f"rescue Chile {day}", day=None))
        joined[day] = other.story_id == first.story_id
    assert joined == {"@03-12": True, "@07-30": False}


def _placed(item: ArticleFeatures, lead: str) -> ArticleFeatures:
    item.lead = lead
    return item


def test_stories_twin_events_in_two_places_stay_apart() -> None:
    # undated reports of one kind of event at two branches of one chain, told in the
    # same words: the places their leads name (and the other never mentions) part them
    words = "fire Hartley's store firefighters Rescue"
    joined = {}
    for name, config, place in [
        ("default", ClusterConfig(), "Bristol"),
        ("no places", ClusterConfig(w_place=0.0), "Bristol"),
        ("same town", ClusterConfig(), "Leeds"),
    ]:
        assigner = StoryAssigner(config)
        for filler in FILLER:
            assigner.assign(filler)
        first = assigner.assign(
            _placed(feat("a", QUAKE, f"{words} Leeds", day=None), "A fire hit a store in Leeds.")
        )
        other = assigner.assign(
            _placed(
                feat("b", unit(12, QUAKE, 0.6), f"{words} {place}", day=None),
                f"A fire hit a store in {place}.",
            )
        )
        joined[name] = other.story_id == first.story_id
    assert joined == {"default": False, "no places": True, "same town": True}


def test_stories_a_place_the_other_side_mentions_is_no_conflict() -> None:
    # one outlet leads with the nearby city, another with the district; each names the
    # other's place further down: one event
    assigner = StoryAssigner()
    for filler in FILLER:
        assigner.assign(filler)
    words = "blast Kestrel plant workers Rescue"
    first = assigner.assign(
        _placed(feat("a", QUAKE, f"{words} Grangemouth", day=None), "A blast in Grangemouth.")
    )
    other = assigner.assign(
        _placed(
            feat("b", unit(12, QUAKE, 0.6), f"{words} Falkirk Grangemouth", day=None),
            "A blast in Falkirk hurt two.",
        )
    )
    assert other.story_id == first.story_id


def test_stories_state_round_trip_keeps_places(tmp_path: Path) -> None:
    assigner = StoryAssigner()
    first = assigner.assign(_placed(feat("a", QUAKE, "fire Leeds"), "A fire in Leeds."))
    save(assigner, tmp_path / "state")
    restored = StoryAssigner.load(tmp_path / "state")
    assert restored.story(first.story_id).places == {"leeds": 1}


def test_stories_title_of_a_story_english_members_tell_is_english() -> None:
    """A story English reports tell is headed in English (the brief summarises it in
    English): a whole Korean headline does not beat an English lead extract."""
    from dataclasses import replace

    assigner = StoryAssigner()
    korean = replace(
        feat(
            "a", QUAKE, "quake Chile", outlet="Yonhap", title="칠레 발파라이소에서 강진이 발생했다."
        ),
        language="ko",
    )
    first = assigner.assign(korean)
    english = feat(
        "b", unit(5, QUAKE, 0.2), "quake Chile", outlet="Wire",
        title="A strong earthquake struck central Chile on Tuesday, killing at least…",
    )  # fmt: skip
    assigner.assign(english)
    assert assigner.story(first.story_id).title.startswith("A strong earthquake")
    alone = StoryAssigner()
    only = alone.assign(replace(korean, id="k"))
    assert alone.story(only.story_id).title == "칠레 발파라이소에서 강진이 발생했다."
