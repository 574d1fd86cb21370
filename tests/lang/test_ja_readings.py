"""Japanese readings come from Sudachi alone, exactly as GiNZA's tokenizer read them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsdesk.lang import LanguagePack

# names with the cases GiNZA's tokenizer treats apart: spaces (one after a word is no token,
# more are a token of their own), other whitespace, punctuation read as itself, commas
NAMES = (
    "高市早苗", "高市 早苗", "高市  早苗", " 高市", "高市 ", "\u3000高市\u3000早苗", "東京\n大阪",
    "ドナルド・トランプ", "「岸田」", "安倍晋三、", "金正恩氏", "A,B", "A，B", "x|y=z", "1,000人",
    "Ｇ７", "ABC ニュース", "   ", "",
)  # fmt: skip


def _through_ginza(ja: LanguagePack, name: str) -> list[str]:
    doc = ja.module.load().make_doc(name)
    parts = []
    for token in doc:
        reading = token.morph.get("Reading")
        parts.append(reading[0] if reading else token.text)
    found = ja.module._romaji(" ".join(parts))
    return [found] if found.strip() else []


@pytest.mark.parametrize("name", NAMES)
def test_ja_readings_are_the_ones_ginza_gave(ja: LanguagePack, name: str) -> None:
    assert ja.module.readings(name) == _through_ginza(ja, name)


def test_ja_readings_read_a_name_word_by_word(ja: LanguagePack) -> None:
    assert ja.module.readings("高市早苗") == ["takaichi sanae"]


def test_ja_readings_never_load_ginza() -> None:
    """Joining a Japanese name across scripts (the parent of a run) loads no GiNZA."""
    code = (
        "import sys\n"
        "from newsdesk.lang.readings import sound_keys\n"
        "assert sound_keys('高市早苗', 'ja', person=True)\n"
        "assert sound_keys('习近平', 'zh', person=True)\n"
        "print(sorted(m for m in sys.modules if 'ginza' in m))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
