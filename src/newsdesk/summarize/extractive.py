"""The story summary: sentences taken from the member articles, each citing its supporters.

How a summary is made (no generative model):

1. Every usable member article is split into sentences (:mod:`.support`); candidates are the
   first ``SummaryConfig.lead_sentences`` sentences of each *original* (copies repeat their
   original; a truncated article loses its cut-off last sentence), of 8–45 words, not a
   question, not page furniture: a photo caption or credit ("in this photo provided by…",
   "Photo: …", "AP Photo") or a page stamp ("Updated: May 24, 2005, 3:23 PM ET") never
   enters, however many outlets carry it (patterns in ``data/furniture.json``).
2. Each candidate is scored by its newsworthiness: how many outlet reports (an article, its
   copies and its outlet's other articles count once) support it — measured support, see
   :class:`~newsdesk.summarize.support.SupportConfig` — plus its centrality (the mean share
   of its content the other reports' articles hold, ``centrality_weight``), plus a bonus
   for sitting near the top of its article (the lead); sentences that open with a quotation
   mark or a pronoun are marked down (they read badly out of context).
3. Greedy selection: best first, skipping a candidate that shares more than
   ``redundancy`` of its content words with a sentence already taken (the same fact from
   another outlet), until ``target_words`` are reached, never past ``max_words``. A
   sentence whose subject is a pronoun for what the sentence before it named ("She has
   said …", "That's the deadline …") stays only with that sentence; alone, its place goes
   to the next candidate.
4. The chosen sentences are put in story chronology: the date the sentence itself names
   (from the article's annotations) or else the first publication among its supporters,
   then their place in the article; one report's sentences keep its writer's order (a
   later sentence naming an earlier day follows the lead it depends on).

Each sentence cites every member article that supports it — copies too, when the copy
itself holds the content (a truncated copy that lost the paragraph is not cited).

A story told in several languages is summarised from its English articles' sentences, and
each sentence also cites the articles in other languages that support it
(:mod:`.crosslingual`); a story with no English member is summarised from all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np

from newsdesk.article import Annotations, Article
from newsdesk.cluster.features import has_cjk
from newsdesk.summarize.compare import strip_dateline
from newsdesk.summarize.furniture import furniture
from newsdesk.summarize.reading import SummarySentence
from newsdesk.summarize.support import ArticleText, StoryIndex, SupportConfig
from newsdesk.summarize.text import (
    Sentence,
    bare_quotation,
    broken_line,
    closes_quotation,
    deck_line,
    headline_key,
    headline_line,
    inside_quotation,
    open_quotation,
    outlet_voice,
    printed_title,
    transcript_line,
    word_count,
)
from newsdesk.timex import first_day, point

__all__ = ["SummaryConfig", "SummarySentence", "summarize_story"]

_WEAK_OPENERS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "but",
        "and",
        "so",
        "also",
        "then",
        "there",
    ]
)
# a pronoun, or a demonstrative standing alone as the subject, for someone or something the
# sentence before named ("She has said that …", "That's the deadline for …", "So says …"
# after a quotation, "“…,” she said."); a quotation's own pronouns are its speaker's, and
# "This year's …" or "It is clear that …" name nothing before
_ANAPHOR = re.compile(
    r"^(?:(?:He|She|They|His|Her|Their)\b"
    r"|(?:That|This|These|Those)(?:[’']s\b| (?:is|was|are|were|would|will|has|had)\b)"
    r"|So (?:says|said)\b"
    r"|[“\"].*?[”\"],?\s+(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes"
    r"|asked|asks|responded|responds|replied|replies|explained|explains|continued|noted"
    r"|insisted|insists|argued|argues|recalled|recalls)\b)"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a day, with its part of day or time if given
_MARKUP = re.compile(r"<[a-z][\w:-]*\s+[\w:-]+=")  # a tag with an attribute


@dataclass(slots=True, frozen=True)
class SummaryConfig:
    """Knobs of the extractive summary (see the module docstring)."""

    target_words: int = 110
    max_words: int = 150
    lead_sentences: int = 15
    min_words: int = 8
    max_sentence_words: int = 45
    redundancy: float = 0.5
    position_weight: float = 1.0
    support_weight: float = 3.0
    centrality_weight: float = 1.0  # mean share of the sentence other reports hold
    quote_penalty: float = 0.6
    opener_penalty: float = 0.6
    support: SupportConfig = field(default_factory=SupportConfig)


@dataclass(slots=True)
class _Candidate:
    doc: int
    sentence: Sentence
    supporters: list[int]
    score: float


def _eligible(sentence: Sentence, config: SummaryConfig) -> bool:
    words = word_count(sentence.text)
    text = sentence.text
    if closes_quotation(text):
        return False  # the tail of a quote split over sentences
    if _MARKUP.search(text):
        return False  # a tag left in the text ('<tweet tweet-author="…'), no sentence
    if open_quotation(text):
        return False  # the head of a quote that goes on in the next sentence
    if furniture(text) or bare_quotation(text):
        return False
    return (
        config.min_words <= words <= config.max_sentence_words
        and not text.rstrip("”\"’'」』 ").endswith(("?", "？"))
        and text[-1:] in ".!”\"’'。！」』"
        and len(sentence.words) >= 4
    )


# the same in Chinese, Japanese and Korean, whose quotations come after the speaker and
# the cue (他说：“…”, 彼は「…」と述べた) and whose pronouns open the sentence unspaced
_CJK_WEAK = re.compile(
    r"(?:他们|她们|他|她|它|这|那|但|而|彼ら|彼女|彼は|그녀는|그는|그들은|이는|그러나|하지만)"
)
_CJK_QUOTATION = re.compile(r"[“「『][^”」』]+[”」』]")


def _mostly_quoted(text: str) -> bool:
    """A Chinese, Japanese or Korean sentence that is mostly a quotation (他说：“…”。,
    「…」と述べた。): the speaker's words, not the report's, as one opening with a
    quotation mark is in English (an English sentence is left as it was scored)."""
    if not has_cjk(text[:8]):
        return False
    inside = sum(len(m.group()) for m in _CJK_QUOTATION.finditer(text))
    return inside * 2 > len(text)


def _score(sentence: Sentence, groups: int, total_groups: int, config: SummaryConfig) -> float:
    score = config.support_weight * groups / max(total_groups, 1)
    score += config.position_weight / (1.0 + 0.35 * sentence.index)
    first = sentence.text.split()[0].strip("“\"‘'(").casefold() if sentence.text.split() else ""
    if sentence.text[:1] in "“\"‘'" or _mostly_quoted(sentence.text):
        score *= config.quote_penalty
    elif first in _WEAK_OPENERS or _CJK_WEAK.match(sentence.text):
        score *= config.opener_penalty
    if outlet_voice(sentence.text):
        score *= config.opener_penalty  # "we're looking at…": the outlet talking, not news
    return score


def _lead(text: ArticleText, config: SummaryConfig, headline: str | None = None) -> list[Sentence]:
    """The sentences of an original that may enter the summary (see the module docstring)."""
    if text.article.extras.get("copy_of"):
        return []
    sentences = text.sentences[: config.lead_sentences]
    if "truncated_start" in text.article.flags:
        sentences = sentences[1:]
    if "truncated_end" in text.article.flags and len(sentences) == len(text.sentences):
        sentences = sentences[:-1]
    shown = headline_key(headline) if headline else None  # printed above the summary
    return [s for s in sentences if _eligible(s, config) and _news_line(text, s, shown)]


def _news_line(text: ArticleText, sentence: Sentence, shown: str | None) -> bool:
    """Whether ``sentence`` is the original's own telling: not the headline ``shown`` above
    the summary (also under a label or dateline the summary strips, "EXCLUSIVE – …") nor
    the member's own printed as its first line, not the deck under it, not the inside of a
    quotation, a transcript's line or the rest of a sentence a line break cut."""
    body = text.article.body
    title = printed_title(text.article.title, text.article.extras)
    return (
        shown not in (headline_key(sentence.text), headline_key(strip_dateline(sentence.text)))
        and not headline_line(title, body, sentence)
        and not inside_quotation(body, sentence)
        and not deck_line(body, sentence, title)
        and not transcript_line(body, sentence)
        and not broken_line(sentence.text)
    )


def _candidates(
    index: StoryIndex,
    config: SummaryConfig,
    headline: str | None = None,
    annotations: dict[str, Annotations] | None = None,
) -> list[_Candidate]:
    total = len({t.group for t in index.texts})
    latest = max((t.article.published.date() for t in index.texts if t.article.published),
                 default=None)  # fmt: skip
    notes = annotations or {}
    asked = [
        (d, s)
        for d, text in enumerate(index.texts)
        for s in _lead(text, config, headline)
        if not _overtaken(text.article, s, notes.get(text.id), latest)
    ]
    covered = index.coverage([s.words for _, s in asked])
    group_of = np.asarray(index.groups)
    found: list[_Candidate] = []
    for (d, sentence), row in zip(asked, covered, strict=True):
        supporters = sorted({d, *np.flatnonzero(row >= index.config.coverage).tolist()})
        groups = len({index.texts[s].group for s in supporters})
        elsewhere = group_of != group_of[d]
        central = float(row[elsewhere].mean()) if elsewhere.any() else 0.0
        score = _score(sentence, groups, total, config) + config.centrality_weight * central
        found.append(_Candidate(d, sentence, supporters, score))
    found.sort(key=lambda c: (-c.score, c.doc, c.sentence.index))
    return found


def _overtaken(
    article: Article, sentence: Sentence, notes: Annotations | None, latest: date | None
) -> bool:
    """A preview the story has overtaken: the sentence looks ahead from its report's day to
    a day before the story's latest report ("On Thursday night, Clinton will deliver her
    acceptance speech", told on Thursday, in a story a Friday report joined), which by then
    has come; told as still to come it would mislead, and the later reports tell what
    happened."""
    if notes is None or latest is None or article.published is None:
        return False
    told = article.published.date()
    end = sentence.start + len(sentence.text)
    for expression in notes.dates:
        if not sentence.start <= expression.start < end or expression.frame != "future":
            continue
        value = point(expression)
        day = first_day(value) if _DAY.match(value) else None  # a day, not a week or month
        if day is not None and told <= day < latest:
            return True
    return False


def _redundant(words: frozenset[str], taken: list[_Candidate], limit: float) -> bool:
    for other in taken:
        shared = len(words & other.sentence.words)
        if shared / len(words) > limit or shared / max(len(other.sentence.words), 1) > limit:
            return True
    return False


def _select(candidates: list[_Candidate], config: SummaryConfig) -> list[_Candidate]:
    """The greedy choice, less any sentence that leans on the one before it in its report
    when that one is not chosen: out of its context "She has said …" names nobody and
    "That's the deadline …" no deadline, so its place goes to the next candidate."""
    while True:
        taken = _greedy(candidates, config)
        told = {(c.doc, c.sentence.index) for c in taken}
        cut_off = [
            c
            for c in taken
            if _ANAPHOR.match(c.sentence.text) and (c.doc, c.sentence.index - 1) not in told
        ]
        if not cut_off:
            return taken
        out = {id(c) for c in cut_off}
        candidates = [c for c in candidates if id(c) not in out]


def _greedy(candidates: list[_Candidate], config: SummaryConfig) -> list[_Candidate]:
    taken: list[_Candidate] = []
    words = 0
    for candidate in candidates:
        if words >= config.target_words:
            break
        length = word_count(candidate.sentence.text)
        if taken and words + length > config.max_words:
            continue
        if _redundant(candidate.sentence.words, taken, config.redundancy):
            continue
        taken.append(candidate)
        words += length
    return taken


def _fallback(
    index: StoryIndex, config: SummaryConfig, headline: str | None = None
) -> list[_Candidate]:
    """When no sentence is eligible (a short report told in a few long sentences, or one
    with no full stop), the first sentence of the first original that reads as one, and
    failing that (a transcript: every sentence inside the quotation) its first line at all:
    a story in the brief is never shown without a word of what happened."""
    shown = headline_key(headline) if headline else None
    for told in (True, False):
        for d, text in enumerate(index.texts):
            if text.article.extras.get("copy_of"):
                continue
            for sentence in text.sentences[: config.lead_sentences]:
                if word_count(sentence.text) < config.min_words or furniture(sentence.text):
                    continue
                if not told or _news_line(text, sentence, shown):
                    return [_Candidate(d, sentence, [d], 0.0)]
    return []


def _named_day(article: Article, sentence: Sentence, notes: Annotations | None) -> str | None:
    """A day-precision date the sentence itself names, no later than its publication."""
    if notes is None:
        return None
    end = sentence.start + len(sentence.text)
    published = article.published.date().isoformat() if article.published else "9999"
    for expression in notes.dates:
        value = point(expression) or ""  # "a day after Jan. 5" (P1D): the day it lands on
        calendar_day = len(value) == 10 and value[:4].isdigit() and value[4] == "-"
        if sentence.start <= expression.start < end and calendar_day and value <= published:
            return value
    return None


def _chronology(
    candidate: _Candidate, index: StoryIndex, notes: dict[str, Annotations]
) -> tuple[str, datetime, int, int]:
    source = index.texts[candidate.doc].article
    times: list[datetime] = []
    for s in candidate.supporters:
        when = index.texts[s].article.published
        if when is not None:
            times.append(when if when.tzinfo else when.replace(tzinfo=UTC))
    first = min(times, default=_EPOCH)
    day = _named_day(source, candidate.sentence, notes.get(source.id or ""))
    return (day or first.date().isoformat(), first, candidate.sentence.index, candidate.doc)


def _in_story_order(
    chosen: list[_Candidate], index: StoryIndex, notes: dict[str, Annotations]
) -> list[_Candidate]:
    """The chosen sentences in story chronology, each report's own sentences still in the
    order its writer told them: a later sentence that names an earlier day ("However, a
    Journal article published Friday found …") is told after its report's lead, never
    ahead of it, where it would open the summary cut off from what it answers."""
    keys = {id(c): _chronology(c, index, notes) for c in chosen}
    latest: dict[int, tuple[str, datetime, int, int]] = {}
    for c in sorted(chosen, key=lambda c: (c.doc, c.sentence.index)):
        before = latest.get(c.doc)
        if before is not None and keys[id(c)] < before:
            keys[id(c)] = (*before[:2], c.sentence.index, c.doc)
        latest[c.doc] = keys[id(c)]
    return sorted(chosen, key=lambda c: keys[id(c)])


def summarize_story(
    members: Sequence[Article],
    annotations: dict[str, Annotations],
    *,
    config: SummaryConfig | None = None,
    index: StoryIndex | None = None,
    headline: str | None = None,
) -> list[SummarySentence]:
    """The extractive, cited summary of one story (see the module docstring). ``headline``:
    the one shown above it (the brief's), which no summary sentence repeats (a headline
    printed as the text's first line with a full stop: "Flynn says Trump 'absolutely
    right'.")."""
    from newsdesk.summarize.crosslingual import cite_across, english_members

    config = config or SummaryConfig()
    english, others = english_members(members)
    if english and others:
        index = StoryIndex.build(english, config.support)
    index = index or StoryIndex.build(members, config.support)
    chosen = _select(_candidates(index, config, headline, annotations), config) or _fallback(
        index, config, headline
    )
    chosen = _in_story_order(chosen, index, annotations)
    summary = [
        SummarySentence(
            text=strip_dateline(" ".join(c.sentence.text.split())),
            sources=[index.texts[s].id for s in c.supporters],
        )
        for c in chosen
    ]
    if english and others:
        cite_across(summary, others)
    return summary
