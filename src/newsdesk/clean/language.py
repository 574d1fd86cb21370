"""The language of an article, offline, with py3langid (its model ships with it)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["classify_language", "detect_language"]

_MIN_LETTERS = 20
_MIN_CONFIDENCE = 0.5
_SAMPLE_CHARS = 3000  # the first few paragraphs tell the language as well as the whole text
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> Any:
    """The py3langid model, loaded once per process on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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
    code, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(code), float(probability)
