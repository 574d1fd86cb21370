"""Tense and aspect of dated events: the direction a weekday or month resolves in, whether
the event is still to come, and titles of works that look like months."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsdesk.annotate.dates import DateNormalizer

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "date_frames"
CASES = sorted(GOLDEN.glob("*.json"))


@pytest.fixture(scope="module")
def normalizer() -> DateNormalizer:
    from newsdesk.annotate.nlp import load

    return DateNormalizer(nlp=load())


def _found(normalizer: DateNormalizer, text: str, published: str) -> list[tuple[str, str, str]]:
    found = normalizer.find(text, published=date.fromisoformat(published))
    return [(e.text, e.value, e.frame or "") for e in found]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_date_frames_golden(normalizer: DateNormalizer, path: Path) -> None:
    golden = json.loads(path.read_text(encoding="utf-8"))
    want = [(e["text"], e["value"], e["frame"]) for e in golden["expect"]]
    assert _found(normalizer, golden["text"], golden["published"]) == want


def test_date_frames_golden_has_each_fault_class() -> None:
    names = {p.stem for p in CASES}
    assert {"past_tense_weekday", "scheduled_future_weekday", "work_title_month"} <= names
    assert "cancelled_event" in names
    assert {"hypothetical_event", "generic_tomorrow", "named_past_date"} <= names
    assert {"moved_event", "reference_time", "scheduled_participle"} <= names


def test_date_frames_past_narration_never_lands_after_publication(
    normalizer: DateNormalizer,
) -> None:
    text = "Police said the bridge was closed on Friday and reopened on Saturday."
    found = _found(normalizer, text, "2026-03-11")
    assert [v for _, v, _ in found] == ["2026-03-06", "2026-03-07"]
    assert {f for _, _, f in found} == {"past"}


def test_date_frames_a_plan_reported_in_the_past_is_still_to_come(
    normalizer: DateNormalizer,
) -> None:
    found = _found(normalizer, "Officials said the talks were scheduled for Friday.", "2026-03-11")
    assert found == [("Friday", "2026-03-13", "future")]


def test_date_frames_counterfactual_is_void(normalizer: DateNormalizer) -> None:
    found = _found(normalizer, "He would have turned 60 on Friday.", "2026-03-11")
    assert [f for _, _, f in found] == ["void"]


def test_date_frames_an_untensed_weekday_is_the_one_before(normalizer: DateNormalizer) -> None:
    # a headline or caption with no tense: news reports what happened
    found = _found(normalizer, "Fire at the Harlow's store in Brannock on Sunday", "2026-03-11")
    assert [v for _, v, _ in found] == ["2026-03-08"]


def test_date_frames_a_work_noun_must_name_the_month(normalizer: DateNormalizer) -> None:
    text = "Sales hit a record in March, and he won the title in March."
    assert [v for _, v, _ in _found(normalizer, text, "2026-01-20")] == ["2025-03", "2025-03"]


def test_date_frames_an_infinitive_looks_ahead_only_under_intention(
    normalizer: DateNormalizer,
) -> None:
    text = (
        "It was his latest effort to recover from Monday's debate. "
        "The markets stay closed until Friday."
    )
    found = _found(normalizer, text, "2026-03-11")
    assert [v for _, v, _ in found] == ["2026-03-09", "2026-03-13"]


def test_date_frames_a_reporting_conjunct_with_its_own_subject_is_its_own_clause(
    normalizer: DateNormalizer,
) -> None:
    """The parse the tagger gives a long lead ("… will close at the end of April, its
    owners, … announced on Tuesday"): "announced" a participle conjoined to "close", with
    a subject of its own, so it does not borrow the "will"."""
    from spacy.tokens import Doc

    from newsdesk.annotate.date_frames import tense_of

    words = ["The", "bakery", "will", "close", "in", "May", ",", "its", "owners", "announced"]
    words += ["on", "Tuesday", "."]
    heads = [1, 3, 3, 3, 3, 4, 3, 8, 9, 3, 9, 10, 9]
    deps = ["det", "nsubj", "aux", "ROOT", "prep", "pobj", "punct", "poss", "nsubj", "conj"]
    deps += ["prep", "pobj", "punct"]
    tags = ["DT", "NN", "MD", "VB", "IN", "NNP", ",", "PRP$", "NNS", "VBN", "IN", "NNP", "."]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT", "PRON", "NOUN", "VERB"]
    pos += ["ADP", "PROPN", "PUNCT"]
    doc = Doc(normalizer.nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    assert tense_of(doc[11:12]) == "past"
    assert tense_of(doc[5:6]) == "future"
