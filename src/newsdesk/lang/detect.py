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

__all__ = ["detect", "with_outlet_prior"]

MIN_LETTERS = 20  # fewer letters than this: too short to tell (CJK characters count as letters)
MIN_CONFIDENCE = 0.5
PRIOR_WEIGHT = 50.0  # how much more likely the stated language is before reading the text
SAMPLE_CHARS = 3000
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier(languages: tuple[str, ...] | None) -> Any:
    """A py3langid model, restricted to ``languages`` (all 97 when None). The file is read
    once: a restricted model is a copy of the whole one (a tenth of the load's CPU)."""
    if not languages:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model = copy.deepcopy(_identifier(None))
    model.set_languages(list(languages))
    return model


def _restricted(sample: str) -> dict[str, float]:
    ranked = _identifier(supported()).rank(sample)
    return {str(code): float(p) for code, p in ranked}


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
    code, confidence = _identifier(None).classify(sample)
    if str(code) not in supported():
        return str(code) if float(confidence) >= MIN_CONFIDENCE else None
    if not stated and float(confidence) >= MIN_CONFIDENCE:
        return str(code)  # nothing stated to weigh: one reading is enough
    scores = _restricted(sample)
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
