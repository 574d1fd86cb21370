"""Signed links: confirmation expires after 72 hours, tampering and misuse are refused."""

from __future__ import annotations

import time

import pytest

from newsdesk.errors import SecretMissing, TokenError, TokenExpired
from newsdesk.mail.tokens import (
    confirm_token,
    confirm_url,
    read_confirm_token,
    read_unsubscribe_token,
    unsubscribe_token,
    unsubscribe_url,
)
from newsdesk.settings import Settings

SETTINGS = Settings(secret="a-secret-for-tokens-0123456789", base_url="https://desk.example")
EMAIL = "reader@example.org"


def test_tokens_round_trip_and_urls() -> None:
    assert read_confirm_token(SETTINGS, confirm_token(SETTINGS, EMAIL)) == EMAIL
    assert read_unsubscribe_token(SETTINGS, unsubscribe_token(SETTINGS, EMAIL)) == EMAIL
    assert confirm_url(SETTINGS, EMAIL).startswith("https://desk.example/confirm/")
    assert unsubscribe_url(SETTINGS, EMAIL).startswith("https://desk.example/unsubscribe/")


def test_tokens_confirmation_expires_after_72_hours() -> None:
    made = time.time()
    token = confirm_token(SETTINGS, EMAIL, clock=lambda: made)
    assert read_confirm_token(SETTINGS, token, clock=lambda: made + 72 * 3600 - 5) == EMAIL
    with pytest.raises(TokenExpired, match="expired"):
        read_confirm_token(SETTINGS, token, clock=lambda: made + 72 * 3600 + 5)


def test_tokens_unsubscribe_links_do_not_expire() -> None:
    token = unsubscribe_token(SETTINGS, EMAIL)
    assert read_unsubscribe_token(SETTINGS, token) == EMAIL  # months later too: no max_age


def test_tokens_tampering_is_refused() -> None:
    token = confirm_token(SETTINGS, EMAIL)
    other = confirm_token(SETTINGS, "someone@example.org")
    forged = other.split(".")[0] + "." + ".".join(token.split(".")[1:])
    flipped = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    for bad in (forged, flipped, "", "x" * 2000, "not-a-token"):
        with pytest.raises(TokenError):
            read_confirm_token(SETTINGS, bad)


def test_tokens_one_purpose_each_and_one_secret() -> None:
    with pytest.raises(TokenError):
        read_unsubscribe_token(SETTINGS, confirm_token(SETTINGS, EMAIL))
    with pytest.raises(TokenError):
        read_confirm_token(SETTINGS, unsubscribe_token(SETTINGS, EMAIL))
    other = SETTINGS.with_(secret="another-secret-entirely-0123456")
    with pytest.raises(TokenError):
        read_unsubscribe_token(other, unsubscribe_token(SETTINGS, EMAIL))


def test_tokens_missing_secret_is_a_clear_error() -> None:
    with pytest.raises(SecretMissing, match="NEWSDESK_SECRET"):
        confirm_token(Settings(), EMAIL)
    with pytest.raises(SecretMissing, match="NEWSDESK_SECRET"):
        read_unsubscribe_token(Settings(), "anything")
