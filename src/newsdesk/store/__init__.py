"""The store: SQLite by default. Only this package speaks SQL."""

from newsdesk.store.sqlite import AddResult, SearchHit, SqliteStore

__all__ = ["AddResult", "SearchHit", "SqliteStore"]
