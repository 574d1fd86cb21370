"""Signing in, and the admin pages behind it: follow or drop sources, recluster stories.

Reading the desk is public; anything that changes it needs a signed-in user and the CSRF
token of their session. Users are made with ``newsdesk password USER`` (scrypt hashes in
the store). The session cookie carries a random session id signed with ``settings.secret``
(itsdangerous), HttpOnly and SameSite=Strict (Secure too when the desk's base URL is
https); the store keeps the id's digest, and every request that needs a user looks it up,
so signing out (or a password change, which ends all of that user's sessions) makes a
copied cookie worthless at once. Failed sign-ins are throttled per account and per client
address (:mod:`newsdesk.web.throttle`): 429 with Retry-After. Without a secret nothing
can be changed from the web: those routes answer 403 saying how to set one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from newsdesk.errors import UsageError
from newsdesk.settings import Settings
from newsdesk.web.desk import desk_of
from newsdesk.web.pages import base_context
from newsdesk.web.throttle import SignInThrottle

if TYPE_CHECKING:
    from newsdesk.store.protocols import AuthStore

__all__ = ["SESSION_COOKIE", "Session", "Sessions", "guard", "router", "same_token"]

router = APIRouter(include_in_schema=False)

SESSION_COOKIE = "newsdesk_session"
LOGIN_COOKIE = "newsdesk_login"
SESSION_AGE = 12 * 3600
LOGIN_AGE = 3600
NO_SECRET = (
    "Signing in is switched off: this desk has no secret to sign sessions with. "
    "Set NEWSDESK_SECRET (a long random string) and restart `newsdesk serve`."
)
BAD_TOKEN = "The form's security token is missing or out of date. Reload the page and try again."
DONE = {
    "recluster": "Stories rebuilt from scratch.",
    "followed": "Source followed; it is polled at its next turn.",
    "unfollowed": "Source no longer followed (its articles stay).",
    "signed-in": "Signed in.",
}
Short = Annotated[str, Form(max_length=200)]
Url = Annotated[str, Form(max_length=2000)]


@dataclass(slots=True, frozen=True)
class Session:
    user: str
    csrf: str


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class Sessions:
    """Signed session and sign-in cookies over sessions kept in the store; None everywhere
    when there is no secret."""

    def __init__(self, settings: Settings, store: AuthStore) -> None:
        self.enabled = bool(settings.secret)
        self.secure = settings.base_url.startswith("https://")
        secret = settings.secret or "unused"
        self._store = store
        self._session = URLSafeTimedSerializer(secret, salt="newsdesk.session.v2")
        self._login = URLSafeTimedSerializer(secret, salt="newsdesk.login")
        self.throttle = SignInThrottle()
        if self.enabled:
            store.sessions.ensure_sessions()

    def _session_id(self, request: Request) -> str | None:
        value = request.cookies.get(SESSION_COOKIE)
        if not self.enabled or not value or len(value) > 500:
            return None
        try:
            data = self._session.loads(value, max_age=SESSION_AGE)
        except BadSignature:
            return None
        found = data.get("sid") if isinstance(data, dict) else None
        return found if isinstance(found, str) and found else None

    def read(self, request: Request) -> Session | None:
        """The live session the request's cookie names; None once it was ended."""
        session_id = self._session_id(request)
        if session_id is None:
            return None
        found = self._store.sessions.session(_digest(session_id))
        return None if found is None else Session(user=found[0], csrf=found[1])

    def start(self, response: Response, user: str) -> None:
        session_id = secrets.token_urlsafe(32)
        self._store.sessions.start_session(
            _digest(session_id),
            user=user,
            csrf=secrets.token_urlsafe(24),
            lifetime=timedelta(seconds=SESSION_AGE),
        )
        self._set(response, SESSION_COOKIE, self._session.dumps({"sid": session_id}), SESSION_AGE)
        response.delete_cookie(LOGIN_COOKIE, path="/")

    def end(self, request: Request, response: Response) -> None:
        """Sign out: the session ends in the store (a copy of the cookie stops working)."""
        session_id = self._session_id(request)
        if session_id is not None:
            self._store.sessions.end_session(_digest(session_id))
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")

    def set_login_token(self, response: Response, token: str) -> None:
        self._set(response, LOGIN_COOKIE, self._login.dumps(token), LOGIN_AGE)

    def login_token_of(self, request: Request) -> str | None:
        value = request.cookies.get(LOGIN_COOKIE)
        if not self.enabled or not value:
            return None
        try:
            token = self._login.loads(value, max_age=LOGIN_AGE)
        except BadSignature:
            return None
        return token if isinstance(token, str) else None

    def _set(self, response: Response, name: str, value: str, age: int) -> None:
        response.set_cookie(
            name,
            value,
            max_age=age,
            path="/",
            httponly=True,
            samesite="strict",
            secure=self.secure,
        )


def sessions(request: Request) -> Sessions:
    found: Sessions | None = getattr(request.app.state, "sessions", None)
    if found is None:
        desk = desk_of(request)
        found = request.app.state.sessions = Sessions(desk.settings, desk.store)
    return found


def same_token(given: str | None, expected: str | None) -> bool:
    """Whether a submitted token equals the expected one (constant time; False if either
    is missing)."""
    if not (given and expected):
        return False
    # bytes: compare_digest refuses str with non-ASCII characters (a forged token may hold any)
    return hmac.compare_digest(str(given).encode("utf-8", "replace"), str(expected).encode())


def _page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    body = desk_of(request).render(template, **{**base_context(request), **context})
    return HTMLResponse(body, status_code=status, headers={"cache-control": "no-store"})


def _refuse(request: Request, status: int, message: str) -> HTMLResponse:
    return _page(request, "signin_problem.html", status=status, message=message)


def _safe_next(target: str | None) -> str:
    if target and re.fullmatch(r"/(?![/\\])[^\s\\]*", target) and not urlsplit(target).netloc:
        return target
    return "/admin"


def guard(request: Request, csrf: str | None) -> Session | HTMLResponse:
    """The signed-in session whose CSRF token came with the form, or the refusal."""
    auth = sessions(request)
    if not auth.enabled:
        return _refuse(request, 403, NO_SECRET)
    session = auth.read(request)
    if session is None:
        return _refuse(request, 403, "Sign in first: changing the desk needs a signed-in user.")
    if not same_token(csrf, session.csrf):
        return _refuse(request, 403, BAD_TOKEN)
    return session


_guard, _same = guard, same_token  # the names this module used first


# -- signing in and out -----------------------------------------------------------


def _login_form(
    request: Request,
    *,
    status: int = 200,
    error: str | None = None,
    user: str = "",
    next: str | None = None,
) -> HTMLResponse:
    auth = sessions(request)
    token, fresh = (auth.login_token_of(request), False) if auth.enabled else (None, False)
    if auth.enabled and token is None:
        token, fresh = secrets.token_urlsafe(24), True
    response = _page(request, "login.html", status=status, enabled=auth.enabled, error=error,
                     user=user, next=_safe_next(next), token=token or "")  # fmt: skip
    if fresh and token:
        auth.set_login_token(response, token)
    return response


@router.get("/login")
def login_page(
    request: Request, next: Annotated[str | None, Query(max_length=300)] = None
) -> Response:
    return _login_form(request, next=next)


@router.post("/login")
def login(
    request: Request,
    user: Short = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    csrf: Annotated[str | None, Form(max_length=200)] = None,
    next: Annotated[str | None, Form(max_length=300)] = None,
) -> Response:
    from newsdesk.web.passwords import verify_password

    auth = sessions(request)
    if not auth.enabled:
        return _refuse(request, 403, NO_SECRET)
    if not _same(csrf, auth.login_token_of(request)):
        return _refuse(request, 403, BAD_TOKEN)
    address = request.client.host if request.client else None
    wait = auth.throttle.retry_after(user, address)
    if wait:
        return _too_many(request, wait, user=user, next=next)
    stored = desk_of(request).store.users.password_hash(user)
    if not verify_password(password, stored):
        wait = auth.throttle.failed(user, address)
        if wait:
            return _too_many(request, wait, user=user, next=next)
        return _login_form(
            request, status=401, error="Wrong user name or password.", user=user, next=next
        )
    auth.throttle.succeeded(user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    auth.start(response, user)
    return response


def _too_many(request: Request, wait: int, *, user: str, next: str | None) -> Response:
    """429: too many wrong passwords for this account or from this address; try later."""
    error = f"Too many wrong passwords. Wait {wait} seconds before trying again."
    response = _login_form(request, status=429, error=error, user=user, next=next)
    response.headers["retry-after"] = str(wait)
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str | None, Form(max_length=200)] = None) -> Response:
    checked = _guard(request, csrf)
    if isinstance(checked, Response):
        return checked
    response = RedirectResponse("/", status_code=303)
    sessions(request).end(request, response)
    return response


# -- the admin page -----------------------------------------------------------------


@router.get("/admin")
def admin(request: Request, done: Annotated[str | None, Query(max_length=20)] = None) -> Response:
    auth = sessions(request)
    if not auth.enabled:
        return _refuse(request, 403, NO_SECRET)
    session = auth.read(request)
    if session is None:
        return RedirectResponse("/login?next=" + quote("/admin", safe=""), status_code=303)
    store = desk_of(request).store
    return _page(
        request,
        "admin.html",
        user=session.user,
        token=session.csrf,
        done=DONE.get(done or ""),
        sources=store.sources.followed(),
        failures=store.failures.failures(limit=50),
    )


@router.post("/admin/recluster")
def admin_recluster(
    request: Request, csrf: Annotated[str | None, Form(max_length=200)] = None
) -> Response:
    """Rebuild every story from scratch (``newsdesk recluster``), through the one writer."""
    checked = _guard(request, csrf)
    if isinstance(checked, Response):
        return checked
    desk_of(request).recluster()
    return RedirectResponse("/admin?done=recluster", status_code=303)


def _source_url(url: str) -> str | None:
    """The URL as ``newsdesk sources add`` would follow it (canonical), or None."""
    from newsdesk.live.sources import check_source_url

    try:
        return check_source_url(url)
    except UsageError:
        return None


@router.post("/admin/sources")
def admin_follow(
    request: Request,
    url: Url = "",
    every: Annotated[str, Form(max_length=10)] = "30",
    outlet: Annotated[str, Form(max_length=200)] = "",
    csrf: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    """Follow a feed or page every ``every`` minutes (``newsdesk sources add``)."""
    checked = _guard(request, csrf)
    if isinstance(checked, Response):
        return checked
    clean = _source_url(url)
    if clean is None:
        return _refuse(request, 400, "Bad parameter 'url': give an http:// or https:// address.")
    minutes = int(every) if every.strip().isdigit() else 0
    if not 1 <= minutes <= 10080:
        return _refuse(request, 400, "Bad parameter 'every': minutes between 1 and 10080.")
    desk_of(request).store.sources.follow(clean, every=minutes, outlet=outlet.strip() or None)
    return RedirectResponse("/admin?done=followed", status_code=303)


@router.post("/admin/sources/remove")
def admin_unfollow(
    request: Request, url: Url = "", csrf: Annotated[str | None, Form(max_length=200)] = None
) -> Response:
    checked = _guard(request, csrf)
    if isinstance(checked, Response):
        return checked
    desk_of(request).store.sources.unfollow(url)
    return RedirectResponse("/admin?done=unfollowed", status_code=303)
