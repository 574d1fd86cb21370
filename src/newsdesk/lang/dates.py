"""Dates in a pack's language, resolved against the publication date as English ones are.

A pack's ``dates.json`` lists patterns (regular expressions with named groups ``year``,
``month``, ``day``, ``era``, ``wday``, ``rel``, ``word``) and what each kind means; numbers
may be written in full-width digits. Values are TIMEX3-style: 2026-01-13, 2025-12,
2026-W02, 2026. Without a publication date, what needs one is written with Xs
(XXXX-01-13) or left out.

A weekday, a day of the month, a month and day or a month alone lies the way its
sentence's tense says, as in English: the pack's ``tense`` patterns are looked for from the
expression to the end of its sentence (木曜日には…最多となった, 20일(현지시간) … 표명했다: on
or before publication; 4日に訪米する予定だ, 4일 열릴 예정이다: on or after it), and a word
before it says so outright (지난 5월, 오는 8일); see :func:`_direction`. With neither, the
nearest, except where the pack reads a sentence without markers one way (``unmarked``:
Chinese leaves what happened bare and marks what is to come, so 周四，总统宣布… is last
Thursday). Where the pack names clause marks (``tense_clause``), the date's own clause
decides, not a later one's. The reading is kept as the expression's ``frame`` (past,
future; "void" for a plan that changed, 原定于周日: not "Coming up"). A day alone after a
date it is joined to by the pack's ``range_link`` (부터, から, 至, と) is a day of that
date's month.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from newsdesk.annotate import date_calendar as cal
from newsdesk.article import TimeExpression
from newsdesk.lang.pack import LanguagePack

__all__ = ["find_dates"]

_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")


@cache
def _rules(code: str, folder: str) -> list[tuple[re.Pattern[str], str]]:
    from newsdesk.lang.pack import pack_for

    pack = pack_for(code)
    assert pack is not None
    data = pack.data("dates.json")
    words = {k: "|".join(sorted(v, key=len, reverse=True)) for k, v in data["words"].items()}
    found = []
    for rule in data["rules"]:
        pattern = rule["pattern"]
        for name, alternation in words.items():
            pattern = pattern.replace("{" + name + "}", f"(?:{alternation})")
        found.append((re.compile(pattern), rule["kind"]))
    return found


def _int(text: str | None) -> int | None:
    if not text:
        return None
    plain = text.translate(_WIDE)
    return int(plain) if plain.isdigit() else None


def _week_day(anchor: date, weekday: int, weeks: int) -> date:
    monday = anchor - timedelta(days=anchor.isoweekday() - 1)
    return cal.add_days(monday, 7 * weeks + weekday - 1)


@cache
def _tenses(code: str) -> dict[str, re.Pattern[str]]:
    from newsdesk.lang.pack import pack_for

    pack = pack_for(code)
    assert pack is not None
    return {k: re.compile(v) for k, v in pack.data("dates.json").get("tense", {}).items()}


def _direction(text: str, start: int, end: int, pack: LanguagePack, kind: str = "") -> str:
    """past, future or nearest for the expression at ``start:end``: a word before it that
    says which (지난 5월, 오는 8일), else the tense after it in its sentence: past when the
    first marker is a past one, future when only future ones follow; a scheduled clause
    before a past verb ("…할 예정이라고 밝혔다", "予定されていた…発表した") may be the
    report's day or the event's, so it stays the nearest, unless the date follows the
    sentence's first subject and the plan is the saying's quotation (:func:`_saying_day`).
    A clause going on to the pack's ``since`` (…の死以来) is past (:func:`_since`). With
    no marker at all, the pack's ``unmarked`` direction for the kinds it names: Chinese
    marks what is to come with a word (将, 计划, 预计, 定于) and leaves what happened bare,
    so a weekday or a day of the month in an unmarked sentence of a report is past
    (朝鲜官媒9日公布影片)."""
    tense = _tenses(pack.code)
    told = _told_before(text[max(0, start - _AHEAD) : start], tense)
    if told is not None:
        return told
    stop = _sentence_end(text, end, pack)
    rest = _clause(text[end : stop + 1], pack)
    past, future = (tense[n].search(rest) if n in tense else None for n in ("past", "future"))
    if past and (future is None or past.start() < future.start()):
        return "past"
    if _since(rest, tense, future):
        return "past"
    if future and past is None:
        return "future"
    if future and past and kind in _SAYING_KINDS and _saying_day(text, start, rest, future, tense):
        return "past"
    unmarked = pack.data("dates.json").get("unmarked", {})
    if past is None and future is None and kind in unmarked.get("kinds", ()):
        return str(unmarked["direction"])
    return "nearest"


_AHEAD = 14  # how far before an expression its marker is looked for (已经正式于3月5日)


def _told_before(ahead: str, tense: dict[str, re.Pattern[str]]) -> str | None:
    """past or future where a word before the expression says which: 지난 5월, 오는 8일, and
    in Chinese an aspect or plan adverb of the date's own verb with no other verb between
    (会议已经于3月5日闭幕, 代表团将与中方于3月3日会谈, 他们计划3月3日出发). Where both
    kinds are there, the one nearer the date is its verb's (已计划于3月3日: the plan is
    made, the day ahead)."""
    found = []
    for name in ("past", "future"):
        marker = tense.get(f"{name}_before")
        hit = marker.search(ahead) if marker is not None else None
        if hit is not None:
            found.append((hit.start(), name))
    return max(found)[1] if found else None


_FIRST_CLAUSE = re.compile(r"[^、，,。]+")
_DIGIT = re.compile(r"\d")


def _since(rest: str, tense: dict[str, re.Pattern[str]], future: re.Match[str] | None) -> bool:
    """Whether the clause of a date goes on to the pack's ``since`` (5月25日に…死以来: the
    day of a past event things have gone on since), no other number and no future marker
    between (来月10日に2019年以来初めて開かれる: that 以来 is 2019's)."""
    since = tense.get("since")
    clause = _FIRST_CLAUSE.match(rest)
    if since is None or clause is None:
        return False
    found = since.search(rest, 0, clause.end())
    if found is None or _DIGIT.search(rest, 0, found.start()):
        return False
    return future is None or future.start() > found.start()


def _saying_day(
    text: str, start: int, rest: str, future: re.Match[str], tense: dict[str, re.Pattern[str]]
) -> bool:
    """Whether a date right after the sentence's first subject is the day it said what is to come
    (외무부가 8일 … 대응할 방침이라고 밝혔다, 그는 8일 … 지원할 것이라고 밝혔다): the plan is
    the quoted clause's, the date the saying's. Not where the plan is the date's own clause
    going on to another (당국은 16일 … 교환할 예정이며 … 것이라고 밝혔다)."""
    subject, said = tense.get("subject_mark"), tense.get("said_future")
    if subject is None or said is None or not subject.fullmatch(text, max(0, start - 2), start):
        return False
    if subject.search(text, _sentence_start(text, start), max(0, start - 2)):
        return False  # AC 밀란은 호나우디뉴가 16일 …: the second subject's clause, not the saying
    if said.search(future.group()):
        quoted = future.end()  # 지원할 것이라고
    elif (after := said.match(rest, future.end())) is not None:
        quoted = after.end()  # 대응할 방침 + 이라고
    else:
        return False
    past = tense.get("past")
    verb = past.search(rest, quoted) if past else None  # the saying right after, no sayer between
    return verb is not None and _SAYING_GAP.fullmatch(rest, quoted, verb.start()) is not None


_SAYING_KINDS = frozenset({"d", "weekday"})  # 8일(현지시간): a day of saying is told so
_SAYING_GAP = re.compile(r"\s*\S{0,3}")  # "라고 밝혔다": the verb's first syllables at most


def _sentence_start(text: str, at: int) -> int:
    """Where the line or sentence holding ``at`` begins (after a full stop and its space)."""
    found = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), text.rfind("。", 0, at))
    return found + 1 if found >= 0 else 0


def _sentence_end(text: str, start: int, pack: LanguagePack) -> int:
    """Where the sentence holding ``start`` ends: the first of the pack's sentence ends
    after it that is not a decimal point (규모 6.2의 강진이 발생했다고 … 밝혔다)."""
    ends = re.escape(pack.sentence_ends)
    found = re.compile(rf"[{ends}](?!\d)").search(text, start) if ends else None
    return found.start() if found else len(text)


_FRAMES = {"past": "past", "future": "future"}  # "nearest": no reading made
_TENSED = frozenset({"md", "m", "d", "weekday"})  # kinds whose value the tense placed


def _frame(kind: str, m: re.Match[str], direction: str) -> str | None:
    """The tense's reading as a frame where it placed the value (a weekday, a day, a month
    and day, a month alone); a date with its year or a word that says its own way (다음달,
    明天, 上周五) keeps none: the sentence's tense there may be a verb of saying's over a
    plan it reports (…이번 주 촬영한다”고 밝혔다)."""
    if kind not in _TENSED or m.groupdict().get("rel"):
        return None
    return _FRAMES.get(direction)


def _void(text: str, start: int, pack: LanguagePack) -> bool:
    """A day a plan was set for before it changed (原定于周日抵达: "was due to arrive on
    Sunday"): the pack's ``void_before`` right before the expression. Not "Coming up"."""
    marker = _tenses(pack.code).get("void_before")
    return marker is not None and marker.search(text[max(0, start - 8) : start]) is not None


_OPENING = re.compile(r"[\s\W]*")


def _clause(rest: str, pack: LanguagePack) -> str:
    """The part of the sentence after an expression whose tense is its own: the whole
    sentence, or, where the pack names clause marks (``tense_clause``: Chinese commas),
    up to the end of the first clause with words in it (周四，总统宣布…，联邦政府将…: the
    date is 宣布's, not 将's)."""
    marks = pack.data("dates.json").get("tense_clause")
    if not marks:
        return rest
    opening = _OPENING.match(rest)
    cut = re.compile(marks).search(rest, opening.end() if opening else 0)
    return rest[: cut.start()] if cut else rest


def _day_of_month(anchor: date, day: int, direction: str) -> date | None:
    options = []
    for shift in (-1, 0, 1):
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        try:
            options.append(date(y, mo + 1, day))
        except ValueError:
            continue
    before = [d for d in options if d <= anchor]
    after = [d for d in options if d >= anchor]
    if direction == "past" and before:
        return max(before)
    if direction == "future" and after:
        return min(after)
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def _value(
    kind: str,
    m: re.Match[str],
    data: dict[str, Any],
    anchor: date | None,
    direction: str = "nearest",
) -> str | None:
    groups = m.groupdict()
    year, month, day = _int(groups.get("year")), _int(groups.get("month")), _int(groups.get("day"))
    if groups.get("era"):
        first = data["eras"][groups["era"]]
        number = groups.get("ey") or ""
        year = first + (1 if number in data.get("first_year", []) else (_int(number) or 0))
    if kind in ("ymd", "ym", "y", "era"):
        if year is None or (month is not None and not 1 <= month <= 12):
            return None
        if day is not None and month is not None:
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return None
        return f"{year:04d}-{month:02d}" if month else f"{year:04d}"
    if kind == "md" and month is not None and day is not None:
        if anchor is None:
            return f"XXXX-{month:02d}-{day:02d}" if 1 <= month <= 12 else None
        found = cal.nearest_month_day(anchor, month, day, direction)
        return found.isoformat() if found else None
    if kind == "d" and day is not None and anchor is not None:
        told = _day_of_month(anchor, day, direction)
        return told.isoformat() if told else None
    if kind == "m" and month is not None and anchor is not None and 1 <= month <= 12:
        return f"{cal.month_anchor(anchor, month, direction):04d}-{month:02d}"
    if kind == "weekday":
        weekday = data["weekdays"].get(groups.get("wday") or "")
        if weekday is None or anchor is None:
            return None
        weeks = data["week_relative"].get(groups.get("rel") or "")
        if weeks is None:
            return cal.nearest_weekday(anchor, weekday, direction).isoformat()
        return _week_day(anchor, weekday, int(weeks)).isoformat()
    if kind == "shifted":
        return (
            None
            if anchor is None
            else _shifted(data["relative"][groups["shift"]], month, day, anchor)
        )
    if kind == "relative":
        unit, n = data["relative"][m.group(0)]
        return None if anchor is None else cal.shift(anchor, unit, int(n))
    return None


def _shifted(unit_n: list[Any], month: int | None, day: int | None, anchor: date) -> str | None:
    """A month of a year told by a word (지난해 7월, 昨年7月, 今年3月5日: the word's year, not
    the nearest) or a day of a month told by one (지난달 15일, 先月15日, 上个月15日)."""
    unit, n = unit_n[0], int(unit_n[1])
    if unit == "Y" and month is not None and 1 <= month <= 12:
        year = anchor.year + n
        if day is None:
            return f"{year:04d}-{month:02d}"
    elif unit == "M" and day is not None and month is None:
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
        month += 1
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _in_month_of(value: str, m: re.Match[str]) -> str | None:
    """The day ``m`` names in the month of the date just before it in a range or a list
    (7월 21일부터 31일까지, 8月9日と10日, 2月9日至10日): that date's month, not the nearest."""
    day = _int(m.groupdict().get("day"))
    if day is None or len(value) != 10 or value[4] != "-":
        return None
    try:
        return date(int(value[:4]), int(value[5:7]), day).isoformat()
    except ValueError:
        return None


_DAYS_ON = 7  # a day alone this many days after a date its sentence told goes on from it


def _told_days_before(
    text: str, told: TimeExpression, start: int, m: re.Match[str], pack: LanguagePack
) -> bool:
    """Whether a day alone (``m`` at ``start``) goes on from a date told earlier in its
    sentence, a few days before it (개막식은 8월 8일이며 … 요트 경기는 9일부터; 新华社北京2月10日电
    … 10日下午): that date's month, not the nearest. A day further on is the report's own
    (8월 8일 개막하는 올림픽을 앞두고 … 20일부터 시행했다: this month's 20th)."""
    day = _int(m.groupdict().get("day"))
    if day is None or len(told.value) != 10 or told.value[4] != "-" or not told.value[:4].isdigit():
        return False
    if _sentence_end(text, told.end, pack) < start:
        return False
    return 0 <= day - int(told.value[8:10]) <= _DAYS_ON


_ITS_DAY = re.compile(r"\s?[の(（]?\s?")


def _its_day(value: str, m: re.Match[str], data: dict[str, Any]) -> str | None:
    """The date just before a weekday that names it (7月28日の火曜日, 3월 3일 화요일,
    3月3日（星期二）), when that date falls on that weekday."""
    weekday = data["weekdays"].get(m.groupdict().get("wday") or "")
    if weekday is None or m.groupdict().get("rel") or len(value) != 10 or value[4] != "-":
        return None
    try:
        told = date.fromisoformat(value)
    except ValueError:
        return None
    return value if told.isoweekday() == weekday else None


def find_dates(
    text: str, pack: LanguagePack, *, published: datetime | date | None
) -> list[TimeExpression]:
    """Every date expression of ``text`` with its value, in text order, not overlapping."""
    anchor = published.date() if isinstance(published, datetime) else published
    data = pack.data("dates.json")
    candidates: list[tuple[int, int, int, re.Match[str], str]] = []
    for order, (pattern, kind) in enumerate(_rules(pack.code, str(pack.folder))):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                candidates.append((m.start(), -(m.end() - m.start()), order, m, kind))
    found: list[TimeExpression] = []
    end = -1
    linked = re.compile(data["range_link"]) if data.get("range_link") else None
    for start, _, _, m, kind in sorted(candidates, key=lambda c: c[:3]):
        if start < end:
            continue
        direction = _direction(text, start, m.end(), pack, kind)
        value = _value(kind, m, data, anchor, direction)
        if kind == "d" and found and linked and linked.fullmatch(text[end:start]):
            value = _in_month_of(found[-1].value, m) or value  # 7월 21일부터 31일까지
        elif kind == "d" and found and _told_days_before(text, found[-1], start, m, pack):
            value = _in_month_of(found[-1].value, m) or value  # 8월 8일이며 … 9일부터
        if kind == "weekday" and found and _ITS_DAY.fullmatch(text[end:start]):
            value = _its_day(found[-1].value, m, data) or value  # 7月28日の火曜日
        if value is None:
            continue
        frame = "void" if _void(text, start, pack) else _frame(kind, m, direction)
        found.append(
            TimeExpression(text=m.group(0), value=value, start=start, end=m.end(), frame=frame)
        )
        end = m.end()
    return found
