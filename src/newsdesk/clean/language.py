"""The language of an article, offline, with py3langid (its model ships with it)."""

from __future__ import annotations

__all__ = ["classify_language", "detect_language"]

_SAMPLE_CHARS = 3000  # the first few paragraphs tell the language as well as the whole text


def detect_language(text: str, *, prior: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short or too unsure to tell.

    Among the languages with a pack (``newsdesk.lang``) the stated language ``prior`` (the
    record's or the outlet's) weighs in: a kanji-only headline from a Japanese outlet is
    Japanese. A text clearly in another language keeps its own code.
    """
    from newsdesk.lang.detect import detect

    return detect(text, prior=prior)


def classify_language(text: str) -> tuple[str, float]:
    """py3langid's best language for ``text`` and its probability, however unsure."""
    from newsdesk.lang.detect import whole_model  # the one copy of the model per process

    code, probability = whole_model().classify(text[:_SAMPLE_CHARS])
    return str(code), float(probability)
