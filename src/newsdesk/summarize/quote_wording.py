"""Quote wording: one quote two outlets carry differently, where that is a disagreement.

Two tellings of a quote are compared word by word after folding case, apostrophes, spacing
and punctuation ("AMD ’ s" is "AMD's"). They disagree only where, at one place of the
alignment, each gives a number or a name the other does not say ("We counted 40 boats" /
"We counted 60 boats"). An excerpt -- one telling starting or ending where the other goes
on -- rewording and function words never disagree.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from newsdesk.article import Annotations
from newsdesk.summarize.facts import name_key
from newsdesk.summarize.reading import Conflict, ConflictValue
from newsdesk.summarize.support import StoryIndex
from newsdesk.summarize.text import content_words, normalise_quote, numbers_in

__all__ = ["QUOTED", "quote_conflicts", "quotes_differ"]

QUOTED = re.compile(r"[“\"]([^”\"]{12,400})[”\"]")


def _quotes(text_body: str, notes: Annotations | None) -> list[tuple[str, str | None]]:
    if notes is not None and notes.quotes:
        return [(q.text, q.speaker) for q in notes.quotes if q.kind == "direct"]
    return [(m.group(1), None) for m in QUOTED.finditer(text_body)]


def quote_conflicts(
    index: StoryIndex, annotations: dict[str, Annotations], *, similarity: float
) -> list[Conflict]:
    """A quote two reports carry with different numbers or names in it (``about`` = "quote
    wording"): two tellings of one speaker's quote (word overlap at least ``similarity``)
    that :func:`quotes_differ`."""
    carried: list[tuple[int, str, str, str | None, set[str]]] = []
    for text in index.texts:
        for quote, speaker in _quotes(text.article.body, annotations.get(text.id)):
            norm = normalise_quote(quote)
            if len(norm.split()) >= 4:
                carried.append((text.group, text.id, norm, speaker, set(norm.split())))
    conflicts = []
    reported: set[str] = set()
    for i, (g1, a1, n1, s1, w1) in enumerate(carried):
        for g2, a2, n2, s2, w2 in carried[i + 1 :]:
            if g1 == g2 or n1 in n2 or n2 in n1 or n1 in reported or n2 in reported:
                continue
            if s1 and s2 and name_key(s1) != name_key(s2):
                continue
            if len(w1 & w2) / len(w1 | w2) < similarity:
                continue
            first, second = _original(index, a1, n1), _original(index, a2, n2)
            if not quotes_differ(first, second):
                continue  # one telling is the other's excerpt, or rewords it: no fact differs
            reported |= {n1, n2}
            values = [ConflictValue(first, a1), ConflictValue(second, a2)]
            conflicts.append(Conflict("quote wording", values, speaker=s1 or s2))
    return conflicts


_CLITIC = re.compile(r"\s*['’]\s*(s|t|re|ve|ll|d|m)\b", re.IGNORECASE)  # "AMD ’ s" -> "AMD's"


def _quote_tokens(text: str) -> tuple[list[str], list[str]]:
    """A quote's words as compared (case, apostrophes, spacing and punctuation folded:
    "AMD ’ s" and "AMD's" are one word) and as written (for names)."""
    plain = _CLITIC.sub(r"'\1", unicodedata.normalize("NFKC", text)).replace("'", "")
    written = re.findall(r"[^\W_]+", plain)
    return [w.casefold() for w in written], written


def _checkable_words(words: list[str], written: list[str], lo: int, hi: int) -> frozenset[str]:
    """The numbers and names (capitalised, past the quote's first word) among some words."""
    numbers = numbers_in(content_words(" ".join(words[lo:hi])))
    names = [w for at, w in enumerate(written[lo:hi], lo) if at and w[:1].isupper()]
    return numbers | content_words(" ".join(names))


def quotes_differ(first: str, second: str) -> bool:
    """Whether two tellings of one quote differ in a fact: aligned word by word, where both
    give words at one place, each gives a number or a name the other does not say. An
    excerpt -- one telling begins or ends where the other goes on, "By acquiring SeaMicro,
    we are accelerating AMD's transformation" and "AMD's transformation into an agile,
    disruptive innovator" -- differs in nothing; neither do function words or rewording
    ("We received" / "we have received")."""
    words_a, written_a = _quote_tokens(first)
    words_b, written_b = _quote_tokens(second)
    ops = SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
    while ops and ops[0][0] in {"insert", "delete"}:
        ops = ops[1:]  # one telling starts earlier: an excerpt
    while ops and ops[-1][0] in {"insert", "delete"}:
        ops = ops[:-1]  # one telling goes on: an excerpt
    said_a: set[str] = set()
    said_b: set[str] = set()
    for op, lo_a, hi_a, lo_b, hi_b in ops:
        if op != "equal":
            said_a |= _checkable_words(words_a, written_a, lo_a, hi_a)
            said_b |= _checkable_words(words_b, written_b, lo_b, hi_b)
    whole_a, whole_b = content_words(" ".join(words_a)), content_words(" ".join(words_b))
    return bool(said_a - whole_b) and bool(said_b - whole_a)


def _original(index: StoryIndex, article_id: str, norm: str) -> str:
    for text in index.texts:
        if text.id == article_id:
            for match in QUOTED.finditer(text.article.body):
                if normalise_quote(match.group(1)) == norm:
                    return match.group(1).strip()
    return norm
