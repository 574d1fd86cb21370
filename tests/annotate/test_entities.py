"""EntityRecognizer on fictional seed-like articles: one entity per person, roles, types."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.annotate.entities import EntityAnnotation, EntityRecognizer
from newsdesk.annotate.names import NameIndex

SUMMIT = (
    "Japanese Prime Minister Sanae Takaichi met with South Korean President Lee Jae-Myung on "
    "Tuesday at a summit in Takaichi’s home prefecture of Nara. It is the second time the two "
    "leaders have met since Takaichi came into power.\n"
    "“We are starting a new chapter,” Lee said. “I hope to make this year a good one,” Takaichi "
    "said after President Lee’s speech. South Korean officials said Lee and Takaichi would discuss "
    "trade during the two-week visit.\n"
    "The meeting comes a week after Lee met with Chinese President Xi Jinping in Beijing. On "
    "Jan. 6, a day after Xi’s meeting with Lee, China announced an export ban.\n"
    "Li Hao, an associate professor at the University of Tokyo and a research fellow at the "
    "Japan Institute of International Affairs, says Lee is caught in a balancing act. "
    "“Seoul is sandwiched,” Li says."
)

FOLLOW_UP = (
    "Lee Jae-myung left Nara on Wednesday. Takaichi called the visit a success, and Xi has not "
    "commented."
)


@pytest.fixture(scope="module")
def recognizer() -> Iterator[EntityRecognizer]:
    yield EntityRecognizer()


@pytest.fixture(scope="module")
def summit(recognizer: EntityRecognizer) -> EntityAnnotation:
    return recognizer.annotate(SUMMIT)


def _people(annotation: EntityAnnotation) -> dict[str, object]:
    return {e.name: e for e in annotation.entities if e.type == "PERSON"}


def test_entities_offsets_slice_the_text(summit: EntityAnnotation) -> None:
    assert summit.mentions
    for mention in summit.mentions:
        assert SUMMIT[mention.start : mention.end] == mention.text


def test_entities_one_entity_per_person(summit: EntityAnnotation) -> None:
    assert set(_people(summit)) == {"Sanae Takaichi", "Lee Jae-Myung", "Xi Jinping", "Li Hao"}


def test_entities_takaichi_alone_is_a_person(summit: EntityAnnotation) -> None:
    alone = [m for m in summit.mentions if m.text == "Takaichi"]
    assert len(alone) >= 4
    assert {(m.type, m.canonical) for m in alone} == {("PERSON", "Sanae Takaichi")}


def test_entities_surnames_and_titles_resolve_to_full_name(summit: EntityAnnotation) -> None:
    lee = [m for m in summit.mentions if m.canonical == "Lee Jae-Myung"]
    assert {m.text for m in lee} == {"Lee Jae-Myung", "Lee"}
    assert all(m.type == "PERSON" for m in lee)
    assert len(lee) >= 6
    assert not any(m.text.endswith(("’s", "'s")) for m in summit.mentions)


def test_entities_xi_is_xi_jinping(summit: EntityAnnotation) -> None:
    xi = [m for m in summit.mentions if m.text == "Xi"]
    assert xi
    assert {m.canonical for m in xi} == {"Xi Jinping"}


def test_entities_li_is_not_lee(summit: EntityAnnotation) -> None:
    li = [m for m in summit.mentions if m.text == "Li"]
    assert li
    assert {m.canonical for m in li} == {"Li Hao"}


def test_entities_roles_and_countries(summit: EntityAnnotation) -> None:
    people = _people(summit)
    takaichi, lee, xi, li = (
        people[n] for n in ["Sanae Takaichi", "Lee Jae-Myung", "Xi Jinping", "Li Hao"]
    )
    assert "Japanese Prime Minister" in takaichi.roles  # type: ignore[attr-defined]
    assert takaichi.country == "Japan"  # type: ignore[attr-defined]
    assert "South Korean President" in lee.roles  # type: ignore[attr-defined]
    assert lee.country == "South Korea"  # type: ignore[attr-defined]
    assert xi.country == "China"  # type: ignore[attr-defined]
    assert li.roles == [  # type: ignore[attr-defined]
        "associate professor at the University of Tokyo",
        "research fellow at the Japan Institute of International Affairs",
    ]


def test_entities_leave_out_dates_and_durations(summit: EntityAnnotation) -> None:
    texts = {m.text for m in summit.mentions}
    assert not texts & {"Tuesday", "two-week", "a week", "Jan. 6", "this year", "second", "two"}
    assert {m.type for m in summit.mentions} <= {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def test_entities_city_is_a_place(summit: EntityAnnotation) -> None:
    assert {m.type for m in summit.mentions if m.text in {"Nara", "Beijing"}} == {"GPE"}


def test_entities_story_context_carries_full_names(recognizer: EntityRecognizer) -> None:
    alone = recognizer.mentions(FOLLOW_UP)
    assert "Xi Jinping" not in {m.canonical for m in alone}
    story = NameIndex()
    _, second = recognizer.annotate_group(
        [recognizer.nlp(SUMMIT), recognizer.nlp(FOLLOW_UP)], context=story
    )
    by_text = {m.text: m.canonical for m in second.mentions}
    assert by_text["Xi"] == "Xi Jinping"
    assert by_text["Takaichi"] == "Sanae Takaichi"
    people = [e.name for e in story.entities() if e.type == "PERSON"]
    assert sorted(people) == ["Lee Jae-myung", "Li Hao", "Sanae Takaichi", "Xi Jinping"]


def test_entities_pipe_matches_one_by_one(recognizer: EntityRecognizer) -> None:
    batch = list(recognizer.pipe([SUMMIT, FOLLOW_UP], batch_size=2))
    assert [a.mentions for a in batch] == [
        recognizer.mentions(SUMMIT),
        recognizer.mentions(FOLLOW_UP),
    ]


GOLDEN = Path(__file__).parent.parent / "golden" / "entities"
CASES = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_entities_golden_spans(recognizer: EntityRecognizer, case: Path) -> None:
    """Golden texts: each (mention as written, canonical) must be found, and no mention
    may hold what the case rules out (a line break, a lead-in word, a head noun)."""
    text = case.read_text(encoding="utf-8")
    expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    found = recognizer.annotate(text)
    pairs = {(m.text, m.canonical) for m in found.mentions}
    for written, canonical in expected["must"]:
        assert (written, canonical) in pairs, (written, canonical, sorted(pairs))
    for mention in found.mentions:
        assert text[mention.start : mention.end] == mention.text
        for ruled_out in expected["must_not_contain"]:
            assert ruled_out not in mention.text, (ruled_out, mention.text)
