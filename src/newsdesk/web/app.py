"""The ASGI app: routes, security headers, conditional GET, and errors that never leak."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk import __version__
from newsdesk.settings import Settings
from newsdesk.web import api, auth, exports, pages, subscribe
from newsdesk.web.desk import BadParameter, Desk, NotFound
from newsdesk.web.head import HeadAsGet

__all__ = ["SECURITY_HEADERS", "create_app"]

log = logging.getLogger("newsdesk.web")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


# answered fresh every time: static files carry their own caching; sign-in pages a session
PRIVATE = ("/static/", "/login", "/admin")


def create_app(settings: Settings) -> FastAPI:
    """The web desk over ``settings.db``; nothing heavy is imported."""
    desk = Desk(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        desk.entities.warm()  # the entity directory, built before the first entity page
        yield
        desk.close()

    app = FastAPI(
        title="newsdesk API",
        version=__version__,
        description="The CLI contract's JSON over HTTP: one serialisation shared with "
        "`newsdesk ... --json`. Lists are paged by keyset: follow the `Link: rel=next` header.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.desk = desk
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(subscribe.router)
    app.include_router(auth.router)
    from newsdesk.web.watch import install as install_watch  # watchlists, trends, rising

    install_watch(app, desk)
    app.include_router(exports.router)  # /api/v1/export/KIND.jsonl
    from newsdesk.web import outlets as outlet_pages  # /region/CC, /blindspots, region feeds

    app.include_router(outlet_pages.router)
    _handlers(app, desk)

    app.add_middleware(DeskMiddleware, desk=desk)
    app.add_middleware(HeadAsGet)  # outermost: HEAD runs the GET route, body dropped
    return app


class DeskMiddleware:
    """Security headers on every response; a strong ETag and Last-Modified from the store's
    state on GETs, answered 304 before any route runs; and a catch-all that logs an error
    and shows a page, never a traceback. Plain ASGI: no per-request task or body copy."""

    def __init__(self, app: ASGIApp, *, desk: Desk) -> None:
        self.app, self.desk = app, desk

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        cached = self._validators(request)
        if cached is not None and _fresh(request, cached["etag"], cached["modified"]):
            headers = {k: v for k, v in cached.items() if k != "modified"}
            await Response(status_code=304, headers={**headers, **SECURITY_HEADERS})(
                scope, receive, send
            )
            return
        started = False

        async def wrapped(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if cached is not None and message["status"] == 200:
                    # the state after the route ran: a first use may have written (the
                    # outlet registry seeds itself), and an ETag from before it would
                    # never match again
                    for name, value in (self._validators(request) or cached).items():
                        if name != "modified":
                            headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        except Exception:  # the catch-all: log it, never show a traceback
            log.exception("error answering %s %s", request.method, request.url.path)
            if started:
                raise
            response = _error(request, self.desk, 500, "Something went wrong on our side.", None)
            response.headers.update(SECURITY_HEADERS)
            await response(scope, receive, send)

    def _validators(self, request: Request) -> dict[str, Any] | None:
        path = request.url.path
        if request.method not in {"GET", "HEAD"} or path.startswith(PRIVATE):
            return None
        token, modified = self.desk.state()
        key = f"{token}|{path}|{request.url.query}|{request.cookies.get('theme', '')}"
        etag = '"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'
        return {
            "etag": etag,
            "last-modified": format_datetime(modified, usegmt=True),
            "cache-control": "no-cache",
            "vary": "Cookie",
            "modified": modified,
        }


def _fresh(request: Request, etag: str, modified: Any) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return match.strip() == "*" or etag in [t.strip() for t in match.split(",")]
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return bool(modified <= parsedate_to_datetime(since))
        except (TypeError, ValueError):
            return False
    return False


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(
    request: Request,
    desk: Desk,
    status: int,
    message: str,
    hint: str | None,
    *,
    search: str | None = None,
) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "hint": hint, "status": status}, status_code=status)
    if request.url.path.startswith("/feeds/"):
        return Response(f"{message}\n{hint or ''}\n", status_code=status, media_type="text/plain")
    body = desk.render(
        "error.html",
        status=status,
        message=message,
        hint=hint,
        search=search,
        **pages.base_context(request),
    )
    return HTMLResponse(body, status_code=status)


def _handlers(app: FastAPI, desk: Desk) -> None:
    @app.exception_handler(BadParameter)
    async def _bad(request: Request, exc: BadParameter) -> Response:
        return _error(request, desk, 400, f"Bad parameter {exc.name!r}: {exc.message}", None)

    @app.exception_handler(NotFound)
    async def _missing(request: Request, exc: NotFound) -> Response:
        message = exc.message[:1].upper() + exc.message[1:]
        return _error(request, desk, 404, message, exc.hint, search=exc.search)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
        name = ".".join(where) or "request"
        message = str(first.get("msg", "is malformed"))
        return _error(request, desk, 400, f"Bad parameter {name!r}: {message}", None)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return _error(
                request, desk, 404, "There is no such page.", "Try the search or the brief."
            )
        response = _error(request, desk, exc.status_code, str(exc.detail), None)
        if exc.headers:
            response.headers.update(exc.headers)
        return response
