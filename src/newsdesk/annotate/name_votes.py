"""What a name's words and the index's other names say about its type and its group.

:class:`newsdesk.annotate.names.NameIndex` votes a name's type over its mentions; these
helpers read the evidence a single mention cannot give: the other names of the index.
A person's name written before a body's ("the Obama White House": spaCy's one PERSON
span) names that body, and a one-word body that starts other bodies' names ("Fox" beside
"Fox News") is a body's short form, never some person's surname. Words of a product's
model and of a body named after someone say what a name is whatever spaCy tagged it, and a
name written as what another owns ("Green Party’s Jill Stein") never absorbs its owner.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from newsdesk.annotate.name_forms import POSSESSIVE, data, fold, initial_word, vote

__all__ = [
    "BODY_TYPES",
    "body_ending",
    "body_written_after",
    "middle_name_forms",
    "model_name",
    "named_after_someone",
    "owned_by",
    "pair_of_people",
    "quoted_forms",
    "short_forms",
    "starts_bodies",
    "styled_initial",
]

# a body's types, an organisation or a building: no person's name ends in one of two words
# or more, where a place's name may be a surname ("Marisol Santa Cruz")
BODY_TYPES = frozenset({"ORG", "FAC"})


def body_written_after(
    key: tuple[str, ...],
    votes: Counter[str],
    written: Callable[[tuple[str, ...]], tuple[Counter[str], Counter[str]] | None],
) -> str | None:
    """The type of the body a name ends in, when its words after the first are a body's name
    written as two words or more, each capitalised, that the index types a body more often
    than this name is typed a person ("Obama White House", once PERSON, beside "White
    House", ORG twice): a body qualified by the person it served, never a person whose
    surname is "White House". None otherwise: a one-word tail may be a surname ("Mike Ford"
    beside the carmaker "Ford"), and so may a double-barrelled one ("Mara Okonkwo-Reyes"
    beside "Okonkwo-Reyes" typed ORG) or one with a particle in lower case ("Joost van der
    Westhuizen" beside "Van der Westhuizen" typed ORG). ``written`` gives the votes and the
    spellings of a name the index holds."""
    for n in range(1, len(key) - 1):
        tail = written(key[n:])
        if tail is None:
            continue
        tail_votes, spellings = tail
        body = sum(tail_votes[t] for t in BODY_TYPES)
        words = [text.split() for text in spellings]
        apart = all(len(written) > 1 and all(w[:1].isupper() for w in written) for written in words)
        if vote(tail_votes) in BODY_TYPES and body > votes["PERSON"] and apart:
            return vote(tail_votes)
    return None


def starts_bodies(key: tuple[str, ...], bodies: Iterable[tuple[str, ...]]) -> bool:
    """Whether a one-word name is the first word of a longer body's name in the index ("Fox"
    of "Fox News" and "Fox Business Network"): the short form of one of them, though which
    one is open, and never the surname of a person another article names ("Vicente Fox").
    An article that names the person in full is evidence of its own: its "Trump", typed ORG
    beside "Trump University", is Donald Trump's."""
    return len(key) == 1 and any(len(body) > 1 and body[0] == key[0] for body in bodies)


_MODEL_CODE = re.compile(r"[^\W\d_]+\d")  # letters, then a digit: "rav4", "x4", "g3"


def model_name(key: tuple[str, ...]) -> bool:
    """Whether a name's words say a product's model: a model word ("MacBook Pro", "Switch
    Lite", "Nighttime Supplement") or a code of letters then digits ("RAV4 Hybrid",
    "Nighthawk X4"). No person's name holds one; a number after a name ("Crawley 106", a
    score) is no code."""
    words = _model_words()
    return any(word in words or _MODEL_CODE.match(word) for word in key)


@cache
def _model_words() -> frozenset[str]:
    return frozenset(data("names_rules.json")["model_words"])


def named_after_someone(key: tuple[str, ...]) -> bool:
    """Whether a name of several words ends in a word that names a body or place after
    someone ("Harold Brennan Foundation", "Kennedy Presidential Library"): never a person."""
    return len(key) > 1 and key[-1] in data("names_rules.json")["named_after_words"]


def body_ending(
    key: tuple[str, ...],
    spellings: Counter[str],
    written: Callable[[tuple[str, ...]], tuple[Counter[str], Counter[str]] | None],
) -> bool:
    """Whether a name of two words or more ends in a word no person's name ends in: a
    body's head word ("Swiss People’s Party": names_rules.json's body_end_words), or a
    body's letters in capitals after a word that is not ("Indiana GOP", "Junge SVP"),
    letters the index types a body when written alone ("GOP"): a body of that body."""
    if len(key) < 2:
        return False
    if key[-1] in data("names_rules.json")["body_end_words"]:
        return True
    alone = written(key[-1:])
    if alone is None or vote(alone[0]) != "ORG":
        return False
    for spelling in spellings:
        words = spelling.split()
        if len(words) < 2 or words[0].isupper():
            return False
        last = words[-1].replace(".", "")
        if not (len(last) > 1 and last.isalpha() and last.isupper()):
            return False
    return True


def styled_initial(
    key: tuple[str, ...], holders: Iterable[tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The one name of ``holders`` that is the full name ``key`` with a middle initial added
    ("Donald J. Trump" of "Donald Trump"), when no other name adds a middle word to it
    ("George H.W. Bush" beside "George W. Bush" leaves "George Bush" open); a name that
    adds a word at its end ("Donald Trump Jr.") is no such variant. In one article an
    initial tells two people apart (a founder and a later namesake); across stories it is
    an outlet's style (the New York Times writes "Donald J. Trump", "Harry M. Reid", "James
    B. Comey"), whichever form outlets write more: the store's names carry no sign of two
    people but a second variant."""
    middle = [
        holder
        for holder in holders
        if len(key) > 1
        and len(holder) == len(key) + 1
        and any(holder[:n] + holder[n + 1 :] == key for n in range(1, len(holder) - 1))
    ]
    if len(middle) != 1 or not any(initial_word(w, middle[0]) for w in set(middle[0]) - set(key)):
        return None
    return middle[0]


def quoted_forms(
    people: list[tuple[str, ...]], quoted: set[tuple[str, ...]]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Full names of people written only inside quotations (``quoted``, keys of ``people``),
    each with the one name of ``people`` that adds a middle initial to it (see
    :func:`styled_initial`) and is written outside them: a speaker says "Donald Trump" of
    the man the writer calls "Donald J. Trump" (the New York Times' style), as no one says
    an initial aloud, so the two are one person, and the surname alone has one full name
    to join. A speaker's formal "Donald J. Trump" (a roll call's) joins the one name the
    writer gives without the initial ("Donald Trump") as well. A name the writer writes
    both ways in the text's own words ("John Smith", the founder, and "John Q. Smith", a
    later namesake) stays two people."""
    joined: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in quoted:
        full = styled_initial(key, people)
        if full is not None and full not in quoted:
            joined[key] = full
            continue
        plain = [p for p in people if p not in quoted and styled_initial(p, people) == key]
        if len(plain) == 1:
            joined[key] = plain[0]
    return joined


def pair_of_people(
    key: tuple[str, ...],
    spellings: Counter[str],
    full_names: Callable[[], list[tuple[str, ...]]],
) -> bool:
    """Whether a name written as two surnames joined by a hyphen ("Clinton-Kaine", "the
    Clinton-Kaine ticket") joins two people of the index: each part ends the full name of
    a person ("Hillary Clinton", "Tim Kaine") that does not hold the other. It names their
    ticket or their law, no one person, and holds neither surname; a double-barrelled
    surname ("Okonkwo-Reyes" of "Mara Okonkwo-Reyes", beside "Mara Okonkwo") has a part no
    other full name ends. ``full_names`` gives the keys of the index's full names."""
    if len(key) != 2 or not all(" " not in s.strip() and "-" in s for s in spellings):
        return False
    names = full_names()
    first = any(name[-1] == key[0] and key[1] not in name for name in names)
    return first and any(name[-1] == key[1] and key[0] not in name for name in names)


def owned_by(key: tuple[str, ...], spellings: Iterable[str]) -> bool:
    """Whether a longer name is written as what ``key`` owns ("Green Party’s Jill Stein",
    "Apple Computer's Mac OS": the owner's last word ends in its possessive): it names a
    thing or person of the owner's, never the owner, however its words fold ("Party’s").
    A possessive before a model's word is the model's name ("Stadia Founder's Edition")."""
    for spelling in spellings:
        words = spelling.split()
        seen = 0
        for n, word in enumerate(words[:-1]):
            seen += len(fold(word).split())
            if seen >= len(key):
                rest = tuple(fold(" ".join(words[n + 1 :])).split())
                if seen == len(key) and POSSESSIVE.search(word) and not model_name(rest):
                    return True
                break
    return False


def short_forms(
    people: list[tuple[str, ...]], count: Callable[[tuple[str, ...]], int]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Full names of people (``people``, keys typed PERSON; ``count`` gives a key's mentions)
    that differ only in a given name written in its short form
    ("Pete Santilli", "Peter Santilli"; names_rules.json's given_name_forms), each with
    the one name of them written most (a tie: the full form): one person, whose surname
    alone then has one full name to join. Two short forms of one full name ("Bill Lee",
    "Billy Lee" beside "William Lee") leave all three as they are."""
    forms = _given_name_forms()
    by_rest: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in people:
        by_rest[key[1:]].append(key)
    joined: dict[tuple[str, ...], tuple[str, ...]] = {}
    for keys in by_rest.values():
        for short in keys:
            full = [k for k in keys if forms.get(short[0]) == k[0]]
            if len(full) != 1 or sum(forms.get(k[0]) == full[0][0] for k in keys) != 1:
                continue
            pair = (short, full[0])
            root = max(pair, key=lambda k: (count(k), k == full[0]))
            joined.update({k: root for k in pair if k != root})
    return joined


def middle_name_forms(people: list[tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Full names of people (``people``) whose given name is the short form of the middle
    name of the one longer full name with the same surname ("Ted Cruz" of "Rafael Edward
    Cruz", a legal name; names_rules.json's given_name_forms: "ted" is "edward"), each with
    that longer name: one person, who goes by the middle name. A middle name written as it
    is ("Mitt Romney" of "Willard Mitt Romney") already joins as a shorter form of it."""
    forms = _given_name_forms()
    joined: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key in people:
        full = forms.get(key[0])
        if full is None or len(key) < 2:
            continue
        longer = [
            p
            for p in people
            if len(p) > len(key)
            and p[-len(key) + 1 :] == key[1:]
            and full in p[1 : -len(key) + 1]
            and key[0] not in p
        ]
        if len(longer) == 1:
            joined[key] = longer[0]
    return joined


@cache
def _given_name_forms() -> dict[str, str]:
    return dict(data("names_rules.json")["given_name_forms"])
