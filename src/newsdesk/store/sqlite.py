"""The SQLite store: one :class:`Database` and the repositories over it.

The store owns the lifecycle (open, close, the schema version); each table
family is a repository that takes the database (``store.articles``,
``store.stories``, ``store.watch``, …). Callers depend on the narrow
protocols in :mod:`newsdesk.store.protocols` and use the repository they need.
WAL mode, so readers never block the writer; every write goes through the one
writer connection, under a lock, and each source file's articles are committed
in one transaction, so an interrupted ingest leaves whole files in or out.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.store.database import READERS, Database, migrations

if TYPE_CHECKING:
    from newsdesk.store.annotations import AnnotationRepository
    from newsdesk.store.articles import AddResult, ArticleRepository, SearchHit
    from newsdesk.store.auth import SessionRepository
    from newsdesk.store.entity_index import EntityIndexRepository
    from newsdesk.store.exports import ExportRepository
    from newsdesk.store.failures import FailureRepository
    from newsdesk.store.mail import MailRepository
    from newsdesk.store.outlets import OutletRepository
    from newsdesk.store.pipeline import PipelineRepository
    from newsdesk.store.rules import RuleRepository
    from newsdesk.store.shards import ShardRepository
    from newsdesk.store.source_lists import SourceListRepository
    from newsdesk.store.sources import SourceRepository
    from newsdesk.store.stories import StoryRepository
    from newsdesk.store.story_readings import StoryReadingRepository
    from newsdesk.store.subscribers import SubscriberRepository
    from newsdesk.store.trends import TrendRepository
    from newsdesk.store.users import UserRepository
    from newsdesk.store.watch import WatchRepository
    from newsdesk.store.watch_alerts import WatchAlertRepository
    from newsdesk.store.watch_matches import WatchMatchRepository

__all__ = ["REPOSITORIES", "AddResult", "SearchHit", "SqliteStore", "migrations"]


class _Repositories(Mapping[str, type]):
    """Attribute name -> repository class, each class imported on first use: a command
    that reads the entity index does not import the watch, mail or outlet modules."""

    def __init__(self, paths: dict[str, str | type]) -> None:
        self._paths = paths  # name -> "module:Class" (or a class, imported eagerly)
        self._classes: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        found = self._classes.get(name)
        if found is None:
            path: Any = self._paths[name]
            if isinstance(path, str):
                module, _, attribute = path.partition(":")
                path = getattr(import_module(module), attribute)
            found = self._classes[name] = path
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


# attribute name -> repository class ("module:Class"); SqliteStore exposes one of each,
# made on first use
REPOSITORIES: Mapping[str, type] = _Repositories(
    {
        "articles": "newsdesk.store.articles:ArticleRepository",
        "stories": "newsdesk.store.stories:StoryRepository",
        "annotations": "newsdesk.store.annotations:AnnotationRepository",
        "sources": "newsdesk.store.sources:SourceRepository",
        "source_lists": "newsdesk.store.source_lists:SourceListRepository",
        "subscribers": "newsdesk.store.subscribers:SubscriberRepository",
        "mail": "newsdesk.store.mail:MailRepository",
        "users": "newsdesk.store.users:UserRepository",
        "sessions": "newsdesk.store.auth:SessionRepository",
        "watch": "newsdesk.store.watch:WatchRepository",
        "watch_matches": "newsdesk.store.watch_matches:WatchMatchRepository",
        "watch_alerts": "newsdesk.store.watch_alerts:WatchAlertRepository",
        "trends": "newsdesk.store.trends:TrendRepository",
        "rules": "newsdesk.store.rules:RuleRepository",
        "failures": "newsdesk.store.failures:FailureRepository",
        "exports": "newsdesk.store.exports:ExportRepository",
        "outlets": "newsdesk.store.outlets:OutletRepository",
        "entity_index": "newsdesk.store.entity_index:EntityIndexRepository",
        "pipeline": "newsdesk.store.pipeline:PipelineRepository",
        "shards": "newsdesk.store.shards:ShardRepository",
        "story_readings": "newsdesk.store.story_readings:StoryReadingRepository",
    }
)


def __getattr__(name: str) -> Any:  # AddResult, SearchHit: the articles module's, on use
    if name in ("AddResult", "SearchHit"):
        return getattr(import_module("newsdesk.store.articles"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class SqliteStore:
    """Articles and everything derived from them, in one SQLite file.

    A thin owner: it opens the :class:`Database` and holds one repository per
    table family; it has no table methods of its own.
    """

    articles: ArticleRepository
    stories: StoryRepository
    annotations: AnnotationRepository
    sources: SourceRepository
    source_lists: SourceListRepository
    subscribers: SubscriberRepository
    mail: MailRepository
    users: UserRepository
    sessions: SessionRepository
    watch: WatchRepository
    watch_matches: WatchMatchRepository
    watch_alerts: WatchAlertRepository
    trends: TrendRepository
    rules: RuleRepository
    failures: FailureRepository
    exports: ExportRepository
    outlets: OutletRepository
    entity_index: EntityIndexRepository
    pipeline: PipelineRepository
    shards: ShardRepository
    story_readings: StoryReadingRepository

    def __init__(self, path: Path | str, *, readers: int = READERS) -> None:
        self.db = Database(path, readers=readers)
        self._made = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        """A repository, made on first use (one per store, whichever thread asks first)."""
        if name.startswith("_") or name not in REPOSITORIES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with self._made:
            found = self.__dict__.get(name)
            if found is None:
                found = self.__dict__[name] = REPOSITORIES[name](self.db)
        return found

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *REPOSITORIES})

    # -- lifecycle ---------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def schema_version(self) -> int:
        return self.db.schema_version

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
