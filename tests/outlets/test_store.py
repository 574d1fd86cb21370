"""The registry in the store: seeding, backfill, edits, import conflicts, regions."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.article import Article
from newsdesk.outlets.model import Outlet, OutletInputError
from newsdesk.store import SqliteStore
from newsdesk.store.outlets import OutletRepository


def test_store_seeds_the_registry_on_first_use(store: SqliteStore) -> None:
    registry = store.outlets.outlet_registry()
    assert len(registry) >= 300
    assert registry.by_host("www.asahi.com").name == "The Asahi Shimbun"  # type: ignore[union-attr]


def test_store_backfills_articles_stored_before_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SqliteStore(path) as store:
        old = Article(
            source="old.html",
            format="html",
            raw="",
            text="A report.",
            url="https://www.bbc.co.uk/news/1",
            outlet="www.bbc.co.uk",
        )
        store.articles.add_source("old.html", [old])  # as an older newsdesk stored it
        store.outlets._outlets_ready = False  # a fresh process on an upgraded store
        store.outlets.resolve_stored()
        (article,) = store.articles.articles()
    assert article.outlet == "BBC News"
    assert article.extras["outlet_via"] == "host"


def test_store_ingest_resolves_outlets_from_hosts(desk_store: SqliteStore) -> None:
    outlets = {a.outlet for a in desk_store.articles.articles()}
    assert {"NHK", "The Asahi Shimbun", "Xinhua News Agency", "Global Times"} <= outlets


def test_store_save_outlet_refuses_a_host_another_outlet_owns(store: SqliteStore) -> None:
    with pytest.raises(OutletInputError, match="belongs to BBC News"):
        store.outlets.save_outlet(Outlet(name="Copycat", hosts=("bbc.co.uk",), country="GB"))


def test_store_save_outlet_then_articles_resolve_to_it(store: SqliteStore) -> None:
    local = Article(source="x", format="html", raw="", text="t", url="https://nara-np.co.jp/a")
    store.articles.add_source("x", [local])
    store.outlets.save_outlet(Outlet(name="Nara Shimbun", hosts=("nara-np.co.jp",), country="JP"))
    (article,) = store.articles.articles()
    assert article.outlet == "Nara Shimbun"


def test_store_import_reports_conflicts_and_does_not_merge(store: SqliteStore) -> None:
    bbc = store.outlets.outlet_registry().get("BBC News")
    assert bbc is not None
    changed = bbc.with_(country="US")
    new = Outlet(name="Kesennuma Times", hosts=("kesennuma.example",), country="JP")
    report = store.outlets.import_outlets([changed, new, bbc])
    assert report.added == ["Kesennuma Times"]
    assert report.unchanged == ["BBC News"]
    assert [c["name"] for c in report.conflicts] == ["BBC News"]
    assert "country" in report.conflicts[0]["error"]
    assert store.outlets.outlet_registry().get("BBC News").country == "GB"  # type: ignore[union-attr]
    replaced = store.outlets.import_outlets([changed], replace=True)
    assert replaced.updated == ["BBC News"]
    assert store.outlets.outlet_registry().get("BBC News").country == "US"  # type: ignore[union-attr]


def test_store_region_stories_and_group_coverage(desk_store: SqliteStore) -> None:
    own, _ = desk_store.outlets.region_story_ids("JP")
    titles = {desk_store.stories.story(i).title.split()[0] for i in own}  # type: ignore[union-attr]
    assert "Quake" in titles
    coverage = desk_store.outlets.group_coverage("country")
    assert any(groups == {"CN": 3} for groups in coverage.values())
    assert desk_store.outlets.region_article_ids("CN")


def _unresolved_article(n: int) -> Article:
    return Article(
        source=f"old{n}.html", format="html", raw="", text=f"Report {n}.",
        url=f"https://www.bbc.co.uk/news/{n}", outlet="www.bbc.co.uk",
    )  # fmt: skip


def test_store_first_use_check_reads_only_rows_written_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    with SqliteStore(path) as store:  # an older store: articles never resolved
        store.articles.add_source("old", [_unresolved_article(n) for n in range(3)])
        store.outlets.ensure_outlets()  # the backfill, once
        assert {a.outlet for a in store.articles.articles()} == {"BBC News"}
    ranges: list[tuple[int, int | None]] = []
    inner = OutletRepository.resolve_stored

    def spy(self: OutletRepository, **kw: object) -> int:
        ranges.append((kw.get("after", 0), kw.get("upto")))  # type: ignore[arg-type]
        return inner(self, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(OutletRepository, "resolve_stored", spy)
    with SqliteStore(path) as store:  # a new process, nothing written since: no scan
        store.outlets.ensure_outlets()
    assert ranges == []
    with SqliteStore(path) as store:  # rows another path wrote unresolved: only they are read
        store.articles.add_source("later", [_unresolved_article(n) for n in range(3, 5)])
    with SqliteStore(path) as store:
        store.outlets.ensure_outlets()
        assert ranges == [(3, 5)]
        assert {a.outlet for a in store.articles.articles()} == {"BBC News"}
        assert all(a.extras["outlet_via"] == "host" for a in store.articles.articles())
