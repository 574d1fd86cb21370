"""Perspectives' disagreements are about one fact: a group of outlets that itself gives two
values of a count (the whole toll and the toll of one part) takes no side, and a toll of
another year is not this event's."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.article import Article
from newsdesk.outlets.perspectives import story_perspectives
from newsdesk.outlets.registry import OutletRegistry

T0 = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)


def _article(name: str, host: str, text: str) -> Article:
    outlet = OutletRegistry.bundled().by_host(host)
    assert outlet is not None, host
    return Article(source=name, format="text", raw=text, text=text, id=name, outlet=outlet.name,
                   url=f"https://{host}/news/{name}", published=T0)  # fmt: skip


def _disputed(texts: dict[tuple[str, str], str]) -> list[tuple[str, list[str]]]:
    members = [_article(name, host, text) for (name, host), text in texts.items()]
    found = story_perspectives(members, {}, OutletRegistry.bundled())
    assert found.by == "country"
    return [(d.about, sorted(v.value for v in d.values)) for d in found.disagreements]


def test_disagreements_one_toll_told_differently_is_shown() -> None:
    found = _disputed({
        ("jp1", "www3.nhk.or.jp"): "At least 12 people died when the ferry Tsubaki Maru sank"
        " off the Goto Islands on Tuesday, the coast guard said.",
        ("cn1", "english.news.cn"): "At least 19 people died when the ferry Tsubaki Maru sank"
        " off the Goto Islands on Tuesday, the coast guard said.",
    })  # fmt: skip
    assert found == [("death toll", ["12", "19"])]


def test_disagreements_a_group_giving_both_values_takes_no_side() -> None:
    found = _disputed({
        ("jp1", "www3.nhk.or.jp"): "At least 12 people died when the ferry Tsubaki Maru sank"
        " off the Goto Islands on Tuesday, the coast guard said.",
        ("jp2", "www.asahi.com"): "At least 19 people died when the ferry Tsubaki Maru sank"
        " off the Goto Islands on Tuesday, the coast guard said.",
        ("cn1", "english.news.cn"): "At least 19 people died when the ferry Tsubaki Maru sank"
        " off the Goto Islands on Tuesday, the coast guard said.",
    })  # fmt: skip
    assert found == []  # the Japanese outlets give 12 and 19: no side to take


def test_disagreements_a_toll_of_another_year_is_not_this_event() -> None:
    found = _disputed({
        ("jp1", "www3.nhk.or.jp"): "At least 12 people died when the ferry Tsubaki Maru sank"
        " off the Goto Islands on Tuesday, the coast guard said.",
        ("cn1", "english.news.cn"): "In 2014 at least 300 people died when the ferry Tsubaki Maru sank"
        " off the Goto Islands on a Tuesday, the coast guard said.",
    })  # fmt: skip
    assert found == []
