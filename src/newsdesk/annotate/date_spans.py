"""Where a date expression begins and ends: spaCy's DATE and TIME entities cut into the
expressions TIMEX3 marks one by one ("the quarter ended Sept. 30" is two, "Monday, Tuesday
and Wednesday" three, "three days last week" a length and a week) and a clock time joined to
the day after it ("5 p.m. EST, Nov. 9"). What each one means is ``dates.DateNormalizer``'s."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsdesk.annotate.date_rules import Context, lexicon, normalise
from newsdesk.annotate.nlp import doc_text

__all__ = ["ORDINAL_LIST", "ZONE_CLOCK", "Candidate", "a_length", "merge", "parts", "range_ends"]


@dataclass(slots=True)
class Candidate:
    start: int  # character offsets
    end: int
    span: Any  # the spaCy Span
    said: str | None = None  # what it means, where the text leaves a word to the next one


def a_length(said: str) -> bool:
    """ "two weeks", "six months": a counted length ("every two weeks" is then a set)."""
    timex = normalise(said, Context())
    return timex is not None and timex.type == "DURATION" and not said.lower().startswith("the ")


_THEN = re.compile(r" ?, (?=[^,]*\b(?:later|earlier|after|before)$)", re.I)
_BETWEEN = re.compile(r"between ", re.I)
_OF_YEAR = re.compile(r" of (?=(?:1[5-9]|20)\d\d$)")
# "on Monday of last week's shooting": the possessive after "of" is the next noun's, so the
# day and "last week's" are two expressions (not "the Monday of last week")
_OF_OWNED = re.compile(r" of (?=(?:\w+ )?\w+['’]s$)")
# "until October - two years late", "closed 2009 - 2011": a dash typed as a spaced hyphen
# stands between two expressions, as an em dash does
_SPACED_DASH = re.compile(r" [-–] ")
_WEEKDAY = re.compile("(?:" + "|".join(lexicon()["weekdays"]) + r")\.?", re.I)

_RANGE = re.compile(r" (?:" + "|".join(lexicon()["range_words"]) + r") ", re.I)


_HYPHEN_RANGE = re.compile(  # "2010-2012", "May 5-7": two expressions, the second "May 7"
    r"(?P<left>(?:(?:1[5-9]|20)\d\d)|(?P<month>(?:"
    + "|".join(w for w in lexicon()["months"] if len(w) > 2)
    + r")\.? )\d{1,2})[-–](?P<right>(?(month)\d{1,2}|(?:1[5-9]|20)\d\d))",
    re.I,
)


def _hyphen_range(ent: Any) -> list[Candidate] | None:
    m = _HYPHEN_RANGE.fullmatch(ent.text)
    if m is None:
        return None
    left = ent.doc.char_span(ent.start_char, ent.start_char + m.end("left"))
    right = ent.doc.char_span(ent.start_char + m.start("right"), ent.end_char)
    if left is None or right is None:
        return None
    said = f"{m['month']}{m['right']}" if m["month"] else None
    return [
        Candidate(left.start_char, left.end_char, left),
        Candidate(right.start_char, right.end_char, right, said),
    ]


def _split(ent: Any) -> list[Candidate]:
    """ "the quarter ended Sept. 30", "Monday and Tuesday": two expressions, when both parse."""
    if (hyphen := _hyphen_range(ent)) is not None:
        return hyphen
    whole = [Candidate(ent.start_char, ent.end_char, ent)]
    if _AND_A_HALF.search(ent.text):
        return whole  # "two and a half years": one length, not "two" and "a half years"
    m = (
        _RANGE.search(ent.text)
        or _THEN.search(ent.text)
        or _OF_YEAR.search(ent.text)
        or _OF_OWNED.search(ent.text)
        or _SPACED_DASH.search(ent.text)
    )
    if m is None and (point := _LENGTH_POINT.search(ent.text)) is not None:
        return _length_and_point(ent, point.start(1)) or whole
    if m is None and (signal := _LENGTH_SIGNAL.search(ent.text)) is not None:
        return _length_and_anchor(ent, signal) or whole
    if m is None:
        return whole
    skip = len(m0[0]) if (m0 := _BETWEEN.match(ent.text)) else 0  # "between 1985 and 1987"
    left = ent.doc.char_span(
        ent.start_char + skip, ent.start_char + m.start(), alignment_mode="expand"
    )
    right = ent.doc.char_span(ent.start_char + m.end(), ent.end_char, alignment_mode="expand")
    if left is None or right is None or not len(left) or not len(right):
        return whole
    if len(right) > 1 and right[0].pos_ == "ADP":
        right = right[1:]  # "ended in September": TIMEX3 leaves the preposition out
    if len(left) > 1 and left[0].lower_ in ("from", "since", "in", "during"):
        left = left[1:]  # "from 2001 to 2005": "2001" and "2005"
    first, second = normalise(left.text, Context()), normalise(right.text, Context())
    said = None
    if first is None and second is not None and second.type == "DURATION":
        said = f"{left.text} {right[-1].text}"  # "two to six days": two days and six days
        first = normalise(said, Context())
        if first is None or first.type != "DURATION":
            return whole
    if first is None or second is None:
        return whole
    if m.re is _OF_YEAR and first.type != "DURATION":
        return whole  # "the first nine months of 1997": a length and a year; "May of 1997" one
    if m.re is _OF_OWNED and not _WEEKDAY.fullmatch(left.text):
        return whole  # "the last day of this year's session": no day of its own
    if said is None and _ENDED.fullmatch(m[0]) and _BARE_QUARTER.fullmatch(left.text):
        said = _quarter_ending(second.value)  # "the quarter ended Sept. 30": the third
    return [
        Candidate(left.start_char, left.end_char, left, said),
        Candidate(right.start_char, right.end_char, right),
    ]


_ENDED = re.compile(r" (?:ended|ending) ", re.I)
_AND_A_HALF = re.compile(r"\band a half\b", re.I)
_BARE_QUARTER = re.compile(r"(?:the )?(?:fiscal )?quarter", re.I)
_QUARTER_WORDS = ("first", "second", "third", "fourth")


def _quarter_ending(value: str) -> str | None:
    """ "the quarter ended Sept. 30" is the third quarter: the one the day it ends falls in
    (None, the usual reading, when the end is no month or day)."""
    m = re.fullmatch(r"(?:\d{4}|XXXX)-(\d\d)(?:-\d\d)?", value)
    if m is None or not 1 <= int(m[1]) <= 12:
        return None
    return f"the {_QUARTER_WORDS[(int(m[1]) - 1) // 3]} quarter"


_LENGTH_POINT = re.compile(  # "three days last week", "two hours Tuesday": where they meet
    r"\b(?:second|minute|hour|day|week|month|year|decade)s?( )(?=(?:last|this|next|early|"
    r"late|today|yesterday|tomorrow|tonight|" + "|".join(lexicon()["weekdays"]) + r")\b)",
    re.I,
)


def _length_and_point(ent: Any, at: int) -> list[Candidate] | None:
    """ "lasted three days last week": a length and the time it fell in, two expressions
    (TIMEX3 marks each), not one length that swallows the week."""
    left = ent.doc.char_span(ent.start_char, ent.start_char + at, alignment_mode="expand")
    right = ent.doc.char_span(ent.start_char + at + 1, ent.end_char, alignment_mode="expand")
    if left is None or right is None or not len(left) or not len(right):
        return None
    first, second = normalise(left.text, Context()), normalise(right.text, Context())
    if first is None or second is None or first.type != "DURATION" or second.type == "DURATION":
        return None
    return [
        Candidate(left.start_char, left.end_char, left),
        Candidate(right.start_char, right.end_char, right),
    ]


_LENGTH_SIGNAL = re.compile(r" (?:after|before) ", re.I)


def _length_and_anchor(ent: Any, signal: re.Match[str]) -> list[Candidate] | None:
    """ "two weeks before Christmas": a counted length and the day it counts from, two
    expressions (TIMEX3: a DURATION and its anchor; the day the length lands on is the
    length's anchor, dates.py), not one day that swallows both. "The day before Christmas"
    stays one day."""
    left = ent.doc.char_span(ent.start_char, ent.start_char + signal.start())
    right = ent.doc.char_span(ent.start_char + signal.end(), ent.end_char)
    if left is None or right is None or not a_length(left.text):
        return None
    second = normalise(right.text, Context())
    if second is None or second.type == "DURATION":
        return None
    return [
        Candidate(left.start_char, left.end_char, left),
        Candidate(right.start_char, right.end_char, right),
    ]


_LIST_SEP = re.compile(r",\s+(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.I)
_LIST_END = re.compile(r"(?:,|\s+(?:and|or))\s*$", re.I)
_LIST_ITEM = re.compile(
    r"(?:1[5-9]|20)\d\d|"
    + "|".join(w for w in (*lexicon()["weekdays"], *lexicon()["months"]) if len(w) > 3),
    re.I,
)


_ORDINAL = r"(?:first|second|third|fourth)"
ORDINAL_LIST = re.compile(  # "the second and fourth quarters (of 1990)", "the first and
    # second halves": the unit said once for every ordinal
    rf"(?<![\w-])(?:the )?{_ORDINAL}(?:(?:,|,? and|,? or) (?:the )?{_ORDINAL})+ "
    r"(?P<unit>quarters|halves)(?P<of> of (?:1[5-9]|20)\d\d)?(?![\w-])",
    re.I,
)


def _ordinals(ent: Any) -> list[Candidate] | None:
    """ "the first and third quarters": one expression per quarter, each ordinal before the
    last read with the unit said after the last ("first" is the first quarter)."""
    m = ORDINAL_LIST.search(ent.text)
    if m is None or m.end() != len(ent.text):
        return None
    unit = "quarter" if m["unit"].lower() == "quarters" else "half"
    words = list(re.finditer(_ORDINAL, ent.text[: m.start("unit")], re.I))
    out = []
    for i, w in enumerate(words):
        end = ent.start_char + (w.end() if i < len(words) - 1 else m.end())
        span = ent.doc.char_span(ent.start_char + w.start(), end)
        if span is None:
            return None
        out.append(Candidate(span.start_char, end, span, f"the {w[0]} {unit}{m['of'] or ''}"))
    return out


def parts(ent: Any) -> list[Candidate]:
    """ "Monday, Tuesday and Wednesday", "in 1994, 1995 and 1997", "the first and third
    quarters": one expression per day, month, year or quarter listed (spaCy tags the list
    as one, or stops at its "and"); a line break ends an expression ("… Conference 2010\n\n
    Yesterday, …": the headline's year and the lead's day)."""
    text = ent.text
    if "\n" in text.strip():
        return [p for line in _lines(ent) for p in parts(line)]
    if (ordinals := _ordinals(ent)) is not None:
        return ordinals
    end = _LIST_END.search(text)
    length = end.start() if end else len(text)
    pieces, pos = [], 0
    for m in _LIST_SEP.finditer(text, 0, length):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, length))
    if len(pieces) > 1 and all(_LIST_ITEM.fullmatch(text[a:b]) for a, b in pieces):
        spans = [ent.doc.char_span(ent.start_char + a, ent.start_char + b) for a, b in pieces]
        if all(span is not None for span in spans):
            return [Candidate(span.start_char, span.end_char, span) for span in spans]
    if end is not None and length:  # "1994, 1995 and": not the "and"
        span = ent.doc.char_span(ent.start_char, ent.start_char + length)
        if span is not None:
            return _split(span)
    return _split(ent)


def _lines(ent: Any) -> list[Any]:
    """The pieces of ``ent`` between its line breaks, as spans (empty pieces left out)."""
    out = []
    for m in re.finditer(r"[^\n]+", ent.text):
        piece = m[0].strip()
        if not piece:
            continue
        start = ent.start_char + m.start() + m[0].index(piece)
        span = ent.doc.char_span(start, start + len(piece), alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


_SMALL_HOURS = re.compile(r"(?:the )?(?:early|small|wee) hours", re.I)


def merge(doc: Any, cands: list[Candidate]) -> list[Candidate]:
    """Join a clock time and the day after it: "5 p.m. EST, Nov. 9", "noon Saturday", "the
    small hours of Sunday", "12:00 UTC Monday" (a zone clock spaCy left untagged; "16:15 UTC,
    June 1" stays two)."""
    merged: list[Candidate] = []
    for cand in cands:
        if merged:
            last = merged[-1]
            gap = doc_text(doc)[last.end : cand.start]
            if (
                (
                    last.span.label_ == "TIME"
                    or (gap == " " and ZONE_CLOCK.fullmatch(last.span.text) is not None)
                )
                and cand.span.label_ == "DATE"
                and (
                    gap in (" ", ", ")
                    or (gap == " of " and _SMALL_HOURS.fullmatch(last.span.text) is not None)
                )
                and not a_length(last.said or last.span.text)  # "two hours Tuesday": two
            ):
                span = doc.char_span(last.start, cand.end, alignment_mode="expand")
                if span is not None:
                    merged[-1] = Candidate(last.start, cand.end, span)
                    continue
        merged.append(cand)
    return merged


ZONE_CLOCK = re.compile(  # "at 16:08 UTC", "0800 GMT": spaCy calls the zone an organisation
    r"(?<![\w:.,$])(?:[01]?\d|2[0-3]):?[0-5]\d (?:UTC|GMT)(?![\w-])"
)
_RANGE_END = re.compile(  # "from 2009 to 2011": spaCy often tags the first year alone
    r"\s+(?:to|through|until|till|and|or)\s+((?:1[5-9]|20)\d\d)(?![\w-])"
)


def range_ends(doc: Any, cands: list[Candidate]) -> list[Candidate]:
    """ "from 2009 to 2011", "in 1998 and 2001": the year closing a range or list of years,
    where spaCy tagged only the first (a year of its own, TIMEX3)."""
    text = doc_text(doc)
    taken = [(c.start, c.end) for c in cands]
    out = []
    for c in cands:
        if not re.fullmatch(r"(?:1[5-9]|20)\d\d", text[c.start : c.end]):
            continue
        m = _RANGE_END.match(text, c.end)
        if m is None or any(s < m.end(1) and m.start(1) < e for s, e in taken):
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is not None and not any(t.ent_type_ in ("MONEY", "CARDINAL") for t in span):
            out.append(Candidate(m.start(1), m.end(1), span))
    return out
