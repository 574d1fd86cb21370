"""The event extractor looks only at the tokens it may code (verbs and nouns whose lemma is
an action or a light verb): the same events as visiting every token (composed text)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newsdesk.annotate.annotator import Annotator
from newsdesk.annotate.event_countries import CountryMap
from newsdesk.article import Event

TEXTS = [
    "Japanese Prime Minister Sanae Takaichi met South Korean President Lee Jae-myung in Nara "
    "on Tuesday. Lee said the talks went well. The two leaders signed a pact on Jan. 6, a "
    "day after China imposed a ban on seafood from Japan. Beijing condemned the visit.",
    "The European Union announced sanctions against Russia on Monday. Moscow issued a "
    "statement and lodged a protest with Brussels. Germany urged calm; France called for "
    "talks. The summoning of the ambassador by Poland followed.",
    "Nothing happened here. The ferry was late and the harbour was quiet.",
    "",
    "NATO held a summit. The United States criticized Iran. Iran rejected the criticism "
    "and accused Washington of lying. Tokyo welcomed the agreement.",
]


@pytest.fixture(scope="module")
def parts() -> tuple[Any, Any, Any, Any, Any]:
    return Annotator()._load()


def _every_token(extractor: Any, doc: Any, mentions: Any, dates: Any) -> list[Event]:
    """The extractor's loop as it was: every token of every sentence offered to _event."""
    entities = extractor._entities(doc, mentions)
    countries = CountryMap.learn(doc, entities)
    events = []
    for sent in doc.sents:
        sent_dates = [d for d in dates if sent.start_char <= d.start < sent.end_char]
        for token in sent:
            event = extractor._event(token, entities, sent, sent_dates)
            if event is not None:
                event.actor_country = countries.country_of(event.actor)
                event.target_country = countries.country_of(event.target)
                events.append(event)
    return events


def test_events_triggers_give_the_events_of_every_token(parts: Any) -> None:
    pipeline, recognizer, _, normalizer, extractor = parts
    found = 0
    for doc in pipeline.pipe(TEXTS):
        mentions = recognizer.annotate(doc).mentions
        dates = normalizer.find(doc, published=date(2026, 1, 7))
        want = _every_token(extractor, doc, mentions, dates)
        got = extractor.extract(doc, mentions=mentions, dates=dates)
        assert got == want
        assert extractor.extract(doc, dates=dates) == _every_token(extractor, doc, None, dates)
        found += len(got)
    assert found >= 6  # the texts do hold events


def test_events_triggers_are_the_codable_tokens(parts: Any) -> None:
    pipeline, _, _, _, extractor = parts
    doc = pipeline(TEXTS[0])
    coded = [t.i for t in doc if extractor._code(t) is not None]
    triggers = extractor._triggers(doc)
    assert set(coded) <= set(triggers)
    assert triggers == sorted(triggers)
    assert extractor._triggers(pipeline("")) == []
