"""Global and per-domain sending rates that back off when the server says so.

A 421 or 454 answer halves the global rate and the recipient domain's rate (never below
``floor``); each message accepted gives back a small step of it (additive increase,
multiplicative decrease), so a throttling server is followed down and recovered from.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["RateLimiter"]


@dataclass
class RateLimiter:
    """Waits before each message so neither the global nor the domain's rate is exceeded."""

    global_rate: float  # messages per second, all domains together
    domain_rate: float  # messages per second to one recipient domain
    floor: float = 0.5
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _rate: float = field(init=False)
    _domain: dict[str, float] = field(default_factory=dict, init=False)
    _next: float = field(default=0.0, init=False)
    _domain_next: dict[str, float] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._rate = self.global_rate

    def rate(self, domain: str | None = None) -> float:
        """The current global rate, or the current rate of ``domain``."""
        return self._rate if domain is None else self._domain.get(domain, self.domain_rate)

    def wait(self, domain: str) -> float:
        """Sleep until a message to ``domain`` may go; returns the seconds slept."""
        now = self.clock()
        start = max(now, self._next, self._domain_next.get(domain, 0.0))
        if start > now:
            self.sleep(start - now)
        self._next = start + 1.0 / self._rate
        self._domain_next[domain] = start + 1.0 / self.rate(domain)
        return start - now

    def slow_down(self, domain: str) -> None:
        self._rate = max(self.floor, self._rate / 2)
        self._domain[domain] = max(self.floor, self.rate(domain) / 2)

    def accepted(self, domain: str) -> None:
        self._rate = min(self.global_rate, self._rate + self.global_rate / 50)
        if domain in self._domain:
            self._domain[domain] = min(
                self.domain_rate, self._domain[domain] + self.domain_rate / 50
            )
