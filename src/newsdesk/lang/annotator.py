"""Annotations of a text in a pack's language: names (the pack's pipeline), their
canonical names across scripts, dates and quotes.

Offsets are character offsets into the text annotated. A short form of a person named in
full in the same text (高市 after 高市早苗) takes the full name; every name is then looked up
in the cross-script index, so it is shown under its English name where one is known.
Events are read in English only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from newsdesk.article import Annotations, Entity, Mention
from newsdesk.lang.dates import find_dates
from newsdesk.lang.merge import CrossScriptIndex
from newsdesk.lang.pack import LanguagePack
from newsdesk.lang.quotes import find_quotes

__all__ = ["PackAnnotator", "is_latin_name"]

_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'\-]*$")
NAME_TYPES = frozenset({"PERSON", "GPE", "LOC", "ORG", "NORP", "FAC"})


def is_latin_name(name: str) -> bool:
    """A name written in Latin letters (what the index takes as an English name)."""
    return bool(_LATIN.match(name))


def _full_names(mentions: list[Mention]) -> dict[str, str]:
    """Each person's short form -> the longest full name in the text it is part of."""
    people = sorted({m.text for m in mentions if m.type == "PERSON"}, key=len, reverse=True)
    full: dict[str, str] = {}
    for short in people:
        for name in people:
            if len(name) > len(short) and (name.startswith(short) or name.endswith(short)):
                full[short] = full.get(name, name)
                break
    return full


class PackAnnotator:
    """Reads texts with their pack; ``index`` merges names across scripts (and articles)."""

    def __init__(self, *, index: CrossScriptIndex | None = None) -> None:
        self.index = index if index is not None else CrossScriptIndex()

    def learn(self, names: Iterable[tuple[str, str]]) -> None:
        """Names (canonical, type) read elsewhere; those in Latin letters join the index."""
        self.index.add_known((n, t) for n, t in names if t in NAME_TYPES and is_latin_name(n))

    def annotate(self, text: str, pack: LanguagePack, *, published: datetime | None) -> Annotations:
        spans = pack.module.entities(text)
        mentions = [Mention(text=text[s:e], type=k, start=s, end=e) for s, e, k in spans]
        full = _full_names(mentions)
        named: dict[str, Entity] = {}
        for mention in mentions:
            written = full.get(mention.text, mention.text)
            mention.canonical = self.index.canonical(written, mention.type, pack.code)
            entity = named.setdefault(
                mention.canonical, Entity(name=mention.canonical, type=mention.type)
            )
            entity.mentions += 1
            if mention.text != entity.name and mention.text not in entity.aliases:
                entity.aliases.append(mention.text)
        persons = [m for m in mentions if m.type == "PERSON"]
        return Annotations(
            entities=mentions,
            quotes=find_quotes(text, pack, persons=persons),
            dates=find_dates(text, pack, published=published),
            events=[],
            named=list(named.values()),
        )
