"""A brief never lists one sentence twice in a story: a perspective fact that "Only in"
already shows is left out of Perspectives (a group of one outlet carries that outlet's own
facts); disagreements between groups stay."""

from __future__ import annotations

from newsdesk.outlets.perspectives import (
    GroupDisagreement,
    GroupFact,
    GroupFacts,
    GroupValue,
    Perspectives,
)
from newsdesk.publish.brief import BriefStory, unrepeated
from newsdesk.summarize.reading import SingleSourceFacts

SHOWN = "City engineer Marta Olsen said repairs would cost about 4.2 million dollars."
OTHER = "The ferry crossing at Dunmore Quay will run every twenty minutes, the board said."


def _story() -> BriefStory:
    return BriefStory("s1", "Bridge shut", [], [], only_in=[SingleSourceFacts("a1", [SHOWN])])


def _perspectives(*, disagree: bool) -> Perspectives:
    return Perspectives(
        by="country",
        only_in=[
            GroupFacts("GB", "British outlets", [GroupFact(SHOWN.replace(" ", "  ", 1), ["a1"])]),
            GroupFacts("JP", "Japanese outlets", [GroupFact(OTHER, ["a2"])]),
        ],
        disagreements=[
            GroupDisagreement("cost", [GroupValue("GB", "British outlets", "4.2", ["a1"])])
        ]
        if disagree
        else [],
    )


def test_brief_perspectives_unrepeated_drops_facts_only_in_shows() -> None:
    left = unrepeated(_perspectives(disagree=True), _story())
    assert left is not None
    texts = [f.text for group in left.only_in for f in group.facts]
    assert texts == [OTHER]
    assert [g.label for g in left.only_in] == ["Japanese outlets"]
    assert left.disagreements  # a disagreement between groups is still shown


def test_brief_perspectives_unrepeated_is_none_when_nothing_new() -> None:
    story = _story()
    story.only_in.append(SingleSourceFacts("a2", [OTHER]))
    assert unrepeated(_perspectives(disagree=False), story) is None
    assert unrepeated(None, story) is None
