"""What outlets report differently: single-source facts (``only_in``) and ``conflicts``.

Outlets are compared as *reports*: an article, its copies and its outlet's other articles
in the story form one report (:func:`~newsdesk.summarize.support.outlet_groups`), so a wire
story republished three times is still one outlet's word.

``only_in`` — a sentence of one report is single-source when no sentence of any other report
covers ``OnlyInConfig.elsewhere`` of its content words (the support measure of
:mod:`.support`, numbers included). Of those, the ones with the most words (numbers and
names count double) no other report uses at all are kept, at most ``per_article`` per
article, in article order. The brief shows a *shortlist*: the most specific of them
(numbers and names no other report gives, quotations; the outlet talking to its reader
counts less), at most ``shortlist`` per story, each report holding at most
``shortlist_per_report`` or its fair share of ``shortlist``, whichever is more;
``story --json`` keeps them all.

``conflicts`` — the same fact given differently by two reports (:mod:`.facts`): a count of
the same thing (12 dead vs 15; the two sentences share what they are about beyond the number
and its counting word), which meeting (second vs third), a vote tally, the date of the same
event (sentences otherwise alike), the holder of the same named role ("Foreign Minister",
"Harbour City general manager"); plus a quote that two reports carry with different numbers
or names in it, reported with ``about`` = ``"quote wording"`` (in the same list, so the
contract stays one list). Never a disagreement: rewording ("We received…" / "we have
received…"), agreeing paraphrases (numbers in words and digits, "88 votes to 71" and "88 to
71", a quote that is the other's excerpt), page stamps ("Last updated at 13:42 GMT"), an age
after a name or a number of seconds, and one report against itself (an outlet's articles, its
copies, and articles of one site when no outlet is named form one report), counts over two
spans ("46 arrested Wednesday night" / "over 50 arrests over four nights"), and a fact of
another month a report recalls ("a quake in September killed seven"). A value one report
gives is not in conflict with a report that gives both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from newsdesk.article import Annotations, Article
from newsdesk.clean.lines import ends_sentence
from newsdesk.cluster.features import CALENDAR_WORDS
from newsdesk.summarize.anchors import AnchorReader, Anchors
from newsdesk.summarize.facts import (
    Fact,
    concept_words,
    counting_words,
    facts_in,
    names_agree,
    time_of,
)
from newsdesk.summarize.furniture import furniture
from newsdesk.summarize.quote_wording import QUOTED, quote_conflicts, quotes_differ
from newsdesk.summarize.reading import Conflict, ConflictValue, SingleSourceFacts
from newsdesk.summarize.support import ArticleText, StoryIndex, SupportConfig
from newsdesk.summarize.text import (
    DATELINE,
    Sentence,
    bare_quotation,
    broken_line,
    closes_quotation,
    content_words,
    deck_line,
    headline_line,
    inside_quotation,
    numbers_in,
    open_quotation,
    outlet_voice,
    printed_title,
    transcript_line,
)

__all__ = [
    "Comparison",
    "OnlyInConfig",
    "compare_outlets",
    "compare_story",
    "differ_in_fact",
    "quotes_differ",
    "strip_dateline",
]

_RUN = re.compile(r"[\w’'-]+")


@dataclass(slots=True, frozen=True)
class OnlyInConfig:
    """Knobs of the single-source and conflict detection (see the module docstring)."""

    elsewhere: float = 0.5  # another report covering this share of a sentence reports it too
    min_novel: int = 2  # words no other report uses at all
    per_article: int = 4
    shortlist: int = 8  # the brief shows at most this many single-source facts per story
    shortlist_per_report: int = 2  # and per report this many, or a fair share of the 8
    shortlist_words: int = 45  # a longer fact is listed (story --json) but not in the brief
    min_words: int = 6
    context_overlap: int = 2  # shared words for two ordinals / dates to be about one thing
    max_values: int = 3  # one fact told differently by several outlets: 2-3 values, not 16
    near_ratio: float = 2.0  # counts linked by their anchors alone: at most twice the other
    quote_similarity: float = 0.5
    support: SupportConfig = field(default_factory=SupportConfig)


_BULLET = re.compile(r"^(?:[•·▪◦‣●■►▶✓✔*]\s*|[-–]\s+)")  # "- 12-megapixel camera …" too


def strip_dateline(text: str) -> str:
    """``"PORT SELVA, March 9 (Northgate Wire) — A ferry…"`` -> ``"A ferry…"``; a list's
    bullet goes too ("• Embiid was the only Sixer …" reads "Embiid was …" on its own)."""
    stripped = DATELINE.sub("", _BULLET.sub("", text), count=1)
    if not stripped or stripped == text or not stripped[:1].islower():
        return stripped or text
    first = stripped.split(maxsplit=1)[0]
    if any(c.isupper() for c in first[1:]):
        return stripped  # a name written in lower case: "eBay", "iPhone"
    return stripped[:1].upper() + stripped[1:]


def _novelty(words: frozenset[str], elsewhere: set[str], text: str) -> float:
    """Words no other report uses (numbers weigh 3), per square root of length; a sentence
    that gives a number or a date counts half again, one in quotation marks a third less."""
    novel = words - elsewhere
    score = sum(3 if word[:1].isdigit() else 1 for word in novel) / max(len(words), 1) ** 0.5
    if any(w[:1].isdigit() for w in novel):
        score *= 1.5
    if "”" in text or text[:1] in '“"':
        score *= 0.7
    return score


def _readable(text: ArticleText, config: OnlyInConfig) -> list[Sentence]:
    """An original's sentences that may be a single-source fact (whole, long enough)."""
    if text.article.extras.get("copy_of"):
        return []
    sentences = text.sentences
    if "truncated_end" in text.article.flags:
        sentences = sentences[:-1]
    if "truncated_start" in text.article.flags:
        sentences = sentences[1:]
    title = printed_title(text.article.title, text.article.extras)
    return [
        s
        for s in sentences
        if len(s.text.split()) >= config.min_words
        and not s.text.endswith("?")
        and ends_sentence(s.text)  # a subheading, a related headline, a shop's product line
        and not furniture(s.text)  # a caption, credit or page stamp is no fact
        and not inside_quotation(text.article.body, s)  # reads as the outlet's claim
        and not open_quotation(s.text)  # the head of a quotation: its mark never closes
        and not closes_quotation(s.text)  # its tail: a mark that never opened
        and not deck_line(text.article.body, s, title)  # the headline's, no fact
        and not headline_line(title, text.article.body, s)
        and not transcript_line(text.article.body, s)  # a speaker's words, unquoted
        and not bare_quotation(s.text)  # words without a speaker
        and not broken_line(s.text)  # the rest of a sentence a line break cut
    ]


@dataclass(slots=True, frozen=True)
class _Single:
    """A single-source sentence: where it is, how novel and how specific it is."""

    doc: int
    group: int
    index: int
    text: str
    novelty: float
    rank: float  # novelty and specificity, for the brief's shortlist


def capitalised(text: str) -> list[str]:
    """Capitalised words (a name, past the start): what ``\\b[A-Z][\\w’'-]*[a-z][\\w’'-]*``
    finds, in linear time (the pattern rescans a run like "A-A-A-…" from every capital)."""
    found = []
    for run in _RUN.finditer(text):
        word = run.group()
        last = next((i for i in range(len(word) - 1, 0, -1) if "a" <= word[i] <= "z"), 0)
        for i in range(last):
            if "A" <= word[i] <= "Z" and (i == 0 or word[i - 1] in "’'-"):
                found.append(word[i:])
                break
    return found


def _checkable(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The numbers and the names (capitalised words past the first) ``text`` gives."""
    words = content_words(text)
    names = content_words(" ".join(capitalised(text[1:]))) - numbers_in(words)
    return numbers_in(words), names


def differ_in_fact(first: str, second: str) -> bool:
    """Two tellings of one thing that give different numbers or different names: each
    gives one the other does not. Rewording ("We received…" / "we have received…") and
    one telling that leaves a detail out do not."""
    numbers_a, names_a = _checkable(first)
    numbers_b, names_b = _checkable(second)
    if numbers_a - numbers_b and numbers_b - numbers_a:
        return True
    return bool(names_a - content_words(second)) and bool(names_b - content_words(first))


def _specific(sentence: Sentence, novel: frozenset[str]) -> float:
    """How checkable a single-source sentence is: numbers (3 each) and names (2 each) no
    other report gives, a quotation (2)."""
    score = 3.0 * sum(1 for w in novel if w[:1].isdigit())
    names = content_words(" ".join(capitalised(sentence.text[1:])))
    score += 2.0 * len({w for w in novel if w in names})
    if QUOTED.search(sentence.text) or "”" in sentence.text:
        score += 2.0
    return score


def _singles(index: StoryIndex, config: OnlyInConfig) -> list[_Single]:
    groups = sorted({t.group for t in index.texts})
    if len(groups) < 2:
        return []
    vocab: dict[int, set[str]] = {g: set() for g in groups}
    for text in index.texts:
        for sentence in text.sentences:
            vocab[text.group] |= sentence.words
    others: dict[int, set[str]] = {  # each group's "everyone else" vocabulary
        g: set().union(*(v for o, v in vocab.items() if o != g)) for g in groups
    }
    asked = [
        (d, s)
        for d, text in enumerate(index.texts)
        for s in _readable(text, config)
        if len(s.words - others[text.group]) >= config.min_novel
    ]
    group_of = np.asarray(index.groups)
    covered = index.coverage([s.words for _, s in asked]) >= config.elsewhere
    picked: dict[int, list[_Single]] = {}
    told: set[tuple[int, str]] = set()
    for (d, sentence), row in zip(asked, covered, strict=True):
        if np.any(row & (group_of != group_of[d])):
            continue  # another report says it too
        key = (d, " ".join(sentence.text.casefold().split()))
        if key in told:
            continue  # a paragraph the page prints twice ("Inquiry report" / "Inquiry Report")
        told.add(key)
        elsewhere = others[int(group_of[d])]
        novel = _novelty(sentence.words, elsewhere, sentence.text)
        if novel > 0:
            written = " ".join(strip_dateline(sentence.text).split())
            rank = novel + _specific(sentence, sentence.words - frozenset(elsewhere))
            if outlet_voice(sentence.text):
                rank /= 3  # the outlet talking to its reader, not news
            single = _Single(d, int(group_of[d]), sentence.index, written, novel, rank)
            picked.setdefault(d, []).append(single)
    kept: list[_Single] = []
    for facts in picked.values():
        kept += sorted(facts, key=lambda f: (-f.novelty, f.index))[: config.per_article]
    return kept


def _entries(index: StoryIndex, singles: Sequence[_Single]) -> list[SingleSourceFacts]:
    """The contract's shape: per article (in story order), its facts in article order."""
    by_doc: dict[int, list[_Single]] = {}
    for single in sorted(singles, key=lambda f: (f.doc, f.index)):
        by_doc.setdefault(single.doc, []).append(single)
    return [
        SingleSourceFacts(index.texts[d].id, [f.text for f in facts]) for d, facts in by_doc.items()
    ]


def _shortlist(
    singles: Sequence[_Single], config: OnlyInConfig, told: Sequence[str] = ()
) -> list[_Single]:
    """The most specific single-source facts, a fair share per outlet report, for the brief;
    none the summary above it already ``told`` (a sentence one outlet reports may be one of
    the summary's, cited to that outlet: shown twice, it takes another fact's place)."""
    reports = len({f.group for f in singles}) or 1
    share = max(config.shortlist_per_report, config.shortlist // reports)
    ranked = sorted(singles, key=lambda f: (-f.rank, f.doc, f.index))
    summary = _summary_lines(told)
    taken: list[_Single] = []
    per_report: dict[int, int] = {}
    for single in ranked:
        if len(taken) >= config.shortlist:
            break
        if len(single.text.split()) > config.shortlist_words:
            continue  # a 90-word sentence is no line a reader takes in at a glance
        if _told(single, summary):
            continue
        if per_report.get(single.group, 0) < share:
            per_report[single.group] = per_report.get(single.group, 0) + 1
            taken.append(single)
    return taken


def _summary_lines(told: Sequence[str]) -> set[str]:
    return {" ".join(t.split()) for t in told}


def _told(single: _Single, summary: set[str]) -> bool:
    """Whether the summary tells this single-source fact (as its own sentence)."""
    return strip_dateline(" ".join(single.text.split())) in summary


@cache
def _counting_words() -> frozenset[str]:
    """Words any count uses whatever it counts ("at least", "people", "killed",
    "injured"…): two sentences sharing only these share no subject."""
    words = " ".join(
        [
            "at least more than about around some nearly almost over people",
            "others total number figure toll reported said according officials",
        ]
    )
    return content_words(f"{words} {' '.join(sorted(counting_words()))}")


def _same_subject(a: Fact, b: Fact, config: OnlyInConfig) -> bool:
    """Two values about one thing: sentences that share what they are about beyond the
    number and the words any count uses ("12 killed in the Port Selva capsizing" and
    "the capsizing off Port Selva killed 15"; not "at least 70 people were hurt in the
    riots" and "at least 21 people were wounded in a depot fire"). A date or an ordinal
    needs the same event predicate too: the same governing word ("stopped … in the sixth
    round" / "stopped … in the seventh"), a deadline ("by May 9") only with a deadline."""
    if a.kind == "tally":
        return True
    if a.kind in {"date", "ordinal"}:
        marks_a = {w for w in a.near if w[:1] == "@"}
        marks_b = {w for w in b.near if w[:1] == "@"}
        if marks_a != marks_b or not (a.near & b.near) - marks_a:
            return False
    noise = {a.written.casefold(), b.written.casefold(), *a.key.split(), *concept_words(a.key)}
    noise |= _counting_words()
    shared = {w for w in (a.context & b.context) - noise if not w[:1].isdigit()}
    if a.kind == "date":
        smaller = min(len(a.context), len(b.context)) or 1
        return len(shared) >= config.context_overlap + 1 and len(shared) / smaller >= 0.5
    return len(shared) >= config.context_overlap


def _agree(a: Fact, b: Fact) -> bool:
    if a.kind == "role":
        return names_agree(a.written, b.written)
    return a.value == b.value


# (report group, article id, fact, its sentence, where and when it happened)
_Stated = tuple[int, str, Fact, str, Anchors]
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# a sentence that goes on about the one before: "… was in February. It killed 612 people"
_GOES_ON = re.compile(r"^(?:It|They|That|This|These|Those)\b")


def _named(sentence: str, fact: Fact) -> frozenset[str]:
    """What a sentence names besides its fact's value: names (capitalised words past the
    first; days and months are when, not who) and years."""
    names = content_words(" ".join(capitalised(sentence[1:])))
    own = content_words(f"{fact.written} {fact.key}")
    return frozenset(names - own - CALENDAR_WORDS) | frozenset(_YEAR.findall(sentence))


def _apart(a: tuple[Fact, str], b: tuple[Fact, str]) -> bool:
    """Two statements of one kind of fact about two different events: each sentence names
    someone, somewhere or a year the other does not ("Billy King … relieved Jim O'Brien" /
    "Ed Stefanski … relieved Maurice Cheeks"; "the 2004 tsunami killed 170,000 in the Indian
    Ocean" / "24 were killed in Sumatra"). The same event told twice names the same."""
    (fa, sa), (fb, sb) = a, b
    said_a = content_words(sa) | frozenset(_YEAR.findall(sa))
    said_b = content_words(sb) | frozenset(_YEAR.findall(sb))
    return bool(_named(sa, fa) - said_b) and bool(_named(sb, fb) - said_a)


def _stated(index: StoryIndex, reader: AnchorReader) -> dict[str, list[_Stated]]:
    """Every fact of every article, by key, with its anchors; a fact stated of another time
    (a year other than the article's, a month named alone other than the article's or the
    one before, "years ago", a former holder; a sentence that goes on from one with "It" or
    "They" is of its time) is not this story's."""
    by_key: dict[str, list[_Stated]] = {}
    reader.read_story(index.texts)
    for text in index.texts:
        seen: set[tuple[str, str]] = set()
        published = text.article.published
        this_time: set[str] = set()
        if published:  # its year, its month and the month before ("in December", in January)
            before = published.month - 1 or 12
            this_time = {str(published.year), f"month:{published.month:02d}", f"month:{before:02d}"}
        told = ""  # the sentence before, with its pieces ("… a magnitude - 6 ." "4 temblor …")
        for sentence in text.sentences:
            anchors: Anchors | None = None
            facts = facts_in(sentence.text, sentence.words)
            then = time_of(told) if facts and _GOES_ON.match(sentence.text) else frozenset()
            piece = sentence.text[:1].isdigit() or sentence.text[:1].islower()
            told = f"{told} {sentence.text}" if piece else sentence.text
            for fact in facts:
                if (fact.when | then) - this_time:
                    continue  # "the 2004 tsunami killed 230,000", "a quake in September"
                if (fact.key, fact.value) not in seen:
                    seen.add((fact.key, fact.value))
                    if anchors is None:
                        end = sentence.start + len(sentence.text)
                        anchors = reader.anchors(text.id, sentence.start, end)
                    stated = (text.group, text.id, fact, sentence.text, anchors)
                    by_key.setdefault(fact.key, []).append(stated)
    return by_key


def _counted_apart(a: Fact, b: Fact) -> bool:
    """Counts of two kinds of people or things ("three officers" / "70 people" is not;
    "16 protesters" / "46 demonstrators" is one kind)."""
    return bool(a.counted and b.counted and a.counted != b.counted)


def _spans_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two counts' spans (:func:`~newsdesk.summarize.facts.span_of`) that are two facts: one
    night or day against several ("46 arrested Wednesday night" / "over 50 arrests over four
    nights"), two lengths ("over four nights" / "over six nights"), one occasion of several
    against a running total ("in the past 24 hours" / "so far"), a part of the whole against
    any other count ("25 million in Europe alone" / "50 million"). A night named and a
    running total may be one occasion's count told at two hours (a quake's toll), so they
    are not."""

    def apart(x: str, y: str) -> bool:
        if x == y or {x, y} == {"1", "1*"}:
            return False
        if "all" in (x, y):
            return "1*" in (x, y)
        return True

    if ("part" in a) != ("part" in b):
        return True  # a part of the whole ("in Europe alone") against the whole, or another
    return bool(a and b) and all(apart(x, y) for x in a for y in b)


def _spans(items: list[_Stated]) -> dict[str, frozenset[str]]:
    """Each value's spans, from every statement of it in the story (the reports that give
    46 tell one count: one that says "46 were arrested Wednesday night" spans them all)."""
    spans: dict[str, frozenset[str]] = {}
    for _, _, fact, _, _ in items:
        spans[fact.value] = spans.get(fact.value, frozenset()) | fact.span
    return spans


def _near_values(a: Fact, b: Fact, config: OnlyInConfig) -> bool:
    """Two counts close enough to be one count told twice (27 / 31, not 70 / 2)."""
    try:
        low, high = sorted(float(f.value.replace(",", "")) for f in (a, b))
    except ValueError:
        return False
    return low > 0 and high <= config.near_ratio * low


def _link(
    a: _Stated,
    b: _Stated,
    reader: AnchorReader,
    config: OnlyInConfig,
    spans: dict[str, frozenset[str]] | None = None,
) -> str | None:
    """How two reports' statements are one fact: ``"subject"`` (their sentences share what
    they are about, :func:`_same_subject`), ``"anchors"`` (two counts of one kind whose
    sentences share no such word -- "27 people were injured" / "injuring 31 passengers" --
    but whose anchors place both at one event, counting the same kind of people, with
    values near each other), or None. Never when the anchors place them at two events
    (two places, two days: :mod:`.anchors`) or when each names someone or somewhere the
    other does not (:func:`_apart`), nor when their values were counted over two spans
    (:func:`_spans_apart`)."""
    (_, _, fa, sa, anchors_a), (_, _, fb, sb, anchors_b) = a, b
    spans = spans or {}
    if _spans_apart(spans.get(fa.value, fa.span), spans.get(fb.value, fb.span)):
        return None
    if reader.contradict(anchors_a, anchors_b) or _apart((fa, sa), (fb, sb)):
        return None
    if _same_subject(fa, fb, config):
        return "subject"
    if fa.kind != "count" or _counted_apart(fa, fb) or not _near_values(fa, fb, config):
        return None
    return "anchors" if reader.agree(anchors_a, anchors_b) else None


def _clashes(
    items: list[_Stated], reader: AnchorReader, config: OnlyInConfig
) -> list[list[_Stated]]:
    """The disagreements over one key: groups of statements that contradict each other.

    A report's word on a key is its first statement of it (its lead figure). Two reports'
    words clash when they give different values about one thing (:func:`_link`) and no
    report gives both values -- a report that does describes two things (a toll and a
    part of it, two fights), so they are not two tellings of one. Clashing statements
    form one disagreement; it is one fact only when each report in it gives one of its
    values, when the values are few (at most ``max_values``: several outlets telling one
    fact give two or three, not 16), and, for a role, when not two holders are each named
    by two reports or more (the role's holders at two times, not a dispute over who holds
    it). Statements linked by their anchors alone join only where the disagreement stays
    one fact: they never spoil one that their subject words made."""
    told: dict[int, list[Fact]] = {}
    for group, _, fact, _, _ in items:
        values = told.setdefault(group, [])
        if not any(_agree(f, fact) for f in values):
            values.append(fact)
    together = [values for values in told.values() if len(values) > 1]
    spans = _spans(items)
    leads: dict[int, _Stated] = {}
    for stated in items:
        leads.setdefault(stated[0], stated)
    every, items = items, list(leads.values())  # a report's word: its first statement
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def rows_of(*roots: int) -> list[_Stated]:
        return [x for k, x in enumerate(items) if root(k) in roots]

    by_anchors: list[tuple[int, int]] = []
    for i, (g1, _, f1, _, _) in enumerate(items):
        for j in range(i + 1, len(items)):
            g2, _, f2, _, _ = items[j]
            if g1 == g2 or _agree(f1, f2):
                continue
            if any(any(_agree(f, f1) for f in t) and any(_agree(f, f2) for f in t)
                   for t in together):  # fmt: skip
                continue  # one report gives both: two things, not two tellings of one
            how = _link(items[i], items[j], reader, config, spans)
            if how == "subject":
                parent[root(i)] = root(j)
            elif how == "anchors":
                by_anchors.append((i, j))
    for i, j in by_anchors:
        if root(i) != root(j) and _one_fact(rows_of(root(i), root(j)), config, spans):
            parent[root(i)] = root(j)
    parts: dict[int, list[_Stated]] = {}
    for i in range(len(items)):
        parts.setdefault(root(i), []).append(items[i])
    shown = []
    for rows in parts.values():
        if len(rows) > 1 and _one_fact(rows, config, spans):  # with each report's others
            said = {g: f for g, _, f, _, _ in rows}
            shown.append([x for x in every if x[0] in said and _agree(x[2], said[x[0]])])
    return shown


def _one_fact(
    rows: list[_Stated], config: OnlyInConfig, spans: dict[str, frozenset[str]] | None = None
) -> bool:
    """Whether a group of clashing statements is one fact told differently (see
    :func:`_clashes`): no two of its values counted over two spans."""
    backers: list[tuple[Fact, set[int]]] = []  # each value and the reports that give it
    for group, _, fact, _, _ in rows:
        at = next((b for b in backers if _agree(b[0], fact)), None)
        if at is None:
            backers.append((fact, {group}))
        else:
            at[1].add(group)
    if len(backers) > config.max_values:
        return False
    got = spans or {}
    values = [got.get(f.value, f.span) for f, _ in backers]
    if any(_spans_apart(x, y) for k, x in enumerate(values) for y in values[k + 1 :]):
        return False
    reports = [g for _, groups in backers for g in groups]
    if len(reports) != len(set(reports)):
        return False  # a report giving two of the values describes two things
    return not (rows[0][2].kind == "role" and sum(len(g) >= 2 for _, g in backers) >= 2)


def _fact_conflicts(
    index: StoryIndex, annotations: dict[str, Annotations], config: OnlyInConfig
) -> list[Conflict]:
    conflicts = []
    reader = AnchorReader(annotations)
    for key, items in _stated(index, reader).items():
        for rows in _clashes(items, reader, config):
            kind = rows[0][2].kind
            values = [
                ConflictValue(f.written if f.kind in {"role", "date"} else f.value, a)
                for _, a, f, _, _ in rows
            ]
            conflicts.append(Conflict("date" if kind == "date" else key, values))
    return conflicts


@dataclass(slots=True)
class Comparison:
    """What outlets report differently, in the contract's shapes: every single-source fact
    (``only_in``), the few most specific of them for the brief (``only_in_shortlist``) and
    the conflicts; ``told``: how many single-source facts the summary tells."""

    only_in: list[SingleSourceFacts] = field(default_factory=list)
    only_in_shortlist: list[SingleSourceFacts] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    told: int = 0

    @property
    def facts_left_out(self) -> int:
        """Single-source facts a reader of the brief has not seen: neither in the shortlist
        nor in the summary."""
        count = sum(len(o.facts) for o in self.only_in)
        return max(0, count - sum(len(o.facts) for o in self.only_in_shortlist) - self.told)


def compare_outlets(
    members: Sequence[Article],
    annotations: dict[str, Annotations],
    *,
    config: OnlyInConfig | None = None,
    index: StoryIndex | None = None,
    told: Sequence[str] = (),
) -> Comparison:
    """The comparison of one story's outlets (see the module docstring); ``told``: the
    summary's sentences, which the brief's shortlist does not repeat."""
    from newsdesk.summarize.crosslingual import english_members, only_in_across, shortlist

    config = config or OnlyInConfig()
    english, others = english_members(members)
    if english and others:  # compared in English; the other languages' own facts apart
        found = compare_outlets(english, annotations, config=config, told=told)
        across = only_in_across(english, others, annotations)
        found.only_in += across
        found.only_in_shortlist += shortlist(across)
        return found
    index = index or StoryIndex.build(members, config.support)
    if len({t.group for t in index.texts}) < 2:
        return Comparison()
    conflicts = _fact_conflicts(index, annotations, config)
    conflicts += quote_conflicts(index, annotations, similarity=config.quote_similarity)
    singles = _singles(index, config)
    summary = _summary_lines(told)
    return Comparison(
        _entries(index, singles),
        _entries(index, _shortlist(singles, config, told)),
        conflicts,
        told=sum(_told(single, summary) for single in singles),
    )


def compare_story(
    members: Sequence[Article],
    annotations: dict[str, Annotations],
    *,
    config: OnlyInConfig | None = None,
    index: StoryIndex | None = None,
) -> tuple[list[SingleSourceFacts], list[Conflict]]:
    """``(only_in, conflicts)`` of one story (every single-source fact)."""
    found = compare_outlets(members, annotations, config=config, index=index)
    return found.only_in, found.conflicts


def sentence_words(text: str) -> frozenset[str]:
    """Content words of a piece of text (re-exported for callers that compare facts)."""
    return content_words(text)
