"""A Japanese name GiNZA labels a person but that ends in a word no person's name ends in
(州, 市, 村, 裁判所 …, split off as a common noun) is a place's or a body's. The text is
composed for the test."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def test_names_japanese_place_or_body_ending_is_no_person(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = "コロラド州オーロラ市の警察は発表した。プリンセス・アン郡裁判所で審理された。"
    found = {(m.text, m.type) for m in reader.annotate(text, ja, published=WHEN).entities}
    assert ("コロラド州オーロラ市", "GPE") in found
    assert ("プリンセス・アン郡裁判所", "ORG") in found
    assert not any(kind == "PERSON" for _, kind in found)


def test_names_japanese_person_with_title_stays_a_person(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = "高市早苗首相は奈良市で会見した。高市首相は記者団の質問に答えた。"
    people = {
        m.text for m in reader.annotate(text, ja, published=WHEN).entities if m.type == "PERSON"
    }
    assert {"高市早苗", "高市"} <= people
