"""What OPML carries beyond a followed source's URL: its category and its site.

Mixed into :class:`~newsdesk.store.sqlite.SqliteStore` beside
:class:`~newsdesk.store.sources.SourceTables` (which owns the rest of the row).
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass

__all__ = ["SourceDetails", "SourceListTables"]


@dataclass(frozen=True, slots=True)
class SourceDetails:
    """A followed source's place in a reading list."""

    category: str | None = None  # the outline folders above it, "News/World"
    html_url: str | None = None  # the site the feed belongs to


class SourceListTables:
    """Category and site address of followed sources (``sources import|export``)."""

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def reader(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def set_source_details(self, url: str, details: SourceDetails) -> bool:
        """Record a followed source's category and site; False if ``url`` is not followed."""
        with self._transaction() as db:
            cursor = db.execute(
                "UPDATE followed_sources SET category = ?, html_url = ? WHERE url = ?",
                (details.category, details.html_url, url),
            )
        return cursor.rowcount > 0

    def source_details(self) -> dict[str, SourceDetails]:
        """Category and site of every followed source, by URL."""
        with self.reader() as db:
            rows = db.execute("SELECT url, category, html_url FROM followed_sources").fetchall()
        return {r[0]: SourceDetails(category=r[1], html_url=r[2]) for r in rows}
