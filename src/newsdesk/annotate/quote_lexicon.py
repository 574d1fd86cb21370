"""The cue words of ``annotate/data/quotes_cues.json``, read once per process, for
:mod:`.quotes`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["CueLexicon", "cue_lexicon"]


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The cue words of ``annotate/data/quotes_cues.json``."""

    speech: frozenset[str]
    documents: frozenset[str]  # a text speaking, only right after a quotation: the letter read
    naming: frozenset[str]
    cognition: frozenset[str]
    source_phrases: tuple[tuple[str, ...], ...]
    pronouns: dict[str, frozenset[str]]
    titles: frozenset[str]
    phrase_max_words: int
    statements: frozenset[str]
    spokespeople: frozenset[str]


@cache
def cue_lexicon() -> CueLexicon:
    """The cue lexicon, read once per process."""
    raw = resources.files("newsdesk.annotate").joinpath("data/quotes_cues.json").read_text("utf-8")
    data = json.loads(raw)
    return CueLexicon(
        speech=frozenset(data["speech"]),
        documents=frozenset(data["documents"]),
        naming=frozenset(data["naming"]),
        cognition=frozenset(data["cognition"]),
        source_phrases=tuple(tuple(words) for words in data["source_phrases"]),
        pronouns={word: frozenset(types) for word, types in data["pronouns"].items()},
        titles=frozenset(data["titles"]),
        phrase_max_words=int(data["phrase_max_words"]),
        statements=frozenset(data["statements"]),
        spokespeople=frozenset(data["spokespeople"]),
    )
