"""The reader's pages and feeds: server-rendered, complete without JavaScript."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsdesk.store import web_queries as wq
from newsdesk.web import text
from newsdesk.web.desk import (
    MAX_CURSOR,
    MAX_QUERY,
    BadParameter,
    NotFound,
    check_day,
    check_id,
    check_name,
    desk_of,
)
from newsdesk.web.feeds import FORMATS, Entry, Feed, article_entry, render_feed
from newsdesk.web.views import (
    article_notes,
    article_view,
    brief_view,
    day_brief,
    entity_view,
    known_days,
    outlet_view,
    search_view,
    story_view,
)

__all__ = ["base_context", "router"]

router = APIRouter(include_in_schema=False)

THEMES = ("auto", "light", "dark")
BRIEF_FEED_DAYS = 7
Q = Annotated[str | None, Query(max_length=MAX_QUERY)]
After = Annotated[str | None, Query(max_length=MAX_CURSOR)]


def base_context(request: Request) -> dict[str, Any]:
    theme = request.cookies.get("theme", "auto")
    return {
        "theme": theme if theme in THEMES else "auto",
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        "q": "",
    }


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    body = desk_of(request).render(template, **{**base_context(request), **context})
    return HTMLResponse(body)


def _brief_page(request: Request, day: str | None) -> Response:
    """A brief page, rendered once per store state and scheme (the brief takes seconds)."""
    desk, context = desk_of(request), base_context(request)

    def build() -> str:
        view = brief_view(desk, day)
        return desk.render("brief.html", **context, view=view, today=day is None)

    page = desk.cached("brief-page", context["theme"], context["here"], build=build, stale_ok=True)
    return HTMLResponse(page)


@router.get("/")
def brief_today(request: Request) -> Response:
    return _brief_page(request, None)


@router.get("/brief/{day}")
def brief_day(request: Request, day: Annotated[str, Path(max_length=10)]) -> Response:
    return _brief_page(request, check_day(day))


@router.get("/briefs")
def briefs(request: Request) -> Response:
    return _page(request, "briefs.html", days=known_days(desk_of(request)))


@router.get("/story/{story_id}")
def story(request: Request, story_id: Annotated[str, Path(max_length=200)]) -> Response:
    desk = desk_of(request)
    check_id(story_id, name="story_id")
    live = desk.store.stories.resolve_story(story_id)
    if live != story_id:  # merged into another story: its old URL keeps working
        return RedirectResponse(f"/story/{quote(live)}", status_code=301)
    return _page(request, "story.html", view=story_view(desk, story_id))


@router.get("/article/{article_id}")
def article(request: Request, article_id: Annotated[str, Path(max_length=200)]) -> Response:
    page = article_view(desk_of(request), check_id(article_id, name="article_id"))
    found = page.article
    return _page(
        request,
        "article.html",
        **page.context(),
        lang=text.language(found.language),
        dir=text.direction(found.language),
        flags=text.flag_notes(found.flags),
        date_note=text.published_note(found.published_source),
        notes=article_notes(desk_of(request), found),
    )


@router.get("/outlets")
def outlets(request: Request) -> Response:
    with desk_of(request).reader() as db:
        rows = wq.outlets(db)
    return _page(request, "outlets.html", outlets=rows)


@router.get("/outlet/{name:path}")
def outlet(
    request: Request, name: Annotated[str, Path(max_length=400)], after: After = None
) -> Response:
    page = outlet_view(desk_of(request), check_name(name), after)
    return _page(request, "outlet.html", **page.context())


@router.get("/search")
def search(request: Request, q: Q = None, after: After = None) -> Response:
    from newsdesk.web.desk import check_query

    query = check_query(q)
    try:
        view = search_view(desk_of(request), query, after)
    except BadParameter as exc:
        body = desk_of(request).render(
            "search.html", **{**base_context(request), "q": query, "view": None, "error": exc}
        )
        return HTMLResponse(body, status_code=400)
    return _page(request, "search.html", view=view, q=query, error=None)


@router.get("/entity/{name:path}")
def entity(request: Request, name: Annotated[str, Path(max_length=400)]) -> Response:
    page = entity_view(desk_of(request), check_name(name))
    return _page(request, "entity.html", **page.context())


@router.get("/theme")
def theme(request: Request, set: Annotated[str, Query(max_length=5)], next: Q = None) -> Response:
    """The no-JavaScript scheme toggle: remember the choice in a cookie, go back."""
    if set not in THEMES:
        raise BadParameter("set", "is one of auto, light, dark")
    target = next if next and re.fullmatch(r"/(?![/\\])[^\s\\]*", next) else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie("theme", set, max_age=365 * 86400, httponly=True, samesite="lax", path="/")
    return response


@router.get("/static/{name}")
def static(request: Request, name: Annotated[str, Path(max_length=100)]) -> Response:
    found = desk_of(request).assets.files.get(name)
    if found is None:
        raise NotFound("there is no such file")
    data, media = found
    return Response(
        data,
        media_type=media,
        headers={"cache-control": "public, max-age=31536000, immutable"},
    )


# -- feeds ---------------------------------------------------------------------


def _fmt(fmt: str) -> str:
    if fmt not in FORMATS:
        raise BadParameter("format", "feeds end in .atom, .rss or .json")
    return fmt


def _feed_response(feed: Feed, fmt: str) -> Response:
    return Response(render_feed(feed, fmt), media_type=FORMATS[fmt])


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@router.get("/feeds/brief.{fmt}")
def brief_feed(request: Request, fmt: Annotated[str, Path(max_length=5)]) -> Response:
    """The briefs of the latest days, one entry per day, each entry the whole brief."""
    from newsdesk.publish.render.html import render_html

    desk, base = desk_of(request), desk_of(request).settings.base_url
    fmt = _fmt(fmt)
    entries = []
    for row in known_days(desk)[:BRIEF_FEED_DAYS]:
        made = day_brief(desk, row.day)
        html: str = desk.cached(
            "brief-html", row.day, build=partial(render_html, made, standalone=False)
        )
        entries.append(
            Entry(
                id=f"{base}/brief/{row.day}",
                title=f"Brief for {row.day}",
                url=f"{base}/brief/{row.day}",
                updated=datetime.fromisoformat(row.day).replace(hour=23, minute=59, tzinfo=UTC),
                summary=made.intro,
                content_html=html,
            )
        )
    feed = Feed(
        title="newsdesk brief",
        page_url=f"{base}/",
        feed_url=f"{base}/feeds/brief",
        updated=max((e.updated for e in entries), default=_now()),
        entries=entries,
    )
    return _feed_response(feed, fmt)


def _articles_feed(title: str, page: str, url: str, articles: list[Any], fmt: str) -> Response:
    now = _now()
    entries = [article_entry(a, url.split("/feeds/")[0], fallback=now) for a in articles]
    feed = Feed(
        title=title,
        page_url=page,
        feed_url=url,
        updated=max((e.updated for e in entries), default=now),
        entries=entries,
    )
    return _feed_response(feed, _fmt(fmt))


@router.get("/feeds/story/{story_id}.{fmt}")
def story_feed(
    request: Request,
    story_id: Annotated[str, Path(max_length=200)],
    fmt: Annotated[str, Path(max_length=5)],
) -> Response:
    desk, base = desk_of(request), desk_of(request).settings.base_url
    view = story_view(desk, check_id(story_id, name="story_id"))
    title = f"Story: {view.story.title or view.story.id}"
    sid = quote(view.story.id)
    return _articles_feed(
        title, f"{base}/story/{sid}", f"{base}/feeds/story/{sid}", view.members, fmt
    )


@router.get("/feeds/outlet/{name:path}.{fmt}")
def outlet_feed(
    request: Request,
    name: Annotated[str, Path(max_length=400)],
    fmt: Annotated[str, Path(max_length=5)],
) -> Response:
    desk, base = desk_of(request), desk_of(request).settings.base_url
    fmt = _fmt(fmt)
    with desk.reader() as db:  # the feed needs the articles only, not the stories
        articles, _ = wq.articles_page(db, outlet=check_name(name), limit=50)
    if not articles:
        raise NotFound(f"there is no outlet called {name!r}", hint="The outlets page lists them.")
    safe = quote(name, safe="")
    return _articles_feed(
        f"Outlet: {name}",
        f"{base}/outlet/{safe}",
        f"{base}/feeds/outlet/{safe}",
        articles,
        fmt,
    )


@router.get("/feeds/search.{fmt}")
def search_feed(request: Request, fmt: Annotated[str, Path(max_length=5)], q: Q = None) -> Response:
    from newsdesk.web.desk import check_query

    desk, base = desk_of(request), desk_of(request).settings.base_url
    query = check_query(q)
    if not query:
        raise BadParameter("q", "a search feed needs a query: /feeds/search.atom?q=WORDS")
    view = search_view(desk, query, None, limit=50)
    found = desk.store.articles.article
    articles = [a for hit in view.hits if (a := found(hit.id))]
    qs = quote(query, safe="")
    return _feed_response(
        Feed(
            title=f"Search: {query}",
            page_url=f"{base}/search?q={qs}",
            feed_url=f"{base}/feeds/search",
            query=f"?q={qs}",
            updated=max((text.utc(a.published) or _now() for a in articles), default=_now()),
            entries=[article_entry(a, base, fallback=_now()) for a in articles],
        ),
        _fmt(fmt),
    )


@router.get("/feeds/entity/{name:path}.{fmt}")
def entity_feed(
    request: Request,
    name: Annotated[str, Path(max_length=400)],
    fmt: Annotated[str, Path(max_length=5)],
) -> Response:
    desk, base = desk_of(request), desk_of(request).settings.base_url
    fmt = _fmt(fmt)
    page = entity_view(desk, check_name(name))
    found, profile = page.articles, page.profile
    newest = [found[i] for i in reversed(profile.articles) if i in found][:50]
    safe = quote(profile.name, safe="")
    return _articles_feed(
        f"Entity: {profile.name}",
        f"{base}/entity/{safe}",
        f"{base}/feeds/entity/{safe}",
        newest,
        fmt,
    )
