"""Where and when a stated fact happened: the anchors that tell two events of one kind apart.

A story the clustering merged from two events of one kind ("46 arrested at the Brooklyn
protests" and "16 protesters arrested" at a march in Seattle; "five killed in the Papua
quakes" and "24 dead in the Aceh quake") holds two counts of one key that are not one fact
told differently. The annotations already say what each sentence names: its places (GPE,
LOC mentions) and its dates. A fact's :class:`Anchors` are

- ``places``: the places its sentence names (GPE and LOC mentions, and mentions of
  another type that the gazetteer knows as a place: the model reads some cities as an
  organisation or a person by their context), else its article's *setting* (the places of
  the article's first two sentences: a headline and a lead, or a dateline and a lead),
  since "16 protesters were arrested, the police said" happened where the report is set;
- ``days``: the explicit days its sentence names ("on July 2", "March 11, 2026"; not a
  weekday or "yesterday", and not a "by"/"as of" day, which is when a count was taken).

Two facts' anchors *contradict* (:meth:`AnchorReader.contradict`) when, of one kind, each
has some and none of one agrees with any of the other: two places are one when they are
the same name, one's name holds the other's ("Banda Aceh" / "Aceh"), the gazetteer puts one
in the other (a country and its cities and provinces: :func:`newsdesk.lang.gazetteer.
countries_of`), or either report names the other's place anywhere (reports of one event
name its places; a report from Seattle never names Brooklyn's East Flatbush) -- a place
no knowledge places is a different place only when neither report knows it; two days are
one within two days of each other. Absent anchors never contradict. They *agree* when, of
some kind, both have anchors and they do not contradict.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from newsdesk.article import Annotations
from newsdesk.summarize.text import Sentence

__all__ = ["AnchorReader", "Anchors"]

PLACE_TYPES = frozenset({"GPE", "LOC"})
_SETTING_SENTENCES = 2  # headline and lead, or a dateline's lead and the next
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_EXPLICIT = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_TAKEN_BY = re.compile(r"\b(?:by|as\s+of|until|through|since)\s*$", re.IGNORECASE)
_NEAR_DAYS = 2  # "July 2" told in Jakarta is "July 1" in New York


@dataclass(frozen=True, slots=True)
class Anchors:
    """A fact's places (English or canonical names) and explicit days (``date``)."""

    places: frozenset[str] = frozenset()
    days: frozenset[date] = frozenset()
    article: str = ""  # the article that states it: what else that report names


@lru_cache(maxsize=4096)
def _countries(place: str) -> frozenset[str]:
    from newsdesk.lang.gazetteer import countries_of

    return countries_of(place)


@lru_cache(maxsize=4096)
def _words(place: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", place.casefold()))


def _holds(outer: str, inner: str) -> bool:
    """Whether the place ``outer`` holds ``inner`` by what is known: its name is a part of
    the other's ("Aceh" of "Banda Aceh", "Gaza" of "Gaza City") or the gazetteer puts
    ``inner`` in the country ``outer``."""
    a, b = _words(outer), _words(inner)
    if a and len(a) < len(b) and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1)):
        return True
    return outer in _countries(inner) and outer != inner


def _most_specific(places: frozenset[str]) -> frozenset[str]:
    """The places no other of the set lies in ("Indonesia, Papua" -> "Papua")."""
    return frozenset(p for p in places if not any(o != p and _holds(p, o) for o in places))


def _place_name(text: str, canonical: str | None) -> str:
    from newsdesk.lang.gazetteer import english_place

    name = " ".join((canonical or text).split())
    return english_place(name) or name


class AnchorReader:
    """The anchors of the facts of one story's articles, read from their annotations."""

    def __init__(self, annotations: dict[str, Annotations]) -> None:
        self._notes = annotations
        self._places: dict[str, tuple[list[int], list[tuple[int, str]]]] = {}
        self._named: dict[str, frozenset[str]] = {}  # article -> every place it names
        self._setting: dict[str, frozenset[str]] = {}

    def read_article(self, article: str, sentences: Sequence[Sentence]) -> None:
        """Learn what an article names: every place in it (by offset) and its setting."""
        notes = self._notes.get(article)
        found = sorted(
            (m.start, m.end, name)
            for m in (notes.entities if notes is not None else [])
            for name in [_place_name(m.text, m.canonical)]
            if m.type in PLACE_TYPES or _countries(name)  # "Glasgow" read as a PERSON
        )
        self._places[article] = ([s for s, _, _ in found], [(e, n) for _, e, n in found])
        self._named[article] = frozenset(n for _, _, n in found)
        lead = sentences[:_SETTING_SENTENCES]
        self._setting[article] = frozenset().union(
            *(self._places_between(article, s.start, s.start + len(s.text)) for s in lead)
        )

    def _places_between(self, article: str, start: int, end: int) -> frozenset[str]:
        starts, rest = self._places.get(article, ([], []))
        first = bisect_left(starts, start)
        return frozenset(
            name for at in range(first, bisect_left(starts, end)) for e, name in [rest[at]]
            if e <= end
        )  # fmt: skip

    def anchors(self, article: str, sentence: Sentence, text: str) -> Anchors:
        """The anchors of a fact stated in ``sentence`` of ``article`` (``text``: its body)."""
        end = sentence.start + len(sentence.text)
        places = self._places_between(article, sentence.start, end)
        if not places:
            places = self._setting.get(article, frozenset())
        return Anchors(places, self._days(article, sentence.start, end, text), article)

    def _days(self, article: str, start: int, end: int, text: str) -> frozenset[date]:
        notes = self._notes.get(article)
        if notes is None:
            return frozenset()
        found = set()
        for expression in notes.dates:
            if not (start <= expression.start and expression.end <= end):
                continue
            if expression.type != "DATE" or not _EXPLICIT.search(expression.text):
                continue
            if _TAKEN_BY.search(text[max(0, expression.start - 12) : expression.start]):
                continue  # "as of July 3": when a count was taken, not when it happened
            day = _DAY_VALUE.match(expression.value)
            if day is not None:
                try:
                    found.add(date(int(day[1]), int(day[2]), int(day[3])))
                except ValueError:
                    continue
        return frozenset(found)

    def _places_one(self, a: str, b: str, article_a: str, article_b: str) -> bool:
        if a.casefold() == b.casefold() or _holds(a, b) or _holds(b, a):
            return True
        return b in self._named.get(article_a, ()) or a in self._named.get(article_b, ())

    def _places_apart(self, a: Anchors, b: Anchors) -> bool | None:
        """True: two places; False: one place; None: either names none."""
        if not a.places or not b.places:
            return None
        mine, theirs = _most_specific(a.places), _most_specific(b.places)
        return not any(self._places_one(p, q, a.article, b.article) for p in mine for q in theirs)

    @staticmethod
    def _days_apart(a: Anchors, b: Anchors) -> bool | None:
        if not a.days or not b.days:
            return None
        return not any(abs((p - q).days) <= _NEAR_DAYS for p in a.days for q in b.days)

    def contradict(self, a: Anchors, b: Anchors) -> bool:
        """Whether two facts' anchors place them at two events (see the module docstring)."""
        return bool(self._places_apart(a, b)) or bool(self._days_apart(a, b))

    def agree(self, a: Anchors, b: Anchors) -> bool:
        """Whether two facts' anchors place them at one event: some kind on both sides, none
        contradicting."""
        places, days = self._places_apart(a, b), self._days_apart(a, b)
        if places or days:
            return False
        return places is False or days is False
