"""Rules that turn one temporal expression into a TIMEX3 value, given an anchor and a tense.

The vocabulary (months, weekdays, number words, units, reference words, sets, holidays) is
data: ``annotate/data/dates_lexicon.json``. The rules here are small, ordered functions; the
first that recognises the expression wins. Without an anchor (no publication date) a rule that
needs one answers with an underspecified value (``XXXX-10``, ``XXXX-WXX-2``) or a reference
(``PAST_REF``) — never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from newsdesk.annotate import date_calendar as cal
from newsdesk.annotate.date_lexicon import alt as _alt
from newsdesk.annotate.date_lexicon import lexicon
from newsdesk.annotate.date_patterns import (
    _decade_century,
    _direction,
    _duration,
    _month_rel_year,
    _number,
    _patterns,
    _ref,
    _unit_code,
    _year,
)
from newsdesk.annotate.date_spoken import digits as _digits
from newsdesk.annotate.date_told import (
    rule_in_the_day,
    rule_next_day,
    rule_same_period,
    rule_that_unit,
    rule_trading_day,
)
from newsdesk.annotate.date_types import Context, Timex

__all__ = ["Context", "Timex", "lexicon", "normalise"]


def rule_reference(t: str, ctx: Context) -> Timex | None:
    value = lexicon()["references"].get(t)
    return Timex(value) if value else None


def rule_vague_length(t: str, ctx: Context) -> Timex | None:
    """ "a while": a length whose unit the words leave open."""
    value = lexicon()["vague_lengths"].get(t)
    return Timex(value, "DURATION") if value else None


def rule_set(t: str, ctx: Context) -> Timex | None:
    value = lexicon()["sets"].get(t)
    if value and (" " not in t or t.split()[0] in ("every", "each", "per")):
        return Timex(value, "SET")
    return None


def rule_day_offset(t: str, ctx: Context) -> Timex | None:
    lx = lexicon()
    words = t.split(" ", 1)
    if words[0] not in lx["day_offsets"]:
        return None
    offset = lx["day_offsets"][words[0]]
    pod = lx["parts_of_day"].get(words[1]) if len(words) > 1 else None
    if len(words) > 1 and pod is None:
        return None
    if words[0] == "tonight":
        pod = "NI"
    if ctx.anchor is None:
        return Timex(_ref(offset))
    value = cal.shift(ctx.anchor, "D", offset)
    if pod:
        return Timex(value + (pod if pod.startswith("T") else "T" + pod), "TIME")
    return Timex(value)


def rule_part_of_day(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["pod"].match(t)
    if not m or (m["pod"] is None and m["rel"] not in ("tonight", "overnight")):
        return None
    rel, pod = m["rel"], m["pod"] or "night"
    offset = -1 if rel in ("last", "yesterday") else 1 if rel == "tomorrow" else 0
    if ctx.anchor is None:
        return Timex(_ref(offset))
    code = lexicon()["parts_of_day"][pod]
    return Timex(cal.shift(ctx.anchor, "D", offset) + "T" + code, "TIME")


def rule_absolute(t: str, ctx: Context) -> Timex | None:
    p = _patterns()
    m = p["iso"].match(t)
    if m:
        return Timex(t)
    m = p["numeric"].match(t)
    if m:
        full_year = int(m["y"]) + (1900 if len(m["y"]) == 2 else 0)
        return Timex(f"{full_year:04d}-{int(m['m']):02d}-{int(m['d']):02d}")
    m = p["month_day"].match(t) or p["day_month"].match(t)
    if m:
        month, day = lexicon()["months"][m["month"]], int(m["day"])
        given = _year(m["year"], ctx.anchor)
        if given is not None:
            return Timex(f"{given:04d}-{month:02d}-{day:02d}")
        if ctx.anchor is None:
            return Timex(f"XXXX-{month:02d}-{day:02d}")
        found = cal.nearest_month_day(ctx.anchor, month, day, _direction(ctx))
        return Timex(found.isoformat()) if found else None
    m = _month_rel_year().match(t)
    if m and ctx.anchor is not None:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"], 0)
        return Timex(f"{year:04d}-{lexicon()['months'][m['month']]:02d}")
    if m:
        return Timex(f"XXXX-{lexicon()['months'][m['month']]:02d}")
    m = p["month_year"].match(t)
    if m:
        given = _year(m["year"], ctx.anchor)
        return Timex(f"{given:04d}-{lexicon()['months'][m['month']]:02d}")
    m = p["year"].match(t)
    if m:
        return Timex(m["year"])
    m = p["decade"].match(t)
    if m:
        return Timex(f"{m['c'] or _decade_century(int(m['d']), ctx.anchor)}{m['d']}")
    return None


def rule_month(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["month"].match(t)
    if not m or (m["month"] == "may" and m["rel"] is None):
        return None  # a bare "may" is the verb
    month = lexicon()["months"][m["month"]]
    mod = {"early": "START", "late": "END"}.get(m["rel"] or "")
    if ctx.anchor is None:
        return Timex(f"XXXX-{month:02d}", mod=mod)
    rel = m["rel"]
    if rel in ("last", "past"):
        year = cal.month_anchor(ctx.anchor, month, "past", strict=True)
    elif rel in ("next", "coming"):
        year = cal.month_anchor(ctx.anchor, month, "future", strict=True)
    elif rel == "that" and ctx.previous and re.match(r"\d{4}", ctx.previous):
        year = int(ctx.previous[:4])  # "Humphrey lost in 1968 … his loss that November"
    elif rel == "this" or (rel is None and ctx.tense == "present"):
        year = ctx.anchor.year if rel == "this" else cal.month_anchor(ctx.anchor, month, "nearest")
    else:
        year = cal.month_anchor(ctx.anchor, month, _direction(ctx))
    return Timex(f"{year:04d}-{month:02d}", mod=mod)


def rule_weekday(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["wday"].match(t)
    if not m:
        return None
    weekday = lexicon()["weekdays"][m["wday"]]
    pod = lexicon()["parts_of_day"][m["pod"]] if m["pod"] else None
    if t.endswith("s") and m["pod"] and m["rel"] is None and not m["month"]:
        return Timex(f"XXXX-WXX-{weekday}T{pod}", "SET")  # "Tuesday nights": every one
    if m["month"]:
        inner = rule_absolute(
            f"{m['month']} {m['day']}" + (f" {m['year']}" if m["year"] else ""), ctx
        )
        if inner is None:
            return None
        return Timex(inner.value + (f"T{pod}" if pod else ""), "TIME" if pod else "DATE")
    if ctx.anchor is None:
        return Timex(f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""))
    rel = m["rel"]
    if rel in ("last", "past"):
        found = cal.nearest_weekday(cal.add_days(ctx.anchor, -1), weekday, "past")
    elif rel in ("next", "coming"):
        found = cal.nearest_weekday(cal.add_days(ctx.anchor, 1), weekday, "future")
    else:
        found = cal.nearest_weekday(ctx.anchor, weekday, _direction(ctx))
    if pod:
        return Timex(f"{found.isoformat()}T{pod}", "TIME")
    return Timex(found.isoformat())


def rule_ordinal_day(t: str, ctx: Context) -> Timex | None:
    """ "on the 14th", "the 3rd": a day of a month the text leaves unsaid, the one nearest
    publication in the direction the sentence looks ("will be sentenced on the 14th" said on
    May 8 is May 14, "was fined on the 3rd" May 3, "on the 20th" in the past April 20)."""
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)", t)
    if m is None or not 1 <= int(m[1]) <= 31:
        return None
    n = int(m[1])
    anchor = ctx.anchor
    if anchor is None:
        return Timex(f"XXXX-XX-{n:02d}")
    days = []
    for step in (-1, 0, 1):
        month = anchor.month + step
        year = anchor.year + (month - 1) // 12
        try:
            days.append(date(year, (month - 1) % 12 + 1, n))
        except ValueError:  # "the 31st" in a month of 30 days
            continue
    way = _direction(ctx)
    if way == "past":
        days = [d for d in days if d <= anchor]
    elif way == "future":
        days = [d for d in days if d >= anchor]
    if not days:
        return None
    return Timex(min(days, key=lambda d: (abs((d - anchor).days), d)).isoformat())


def rule_ago(t: str, ctx: Context) -> Timex | None:
    compared = re.fullmatch(
        r"(year|quarter|month|week)[- ](earlier|ago)(?: (?:level|month|year))?", t
    )
    if compared:  # "the year-earlier quarter": the same period a unit back
        t = f"a {compared[1]} earlier"
    m = _patterns()["ago"].match(t)
    if not m:
        return None
    n = _number(m["num"])
    if m["dir"] in ("after", "since", "before"):
        return Timex(_duration(n, m["unit"]), "DURATION")  # "ten days before the vote": the
        # length (TIMEX3); the day it lands on is found where a date follows (dates.py)
    sign = 1 if m["dir"] in ("later", "from now", "hence") else -1
    code = _unit_code(m["unit"])
    if m["dir"] == "later":  # "three days later", "an hour later": a length counted from a
        # time the narration told (TIMEX3's value), anchored to the day it lands on where
        # that day is known: after the day just told, else (not in past narration) from now
        return Timex(_duration(n, m["unit"]), "DURATION", anchor=_landing(n, m["unit"], ctx))
    if m["dir"] == "earlier" and lexicon()["units"][m["unit"]][2]:
        return Timex(_duration(n, m["unit"]), "DURATION")  # "two hours earlier"
    if ctx.anchor is None or n is None or n != int(n) or lexicon()["units"][m["unit"]][2]:
        return Timex(_ref(sign))
    if ctx.period and code == "Y":
        return Timex(cal.shift(ctx.anchor, "Y", sign * int(n)))  # "for the nine months, … a
        # year earlier": that year, not the quarter named before
    if code == "Y" and ctx.previous and re.fullmatch(r"\d{4}-Q\d", ctx.previous):
        return Timex(f"{int(ctx.previous[:4]) + sign * int(n)}{ctx.previous[4:]}")
    return Timex(cal.shift(ctx.anchor, code, sign * int(n)))


def _landing(n: float | None, unit: str, ctx: Context) -> str | None:
    """Where "N units later" lands: the day (or month, year) N units after the day just
    told ("docked on Monday. Three days later, it sailed": Thursday). "Later" counts from a
    time the text tells, never from publication; a sentence that looks ahead counts from a
    day told in it ("opens on March 2 and the second two months later") or told before it
    when it lands no later than now ("called on him to resign on Saturday. Three days later,
    he remains in office"), not into the days ahead from a past day of the narration
    ("won the caucuses on Saturday. … states that vote a week later": later than the vote
    just named). None for lengths under a day, vague counts ("several days later") and no
    day to count from."""
    code = _unit_code(unit)
    if n is None or n != int(n) or lexicon()["units"][unit][2] or code not in "DWMY":
        return None
    told = ctx.previous and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.previous)
    if not told or not ctx.previous:
        return None
    base = date.fromisoformat(ctx.previous)
    if code in ("D", "W"):
        landed = cal.day_value(cal.add_days(base, int(n) * (7 if code == "W" else 1)))
    else:
        landed = cal.shift(base, code, int(n))
    if ctx.tense == "past" or ctx.previous_here or ctx.anchor is None:
        return landed
    now = ctx.anchor.isoformat()
    return landed if base.isoformat() >= now or landed <= now else None


def rule_span(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["span"].match(t)
    if not m:
        return None
    if _YEARLIKE.fullmatch(m["num"]):
        return None  # "the 1988 quarter" is a quarter of 1988, not 1,988 quarters
    if m["num"] == "recent" and m["rel"] is None and not t.endswith("s"):
        return Timex("PAST_REF")
    return Timex(_duration(_number(m["num"]), m["unit"]), "DURATION")


def rule_bare_units(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["bare_units"].match(t)
    if not m or not t.endswith("s") or t.endswith("ss"):
        return None
    return Timex(_duration(None, m["unit"]), "DURATION")


def rule_relative_unit(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["rel_unit"].match(t)
    if not m:
        return None
    rel, unit = m["rel"], m["unit"]
    if t.endswith("s") and not t.endswith("ss") and rel != "ago":  # "coming months"
        if rel == "recent":
            return Timex(_duration(None, unit), "DURATION")  # "recent weeks": PXW
        ahead = rel in ("next", "coming", "following")
        return Timex("FUTURE_REF" if ahead else "PAST_REF")
    if m["the"] and rel in ("past", "last", "next", "coming", "following"):
        return Timex(_duration(1, unit), "DURATION")  # "the past year": a year long
    offset = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "prior": -1,
        "year-ago": -4,
        "year-earlier": -4,
        "ago": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
        "latest": -1,
        "recent": -1,
    }.get(rel, 0)
    code = _unit_code(unit)
    if rel in ("year-ago", "year-earlier"):
        offset = {"Q": -4, "M": -12, "W": -52, "D": -365}.get(code, -1)
    if ctx.anchor is None:
        return Timex(_ref(offset))
    if lexicon()["units"][unit][2]:  # hours, minutes: the anchor day at best
        return Timex(_ref(offset))
    if code == "WE" and rel == "this" and ctx.tense == "past" and ctx.anchor.isoweekday() <= 5:
        offset = -1  # "the storm hit this weekend" told on a weekday: the one just gone
    return Timex(cal.shift(ctx.anchor, code, offset))


def rule_this_unit(t: str, ctx: Context) -> Timex | None:
    """ "the week", "the year", "the weekend": the anchor's own period."""
    m = re.fullmatch(r"the (week|weekend|month|year|decade|century)", t)
    if not m:
        return None
    if ctx.anchor is None:
        return Timex("PRESENT_REF")
    if m[1] == "weekend" and ctx.anchor.isoweekday() <= 5:
        # "over the weekend" told on a weekday: the one just gone in past narration (and
        # on a Monday or Tuesday whatever the tense), else the one to come
        back = ctx.tense == "past" or (ctx.tense == "present" and ctx.anchor.isoweekday() <= 2)
        return Timex(cal.shift(ctx.anchor, "WE", -1 if back else 0))
    return Timex(cal.shift(ctx.anchor, _unit_code(m[1]), 0))


def rule_week_of(t: str, ctx: Context) -> Timex | None:
    """ "the week of March 6": the week (or weekend) that holds the day named."""
    m = re.fullmatch(r"(?:the )?(week|weekend) of (.+)", t)
    inner = normalise(m[2], ctx) if m else None
    if m is None or inner is None:
        return None
    if re.fullmatch(r"XXXX-\d\d-\d\d", inner.value):
        return Timex("XXXX-WXX" + ("-WE" if m[1] == "weekend" else ""))  # no year to count in
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", inner.value):
        return None
    week = cal.week_value(date.fromisoformat(inner.value))
    return Timex(week + ("-WE" if m[1] == "weekend" else ""))


def rule_century(t: str, ctx: Context) -> Timex | None:
    """ "the 11th century" is 10, "the 20th century" 19: TIMEX3 writes a century by its
    first two digits."""
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)[ -]century", t)
    if m is None or not 1 <= int(m[1]) <= 99:
        return None
    return Timex(f"{int(m[1]) - 1:02d}")


def rule_each(t: str, ctx: Context) -> Timex | None:
    """ "each July", "every Thursday", "Mondays": a set of the month or weekday named;
    "every five years": a set whose period is that length."""
    lx = lexicon()
    every = re.fullmatch(r"(?:every|each) (.+ .+)", t)
    length = rule_span(every[1], ctx) if every else None
    if length is not None and length.type == "DURATION":
        return Timex(length.value, "SET")
    m = re.fullmatch(r"(?:(every|each) (\w+)|(\w+)s)", t)
    if m is None:
        return None
    word = m[2] or m[3]
    if word in lx["weekdays"] and len(word) > 3:
        return Timex(f"XXXX-WXX-{lx['weekdays'][word]}", "SET")
    if m[1] and word in lx["months"] and len(word) > 3:
        return Timex(f"XXXX-{lx['months'][word]:02d}", "SET")
    if m[1] and word in lx["seasons"]:  # "every summer", "each spring": every one
        return Timex(f"XXXX-{lx['seasons'][word]}", "SET")
    return None


def rule_quarter(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["quarter"].match(t)
    if not m or ("period" in t and not m["rel"] and not m["year0"]):
        return None
    ordinals = lexicon()["ordinals"]
    q = ordinals.get(m["ord"] or "", 4 if m["ord"] == "final" else None)
    year_given = m["year"] or m["year0"]
    if ctx.period and m["ord"] is None and "period" in t:  # "for the nine months, … in the
        if year_given:  # 1988 period" / "the year-ago period": that year's months, a year
            return Timex(year_given)
        if m["rel"] in ("year-ago", "year-earlier") and ctx.anchor is not None:
            return Timex(f"{ctx.anchor.year - 1:04d}")
    if year_given:
        if q is None and m["ord"] is None and ctx.quarter:
            return Timex(f"{year_given}-{ctx.quarter[5:]}")  # "the 1988 quarter": the same one
        return Timex(f"{year_given}-Q{q}" if q else year_given + "-QX")
    if ctx.anchor is None:
        return Timex(f"XXXX-Q{q}" if q else _ref(-1 if m["rel"] else 0))
    current = (ctx.anchor.month - 1) // 3 + 1
    if q is not None:
        year = ctx.anchor.year
        if m["rel"] in ("year-ago", "year-earlier", "last", "past", "previous"):
            year -= 1
        elif m["rel"] == "next":
            year += 1
        elif ctx.tense == "past" and q >= current:
            year -= 1 if q > current else 0
        return Timex(f"{year:04d}-Q{q}")
    rel = m["rel"]
    offset = {
        "latest": -1,
        "last": -1,
        "past": -1,
        "previous": -1,
        "next": 1,
        "coming": 1,
        "year-ago": -5,
        "year-earlier": -5,
        "current": 0,
        "this": 0,
    }.get(rel or "")
    if rel == "this" and ctx.quarter and ctx.tense != "future":
        return Timex(ctx.quarter)  # a report on a quarter: "this quarter's loss" is that one
    if offset is None and ctx.previous and re.fullmatch(r"\d{4}-Q\d", ctx.previous):
        # "the third quarter … the quarter": the one just named (the text's own, when the
        # one just named was a comparison: "… than in the 1988 period. In the quarter …")
        return Timex(ctx.quarter or ctx.previous)
    if offset is None:  # "the quarter": the one just reported (the last one ended), unless
        offset = 0 if ctx.tense == "future" else -1  # the text looks ahead
    return Timex(cal.shift(ctx.anchor, "Q", offset))


def rule_years_quarter(t: str, ctx: Context) -> Timex | None:
    """ "last year's third quarter", "this year's quarter": that year's quarter (the one the
    text spoke of last when none is named)."""
    m = re.fullmatch(
        r"(this|last|next|the current|the previous) year's (?:(first|second|third|fourth|final) )?"
        r"(?:fiscal )?(?:quarter|period)",
        t,
    )
    if m is None:
        return None
    ordinals = lexicon()["ordinals"]
    q = ordinals.get(m[2] or "", 4 if m[2] == "final" else None)
    if q is None and ctx.quarter:
        q = int(ctx.quarter[-1])
    if ctx.anchor is None:
        return Timex(f"XXXX-Q{q}" if q else "XXXX-QX")
    year = ctx.anchor.year + {"last": -1, "the previous": -1, "next": 1}.get(m[1], 0)
    return Timex(f"{year:04d}-Q{q}" if q else f"{year:04d}-QX")


def rule_half(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["half"].match(t)
    if not m:
        return None
    h = "H1" if m["ord"] == "first" else "H2"
    if m["year"]:
        return Timex(f"{m['year']}-{h}")
    if ctx.anchor is None:
        return Timex(f"XXXX-{h}")
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"] or "", 0)
    return Timex(f"{year:04d}-{h}")


def rule_season(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["season"].match(t)
    if not m:
        return None
    code = lexicon()["seasons"][m["season"]]
    if m["year"]:
        return Timex(f"{m['year']}-{code}")
    if ctx.anchor is None:
        return Timex(f"XXXX-{code}")
    year = ctx.anchor.year
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if m["rel"] in ("last", "past") or (m["rel"] is None and ctx.tense == "past"):
        year -= (
            1
            if start > ctx.anchor.month
            or (m["rel"] in ("last", "past") and (start <= ctx.anchor.month < start + 3))
            else 0
        )
    elif m["rel"] in ("next", "coming"):
        year += 1 if start <= ctx.anchor.month else 0
    return Timex(f"{year:04d}-{code}")


def rule_clock(t: str, ctx: Context) -> Timex | None:
    m = _patterns()["clock"].match(t)
    if not m:
        return None
    if m["named"]:
        hour, minute = (12, 0) if m["named"] == "noon" else (24, 0)
    elif m["utc"]:
        hour, minute = int(m["h24"]), int(m["mi24"])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if m["ampm"].startswith("p") and hour < 12:
            hour += 12
        if m["ampm"].startswith("a") and hour == 12:
            hour = 0
    day = "XXXX-XX-XX" if ctx.anchor is None else ctx.anchor.isoformat()
    rest = (m["rest"] or "").strip(" ,")
    if rest:
        inner = normalise(rest, ctx)
        if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d|XXXX-.*", inner.value):
            return None
        day = inner.value
    zone = "Z" if m["utc"] else ""  # ISO 8601's UTC designator ("16:08 UTC": T16:08Z)
    return Timex(f"{day}T{hour:02d}:{minute:02d}{zone}", "TIME")


def rule_holiday(t: str, ctx: Context) -> Timex | None:
    rel, _, name = t.partition(" ")
    if rel not in ("last", "next", "this"):
        rel, name = "", t
    week = name.endswith(" week")
    name = name.removesuffix(" week")
    moving = lexicon()["moving_holidays"].get(name)
    if moving is not None:  # "Thanksgiving Day", "last Thanksgiving", "Election Day"
        if ctx.anchor is None:
            return Timex("XXXX-XX-XX")
        way = {"last": "past", "next": "future"}.get(rel, "nearest" if week else _direction(ctx))
        when = cal.holiday_near(ctx.anchor, moving, way, strict=bool(rel))
        return Timex(cal.week_value(when) if week else when.isoformat())  # "Easter week"
    md = lexicon()["holidays"].get(t)
    if md is None:
        return None
    if ctx.anchor is None:
        return Timex(f"XXXX-{md}")
    month, day = (int(x) for x in md.split("-"))
    found = cal.nearest_month_day(ctx.anchor, month, day, _direction(ctx))
    return Timex(found.isoformat()) if found else None


def rule_anchored(t: str, ctx: Context) -> Timex | None:
    """ "the day after Jan. 5": the date the offset lands on; "a day after Jan. 5" the
    length (P1D) anchored to that date; the length alone when the other side is not a full
    date."""
    m = re.fullmatch(r"(.+?) (after|before) (.+)", t)
    if m is None:
        return None
    the = m[1] in ("the day", "the week")  # "the day before Tuesday's vote": a day, not P1D
    span = rule_span({"the day": "a day", "the week": "a week"}.get(m[1], m[1]), ctx)
    if span is None or not re.fullmatch(r"P\d+[DW]", span.value):
        return None
    other = normalise(m[3], ctx)
    if other is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", other.value):
        return None if the else span
    days = int(span.value[1:-1]) * (7 if span.value.endswith("W") else 1)
    sign = 1 if m[2] == "after" else -1
    landed = cal.add_days(date.fromisoformat(other.value), sign * days)
    if m[1] == "the week":
        return Timex(cal.week_value(landed))  # "the week before Christmas": that week
    if not the:  # "two weeks before Christmas": the length (TIMEX3), anchored to its day
        return Timex(span.value, "DURATION", anchor=landed.isoformat())
    return Timex(landed.isoformat())


RULES: tuple[Callable[[str, Context], Timex | None], ...] = (
    rule_reference,
    rule_vague_length,
    rule_set,
    rule_day_offset,
    rule_part_of_day,
    rule_absolute,
    rule_month,
    rule_weekday,
    rule_holiday,
    rule_each,
    rule_week_of,
    rule_century,
    rule_that_unit,
    rule_ordinal_day,
    rule_next_day,
    rule_in_the_day,
    rule_trading_day,
    rule_same_period,
    rule_ago,
    rule_quarter,
    rule_years_quarter,
    rule_half,
    rule_season,
    rule_relative_unit,
    rule_this_unit,
    rule_span,
    rule_bare_units,
    rule_clock,
    rule_anchored,
)

_YEARLIKE = re.compile(r"1[5-9]\d\d|20\d\d")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-"})


def clean(text: str) -> str:
    t = text.translate(_APOSTROPHES).lower().strip(" ,.;:'\"()")
    t = re.sub(r"'s$", "", t)
    return re.sub(r"\s+", " ", t)


def _strip(t: str) -> tuple[str, str | None]:
    """Drop leading prepositions and approximators, and split off early/late/mid."""
    lx = lexicon()
    prefixes = sorted(lx["strip_prefixes"], key=len, reverse=True)
    mod = None
    changed = True
    while changed:
        changed = False
        for word in sorted(lx["mods"], key=len, reverse=True):
            for sep in (" ", "-"):
                if t.startswith(word + sep) and len(t) > len(word) + 1:
                    mod, t, changed = lx["mods"][word], t[len(word) + 1 :].strip(), True
        for word in prefixes:
            if t.startswith(word + " ") and word not in (
                "the past",
                "the last",
                "the next",
                "the first",
                "the latest",
                "the previous",
                "the coming",
                "the following",
                "the same",
                "this past",
                "the",
            ):
                t, changed = t[len(word) + 1 :], True
    return t, mod


def _apply(t: str, ctx: Context) -> Timex | None:
    for rule in RULES:
        found = rule(t, ctx)
        if found is not None:
            return found
    return None


_MONTH_DAY = re.compile(rf"(?:{_alt(lexicon()['months'])})\.? \d{{1,2}}(?:st|nd|rd|th)?$")
_KINDS_OF_DAY = re.compile(r"\b(?:trading|business|working|school) (?=(?:day|week|hour)s?\b)")
_FISCAL = re.compile(
    r"\b(current|this|next|last|past|previous|coming|the) fiscal[ -](year|quarter)"
)


_SHORT_YEAR = re.compile(
    r"(?:(?:in|of|since|by|from|until|till|through|before|after|during|to) )?'(\d\d)"
)


_OF_THE_YEAR = re.compile(
    r"(?:the )?(first|second|third|fourth|final|last|latter) (quarter|half) of (the|this|last|next)"
    r" (?:fiscal )?year"
)
_HALF_OF_DECADE = re.compile(r"(?:the )?(first|second|last|latter) half of (the '?\d{0,2}\d0'?s)")
_SMALL_HOURS = re.compile(r"(?:in )?(?:the )?(?:early|small|wee) hours of (?:the )?")
_SHORT_INSIDE = re.compile(r"(\s)'(\d\d)(?![\w'])")


_AND_A_HALF = re.compile(r"\b(a|an|one) (\w+?)(s?) and a half\b|\b(\w+) and a half (\w+)")
_WEEK_OF_MONTH = re.compile(
    rf"(?:the )?(first|second|third|fourth|last|final) week of ({_alt(lexicon()['months'])})"
    r"\.?(?:,? (\d{4}))?"
)


def _one_half(m: re.Match[str]) -> str:
    """ "two and a half years" -> "2 1/2 years", "a year and a half" -> "1 1/2 years" (the
    count as digits, so the unit pattern reads it); anything else as it was."""
    if m[4] is not None:
        n = _number(m[4])
        return f"{int(n)} 1/2 {m[5]}" if n is not None and n == int(n) else m[0]
    n = _number(m[1])
    unit = m[2]
    if n is None or n != int(n) or unit not in lexicon()["units"]:
        return m[0]
    return f"{int(n)} 1/2 {unit}s"


def _week_of_month(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the last week of March", "the first week of June 2009": the ISO week, a week
    belonging to the month that holds its Thursday (ISO 8601's rule for years)."""
    month = lexicon()["months"][m[2]]
    if m[3] is not None:
        year = int(m[3])
    elif ctx.anchor is not None:
        way = ctx.tense if ctx.tense in ("past", "future") else "nearest"
        year = cal.month_anchor(ctx.anchor, month, way)
    else:
        return Timex("XXXX-WXX")  # a week of a month of no known year
    first = date(year, month, 1)
    last = cal.add_days(date(year + month // 12, month % 12 + 1, 1), -1)
    if m[1] in ("last", "final"):  # the week of the month's last day, if its Thursday is
        # in the month (the day a Thursday or later), else the week before
        return Timex(cal.week_value(last if last.weekday() >= 3 else cal.add_days(last, -7)))
    nth = {"first": 0, "second": 1, "third": 2, "fourth": 3}[m[1]]
    start = first if first.weekday() <= 3 else cal.add_days(first, 7)
    return Timex(cal.week_value(cal.add_days(start, 7 * nth)))


def _century(yy: int, anchor: date) -> str:
    """A two-digit year's four digits: the century that puts it at most ten years after
    ``anchor``."""
    year = anchor.year - anchor.year % 100 + yy
    return f"{year - 100 if year > anchor.year + 10 else year:04d}"


def _short_year(t: str, ctx: Context) -> Timex | None:
    """ "in '98", "the class of '07": a year written with two digits, in the century that
    puts it no more than ten years after publication (None without a publication date)."""
    m = _SHORT_YEAR.fullmatch(t)
    if m is None or ctx.anchor is None:
        return None
    return Timex(_century(int(m[1]), ctx.anchor))


def normalise(text: str, ctx: Context) -> Timex | None:
    """The TIMEX3 value of ``text``; None when no rule knows it."""
    if text.lstrip()[:1] in ("'", "’") or " '" in text or " ’" in text:
        short = text.translate(_APOSTROPHES).strip(' ,.;:"()').lower()
        if _SHORT_YEAR.fullmatch(short):
            return _short_year(short, ctx)
        if re.fullmatch(r"'\d0s", short):
            text = "the " + short  # "the 1980s and '90s": the '90s
        if (anchor := ctx.anchor) is not None and _SHORT_INSIDE.search(short):
            text = _SHORT_INSIDE.sub(lambda m: m[1] + _century(int(m[2]), anchor), short)
            # "the summer of '98", "fiscal '09": the summer of 1998, fiscal 2009
    if clean(text) in ("the year", "the fiscal year"):
        return Timex("P1Y", "DURATION")  # alone ("for the year, net income rose"): a length
    half_decade = _HALF_OF_DECADE.fullmatch(clean(text))
    if half_decade is not None:  # "the last half of the '80s": that decade, its start or end
        decade = normalise(half_decade[2], ctx)
        side = "START" if half_decade[1] == "first" else "END"
        return None if decade is None else Timex(decade.value, decade.type, side)
    of_year = _OF_THE_YEAR.fullmatch(clean(text))
    if of_year is not None:  # "the second half of the year", "the first quarter of this year"
        rel = "this" if of_year[3] == "the" else of_year[3]
        if of_year[2] == "quarter":
            nth = "final" if of_year[1] in ("last", "latter") else of_year[1]
            text = f"{rel} year's {nth} quarter"
        else:
            text = f"the {of_year[1]} half of {rel} year"
    small_hours = _SMALL_HOURS.match(clean(text))
    if small_hours is not None and small_hours.end() < len(clean(text)):
        text = clean(text)[small_hours.end() :]  # "the early hours of Tuesday": Tuesday
    said = _FISCAL.sub(r"\1 \2", _KINDS_OF_DAY.sub("", _digits(clean(text))))
    said = said.replace("fiscal-", "fiscal ")  # "the fiscal-first quarter"
    said = _AND_A_HALF.sub(_one_half, said)  # "two and a half years": "2 1/2 years"
    week_of = _WEEK_OF_MONTH.fullmatch(said)
    if week_of is not None:
        return _week_of_month(week_of, ctx)
    said = re.sub(r"\bcenturies\b", "centurys", said)  # a regular plural for the unit pattern
    if said in ("the full year", "the full fiscal year", "the whole year"):
        said = "this year"  # "forecast a rise for the full year": the year under way
    t, mod = _strip(said)
    if t in ("year end", "year-end"):  # "by year end": the end of the year under way
        t, mod = _strip("the end of the year")
    found = _apply(t, ctx)
    if found is None and t.startswith("the "):
        found = _apply(t[4:], ctx)
    if found is None and t.startswith("this past "):
        found = _apply("last " + t[10:], ctx)
    head, _, tail = t.partition(" ")
    if found is None and head in ("earlier", "later") and tail:
        found = _apply(tail, ctx)  # "later Friday", "earlier this month"
    if found is None and head in ("last", "next") and _MONTH_DAY.match(tail):
        way = "past" if head == "last" else "future"  # "last Oct. 23": the one before
        found = _apply(tail, Context(ctx.anchor, way, ctx.previous, ctx.quarter, ctx.period))
    if found is None and t == "may" and clean(text) != "may":
        found = _apply("in may", ctx)  # "in May", "late May": the month, not the verb
    if found is None:
        return None
    return Timex(found.value, found.type, found.mod or mod, found.anchor)
