"""The pieces every date rule reads (:mod:`newsdesk.annotate.date_rules`): the compiled
patterns built from the vocabulary in ``annotate/data/dates_lexicon.json``, number words,
lengths in TIMEX3 form (P3D, PT1H), the direction a tense gives, and years, decades and
centuries written out."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from newsdesk.annotate.date_lexicon import alt as _alt
from newsdesk.annotate.date_lexicon import lexicon
from newsdesk.annotate.date_types import Context


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    month = rf"(?P<month>{_alt(lx['months'])})\.?"
    wday = rf"(?P<wday>{_alt(lx['weekdays'])})\.?"
    num = rf"(?P<num>\d+(?:\.\d+| 1/2)?|{_alt(lx['numbers'])}|{_alt(lx['vague_numbers'])})"
    unit = rf"(?P<unit>{_alt(lx['units'])})s?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4}|'\d{2})"
    return {
        "month_day": re.compile(rf"^{month} {day}(?:,? {year})?$"),
        "day_month": re.compile(rf"^{day} (?:of )?{month}(?:,? {year})?$"),
        "month_year": re.compile(rf"^{month},? (?:of )?{year}$"),
        "month": re.compile(rf"^(?P<rel>last|next|this|that|past|coming|in|early|late)? ?{month}$"),
        "wday": re.compile(
            rf"^(?P<rel>last|next|this|past|coming|on)? ?{wday}(?: (?P<pod>morning|afternoon|"
            rf"evening|night)s?)?(?:,? {month} {day}(?:,? {year})?)?$"
        ),
        "iso": re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$"),
        "numeric": re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2,4})$"),
        "year": re.compile(r"^(?:fiscal |calendar |the year |fy ?)?(?P<year>1[5-9]\d\d|20\d\d)$"),
        "decade": re.compile(r"^(?:the )?(?:(?P<c>1[5-9]|20)|')(?P<d>\d)0'?s$"),
        "ago": re.compile(
            rf"^{num}[ -]{unit} (?P<dir>ago|earlier|before|later|after|from now|hence|since)$"
        ),
        "span": re.compile(
            rf"^(?:the )?(?:(?P<rel>last|past|previous|next|coming|following|first|"
            rf"latest|final|remaining|same|initial) )?{num}[ -](?:(?:more|additional|further|"
            rf"extra|straight|consecutive|successive) )?{unit}(?:[ -]old| or so| long)?$"
        ),
        "bare_units": re.compile(rf"^(?:the )?(?:(?P<rel>past|last|next|coming) )?{unit}$"),
        "rel_unit": re.compile(
            rf"^(?P<the>the )?(?P<rel>last|past|previous|next|coming|following|this|current|"
            rf"latest|recent|same|prior|year-ago|year-earlier|ago) {unit}$"
        ),
        "quarter": re.compile(
            r"^(?:the )?(?:(?P<rel>latest|last|past|previous|next|current|this|coming|same|"
            r"year-ago|year-earlier|fiscal) )?(?:(?P<year0>1[5-9]\d\d|20\d\d) )?"
            r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|"
            r"4th|final)[ -])?(?:fiscal )?(?:quarter|period)(?:,? (?:of )?(?:fiscal )?"
            r"(?P<year>\d{4}))?$"
        ),
        "half": re.compile(
            r"^(?:the )?(?P<ord>first|second|last|latter)[ -]half(?: (?:of )?(?:(?P<year>\d{4})|"
            r"(?P<rel>this|last|next) year))?$"
        ),
        "season": re.compile(
            r"^(?:(?P<rel>last|next|this|past|coming|early|late) )?(?P<season>spring|summer|"
            r"autumn|fall|winter)(?:,? (?:of )?(?P<year>\d{4}))?$"
        ),
        "clock": re.compile(
            r"^(?:(?P<h>\d{1,2})(?::(?P<mi>\d{2}))? ?(?P<ampm>a\.?m\.?|p\.?m\.?|o'clock)"
            r"(?: [a-z]{2,3}t)?|(?P<named>noon|midnight)|(?P<h24>[01]?\d|2[0-3]):?(?P<mi24>[0-5]\d)"
            r" (?P<utc>utc|gmt))(?P<rest> .*)?$"  # "16:08 UTC", "0800 GMT": a 24-hour clock
        ),
        "pod": re.compile(
            r"^(?P<rel>this|last|yesterday|tomorrow|the|early this|late|tonight|overnight)"
            r"(?: (?P<pod>morning|afternoon|evening|night))?$"
        ),
    }


@cache
def _month_rel_year() -> re.Pattern[str]:
    """ "June of this year", "September last year", "October of next year"."""
    month = rf"(?P<month>{_alt(lexicon()['months'])})\.?"
    return re.compile(rf"^{month},? (?:of )?(?P<rel>this|last|next) year$")


def _number(word: str) -> float | None:
    """The number a word stands for; None for vague quantities ("several")."""
    lx = lexicon()
    if word in lx["numbers"]:
        return float(lx["numbers"][word])
    if word.endswith(" 1/2"):  # "5 1/2 hours"
        word = word[:-4] + ".5"
    try:
        return float(word)
    except ValueError:
        return None


def _duration(n: float | None, unit: str) -> str:
    """A TIMEX3 length: decades and centuries in years, a quarter in its own unit (P1Q,
    PXQ: "several quarters" is a count of quarters, not of months)."""
    code, factor, prefix = lexicon()["units"][unit]
    if code == "DE":
        code, factor = "Y", 10 * factor
    elif code == "CE":
        code, factor = "Y", 100 * factor
    elif code == "WE":
        code, factor = "D", 2 * factor
    if n is None:
        return f"P{prefix}X{code}"
    total = n * factor
    half = _HALVES.get(prefix + code)
    if total != int(total) and (total * 2) == int(total * 2) and half is not None:
        smaller, part = half  # "5 1/2 hours": PT5H30M, "2 1/2 years": P2Y6M
        whole = f"{int(total)}{code}" if int(total) else ""
        return f"P{prefix}{whole}{'T' if code == 'D' else ''}{part}{smaller}"
    amount = str(int(total)) if total == int(total) else str(total)
    return f"P{prefix}{amount}{code}"


_HALVES = {"Y": ("M", 6), "D": ("H", 12), "TH": ("M", 30), "TM": ("S", 30)}


def _unit_code(unit: str) -> str:
    code: str = lexicon()["units"][unit][0]
    if code == "H" and unit == "half":
        return "HALF"
    return code


def _direction(ctx: Context) -> str:
    return "future" if ctx.tense == "future" else "past" if ctx.tense == "past" else "nearest"


def _ref(offset: float) -> str:
    return "PAST_REF" if offset < 0 else "FUTURE_REF" if offset > 0 else "PRESENT_REF"


def _decade_century(decade: int, anchor: date | None) -> str:
    """The century of "the '90s" or "the nineties": the anchor's own when that decade has
    begun by the anchor's year, else the one before ("the '90s" said in 2026 is 199)."""
    if anchor is None:
        return "19"
    century = anchor.year // 100
    return f"{century if decade * 10 <= anchor.year % 100 else century - 1:02d}"


def _year(text: str | None, anchor: date | None) -> int | None:
    if text is None:
        return None
    if text.startswith("'"):
        two = int(text[1:])
        century = (anchor.year // 100) if anchor else 19
        return (
            century * 100 + two
            if anchor is None or two <= anchor.year % 100 + 10
            else (century - 1) * 100 + two
        )
    return int(text)


# ---- rules: each takes (cleaned text, context) and answers a Timex or None -------------
