"""Docs whose entity tags are set by hand: the tags spaCy might give, so that a test of what
newsdesk does with them does not hang on the model."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span


def tagged(vocab: Any, pieces: list[tuple[str, str]]) -> Doc:
    """A doc of ``pieces`` (text, label), each text's words one entity when labelled."""
    words: list[str] = []
    spans: list[tuple[int, int, str]] = []
    for text, label in pieces:
        start = len(words)
        words += text.split()
        if label:
            spans.append((start, len(words), label))
    doc = Doc(vocab, words=words)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in spans]
    return doc


def parsed_span(nlp: Any, text: str, name: str, label: str) -> tuple[Doc, Span]:
    """``text`` parsed by ``nlp``, and its first ``name`` as an entity span of ``label``: the
    tag spaCy might have given, whatever it gave."""
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None
    return doc, span


def nth_span(
    doc: Doc, text: str, name: str, label: str, nth: int = 0, *, word: bool = False
) -> Span:
    """The ``nth`` (from 0) ``name`` of ``text`` as an entity span of ``label`` in ``doc``
    (``text`` parsed); ``word``: only where no letter follows ("SFP" of "SFP,", not of a
    longer word)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(name, at + 1)
        while word and text[at + len(name) : at + len(name) + 1].isalpha():
            at = text.index(name, at + 1)
    found = doc.char_span(at, at + len(name), label=label)
    assert found is not None, name
    return found
