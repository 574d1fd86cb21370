"""A cue after a quotation read by the shape of the words, where the parse lost it.

After a quotation that ends open (“…,” / “…?”), the words that follow are nearly always
its attribution, yet the tagger misreads some of them: the cue as a noun (“…,” the letter
read / a voice-over in the ad states), or the name after an inverted cue as an adverb
(“…,” said Skelly, explaining …). :func:`cue_by_shape` reads those words as a noun phrase
and a cue word in either order, whatever the parse says, or as a verb that is no cue and
the person it puts after it (“…,” remembered Roy Verley), or as a noun phrase, a relative
clause on it set off by commas and a cue (“…,” a port source, who …, told X), for
:mod:`.quotes` to ask when no cue with a subject was found there. :func:`lead_by_shape`
does the same for a lead-in ending in a colon whose cue the tagger took for a noun
(Article 33 affirms: “…”). :func:`said_after` reads the sentence after a closed quotation
that tells who said it (“…” That was how Olsen put it.).
"""

from __future__ import annotations

from typing import Any

from newsdesk.annotate.nlp import doc_text
from newsdesk.annotate.quote_parse import _named_person

__all__ = ["cue_by_shape", "lead_by_shape", "said_after"]

_PHRASE_WORDS = 6  # a longer run before the cue is a clause of its own, not a speaker
# entity types that never speak: “…,” said Thursday / said 5:45 p.m.
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_NOUNS = ("NOUN", "PROPN", "PRON", "NUM")
_POINTING = frozenset({"that", "this", "those", "these"})
_HOW_WHAT = frozenset({"how", "what"})


def cue_by_shape(doc: Any, lo: int, hi: int, cues: frozenset[str]) -> tuple[Any, Any] | None:
    """(speaker head, cue) of the words ``lo``–``hi`` after a quotation, up to the first
    comma: a cue word then a noun phrase (said Skelly / reads a Sunday editorial in the
    Gazette: the phrase's head before its preposition), or a noun phrase then a cue word
    with a verb's ending (the letter read / a voice-over in the ad states). Another verb
    before the cue, or no noun for a head, and there is none."""
    words = _words(doc, lo, hi)
    if not words:
        return None
    if _is_cue(words[0], cues):
        head = _head(words[1:])
        return None if head is None else (head, words[0])
    named = _named_after(words[0])
    if named is not None:
        return named, words[0]
    for k, token in enumerate(words[1 : _PHRASE_WORDS + 1], start=1):
        if _is_cue(token, cues) and (_verb_form(token) or _ends_sentence(token)):
            head = _head(words[:k])
            return None if head is None else (head, token)
        if token.pos_ in ("VERB", "AUX"):
            return None  # “…,” the mayor shot back …: a verb of its own, read elsewhere
    return _across_relative(doc, words, hi, cues)


def _across_relative(
    doc: Any, words: list[Any], hi: int, cues: frozenset[str]
) -> tuple[Any, Any] | None:
    """(speaker head, cue) of a noun phrase, a relative clause on it set off by commas and
    a cue verb right after that clause (“…,” a port source, who was not allowed to speak
    on the record, told Radio Kell): the parse hung the phrase on the quotation's words
    and left the cue with no subject."""
    comma = words[-1].i + 1
    if comma + 1 >= hi or doc[comma].text != "," or doc[comma + 1].tag_ not in ("WP", "WDT"):
        return None
    close = next((t.i for t in doc[comma + 2 : hi] if t.text == ","), None)
    verb = doc[close + 1] if close is not None and close + 1 < hi else None
    if verb is None or verb.pos_ != "VERB" or not _is_cue(verb, cues):
        return None
    head = _head(words)
    return None if head is None else (head, verb)


def lead_by_shape(window: Any, cues: frozenset[str]) -> tuple[Any, Any] | None:
    """(speaker head, cue) of a lead-in ending in a colon that is a noun phrase and a cue
    word with a verb's ending, however tagged (Article 33 affirms: “…” / the memo states:
    “…”): the last sentence of the window only."""
    words = [t for t in window if not t.is_space]
    if len(words) < 3 or words[-1].text != ":":
        return None
    cue = words[-2]
    if not _is_cue(cue, cues) or cue.pos_ in ("VERB", "AUX") or not _verb_form(cue):
        return None  # a cue the parse read as a verb has its subject found elsewhere
    phrase: list[Any] = []
    for token in reversed(words[:-2]):
        if token.text in (".", "!", "?", ";", ":") or token.is_quote:
            break
        phrase.insert(0, token)
    if any(token.pos_ in ("VERB", "AUX") for token in phrase):
        return None  # a clause of its own: its verb is read elsewhere
    head = _head([token for token in phrase if not token.is_punct])
    return None if head is None else (head, cue)


def said_after(doc: Any, end: int, cues: frozenset[str]) -> tuple[Any, Any] | None:
    """(speaker head, cue) of the sentence right after a closed quotation, in its
    paragraph, that points back at it and says who said it: “…” That was how Olsen put it
    / This is what Holm told the council: a pointing subject, a form of "be", then a
    how/what clause whose verb is a cue (or "put") and whose subject is a named person or
    he/she. A sentence pointing back at anything else (That was the hope of …) tells no
    speaker."""
    window = doc.char_span(end, len(doc_text(doc)), alignment_mode="contract")
    words = [] if window is None else [t for t in window[:3] if not t.is_space]
    if len(words) < 2 or "\n" in doc_text(doc)[end : words[0].idx]:
        return None
    pointer, verb = words[0], words[1]
    if pointer.lower_ not in _POINTING or verb.lemma_.lower() != "be" or pointer.head.i != verb.i:
        return None
    for clause in verb.children:
        opens = [t for t in clause.lefts if t.lower_ in _HOW_WHAT]
        lemma = clause.lemma_.lower()
        if clause.dep_ != "ccomp" or not opens or (lemma not in cues and lemma != "put"):
            continue
        subjects = [t for t in clause.lefts if t.dep_ == "nsubj"]
        if subjects and _named_person(subjects[0]):
            return subjects[0], clause
    return None


def _named_after(verb: Any) -> Any | None:
    """The person an inverted verb that is no cue names right after it, the name then
    ending the clause (“…,” remembered Roy Verley. / marveled Ana Ruiz, the mayor): any
    verb a named person does there attributes the quotation, as it does before the name
    (“…,” Varga shot back); the parse takes such a name for a subject or an object."""
    doc = verb.doc
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ") or verb.i + 1 >= len(doc):
        return None
    name = doc[verb.i + 1]
    if name.ent_type_ != "PERSON" or name.ent_iob_ != "B":
        return None
    end = name.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    after = doc[end + 1].text if end + 1 < len(doc) else "."
    return doc[end] if after in (",", ".") else None


def _words(doc: Any, lo: int, hi: int) -> list[Any]:
    """The words from ``lo`` up to the first comma or end of sentence after a word."""
    words: list[Any] = []
    for token in doc[lo:hi]:
        if words and token.text in (",", ".", "!", "?", ";", ":", "(", "—", "–"):
            break
        if not token.is_punct and not token.is_space:
            words.append(token)
    return words


def _is_cue(token: Any, cues: frozenset[str]) -> bool:
    """A cue word however tagged, never a participle in -ing (a clause of its own)."""
    return token.lemma_.lower() in cues and token.tag_ != "VBG" and token.text.islower()


def _verb_form(token: Any) -> bool:
    """Whether a cue word reads as a finite verb after its subject (states, said, read),
    not as the plain noun a lead-in ends in (the report, the comment)."""
    text = token.lower_
    return token.pos_ in ("VERB", "AUX") or text.endswith(("s", "ed")) or text != token.lemma_


def _ends_sentence(token: Any) -> bool:
    """Whether a full stop follows the word (the letter read.): a past "read" has no
    ending to tell it from the noun, but no noun phrase ends a sentence after a quotation
    that ends open."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.text == "."


def _head(phrase: list[Any]) -> Any | None:
    """The head of a noun phrase: its last noun or name before a preposition (a Sunday
    editorial in the Gazette: editorial; Skelly, whatever its tag); None for a time, a
    number (an age noun aside) or a phrase with no noun."""
    words: list[Any] = []
    for token in phrase:
        if token.pos_ == "ADP":
            break
        words.append(token)
    nouns = [t for t in words if t.pos_ in _NOUNS or _capitalised(t)]
    if not nouns or len(words) > _PHRASE_WORDS:
        return None
    head = nouns[-1]
    return _age_noun(words) if head.ent_type_ in _NOT_SPEAKERS else head


def _age_noun(words: list[Any]) -> Any | None:
    """The last word of a phrase ending in an age noun (the 43-year-old asked): NER reads
    it as a date, yet it names the one who speaks; None for any other time or number."""
    if len(words) < 2 or words[-1].lower_ != "old" or words[-2].lower_ not in ("year", "years"):
        return None
    return words[-1]


def _capitalised(token: Any) -> bool:
    """A capitalised word the tagger did not read as a name (Skelly as an adverb), never
    a function word opening a sentence (Why not just say: …)."""
    return token.text[:1].isupper() and token.is_alpha and not token.is_stop
