"""Which language an article is in: py3langid, told apart among the languages with a pack,
with the record's or outlet's stated language as a prior.

A kanji-only headline reads as Chinese to py3langid; when the outlet says Japanese and the
text could be Japanese, the prior wins. A text clearly in a language without a pack (French,
German …) keeps that language, so it is never read with another language's rules.
"""

from __future__ import annotations

import copy
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Protocol

from newsdesk.lang.pack import pack_for, supported

__all__ = ["Evidence", "detect", "evidence", "whole_model", "with_outlet_prior"]

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

    __slots__ = ("_best", "_encoded", "_letters", "_packs", "_sample", "_visits")

    def __init__(self, sample: str) -> None:
        self._sample = sample
        self._encoded: bytes | None = None
        self._visits: tuple[Any, Any] | None = None  # (automaton, feature counts)
        self._best: tuple[str, float] | None = None
        self._packs: dict[str, float] | None = None
        self._letters: int | None = None

    def letters(self) -> int:
        if self._letters is None:
            self._letters = len(_LETTER.findall(self._sample))
        return self._letters

    def blank(self) -> bool:
        return not self._sample.strip()

    def best(self) -> tuple[str, float]:
        """The whole model's language and confidence, read once."""
        if self._best is None:
            self._best = self.classify(_identifier(None))
        return self._best

    def packs(self) -> dict[str, float]:
        """The packs' languages ranked by the restricted model, read once."""
        if self._packs is None:
            self._packs = self.rank(_identifier(supported()))
        return dict(self._packs)

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


class _Source(Protocol):
    """What the choice of a language reads of a sample: a live reading or carried evidence."""

    def letters(self) -> int: ...
    def blank(self) -> bool: ...
    def best(self) -> tuple[str, float]: ...
    def packs(self) -> dict[str, float]: ...


@lru_cache(maxsize=1)
def _reading(sample: str) -> _Reading:
    """The last sample's reading: the clean stage's :func:`evidence` of the text its cleaner
    has just detected reuses that walk instead of making a second."""
    return _Reading(sample)


def _stated(prior: str | Sequence[str] | None) -> list[str]:
    named = [prior] if isinstance(prior, str) else list(prior or ())
    return [p.code for p in map(pack_for, named) if p is not None]


def _choose(source: _Source, stated: list[str]) -> str | None:
    """The language of a sample by what ``source`` read of it, with the ``stated`` packs'
    languages as priors: one rule for a reading made here and for evidence carried from a
    worker, so both decide alike."""
    if source.letters() < MIN_LETTERS:
        return stated[0] if len(stated) == 1 and not source.blank() else None
    code, confidence = source.best()
    if code not in supported():
        return code if confidence >= MIN_CONFIDENCE else None
    if not stated and confidence >= MIN_CONFIDENCE:
        return code  # nothing stated to weigh: one reading is enough
    scores = source.packs()
    for code in stated:
        scores[code] = scores.get(code, 0.0) * PRIOR_WEIGHT
    total = sum(scores.values()) or 1.0
    best = max(scores, key=lambda c: scores[c])
    if not stated and scores[best] / total < MIN_CONFIDENCE:
        return None
    return best


def detect(text: str, *, prior: str | Sequence[str] | None = None) -> str | None:
    """ISO 639-1 code of ``text``; None when it is too short or too unsure to tell.

    The text is first read against every language py3langid knows; one clearly outside the
    packs keeps its own code. Otherwise the languages with a pack are weighed, the stated
    language ``prior`` (or each of several, an outlet's) counting ``PRIOR_WEIGHT`` times more.
    """
    return _choose(_reading(text[:SAMPLE_CHARS]), _stated(prior))


def _crc(sample: str) -> int:
    return zlib.crc32(sample.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What :func:`detect` reads of a text whatever its prior, read where the model is
    loaded (a worker's clean stage, which has just read the text) and carried to the
    parent, whose outlet re-check (:func:`with_outlet_prior`) then decides as detect would
    without loading py3langid's model (half a CPU second of the parent's). The parts the
    choice never reads are left empty: the languages when there are too few letters, the
    packs' scores when the text is in a language without a pack."""

    crc: int  # of the sample read: evidence of another text is never used
    letter_count: int
    is_blank: bool
    code: str = ""
    confidence: float = 0.0
    scores: tuple[tuple[str, float], ...] = ()  # in rank order (ties go to the first)

    def reads(self, text: str) -> bool:
        return self.crc == _crc(text[:SAMPLE_CHARS])

    def letters(self) -> int:
        return self.letter_count

    def blank(self) -> bool:
        return self.is_blank

    def best(self) -> tuple[str, float]:
        return self.code, self.confidence

    def packs(self) -> dict[str, float]:
        return dict(self.scores)


def evidence(text: str) -> Evidence:
    """What the outlet re-check of ``text`` may read, from the walk :func:`detect` made of
    it last (the cleaner's), or a walk of its own."""
    sample = text[:SAMPLE_CHARS]
    reading = _reading(sample)
    letters, blank = reading.letters(), reading.blank()
    if letters < MIN_LETTERS:
        return Evidence(_crc(sample), letters, blank)
    code, confidence = reading.best()
    scores = tuple(reading.packs().items()) if code in supported() else ()
    return Evidence(_crc(sample), letters, blank, code, confidence, scores)


def with_outlet_prior(
    text: str, detected: str | None, stated: Sequence[str], carried: Evidence | None = None
) -> str | None:
    """The language of ``text`` once its outlet's languages are known: a text read as a
    language with a pack that the outlet does not publish in is weighed again with the
    outlet's languages as priors (a kanji-only headline of a Japanese paper read as Chinese
    becomes Japanese; what the outlet does publish in stands). ``carried``: the text's
    :class:`Evidence` from the worker that cleaned it; without it (or for another text) the
    text is read here, loading the model."""
    own = [p.code for p in map(pack_for, stated) if p is not None]
    if not own or detected in own or pack_for(detected) is None:
        return detected
    source: _Source = (
        carried if carried is not None and carried.reads(text) else _reading(text[:SAMPLE_CHARS])
    )
    return _choose(source, _stated(own)) or detected
