"""The names a span of spaCy's is made of: two names the article also writes alone ("The
Beatles' Apple Corps", "Boeing-Air Force"), an owner and the thing it owns, a person and the
body it served ("the Obama White House"), a photo credit's photographer and agencies, the
parts on each side of a spaced dash; and a person's span without the words that led into
it (a contest's title, an adverb or a verb, a sentence's opening word, a headline's tail)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newsdesk.annotate.name_forms import data as _data
from newsdesk.annotate.name_leads import (
    has_nickname,
    headline_part,
    name_particle,
    title_case_line,
)
from newsdesk.annotate.name_lexicon import common_opening_word, epithet_word
from newsdesk.annotate.names import place_country
from newsdesk.annotate.nlp import doc_text

# spaCy labels kept as entities; DATE, TIME, CARDINAL, ORDINAL, QUANTITY, MONEY and
# PERCENT are values, not entities of interest.
ENTITY_TYPES = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "EVENT",
        "PRODUCT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")  # then the spaces before it (linear)


# a possessive right after a name: "'s", or an apostrophe alone after a plural ("Motors'")
_POSSESSIVE_AFTER = re.compile(r"['’]s\b|['’](?=\s|$)")
# where one name meets another inside a span: a possessive ("The Beatles' Apple Corps") or
# a hyphen between capitalised words ("Boeing-Air Force contract")
_NAME_JOINT = re.compile(r"(?<=\w)(?:['’]s?\s+|-|\s+(?:and|&)\s+)(?=[A-Za-z])")


def _bare(text: str) -> str:
    """A name as compared with the article's other names: no "the", no possessive."""
    text = _TRAILING_POSSESSIVE.sub("", text.strip()).strip()
    words = text.split()
    if len(words) > 1 and words[0].casefold() == "the":
        text = " ".join(words[1:])
    return text.casefold()


def _name_parts(doc: Any, ent: Any, alone: dict[str, str], owners: set[str]) -> list[Any]:
    """A span made of two names the article also writes on their own ("The Beatles' Apple
    Corps", "Boeing-Air Force", "iPad Pro and MacBook Pro") is those two names, each typed
    as it stands alone; so is a span owning a name: a person's owning a name written alone
    ("Jeff Bezos’s Blue Origin": a person never holds a possessive), any span whose owner
    the article writes alone ("Apple Computer's Mac OS" with "Apple Computer": the owner is
    a name of its own, never the thing it owns), the owner keeping its type and the thing
    owned the span's; any other span is itself ("People's Bank", "Mercedes-Benz" or
    "Procter and Gamble" without "Benz" or "Gamble" alone)."""
    if ent.label_ == "PERSON" and has_nickname(ent.text):
        return [ent]  # 'Juan ‘Bunny’ Ruiz': the mark after the nickname is no possessive
    for joint in _NAME_JOINT.finditer(ent.text):
        left, right = ent.text[: joint.start()], ent.text[joint.end() :]
        possessive = joint.group()[:1] in "'’"
        person_owner = possessive and ent.label_ == "PERSON" and _bare(right) in alone
        owned = possessive and _bare(left) in owners and _owned_name(right)
        both = _bare(left) in alone and _bare(right) in alone
        if not (both or person_owner or owned):
            continue
        start = ent.start_char
        kind = alone.get(_bare(left), ent.label_)
        second_kind = alone.get(_bare(right), ent.label_)
        first = doc.char_span(start, start + len(left), label=kind)
        second = doc.char_span(start + joint.end(), ent.end_char, label=second_kind)
        if first is not None and second is not None:
            return [first, second]
    ent = _after_contest_title(doc, ent, alone)
    if ent is None:
        return []
    ent = _after_epithet(doc, ent, alone)  # "Crooked Hillary", "Lyin' Ted"
    ent = _before_tail(doc, _after_opening_word(doc, _after_lead_word(doc, ent, alone)), alone)
    ent = headline_part(doc, ent, alone)  # "Endorsed Trump", "McCain Challenger"
    return _person_then_body(doc, ent, alone)


@cache
def _contest_titles() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["contest_titles"])


# what stands before a contest's title that names no one ("a former Miss Universe")
_TITLE_DETERMINERS = frozenset({"a", "an", "the", "former", "reigning", "new"})


def _after_contest_title(doc: Any, ent: Any, alone: dict[str, str]) -> Any | None:
    """A person's span right after a contest's title ("Miss", "Mr.") without the contest's
    word spaCy took in ("Miss Universe Alicia Machado": the name is "Alicia Machado", which
    the article writes alone as a person); ``None`` for the contest's word alone after a
    determiner ("a former Miss Universe": a title, no one's name). Any other span is
    itself ("Miss Alicia Machado": the title is no part of the span)."""
    if ent.label_ != "PERSON" or ent.start == 0:
        return ent
    title = doc[ent.start - 1]
    if title.lower_ not in _contest_titles() or not title.is_title:
        return ent
    if len(ent) == 1 and ent.start > 1 and doc[ent.start - 2].lower_ in _TITLE_DETERMINERS:
        return None
    rest = ent[1:]
    if len(rest) > 1 and alone.get(_bare(rest.text)) == "PERSON":
        span = doc.char_span(rest.start_char, rest.end_char, label="PERSON")
        return ent if span is None else span
    return ent


# the tags of a word that leads into a name, no part of it: an adverb ("Certainly"), a verb
# ("Entrusting", "Wants")
_LEAD_TAGS = frozenset({"RB", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


def _after_lead_word(doc: Any, ent: Any, alone: dict[str, str]) -> Any:
    """A person's span without a first word the tagger reads as an adverb or a verb, when
    the words after it are a full name the article writes alone as a person ("Certainly
    Donald Trump" beside "Donald Trump"), or when that word is a gerund or a verb with a
    tense ("Entrusting Donald Trump with our economic future", the article writing only
    "Trump" after it). A given name the tagger reads as an adverb ("Carly" of "Carly
    Fiorina") is kept: the article writes no "Fiorina" alone as a full name."""
    if ent.label_ != "PERSON" or len(ent) < 3 or ent[0].tag_ not in _LEAD_TAGS:
        return ent
    rest = ent[1:]
    if alone.get(_bare(rest.text)) != "PERSON" and ent[0].tag_ not in {"VBG", "VBZ", "VBD"}:
        return ent
    span = doc.char_span(rest.start_char, rest.end_char, label="PERSON")
    return ent if span is None else span


def _after_epithet(doc: Any, ent: Any, alone: dict[str, str]) -> Any:
    """A person's span without a nickname's epithet before the name (an adjective or a
    verb's form in -in', :func:`epithet_word`, no given name's form): "Crooked Hillary",
    "Little Marco", "Lyin' Ted", "Crooked Hillary Clinton". What follows the epithet must
    be a name the article writes as a person: the given name of a full name it tags PERSON
    ("Hillary" of "Hillary Clinton"), or a full name it writes alone. The epithet made a
    person of its own, a second full name holding the given name or the surname. A given
    name that is also an adjective ("Frank Sinatra", beside "Sinatra"; "Marine Le Pen",
    beside "Le Pen") is kept: what follows it is a surname, no one's given name."""
    if ent.label_ != "PERSON" or len(ent) < 2:
        return ent
    word, at = ent[0].text, 1
    if ent[1].text in {"'", "’"} and ent[1].idx == ent[0].idx + len(word):
        word, at = word + ent[1].text, 2  # "Lyin' Ted", the apostrophe a token of its own
    if at >= len(ent) or word.lower() in _given_names() or not epithet_word(word):
        return ent
    rest = ent[at:]
    name = _bare(rest.text)
    if " " in name:  # a full name, no surname with its particle ("Marine Le Pen")
        fits = alone.get(name) == "PERSON" and not name_particle(rest[0].text)
    else:
        fits = any(
            k == "PERSON" and other.split()[:1] == [name]
            for other, k in alone.items()
            if " " in other
        )
    if not fits:
        return ent
    span = doc.char_span(rest.start_char, rest.end_char, label="PERSON")
    return ent if span is None else span


_OPENING_MARKS = frozenset("\"“‘'(")


def _after_opening_word(doc: Any, ent: Any) -> Any:
    """A person's span without the common word that opens its sentence, line or quotation
    ("Bashing Trump may be job one", "Stated Stone:", "Beneath Clinton's wins": a verb's
    form in -ed or -ing or a word only ever an adverb, :func:`common_opening_word`; "Will
    Cruz's gambit do any better?": a word the tagger reads as an auxiliary or a
    preposition; "Neither Cruz nor Christie", "Top Clinton adviser sent …": a small word
    no given name is, :func:`_function_word`), when another full
    name in the text, without that word, ends in the same surname ("Hillary Clinton"): the
    debris would leave that surname two people to choose from."""
    words = [t for t in ent if t.tag_ != "POS"]
    if ent.label_ != "PERSON" or len(words) < 2 or not ent[0].is_title:
        return ent
    before = doc[ent.start - 1] if ent.start else None
    opens = before is None or before.is_space or before.text in _OPENING_MARKS
    if not (opens or ent[0].is_sent_start):
        return ent
    if not (
        ent[0].pos_ in {"AUX", "ADP"} or common_opening_word(ent[0].text) or _function_word(ent[0])
    ):
        return ent
    surname, first = words[-1].text, ent[0].text
    if not any(
        e.label_ == "PERSON"
        and len(named := [t.text for t in e if t.tag_ != "POS"]) > 1
        and named[-1] == surname  # "Bernie Sanders's", spaCy's span with the possessive
        and first not in named
        for e in doc.ents
    ):
        return ent  # "President Barack Obama" is no rival of "Barack Obama …", the headline's
    span = doc.char_span(ent[1].idx, ent.end_char, label="PERSON")
    return ent if span is None else span


def _function_word(token: Any) -> bool:
    """Whether ``token`` is one of the small words no given name is ("Neither Cruz nor
    Christie", "Top Clinton adviser", "Both Clinton and Sanders": the English stop words,
    determiners, conjunctions, adverbs and pronouns), but for a given name's short or full
    form among them ("Will", names_rules.json's given_name_forms)."""
    word = token.lower_
    return token.is_stop and word not in _given_names()


@cache
def _given_names() -> frozenset[str]:
    forms = _data("names_rules.json")["given_name_forms"]
    return frozenset(forms) | frozenset(forms.values())


_GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def _before_tail(doc: Any, ent: Any, alone: dict[str, str]) -> Any:
    """A person's span on a title-case line (a headline) ends after the longest full name,
    of two words or more, that the article writes alone as a person: the capitals let the
    name run on into the headline's words ("Marco Rubio Donor’s …", "Donald Trump
    Rampages", "Jeb Bush Super PAC"). A generation after the name stays ("Donald Trump
    Jr."), and a line of running text keeps its words. So does a body's span the article
    writes nowhere else, two words or more past a body's name it writes alone
    ("Washington Post Hit Piece Exploits Trump Supporter" -> "Washington Post")."""
    kind = ent.label_
    if kind not in {"PERSON", "ORG"} or len(ent) < 3 or ent[-1].lower_ in _GENERATIONS:
        return ent
    text = doc_text(doc)
    if not title_case_line(text, ent.start_char, ent.end_char):
        return ent
    if kind == "ORG" and text.count(ent.text) > 1:
        return ent  # a body's long name the article writes again is its name
    for n in range(len(ent) - 1, 1, -1):
        head = ent[:n]
        if kind == "ORG" and len(ent) - n < 2:
            continue  # "Bank of America Merrill" is no run-on of "Bank of America"
        if alone.get(_bare(head.text)) == kind:
            span = doc.char_span(head.start_char, head.end_char, label=kind)
            return ent if span is None else span
    return ent


def _person_then_body(doc: Any, ent: Any, alone: dict[str, str]) -> list[Any]:
    """A person's span made of a person's name and a body's, each written alone in the
    article ("the Obama White House" beside "Obama" and "the White House"), is those two
    names: the body qualified by the person it served is no person. The body's name has
    two words or more, each capitalised ("Mike Ford" beside the carmaker "Ford" is one
    name); any other span is itself."""
    if ent.label_ != "PERSON":
        return [ent]
    for n in range(1, len(ent) - 1):
        left, right = ent[:n], ent[n:]
        kind = alone.get(_bare(right.text))
        if alone.get(_bare(left.text)) != "PERSON" or kind not in {"ORG", "FAC"}:
            continue
        if all(token.text[:1].isupper() for token in right):
            first = doc.char_span(left.start_char, left.end_char, label="PERSON")
            second = doc.char_span(right.start_char, right.end_char, label=kind)
            return [first, second] if first is not None and second is not None else [ent]
    return [ent]


def _owners(doc: Any, ents: list[Any]) -> set[str]:
    """The names the article writes alone and not as an owner: "Apple Computer" in "Apple
    Computer said …", never "McDonald" of "McDonald's" (a name that ends in its possessive,
    whether or not spaCy took the "'s" into the span)."""
    text = doc_text(doc)
    return {
        _bare(e.text)
        for e in ents
        if e.label_ in ENTITY_TYPES
        and not _TRAILING_POSSESSIVE.search(e.text)
        and not _POSSESSIVE_AFTER.match(text, e.end_char)
    }


def _owned_name(text: str) -> bool:
    """Whether the words after a possessive name a thing of their own: capitalised, and not
    a company's legal form alone ("McDonald's Corp." is one company)."""
    words = text.split()
    last = text.casefold().replace(".", "")
    return bool(words) and words[0][:1].isupper() and last not in _person_titles()[1]


_SPACED_DASH = re.compile(r"\s+[-–—]+(?:\s+|$)|^[-–—]+\s+")


def _dash_parts(doc: Any, ent: Any) -> list[Any]:
    """A name never spans a spaced dash ("San Jose - Cisco": a dateline, then the news):
    the parts on each side, each a span of its own (a known place's typed GPE); the span
    itself when it holds none."""
    if ent.label_ == "WORK_OF_ART" or not _SPACED_DASH.search(ent.text):
        return [ent]
    parts, offset = [], ent.start_char
    for piece in _SPACED_DASH.split(ent.text):
        start = doc_text(doc).find(piece, offset) if piece else -1
        if start >= 0:
            label = "GPE" if place_country(piece) is not None else ent.label_
            span = doc.char_span(start, start + len(piece), label=label)
            if span is not None and any(ch.isalpha() for ch in piece):
                parts.append(span)
            offset = start + len(piece)
    return parts


def _credit_parts(doc: Any, ent: Any) -> list[Any]:
    """A person's name never holds a slash: spaCy's PERSON over a photo credit ("Gary
    Cameron/Reuters", "Jim Watson/AFP/Getty Images") is the photographer, then the agencies
    that sent the picture, each an organisation of its own. Any other span is itself."""
    if ent.label_ != "PERSON" or "/" not in ent.text:
        return [ent]
    parts = []
    for n, piece in enumerate(_SLASHES.split(ent.text)):
        start = ent.start_char + ent.text.find(piece) if piece else -1
        span = doc.char_span(start, start + len(piece), label="PERSON" if n == 0 else "ORG")
        if start >= 0 and span is not None and any(ch.isalpha() for ch in piece):
            parts.append(span)
    return parts


_SLASHES = re.compile(r"\s*/\s*")


@cache
def _person_titles() -> tuple[tuple[tuple[int, str], ...], frozenset[str]]:
    """(word count, title) of the titles only people hold, longest first; the suffixes."""
    rules = _data("names_rules.json")
    titles = sorted(((len(t.split()), t) for t in rules["person_titles"]), reverse=True)
    return tuple(titles), frozenset(rules["org_suffixes"])
