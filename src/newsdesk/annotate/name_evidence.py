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

import re
from functools import cache
from typing import Any

from newsdesk.annotate.name_forms import data

__all__ = [
    "body_by_apposition",
    "body_by_holdings",
    "body_by_noun_before",
    "body_by_pronoun",
    "person_by_age",
    "person_by_apposition",
    "person_by_honorific",
    "person_by_kin",
    "person_by_kin_before",
    "person_by_list",
    "person_by_own",
    "person_by_pronoun",
    "person_by_title",
    "person_by_who",
    "person_by_words",
    "person_named",
    "relative_by_surname",
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


def body_by_holdings(doc: Any, ent: Any) -> bool:
    """Whether the one-word name ``ent`` owns what only a company has, its shares or its stock
    ("Valeant's stock price", "Valeant shares", "the shareholders of Valeant":
    names_rules.json's holding_nouns): a company, whatever spaCy typed it (the small model
    takes a company it does not know for a place). A board is a state's too, and a
    holding noun before a market's ("the Montreal stock exchange": market_nouns) a place's."""
    if len(ent) != 1 or not ent.text[:1].isupper() or ent.end >= len(doc):
        return False
    holdings, markets = _holding_nouns(), _market_nouns()
    at = ent.end + 1 if doc[ent.end].lower_ in {"'s", "’s"} else ent.end
    after = doc[at] if at < len(doc) else None
    if after is not None and after.lower_ in holdings and after.pos_ == "NOUN":
        # "the Montreal stock exchange", "Tokyo shares market": a place's market
        return at + 1 >= len(doc) or doc[at + 1].lower_ not in markets
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return False
    owner = doc[ent.start - 2]
    return owner.lower_ in holdings and owner.pos_ == "NOUN"


# what joins a plural body's noun to the first name of its examples: "companies such as"
_EXAMPLE_WORDS = ("such", "as")


def body_by_noun_before(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent`` follows a body's noun in lower case that it names ("tobacco
    company Altria", "the investment firm Janney Montgomery Scott", "drug companies such as
    Pfizer": names_rules.json's body_nouns): a body, whatever spaCy typed it. A name whose
    verb comes right after it is the subject of a clause on the noun ("the company Trump
    founded", "a school Obama attended") and says nothing; nor does a noun that is its own
    sentence's name ("Company" opening a line)."""
    at = ent.start - 1
    if at >= 1 and tuple(t.lower_ for t in doc[at - 1 : at + 1]) == _EXAMPLE_WORDS:
        at -= 2  # "companies such as Pfizer"
    if at < 0 or not ent.text[:1].isupper():
        return False
    noun = doc[at]
    if noun.lower_ not in _body_nouns() or not noun.text.islower() or noun.pos_ != "NOUN":
        return False
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.lower_ in {"'s", "’s"}:
        after = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    return after is None or after.pos_ not in {"VERB", "AUX"}


@cache
def _holding_nouns() -> frozenset[str]:
    return frozenset(data("names_rules.json")["holding_nouns"])


@cache
def _market_nouns() -> frozenset[str]:
    return frozenset(data("names_rules.json")["market_nouns"])


def person_by_own(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent`` is followed, as :func:`person_by_pronoun` reads, by "her
    own", "his own", "herself" or "himself" ("Fiorina offered her own approach"): no other
    person's, as a bare "her" may be ("Forbes said her net worth …", "Forbes put his net
    worth at …")."""
    return _owns(doc, ent, _PERSONAL_OWN, strict=True)


def _owns(doc: Any, ent: Any, own: frozenset[str], *, strict: bool = False) -> bool:
    if not any(ch.islower() for ch in ent.text) or ent.end >= len(doc):
        return False
    if ent[0].pos_ == "DET" or (ent.start and doc[ent.start - 1].pos_ == "DET"):
        return False
    if doc[ent.end].pos_ not in {"VERB", "AUX"}:
        return False
    for token in doc[ent.end : ent.end + _MAX_BETWEEN + 1]:
        if token.lower_ in own and (token.tag_ == "PRP$" or token.lower_[-4:] == "self"):
            if not strict or token.lower_[-4:] == "self":
                return True
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            return after is not None and after.lower_ == "own"
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
    was shot", "Ana Ruiz, 71, of Kell", "Keith Lamont Scott, a 43-year-old black man,"): a
    person, as no body is written with one."""
    end = ent.end
    if end + 2 > len(doc) or doc[end].text != ",":
        return False
    if doc[end + 1].lower_ in {"a", "an"} and _YEARS_OLD.match(doc[end + 2 :][:6].text):
        return True  # "a 43-year-old black man"
    if not doc[end + 1].like_num:
        return False
    if not doc[end + 1].text.isdigit() or not 0 < int(doc[end + 1].text) <= _MAX_AGE:
        return False
    return end + 2 == len(doc) or doc[end + 2].text in {",", ".", ";"}


_YEARS_OLD = re.compile(r"(\d{1,3})\s*-\s*years?\s*-\s*old\b")


def person_by_kin_before(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent``, capitalised and not in capitals, follows a member of a
    family in lower case ("Mr. Trump's daughter Ivanka", "his brother Freddy", "let daughter
    Ivanka have a whirl", after its owner and a comma: "his wife, Melania,"): a person,
    whatever spaCy typed it; no body is a daughter. A
    family's name ("the family Foundation") is left out, and so is a name after "the" (a
    body's kin is a figure of speech: "its corporate cousin The Wall Street Journal")."""
    if ent.start == 0 or not ent.text[:1].isupper() or ent.text.isupper():
        return False
    if ent[0].lower_ == "the" or ent[0].pos_ == "DET":
        return False
    before = doc[ent.start - 1]
    if before.text == "," and ent.start >= 3 and doc[ent.start - 3].lower_ in _OWNERS:
        before = doc[ent.start - 2]  # "his wife, Melania, …", "Trump's wife, Melania"
    return before.is_lower and before.lower_ in _kin_words() - {"family"}


# who owns a member of a family named before a comma and the relative's name
_OWNERS = frozenset({"his", "her", "their", "my", "our", "'s", "’s"})


# what may stand between a relative's kin noun and the name: titles, written in capitals or
# not, and their modifiers, and commas ("Bush's father, President George H.W. Bush",
# "Clinton's husband, former president Bill Clinton", "Flynn's father Herbert Flynn")
_KIN_GAP = 4


@cache
def _title_words() -> frozenset[str]:
    roles = data("entities_roles.json")
    return frozenset(roles["title_words"]) | frozenset(roles["title_modifiers"]) | {"late", "the"}


def _before_relative(token: Any) -> bool:
    """Whether ``token`` may stand between a kin noun and the relative's name."""
    return token.text == "," or token.is_title or token.lower_ in _title_words()


def relative_by_surname(doc: Any, ent: Any) -> bool:
    """Whether the full name ``ent`` is introduced as a relative of the person its surname
    alone names ("Bush's father, President George H.W. Bush", "Clinton's husband, former
    president Bill Clinton", "Gray's sister Mahnefah Gray"): the text's bare surname is that
    person, not this relative."""
    if len(ent) < 2:
        return False
    surname = ent[-1].text
    at = ent.start - 1
    gap = 0
    while at >= 0 and gap < _KIN_GAP and _before_relative(doc[at]):
        at, gap = at - 1, gap + 1
    if at < 1 or doc[at].lower_ not in _kin_words() - {"family"}:
        return False
    if doc[at - 1].lower_ in {"her", "his"}:
        return True  # "she vented to her husband, Frank Fiorina"
    return at >= 2 and doc[at - 1].lower_ in {"'s", "’s"} and doc[at - 2].text == surname


def person_by_kin(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent`` owns a member of a family ("Scott's wife", "Scott's
    relatives, including his wife", "Trump's children"): a person, as no body has a wife.
    "the company's family of brands" says nothing. So does a name joined by "and" to her or
    his member of a family ("Ebeling and her husband, Tom, were greeted")."""
    end = ent.end
    if _and_own_kin(doc, end):
        return True
    owned = ent.text.endswith(("'s", "’s"))
    if not owned:
        if end >= len(doc) or doc[end].lower_ not in {"'s", "’s"}:
            return False
        end += 1
    if end >= len(doc) or doc[end].lower_ not in _kin_words():
        return False
    return end + 1 >= len(doc) or doc[end + 1].lower_ != "of"


def _and_own_kin(doc: Any, end: int) -> bool:
    """Whether the words from ``end`` are "and her" or "and his" and a member of a family
    ("and her husband", "and his wife")."""
    words = [token.lower_ for token in doc[end : end + 3]]
    return (
        len(words) == 3
        and words[0] == "and"
        and words[1] in {"her", "his"}
        and (words[2] in _kin_words() - {"family"})
    )


@cache
def _kin_words() -> frozenset[str]:
    return frozenset(data("names_rules.json")["kin_words"])


# what an apposition says before its head noun: "one of the nation's largest coal companies"
_APPOSITION_MAX = 10
_APPOSITION_STOPS = frozenset({",", ".", ";", ":", "(", ")", "—", "–", '"', "“", "”"})
_CLAUSE_WORDS = frozenset({"who", "which", "whose", "whom", "that", "where", "when"})


def body_by_apposition(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent`` is followed by an apposition whose head noun names a body
    ("Patriot Coal, one of the nation's largest coal companies, which …", "Zenith, a
    Chicago bank,"): a company, a bank, a website; no person's name."""
    head = _apposition_head(doc, ent)
    return head is not None and head.lower_ in _body_nouns()


def person_by_apposition(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent`` is followed by an apposition whose head noun names a person
    ("Lester Holt, the moderator for this year's first debate,", "Scott, 43, a father of
    seven"): a title only people hold, an occupation no body holds, a member of a family."""
    head = _apposition_head(doc, ent)
    words = _one_word_person_titles() | _kin_words()
    return head is not None and head.lower_ in words


def _apposition_head(doc: Any, ent: Any) -> Any | None:
    """The head noun of an apposition after ``ent``: the last noun in lower case before a
    preposition, a clause of its own ("the social networking site that allows users …") or
    the apposition's end, after a determiner or "one of" ("one of the nation's largest coal
    companies"); None when a verb or a clause word comes first ("Zenith, who runs a bank")
    or the apposition runs on past ten words."""
    end = ent.end
    if end + 2 > len(doc) or doc[end].text != ",":
        return None
    words: list[Any] = []
    for token in doc[end + 1 : end + 1 + _APPOSITION_MAX]:
        if token.text in _APPOSITION_STOPS or token.is_space:
            break
        if token.lower_ in _CLAUSE_WORDS and len(words) > 1:
            break  # the apposition's own clause: "the social networking site that allows …"
        if token.lower_ in _CLAUSE_WORDS or token.pos_ in {"VERB", "AUX", "PRON"}:
            return None
        words.append(token)
    else:
        return None
    if not words or words[0].lower_ not in {"a", "an", "the", "one"}:
        return None
    if words[0].lower_ == "one":
        if len(words) < 3 or words[1].lower_ != "of":
            return None
        words = words[2:]
    head = None
    for token in words[1:]:
        if token.pos_ == "ADP":
            break
        if token.pos_ in {"NOUN", "PROPN"} and token.text[:1].islower():
            head = token
    return head


@cache
def _body_nouns() -> frozenset[str]:
    return frozenset(data("names_rules.json")["body_nouns"])


def person_by_words(doc: Any, ent: Any) -> bool:
    """Whether the words around ``ent`` say it is a person: its own pronoun, a title only
    people hold, an age in apposition or a member of its family."""
    return person_by_pronoun(doc, ent) or person_named(doc, ent)


# what joins the names of a list: "Marlys Popma, Troy Price, Christopher Rants and …"
_LIST_JOINS = frozenset({",", "and", ";"})


def person_by_list(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent``, two or three capitalised words, stands in a list of
    people: the name right before it and the name right after it, each one comma (or
    "and") away, are names spaCy typed PERSON ("… Marlys Popma, Troy Price, Christopher
    Rants …", a panel's members, with "Troy Price" typed a body and "AJ Spiker" a place).
    A list names its members alike; one with a body or a place between its people ("Jane
    Doe, Acme Corp, John Roe") is left to the words around the name."""
    words = list(ent)
    if not 2 <= len(words) <= 3 or not all(_name_word(t) for t in words):
        return False
    ends = {e.end: e for e in doc.ents}
    starts = {e.start: e for e in doc.ents}
    before = ends.get(ent.start - 1) if ent.start > 1 else None
    if before is None or doc[ent.start - 1].text not in _LIST_JOINS:
        return False
    at = ent.end
    while at < len(doc) and doc[at].text in _LIST_JOINS:
        at += 1
    after = starts.get(at) if at > ent.end else None
    return (
        after is not None
        and before.label_ == "PERSON"
        and after.label_ == "PERSON"
        and len(before) > 1
        and len(after) > 1
    )


def _name_word(token: Any) -> bool:
    """A capitalised word of letters ("Troy", "AJ", "D’Allesandro", "Quirk-Garvan")."""
    text = token.text
    return text[:1].isupper() and text.replace("-", "").replace("’", "").replace("'", "").isalpha()


def person_named(doc: Any, ent: Any) -> bool:
    """Whether the words around ``ent`` say of that very name that it is a person's: a
    title only people hold, an age in apposition, a member of its family, an apposition
    headed by a person's noun ("the moderator", "a father of seven") or "Mr.", "Mrs.",
    "Ms." before it. A pronoun
    after it may be another subject's ("members of Congress echo her concerns")."""
    return (
        person_by_title(doc, ent)
        or person_by_age(doc, ent)
        or person_by_kin(doc, ent)
        or person_by_kin_before(doc, ent)
        or person_by_apposition(doc, ent)
        or person_by_honorific(doc, ent)
        or person_by_who(doc, ent)
    )


def person_by_who(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent``, one word in the singular that opens its phrase (after no
    preposition, determiner or possessive), is followed by a comma and "who" ("Chrabaszcz,
    who goes by “Vito,” was …"): a person's name. A body takes "which"; after "at" or
    "in" the clause may be the noun's before ("a commentator in Nevada, who"), a plural
    or a plural verb names a group ("Mormons, who account for …", "Auxerre, who start"),
    and a word that starts a longer name in the text may be a body's ("Podesta, who said
    …" beside "the Podesta Group"). A verb that shows no number ("Juventus, who beat Roma",
    "who will") says a person only of a name spaCy typed one, or with a person's pronoun in
    the clause ("Kolbeck, who said he"): a club or a firm takes "who" too."""
    if len(ent) != 1 or ent.end + 1 >= len(doc) or ent[0].tag_ != "NNP":
        return False
    who = ent.end + 1
    while who < len(doc) and doc[who].is_space:
        who += 1  # "Rihanna,\xa0who": a space the tokenizer kept
    if doc[ent.end].text != "," or who >= len(doc) or doc[who].lower_ != "who":
        return False
    verb = _verb_after_who(doc, who + 1)
    if verb is not None and (verb.tag_ == "VBP" or verb.lower_ == "were"):
        return False  # a plural verb says a group: "Auxerre, who start the season"
    singular = verb is not None and (verb.tag_ == "VBZ" or verb.lower_ == "was")
    if not singular and ent.label_ != "PERSON" and not _personal_in_clause(doc, who + 1):
        return False  # "Juventus, who beat Roma": a verb of no number says nothing of a body
    if not ent.text[:1].isupper() or ent.text.isupper():
        return False
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and (before.pos_ in {"ADP", "DET"} or before.tag_ == "PRP$"):
        return False
    # a longer name it starts is a body named after it ("Podesta" of "Podesta Group"): its
    # founder's "who" then says nothing of what the word names elsewhere
    return not any(len(e) > 1 and e[0].text == ent.text for e in doc.ents)


def _verb_after_who(doc: Any, at: int) -> Any | None:
    """The first word of the clause after "who" that is no adverb ("who also walloped")."""
    while at < len(doc) and doc[at].pos_ == "ADV":
        at += 1
    return doc[at] if at < len(doc) else None


# a person's pronoun in a "who" clause: "Kolbeck, who said he was tired"
_PERSONAL = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})


def _personal_in_clause(doc: Any, at: int) -> bool:
    """Whether the clause from ``at`` to its comma or stop holds a person's pronoun."""
    for token in doc[at : at + 12]:
        if token.is_punct and token.text not in {"-", "'", "’"}:
            return False
        if token.lower_ in _PERSONAL:
            return True
    return False


_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "mr", "mrs", "ms"})


def person_by_honorific(doc: Any, ent: Any) -> bool:
    """Whether the name ``ent`` follows "Mr.", "Mrs." or "Ms." ("the attacks on Ms. Haley")
    or a royal title written capitalised ("Saudi Prince Alwaleed Bin Talal", "tweeted
    Prince Alwaleed": names_rules.json's royal_titles): a person's name, whatever spaCy
    typed it. A body named after one takes the title inside its name ("King Soopers")."""
    if ent.start == 0 or not ent.text[:1].isupper():
        return False
    before = doc[ent.start - 1]
    if before.lower_ in _HONORIFICS:
        return True
    return before.is_title and before.lower_ in _royal_titles() and not ent[0].is_upper


@cache
def _royal_titles() -> frozenset[str]:
    return frozenset(data("names_rules.json")["royal_titles"])
