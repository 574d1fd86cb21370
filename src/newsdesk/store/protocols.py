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
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    from newsdesk.article import Annotations, Article, Event
    from newsdesk.errors import SearchSyntaxError
    from newsdesk.outlets.registry import OutletRegistry
    from newsdesk.store.articles import ArticleRepository, SearchHit
    from newsdesk.store.auth import SessionRepository
    from newsdesk.store.database import Database
    from newsdesk.store.entity_index import EntityIndexRepository
    from newsdesk.store.exports import ExportRepository
    from newsdesk.store.failures import FailureRepository
    from newsdesk.store.mail import ArchivedBrief, MailRepository
    from newsdesk.store.outlets import OutletRepository
    from newsdesk.store.search import Spellings
    from newsdesk.store.sources import FollowedSource, SourceRepository
    from newsdesk.store.stories import StoryRepository, StoryRow
    from newsdesk.store.story_readings import KeptReading
    from newsdesk.store.subscribers import SubscriberRepository
    from newsdesk.store.trends import TrendRepository
    from newsdesk.store.users import UserRepository
    from newsdesk.store.watch import Watch, WatchHead, WatchRepository
    from newsdesk.store.watch_alerts import Alert, AlertItem
    from newsdesk.store.watch_matches import Match

__all__ = [
    "AnnotationReader",
    "AnnotationStore",
    "ArchiveStore",
    "ArticleReader",
    "AuthStore",
    "BlindspotStore",
    "BriefArchive",
    "BriefStore",
    "DeskRepositories",
    "EntityIndexStore",
    "EntityNames",
    "FollowStore",
    "GroupCoverage",
    "MailStore",
    "OutletReader",
    "OutletStore",
    "SourceFollowing",
    "StoryReader",
    "StoryReadings",
    "StoryUnderstandingStore",
    "SubscriberStore",
    "WatchAlerting",
    "WatchLists",
    "WatchMatching",
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


@runtime_checkable
class StoryReadings(Protocol):
    """The kept story readings the brief reads and writes (:mod:`newsdesk.publish.readings`):
    the stamps of a story's members, the readings kept under some digests, keeping
    readings (one that raised as a mark)."""

    def member_stamps(self, ids: Sequence[str]) -> dict[str, str]: ...
    def kept_readings(self, digests: Sequence[str]) -> dict[str, dict[str, Any]]: ...
    def keep_readings(self, readings: Sequence[KeptReading]) -> None: ...


class ArchiveStore(Protocol):
    """What the brief archive needs: the archive, and the brief's own reads."""

    @property
    def mail(self) -> BriefArchive: ...


class FollowStore(Protocol):
    @property
    def sources(self) -> SourceFollowing: ...


class WatchLists(Protocol):
    """The watchlists as the follower reads them."""

    def watches(self) -> list[Watch]: ...
    def watch_heads(self, *, below: int) -> list[WatchHead]: ...
    def watch_by_id(self, watch_id: int) -> Watch | None: ...


class WatchMatching(Protocol):
    """A matching pass: the new articles, what each watchlist matched, recording it."""

    def max_article_rowid(self) -> int: ...
    def annotated_through(self, low: int, high: int, since: str) -> int: ...
    def find_matches(
        self, watches: Sequence[WatchHead | Watch], high: int, spellings: Spellings | None = None
    ) -> dict[int, list[Match] | SearchSyntaxError]: ...
    def record_matches(
        self, found: dict[int, list[Match]], *, high: int, now: str
    ) -> dict[int, int]: ...


class WatchAlerting(Protocol):
    """The alert ledger, the alerts planned from it and the sender's lease."""

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
    def alert_sent(self, alert_id: int, *, at: str) -> None: ...
    def alert_deferred(self, alert_id: int, *, next_at: str, error: str) -> None: ...
    def alert_closed(self, alert_id: int, status: str, *, reason: str) -> None: ...


class WatchStore(Protocol):
    """What the watchlist follower (``watch.alerts.WatchAlerter``) reads and writes: the
    watchlists, their matches, the alert ledger and the follower's lease."""

    @property
    def watch(self) -> WatchLists: ...
    @property
    def watch_matches(self) -> WatchMatching: ...
    @property
    def watch_alerts(self) -> WatchAlerting: ...


class EntityNames(Protocol):
    """The stored annotations as the entity and relation views read them."""

    def annotations_of(self, ids: Sequence[str]) -> dict[str, Annotations]: ...
    def entity_names(self) -> list[tuple[str, str, int]]: ...
    def written_forms(self, names: Sequence[str]) -> list[tuple[str, str, str]]: ...
    def script_twins(self) -> list[tuple[str, str, str, int]]: ...
    def all_events(self) -> list[tuple[str, Event]]: ...


class AnnotationStore(Protocol):
    """What ``entities``, ``entity NAME`` and ``relations`` read."""

    @property
    def annotations(self) -> EntityNames: ...


class OutletReader(Protocol):
    def outlet_registry(self) -> OutletRegistry: ...


class GroupCoverage(Protocol):
    """Articles per group of outlets (by country or kind): per story, and published
    between two days."""

    def group_coverage(self, by: str) -> dict[str, dict[str, int]]: ...
    def active_groups(self, by: str, start: str | None, end: str | None) -> dict[str, int]: ...


class BlindspotStore(Protocol):
    """What blindspots read: the stories and the groups that cover them."""

    @property
    def stories(self) -> StoryReader: ...
    @property
    def outlets(self) -> GroupCoverage: ...


class OutletStore(Protocol):
    """What a story's coverage and perspectives read: the outlet registry."""

    @property
    def outlets(self) -> OutletReader: ...


class StoryUnderstandingStore(Protocol):
    """What a story read whole (:func:`newsdesk.storyview.understand_story`) reads: its
    annotations and the outlet registry."""

    @property
    def annotations(self) -> AnnotationReader: ...
    @property
    def outlets(self) -> OutletReader: ...


class SubscriberStore(Protocol):
    """Subscribing, confirming and importing: the subscribers alone."""

    @property
    def subscribers(self) -> SubscriberRepository: ...


class MailStore(Protocol):
    """Sending the newsletter, reading bounces, archiving briefs: the mail ledger and the
    subscribers; the brief it sends reads stories and annotations."""

    @property
    def mail(self) -> MailRepository: ...
    @property
    def subscribers(self) -> SubscriberRepository: ...
    @property
    def stories(self) -> StoryReader: ...
    @property
    def annotations(self) -> AnnotationReader: ...


class AuthStore(Protocol):
    """The web desk's sign-in and admin pages: sessions, users, sources, failures."""

    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def sources(self) -> SourceRepository: ...
    @property
    def failures(self) -> FailureRepository: ...


class EntityIndexStore(Protocol):
    """Building the entity index's words (the web desk's start)."""

    @property
    def entity_index(self) -> EntityIndexRepository: ...


class DeskRepositories(Protocol):
    """What the web desk's routes reach through ``desk.store``: the database (its reader
    pool) and the repositories the pages, feeds, API, admin and mail forms read or write.
    The desk opens the one concrete store; every route depends on this."""

    @property
    def path(self) -> Path: ...
    @property
    def db(self) -> Database: ...
    @property
    def articles(self) -> ArticleRepository: ...
    @property
    def stories(self) -> StoryRepository: ...
    @property
    def annotations(self) -> EntityNames: ...
    @property
    def outlets(self) -> OutletRepository: ...
    @property
    def watch(self) -> WatchRepository: ...
    @property
    def subscribers(self) -> SubscriberRepository: ...
    @property
    def mail(self) -> MailRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def sources(self) -> SourceRepository: ...
    @property
    def failures(self) -> FailureRepository: ...
    @property
    def trends(self) -> TrendRepository: ...
    @property
    def exports(self) -> ExportRepository: ...
    @property
    def entity_index(self) -> EntityIndexRepository: ...
    def close(self) -> None: ...
