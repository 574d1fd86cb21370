"""The daily brief: the day's top stories, each summarised, compared and sourced.

``build_brief(store, day)`` reads the stories seen on ``day`` (articles published that
day, by the date they carry), ranks them (:mod:`.rank`), and for the top ones builds a
:class:`BriefStory`: headline, cited summary, key quote, timeline, single-source facts,
conflicts, sources, "since the last brief" for a story that already had articles before
``day``, and the dated future events its articles mention ("coming up"). Only articles
published up to the end of ``day`` are read, so a past brief does not change when later
articles arrive. No model is loaded: everything is read from the stored text and
annotations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING

from newsdesk.annotate.views import StoryNotes
from newsdesk.article import Annotations, Article
from newsdesk.faults import guarded
from newsdesk.outlets.blindspots import Blindspot
from newsdesk.outlets.briefing import brief_blindspots
from newsdesk.outlets.perspectives import Perspectives
from newsdesk.publish.rank import RankConfig, StorySignals, prerank, score_story
from newsdesk.publish.readings import BriefQuote, ReadingKeeper
from newsdesk.store.protocols import BriefStore
from newsdesk.store.stories import StoryRow
from newsdesk.summarize import Conflict, SingleSourceFacts, SummarySentence, strip_dateline
from newsdesk.summarize.text import bare_quotation, split_sentences
from newsdesk.timex import first_day, point

if TYPE_CHECKING:
    from newsdesk.watch.rising import Rising

__all__ = [
    "Brief",
    "BriefQuote",
    "BriefSource",
    "BriefStory",
    "ComingUp",
    "TimelineEntry",
    "build_brief",
]


@dataclass(slots=True)
class BriefSource:
    article_id: str
    outlet: str
    title: str | None
    url: str | None
    published: str | None


@dataclass(slots=True)
class TimelineEntry:
    date: str
    text: str
    article_id: str


@dataclass(slots=True)
class ComingUp:
    date: str
    text: str
    story_id: str
    headline: str
    article_id: str


@dataclass(slots=True)
class BriefStory:
    story_id: str
    headline: str
    summary: list[SummarySentence]
    sources: list[BriefSource]
    quote: BriefQuote | None = None
    timeline: list[TimelineEntry] = field(default_factory=list)
    only_in: list[SingleSourceFacts] = field(default_factory=list)  # the most specific few
    conflicts: list[Conflict] = field(default_factory=list)
    since_last: list[str] | None = None  # None: a new story
    signals: StorySignals | None = None
    only_in_more: int = 0  # single-source facts not shown here (all are in ``story --json``)
    perspectives: Perspectives | None = None  # how each group of outlets tells it (outlets)

    def marker(self, article_id: str) -> int:
        """The 1-based number of an article among the story's sources."""
        for n, source in enumerate(self.sources, 1):
            if source.article_id == article_id:
                return n
        return 0


@dataclass(slots=True)
class Brief:
    date: date
    intro: str
    stories: list[BriefStory] = field(default_factory=list)
    coming_up: list[ComingUp] = field(default_factory=list)
    articles: int = 0  # articles of the day's stories read
    blindspots: Sequence[Blindspot] = field(default_factory=list)  # newsdesk.outlets
    rising: Rising | None = None  # newsdesk.watch.rising, when the brief shows it


def outlet_name(article: Article) -> str:
    """The outlet as a reader knows it; the site or the link's host when none was found."""
    if article.outlet:
        return article.outlet
    if article.site:
        return article.site
    if article.url:
        return article.url.split("/")[2] if "//" in article.url else article.url
    return "unknown outlet"


def _headline(row: StoryRow, members: Sequence[Article]) -> str:
    """The story's title where a member shown has it (a brief of an earlier day does not
    show the article published later that titles the story now), else a member's (one that
    tells the news before a teaser, and in English one an English report has where the
    story has one), else a lead extract: never page furniture."""
    from newsdesk.clean.lines import is_cjk
    from newsdesk.clean.teasers import teaser_marks
    from newsdesk.clean.titles import lead_title, title_debris

    shown = {a.title for a in members}
    english = any(a.language in (None, "en") for a in members)
    own = sorted(
        (a.title for a in members),
        key=lambda t: (english and is_cjk(t or ""), len(teaser_marks(t))),
    )
    titles = [row.title if row.title in shown or not members else None, *own]
    title = next((t for t in titles if t and title_debris(t) is None), None)
    if title is None:
        title = next((x for a in members if (x := lead_title(a.body))), None) or "Untitled story"
    return _headline_part(title)


def _headline_part(title: str) -> str:
    """The headline among a title's " | " parts: the first, unless it is a short label
    ("Update | Deceased crash victims identified", "WATCH | …") before a headline-sized part."""
    parts = [p.strip() for p in title.split(" | ") if p.strip()] or [title.strip()]
    if len(parts[0].split()) < _HEADLINE_WORDS:
        return next((p for p in parts[1:] if len(p.split()) >= _HEADLINE_WORDS), parts[0])
    return parts[0]


def unrepeated(perspectives: Perspectives | None, story: BriefStory) -> Perspectives | None:
    """A story's perspectives less the single-source facts its "Only in" already lists: a
    group of one outlet carries that outlet's facts, and a reader would read each twice.
    None when nothing is left to show."""
    if perspectives is None:
        return None
    shown = {" ".join(f.split()) for entry in story.only_in for f in entry.facts}
    only_in = []
    for group in perspectives.only_in:
        facts = [f for f in group.facts if " ".join(f.text.split()) not in shown]
        if facts:
            only_in.append(replace(group, facts=facts))
    if not only_in and not perspectives.disagreements:
        return None
    return replace(perspectives, only_in=only_in)


_HEADLINE_WORDS = 4  # a label before a bar is a word or two; a headline is longer
_ENDED = re.compile(r"[.!?…][\"'”’»)]*$")


def _intro(day: date, stories: Sequence[BriefStory]) -> str:
    if not stories:
        return f"No articles were published on {day.isoformat()}."
    names = [s.headline.rstrip(".") for s in stories[:3]]
    # headlines that hold commas themselves are told apart by semicolons ("After Rubio
    # stumbles, rivals see opening; It's fine to 'feel the Bern,' but not on Tinder; and …")
    comma = ", " if len(names) < 3 or not any("," in n for n in names) else "; "
    last = " and " if comma == ", " else "; and "
    listed = names[0] if len(names) == 1 else comma.join(names[:-1]) + last + names[-1]
    ended = _ENDED.search(listed) is not None  # "… Are 'Terrifying.'" takes no second stop
    return f"Today: {listed}{'' if ended else '.'}"


_SAYING = re.compile(r"\b(?:said|says|told|added|asked|wrote|recalled|noted)\b", re.IGNORECASE)
_ATTRIBUTION_WORDS = 6


def _bare_attribution(sentence: str) -> bool:
    """A sentence that only says who said it ("Quint said last week.", "he told reporters
    on Tuesday."): the tail of a quotation the sentences split off, telling no event."""
    return len(sentence.split()) <= _ATTRIBUTION_WORDS and _SAYING.search(sentence) is not None


_TIMELINE_LINES = 6


def _timeline(understood: StoryNotes, day: date) -> list[TimelineEntry]:
    """The story's dated lines up to ``day``, one per event and day, the latest six."""
    entries: list[TimelineEntry] = []
    seen: set[tuple[str, str]] = set()
    for event in understood.events:
        when = event.date or ""
        begins = first_day(when)
        if begins is None or begins.year < 1900 or begins > day or len(when) < 7:
            continue  # undated, a bare year, or after the brief's day (a week by its first day)
        actor, action, target = event.actor, event.action, event.target
        # the sentence as the outlet wrote it; a bare "actor action target" ("Heffner told
        # AP", "China block United Nations") reads as telegraphese, so only without one
        if _opens_inside_quote(event.sentence or ""):
            continue  # the tail of a quotation the parse split off ('deal" announced in …')
        if (event.sentence or "").rstrip().endswith(":"):
            continue  # it leads into a quotation or a list the line would not show
        if _bare_attribution(event.sentence or ""):
            continue  # "Quint said last week.": a quotation's tail, split off
        if bare_quotation((event.sentence or "").strip()):
            continue  # a quotation and nothing else: whose words, the line would not say
        words = strip_dateline(event.sentence or "").split()
        text = " ".join(words[:24]) + ("…" if len(words) > 24 else "")
        if not text and actor and target:
            text = f"{actor} {action} {target}"
        key = (when[:10], (actor or text).casefold())
        if key in seen or ("", text.casefold()) in seen or not text:
            continue  # one line per event and day, and each sentence once
        seen |= {key, ("", text.casefold())}
        entries.append(TimelineEntry(when[:10], text, event.article_id or ""))
    return entries[-_TIMELINE_LINES:]  # the run-up to the brief's day, still in date order


_STRAIGHT_CLOSER = re.compile(r'^[^"]*?(?:[^\W\d_]|[.,!?])"(?=[\s,.;:]|$)')  # not 6" (inches)


def _opens_inside_quote(sentence: str) -> bool:
    """Whether a sentence begins inside a quotation: a closing mark before any opening one
    ("… feel good,” Mayer said"), or a straight mark shaped as a closer first ("Bigger than
    the little deal" announced in October, said …")."""
    closing, opening = sentence.find("”"), sentence.find("“")
    if closing != -1 and (opening == -1 or closing < opening):
        return True
    return _STRAIGHT_CLOSER.match(sentence) is not None


def _coming_up(
    row: StoryRow,
    headline: str,
    members: Sequence[Article],
    notes: dict[str, Annotations],
    day: date,
) -> list[ComingUp]:
    found: dict[str, ComingUp] = {}
    for article in members:
        read = notes.get(article.id or "")
        if read is None:
            continue
        sentences = None
        published = article.published.date().isoformat() if article.published else ""
        for expression in read.dates:
            value = point(expression) or ""  # "two days later": the day it lands on
            calendar_day = len(value) == 10 and value[:4].isdigit() and value[4] == "-"
            if not calendar_day or value <= day.isoformat() or value in found:
                continue  # only calendar days after the brief's ("XXXX-WXX-1" is no date)
            if expression.frame not in (None, "future") or value <= published:
                continue  # past, cancelled or a plan told in a past frame: not coming up
            sentences = sentences or split_sentences(article.body)
            holder = next(
                (s for s in sentences if s.start <= expression.start < s.start + len(s.text)), None
            )
            if holder is None:
                continue
            if _opens_inside_quote(holder.text) and not any(c.isdigit() for c in expression.text):
                continue  # a quotation's tail: its "tomorrow" is the speaker's, not the outlet's
            if len(holder.text.split()) <= 60:
                text = strip_dateline(" ".join(holder.text.split()))
                if any(c.text == text for c in found.values()):
                    continue  # "on March 17-18": one event, shown on its first day
                found[value] = ComingUp(value, text, row.id, headline, article.id or "")
    return sorted(found.values(), key=lambda c: c.date)[:2]


def _since_last(
    members: Sequence[Article], summary: Sequence[SummarySentence], start: datetime
) -> list[str] | None:
    published = {a.id: a.published for a in members if a.published}
    # an article's day is the calendar day its outlet dated it, as the day's stories are
    # chosen: "2026-03-12T00:00" is not before a day begun by another outlet's "-05:00"
    old = [a for a in members if a.published and a.published.date() < start.date()]
    if not old:
        return None
    new = [a for a in members if a.published and a.published.date() >= start.date()]
    outlets = sorted({outlet_name(a) for a in new})
    lines = [f"{len(new)} new article{'s' if len(new) != 1 else ''} since the last brief"
             + (f", from {', '.join(outlets)}." if outlets else ".")]  # fmt: skip
    for sentence in summary:
        times = [published.get(i) for i in sentence.sources]
        if times and all(t is not None and t.date() >= start.date() for t in times):
            lines.append(sentence.text)
    return lines


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _members(
    store: BriefStore, rows: Sequence[StoryRow], end: datetime, config: RankConfig
) -> dict[str, list[Article]]:
    """Story id -> its ``max_members`` most recent members published before ``end``, all
    stories read in one batch."""
    wanted = {row.id: row.articles[-config.max_members :] for row in rows}
    found = store.stories.articles_by_id([i for ids in wanted.values() for i in ids])
    return {
        story: [
            a
            for a in (found.get(i) for i in ids)
            if a and (a.published is None or _aware(a.published) < end)
        ]
        for story, ids in wanted.items()
    }


def _story(
    row: StoryRow,
    members: list[Article],
    notes: dict[str, Annotations],
    day: date,
    start: datetime,
    readings: ReadingKeeper,
) -> tuple[BriefStory, list[ComingUp]]:
    """One story of the brief; a section whose reading raises is left out (and logged).
    The costly, day-free part (summary, comparison, key quote, dated events) is the kept
    reading when its members are unchanged (:mod:`newsdesk.publish.readings`)."""
    part = f"story {row.id}"
    headline = _headline(row, members)
    reading = readings.reading(row.id, members, notes, headline)
    summary = reading.summary
    understood = reading.understood
    sources = [
        BriefSource(a.id or "", outlet_name(a), a.title, a.url,
                    a.published.isoformat() if a.published else None)
        for a in members
    ]  # fmt: skip
    story = BriefStory(
        story_id=row.id,
        headline=headline,
        summary=summary,
        sources=sources,
        quote=reading.quote,
        timeline=guarded(f"{part} timeline", lambda: _timeline(understood, day), []),
        only_in=reading.only_in,
        only_in_more=reading.only_in_more,
        conflicts=reading.conflicts,
        since_last=guarded(
            f"{part} since the last brief", lambda: _since_last(members, summary, start), None
        ),
    )
    story.perspectives = unrepeated(reading.perspectives, story)
    coming: list[ComingUp] = guarded(
        f"{part} coming up", lambda: _coming_up(row, headline, members, notes, day), []
    )
    return story, coming


def build_brief(
    store: BriefStore,
    day: date,
    *,
    top: int = 10,
    config: RankConfig | None = None,
    rising: bool = False,
) -> Brief:
    """The brief for ``day``: its ``top`` stories, ranked, summarised and compared;
    ``rising``: with what was rising at the end of the day at its top."""
    made = _build_brief(store, day, top=top, config=config)
    if rising:  # newsdesk.watch.rising; a failure leaves it out, the brief renders
        from newsdesk.watch.rising import brief_rising

        made.rising = guarded("rising", partial(brief_rising, store, day), None)
    return made


def _build_brief(
    store: BriefStore, day: date, *, top: int = 10, config: RankConfig | None = None
) -> Brief:
    config = config or RankConfig()
    rows = store.stories.stories(day=day.isoformat())
    if not rows:
        return Brief(date=day, intro=_intro(day, []))
    end = datetime.combine(day, time.max, tzinfo=UTC)
    end += min(timedelta(hours=14), datetime.max.replace(tzinfo=UTC) - end)  # 9999-12-31
    before = day - timedelta(days=1) if day > date.min else None  # 0001-01-01 has no eve
    previous_rows = store.stories.stories(day=before.isoformat()) if before else []
    previous = {r.id for r in prerank(previous_rows, config)[:top]}
    shortlist = prerank(rows, config)[: max(top * config.shortlist, top)]
    read = _members(store, shortlist, end, config)
    day_times = [
        _aware(a.published) for ms in read.values() for a in ms
        if a.published and _aware(a.published).date() <= day
    ]  # fmt: skip
    now = max(day_times, default=end)
    since = datetime.combine(day, time.min, tzinfo=now.tzinfo)
    scored = []
    for row in shortlist:
        signals = score_story(read[row.id], now=now, previous=previous, story_id=row.id,
                              since=since, config=config)  # fmt: skip
        scored.append((signals, row))
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].id))
    chosen = [(s, r) for s, r in scored if read[r.id]][:top]
    notes = store.annotations.annotations_of([a.id for _, r in chosen for a in read[r.id] if a.id])
    brief = Brief(date=day, intro="", articles=sum(len(read[r.id]) for _, r in chosen))
    readings = ReadingKeeper(store)
    readings.prepare([(r.id, read[r.id]) for _, r in chosen])
    for signals, row in chosen:
        made = guarded(
            f"story {row.id}", partial(_story, row, read[row.id], notes, day, since, readings), None
        )
        if made is None:
            continue  # a story whose reading raises is left out; the rest of the brief renders
        story, coming = made
        story.signals = signals
        brief.stories.append(story)
        brief.coming_up.extend(coming)
    readings.flush()
    brief.coming_up.sort(key=lambda c: (c.date, c.headline))
    brief.intro = _intro(day, brief.stories)
    brief.blindspots = brief_blindspots(store, day)
    return brief
