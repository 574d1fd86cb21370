"""A name as spaCy found it in an article, and the names it missed there.

:class:`newsdesk.annotate.entities.EntityRecognizer` trims spaCy's spans into
:class:`_Found` items; the group's items then say which words it missed: a one-word body
tagged elsewhere in the group ("Automaker GM", "GM" tagged below), a surname the group
tags a person ("Takaichi called …"), a full name whose given name the small model did
not know ("Even though Céline Dion is …").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsdesk.annotate.name_evidence import person_named
from newsdesk.annotate.name_leads import title_case_line
from newsdesk.annotate.names import place_country, split_title
from newsdesk.annotate.nlp import doc_text


@dataclass(slots=True)
class _Found:
    """A name as spaCy found it, trimmed, with the roles written next to it."""

    text: str
    type: str
    start: int
    end: int
    roles: list[str] = field(default_factory=list)
    its_own: bool = False  # a subject whose verb goes on to its own ("Twitter … its")
    person_said: bool = False  # words that say a person: "Scott, 43,", "Scott's wife"
    kin_named: bool = False  # a relative named by its surname's person: "Bush's father, …"


def _one_word_bodies(found: list[list[_Found]]) -> dict[str, str]:
    """One-word organisations and places the group names ("GM", "Opel", "Boeing"), each
    with the type most of its mentions have; a word also tagged a person is left out."""
    votes: dict[str, Counter[str]] = {}
    for items in found:
        for item in items:
            if " " not in item.text and item.type in {"ORG", "GPE", "PERSON"}:
                votes.setdefault(item.text, Counter())[item.type] += 1
    return {
        text: kinds.most_common(1)[0][0]
        for text, kinds in votes.items()
        if "PERSON" not in kinds and any(ch.isupper() for ch in text[:1])
    }


def _lone_surnames(found: list[list[_Found]]) -> frozenset[str]:
    """The one-word names the group tags a person more than once and more often than all
    other types together ("Dion" of an article that writes "Céline Dion" once and "Dion"
    after, tagged PERSON 8 times and ORG 3); the caller leaves out those a full name it
    tagged holds ("Trump" of "Donald Trump" is no sign of a missed given name)."""
    votes: dict[str, Counter[str]] = {}
    for items in found:
        for item in items:
            if " " not in item.text:
                votes.setdefault(item.text, Counter())[item.type] += 1
    return frozenset(
        text
        for text, kinds in votes.items()
        if kinds["PERSON"] > 1 and 2 * kinds["PERSON"] > sum(kinds.values())
    )


def _missed_full_names(doc: Any, items: list[_Found], surnames: frozenset[str]) -> list[_Found]:
    """A person's full name spaCy did not tag ("Even though Céline Dion is …": the small
    model knows no "Céline" and takes "Dion" for a noun there) where the group tags the
    surname a person elsewhere: a capitalised proper noun right before that surname,
    neither of them tagged, is the given name, unless it opens a sentence or a line
    ("Following Wiley's posts": any word is capitalised there). The surname then joins
    its full name."""
    if not surnames:
        return []
    taken = {i for item in items for i in range(item.start, item.end)}
    missed = []
    for token in _tokens_among(doc, surnames):
        given = doc[token.i - 1] if token.i > 1 else None
        if given is None or token.ent_type_ or given.ent_type_ or given.idx in taken:
            continue
        if doc[given.i - 1].is_punct or doc[given.i - 1].is_space:
            continue
        if token.idx in taken or not (given.is_alpha and given.is_title and given.pos_ == "PROPN"):
            continue
        end = token.idx + len(token)
        name = doc_text(doc)[given.idx : end]
        if given.whitespace_ == " " and split_title(name)[0] == name:  # "Mr Dion" is Dion
            missed.append(_Found(name, "PERSON", given.idx, end))
    return missed


def _missed_names(
    doc: Any,
    items: list[_Found],
    known: frozenset[str],
    bodies: dict[str, str],
    *,
    people: frozenset[str] = frozenset(),
) -> list[_Found]:
    """A known person's surname spaCy did not tag ("Takaichi called …"): a PERSON mention,
    with the initials written before it and the words of a full name of ``people`` that
    it ends ("oilman T. Boone Pickens": one name, never "T.", "Boone" and "Pickens");
    a one-word organisation or place it tagged elsewhere in the group and missed here
    ("Automaker GM to cut jobs", "GM" tagged in the text below): a mention of that type."""
    words = known | bodies.keys()
    if not words:
        return []
    taken = {i for item in items for i in range(item.start, item.end)}
    missed: list[_Found] = []
    tokens = _tokens_among(doc, words)
    givens = {t.i: _given_typed_otherwise(doc, t, items, bodies) for t in tokens if t.text in known}
    # the full names those make are the text's people too ("Ivanka Trump strode …")
    text = doc_text(doc)
    named = people | {text[g.start : t.idx + len(t)] for t in tokens if (g := givens.get(t.i))}
    for token in tokens:
        if token.idx in taken or token.ent_type_ in {"DATE", "TIME"}:
            continue
        end = token.idx + len(token)
        if len(token.text.rstrip(".")) == 1 and token.text.isascii():
            continue  # an initial ("Holt J", then "J Clin Invest"; "M." of "M. Waugh")
        if token.text in known and token.pos_ == "PROPN" and token.is_title:
            start = _initials_before(doc, token, taken)
            given = givens.get(token.i)
            if given is not None:  # "Ivanka" (PRODUCT) "Trump": one person, "Ivanka Trump"
                missed.append(_Found(doc_text(doc)[given.start : end], "PERSON", given.start, end))
                continue
            if _untagged_given(doc, token, taken, named):  # "the Ivanka Trump brand"
                start = doc[token.i - 1].idx
                if missed and missed[-1].start == start:
                    missed.pop()  # the given name, a known word too ("Andre" "Venter")
                missed.append(_Found(doc_text(doc)[start:end], "PERSON", start, end))
                continue
            last = missed[-1] if missed else None
            if last is not None and last.end + 1 == start and last.type == "PERSON":
                whole = doc_text(doc)[last.start : end]
                if any(f" {whole} " in f" {name} " for name in people):
                    start = missed.pop().start  # "Boone" "Pickens": one name, as written
            missed.append(_Found(doc_text(doc)[start:end], "PERSON", start, end))
        elif token.text in bodies and token.pos_ == "PROPN" and not token.ent_type_:
            if person_named(doc, doc[token.i : token.i + 1]):  # "Chrabaszcz, who goes by"
                missed.append(_Found(token.text, "PERSON", token.idx, end, person_said=True))
                continue
            missed.append(_Found(token.text, bodies[token.text], token.idx, end))
    return missed


_INITIAL = re.compile(r"[A-Z]\.")

# what spaCy calls a given name it does not know as one ("Ivanka" a brand): never a place
# or a people, which stand before a surname as its modifier ("Iowa Trump supporters")
_GIVEN_TYPED_OTHERWISE = frozenset({"PRODUCT", "ORG", "WORK_OF_ART"})


def _given_typed_otherwise(
    doc: Any, token: Any, items: list[_Found], bodies: dict[str, str]
) -> _Found | None:
    """The one-word name spaCy typed a brand, a body or a work right before a known
    person's surname it left untagged ("Ivanka Trump strode across the stage": "Ivanka"
    PRODUCT, "Trump" missed), a capitalised proper noun the text never names on its own
    elsewhere ("Lexus recalled …" makes "Lexus Brandt" no name): the person's given name,
    so the two are one full name and the surname is no other person's of that family."""
    if token.i == 0 or token.ent_type_:
        return None
    given = doc[token.i - 1]
    if given.whitespace_ != " " or not (given.is_alpha and given.is_title):
        return None
    if given.pos_ != "PROPN":
        return None
    found = None
    for item in items:
        if item.start == given.idx and item.end == given.idx + len(given):
            found = item
        elif given.text in item.text.split() and given.text not in bodies:
            continue  # a longer name holding it ("Ivanka Trump" of a brand's name)
        elif item.text == given.text:
            return None  # named on its own elsewhere: a body or a brand
    return found if found is not None and found.type in _GIVEN_TYPED_OTHERWISE else None


def _untagged_given(doc: Any, token: Any, taken: set[int], people: frozenset[str]) -> bool:
    """Whether the untagged capitalised proper noun right before a known surname spaCy
    missed makes with it a full name the group names as a person ("the Ivanka Trump
    brand" beside "Ivanka Trump strode across the stage"): that person, not whoever else
    of the family the surname alone would name."""
    if token.i == 0:
        return False
    given = doc[token.i - 1]
    if given.ent_type_ or given.idx in taken or given.whitespace_ != " ":
        return False
    if not (given.is_alpha and given.is_title and given.pos_ == "PROPN"):
        return False
    return f"{given.text} {token.text}" in people


def _initials_before(doc: Any, token: Any, taken: set[int]) -> int:
    """Where a surname's name starts: at the untagged initials right before it ("T." of
    "oilman T. Boone"), else at the surname."""
    first = token
    while first.i and _INITIAL.fullmatch(doc[first.i - 1].text):
        initial = doc[first.i - 1]
        if initial.ent_type_ or initial.idx in taken or initial.whitespace_ != " ":
            break
        first = initial
    return int(first.idx)


def _tokens_among(doc: Any, words: Iterable[str]) -> list[Any]:
    """The tokens of ``doc`` whose text is one of ``words``, in order, found by the hash
    of each token's text (one numpy pass, no Token object for the others)."""
    import numpy
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    hashes = numpy.fromiter((strings[word] for word in words), dtype=numpy.uint64)
    orths = doc.to_array(ORTH).reshape(-1)
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(orths, hashes))]


# where a sentence, a line or a quotation starts: any word is capitalised there
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"’”]?\s+|\n\s*|[\"“‘']\s*)$")


def _common_words(
    docs: list[Any], found: list[list[_Found]], *, tested: list[list[_Found]] | None = None
) -> set[tuple[int, int]]:
    """The one-word names that are common words capitalised only where a sentence, a line
    or a quotation starts ('"Coal isn't the villain," he said', "Turnout makes a
    difference", "Bank executives aren't"): the text writes the word in lower case
    elsewhere and never capitalised inside a sentence, and no person's full name written in
    running text holds it (neither a headline's "Sell Coal" nor "Patriot Coal", said a body
    in another mention) and no longer name starts with it ("Young" of "Tom Young", "Super"
    of "Super PAC"); a known place is a name however the text writes it ("pakistan" of a
    scoreboard). Each as (doc's place in the group, start), of ``tested`` (the items of
    ``found`` when None: names spaCy missed are tested against all that it found)."""
    held: set[str] = set()
    bodies = {item.text for items in found for item in items if item.its_own}
    for doc, items in zip(docs, found, strict=True):
        for item in items:
            words = item.text.split()
            if len(words) > 1:
                held.add(words[0].casefold())
                running = not title_case_line(doc_text(doc), item.start, item.end)
                if item.type == "PERSON" and running and item.text not in bodies:
                    held.update(word.casefold() for word in words)
    common: set[tuple[int, int]] = set()
    for n, (doc, items) in enumerate(zip(docs, found, strict=True)):
        text = doc_text(doc)
        spans = [(item.start, item.end) for item in items if " " in item.text]
        for item in items if tested is None else tested[n]:
            word = item.text
            if _day_name_only(text, word, item.end, spans):
                common.add((n, item.start))  # "Super" of "Super Tuesday": a day's name
                continue
            if " " in word or not word.istitle() or not word.isalpha() or item.person_said:
                continue
            if word.casefold() in held or place_country(word) is not None:
                continue  # a known place is a name however the text writes it
            if not _only_at_starts(text, word, spans):
                continue
            if re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w-])", text):
                common.add((n, item.start))
    return common


@cache
def _day_name_words() -> frozenset[str]:
    """The words that make a weekday the name of a day (the date lexicon's)."""
    from newsdesk.annotate.date_rules import lexicon

    return frozenset(lexicon()["named_weekdays"])


_WEEKDAY_AFTER = re.compile(r" (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")


def _day_name_only(text: str, word: str, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a one-word name is the first word of a day's name ("Super Tuesday", "Black
    Friday") wherever the text writes it: spaCy read "Super" as a place and the weekday as
    a date. The words that name days are the date lexicon's ("super", "black", "cyber",
    …); one also written without a weekday after it ("Good said …") is a name."""
    if word.lower() not in _day_name_words() or not _WEEKDAY_AFTER.match(text, end):
        return False  # "in Miami Tuesday", "told CNN Monday": a name, then its day
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text):
        if any(start <= match.start() < stop for start, stop in spans):
            continue  # a word of a longer name
        if not _WEEKDAY_AFTER.match(text, match.end()):
            return False
    return True


def _only_at_starts(text: str, word: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every capitalised ``word`` in ``text`` starts a sentence, a line or a
    quotation, stands in a title-case line ("'Legend in the Coal Fields.'") or in one of
    ``spans``, the longer names found ("Patriot Coal")."""
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text):
        if _SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()]):
            continue
        if any(start <= match.start() < end for start, end in spans):
            continue  # a word of a longer name ("Patriot Coal")
        if not title_case_line(text, match.start(), match.end()):
            return False
    return True
