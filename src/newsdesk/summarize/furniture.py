"""Page furniture in a sentence: a photo caption or credit, a page stamp, a line that is
nothing but a date and a time, a digest's item retelling another outlet's report (a
bracketed source ending it, a run-in heading in capitals opening it). Never news: it enters
no summary and is no single-source fact.

Patterns and the stamp vocabulary live in ``data/furniture.json``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

__all__ = ["furniture", "stamp_only"]

_TOKEN = re.compile(r"[^\W_]+")


@cache
def _data() -> dict[str, list[str]]:
    data = resources.files("newsdesk.summarize").joinpath("data/furniture.json")
    loaded: dict[str, list[str]] = json.loads(data.read_text(encoding="utf-8"))
    return loaded


@cache
def _pattern() -> re.Pattern[str]:
    """Photo captions, credits and page stamps, as one pattern."""
    loaded = _data()
    return re.compile("|".join(f"(?:{p})" for p in loaded["caption"] + loaded["stamp"]), re.I)


@cache
def _roundup() -> re.Pattern[str]:
    """A digest's item: matched case-sensitively (the capitals are the sign)."""
    return re.compile("|".join(f"(?:{p})" for p in _data()["roundup"]))


@cache
def _stamp_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in _data()["stamp_words"])


def stamp_only(text: str) -> bool:
    """Nothing but a date or a time and the words a page prints around one ("8 : 13 AM PDT
    8 / 2 / 2013", "First Published : June 13 , 2013 4 : 59 PM EDT"): at least one number,
    every other word a month, a weekday, a zone, am/pm or a stamp word."""
    tokens = _TOKEN.findall(text)
    if not any(t.isdigit() for t in tokens):
        return False
    words = _stamp_words()
    return all(
        t.isdigit() or t.casefold() in words or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", t)
        for t in tokens
    )


def furniture(text: str) -> bool:
    """A caption, a photo credit, a page stamp or a digest's item: never news."""
    return (
        _pattern().search(text) is not None
        or _roundup().search(text) is not None
        or stamp_only(text)
    )
