"""Bodies cut off at either end: "outh Korea ..." and "... last week, Lee........".

The cleaner keeps the words of a cut paragraph and only says it was cut (a
flag); the only text it takes out is the run of dots that marked the cut.
"""

from __future__ import annotations

import re

from newsdesk.clean.lines import Line, ends_sentence, normalise, words

__all__ = ["strip_end_marker", "truncated_end", "truncated_start"]

_END_MARKER = re.compile(r"\s*(?:\.{3,}|…+|\[…\]|\[\.\.\.\])$")
_LEADING_TOKEN = re.compile(r"[^\W\d_]+")


def strip_end_marker(lines: list[Line]) -> str | None:
    """Take a trailing run of dots off the last kept line; return what was taken."""
    last = next((line for line in reversed(lines) if line.kept), None)
    if last is None:
        return None
    match = _END_MARKER.search(last.text)
    if match is None or match.start() == 0:
        return None
    marker = match.group(0)
    last.text = last.text[: match.start()].rstrip()
    last.norm = normalise(last.text)
    return marker.strip()


def truncated_end(lines: list[Line]) -> bool:
    """The body stops mid-sentence: the last kept line has no closing punctuation."""
    last = next((line for line in reversed(lines) if line.kept), None)
    return last is not None and not ends_sentence(last.norm)


def truncated_start(lines: list[Line], common_words: frozenset[str]) -> bool:
    """The first word is cut mid-word: "outh" is no word, but the end of "South".

    The fragment must start lowercase, must not itself be a common word, and
    must be the tail of a longer word, from the article itself or the word list.
    """
    first = next((line for line in lines if line.kept), None)
    if first is None or not first.norm[:1].islower():
        return False
    match = _LEADING_TOKEN.match(first.norm)
    if match is None:
        return False
    fragment = match.group(0).casefold()
    if fragment in common_words:
        return False
    vocabulary = {w.casefold() for line in lines for w in words(line.norm)} | common_words
    return any(len(w) > len(fragment) and w.endswith(fragment) for w in vocabulary)
