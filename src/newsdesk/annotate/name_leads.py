"""Where a name starts and ends in running text and in headlines.

spaCy's small model takes in what stands next to a name: quotation marks, the words that
lead into it ("Starring", "Said", a sentence adverb, common words in lower case) and, in a
title-case headline, the verb of saying glued onto it ("Obama Says …") or the noun a
person's name heads ("Obama Economy"); and it cuts a name at the quotation marks of a
nickname ('Juan "Chico" Manriquez' as 'Juan' and 'Chico" Manriquez') or runs it into a
quoted label ('Christie “New Jersey’s Biggest Loser'). These helpers give
:class:`newsdesk.annotate.entities.EntityRecognizer` the offsets without them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newsdesk.annotate.name_forms import data as _data
from newsdesk.annotate.name_lexicon import common_opening_word
from newsdesk.annotate.names import PLACE_TYPES, headline_verbs, place_country
from newsdesk.annotate.nlp import doc_text

__all__ = [
    "BODY_RUN_ON_TAGS",
    "HEADLINE_CUT_TYPES",
    "after_lead_words",
    "after_prefix",
    "after_region",
    "before_head_noun",
    "before_headline_verb",
    "has_nickname",
    "headline_cut",
    "headline_part",
    "name_particle",
    "nicknamed",
    "only_handle",
    "paired_quotes",
    "title_case_line",
    "unquoted",
]

_FIRST_WORD = re.compile(r"(\S+)\s+")
_ATTRIBUTION_MARKS = frozenset(",”\"’'")

_QUOTE_MARKS = "\"'`‘’“”„«»‹›"


def unquoted(text: str, start: int, end: int) -> tuple[int, int]:
    """A name without the quotation marks spaCy took in at its edges ("`` GM Total")."""
    while start < end and (text[start] in _QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_MARKS or text[end - 1].isspace()):
        end -= 1
    return start, end


# double quotation marks: a name holds them in pairs, a nickname's ("George \"Jay\" Keyworth")
_DOUBLE_MARKS = frozenset('"“”„«»')
_OPENING_MARKS = frozenset("“„«")
# a single opening mark whose closing mark, no apostrophe, does not follow in the name
_UNCLOSED_SINGLE = re.compile(r"‘(?![^’]*’(?!\w))")
# a bracket whose closing bracket does not follow in the name: "Federal Bureau of
# Investigation (FBI" is the bureau, its initials in brackets no part of its name
_UNCLOSED_BRACKET = re.compile(r"[ \t]\((?![^)]*\))")
# a given name, a nickname of one word in quotation marks, a surname, on one line
_NICKNAMED = re.compile(
    r"\b[A-Z][\w'’.-]*[ \t]+[\"“«‘][A-Z][\w'’.-]*[\"”»’][ \t]+[A-Z][\w'’-]*[\w]"
)


def has_nickname(text: str) -> bool:
    """Whether ``text`` is a name with a nickname in quotation marks ('Juan ‘Bunny’ Ruiz'):
    its closing mark is no possessive's apostrophe."""
    return _NICKNAMED.fullmatch(text) is not None


def nicknamed(doc: Any, ents: list[Any]) -> list[Any]:
    """spaCy's entities, a person's name with a nickname in quotation marks made one
    PERSON span ('Juan "Chico" Manriquez', 'Marcia “Cia” Price'): spaCy cuts it at the
    marks ('Juan' and 'Chico" Manriquez', or 'George "Jay') and types the parts as it
    may. A given name, a one-word nickname and a surname, capitalised on one line, are one
    person's when spaCy took one of their words for a person; a title-case line (a
    headline: 'Trump “Wins” Debate') is left as it is."""
    text = doc_text(doc)
    if '"' not in text and "“" not in text and "«" not in text:
        return ents
    for match in _NICKNAMED.finditer(text):
        start, end = match.span()
        inside = [e for e in ents if e.start_char < end and e.end_char > start]
        if not any(e.label_ == "PERSON" for e in inside) or _title_case_line(text, start, end):
            continue
        if any(e.end_char > end for e in inside):
            continue  # a longer name holds it: left to it
        start = min([start] + [e.start_char for e in inside])  # "Marine John “Tig"
        span = doc.char_span(start, end, label="PERSON", alignment_mode="expand")
        if span is None or span.start_char != start or span.end_char != end:
            continue
        ents = sorted([e for e in ents if e not in inside] + [span], key=lambda e: e.start)
    return ents


def _opens(text: str, at: int) -> bool:
    """Whether the mark at ``at`` opens a quotation: a curly opening mark, or a straight one
    at the start of a line or after a space, a bracket or a dash."""
    mark = text[at]
    if mark != '"':
        return mark in _OPENING_MARKS
    return at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–-"


def paired_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """A name never holds half a quotation: a mark without its pair ends the name before
    it, as the quoted words are a title or a label, no part of the name ('Christie “New
    Jersey’s Biggest Loser,”' is Christie; '"Teamsters for Trump" Facebook page' the
    Teamsters for Trump; 'Rudy Giuliani Wear ‘Make Mexico' of a headline is no one's name);
    so does an opening bracket without its closing one ('Young Americans for Freedom (YAF').
    A pair is kept (a nickname: 'Juan "Chico" Manriquez')."""
    marks = [(at, _opens(text, at)) for at in range(start, end) if text[at] in _DOUBLE_MARKS]
    single = _UNCLOSED_SINGLE.search(text[:end], start) or _UNCLOSED_BRACKET.search(
        text[:end], start
    )
    if single is not None:
        marks = sorted([*marks, (single.start(), True)])
    elif not marks or (len(marks) == 2 and marks[0][1] and not marks[1][1]):
        return start, end
    kept = text[start : marks[0][0]].rstrip(" \t—–-,:;")
    return (start, start + len(kept)) if any(ch.isupper() for ch in kept) else (start, end)


# what a name never starts with: a pronoun and its verb ("I’m Muslim", "It's Trump"), or a
# prefix joined to the name by a hyphen that makes a word of it ("anti-LGBT", "pro-Clinton")
_NO_NAME_START = re.compile(
    r"(?:(?:I|We|You|He|She|It|They|That|There)['’](?:m|s|re|ve|d|ll)[ \t]+"
    r"|(?i:anti|pro|non|post|pre|mid|neo)-(?=[A-Z]))"
)


def after_prefix(text: str, start: int, end: int) -> int:
    """Where a person's name starts once a pronoun and its contracted verb ("I’m Muslim",
    spaCy's PERSON) or a hyphenated prefix ("anti-LGBT", "pro-Trump") are off: no one is
    named "I’m", and "anti-LGBT", a PERSON that took in every "LGBT" of the article, names
    what "LGBT" names. Spans of other types keep their prefix ("pro-Kessler" typed ORG is
    an adjective, no vote on Kessler's type)."""
    match = _NO_NAME_START.match(text, start, end)
    return match.end() if match is not None and match.end() < end else start


def after_lead_words(text: str, start: int, end: int) -> int:
    """Where the name starts once words that lead into it are off: credits ("Starring",
    "Featuring"), sentence adverbs ("Maybe") and common words in lower case always; a verb
    of saying ("Said Kate") when the name has two words after it, or when it follows a
    quotation or a comma (an attribution, not "Said Hassan")."""
    rules = _data("names_rules.json")
    leads, speech = frozenset(rules["lead_words"]), frozenset(rules["speech_forms"])
    while True:
        match = _FIRST_WORD.match(text, start, end)
        if match is None:
            return start
        word, rest = match.group(1).casefold(), text[match.end() : end].split()
        if not rest or not rest[0][:1].isupper():
            return start
        before = text[:start].rstrip()[-1:]
        attributed = len(rest) >= 2 or before in _ATTRIBUTION_MARKS
        if word in leads or (word in speech and attributed) or _common_word(match.group(1)):
            start = match.end()
            continue
        return start


# a place's region written with stops: two initials ("N.J.") or a short word ("Calif.")
_REGION = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{1,4}\.")
_PLACE_AND_COMMA = re.compile(r"(\w[\w'’.-]*),[ \t]+$")


def after_region(doc: Any, start: int, end: int) -> int:
    """Where a person's name starts when spaCy ran the region of a place before it into it:
    "… at Bedminster, N.J. Roger Ailes, the former chairman …" (the sentence ends on the
    region's stop) names Roger Ailes. The word before the comma is a place, tagged so or
    known; the region is two initials with stops or a short word with one ("Calif."), and
    two capitalised words follow it ("the author of Harry Potter, J.K. Rowling" keeps her
    initials: Potter is no place)."""
    text = doc_text(doc)
    first = _FIRST_WORD.match(text, start, end)
    if first is None or _REGION.fullmatch(first.group(1)) is None:
        return start
    rest = text[first.end() : end].split()
    place = _PLACE_AND_COMMA.search(text, max(0, start - 60), start)
    if place is None or len(rest) < 2 or not all(word[:1].isupper() for word in rest):
        return start
    span = doc.char_span(place.start(1), place.end(1), alignment_mode="expand")
    tagged = span is not None and span[-1].ent_type_ in PLACE_TYPES
    return first.end() if tagged or place_country(place.group(1)) is not None else start


_NAME_PARTICLES = frozenset((
    "abu", "al", "bin", "ibn", "ben", "bint", "da", "das", "de", "del", "della", "der", "di",
    "do", "dos", "du", "el", "la", "le", "ould", "san", "ter", "ten", "van", "von", "y",
))  # fmt: skip


def name_particle(word: str) -> bool:
    """Whether ``word`` is a name's particle, whatever its case ("Le" of "Le Pen")."""
    return word.casefold() in _NAME_PARTICLES


def _common_word(word: str) -> bool:
    """A word in lower case before a capitalised one is no part of its name ("a 2015 or
    older MacBook Pro"), unless it is a name's particle ("van Gogh", "al-Assad" aside)."""
    return word.isalpha() and word.islower() and word not in _NAME_PARTICLES


HEADLINE_CUT_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the line around ``start:end`` is set in title case (a headline): at least
    three words of four letters or more, four in five of them capitalised (a style may keep
    "with" or "from" lower case)."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    line_end = min(
        (i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0), default=len(text)
    )
    long = [w for w in _WORD.findall(text, line_start, line_end) if len(w) >= 4]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` is a run of words set in capitals with another word in
    capitals right before it: a headline in capitals run into its paragraph ("DNC CHAIR
    DEBBIE WASSERMAN SCHULTZ RESIGNS After months …", a newsletter's lead-in), read as a
    title-case line is."""
    span = _WORD.findall(text, start, end)
    before = _WORD.findall(text, max(0, start - 40), start)
    capitals = [w for w in span if any(c.isalpha() for c in w)]
    return (
        len(capitals) >= 2
        and all(w.isupper() for w in capitals)
        and bool(before)
        and before[-1].isupper()
        and len(before[-1]) >= 2
    )


def title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the line around ``start:end`` is set in title case (a headline)."""
    return _title_case_line(text, start, end)


def headline_cut(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """A name in a title-case headline loses the verb of saying or reporting glued onto it:
    "Obama Says …" -> "Obama", "Trump Warns Merkel …" -> "Trump", "Says Obama" -> "Obama",
    "Lawmakers Rip Donald Trump" -> "Donald Trump", "Port Workers Slam …" -> "Port Workers";
    a person's name also ends before a common noun it heads ("Obama Economy Slows …")."""
    plural = _plural_headline_verbs()
    verbs = headline_verbs() | plural
    cuts = verbs | _head_nouns() if kind == "PERSON" else verbs
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if len(words) < 2:
        return start, end
    folded = [text[start + a : start + b].casefold() for a, b in words]
    headline = _title_case_line(text, start, end) or _in_capitals(text, start, end)
    if not any(word in cuts for word in folded) or not headline:
        return start, end
    speech = folded[0] in verbs and folded[0] in _data("names_rules.json")["speech_forms"]
    # a plural subject's verb before a full name: "Lawmakers Rip Donald Trump"
    glued = kind == "PERSON" and folded[0] in plural and len(words) >= 3
    if speech or glued:
        # only these lead: "Claims Conference" keeps its first word
        start, words, folded = start + words[1][0], words[1:], folded[1:]
        words = [(a - words[0][0], b - words[0][0]) for a, b in words]
    for n in range(1, len(words)):
        if folded[n] in cuts:
            return start, start + words[n - 1][1]
    return start, end


@cache
def _plural_headline_verbs() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["headline_verbs_plural"])


@cache
def _head_nouns() -> frozenset[str]:
    return frozenset(_data("names_rules.json")["head_nouns"])


def before_head_noun(text: str, start: int, end: int) -> int:
    """A person's name ends before a common noun it modifies: "Obama Economy" is an economy
    that names Obama; the mention is "Obama"."""
    heads = _head_nouns()
    words = text[start:end].split()
    while len(words) > 1 and words[-1].casefold() in heads:
        words.pop()
        end = text.rfind(words[-1], start, end) + len(words[-1])
    return end


# the tags of a verb that has a tense or a person (not a bare form: "Will", "Grant"), of a
# modal, and of a comparative or superlative ("Got More", "Best"): no body's name runs on
# into them ("Sanders Are[n't]")
BODY_RUN_ON_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# nor a person's into a preposition or "to" ("Obama To Asians Worried About …")
_RUN_ON_TAGS = BODY_RUN_ON_TAGS | {"JJR", "JJS", "RBR", "RBS", "IN", "TO"}


def before_headline_verb(
    doc: Any, start: int, end: int, *, tags: frozenset[str] = _RUN_ON_TAGS
) -> int:
    """A person's name in a title-case headline ends before the first word after its first
    that the tagger reads as a verb with a tense, a modal, a preposition or a comparative
    (``tags``; a body's name: a verb or a modal): "Donald Trump Got More Votes In Ohio" ->
    "Donald Trump", "Obama To Asians Worried" -> "Obama", where the headline's capitals let
    the name run on into the sentence. A name on a line of running text keeps its words."""
    if not _title_case_line(doc_text(doc), start, end):
        return end
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    for token in span[1:]:
        if token.tag_ in tags:
            last = doc[token.i - 1]
            return int(last.idx + len(last))
    return end


# the types of a name a headline's person's span may be cut to
_PART_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# the tags of a word a headline glues onto a name and no name holds: a preposition, "to", a
# modal, a verb with a tense or a person
_GLUE_TAGS = frozenset({"IN", "TO", "MD", "VBD", "VBZ", "VBP"})


def headline_part(doc: Any, ent: Any, alone: dict[str, str]) -> Any:
    """A person's span on a title-case line (a headline) that the article writes nowhere
    else is the name it holds that the article writes alone, when every other word is a
    headline's: "Endorsed Trump", "Hid Key Clinton", "McCain Challenger", "Will Twitter Be
    Next" -> "Trump", "Clinton", "McCain", "Twitter"; so is a body's span that runs on into
    a verb or a preposition ("Obama To Resign"). A headline's word is one the tagger
    reads as a preposition, a modal or a verb with a tense, a verb's form in -ed or -ing,
    or a word the article writes in lower case ("challenger", "key"), and one no other name
    of the article holds ("Donald" of "Donald J. Trump" stays). The longest such name, the
    first of two, takes the type it is written alone with ("Battleground Senate": the
    Senate). ``alone`` holds the article's names as compared (case folded, no "the")."""
    if ent.label_ not in {"PERSON", "ORG"} or len(ent) < 2:
        return ent
    if ent.label_ == "ORG" and not any(token.tag_ in _GLUE_TAGS for token in ent[1:]):
        return ent  # a body's name holds a person's: "Trump University", "Clinton Foundation"
    text = doc_text(doc)
    if text.count(ent.text) > 1 or not _title_case_line(text, ent.start_char, ent.end_char):
        return ent
    whole = ent.text.casefold()
    others = {word for name in alone if name != whole for word in name.split()}
    for size in range(len(ent) - 1, 0, -1):
        for at in range(len(ent) - size + 1):
            part = ent[at : at + size]
            kind = alone.get(part.text.casefold())
            if kind not in _PART_TYPES:
                continue
            rest = [*ent[:at], *ent[at + size :]]
            if all(_headline_word(token, text, others) for token in rest):
                span = doc.char_span(part.start_char, part.end_char, label=kind)
                return ent if span is None else span
    return ent


def _headline_word(token: Any, text: str, others: set[str]) -> bool:
    """Whether a capitalised word of a headline's name is the headline's, no name's."""
    word = token.text
    if not word[:1].isupper() or word.casefold() in others:
        return False
    if token.tag_ in _GLUE_TAGS or common_opening_word(word):
        return True
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


_HANDLE = re.compile(r"(?<!\S)@\w+")


def only_handle(text: str, start: int, end: int) -> tuple[int, int]:
    """A span holding a social-media handle and other words is the handle alone: the words
    around it are its platform or the sentence's ("the @realDonaldTrump Twitter feed", "U
    see @edhenry"), no part of one name."""
    handles = list(_HANDLE.finditer(text, start, end))
    if len(handles) != 1 or len(text[start:end].split()) < 2:
        return start, end
    return handles[0].start(), handles[0].end()
