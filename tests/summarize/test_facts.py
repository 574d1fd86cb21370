"""The facts a sentence states: each count keyed by its governing word in its own clause,
with the span it was counted over and the time it is stated of (sentences composed here)."""

from __future__ import annotations

import pytest

from newsdesk.summarize.facts import facts_in, span_of, time_of
from newsdesk.summarize.text import content_words


def _counts(text: str) -> list[tuple[str, str]]:
    return [(f.key, f.value) for f in facts_in(text, content_words(text)) if f.kind == "count"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one clause, two counts of one event's different kinds
        ("Police said a shooting that wounded three people, killing one, closed the mall.",
         [("number injured", "3")]),
        ("A gunman opened fire at the depot, wounding four people and killing two.",
         [("number injured", "4"), ("death toll", "2")]),
        ("The gunman shot three people, killing one.", []),
        ("Seven people died and 14 were injured when the roof fell in.",
         [("death toll", "7"), ("number injured", "14")]),
        ("Police arrested 12 people, charging five with rioting.", [("number arrested", "12")]),
        ("Police arrested 16 protesters outside the town hall.", [("number arrested", "16")]),
        # a part of a count told after a comma is no count of its own
        ("Of the 23 crew members detained, 12 are reported to be from Marra Island.",
         [("number arrested", "23")]),
        ("He returned after missing four games with a knee injury.", []),
        ("At least 31 people were hurt and 12 arrested.",
         [("number injured", "31"), ("number arrested", "12")]),
    ],
)  # fmt: skip
def test_facts_count_is_keyed_by_its_governing_word(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("46 people were arrested on Wednesday night in the old town.", {"1"}),
        ("Since the shooting, over 50 arrests have been made over four nights of protests.",
         {"4"}),
        ("At least 70 people have been hurt in the riots over the past eight days.", {"8"}),
        ("More than 120 people were arrested in a single night.", {"1*"}),
        ("So far, 24 people have died in the quake.", {"all"}),
        ("The quake killed 24 people in the province.", set()),
    ],
)  # fmt: skip
def test_facts_count_carries_the_span_it_was_counted_over(text: str, span: set[str]) -> None:
    (fact,) = [f for f in facts_in(text, content_words(text)) if f.kind == "count"]
    assert set(fact.span) == span


def test_facts_span_is_read_in_the_numbers_own_clause() -> None:
    text = (
        "The attack on the school, which wounded around 100 people, was the third strike on "
        "a school within two days."
    )
    (fact,) = [f for f in facts_in(text, content_words(text)) if f.kind == "count"]
    assert fact.value == "100" and fact.span == frozenset()
    assert span_of("within two days") == frozenset(["2"])


def test_facts_month_named_alone_is_when_the_sentence_is_stated_of() -> None:
    assert "month:09" in time_of("A quake struck the coast in September, killing seven people.")
    assert not any(
        w.startswith("month:") for w in time_of("The quake struck on September 12, killing 7.")
    )
    assert time_of("Officials said 12 people may be missing.") == frozenset()
