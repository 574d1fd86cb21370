"""Chinese month-days without a year: an aspect or plan word before the date, with no other
verb between, says which way it lies (已经于…闭幕 past, 计划在…访问 future), as the same
word after it does; a verb of saying between leaves the date to its own clause."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.lang import pack_for
from newsdesk.lang.dates import find_dates

PUBLISHED = datetime(2026, 3, 4, 9, 0)  # 8月20日 is nearest ahead, 10月1日 nearest behind

CASES = [
    # an aspect word of the past before the date, with 于/在, an adverb or a companion between
    ("这届博览会已经于8月20日闭幕。", "8月20日", "2025-08-20", "past"),
    ("代表团曾经在8月20日访问东京。", "8月20日", "2025-08-20", "past"),
    ("该条例已经正式于8月20日生效。", "8月20日", "2025-08-20", "past"),
    ("两国已与联合国于8月20日签署备忘录。", "8月20日", "2025-08-20", "past"),
    ("那座桥早已8月20日通车。", "8月20日", "2025-08-20", "past"),
    # a plan word before the date
    ("考察团计划在10月1日访问广州。", "10月1日", "2026-10-01", "future"),
    ("他们将要10月1日启程。", "10月1日", "2026-10-01", "future"),
    ("双方将与世卫组织于10月1日举行会谈。", "10月1日", "2026-10-01", "future"),
    ("乐团准备10月1日举办首场演出。", "10月1日", "2026-10-01", "future"),
    ("部长已计划于10月1日出访。", "10月1日", "2026-10-01", "future"),  # the nearer word's
]

GUARDS = [
    # a verb of saying between: the date is its own clause's (将 after it)
    ("他曾说10月1日将出席典礼。", "10月1日", "2026-10-01", "future"),
    # 曾 as a surname, 计划 as a noun: no marker of the date's verb
    ("曾宪国8月20日抵达。", "8月20日", "2026-08-20", None),
    ("该计划8月20日启动。", "8月20日", "2026-08-20", None),
]


@pytest.mark.parametrize(("text", "expr", "value", "frame"), CASES + GUARDS)
def test_dates9_zh_marker_before_the_date(text: str, expr: str, value: str, frame: str) -> None:
    pack = pack_for("zh")
    assert pack is not None
    found = [(e.text, e.value, e.frame) for e in find_dates(text, pack, published=PUBLISHED)]
    assert found == [(expr, value, frame)]
