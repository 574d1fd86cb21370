"""A name a pack's model types a person that the gazetteer knows as a place (a CLDR city,
a GeoNames city) is that place, unless the text writes it as a person's: a word of a
longer person's name in the same text. The texts are composed for the test."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def _types(text: str, name: str, pack: LanguagePack, reader: PackAnnotator) -> list[str]:
    found = reader.annotate(text, pack, published=WHEN).entities
    return [m.type for m in found if m.text == name]


def test_entities_known_places_a_city_typed_a_person_is_the_city(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    # LAC tags 罗安达 (Luanda) and 博帕尔 (Bhopal) PER here; CLDR and GeoNames name both
    text = "安哥拉首都罗安达的市长周五宣布，将在罗安达修建一座新的港口。"
    assert _types(text, "罗安达", zh, reader) == ["GPE", "GPE"]
    text = "当地时间周四，印度中央邦首府博帕尔发生爆炸，博帕尔警方说有三人受伤。"
    assert _types(text, "博帕尔", zh, reader) == ["GPE", "GPE"]


def test_entities_known_places_a_town_typed_a_person_in_japanese(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    # GiNZA labels レスター (Leicester, a GeoNames city) a person here
    text = "レスターはその試合でサウサンプトンに勝利した。"
    assert _types(text, "レスター", ja, reader) == ["GPE"]


def test_entities_known_places_a_persons_surname_stays_a_person(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    # ダーウィン is an Australian city too: here it is Charles Darwin's surname
    text = "チャールズ・ダーウィンは進化論を唱えた。ダーウィンは船で旅をした。"
    assert _types(text, "ダーウィン", ja, reader) == ["PERSON"]
