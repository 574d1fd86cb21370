"""Politeness: at most one request per host every ``delay`` seconds, across threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

__all__ = ["HostPacer", "host_of"]

MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay is honoured up to this many seconds


def host_of(url: str) -> str:
    """The host a URL's request goes to (lower-case, without port)."""
    return (urlsplit(url).hostname or "").lower()


class HostPacer:
    """Hands out request slots per host, ``delay`` seconds apart; waits end early on ``stop``.

    Each caller reserves the next free slot for its host under a lock, then sleeps
    until it comes, so threads fetching from one host queue politely while threads
    on other hosts go on. A host's robots.txt may ask for a longer delay.
    """

    def __init__(
        self,
        *,
        delay: float = 1.0,
        stop: threading.Event | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], bool] | None = None,
    ) -> None:
        if delay < 0:
            raise ValueError(f"the delay between requests to a host cannot be negative ({delay})")
        self.delay = delay
        self._stop = stop or threading.Event()
        self._clock = clock
        # sleep(seconds) -> True when told to stop meanwhile
        self._sleep = sleep or self._stop.wait
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def slow_down(self, host: str, delay: float) -> None:
        """Space this host's requests at least ``delay`` seconds apart (capped at a minute)."""
        with self._lock:
            self._delays[host] = min(max(delay, self._delays.get(host, 0.0)), MAX_CRAWL_DELAY)

    def wait(self, url: str) -> bool:
        """Block until the URL's host may be asked again; False when told to stop meanwhile."""
        host = host_of(url)
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + max(self.delay, self._delays.get(host, 0.0))
        remaining = slot - self._clock()
        if remaining > 0:
            return not self._sleep(remaining)
        return not self._stop.is_set()
