"""Scraped text as lines in blocks, and the shapes of a line (prose, headline).

The cleaner works line by line: a blank line starts a new block, and the
cleaned text is written back with the same shape (lines of a block joined by
one newline, blocks by a blank line), so cleaning the output again sees the
same lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsdesk.clean.data import TitleShape

__all__ = [
    "CLOSERS",
    "Line",
    "double_quotes",
    "is_prose",
    "is_title_like",
    "join_lines",
    "normalise",
    "split_lines",
]

_SPACE = re.compile(r"\s+")
# closing quotes and brackets a sentence or a headline may end in
CLOSERS = "\"'”’»)]】」』"
# full stops and question marks of other scripts too: Devanagari and Bengali danda, Urdu
# and Arabic, Armenian, Ethiopic, Myanmar, Khmer, Tibetan
_TERMINAL = ".!?…。！？।॥۔؟։።፧။។།"
# what may follow a sentence's stop: closing quotes and brackets, with spaces between
# (str.rstrip, not a regex: linear however long a run of spaces inside the text is)
_TRAILING_CLOSERS = CLOSERS + "“« \t\n\r\f\v\u00a0\u2009\u202f"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


# two apostrophes standing for a double quote, as archives of print typeset them
# (''Given how …,'' he said): opening before a word, closing after a word or punctuation;
# between other characters ("x = ''", "('')") they are left as written
_DOUBLED_OPENING = re.compile(r"(?<![^\s(\[—–-])''(?=\w)")
_DOUBLED_CLOSING = re.compile(r"(?<=[\w.,!?;:…])''(?=[\s.,;:!?)\]—–-]|$)")


def double_quotes(text: str) -> str:
    """``text`` with two apostrophes used as a quotation mark written as one double quote,
    so sentences, quotations and what the desk shows read them as quotes."""
    if "''" not in text:
        return text
    return _DOUBLED_CLOSING.sub('"', _DOUBLED_OPENING.sub('"', text))


@dataclass(slots=True)
class Line:
    """One non-blank line of the input; ``reason`` is set once it is debris."""

    text: str
    norm: str
    block: int
    reason: str | None = None

    @property
    def kept(self) -> bool:
        return self.reason is None


def normalise(text: str) -> str:
    """NFKC with runs of spaces collapsed: the form patterns are matched against."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def split_lines(text: str) -> list[Line]:
    """Non-blank lines, each with the index of its block."""
    lines: list[Line] = []
    block = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            block += 1
            continue
        lines.append(Line(text=stripped, norm=normalise(stripped), block=block))
    return lines


def join_lines(lines: list[Line]) -> str:
    """The kept lines, blocks separated by a blank line."""
    out: list[str] = []
    previous: int | None = None
    for line in lines:
        if not line.kept:
            continue
        if previous is not None:
            out.append("\n\n" if line.block != previous else "\n")
        out.append(line.text)
        previous = line.block
    return "".join(out)


def words(text: str) -> list[str]:
    """Word tokens (letters, with inner apostrophes, dots and hyphens)."""
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    """Whether the text ends with sentence-final punctuation (closing quotes allowed).

    A closing quote may stand a space after the stop, as French guillemets do
    ("… demain. »") and as tokenised archives write every quote ("… anymore . ''"),
    and German closes „…“ with “ and »…« with «."""
    trimmed = text.rstrip(_TRAILING_CLOSERS)
    return bool(trimmed) and trimmed[-1] in _TERMINAL


def is_cjk(text: str) -> bool:
    return len(_CJK.findall(text)) * 3 > len(text)


def is_prose(text: str) -> bool:
    """A line that reads as article prose: a sentence, not a label."""
    if not ends_sentence(text):
        return False
    if is_cjk(text):
        return len(text) >= 12
    return len(text.split()) >= 5


def capitalised_share(text: str, shape: TitleShape) -> float | None:
    """The share of a line's content words that begin with a capital (Title Case is
    near 1); None when it has no content word."""
    content = [w for w in words(text) if w.casefold() not in shape.small_words]
    if not content:
        return None
    return sum(1 for w in content if w[0].isupper()) / len(content)


def is_title_like(text: str, shape: TitleShape) -> bool:
    """A short headline: capitalised, no sentence punctuation at the end."""
    tokens = text.split()
    if not shape.min_words <= len(tokens) <= shape.max_words or len(text) > shape.max_chars:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘"):
        return False
    if text.rstrip(CLOSERS)[-1:] in ".;:,!…" or tokens[-1].casefold() in shape.small_words:
        return False
    share = capitalised_share(text, shape)
    if share is None:
        return False
    if text.rstrip(CLOSERS).endswith("?"):
        return share >= shape.min_capitalised_share
    # sentence-case headlines are common: "'I swam until I couldn't feel my arms': ..."
    return share >= shape.min_capitalised_share or len(tokens) <= 16
