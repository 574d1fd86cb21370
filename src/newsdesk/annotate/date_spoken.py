"""Years and decades read aloud, as broadcast transcripts write them ("in nineteen
ninety-one", "by the year two thousand", "through the nineties"), written in digits so the
date rules read them as any other year or decade."""

from __future__ import annotations

import re
from functools import cache

from newsdesk.annotate.date_lexicon import alt as _alt
from newsdesk.annotate.date_lexicon import lexicon

__all__ = ["digits"]


@cache
def _spelled() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()
    units, teens, tens = (
        f"(?:{_alt(lx[k])})" for k in ("spelled_units", "spelled_teens", "spelled_tens")
    )
    two = rf"(?:{teens}|{tens}(?:[- ]{units})?|oh[- ]{units}|hundred)"
    after = rf"(?![- ](?:{_alt(lx['units'])}|{units}|{tens}|hundred|thousand|million))"
    year = re.compile(
        rf"\b(?:(?P<c>{teens}) (?P<y>{two})|two thousand(?: and)?(?: (?P<y2>{teens}|{tens}"
        rf"(?:[- ]{units})?|{units}))?){after}\b"
    )
    return year, re.compile(rf"\bthe (?P<d>{_alt(lx['spelled_decades'])})\b")


def _words_to_number(words: str) -> int:
    lx = lexicon()
    total = 0
    for word in re.split(r"[- ]", words):
        for table in ("spelled_units", "spelled_teens", "spelled_tens"):
            total += lx[table].get(word, 0)
    return total


def digits(t: str) -> str:
    """Years and decades read aloud written in digits: "nineteen ninety-one" is 1991, "the
    year two thousand" 2000, "the nineties" the '90s."""
    year, decade = _spelled()

    def as_year(m: re.Match[str]) -> str:
        if m["c"] is None:
            return str(2000 + (_words_to_number(m["y2"]) if m["y2"] else 0))
        rest = 0 if m["y"] == "hundred" else _words_to_number(m["y"])
        return str(_words_to_number(m["c"]) * 100 + rest)

    t = year.sub(as_year, t)
    return decade.sub(lambda m: f"the '{lexicon()['spelled_decades'][m['d']]}0s", t)
