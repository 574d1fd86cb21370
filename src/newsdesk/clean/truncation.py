"""Bodies cut off at either end: "outh Korea ..." and "... last week, Lee........".

The cleaner keeps the words of a cut paragraph and only says it was cut (a
flag); the only text it takes out is the run of dots that marked the cut.
"""

from __future__ import annotations

import re

from newsdesk.clean.lines import Line, ends_sentence, normalise

__all__ = ["strip_end_marker", "truncated_end", "truncated_start"]

# Each run of dots or ellipses is tried from its first character only (the lookbehinds),
# and the spaces before the marker are trimmed in code, so the search is linear: the
# old r"\s*(?:...)$" tried every position of a run of spaces (40,000 spaces: 26 s).
_END_MARKER = re.compile(r"(?:(?<!\.)\.{3,}|(?<!…)…+|\[…\]|\[\.\.\.\])$")
_LEADING_TOKEN = re.compile(r"[^\W\d_]+")


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


def truncated_end(lines: list[Line]) -> bool:
    """The body stops mid-sentence: the last kept line has no closing punctuation."""
    last = next((line for line in reversed(lines) if line.kept), None)
    return last is not None and not ends_sentence(last.norm)


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
