"""Password hashes for the web desk's users: salted scrypt, compared in constant time.

Stored as ``scrypt$n$r$p$salt$hash`` (salt and hash in URL-safe base64), so the cost can
rise later without breaking the hashes already stored. Imports nothing heavy: the
``password`` command uses it too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

__all__ = ["MIN_LENGTH", "hash_password", "verify_password"]

MIN_LENGTH = 10
_N, _R, _P, _LEN = 2**14, 8, 1, 32


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_LEN, maxmem=64 * 1024 * 1024
    )


def hash_password(password: str) -> str:
    """A new salted hash of ``password``."""
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches ``stored``; False for a missing or malformed hash.

    With no stored hash the work is done anyway, so an unknown user takes as long to
    refuse as a wrong password.
    """
    try:
        kind, n, r, p, salt, digest = (stored or "").split("$")
        if kind != "scrypt":
            raise ValueError(kind)
        expected = _unb64(digest)
        found = _scrypt(password, _unb64(salt), int(n), int(r), int(p))
    except ValueError:
        _scrypt(password, b"\0" * 16, _N, _R, _P)
        return False
    return hmac.compare_digest(found, expected)
