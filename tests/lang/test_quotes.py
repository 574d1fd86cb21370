"""Quotes with their speech cues and speakers in Japanese, Korean and Chinese."""

from __future__ import annotations

from datetime import datetime

from newsdesk.lang import LanguagePack
from newsdesk.lang.annotator import PackAnnotator

WHEN = datetime(2026, 1, 14)


def test_quotes_japanese_brackets_with_to_nobeta(ja: LanguagePack, reader: PackAnnotator) -> None:
    text = (
        "高市早苗首相は会見で「未来志向の関係を築きたい」と述べた。「台湾有事」という言葉も出た。"
    )
    found = reader.annotate(text, ja, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("未来志向の関係を築きたい", "Sanae Takaichi", "述べた")
    ]  # 「台湾有事」 is a term, with no cue: not a quote
    quote = found.quotes[0]
    assert text[quote.start : quote.end] == quote.text
    assert quote.speaker_start is not None
    assert text[quote.speaker_start : quote.speaker_end] == "高市早苗"


def test_quotes_japanese_speaker_between_quote_and_cue(
    ja: LanguagePack, reader: PackAnnotator
) -> None:
    text = "「両国の協力は欠かせない」と李在明大統領は語った。"
    found = reader.annotate(text, ja, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("両国の協力は欠かせない", "Lee Jae-myung", "語った")
    ]


def test_quotes_korean_rago_malhaetda(ko: LanguagePack, reader: PackAnnotator) -> None:
    text = "이재명 대통령은 회담 후 “새로운 60년을 열겠다”라고 말했다."
    found = reader.annotate(text, ko, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("새로운 60년을 열겠다", "Lee Jae-myung", "말했다")
    ]


def test_quotes_chinese_cue_before_and_title_marks_ignored(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    text = "毛宁在接受《人民日报》采访时表示：“台湾问题是中国内政。”"
    found = reader.annotate(text, zh, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("台湾问题是中国内政。", "Mao Ning", "表示")
    ]


def test_quotes_chinese_cue_after(zh: LanguagePack, reader: PackAnnotator) -> None:
    text = "“我们愿意继续对话，”习近平说。"
    found = reader.annotate(text, zh, published=WHEN)
    assert [(q.text, q.speaker, q.cue) for q in found.quotes] == [
        ("我们愿意继续对话，", "Xi Jinping", "说")
    ]


def test_quotes_a_name_inside_quotation_marks_never_speaks(
    ja: LanguagePack, ko: LanguagePack, zh: LanguagePack, reader: PackAnnotator
) -> None:
    # the person a quotation talks about is not its speaker: the speaker is named outside
    # the marks, in the sentence or the one before
    cases = [
        (
            ja,
            "林芳正官房長官は「石破茂氏の発言は重い」と述べ、「政府として対応する」と語った。",
            "林芳正",
        ),
        (
            zh,
            "王毅表示：“我们欢迎李在明的访问。”他补充说：“合作是唯一的出路。”",
            "王毅",
        ),
        (
            ko,
            "외교부의 김민수 대변인은 “이재명 대통령은 회담을 서둘러야 한다”고 말했다. "
            "그는 “대화가 중요하다”고 강조했다.",
            "김민수",
        ),
    ]
    for pack, text, speaker in cases:
        found = reader.annotate(text, pack, published=WHEN)
        assert found.quotes, text
        for quote in found.quotes:
            assert quote.speaker_start is not None, (text, quote.text)
            assert text[quote.speaker_start : quote.speaker_end] == speaker, (text, quote.text)


def test_quotes_korean_chained_quotes_share_the_cue(
    ko: LanguagePack, reader: PackAnnotator
) -> None:
    # “A”며 “B”고 밝혔다: both quotations are the speaker's, the cue after the last
    text = "외교부의 김민수 대변인은 “회담은 성공적이었다”며 “대화를 이어가겠다”고 밝혔다."
    found = reader.annotate(text, ko, published=WHEN)
    assert [(q.text, q.cue) for q in found.quotes] == [
        ("회담은 성공적이었다", "밝혔다"),
        ("대화를 이어가겠다", "밝혔다"),
    ]
    assert {text[q.speaker_start : q.speaker_end] for q in found.quotes if q.speaker_start} == {
        "김민수"
    }
    assert all(q.speaker for q in found.quotes)


def test_quotes_the_subject_speaks_not_the_nearest_name(
    ja: LanguagePack, ko: LanguagePack, reader: PackAnnotator
) -> None:
    # the person the topic/subject particle marks speaks; a name nearer the quotation
    # inside another phrase ("with X", "X's") does not
    cases = [
        (
            ko,
            "윤석열 대통령은 이날 서울에서 열린 기시다 후미오 일본 총리와의 공동 기자회견에서 "
            "“양국 관계는 새로운 시대에 들어섰다”고 말했다.",
            "윤석열",
        ),
        (
            ja,
            "岸田文雄首相は尹錫悦大統領との共同記者会見で「日韓関係は新たな時代に入った」と述べた。",
            "岸田文雄",
        ),
    ]
    for pack, text, speaker in cases:
        found = reader.annotate(text, pack, published=WHEN)
        assert len(found.quotes) == 1, text
        quote = found.quotes[0]
        assert quote.speaker_start is not None, text
        assert text[quote.speaker_start : quote.speaker_end] == speaker, text


def test_quotes_chinese_subject_speaks_not_the_one_answered_or_told(
    zh: LanguagePack, reader: PackAnnotator
) -> None:
    # the person who posts, answers or tells speaks; the one answered or told does not
    cases = [
        ("外交部长王毅发布推文回应布林肯，表示“双方应当加强沟通。”", "王毅"),
        ("她在节目中告诉李明。“这是我们的责任。”她补充说。", None),
    ]
    for text, speaker in cases:
        found = reader.annotate(text, zh, published=WHEN)
        assert found.quotes, text
        quote = found.quotes[-1]
        shown = text[quote.speaker_start : quote.speaker_end] if quote.speaker_start else None
        assert shown == speaker, (text, quote.text, quote.speaker)


def test_quotes_the_one_a_spokesman_speaks_for_is_not_the_speaker(
    ja: LanguagePack, ko: LanguagePack, zh: LanguagePack, reader: PackAnnotator
) -> None:
    # 'X 측 대변인', 'Xの報道官', 'X的发言人': X's spokesman speaks, not X
    cases: list[tuple[LanguagePack, str, str | None]] = [
        (ko, "한편 버락 오바마 측 대변인은 성명을 통해 “표지는 모욕적이다”라고 밝혔다.", None),
        (ko, "한편 버락 오바마의 대변인은 “표지는 모욕적이다”라고 밝혔다.", None),
        (ja, "岸田文雄首相の報道官は「表紙は侮辱的だ」と述べた。", None),
        (zh, "拜登的发言人表示：“封面具有侮辱性。”", None),
    ]
    for pack, text, speaker in cases:
        assert _one_speaker(reader, pack, text) == speaker, text


def test_quotes_a_role_speaking_is_no_one_named_before(
    ja: LanguagePack, ko: LanguagePack, zh: LanguagePack, reader: PackAnnotator
) -> None:
    """警方发言人称：“…”, 경찰 관계자는 “…”, 警察の関係者は「…」: a spokesman or an official
    speaks, unnamed; the person the sentence before named is not the speaker. A pronoun
    subject (他说) still takes that person."""
    cases: list[tuple[LanguagePack, str, str | None]] = [
        (zh, "死者是 Valleyton 的一名村民，名叫李明。警方发言人称，“我们找到了证据。”", None),
        (ko, "숨진 이는 김민수 씨였다. 경찰 관계자는 “증거를 찾았다”고 밝혔다.", None),
        (ja, "亡くなったのは山田太郎さんだった。警察の関係者は「証拠を見つけた」と述べた。", None),
        (zh, "记者见到了李明。他说：“我们找到了证据。”", "李明"),
    ]
    for pack, text, speaker in cases:
        assert _one_speaker(reader, pack, text) == speaker, text


def _one_speaker(reader: PackAnnotator, pack: LanguagePack, text: str) -> str | None:
    """The speaker, as written in ``text``, of its one quote (None: no speaker shown)."""
    found = reader.annotate(text, pack, published=WHEN)
    assert len(found.quotes) == 1, text
    quote = found.quotes[0]
    at = quote.speaker_start
    return text[at : quote.speaker_end] if at is not None else None
