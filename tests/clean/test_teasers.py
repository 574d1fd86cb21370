"""Teaser headlines (newsdesk.clean.teasers), on titles composed for the test."""

from __future__ import annotations

import pytest

from newsdesk.clean.teasers import teaser_marks


@pytest.mark.parametrize(
    "title",
    [
        "Mayor Just Revealed Who She Would Appoint As Chief – It Might Surprise You",
        "After The Vote, The Senator Said The 7 Words Everyone Was Thinking",
        "Governor Hears About The Tax Plan, Launches 3-Word Warning To The Council",
        "Look How The Coach Fired Back After Losing The Final",
        "BOOM: Candidate Sends Message To Rival She Never Saw Coming",
        "The Minister Did Something Odd At The Summit – And Reporters Noticed",
        "The Club Just Made A Move Against Its Owner… There’s More.",
        "This Stunning Detail Was Left Out Of The Report",
        "Here’s Why The Port Strike Could Last All Winter",
        "The Chancellor Gave Some Advice You’d Be Foolish To Ignore",
    ],
)
def test_teasers_a_title_withholding_its_news_carries_marks(title: str) -> None:
    assert teaser_marks(title)


@pytest.mark.parametrize(
    "title",
    [
        "Port strike enters third week as talks stall",
        "Council Approves Budget After Late-Night Session",
        "Mayor: ‘You Don’t Fix A City By Counting Votes You Won’",
        "Minister says 'you cannot ignore this' as floods spread",
        "Senate passes just one of three spending bills",
        "Rail Union Calls Off Strike",
        "",
    ],
)
def test_teasers_a_title_telling_its_news_carries_none(title: str) -> None:
    assert teaser_marks(title) == ()
