"""What each page shows, gathered from the store; pages, feeds and the API share these."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsdesk.article import Article
from newsdesk.errors import SearchSyntaxError
from newsdesk.store import SearchHit
from newsdesk.store import web_queries as q
from newsdesk.store.search import ParsedQuery, parse_query
from newsdesk.store.stories import StoryRow
from newsdesk.web.desk import BadParameter, Desk, NotFound, decode_cursor, encode_cursor

__all__ = [
    "BriefView",
    "SearchView",
    "StoryView",
    "brief_view",
    "group_members",
    "search_view",
    "story_view",
]

SEARCH_PAGE = 20


@dataclass(slots=True)
class StoryView:
    story: StoryRow
    members: list[Article]
    groups: list[tuple[str, list[tuple[Article, list[Article]]]]] = field(default_factory=list)
    understanding: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(slots=True)
class BriefView:
    day: str | None
    stories: list[StoryView]
    previous: str | None = None
    following: str | None = None


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


def brief_view(desk: Desk, day: str | None) -> BriefView:
    """A day's stories; ``day=None`` is today, or the latest day with stories."""
    with desk.reader() as db:
        known = [d.day for d in q.days(db) if d.stories]
    if day is None:
        today = date.today().isoformat()
        day = today if today in known or not known else known[0]
    elif day not in known:
        raise NotFound(
            f"there is no brief for {day}",
            hint="The archive lists every day with stories.",
        )
    stories = desk.store.stories(day=day)
    later = [d for d in known if d > day]
    earlier = [d for d in known if d < day]
    return BriefView(
        day=day if known else None,
        stories=_with_members(desk, stories),
        previous=earlier[0] if earlier else None,
        following=later[-1] if later else None,
    )


def story_view(desk: Desk, story_id: str) -> StoryView:
    """One story with its members and what the annotate stage read in them."""
    from newsdesk.storyview import understand_story

    story = desk.store.story(story_id)
    if story is None:
        raise NotFound(f"there is no story {story_id!r}", hint="Search for its words instead.")
    view = _with_members(desk, [story])[0]
    view.understanding = understand_story(desk.store, view.members)
    return view


def article_view(desk: Desk, article_id: str) -> dict[str, Any]:
    article = desk.store.article(article_id)
    if article is None:
        raise NotFound(
            f"there is no article {article_id!r}", hint="Search for its title or words instead."
        )
    copies = desk.store.copies_of(article_id)
    original_id = article.extras.get("copy_of")
    original = desk.store.article(original_id) if original_id else None
    story = desk.store.story(article.story_id) if article.story_id else None
    return {"article": article, "copies": copies, "original": original, "story": story}


def outlet_view(desk: Desk, name: str, after: str | None) -> dict[str, Any]:
    key = decode_cursor(after, shape=(str, int))
    with desk.reader() as db:
        articles, next_key = q.articles_page(db, outlet=name, after=key, limit=50)
        if not articles and key is None:
            raise NotFound(
                f"there is no outlet called {name!r}", hint="The outlets page lists them all."
            )
        stories = q.story_rows(db, q.outlet_story_ids(db, name)) if key is None else []
    return {
        "name": name,
        "articles": articles,
        "stories": stories,
        "only_here": [s for s in stories if s.outlets == [name]],
        "next_cursor": encode_cursor(next_key),
    }


def parse_search(query: str) -> ParsedQuery:
    try:
        parsed = parse_query(query)
    except SearchSyntaxError as exc:
        raise BadParameter("q", str(exc)) from None
    if parsed.entities:
        raise BadParameter(
            "q", "entity: filters need the entity index, which is not built yet; search words"
        )
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
        try:
            hits, next_key = q.search_page(
                db, parsed, ceiling=ceiling, after=key[1:] if key else None, limit=limit
            )
            facets = q.facets(db, parsed, ceiling=ceiling)
        except Exception as exc:  # FTS5 rejects what parse_query let through
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                raise BadParameter("q", f"cannot search for {query!r}: {exc}") from None
            raise
    cursor = encode_cursor([ceiling, *next_key]) if next_key else None
    return SearchView(
        query=query, parsed=parsed, hits=hits, next_cursor=cursor, facets=facets, ceiling=ceiling
    )
