"""Names for hosts the registry lacks: the page's own site name, from its markup or from
the end of its ``<title>`` when that matches the host, for HTML files and WARC records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.ingestion import ingest
from newsdesk.outlets.sitename import site_name_part, title_site_name
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

BODY = "".join(
    f"<p>The new ferry terminal on the east quay opened {n} days early on Monday, and the"
    f" harbour master said crossings to the islands would run every {n + 20} minutes.</p>"
    for n in range(1, 7)
)


def _page(title: str, url: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}">{head}</head><body><article>'
        f"<h1>Ferry terminal opens early</h1>{BODY}</article></body></html>"
    )


def _warc(url: str, body: bytes) -> bytes:
    http = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
        f"WARC-Date: 2026-03-10T08:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


@pytest.mark.parametrize(
    ("title", "host", "name"),
    [
        ("Das Ministerium informiert | Die PARTEI Lübeck", "die-partei.net", "Die PARTEI Lübeck"),
        ("Kindersitztest 2018 - ADAC", "www.adac.de", "ADAC"),
        ("Sox make an offer - Joy of Sox", "joyofsox.blogspot.nl", "Joy of Sox"),
        (
            "Ferry terminal opens early – Harbour Gazette",
            "harbourgazette.example",
            "Harbour Gazette",
        ),
        ("Quake hits the coast - Reuters", "myblog.example", None),  # a quoted outlet
        ("Ferry terminal opens early | Interview", "harbourgazette.example", None),
        ("Ferry terminal opens early", "harbourgazette.example", None),  # no separator
        ("Latest news | harbourgazette.example", "harbourgazette.example", None),  # a host
    ],
)
def test_sitename_title_suffix_only_when_it_matches_the_host(
    title: str, host: str, name: str | None
) -> None:
    assert title_site_name(title, host) == name


def _ingest(tmp_path: Path, files: dict[str, bytes]) -> dict[str, str | None]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    path = tmp_path / "s.db"
    with SqliteStore(path) as store:
        report = ingest(
            [str(folder)], store, settings=Settings(db=path, stories=False, annotate=False)
        )
        assert not report.rejected, report.rejected
        return {a.url or "": a.outlet for a in store.articles.articles()}


def test_sitename_names_unregistered_html_and_warc_pages(tmp_path: Path) -> None:
    gazette = "https://www.harbourgazette.example/ferry"
    crawled = "https://news.tidewaterpost.example/ferry"
    quoting = "https://myblog.example/ferry"
    stated = "https://www.eastquay.example/ferry"
    files = {
        "gazette.html": _page("Ferry terminal opens early | Harbour Gazette", gazette).encode(),
        "crawl.warc": _warc(
            crawled, _page("Ferry terminal opens early - The Tidewater Post", crawled).encode()
        ),
        "quoting.html": _page("Ferry terminal opens early - Reuters", quoting).encode(),
        "stated.html": _page(
            "Ferry terminal opens early | EQ",
            stated,
            '<meta property="og:site_name" content="East Quay Courier">',
        ).encode(),
    }
    outlets = _ingest(tmp_path, files)
    assert outlets[gazette] == "Harbour Gazette"  # not "Harbourgazette" from the host
    assert outlets[crawled] == "The Tidewater Post"  # a WARC record's page alike
    assert outlets[quoting] == "Myblog"  # "Reuters" is not this host's name
    assert outlets[stated] == "East Quay Courier"  # og:site_name comes first


def test_sitename_registered_host_still_wins(tmp_path: Path) -> None:
    bbc = "https://www.bbc.co.uk/news/ferry"
    outlets = _ingest(tmp_path, {"bbc.html": _page("Ferry opens | BBC Newsround", bbc).encode()})
    assert outlets[bbc] == "BBC News"


@pytest.mark.parametrize(
    ("stated", "host", "name"),
    [
        # a slogan or the site's sections after its name
        (
            "Tidewater 9News | Harbour News, Weather, Sports | Eastport",
            "tw9.example",
            "Tidewater 9News",
        ),
        ("Quay Living - Art, Design, DIY and Food!", "quayliving.example", "Quay Living"),
        # the page's own title before the site's name
        (
            "Ferry terminal opens early | Die HAFENZEITUNG",
            "hafenzeitung.example",
            "Die HAFENZEITUNG",
        ),
        # a description first, the name (consistent with the host) after it
        (
            "Noticias del puerto - La Gaceta Marítima | Informate",
            "lagacetamaritima.example",
            "La Gaceta Marítima",
        ),
        # the site's address beside a name that is not the host's
        ("Ferry timetables | quayferries.example", "quayferries.example", "quayferries.example"),
        # nothing to cut, or nothing to check against
        ("Harbour Gazette", "harbourgazette.example", "Harbour Gazette"),
        ("Harbour Gazette - Eastport", None, "Harbour Gazette - Eastport"),
    ],
)
def test_sitename_stated_name_keeps_the_part_that_names_the_site(
    stated: str, host: str | None, name: str
) -> None:
    assert site_name_part(stated, host) == name


def test_sitename_stated_slogan_left_out_at_ingest_but_a_users_outlet_kept(
    tmp_path: Path,
) -> None:
    url = "https://www.tw9.example/ferry"
    head = '<meta property="og:site_name" content="Tidewater 9News | Harbour News, Weather">'
    record = {"text": BODY.replace("<p>", "").replace("</p>", "\n\n"), "outlet": "Desk A | Desk B"}
    page_url = "https://www.tw9.example/fares"
    page = {"html": _page("Fares rise", page_url, head), "url": page_url, "outlet": "Desk C | D"}
    files = {
        "page.html": _page("Ferry opens", url, head).encode(),
        "feed.jsonl": (json.dumps(record) + "\n" + json.dumps(page) + "\n").encode(),
    }
    outlets = _ingest(tmp_path, files)
    assert outlets[url] == "Tidewater 9News"
    assert outlets[""] == "Desk A | Desk B"  # a JSONL record's outlet is the user's
    assert outlets[page_url] == "Desk C | D"  # also beside the HTML it carries


@pytest.mark.parametrize(
    ("stated", "host", "name"),
    [
        # the address after a preposition: the host's name, split by the tagline's words
        (
            "Island News and Views on www.dailyislandpost.example",
            "dailyislandpost.example",
            "Daily Island Post",
        ),
        # an advert's question
        (
            "Gardener needed? 0800 Gardener for design and care",
            "0800-gardener.example",
            "0800 Gardener",
        ),
        # a description: an indefinite article first
        ("Ein Blog über Reisen, Bücher und das Leben", "wanderfalke.example", "Wanderfalke"),
        ("A blog about harbours and ferries", "quaynotes.wordpress.com", "Quaynotes"),
        # the name after a bullet
        ("Deals for thrifty readers • DealMeister", "dealmeister.example", "DealMeister"),
        # a brand's exclamation mark, and a blog named with commas, are names
        ("HAFEN!", "hafen-magazin.example", "HAFEN!"),
        ("Das Leben, der Hafen und ich", "hafenleben.example", "Das Leben, der Hafen und ich"),
    ],
)
def test_sitename_a_tagline_where_the_name_belongs_gives_way_to_the_hosts_name(
    stated: str, host: str, name: str
) -> None:
    assert site_name_part(stated, host) == name


def test_sitename_stated_name_first_when_it_matches_though_a_slogan_holds_the_host() -> None:
    stated = "hafenjobs.example - Jobs and news for Hafenjobs seekers"
    assert site_name_part(stated, "hafenjobs.example") == "hafenjobs.example"
