"""The reported clause of an indirect quote, read off the dependency parse.

Three shapes, each giving the speaker's head token and the token range of
what was reported:

- cue verb with a clausal complement: "Officials said (that) the talks …",
  "Li tells TIME that Lee is caught …" — the ``ccomp`` subtree, up to a participle
  of speech set off by a comma that reports a clause of its own ("…, claiming
  that …": a second report, the cue's subject's);
- content first: "Lee is likely to remain cautious …, Li says." — the
  sentence before the cue clause, when the cue verb hangs off it as
  ``parataxis``/``ccomp`` at the sentence's end;
- "according to X, …": the clause the phrase modifies, without the phrase.

The subject of a passive "asked" or "told" (Lee was asked whether …; Asked whether …,
Lee said …) is the one spoken to: the question is the asker's ("by X"), or no one's
the desk can name, and Lee speaks only through a verb of their own (:func:`addressed`).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

__all__ = ["ADDRESSED", "addressed", "asker", "reported_clause", "second_report", "with_object"]

_SUBJ = ("nsubj", "nsubjpass")
_RELATIVE = ("WP", "WDT")
# verbs whose object is the one spoken to, never the speaker (asked Lee, told Lee)
ADDRESSED = frozenset({"tell", "ask", "inform", "remind", "assure", "advise", "notify", "urge"})


def addressed(verb: Any) -> bool:
    """Whether a cue verb says that someone was spoken to: a passive of ask, tell, …
    ("Lee was asked whether …", "asked by X", "Asked whether …, Lee said …"). Its subject
    is the one asked, who says nothing by it: they speak only where a verb of their own
    answers."""
    if verb.lemma_.lower() not in ADDRESSED:
        return False
    deps = {child.dep_ for child in verb.children}
    if deps & {"nsubjpass", "auxpass", "agent"}:
        return True
    if deps & {"nsubj", "aux", "expl", "dobj", "dative"}:
        return False  # Lee asked, Lee has asked, “…?” asked the boy (its object)
    # a participle with no subject: (When) asked whether …, Lee said (tagged VBD or VBN)
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ == "advcl"


def asker(verb: Any) -> Any | None:
    """The one who asks in a passive cue: "was asked by X" gives X; else None."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def reported_clause(
    token: Any, verbs: Collection[str], phrases: Collection[tuple[str, ...]]
) -> tuple[Any, int, int] | None:
    """(speaker head token, first token, end token) when ``token`` cues a reported clause."""
    phrase = _source_phrase(token, phrases)
    if phrase is not None:
        return phrase
    if token.lemma_.lower() not in verbs or token.pos_ not in ("VERB", "AUX"):
        return None
    subject = _speaker(token, verbs)
    if subject is None:
        return None
    for child in token.children:
        if child.dep_ == "ccomp" and child.i > token.i:
            end = second_report(token.doc, child.left_edge.i, child.right_edge.i + 1, verbs)
            return subject, child.left_edge.i, end
    for child in token.children:
        if child.dep_ == "ccomp" and child.i < subject.i:  # "The talks failed, he said."
            return subject, child.left_edge.i, child.right_edge.i + 1
    clause = _that_clause(token)  # "Lee said in a statement that …": parsed on the noun
    if clause is not None:
        return subject, clause.left_edge.i, clause.right_edge.i + 1
    head = token.head
    if token.dep_ in ("parataxis", "ccomp") and head.i < token.i:
        before = (head.left_edge.i, token.left_edge.i)
        after = (token.right_edge.i + 1, head.right_edge.i + 1)
        if _ends_sentence(token) or before[1] - before[0] >= after[1] - after[0]:
            return subject, before[0], before[1]  # "…, Li says." / "…, Li says, …"
        return subject, after[0], after[1]
    return None


def second_report(doc: Any, lo: int, hi: int, verbs: Collection[str], after: int = 0) -> int:
    """The end token of a reported clause spanning tokens ``lo``–``hi``: before a participle
    of speech set off by a comma (from character ``after`` on) that the parse hung inside
    it with a clause of its own (Lee insisted that he has “grown the party,” claiming that
    turnout …: the claim is a second report, read on its own)."""
    for token in doc[lo + 1 : hi]:
        if token.idx >= after and _reports_again(token, verbs):
            return int(_comma_before(token).i)
    return hi


def _reports_again(verb: Any, verbs: Collection[str]) -> bool:
    """Whether ``verb`` is a participle of speech with a clause of its own, set off by a
    comma (…,” claiming that …)."""
    if verb.tag_ != "VBG" or verb.lemma_.lower() not in verbs:
        return False
    return any(c.dep_ == "ccomp" for c in verb.children) and _comma_before(verb).text == ","


def _reporting_cue(verb: Any, verbs: Collection[str]) -> Any | None:
    """The cue before a participle of speech that the parse hung inside the clause the cue
    reports, right after that clause's words and in its paragraph (Lee insisted that he
    has “grown the party,” claiming … / Lee asked why the board waited, implying …): the
    cue's subject makes the second report too; never a participle after another cue (Lee
    said Ruiz “…,” the source recalled, adding …: the source's)."""
    clause = verb.head
    outer = clause.head
    if clause.dep_ != "ccomp" or outer.lemma_.lower() not in verbs or outer.i > clause.i:
        return None
    if not _reports_again(verb, verbs):
        return None
    last = verb.doc[_comma_before(verb).i - 1]  # the clause's last word before the comma
    if not any(last.i == t.i for t in clause.subtree) or last.pos_ in ("VERB", "AUX"):
        return None
    return None if "\n" in verb.doc[outer.i : verb.i].text else outer


def _comma_before(token: Any) -> Any:
    """The word before ``token``, quotation marks passed over (party,” claiming: the comma)."""
    before = token.i - 1
    while before > 0 and token.doc[before].is_quote:
        before -= 1
    return token.doc[max(before, 0)]


def _that_clause(verb: Any) -> Any | None:
    """A "that" clause the parse hung on the noun of a phrase after a cue verb instead of on
    the verb: Lee said in a statement that …, Lee said following a vote in 2001 that …."""
    frontier = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    for _ in range(2):  # a statement / a vote in 2001
        nouns = [o for prep in frontier for o in prep.children if o.dep_ == "pobj"]
        for noun in nouns:
            for clause in noun.children:
                if clause.dep_ not in ("acl", "relcl", "ccomp") or clause.i < noun.i:
                    continue
                if any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                    return clause
        frontier = [c for noun in nouns for c in noun.children if c.dep_ == "prep"]
    return None


def _speaker(verb: Any, verbs: Collection[str]) -> Any | None:
    if addressed(verb):  # "Lee was asked whether …": the asker, if named; never Lee
        return asker(verb)
    outer = _reporting_cue(verb, verbs)
    if outer is not None:  # Lee insisted that he has “…,” claiming that …: Lee claims it
        return _speaker(outer, verbs)
    for child in verb.children:
        if child.dep_ in _SUBJ:
            if child.tag_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "Li, who said that …"
            return child
        if child.dep_ == "agent":  # "was told by X"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    named = with_object(verb)
    if named is not None:  # "…, with the guild warning that …": the guild
        return named
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        head = _past_time_clause(verb, verbs)
        for child in head.children:
            if child.dep_ in _SUBJ:  # "…, saying that …" / "… and added that …"
                return child
    return None


def with_object(verb: Any) -> Any | None:
    """The object of a "with" that a participle completes, right before it (…, with the
    union's leader, Ana Ruiz, saying, “…”), where the parse hung the participle on the
    clause's verb: the one saying it, not that verb's subject."""
    if verb.tag_ != "VBG" or verb.head.i == verb.i:
        return None
    for prep in verb.head.children:
        if prep.dep_ != "prep" or prep.lower_ != "with" or prep.i > verb.i:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects and _next_to(objects[0], verb):
            return objects[0]
    return None


def _next_to(noun: Any, verb: Any) -> bool:
    """Whether participle ``verb`` follows ``noun`` right after it, or after the comma that
    closes its apposition (with Ruiz saying / with the leader, Ana Ruiz, saying); a comma
    alone parts them (went with the odds, pointing out …: the subject points it out)."""
    between = [t for t in verb.doc[noun.right_edge.i + 1 : verb.i] if not t.is_space]
    if not between:
        return True
    apposed = any(c.dep_ == "appos" for c in noun.children)
    return apposed and len(between) == 1 and between[0].text == ","


# the words that open a clause of a time before or after the cue's, which a participle of
# the cue's subject may follow (…, after Ruiz won, adding); not one of the same time (…, as
# a guard walks in, saying …: the guard's)
_TIME_MARKS = frozenset({"after", "before", "once"})


def _past_time_clause(verb: Any, verbs: Collection[str]) -> Any:
    """The verb whose subject says a participle of speech set off by a comma: its head, or
    the cue before it when the parse hung it on a clause of time that follows that cue
    (Holm said during a debate after the council won, remarking that …: Holm remarks)."""
    head = verb.head
    outer = head.head
    if verb.tag_ != "VBG" or head.dep_ != "advcl" or outer.i > head.i or outer.i == head.i:
        return head
    opening = verb.doc[head.left_edge.i]
    timed = opening.head.i == head.i and opening.dep_ in ("mark", "advmod")
    timed = timed and opening.lower_ in _TIME_MARKS
    if not timed or outer.lemma_.lower() not in verbs or _comma_before(verb).text != ",":
        return head
    return outer


def _subtree(token: Any) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _ends_sentence(token: Any) -> bool:
    """Whether the cue's clause runs to the end of its sentence (bar punctuation)."""
    rest = token.doc[token.right_edge.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _source_phrase(token: Any, phrases: Collection[tuple[str, ...]]) -> tuple[Any, int, int] | None:
    doc = token.doc
    first = token.lower_  # a phrase starts with this word or is not here (no slice made)
    for words in phrases:
        n = len(words)
        if n and words[0] != first:
            continue
        if token.i + n > len(doc) or tuple(t.lower_ for t in doc[token.i : token.i + n]) != words:
            continue
        objects = [c for c in doc[token.i + n - 1].children if c.dep_ == "pobj"]
        if not objects:
            return None
        phrase_end = max(token.right_edge.i, objects[0].right_edge.i) + 1
        sent = token.sent
        for lo, hi in (_subtree(token.head), (sent.start, sent.end)):
            if token.i <= lo or _set_off_after_adverbials(token, phrase_end):
                return objects[0], phrase_end, hi  # "According to X, the talks …"
            if phrase_end >= hi - 1 or all(t.is_punct for t in doc[phrase_end:hi]):
                return objects[0], lo, token.i  # "…, according to X."
        return None
    return None


_ADVERBIALS = frozenset({"prep", "advmod", "npadvmod", "advcl", "punct", "cc"})


def _set_off_after_adverbials(token: Any, phrase_end: int) -> bool:
    """Whether a source phrase is set off by commas after words that only qualify the
    clause after it (Over the long term, according to X, the rise …): then that clause
    is what X says, as it is when the phrase opens the sentence; never when its subject
    stands before the phrase (The talks, according to X, failed)."""
    doc, head = token.doc, token.head
    if token.i == 0 or doc[token.i - 1].text != "," or head.i < phrase_end:
        return False
    if phrase_end >= len(doc) or "," not in (doc[phrase_end - 1].text, doc[phrase_end].text):
        return False
    before = [c for c in head.children if c.i < token.i]
    return bool(before) and all(c.dep_ in _ADVERBIALS for c in before)
