"""The SMTP transport: one reusable connection, replies sorted into transient and permanent.

``smtp://user:pass@host:port`` speaks plain SMTP and upgrades with STARTTLS when the
server offers it; ``smtps://`` is TLS from the first byte. A 4xx answer (421, 450, 451,
452, 454) or a connection that drops is a :class:`~newsdesk.errors.TransientFailure`: the
message is retried later with the same bytes. A 5xx at RCPT or DATA is a
:class:`~newsdesk.errors.PermanentFailure` (a hard bounce). A server that cannot be
reached, refuses the login or refuses our sender is :class:`~newsdesk.errors.SmtpUnavailable`:
nothing was sent and nothing about the recipient is learnt.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import getaddresses, parseaddr
from types import TracebackType
from urllib.parse import unquote, urlsplit

from newsdesk.errors import (
    MailNotConfigured,
    PermanentFailure,
    SmtpUnavailable,
    TransientFailure,
)
from newsdesk.settings import Settings

__all__ = [
    "RETRY_CODES",
    "SLOW_DOWN_CODES",
    "SmtpConnection",
    "SmtpTarget",
    "message_bytes",
    "send_one",
]

RETRY_CODES = frozenset({421, 450, 451, 452, 454})
SLOW_DOWN_CODES = frozenset({421, 454})  # the server asks us to send more slowly


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    """Where mail goes, parsed from ``NEWSDESK_SMTP_URL``."""

    host: str
    port: int
    tls: bool = False  # implicit TLS (smtps://)
    user: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str | None) -> SmtpTarget:
        if not url:
            raise MailNotConfigured(
                "NEWSDESK_SMTP_URL is not set: set it to smtp://user:pass@host:port "
                "(or smtps:// for TLS)"
            )
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise MailNotConfigured(
                f"NEWSDESK_SMTP_URL {_redact(url)!r} is not smtp://host:port or smtps://host:port"
            )
        tls = parts.scheme == "smtps"
        try:
            port = parts.port or (465 if tls else 25)
        except ValueError:
            raise MailNotConfigured(f"NEWSDESK_SMTP_URL {_redact(url)!r} has a bad port") from None
        user = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        return cls(host=parts.hostname, port=port, tls=tls, user=user, password=password)

    def __str__(self) -> str:
        return f"{'smtps' if self.tls else 'smtp'}://{self.host}:{self.port}"


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def message_bytes(message: EmailMessage) -> bytes:
    """The message as it goes on the wire: CRLF line ends, lines folded for SMTP."""
    return message.as_bytes(policy=SMTP_POLICY)


class SmtpConnection:
    """One SMTP session reused for many messages; reconnects after a drop or a 421."""

    def __init__(
        self, target: SmtpTarget, *, timeout: float = 30.0, local_hostname: str | None = None
    ) -> None:
        self.target = target
        self.timeout = timeout
        self.local_hostname = local_hostname
        self._smtp: smtplib.SMTP | None = None
        self.sent = 0

    def __enter__(self) -> SmtpConnection:
        self.open()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._smtp is not None

    def open(self) -> None:
        """Connect, greet, upgrade to TLS when offered, log in; SmtpUnavailable when not."""
        if self._smtp is not None:
            return
        target = self.target
        try:
            smtp: smtplib.SMTP
            if target.tls:
                smtp = smtplib.SMTP_SSL(
                    target.host, target.port, timeout=self.timeout,
                    local_hostname=self.local_hostname, context=ssl.create_default_context(),
                )  # fmt: skip
            else:
                smtp = smtplib.SMTP(
                    target.host, target.port, timeout=self.timeout,
                    local_hostname=self.local_hostname,
                )  # fmt: skip
            smtp.ehlo_or_helo_if_needed()
            if not target.tls and smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if target.user is not None:
                smtp.login(target.user, target.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpUnavailable(
                f"the SMTP server {target} refused the login for {target.user!r}"
                f" ({exc.smtp_code} {_text(exc.smtp_error)}); check NEWSDESK_SMTP_URL"
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise SmtpUnavailable(
                f"the SMTP server {target} offers no login (AUTH); drop user:pass from"
                " NEWSDESK_SMTP_URL or use a server that accepts it"
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise SmtpUnavailable(
                f"cannot reach the SMTP server {target}: {_describe(exc)};"
                " is it running and is NEWSDESK_SMTP_URL right?"
            ) from None
        self._smtp = smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            smtp.close()

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        """Hand one message for one recipient to the server; return only after its 250.

        Raises TransientFailure (4xx, dropped connection), PermanentFailure (5xx at RCPT
        or DATA) or SmtpUnavailable (cannot connect; our sender refused).
        """
        self.open()
        smtp = self._smtp
        assert smtp is not None
        stage = "mail"
        try:
            code, reply = smtp.mail(sender)
            if code != 250:
                self._refused(code, reply, "mail", recipient)
            stage = "rcpt"
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                self._refused(code, reply, "rcpt", recipient)
            stage = "data"
            code, reply = smtp.data(data)
            if code != 250:
                self._refused(code, reply, "data", recipient)
        except smtplib.SMTPDataError as exc:
            self._refused(exc.smtp_code, exc.smtp_error, "data", recipient)
        except (TimeoutError, smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise TransientFailure(
                f"connection to {self.target} lost at {stage.upper()}: {_describe(exc)}",
                reply=None, stage=stage,
            ) from None  # fmt: skip
        self.sent += 1

    def _refused(self, code: int, reply: bytes | str, stage: str, recipient: str) -> None:
        text = f"{code} {_text(reply)}".strip()
        if code == 421 or code < 0:
            self._drop()  # 421: the server is closing the channel
        else:
            self._reset()
        if 400 <= code < 500 or code < 0:
            raise TransientFailure(
                f"{stage.upper()} for {recipient} deferred: {text}", reply=code, stage=stage
            )
        if stage == "mail":
            raise SmtpUnavailable(
                f"the SMTP server {self.target} refused our sender: {text};"
                " check NEWSDESK_MAIL_FROM"
            )
        raise PermanentFailure(
            f"{stage.upper()} for {recipient} refused: {text}", reply=code, stage=stage
        )

    def _reset(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()


def _text(reply: bytes | str) -> str:
    if isinstance(reply, bytes):
        return reply.decode("utf-8", "replace")
    return reply


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def _recipients(message: EmailMessage) -> list[str]:
    fields = [str(v) for name in ("To", "Cc", "Bcc") for v in message.get_all(name, [])]
    return [address for _, address in getaddresses(fields) if address]


def send_one(settings: Settings, message: EmailMessage) -> None:
    """Sign ``message`` with DKIM when configured and send it to its To/Cc/Bcc addresses.

    The envelope sender is ``NEWSDESK_MAIL_FROM`` (else the From address). Raises
    SmtpUnavailable when the server is down or refuses the login, TransientFailure or
    PermanentFailure when it refuses the message.
    """
    from newsdesk.mail.dkim import DkimSigner

    target = SmtpTarget.from_url(settings.smtp_url)
    sender = parseaddr(settings.mail_from or str(message.get("From", "")))[1]
    if not sender:
        raise MailNotConfigured("NEWSDESK_MAIL_FROM is not set: set it to the sender's address")
    recipients = _recipients(message)
    if not recipients:
        raise MailNotConfigured("the message has no To, Cc or Bcc address to send it to")
    if "Bcc" in message:
        del message["Bcc"]
    data = message_bytes(message)
    signer = DkimSigner.from_settings(settings)
    if signer is not None:
        data = signer.sign(data)
    with SmtpConnection(target) as connection:
        for recipient in recipients:
            connection.send(sender, recipient, data)
