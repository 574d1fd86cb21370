"""What the words around a name say of its type, where spaCy's tag says otherwise.

spaCy's small model types a person it does not know an organisation in every mention
("Carly Fiorina", a given name it never saw), and the store then counts no person at all.
The sentence often says it: the name does something to her or his own ("Carly Fiorina
threw her support behind …", "Fiorina was upfront about her distaste …"), as no body
does (a company's is "its"), or it writes a title only people hold before the name
("Amtrak spokeswoman Maureen Garrity", "CEO Carly Fiorina"). :func:`person_by_pronoun` and
:func:`person_by_title` read that, so the mention votes PERSON; the index still types the
name by the votes of all its mentions. The other way round, spaCy types a platform or a
company a person in nearly every mention ("Twitter" in an article about it), and the text
gives it its own ("Twitter has struggled since its public offering"): :func:`body_by_pronoun`
reads that, and a one-word name with no sign of a person that is given its own even once
is a body (:meth:`newsdesk.annotate.names.NameIndex.add`, ``its_own``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from newsdesk.annotate.name_forms import data

__all__ = [
    "body_by_pronoun",
    "person_by_age",
    "person_by_pronoun",
    "person_by_title",
    "person_by_words",
]

# a person's own, as a possessive or a reflexive: "her support", "his own bid", "herself"
_PERSONAL_OWN = frozenset({"her", "his", "herself", "himself"})
# a thing's own: "its response", "itself"
_THING_OWN = frozenset({"its", "itself"})
# what may stand between a subject and its own pronoun: the verb and its auxiliaries,
# particles, adverbs, adjectives and prepositions ("was upfront about her")
_BETWEEN = frozenset({"VERB", "AUX", "PART", "ADV", "ADJ", "ADP"})
_MAX_BETWEEN = 5


def person_by_pronoun(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent``, a subject, is followed by its verb and then her or his own
    with nothing but verbs, adverbs, adjectives and prepositions between ("Carly Fiorina
    threw her support", "Fiorina was upfront about her distaste"): a person. A name in
    capitals ("NBC asked his guest"), after a determiner ("the Senate delayed confirming his
    nomination": English writes a person's name bare) or followed by no verb says nothing."""
    return _owns(doc, ent, _PERSONAL_OWN)


def body_by_pronoun(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent``, a subject, is followed by its verb and then its own, as
    :func:`person_by_pronoun` reads her or his ("Twitter has struggled since its public
    offering", "Twitter has positioned itself as …"): a thing, a body or a place, never a
    person."""
    return _owns(doc, ent, _THING_OWN)


def _owns(doc: Any, ent: Any, own: frozenset[str]) -> bool:
    if not any(ch.islower() for ch in ent.text) or ent.end >= len(doc):
        return False
    if ent[0].pos_ == "DET" or (ent.start and doc[ent.start - 1].pos_ == "DET"):
        return False
    if doc[ent.end].pos_ not in {"VERB", "AUX"}:
        return False
    for token in doc[ent.end : ent.end + _MAX_BETWEEN + 1]:
        if token.lower_ in own and (token.tag_ == "PRP$" or token.lower_[-4:] == "self"):
            return True
        if token.pos_ not in _BETWEEN:
            return False
    return False


@cache
def _one_word_person_titles() -> frozenset[str]:
    """names_rules.json's person_titles of one word ("spokeswoman", "mayor", "senator") and
    its occupations no body holds ("candidate", "novelist"; not "publisher", "pollster")."""
    rules = data("names_rules.json")
    titles = {t for t in rules["person_titles"] if " " not in t}
    return frozenset(titles | (set(rules["occupations"]) - set(rules["body_occupations"])))


def person_by_title(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent``, two words or more, each capitalised and none in capitals,
    follows a title only people hold, in lower case or not ("Amtrak spokeswoman Maureen
    Garrity", "Former Hewlett-Packard CEO Carly Fiorina", "presidential candidate Carly
    Fiorina"): a person. "the official China Daily", "lead manager Lehman Brothers
    International" or "publisher Random House" name bodies: "official", "manager" and
    "publisher" are no such title."""
    words = ent.text.split()
    if ent.start == 0 or len(words) < 2:
        return False
    if not all(word[:1].isupper() and not word.isupper() for word in words):
        return False
    before = doc[ent.start - 1]
    return before.lower_ in _one_word_person_titles()


_MAX_AGE = 110


def person_by_age(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent`` has an age in apposition after it ("Keith Lamont Scott, 43,
    was shot", "Ana Ruiz, 71, of Kell"): a person, as no body is written with one."""
    end = ent.end
    if end + 2 > len(doc) or doc[end].text != "," or not doc[end + 1].like_num:
        return False
    if not doc[end + 1].text.isdigit() or not 0 < int(doc[end + 1].text) <= _MAX_AGE:
        return False
    return end + 2 == len(doc) or doc[end + 2].text in {",", ".", ";"}


def person_by_words(doc: Any, ent: Any) -> bool:
    """Whether the words around ``ent`` say it is a person: its own pronoun, a title only
    people hold, or an age in apposition."""
    return person_by_pronoun(doc, ent) or person_by_title(doc, ent) or person_by_age(doc, ent)
