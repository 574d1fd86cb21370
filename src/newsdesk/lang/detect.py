"""Which language an article is in: py3langid, told apart among the languages with a pack,
with the record's or outlet's stated language as a prior.

A kanji-only headline reads as Chinese to py3langid; when the outlet says Japanese and the
text could be Japanese, the prior wins. A text clearly in a language without a pack (French,
German …) keeps that language, so it is never read with another language's rules.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from newsdesk.lang.pack import pack_for, supported

__all__ = ["detect", "whole_model", "with_outlet_prior"]

MIN_LETTERS = 20  # fewer letters than this: too short to tell (CJK characters count as letters)
MIN_CONFIDENCE = 0.5
PRIOR_WEIGHT = 50.0  # how much more likely the stated language is before reading the text
SAMPLE_CHARS = 3000
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier(languages: tuple[str, ...] | None) -> Any:
    """A py3langid model, restricted to ``languages`` (all 97 when None). The file is read
    once: a restricted model is a shallow copy of the whole one whose ``set_languages``
    gives it columns of its own (it assigns them, never changes the whole model's arrays
    in place), so the automaton is the whole model's, shared: a sample's walk through it
    serves both (_Reading). A deep copy of it took 0.09 CPU s, in the parent's outlet
    re-check and in each fork server's preload."""
    if not languages:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model = copy.copy(_identifier(None))
    model.set_languages(list(languages))
    return model


def whole_model() -> Any:
    """py3langid's model over all its languages, loaded once per process (the one
    :func:`detect` restricts; other readers of the language, such as the Latin code page
    check of newsdesk.ingest.encoding, share it rather than load a second copy)."""
    return _identifier(None)


class _Reading:
    """One sample read by both models: py3langid walks the sample's bytes through its
    feature automaton (a Python loop over every byte: most of a detection's CPU) for each
    model it is asked, and the restricted model is a copy of the whole one, the same
    automaton with fewer languages. The walk is made once here and each model scores it
    as its own ``classify`` / ``rank`` would (py3langid 1.x's ``_decide`` step for step); a
    model without those parts is asked as before."""

    __slots__ = ("_encoded", "_sample", "_visits")

    def __init__(self, sample: str) -> None:
        self._sample = sample
        self._encoded: bytes | None = None
        self._visits: tuple[Any, Any] | None = None  # (automaton, feature counts)

    def classify(self, model: Any) -> tuple[str, float]:
        scores = self._decide(model)
        if scores is None:
            code, confidence = model.classify(self._sample)
            return str(code), float(confidence)
        i = int(scores.argmax())
        confidence = float(scores[i])
        if model.min_confidence is not None and confidence < model.min_confidence:
            return "und", confidence
        return str(model.nb_classes[i]), confidence

    def rank(self, model: Any) -> dict[str, float]:
        scores = self._decide(model)
        if scores is None:
            return {str(code): float(p) for code, p in model.rank(self._sample)}
        merged: dict[str, float] = {}
        for code, score in zip(model.nb_classes, scores.tolist(), strict=True):
            merged.setdefault(code, score)  # py3langid keeps the first column of an alias
        ranked = sorted(merged.items(), key=lambda item: item[1], reverse=True)
        return {str(code): float(p) for code, p in ranked}

    def _decide(self, model: Any) -> Any | None:
        import math

        import numpy as np
        from py3langid import langid

        try:
            automaton = (model.tk_nextmove, model._rowbase, model.tk_output)
            norm, pairs = model._norm_probs, model._alias_pairs
        except AttributeError:
            return None
        if self._encoded is None:
            self._encoded = model._encode(self._sample)
        text = self._encoded
        if self._visits is None or any(
            a is not b for a, b in zip(self._visits[0], automaton, strict=True)
        ):
            self._visits = (automaton, langid.visit_counts(*automaton, text))
        visits = self._visits[1]
        if visits:
            scores = model._sparse_score(visits, model.nb_ptc)
        else:
            fill = 0.0 if norm else langid.RAW_FLOOR
            scores = np.full(len(model.nb_classes), fill, dtype=np.float32)
        if norm:
            scores *= 1.0 / math.sqrt(len(text) or 1)
            np.exp(scores - scores.max(), out=scores)
            scores /= scores.sum()
        for i, j in pairs:
            if norm:
                scores[i] += scores[j]
                scores[j] = 0.0
            else:
                scores[i] = max(scores[i], scores[j])
                scores[j] = langid.RAW_FLOOR
        return scores


def detect(text: str, *, prior: str | Sequence[str] | None = None) -> str | None:
    """ISO 639-1 code of ``text``; None when it is too short or too unsure to tell.

    The text is first read against every language py3langid knows; one clearly outside the
    packs keeps its own code. Otherwise the languages with a pack are weighed, the stated
    language ``prior`` (or each of several, an outlet's) counting ``PRIOR_WEIGHT`` times more.
    """
    sample = text[:SAMPLE_CHARS]
    named = [prior] if isinstance(prior, str) else list(prior or ())
    stated = [p.code for p in map(pack_for, named) if p is not None]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return stated[0] if len(stated) == 1 and sample.strip() else None
    reading = _Reading(sample)
    code, confidence = reading.classify(_identifier(None))
    if code not in supported():
        return code if confidence >= MIN_CONFIDENCE else None
    if not stated and confidence >= MIN_CONFIDENCE:
        return code  # nothing stated to weigh: one reading is enough
    scores = reading.rank(_identifier(supported()))
    for code in stated:
        scores[code] = scores.get(code, 0.0) * PRIOR_WEIGHT
    total = sum(scores.values()) or 1.0
    best = max(scores, key=lambda c: scores[c])
    if not stated and scores[best] / total < MIN_CONFIDENCE:
        return None
    return best


def with_outlet_prior(text: str, detected: str | None, stated: Sequence[str]) -> str | None:
    """The language of ``text`` once its outlet's languages are known: a text read as a
    language with a pack that the outlet does not publish in is weighed again with the
    outlet's languages as priors (a kanji-only headline of a Japanese paper read as Chinese
    becomes Japanese; what the outlet does publish in stands)."""
    own = [p.code for p in map(pack_for, stated) if p is not None]
    if not own or detected in own or pack_for(detected) is None:
        return detected
    return detect(text, prior=own) or detected
