"""A Chinese name LAC tags a person that ends in a word no person's name ends in (邦 a
state, 群岛 islands, 乐队 a band, 节 a festival) is the place, body or event it names; a
short Chinese name ending so stays a person. The texts are composed for the test."""

from __future__ import annotations

from helpers.lang import typed as _typed
from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator


def test_names_chinese_ends_name_a_place_body_or_event(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    found = _typed("他说，泰米尔纳德邦的病例最多。", zh, reader)
    assert ("泰米尔纳德邦", "GPE") in found
    assert ("滚石乐队", "ORG") in _typed("滚石乐队的主唱昨天庆祝了生日。", zh, reader)
    assert ("古尔邦节", "EVENT") in _typed("古尔邦节结束后，双方将举行会谈。", zh, reader)


def test_names_chinese_ends_short_name_stays_a_person(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    assert ("刘邦", "PERSON") in _typed("刘邦建立了汉朝。", zh, reader)
