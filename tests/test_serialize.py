"""The JSON shapes users script against: ``brief --format json``, ``story --json`` and
``stories --json`` keep every field name, whatever types carry the reading inside."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.article import Annotations, Article
from newsdesk.publish import build_brief, render
from newsdesk.serialize import story_full, story_row
from newsdesk.store import SqliteStore
from newsdesk.storyview import understand_story

DAY = date(2026, 3, 12)
HARBOUR = (
    "A passenger ferry ran aground in thick fog at Brannock Harbour early on Thursday, "
    "injuring 31 people, port officials said. All 386 people on board were brought ashore "
    "by lifeboats before noon. The harbour master said: “We brought every passenger ashore "
    "before noon, all of them safe and dry.” The Maritime Safety Board will hold a public "
    "hearing on March 20 into the grounding."
)
QUAYSIDE = (
    "The ferry ran aground in thick fog at Brannock Harbour on Thursday morning, injuring 27 "
    "people. All 386 people on board were brought ashore by lifeboats before noon. The ship "
    "reported a radar fault ten minutes before the grounding, its owner Calder Lines confirmed."
)


def _shape(value: Any) -> Any:
    """Field names all the way down (a list by its first item), leaves by kind."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return "leaf"


def _store(path: Path) -> SqliteStore:
    store = SqliteStore(path)
    t0 = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    rows = [("h1", "Northgate Wire", HARBOUR, 0), ("h2", "The Meridian Post", QUAYSIDE, 2)]
    store.articles.add_source("test", [
        Article(source=k, format="text", raw=t, text=t, id=k, outlet=o, title=f"Ferry {k}",
                url=f"https://example.com/{k}", published=t0 + timedelta(hours=h))
        for k, o, t, h in rows
    ])  # fmt: skip
    store.stories.save_assignments(features=[], assignments={"h1": "s-ferry", "h2": "s-ferry"},
                           merges=[], titles={"s-ferry": "Ferry aground"})  # fmt: skip
    store.annotations.save_annotations([("h1", Annotations()), ("h2", Annotations())])
    return store


def test_serialize_brief_json_keeps_every_reading_field_name(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        data = json.loads(render(build_brief(store, DAY), "json"))
    story = data["stories"][0]
    assert set(data) >= {"date", "intro", "stories", "coming_up", "blindspots"}
    assert set(story) >= {"id", "headline", "summary", "quote", "timeline", "only_in",
                          "only_in_more", "conflicts", "perspectives", "since_last", "sources",
                          "score"}  # fmt: skip
    assert _shape(story["summary"]) == [{"sources": ["leaf"], "text": "leaf"}]
    assert _shape(story["only_in"]) == [{"article_id": "leaf", "facts": ["leaf"]}]
    assert _shape(story["conflicts"]) == [
        {"about": "leaf", "values": [{"article_id": "leaf", "value": "leaf"}]}
    ]
    assert {"about": "number injured", "values": [{"value": "31", "article_id": "h1"},
            {"value": "27", "article_id": "h2"}]} in story["conflicts"]  # fmt: skip


def test_serialize_story_json_keeps_every_reading_field_name(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        row = store.stories.story("s-ferry")
        assert row is not None
        members = [a for i in row.articles if (a := store.articles.article(i))]
        data = json.loads(json.dumps(story_full(row, members, understand_story(store, members))))
        listed = json.loads(json.dumps([story_row(r) for r in store.stories.stories()]))
    assert set(data) >= {"id", "title", "articles", "entities", "quotes", "events", "summary",
                         "only_in", "conflicts", "coverage", "perspectives"}  # fmt: skip
    assert _shape(data["summary"]) == [{"sources": ["leaf"], "text": "leaf"}]
    assert _shape(data["only_in"]) == [{"article_id": "leaf", "facts": ["leaf"]}]
    assert _shape(data["conflicts"]) == [
        {"about": "leaf", "values": [{"article_id": "leaf", "value": "leaf"}]}
    ]
    assert all(s["sources"] for s in data["summary"])
    assert set(listed[0]) == {"id", "title", "articles", "outlets", "first_seen", "last_seen",
                              "article_count", "outlet_count"}  # fmt: skip


def test_serialize_reading_reads_back_from_its_json() -> None:
    from newsdesk.serialize import (
        conflicts_from_json,
        conflicts_json,
        only_in_from_json,
        only_in_json,
    )
    from newsdesk.summarize import Conflict, ConflictValue, FactGloss, SingleSourceFacts

    only_in = [
        SingleSourceFacts("a1", ["Rescue boats pulled 187 survivors from the water."]),
        SingleSourceFacts("k1", ["서울에서 회담이 열렸다."], language="ko",
                          english=[FactGloss(["Seoul"], ["2026-03-10"])]),
    ]  # fmt: skip
    conflicts = [
        Conflict("death toll", [ConflictValue("12", "a1"), ConflictValue("15", "a2")]),
        Conflict("quote wording", [ConflictValue("40 boats", "a1"), ConflictValue("60 boats", "a2")],
                 speaker="Ada Brennan"),
    ]  # fmt: skip
    shown = json.loads(json.dumps(only_in_json(only_in)))
    assert shown[0] == {"article_id": "a1", "facts": only_in[0].facts}
    assert shown[1]["english"] == [{"names": ["Seoul"], "dates": ["2026-03-10"]}]
    assert only_in_from_json(shown) == only_in
    told = json.loads(json.dumps(conflicts_json(conflicts)))
    assert "speaker" not in told[0] and told[1]["speaker"] == "Ada Brennan"
    assert conflicts_from_json(told) == conflicts


def test_serialize_story_notes_and_entity_views_keep_their_field_names() -> None:
    from newsdesk.annotate.views import story_understanding
    from newsdesk.article import Entity, Event, Mention, Quote
    from newsdesk.serialize import entity_json, event_json, quote_json

    text = "Ada Brennan said the ferry was safe. Brennan thanked the crew."
    article = Article(source="a1", format="text", raw=text, text=text, id="a1", outlet="Wire")
    notes = Annotations(
        entities=[Mention("Ada Brennan", "PERSON", 0, 11), Mention("Brennan", "PERSON", 37, 44)],
        quotes=[
            Quote("the ferry was safe", 20, 38, speaker="Brennan", cue="said", kind="indirect")
        ],
        events=[
            Event("thanked", "cooperate", text, actor="Brennan", target="crew", date="2026-03-12")
        ],
        named=[Entity("Ada Brennan", "PERSON", ["Brennan"], mentions=2)],
    )
    found = story_understanding([article], {"a1": notes})
    assert [quote_json(q) for q in found.quotes] == [
        {"speaker": "Ada Brennan", "text": "the ferry was safe", "article_id": "a1",
         "kind": "indirect", "cue": "said"}
    ]  # fmt: skip
    assert list(event_json(found.events[0])) == [
        "date", "actor", "action", "target", "article_id", "code", "sentence",
    ]  # fmt: skip
    shown = entity_json(found.entities[0])
    assert list(shown) == ["name", "type", "aliases", "mentions", "roles", "country"]
    assert shown["name"] == "Ada Brennan" and "Ada Brennan" not in shown["aliases"]
    assert found.quotes[0]["speaker"] == "Ada Brennan"  # older readers index by key


def test_serialize_relations_keep_from_and_to() -> None:
    from newsdesk.annotate.views import CountryRelation, RelationEvent
    from newsdesk.serialize import relations_json

    pair = CountryRelation("JP", "KR", [RelationEvent("2026-01-13", "040", "Tokyo", "met",
                                                      "Seoul", "a1")])  # fmt: skip
    assert relations_json([pair]) == [
        {"from": "JP", "to": "KR", "events": [
            {"date": "2026-01-13", "code": "040", "actor": "Tokyo", "action": "met",
             "target": "Seoul", "article_id": "a1"}]}
    ]  # fmt: skip
    assert pair["from"] == "JP" and pair["to"] == "KR"  # the terminal reads them by key


def test_story_json_summary_does_not_repeat_the_story_title(tmp_path: Path, cli: Any) -> None:
    """The story's title is shown above its summary (`story`, the story page, the API), so
    a member whose text opens with that headline as a sentence does not give it again as
    the summary's first line (a sentence-case headline: not caught as a Title Case one)."""
    headline = (
        "Report: Half the harbour's ferries failed their checks; operator says list cherry-picked."
    )
    text = f"{headline}\n\n{HARBOUR}"
    store = SqliteStore(tmp_path / "cli.db")
    store.articles.add_source("test", [
        Article(source="r", format="text", raw=text, text=text, id="r1", outlet="Northgate Wire",
                title=headline.rstrip("."), published=datetime(2026, 3, 12, 8, 0, tzinfo=UTC))
    ])  # fmt: skip
    store.stories.save_assignments(features=[], assignments={"r1": "s-r"}, merges=[],
                                   titles={"s-r": headline.rstrip(".")})  # fmt: skip
    store.annotations.save_annotations([("r1", Annotations())])
    store.close()
    data = json.loads(cli("story", "s-r", "--json").stdout)
    assert data["summary"] and all(not s["text"].startswith("Report:") for s in data["summary"])
    assert any("ran aground" in s["text"] for s in data["summary"])
