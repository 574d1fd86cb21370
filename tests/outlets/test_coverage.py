"""Coverage of a story and perspectives by group."""

from __future__ import annotations

from datetime import datetime

from newsdesk.article import Article
from newsdesk.outlets.coverage import CoverageGroup, story_coverage
from newsdesk.outlets.perspectives import story_perspectives
from newsdesk.outlets.registry import OutletRegistry
from newsdesk.serialize import coverage_json, perspectives_from_json, perspectives_json

REGISTRY = OutletRegistry.bundled()


def _a(aid: str, outlet: str, text: str, hour: int, language: str = "en") -> Article:
    return Article(
        id=aid,
        source=aid,
        format="text",
        raw=text,
        text=text,
        outlet=outlet,
        language=language,
        published=datetime(2026, 1, 13, hour),
    )


SUMMIT = "Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae-myung in Nara."
MEMBERS = [
    _a("jp1", "NHK", SUMMIT + " The two leaders agreed to meet again within the year.", 9, "ja"),
    _a("jp2", "The Asahi Shimbun", SUMMIT + " Officials in Tokyo called the talks warm.", 10),
    _a(
        "cn1",
        "Global Times",
        SUMMIT + " Chinese analysts said 400 executives travelled to Beijing instead.",
        8,
    ),
    _a("cn2", "Xinhua News Agency", SUMMIT + " Beijing warned Tokyo over its Taiwan remarks.", 11),
]


def test_coverage_counts_articles_by_country_language_and_kind() -> None:
    coverage = story_coverage(MEMBERS, REGISTRY)
    by_country = {c["code"]: c["count"] for c in coverage["countries"]}
    assert by_country == {"JP": 2, "CN": 2}
    kinds = {k["kind"]: k["articles"] for k in coverage["kinds"]}
    assert sorted(kinds["state"]) == ["cn1", "cn2"]
    assert {c["code"] for c in coverage["languages"]} == {"en", "ja"}
    assert coverage["first"]["outlet"] == "Global Times"
    assert [f["country"] for f in coverage["first_by_country"]] == ["CN", "JP"]


def test_coverage_unregistered_outlet_counts_as_unknown() -> None:
    coverage = story_coverage([_a("x1", "Northgate Wire", SUMMIT, 9)], REGISTRY)
    assert coverage.countries == [
        CoverageGroup(code=None, name="unknown", count=1, articles=["x1"])
    ]
    assert coverage_json(coverage)["countries"] == [
        {"code": None, "name": "unknown", "count": 1, "articles": ["x1"]}
    ]


def test_perspectives_group_by_country_and_label_what_only_one_group_says() -> None:
    found = story_perspectives(MEMBERS, {}, REGISTRY)
    assert found["by"] == "country"
    labels = {g["key"]: g["label"] for g in found["groups"]}
    assert labels == {"JP": "Japanese outlets", "CN": "Chinese state media"}
    only = {o["label"]: o["facts"] for o in found["only_in"]}
    assert only, found
    for facts in only.values():
        assert all(f["sources"] for f in facts)  # every sentence cites its articles
    chinese = " ".join(f["text"] for f in only.get("Chinese state media", []))
    assert "400 executives" in chinese or "Taiwan" in chinese


def test_perspectives_one_country_is_one_group() -> None:
    us = [_a("t", "TIME", SUMMIT, 9), _a("f", "Foreign Policy", SUMMIT, 10)]
    found = story_perspectives(us, {}, REGISTRY)
    assert found["by"] == "country"
    assert [(g["label"], g["outlets"]) for g in found["groups"]] == [
        ("US outlets", ["TIME", "Foreign Policy"])
    ]
    assert found["only_in"] == [] and found["disagreements"] == []


def test_perspectives_one_known_country_and_unknown_outlets_compare_nothing() -> None:
    """Outlets of one country beside outlets the registry does not know are no two
    perspectives: "Only outlets of unknown origin: …" says nothing a reader can use (the
    story's "Only in" already names each outlet's own facts)."""
    members = [
        _a("t", "TIME", SUMMIT + " The two leaders agreed to meet again within the year.", 9),
        _a("w", "Northgate Wire", SUMMIT + " Officials in Tokyo called the talks warm.", 10),
    ]
    found = story_perspectives(members, {}, REGISTRY)
    assert {g["label"] for g in found["groups"]} == {"US outlets", "outlets of unknown origin"}
    assert found["only_in"] == [] and found["disagreements"] == []


def test_coverage_json_keeps_the_contract_field_names() -> None:
    shown = coverage_json(story_coverage(MEMBERS, REGISTRY))
    assert shown is not None
    assert list(shown) == [
        "articles", "countries", "languages", "kinds", "outlets", "first", "first_by_country",
    ]  # fmt: skip
    assert list(shown["countries"][0]) == ["code", "name", "count", "articles"]
    assert list(shown["kinds"][0]) == ["kind", "name", "count", "articles"]  # a kind's code
    assert list(shown["outlets"][0]) == [
        "name", "registered", "country", "kind", "carrier", "articles",
    ]  # fmt: skip
    assert shown["first"] == {
        "article_id": "cn1",
        "outlet": "Global Times",
        "country": "CN",
        "kind": "state",
        "published": "2026-01-13T08:00:00",
    }


def test_perspectives_json_keeps_the_contract_field_names_and_reads_archived_json() -> None:
    found = story_perspectives(MEMBERS, {}, REGISTRY)
    shown = perspectives_json(found)
    assert shown is not None
    assert list(shown) == ["by", "groups", "only_in", "disagreements"]
    assert list(shown["groups"][0]) == ["key", "label", "articles", "outlets"]
    assert list(shown["only_in"][0]) == ["group", "label", "facts"]
    assert list(shown["only_in"][0]["facts"][0]) == ["text", "sources"]
    assert perspectives_from_json(shown) == found  # read back typed from an archived brief
    assert perspectives_json(None) is None and perspectives_from_json(None) is None
