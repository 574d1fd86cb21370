"""The JSON of entities: ``entity NAME``, a story's ``entities`` and ``relations``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.annotate.views import CountryRelation, EntityProfile, EntityView


def entity_json(entity: EntityView) -> dict[str, Any]:
    """One entity (``entities --json``, a story's ``entities``)."""
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
        "roles": list(entity.roles),
        "country": entity.country,
    }


def entity_profile_json(profile: EntityProfile) -> dict[str, Any]:
    """``newsdesk entity NAME --json`` (and ``/api/v1/entities/NAME``)."""
    return {
        "name": profile.name,
        "type": profile.type,
        "aliases": list(profile.aliases),
        "mentions": profile.mentions,
        "roles": list(profile.roles),
        "country": profile.country,
        "first_seen": profile.first_seen,
        "last_seen": profile.last_seen,
        "articles": list(profile.articles),
        "stories": list(profile.stories),
        "quotes": [
            {"text": q.text, "article_id": q.article_id, "kind": q.kind} for q in profile.quotes
        ],
    }


def relations_json(relations: Sequence[CountryRelation]) -> list[dict[str, Any]]:
    """``newsdesk relations --json``: ``[{"from", "to", "events": [...]}]``."""
    return [
        {
            "from": r.from_country,
            "to": r.to_country,
            "events": [
                {"date": e.date, "code": e.code, "actor": e.actor, "action": e.action,
                 "target": e.target, "article_id": e.article_id}
                for e in r.events
            ],
        }
        for r in relations
    ]  # fmt: skip
