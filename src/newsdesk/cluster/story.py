"""One story: the running sums its members add up to, and the fields a reader sees."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from newsdesk.cluster.embed import ENGLISH_DIM
from newsdesk.cluster.features import ArticleFeatures, lead_places, years_of

__all__ = ["Story", "naive_utc"]

MAX_TITLES = 8  # headline candidates kept per story (with their vectors)
TITLE_WORDS = 14  # a title made from the lead stops after this many words
MAX_YEAR_SETS = 64  # distinct member year sets kept per story (the most frequent)


def naive_utc(moment: datetime | None) -> datetime | None:
    """Aware datetimes to naive UTC, so every comparison in the story state is safe."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.replace(tzinfo=None) - (moment.utcoffset() or timedelta())


def _add_weights(into: dict[str, float], weights: dict[str, float]) -> None:
    for term, weight in weights.items():
        into[term] = into.get(term, 0.0) + weight


def _subtract(into: dict[str, float], weights: dict[str, float]) -> None:
    for term, weight in weights.items():
        left = into.get(term)
        if left is None:
            continue
        left -= weight
        if left > 1e-9:
            into[term] = left
        else:
            del into[term]


def _unit_halves(vector: np.ndarray) -> np.ndarray:
    out = np.array(vector, dtype=np.float32, copy=True)
    for part in (out[:ENGLISH_DIM], out[ENGLISH_DIM:]):
        norm = float(np.linalg.norm(part))
        if norm:
            part /= norm
    return out


@dataclass(slots=True)
class Story:
    """A group of articles about one event, from any number of outlets."""

    id: str
    key: int
    vector_sum: np.ndarray
    terms: dict[str, float]
    entities: dict[str, float]
    members: list[str]
    outlets: Counter[str] = field(default_factory=Counter)
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    titles: list[tuple[str, np.ndarray]] = field(default_factory=list)
    lead: str = ""
    # idf-weighted norms of terms/entities, cached with the document count they were taken at
    norms: dict[str, tuple[int, float]] = field(default_factory=dict)
    # how many members named each set of years (members naming none are not counted)
    years: Counter[tuple[str, ...]] = field(default_factory=Counter)
    # members per language (one with none detected counts as English, as the embedder reads it)
    languages: Counter[str] = field(default_factory=Counter)
    # members with a publication date (not only a fetch time)
    dated: int = 0
    # how many members' leads place the event in each place (features.lead_places)
    places: Counter[str] = field(default_factory=Counter)

    @classmethod
    def start(cls, story_id: str, key: int, features: ArticleFeatures) -> Story:
        story = cls(
            id=story_id,
            key=key,
            vector_sum=np.zeros_like(features.vector, dtype=np.float32),
            terms={},
            entities={},
            members=[],
            lead=features.lead,
        )
        story.add(features)
        return story

    def add(self, features: ArticleFeatures) -> None:
        self.norms.clear()
        self.vector_sum += features.vector
        _add_weights(self.terms, features.terms)
        _add_weights(self.entities, features.entities)
        self.members.append(features.id)
        self.languages[features.language or "en"] += 1
        self.dated += bool(features.dated and features.published)
        self._count_years(Counter({years_of(features.entities): 1}))
        self.places.update(lead_places(features.lead))
        if features.outlet:
            self.outlets[features.outlet] += 1
        self._see(naive_utc(features.published))
        if features.title and len(self.titles) < MAX_TITLES:
            self.titles.append((features.title, features.vector))

    def remove(self, features: ArticleFeatures) -> None:
        """The reverse of :meth:`add` for the sums the score reads (vector, words, names,
        languages, years, places, outlets); the title list, lead and span stay as they were
        (:mod:`newsdesk.cluster.refine` rebuilds them)."""
        self.norms.clear()
        self.vector_sum -= features.vector
        _subtract(self.terms, features.terms)
        _subtract(self.entities, features.entities)
        self.members.remove(features.id)
        language = features.language or "en"
        self.languages[language] -= 1
        if self.languages[language] <= 0:
            del self.languages[language]
        self.dated -= bool(features.dated and features.published)
        years = years_of(features.entities)
        if years and self.years.get(years, 0) > 0:
            self.years[years] -= 1
            if self.years[years] <= 0:
                del self.years[years]
        self.places.subtract(lead_places(features.lead))
        self.places = +self.places
        if features.outlet and self.outlets.get(features.outlet, 0) > 0:
            self.outlets[features.outlet] -= 1
            self.outlets = +self.outlets

    def absorb(self, other: Story) -> None:
        """Take in every member of ``other`` (a merge)."""
        self.norms.clear()
        self.vector_sum += other.vector_sum
        _add_weights(self.terms, other.terms)
        _add_weights(self.entities, other.entities)
        self.members.extend(other.members)
        self.languages.update(other.languages)
        self.dated += other.dated
        self._count_years(other.years)
        self.places.update(other.places)
        self.outlets.update(other.outlets)
        self._see(other.first_seen)
        self._see(other.last_seen)
        self.titles.extend(other.titles[: max(0, MAX_TITLES - len(self.titles))])
        self.lead = self.lead or other.lead

    def _count_years(self, years: Counter[tuple[str, ...]]) -> None:
        self.years.update({sig: n for sig, n in years.items() if sig})
        if len(self.years) > MAX_YEAR_SETS:
            self.years = Counter(dict(self.years.most_common(MAX_YEAR_SETS)))

    def place_conflict(self, places: frozenset[str], entities: dict[str, float]) -> bool:
        """Whether an article's lead places the event where no member mentions, while
        the members' leads place it where the article never mentions (Leeds against
        Bristol). No evidence when either side names no place."""
        if not places or not self.places or not places.isdisjoint(self.places):
            return False
        if any(place in self.entities for place in places):
            return False
        return not any(place in entities for place in self.places)

    def year_agreement(self, years: tuple[str, ...]) -> float:
        """Mean over members of how far their years agree with the article's, +1 to -1.

        A report's latest year is mostly the year it was written; the earlier ones are
        background ("the tsunami of 2004"), which twin events share as often as one event's
        reports do. So per member: +1 when its latest year is the article's latest year;
        +0.5 when they have a year in common but not the latest; 0 when they have none in
        common but their latest years are one apart (a report from early January names
        only the year before); -1 otherwise. Measured on pairs of ECB+ documents of one
        topic (odd topics): same latest year, 903 same-event pairs against 23 twin-event
        pairs; a year in common but not the latest, 160 against 119; no year in common,
        latest one apart, 67 against 13; further apart, 143 against 772.

        0 when the article names no year; members naming none count as 0.
        """
        if not years or not self.years or not self.members:
            return 0.0
        wanted = set(years)
        latest = int(max(years))
        total = 0.0
        for sig, n in self.years.items():
            theirs = int(max(sig))
            if theirs == latest:
                total += n
            elif wanted.intersection(sig):
                total += 0.5 * n
            elif abs(theirs - latest) > 1:
                total -= n
        return total / len(self.members)

    def _see(self, moment: datetime | None) -> None:
        if moment is None:
            return
        if self.first_seen is None or moment < self.first_seen:
            self.first_seen = moment
        if self.last_seen is None or moment > self.last_seen:
            self.last_seen = moment

    def centroid(self) -> np.ndarray:
        """The mean direction of each model's half (cluster.embed), each of unit length."""
        return _unit_halves(self.vector_sum)

    def english_centroid(self) -> np.ndarray | None:
        """The MiniLM half of the centroid; None when no member has one (no English)."""
        part = self.vector_sum[:ENGLISH_DIM]
        norm = float(np.linalg.norm(part))
        return part / norm if norm else None

    def distance(self, moment: datetime | None) -> timedelta | None:
        """How far ``moment`` lies outside [first seen, last seen]; None if either is unknown."""
        moment = naive_utc(moment)
        if moment is None or self.first_seen is None or self.last_seen is None:
            return None
        if moment < self.first_seen:
            return self.first_seen - moment
        if moment > self.last_seen:
            return moment - self.last_seen
        return timedelta()

    @property
    def title(self) -> str:
        """The member headline closest to the centroid, else a short extract of the lead.

        Never debris (newsdesk.clean.titles): a member title that is page furniture is
        passed over; in a story English reports tell (the brief summarises it in English)
        a headline in Latin script beats one in Hangul, kana or Chinese characters; a whole
        headline beats one cut from a lead ("…"), and one that tells the news beats a teaser
        (newsdesk.clean.teasers: "Trump Just Revealed Who He Would Pick – It Might Surprise
        You").
        """
        from newsdesk.clean.lines import is_cjk
        from newsdesk.clean.teasers import teaser_marks
        from newsdesk.clean.titles import lead_title, title_debris

        real = [tv for tv in self.titles if title_debris(tv[0]) is None]
        if real:
            centroid = self.centroid()
            english = self.languages.get("en", 0) > 0
            best = max(
                real,
                key=lambda tv: (
                    not (english and is_cjk(tv[0])),
                    not tv[0].endswith("…"),
                    -len(teaser_marks(tv[0])),
                    float(tv[1] @ centroid),
                    tv[0],
                ),
            )
            return best[0]
        extract = lead_title(self.lead)
        if extract:
            return extract
        words = self.lead.split()
        return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")

    @property
    def article_count(self) -> int:
        return len(self.members)

    @property
    def outlet_count(self) -> int:
        return len(self.outlets)
