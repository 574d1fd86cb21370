"""Name-variant merging: golden mention lists -> canonical groups, and merging laws."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.annotate.names import NameIndex, name_key, split_title
from newsdesk.article import Mention

GOLDEN = Path(__file__).parent.parent / "golden" / "names"
CASES = sorted(GOLDEN.glob("*.json"))


def _groups(index: NameIndex, mentions: list[tuple[str, str]]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for text, kind in mentions:
        groups.setdefault(index.resolve(text, kind), set()).add(text)
    return groups


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_names_golden_groups(case: Path) -> None:
    expected = json.loads(case.read_text(encoding="utf-8"))
    mentions = [(text, kind) for text, kind in expected["mentions"]]
    index = NameIndex()
    for text, kind in mentions:
        index.add(text, kind)
    groups = _groups(index, mentions)
    for entity in expected["entities"]:
        assert groups.get(entity["name"]) == set(entity["members"]), entity["name"]
        canonical, kind = index.lookup(entity["members"][-1], dict(mentions)[entity["members"][-1]])
        assert (canonical, kind) == (entity["name"], entity["type"])
    assert len(groups) == len(expected["entities"])


def test_names_golden_cases_exist() -> None:
    assert len(CASES) >= 4


def test_names_key_unifies_case_hyphens_and_diacritics() -> None:
    assert name_key("Lee Jae-Myung") == name_key("lee jae myung") == ("lee", "jae", "myung")
    assert name_key("Kōji Tanabe") == name_key("Koji Tanabe")
    assert name_key("Boeing Co.", "ORG") == name_key("Boeing", "ORG")


def test_names_an_occupation_before_a_full_name_is_a_role() -> None:
    """A trade set capitalised at the head of a sentence before a full name ("Filmmaker Jack
    Marino said …", "Moderator Hugh Hewitt", "Founder Beverly Bond") is the person's role,
    not a given name; before a single word it is left as written ("Host Hotels")."""
    assert split_title("Filmmaker Mara Quint") == ("Mara Quint", ["Filmmaker"])
    assert split_title("Moderator Ivo Berg") == ("Ivo Berg", ["Moderator"])
    assert split_title("Founder Ana H. Ruiz") == ("Ana H. Ruiz", ["Founder"])
    assert split_title("Host Hotels") == ("Host Hotels", [])
    assert split_title("Novelist Lena", "PERSON") == ("Novelist Lena", [])
    assert split_title("Producer Price Index", "ORG") == ("Producer Price Index", [])


def test_names_split_title_keeps_titles_as_roles() -> None:
    assert split_title("Prime Minister Sanae Takaichi’s") == ("Sanae Takaichi", ["Prime Minister"])
    assert split_title("Dr. Ines Moretti") == ("Ines Moretti", ["Dr."])
    assert split_title("President") == ("President", [])
    assert split_title("General Motors", "ORG") == ("General Motors", [])


def test_names_entities_carry_aliases_roles_country_and_counts() -> None:
    index = NameIndex()
    index.add(Mention("Lee Jae-myung", "PERSON", 0, 13), roles=["South Korean President"])
    index.add("President Lee", "PERSON")
    index.add("Lee", "GPE")
    index.add("Sanae Takaichi", "PERSON", roles=["Japanese Prime Minister"])
    people = {e.name: e for e in index.entities()}
    lee = people["Lee Jae-myung"]
    assert lee.type == "PERSON"
    assert lee.mentions == 3
    assert lee.aliases == ["Lee", "President Lee"]
    assert lee.roles == ["South Korean President"]
    assert lee.country == "South Korea"
    assert people["Sanae Takaichi"].country == "Japan"


def test_names_story_index_resolves_surname_seen_in_another_article() -> None:
    first, second, story = NameIndex(), NameIndex(), NameIndex()
    first.add("Xi Jinping", "PERSON")
    second.add("Xi", "PERSON")
    assert second.resolve("Xi") == "Xi"
    story.update(first)
    story.update(second)
    assert story.resolve("Xi") == "Xi Jinping"
    assert story.resolve("President Xi") == "Xi Jinping"


def test_names_place_votes_after_the_full_name_are_a_surnames() -> None:
    """A surname spaCy typed a place each time, written after the full name it refers back
    to, is the person's; the same votes with nothing to say where they were written are a
    place's of its own, more than one tag of a person outweighs."""
    for after_full, expected in [(True, ("Tarek Belhadj", "PERSON")), (False, ("Belhadj", "GPE"))]:
        index = NameIndex()
        index.add("Tarek Belhadj", "PERSON")
        index.add("Belhadj", "GPE", count=3, after_full=after_full)
        assert index.lookup("Belhadj", "GPE") == expected


def test_names_canonical_prefers_most_frequent_proper_case_spelling() -> None:
    index = NameIndex()
    for text in ["LEE JAE-MYUNG", "Lee Jae-myung", "Lee Jae-myung", "Lee Jae-Myung"]:
        index.add(text, "PERSON")
    assert index.resolve("lee jae myung") == "Lee Jae-myung"


NAMES = st.sampled_from(
    [
        ("Lee Jae-Myung", "PERSON"),
        ("Lee Jae-myung", "PERSON"),
        ("Lee", "PERSON"),
        ("Lee", "ORG"),
        ("President Lee", "PERSON"),
        ("Li Hao", "PERSON"),
        ("Li", "PERSON"),
        ("Xi", "PERSON"),
        ("Xi Jinping", "PERSON"),
        ("Takaichi", "ORG"),
        ("Sanae Takaichi", "PERSON"),
        ("Mara Okonkwo", "PERSON"),
        ("Okonkwo", "PERSON"),
        ("Daniel Okonkwo", "PERSON"),
        ("Harbor Freight Lines Inc.", "ORG"),
        ("HFL", "ORG"),
        ("Nara", "PERSON"),
        ("U.S.", "GPE"),
        ("United States", "GPE"),
    ]
)


@settings(max_examples=60, deadline=None)
@given(names=st.lists(NAMES, min_size=1, max_size=14), data=st.data())
def test_names_merging_is_order_independent(
    names: list[tuple[str, str]], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(names))
    forward, backward = NameIndex(), NameIndex()
    for text, kind in names:
        forward.add(text, kind)
    for text, kind in shuffled:
        backward.add(text, kind)
    assert forward.entities() == backward.entities()
    assert [forward.lookup(t, k) for t, k in names] == [backward.lookup(t, k) for t, k in names]


def test_names_a_name_with_no_words_resolves_without_recursion() -> None:
    from newsdesk.annotate.names import NameIndex, is_name

    index = NameIndex()
    index.add("Lee Jae-myung", "PERSON")
    for text in ("’’", "''", "...", "’", " ", "“”"):
        assert not is_name(text)
        assert index.resolve(text, "PERSON") == text.strip()
        index.add(text, "PERSON")
    assert [e.name for e in index.entities()] == ["Lee Jae-myung"]
    assert index.resolve("Lee") == "Lee Jae-myung"
