"""Polling one followed source: robots.txt, politeness, conditional GET, reading, full texts.

:class:`SourcePoller` never raises for a bad source: what went wrong comes back
in :class:`PollOutcome` (``error``), so one broken feed never stops the desk.
Items already in the store are skipped before anything else is done with them,
and a feed item that carries only a summary (flag ``partial``) is followed to
its page, whose full text replaces the summary.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from newsdesk.article import Article
from newsdesk.errors import FetchError, NewsdeskError
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.fetch import Response, Transport, Urllib3Transport, fetch_url, header
from newsdesk.ingest.reader import raise_if_empty, read_blob
from newsdesk.live.pacing import HostPacer, host_of
from newsdesk.live.robots import RobotsRules
from newsdesk.settings import Settings
from newsdesk.store.sources import FollowedSource

__all__ = ["PollOutcome", "SourcePoller"]

_FEED_FORMATS = frozenset({"rss", "atom"})
_BUSY = {429: "too many requests", 503: "service unavailable"}
KnownUrls = Callable[[Sequence[str]], Mapping[str, str]]


@dataclass(slots=True)
class PollOutcome:
    """What polling one source gave: new articles to ingest, or why not."""

    url: str
    status: int | None = None  # the final HTTP status; None when no answer came
    kind: str | None = None  # "feed" or "page"
    items: int = 0  # items (or the page) read
    articles: list[Article] = field(default_factory=list)  # not yet in the store
    known: dict[str, str] = field(default_factory=dict)  # url -> id of items already stored
    full_texts: int = 0  # summaries replaced by their page's full text
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    retry_after: float | None = None  # seconds the server asked us to wait
    notes: list[str] = field(default_factory=list)  # what went wrong with single items
    stopped: bool = False  # the desk was told to stop before the poll was done


class _Stopped(Exception):
    """The desk is stopping: drop this poll; nothing is recorded, so it is redone."""


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from now."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class SourcePoller:
    """Polls followed sources politely; safe to call from several threads at once."""

    def __init__(
        self,
        *,
        settings: Settings,
        known: KnownUrls,
        transport: Transport | None = None,
        host_delay: float = 1.0,
        stop: threading.Event | None = None,
    ) -> None:
        self.settings = settings
        self._known = known
        self._transport = transport or Urllib3Transport()
        self._stop = stop or threading.Event()
        self.pacer = HostPacer(delay=host_delay, stop=self._stop)
        self.robots = RobotsRules(self._fetch_robots)
        self._count_lock = threading.Lock()
        self.requests = 0  # HTTP requests made, robots.txt included

    def poll(self, source: FollowedSource) -> PollOutcome:
        """Poll one source; every failure is reported in the outcome, never raised."""
        try:
            return self._poll(source)
        except _Stopped:
            return PollOutcome(url=source.url, stopped=True)
        except NewsdeskError as exc:
            return PollOutcome(url=source.url, error=str(exc))
        except Exception as exc:  # a reader tripping on hostile bytes must not stop the desk
            return PollOutcome(url=source.url, error=f"{type(exc).__name__}: {exc}")

    # -- one source -----------------------------------------------------------

    def _poll(self, source: FollowedSource) -> PollOutcome:
        url = source.url
        self._check_robots(url)
        conditional = {}
        if source.etag:
            conditional["If-None-Match"] = source.etag
        if source.last_modified:
            conditional["If-Modified-Since"] = source.last_modified
        response = self._get(url, headers=conditional, statuses=(304, *_BUSY))
        outcome = PollOutcome(
            url=url,
            status=response.status,
            etag=header(response.headers, "etag") or source.etag,
            last_modified=header(response.headers, "last-modified") or source.last_modified,
        )
        if response.status == 304:
            return outcome
        if response.status in _BUSY:
            outcome.error = (
                f"{url} answered HTTP {response.status} ({_BUSY[response.status]}); backing off"
            )
            outcome.retry_after = retry_after_seconds(header(response.headers, "retry-after"))
            return outcome
        readout = self._read(response, source=url)
        articles = readout.articles
        outcome.notes.extend(f"{where}: {message}" for where, message in readout.errors)
        outcome.items = len(articles)
        outcome.kind = "feed" if articles and articles[0].format in _FEED_FORMATS else "page"
        for article in articles:
            article.outlet = source.outlet or article.outlet
        outcome.known = dict(self._known([a.url for a in articles if a.url]))
        outcome.articles = [a for a in articles if not (a.url and a.url in outcome.known)]
        for article in outcome.articles:
            if "partial" in article.flags and article.url:
                outcome.full_texts += self._full_text(article, outcome)
        return outcome

    def _full_text(self, article: Article, outcome: PollOutcome) -> int:
        """Replace a summary-only item's text with its page's; 1 when done, else 0 and a note."""
        url = article.url or ""
        try:
            self._check_robots(url)
            response = self._get(url)
            page = self._read(response, source=url).articles[0]
        except NewsdeskError as exc:
            outcome.notes.append(f"{url}: kept the summary; the full text is unavailable: {exc}")
            return 0
        if len(page.text.strip()) <= len(article.text.strip()):
            outcome.notes.append(f"{url}: kept the summary; the page has no more text")
            return 0
        article.extras["summary"] = article.text
        article.extras["full_text_from"] = response.url
        article.raw, article.text = page.raw, page.text
        article.extras["raw_format"] = page.extras.get("raw_format", "html")
        article.author = article.author or page.author
        article.language = page.language or article.language
        if article.published is None and page.published is not None:
            article.published, article.published_source = page.published, page.published_source
        article.flags.remove("partial")
        return 1

    # -- requests -------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        if not self.robots.allowed(url):
            raise FetchError(f"robots.txt of {host_of(url)} disallows {url}; it is not fetched")
        delay = self.robots.crawl_delay(url)
        if delay:
            self.pacer.slow_down(host_of(url), delay)

    def _get(
        self, url: str, *, headers: Mapping[str, str] | None = None, statuses: Collection[int] = ()
    ) -> Response:
        if not self.pacer.wait(url):
            raise _Stopped
        with self._count_lock:
            self.requests += 1
        return fetch_url(
            url,
            settings=self.settings,
            transport=self._transport,
            headers=headers,
            statuses=statuses,
        )

    def _fetch_robots(self, url: str) -> Response:
        return self._get(url, statuses=range(300, 600))

    def _read(self, response: Response, *, source: str) -> Readout:
        blob = Blob(
            data=response.body,
            source=source,
            name=urlsplit(response.url).path,
            content_type=header(response.headers, "content-type"),
            url=response.url,
            fetched=datetime.now(UTC),
        )
        readout = read_blob(blob, self.settings)
        raise_if_empty(readout)
        return readout
