"""detect reads a sample's features once for both py3langid models (the whole one and the
copy restricted to the packs): the same languages and scores as asking each model."""

from __future__ import annotations

import pytest

from newsdesk.lang import detect as module
from newsdesk.lang import supported

SAMPLES = [
    "The council met on Tuesday to vote on the harbour budget.",
    "THE COUNCIL MET ON TUESDAY TO VOTE ON THE HARBOUR BUDGET.",
    "高市早苗首相は13日、奈良市で李在明大統領と会談したと発表した。",
    "이재명 대통령은 13일 나라에서 다카이치 사나에 총리와 회담했다.",
    "日本首相高市早苗13日在奈良与韩国总统李在明举行会谈。",
    "日韓首脳会談奈良開催経済安保連携確認中国情勢協議",
    "Les deux dirigeants se sont rencontrés mardi à Nara pour parler de commerce.",
    "Der Stadtrat hat am Dienstag für die neue Fähre gestimmt.",
    "Совет проголосовал во вторник за новый паром.",
    "The mayor 市長 said 말했다 that 渡し船 costs €20.",
    "1234 5678 !!! ???",
    "",
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_detect_shared_walk_scores_as_each_model(sample: str) -> None:
    whole, restricted = module._identifier(None), module._identifier(supported())
    reading = module._Reading(sample)
    code, confidence = whole.classify(sample)
    assert reading.classify(whole) == (str(code), float(confidence))
    assert reading.rank(restricted) == {str(c): float(p) for c, p in restricted.rank(sample)}
    assert reading.rank(whole) == {str(c): float(p) for c, p in whole.rank(sample)}


def test_detect_shared_walk_restricted_model_shares_the_automaton() -> None:
    whole, restricted = module._identifier(None), module._identifier(supported())
    assert restricted.tk_nextmove is whole.tk_nextmove
    assert set(restricted.nb_classes) <= set(supported())


def test_detect_shared_walk_same_languages_with_priors() -> None:
    for sample in SAMPLES:
        for prior in (None, "en", "ja", "zh", "ko", ["ja", "en"]):
            assert module.detect(sample, prior=prior) == _reference(sample, prior)


def _reference(text: str, prior: object) -> str | None:
    """detect as it was: each model asked on its own."""
    sample = text[: module.SAMPLE_CHARS]
    named = [prior] if isinstance(prior, str) else list(prior or ())  # type: ignore[call-overload]
    stated = [p.code for p in map(module.pack_for, named) if p is not None]
    if len(module._LETTER.findall(sample)) < module.MIN_LETTERS:
        return stated[0] if len(stated) == 1 and sample.strip() else None
    code, confidence = module._identifier(None).classify(sample)
    if str(code) not in supported():
        return str(code) if float(confidence) >= module.MIN_CONFIDENCE else None
    if not stated and float(confidence) >= module.MIN_CONFIDENCE:
        return str(code)
    ranked = module._identifier(supported()).rank(sample)
    scores = {str(c): float(p) for c, p in ranked}
    for c in stated:
        scores[c] = scores.get(c, 0.0) * module.PRIOR_WEIGHT
    total = sum(scores.values()) or 1.0
    best = max(scores, key=lambda c: scores[c])
    if not stated and scores[best] / total < module.MIN_CONFIDENCE:
        return None
    return best


def test_detect_shared_walk_restricted_copy_ranks_as_a_deep_copy() -> None:
    """The restricted model is a shallow copy of the whole one (its deep copy cost 0.09 CPU
    s): it ranks as a deep copy restricted alike, and the whole model keeps every language."""
    import copy

    whole, restricted = module._identifier(None), module._identifier(supported())
    deep = copy.deepcopy(whole)
    deep.set_languages(list(supported()))
    for sample in SAMPLES[:-2]:
        assert restricted.rank(sample) == deep.rank(sample)
    assert len(whole.nb_classes) == len(whole._full_model[2]) > len(restricted.nb_classes)
    assert whole.nb_ptc is whole._full_model[0]
    assert restricted._rowbase is whole._rowbase
