"""Debris lines: cookie notices, menus, counters, sign-up blocks, footers.

A line is debris only when a whole-line pattern from ``data/debris.json``
matches it (or it is a byline, a bare outlet or aggregator name, an item of a
"Related:" list, or page furniture by its shape: see
:mod:`newsdesk.clean.furniture`); prose never matches a whole-line pattern, which is
what keeps the cleaner from eating sentences.
"""

from __future__ import annotations

import re

from newsdesk.clean.data import CleanData, DebrisRule
from newsdesk.clean.furniture import after_stamp, furniture_reason
from newsdesk.clean.lines import Line, ends_sentence, is_prose

__all__ = ["debris_flags", "mark_debris"]

_LIST_ITEM_MAX_CHARS = 160
_BYLINE_MAX_WORDS = 16
_CAPTION_MAX_WORDS = 60
# the day a photo was taken, as agencies write it under the credit: "on February 27, 2016 in
# Millington, Tennessee", "on Thursday, Aug. 11, 2016"; prose seldom writes a day's year
_PHOTO_DAY = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, (?:19|20)\d{2}\b"
)
_REPORTED = re.compile(r"\b(?:said|says|told|tells|according to)\b")  # prose, not a caption


def _label_reason(line: Line, data: CleanData) -> str | None:
    """Bylines and bare outlet or aggregator names."""
    folded = line.norm.casefold()
    if any(folded == name.casefold() for name in data.aggregators):
        return "site_name"
    if any(folded == name.casefold() for name in data.outlets):
        return "outlet_label"
    short = len(line.norm.split()) <= _BYLINE_MAX_WORDS
    if short and not ends_sentence(line.norm) and data.byline.fullmatch(line.norm):
        return "byline"
    if short and data.byline.fullmatch(after_stamp(line.norm) or ""):
        return "byline"  # "5:45 AM PST 11/19/2019 by Patrick Shanley"
    return None


def mark_debris(lines: list[Line], data: CleanData) -> list[tuple[int, DebrisRule]]:
    """Set ``reason`` on every debris line; return which rule took which line."""
    hits: list[tuple[int, DebrisRule]] = []
    in_list = False
    for index, line in enumerate(lines):
        rule = next((r for r in data.rules if r.matches(line.norm)), None)
        if rule is not None:
            line.reason = rule.reason
            hits.append((index, rule))
            in_list = rule.starts_list or (in_list and rule.reason == "related")
            continue
        label = _label_reason(line, data) or furniture_reason(line.norm)
        if label is None and _caption_under_credit(lines, index):
            label = "caption"
        if label is not None:
            line.reason = label
            continue
        if in_list and not is_prose(line.norm) and len(line.norm) <= _LIST_ITEM_MAX_CHARS:
            line.reason = "related"
            continue
        in_list = False
    return hits


def _caption_under_credit(lines: list[Line], index: int) -> bool:
    """A photo's caption set on the line under its credit ("Ana Ruiz via Getty Images." then
    "The mayor cuts the ribbon at the new quay on March 3, 2026 in Port Selva."): it names
    the day the photo was taken, with its year."""
    if index == 0 or lines[index - 1].reason != "credits":
        return False
    line = lines[index].norm
    return (
        len(line.split()) <= _CAPTION_MAX_WORDS
        and _PHOTO_DAY.search(line) is not None
        and _REPORTED.search(line) is None
    )


def debris_flags(lines: list[Line], hits: list[tuple[int, DebrisRule]]) -> list[str]:
    """Flags the matched rules raise; tail flags only when no article text follows."""
    flags: list[str] = []
    for index, rule in hits:
        raised = list(rule.flags)
        if not any(line.kept for line in lines[index + 1 :]):
            raised.extend(rule.tail_flags)
        flags.extend(f for f in raised if f not in flags)
    return flags
