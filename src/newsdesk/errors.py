"""The one exception tree. Each error says what went wrong and what to do.

Every class carries a short code (``E1xx`` input, ``E2xx`` store, ``E3xx``
network, ``E4xx`` usage) so users can search for it and scripts can match it.
"""

from __future__ import annotations

__all__ = [
    "BlockedAddress",
    "EmptyInput",
    "FetchError",
    "InputError",
    "InvalidSubscriber",
    "MailError",
    "MailNotConfigured",
    "MalformedInput",
    "NewsdeskError",
    "PermanentFailure",
    "SearchSyntaxError",
    "SecretMissing",
    "SmtpUnavailable",
    "StoreError",
    "TokenError",
    "TokenExpired",
    "TooLarge",
    "TooManyConfirmations",
    "TransientFailure",
    "UnsafeInput",
    "UnsupportedFormat",
    "UsageError",
]


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""

    code = "E000"

    def __str__(self) -> str:
        return f"{super().__str__()} [{self.code}]"


class InputError(NewsdeskError):
    """A source (file, record, URL) cannot be used; the batch goes on."""

    code = "E100"


class UnsupportedFormat(InputError):
    """The content is none of the formats newsdesk reads."""

    code = "E101"


class EmptyInput(InputError):
    """The source is empty, whitespace only, or has no article text."""

    code = "E102"


class MalformedInput(InputError):
    """The source claims a format but is broken (truncated, bad JSON, bad XML)."""

    code = "E103"


class TooLarge(InputError):
    """The source, or what it expands to, is over a size cap."""

    code = "E104"


class UnsafeInput(InputError):
    """The source tries something we refuse (XML entity expansion, a symlink loop)."""

    code = "E105"


class FetchError(InputError):
    """A URL could not be fetched."""

    code = "E301"


class BlockedAddress(FetchError):
    """A URL resolves to a private, loopback or link-local address."""

    code = "E302"


class StoreError(NewsdeskError):
    """The store cannot be opened or written."""

    code = "E200"


class SearchSyntaxError(NewsdeskError):
    """A search query is malformed."""

    code = "E401"


class UsageError(NewsdeskError):
    """A command was called wrongly (a bad date, an unknown id)."""

    code = "E400"


class InvalidSubscriber(UsageError):
    """A subscriber's address, time zone, day, hour or topic is not valid; the message names it."""

    code = "E410"


class TokenError(UsageError):
    """A confirmation or unsubscribe link is not one of ours, or can no longer be used."""

    code = "E411"


class TokenExpired(TokenError):
    """A confirmation link is older than its lifetime (72 hours)."""

    code = "E412"


class SecretMissing(UsageError):
    """NEWSDESK_SECRET is not set, so links cannot be signed or checked."""

    code = "E413"


class TooManyConfirmations(UsageError):
    """The day's confirmation mails to one address are used up (3 a day)."""

    code = "E414"


class MailNotConfigured(UsageError):
    """A mail setting the newsletter needs is missing or unusable (key, sender, base URL)."""

    code = "E420"


class MailError(NewsdeskError):
    """A message could not be handed to the SMTP server."""

    code = "E330"


class SmtpUnavailable(MailError):
    """The SMTP server is down, refuses the login or refuses our sender; nothing was sent."""

    code = "E331"


class TransientFailure(MailError):
    """A 4xx answer or a dropped connection: the message is retried later, unchanged."""

    code = "E332"

    def __init__(self, message: str, *, reply: int | None = None, stage: str = "") -> None:
        super().__init__(message)
        self.reply = reply  # the SMTP reply code; None for a dropped connection
        self.stage = stage  # connect, mail, rcpt or data


class PermanentFailure(MailError):
    """A 5xx answer at RCPT or DATA: the address bounces hard and is suppressed."""

    code = "E333"

    def __init__(self, message: str, *, reply: int | None = None, stage: str = "") -> None:
        super().__init__(message)
        self.reply = reply
        self.stage = stage
