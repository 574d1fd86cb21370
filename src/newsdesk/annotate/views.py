"""Understanding across articles: a story's entities, quotes and timeline; an entity's profile.

Each article is annotated on its own; here its names are resolved again inside
the story (a surname alone becomes the full name another outlet gave) or across
the whole store (``entity NAME``), through one :class:`NameIndex`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.annotate.names import NameIndex, is_name, name_key
from newsdesk.article import Annotations, Article, Entity

__all__ = ["country_relations_in_store", "entity_profile", "store_entities", "story_understanding"]


def _index(found: Sequence[Annotations]) -> NameIndex:
    index = NameIndex()
    for read in found:
        for mention in read.entities:
            index.add(mention.text, mention.type)
        for entity in read.named:
            if entity.roles:
                index.add(entity.name, entity.type, roles=entity.roles, count=0)
    return index


def _resolve(index: NameIndex, name: str | None, kind: str = "PERSON") -> str | None:
    return index.resolve(name, kind) if name and is_name(name, kind) else None


def _speaker(index: NameIndex, people: set[str], name: str | None) -> str | None:
    """A speaker's canonical name; "board chair Renata Ilves" is the Renata Ilves of the story.

    A stored speaker with no word in it (``"’’"``, from before that was caught) is none."""
    if not name or not is_name(name):
        return None
    resolved = index.resolve(name, "PERSON")
    words = name.split()
    for start in range(1, len(words) - 1):
        if resolved in people:
            break
        shorter = index.resolve(" ".join(words[start:]), "PERSON")
        if shorter in people:
            return shorter
    return resolved


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": [a for a in entity.aliases if a != entity.name],
        "mentions": entity.mentions,
        "roles": entity.roles,
        "country": entity.country,
    }


def story_understanding(
    members: Sequence[Article], read: dict[str, Annotations]
) -> dict[str, list[dict[str, Any]]]:
    """``entities``, ``quotes`` and ``events`` (a dated timeline) of one story."""
    ordered = [(a, read[a.id]) for a in members if a.id in read]
    index = _index([found for _, found in ordered])
    named = index.entities()
    people = {e.name for e in named if e.type == "PERSON" and len(e.name.split()) > 1}
    quotes, events = [], []
    for article, found in ordered:
        for quote in found.quotes:
            quotes.append(
                {
                    "speaker": _speaker(index, people, quote.speaker),
                    "text": quote.text,
                    "article_id": article.id,
                    "kind": quote.kind,
                    "cue": quote.cue,
                }
            )
        for event in found.events:
            events.append(
                {
                    "date": event.date,
                    "actor": _resolve(index, event.actor, "ORG"),
                    "action": event.action,
                    "target": _resolve(index, event.target, "ORG"),
                    "article_id": article.id,
                    "code": event.code,
                    "sentence": event.sentence,
                }
            )
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["article_id"] or ""))
    entities = [_entity_json(e) for e in named if e.mentions > 0]
    return {"entities": entities, "quotes": quotes, "events": events}


def _find(entities: list[Entity], name: str) -> Entity | None:
    wanted = name.strip().casefold()
    for entity in entities:
        if wanted in {n.casefold() for n in (entity.name, *entity.aliases)}:
            return entity
    for kind in ("PERSON", "ORG", "GPE"):
        key = name_key(name, kind)
        for entity in entities:
            if key and key == name_key(entity.name, entity.type):
                return entity
    return None


def store_entities(store: Any, *, limit: int = 100) -> list[dict[str, Any]]:
    """The store's entities, most mentioned first, name variants merged across outlets."""
    index = NameIndex()
    for canonical, kind, count in store.annotations.entity_names():
        index.add(canonical, kind, count=count)
    return [_entity_json(e) for e in index.entities()[:limit]]


def entity_profile(store: Any, name: str) -> dict[str, Any] | None:
    """Everything the store knows of one entity: aliases, roles, stories, quotes."""
    index = NameIndex()
    for canonical, kind, count in store.annotations.entity_names():
        index.add(canonical, kind, count=count)
    entity = _find(index.entities(), name)
    if entity is None:
        return None
    variants = sorted({entity.name, *entity.aliases})
    mentions = store.annotations.articles_mentioning(variants)
    ids = list(dict.fromkeys(article_id for article_id, _, _ in mentions))
    articles = [a for a in (store.articles.article(i) for i in ids) if a is not None]
    found = store.annotations.annotations_of(ids)
    roles: dict[str, None] = {}
    quotes = []
    keys = {name_key(v, entity.type) for v in variants}
    for article in articles:
        notes = found.get(article.id or "")
        if notes is None:
            continue
        for named in notes.named:
            if name_key(named.name, named.type) in keys:
                roles.update(dict.fromkeys(named.roles))
        for quote in notes.quotes:
            if quote.speaker and is_name(quote.speaker) and name_key(quote.speaker) in keys:
                quotes.append({"text": quote.text, "article_id": article.id, "kind": quote.kind})
    days = sorted(a.published.isoformat() for a in articles if a.published)
    stories = list(dict.fromkeys(a.story_id for a in articles if a.story_id))
    return {
        **_entity_json(entity),
        "aliases": sorted(({text for _, _, text in mentions} | set(variants)) - {entity.name}),
        "roles": list(roles),
        "first_seen": days[0] if days else None,
        "last_seen": days[-1] if days else None,
        "articles": ids,
        "stories": stories,
        "quotes": quotes,
    }


def country_relations_in_store(store: Any) -> list[dict[str, Any]]:
    """Relations between pairs of countries over time: every coded event between them.

    Copies are left out (one report, not several); pairs are ordered by how many events
    link them, each pair's events by date (undated last).
    """
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for article_id, event in store.annotations.all_events():
        a, b = event.actor_country, event.target_country
        if not a or not b or a == b:
            continue
        pairs.setdefault((a, b), []).append(
            {
                "date": event.date,
                "code": event.code,
                "actor": event.actor,
                "action": event.action,
                "target": event.target,
                "article_id": article_id,
            }
        )
    ordered = sorted(pairs.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        {
            "from": a,
            "to": b,
            "events": sorted(found, key=lambda e: (e["date"] is None, e["date"] or "")),
        }
        for (a, b), found in ordered
    ]
