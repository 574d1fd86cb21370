"""Newsletter topics that select by region."""

from __future__ import annotations

from datetime import date

from newsdesk.mail.compose import select_stories
from newsdesk.publish.brief import Brief, BriefSource, BriefStory


def _story(sid: str, outlet: str) -> BriefStory:
    source = BriefSource(article_id=sid, outlet=outlet, title="t", url=None, published=None)
    return BriefStory(story_id=sid, headline=f"Story {sid}", summary=[], sources=[source])


def test_regions_newsletter_topic_selects_stories_a_countrys_outlets_covered() -> None:
    brief = Brief(
        date=date(2026, 1, 13),
        intro="",
        stories=[_story("a", "NHK"), _story("b", "Xinhua News Agency"), _story("c", "TIME")],
    )
    assert [s.story_id for s in select_stories(brief, ("region:JP",))] == ["a"]
    assert [s.story_id for s in select_stories(brief, ("region:cn", "region:US"))] == ["b", "c"]
    assert select_stories(brief, ("region:KR",)) == []
