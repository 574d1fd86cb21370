"""Temporal expressions spaCy leaves untagged (or tags in part) whose own words say what they
mean, each found by one pattern over the text and given the words a date rule reads for it.

- a vague length after for/after/in: "for some time", "for a while" (PXX: a length of no
  stated unit; "for a long time" is left out, as TimeBank leaves it);
- a year before or after: "post-1959 politics", "pre-2008 levels" (the year, TIMEX3's mod
  AFTER or BEFORE; spaCy tags neither);
- a quarter of a century or an hour: "its quarter-century low" is 25 years (spaCy tagged
  "quarter", read as the quarter under way), "a quarter-hour" 15 minutes;
- an hour said with its part of day: "at 4 in the morning", "9 in the evening" (T04:00,
  T21:00; spaCy tagged "the morning" alone, a part of the day);
- a half of a decade: "the last half of the '80s" is that decade (198, its end; spaCy tagged
  "the last half", read as this year's second half);
- "last" standing for the unit just said: "twice as high this year as last" (last year);
- two months sharing the year said after the second: "from March to May 2008", "between
  September and October of 2007", "in June and July of 2006" (the first month is that year's,
  not the nearest; spaCy often tags the first alone or neither);
- "the entire year" (as "the whole year": the year under way, or the one its sentence told);
- a unit with "before" or "after" set after it and nothing after that: "a loss the year
  before", "resigned the year after", "after falling the month before" (the one before or
  after the date just told, as "the previous year"; spaCy tagged "the year", a length);
- a unit with a relative clause of sequence: "in the week that followed", "the month which
  preceded it" (the one after or before the date just told, as "the following week"; spaCy
  tagged "the week", read as publication's week).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newsdesk.annotate.date_lexicon import lexicon
from newsdesk.annotate.date_spans import Candidate
from newsdesk.annotate.nlp import doc_text

__all__ = ["untagged", "with_untagged"]

_VAGUE_LENGTH = re.compile(
    r"(?:(?<=\bfor )|(?<=\bafter )|(?<=\bin ))(?:quite )?"
    r"(?:some time|a (?:little |short )?while)(?![\w-])",
    re.I,
)
_YEAR_SIDE = re.compile(r"(?<![\w-])(?:pre|post)-(?:1[5-9]|20)\d\d(?![\w-])", re.I)
_QUARTER_OF = re.compile(
    r"(?<![\w-])(?:(?:a|the) (?:(?:past|last|next) )?)?quarter[- ](?P<of>century|hour)"
    r"(?![\w-])",
    re.I,
)
_SMALL_NUMBERS = {w: n for w, n in lexicon()["numbers"].items() if isinstance(n, int) and n <= 12}
_HOUR_OF = re.compile(  # after a preposition of time: "took 3 in the afternoon session" no hour
    r"\b(?:at|by|until|till|before|after|around|about|from|to|since) (?P<x>(?P<h>1[0-2]|[1-9]|"
    + "|".join(w for w in _SMALL_NUMBERS if " " not in w and w not in ("a", "an"))
    + r")(?: o'clock)? in the (?P<pod>morning|afternoon|evening))(?![\w-])",
    re.I,
)
_QUARTER_LENGTHS = {"century": "25 years", "hour": "15 minutes"}
_HALF_OF_DECADE = re.compile(
    r"(?<![\w-])(?:the )?(?:first|second|last|latter) half of the ['’]?(?:1[5-9]|20)?\d0['’]?s"
    r"(?![\w-])",
    re.I,
)
_AS_LAST = re.compile(  # "this year as last", "this quarter than last": the one before
    r"\bthis (?P<unit>year|quarter|month|week)\b[^.;!?]{0,80}?\b(?:as|than) (?P<x>last)"
    r"(?=\s*(?:[.,;:!?)]|$))",
    re.I,
)

_UNIT_AFTER = re.compile(  # "the year before" said alone; "the day before the vote" is not
    r"(?<![\w-])the (?P<unit>year|month|week|day) (?P<side>before|after|previous|prior|later)"
    r"(?=\s*(?:[.,;:!?)\"”]|$|(?:and|but|or)\b))",
    re.I,
)
_UNIT_THAT_FOLLOWED = re.compile(  # "in the week that followed": after the date just told
    r"(?<![\w-])the (?P<unit>year|month|week|day) (?:that|which) (?P<side>followed|preceded)"
    r"(?![\w-])",
    re.I,
)
_ENTIRE_UNIT = re.compile(  # "for the entire year": spaCy leaves it untagged
    r"(?<![\w-])the entire (?P<unit>year)(?![\w-])", re.I
)
_SIDES = {
    "before": "previous",
    "previous": "previous",
    "prior": "previous",
    "preceded": "previous",
}

_MONTH = (  # a month's name, capitalised, full or abbreviated ("Sept.")
    r"(?:"
    + "|".join(m.capitalize() for m in sorted(lexicon()["months"], key=len, reverse=True))
    + r")(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"
)
_YEAR_AFTER = r"(?:,? of|,)? (?P<year>(?:1[5-9]|20)\d\d)(?![\w-])"
_MONTH_PAIR_FIRST = re.compile(  # "from March to May 2008": March, of 2008
    rf"(?<![\w-])(?P<x>{_MONTH})(?= (?:to|and|or|through|until|till) {_MONTH}{_YEAR_AFTER})"
)
_MONTH_PAIR_SECOND = re.compile(  # "... and October of 2007": October 2007, one expression
    rf"(?<=\w) (?:to|and|or|through|until|till) (?P<x>{_MONTH}{_YEAR_AFTER})"
)


def _month_of(m: re.Match[str]) -> str:
    """The first month of a pair as said with the year after the second ("March 2008")."""
    year = re.search(r"(?:1[5-9]|20)\d\d(?![\w-])", m.string[m.end() :])
    return f"{m['x']} {year[0] if year else ''}".strip()


def _unit_after(m: re.Match[str]) -> str:
    """ "the year before" as "the previous year", "the day after" as "the next day"."""
    unit, side = m["unit"].lower(), _SIDES.get(m["side"].lower())
    if unit == "day":
        return f"the {side or 'next'} day"
    return f"the {side or 'following'} {unit}"


def _hour(m: re.Match[str]) -> str:
    """ "4 in the morning" as the clock rule reads it: "4 a.m."."""
    said = m["h"].lower()
    hour = int(said) if said.isdigit() else _SMALL_NUMBERS[said]
    return f"{hour} {'a.m.' if m['pod'].lower() == 'morning' else 'p.m.'}"


def _quarter_of(m: re.Match[str]) -> str:
    """ "the past quarter-century" as "the past 25 years" ("a quarter-hour": "15 minutes")."""
    before = m[0][: m.start("of") - m.start() - len("quarter-")]
    return ("" if before.lower() == "a " else before) + _QUARTER_LENGTHS[m["of"].lower()]


def untagged(text: str) -> Iterator[tuple[int, int, str | None]]:
    """Each expression above: where it starts and ends, and the words a rule reads for it
    (None where its own words do). A pass runs only where the text holds its key word."""
    low = text.lower()
    passes = (
        (_VAGUE_LENGTH, ("while", "some time"), lambda m: "a while"),
        (_YEAR_SIDE, ("pre-", "post-"), lambda m: None),
        (_QUARTER_OF, ("quarter",), _quarter_of),
        (_HOUR_OF, (" in the ",), _hour),
        (_HALF_OF_DECADE, (" half of the ",), lambda m: None),
        (_AS_LAST, (" as last", " than last"), lambda m: f"last {m['unit'].lower()}"),
        (_UNIT_AFTER, (" before", " after", " previous", " prior", " later"), _unit_after),
        (_UNIT_THAT_FOLLOWED, (" followed", " preceded"), _unit_after),
        (_ENTIRE_UNIT, ("entire ",), lambda m: f"the whole {m['unit'].lower()}"),
        (_MONTH_PAIR_FIRST, (" to ", " and ", " or ", " through ", " until ", " till "), _month_of),
        (
            _MONTH_PAIR_SECOND,
            (" to ", " and ", " or ", " through ", " until ", " till "),
            lambda m: f"{m['x'].split()[0]} {m['year']}",
        ),
    )
    for pattern, words, said in passes:
        if any(word in low for word in words):
            for m in pattern.finditer(text):
                part = "x" if "x" in pattern.groupindex else 0  # the words the expression is
                yield m.start(part), m.end(part), said(m)


def with_untagged(doc: Any, cands: list[Candidate], names: list[Any]) -> list[Candidate]:
    """``cands`` with each expression above in place of the candidates inside it (spaCy's
    "quarter" of "quarter-century", "the morning" of "4 in the morning"); one that overlaps a
    name (``names``: spaCy's name entities) or another candidate is left out."""
    for start, end, said in untagged(doc_text(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(e.start < span.end and span.start < e.end for e in names):
            continue
        kept = [c for c in cands if not (start <= c.start and c.end <= end)]
        if not any(c.start < end and start < c.end for c in kept):
            cands = [*kept, Candidate(start, end, span, said)]
    return cands
