"""Dates in Japanese, Korean and Chinese, resolved against the publication date."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.lang import pack_for
from newsdesk.lang.dates import find_dates

PUBLISHED = datetime(2026, 1, 14, 9, 0)  # a Wednesday

CASES = {
    "ja": [
        ("2026年1月13日に会談した。", "2026年1月13日", "2026-01-13"),
        ("首相は1月13日、奈良で会談した。", "1月13日", "2026-01-13"),
        ("首相は13日、奈良で会談した。", "13日", "2026-01-13"),
        ("火曜日に会談した。", "火曜日", "2026-01-13"),
        ("先月の発言に反発した。", "先月", "2025-12"),
        ("令和8年の予算案。", "令和8年", "2026"),
        ("先週の金曜日に発表した。", "先週の金曜日", "2026-01-09"),
        ("２０２６年１月１３日", "２０２６年１月１３日", "2026-01-13"),
    ],
    "ko": [
        ("2026년 1월 13일 회담했다.", "2026년 1월 13일", "2026-01-13"),
        ("대통령은 1월 13일 회담했다.", "1월 13일", "2026-01-13"),
        ("대통령은 13일 나라에서 회담했다.", "13일", "2026-01-13"),
        ("화요일 회담했다.", "화요일", "2026-01-13"),
        ("중국은 지난달 반발했다.", "지난달", "2025-12"),
        ("지난주 금요일 발표했다.", "지난주 금요일", "2026-01-09"),
    ],
    "zh": [
        ("2026年1月13日举行会谈。", "2026年1月13日", "2026-01-13"),
        ("双方1月13日举行会谈。", "1月13日", "2026-01-13"),
        ("周二举行会谈。", "周二", "2026-01-13"),
        ("星期二举行会谈。", "星期二", "2026-01-13"),
        ("中方上周提出交涉。", "上周", "2026-W02"),
        ("上周五提出交涉。", "上周五", "2026-01-09"),
    ],
}


@pytest.mark.parametrize(
    ("code", "text", "written", "value"),
    [(code, *case) for code, cases in CASES.items() for case in cases],
)
def test_dates_each_language_resolved_against_publication(
    code: str, text: str, written: str, value: str
) -> None:
    pack = pack_for(code)
    assert pack is not None
    found = find_dates(text, pack, published=PUBLISHED)
    assert [(d.text, d.value) for d in found] == [(written, value)]
    assert text[found[0].start : found[0].end] == written


def test_dates_without_publication_date_month_day_has_no_year() -> None:
    pack = pack_for("ja")
    assert pack is not None
    found = find_dates("1月13日と先月", pack, published=None)
    assert [(d.text, d.value) for d in found] == [("1月13日", "XXXX-01-13")]


def test_dates_durations_are_not_dates() -> None:
    pack = pack_for("ja")
    assert pack is not None
    assert find_dates("13日間の日程", pack, published=PUBLISHED) == []


# the sentence's tense decides which way a weekday or a day of the month lies: a past
# verb puts it on or before publication (Wednesday 2026-01-14), a scheduled one on or after
TENSE = {
    "ja": [
        ("木曜日には感染者数が過去最多となった。", "木曜日", "2026-01-08"),
        ("首相は20日、記者団に語った。", "20日", "2025-12-20"),
        ("首相は木曜日に訪米する予定だ。", "木曜日", "2026-01-15"),
        ("首相は4日に訪米する予定だ。", "4日", "2026-02-04"),
        ("議長は日曜日、予定されていた訪問を延期すると発表した。", "日曜日", "2026-01-11"),
        ("木曜日以来、支援の申し出が相次いでいる。", "木曜日", "2026-01-08"),
        # the clause of a date going on to 以来 (since) tells a past day
        ("5月25日に警察が拘束した男性の死以来、抗議が続いている。", "5月25日", "2025-05-25"),
        # a past verb before the noun it tells of (水曜に発表した連邦職員の増派) is past
        ("大統領が木曜に発表した連邦職員の増派は作戦の一環だ。", "木曜", "2026-01-08"),
        # a headline-like line ending in the noun 発表 (announced) is past
        ("大統領は木曜、連邦職員100名を配置すると発表 - 介入の拡大だ。", "木曜", "2026-01-08"),
    ],
    "ko": [
        ("목요일 확진자가 최다를 기록했다.", "목요일", "2026-01-08"),
        ("외교부는 20일(현지시간) 성명을 통해 유감을 표명했다.", "20일", "2025-12-20"),
        ("대통령은 목요일 미국을 방문할 예정이다.", "목요일", "2026-01-15"),
        ("회담은 4일 열릴 예정이다.", "4일", "2026-02-04"),
        ("회사는 3일 직원 7000명을 감축할 예정이라고 밝혔다.", "3일", "2026-01-03"),
        ("6일 예정됐던 집회를 앞두고 테러가 발생했다.", "6일", "2026-01-06"),
        ("대통령은 오는 20일 미국을 방문한다.", "20일", "2026-01-20"),
        ("그는 지난 15일 미국을 방문한다고 밝혔다.", "15일", "2025-12-15"),
        ("지수는 20일 최저 수준을 기록한 바 있다.", "20일", "2025-12-20"),
        ("정부는 관심을 기울여 줄 것을 20일 요청했다.", "20일", "2025-12-20"),
        ("은행은 “20일 영업을 재개할 것”이라고 밝혔다.", "20일", "2026-01-20"),
        # 계획 and 방침 say what is to come after a verb's future form (할 계획이다), not
        # as nouns (새 에너지 계획을 발표했다: a plan announced)
        ("회사는 20일 새 에너지 계획을 발표했다.", "20일", "2025-12-20"),
        ("회사는 20일 공장을 새로 지을 계획이다.", "20일", "2026-01-20"),
        # the day right after the sentence's first subject, in a sentence that quotes a
        # plan and says it was said, is the day of the saying; not where the plan is the
        # date's own clause, another subject comes first, or another says it
        ("외무부가 20일 구축을 강행하면 대응할 방침이라고 밝혔다.", "20일", "2025-12-20"),
        ("당국은 20일 포로를 교환할 예정이며 지역을 폐쇄할 것이라고 밝혔다.", "20일", "2026-01-20"),
        ("구단은 선수가 20일 도착해 계약할 예정이라고 밝혔다.", "20일", "2026-01-20"),
        ("대통령은 20일 미국을 방문할 예정이라고 청와대가 밝혔다.", "20일", "2026-01-20"),
        # a past verb going on with "but" (수립했으나, 했지만) is past
        (
            "해밀턴은 20일 신기록을 수립했으나 준우승에 머물러 아쉬움을 남기고 있다.",
            "20일",
            "2025-12-20",
        ),
        # a past adnominal of a news event's verb after the date (20일 발사한 미사일) is past
        (
            "북한이 20일 발사한 미사일은 단거리 미사일일 것이라는 분석이 나온다.",
            "20일",
            "2025-12-20",
        ),
        # a decimal point ends no sentence: the verb after 6.2 is the date's
        ("20일 규모 6.2의 강진이 발생했다고 당국이 밝혔다.", "20일", "2025-12-20"),
    ],
    # Chinese marks what is to come with a word (将, 定于, 计划) and leaves what happened
    # bare: a weekday or a day of the month with no marker is past
    "zh": [
        ("官媒20日公布影片。", "20日", "2025-12-20"),
        ("周四，总统宣布向该市派遣联邦执法人员。", "周四", "2026-01-08"),
        ("周四的新增病例数是解封后最多的一次。", "周四", "2026-01-08"),
        ("警方周四将其逮捕。", "周四", "2026-01-08"),
        ("总统周四表示将出访美国。", "周四", "2026-01-08"),
        ("总统周四将出访美国。", "周四", "2026-01-15"),
        ("会谈将于20日举行。", "20日", "2026-01-20"),
        ("新华社北京2月10日电", "2月10日", "2025-02-10"),
        # the date's own clause decides, not a later one's 预计 or 将
        ("他于周六开始在西班牙度假，预计他将按计划继续旅行。", "周六", "2026-01-10"),
        # 将 before a number or a pronoun marks the object, not the future
        ("法官周日判处将一名农民收监四天。", "周日", "2026-01-11"),
        # digits spaced from their characters, as machine-set text writes them
        ("1989 年 11 月 13 日，柏林墙开放。", "1989 年 11 月 13 日", "1989-11-13"),
    ],
}


@pytest.mark.parametrize(
    ("code", "text", "written", "value"),
    [(code, *case) for code, cases in TENSE.items() for case in cases],
)
def test_dates_tense_decides_the_direction(code: str, text: str, written: str, value: str) -> None:
    pack = pack_for(code)
    assert pack is not None
    found = find_dates(text, pack, published=PUBLISHED)
    assert [(d.text, d.value) for d in found] == [(written, value)]


@pytest.mark.parametrize(
    ("code", "text", "values"),
    [
        ("ko", "행사는 3월 21일부터 31일까지 열린다.", ["2026-03-21", "2026-03-31"]),
        ("ja", "選挙は8月9日と10日に行われる予定だ。", ["2026-08-09", "2026-08-10"]),
        ("zh", "会议于2月9日至10日举行。", ["2026-02-09", "2026-02-10"]),
        ("zh", "选举将于 8 月 9 日至 10 日举行。", ["2026-08-09", "2026-08-10"]),
    ],
)
def test_dates_a_day_after_a_date_in_a_range_is_of_its_month(
    code: str, text: str, values: list[str]
) -> None:
    """7월 21일부터 31일까지: the 31st is July's, not the month nearest publication."""
    pack = pack_for(code)
    assert pack is not None
    assert [d.value for d in find_dates(text, pack, published=PUBLISHED)] == values


@pytest.mark.parametrize(
    ("code", "text", "values"),
    [
        ("ja", "7月29日の火曜日に検査を受ける。", ["2025-07-29", "2025-07-29"]),
        ("ko", "회담은 3월 3일 화요일에 열린다.", ["2026-03-03", "2026-03-03"]),
        ("zh", "会议于3月3日（星期二）举行。", ["2026-03-03", "2026-03-03"]),
    ],
)
def test_dates_a_weekday_after_its_own_date_is_that_date(
    code: str, text: str, values: list[str]
) -> None:
    """7月28日の火曜日, 3월 3일 화요일: the weekday names the date before it, not the one
    nearest publication."""
    pack = pack_for(code)
    assert pack is not None
    assert [d.value for d in find_dates(text, pack, published=PUBLISHED)] == values


@pytest.mark.parametrize(
    ("code", "text", "frame"),
    [
        ("zh", "周四，总统宣布向该市派遣联邦执法人员。", "past"),
        ("zh", "会谈将于20日举行。", "future"),
        ("zh", "联大主席原定于周日抵达伊斯兰堡。", "void"),
        ("zh", "1989 年 11 月 13 日的柏林", None),
        ("ko", "대통령은 목요일 미국을 방문할 예정이다.", "future"),
        ("ja", "首相は20日、記者団に語った。", "past"),
    ],
)
def test_dates_the_reading_is_kept_as_the_frame(code: str, text: str, frame: str | None) -> None:
    """What the sentence says of the day, as English dates keep it: past, future, or void
    for a plan that changed (原定于, "was due to"); none where nothing says."""
    pack = pack_for(code)
    assert pack is not None
    assert [d.frame for d in find_dates(text, pack, published=PUBLISHED)] == [frame]


@pytest.mark.parametrize(
    ("code", "text", "written", "value"),
    [
        ("ko", "집회는 지난해 7월 사망한 이들을 추모했다.", "지난해 7월", "2025-07"),
        ("ko", "개막식은 다음달 8일 열린다.", "다음달 8일", "2026-02-08"),
        ("ko", "회사는 지난달 20일 발표했다.", "지난달 20일", "2025-12-20"),
        ("ja", "昨年7月に死亡した。", "昨年7月", "2025-07"),
        ("ja", "来年の3月5日に開幕する。", "来年の3月5日", "2027-03-05"),
        ("ja", "先月20日に発表した。", "先月20日", "2025-12-20"),
        ("zh", "她自去年11月18日首次露面。", "去年11月18日", "2025-11-18"),
        ("zh", "今年 3 月，总统访华。", "今年 3 月", "2026-03"),
        ("zh", "公司上个月20日宣布。", "上个月20日", "2025-12-20"),
    ],
)
def test_dates_a_month_or_day_told_with_a_word_for_its_year_or_month(
    code: str, text: str, written: str, value: str
) -> None:
    """지난해 7월, 昨年7月, 去年11月18日: the word's year, one expression, not the year alone and
    a month read as the nearest; 다음달 8일, 先月20日: a day of the month the word names."""
    pack = pack_for(code)
    assert pack is not None
    found = find_dates(text, pack, published=PUBLISHED)
    assert [(d.text, d.value) for d in found] == [(written, value)]


def test_dates_since_is_the_nearest_dates_only() -> None:
    """大会は2月10日に2019年以来初めて開かれる: that 以来 is 2019's, not February's."""
    pack = pack_for("ja")
    assert pack is not None
    found = find_dates("大会は2月10日に2019年以来初めて開かれる。", pack, published=PUBLISHED)
    assert [(d.text, d.value) for d in found] == [("2月10日", "2026-02-10"), ("2019年", "2019")]


@pytest.mark.parametrize(
    ("code", "text", "values"),
    [
        ("ko", "개막식은 3월 8일이며 요트 경기는 9일부터 시작된다.", ["2026-03-08", "2026-03-09"]),
        ("zh", "新华社北京2月10日电 研讨班10日下午在中央党校结业。", ["2025-02-10", "2025-02-10"]),
        # a day further on is the report's own: this month's (past here), whatever the
        # sentence makes of the date before it
        (
            "ko",
            "시는 3월 8일 개막하는 대회를 앞두고 20일부터 홀짝제를 시행했다.",
            [None, "2025-12-20"],
        ),
    ],
)
def test_dates_a_day_alone_goes_on_from_a_date_its_sentence_told(
    code: str, text: str, values: list[str | None]
) -> None:
    """8월 8일이며 … 9일부터: the 9th of August, a day after the date the sentence told, not
    the nearest 9th; 2月10日电 … 10日下午: the dateline's 10th."""
    pack = pack_for(code)
    assert pack is not None
    found = [d.value for d in find_dates(text, pack, published=PUBLISHED)]
    assert len(found) == len(values)
    assert [v for v, want in zip(found, values, strict=True) if want] == [v for v in values if v]
