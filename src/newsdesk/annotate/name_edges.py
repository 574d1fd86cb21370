"""Where a name's span ends: never on a count, a score or a word of the sentence.

spaCy's small model takes in what stands next to a name: the figures of a results table
("Adrianna Knight 12 saves", "NEC Nijmegen 1 PSV Eindhoven 4") and the function word
that opens the clause after it ("the Associated Press that …", "An Associated Press
report"). These helpers give :class:`newsdesk.annotate.entities.EntityRecognizer` the
spans without them, as spaCy spans of the same doc.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

from newsdesk.annotate.date_lexicon import lexicon
from newsdesk.annotate.name_forms import data as _data
from newsdesk.annotate.name_keys import _place_or_adjective
from newsdesk.annotate.nlp import doc_text

__all__ = [
    "as_dateline_place",
    "as_determined",
    "determined_types",
    "is_time_zone",
    "number_parts",
    "numbered_names",
    "without_function_edges",
]

# the types whose names hold no figure; a product, an event, a law or a work may ("AirPods
# 2", "Euro 2020", "Phase 1"). A road's may ("Interstate 95"), but spaCy types far more
# teams with their scores a facility than roads (CoNLL-2003 train): FAC is cut too
_UNNUMBERED_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_NUMBER = re.compile(r"\d[\d.,:/'’-]*")  # a whole token: "12", "7-73", "4.0", "44,525"
# the parts of speech of function words: prepositions, conjunctions, pronouns,
# determiners, particles and auxiliaries
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_FUNCTION_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET", "PART", "AUX"})
_NOUNS = frozenset({"NOUN", "PROPN"})


# a time of day as written before its zone: "16:08", "1430" (Reuters; not 1900 to 2059,
# which read as years: "the 1945 UN charter"), "10 a.m."
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|(?:0\d|1[0-8]|2[1-3])[0-5]\d|[ap]\.?m\.?", re.IGNORECASE)


def is_time_zone(doc: Any, ent: Any) -> bool:
    """Whether ``ent`` is a time zone written after a time of day ("16:08 UTC", "1430 GMT",
    "10 a.m. ET"): one word in capitals, no body's name, whatever spaCy typed it."""
    word = ent.text
    if len(ent) != 1 or not (1 < len(word) <= 5 and word.isalpha() and word.isupper()):
        return False
    return ent.start > 0 and _CLOCK.fullmatch(doc[ent.start - 1].text) is not None


# what follows a dateline's place: its region, then the agency in brackets or the dash
# before the news ("SANTA FE, N.M. (AP) —", "DENVER, Colo. -")
_DATELINE_REST = re.compile(r",[ \t]+[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)*[ \t]*(?:\(|[—–-])")


def as_dateline_place(doc: Any, ent: Any) -> Any:
    """A name in capitals that opens a line and is followed by its region and the agency
    or a dash ("SANTA FE, N.M. (AP) — …") is the dateline's place, whatever spaCy typed
    it (an organisation here), typed GPE; any other span as it is."""
    text = doc_text(doc)
    opens_line = ent.start_char == 0 or text[ent.start_char - 1] == "\n"
    if ent.label_ in _PLACE_LABELS or not opens_line or not ent.text.isupper():
        return ent
    if _DATELINE_REST.match(text, ent.end_char) is None:
        return ent
    return _span(doc, ent.start, ent.end, "GPE")


def _is_number(token: Any) -> bool:
    return _NUMBER.fullmatch(token.text) is not None


def _has_inner_number(ent: Any) -> bool:
    """Whether a figure follows the span's first word ("Knight 12"; "1860 Munich" aside)."""
    return any(_is_number(token) for token in ent[1:])


def numbered_names(ents: Sequence[Any]) -> frozenset[str]:
    """The spans with a figure that the text writes more than once, the same figure each
    time ("Thunderbolt 3", "Destiny 2"): a thing's number (a version, a sequel), where a
    score or a count changes from line to line."""
    counts = Counter(e.text for e in ents if _has_inner_number(e))
    return frozenset(text for text, n in counts.items() if n > 1)


def number_parts(doc: Any, ent: Any, numbered: frozenset[str]) -> list[Any]:
    """The names in a span of a type that holds no figure, the figures left out: "Adrianna
    Knight 12" -> "Adrianna Knight", "NEC Nijmegen 1 PSV Eindhoven 4" -> "NEC Nijmegen",
    "PSV Eindhoven", and a month with the day after it is a date ("Trump’s July 25" ->
    "Trump’s"). A span written with the same figure more than once (of ``numbered``) is a
    numbered thing, kept whole: a product when spaCy took it for a person ("Thunderbolt
    3"). Any other span is itself."""
    following = doc[ent.end] if ent.end < len(doc) else None
    if ent.label_ not in _UNNUMBERED_TYPES:
        return [ent]
    if not _has_inner_number(ent) and not _month_before_day([*ent], following):
        return [ent]
    if ent.text in numbered:
        label = "PRODUCT" if ent.label_ == "PERSON" else ent.label_
        return [_span(doc, ent.start, ent.end, label)]
    parts: list[Any] = []
    run: list[Any] = []
    for token in [*ent, None]:
        if token is not None and not _is_number(token):
            run.append(token)
            continue
        if _month_before_day(run, token or following):
            run = run[:-1]
        part = _named_run(doc, run, ent.label_)
        if part is not None:
            parts.append(part)
        run = []
    return parts


_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?")


def _month_before_day(run: list[Any], following: Any | None) -> bool:
    """Whether ``run`` ends in a month's name and the day of the month follows it ("July"
    before "25"): a date, no part of a name, whatever spaCy typed it."""
    if not run or following is None or _DAY.fullmatch(following.text) is None:
        return False
    return run[-1].lower_ in _month_names() and run[-1].text[:1].isupper()


@cache
def _month_names() -> frozenset[str]:
    """The months' names as dates_lexicon.json writes them in full ("july", "may")."""
    return frozenset(name for name in lexicon()["months"] if len(name) > 3 or name == "may")


def _span(doc: Any, start: int, end: int, label: str) -> Any:
    """Tokens ``start:end`` of ``doc`` as a span typed ``label``."""
    return doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label=label)


def _named_run(doc: Any, run: list[Any], label: str) -> Any | None:
    """The tokens of ``run`` without the punctuation at its edges, as a span typed
    ``label``, when a capitalised word is among them; None otherwise ("( D. Cox" ->
    "D. Cox"; a bracket alone names nothing)."""
    while run and run[0].is_punct:
        run = run[1:]
    while run and run[-1].is_punct and run[-1].text != ".":
        run = run[:-1]
    if not any(token.is_alpha and token.text[:1].isupper() for token in run):
        return None
    return _span(doc, run[0].i, run[-1].i + 1, label)


def without_function_edges(doc: Any, ent: Any) -> Any:
    """The span without the function words spaCy took in at its edges: a word in lower case
    tagged a preposition, conjunction, pronoun, determiner, particle or auxiliary at its
    end ("Associated Press that", "Thibaut Courtois to"), and an indefinite article at its
    start that reads as one ("An Associated Press" before a vowel, "A Public Transport
    Corporation" before a consonant; "An Marchal" is a name). A work's title keeps its
    words ("A Little Life")."""
    if ent.label_ == "WORK_OF_ART" or len(ent) < 2:
        return ent
    start, end = ent.start, _before_verb(doc, ent)
    while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].pos_ in _FUNCTION_POS:
        end -= 1
    if end - start > 1 and _reads_as_article(doc[start], doc[start + 1]):
        start += 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return _span(doc, start, end, ent.label_)


def _before_verb(doc: Any, ent: Any) -> int:
    """Where a name that runs on into its clause's verb in lower case ends: before the verb
    ("the Republican National Convention ended last month": the convention). A name's own
    words in lower case are function words ("Friends of the Earth"), never a verb after a
    capitalised word."""
    for token in ent[1:]:
        verb = token.is_alpha and token.is_lower and token.pos_ == "VERB"
        if verb and _capitalised(doc[token.i - 1]):
            return token.i
    return ent.end


def _capitalised(token: Any) -> bool:
    """A capitalised word of a name ("Convention"), not a pronoun before its contracted
    verb ("I" of "I’m Muslim", a span the edges of :func:`after_prefix` cut)."""
    return token.text[:1].isupper() and token.pos_ != "PRON"


def _reads_as_article(word: Any, following: Any) -> bool:
    """ "A" before a consonant, "An" before a vowel, tagged a determiner: English's
    indefinite article, no one's given name."""
    vowel = following.text[:1].casefold() in "aeiou"
    return word.pos_ == "DET" and (
        (word.text == "A" and not vowel) or (word.text == "An" and vowel)
    )


def determined_types(ents: Sequence[Any]) -> dict[str, str]:
    """The type a name written after "the" takes, by how the text types it elsewhere: a
    word of a person's full name stays a person's ("the Gordon problem" beside "Gordon
    Sondland"); any other name takes its type most often given where spaCy did not take it
    for a person; a name missing here is an organisation's."""
    votes: dict[str, Counter[str]] = {}
    for ent in ents:
        if ent.label_ != "PERSON":
            votes.setdefault(ent.text, Counter())[ent.label_] += 1
    types = {text: kinds.most_common(1)[0][0] for text, kinds in votes.items()}
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            types.update((token.text, "PERSON") for token in ent)
    return types


def as_determined(doc: Any, ent: Any, types: dict[str, str]) -> Any:
    """A one-word name spaCy took for a person, written after a determiner or a possessive
    ("the Twitter account", "its Twitter handle", "some Twitter users") or after a
    preposition a medium or a thing takes ("on Twitter", names_rules.json's
    body_prepositions), typed as ``types`` says (see :func:`determined_types`), else as an
    organisation: English writes a person's name bare, while a body, a brand or a place
    takes "the", save before what a person leads ("the Trump administration"). It is a
    vote, no more: a person "calling on Emanuel" is a person by the votes of his other
    mentions, and a known place or a country's adjective is left to the index ("the
    Verona magistrate")."""
    if ent.label_ != "PERSON" or _leads_a_persons(doc, ent):
        return ent
    if _after_place_noun(doc, ent) and types.get(ent.text, "GPE") != "PERSON":
        return _span(doc, ent.start, ent.end, types.get(ent.text, "GPE"))
    if not (
        _after_determiner(doc, ent)
        or _after_body_preposition(doc, ent)
        or _listed_with_bodies(doc, ent, types)
        or _before_platform_noun(doc, ent)
    ):
        return ent
    name = doc[ent.end - 1]
    if not name.text[:1].isupper() or _place_or_adjective(name.text):
        return ent  # "pro-Israel" is a word
    kind = types.get(name.text, "ORG")
    return ent if kind == "PERSON" else _span(doc, ent.start, ent.end, kind)


def _after_place_noun(doc: Any, ent: Any) -> bool:
    """Whether ``ent``, one word no possessive follows, is the object of a preposition
    after a noun in lower case that takes a place there ("off the coast of Montauk", "chief
    of mission to Bermuda", "a home-care aide from Nashua": names_rules.json's place_nouns,
    by preposition): a place's name, whatever spaCy typed it once."""
    if len(ent) != 1 or ent.start < 2 or not ent.text[:1].isupper():
        return False
    if ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s", "'", "’"}:
        return False
    preposition, noun = doc[ent.start - 1], doc[ent.start - 2]
    nouns = _place_nouns().get(preposition.text)
    return nouns is not None and noun.is_lower and noun.lower_ in nouns


@cache
def _place_nouns() -> dict[str, frozenset[str]]:
    return {p: frozenset(n) for p, n in _data("names_rules.json")["place_nouns"].items()}


def _leads_a_persons(doc: Any, ent: Any) -> bool:
    """Whether the word after ``ent`` is what a person's name leads ("the Trump
    administration", "the Clinton campaign"; names_rules.json's person_led_nouns)."""
    following = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return following in _person_led_nouns()


@cache
def _person_led_nouns() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["person_led_nouns"])


def _after_body_preposition(doc: Any, ent: Any) -> bool:
    """Whether ``ent`` is one word ("Twitter") right after a preposition in lower case that
    a medium or a platform takes after a verb or an adjective ("wrote on Twitter", "silent
    on Twitter": names_rules.json's body_prepositions), or after the verbs it is taken
    with ("took to Twitter": body_preposition_verbs, read from the parse). A noun's
    preposition takes a person as often as a thing ("the attack on Lupu"), unless the parse
    hangs it on the verb before the noun ("mocked Trump on Twitter"), and a possessive
    after the name makes it an owner ("on Obama's watch")."""
    if ent.start < 2 or len(ent.text.split()) != 1:
        return False
    before = doc[ent.start - 1]
    parsed = doc.has_annotation("DEP")
    verbs = _body_preposition_verbs().get(before.lower_)
    if verbs is not None and before.is_lower and parsed:
        return before.head.lemma_ in verbs  # "took to Twitter"
    if not (before.is_lower and before.lower_ in _body_prepositions()):
        return False
    following = doc[ent.end].text if ent.end < len(doc) else ""
    if following in {"'s", "’s", "'", "’"}:
        return False
    if doc[ent.start - 2].pos_ not in _NOUNS:
        return True
    # a noun before: the noun's preposition ("the attack on Lupu") unless the parse hangs
    # it on the verb ("release information on Twitter", "mocked Trump on Twitter")
    return parsed and before.head.pos_ == "VERB" and before.head.i < before.i


@cache
def _body_prepositions() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["body_prepositions"])


@cache
def _body_preposition_verbs() -> dict[str, frozenset[str]]:
    pairs = _data("names_rules.json")["body_preposition_verbs"].items()
    return {preposition: frozenset(verbs) for preposition, verbs in pairs}


_LIST_MARKS = frozenset({",", "and", "or", "&"})
_BODY_LABELS = frozenset({"ORG", "PRODUCT"})


def _listed_with_bodies(doc: Any, ent: Any, types: dict[str, str]) -> bool:
    """Whether ``ent``, one word, stands in a list of one-word names ("Facebook, Google and
    Twitter", "on Facebook, Twitter, YouTube") more of which spaCy typed a body or a
    product than a person, none a word of a person's full name in the text: names listed
    with bodies are bodies too, whatever spaCy typed the one ("Twitter", a person in the
    list where "Facebook" and "Google" are companies). A person listed so is listed with
    people as often ("Bill, Hillary, and Chelsea", the last typed a club), is a word of a
    full name ("Obama and Congress" beside "Barack Obama"), or takes "the" ("Trump and
    the GOP"). Names of places or groups beside it make no such list ("at Skeleton Canyon in
    Arizona, Geronimo, Apache chief": an apposition)."""
    if len(ent) != 1 or (ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"}):
        return False  # "In addition to Disney, Americast's partners": an owner, no list
    listed = _one_word_neighbours(doc, ent.start, -1) + _one_word_neighbours(doc, ent.end, 1)
    if any(token.ent_type_ not in _BODY_LABELS | {"PERSON"} for token in listed):
        return False  # a place's or a group's comma is no list: "in Arizona, Geronimo, Apache"
    bodies = sum(token.ent_type_ in _BODY_LABELS for token in listed)
    if bodies <= sum(token.ent_type_ == "PERSON" for token in listed):
        return False
    return all(types.get(token.text) != "PERSON" for token in listed)


def _before_platform_noun(doc: Any, ent: Any) -> bool:
    """Whether ``ent``, one word, leads a noun in lower case that only a platform or a
    medium has, alone or listed with other names ("Twitter account", "a really good
    Twitter and Facebook account", "Facebook and Twitter followings": names_rules.json's
    platform_nouns); a person's name leads what she or he does or has ("the Trump
    campaign", "Clinton supporters")."""
    if len(ent) != 1:
        return False
    i = ent.end
    while i < len(doc) and doc[i].lower_ in _LIST_MARKS:
        while i < len(doc) and doc[i].lower_ in _LIST_MARKS:
            i += 1
        if i >= len(doc) or not (_alone_name(doc, i) or _bare_proper(doc[i])):
            return False
        i += 1
    return i < len(doc) and doc[i].is_lower and doc[i].lower_ in _platform_nouns()


def _bare_proper(token: Any) -> bool:
    """A capitalised proper noun spaCy tagged no name ("Facebook" in "Twitter and Facebook
    account")."""
    return token.pos_ == "PROPN" and token.ent_iob_ == "O" and token.text[:1].isupper()


@cache
def _platform_nouns() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["platform_nouns"])


def _one_word_neighbours(doc: Any, edge: int, step: int) -> list[Any]:
    """The one-word names listed next to the word at ``edge`` (after it when ``step`` is 1,
    before it when -1), each one token spaCy tagged a name of its own, with list marks
    between ("," "and" "or")."""
    found = []
    i = edge if step == 1 else edge - 1
    while 0 <= i < len(doc) and doc[i].lower_ in _LIST_MARKS:
        while 0 <= i < len(doc) and doc[i].lower_ in _LIST_MARKS:
            i += step
        if not 0 <= i < len(doc) or not _alone_name(doc, i):
            break
        found.append(doc[i])
        i += step
    return found


def _alone_name(doc: Any, i: int) -> bool:
    token = doc[i]
    after = doc[i + 1] if i + 1 < len(doc) else None
    return (
        token.ent_iob_ == "B"
        and (after is None or after.ent_iob_ != "I")
        and token.text[:1].isupper()
    )


def _after_determiner(doc: Any, ent: Any) -> bool:
    """Whether ``ent`` is one word after a determiner or a possessive, or "the" and one
    word ("An Marchal" is two words of a name)."""
    if len(ent) == 2 and ent[0].lower_ == "the":
        return True
    before = doc[ent.start - 1] if len(ent) == 1 and ent.start else None
    return before is not None and (before.pos_ == "DET" or before.tag_ == "PRP$")
