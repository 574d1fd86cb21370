"""Japanese names that GiNZA cut or read with what goes before them: a host's or a
reporter's role in Han characters read into the name is no part of it (司会者ミカ), and a
given name cut at the ・ of a foreign name runs on over the rest of it (ミカ|・…: the full
name, which joins its English spelling). Surnames in a list stay apart. The texts are
composed for the test."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def _typed(text: str, pack: LanguagePack, reader: PackAnnotator) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in reader.annotate(text, pack, published=WHEN).entities}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "CNBCの司会者ミカ・ブジェジンスカさえも「ひどい」と呼ぶほどだった。",
            "ミカ・ブジェジンスカ",
        ),
        (
            "MSNBCの司会者ミカ・ヴロツワフスカさえも「最悪」と呼ぶほど悪質だった。",
            "ミカ・ヴロツワフスカ",
        ),
    ],
)
def test_types3_ja_given_name_runs_on_over_the_full_name(
    text: str, name: str, ja: LanguagePack, reader: PackAnnotator
) -> None:
    typed = _typed(text, ja, reader)
    assert (name, "PERSON") in typed
    assert not [n for n, _ in typed if n != name and "ミカ" in n]  # not 司会者ミカ, nor ミカ


def test_types3_ja_surnames_in_a_list_stay_apart(ja: LanguagePack, reader: PackAnnotator) -> None:
    typed = _typed("会談にはメルケル・マクロン両首脳が臨んだ。", ja, reader)
    assert {("メルケル", "PERSON"), ("マクロン", "PERSON")} <= typed
