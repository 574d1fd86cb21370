"""Bodies cut off at either end: "outh Korea ..." and "... last week, Lee........".

The cleaner keeps the words of a cut paragraph and only says it was cut (a
flag); the only text it takes out is the run of dots that marked the cut.
"""

from __future__ import annotations

import re

from newsdesk.clean.data import TitleShape
from newsdesk.clean.lines import Line, capitalised_share, ends_sentence, normalise

__all__ = ["strip_end_marker", "truncated_end", "truncated_start"]

# Each run of dots or ellipses is tried from its first character only (the lookbehinds),
# and the spaces before the marker are trimmed in code, so the search is linear: the
# old r"\s*(?:...)$" tried every position of a run of spaces (40,000 spaces: 26 s).
_END_MARKER = re.compile(r"(?:(?<!\.)\.{3,}|(?<!…)…+|\[…\]|\[\.\.\.\])$")
_LEADING_TOKEN = re.compile(r"[^\W\d_]+")
# a wire's or a source's tag after the last sentence: "(dpa)", "(Quelle: SWR)", "(AP)"
_END_TAG = re.compile(r"\([^()]{1,40}\)$")
_WIRE_CODE = re.compile(r"[A-Z]{2,6}")
# what a ticker or a link sets after its last sentence, and the stops a hashtag may follow
_ARROWS = ("+", ">", "→", "›")
_STOP_CHARS = ".!?…"
# a last line this short after a finished paragraph is a name, a credit or a sign-off
_TRAILER_WORDS = 5
_BARE_WORDS = 2
# a line whose content words nearly all begin with a capital is a heading, not prose cut
# short (German prose capitalises its nouns, never its verbs: far below this share)
_HEADLINE_SHARE = 0.8
# a label before a colon ("Quelle: ARD", "E-Mail: …"), or a list item or a table row, and
# how many words may follow it in a line that is not prose ("Foto: Jane Marlow / AFP")
_LABEL = re.compile(r"[^\W\d][\w.'’ -]{0,24}:\s|[-–•*·|]\s")
_LABELLED_WORDS = 6
_EMAIL = re.compile(r"[^@\s]+@[\w-]+(?:\.[\w-]+)+[.,;:]?")
# a web address as a line's last word
_ADDRESS = re.compile(r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?")
# signs of a link, a copyright or a footnote anywhere in the line
_MARKS = ("http://", "https://", "www.", "©", "↩")


def strip_end_marker(lines: list[Line]) -> str | None:
    """Take a trailing run of dots off the last kept line; return what was taken."""
    last = next((line for line in reversed(lines) if line.kept), None)
    if last is None:
        return None
    match = _END_MARKER.search(last.text)
    if match is None:
        return None
    kept = last.text[: match.start()].rstrip()
    if not kept:
        return None
    marker = last.text[len(kept) :]
    last.text = kept
    last.norm = normalise(last.text)
    return marker.strip()


def truncated_end(lines: list[Line], shape: TitleShape) -> bool:
    """The body stops mid-sentence: its last paragraph of prose has no closing punctuation.

    What a page sets after its last sentence is no cut: a wire or source tag in
    brackets ("… skeptisch geäußert. (dpa)"), and lines that are not prose
    (:func:`_trailer`: a credit, a signature, a contact, a link, a list or a table, a
    lead-in to links the cleaner took out). Those are passed over and the line before
    them decides. Read on 193 real pages (trafilatura's evaluation set), 72 were flagged
    as cut, nearly all for such a last line; on ECB+'s 982 texts 114, most for a space
    before the closing quote (:func:`newsdesk.clean.lines.ends_sentence`).
    """
    for line in reversed(lines):
        if not line.kept:
            continue
        text = line.norm
        if ends_sentence(text) or _tagged_sentence(text):
            return False
        if not _trailer(text, shape):
            return True
    return False


def _tagged_sentence(text: str) -> bool:
    """A sentence followed by a short bracketed tag, a wire's code, hashtags or a ticker's
    or a link's arrows: "… on Monday. (Reuters)", "… into the US. PTI", "… next week.
    #SenatePlenary", "… spannend. +++"."""
    text = _strip_end_marks(text)
    match = _END_TAG.search(text)
    if match is not None:
        text = text[: match.start()]
    text = _strip_end_marks(text)
    head, _, last = text.rpartition(" ")
    if head and _WIRE_CODE.fullmatch(last) and ends_sentence(head):
        return True  # a wire's code after the stop: "… into the US. PTI"
    return ends_sentence(text)


def _strip_end_marks(text: str) -> str:
    """``text`` without the hashtags and arrows (+++, >>, →) it ends in."""
    while True:
        text = text.rstrip()
        last = text.rpartition(" ")[2]
        glued, mark, tag = last.rpartition("#")
        if mark and tag and (not glued or glued[-1] in _STOP_CHARS):  # "#Vote", "day.#Vote"
            text = text[: len(text) - len(tag) - 1]
        elif text.endswith(_ARROWS):
            text = text.rstrip("".join(_ARROWS))
        else:
            return text


def _trailer(text: str, shape: TitleShape) -> bool:
    """A line that is not a paragraph cut short: a few capitalised words (a name, a
    credit, a sign-off: "Deine Mady", "SOURCE Summit Entertainment"), a lead-in ending in
    a colon, a short labelled line ("Source: …", "E-mail: …"), one with a link, an e-mail
    address or a copyright sign, an item of a list or a row of a table. A line that stops
    on a comma or a small word ("… and", "… of") is cut, and so are a few words in lower
    case ("Officials did not immediately provide")."""
    words = text.split()
    # a small word as written: "IN" ends a place ("Noblesville, IN"), not a sentence
    if text.endswith(",") or words[-1] in shape.small_words:
        return False
    share = capitalised_share(text, shape)
    if len(words) <= _TRAILER_WORDS and (share is None or share >= shape.min_capitalised_share):
        return True
    if len(words) <= _BARE_WORDS or (share is not None and share >= _HEADLINE_SHARE):
        return True  # a word or two ("Buy Now"), or a headline of a related link in Title Case
    if text[0] in "([" and text[-1] in ")]":
        return True  # an aside in brackets: "(Graphic: the markets in 2019)"
    label = _LABEL.match(text)
    if label is not None and len(text[label.end() :].split()) <= _LABELLED_WORDS:
        return True
    return (
        text.endswith((":", "|"))
        or _ADDRESS.fullmatch(words[-1]) is not None
        or any(mark in text for mark in _MARKS)
        or any(_EMAIL.fullmatch(word) for word in words if "@" in word)
    )


def truncated_start(lines: list[Line], common_words: frozenset[str]) -> bool:
    """The first word is cut mid-word: "outh" is no word, but the end of "South".

    Articles begin with a capital (or a digit, or a quote). A body whose first
    word starts lowercase and is not itself a common word or a known
    lowercase name ("iPhone", "de") was cut off in the middle of that word.
    """
    first = next((line for line in lines if line.kept), None)
    if first is None or not first.norm[:1].islower():
        return False
    match = _LEADING_TOKEN.match(first.norm)
    if match is None:
        return False
    fragment = match.group(0).casefold()
    return fragment not in common_words
