"""The store: SQLite by default. Only this package speaks SQL."""

from typing import Any

from newsdesk.store.sqlite import SqliteStore

__all__ = ["AddResult", "SearchHit", "SqliteStore"]


def __getattr__(name: str) -> Any:  # AddResult, SearchHit: imported with the articles
    if name in ("AddResult", "SearchHit"):
        from newsdesk.store import articles

        return getattr(articles, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
