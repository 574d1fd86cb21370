"""A story told in several languages, read in English without translating anything.

The summary of a story that has English members is built from their sentences alone
(:mod:`.extractive` over the English articles); this module then

- cites, for each summary sentence, every article in another language that supports it:
  one of its sentences lies close in the multilingual embedding (USE v3, the space story
  assignment uses; :mod:`newsdesk.cluster.embed`) and gives every number the English
  sentence gives; where the English sentence gives no number, a shared name (keyed the same
  in every script: Latin words, the names of cluster/crossnames.txt) or a closer embedding
  is asked for too;
- finds what only the other-language outlets report ("only in"): their lead sentences that
  no English sentence comes close to and that carry a fact (a number or a name), shown in
  the original with the names and dates it gives in English (the English names of the
  keys; the dates the annotator read, ISO 8601).

No machine translation: the original sentence is shown as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsdesk.article import Annotations, Article
from newsdesk.summarize.reading import FactGloss, SingleSourceFacts, SummarySentence
from newsdesk.summarize.text import content_words, numbers_in
from newsdesk.timex import point

__all__ = [
    "CrossConfig",
    "cite_across",
    "english_gloss",
    "english_members",
    "is_english",
    "only_in_across",
    "split_any",
]

_END = re.compile(r"(?<=[。！？!?])\s*|(?<=\.)\s+|\n+")
_ACRONYMS = frozenset({"nato"})
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")


@dataclass(slots=True, frozen=True)
class CrossConfig:
    """Thresholds of cross-language support and of "only in" (module docstring)."""

    support: float = 0.5  # USE cosine of a supporting sentence with the numbers or a name
    close: float = 0.65  # USE cosine that supports with neither (the sentence gives none)
    only_below: float = 0.45  # a sentence no English sentence comes this close to is new
    lead_sentences: int = 12  # sentences read per article
    max_sentence_chars: int = 400
    shortlist: int = 3  # "only in" facts the brief shows


def is_english(article: Article) -> bool:
    """English, or no language detected (read as English, as before languages existed)."""
    return article.language in (None, "en")


def english_members(members: Sequence[Article]) -> tuple[list[Article], list[Article]]:
    """(English members, members in other languages); both non-empty for a story told
    in several languages."""
    english = [a for a in members if is_english(a)]
    return english, [a for a in members if not is_english(a)]


@dataclass(slots=True)
class _Sentence:
    article: int  # index into the articles asked about
    text: str
    start: int
    numbers: frozenset[str]
    keys: frozenset[str]


def split_any(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of text in any script: 。！？ end a sentence without a space."""
    found = []
    cursor = 0
    for match in _END.finditer(text):
        piece = text[cursor : match.start()]
        if piece.strip():
            found.append((cursor + len(piece) - len(piece.lstrip()), piece.strip()))
        cursor = match.end()
    if text[cursor:].strip():
        rest = text[cursor:]
        found.append((cursor + len(rest) - len(rest.lstrip()), rest.strip()))
    return found


def _numbers(text: str, english: bool) -> frozenset[str]:
    """Numbers as digits (full-width folded; 190-0 gives 190 and 0); in English also the
    numbers written in words ("twelve" is 12), as the summary's own support rule reads."""
    folded = unicodedata.normalize("NFKC", text)
    found = {m.group().replace(",", "").rstrip(".") for m in _DIGITS.finditer(folded)}
    if english:
        found |= {w for w in numbers_in(content_words(text)) if w.isdigit()}
    return frozenset(found)


def _keys(text: str) -> frozenset[str]:
    from newsdesk.cluster.features import entity_terms

    return frozenset(k for k in entity_terms(text) if not k.startswith("#"))


def _sentences(articles: Sequence[Article], config: CrossConfig) -> list[_Sentence]:
    out = []
    for i, article in enumerate(articles):
        english = is_english(article)
        for start, text in split_any(article.body)[: config.lead_sentences]:
            text = text[: config.max_sentence_chars]
            out.append(_Sentence(i, text, start, _numbers(text, english), _keys(text)))
    return out


# sentence -> its USE vector, kept across calls: a brief asks for the same sentences twice
# (citing across languages, then "only in"), a wire story repeats them in every outlet
# that carries it, and the desk's pages build briefs again; bounded, oldest out first
_SEEN: OrderedDict[str, np.ndarray] = OrderedDict()
_SEEN_MAX = 20_000


def _vectors(texts: Sequence[str]) -> np.ndarray:
    """USE vectors of ``texts`` (one row each), each distinct sentence embedded once."""
    from newsdesk.cluster.embed import MULTI_DIM, embed_multilingual

    missing = list(dict.fromkeys(t for t in texts if t not in _SEEN))
    for text, vector in zip(missing, embed_multilingual(missing), strict=True):
        _SEEN[text] = vector
    out = np.zeros((len(texts), MULTI_DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        out[row] = _SEEN[text]
        _SEEN.move_to_end(text)
    while len(_SEEN) > _SEEN_MAX:
        _SEEN.popitem(last=False)
    return out


def cite_across(
    summary: Sequence[SummarySentence],
    others: Sequence[Article],
    *,
    config: CrossConfig | None = None,
) -> None:
    """Add to each summary sentence's ``sources`` the other-language articles supporting it."""
    config = config or CrossConfig()
    foreign = _sentences([a for a in others if a.id], config)
    if not summary or not foreign:
        return
    ids = [a.id for a in others if a.id]
    asked = [s.text for s in summary]
    vectors = _vectors(asked + [s.text for s in foreign])
    sims = vectors[: len(asked)] @ vectors[len(asked) :].T
    for row, sentence in enumerate(summary):
        numbers = _numbers(sentence.text, True)
        keys = _keys(sentence.text)
        backed: set[str] = set()
        for col, other in enumerate(foreign):
            sim = float(sims[row, col])
            if sim < config.support or not numbers <= other.numbers:
                continue
            if numbers or keys & other.keys or sim >= config.close:
                backed.add(ids[other.article])
        sentence.sources.extend(i for i in ids if i in backed and i not in sentence.sources)


def _english_names(text: str) -> list[str]:
    """The English names of the non-Latin names a sentence gives, as a reader of English
    writes them (유엔 -> United Nations; NATO in capitals)."""
    from newsdesk.cluster.features import crossnames_in

    return [
        " ".join(w.upper() if w in _ACRONYMS else w.capitalize() for w in english.split())
        for english in crossnames_in(text)
    ]


def _whole(names: list[str], people: list[str]) -> list[str]:
    """Each name once, sorted, and none that is the surname of a person given in full
    ("Obama" beside "Barack Obama"; "Korea" beside "North Korea" is another country)."""
    kept = {n.casefold(): n for n in names}
    full = [p.casefold() for p in people if " " in p]
    return sorted(n for k, n in kept.items() if not any(f.endswith(" " + k) for f in full))


_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .'’-]*$")


def _entities_in(
    notes: Annotations | None, start: int, end: int, *, people: bool = False
) -> list[str]:
    """The English names the annotator gave the names of ``start:end`` (숀 매코맥 -> Sean
    McCormack, joined across scripts): the canonical names written in Latin letters, of
    persons only with ``people``."""
    if notes is None:
        return []
    return [
        m.canonical
        for m in notes.entities
        if m.canonical
        and start <= m.start < end
        and _LATIN_NAME.match(m.canonical)
        and (m.type == "PERSON" or not people)
    ]


def _dates_in(notes: Annotations | None, start: int, end: int) -> list[str]:
    if notes is None:
        return []
    return sorted({point(d) for d in notes.dates if d.value and start <= d.start < end})


def only_in_across(
    english: Sequence[Article],
    others: Sequence[Article],
    annotations: dict[str, Annotations],
    *,
    config: CrossConfig | None = None,
) -> list[SingleSourceFacts]:
    """``only_in`` entries for what only the other-language articles report: each with its
    ``language`` and one ``english`` gloss per fact (its names in English, its ISO dates).
    """
    config = config or CrossConfig()
    originals = [a for a in others if a.id and not a.extras.get("copy_of")]
    foreign = _sentences(originals, config)
    foreign = [s for s in foreign if s.numbers or s.keys]
    if not foreign:
        return []
    known = _sentences(english, config)
    vectors = _vectors([s.text for s in foreign] + [s.text for s in known])
    if known:
        best = (vectors[: len(foreign)] @ vectors[len(foreign) :].T).max(axis=1)
    else:
        best = np.zeros(len(foreign))
    entries: dict[int, SingleSourceFacts] = {}
    for sentence, closest in zip(foreign, best, strict=True):
        if float(closest) >= config.only_below:
            continue
        article = originals[sentence.article]
        entry = entries.setdefault(
            sentence.article,
            SingleSourceFacts(article.id or "", [], language=article.language, english=[]),
        )
        end = sentence.start + len(sentence.text)
        notes = annotations.get(article.id or "")
        people = _entities_in(notes, sentence.start, end, people=True)
        named = _english_names(sentence.text) + _entities_in(notes, sentence.start, end)
        gloss = FactGloss(
            names=_whole(named, people),
            dates=_dates_in(annotations.get(article.id or ""), sentence.start, end),
        )
        entry.facts.append(sentence.text)
        if entry.english is not None:
            entry.english.append(gloss)
    return [entries[k] for k in sorted(entries)]


def english_gloss(entry: SingleSourceFacts, fact: int) -> str:
    """What a reader of English is told beside an other-language fact: its language and
    the names and dates it gives, in English (" [ko: Seoul, 2026-03-10]"); "" for English."""
    language = entry.language
    notes = entry.english or []
    if not language or fact >= len(notes):
        return ""
    told = [*notes[fact].names, *notes[fact].dates]
    return f" [{language}: {', '.join(told)}]" if told else f" [{language}]"


def shortlist(
    entries: Sequence[SingleSourceFacts], config: CrossConfig | None = None
) -> list[SingleSourceFacts]:
    """The brief's few: the first fact of each article, at most ``shortlist`` of them."""
    config = config or CrossConfig()
    return [
        replace(entry, facts=entry.facts[:1], english=(entry.english or [])[:1])
        for entry in entries[: config.shortlist]
    ]
