"""Sign-in throttling: failed sign-ins slow down per account and per client address.

After ``free`` failures in a row for one key (an account, or a client address: IPv4 as
is, IPv6 by its /64), every further failure doubles the wait before the next attempt is
even looked at: 1 s, 2 s, 4 s ... up to ``cap``. A request inside the wait is answered
429 with Retry-After at once, without checking the password (so a flood costs no
scrypt work either). A success clears the account's count (not the address's); a key
left alone for ``forget`` seconds starts again from zero.

The counts live in the serving process's memory, not in the store: a write per failed
sign-in would change the store's state and throw away every cached page, which would
hand an attacker a cheaper way to load the server. The table is bounded (least
recently failed keys go first).
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["SignInThrottle"]


@dataclass(slots=True)
class _Count:
    failures: int = 0
    until: float = 0.0  # monotonic time before which the key is refused
    last: float = 0.0


def address_key(address: str | None) -> str:
    """The key of a client address: IPv6 by its /64 (one host has a whole /64)."""
    if not address:
        return "addr:?"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return f"addr:{address[:64]}"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return f"addr:{parsed.ipv4_mapped}"
        return f"addr:{ipaddress.IPv6Network((parsed, 64), strict=False)}"
    return f"addr:{parsed}"


class SignInThrottle:
    """Per-account and per-address failure counts with exponential back-off."""

    def __init__(
        self,
        *,
        free_per_account: int = 5,
        free_per_address: int = 20,
        base: float = 1.0,
        cap: float = 900.0,
        forget: float = 3600.0,
        size: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free = {"user": free_per_account, "addr": free_per_address}
        self.base, self.cap, self.forget, self.size = base, cap, forget, size
        self._clock = clock
        self._counts: OrderedDict[str, _Count] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _keys(user: str, address: str | None) -> list[str]:
        return [f"user:{user.strip().casefold()[:200]}", address_key(address)]

    def retry_after(self, user: str, address: str | None) -> int:
        """Whole seconds to wait before this account may be tried from this address; 0: go."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in self._keys(user, address):
                count = self._counts.get(key)
                if count is not None and count.until > now:
                    wait = max(wait, count.until - now)
        return math.ceil(wait) if wait > 0 else 0

    def failed(self, user: str, address: str | None) -> int:
        """Count a failed sign-in; the seconds the next attempt must wait (0: none)."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in self._keys(user, address):
                count = self._counts.pop(key, None) or _Count()
                if now - count.last > self.forget:
                    count = _Count()
                count.failures += 1
                count.last = now
                over = count.failures - self.free[key.split(":", 1)[0]]
                if over > 0:
                    delay = min(self.cap, self.base * 2 ** min(over - 1, 30))
                    count.until = max(count.until, now + delay)
                    wait = max(wait, count.until - now)
                self._counts[key] = count  # most recently failed last
            while len(self._counts) > self.size:
                self._counts.popitem(last=False)
        return math.ceil(wait) if wait > 0 else 0

    def succeeded(self, user: str) -> None:
        """A right password: the account starts again from zero (its address does not)."""
        with self._lock:
            self._counts.pop(self._keys(user, None)[0], None)
