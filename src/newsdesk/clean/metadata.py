"""Title, author, outlet and aggregator site, read off the scraped lines.

The outlet is who wrote the article ("© Foreign Policy", "By Jane Doe,
Reuters", "WASHINGTON (Reuters) —"); the site is the aggregator it was
scraped from (QOSHE, named in its own cookie notice). They are kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.clean.data import CleanData
from newsdesk.clean.furniture import after_stamp, cjk_byline_author
from newsdesk.clean.lines import Line, is_prose, is_title_like, normalise
from newsdesk.clean.titles import title_debris

__all__ = ["Found", "find_metadata", "mark_title"]

_DATELINE_WIRE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’/-]+,?[^()]{0,40}\((?P<wire>[A-Za-z]+)\)")
# "ⓒ" reads "c" once normalised ("저작권자 ⓒ 엔터미디어")
_COPYRIGHT_SIGN = re.compile(r"^(?:©|\(c\)|copyright|c(?=\s))\s*(?:©|\(c\))?", re.IGNORECASE)
_YEARS = re.compile(r"\b\d{4}(?:\s*[-–]\s*\d{4})?\b")


@dataclass(slots=True)
class Found:
    """What the lines say about the article."""

    author: str | None = None
    outlet: str | None = None
    site: str | None = None


def mark_title(lines: list[Line], data: CleanData, known: str | None = None) -> str | None:
    """Find the headline line and mark it (and its copies) ``title``.

    The headline is the first kept line when it has a headline's shape and the
    next kept line is prose. A title already known (from HTML metadata) is
    taken out wherever a line repeats it exactly.
    """
    kept = [line for line in lines if line.kept]
    title = normalise(known) if known else None
    if title is None and len(kept) >= 2:
        first = kept[0]
        # a headline printed twice is still a headline: look past its copies for the prose
        folded = first.norm.casefold()
        following = next((line for line in kept[1:] if line.norm.casefold() != folded), None)
        if (
            following is not None
            and is_title_like(first.norm, data.title)
            and is_prose(following.norm)
            and title_debris(first.norm, data) is None
        ):
            title = first.norm
    if title is None:
        return None
    for line in kept:
        if line.norm.casefold() == title.casefold():
            line.reason = "title"
    return title


def _aggregator_in(text: str, data: CleanData) -> str | None:
    for name in data.aggregators:
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            return name
    return None


# what a copyright line prints around the holder's name: a quoted slogan ("'대중문화컨텐츠
# 전문가그룹' 엔터미디어"), the site's address in brackets ("(www.entermedia.co.kr)")
_SLOGAN = re.compile(r"(?<!\S)['‘“\"][^'’”\"]{1,60}['’”\"](?!\S)")
_ADDRESS = re.compile(r"\(\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\s*\)")


def _copyright_name(text: str, data: CleanData) -> str | None:
    name = data.copyright_noise.sub("", normalise(text))
    name = _COPYRIGHT_SIGN.sub("", name.strip())
    name = _SLOGAN.sub("", _ADDRESS.sub("", _YEARS.sub("", name)))
    name = re.sub(r"\s+", " ", name).strip(" .,;:|-–—")
    return name or None


def _byline(line: Line, data: CleanData) -> tuple[str | None, str | None]:
    match = data.byline.fullmatch(line.norm) or data.byline.fullmatch(after_stamp(line.norm) or "")
    if match is None:
        return cjk_byline_author(line.norm), None
    author = match.group("author")
    outlet = match.group("outlet")
    if outlet and {w.casefold() for w in outlet.split()} & data.roles:
        outlet = None
    if outlet and outlet.casefold()[:3] in {m[:3] for m in data.months}:
        outlet = None
    return author, outlet


def _outlet_name(name: str, data: CleanData) -> str:
    for known in data.outlets:
        if known.casefold() == name.casefold():
            return known
    return data.wires.get(name, name)


def _from_removed(lines: list[Line], data: CleanData, found: Found) -> None:
    copyright_outlet = byline_outlet = label_outlet = None
    for line in lines:
        if line.kept:
            continue
        if found.site is None:
            found.site = _aggregator_in(line.norm, data)
        if line.reason == "copyright":
            name = _copyright_name(line.norm, data)
            if name and _aggregator_in(name, data) is None:
                copyright_outlet = copyright_outlet or name
        elif line.reason == "byline":
            author, outlet = _byline(line, data)
            found.author = found.author or author
            byline_outlet = byline_outlet or outlet
        elif line.reason == "outlet_label":
            label_outlet = label_outlet or line.norm
    outlet = copyright_outlet or byline_outlet or label_outlet
    found.outlet = _outlet_name(outlet, data) if outlet else None


def find_metadata(lines: list[Line], data: CleanData) -> Found:
    """Author, outlet and site from bylines, copyright lines, datelines, labels."""
    found = Found()
    _from_removed(lines, data, found)
    if found.outlet is None:
        first = next((line for line in lines if line.kept), None)
        match = _DATELINE_WIRE.match(first.norm) if first else None
        if match and match.group("wire") in data.wires:
            found.outlet = data.wires[match.group("wire")]
    return found
