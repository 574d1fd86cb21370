"""Quoted spans in plain text: curly, straight and guillemet quotation marks.

A quotation opens with “ „ « ‹ or a straight " at the start of a word and closes
with its partner; ‘‘ and `` open like “, and ’’ (two typographic apostrophes) or ''
close it, as in wire copy. A quotation that runs over several paragraphs leaves its
closing mark off at the end of each paragraph and opens the next one again
(“…¶“…”): such a span is one :class:`QuotedSpan`. An opening “ typed where the
closing mark belongs (“Apparently not,“ he said) closes the quotation. A mark left
open at the end of a paragraph that the next paragraph does not reopen is dropped:
it is a typo or a cut-off text, and nothing safe can be said about where it ends. A
closing ” that opens a paragraph opens its quotation (” … in the case of …,” she wrote:
the mark a word processor types before an ellipsis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "Turn", "quoted_spans", "transcript_turns"]

# opener -> closers accepted for it
_PAIRS: dict[str, str] = {
    "“": '”"',
    "„": "“”",
    "«": "»",
    "‹": "›",
    "»": "«",  # Danish/German order, rare in English copy
    '"': '"”',
    "‘": "’",
}
# two-character marks and the one-character mark each stands for: ‘‘…’’ and ``…'' are
# the double quotes of wire copy and typewriter-era text (’’ closes a “ too)
_DOUBLED = {"‘‘": "“", "``": "“", "’’": "”", "''": '"'}
_MARKS = re.compile(r"‘‘|’’|``|''|[“”„«»‹›\"‘’]|\n")
_WORDISH = re.compile(r"\w")
# a transcript's turn: a paragraph opening with a speaker label in capitals and a colon,
# maybe after a straight or curly opening mark ("WALLACE: …", MS. LEE: …); the words
# after the label may open with a mark of their own (RUIZ: "…"), not part of the turn
_TURN = re.compile(
    r"^[ \t]*[\"“]?[ \t]*([A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*){0,2}):[ \t]+[\"“]?(?=\S)",
    re.M,
)


def _mark(text: str, pos: int) -> tuple[str, int]:
    """The (canonical) mark at ``pos`` and its length, or ("", 0)."""
    found = _MARKS.match(text, pos)
    if found is None or found.group() == "\n":
        return "", 0
    return _DOUBLED.get(found.group(), found.group()), len(found.group())


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraphs: int = 1


def _can_open(text: str, pos: int, mark: str, size: int = 1) -> bool:
    """Whether the mark at ``pos`` opens a quotation (not an apostrophe or an inch sign)."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + size] if pos + size < len(text) else " "
    if after.isspace() and before.isspace() and after != "\n":
        # tokenised copy (`` we will , '' she said / " we will , " she said): a mark with
        # spaces on both sides opens when it is unambiguous, or when it is the odd-numbered
        # spaced straight mark of its paragraph
        if (mark in "“„«‹" and size == 1) or size == 2:
            return True
        if mark == '"':
            start = text.rfind("\n", 0, pos) + 1
            return text.count('"', start, pos) % 2 == 0
        return False
    if after.isspace():
        return False
    if mark == "‘" and re.match(r"\d\d(?!\d)", text[pos + 1 : pos + 4]):
        return False  # in ‘08, the ‘90s: an elided year
    if mark in '"‘':  # ambiguous marks open only at a word start
        return not _WORDISH.match(before)
    return True


def _opens_paragraph(text: str, pos: int) -> bool:
    """Whether a closing ” at ``pos`` opens its paragraph and a quotation with it: a word
    processor types ” for the opening mark before an ellipsis (” … in the case of …,”
    wrote X); the paragraph must hold its closing ” after it."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    return not text[start:pos].strip() and "”" in text[pos + 1 : end]


def _closes(text: str, pos: int, size: int) -> bool:
    """Whether a mark sits where only a closing one can: glued to the word or punctuation
    before it, and followed by a space, a line's end or punctuation."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + size] if pos + size < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)")


def _reopens(text: str, newline: int, opener: str) -> tuple[int, int] | None:
    """Where the next paragraph reopens the quotation (position, mark length), or None."""
    pos = newline
    while pos < len(text) and text[pos].isspace():
        pos += 1
    mark, size = _mark(text, pos)
    if size and mark == opener:
        return pos, size
    return None


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, in order; nested quotations stay inside their outer one.

    Marks that never pair (an opener with no closer in its paragraph, a stray closer) are
    skipped, so one bad mark costs at most its own paragraph's quotation."""
    spans: list[QuotedSpan] = []
    opener = ""
    open_at = -1
    open_size = 1
    paragraphs = 1
    skip_to = -1
    for match in _MARKS.finditer(text):
        pos, raw = match.start(), match.group()
        if pos < skip_to:
            continue
        size = len(raw)
        mark = _DOUBLED.get(raw, raw)
        if not opener:
            if mark == "”" and _opens_paragraph(text, pos):
                mark = "“"  # ” … in the case of …,” she wrote: typed after an ellipsis
            if mark in _PAIRS and _can_open(text, pos, mark, size):
                opener, open_at, open_size, paragraphs = mark, pos, size, 1
            continue
        if mark == "\n":
            again = _reopens(text, pos, opener)
            if again is None:
                opener = ""  # never closed: dropped
            else:
                paragraphs += 1
                skip_to = again[0] + again[1]
            continue
        after = pos + size
        if mark in _PAIRS[opener]:
            if mark == "’" and after < len(text) and _WORDISH.match(text[after]):
                continue  # an apostrophe (it’s), not a closing mark
            if mark == '"' and after < len(text) and _WORDISH.match(text[after]):
                # a straight mark glued to a following word opens, not closes: the
                # previous quotation lost its closing mark; start again here
                open_at, open_size, paragraphs = pos, size, 1
                continue
            spans.append(QuotedSpan(open_at, after, open_at + open_size, pos, paragraphs))
            opener = ""
        elif mark == opener and opener in "“«" and _can_open(text, pos, mark, size):
            open_at, open_size, paragraphs = pos, size, 1  # an opener inside an open one
        elif mark == opener == "“" and _closes(text, pos, size):
            # “Apparently not,“ he said: an opening mark typed where the closing one belongs
            spans.append(QuotedSpan(open_at, after, open_at + open_size, pos, paragraphs))
            opener = ""
    return spans


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn in a transcript: the label ("WALLACE") and what follows it."""

    label: str
    label_start: int
    start: int
    end: int


def transcript_turns(text: str) -> list[Turn]:
    """The turns of a transcript in ``text``: paragraphs opening with a label in capitals
    and a colon. A label counts when it opens two paragraphs or more (a lone "UPDATE:"
    is no transcript), and only when two turns or more are found."""
    found = []
    for match in _TURN.finditer(text):
        label = match.group(1)
        if len(label.strip(".'’-")) < 2:
            continue
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        stop = end
        while stop > match.end() and (text[stop - 1].isspace() or text[stop - 1] in '"”'):
            stop -= 1
        if stop > match.end():
            found.append(Turn(label, match.start(1), match.end(), stop))
    counts: dict[str, int] = {}
    for turn in found:
        counts[turn.label] = counts.get(turn.label, 0) + 1
    turns = [turn for turn in found if counts[turn.label] >= 2]
    return turns if len(turns) >= 2 else []
