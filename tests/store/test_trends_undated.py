"""A chart counts articles by publication: an undated article (an archive's record
ingested today) is no burst of news on the day it was ingested."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsdesk.article import Article
from newsdesk.store import SqliteStore
from newsdesk.watch.trends import trend

TEXT = "The harbour board met on Monday to hear the mayor on the new ferry fares."


def test_trends_leave_undated_articles_off_the_time_axis(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "s.db") as store:
        dated = datetime(2026, 3, 10, 8, tzinfo=UTC)
        store.articles.add_source("gen", [
            Article(source=f"gen:{i}", format="text", raw=TEXT, text=TEXT, id=f"a{i}",
                    title=f"Ferry fares {i}", outlet="Harbour Gazette",
                    published=dated if i == 0 else None)
            for i in range(4)
        ])  # fmt: skip
        assert store.trends.trend_counts() == [("2026-03-10", 1)]
        assert trend(store, label="every article").total == 1
        with store.db.transaction() as db:
            db.execute("DELETE FROM articles WHERE id = 'a0'")
        assert store.trends.trend_counts() == []  # only undated ones left: no chart at all
