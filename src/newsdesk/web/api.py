"""``/api/v1``: the CLI contract's JSON over HTTP, through :mod:`newsdesk.serialize`.

List endpoints return exactly the list the CLI prints, a page at a time; the next
page is in the ``Link: <...>; rel="next"`` header (keyset cursor in ``after``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from newsdesk import serialize
from newsdesk.store import SearchHit
from newsdesk.store import web_queries as wq
from newsdesk.web.desk import (
    MAX_CURSOR,
    MAX_QUERY,
    NotFound,
    check_day,
    check_query,
    decode_cursor,
    desk_of,
    encode_cursor,
)
from newsdesk.web.text import plain_snippet
from newsdesk.web.views import day_brief, find_entity, search_view

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])

_S = {"type": "string"}
_SN = {"type": ["string", "null"]}
_INT = {"type": "integer"}
_STRS = {"type": "array", "items": _S}
ARTICLE_ROW = {
    "type": "object",
    "required": ["id", "title", "outlet", "published", "story_id", "flags"],
    "properties": {
        "id": _S,
        "title": _SN,
        "outlet": _SN,
        "published": _SN,
        "story_id": _SN,
        "flags": _STRS,
        "copy_of": _SN,
    },
}
ARTICLE_FULL = {
    "type": "object",
    "required": [*ARTICLE_ROW["required"], "text", "removed", "also_published_by"],
    "properties": {
        **ARTICLE_ROW["properties"],  # type: ignore[dict-item]
        "author": _SN,
        "text": _S,
        "removed": {
            "type": "array",
            "items": {"type": "object", "properties": {"text": _S, "reason": _S}},
        },
        "also_published_by": {"type": "array", "items": {"type": "object"}},
    },
}
STORY_ROW = {
    "type": "object",
    "required": ["id", "title", "articles", "outlets"],
    "properties": {
        "id": _S,
        "title": _SN,
        "articles": _STRS,
        "outlets": _STRS,
        "first_seen": _SN,
        "last_seen": _SN,
        "article_count": _INT,
        "outlet_count": _INT,
    },
}
STORY_FULL = {
    "type": "object",
    "required": ["id", "title", "articles", "entities", "quotes", "events", "summary"],
    "properties": {
        **STORY_ROW["properties"],  # type: ignore[dict-item]
        "articles": {"type": "array", "items": {"type": "object"}},
    },
}
SEARCH_HIT = {
    "type": "object",
    "required": ["id", "title", "outlet", "published", "snippet", "score"],
    "properties": {
        "id": _S,
        "title": _SN,
        "outlet": _SN,
        "published": _SN,
        "snippet": _S,
        "score": {"type": "number"},
        "story_id": _SN,
    },
}
DAY_ROW = {
    "type": "object",
    "required": ["date", "articles", "stories"],
    "properties": {"date": _S, "articles": _INT, "stories": _INT},
}
OUTLET_ROW = {
    "type": "object",
    "required": ["name", "articles", "stories"],
    "properties": {"name": _S, "articles": _INT, "stories": _INT, "latest": _SN},
}
ENTITY_FULL = {
    "type": "object",
    "required": ["name", "type", "aliases", "mentions", "roles", "articles", "stories", "quotes"],
    "properties": {
        "name": _S,
        "type": _S,
        "aliases": _STRS,
        "mentions": _INT,
        "roles": _STRS,
        "country": _SN,
        "first_seen": _SN,
        "last_seen": _SN,
        "articles": _STRS,
        "stories": _STRS,
        "quotes": {"type": "array", "items": {"type": "object"}},
    },
}
BRIEF_FULL = {
    "type": "object",
    "required": ["date", "intro", "stories", "coming_up"],
    "properties": {
        "date": _S,
        "intro": _S,
        "stories": {"type": "array", "items": {"type": "object"}},
        "coming_up": {"type": "array", "items": {"type": "object"}},
    },
}
ERROR = {
    "type": "object",
    "required": ["error", "status"],
    "properties": {"error": _S, "hint": _SN, "status": _INT},
}


def _doc(schema: dict[str, Any], *, many: bool = False, found: bool = False) -> dict[Any, Any]:
    body = {"type": "array", "items": schema} if many else schema
    out: dict[Any, Any] = {
        200: {"description": "OK", "content": {"application/json": {"schema": body}}},
        400: {
            "description": "A malformed or over-long parameter",
            "content": {"application/json": {"schema": ERROR}},
        },
    }
    if found:
        out[404] = {
            "description": "No such id",
            "content": {"application/json": {"schema": ERROR}},
        }
    return out


After = Annotated[
    str | None,
    Query(max_length=MAX_CURSOR, description="The cursor from the previous page's Link header."),
]
Limit = Annotated[int, Query(ge=1, le=100, description="At most this many items.")]
Id = Annotated[str, Path(min_length=1, max_length=64)]
Name = Annotated[str, Path(min_length=1, max_length=200)]


def _paged(request: Request, items: list[Any], cursor: str | None) -> JSONResponse:
    response = JSONResponse(items)
    if cursor:
        params = {k: v for k, v in request.query_params.items() if k != "after"}
        url = f"{request.url.path}?{urlencode({**params, 'after': cursor})}"
        response.headers["link"] = f'<{url}>; rel="next"'
    return response


@router.get("/articles", responses=_doc(ARTICLE_ROW, many=True))
def list_articles(request: Request, after: After = None, limit: Limit = 50) -> JSONResponse:
    """Articles newest first, as ``newsdesk articles --json``."""
    key = decode_cursor(after, shape=(str, int))
    with desk_of(request).reader() as db:
        page, next_key = wq.articles_page(db, after=key, limit=limit)
    return _paged(request, [serialize.article_row(a) for a in page], encode_cursor(next_key))


@router.get("/articles/{article_id}", responses=_doc(ARTICLE_FULL, found=True))
def get_article(request: Request, article_id: Id) -> JSONResponse:
    """One article, as ``newsdesk article ID --json``."""
    store = desk_of(request).store
    found = store.articles.article(article_id)
    if found is None:
        raise NotFound(f"there is no article {article_id!r}")
    return JSONResponse(serialize.article_full(found, copies=store.articles.copies_of(article_id)))


@router.get("/stories", responses=_doc(STORY_ROW, many=True))
def list_stories(
    request: Request,
    day: Annotated[dt.date | None, Query(alias="date", description="YYYY-MM-DD")] = None,
    after: After = None,
    limit: Limit = 50,
) -> JSONResponse:
    """Stories, most outlets first, as ``newsdesk stories [--date D] --json``."""
    key = decode_cursor(after, shape=(int, int, str, str))
    with desk_of(request).reader() as db:
        when = day.isoformat() if day else None
        page, next_key = wq.stories_page(db, day=when, after=key, limit=limit)
    return _paged(request, [serialize.story_row(s) for s in page], encode_cursor(next_key))


@router.get("/stories/{story_id}", responses=_doc(STORY_FULL, found=True))
def get_story(request: Request, story_id: Id) -> JSONResponse:
    """One story, as ``newsdesk story ID --json`` (an old, merged id resolves)."""
    store = desk_of(request).store
    found = store.stories.story(story_id)
    if found is None:
        raise NotFound(f"there is no story {story_id!r}")
    from newsdesk.storyview import understand_story

    members = [a for i in found.articles if (a := store.articles.article(i))]
    understanding = understand_story(store, members, found.title)
    return JSONResponse(serialize.story_full(found, members, understanding))


@router.get("/search", responses=_doc(SEARCH_HIT, many=True))
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="The query.")],
    after: After = None,
    limit: Limit = 20,
) -> JSONResponse:
    """bm25-ranked hits, as ``newsdesk search QUERY --json`` (hits in [ and ])."""
    view = search_view(desk_of(request), check_query(q) or '""', after, limit=limit)
    hits = [
        serialize.search_hit(
            SearchHit(
                h.id,
                h.title,
                h.outlet,
                h.published,
                plain_snippet(h.snippet),
                h.score,
                h.story_id,
            )
        )
        for h in view.hits
    ]
    return _paged(request, hits, view.next_cursor)


@router.get("/outlets", responses=_doc(OUTLET_ROW, many=True))
def list_outlets(request: Request) -> JSONResponse:
    """Every outlet with its article and story counts."""
    with desk_of(request).reader() as db:
        rows = wq.outlets(db)
    return JSONResponse([serialize.outlet_row(o) for o in rows])


@router.get("/briefs", responses=_doc(DAY_ROW, many=True))
def list_briefs(request: Request) -> JSONResponse:
    """Every day with stories, newest first (the archive of briefs)."""
    with desk_of(request).reader() as db:
        rows = [d for d in wq.days(db) if d.stories]
    return JSONResponse([serialize.day_row(d) for d in rows])


@router.get("/briefs/{day}", responses=_doc(BRIEF_FULL))
def get_brief(
    request: Request,
    day: Annotated[
        str,
        Path(
            pattern=r"^\d{4}-\d{2}-\d{2}$",
            description="YYYY-MM-DD",
            json_schema_extra={"format": "date"},
        ),
    ],
) -> JSONResponse:
    """One day's brief, as ``newsdesk brief --date D --format json`` (a day without articles
    gives a brief that says so)."""
    from newsdesk.publish import brief_json

    return JSONResponse(brief_json(day_brief(desk_of(request), check_day(day, name="day"))))


@router.get("/entities/{name:path}", responses=_doc(ENTITY_FULL, found=True))
def get_entity(request: Request, name: Name) -> JSONResponse:
    """One person, organisation or place in any spelling, as ``newsdesk entity NAME --json``."""
    profile = find_entity(desk_of(request), name)
    if profile is None:
        raise NotFound(f"there is no entity called {name!r}", hint=f"search: entity:{name}")
    return JSONResponse(serialize.entity_profile_json(profile))
