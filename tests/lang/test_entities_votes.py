"""A name typed a person in one mention and something else in the others takes one type
in all its mentions of a text: the others' where they are more, a person's where a
person's title is written onto a mention. The texts are composed for the test."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def _types(text: str, name: str, pack: LanguagePack, reader: PackAnnotator) -> list[str]:
    found = reader.annotate(text, pack, published=WHEN).entities
    return [m.type for m in found if m.text == name]


def test_entities_votes_a_place_typed_a_person_once_is_a_place(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = (
        "ラジャスタン州の議会は紛糾した。ラジャスタン州の知事は拒否した。"
        "ラジャスタン州の状況を巡り抗議が続く。"
    )
    assert _types(text, "ラジャスタン州", ja, reader) == ["GPE", "GPE", "GPE"]


def test_entities_votes_a_titled_name_is_a_person_in_every_mention(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    # 부시 ends in 시, a city's ending: the title in 부시 대통령 says whose name it is
    text = "조지 부시 대통령은 회담했다. 부시는 미사일 방어 계획을 설명했다. 부시는 또 협력을 요청했다."
    assert _types(text, "부시", ko, reader) == ["PERSON", "PERSON"]
