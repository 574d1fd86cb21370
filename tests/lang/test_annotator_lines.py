"""A name a language pack's model finds never spans a line break, and a span of line
breaks alone names nobody (a model's span can start at the line before a name)."""

from __future__ import annotations

import pytest

from newsdesk.lang import pack_for
from newsdesk.lang.annotator import PackAnnotator
from newsdesk.spans import one_line

TEXT = "記者 森田\n\nブルーノ氏は語った。\n\n"


def test_annotator_lines_pack_spans_keep_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    pack = pack_for("ja")
    assert pack is not None
    name = TEXT.index("ブルーノ")
    spans = [
        (TEXT.index("\n"), name + 4, "PERSON"),  # "\n\nブルーノ": the line before taken in
        (TEXT.index("森田"), name + 4, "PERSON"),  # "森田\n\nブルーノ": two lines
        (len(TEXT) - 2, len(TEXT), "PERSON"),  # "\n\n": no letter at all
    ]
    monkeypatch.setattr(pack.module, "entities", lambda text: spans)
    found = PackAnnotator(join=False).annotate(TEXT, pack, published=None).entities
    assert [(m.text, TEXT[m.start : m.end]) for m in found] == [
        ("ブルーノ", "ブルーノ"),
        ("森田", "森田"),
    ]


@pytest.mark.parametrize(
    ("span", "kept"),
    [
        ("Ana Petrova", "Ana Petrova"),
        ("Ana Petrova\n\nYesterday", "Ana Petrova"),
        ("\n\nAna Petrova ", "Ana Petrova"),
        ("\r\n", ""),
    ],
)
def test_annotator_lines_one_line(span: str, kept: str) -> None:
    text = f"x {span} y"
    start, end = one_line(text, 2, 2 + len(span))
    assert text[start:end] == kept
