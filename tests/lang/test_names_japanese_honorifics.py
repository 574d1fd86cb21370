"""A name GiNZA labels a body or a place is a person's where an honorific only a person
takes follows it (氏, 教授), right after it or past a space. The texts are composed for the
test."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("マディヤ・プラデーシュ州でカマル・ナート氏率いる政権が倒れた。", "カマル・ナート"),
        (
            "最高責任者のエアリス・アレゴス氏 によれば、制度には保証が含まれている。",
            "エアリス・アレゴス",
        ),
        ("創設者の１人であるマーティン・ランドレー教授は述べた。", "マーティン・ランドレー"),
    ],
)
def test_names_japanese_honorific_makes_a_person(
    text: str, name: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    found = {(m.text, m.type) for m in reader.annotate(text, ja, published=WHEN).entities}
    assert (name, "PERSON") in found
