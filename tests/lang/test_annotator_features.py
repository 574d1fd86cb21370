"""A place followed by a word for a geographic feature (a strait, a peninsula) names the
larger place named after it: one mention, never the place it is named after. Sentences
composed for the test; the features from the pack's ``features.txt``."""

from __future__ import annotations

import pytest

from newsdesk.lang import LanguagePack, pack_for
from newsdesk.lang.annotator import PackAnnotator, _with_features

TEXT = "해경은 조지아 해협의 섬에서 신발을 찾았다고 밝혔다. 조지아 출신 선수도 왔다."


def test_annotator_place_named_after_a_place_is_one_mention(ko: LanguagePack) -> None:
    found = PackAnnotator(join=False).annotate(TEXT, ko, published=None).entities
    places = [(m.text, m.type) for m in found if m.type in {"GPE", "LOC"}]
    assert ("조지아 해협", "LOC") in places
    assert places.count(("조지아", "GPE")) == 1  # the country alone, in the second sentence


@pytest.mark.parametrize(
    ("text", "spans", "kept"),
    [
        ("말레이 반도", [(0, 3, "GPE")], ["말레이 반도"]),
        ("이베리아반도", [(0, 4, "LOC")], ["이베리아반도"]),
        (
            "조지아 해협 조지아",
            [(0, 3, "GPE"), (4, 6, "MISC"), (7, 10, "GPE")],
            ["조지아 해협", "조지아"],
        ),
        ("조지아 해협", [(0, 3, "PERSON")], ["조지아"]),  # a person is no place named after
        ("조지아  해협", [(0, 3, "GPE")], ["조지아"]),  # one space at most between
    ],
)
def test_annotator_feature_word_joins_the_place_before_it(
    text: str, spans: list[tuple[int, int, str]], kept: list[str]
) -> None:
    pack = pack_for("ko")
    assert pack is not None
    found = _with_features(text, spans, pack.words("features.txt"))
    assert [text[s:e] for s, e, _ in found] == kept
