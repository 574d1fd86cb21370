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

from pathlib import Path

from newsdesk.store.annotations import AnnotationRepository
from newsdesk.store.articles import AddResult, ArticleRepository, SearchHit
from newsdesk.store.auth import SessionRepository
from newsdesk.store.database import READERS, Database, migrations
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
from newsdesk.store.subscribers import SubscriberRepository
from newsdesk.store.trends import TrendRepository
from newsdesk.store.users import UserRepository
from newsdesk.store.watch import WatchRepository

__all__ = ["REPOSITORIES", "AddResult", "SearchHit", "SqliteStore", "migrations"]

# attribute name -> repository class; SqliteStore exposes one of each
REPOSITORIES: dict[str, type] = {
    "articles": ArticleRepository,
    "stories": StoryRepository,
    "annotations": AnnotationRepository,
    "sources": SourceRepository,
    "source_lists": SourceListRepository,
    "subscribers": SubscriberRepository,
    "mail": MailRepository,
    "users": UserRepository,
    "sessions": SessionRepository,
    "watch": WatchRepository,
    "trends": TrendRepository,
    "rules": RuleRepository,
    "failures": FailureRepository,
    "exports": ExportRepository,
    "outlets": OutletRepository,
    "entity_index": EntityIndexRepository,
    "pipeline": PipelineRepository,
    "shards": ShardRepository,
}


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
    trends: TrendRepository
    rules: RuleRepository
    failures: FailureRepository
    exports: ExportRepository
    outlets: OutletRepository
    entity_index: EntityIndexRepository
    pipeline: PipelineRepository
    shards: ShardRepository

    def __init__(self, path: Path | str, *, readers: int = READERS) -> None:
        self.db = Database(path, readers=readers)
        for name, repository in REPOSITORIES.items():
            setattr(self, name, repository(self.db))

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
