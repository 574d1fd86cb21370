"""How each group of outlets tells a story, where the groups differ.

Outlets are grouped by country when a story is covered from more than one country, else
by kind of outlet (state media, private outlets, …) when more than one kind covers it.
Outlets the registry does not place are a group of their own only beside two known ones.
The comparison of :mod:`newsdesk.summarize.compare` is then run over groups instead of
outlets: the facts and quotes only one group carries, and the disagreements between
groups, each value labelled with its group ("Chinese state media: … / Japanese outlets:
…") and every sentence citing the articles it comes from. A story covered by one group
shows that group alone, with nothing to compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsdesk.article import Annotations, Article
from newsdesk.keyed import KeyedFields
from newsdesk.outlets.coverage import UNKNOWN, article_groups
from newsdesk.outlets.model import group_label
from newsdesk.outlets.registry import OutletRegistry

if TYPE_CHECKING:
    from newsdesk.summarize.reading import Conflict, SingleSourceFacts

__all__ = [
    "GroupDisagreement",
    "GroupFact",
    "GroupFacts",
    "GroupValue",
    "OutletGroup",
    "Perspectives",
    "group_members",
    "story_perspectives",
]


@dataclass(frozen=True, slots=True)
class OutletGroup(KeyedFields):
    """One group of outlets (``key`` None: of unknown origin or kind), its label, its
    articles and its outlets."""

    key: str | None
    label: str
    articles: list[str | None] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GroupFact(KeyedFields):
    """One fact only one group carries, with the articles it comes from."""

    text: str
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GroupFacts(KeyedFields):
    """The facts only one group (``group`` None: unknown) reports."""

    group: str | None
    label: str
    facts: list[GroupFact] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GroupValue(KeyedFields):
    """One group's value of a disputed fact and the articles that give it."""

    group: str | None
    label: str
    value: str
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GroupDisagreement(KeyedFields):
    """One fact the groups give differently: ``about`` names it, one value per group."""

    about: str
    values: list[GroupValue] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Perspectives(KeyedFields):
    """How each group tells a story: grouped ``by`` country or kind, the groups, the facts
    only one group carries and the disagreements between groups."""

    by: str
    groups: list[OutletGroup] = field(default_factory=list)
    only_in: list[GroupFacts] = field(default_factory=list)
    disagreements: list[GroupDisagreement] = field(default_factory=list)


def group_members(
    members: Sequence[Article], registry: OutletRegistry, *, by: str | None = None
) -> tuple[str, dict[str, list[Article]]]:
    """(the dimension, group key -> articles): by country when more than one known
    country covers the story, else by kind, else country (one group)."""
    tags = {a.id: article_groups(a, registry) for a in members}
    choices = [by] if by else ["country", "kind"]
    dimension = next(
        (d for d in choices if len({tags[a.id][d] for a in members} - {UNKNOWN}) > 1),
        choices[0],
    )
    grouped: dict[str, list[Article]] = {}
    for article in members:
        grouped.setdefault(tags[article.id][dimension], []).append(article)
    return dimension, grouped


def _label(by: str, key: str, articles: Sequence[Article], registry: OutletRegistry) -> str:
    if key == UNKNOWN:
        return "outlets of unknown origin" if by == "country" else "unclassified outlets"
    if by == "country":
        kinds = {article_groups(a, registry)["kind"] for a in articles}
        if kinds == {"state"}:
            return group_label("country_kind", f"{key}/state")
    return group_label(by, key)


def _known(key: str) -> str | None:
    return None if key == UNKNOWN else key


def story_perspectives(
    members: Sequence[Article],
    annotations: dict[str, Annotations],
    registry: OutletRegistry,
    *,
    by: str | None = None,
) -> Perspectives:
    """``{"by", "groups", "only_in", "disagreements"}``: see the module docstring."""
    from newsdesk.summarize.compare import compare_outlets

    dimension, grouped = group_members(members, registry, by=by)
    labels = {k: _label(dimension, k, arts, registry) for k, arts in grouped.items()}
    group_of = {a.id: k for k, arts in grouped.items() for a in arts}
    groups = [
        OutletGroup(
            key=_known(key),
            label=labels[key],
            articles=[a.id for a in arts],
            outlets=list(dict.fromkeys(a.outlet or "unknown outlet" for a in arts)),
        )
        for key, arts in grouped.items()
    ]
    if len(set(grouped) - {UNKNOWN}) < 2:  # one known group (and outlets of no known
        return Perspectives(by=dimension, groups=groups)  # origin): nothing to compare
    relabelled = [replace(a, outlet=f"group {group_of[a.id]}") for a in members]
    found = compare_outlets(relabelled, annotations)
    return Perspectives(
        by=dimension,
        groups=groups,
        only_in=_group_facts(found.only_in_shortlist or found.only_in, group_of, labels),
        disagreements=_group_disagreements(found.conflicts, group_of, labels),
    )


def _group_facts(
    entries: Sequence[SingleSourceFacts], group_of: dict[str | None, str], labels: dict[str, str]
) -> list[GroupFacts]:
    """Single-source facts gathered per group (each fact keeps its article)."""
    only: dict[str, list[GroupFact]] = {}
    for entry in entries:
        key = group_of.get(entry.article_id, UNKNOWN)
        only.setdefault(key, []).extend(
            GroupFact(text=fact, sources=[entry.article_id]) for fact in entry.facts
        )
    return [GroupFacts(group=_known(k), label=labels[k], facts=facts) for k, facts in only.items()]


def _group_disagreements(
    conflicts: Sequence[Conflict], group_of: dict[str | None, str], labels: dict[str, str]
) -> list[GroupDisagreement]:
    """Each disagreement with its values per group (one value a group gives, its articles)."""
    disagreements = []
    for conflict in conflicts:
        values: dict[tuple[str, str], list[str]] = {}
        for value in conflict.values:
            key = group_of.get(value.article_id, UNKNOWN)
            values.setdefault((key, str(value.value)), []).append(value.article_id)
        disagreements.append(
            GroupDisagreement(
                about=conflict.about,
                values=[
                    GroupValue(group=_known(k), label=labels[k], value=v, sources=ids)
                    for (k, v), ids in values.items()
                ],
            )
        )
    return disagreements
