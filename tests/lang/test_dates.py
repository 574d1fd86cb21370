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
