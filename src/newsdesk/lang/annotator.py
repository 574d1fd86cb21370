"""Annotations of a text in a pack's language: names (the pack's pipeline), their
canonical names across scripts, dates and quotes.

Offsets are character offsets into the text annotated. A short form of a person named in
full in the same text (高市 after 高市早苗) takes the full name; every name is then looked up
in the cross-script index, so it is shown under its English name where one is known.
Events are read in English only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from newsdesk.article import Annotations, Mention
from newsdesk.lang.dates import find_dates
from newsdesk.lang.gazetteer import cities_named, place_of
from newsdesk.lang.merge import NAME_TYPES, CrossScriptIndex, is_latin_name, named_entities
from newsdesk.lang.pack import LanguagePack
from newsdesk.lang.quotes import find_quotes
from newsdesk.spans import one_line

__all__ = ["NAME_TYPES", "PackAnnotator", "is_latin_name"]


_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _with_features(
    text: str, spans: list[tuple[int, int, str]], features: tuple[str, ...]
) -> list[tuple[int, int, str]]:
    """A place followed by a word for a geographic feature (``features.txt``: 조지아 해협,
    the Strait of Georgia) is the larger place named after it: one LOC span that takes the
    word in (and any span inside it), never the place it is named after."""
    if not features:
        return spans
    found: list[tuple[int, int, str]] = []
    covered = -1
    for start, end, kind in spans:
        if start < covered:
            continue
        if kind in _PLACES:
            gap = 1 if text[end : end + 1] in (" ", "\u00a0") else 0
            word = next((f for f in features if text.startswith(f, end + gap)), None)
            if word is not None:
                start, end, kind = start, end + gap + len(word), "LOC"
                covered = end
        found.append((start, end, kind))
    return found


def _vote_types(text: str, mentions: list[Mention], titles: tuple[str, ...]) -> None:
    """A name the pack types a person in some mentions and something else in others takes
    one type in all: a person's where a person's title (the pack's ``titles.txt``) is
    written onto one of its mentions (モディ首相: GiNZA typed it a place), else the other
    types' where they are more of its mentions than the person's (ラジャスタン州 GPE twice
    and PERSON once; 西雅图, AP通信), the commonest of them; an even count changes
    nothing."""
    by_name: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_name.setdefault(mention.text, []).append(mention)
    for same in by_name.values():
        kinds = Counter(m.type for m in same)
        if "PERSON" not in kinds or len(kinds) == 1:
            continue
        if any(_titled(text, m, titles) for m in same):
            kind = "PERSON"
        else:
            others = kinds.copy()
            del others["PERSON"]
            if others.total() <= kinds["PERSON"]:
                continue
            kind = others.most_common(1)[0][0]
        for mention in same:
            mention.type = kind


_WORD_BREAKS = re.compile(r"[\s・·＝=‧-]+")  # what parts the words of a name in each script


def _known_places(
    text: str, mentions: list[Mention], pack: LanguagePack, titles: tuple[str, ...]
) -> None:
    """A name the pack's model types a person that the pack's alias table or the gazetteer
    knows as a place (罗安达 Luanda, 博帕尔 Bhopal, レスター Leicester: CLDR's names, a
    GeoNames city's) is that place, unless the text marks it a person: a person's title
    written onto a mention of it, or a longer person's name in the text that it is a word
    of (ダーウィン after チャールズ・ダーウィン)."""
    people = {m.text for m in mentions if m.type == "PERSON"}
    words = {w for name in people for w in _WORD_BREAKS.split(name) if w != name}
    aliases = pack.aliases()
    for mention in mentions:
        if mention.type != "PERSON" or mention.text in words:
            continue
        kind = _place_type(mention.text, pack.code, aliases)
        if kind is None:
            continue
        same = [m for m in mentions if m.text == mention.text]
        if not any(_titled(text, m, titles) for m in same):
            for m in same:
                m.type = kind


def _place_type(name: str, code: str, aliases: dict[str, tuple[str, str]]) -> str | None:
    """The type the alias table or the gazetteer gives ``name`` when it is no person's."""
    alias = aliases.get(name)
    if alias is not None:
        return alias[1] if alias[1] != "PERSON" else None
    known = place_of(name, code)
    if known is not None:
        return known[1]
    return "GPE" if cities_named(name) else None


def _titled(text: str, mention: Mention, titles: tuple[str, ...]) -> bool:
    """Whether a title is written onto the mention, with no space (モディ首相, 首相高市早苗):
    a title a space parts from a name may be a body's (공화당 후보: the party's candidate)."""
    after = text[mention.end : mention.end + max(map(len, titles), default=0)]
    before = text[max(0, mention.start - max(map(len, titles), default=0)) : mention.start]
    return any(after.startswith(t) or before.endswith(t) for t in titles if t)


def _full_names(mentions: list[Mention]) -> dict[str, str]:
    """Each person's short form -> the longest full name in the text it is part of."""
    people = sorted({m.text for m in mentions if m.type == "PERSON"}, key=len, reverse=True)
    full: dict[str, str] = {}
    for short in people:
        longer = [
            full.get(name, name)
            for name in people
            if len(name) > len(short) and (name.startswith(short) or name.endswith(short))
        ]
        # a short form two people's names end in (ウェスト of カニエ・ウェスト and
        # カーダシアン・ウェスト) is either's: it stays as written; one name written with
        # and without its word break (トニー・ブレア, トニーブレア) is one person's
        if len({_WORD_BREAKS.sub("", name) for name in longer}) == 1:
            full[short] = longer[0]
    return full


class PackAnnotator:
    """Reads texts with their pack; ``index`` merges names across scripts (and articles).

    ``join=False`` leaves every name under the name as written (a short form under its
    full name), so what a text gives depends on that text alone: ingest joins the names
    across scripts afterwards, in one place (:class:`newsdesk.lang.merge.NameJoiner`).
    """

    def __init__(self, *, index: CrossScriptIndex | None = None, join: bool = True) -> None:
        self.index = index if index is not None else CrossScriptIndex()
        self.join = join

    def learn(self, names: Iterable[tuple[str, str]]) -> None:
        """Names (canonical, type) read elsewhere; those in Latin letters join the index."""
        self.index.add_known((n, t) for n, t in names if t in NAME_TYPES and is_latin_name(n))

    def annotate(self, text: str, pack: LanguagePack, *, published: datetime | None) -> Annotations:
        spans = [(*one_line(text, s, e), k) for s, e, k in pack.module.entities(text)]
        spans = _with_features(text, spans, pack.words("features.txt"))
        mentions = [Mention(text=text[s:e], type=k, start=s, end=e) for s, e, k in spans if e > s]
        _vote_types(text, mentions, pack.words("titles.txt"))
        _known_places(text, mentions, pack, pack.words("titles.txt"))
        full = _full_names(mentions)
        for mention in mentions:
            written = full.get(mention.text, mention.text)
            joined = self.index.canonical(written, mention.type, pack.code) if self.join else None
            mention.canonical = joined or written
        persons = [m for m in mentions if m.type == "PERSON"]
        return Annotations(
            entities=mentions,
            quotes=find_quotes(text, pack, persons=persons),
            dates=find_dates(text, pack, published=published),
            events=[],
            named=named_entities(mentions),
        )
