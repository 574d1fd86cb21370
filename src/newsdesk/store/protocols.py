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
    from newsdesk.store.articles import SearchHit
    from newsdesk.store.mail import ArchivedBrief
    from newsdesk.store.sources import FollowedSource
    from newsdesk.store.stories import StoryRow

__all__ = [
    "AnnotationReader",
    "ArchiveStore",
    "ArticleReader",
    "BriefArchive",
    "BriefStore",
    "FollowStore",
    "SourceFollowing",
    "StoryReader",
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
