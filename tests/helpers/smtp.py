"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 that keeps what it receives.

Use the ``smtp_sink`` fixture (import it into a ``conftest.py``:
``from helpers.smtp import smtp_sink  # noqa: F401``). It records every accepted message
as raw bytes, parses them on demand with ``email.policy.default``, and can be told to
answer with a given reply at MAIL, RCPT or DATA (421, 451, 452, 454, 550…) or to drop
the connection after the message's data arrived but before its answer. ``dkim_key``
and ``dkim_dns`` give a DKIM key made once per session and a DNS stub for
``dkim.verify`` (no network).
"""

from __future__ import annotations

import asyncio
import base64
import secrets
import socket
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as DEFAULT_POLICY
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

__all__ = [
    "Fault",
    "Received",
    "SmtpSink",
    "dkim_dns",
    "dkim_key",
    "free_port",
    "rsa_private_pem",
    "smtp_sink",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on (aiosmtpd's Controller refuses port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(slots=True)
class Received:
    """One message the server accepted: the envelope and the bytes exactly as received."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=DEFAULT_POLICY)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass(slots=True)
class Fault:
    """Answer ``reply`` at ``stage`` (mail, rcpt, data) or drop the connection (``drop``).

    ``recipient`` limits it to one address (None: any); ``times`` is how often it fires
    (None: always). A drop happens after the data arrived; ``keep`` says whether the
    server kept the message before dropping (the case that can duplicate a message).
    """

    stage: str
    reply: str = ""
    recipient: str | None = None
    times: int | None = 1
    keep: bool = False
    fired: int = 0

    def matches(self, stage: str, recipients: list[str]) -> bool:
        if self.stage != stage and not (stage == "data" and self.stage == "drop"):
            return False
        if self.times is not None and self.fired >= self.times:
            return False
        return self.recipient is None or self.recipient in recipients


class _Controller(Controller):
    def factory(self) -> SMTP:
        with warnings.catch_warnings():  # login without TLS is what a loopback test wants
            warnings.simplefilter("ignore", UserWarning)
            return super().factory()


@dataclass
class _Handler:
    sink: SmtpSink

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        fault = self.sink._fault("mail", [])
        if fault is not None:
            return fault.reply
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        fault = self.sink._fault("rcpt", [address])
        if fault is not None:
            return fault.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        fault = self.sink._fault("data", list(envelope.rcpt_tos))
        content = envelope.original_content or b""
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        received = Received(str(envelope.mail_from), list(envelope.rcpt_tos), data)
        if fault is not None and fault.stage == "drop":
            if fault.keep:
                self.sink._keep(received)
            if server.transport is not None:
                server.transport.abort()  # no answer: the client cannot know
            return "250 never seen"
        if fault is not None:
            return fault.reply
        self.sink._keep(received)
        return "250 Message accepted for delivery"


@dataclass
class SmtpSink:
    """aiosmtpd on 127.0.0.1:``port``, optionally requiring a login (``user``/``password``)."""

    port: int = field(default_factory=free_port)
    user: str | None = None
    password: str | None = None
    delay: float = 0.0  # seconds to wait before answering each message's data
    received: list[Received] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _controller: _Controller | None = None

    @property
    def url(self) -> str:
        if self.user is not None:
            return f"smtp://{self.user}:{self.password}@127.0.0.1:{self.port}"
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> SmtpSink:
        kwargs: dict[str, Any] = {}
        if self.user is not None:
            kwargs.update(auth_required=True, auth_require_tls=False, authenticator=self._login)
        self._controller = _Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, **kwargs
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail(
        self, stage: str, reply: str, *, recipient: str | None = None, times: int | None = 1
    ) -> Fault:
        """Answer ``reply`` (e.g. ``"451 4.3.0 try later"``) at ``stage``: mail, rcpt, data."""
        fault = Fault(stage, reply, recipient, times)
        with self._lock:
            self.faults.append(fault)
        return fault

    def drop_in_data(
        self, *, recipient: str | None = None, times: int | None = 1, keep: bool = False
    ) -> Fault:
        """Close the connection once the data arrived, before answering it."""
        fault = Fault("drop", "", recipient, times, keep)
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [r.message for r in self.received]

    def message_ids(self) -> list[str]:
        with self._lock:
            return [r.message_id for r in self.received]

    def to(self, address: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if address in r.rcpt_tos]

    def _fault(self, stage: str, recipients: list[str]) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(stage, recipients):
                    fault.fired += 1
                    return fault
        return None

    def _keep(self, received: Received) -> None:
        with self._lock:
            self.received.append(received)

    def _login(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.user
            and auth_data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A started SMTP server on 127.0.0.1 that keeps every message it accepts."""
    with SmtpSink() as sink:
        yield sink


# -- DKIM keys without network or openssl -------------------------------------------------

_SMALL_PRIMES = [p for p in range(3, 2000, 2) if all(p % d for d in range(3, int(p**0.5) + 1, 2))]


def _probable_prime(n: int) -> bool:
    if any(n % p == 0 for p in _SMALL_PRIMES):
        return n in _SMALL_PRIMES
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(24):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int) -> int:
    while True:
        candidate = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _probable_prime(candidate) and (candidate - 1) % 65537:
            return candidate


def _der(tag: int, body: bytes) -> bytes:
    if len(body) < 0x80:
        return bytes([tag, len(body)]) + body
    size = len(body).to_bytes((len(body).bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + body


def rsa_private_pem(bits: int = 2048) -> bytes:
    """A fresh RSA private key as PKCS#1 PEM (what ``openssl genrsa`` wrote before 3.0)."""
    e = 65537
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        n = p * q
        if p != q and n.bit_length() == bits:
            break
    d = pow(e, -1, (p - 1) * (q - 1))
    fields = [0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)]
    body = b"".join(_der(0x02, v.to_bytes(v.bit_length() // 8 + 1, "big")) for v in fields)
    encoded = base64.encodebytes(_der(0x30, body)).replace(b"\n", b"")
    lines = [encoded[i : i + 64] for i in range(0, len(encoded), 64)]
    return (
        b"-----BEGIN RSA PRIVATE KEY-----\n"
        + b"\n".join(lines)
        + b"\n-----END RSA PRIVATE KEY-----\n"
    )


@pytest.fixture(scope="session")
def dkim_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1024-bit RSA key file made once per test session (the benchmark uses 2048)."""
    path = tmp_path_factory.mktemp("dkim") / "dkim.pem"
    path.write_bytes(rsa_private_pem(1024))
    return path


def dkim_dns(key_pem: bytes, selector: str, domain: str) -> Any:
    """A ``dnsfunc`` for ``dkim.verify``: answers the one TXT record, as DNS would."""
    from newsdesk.mail.dkim import dns_record

    record = dns_record(key_pem).encode()
    wanted = f"{selector}._domainkey.{domain}.".encode()

    def lookup(name: bytes, timeout: int = 5) -> bytes | None:
        return record if name.rstrip(b".") + b"." == wanted else None

    return lookup
