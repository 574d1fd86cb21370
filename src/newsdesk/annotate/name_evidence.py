"""What the words around a name say of its type, where spaCy's tag says otherwise.

spaCy's small model types a person it does not know an organisation in every mention
("Carly Fiorina", a given name it never saw), and the store then counts no person at all.
The sentence often says it: the name does something to her or his own ("Carly Fiorina
threw her support behind …", "Fiorina was upfront about her distaste …"), as no body
does (a company's is "its"). :func:`person_by_pronoun` reads that, so the mention votes
PERSON; the index still types the name by the votes of all its mentions.
"""

from __future__ import annotations

from typing import Any

__all__ = ["person_by_pronoun"]

# a person's own, as a possessive or a reflexive: "her support", "his own bid", "herself"
_PERSONAL_OWN = frozenset({"her", "his", "herself", "himself"})
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
    if not any(ch.islower() for ch in ent.text) or ent.end >= len(doc):
        return False
    if ent[0].pos_ == "DET" or (ent.start and doc[ent.start - 1].pos_ == "DET"):
        return False
    if doc[ent.end].pos_ not in {"VERB", "AUX"}:
        return False
    for token in doc[ent.end : ent.end + _MAX_BETWEEN + 1]:
        if token.lower_ in _PERSONAL_OWN and (token.tag_ == "PRP$" or token.lower_[-4:] == "self"):
            return True
        if token.pos_ not in _BETWEEN:
            return False
    return False
