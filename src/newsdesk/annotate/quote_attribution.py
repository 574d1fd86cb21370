"""An attribution (the speaker's head token and the cue that names them) and the speaker it
credits, for :mod:`.quotes`: a named person, or a body only where the cue lets a body speak."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from newsdesk.annotate.names import is_name
from newsdesk.annotate.quote_parse import _appositions, _spokesperson_of
from newsdesk.annotate.quote_speakers import Speaker, SpeakerResolver, relative_mention
from newsdesk.annotate.quote_subject import reporter

__all__ = ["Attribution", "attribution_speaker", "said_in_statement"]

_RELATIVE = ("WP", "WDT")


@dataclass(slots=True)
class Attribution:
    speaker: Any  # the speaker's head token; None: a cue with no one named (Lee was asked)
    cue: str
    cue_index: int
    speech: bool = True  # False: a verb that only frames a quotation (likened X to “…”)
    source: bool = False  # a cue that lets a body speak, as "according to X" does
    lead: bool = False  # a sentence before that names the speaker: its verb cues nothing


def attribution_speaker(
    resolver: SpeakerResolver,
    found: Attribution,
    *,
    verbs: frozenset[str],
    phrases: Collection[str],
    statements: Collection[str],
    spokespeople: frozenset[str],
) -> Speaker | None:
    """The speaker of an attribution: a named person, or an organisation only when the
    cue lets a body speak ("according to X", "X said in a statement", "a spokesperson
    for X"); else the mention with no name; None where the cue names no one."""
    head = found.speaker
    if head is None:
        return None
    if head.tag_ in _RELATIVE and head.head.dep_ == "relcl":
        head = head.head.head  # "Li, who said …": Li
    outer = reporter(head, found.cue_index, verbs, resolver.is_person)
    pronoun, head = (head if outer.i != head.i else None), outer
    body = found.cue.lower() in phrases or said_in_statement(head.doc, found.cue_index, statements)
    body = body or found.source
    if not head.ent_type_:
        for child in _appositions(head):  # "the minister, Ana Ruiz, said": Ana Ruiz
            if child.ent_type_ == "PERSON" or (child.pos_ == "PROPN" and not child.ent_type_):
                head = child
                break
    named = _name_before_role(head, spokespeople)
    if named is not None:  # "Pike, a spokesman for Quell, said" parsed as two subjects
        head = named
    organisation = _spokesperson_of(head, spokespeople)
    if organisation is not None:
        head, body = organisation, True
    speaker = resolver.resolve(resolver.mention(head), body=body)
    if speaker.name is not None and not is_name(speaker.name):
        speaker = Speaker(None, speaker.start, speaker.end)  # "’’" or "..." names nobody
    if speaker.name is None and pronoun is not None:  # The senator said she …: her name
        name = resolver.resolve(resolver.mention(pronoun)).name
        speaker = Speaker(name, speaker.start, speaker.end)
    cue = head.doc[found.cue_index] if 0 <= found.cue_index < len(head.doc) else head
    return relative_mention(speaker, found.speaker, cue)  # Li, who said: "who", Li shown


def said_in_statement(doc: Any, cue_index: int, statements: Collection[str]) -> bool:
    """Whether the cue's sentence calls what was said a statement (in a statement, …)."""
    if not 0 <= cue_index < len(doc):
        return False
    return any(token.lemma_.lower() in statements for token in doc[cue_index].sent)


def _name_before_role(head: Any, spokespeople: frozenset[str]) -> Any | None:
    """The name set off by a comma right before a spokesperson's phrase that the parse
    hung on the same verb, not in apposition (Pike, a spokesman for Quell, said: "Pike" and
    "spokesman" both on "said"): the person who speaks, not the one spoken for."""
    if head.lemma_.lower() not in spokespeople or head.ent_type_:
        return None
    comma = head.left_edge.i - 1
    if comma < 1 or head.doc[comma].text != ",":
        return None
    name = head.doc[comma - 1]
    if not name.is_title or not (name.pos_ == "PROPN" or name.ent_type_):
        return None
    if name.head.i != head.head.i or name.head.i == name.i:
        return None  # only a name hung on the same verb (as its subject, or "Pike" an ADV)
    return name
