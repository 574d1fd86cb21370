"""The sign-up form, confirmation and unsubscribe pages.

Double opt-in; a GET never changes anything (link scanners must not act for anyone):
the link in a mail opens a page with a button, and the button's POST acts. The POSTs
to ``/confirm/TOKEN`` and ``/unsubscribe/TOKEN`` are authorised by the signed token
alone, with no login and no session. A POST to ``/unsubscribe/TOKEN`` with the form body
``List-Unsubscribe=One-Click`` (RFC 8058, sent by mail clients) answers 200 at once,
never a redirect. An unknown, changed or expired token gets a 400 page saying what to do.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from newsdesk.errors import (
    InvalidSubscriber,
    MailError,
    MailNotConfigured,
    SecretMissing,
    TokenError,
    TokenExpired,
    TooManyConfirmations,
)
from newsdesk.mail.subscribers import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    DAYS,
    DEFAULT_AT,
    DEFAULT_DAYS,
    DEFAULT_ZONE,
    parse_email,
    parse_preferences,
)
from newsdesk.web.desk import desk_of
from newsdesk.web.pages import base_context

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

MAX_TOKEN_PATH = 600
Token = Annotated[str, Path(max_length=MAX_TOKEN_PATH)]
Field = Annotated[str | None, Form(max_length=400)]
DAY_LABELS = dict(
    zip(
        DAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def _page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    body = desk_of(request).render(template, **{**base_context(request), **context})
    return HTMLResponse(body, status_code=status)


def _problem(request: Request, status: int, title: str, message: str, hint: str) -> HTMLResponse:
    return _page(
        request, "subscribe_problem.html", status=status, title=title, message=message, hint=hint
    )


def _form(
    request: Request, *, status: int = 200, error: str | None = None, **values: Any
) -> Response:
    defaults = {
        "email": "",
        "zone": DEFAULT_ZONE,
        "days": DEFAULT_DAYS,
        "at": DEFAULT_AT,
        "topics": "",
    }
    return _page(
        request,
        "subscribe.html",
        status=status,
        error=error,
        values={**defaults, **values},
        day_labels=DAY_LABELS,
        consent_text=CONSENT_TEXT,
        consent_version=CONSENT_VERSION,
    )


@router.get("/subscribe")
def subscribe_form(request: Request) -> Response:
    return _form(request)


@router.post("/subscribe")
def subscribe(
    request: Request,
    email: Field = None,
    zone: Field = None,
    days: Annotated[list[str] | None, Form(max_length=20)] = None,
    at: Field = None,
    topics: Field = None,
    consent: Field = None,
) -> Response:
    from newsdesk.mail.confirm import request_subscription

    desk = desk_of(request)
    values = {
        "email": email or "",
        "zone": zone or "",
        "days": tuple(days or ()),
        "at": at or "",
        "topics": topics or "",
    }
    try:
        if len(days or ()) > len(DAYS):
            raise InvalidSubscriber("too many days chosen")
        address = parse_email(email or "")
        preferences = parse_preferences(
            zone=zone, days=list(days or ()) or [""], at=at, topics=(topics or "").split(",")
        )
        if consent != CONSENT_VERSION:
            raise InvalidSubscriber("tick the box to agree to the terms below, then send again")
    except InvalidSubscriber as exc:
        return _form(request, status=400, error=_sentence(exc), **values)
    try:
        request_subscription(desk.store, desk.settings, address, preferences, source="form")
    except TooManyConfirmations:
        return _problem(
            request,
            429,
            "Too many confirmation mails",
            f"Three confirmation mails already went to {address} today.",
            "Look for them in that inbox (and its spam folder), or try again tomorrow.",
        )
    except (MailNotConfigured, SecretMissing, MailError):
        return _problem(
            request,
            503,
            "Sign-up is not available right now",
            "The desk cannot send confirmation mails at the moment.",
            "Please try again later.",
        )
    return _page(request, "subscribe_sent.html", email=address)


@router.get("/confirm/{token}")
def confirm_page(request: Request, token: Token) -> Response:
    desk = desk_of(request)
    email = _read(request, token, confirm=True)
    if isinstance(email, Response):
        return email
    found = desk.store.subscribers.subscriber(email)
    return _page(request, "confirm.html", token=token, subscriber=found, done=None)


@router.post("/confirm/{token}")
def confirm(request: Request, token: Token) -> Response:
    desk = desk_of(request)
    email = _read(request, token, confirm=True)
    if isinstance(email, Response):
        return email
    outcome = desk.store.subscribers.confirm_subscriber(email)
    return _page(
        request,
        "confirm.html",
        token=token,
        subscriber=desk.store.subscribers.subscriber(email),
        done=outcome,
    )


@router.get("/unsubscribe/{token}")
def unsubscribe_page(request: Request, token: Token) -> Response:
    email = _read(request, token, confirm=False)
    if isinstance(email, Response):
        return email
    found = desk_of(request).store.subscribers.subscriber(email)
    active = found is not None and found.status in ("pending", "confirmed")
    return _page(request, "unsubscribe.html", token=token, email=email, active=active, done=False)


@router.post("/unsubscribe/{token}")
def unsubscribe(
    request: Request,
    token: Token,
    one_click: Annotated[str | None, Form(alias="List-Unsubscribe", max_length=40)] = None,
) -> Response:
    email = _read(request, token, confirm=False, plain=one_click is not None)
    if isinstance(email, Response):
        return email
    desk_of(request).store.subscribers.unsubscribe_subscriber(
        email, how="one-click" if one_click == "One-Click" else "web"
    )
    if one_click is not None:  # a mail client, not a person: a short 200, no redirect
        return PlainTextResponse("Unsubscribed.\n")
    return _page(request, "unsubscribe.html", token=token, email=email, active=False, done=True)


def _read(request: Request, token: str, *, confirm: bool, plain: bool = False) -> str | Response:
    """The token's address, or the 400 (or 503) page saying what went wrong."""
    from newsdesk.mail.tokens import read_confirm_token, read_unsubscribe_token

    settings = desk_of(request).settings
    try:
        if confirm:
            return read_confirm_token(settings, token)
        return read_unsubscribe_token(settings, token)
    except SecretMissing:
        status, title = 503, "Links cannot be checked right now"
        message, hint = "This desk is not set up to check its links yet.", "Please try again later."
    except TokenExpired:
        status, title = 400, "This link has expired"
        message = "Confirmation links are valid for 72 hours, and this one is older."
        hint = "Subscribe again to get a new link."
    except TokenError:
        status, title = 400, "This link does not work"
        message = "The link is not one of ours, or part of it was lost when it was copied."
        hint = "Copy the whole link from the mail into your browser's address bar."
    if plain:
        return PlainTextResponse(f"{title}. {message}\n", status_code=status)
    return _problem(request, status, title, message, hint)


def _sentence(exc: InvalidSubscriber) -> str:
    """The error's message for a reader: first letter up, without the error code."""
    text = str(exc).rsplit(" [E", 1)[0]
    return text[:1].upper() + text[1:]
