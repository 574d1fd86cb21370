"""A story's reading for the brief, computed once and kept in the store.

What the brief shows of a story that is costly to compute -- the cited summary, the
single-source facts ("only in"), the disagreements, the key quote and the dated events
its timeline is drawn from -- depends only on the members it reads (their text,
metadata and annotations), not on the day: :func:`read_story` computes it,
:class:`ReadingKeeper` keeps it in the store (:class:`~newsdesk.store.protocols.
StoryReadings`, migration 0021) under a digest of :data:`READING_VERSION`, the story and
its members as read (ids, content hashes, a hash of their annotations, the metadata the
reading reads), and reads it back when a later brief reads the same members. A story
whose members changed has another digest: its old reading is never served. A reading a
section of which raised is not kept but marked (``failed``), and computed again by the
next brief; the brief shows it without that section, as before.

The digest also carries :func:`code_stamp`, a hash of the package's code and the
summariser's word lists: a newsdesk whose code changed (an upgrade, a rule fixed) reads
every story again rather than show what older code read. :data:`READING_VERSION` names
the kept form (bump it when :func:`encode_reading` changes shape).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from newsdesk.annotate.views import StoryEvent, StoryNotes, story_understanding
from newsdesk.article import Annotations, Article
from newsdesk.faults import describe, log
from newsdesk.outlets.coverage import article_groups
from newsdesk.outlets.perspectives import Perspectives
from newsdesk.outlets.registry import OutletRegistry
from newsdesk.serialize import perspectives_from_json, perspectives_json
from newsdesk.store.protocols import StoryReadings
from newsdesk.store.story_readings import KeptReading
from newsdesk.summarize import (
    Comparison,
    Conflict,
    ConflictValue,
    FactGloss,
    SingleSourceFacts,
    StoryIndex,
    SummarySentence,
    compare_outlets,
    summarize_story,
)
from newsdesk.summarize.text import normalise_quote

__all__ = [
    "READING_VERSION",
    "BriefQuote",
    "BriefReading",
    "ReadingKeeper",
    "decode_reading",
    "encode_reading",
    "key_quote",
    "read_story",
    "reading_digest",
]

READING_VERSION = 1  # bump when what is kept changes shape

T = TypeVar("T")


@dataclass(slots=True)
class BriefQuote:
    text: str
    speaker: str
    article_id: str


@dataclass(slots=True)
class BriefReading:
    """What the brief shows of one story that does not depend on the day: the cited
    summary, the shortlisted single-source facts (and how many more there are), the
    conflicts, the key quote, the dated events its timeline is drawn from, and how each
    group of outlets tells it (``perspectives``, when they differ). ``failed``: the
    sections that raised (left out; such a reading is not kept)."""

    summary: list[SummarySentence] = field(default_factory=list)
    only_in: list[SingleSourceFacts] = field(default_factory=list)
    only_in_more: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    quote: BriefQuote | None = None
    events: list[StoryEvent] = field(default_factory=list)
    perspectives: Perspectives | None = None
    failed: list[str] = field(default_factory=list)

    @property
    def understood(self) -> StoryNotes:
        """The events as :func:`~newsdesk.annotate.views.story_understanding` gives them."""
        return StoryNotes(events=list(self.events))


def key_quote(
    understood: StoryNotes, told: Sequence[str] = (), readable: Collection[str] | None = None
) -> BriefQuote | None:
    """The story's key quote: a direct quote with a speaker, of 6 words or more, carried by
    the most reports (10-40 words preferred), and never the second part of a quotation an
    attribution interrupts (“…,” X said, “as it's …”), which opens in lower case; a
    question only when no statement is there, and one a headline set in Title Case only when
    no quote in a sentence's case is; never one a summary sentence (``told``) already quotes
    whole, which the brief would print twice. ``readable``: the ids of the reports in the
    summary's language; a quote from another report (a Korean one under an English summary)
    only when none of theirs will do."""
    quotes = [q for q in understood.quotes if q.speaker and q.kind == "direct"]
    best: tuple[float, BriefQuote] | None = None
    norms = [normalise_quote(q.text) for q in quotes]
    summary = [f" {normalise_quote(sentence)} " for sentence in told]
    for quote, norm in zip(quotes, norms, strict=True):
        words = len(norm.split())
        if words < 6 or _continues(quote.text):
            continue
        if any(f" {norm} " in sentence for sentence in summary):
            continue
        carried = sum(1 for other in norms if norm and (norm in other or other in norm))
        score = carried + (1.0 if 10 <= words <= 40 else 0.3)
        if quote.text.rstrip(" ”\"’'").endswith("?"):
            score -= _ASKED  # an interviewer's question: any statement comes first
        elif _headline_case(quote.text):
            score -= _HEADLINED  # a headline's words ("We Are Going To Go All The Way …")
        if readable is not None and quote.article_id not in readable:
            score -= _UNREAD  # in a language the summary is not written in
        if best is None or score > best[0]:
            said = BriefQuote(
                one_paragraph(quote.text), quote.speaker or "", quote.article_id or ""
            )
            best = (score, said)
    return best[1] if best else None


_ASKED = 100.0
_HEADLINED = 50.0
_UNREAD = 30.0


def summary_language_ids(
    summary: Sequence[SummarySentence], members: Sequence[Article]
) -> set[str]:
    """The ids of the members in the language most of the summary's sources are in (none
    without a summary)."""
    language = {a.id: a.language or "" for a in members}
    counts = Counter(language.get(source, "") for s in summary for source in s.sources)
    if not counts:
        return {a.id for a in members if a.id}
    wanted = counts.most_common(1)[0][0]
    return {a.id for a in members if a.id and (a.language or "") == wanted}


def _headline_case(text: str) -> bool:
    """Whether a quotation is set in a headline's Title Case: after its first word, most
    words capitalised, small words too ("We Are Going To Go All The Way To Cleveland")."""
    words = [w.strip("“”\"‘’'.,;:!?()…—–-") for w in text.split()[1:]]
    words = [w for w in words if w[:1].isalpha()]
    if len(words) < 4:
        return False
    from newsdesk.clean.data import load_data

    small_words = load_data().title.small_words  # the ones a headline's case shows
    small = [w for w in words if w.casefold() in small_words]
    capitalised = sum(w[:1].isupper() for w in words)
    return capitalised >= 0.8 * len(words) and sum(w[:1].isupper() for w in small) >= 2


def _continues(text: str) -> bool:
    """Whether a quotation opens in the middle of a sentence ("as it's a celebration …")."""
    first = text.lstrip(" \"'“‘….")[:1]
    return first.isalpha() and first.islower()


_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*[“\"«„]?\s*")


def one_paragraph(text: str) -> str:
    """A quotation running over paragraphs as one line: a paragraph's reopening mark
    ("… acts.\n“Other than …", the convention for a quote that goes on) is left out, as a
    line shows no paragraphs to reopen."""
    return " ".join(_PARAGRAPH_BREAK.sub(" ", text.strip()).split())


def _timeline_event(event: StoryEvent) -> bool:
    """An event the timeline may show on some day: dated to a month or a day (the day's
    own cut, nothing after the brief's day, is made when the brief is built)."""
    from newsdesk.timex import first_day

    when = event.date or ""
    begins = first_day(when)
    return begins is not None and begins.year >= 1900 and len(when) >= 7


def story_perspectives(
    registry: OutletRegistry | None, members: Sequence[Article], notes: dict[str, Annotations]
) -> Perspectives | None:
    """The story's perspectives as the brief shows them: None without a registry, or
    unless more than one group of outlets covers it and they differ."""
    from newsdesk.outlets.perspectives import story_perspectives as perspectives

    if registry is None:
        return None
    found = perspectives(members, notes, registry)
    differs = found.only_in or found.disagreements
    return found if len(found.groups) > 1 and differs else None


def read_story(
    story_id: str,
    members: list[Article],
    notes: dict[str, Annotations],
    registry: OutletRegistry | None = None,
    headline: str | None = None,
) -> BriefReading:
    """One story's reading; a section that raises is left out, logged and named in
    ``failed`` (as :func:`newsdesk.faults.guarded` logs it). When its sentences cannot be
    indexed at all it raises (the brief leaves the story out). ``registry``: the outlets'
    countries and kinds the perspectives group by (none without one); ``headline``: the
    one the brief shows, which the summary does not repeat."""
    failed: list[str] = []

    def part(name: str, build: Callable[[], T], default: T) -> T:
        try:
            return build()
        except Exception as exc:  # isolation: the story renders without this section
            log.warning("left out story %s %s: %s", story_id, name, describe(exc))
            failed.append(name)
            return default

    index = StoryIndex.build(members)  # raises: the story is left out (and marked)
    summary: list[SummarySentence] = part(
        "summary", lambda: summarize_story(members, notes, index=index, headline=headline), []
    )
    compared: Comparison | None = part(
        "comparison",
        lambda: compare_outlets(members, notes, index=index, told=[s.text for s in summary]),
        None,
    )
    understood: StoryNotes = part(
        "quotes and timeline", lambda: story_understanding(members, notes), StoryNotes()
    )
    told = [sentence.text for sentence in summary]
    readable = summary_language_ids(summary, members)
    quote = part("key quote", lambda: key_quote(understood, told, readable), None)
    events: list[StoryEvent] = part(
        "timeline", lambda: [e for e in understood.events if _timeline_event(e)], []
    )
    return BriefReading(
        summary=summary,
        only_in=compared.only_in_shortlist if compared else [],
        only_in_more=compared.facts_left_out if compared else 0,
        conflicts=compared.conflicts if compared else [],
        quote=quote,
        events=events,
        perspectives=part(
            "perspectives", lambda: story_perspectives(registry, members, notes), None
        ),
        failed=failed,
    )


# -- kept form -----------------------------------------------------------------


def encode_reading(reading: BriefReading) -> dict[str, Any]:
    """The reading as plain values the store keeps (every field, exactly)."""
    return {
        "summary": [[s.text, list(s.sources)] for s in reading.summary],
        "only_in": [
            {
                "article_id": o.article_id,
                "facts": list(o.facts),
                "language": o.language,
                "english": None
                if o.english is None
                else [[list(g.names), list(g.dates)] for g in o.english],
            }
            for o in reading.only_in
        ],
        "only_in_more": reading.only_in_more,
        "conflicts": [
            {
                "about": c.about,
                "speaker": c.speaker,
                "values": [[v.value, v.article_id] for v in c.values],
            }
            for c in reading.conflicts
        ],
        "quote": None
        if reading.quote is None
        else [reading.quote.text, reading.quote.speaker, reading.quote.article_id],
        "events": [
            [e.date, e.actor, e.action, e.target, e.article_id, e.code, e.sentence]
            for e in reading.events
        ],
        "perspectives": perspectives_json(reading.perspectives),
    }


def decode_reading(data: dict[str, Any]) -> BriefReading:
    """The typed reading back from :func:`encode_reading`."""
    quote = data["quote"]
    return BriefReading(
        summary=[SummarySentence(text, list(sources)) for text, sources in data["summary"]],
        only_in=[
            SingleSourceFacts(
                o["article_id"],
                list(o["facts"]),
                language=o["language"],
                english=None
                if o["english"] is None
                else [FactGloss(list(names), list(dates)) for names, dates in o["english"]],
            )
            for o in data["only_in"]
        ],
        only_in_more=int(data["only_in_more"]),
        conflicts=[
            Conflict(
                c["about"],
                [ConflictValue(value, article_id) for value, article_id in c["values"]],
                speaker=c["speaker"],
            )
            for c in data["conflicts"]
        ],
        quote=None if quote is None else BriefQuote(*quote),
        events=[StoryEvent(*e) for e in data["events"]],
        perspectives=perspectives_from_json(data["perspectives"]),
    )


@cache
def code_stamp() -> str:
    """A hash of every module of the package and of the summariser's data files (about
    0.05 CPU s, once per process)."""
    import newsdesk

    root = Path(newsdesk.__file__).resolve().parent
    found = hashlib.sha256()
    for path in [*sorted(root.rglob("*.py")), *sorted((root / "summarize" / "data").glob("*"))]:
        found.update(path.relative_to(root).as_posix().encode())
        found.update(path.read_bytes())
    return found.hexdigest()[:16]


def reading_digest(
    story_id: str,
    members: Sequence[Article],
    stamps: dict[str, str],
    registry: OutletRegistry | None = None,
) -> str | None:
    """The key of a story's reading: the code (its version and stamp), the story, and each
    member as read (id, content hash and annotations' hash from ``stamps``, the metadata the
    reading reads, the text's length, the country and kind the registry gives its outlet);
    None when a member is not in the store (nothing to key it by)."""
    rows: list[Any] = [READING_VERSION, code_stamp(), story_id]
    for a in members:
        stamp = stamps.get(a.id or "")
        if stamp is None:
            return None
        published = a.published.isoformat() if a.published else None
        groups = article_groups(a, registry) if registry is not None else None
        rows.append([a.id, stamp, a.title, a.outlet, a.site, a.url, published, a.language,
                     sorted(a.flags), len(a.body), groups])  # fmt: skip
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _registry(store: object) -> OutletRegistry | None:
    """The store's outlet registry (None without one, or when it cannot be read: the
    perspectives are then left out, as the brief always did)."""
    outlets = getattr(store, "outlets", None)
    if not hasattr(outlets, "outlet_registry"):
        return None
    try:
        registry: OutletRegistry = outlets.outlet_registry()  # type: ignore[union-attr]
    except Exception as exc:
        log.warning("left out story perspectives: %s", describe(exc))
        return None
    return registry


class ReadingKeeper:
    """The brief's readings for one build: kept ones read back, the others computed and
    kept when the build ends (:meth:`flush`, one transaction). A store without kept
    readings (or one that cannot be read or written) computes every reading, as before."""

    def __init__(self, store: object) -> None:
        found = getattr(store, "story_readings", None)
        self.kept: StoryReadings | None = found if isinstance(found, StoryReadings) else None
        self.registry = _registry(store)
        self._digests: dict[str, str | None] = {}
        self._found: dict[str, dict[str, Any]] = {}
        self._new: list[KeptReading] = []
        self.hits = self.computed = 0

    def prepare(self, stories: Sequence[tuple[str, Sequence[Article]]]) -> None:
        """Key the stories about to be read, and read back in one query those kept."""
        if self.kept is None or not stories:
            return
        kept = self.kept
        ids = [a.id for _, members in stories for a in members if a.id]
        try:
            stamps = kept.member_stamps(ids)
            self._digests = {
                s: reading_digest(s, members, stamps, self.registry) for s, members in stories
            }
            self._found = kept.kept_readings([d for d in self._digests.values() if d])
        except Exception as exc:  # a store that cannot say: every reading computed
            log.warning("left out the kept story readings: %s", describe(exc))
            self.kept, self._digests, self._found = None, {}, {}

    def reading(
        self,
        story_id: str,
        members: list[Article],
        notes: dict[str, Annotations],
        headline: str | None = None,
    ) -> BriefReading:
        """The story's reading: the kept one when its members are unchanged, else computed
        (and kept, or marked failed, at :meth:`flush`)."""
        digest = self._digests.get(story_id)
        data = self._found.get(digest) if digest else None
        if data is not None:
            try:
                found = decode_reading(data)
            except Exception as exc:  # a kept reading of an unexpected shape: read again
                log.warning("left out the kept reading of story %s: %s", story_id, describe(exc))
            else:
                self.hits += 1
                return found
        self.computed += 1
        try:
            made = read_story(story_id, members, notes, self.registry, headline)
        except Exception as exc:
            self._keep(story_id, members, digest, None, describe(exc))
            raise
        error = "; ".join(made.failed) + " raised" if made.failed else None
        self._keep(story_id, members, digest, made, error)
        return made

    def _keep(
        self, story_id: str, members: Sequence[Article], digest: str | None,
        made: BriefReading | None, error: str | None,
    ) -> None:  # fmt: skip
        if self.kept is None or not digest:
            return
        ids = tuple(a.id for a in members if a.id)
        data = encode_reading(made) if made is not None and error is None else {}
        self._new.append(KeptReading(story_id, digest, READING_VERSION, ids, data, error))

    def flush(self) -> None:
        """Keep what this build computed (one transaction); a store that refuses the write
        (read-only, locked) is logged and the brief goes on."""
        new, self._new = self._new, []
        if self.kept is None or not new:
            return
        try:
            self.kept.keep_readings(new)
        except Exception as exc:
            log.warning("could not keep %d story readings: %s", len(new), describe(exc))
