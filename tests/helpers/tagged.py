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
