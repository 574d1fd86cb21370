"""Watchlists, trends and rising on the web desk and in the API.

Reading is public: a watchlist's page and feeds (``/watch/NAME``, ``/feeds/watch/NAME.atom``
…) show its query and latest matches, never where its alerts go. Making or removing one
needs a signed-in user and the session's CSRF token (the admin's sign-in,
:mod:`newsdesk.web.auth`); the API takes the token in an ``X-CSRF-Token`` header.
``/watch/unsubscribe/TOKEN`` is the alert mails' one-click unsubscribe (RFC 8058).
:func:`install` includes the router and gives the templates ``trend_chart``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup

from newsdesk.annotate.entity_resolver import entity_spellings
from newsdesk.errors import NewsdeskError, SearchSyntaxError, TokenError
from newsdesk.web import auth
from newsdesk.web.api import ERROR
from newsdesk.web.desk import (
    MAX_QUERY,
    BadParameter,
    Desk,
    NotFound,
    check_name,
    check_query,
    desk_of,
)
from newsdesk.web.feeds import FORMATS, Feed, article_entry, render_feed
from newsdesk.web.pages import base_context

__all__ = ["install", "router"]

router = APIRouter()
Short = Annotated[str, Form(max_length=200)]
Csrf = Annotated[str | None, Form(max_length=200)]
Every = Annotated[str | None, Query(pattern="^(hour|day)$")]
Q = Annotated[str | None, Query(max_length=MAX_QUERY)]
Name = Annotated[str, Path(max_length=200)]
DONE = {"added": "Watchlist saved: alerts start with the next articles.", "removed": "Removed."}


_S, _SN, _INT = {"type": "string"}, {"type": ["string", "null"]}, {"type": "integer"}
TREND = {
    "type": "object",
    "required": ["label", "every", "total", "points"],
    "properties": {
        "label": _S,
        "every": {"enum": ["hour", "day"]},
        "total": _INT,
        "earlier": _INT,
        "points": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["at", "articles"],
                "properties": {"at": _S, "articles": _INT},
            },
        },
    },
}
_RISING_ITEM = {
    "type": "object",
    "required": ["kind", "id", "label", "recent", "baseline_mean", "baseline_stddev", "score"],
    "properties": {
        "kind": {"enum": ["story", "entity"]}, "id": _S, "label": _S, "recent": _INT,
        "baseline_mean": {"type": "number"}, "baseline_stddev": {"type": "number"},
        "score": {"type": "number"},
    },
}  # fmt: skip
RISING = {
    "type": "object",
    "required": ["anchor", "window_hours", "baseline_windows", "stories", "entities"],
    "properties": {
        "anchor": _S, "window_hours": {"type": "number"}, "baseline_windows": _INT,
        "stories": {"type": "array", "items": _RISING_ITEM},
        "entities": {"type": "array", "items": _RISING_ITEM},
    },
}  # fmt: skip
WATCH_ROW = {
    "type": "object",
    "required": ["name", "query", "url", "feeds", "matched", "created_at"],
    "properties": {
        "name": _S, "query": _S, "url": _S, "matched": _INT, "created_at": _S,
        "feeds": {"type": "object", "additionalProperties": _S},
        "email": _SN, "webhook": _SN, "status": _S,
        "articles": {"type": "array", "items": {"type": "object"}},
    },
}  # fmt: skip


def _responses(body: dict[str, Any] | None, *, codes: tuple[int, ...] = (200, 400)) -> Any:
    """OpenAPI responses: ``body`` for a 2xx, the API's error object for the others."""
    why = {400: "A malformed or over-long parameter", 403: "Not signed in, or no CSRF token",
           404: "No such watchlist"}  # fmt: skip
    out: dict[Any, Any] = {}
    for code in codes:
        if code < 300:
            content = {"application/json": {"schema": body}} if body is not None else None
            out[code] = {"description": "OK"} | ({"content": content} if content else {})
        else:
            out[code] = {"description": why[code],
                         "content": {"application/json": {"schema": ERROR}}}  # fmt: skip
    return out


def install(app: FastAPI, desk: Desk) -> None:
    """Include the routes and give every template ``trend_chart(kind, value)``."""
    desk.env.globals["trend_chart"] = partial(trend_chart, desk)
    app.include_router(router)


def _page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    body = desk_of(request).render(template, **{**base_context(request), **context})
    return HTMLResponse(body, status_code=status)


# -- trends ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrendOf:
    """What a chart counts: the articles all the given parts select."""

    q: str | None = None
    story: str | None = None
    entity: str | None = None
    outlet: str | None = None

    @property
    def label(self) -> str:
        parts = ["this story" if self.story else "", self.q or ""]
        parts += [f'entity "{self.entity}"' if self.entity else ""]
        parts += [f'outlet "{self.outlet}"' if self.outlet else ""]
        return ", ".join(p for p in parts if p) or "every article"


_KINDS = {"story": "story", "entity": "entity", "outlet": "outlet", "query": "q"}


def _trend(desk: Desk, of: TrendOf, every: str | None = None) -> Any:
    from newsdesk.watch.trends import trend

    build = partial(
        trend, desk.store, label=of.label, query=of.q, story_id=of.story, outlet=of.outlet,
        entity=of.entity, every=every,
    )  # fmt: skip
    return desk.cached("trend", of, every, build=build)


def trend_chart(desk: Desk, kind: str, value: str | None) -> Markup:
    """The chart's HTML for a template (kind: story, entity, outlet or query); nothing
    when there is nothing to count."""
    from newsdesk.watch.trends import chart_html

    if not value or kind not in _KINDS:
        return Markup("")
    try:
        found = _trend(desk, TrendOf(**{_KINDS[kind]: str(value)}))
    except NewsdeskError:
        return Markup("")
    if not found.points:
        return Markup("")
    return Markup(chart_html(found))  # every text in it is escaped by chart_html


@router.get("/api/v1/trends", tags=["api"], responses=_responses(TREND))
def api_trends(
    request: Request,
    q: Q = None,
    story: Annotated[str | None, Query(max_length=64)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    every: Every = None,
) -> JSONResponse:
    """Articles over time, per hour or day, for the articles a query (the search syntax),
    a story, an entity and an outlet all select (none given: every article)."""
    from newsdesk.watch.trends import trend_json

    of = TrendOf(q=check_query(q) or None if q else None, story=story or None,
                 entity=entity or None, outlet=outlet or None)  # fmt: skip
    try:
        found = _trend(desk_of(request), of, every)
    except SearchSyntaxError as exc:
        raise BadParameter("q", exc.args[0]) from None
    return JSONResponse(trend_json(found))


# -- rising ----------------------------------------------------------------------------


def _rising(desk: Desk) -> Any:
    from newsdesk.watch.rising import rising

    return desk.cached("rising", datetime.now(UTC).strftime("%Y%m%d%H"),
                       build=partial(rising, desk.store))  # fmt: skip


@router.get("/rising", include_in_schema=False)
def rising_page(request: Request) -> Response:
    return _page(request, "rising.html", rising=_rising(desk_of(request)))


@router.get("/api/v1/rising", tags=["api"], responses=_responses(RISING))
def api_rising(request: Request) -> JSONResponse:
    """Stories and entities whose coverage grows fastest against their own baseline."""
    return JSONResponse(_rising(desk_of(request)).as_json())


@router.get("/feeds/rising.{fmt}", include_in_schema=False)
def rising_feed(request: Request, fmt: Annotated[str, Path(max_length=5)]) -> Response:
    from newsdesk.web.feeds import Entry

    desk, base = desk_of(request), desk_of(request).settings.base_url
    found = _rising(desk)
    when = datetime.fromisoformat(found.anchor)
    entries = []
    for item in [*found.stories, *found.entities]:
        path = "story" if item.kind == "story" else "entity"
        url = f"{base}/{path}/{quote(item.key, safe='')}"
        entries.append(Entry(
            id=f"{url}#rising-{found.anchor}", title=f"Rising: {item.label}", url=url,
            updated=when, summary=f"{item.recent} articles in the last {found.window_hours:g}"
            f" hours against {item.mean:.1f} usually (score {item.score:.1f}).",
        ))  # fmt: skip
    feed = Feed(title="newsdesk: rising", page_url=f"{base}/rising",
                feed_url=f"{base}/feeds/rising", updated=when, entries=entries)  # fmt: skip
    return Response(render_feed(feed, _fmt(fmt)), media_type=FORMATS[_fmt(fmt)])


def _fmt(fmt: str) -> str:
    if fmt not in FORMATS:
        raise BadParameter("format", "feeds end in .atom, .rss or .json")
    return fmt


# -- watchlists: pages and feeds -------------------------------------------------------


def _watch(desk: Desk, name: str) -> Any:
    found = desk.store.watch.watch(check_name(name))
    if found is None:
        raise NotFound(f"there is no watchlist called {name!r}", hint="/watch lists them.")
    return found


def _matches(desk: Desk, query: str, limit: int = 50) -> list[Any]:
    ids = desk.store.watch.latest_matching(query, limit=limit, spellings=entity_spellings)
    found = desk.store.stories.articles_by_id(ids)
    return [found[i] for i in ids if i in found]


@router.get("/watch", include_in_schema=False)
def watch_list(
    request: Request, done: Annotated[str | None, Query(max_length=20)] = None
) -> Response:
    session = auth.sessions(request).read(request)
    return _page(
        request, "watch_list.html", watches=desk_of(request).store.watch.watches(), session=session,
        done=DONE.get(done or ""), error=None, form={},
    )  # fmt: skip


@router.get("/watch/{name}", include_in_schema=False)
def watch_page(request: Request, name: Name) -> Response:
    desk = desk_of(request)
    watch = _watch(desk, name)
    return _page(request, "watch.html", watch=watch, articles=_matches(desk, watch.query))


@router.get("/feeds/watch/{name}.{fmt}", include_in_schema=False)
def watch_feed(request: Request, name: Name, fmt: Annotated[str, Path(max_length=5)]) -> Response:
    desk, base = desk_of(request), desk_of(request).settings.base_url
    fmt = _fmt(fmt)
    watch = _watch(desk, name)
    now = datetime.now(UTC).replace(microsecond=0)
    entries = [article_entry(a, base, fallback=now) for a in _matches(desk, watch.query)]
    safe = quote(watch.name, safe="")
    feed = Feed(
        title=f"Watchlist: {watch.name}", page_url=f"{base}/watch/{safe}",
        feed_url=f"{base}/feeds/watch/{safe}", entries=entries,
        updated=max((e.updated for e in entries), default=now),
    )  # fmt: skip
    return Response(render_feed(feed, fmt), media_type=FORMATS[fmt])


# -- watchlists: changing them (signed in) ---------------------------------------------


@router.post("/watch", include_in_schema=False)
def watch_add(
    request: Request,
    name: Short = "",
    query: Annotated[str, Form(max_length=MAX_QUERY)] = "",
    email: Short = "",
    webhook: Annotated[str, Form(max_length=2000)] = "",
    csrf: Csrf = None,
) -> Response:
    from newsdesk.watch.lists import add_watchlist

    checked = auth.guard(request, csrf)
    if isinstance(checked, Response):
        return checked
    desk = desk_of(request)
    try:
        watch = add_watchlist(
            desk.store, desk.settings, name, query, email=email.strip() or None,
            webhook=webhook.strip() or None, owner=checked.user,
        )  # fmt: skip
    except NewsdeskError as exc:
        return _page(
            request, "watch_list.html", status=400, watches=desk.store.watch.watches(),
            session=checked, done=None, error=exc.args[0],
            form={"name": name, "query": query, "email": email, "webhook": webhook},
        )  # fmt: skip
    return RedirectResponse(f"/watch/{quote(watch.name, safe='')}", status_code=303)


@router.post("/watch/{name}/remove", include_in_schema=False)
def watch_remove(request: Request, name: Name, csrf: Csrf = None) -> Response:
    checked = auth.guard(request, csrf)
    if isinstance(checked, Response):
        return checked
    if not desk_of(request).store.watch.remove_watch(check_name(name)):
        raise NotFound(f"there is no watchlist called {name!r}", hint="/watch lists them.")
    return RedirectResponse("/watch?done=removed", status_code=303)


# -- the alert mails' one-click unsubscribe --------------------------------------------


def _token(request: Request, token: str) -> tuple[Any, str]:
    from newsdesk.watch.mail import read_unsubscribe_token

    desk = desk_of(request)
    try:
        watch_id, email = read_unsubscribe_token(desk.settings, token)
    except (TokenError, NewsdeskError) as exc:
        raise BadParameter("token", exc.args[0]) from None
    return desk.store.watch.watch_by_id(watch_id), email


@router.get("/watch/unsubscribe/{token}", include_in_schema=False)
def unsubscribe_page(request: Request, token: Annotated[str, Path(max_length=600)]) -> Response:
    watch, email = _token(request, token)
    return _page(request, "watch_unsubscribe.html", watch=watch, email=email, token=token,
                 done=False)  # fmt: skip


@router.post("/watch/unsubscribe/{token}", include_in_schema=False)
def unsubscribe(request: Request, token: Annotated[str, Path(max_length=600)]) -> Response:
    """RFC 8058 one-click: the POST itself unsubscribes (the signed token is the proof)."""
    watch, email = _token(request, token)
    if watch is not None:
        desk_of(request).store.watch.drop_watch_email(watch.id, email)
    return _page(request, "watch_unsubscribe.html", watch=watch, email=email, token=token,
                 done=True)  # fmt: skip


# -- the API ---------------------------------------------------------------------------


def _api_session(request: Request, *, write: bool) -> Any:
    """The signed-in session (writes also need its CSRF token in X-CSRF-Token)."""
    found = auth.sessions(request).read(request)
    if found is None:
        return None
    if write and not auth.same_token(request.headers.get("x-csrf-token"), found.csrf):
        return None
    return found


def _refused() -> JSONResponse:
    return JSONResponse(
        {"error": "sign in first; writes need the session's CSRF token in X-CSRF-Token",
         "hint": None, "status": 403}, status_code=403,
    )  # fmt: skip


@router.get(
    "/api/v1/watch", tags=["api"], responses=_responses({"type": "array", "items": WATCH_ROW})
)
def api_watch_list(request: Request) -> JSONResponse:
    """The watchlists (where alerts go only for a signed-in user)."""
    from newsdesk.watch.lists import watch_row

    desk = desk_of(request)
    private = _api_session(request, write=False) is not None
    rows = [watch_row(w, base_url=desk.settings.base_url, private=private)
            for w in desk.store.watch.watches()]  # fmt: skip
    return JSONResponse(rows)


@router.get(
    "/api/v1/watch/{name}", tags=["api"], responses=_responses(WATCH_ROW, codes=(200, 400, 404))
)
def api_watch(request: Request, name: Name) -> JSONResponse:
    """One watchlist and its latest matches (the article rows of ``articles --json``)."""
    from newsdesk import serialize
    from newsdesk.watch.lists import watch_row

    desk = desk_of(request)
    watch = _watch(desk, name)
    row = watch_row(watch, base_url=desk.settings.base_url, private=False)
    row["articles"] = [serialize.article_row(a) for a in _matches(desk, watch.query)]
    return JSONResponse(row)


@router.post("/api/v1/watch", tags=["api"], responses=_responses(WATCH_ROW, codes=(201, 400, 403)))
async def api_watch_add(request: Request) -> JSONResponse:
    """Save a watchlist: a JSON object with name, query and optionally email, webhook."""
    from newsdesk.watch.lists import add_watchlist, watch_row

    session = _api_session(request, write=True)
    if session is None:
        return _refused()
    try:
        body = json.loads((await request.body())[:20_000] or b"{}")
    except ValueError:
        raise BadParameter("body", "is not a JSON object") from None
    if not isinstance(body, dict):
        raise BadParameter("body", "is not a JSON object")
    fields = {k: body.get(k) for k in ("name", "query", "email", "webhook")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise BadParameter(key, "is a string")
    desk = desk_of(request)
    try:
        watch = add_watchlist(
            desk.store, desk.settings, fields["name"] or "", fields["query"] or "",
            email=fields["email"] or None, webhook=fields["webhook"] or None, owner=session.user,
        )  # fmt: skip
    except NewsdeskError as exc:
        raise BadParameter("query" if isinstance(exc, SearchSyntaxError) else "body",
                           exc.args[0]) from None  # fmt: skip
    return JSONResponse(watch_row(watch, base_url=desk.settings.base_url), status_code=201)


@router.delete(
    "/api/v1/watch/{name}", tags=["api"], responses=_responses(None, codes=(204, 400, 403, 404))
)
def api_watch_remove(request: Request, name: Name) -> Response:
    if _api_session(request, write=True) is None:
        return _refused()
    if not desk_of(request).store.watch.remove_watch(check_name(name)):
        raise NotFound(f"there is no watchlist called {name!r}")
    return Response(status_code=204)
