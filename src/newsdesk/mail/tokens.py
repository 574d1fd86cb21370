"""Signed links: confirm a subscription (valid 72 hours) and unsubscribe (valid for good).

Tokens are itsdangerous ``URLSafeTimedSerializer`` signatures of the address, keyed by
``NEWSDESK_SECRET`` with one salt per purpose, so a confirmation token can never be used
to unsubscribe and the other way round. Readers return the address or raise
:class:`~newsdesk.errors.TokenExpired` / :class:`~newsdesk.errors.TokenError`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner

from newsdesk.errors import SecretMissing, TokenError, TokenExpired
from newsdesk.settings import Settings

__all__ = [
    "CONFIRM_MAX_AGE",
    "confirm_token",
    "confirm_url",
    "read_confirm_token",
    "read_unsubscribe_token",
    "unsubscribe_token",
    "unsubscribe_url",
]

CONFIRM_MAX_AGE = 72 * 3600  # seconds
MAX_TOKEN = 512  # longer than any token we make
_CONFIRM = "newsdesk.confirm.v1"
_UNSUBSCRIBE = "newsdesk.unsubscribe.v1"

Clock = Callable[[], float]


class _ClockSigner(TimestampSigner):
    """A timestamp signer reading an injectable clock (tests age tokens without sleeping)."""

    def __init__(self, *args: Any, clock: Clock = time.time, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clock = clock

    def get_timestamp(self) -> int:
        return int(self._clock())


def _serializer(settings: Settings, salt: str, clock: Clock | None) -> URLSafeTimedSerializer:
    if not settings.secret:
        raise SecretMissing(
            "NEWSDESK_SECRET is not set: it signs confirmation and unsubscribe links; "
            "set it to a long random string (e.g. `python -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'`) and keep it unchanged"
        )
    return URLSafeTimedSerializer(
        settings.secret,
        salt=salt,
        signer=_ClockSigner,
        signer_kwargs={"clock": clock or time.time},
    )


def confirm_token(settings: Settings, email: str, *, clock: Clock | None = None) -> str:
    """A token confirming ``email``'s subscription, valid for 72 hours."""
    return str(_serializer(settings, _CONFIRM, clock).dumps(email))


def unsubscribe_token(settings: Settings, email: str) -> str:
    """A token unsubscribing ``email``; it does not expire (old mails must keep working)."""
    return str(_serializer(settings, _UNSUBSCRIBE, None).dumps(email))


def confirm_url(settings: Settings, email: str, *, clock: Clock | None = None) -> str:
    return f"{settings.base_url.rstrip('/')}/confirm/{confirm_token(settings, email, clock=clock)}"


def unsubscribe_url(settings: Settings, email: str) -> str:
    return f"{settings.base_url.rstrip('/')}/unsubscribe/{unsubscribe_token(settings, email)}"


def read_confirm_token(settings: Settings, token: str, *, clock: Clock | None = None) -> str:
    """The address a confirmation token was made for; TokenExpired after 72 hours."""
    return _read(settings, _CONFIRM, token, max_age=CONFIRM_MAX_AGE, clock=clock)


def read_unsubscribe_token(settings: Settings, token: str) -> str:
    """The address an unsubscribe token was made for."""
    return _read(settings, _UNSUBSCRIBE, token, max_age=None, clock=None)


def _read(
    settings: Settings, salt: str, token: str, *, max_age: int | None, clock: Clock | None
) -> str:
    serializer = _serializer(settings, salt, clock)
    what = "confirmation" if salt == _CONFIRM else "unsubscribe"
    if not token or len(token) > MAX_TOKEN:
        raise TokenError(f"this {what} link is not one of ours: check it was copied whole")
    try:
        email = serializer.loads(token, max_age=max_age)
    except SignatureExpired:
        hours = CONFIRM_MAX_AGE // 3600
        raise TokenExpired(
            f"this {what} link has expired (links are valid for {hours} hours): "
            "subscribe again to get a new one"
        ) from None
    except BadSignature:
        raise TokenError(
            f"this {what} link is not one of ours or was changed: check it was copied whole"
        ) from None
    if not isinstance(email, str) or not email:
        raise TokenError(f"this {what} link is not one of ours: check it was copied whole")
    return email
