"""Temporal expressions found and normalised against the article's publication date.

``DateNormalizer.find(doc_or_text, published=...)`` takes spaCy's DATE and TIME entities,
adds the reference words spaCy does not tag ("now", "recently", "annually"; listed in
``data/dates_lexicon.json``), reads the tense of the verb that governs each expression, and
asks the rules in :mod:`newsdesk.annotate.date_rules` for a TIMEX3 value. dateparser helps
only with absolute dates the rules do not know. Durations ("two weeks", "decades") come back
as type DURATION, never as calendar dates. Without a publication date, values that need one
stay underspecified (``XXXX-WXX-2``, ``XXXX-01-06``, ``PAST_REF``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newsdesk.annotate import date_calendar as cal
from newsdesk.annotate.date_clock import clock_days
from newsdesk.annotate.date_frames import frame_of, tense_of
from newsdesk.annotate.date_frames import governor as _governor
from newsdesk.annotate.date_frames import intended_then as _intended_then
from newsdesk.annotate.date_frames import looking as _looking
from newsdesk.annotate.date_frames import payment_date as _payment_date
from newsdesk.annotate.date_frames import reduced_past as _reduced_past
from newsdesk.annotate.date_predicates import NAME_LABELS as _NAME_LABELS
from newsdesk.annotate.date_predicates import RATE as _RATE
from newsdesk.annotate.date_predicates import calendar_day as _calendar_day
from newsdesk.annotate.date_predicates import determiner_at as _determiner_at
from newsdesk.annotate.date_predicates import holiday as _holiday
from newsdesk.annotate.date_predicates import is_work_title as _is_work_title
from newsdesk.annotate.date_predicates import modal as _modal
from newsdesk.annotate.date_predicates import named_day as _named_day
from newsdesk.annotate.date_predicates import named_years as _named_years
from newsdesk.annotate.date_predicates import names_a_day as _names_a_day
from newsdesk.annotate.date_predicates import quoted_title as _quoted_title
from newsdesk.annotate.date_predicates import rate as _rate
from newsdesk.annotate.date_predicates import share_of as _share_of
from newsdesk.annotate.date_predicates import soon_ahead as _soon_ahead
from newsdesk.annotate.date_predicates import titled_length as _titled_length
from newsdesk.annotate.date_recast import ANCHORABLE as _ANCHORABLE
from newsdesk.annotate.date_recast import THAN as _THAN
from newsdesk.annotate.date_recast import difference as _difference
from newsdesk.annotate.date_recast import one_month_ahead as _one_month_ahead
from newsdesk.annotate.date_recast import recast as _recast
from newsdesk.annotate.date_rules import Context, Timex, clean, lexicon, normalise
from newsdesk.annotate.date_scan import ends_with, gated
from newsdesk.annotate.date_spans import ORDINAL_LIST as _ORDINAL_LIST
from newsdesk.annotate.date_spans import ZONE_CLOCK, range_ends
from newsdesk.annotate.date_spans import Candidate as _Candidate
from newsdesk.annotate.date_spans import a_length as _a_length
from newsdesk.annotate.date_spans import merge as _merge
from newsdesk.annotate.date_spans import parts as _parts
from newsdesk.annotate.date_untagged import with_untagged
from newsdesk.annotate.nlp import doc_text
from newsdesk.article import TimeExpression

__all__ = ["DateNormalizer", "frame_of", "tense_of"]

_SIGNALS = {"after": 1, "before": -1, "later": 1, "earlier": -1}
_SIGNAL_END = re.compile(r"\s+(?:after|before|later)$", re.I)  # "three weeks before"
_UNIT_HYPHEN = re.compile(r"\b(?:year|quarter|month|week)-$", re.I)
_YEARS = re.compile(r"\byear['’]s$", re.I)
_YEARS_PERIOD = re.compile(
    r" (?:(?:first|second|third|fourth|final) )?(?:fiscal )?(?:quarter|period)\b", re.I
)
_PART_OF_DAY = re.compile(r" (?:morning|afternoon|evening|night)s?\b", re.I)
_MONTH_OR_YEAR = re.compile(
    r"\b(?:1[5-9]\d\d|20\d\d|" + "|".join(lexicon()["months"]) + r")\b", re.I
)
_DAY_WORDS = set(lexicon()["weekdays"]) | {"yesterday", "tomorrow", "today"}
_DEADLINE = {"give", "grant", "allow", "extend"}  # "gave them until Tuesday to sign"
_MONTH_DAY = re.compile(  # a month with its day, no year: "March 8", "Jan. 5"
    r"^(?:from |on |since |until )?(?:"
    + "|".join(m.capitalize() for m in lexicon()["months"])
    + r")\.? \d{1,2}(?:st|nd|rd|th)?$"
)
_BARE_WEEKDAY = re.compile(
    r"^(?:(?:early|late|on|from|since) )*(?:"
    + "|".join(lexicon()["weekdays"])
    + r")\b\.?(?:['’]s)?(?: (?:morning|afternoon|evening|night))?$",
    re.I,
)
_AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[- ]old\b", re.I)
_UNTIL = re.compile(r"\b(?:until|till|through|by)\s+(?:next\s+)?$", re.I)
_COMPARED = re.compile(r"\b(?:ago|earlier)\b|year-", re.I)
# "since", its determiner or possessive between ("since their Oct. 13 debate")
_SINCE = re.compile(r"\bsince\s+(?:(?:the|their|his|her|its|our|my|your|this|that)\s+)?$", re.I)
# "less than forecast in July", "as announced on Monday": when the forecast was made
_FORECAST_THEN = re.compile(
    r"\b(?:than|as)\s+(?:forecast|forecasted|predicted|projected|estimated|announced)\s+"
    r"(?:in|on|at)\s+(?:(?:early|late|mid)[\s-]+)?$",
    re.I,
)
# "ahead of", "in the run-up to", a determiner or possessive between ("ahead of his Monday
# speech"): what is still to come, told in the present
_AHEAD = re.compile(
    r"\b(?:ahead of|in advance of|in the (?:run|lead)-up to)\s+"
    r"(?:(?:the|their|his|her|its|our|my|your|this|next)\s+)?$",
    re.I,
)
_NEAREST_HEADS = set(lexicon()["nearest_heads"])
_NEAREST_BEFORE = re.compile(
    r"\b(?:" + "|".join(_NEAREST_HEADS) + r")(?: date)?,?\s+(?:(?:on|as of)\s+)?$", re.I
)


_ADJECTIVE_SETS = set(lexicon()["adjective_sets"])
_HOLIDAYS = re.compile(
    r"(?<![\w-])(?:(?:last|next|this) )?(?P<name>"
    + "|".join(
        re.escape(h).replace("\\ ", " ")
        for h in sorted((*lexicon()["moving_holidays"], *lexicon()["holidays"]), key=len)[::-1]
    )
    + r")(?![\w-])",
    re.I,
)
_ORDINAL_QUARTER = re.compile(  # "the fiscal second-quarter": spaCy often leaves it untagged
    r"(?<![\w-])(?:fiscal )?(?:first|second|third|fourth)[- ]quarter(?![\w-])", re.I
)
_COUNT_WORDS = sorted(
    (*(n for n in lexicon()["numbers"] if n not in ("a", "an")), "several", "a few"),
    key=len,
    reverse=True,
)
_COUNTED = re.compile(  # "20 more years", "several quarters": lengths spaCy calls cardinals
    r"(?<![\w.,/-])(?:(?:every|each) )?(?i:\d+(?: 1/2)?|" + "|".join(_COUNT_WORDS) + r")"
    r"(?: and a half)? "  # "two and a half years"
    r"(?:(?:more|additional|further|extra|straight|consecutive|successive) )?"  # the unit in
    # lower case: "60 Minutes" a title
    r"(?:(?:second|minute|hour|day|week|month|year|decade)s?|centuries|quarters?(?! of)|"
    r"quarters(?= of)(?:(?<=several quarters)|(?<=few quarters)))"  # "three quarters of the
    # vote" a share, "several quarters of losses" a length
    r"(?: (?:ago|earlier|later|from now))?(?![\w-])(?! old)"
)
_INSIDE_COUNT = re.compile(r" (?:straight|consecutive|successive) | and a half ")
_REL_BEFORE = re.compile(r"\b(?:this|last|next) $", re.I)
_EACH = re.compile(r"\b(?:each|every) $", re.I)
_MONTH_REL_BEFORE = re.compile(r"\b(?:this|last|next|that) $", re.I)
_MONTH_ALONE = re.compile(
    r"(?:" + "|".join(m.capitalize() for m in lexicon()["months"] if len(m) > 3) + r")(?:['’]s)?"
)
_WEEKDAY_OR_MONTH = re.compile(
    r"(?:"
    + "|".join(w for w in (*lexicon()["weekdays"], *lexicon()["months"]) if len(w) > 3)
    + r")",
    re.I,
)
_SEASON = re.compile("|".join(lexicon()["seasons"]), re.I)
_EACH_SEASON = re.compile(  # spaCy often leaves "every autumn" untagged ("fall" a verb there)
    r"(?<![\w-])(?:every|each) (?:spring|summer|autumn|winter)(?![\w-])", re.I
)
_COMPARED_QUARTER = re.compile(r"\b\d{4}\b|\b(?:ago|earlier|last year)\b", re.I)
_MULTI_QUARTER = re.compile(r"P(?:[69]M|[23]Q)")  # six or nine months: reported, not a quarter
_HOLIDAY_WEEK = re.compile(r" week\b", re.I)
_PERIOD_AFTER = re.compile(r" (?:period|quarter)\b", re.I)
_SAME_BEFORE = re.compile(
    r"\b[Tt]he (?:same|corresponding|comparable) (?:period|quarter|month),? (?:of |in )?$"
)
_DAY_BEFORE = re.compile(r"\b[Tt]he (?:day|week) (?:before|after) $")
_IN_THE = re.compile(r"\b(?:later|earlier) (?:in|on) $", re.I)  # "later in" + "the day"
_SOON = {"soon", "as soon as possible"}
_YEAR_END = re.compile(r"(?<![\w-])year[- ]end(?![\w-])", re.I)  # spaCy leaves it untagged
_YEAR_END_BEFORE = re.compile(  # "by year end", "around year-end": the end of the year
    r"\b(?:by|at|around|before|after|until|till|near|toward|towards|through|from) $", re.I
)
_APPROX_BEFORE = re.compile(  # "more than four decades ago": spaCy leaves "more than" out
    r"\b(?:more than|less than|about|almost|nearly|roughly|approximately|some) $", re.I
)
_SHARED_PART_OF_DAY = re.compile(
    r",? (?:and|or) (?:" + "|".join(lexicon()["weekdays"]) + r") ((?:morning|afternoon|evening"
    r"|night)s?)(?![\w-])",
    re.I,
)
_LONE_WEEKDAY = re.compile("(?:" + "|".join(lexicon()["weekdays"]) + ")", re.I)
_ALONE_PART_OF_DAY = re.compile(r"(?:morning|afternoon|evening|night)", re.I)
_WEEKDAY_BEFORE_PART = re.compile(  # "Late Sunday night", "earlier Thursday morning": spaCy
    # may tag the part of day alone and leave the weekday before it untagged
    r"(?<![\w-])(?:(?:[Ee]arl(?:y|ier)|[Ll]ater?) )?(?:"
    + "|".join(w.capitalize() for w in lexicon()["weekdays"] if w.endswith("day"))
    + r") $"
)
_VERB_BEFORE_DAY = ("end", "ended", "ending", "ends", "finish", "finished", "finishing",
                    "close", "closed", "closing", "start", "started", "began", "begin")  # fmt: skip
_DAY_OF_TRADING = re.compile(  # "ended the day at 7,114", "For the day, the index fell",
    # "late in the day", "the start of the day": the day told (a market report's day)
    "(?:" + "|".join(rf"(?<=\b{v} )" for v in _VERB_BEFORE_DAY) + r"|(?<=\b[Ff]or ))"
    r"the day\b(?! (?:before|after|of|when|that)\b)|\b(?:late|early) in the day\b|"
    r"\bthe (?:start|end|close) of the day\b"
)
_TOLD_DAY = "later in the day"  # what those mean: the day just told, else publication's
_WHOLE_YEAR = re.compile(r"the (?:entire|whole|full) year")  # the year the sentence told
_TRADING_DAY = "the market day"  # "ended the day at", "For the day": the same, or a Friday
_BARE_DECADE = re.compile(r"\d0s")  # "the 70s and 80s": a decade without its century
_DECADE_BEFORE = re.compile(r"(?:\bthe|\d0s|['’]\d0s)\s+(?:(?:and|or|to|through)\s+)?$", re.I)


class DateNormalizer:
    """Finds temporal expressions and gives each a TIMEX3 value.

    ``nlp`` is a spaCy pipeline with a parser and NER; by default the shared one from
    :func:`newsdesk.annotate.nlp.load`, loaded on first use.
    """

    def __init__(self, *, nlp: Any | None = None, use_dateparser: bool = True) -> None:
        self._nlp = nlp
        self._use_dateparser = use_dateparser
        words = sorted(lexicon()["candidate_words"], key=len, reverse=True)
        self._extra = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I
        )

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from newsdesk.annotate import nlp

            self._nlp = nlp.load()
        return self._nlp

    def find(
        self, doc_or_text: Any, *, published: datetime | date | None = None
    ) -> list[TimeExpression]:
        """Every temporal expression in the text, in order, with its TIMEX3 value.

        Each candidate goes through named steps: skipped when it is no date here
        (``_skipped``), given the direction it looks in (``_direction``) and the day it
        counts from (``_Reading.reference``), normalised, recast where its sentence says more
        (``_difference``, ``_recast``), and remembered for the expressions after it
        (``_Reading.remember``)."""
        doc = self.nlp(doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
        anchor = published.date() if isinstance(published, datetime) else published
        text = doc_text(doc)
        reading = _Reading(anchor=anchor, named=_named_years(text, anchor))
        found: list[TimeExpression] = []
        for cand in self._candidates(doc):
            if found and cand.start < found[-1].end:
                continue  # taken in by the expression before ("a day after Jan. 5")
            tense = tense_of(cand.span)
            frame = frame_of(cand.span, tense)
            looking = _looking(tense, frame)
            said = text[cand.start : cand.end]
            if _skipped(doc, cand, said, looking):
                continue
            if _WHOLE_YEAR.fullmatch(clean(cand.said or said)) and reading.told_in(
                cand.span.sent.start_char
            ):  # "lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the
                cand = _Candidate(cand.start, cand.end, cand.span, "that year")  # entire year"
            looking = _direction(text, cand, said, frame, looking)
            sentence = cand.span.sent.start_char
            ctx = Context(
                anchor=reading.reference(sentence, said, looking),
                tense=looking,
                previous=reading.previous,
                previous_here=reading.previous_at == sentence,
                quarter=reading.quarter,
                period=reading.period_of(sentence),
            )
            try:
                result = self._normalise_span(doc, cand, ctx)
            except (OverflowError, ValueError):  # a date the calendar cannot hold: skipped
                result = None
            if result is None:
                continue
            timex, start, end = result
            if (differed := _difference(text, timex, start, end, ctx)) is None:
                continue
            timex, end = differed
            timex = _recast(cand, said, looking, timex, text[start:end], reading.named)
            found.append(
                TimeExpression(
                    text[start:end], timex.value, start, end, timex.type, frame, timex.anchor
                )
            )
            reading.remember(found[-1], timex, frame, sentence)
        return clock_days(text, _one_month_ahead(found))

    # ---- candidates -------------------------------------------------------------------

    def _candidates(self, doc: Any) -> list[_Candidate]:
        cands = [
            part
            for ent in doc.ents
            if (ent.label_ in ("DATE", "TIME") or (ent.label_ == "EVENT" and _holiday(ent.text)))
            and self._extra_is_temporal(ent)
            and not _named_day(ent)  # "NBC's Today show", "VOA Today": a name
            and not _titled_length(ent)  # "CBS's 60 Minutes": a title
            and not _AGE.search(ent.text)  # "a 6-year-old", "37 years old": an age
            for part in _parts(ent)
        ]
        taken = [(c.start, c.end) for c in cands]
        names = [e for e in doc.ents if e.label_ in _NAME_LABELS]
        text = doc_text(doc)
        holidays = (m for m in _HOLIDAYS.finditer(text) if m["name"][:1].isupper())
        quarters = gated(_ORDINAL_QUARTER, _QUARTER_WORD, text)
        counted = _COUNTED.finditer(text)
        year_ends = (
            m
            for m in gated(_YEAR_END, _YEAR_END_WORDS, text)
            if ends_with(_YEAR_END_BEFORE, 7, text, m.start())
        )
        for m in (
            *self._extra.finditer(text),
            *_RATE.finditer(text),
            *holidays,
            *quarters,
            *counted,
            *year_ends,
            # passes that try look-behinds at every character run only where the text holds
            # what each of their matches holds (the same matches, a fraction of the CPU)
            *gated(_EACH_SEASON, _EACH_WORD, text),
            *gated(_ON_ORDINAL_DAY, _THE_ORDINAL, text),
            *gated(_ORDINAL_LIST, _LIST_UNIT, text),
            *(ZONE_CLOCK.finditer(text) if "UTC" in text or "GMT" in text else ()),
            *(_DAY_OF_TRADING.finditer(text) if "the day" in text else ()),
        ):
            if m.re in (_ORDINAL_LIST, _DAY_OF_TRADING, ZONE_CLOCK) or (
                m.re is _COUNTED and _INSIDE_COUNT.search(m[0])
            ):
                # "the second and fourth quarters of 1990": the list takes in the year spaCy
                # tagged alone; "six straight days" the "days" spaCy tagged alone; "14:58 UTC"
                # the clock spaCy tagged without its zone (no value from a bare 24-hour clock)
                inside = [c for c in cands if m.start() <= c.start and c.end <= m.end()]
                cands = [c for c in cands if c not in inside]
                taken = [t for t in taken if not (m.start() <= t[0] and t[1] <= m.end())]
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or not self._extra_is_temporal(span) or _named_day(span):
                continue
            if m.re is not ZONE_CLOCK and any(
                e.start < span.end and span.start < e.end for e in names
            ):
                continue  # "USA Today", "The Future Party": inside a name
            if _RATE.fullmatch(m[0]) and not _rate(span):
                continue
            taken.append((m.start(), m.end()))
            if m.re is _DAY_OF_TRADING:  # "ended the day at": a session, never at a weekend
                said = _TRADING_DAY if m[0].lower() == "the day" else _TOLD_DAY
                cands.append(_Candidate(m.start(), m.end(), span, said))
                continue
            if m.re is _ORDINAL_LIST:  # "the second and fourth quarters": one per quarter
                cands.extend(_parts(span))
                continue
            cands.append(_Candidate(m.start(), m.end(), span))
        cands = with_untagged(doc, cands, names)  # "post-1959", "for a while"
        cands.extend(range_ends(doc, cands))
        cands.sort(key=lambda c: c.start)
        return [self._widen(doc, c) for c in _merge(doc, cands)]

    @staticmethod
    def _widen(doc: Any, cand: _Candidate) -> _Candidate:
        """Take in what spaCy leaves outside: "year-" of "year-earlier", "night" after "Friday";
        leave out the verb "last" it takes in ("to last a week")."""
        start, end = cand.start, cand.end
        first = cand.span[0]
        if first.lower_ == "last" and first.tag_ == "VB" and len(cand.span) > 1:
            start = max(start, cand.span[1].idx)  # "expected to last a week": "a week"
        before = _UNIT_HYPHEN.search(doc_text(doc), max(0, start - 12), start)
        if before is not None:
            start = before.start()
        said = doc_text(doc)[start:end]
        rel = _REL_BEFORE.search(doc_text(doc), max(0, start - 6), start)
        if rel is not None and re.fullmatch(
            r"(?:year|month|week|weekend|quarter)(?:['’]s)?", said, re.I
        ):
            start = rel.start()  # "this year's election", "This quarter's sales": spaCy
            # took "year" or "quarter" alone
        month_rel = _MONTH_REL_BEFORE.search(doc_text(doc), max(0, start - 6), start)
        if (
            month_rel is not None
            and _MONTH_ALONE.fullmatch(said)
            and _determiner_at(doc, month_rel.start())
        ):
            start = month_rel.start()  # "The choice this November is tragic", "his loss
            # that November": spaCy took the month alone, read as the nearest one
        approx = _APPROX_BEFORE.search(doc_text(doc), max(0, start - 14), start)
        if approx is not None and said.lower().endswith(" ago"):
            start = approx.start()  # "more than four decades ago": one expression
        in_the = _IN_THE.search(doc_text(doc), max(0, start - 12), start)
        if in_the is not None and said.lower() == "the day":
            start = in_the.start()  # "later in the day": the day told, not a day's length
        same = _SAME_BEFORE.search(doc_text(doc), max(0, start - 32), start)
        if same is not None and re.fullmatch(r"last year|a year (?:ago|earlier)", said.lower()):
            start = same.start()  # "the corresponding period last year": one expression
        day_of = _DAY_BEFORE.search(doc_text(doc), max(0, start - 16), start)
        if day_of is not None and _names_a_day(said):
            start = day_of.start()  # "the day before Tuesday's hearing": Monday
        each = _EACH.search(doc_text(doc), max(0, start - 7), start)
        if each is not None and (
            _WEEKDAY_OR_MONTH.fullmatch(said) or _SEASON.fullmatch(said) or _a_length(said)
        ):
            start = each.start()  # "each July", "every Thursday", "every two weeks", "every
            # summer": a set
        holiday_week = _HOLIDAY_WEEK.match(doc_text(doc), end)
        if holiday_week is not None and _holiday(said):
            end = holiday_week.end()  # "Easter week", "Thanksgiving week"
        period = _PERIOD_AFTER.match(doc_text(doc), end)
        if period is not None and re.fullmatch(
            r"(?:the )?(?:(?:1[5-9]|20)\d\d|year-(?:ago|earlier))", said.lower()
        ):
            end = period.end()  # "the 1988 period", "year-ago quarter": one expression
            if doc_text(doc)[max(0, start - 4) : start].lower() == "the ":
                start -= 4
        weekday = _WEEKDAY_BEFORE_PART.search(doc_text(doc), max(0, start - 20), start)
        if weekday is not None and _ALONE_PART_OF_DAY.fullmatch(said):
            start = weekday.start()  # "Late Sunday night": the weekday's night, one expression
        after = _PART_OF_DAY.match(doc_text(doc), end)
        last = doc_text(doc)[start:end].split()[-1:]
        if after is not None and (
            cand.span.root.lower_ in _DAY_WORDS or (last and last[0].lower() in _DAY_WORDS)
        ):
            end = after.end()  # "Friday night", "early Friday morning"
        period = _YEARS_PERIOD.match(doc_text(doc), end)
        if period is not None and _YEARS.search(doc_text(doc)[start:end]):
            end = period.end()  # "last year's" + "third quarter": one expression
        shared = _SHARED_PART_OF_DAY.match(doc_text(doc), end)
        if shared is not None and cand.said is None and _LONE_WEEKDAY.fullmatch(said):
            return _Candidate(start, end, cand.span, f"{said} {shared[1]}")  # "Monday and
            # Tuesday nights": Monday nights too
        if (start, end) == (cand.start, cand.end):
            return cand
        span = doc.char_span(start, end, alignment_mode="expand")
        return _Candidate(start, end, span) if span is not None else cand

    @staticmethod
    def _extra_is_temporal(span: Any) -> bool:
        """A reference word spaCy did not tag: keep it where it works as a time word."""
        if len(span) > 1:
            return True
        token = span[0]
        if token.lower_ == "current":
            return token.dep_ == "amod" and token.head.lower_ not in ("account", "affairs")
        if token.lower_ in _ADJECTIVE_SETS:
            return token.dep_ in ("advmod", "npadvmod")  # "paid annually", not "annual report"
        return True

    # ---- normalisation ----------------------------------------------------------------

    def _normalise_span(
        self, doc: Any, cand: _Candidate, ctx: Context
    ) -> tuple[Timex, int, int] | None:
        text = cand.said or doc_text(doc)[cand.start : cand.end]
        if _BARE_DECADE.fullmatch(text) and ends_with(
            _DECADE_BEFORE, 11, doc_text(doc), cand.start
        ):
            text = "'" + text  # "the 70s", "the 70s and 80s": as "the '70s" (not "his 30s")
        timex = normalise(text, ctx)
        if timex is None and text == "May" and cand.span.label_ == "DATE":
            timex = normalise("in May", ctx)  # tagged a date: the month, not the verb
        start, end = cand.start, cand.end
        unit = {"the day": "P1D", "the week": "P1W"}.get(clean(text))
        landed = None if unit is None else self._after_date(doc, end, Timex(unit), ctx)
        if landed is not None:  # "the day after Jan. 5": Jan. 6, one expression
            if unit == "P1W":  # "the week after Jan. 5": that week
                return Timex(cal.week_value(date.fromisoformat(landed[0]))), start, landed[1]
            return Timex(landed[0]), start, landed[1]
        if timex is None and unit is not None:
            return None
        if timex is None:
            trimmed = self._trim(doc, cand, ctx)
            if trimmed is None:
                timex = self._dateparser(text, ctx)
            else:
                timex, start, end = trimmed
        if timex is None:
            return None
        if timex.type == "DURATION":
            signal = _SIGNAL_END.search(doc_text(doc), start, end)
            if signal is not None:  # "three weeks before", "Three days later": TIMEX3 leaves
                end = signal.start()  # the signal word out of the length
                if timex.anchor is not None and _THAN.match(doc_text(doc), signal.end()):
                    timex = Timex(timex.value, timex.type, timex.mod)  # "three days later
                    # than planned": a difference, no day it lands on
            landed = self._after_date(doc, end, timex, ctx)
            if landed is not None:  # "a day after Jan. 5": the length (P1D), anchored to
                # the day it lands on; "Jan. 5" is an expression of its own
                timex = Timex(timex.value, timex.type, timex.mod, anchor=landed[0])
        return timex, start, end

    def _trim(self, doc: Any, cand: _Candidate, ctx: Context) -> tuple[Timex, int, int] | None:
        """Drop up to two tokens either side ("a record 60 years" → "60 years")."""
        span = cand.span
        for left in range(3):
            for right in range(3):
                if left == right == 0 or left + right >= len(span):
                    continue
                sub = span[left : len(span) - right]
                if right and (sub[-1].lower_ == "second" or _ORDINAL_DAY.fullmatch(sub.text)):
                    continue  # "for a second day", "the 14th Amendment": an ordinal, not a
                    # length of one second or a day of the month
                timex = normalise(sub.text, ctx)
                if timex is not None and timex.value.endswith("_REF"):
                    dropped = [*span[:left], *span[len(span) - right :]]
                    if any(t.like_num for t in dropped):
                        continue  # "the past three summers": not "the past"
                if timex is not None:
                    while len(sub) > 1 and sub[0].pos_ == "ADP":
                        sub = sub[1:]  # "the night of Friday, Oct. 23": "Friday, Oct. 23"
                    while len(sub) > 1 and sub[-1].is_punct:
                        sub = sub[:-1]  # "the quarter, a quarter of its profit": no comma
                    return timex, sub.start_char, sub.end_char
        return None

    def _after_date(self, doc: Any, end: int, timex: Timex, ctx: Context) -> tuple[str, int] | None:
        """ "a day after Jan. 5": the day a length lands on, counted from the date that
        follows the signal word, and where that date ends (None when no full date follows)."""
        m = re.fullmatch(r"P(\d+)([DWMY])", timex.value)
        signal = re.match(r"\s*(after|before|later than|earlier than)\s+", doc_text(doc)[end:])
        if not m or not signal:
            return None
        tail_start = end + signal.end()
        text = doc_text(doc)
        for ent in doc.ents:  # the date after the signal ("two weeks before Christmas" may
            # be one entity, cut in two by date_spans)
            if ent.start_char <= tail_start < ent.end_char and ent.label_ == "DATE":
                inner = normalise(text[tail_start : ent.end_char], ctx)
                if inner is None or not _ANCHORABLE.match(inner.value):
                    return None
                base = date.fromisoformat(inner.value)
                sign = 1 if signal[1].startswith("after") or signal[1].startswith("later") else -1
                n = int(m[1]) * sign
                unit = m[2]
                if unit in ("D", "W"):
                    value = cal.day_value(cal.add_days(base, n * (7 if unit == "W" else 1)))
                else:
                    value = cal.shift(base, unit, n)
                return value, ent.end_char
        return None

    def _dateparser(self, text: str, ctx: Context) -> Timex | None:
        """Absolute dates the rules do not know ("the 6th of January 2026"), via dateparser."""
        t = clean(text)
        if not self._use_dateparser or not re.search(r"\d", t):
            return None
        if not _MONTH_OR_YEAR.search(t):
            return None  # "6 11" is a share counter, not a date
        if ctx.anchor is None and not re.search(r"\b\d{4}\b", t):
            return None
        settings: dict[str, Any] = {
            "PREFER_DATES_FROM": "past"
            if ctx.tense == "past"
            else "future"
            if ctx.tense == "future"
            else "current_period",
            "REQUIRE_PARTS": ["year"] if ctx.anchor is None else [],
        }
        if ctx.anchor is not None:
            settings["RELATIVE_BASE"] = datetime(ctx.anchor.year, ctx.anchor.month, ctx.anchor.day)
        data = _date_data(t, tuple(sorted((k, str(v)) for k, v in settings.items())), settings)
        if data.date_obj is None:
            return None
        day = data.date_obj.date()
        period = data.period or "day"
        if period == "year":
            return Timex(f"{day.year:04d}")
        if period == "month":
            return Timex(f"{day.year:04d}-{day.month:02d}")
        if period == "week":
            return Timex(cal.week_value(day))
        return Timex(day.isoformat())


def _date_data(text: str, key: tuple[tuple[str, str], ...], settings: dict[str, Any]) -> Any:
    """dateparser's reading of ``text`` (``key`` identifies the settings)."""
    from dateparser.date import DateDataParser

    parser = _PARSERS.get(key)
    if parser is None:
        parser = _PARSERS[key] = DateDataParser(languages=["en"], settings=settings)
    return parser.get_date_data(text)


_PARSERS: dict[tuple[tuple[str, str], ...], Any] = {}


_ORDINAL_DAY = re.compile(r"(?:[Tt]he )?\d{1,2}(?:st|nd|rd|th)")
_ON_ORDINAL_DAY = re.compile(  # "opened on the 9th": spaCy often calls it a bare ordinal
    r"(?:(?<=\bon )|(?<=\bby )|(?<=\buntil )|(?<=\bsince )|(?<=\bbefore )|(?<=\bafter ))"
    r"the \d{1,2}(?:st|nd|rd|th)(?![\w-])"
)
# what every match of a pass holds (same flags): without it the pass finds nothing
_THE_ORDINAL = re.compile(r"the \d{1,2}(?:st|nd|rd|th)")  # _ON_ORDINAL_DAY
_QUARTER_WORD = re.compile("quarter", re.I)  # _ORDINAL_QUARTER
_YEAR_END_WORDS = re.compile(r"year[- ]end", re.I)  # _YEAR_END
_EACH_WORD = re.compile(r"(?:every|each) ", re.I)  # _EACH_SEASON
_LIST_UNIT = re.compile("quarters|halves", re.I)  # _ORDINAL_LIST


def _skipped(doc: Any, cand: _Candidate, said: str, looking: str) -> bool:
    """No date here: a work's title ("the film May", "on “This Week”"), a weekday in a
    day's name ("Super Tuesday", "the Black Friday season": a holiday is read on its own),
    or a "soon" that looks from a time the narration told rather than from now ("was soon
    released")."""
    if _is_work_title(doc, cand.start, cand.end, cand.span):
        return True
    if _quoted_title(doc_text(doc), cand.start, cand.end):
        return True  # "ABC's “This Week,”": a show
    if _named_weekday(doc_text(doc), cand.start, said):
        return True
    if _weekday_of_date(doc_text(doc), cand.start, said):
        return True
    if _share_of(doc_text(doc), cand.end, said):
        return True  # "about a quarter of Americans": a share
    root = cand.span.root
    if (
        _ORDINAL_DAY.fullmatch(said.strip())
        and not cand.span.start <= root.head.i < cand.span.end
        and root.head.pos_ in ("NOUN", "PROPN")
    ):
        return True  # "The 14th Amendment", "the 3rd floor": an ordinal, no day
    return clean(said) in _SOON and not _soon_ahead(cand.span, looking)


_NAMED_WEEKDAY = re.compile(
    r"(?<!\w)(?:" + "|".join(w.capitalize() for w in lexicon()["named_weekdays"]) + r") $"
)
_FIRST_WORD = re.compile(r"\s*(\w+)")


def _named_weekday(text: str, start: int, said: str) -> bool:
    """A weekday opening the expression after a capitalised word that names a day with it
    ("Super Tuesday", "Black Monday"): the name of a day, not the weekday."""
    first = _FIRST_WORD.match(said)
    return (
        first is not None
        and first[1].casefold() in lexicon()["weekdays"]
        and _NAMED_WEEKDAY.search(text, max(0, start - 12), start) is not None
    )


# "on Dec. 18, a Wednesday": the weekday in apposition tells the date's own day
_DATE_THEN_A = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,\s+an?\s+$")


def _weekday_of_date(text: str, start: int, said: str) -> bool:
    """A weekday set after a date as its apposition ("on Dec. 18, a Wednesday") is that
    date's weekday, not a day of its own."""
    first = _FIRST_WORD.match(said)
    return (
        first is not None
        and first[1].casefold() in lexicon()["weekdays"]
        and _DATE_THEN_A.search(text, max(0, start - 16), start) is not None
    )


_NEAREST_SOLID = max(map(len, _NEAREST_HEADS)) + len("date,asof")


def _season_at_hand(span: Any, said: str, governor: Any) -> bool:
    """A holiday naming a season's goods or doings ("Black Friday deals", "Christmas
    shopping") told in the present or the present perfect ("have gone live", "has begun"):
    the season at hand, the nearest holiday, not the last one a perfect would look back to."""
    if span.root.dep_ != "compound" or not _holiday(said):
        return False
    aux = {a.tag_ for a in governor.children if a.dep_ in ("aux", "auxpass")}
    return governor.tag_ in ("VBZ", "VBP") or (
        governor.tag_ == "VBN" and bool(aux & {"VBZ", "VBP"})
    )


def _direction(text: str, cand: _Candidate, said: str, frame: str, looking: str) -> str:
    """Which way the expression looks from the time of speaking, where the words around it
    say more than the tense: a deadline given, "until", "since", a done event's participle,
    a payment date, an untensed weekday."""
    governor = _governor(cand.span)
    if _intended_then(governor):
        return "present"  # "was asked to break the news on Dec. 18": the nearest Dec. 18
    if _season_at_hand(cand.span, said, governor):
        return "present"  # "Black Friday deals have gone live": this year's, the nearest
    until = ends_with(_UNTIL, 11, text, cand.start)
    if frame in ("past", "present") and governor.lemma_.lower() in _DEADLINE and until:
        return "present"  # "gave them until Tuesday": a deadline, the nearest one
    if frame == "present" and until:
        return "future"  # "closed until Friday"
    if frame == "present" and ends_with(_AHEAD, 20, text, cand.start):
        return "future"  # "Ahead of Monday's vote, lawmakers are divided": still to come
    if ends_with(_FORECAST_THEN, 24, text, cand.start):
        return "past"  # "will expand … less than forecast in July": the forecast is made
    if ends_with(_SINCE, 12, text, cand.start):
        return "past"  # "since Sept. 11", "will … since their Oct. 13 debate": a period's start
        # is on or before the time of speaking, whatever the main verb
    if frame == "present" and _reduced_past(governor):
        return "past"  # "the year ended March 31": a done event's participle
    if frame in ("past", "present") and (
        _payment_date(cand.span) or ends_with(_NEAREST_BEFORE, _NEAREST_SOLID, text, cand.start)
    ):
        return "present"  # "declared a dividend payable Dec. 15": the nearest
    if frame == "present" and _BARE_WEEKDAY.search(said) and _untensed(cand.span, governor):
        return "past"  # news reports what happened: an untensed weekday
        # ("Monday's debate", a caption's "on Sunday") is the one before
    if looking == "future" and _BARE_WEEKDAY.search(said) and _dates_the_subject(cand.span):
        return "present"  # "Monday's ruling will make the choice starker": the ruling's
        # day, the nearest, not a day the verb foretells
    if looking == "future" and _MONTH_DAY.search(said) and _dates_a_noun(cand.span):
        return "present"  # "faces a count … as a result of the March 8 incident", "his
        # conversation with the Times from Jan 5": the noun's day, the nearest
    return looking


def _dates_a_noun(span: Any) -> bool:
    """A date that modifies a noun ("the March 8 incident", "his conversation from Jan 5")
    rather than the verb: it dates that thing, whatever the verb foretells."""
    root = span.root
    if root.dep_ in ("nmod", "compound", "amod", "prep") and root.head.pos_ == "NOUN":
        return True  # "prep": the span takes its preposition in ("from Jan 5")
    prep = root.head
    return root.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "NOUN"


def _dates_the_subject(span: Any) -> bool:
    """A weekday that modifies a noun inside the verb's subject ("Monday's ruling will …",
    "Scenes from the rally at the coliseum Tuesday will keep him awake"): it dates that
    noun's event, not what the verb foretells."""
    root = span.root
    if root.dep_ not in ("poss", "npadvmod", "appos"):  # "the rally … Tuesday"
        return False
    node, through = root.head, False
    for _ in range(8):  # up through nouns and prepositions, never past a verb
        if node.pos_ not in ("NOUN", "PROPN", "ADP") or node.head.i == node.i:
            return False
        if node.dep_ in ("nsubj", "nsubjpass"):  # a name itself is no event: "Obama
            return root.head.pos_ == "NOUN" or through  # Tuesday will sign the bill"
        if root.dep_ == "poss":  # "the results of Tuesday's primary will be known":
            return False  # a possessive deeper in is an event still awaited as often
        through = through or node.pos_ == "ADP"
        node = node.head
    return False


def _untensed(span: Any, governor: Any) -> bool:
    """A weekday no finite present verb governs: a caption's verb, a noun's modifier."""
    if governor.tag_ not in ("VBZ", "VBP") and not _modal(governor):
        return True
    return span.root.dep_ in ("poss", "compound", "npadvmod") and span.root.head.pos_ == "NOUN"


@dataclass(slots=True)
class _Reading:
    """What the text has told so far, for the expressions after it."""

    anchor: date | None  # the publication day
    named: dict[str, str]  # month-day -> the year the article names it with
    previous: str | None = None  # the last calendar value: "a year ago" compares with it
    quarter: str | None = None  # the text's own: the first it names ("the 1988 quarter")
    said_at: tuple[int, date] | None = None  # a past day the sentence's speech is dated to
    # a sentence's length of two or three quarters ("for the nine months"): what it compares
    period: tuple[int, str] | None = None
    previous_at: int | None = None  # the sentence (its start) ``previous`` was told in

    def told_in(self, sentence: int) -> bool:
        """The sentence starting at ``sentence`` has told a date with its year."""
        return self.previous_at == sentence and bool(re.match(r"\d{4}", self.previous or ""))

    def reference(self, sentence: int, said: str, looking: str) -> date | None:
        """The day to count from: publication, or the past day the sentence's speech was
        dated to ("On Tuesday, officials said he will visit on Thursday": the Thursday after
        Tuesday, whenever the story is published)."""
        if (
            self.said_at is not None
            and self.said_at[0] == sentence
            and looking == "future"
            and _BARE_WEEKDAY.search(said)
        ):
            return self.said_at[1]
        return self.anchor

    def period_of(self, sentence: int) -> str | None:
        return self.period[1] if self.period is not None and self.period[0] == sentence else None

    def remember(self, found: TimeExpression, timex: Timex, frame: str, sentence: int) -> None:
        placed = timex.anchor or timex.value  # "Three days later": the day it lands on
        if (
            frame == "past"
            and self.anchor is not None
            and _ANCHORABLE.match(placed)
            and placed < self.anchor.isoformat()
            and (day := _calendar_day(placed)) is not None
        ):
            self.said_at = (sentence, day)
        if timex.type == "DATE" and timex.value[:1].isdigit() and not _COMPARED.search(found.text):
            self.previous = timex.value  # "a year ago" compares; the next one compares too
            self.previous_at = sentence
        elif timex.anchor is not None and _ANCHORABLE.match(timex.anchor):
            self.previous = timex.anchor  # "Two days later …": counted from that day
            self.previous_at = sentence
        if timex.type == "DURATION" and _MULTI_QUARTER.fullmatch(timex.value):
            self.period = (sentence, timex.value)  # "for the nine months": what it compares
        if re.fullmatch(r"\d{4}-Q\d", timex.value) and not _COMPARED_QUARTER.search(found.text):
            self.quarter = self.quarter or timex.value  # the lead's quarter is the text's own
