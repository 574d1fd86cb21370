"""What OPML carries beyond a followed source's URL: its category and its site.

A repository of :class:`~newsdesk.store.sqlite.SqliteStore` beside
:class:`~newsdesk.store.sources.SourceRepository` (which owns the rest of the row).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.store.database import Repository

__all__ = ["SourceDetails", "SourceListRepository"]


@dataclass(frozen=True, slots=True)
class SourceDetails:
    """A followed source's place in a reading list."""

    category: str | None = None  # the outline folders above it, "News/World"
    html_url: str | None = None  # the site the feed belongs to


class SourceListRepository(Repository):
    """Category and site address of followed sources (``sources import|export``)."""

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
        with self._reader() as db:
            rows = db.execute("SELECT url, category, html_url FROM followed_sources").fetchall()
        return {r[0]: SourceDetails(category=r[1], html_url=r[2]) for r in rows}
