"""Narrow views of the store that callers depend on.

A caller names what it reads or writes (``StoryReader``, ``SourceFollowing``, …)
rather than the whole :class:`~newsdesk.store.sqlite.SqliteStore`; the store's
repositories satisfy these structurally. Store-shaped protocols (``BriefStore``)
name only the repositories a caller reaches through ``store.<repository>``;
their members are read-only properties, so a repository satisfies a narrower
reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from newsdesk.article import Annotations, Article
    from newsdesk.errors import SearchSyntaxError
    from newsdesk.store.articles import SearchHit
    from newsdesk.store.mail import ArchivedBrief
    from newsdesk.store.sources import FollowedSource
    from newsdesk.store.stories import StoryRow
    from newsdesk.store.watch import Alert, AlertItem, Match, Watch, WatchHead

__all__ = [
    "AnnotationReader",
    "ArchiveStore",
    "ArticleReader",
    "BriefArchive",
    "BriefStore",
    "FollowStore",
    "SourceFollowing",
    "StoryReader",
    "WatchFollowing",
    "WatchStore",
]


class ArticleReader(Protocol):
    """Reading articles: one, the newest, a count, a search."""

    def article(self, article_id: str) -> Article | None: ...
    def articles(self, *, limit: int | None = None) -> list[Article]: ...
    def count(self) -> int: ...
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]: ...


class StoryReader(Protocol):
    """Reading stories and their members (what the brief builder needs)."""

    def stories(self, *, day: str | None = None) -> list[StoryRow]: ...
    def story(self, story_id: str) -> StoryRow | None: ...
    def articles_by_id(self, ids: Sequence[str]) -> dict[str, Article]: ...


class AnnotationReader(Protocol):
    def annotations_of(self, ids: Sequence[str]) -> dict[str, Annotations]: ...


class BriefArchive(Protocol):
    """The archived briefs (save one, read a day's latest)."""

    def save_brief(
        self, day: str, *, digest: str, built_at: str, stories: int, subject: str,
        brief_json: dict[str, Any], html: str, text: str,
    ) -> tuple[str, bool]: ...  # fmt: skip
    def latest_brief(self, day: str) -> ArchivedBrief | None: ...


class SourceFollowing(Protocol):
    """Following a feed or page."""

    def follow(self, url: str, *, every: int = 30, outlet: str | None = None) -> FollowedSource: ...


class BriefStore(Protocol):
    """What the brief reads: stories with their members, and their annotations."""

    @property
    def stories(self) -> StoryReader: ...
    @property
    def annotations(self) -> AnnotationReader: ...


class ArchiveStore(Protocol):
    """What the brief archive needs: the archive, and the brief's own reads."""

    @property
    def mail(self) -> BriefArchive: ...


class FollowStore(Protocol):
    @property
    def sources(self) -> SourceFollowing: ...


class WatchFollowing(Protocol):
    """What the watchlist follower (``watch.alerts.WatchAlerter``) reads and writes: the
    watchlists, their matches, the alert ledger and the follower's lease."""

    def watches(self) -> list[Watch]: ...
    def watch_heads(self, *, below: int) -> list[WatchHead]: ...
    def max_article_rowid(self) -> int: ...
    def annotated_through(self, low: int, high: int, since: str) -> int: ...
    def find_matches(
        self, watches: Sequence[WatchHead | Watch], high: int
    ) -> dict[int, list[Match] | SearchSyntaxError]: ...
    def record_matches(
        self, found: dict[int, list[Match]], *, high: int, now: str
    ) -> dict[int, int]: ...
    def take_watch_lease(
        self, holder: str, *, now: str, until: str, replace: str | None = None
    ) -> str | None: ...
    def release_watch_lease(self, holder: str) -> None: ...
    def ledger_waiting(self) -> dict[tuple[int, str], int]: ...
    def pending_alert_channels(self) -> set[tuple[int, str]]: ...
    def alerts_since(self, watch_id: int, channel: str, since: str) -> int: ...
    def plan_alert(
        self,
        watch: Watch,
        channel: str,
        *,
        delivery_id: str,
        target: str,
        now: str,
        limit: int = 200,
    ) -> Alert | None: ...
    def due_alerts(self, now: str, *, limit: int = 1000) -> list[Alert]: ...
    def alert_items(self, alert_id: int) -> list[AlertItem]: ...
    def watch_by_id(self, watch_id: int) -> Watch | None: ...
    def alert_sent(self, alert_id: int, *, at: str) -> None: ...
    def alert_deferred(self, alert_id: int, *, next_at: str, error: str) -> None: ...
    def alert_closed(self, alert_id: int, status: str, *, reason: str) -> None: ...


class WatchStore(Protocol):
    @property
    def watch(self) -> WatchFollowing: ...
