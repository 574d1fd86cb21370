"""Who did what to whom, and when: actor–action–target events from the dependency parse.

For each verb (or nominal trigger: "a ban on", "the summoning of") whose lemma is in the action
list (``data/events_actions.json``, a small CAMEO/PLOVER-like set), the actor is the subject (or
the "by"/"from" phrase) and the target the object or a prepositional object. An event is kept
when its actor — and its target, where it has one — is a PERSON, ORG, GPE or NORP entity: the
canonical mentions from the entities stage when given, else spaCy's ``doc.ents``. The date comes
from a date expression in the same sentence; the publication date alone never dates an event.
Actors and targets are mapped to countries (``data/events_countries.json``, and roles read in
the article: "Japanese Prime Minister Sanae Takaichi" makes Takaichi Japanese).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

import numpy

from newsdesk.annotate.date_calendar import add_days
from newsdesk.annotate.event_countries import CountryMap
from newsdesk.annotate.nlp import doc_text
from newsdesk.article import Event, Mention, TimeExpression
from newsdesk.timex import point

__all__ = ["EventExtractor", "country_relations", "timeline"]

_SINCE = re.compile(r"\b(?:since|until|till)\s+(?:early\s+|late\s+|mid-?)?$", re.I)
_UNIT_DAYS = {"day": 1, "week": 7}
_CALENDAR = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d|-Q\d)?")
_LEMMA_MEMO = 200_000  # (part of speech, lemma) outcomes remembered by the trigger filter


@cache
def actions() -> dict[str, Any]:
    text = resources.files("newsdesk.annotate").joinpath("data/events_actions.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True, slots=True)
class _Entity:
    name: str  # canonical
    type: str
    start: int
    end: int


class EventExtractor:
    """Finds coded events in a parsed document (a spaCy Doc with parser and NER)."""

    def __init__(self, *, nlp: Any | None = None, dates: Any | None = None) -> None:
        self._nlp = nlp
        self._dates = dates  # a DateNormalizer, made on first use when dates are not given
        lx = actions()
        self._verbs: dict[str, str] = lx["verbs"]
        self._nouns: dict[str, str] = lx["nouns"]
        self._light = set(lx["light_verbs"])
        self._types = set(lx["actor_types"])
        self._verb_words = self._light | set(self._verbs)  # a verb _code may code
        self._lemma_memo: dict[tuple[int, int], bool] = {}

    def extract(
        self,
        doc: Any,
        *,
        mentions: Sequence[Mention] | None = None,
        dates: Sequence[TimeExpression] | None = None,
        published: datetime | date | None = None,
    ) -> list[Event]:
        """The events of ``doc`` in text order.

        ``mentions`` are canonical entity mentions (character offsets into ``doc_text(doc)``);
        without them spaCy's entities are used. ``dates`` are the article's normalised
        expressions; without them they are found here against ``published``.
        """
        if isinstance(doc, str):
            doc = self._pipeline()(doc)
        if dates is None:
            dates = self._normaliser().find(doc, published=published)
        entities = self._entities(doc, mentions)
        triggers = self._triggers(doc)
        if not triggers:
            return []
        countries = CountryMap.learn(doc, entities)
        events: list[Event] = []
        at = 0  # the next trigger (token index, ascending)
        for sent in _line_sentences(doc):
            if triggers[at] >= sent.end:
                continue
            sent_dates = [d for d in dates if sent.start_char <= d.start < sent.end_char]
            while at < len(triggers) and triggers[at] < sent.end:
                event = self._event(doc[triggers[at]], entities, sent, sent_dates)
                at += 1
                if event is not None:
                    event.actor_country = countries.country_of(event.actor)
                    event.target_country = countries.country_of(event.target)
                    events.append(event)
            if at == len(triggers):
                break
        return events

    def _triggers(self, doc: Any) -> list[int]:
        """The tokens :meth:`_code` may code, in order: a verb whose lemma is an action or a
        light verb, a noun whose lemma is a nominal action (read off the doc's columns at
        once; every other token is coded None, so it is never looked at)."""
        from spacy.attrs import LEMMA, POS
        from spacy.symbols import NOUN, VERB

        if not len(doc):
            return []
        columns = doc.to_array([POS, LEMMA])
        kinds = numpy.zeros(len(columns), dtype=bool)
        for pos, words in ((VERB, self._verb_words), (NOUN, self._nouns)):
            rows = numpy.flatnonzero(columns[:, 0] == pos)
            if not rows.size:
                continue
            lemmas = columns[rows, 1]
            wanted = [
                h for h in numpy.unique(lemmas).tolist() if self._lemma_in(pos, h, words, doc)
            ]
            kinds[rows[numpy.isin(lemmas, numpy.asarray(wanted, dtype=lemmas.dtype))]] = True
        return numpy.flatnonzero(kinds).tolist()

    def _lemma_in(self, pos: int, lemma: int, words: Any, doc: Any) -> bool:
        """Whether a lemma (its hash), lowered, is one of ``words`` (remembered per part of
        speech and lemma)."""
        key = (pos, lemma)
        found = self._lemma_memo.get(key)
        if found is None:
            if len(self._lemma_memo) > _LEMMA_MEMO:
                self._lemma_memo.clear()
            found = self._lemma_memo[key] = doc.vocab.strings[lemma].lower() in words
        return found

    # ---- parts ------------------------------------------------------------------------

    def _pipeline(self) -> Any:
        if self._nlp is None:
            from newsdesk.annotate import nlp

            self._nlp = nlp.load()
        return self._nlp

    def _normaliser(self) -> Any:
        if self._dates is None:
            from newsdesk.annotate.dates import DateNormalizer

            self._dates = DateNormalizer(nlp=self._pipeline())
        return self._dates

    def _entities(self, doc: Any, mentions: Sequence[Mention] | None) -> list[_Entity]:
        if mentions is not None:
            return [
                _Entity(m.canonical or m.text, m.type, m.start, m.end)
                for m in mentions
                if m.type in self._types
            ]
        return _spacy_entities(doc, self._types)

    def _code(self, token: Any) -> tuple[str, Any] | None:
        """The action code and the token that carries the target (the verb or its noun)."""
        if token.pos_ == "VERB":
            lemma = token.lemma_.lower()
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if lemma in self._light and obj is not None and obj.lemma_.lower() in self._nouns:
                return self._nouns[obj.lemma_.lower()], obj
            if lemma in self._verbs:
                return self._verbs[lemma], token
            return None
        if token.pos_ == "NOUN" and token.lemma_.lower() in self._nouns:
            if token.dep_ == "dobj" and token.head.lemma_.lower() in self._light:
                return None  # carried by its verb
            return self._nouns[token.lemma_.lower()], token
        return None

    def _event(
        self, token: Any, entities: list[_Entity], sent: Any, dates: Sequence[TimeExpression]
    ) -> Event | None:
        coded = self._code(token)
        if coded is None:
            return None
        code, carrier = coded
        actor_token = _actor_token(token)
        actor = _entity_at(actor_token, entities) if actor_token is not None else None
        if actor is None:
            return None
        target = None
        for candidate in _target_tokens(carrier, token):
            found = _entity_at(candidate, entities)
            if found is not None and found.name != actor.name:
                target = found
                break
        return Event(
            action=token.text,
            code=code,
            sentence=sent.text,
            actor=actor.name,
            target=target.name if target else None,
            date=_date_for(token, dates),
            start=sent.start_char,
            end=sent.end_char,
        )


def _line_sentences(doc: Any) -> Iterator[Any]:
    """spaCy's sentences, cut at line breaks: the parser runs a sentence on across one (a
    heading into its first paragraph, a closing quotation mark into the next paragraph:
    ``…2019."\nVolker later said``), but a line of cleaned text is a paragraph of its own,
    and the sentence an event shows is the outlet's own. A closing quotation mark the parser
    gave the next sentence (``calling it "absurd.|" She …``) stays with the words it closes."""
    bounds: list[list[int]] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    bounds.append([start, token.i])
                start = token.i + 1
        if sent.end > start:
            bounds.append([start, sent.end])
    for here, after in pairwise(bounds):
        while after[0] < after[1] and here[1] == after[0] and _closes(doc, after[0]):
            here[1] += 1
            after[0] += 1
    for start, end in bounds:
        if end > start:
            yield doc[start:end]


_CLOSING = frozenset({'"', "”", "’", "'", "»", ")", "]"})


def _closes(doc: Any, i: int) -> bool:
    """Token ``i`` closes the sentence before it: a closing mark glued to its last word."""
    return doc[i].text in _CLOSING and i > 0 and not doc[i - 1].whitespace_


def _spacy_entities(doc: Any, types: set[str]) -> list[_Entity]:
    """spaCy's entities, with a lone surname joined to the full name seen in the article
    ("Takaichi", untagged or tagged ORG, is "Sanae Takaichi") — a fallback for when the
    entities stage's canonical mentions are not given."""
    full: dict[str, str] = {}
    for ent in doc.ents:
        name = _strip_possessive(ent.text)
        if ent.label_ == "PERSON" and len(name.split()) > 1:
            for part in name.split():
                full.setdefault(part, name)
    found: list[_Entity] = []
    covered: set[int] = set()
    for ent in doc.ents:
        name = _strip_possessive(ent.text)
        covered.update(range(ent.start, ent.end))
        if name in full and ent.label_ in ("PERSON", "ORG"):
            found.append(_Entity(full[name], "PERSON", ent.start_char, ent.end_char))
        elif ent.label_ in types:
            found.append(_Entity(name, ent.label_, ent.start_char, ent.end_char))
    for token in doc:
        if token.i not in covered and token.pos_ == "PROPN" and token.text in full:
            found.append(_Entity(full[token.text], "PERSON", token.idx, token.idx + len(token)))
    return sorted(found, key=lambda e: e.start)


def _strip_possessive(text: str) -> str:
    return re.sub(r"[’']s?$", "", text).strip()


def _actor_token(token: Any) -> Any | None:
    """The subject, the agent of a passive ("by Japan's Foreign Ministry"), a possessor
    ("Xi's meeting"), or a "from"/"by" phrase on a nominal trigger's head."""
    verb = token
    while verb.dep_ in ("xcomp", "conj") and not _subject(verb):
        verb = verb.head
    subject = _subject(verb)
    if subject is not None and token.pos_ == "VERB":
        return subject
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "poss":
            return child
    preps = set(actions()["actor_preps"])
    node = token
    for _ in range(6):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if node.head is node:
            break
        node = node.head
    return subject


def _subject(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _target_tokens(carrier: Any, verb: Any) -> Iterable[Any]:
    """Objects first, then prepositional objects, then anything in the object's phrase."""
    preps = actions()["target_preps"]
    for node in (carrier, verb) if carrier is not verb else (verb,):
        for child in node.children:
            if child.dep_ in ("dobj", "dative", "attr") and child is not carrier:
                yield child
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                yield from (g for g in child.children if g.dep_ == "pobj")
    if carrier is not verb:
        yield from (t for t in carrier.subtree if t is not carrier)


def _entity_at(token: Any, entities: list[_Entity]) -> _Entity | None:
    """The entity that holds ``token``, or the nearest one inside its phrase (≤ 8 tokens)."""
    for ent in entities:
        if ent.start <= token.idx < ent.end:
            return ent
    subtree = list(token.subtree)
    if len(subtree) > 12:
        subtree = [t for t in subtree if t.head is token or t is token]
    for t in subtree:
        if t.dep_ in ("relcl", "acl", "appos"):
            continue
        for ent in entities:
            if ent.start <= t.idx < ent.end:
                return ent
    return None


def _date_for(token: Any, dates: Sequence[TimeExpression]) -> str | None:
    """A calendar date from the sentence: one inside the trigger's phrase first, else the
    nearest. Durations and references (PAST_REF) do not date an event, except a length
    anchored to the day it lands on ("three days later": that day, ``timex.point``)."""
    text = doc_text(token.doc)
    calendar = [
        d
        for d in dates
        if (d.type in ("DATE", "TIME") or d.anchor)
        and _CALENDAR.match(point(d))
        and not _SINCE.search(text, max(0, d.start - 12), d.start)
    ]
    if not calendar:
        return None
    phrase = {t.idx for t in token.subtree} | {t.idx for t in token.head.subtree}
    inside = [d for d in calendar if d.start in phrase]
    chosen = min(inside or calendar, key=lambda d: abs(d.start - token.idx))
    offset = _offset_before(token)
    if offset is not None and not inside:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", point(chosen)):
            return None
        return add_days(date.fromisoformat(point(chosen)), -offset).isoformat()
    return point(chosen)


def _offset_before(token: Any) -> int | None:
    """Days from this event to the sentence's date in "On Jan. 6, a day after <event>"."""
    prep = token.head
    unit = prep.head
    if prep.lower_ not in ("after", "before") or unit.lemma_ not in _UNIT_DAYS:
        return None
    count = next((c for c in unit.children if c.dep_ in ("nummod", "det")), None)
    n = 1 if count is None or count.lower_ in ("a", "an", "one") else None
    if n is None and count is not None and count.like_num and count.text.isdigit():
        n = int(count.text)
    if n is None:
        return None
    days = n * _UNIT_DAYS[unit.lemma_]
    return days if prep.lower_ == "after" else -days


def timeline(events: Iterable[Event]) -> list[Event]:
    """The dated events in date order (a day sorts before its month: 2026-01 < 2026-01-06)."""
    dated = [e for e in events if e.date and _CALENDAR.match(e.date)]
    return sorted(dated, key=lambda e: (e.date or "", e.start))


def country_relations(
    events: Iterable[Event],
) -> dict[tuple[str, str], list[tuple[str | None, str]]]:
    """(actor country, target country) → [(date, code)] over time, undated last."""
    relations: dict[tuple[str, str], list[tuple[str | None, str]]] = {}
    for event in events:
        a, b = event.actor_country, event.target_country
        if a and b and a != b:
            relations.setdefault((a, b), []).append((event.date, event.code))
    for pairs in relations.values():
        pairs.sort(key=lambda p: (p[0] is None, p[0] or ""))
    return relations
