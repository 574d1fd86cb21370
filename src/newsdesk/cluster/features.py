"""What the story assigner needs from one article: vector, terms, entities, time, outlet.

Terms are lower-cased content words counted with sublinear weights (1 + log tf);
entities are the cheap stand-in for named entities and numbers that keeps twin
events apart: capitalised tokens that do not open a sentence, and numbers.

Japanese, Chinese and Korean write no capitals and (ja, zh) no spaces: their terms are
character bigrams of each run of those scripts, and their entities are keys that are the
same in every script, so an English and a Japanese report of one event share them:
numbers (full-width digits read as digits, so 2026年 names the year 2026 as "2026" does),
words in Latin script, and the names of ``crossnames.txt`` (countries, capitals, people in
the news, written in each script) mapped to the English word an English report would
give (ソウル, 서울, 首尔 -> seoul).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources

import numpy as np

from newsdesk.article import Article, article_id

__all__ = [
    "CALENDAR_WORDS",
    "ArticleFeatures",
    "calendar_days",
    "crossnames_in",
    "days_of",
    "entity_terms",
    "features_batch",
    "features_for",
    "has_cjk",
    "lead_places",
    "own_title",
    "word_terms",
    "years_of",
]

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*\d|\d")
_SENTENCE_START = re.compile(r"(^|[.!?:;\"“”]\s*|\n)$")
_YEAR = re.compile(r"#(1[89]\d\d|20\d\d)")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# "March 12", "Dec. 14", "12 March", "12th of March" (not "March 3.5" or "May 2:30")
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s*\.?\s*(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*[:.]\s*\d)")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b")
MAX_TERMS = 400
# kana, CJK ideographs and Hangul: written without capitals; ja/zh without spaces
_CJK_RUN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff]+"
)
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass(slots=True)
class ArticleFeatures:
    """One article, reduced to the signals story assignment compares."""

    id: str
    vector: np.ndarray
    terms: dict[str, float]
    entities: dict[str, float]
    published: datetime | None = None
    outlet: str | None = None
    title: str | None = None
    lead: str = ""
    language: str | None = None
    extras: dict[str, object] = field(default_factory=dict)
    # whether ``published`` is a publication date; False when it is only the fetch time
    # (a file of old reports ingested today): fine for the window, no evidence of when
    # the event happened
    dated: bool = True


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = resources.files("newsdesk.cluster").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(text.split())


def _sublinear(counts: Counter[str]) -> dict[str, float]:
    top = counts.most_common(MAX_TERMS)
    return {term: 1.0 + math.log(n) for term, n in top}


@lru_cache(maxsize=1)
def _crossnames() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern over every non-Latin name of ``crossnames.txt`` (longest first) and
    the English keys each stands for."""
    keys: dict[str, tuple[str, ...]] = {}
    data = resources.files("newsdesk.cluster").joinpath("crossnames.txt").read_text("utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, _, written = line.partition("\t")
        for name in written.split("|"):
            if name.strip():
                keys[name.strip()] = tuple(english.lower().split())
    pattern = "|".join(re.escape(n) for n in sorted(keys, key=lambda n: (-len(n), n)))
    return re.compile(pattern or r"(?!)"), keys


def crossnames_in(text: str) -> list[str]:
    """The English names (as ``crossnames.txt`` writes them, lower case) of the names in
    ``text``, in text order, once each: a name in any script (유엔, 北约) or the English
    name itself in Latin letters ("Narendra Modi", "Kim Jong-un", "NATO軍"), each read whole:
    유엔 is "united nations", never its words apart (a word of it is also one of "united
    states"), and a bare "Kim" is nobody's."""
    pattern, _ = _crossnames()
    english, latin = _crossname_english()
    text = unicodedata.normalize("NFKC", text)
    found = [(m.start(), english[m.group()]) for m in pattern.finditer(text)]
    folded = re.sub(r"[-‐‑]", " ", text.casefold())
    found += [(m.start(), m.group()) for m in latin.finditer(folded)]
    return list(dict.fromkeys(name for _, name in sorted(found)))


@lru_cache(maxsize=1)
def _crossname_english() -> tuple[dict[str, str], re.Pattern[str]]:
    """Each non-Latin name of ``crossnames.txt`` -> its English name, and one pattern over
    the English names as words (longest first)."""
    names: dict[str, str] = {}
    data = resources.files("newsdesk.cluster").joinpath("crossnames.txt").read_text("utf-8")
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            english, _, written = line.partition("\t")
            for name in written.split("|"):
                if name.strip():
                    names[name.strip()] = english.strip().lower()
    ordered = sorted(set(names.values()), key=lambda n: (-len(n), n))
    words = "|".join(re.escape(n) for n in ordered)
    # bounded by what is not a Latin letter: NATO軍, 총리 Modi는
    latin = rf"(?<![a-zß-ÿ])(?:{words})(?![a-zß-ÿ])" if words else r"(?!)"
    return names, re.compile(latin)


def has_cjk(text: str) -> bool:
    """Whether the text has any kana, CJK ideograph or Hangul."""
    return _CJK_RUN.search(text) is not None


def _cjk_word_counts(text: str, counts: Counter[str]) -> None:
    """Bigrams of each kana/ideograph/Hangul run (a one-character run counts whole)."""
    for match in _CJK_RUN.finditer(text):
        run = match.group()
        if len(run) == 1:
            counts[run] += 1
        for i in range(len(run) - 1):
            counts[run[i : i + 2]] += 1


def word_terms(text: str) -> dict[str, float]:
    """Content words, lower-cased, stop words and one-letter tokens left out; bigrams of
    Japanese, Chinese and Korean script."""
    stop = _stopwords()
    counts: Counter[str] = Counter()
    cjk = has_cjk(text)
    for match in _TOKEN.finditer(text):
        word = match.group().lower().strip("'’-")
        if cjk and has_cjk(word):
            continue
        if len(word) > 1 and word not in stop and not word[0].isdigit():
            counts[word] += 1
    if cjk:
        _cjk_word_counts(text, counts)
    return _sublinear(counts)


def _cjk_entity_terms(text: str) -> dict[str, float]:
    """Keys a report in any script shares: numbers, Latin words, names of crossnames.txt."""
    text = unicodedata.normalize("NFKC", text)
    stop = _stopwords()
    counts: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        counts["#" + match.group().replace(",", "")] += 1
    for match in _LATIN_WORD.finditer(text):
        word = match.group().lower().strip("'’-")
        if len(word) > 1 and word not in stop:
            counts[word] += 1
    pattern, keys = _crossnames()
    for match in pattern.finditer(text):
        for key in keys[match.group()]:
            counts[key] += 1
    return _sublinear(counts)


def entity_terms(text: str) -> dict[str, float]:
    """Capitalised words that do not open a sentence, and numbers (years, tolls, scores);
    for Japanese, Chinese and Korean text, keys shared across scripts."""
    if has_cjk(text[:2000]):
        return _cjk_entity_terms(text)
    stop = _stopwords()
    counts: Counter[str] = Counter()
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit():
            counts["#" + token.replace(",", "")] += 1
            continue
        if not token[0].isupper() or (token.isupper() and len(token) > 5):
            continue
        before = text[max(0, match.start() - 3) : match.start()]
        lowered = token.lower().strip("'’-")
        if _SENTENCE_START.search(before) or lowered in stop or len(lowered) < 2:
            continue
        counts[lowered] += 1
    counts.update(calendar_days(text))
    return _sublinear(counts)


def calendar_days(text: str) -> set[str]:
    """The days of the year a text names ("March 12", "12 March"), as keys "@03-12".

    A day named in two reports of a kind of event is strong evidence that they tell one
    event: in ECB+ (odd topics), 492 same-event document pairs share one against 1
    pair of twin events. Naming different days says little (464 same-event pairs
    differ: publication stamps, follow-up days), so only a shared day counts.
    """
    days = set()
    for pattern, month_at, day_at in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        for match in pattern.finditer(text):
            day = int(match.group(day_at))
            if 1 <= day <= 31:
                month = _MONTHS.index(match.group(month_at)[:3].lower()) + 1
                days.add(f"@{month:02d}-{day:02d}")
    return days


def days_of(entities: dict[str, float]) -> frozenset[str]:
    """The calendar-day keys among an article's entities (see :func:`calendar_days`)."""
    return frozenset(term for term in entities if term.startswith("@"))


def years_of(entities: dict[str, float]) -> tuple[str, ...]:
    """The years an article names (1800-2099), sorted: taken from its entity numbers.

    Two reports of one event name the same year(s); twin events a year or more apart
    do not, which the story score uses (see ``ClusterConfig.w_years``).
    """
    return tuple(sorted(term[1:] for term in entities if _YEAR.fullmatch(term)))


# days, months and relative days: words that say when, never who or where (story terms, and
# what a disagreement's sentences name besides their fact)
CALENDAR_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "today",
        "yesterday",
        "tomorrow",
    ]
)


# "in Leeds", "in Broadmead, Bristol", "in the centre of Leeds": the where of a lead ("at",
# "near" are left out: "at Hartley's", "near the Kestrel site" name a company's site as
# often as a place, and a company both twin events share would hide the conflict)
_PLACE = re.compile(
    r"\b(?:in|outside)\s+(the\s+)?"
    r"((?:centre|center|heart|outskirts|north|south|east|west|city|town|province|state)"
    r"\s+of\s+)?"
    r"((?:[A-Z][\w'’.-]*[\w])(?:(?:\s+|,\s*)[A-Z][\w'’.-]*[\w]){0,3})"
)
# "in the Dutch embassy", "in the Israeli parliament": after "the", capitals that go on
# into a lower-case noun name a thing (an embassy, a parliament), not where it happened
_MODIFIER = re.compile(r"\s+[a-z]")
# a named region of a kind ("Indonesia's Aceh province", "the province of Papua", "Orange
# county"): the where of a lead with no "in" ("a quake struck Aceh province"); the kind word
# in lower case, so a title's capitalised words ("Quake Hits Province") are not read as one
_KIND = r"(?:province|state|county|prefecture|region|district)"
_NAME_WORDS = r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
_KIND_PLACES = (
    re.compile(r"\b" + _NAME_WORDS + r"\s+" + _KIND + r"\b"),
    re.compile(r"\b" + _KIND + r"\s+of\s+" + _NAME_WORDS),
)


def lead_places(lead: str) -> frozenset[str]:
    """The places a lead says the event happened in: the capitalised words after "in" or
    "outside", and the names of a region of a kind ("Aceh province", "the province of
    Papua", with or without "in") (lower-cased, one key per word; weekdays and months
    left out).

    Twin events of one kind often share everything but the where (two fires at two
    branches of one chain): a place each side names and the other never mentions is
    evidence against a join (``ClusterConfig.w_place``)."""
    stop = _stopwords()
    found = set()
    for match in _PLACE.finditer(lead):
        if match.group(1) and not match.group(2) and _MODIFIER.match(lead, match.end()):
            continue
        for word in re.split(r"[\s,]+", match.group(3)):
            key = word.lower().strip("'’.-")
            if len(key) > 1 and key not in CALENDAR_WORDS and key not in stop:
                found.add(key)
    for pattern in _KIND_PLACES:
        for match in pattern.finditer(lead):
            for word in match.group(1).split():
                key = word.lower()
                if key not in CALENDAR_WORDS and key not in stop:
                    found.add(key)
    return frozenset(found)


def article_language(language: str | None, lead: str) -> str | None:
    """The article's language; a lead in Japanese, Chinese or Korean script is never read
    as English where no language was detected ("cjk": its exact language matters not here)."""
    if language:
        return language
    sample = lead[:400]
    cjk = sum(len(m.group()) for m in _CJK_RUN.finditer(sample))
    return "cjk" if cjk * 3 > len(sample.replace(" ", "")) else None


def _stamps(article: Article) -> str:
    """The page stamps the cleaner took out ("Sunday, March 11, 2012 3:42pm"): furniture to a
    reader, but the years and days they name still say when the report was written."""
    return "\n".join(r.text for r in article.removed if r.reason in ("timestamp", "info_bar"))


def own_title(article: Article) -> str | None:
    """The article's title as evidence of its event: None when the cleaner cut it from
    the lead (a record without a title, ``extras["title_source"] == "lead"``, or its shape:
    "First words of the lead…" that the body opens with). Such a title is the first
    sentence again: read as a headline it counted the lead twice in the words, names and
    the embedded title + lead (and pushed the rest of the lead out of the embedding)."""
    title = article.title
    if not title:
        return None
    if article.extras.get("title_source") == "lead":
        return None
    stem = title[:-1].rstrip() if title.endswith("…") else None
    if stem and stem in article.body[: len(title) + 200]:
        return None
    return title


def features_for(article: Article, vector: np.ndarray, *, lead: str = "") -> ArticleFeatures:
    """Features of one cleaned article, given its title-and-lead embedding."""
    text = article.body
    title = own_title(article)
    full = f"{title}\n{text}" if title else text
    stamps = _stamps(article)
    return ArticleFeatures(
        id=article.id or article_id(article),
        vector=np.asarray(vector, dtype=np.float32),
        terms=word_terms(full),
        entities=entity_terms(f"{full}\n{stamps}" if stamps else full),
        published=article.published or article.fetched,
        outlet=article.outlet,
        title=article.title,
        lead=lead,
        language=article_language(article.language, lead or full),
        dated=article.published is not None,
    )


def features_batch(
    articles: Sequence[Article], *, threads: int | None = None, english_model: bool = True
) -> list[ArticleFeatures]:
    """Features for many articles, embedding their title and lead in one batch."""
    from newsdesk.cluster.embed import article_vectors, lead_text

    leads = [lead_text(own_title(a), a.body) for a in articles]
    languages = [
        article_language(a.language, lead) for a, lead in zip(articles, leads, strict=True)
    ]
    vectors = article_vectors(leads, languages, english_model=english_model, threads=threads)
    return [
        features_for(a, v, lead=lead) for a, v, lead in zip(articles, vectors, leads, strict=True)
    ]
