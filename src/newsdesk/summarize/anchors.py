"""Where and when a stated fact happened: the anchors that tell two events of one kind apart.

A story the clustering merged from two events of one kind ("46 arrested at the Brooklyn
protests" and "16 protesters arrested" at a march in Seattle; "five killed in the Papua
quakes" and "24 dead in the Aceh quake") holds two counts of one key that are not one fact
told differently. The annotations already say what each sentence names: its places and its
dates. A fact's :class:`Anchors` are

- ``places``: the places its sentence names (GPE and LOC mentions, and mentions of another
  type that the gazetteer knows as a place: the model reads some cities as an organisation
  or a person by their context), else its report's *setting* (the places of the article's
  first two sentences: a headline and a lead, or a dateline and a lead), since "16
  protesters were arrested, the police said" happened where the report is set. A sentence
  that names only a wide place ("Indonesia earthquake: 24 dead") is narrowed by the places
  of its setting that lie in it ("… hits Aceh province");
- ``days``: the explicit days its sentence names ("on July 2", "March 11, 2026"; not a
  weekday or "yesterday", and not a "by"/"as of" day, which is when a count was taken).

What lies in what: the gazetteer's countries and the places it puts in them
(:func:`newsdesk.lang.gazetteer.countries_of`), a name that is part of another ("Aceh" of
"Banda Aceh", "Gaza" of "Gaza City"), and what the story's own text says, two places
written together as one lies in the other ("Indonesia's Aceh province", "Manokwari, the
capital of West Papua", "Portland, Ore.").

Two facts' anchors *contradict* (:meth:`AnchorReader.contradict`) when, of one kind, each
has some and none of the one's most specific places is one with any of the other's: the
same place, one in the other, or a place the other's report names too, as a place or
in its text (reports of one event name its places; a report from Seattle never names
Brooklyn's East Flatbush). Two
days are one within two days of each other. Absent anchors never contradict. They *agree*
when none contradicts and, of some kind, both have anchors that are one: days, or places by
what is known (a place the other report names elsewhere only keeps them from contradicting).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

from newsdesk.article import Annotations
from newsdesk.summarize.support import ArticleText

__all__ = ["AnchorReader", "Anchors"]

PLACE_TYPES = frozenset({"GPE", "LOC"})
_SETTING_SENTENCES = 2  # headline and lead, or a dateline's lead and the next
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_EXPLICIT = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_TAKEN_BY = re.compile(r"\b(?:by|as\s+of|until|through|since)\s*$", re.IGNORECASE)
_NEAR_DAYS = 2  # "July 2" told in Jakarta is "July 1" in New York
# two places written as one lying in the other: "Indonesia's [northwestern province of] Aceh"
_OUTER_FIRST = re.compile(r"^\s*['’]\s*s(?:\s+[a-z]+){0,3}\s*$")
# "Aceh, Indonesia", "Takengon in Central Aceh", "Manokwari, the capital of West Papua"
_INNER_FIRST = re.compile(r"^\s*(?:,|,?\s+in|,\s+(?:the\s+)?(?:capital|province)\s+of)\s*$")

_Span = tuple[int, int, str]  # (start, end, place)


@dataclass(frozen=True, slots=True)
class Anchors:
    """A fact's places as its sentence names them, its report's setting, and its days."""

    places: frozenset[str] = frozenset()
    setting: frozenset[str] = frozenset()
    days: frozenset[date] = frozenset()
    article: str = ""  # the article that states it: what else that report names


@lru_cache(maxsize=4096)
def _countries(place: str) -> frozenset[str]:
    from newsdesk.lang.gazetteer import countries_of

    return countries_of(place)


@lru_cache(maxsize=4096)
def _words(place: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", place.casefold()))


def _part_of(outer: str, inner: str) -> bool:
    """Whether ``outer``'s name is a part of ``inner``'s ("Aceh" of "Banda Aceh")."""
    a, b = _words(outer), _words(inner)
    if not a or len(a) >= len(b):
        return False
    return any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _one_name(a: str, b: str) -> bool:
    return _words(a) == _words(b) or _part_of(a, b) or _part_of(b, a)


def _place_name(text: str, canonical: str | None) -> str:
    from newsdesk.lang.gazetteer import english_place

    name = " ".join((canonical or text).split())
    return english_place(name) or name


class AnchorReader:
    """The anchors of the facts of one story's articles, read from their annotations."""

    def __init__(self, annotations: dict[str, Annotations]) -> None:
        self._notes = annotations
        self._spans: dict[str, tuple[list[int], list[_Span]]] = {}
        self._named: dict[str, frozenset[str]] = {}  # article -> every place it names
        self._setting: dict[str, frozenset[str]] = {}
        self._inside: dict[str, set[str]] = {}  # place -> places the story's text puts it in
        self._bodies: dict[str, str] = {}
        self._said: dict[tuple[str, str], bool] = {}

    def read_story(self, texts: Sequence[ArticleText]) -> None:
        """Learn what each article names (every place, by offset) and its setting, and what
        lies in what by the story's text."""
        for text in texts:
            self._read_article(text)

    def _read_article(self, text: ArticleText) -> None:
        notes = self._notes.get(text.id)
        found = sorted(
            (m.start, m.end, name)
            for m in (notes.entities if notes is not None else [])
            for name in [_place_name(m.text, m.canonical)]
            if m.type in PLACE_TYPES or _countries(name)  # "Glasgow" read as a PERSON
        )
        self._spans[text.id] = ([s for s, _, _ in found], found)
        self._named[text.id] = frozenset(n for _, _, n in found)
        body = self._bodies[text.id] = text.article.body
        for (_, end, first), (start, _, second) in pairwise(found):
            gap = body[end:start] if 0 <= end <= start else "-"
            if first != second and _OUTER_FIRST.match(gap):
                self._inside.setdefault(second, set()).add(first)
            elif first != second and _INNER_FIRST.match(gap):
                self._inside.setdefault(first, set()).add(second)
        lead = text.sentences[:_SETTING_SENTENCES]
        self._setting[text.id] = frozenset().union(
            *(self._between(text.id, s.start, s.start + len(s.text)) for s in lead)
        )

    def _between(self, article: str, start: int, end: int) -> frozenset[str]:
        starts, spans = self._spans.get(article, ([], []))
        at = range(bisect_left(starts, start), bisect_left(starts, end))
        return frozenset(spans[i][2] for i in at if spans[i][1] <= end)

    def anchors(self, article: str, start: int, end: int) -> Anchors:
        """The anchors of a fact stated in the sentence at ``start:end`` of ``article``."""
        places = self._between(article, start, end)
        setting = self._setting.get(article, frozenset())
        return Anchors(places, setting, self._days(article, start, end), article)

    def _days(self, article: str, start: int, end: int) -> frozenset[date]:
        notes = self._notes.get(article)
        if notes is None:
            return frozenset()
        body = self._bodies.get(article, "")
        found = set()
        for expression in notes.dates:
            if not (start <= expression.start and expression.end <= end):
                continue
            if expression.type != "DATE" or not _EXPLICIT.search(expression.text):
                continue
            if _TAKEN_BY.search(body[max(0, expression.start - 12) : expression.start]):
                continue  # "as of July 3": when a count was taken, not when it happened
            day = _DAY_VALUE.match(expression.value)
            if day is not None:
                try:
                    found.add(date(int(day[1]), int(day[2]), int(day[3])))
                except ValueError:
                    continue
        return frozenset(found)

    def _holds(self, outer: str, inner: str, seen: frozenset[str] = frozenset()) -> bool:
        """Whether the place ``outer`` holds ``inner`` by what is known (module docstring)."""
        if _part_of(outer, inner) or (outer in _countries(inner) and outer != inner):
            return True
        for container in self._inside.get(inner, ()):
            if container not in seen and (
                _one_name(container, outer) or self._holds(outer, container, seen | {inner})
            ):
                return True
        return False

    def _most_specific(self, places: frozenset[str]) -> frozenset[str]:
        """The places no other of the set lies in ("Indonesia, Papua" -> "Papua")."""
        return frozenset(p for p in places if not any(o != p and self._holds(p, o) for o in places))

    def _where(self, anchors: Anchors) -> frozenset[str]:
        """A fact's most specific places: its sentence's, narrowed by its setting's places
        that lie in them; the setting's when the sentence names none."""
        if not anchors.places:
            return self._most_specific(anchors.setting)
        narrower = {s for s in anchors.setting if any(self._holds(p, s) for p in anchors.places)}
        return self._most_specific(anchors.places | narrower)

    def _names(self, article: str, place: str) -> bool:
        """Whether an article names a place anywhere: a place mention one with it, or its
        name in the text whatever the model read it as ("Port Selva" read as a person)."""
        key = (article, place)
        found = self._said.get(key)
        if found is None:
            found = any(_one_name(place, n) for n in self._named.get(article, ()))
            if not found:
                pattern = r"(?<!\w)" + re.escape(place) + r"(?!\w)"
                found = re.search(pattern, self._bodies.get(article, ""), re.IGNORECASE) is not None
            self._said[key] = found
        return found

    def _one_place(self, a: str, b: str, article_a: str, article_b: str) -> bool:
        if _one_name(a, b) or self._holds(a, b) or self._holds(b, a):
            return True
        return self._names(article_a, b) or self._names(article_b, a)

    def _places_apart(self, a: Anchors, b: Anchors) -> bool | None:
        """True: two places; False: one place; None: either names none."""
        mine, theirs = self._where(a), self._where(b)
        if not mine or not theirs:
            return None
        return not any(self._one_place(p, q, a.article, b.article) for p in mine for q in theirs)

    @staticmethod
    def _days_apart(a: Anchors, b: Anchors) -> bool | None:
        if not a.days or not b.days:
            return None
        return not any(abs((p - q).days) <= _NEAR_DAYS for p in a.days for q in b.days)

    def contradict(self, a: Anchors, b: Anchors) -> bool:
        """Whether two facts' anchors place them at two events (see the module docstring)."""
        return bool(self._places_apart(a, b)) or bool(self._days_apart(a, b))

    def _places_same(self, a: Anchors, b: Anchors) -> bool:
        """Whether some place of each is one place by what is known: the same name, one in
        the other. A report that merely names the other's place elsewhere (a round-up of
        other shootings) keeps two places from contradicting, never makes them one."""
        mine, theirs = self._where(a), self._where(b)
        return any(_one_name(p, q) or self._holds(p, q) or self._holds(q, p)
                   for p in mine for q in theirs)  # fmt: skip

    def agree(self, a: Anchors, b: Anchors) -> bool:
        """Whether two facts' anchors place them at one event: none contradicting, and of
        some kind both have anchors that are one (one place by what is known, or days)."""
        places, days = self._places_apart(a, b), self._days_apart(a, b)
        if places or days:
            return False
        return days is False or (places is False and self._places_same(a, b))
