"""One resolver for entity names: ``newsdesk entity NAME``, ``/entity/NAME`` and the API.

:func:`resolve_entity` finds the entity a name denotes from the store's entity index
(:mod:`newsdesk.store.entity_index`), kept current as annotations are saved, by the
rules of :class:`~newsdesk.annotate.names.NameIndex` — but over the name's
neighbourhood only, never the whole store:

1. the seed: a stored canonical name written so (any case), else a name with the same
   key (titles, case, accents and word breaks aside: "President Lee", "lee jae-myung"),
   else the canonical name most often given to that written form ("Lee" as written in
   an article that also named "Lee Jae-myung");
2. its group's root: the seed with the names holding every word of its key (a surname
   joins the one full name that contains it; with two, it stays apart) and, for a
   one-word organisation, the organisations it is the initials or first word of;
3. the entity: the root with every name made of its words, the names those words could
   belong to instead (two per part are enough to show a part is shared, and keep it
   apart), and the same-letter spellings — grouped as the whole store would group them;
4. its names in other scripts: names are joined across scripts at ingest in store order,
   so 习近平 in an article read before "Xi Jinping" was known stayed a canonical of its
   own, while the same written form was joined to "Xi Jinping" later. Such a name
   resolves to the Latin-script entity, and that entity holds it (its mentions too).

:func:`entity_profile` is then ``entity NAME --json``, reading at most
:data:`MAX_ARTICLES` articles' annotations.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsdesk.annotate.names import NameIndex, initials, name_key
from newsdesk.annotate.views import EntityProfile, EntityQuote
from newsdesk.article import Entity
from newsdesk.store import entity_index as ei

__all__ = ["MAX_ARTICLES", "entity_profile", "lookup", "resolve_entity"]

MAX_ARTICLES = 300  # a profile reads the annotations of the newest this many articles
KINDS = ("PERSON", "ORG", "GPE")
_SHARED = 2  # names outside the root that show a part of it is shared
_HOLDERS = 200  # holders of a key read at most (more means: shared, stays apart)


def _letters(key: tuple[str, ...]) -> str:
    return "=" + "".join(key)


def _seed(db: sqlite3.Connection, name: str) -> ei.NameRow | None:
    named, written = ei.names_named(db, name)
    if named:
        return named[0]
    for kind in KINDS:
        key = name_key(name, kind)
        if not key:
            continue
        for row in ei.names_marked(db, [_letters(key)]):
            if name_key(row[0], row[1]) == key:
                return row
    if written:
        canonical, kind, _ = written[0]
        return next((r for r in ei.names_named(db, canonical)[0] if r[1] == kind), None)
    return None


def _around_seed(db: sqlite3.Connection, key: tuple[str, ...]) -> list[ei.NameRow]:
    rows = ei.names_marked(db, [_letters(key)])
    rows += ei.names_with_all(db, key, limit=_HOLDERS)
    if len(key) == 1:
        rows += ei.names_marked(db, ["^" + key[0]], limit=_HOLDERS)
    return rows


def _around_root(db: sqlite3.Connection, root: tuple[str, ...]) -> list[ei.NameRow]:
    rows = ei.names_within(db, root)
    rows += ei.names_with_all(db, root, limit=_HOLDERS)
    if len(root) > 1:
        rows += ei.names_marked(db, [_letters((initials(root),))])
    words = set(root)
    parts = {name_key(c, k) for c, k, _ in rows if set(name_key(c, k)) <= words} - {()}
    rows += ei.names_marked(db, [_letters(part) for part in parts])
    for part in parts - {root}:
        others = ei.names_with_all(db, part, limit=50)
        if len(part) == 1:
            others += ei.names_marked(db, ["^" + part[0]], limit=50)
        outside = [r for r in others if not set(name_key(r[0], r[1])) <= words]
        rows += outside[:_SHARED]
    return rows


def _index(rows: list[ei.NameRow]) -> NameIndex:
    index = NameIndex(across_stories=True)
    counts = {(canonical, kind): mentions for canonical, kind, mentions in rows}
    for (canonical, kind), mentions in counts.items():
        index.add(canonical, kind, count=mentions)
    return index


def resolve_entity(db: sqlite3.Connection, name: str) -> Entity | None:
    """The entity ``name`` (any spelling an outlet used) denotes in the store read by
    ``db``, or None, after a few indexed lookups."""
    entity = _resolve(db, name)
    if entity is None:
        return None
    twin = ei.twin_in_latin(db, entity.name, entity.type)
    joined = _resolve(db, twin) if twin is not None else None
    if joined is not None and joined.type == entity.type:
        entity = joined
    return _with_script_twins(db, entity)


def _with_script_twins(db: sqlite3.Connection, entity: Entity) -> Entity:
    """``entity`` with the names in other scripts its own names were joined from."""
    names = [entity.name, *entity.aliases]
    twins = {
        text: mentions
        for text, _, kind, mentions in ei.script_twins(db, names)
        if kind == entity.type and text not in names
    }
    if not twins:
        return entity
    entity.aliases = sorted({*entity.aliases, *twins})
    entity.mentions += sum(twins.values())
    return entity


def _resolve(db: sqlite3.Connection, name: str) -> Entity | None:
    if not name.strip():
        return None
    seed = _seed(db, name)
    if seed is None:  # a part never stored alone ("Quell"): the one full name holding it
        key = name_key(name, "PERSON")
        around = _around_seed(db, key) if key else []
        root = _index([(name, "PERSON", 1), *around]).root(name, "PERSON") if around else None
        if root is None or root == key:
            return None
        index = _index(_around_root(db, root))
        return index.entity_of(root)
    canonical, kind, _ = seed
    key = name_key(canonical, kind)
    root = _index([seed, *_around_seed(db, key)]).root(canonical, kind)
    if root is None:
        return None
    index = _index([seed, *_around_root(db, root)])
    found = index.root(canonical, kind)
    return index.entity_of(found) if found is not None else None


def entity_spellings(db: sqlite3.Connection, name: str) -> tuple[str, ...]:
    """Every canonical name of the entity ``name`` denotes (its name and the spellings
    joined to it: what its page counts), for ``entity:`` in a search or a chart; none
    when ``name`` denotes no entity."""
    entity = resolve_entity(db, name)
    return (entity.name, *entity.aliases) if entity is not None else ()


def entity_profile(store: Any, entity: Entity) -> EntityProfile:
    """``newsdesk entity NAME --json`` of ``entity``: ``articles``, ``stories``, first and
    last seen cover every article; ``roles`` and ``quotes`` come from the newest
    MAX_ARTICLES."""
    variants = sorted({entity.name, *entity.aliases})
    with store.db.reader() as db:
        mentions = ei.mentions_placed(db, variants)  # oldest first
    ids = list(dict.fromkeys(article_id for article_id, _, _, _ in mentions))
    days = sorted({day for _, _, _, day in mentions if day})
    stories = list(dict.fromkeys(story for _, _, story, _ in mentions if story))
    newest = ids[-MAX_ARTICLES:]
    found = store.annotations.annotations_of(newest)
    keys = {name_key(v, entity.type) for v in variants}
    roles: dict[str, None] = {}
    quotes: list[EntityQuote] = []
    for article_id in newest:
        notes = found.get(article_id)
        if notes is None:
            continue
        for named in notes.named:
            if name_key(named.name, named.type) in keys:
                roles.update(dict.fromkeys(named.roles))
        for quote in notes.quotes:
            if quote.speaker and name_key(quote.speaker, "PERSON") in keys:
                quotes.append(EntityQuote(quote.text, article_id, quote.kind))
    return EntityProfile(
        name=entity.name,
        type=entity.type,
        aliases=sorted(({text for _, text, _, _ in mentions} | set(variants)) - {entity.name}),
        mentions=entity.mentions,
        roles=list(roles),
        country=entity.country,
        first_seen=days[0] if days else None,
        last_seen=days[-1] if days else None,
        articles=ids,
        stories=stories,
        quotes=quotes,
    )


def lookup(store: Any, name: str) -> EntityProfile | None:
    """``entity NAME --json`` for a name in any spelling, or None: :func:`resolve_entity`
    then :func:`entity_profile` (what the CLI, the web pages and the API all answer)."""
    with store.db.reader() as db:
        entity = resolve_entity(db, name)
    return None if entity is None else entity_profile(store, entity)
