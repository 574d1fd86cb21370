"""robots.txt (RFC 9309) through :mod:`urllib.robotparser`, fetched once per site and kept.

A robots.txt that is missing or refused with a 4xx allows everything; a server
error or a failed fetch is not cached, so the next poll asks again, and until
then nothing is fetched from that site (the RFC's "unreachable" rule).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from newsdesk.errors import FetchError
from newsdesk.ingest.fetch import Response

__all__ = ["AGENT", "RobotsRules", "robots_url"]

AGENT = "newsdesk"
MAX_ROBOTS_BYTES = 512 * 1024  # the RFC asks parsers to read at least 500 KiB


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class RobotsRules:
    """Whether a URL may be fetched, by its site's robots.txt, cached for ``ttl`` seconds.

    ``fetch`` GETs a robots.txt and returns the response whatever its status (the
    poller passes one that honours politeness and the SSRF rules); it raises
    FetchError when there is no answer at all.
    """

    def __init__(
        self,
        fetch: Callable[[str], Response],
        *,
        agent: str = AGENT,
        ttl: float = 24 * 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch, self.agent, self.ttl, self._clock = fetch, agent, ttl, clock
        self._sites: dict[str, tuple[float, RobotFileParser]] = {}
        self._lock = threading.Lock()
        self._site_locks: dict[str, threading.Lock] = {}

    def allowed(self, url: str) -> bool:
        """True when the site's robots.txt lets our agent fetch ``url``; FetchError when the
        robots.txt cannot be had (so the poll fails and is retried later)."""
        return self.rules(url).can_fetch(self.agent, url)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay the site asks of our agent, if any."""
        delay = self.rules(url).crawl_delay(self.agent)
        return float(delay) if delay is not None else None

    def rules(self, url: str) -> RobotFileParser:
        site = robots_url(url)
        with self._lock:
            lock = self._site_locks.setdefault(site, threading.Lock())
        with lock:  # one fetch per site, however many threads ask at once
            cached = self._sites.get(site)
            if cached is not None and self._clock() - cached[0] < self.ttl:
                return cached[1]
            parser = self._load(site)
            self._sites[site] = (self._clock(), parser)
            return parser

    def _load(self, site: str) -> RobotFileParser:
        response = self._fetch(site)
        parser = RobotFileParser(site)
        if 200 <= response.status < 300:
            text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
        elif 400 <= response.status < 500:
            parser.parse([])  # no rules: everything allowed
        else:
            raise FetchError(
                f"{site} answered HTTP {response.status}; until it answers, nothing is fetched "
                "from this site (robots.txt unreachable, RFC 9309)"
            )
        return parser
