"""The publication date, read from the top of the text when no metadata gave one.

A dateline or a date line near the top ("WASHINGTON, Jan. 13 (Reuters) —",
"January 13, 2026") gives ``published_source="text"``; a standalone
"yesterday" or "3 hours ago" line gives ``"relative"``, resolved against the
time the page was fetched. Without a reference there is no guessing: a
relative time or a date without a year gives nothing.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from newsdesk.clean.data import CleanData
from newsdesk.clean.lines import normalise

__all__ = ["DateReader"]

_SHORT_LINE = 80
_PLACE = r"(?:(?-i:[A-ZÀ-Ý][A-ZÀ-Ý .'’/-]{1,40}),\s+)?"


def _month_alternation(data: CleanData) -> str:
    names = sorted(data.months, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


def _patterns(data: CleanData) -> tuple[re.Pattern[str], ...]:
    months = _month_alternation(data)
    month_first = rf"(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    day_first = rf"(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{months})\.?"
    year = r",?\s+(?P<year>\d{4})\b"
    flags = re.IGNORECASE
    return (
        re.compile(rf"\b{month_first}{year}", flags),
        re.compile(rf"\b{day_first}{year}", flags),
        re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
        re.compile(rf"\b{month_first}\b(?!\s*,?\s*\d)", flags),
    )


def _relative_pattern(data: CleanData) -> re.Pattern[str]:
    units = "|".join(sorted(data.relative_units, key=len, reverse=True))
    words = "|".join(re.escape(w) for w in data.relative_words)
    prefix = r"(?:(?:updated|published|posted|last updated)\s*:?\s*)?"
    amount = r"(?P<n>\d{1,3}|an?)"
    return re.compile(
        rf"{prefix}(?:(?P<word>{words})|{amount}\s*(?P<unit>{units}) ago)", re.IGNORECASE
    )


def _absolute(match: re.Match[str], data: CleanData, reference: datetime | None) -> datetime | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else data.months[month_text.casefold()]
    day = int(match.group("day"))
    year_text = match.groupdict().get("year")
    tz = reference.tzinfo if reference else None
    try:
        if year_text:
            return datetime(int(year_text), month, day, tzinfo=tz)
        if reference is None:
            return None
        found = datetime(reference.year, month, day, tzinfo=tz)
    except ValueError:
        return None
    if (found.date() - reference.date()).days > 1:  # not reference + 1 day: 9999-12-31
        try:
            found = found.replace(year=reference.year - 1)
        except ValueError:  # 29 February a year before, or the year before 1
            return None
    return found


def _relative(match: re.Match[str], data: CleanData, reference: datetime) -> datetime | None:
    word = match.group("word")
    amount = match.group("n")
    try:
        if word:
            return reference - timedelta(days=data.relative_words[word.casefold()])
        n = 1 if amount.casefold() in {"a", "an"} else int(amount)
        unit = data.relative_units[match.group("unit").casefold()]
        return reference - timedelta(**{unit: n})
    except OverflowError:  # before the year 1 ("99999999 weeks ago", or dated 0001-01-01)
        return None


def _top_lines(text: str, count: int) -> list[str]:
    lines = (normalise(line) for line in text.splitlines())
    return [line for line in lines if line][:count]


class DateReader:
    """Reads a publication date off the top lines of a text (patterns built once)."""

    def __init__(self, data: CleanData) -> None:
        self._data = data
        self._anywhere = _patterns(data)
        self._at_start = tuple(re.compile(_PLACE + p.pattern, p.flags) for p in self._anywhere)
        self._relative = _relative_pattern(data)

    def _absolute_in(self, line: str, reference: datetime | None) -> datetime | None:
        short = len(line) <= _SHORT_LINE
        for anywhere, at_start in zip(self._anywhere, self._at_start, strict=True):
            match = anywhere.search(line) if short else at_start.match(line)
            found = _absolute(match, self._data, reference) if match else None
            if found is not None:
                return found
        return None

    def find(self, text: str, *, reference: datetime | None = None) -> tuple[datetime, str] | None:
        """A date from the top of ``text`` and where it came from ("text" or "relative")."""
        for line in _top_lines(text, self._data.top_lines):
            found = self._absolute_in(line, reference)
            if found is not None:
                return found, "text"
            match = self._relative.fullmatch(line)
            if match is not None and reference is not None:
                relative = _relative(match, self._data, reference)
                return (relative, "relative") if relative is not None else None
        return None
