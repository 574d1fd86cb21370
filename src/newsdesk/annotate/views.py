"""Understanding across articles: a story's entities, quotes and timeline; an entity's profile.

Each article is annotated on its own; here its names are resolved again inside
the story (a surname alone becomes the full name another outlet gave) or across
the whole store (``entity NAME``), through one :class:`NameIndex`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from newsdesk.annotate.name_forms import data
from newsdesk.annotate.names import NameIndex, is_name, without_headline_verb
from newsdesk.annotate.quote_speakers import untitled
from newsdesk.article import Annotations, Article, Entity, Quote
from newsdesk.keyed import KeyedFields
from newsdesk.timex import order_key

if TYPE_CHECKING:
    from newsdesk.store.protocols import AnnotationStore

__all__ = [
    "CountryRelation",
    "EntityProfile",
    "EntityQuote",
    "EntityView",
    "RelationEvent",
    "StoryEvent",
    "StoryNotes",
    "StoryQuote",
    "country_relations_in_store",
    "entity_view",
    "store_entities",
    "story_understanding",
]


@dataclass(frozen=True, slots=True)
class EntityView(KeyedFields):
    """One person, organisation or place: its name, type, the other names outlets gave
    it, how often it is mentioned, its roles and its country."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    roles: list[str] = field(default_factory=list)
    country: str | None = None


@dataclass(frozen=True, slots=True)
class EntityQuote(KeyedFields):
    """A quote an entity gave, and the article it is read in."""

    text: str
    article_id: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class EntityProfile(KeyedFields):
    """Everything the store knows of one entity (``entity NAME --json``): the entity,
    first and last seen, its articles and stories, the quotes it gave."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    articles: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    quotes: list[EntityQuote] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoryQuote(KeyedFields):
    """A quote in a story: its speaker (the story's name for them; None: unattributed),
    text, the article it is read in, direct or indirect, and its cue."""

    speaker: str | None
    text: str
    article_id: str | None
    kind: str
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class StoryEvent(KeyedFields):
    """A coded event in a story: when, who did what to whom, the article and sentence."""

    date: str | None
    actor: str | None
    action: str | None
    target: str | None
    article_id: str | None
    code: str | None
    sentence: str | None


@dataclass(frozen=True, slots=True)
class StoryNotes(KeyedFields):
    """A story's entities (most mentioned first), quotes and dated timeline."""

    entities: list[EntityView] = field(default_factory=list)
    quotes: list[StoryQuote] = field(default_factory=list)
    events: list[StoryEvent] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RelationEvent(KeyedFields):
    """One coded event between two countries."""

    date: str | None
    code: str | None
    actor: str | None
    action: str | None
    target: str | None
    article_id: str


_RELATION_KEYS = {"from": "from_country", "to": "to_country"}  # their JSON names


@dataclass(frozen=True, slots=True)
class CountryRelation(KeyedFields):
    """The events from one country to another (``from`` and ``to`` in JSON)."""

    from_country: str
    to_country: str
    events: list[RelationEvent] = field(default_factory=list)

    def __getitem__(self, name: str) -> Any:
        return KeyedFields.__getitem__(self, _RELATION_KEYS.get(name, name))


def _index(ordered: Sequence[tuple[Article, Annotations]]) -> NameIndex:
    index = NameIndex()
    for article, read in ordered:
        body = article.body
        for mention in read.entities:
            name = _name_of(mention.text, mention.type)
            kin = mention.type == "PERSON" and _introduced_as_kin(body, name, mention.start)
            index.add(name, mention.type, kin_named=kin)
        for entity in read.named:
            if entity.roles:
                index.add(entity.name, entity.type, roles=entity.roles, count=0)
    return index


# "Bush's father, former President ", "Flynn's father ": a relative's kin noun after the
# surname's possessive, then up to three titles (former, late) or commas, right before a
# full name
_KIN_BEFORE = re.compile(
    r"(?P<surname>[^\W\d_][\w'’-]*)['’]s\s+(?P<kin>[a-z]+)"
    r"(?:,?\s+(?:[A-Z][\w.]*|former|late|then))?(?:\s+[A-Z][\w.]*){0,2},?\s*$"
)


@cache
def _kin_words() -> frozenset[str]:
    return frozenset(data("names_rules.json")["kin_words"]) - {"family"}


def _introduced_as_kin(body: str, name: str, start: int) -> bool:
    """Whether a full name is introduced as a relative of the one its surname alone names
    ("Bush's father, President George H.W. Bush"), as the annotator reads it in one text: in
    the story too, that text's bare "Bush" is the son, never the father."""
    words = name.split()
    if len(words) < 2 or start <= 0:
        return False
    found = _KIN_BEFORE.search(body[max(0, start - 80) : start])
    return found is not None and found["surname"] == words[-1] and found["kin"] in _kin_words()


def _name_of(text: str, kind: str) -> str:
    """A stored mention as the story's index takes it: a person annotated before headline
    verbs were cut ("Obama Says") is the person ("Obama")."""
    return without_headline_verb(text) if kind == "PERSON" else text


def _resolve(index: NameIndex, name: str | None, kind: str = "PERSON") -> str | None:
    return index.resolve(name, kind) if name and is_name(name, kind) else None


def _speaker(
    index: NameIndex,
    people: set[str],
    name: str | None,
    bodies: frozenset[str] = frozenset(),
    written: frozenset[str] = frozenset(),
) -> str | None:
    """A speaker's canonical name; "board chair Renata Ilves" is the Renata Ilves of the story.

    A stored speaker with no word in it (``"’’"``, from before that was caught) is none; a
    speaker never ends in a headline verb ("Obama Says" is Obama), and is shown without the
    titles before the name (the story's "Rabbi Ana Petrova" speaks as Ana Petrova; the
    entity keeps a title it knows as a role). A body of the story (``bodies``: its
    organisations, places and groups) that speaks keeps its name whole (General Motors)."""
    if not name or not is_name(name):
        return None
    name = without_headline_verb(name)
    body, kind = index.lookup(name, "ORG")
    if kind != "PERSON" and body in bodies:
        return body
    resolved = index.resolve(name, "PERSON")
    glued = _headline_glued(resolved, people | written)
    if glued is not None:
        return untitled(glued)
    words = name.split()
    for start in range(1, len(words) - 1):
        if resolved in people:
            break
        shorter = index.resolve(" ".join(words[start:]), "PERSON")
        if shorter in people:
            return untitled(shorter)
    return untitled(without_headline_verb(resolved))


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _headline_glued(name: str | None, people: set[str]) -> str | None:
    """The person a Title Case headline glued its next words to ("Ana Petrova Tweets A …",
    "Ana Petrova Playing Dumb About …" make "Ana Petrova Tweets" a name of its own): the
    longest shorter name of the story's people, or of its people's names as written, that
    ``name`` opens with, the words after it all capitalised and no generational suffix
    ("Jr.", "III" are the name's own). The story's index may have joined the short name
    into the glued one; the texts still write it alone."""
    words = (name or "").split()
    for end in range(len(words) - 1, 1, -1):
        rest = words[end:]
        if " ".join(words[:end]) in people and all(
            w[:1].isupper() and w.rstrip(".").casefold() not in _SUFFIXES for w in rest
        ):
            return " ".join(words[:end])
    return None


def entity_view(entity: Entity) -> EntityView:
    """What the desk shows of one resolved entity (its own name left out of its aliases)."""
    return EntityView(
        name=entity.name,
        type=entity.type,
        aliases=[a for a in entity.aliases if a != entity.name],
        mentions=entity.mentions,
        roles=entity.roles,
        country=entity.country,
    )


def story_understanding(members: Sequence[Article], read: dict[str, Annotations]) -> StoryNotes:
    """``entities``, ``quotes`` and ``events`` (a dated timeline) of one story."""
    ordered = [(a, read[a.id]) for a in members if a.id in read]
    index = _index(ordered)
    named = index.entities()
    people = {e.name for e in named if e.type == "PERSON" and len(e.name.split()) > 1}
    bodies = frozenset(e.name for e in named if e.type != "PERSON")
    written = frozenset(
        m.text for _, found in ordered for m in found.entities if m.type == "PERSON"
    )
    quotes: list[StoryQuote] = []
    events: list[StoryEvent] = []
    for article, found in ordered:
        quotes += [
            StoryQuote(
                speaker=_speaker(index, people, quote.speaker, bodies, written),
                text=quote.text,
                article_id=article.id,
                kind=quote.kind,
                cue=quote.cue,
            )
            for quote in _whole_quotations(found.quotes, article.body)
        ]
        events += [
            StoryEvent(
                date=event.date,
                actor=_resolve(index, event.actor, "ORG"),
                action=event.action,
                target=_resolve(index, event.target, "ORG"),
                article_id=article.id,
                code=event.code,
                sentence=event.sentence,
            )
            for event in found.events
        ]
    events.sort(key=lambda e: (order_key(e.date), e.article_id or ""))  # a week at its first day
    entities = [entity_view(e) for e in named if e.mentions > 0]
    return StoryNotes(entities=entities, quotes=quotes, events=events)


_SPLIT_GAP = 80  # characters of attribution between a quotation's two parts, at most


def _whole_quotations(quotes: Sequence[Quote], body: str) -> list[Quote]:
    """Quotes with a quotation its attribution splits in two made one ('“The rules went far
    beyond the law,” Petrova said, “and yet the fund …”'): the second part, lowercase and
    in the same sentence, is no quote of its own (shown alone: “and yet the fund …”)."""
    whole: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: q.start):
        before = whole[-1] if whole else None
        if before is not None and _continues(before, quote, body):
            text = f"{before.text.rstrip(' ,;:')} … {quote.text}"
            whole[-1] = replace(before, text=text, end=quote.end)
        else:
            whole.append(quote)
    return whole


def _continues(before: Quote, quote: Quote, body: str) -> bool:
    gap = body[before.end : quote.start]
    return (
        quote.kind == before.kind == "direct"
        and quote.speaker == before.speaker
        and quote.text[:1].islower()
        and 0 <= len(gap) <= _SPLIT_GAP
        and not any(mark in gap for mark in ".!?\n")
    )


def store_entities(store: AnnotationStore, *, limit: int = 100) -> list[EntityView]:
    """The store's entities, most mentioned first, name variants merged across outlets."""
    twins = {(text, kind): latin for text, latin, kind, _ in store.annotations.script_twins()}
    index = NameIndex(across_stories=True)
    written: dict[tuple[str, str], set[str]] = {}
    for canonical, kind, count in store.annotations.entity_names():
        # a name in another script joined, in some article, to a Latin-script name counts
        # under that name, as `entity NAME` answers (newsdesk.annotate.entity_resolver)
        latin = twins.get((canonical, kind))
        index.add(latin or canonical, kind, count=count)
        if latin is not None:
            written.setdefault((latin, kind), set()).add(canonical)
    views = [entity_view(e) for e in index.entities()[:limit]]
    # every spelling the entity was written in, as `entity NAME` lists them (中国 for China)
    spelled: dict[tuple[str, str], set[str]] = {}
    names = sorted({n for v in views for n in (v.name, *v.aliases)})
    for canonical, kind, text in store.annotations.written_forms(names):
        spelled.setdefault((canonical, kind), set()).add(text)
    shown = []
    for v in views:
        extra = set(written.get((v.name, v.type), set()))
        for name in (v.name, *v.aliases):
            extra |= spelled.get((name, v.type), set())
        extra -= {v.name, *v.aliases}
        shown.append(replace(v, aliases=[*v.aliases, *sorted(extra)]) if extra else v)
    return shown


def country_relations_in_store(store: AnnotationStore) -> list[CountryRelation]:
    """Relations between pairs of countries over time: every coded event between them.

    Copies are left out (one report, not several); pairs are ordered by how many events
    link them, each pair's events by date (undated last).
    """
    pairs: dict[tuple[str, str], list[RelationEvent]] = {}
    for article_id, event in store.annotations.all_events():
        a, b = event.actor_country, event.target_country
        if not a or not b or a == b:
            continue
        pairs.setdefault((a, b), []).append(
            RelationEvent(
                date=event.date,
                code=event.code,
                actor=event.actor,
                action=event.action,
                target=event.target,
                article_id=article_id,
            )
        )
    ordered = sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        CountryRelation(
            from_country=a,
            to_country=b,
            events=sorted(found, key=lambda e: (e.date is None, e.date or "")),
        )
        for (a, b), found in ordered
    ]
