"""What each page shows, gathered from the store; pages, feeds and the API share these."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from newsdesk.annotate.entity_resolver import entity_spellings
from newsdesk.article import Article
from newsdesk.errors import SearchSyntaxError
from newsdesk.store import SearchHit
from newsdesk.store import web_queries as q
from newsdesk.store.search import ParsedQuery, parse_query, with_entity_names
from newsdesk.store.stories import StoryRow
from newsdesk.web.desk import BadParameter, Desk, NotFound, decode_cursor, encode_cursor

__all__ = [
    "ArticleNotes",
    "ArticlePage",
    "BriefView",
    "EntityPage",
    "OutletPage",
    "PageContext",
    "SearchView",
    "StoryView",
    "article_notes",
    "brief_view",
    "day_brief",
    "entity_view",
    "find_entity",
    "group_members",
    "known_days",
    "search_view",
    "story_view",
]

if TYPE_CHECKING:
    from markupsafe import Markup

    from newsdesk.annotate.views import EntityProfile
    from newsdesk.article import Event
    from newsdesk.outlets.model import Outlet
    from newsdesk.publish import Brief
    from newsdesk.storyview import StoryUnderstanding

SEARCH_PAGE = 20
OUTLET_STORIES = 100  # stories an outlet page lists (its latest)


@dataclass(slots=True)
class StoryView:
    story: StoryRow
    members: list[Article]
    groups: list[tuple[str, list[tuple[Article, list[Article]]]]] = field(default_factory=list)
    understanding: StoryUnderstanding | None = None

    def source_labels(self) -> dict[str, str]:
        """Each member's citation label, one per article: its outlet, numbered where the
        outlet has several members ("Reuters 1", "Reuters 2"), else a short title."""
        return source_labels(self.members)


def source_labels(members: list[Article]) -> dict[str, str]:
    names = {a.id or a.source: a.outlet or _short_title(a.title) or "source" for a in members}
    counts: dict[str, int] = defaultdict(int)
    for name in names.values():
        counts[name] += 1
    seen: dict[str, int] = defaultdict(int)
    labels = {}
    for a in members:
        name = names[a.id or a.source]
        if counts[name] > 1:
            seen[name] += 1
            name = f"{name} {seen[name]}"
        labels[a.id or a.source] = name
    return labels


def _short_title(title: str | None, limit: int = 48) -> str:
    if not title or len(title) <= limit:
        return title or ""
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


@dataclass(slots=True)
class BriefView:
    day: str | None  # None: the store holds no dated article yet
    brief: Brief | None
    previous: str | None = None
    following: str | None = None


class PageContext:
    """A page's values as the template's variables (shallow: the values stay typed)."""

    __slots__ = ()

    def context(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ArticlePage(PageContext):
    """One article, the copies that repeat it, the article it copies, its story."""

    article: Article
    copies: list[Article]
    original: Article | None
    story: StoryRow | None


@dataclass(frozen=True, slots=True)
class ArticleNotes:
    """What the annotate stage read in one article, for its page: its paragraphs with the
    names and quotes marked, its names (name, type) and its quotes (speaker, text, kind)."""

    paragraphs: list[Markup]
    entities: list[tuple[str, str]]
    quotes: list[tuple[str | None, str, str]]


@dataclass(frozen=True, slots=True)
class EntityPage(PageContext):
    """One entity's page: its profile, stories, dated events (day, article id, event), the
    articles those come from and the names mentioned beside it (name, type, articles)."""

    profile: EntityProfile
    stories: list[StoryRow]
    articles: dict[str, Article]
    events: list[tuple[str, str, Event]]
    co_mentioned: list[tuple[str, str, int]]


@dataclass(frozen=True, slots=True)
class OutletPage(PageContext):
    """An outlet's page: a page of its articles, its latest stories (those only it
    carries), the cursor of the next page and what the registry knows of it."""

    name: str
    articles: list[Article]
    stories: list[StoryRow]
    only_here: list[StoryRow]
    next_cursor: str | None
    registered: Outlet | None


@dataclass(slots=True)
class SearchView:
    query: str
    parsed: ParsedQuery | None
    hits: list[SearchHit]
    next_cursor: str | None
    facets: q.Facets | None
    ceiling: int = 0


def group_members(
    members: list[Article],
) -> list[tuple[str, list[tuple[Article, list[Article]]]]]:
    """Originals grouped by outlet, each with the copies that repeat it ("also published by")."""
    ids = {a.id for a in members}
    copies: dict[str, list[Article]] = defaultdict(list)
    originals = []
    for article in members:
        original = article.extras.get("copy_of")
        if original and original in ids and original != article.id:
            copies[original].append(article)
        else:
            originals.append(article)
    groups: dict[str, list[tuple[Article, list[Article]]]] = {}
    for article in originals:
        outlet = article.outlet or "Unknown outlet"
        groups.setdefault(outlet, []).append((article, copies.get(article.id or "", [])))
    return list(groups.items())


def _with_members(desk: Desk, stories: list[StoryRow]) -> list[StoryView]:
    with desk.reader() as db:
        found = q.articles_by_ids(db, [i for s in stories for i in s.articles])
    views = []
    for story in stories:
        members = [found[i] for i in story.articles if i in found]
        views.append(StoryView(story=story, members=members, groups=group_members(members)))
    return views


def known_days(desk: Desk) -> list[q.DayRow]:
    """Every day with published articles, newest first (read once per store state)."""

    def read() -> list[q.DayRow]:
        with desk.reader() as db:
            return q.days(db)

    found: list[q.DayRow] = desk.cached("days", build=read)
    return found


def day_brief(desk: Desk, day: str) -> Brief:
    """The brief of ``day`` from :func:`newsdesk.publish.build_brief`, built once per store
    state (a brief of a busy day takes seconds; every reader after the first gets it at once)."""
    from newsdesk.publish import build_brief

    def build() -> Brief:
        try:
            return build_brief(
                desk.store, date.fromisoformat(day), rising=desk.settings.brief_rising
            )
        except OverflowError:  # articles dated at the very edge of the calendar
            raise BadParameter("day", f"{day} is too close to the calendar's edge") from None

    brief: Brief = desk.cached("brief", day, build=build, stale_ok=True)
    return brief


def brief_view(desk: Desk, day: str | None) -> BriefView:
    """The brief of ``day``; ``day=None`` is the latest day with articles. A day without
    articles is a brief that says so, not an error."""
    known = [d.day for d in known_days(desk)]
    if day is None:
        if not known:
            return BriefView(day=None, brief=None)
        day = known[0]
    later = [d for d in known if d > day]
    earlier = [d for d in known if d < day]
    return BriefView(
        day=day,
        brief=day_brief(desk, day),
        previous=earlier[0] if earlier else None,
        following=later[-1] if later else None,
    )


def story_view(desk: Desk, story_id: str) -> StoryView:
    """One story with its members and what the annotate stage read in them."""
    from newsdesk.storyview import understand_story

    story = desk.store.stories.story(story_id)
    if story is None:
        raise NotFound(f"there is no story {story_id!r}", hint="Search for its words instead.")
    view = _with_members(desk, [story])[0]
    # the summary and comparison take tens of milliseconds: read once per store state
    view.understanding = desk.cached(
        "understanding",
        story_id,
        build=lambda: understand_story(desk.store, view.members, story.title),
        stale_ok=True,
    )
    return view


def article_view(desk: Desk, article_id: str) -> ArticlePage:
    article = desk.store.articles.article(article_id)
    if article is None:
        raise NotFound(
            f"there is no article {article_id!r}", hint="Search for its title or words instead."
        )
    copies = desk.store.articles.copies_of(article_id)
    original_id = article.extras.get("copy_of")
    original = desk.store.articles.article(original_id) if original_id else None
    story = desk.store.stories.story(article.story_id) if article.story_id else None
    return ArticlePage(article=article, copies=copies, original=original, story=story)


def find_entity(desk: Desk, name: str) -> EntityProfile | None:
    """``newsdesk entity NAME --json`` of a name in any spelling; a spelling only ever seen
    as written ("Varga") resolves through its canonical name. The name is looked up in
    the desk's entity directory first, so an unknown name costs a dictionary lookup;
    a known one's profile is built once per directory version and reads a bounded
    number of articles (:mod:`newsdesk.web.entities`)."""
    from newsdesk.web.entities import bounded_profile

    _, directory = desk.entities.get()
    entity = directory.find(name)
    if entity is None:
        return None
    profile: EntityProfile = desk.cached(
        "entity",
        entity.name,
        entity.type,
        build=lambda: bounded_profile(desk.store, entity),
        stale_ok=True,
    )
    return profile


def entity_view(desk: Desk, name: str) -> EntityPage:
    """One entity: ``profile`` as :func:`find_entity` gives it, plus its stories, dated
    events, the names mentioned beside it and the articles its quotes come from."""
    profile = find_entity(desk, name)
    if profile is None:
        raise NotFound(
            f"there is no entity called {name!r} in the articles read so far",
            hint="It may be spelled another way; search the articles for it.",
            search=name,
        )
    page: EntityPage = desk.cached(
        "entity-extras",
        profile.name,
        profile.type,
        build=lambda: _entity_extras(desk, profile),
        stale_ok=True,
    )
    return page


def _entity_extras(desk: Desk, profile: EntityProfile) -> EntityPage:
    from newsdesk.annotate.names import name_key
    from newsdesk.web.entities import MAX_ARTICLES

    names = [profile.name, *profile.aliases]
    keys = {name_key(n, profile.type) for n in names} - {()}
    ids: list[str] = profile.articles[-MAX_ARTICLES:]  # the newest: a bounded page
    with desk.reader() as db:
        stories = q.story_rows(db, profile.stories[:100])
        articles = q.articles_by_ids(db, ids)
        beside = q.co_mentions(db, names)
    events = []
    for article_id, found in desk.store.annotations.annotations_of(ids).items():
        for event in found.events:
            named = {name_key(n, profile.type) for n in (event.actor, event.target) if n}
            if event.date and named & keys:
                events.append((event.date, article_id, event))
    events.sort(key=lambda item: (item[0], item[1]))
    return EntityPage(
        profile=profile,
        stories=stories,
        articles=articles,
        events=events,
        co_mentioned=[c for c in beside if name_key(c[0], c[1]) not in keys],
    )


def article_notes(desk: Desk, article: Article) -> ArticleNotes:
    """The names and quotes the annotate stage read in one article, for its page."""
    from newsdesk.web.text import marked_paragraphs

    found = (
        desk.store.annotations.annotations_of([article.id]).get(article.id or "")
        if article.id
        else None
    )
    body = article.body
    if found is None:
        return ArticleNotes(paragraphs=marked_paragraphs(body, []), entities=[], quotes=[])
    names: dict[str, str] = {}
    spans: list[tuple[int, int, str, str]] = []
    for mention in found.entities:
        name = mention.canonical or mention.text
        names.setdefault(name, mention.type)
        if body[mention.start : mention.end] == mention.text:
            spans.append((mention.start, mention.end, "entity", name))
    for quote in found.quotes:
        if 0 <= quote.start < quote.end <= len(body):
            spans.append((quote.start, quote.end, "quote", quote.speaker or ""))
    return ArticleNotes(
        paragraphs=marked_paragraphs(body, spans),
        entities=sorted(names.items(), key=lambda item: item[0].casefold()),
        quotes=[(q.speaker, q.text, q.kind) for q in found.quotes],
    )


def outlet_view(desk: Desk, name: str, after: str | None) -> OutletPage:
    """An outlet's articles (a page at a time) and, on its first page, its latest stories;
    the first page is built once per store state (answered stale while a slow one is redone)."""
    if after is None:
        found: OutletPage = desk.cached(
            "outlet", name, build=lambda: _outlet_view(desk, name, None), stale_ok=True
        )
        return found
    return _outlet_view(desk, name, after)


def _outlet_view(desk: Desk, name: str, after: str | None) -> OutletPage:
    key = decode_cursor(after, shape=(str, int))
    with desk.reader() as db:
        articles, next_key = q.articles_page(db, outlet=name, after=key, limit=50)
        if not articles and key is None:
            raise NotFound(
                f"there is no outlet called {name!r}", hint="The outlets page lists them all."
            )
        # the outlet's latest stories only: an outlet of years has thousands
        latest = q.outlet_story_ids(db, name)[:OUTLET_STORIES] if key is None else []
        stories = q.story_rows(db, latest)
    return OutletPage(
        name=name,
        articles=articles,
        stories=stories,
        only_here=[s for s in stories if s.outlets == [name]],
        next_cursor=encode_cursor(next_key),
        registered=desk.store.outlets.outlet_registry().get(name),  # newsdesk.outlets: its facts
    )


def parse_search(query: str) -> ParsedQuery:
    try:
        parsed = parse_query(query)
    except SearchSyntaxError as exc:
        raise BadParameter("q", str(exc)) from None
    return parsed


def search_view(
    desk: Desk, query: str, after: str | None, *, limit: int = SEARCH_PAGE
) -> SearchView:
    """Ranked hits and facets; malformed queries raise BadParameter("q", hint)."""
    if not query:
        return SearchView(query="", parsed=None, hits=[], next_cursor=None, facets=None)
    parsed = parse_search(query)
    key = decode_cursor(after, shape=(int, float, int))
    with desk.reader() as db:
        ceiling = key[0] if key else q.max_rowid(db)
        parsed = with_entity_names(parsed, db, entity_spellings)
        try:
            hits, next_key = q.search_page(
                db, parsed, ceiling=ceiling, after=key[1:] if key else None, limit=limit
            )
            # counts by outlet and day over every hit: read once per store state and query
            facets = desk.cached(
                "facets", query, ceiling, build=lambda: q.facets(db, parsed, ceiling=ceiling)
            )
        except Exception as exc:  # FTS5 rejects what parse_query let through
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                raise BadParameter("q", f"cannot search for {query!r}: {exc}") from None
            raise
    cursor = encode_cursor([ceiling, *next_key]) if next_key else None
    return SearchView(
        query=query, parsed=parsed, hits=hits, next_cursor=cursor, facets=facets, ceiling=ceiling
    )
