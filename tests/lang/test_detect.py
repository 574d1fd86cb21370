"""Language detection among the packs, with the stated language as a prior."""

from __future__ import annotations

import pytest

from newsdesk.clean.language import detect_language
from newsdesk.lang import supported

KANJI_HEADLINE = "日韓首脳会談奈良開催経済安保連携確認中国情勢協議"  # no kana: reads as Chinese


def test_detect_supported_languages_are_the_pack_folders() -> None:
    assert set(supported()) >= {"en", "ja", "ko", "zh"}


def test_detect_each_language_without_prior() -> None:
    assert detect_language("高市早苗首相は13日、奈良市で李在明大統領と会談したと発表した。") == "ja"
    assert detect_language("이재명 대통령은 13일 나라에서 다카이치 사나에 총리와 회담했다.") == "ko"
    assert detect_language("日本首相高市早苗13日在奈良与韩国总统李在明举行会谈。") == "zh"
    assert detect_language("The two leaders met in Nara on Tuesday to discuss trade.") == "en"


def test_detect_prior_decides_a_kanji_only_headline() -> None:
    assert detect_language(KANJI_HEADLINE) == "zh"
    assert detect_language(KANJI_HEADLINE, prior="ja") == "ja"
    assert detect_language(KANJI_HEADLINE, prior="zh") == "zh"


def test_detect_prior_does_not_override_the_text() -> None:
    english = "The two leaders met in Nara on Tuesday to discuss trade and security."
    assert detect_language(english, prior="ja") == "en"


def test_detect_language_without_pack_keeps_its_code() -> None:
    french = "Les deux dirigeants se sont rencontrés mardi à Nara pour parler de commerce."
    assert detect_language(french, prior="en") == "fr"


def test_detect_outlet_languages_weigh_in_after_resolution() -> None:
    from newsdesk.lang.detect import with_outlet_prior

    assert with_outlet_prior(KANJI_HEADLINE, "zh", ("ja", "en")) == "ja"
    assert with_outlet_prior(KANJI_HEADLINE, "zh", ("ja", "en", "zh", "ko")) == "zh"
    english = "The two leaders met in Nara on Tuesday to discuss trade and security."
    assert with_outlet_prior(english, "en", ("ja",)) == "en"


def test_detect_outlet_prior_through_outlet_resolution(store: object) -> None:
    from newsdesk.article import Article
    from newsdesk.outlets.stage import resolve_outlets

    article = Article(
        source="x",
        format="text",
        raw=KANJI_HEADLINE,
        text=KANJI_HEADLINE,
        url="https://www.asahi.com/articles/ASV1.html",
        language="zh",  # as detection read it, without a prior
    )
    resolve_outlets(store, [article])
    assert article.outlet == "The Asahi Shimbun"
    assert article.language == "ja"


def test_detect_reads_the_model_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The restricted model is a copy of the whole one, not a second read of the file."""
    from py3langid.langid import LanguageIdentifier

    from newsdesk.lang import detect as module

    reads = []
    load = LanguageIdentifier.from_model_file

    def counted(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return load(*args, **kwargs)

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", counted)
    module._identifier.cache_clear()
    try:
        assert module.detect("The council voted on Tuesday to close the old harbour road.") == "en"
        assert module.detect("市議会は火曜日、古い港の道路を閉鎖することを決めた。") == "ja"
    finally:
        module._identifier.cache_clear()
    assert len(reads) == 1
