"""What the text and the parse around a quotation say, for :mod:`.quotes`.

Where a quotation's sentence starts before it, how far its cue may be looked for
after it, the clause of a cue verb it sits in, whether it reads as a title or a
nickname inside a name, and the trimming of a clause's bounds. Pure functions over
a spaCy ``Doc`` (or its text) and :class:`.quote_marks.QuotedSpan`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from newsdesk.annotate.nlp import doc_text
from newsdesk.annotate.quote_clauses import second_report
from newsdesk.annotate.quote_lexicon import cue_lexicon
from newsdesk.annotate.quote_marks import QuotedSpan

_QUOTE_MARKS = frozenset({"“", "”", '"', "‘‘", "’’", "``", "''"})
_CLAUSE_TRIM = " \t\n,;:—–-"
_QUALIFIER_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "PART"})
_QUALIFIER_WORDS = 8  # a longer run after a noun of speech is more than a qualifier


def _governed_clause(
    doc: Any, span: QuotedSpan, verb_index: int, *, framing: bool = False
) -> tuple[int, int] | None:
    """The complement of the cue verb a quotation sits in (Trump a “pathological liar” who
    is “utterly amoral”), as trimmed character bounds; None when it does not hold the
    quotation's words. For a verb that only ``framing`` frames the quotation, a conjunct
    standing inside the quotation is a part: the parse coordinated the quoted words with
    that verb (used the hearing to demand owners “pay their share …” / shared the news,
    writing “Feels great …”); a cue verb's conjunct there is a statement of its own."""
    verb = doc[verb_index]
    parts = [
        c
        for c in verb.rights
        if c.dep_ not in ("punct", "cc", "conj") or (framing and _quoted_conjunct(c, span))
    ]
    holding = [i for i, part in enumerate(parts) if part.left_edge.idx <= span.inner_start]
    if holding:  # describing as “unhinged” a tweet …: up to the part holding the quotation
        parts = parts[: holding[-1] + 1]
    if not parts:
        return None
    lo = min(part.left_edge.i for part in parts)
    hi = min(max(part.right_edge.i for part in parts) + 1, verb.sent.end)
    for token in doc[lo:hi]:  # … by “a con” and encourage Americans to …: a new clause
        joins = token.idx >= span.end and token.dep_ == "cc" and token.i + 1 < hi
        aside = token.idx >= span.end and token.text in ("-", "--", "–", "—") and token.i > lo
        aside = aside and token.whitespace_ and doc[token.i - 1].whitespace_
        if (joins and doc[token.i + 1].pos_ in ("VERB", "AUX")) or (
            aside and not any(t.is_quote for t in doc[token.i : hi])
        ):  # … it “risks inflation” - except that prices fell: the writer's aside
            hi = token.i
            break
    hi = second_report(doc, lo, hi, cue_lexicon().speech, after=span.end)  # …,” claiming …
    if lo >= hi:
        return None
    start, end = _trim(doc_text(doc), doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
    if not start <= span.inner_start < end:
        return None
    return start, max(end, span.end)  # a quotation the parse cut short runs to its mark


def _quoted_conjunct(token: Any, span: QuotedSpan) -> bool:
    """Whether ``token`` is a conjunct whose word stands inside the quotation's words."""
    return bool(token.dep_ == "conj" and span.inner_start <= token.idx < span.inner_end)


def _appositions(head: Any) -> list[Any]:
    """The appositions of a noun, nearest first, through nested ones: another critic, the
    engineer Hanna Lindqvist, …"""
    found: list[Any] = []
    frontier = [head]
    for _ in range(3):
        frontier = [c for token in frontier for c in token.children if c.dep_ == "appos"]
        found += frontier
    return found


def _spokesperson_of(head: Any, spokespeople: frozenset[str]) -> Any | None:
    """X's head in "a spokesperson for X" / "X's spokeswoman" (an organisation)."""
    if head.lemma_.lower() not in spokespeople:
        return None
    for child in head.children:
        if child.dep_ == "poss" and child.ent_type_ in ("ORG", "GPE", "NORP"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in ("ORG", "GPE", "NORP"):
                    return obj
    return None


def _joins(prefix: str) -> bool:
    """Whether the words before a quotation end by joining it to what came before: “…,”
    she said, but “…” / “…,” he said, and “…”."""
    words = prefix.split()
    return bool(words) and words[-1].lower() in ("and", "but", "or", "then", "yet", "so")


_BREAK = re.compile(r"\n(?:[ \t\xa0]*\n)*")


def _line(text: str, position: int) -> int:
    """The paragraph ``position`` lies in: paragraph breaks before it, a run of blank
    lines counting as one break (a report that sets paragraphs apart with empty lines
    has its next paragraph one further on, as one with single line breaks does)."""
    return len(_BREAK.findall(text, 0, position))


def _next_boundary(text: str, spans: list[QuotedSpan], number: int) -> int:
    """Where the words after quotation ``number`` end for its cue: the next quotation that
    is not a nickname inside a name (Del. Marcia "Cia" Price said), else the text's end."""
    for span in spans[number + 1 :]:
        if not _nickname(text, span):
            return span.start
    return len(text)


def _nickname(text: str, span: QuotedSpan) -> bool:
    """A quoted word or two between two capitalised words: Marcia "Cia" Price."""
    words = text[span.inner_start : span.inner_end].split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    before = text[max(0, span.start - 30) : span.start]
    after = text[span.end : span.end + 30]
    previous = before.split()[-1:] if before.endswith(" ") else []
    return bool(
        previous and previous[0][:1].isupper() and after[:1] == " " and after[1:2].isupper()
    )


def _cue_stop(window: Any, words: int) -> int:
    """Where the search for a cue after a quotation ends: the sentence's end or ``words``
    words on, a parenthesis or an apposition between commas not counted (“…,” Rep. Ana
    Ruiz (D-Md.) said / “…,” Ana Ruiz, the mayor of Ostria, said)."""
    depth = 0
    count = 0
    apposition = False
    for token in window:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and token.i > window.start:
            if token.text in (".", "!", "?") and (token.pos_ == "PUNCT" or token.is_sent_end):
                return int(token.i)  # not the point of a title split off (Army Lt. Gen.)
            if token.text == "," and count:
                apposition = not apposition
                continue
            if not apposition:
                count += not token.is_punct
            if count >= words:
                return int(token.i) + 1
    return int(window.end)


def _prefix_start(doc: Any, span: QuotedSpan, previous_end: int) -> int:
    """Where the quotation's sentence starts before its opening mark, same paragraph."""
    text = doc_text(doc)
    floor = max(previous_end, text.rfind("\n", 0, span.start) + 1)
    before = doc.char_span(floor, span.start, alignment_mode="contract")
    if before is None or not len(before):
        return span.start
    words = [token for token in before if not token.is_space]
    if not words:  # only a non-breaking space or the like before the mark
        return span.start
    last = words[-1]  # … he said.\xa0“…”: the space is no word of the sentence
    if last.is_sent_end or last.text in (".", "!", "?"):
        return span.start
    return max(floor, int(last.sent.start_char))


def _ends_that(prefix: str) -> bool:
    return prefix.lower().endswith(" that")


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _inside_quotes(doc: Any, spans: list[QuotedSpan]) -> set[int]:
    inside: set[int] = set()
    for span in spans:
        chars = doc.char_span(span.start, span.end, alignment_mode="expand")
        if chars is not None:
            inside.update(range(chars.start, chars.end))
    return inside


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _CLAUSE_TRIM:
        start += 1
    while end > start and text[end - 1] in _CLAUSE_TRIM:
        end -= 1
    return start, end


def _title_case(inner: str) -> bool:
    """Whether a quotation reads as the title of a work: at most eight words, every word of
    four letters or more capitalised, no sentence's end inside or at its end."""
    words = [w.strip("“”\"'‘’,;:()") for w in inner.split()]
    words = [w for w in words if w]
    if not words or len(words) > 8 or inner.rstrip(" ,’”\"'").endswith((".", "!", "?")):
        return False
    if any(w.endswith((".", "!", "?")) for w in words[:-1]):
        return False
    long = [w for w in words if sum(ch.isalpha() for ch in w) >= 4]
    return bool(long) and all(w[0].isupper() for w in long) and words[0][0].isupper()


def _words(text: str) -> int:
    return sum(1 for part in text.split() if any(ch.isalnum() for ch in part))


_SPEAKING_SUBJECTS = ("he", "she", "i", "we", "they")
_NOT_SPEAKING = frozenset({"be", "have", "do", "get", "seem", "become"})


def _subject_verb(doc: Any, lo: int, hi: int) -> tuple[Any, Any] | None:
    """(subject, verb) when the words after a quotation that ends open open with a
    subject and its verb, whatever the verb: “…,” Trump shot back / “Quiet,” he
    demanded / “…,” the nominee riffed. The subject is a name, a pronoun or a noun that
    opens those words, and only adverbs or particles stand between it and its verb; or a
    verb and a person's name right after it (:func:`_verb_then_name`)."""
    words = [token for token in doc[lo:hi] if not token.is_punct and not token.is_space]
    if not words:
        return None
    opening = words[0]
    inverted = _verb_then_name(words)
    if inverted is not None:  # “This is fantastic!” beamed Donna Hart of Ostby
        return inverted
    for verb in words:
        if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        if verb.lemma_.lower() in _NOT_SPEAKING:
            return None
        # a subject the parse found inside the quotation (“…, not a single one,” Varga
        # answers: "one") is none: the subject stands after the quotation
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and opening.i <= c.i < verb.i]
        if not subjects:  # “…,” Bozell answers: the parse made the name a compound of it
            subjects = [
                c
                for c in verb.children
                if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == verb.i - 1
            ]
        if not subjects:
            return None
        subject = subjects[0]
        if subject.left_edge.i != opening.i:
            return None
        gap = doc[subject.right_edge.i + 1 : verb.i]
        if any(token.pos_ not in ("ADV", "PART", "AUX") for token in gap):
            return None
        named = subject.ent_type_ == "PERSON" or subject.pos_ in ("PROPN", "NOUN")
        named = named or subject.text[:1].isupper()  # "Trump" tagged as a verb
        if not named and subject.lower_ not in _SPEAKING_SUBJECTS:
            return None
        return subject, verb
    return None


def _verb_then_name(words: list[Any]) -> tuple[Any, Any] | None:
    """(name, verb) when the words after a quotation that ends open open with a verb in
    the past or present and a person's name right after it: “…!” beamed Donna Hart /
    “…,” scoffed Ruiz (a cue of the lexicon is read before this, whatever the order)."""
    if len(words) < 2:
        return None
    verb, name = words[0], words[1]
    if (
        verb.pos_ != "VERB"
        or verb.tag_ not in ("VBD", "VBZ")
        or verb.lemma_.lower() in _NOT_SPEAKING
    ):
        return None
    if name.ent_type_ != "PERSON" or name.ent_iob_ != "B":
        return None
    head = name
    while (
        head.head.ent_type_ == "PERSON"
        and head.head.i > head.i
        and head.dep_ in ("compound", "flat")
    ):
        head = head.head
    return head, verb


def _colon_lead(window: Any) -> tuple[Any, Any] | None:
    """(subject, verb) of a lead-in that ends in a colon before a quotation, whatever its
    verb: Ruiz released the following statement: “…” / Ruiz went further: “…”. The
    verb is the one the colon's clause hangs from; its subject must be a name, a
    pronoun or a noun (a document may speak: Article 33 affirms: “…”)."""
    colons = [token for token in window if token.text == ":"]
    if not colons:
        return None
    verb = colons[-1].head
    for _ in range(3):  # from a noun the colon hangs on (the following statement:) up
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or not window.start <= verb.i < window.end:
        return None
    if verb.lemma_.lower() in _NOT_SPEAKING:
        return None
    subject = _verb_subject(verb)
    if subject is None:
        return None
    named = subject.ent_type_ == "PERSON" or subject.pos_ in ("PROPN", "NOUN")
    if not named and subject.lower_ not in _SPEAKING_SUBJECTS:
        return None
    return subject, verb


def _verb_subject(verb: Any) -> Any | None:
    """A verb's subject before it, or for a verb joined to another ("and", a comma) the
    first verb's: Trump gestured, then leaned in and boomed: “…”."""
    head = verb
    for _ in range(3):
        subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i < head.i]
        if subjects:
            return subjects[0]
        if head.dep_ not in ("conj", "dep") or head.head.i == head.i:
            break
        head = head.head
    return None


def _comma_lead(window: Any) -> tuple[Any, Any] | None:
    """(subject, verb) of a lead-in that ends in a comma with a verb of a named person,
    he/she or someone's own people, whatever the verb: Petrova shot back, “…” / his friends
    jeered, “…” (a person, never a noun like "the vote": When the vote came, “…”)."""
    words = [token for token in window if not token.is_space]
    if len(words) < 3 or words[-1].text != ",":
        return None
    verb = words[-2]
    if verb.pos_ in ("ADV", "ADP", "PART") and len(words) >= 4:
        verb = words[-3]  # shot back,
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if verb.lemma_.lower() in _NOT_SPEAKING:
        return None
    subject = _verb_subject(verb)
    if subject is None or not window.start <= subject.i:
        return None
    person = subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN"
    person = person or _kin(subject)  # as his friends jeered, “…”: people of someone's
    if not person and subject.lower_ not in ("he", "she", "they"):
        return None
    return subject, verb


def _kin(noun: Any) -> bool:
    """Whether a common noun is a person's own people (his friends, her neighbours, their
    families): a possessive pronoun of a person before it."""
    owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")]
    return noun.pos_ == "NOUN" and bool(owners)


def _opens_sentence(text: str, position: int) -> bool:
    """Whether a quotation at ``position`` opens its paragraph or follows a sentence's
    end (not “Sunday Morning Futures,” after "on Fox News channel’s")."""
    before = text[text.rfind("\n", 0, position) + 1 : position].rstrip()
    return not before or before[-1] in '.!?:”"’'


def _reports(verb: Any) -> bool:
    """Whether a cue verb has a reported clause of its own after it (Reid said both
    men are …), so it cues that clause, not a quotation before it."""
    return any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def _has_clause(doc: Any, start: int, end: int) -> bool:
    """Whether the words between ``start`` and ``end`` hold a finite verb with a subject,
    not a thing's clause of condition or time (If the crews return by Friday, “…”: more of
    the statement before, the crews say nothing; When Lee used the words, “…”: Lee's)."""
    window = doc.char_span(start, end, alignment_mode="contract")
    if window is None:
        return False
    finite = [t for t in window if t.tag_ in ("VBD", "VBZ", "VBP")]
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and not (_subordinate(t) and not _named_person(c))
        for t in finite
        for c in t.children
    )


def _clause_lead(window: Any) -> tuple[Any, Any] | None:
    """(subject, verb) of the main clause of a lead-in that ends in a comma or colon right
    before a quotation, any subject: the crew jeered, “…” / She gives credit to … because
    to her, “…”. A quotation introduced so is that subject's, not more of an earlier
    quote (whose speaker may be someone else)."""
    inside = range(window.start, window.end)
    verbs = [t for t in window if t.pos_ in ("VERB", "AUX")]
    # the lead-in's top verb (the parse may hang it on the quotation's)
    roots = [t for t in verbs if t.head.i == t.i or t.head.i not in inside]
    if not roots:
        return None
    verb = roots[0]
    if not _finite(verb):
        return None
    subject = _verb_subject(verb)
    if subject is None or subject.i < window.start or subject.is_punct:
        return None
    if _subordinate(verb) and not _named_person(subject):
        return None  # Unless the crews return by Friday, “…”: no one's lead-in
    owner = _owner_of_saying(window, subject, verb)
    if owner is not None:  # Barrett's dictum to his interns was, “…”: Barrett's
        return owner, verb
    if verb.lemma_.lower() == "be" and not _person_before_colon(window, subject):
        return None
    return subject, verb


def _owner_of_saying(window: Any, subject: Any, verb: Any) -> Any | None:
    """The named person whose saying a lead-in ending in "be" presents (Barrett's dictum to
    his interns was, “…” / Ruiz's answer was simple: “…”): the owner of the subject, when
    "be", perhaps with one adjective, ends the lead-in before its comma or colon."""
    words = [token for token in window if not token.is_space]
    if verb.lemma_.lower() != "be" or words[-1].text not in (",", ":"):
        return None
    tail = [token for token in words[:-1] if token.i > verb.i]
    if len(tail) > 1 or (tail and tail[0].pos_ != "ADJ"):
        return None
    owners = [c for c in subject.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"]
    return owners[0] if owners else None


def _presented(window: Any) -> tuple[Any, Any] | None:
    """(person, "be") of a lead-in ending in a colon that opens with "here" and a form of
    "be" (Here's Olsen in March 2015: “…” / Here is how Holm, who runs the line, put it:
    “…”): the person it presents, the subject the inversion puts after the verb, or the
    subject of the how/what clause after it; a thing presented (Here is the statement in
    full:) names no one."""
    words = [token for token in window if not token.is_space]
    if len(words) < 4 or words[-1].text != ":" or words[0].lower_ != "here":
        return None
    verb = words[1]
    if verb.lemma_.lower() != "be" and verb.lower_ not in ("'s", "’s"):
        return None  # the tagger may read Here's as a possessive
    if verb.ent_type_:
        return None  # NER ran "’s" into the name after it: no name to show
    for child in verb.children:
        if not verb.i < child.i < window.end:
            continue
        if child.dep_ in ("nsubj", "attr") and _named_person(child):
            return child, verb
        subjects = [c for c in child.children if c.dep_ == "nsubj"]
        opens = [c for c in child.children if c.tag_ in ("WRB", "WP") and c.i < child.i]
        if child.dep_ == "ccomp" and opens and subjects and _named_person(subjects[0]):
            return subjects[0], verb
    return None


def _words_of(window: Any) -> tuple[Any, Any] | None:
    """(owner, "words") of a lead-in ending in "in X's words" or "in his own words" and a
    comma or colon (… because, in Holm's words, “…” / In his own words: “…”): the owner
    speaks, as "according to X" lets X ("in the words of X" is a source phrase of the
    lexicon); "in other words" names no one."""
    tokens = [token for token in window if not token.is_space]
    if len(tokens) < 4 or tokens[-1].text not in (",", ":"):
        return None
    noun = tokens[-2]
    if noun.lower_ != "words" or noun.dep_ != "pobj" or noun.head.lower_ != "in":
        return None
    owners = [child for child in noun.children if child.dep_ == "poss"]
    mark = tokens[-3]  # in Forbes’ words: the parse may leave a bare apostrophe unlinked
    if not owners and mark.text in ("'", "’") and len(tokens) > 4 and tokens[-4].pos_ == "PROPN":
        owners = [tokens[-4]]
    return (owners[0], noun) if owners else None


def _named_person(token: Any) -> bool:
    """Whether a token names a person: a PERSON entity, a name NER left untyped, he/she."""
    untyped_name = token.pos_ == "PROPN" and not token.ent_type_
    return token.ent_type_ == "PERSON" or untyped_name or token.lower_ in ("he", "she")


def _person_before_colon(window: Any, subject: Any) -> bool:
    """Whether a lead-in whose verb is "be" ends in a colon and its subject is a person:
    She is sure it will backfire: “…” / Ruiz has been blunt: “…” speak; a thing that is
    (The question is: “…”) does not."""
    person = subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she", "i", "we")
    return person and window[-1].text == ":"


def _dash_lead(window: Any) -> tuple[Any, Any] | None:
    """(subject, verb) of a lead-in that ends in a dash before a quotation, its main
    clause a person's: Ruiz also backed the levy -- “…”."""
    words = [token for token in window if not token.is_space]
    if len(words) < 3 or not words[-1].is_punct:
        return None
    pair = _clause_lead(window)
    if pair is None or pair[1].lemma_.lower() == "be":
        return None
    subject = pair[0]
    person = subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN"
    return pair if person or subject.lower_ in ("he", "she", "i", "we") else None


# the words that open a clause of condition, concession or time ("as" leads in speech:
# as Ruiz told the council, “…”)
_SUBORDINATING = frozenset(
    {"if", "unless", "when", "whenever", "while", "although", "though", "because", "since"}
    | {"after", "before", "until", "once", "whether"}
)


def _subordinate(verb: Any) -> bool:
    """Whether ``verb`` heads a clause that a subordinating word opens (Unless the crews
    return by Friday, …): it sets a condition or a time for the words after it and names
    no one who says them."""
    opening = verb.doc[verb.left_edge.i]  # the parse may make "when" an adverb of it
    own = opening.head.i == verb.i and opening.dep_ in ("mark", "advmod")
    return own and opening.lower_ in _SUBORDINATING


def _finite(verb: Any) -> bool:
    """Whether a verb is finite itself (jeered, gives), a perfect (Lee has since
    apologized for it: / Lee had written,) or a "do" form (Lee didn't seem impressed,
    telling reporters, “…”); a modal's verb is not (cells can reproduce in dishes,
    “lines”: no one speaks)."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    helper = {"VBN": "have", "VB": "do"}.get(verb.tag_)
    return any(
        c.dep_ == "aux" and c.lemma_ == helper and c.tag_ in ("VBD", "VBZ", "VBP")
        for c in verb.children
    )


def _as_aside(doc: Any, start: int, end: int, verbs: frozenset[str]) -> tuple[Any, Any, int] | None:
    """(subject, cue verb, first token of the clause) for an aside "as X noted …," set off
    before the clause that holds a quotation, X a thing (as the Kell Courier weekly noted
    in an editorial, the mayor “has …”): a paper or a report speaks so, as a person does
    in :func:`.quote_leads.parenthetical`."""
    window = doc.char_span(start, end, alignment_mode="contract")
    if window is None:
        return None
    for verb in window:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or verb.dep_ != "advcl":
            continue
        if verb.head.i <= verb.i or not any(c.lower_ == "as" for c in verb.children):
            continue
        if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
            continue  # as X said that …: a clause of its own
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        comma = next((t.i for t in doc[verb.i : window.end] if t.text == ","), window.end)
        if not subjects or any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : comma]):
            continue  # the aside's comma, no other verb before it
        if comma + 1 < window.end:
            return subjects[0], verb, comma + 1
    return None


def _leads(doc: Any, cue_index: int, span: QuotedSpan) -> bool:
    """Whether a cue verb ends the lead-in right before a quotation, at most a word (a day,
    an adverb) between them: Sanders said, “We’ll see,” / Lee said Friday: “…”."""
    cue = doc[cue_index]
    if cue.idx >= span.start:
        return False
    between = doc.char_span(cue.idx + len(cue.text), span.start, alignment_mode="contract")
    words = [] if between is None else [t for t in between if not t.is_punct and not t.is_space]
    return len(words) <= 1


def _name_after(verb: Any, hi: int) -> Any | None:
    """The last word of a person's name right after a cue verb that opens the words after
    a quotation, when the parse hung the name elsewhere: “…,” declared Ana Ruiz, 29, …."""
    doc = verb.doc
    i = verb.i + 1
    if i >= hi or doc[i].ent_type_ != "PERSON" or doc[i].ent_iob_ != "B":
        return None
    while i + 1 < hi and doc[i + 1].ent_iob_ == "I":
        i += 1
    return doc[i]


def _name_before(verb: Any, lo: int) -> Any | None:
    """A person's name right before a cue verb the parse left without a subject, a
    parenthesis between them skipped (Rep. Ana Ruiz (D-Md.) said “…”), or the noun a
    relative clause ending there describes (an official who spoke anonymously said “…”)."""
    i = verb.i - 1
    while i > lo and verb.doc[i].pos_ == "AUX" and verb.doc[i].dep_ == "aux":
        i -= 1  # Ana Ruiz, asked about it, had said: past "had"
    if i >= lo and verb.doc[i].text == ")":
        while i >= lo and verb.doc[i].text != "(":
            i -= 1
        i -= 1
    if i < lo:
        return None
    token = verb.doc[i]
    for clause in (token, *token.ancestors):  # an official who spoke anonymously said “…”
        if clause.dep_ in ("relcl", "acl") and clause.right_edge.i == i and clause.head.i < lo:
            break
        if clause.dep_ in ("relcl", "acl") and clause.right_edge.i == i:
            head = clause.head
            return head if head.ent_type_ == "PERSON" or head.pos_ in ("PROPN", "NOUN") else None
    if token.text == "," and i - 1 >= lo:  # her adviser, Ana Ruiz, said: / Ruiz, a pilot, said
        return _apposed_name(verb.doc[i - 1], lo) or _aside_name(verb.doc, i, lo)
    return token if token.ent_type_ == "PERSON" else None


def _aside_name(doc: Any, comma: int, lo: int) -> Any | None:
    """The person named right before an aside set off by commas that ends at ``comma``,
    just before a subjectless cue: Ana Ruiz, asked about the pier, had said “…” (the
    aside opens with a participle, or is an apposition: a pilot, the minister)."""
    for j in range(comma - 1, max(lo, comma - 25) - 1, -1):
        token = doc[j]
        if (token.is_sent_start and j > lo) or token.text in _QUOTE_MARKS:
            return None
        if token.text != ",":
            continue
        name, opening = doc[j - 1] if j > lo else None, doc[j + 1]
        aside = opening.pos_ in ("VERB", "DET", "PRON")
        if name is not None and name.ent_type_ == "PERSON" and aside:
            return name
        return None
    return None


def _apposed_name(token: Any, lo: int) -> Any | None:
    """The person an apposition closed by a comma right before a subjectless cue names:
    the name itself (the minister, Ana Ruiz, said) or the name it describes (Ana Ruiz, a
    harbour pilot, tweeted); None unless the words before the comma are an apposition."""
    if token.dep_ != "appos":
        return None
    while token.ent_type_ != "PERSON" and token.dep_ == "appos" and token.head.i >= lo:
        token = token.head
    return token if token.ent_type_ == "PERSON" else None


def _clause_before(doc: Any, first: int, cue_index: int) -> bool:
    """Whether a verb stands between the words that open the sentence after a closed
    quotation and the cue found there: “….” She did back workers who demanded …, not
    “….” Lee said / “….” said Lee, a pilot."""
    return any(t.pos_ in ("VERB", "AUX") for t in doc[first:cue_index])


def _aside_cue(verb: Any) -> bool:
    """Whether a cue verb after a closed quotation is set off by a comma as an aside to a
    clause later in its sentence (“….” Perhaps, he said, this town “…”): that clause's
    cue, not the quotation's."""
    after = verb.right_edge.i + (verb.right_edge.text != ",")
    comma = after < len(verb.doc) and verb.doc[after].text == ","
    return verb.dep_ in ("parataxis", "advcl") and verb.head.i > verb.i and comma


def _new_sentence(inner: str, opening: Any) -> bool:
    """Whether the words after a quotation that ends in "?" or "!" start a sentence of
    their own: a capitalised function word (“…?” The drama follows …), never “…?” the
    senator asked / “…!” Lee shouted / “…?” She asked."""
    if opening is None or inner.rstrip(" ’”\"'")[-1:] not in ("?", "!"):
        return False
    function = opening.pos_ in ("DET", "ADP", "ADV", "SCONJ", "CCONJ") or opening.is_stop
    return opening.text[:1].isupper() and function and opening.pos_ != "PRON"


def _past(verb: str) -> str:
    """The past form of a regular cue verb: stated, added, replied."""
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _ends_line(text: str, span: QuotedSpan, inner: str) -> bool:
    """Whether a quotation is a statement that ends its paragraph, not a headline's
    quoted words (Ruiz: ‘No Idea’ If She Would Run)."""
    rest = text[span.end : _paragraph_end(text, span.end)]
    ends = not rest.strip(" \t.") or inner.rstrip(" ’”\"'")[-1:] in ".?!"
    return ends and not _title_case(inner)


def _relative_after(inner: str, opening: Any) -> bool:
    """Whether a quotation closed by a comma is followed by a relative clause on its words
    (“harbour fees,” which she described as “…”): a cue there is that clause's own."""
    relative = opening is not None and opening.lower_ in ("which", "who", "whom")
    return relative and inner.rstrip()[-1:] == "," and opening.head.dep_ == "relcl"


_WH = ("WDT", "WP")


def _relative_opening(speaker: Any, first: int) -> bool:
    """Whether a cue's subject found after a quotation is a relative "that"/"which" opening
    the words after it (“… search them for records” that would respond to requests, Holm
    wrote): a clause on the quoted words, whose verb speaks for no one; the cue is further
    on."""
    if speaker is None or speaker.lower_ not in ("that", "which") or speaker.tag_ not in _WH:
        return False
    return all(token.is_punct or token.is_space for token in speaker.doc[first : speaker.i])


def _speech_noun(window: Any, words: Collection[str], *, marked: bool) -> Any | None:
    """The noun of speech a lead-in ends in, or the one a prepositional phrase of nouns
    and names qualifies right before a "that" that opens a clause (her remarks before a
    council panel that “…” / March comments from Tomas Keller that “…”): words that say
    where or whose, no clause of their own. ``marked``: the "that" after the window marks
    a clause; a relative "that" (the comments on the budget that “nobody read”) is no
    lead-in for a qualified noun."""
    for token in reversed(window[-_QUALIFIER_WORDS:]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in words:
            qualified = token.i + 1 < window.end
            if not qualified:
                return token
            opens = token.doc[token.i + 1].pos_ == "ADP"
            return token if opens and marked else None
        if token.pos_ not in _QUALIFIER_TAGS:
            return None
    return None


def _speech_owner(noun: Any, end: int, is_person: Callable[[Any], bool]) -> Any | None:
    """Whose statement a noun of speech is: its possessor (her remark), else a person a
    "from" or "by" right after it names before ``end`` (comments from Tomas Keller); a
    body there (a statement from the campaign) is no owner."""
    owners = [c for c in noun.children if c.dep_ == "poss" and c.i < noun.i]
    if owners:
        return owners[0]
    doc, after = noun.doc, noun.i + 1
    if after >= end or doc[after].lower_ not in ("from", "by"):
        return None
    named = [t for t in doc[after + 1 : end] if t.dep_ == "pobj" and t.head.i == after]
    return named[0] if named and is_person(named[0]) else None


def _run_on(text: str, end: int, spans: list[QuotedSpan], sentence_end: int) -> int:
    """The end of a reported clause the parse cut at a quotation of its own sentence: Cruz
    added that he alone had spent his life “fighting to defend …” / that the plan
    “cannot pass” but the levy “can”: up to the last such quotation's mark."""
    for span in spans:
        if end <= span.start < sentence_end and not re.search(r"[.!?\n]", text[end : span.start]):
            end = span.end
    return end
