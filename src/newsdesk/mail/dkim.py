"""DKIM signatures (dkimpy, RSA-SHA256, relaxed/relaxed) and the DNS record that proves them.

The signing domain is the domain of ``NEWSDESK_MAIL_FROM``; the selector is
``NEWSDESK_DKIM_SELECTOR``; the key is the PEM file ``NEWSDESK_DKIM_KEY`` (PKCS#1 or PKCS#8,
as ``openssl genrsa 2048`` writes it). ``h=`` covers every header of :data:`SIGNED_HEADERS`
the message carries.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

import dkim
from dkim.crypto import UnparsableKeyError, parse_pem_private_key

from newsdesk.errors import MailNotConfigured
from newsdesk.settings import Settings

__all__ = ["SIGNED_HEADERS", "DkimSigner", "dns_record", "sender_domain"]

SIGNED_HEADERS: tuple[str, ...] = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "MIME-Version",
    "Content-Type",
)
_RSA_ENCRYPTION = bytes.fromhex("2a864886f70d010101")  # OID 1.2.840.113549.1.1.1


def sender_domain(mail_from: str | None) -> str:
    """The domain of the sender's address; MailNotConfigured when there is none."""
    address = parseaddr(mail_from or "")[1]
    if "@" not in address or not address.rsplit("@", 1)[1]:
        raise MailNotConfigured(
            "NEWSDESK_MAIL_FROM is not set to an address: set it to e.g. 'Desk <brief@example.org>'"
        )
    return address.rsplit("@", 1)[1].lower()


@dataclass(frozen=True, slots=True)
class DkimSigner:
    """Signs whole messages (bytes in, bytes out: the DKIM-Signature header prepended)."""

    selector: str
    domain: str
    key_pem: bytes

    @classmethod
    def from_settings(cls, settings: Settings) -> DkimSigner | None:
        """The signer the settings describe; None when no key is configured."""
        if settings.dkim_key is None:
            return None
        return cls.from_key_file(
            settings.dkim_key,
            selector=settings.dkim_selector,
            domain=sender_domain(settings.mail_from),
        )

    @classmethod
    def from_key_file(cls, path: Path, *, selector: str | None, domain: str) -> DkimSigner:
        if not selector:
            raise MailNotConfigured(
                "NEWSDESK_DKIM_SELECTOR is not set: set it to the selector of your DKIM record"
                " (e.g. 'brief'; `newsdesk newsletter dns` prints the record)"
            )
        try:
            pem = Path(path).read_bytes()
        except OSError as exc:
            raise MailNotConfigured(
                f"cannot read the DKIM key NEWSDESK_DKIM_KEY={path}: {exc.strerror};"
                " create one with `openssl genrsa -out dkim.pem 2048`"
            ) from None
        try:
            parse_pem_private_key(pem)
        except (UnparsableKeyError, ValueError) as exc:
            raise MailNotConfigured(
                f"the DKIM key {path} is not an RSA private key in PEM: {exc};"
                " create one with `openssl genrsa -out dkim.pem 2048`"
            ) from None
        return cls(selector=selector, domain=domain, key_pem=pem)

    def header(self, data: bytes) -> bytes:
        """The ``DKIM-Signature:`` header line (CRLF-terminated) for the message ``data``."""
        present = _header_names(data)
        include = [h.encode() for h in SIGNED_HEADERS if h.lower() in present]
        signature: bytes = dkim.sign(
            data,
            self.selector.encode(),
            self.domain.encode(),
            self.key_pem,
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=include,
            linesep=b"\r\n",
        )
        return signature

    def sign(self, data: bytes) -> bytes:
        return self.header(data) + data

    def dns_name(self) -> str:
        return f"{self.selector}._domainkey.{self.domain}"

    def dns_record(self) -> str:
        return dns_record(self.key_pem)


def _header_names(data: bytes) -> set[str]:
    head = data.split(b"\r\n\r\n", 1)[0]
    names = set()
    for line in head.split(b"\r\n"):
        if line and line[:1] not in (b" ", b"\t") and b":" in line:
            names.add(line.split(b":", 1)[0].strip().decode("ascii", "replace").lower())
    return names


def _der(tag: int, body: bytes) -> bytes:
    size = len(body)
    if size < 0x80:
        return bytes([tag, size]) + body
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + body


def _der_int(value: int) -> bytes:
    return _der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def _public_key_der(key_pem: bytes) -> bytes:
    """SubjectPublicKeyInfo (DER) of the RSA key's public half."""
    private = parse_pem_private_key(key_pem)
    rsa_public = _der(0x30, _der_int(private["modulus"]) + _der_int(private["publicExponent"]))
    algorithm = _der(0x30, _der(0x06, _RSA_ENCRYPTION) + _der(0x05, b""))
    return _der(0x30, algorithm + _der(0x03, b"\x00" + rsa_public))


def dns_record(key_pem: bytes) -> str:
    """The TXT record's value: ``v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>``."""
    public = base64.b64encode(_public_key_der(key_pem)).decode("ascii")
    return f"v=DKIM1; k=rsa; p={public}"
