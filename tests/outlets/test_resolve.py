"""Resolution of an article's outlet and carrier."""

from __future__ import annotations

import pytest

from newsdesk.article import Article
from newsdesk.outlets.registry import OutletRegistry
from newsdesk.outlets.resolve import OutletResolver, readable_host_name


@pytest.fixture(scope="module")
def resolver() -> OutletResolver:
    return OutletResolver(OutletRegistry.bundled())


def _article(**fields: str | None) -> Article:
    return Article(source=fields.pop("source", None) or "x.txt", format="html", raw="", **fields)  # type: ignore[arg-type]


def test_resolve_url_host_wins_over_the_site_name(resolver: OutletResolver) -> None:
    found = resolver.resolve(_article(url="https://www.bbc.co.uk/news/1", outlet="Some Blog"))
    assert (found.outlet, found.via, found.registered) == ("BBC News", "host", True)


def test_resolve_host_string_given_as_outlet_becomes_its_name(resolver: OutletResolver) -> None:
    found = resolver.resolve(_article(outlet="www.bbc.co.uk"))
    assert found.outlet == "BBC News"


def test_resolve_aggregator_is_the_carrier_and_the_original_the_outlet(
    resolver: OutletResolver,
) -> None:
    scraped = _article(outlet="Foreign Policy", site="QOSHE")
    assert (resolver.resolve(scraped).outlet, resolver.resolve(scraped).carrier) == (
        "Foreign Policy",
        "QOSHE",
    )
    hosted = _article(url="https://qoshe.com/foreign-policy/x/123", outlet="Foreign Policy")
    found = resolver.resolve(hosted)
    assert (found.outlet, found.carrier) == ("Foreign Policy", "QOSHE")


def test_resolve_archive_copy_names_the_original_outlet(resolver: OutletResolver) -> None:
    found = resolver.resolve(
        _article(url="http://web.archive.org/web/20190101000000/https://www.spiegel.de/a.html")
    )
    assert (found.outlet, found.carrier) == ("Der Spiegel", "Wayback Machine")


def test_resolve_feed_host_names_the_outlet_last(resolver: OutletResolver) -> None:
    found = resolver.resolve(
        _article(source="https://www.theguardian.com/world/rss", url="https://t.co/x")
    )
    assert (found.outlet, found.via) == ("The Guardian", "feed")


def test_resolve_outlet_naming_itself_in_the_text(resolver: OutletResolver) -> None:
    text = "An associate professor tells TIME that the summit matters. Officials told Reuters."
    found = resolver.resolve(_article(text=text))
    assert (found.outlet, found.via) == ("TIME", "text")


def test_resolve_unknown_host_gets_a_readable_name_never_a_host(resolver: OutletResolver) -> None:
    found = resolver.resolve(_article(url="https://www.die-partei.net/luebeck/1"))
    assert (found.outlet, found.via, found.named) == ("Die Partei", "host_name", False)
    assert readable_host_name("joyofsox.blogspot.nl") == "Joyofsox"
    assert readable_host_name("news.example.co.uk") == "Example"


def test_resolve_unregistered_page_name_is_kept(resolver: OutletResolver) -> None:
    found = resolver.resolve(_article(url="https://wire.example/1", outlet="Northgate Wire"))
    assert (found.outlet, found.via, found.named) == ("Northgate Wire", "named", True)


def test_resolve_user_override_maps_to_the_registry_name(resolver: OutletResolver) -> None:
    found = resolver.resolve(_article(url="https://www.bbc.co.uk/1"), override="asahi shimbun")
    assert (found.outlet, found.via) == ("The Asahi Shimbun", "override")
