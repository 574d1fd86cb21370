"""Event extraction on short hand-made sentences (fictional, seed-like)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from newsdesk.annotate.events import EventExtractor, country_relations, timeline
from newsdesk.article import Event, Mention

PUBLISHED = datetime(2026, 1, 13)  # a Tuesday


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsdesk.annotate.nlp import load

    return load()


@pytest.fixture(scope="module")
def extractor(nlp: Any) -> EventExtractor:
    return EventExtractor(nlp=nlp)


def _events(extractor: EventExtractor, text: str, **kw: Any) -> list[Event]:
    return extractor.extract(text, published=kw.pop("published", PUBLISHED), **kw)


def _one(events: list[Event], code: str) -> Event:
    found = [e for e in events if e.code == code]
    assert len(found) == 1, [(e.code, e.actor, e.target) for e in events]
    return found[0]


def test_events_export_ban_is_a_dated_sanction(extractor: EventExtractor) -> None:
    text = (
        "On Jan. 8, a day after the talks collapsed, China announced a ban on the export "
        "of rare earth magnets to Japan."
    )
    event = _one(_events(extractor, text), "sanction")
    assert (event.actor, event.target, event.date) == ("China", "Japan", "2026-01-08")
    assert (event.actor_country, event.target_country) == ("China", "Japan")


def test_events_summit_roles_give_countries(extractor: EventExtractor) -> None:
    text = (
        "Japanese Prime Minister Sanae Takaichi met with South Korean President Lee Jae-myung "
        "on Tuesday in Kyoto. Takaichi praised Lee for his candour."
    )
    events = _events(extractor, text)
    meet = _one(events, "meet")
    assert meet.date == "2026-01-13"
    assert (meet.actor_country, meet.target_country) == ("Japan", "South Korea")
    praise = _one(events, "cooperate")
    assert praise.actor_country == "Japan"  # learned from "Japanese Prime Minister"


def test_events_publication_date_alone_does_not_date_an_event(
    extractor: EventExtractor,
) -> None:
    event = _one(_events(extractor, "Beijing condemned Tokyo over the remarks."), "protest")
    assert (event.actor_country, event.target_country) == ("China", "Japan")
    assert event.date is None


def test_events_summoning_an_ambassador(extractor: EventExtractor) -> None:
    text = "Seoul summoned Japan's ambassador on Monday to protest the visit."
    event = _one(_events(extractor, text), "expel")
    assert (event.actor, event.target_country, event.date) == ("Seoul", "Japan", "2026-01-12")


def test_events_need_an_entity_actor(extractor: EventExtractor) -> None:
    assert _events(extractor, "The committee rejected the proposal on Friday.") == []


def test_events_since_does_not_date_an_event(extractor: EventExtractor) -> None:
    event = _one(_events(extractor, "Lee visited China for the first time since 2019."), "meet")
    assert event.date is None


def test_events_take_canonical_names_from_mentions(extractor: EventExtractor, nlp: Any) -> None:
    text = "Takaichi met Lee in Nara on Tuesday."
    doc = nlp(text)
    mentions = [
        Mention("Takaichi", "PERSON", 0, 8, canonical="Sanae Takaichi"),
        Mention("Lee", "PERSON", 13, 16, canonical="Lee Jae-myung"),
    ]
    event = _one(extractor.extract(doc, mentions=mentions, published=PUBLISHED), "meet")
    assert (event.actor, event.target) == ("Sanae Takaichi", "Lee Jae-myung")


def test_events_timeline_and_relations() -> None:
    events = [
        Event(
            "met",
            "meet",
            "s",
            "A",
            "B",
            "2026-01-13",
            actor_country="Japan",
            target_country="South Korea",
        ),
        Event("said", "statement", "s", "C", None, None, actor_country="China"),
        Event(
            "banned",
            "sanction",
            "s",
            "China",
            "Japan",
            "2026-01-06",
            actor_country="China",
            target_country="Japan",
        ),
        Event(
            "summoned",
            "expel",
            "s",
            "Beijing",
            "Japan",
            None,
            actor_country="China",
            target_country="Japan",
        ),
    ]
    assert [e.date for e in timeline(events)] == ["2026-01-06", "2026-01-13"]
    assert country_relations(events) == {
        ("Japan", "South Korea"): [("2026-01-13", "meet")],
        ("China", "Japan"): [("2026-01-06", "sanction"), (None, "expel")],
    }


def test_events_a_counted_length_dates_by_the_day_it_lands_on(extractor: EventExtractor) -> None:
    # "Three days later" is TIMEX3's P3D; the sanction happened on the day it lands on
    text = (
        "Japan summoned China's ambassador on Monday. Three days later, China announced a ban "
        "on the export of rare earth magnets to Japan."
    )
    event = _one(_events(extractor, text), "sanction")
    assert (event.actor, event.date) == ("China", "2026-01-15")


def test_events_sentence_never_runs_across_a_line_break(extractor: EventExtractor) -> None:
    """The parser runs a heading into its paragraph's first sentence, and a closing mark
    into the next paragraph; an event shows the outlet's own sentence, on its own line."""
    text = (
        "The envoy said the aid was never linked to any inquiry, as the record released "
        'on March 3, 2026 shows."\nJapan later said it would have objected to a ban on '
        "exports to China.\n\nExport curbs and mixed signals\n"
        '"China imposed a ban on exports to Japan on Jan. 8, and we protested at once," '
        "Tanaka said."
    )
    sentences = [e.sentence for e in _events(extractor, text)]
    assert "Japan later said it would have objected to a ban on exports to China." in sentences
    assert any(s and s.startswith('"China imposed a ban') for s in sentences), sentences
    assert not [s for s in sentences if s and ("\n" in s or s.startswith('"\n'))]


@pytest.mark.parametrize("mark", ['"', "”"])
def test_events_sentence_keeps_the_closing_mark_of_its_last_quoted_word(
    nlp: Any, mark: str
) -> None:
    """A paragraph ending in a quoted word, the next opening with a quotation: the parser
    may give the closing mark to the next sentence ('calling it "absurd.' | '"\\n\\n"The
    idea…'); the timeline would show the quotation never closed."""
    from newsdesk.annotate.events import _line_sentences

    opening = "“" if mark == "”" else '"'
    first = (
        f"The opposition leader condemned the mayor's plan for a {opening}harbour tax{mark} "
        f"on Wednesday, calling it {opening}absurd.{mark}"
    )
    second = f"{opening}The idea of taxing every ferry ticket is unfair,{mark} she said."
    doc = nlp.make_doc(f"{first}\n\n{second}")
    cut = next(t.i for t in doc if t.text == "." and t.nbor(1).text == mark)
    for token in doc:
        token.is_sent_start = token.i in (0, cut + 1)  # the mark opens the next sentence
    assert [s.text for s in _line_sentences(doc)] == [first, second]
    spaced = nlp.make_doc('He said no. "Then we go," she said.')  # a mark after a space opens
    opens = next(t.i for t in spaced if t.text == '"')
    for token in spaced:
        token.is_sent_start = token.i in (0, opens)
    assert [s.text for s in _line_sentences(spaced)] == ["He said no.", '"Then we go," she said.']
