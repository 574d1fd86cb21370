"""OPML in and out: round trips, files shaped like Miniflux's and FreshRSS's, hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import UsageError
from newsdesk.live.opml import OpmlFeed, parse_opml, write_opml

# shaped like Miniflux's export: one level of categories, title and text, empty elements
MINIFLUX = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
    <head>
        <title>Miniflux</title>
        <dateCreated>Sat, 05 Dec 2026 09:00:00 UTC</dateCreated>
    </head>
    <body>
        <outline text="World">
            <outline title="Northgate Wire" text="Northgate Wire" xmlUrl="https://northgate.example/feed.xml" htmlUrl="https://northgate.example/" description="Wire copy"></outline>
            <outline title="Harbour Post" text="Harbour Post" xmlUrl="https://harbour.example/rss" htmlUrl="https://harbour.example/"></outline>
        </outline>
        <outline text="Tech &amp; Science">
            <outline title="Kessrick Daily" text="Kessrick Daily" xmlUrl="https://kessrick.example/atom.xml" htmlUrl="https://kessrick.example/"></outline>
        </outline>
    </body>
</opml>
"""

# shaped like FreshRSS's export: tabs, a namespace of its own, type="rss", self-closed outlines
FRESHRSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml xmlns:frss="https://freshrss.org/opml" version="2.0">
\t<head>
\t\t<title>FreshRSS</title>
\t\t<dateCreated>Sat, 05 Dec 2026 09:00:00 +0000</dateCreated>
\t</head>
\t<body>
\t\t<outline text="Uncategorized">
\t\t\t<outline text="Southern Post" type="rss" xmlUrl="https://south.example/feed/" htmlUrl="https://south.example/" description="" frss:cssFullContent="article"/>
\t\t</outline>
\t\t<outline text="Local">
\t\t\t<outline text="Marrowby Herald" type="rss" xmlUrl="https://marrowby.example/index.xml" htmlUrl="https://marrowby.example/" description="Town news"/>
\t\t\t<outline text="Broken one" type="rss" xmlUrl="javascript:alert(1)" htmlUrl="https://bad.example/"/>
\t\t</outline>
\t</body>
</opml>
"""


def test_opml_miniflux_shaped_file_gives_feeds_titles_and_categories() -> None:
    found = parse_opml(MINIFLUX)
    assert found.title == "Miniflux" and found.problems == []
    assert [(f.url, f.title, f.category, f.html_url) for f in found.feeds] == [
        ("https://northgate.example/feed.xml", "Northgate Wire", "World",
         "https://northgate.example/"),
        ("https://harbour.example/rss", "Harbour Post", "World", "https://harbour.example/"),
        ("https://kessrick.example/atom.xml", "Kessrick Daily", "Tech & Science",
         "https://kessrick.example/"),
    ]  # fmt: skip


def test_opml_freshrss_shaped_file_reports_the_bad_outline_by_line_and_keeps_the_rest() -> None:
    found = parse_opml(FRESHRSS)
    assert [(f.title, f.category) for f in found.feeds] == [
        ("Southern Post", "Uncategorized"),
        ("Marrowby Herald", "Local"),
    ]
    assert len(found.problems) == 1
    assert found.problems[0].startswith("line 13: outline 'Broken one'")
    assert "http(s)" in found.problems[0]


def test_opml_round_trip_keeps_urls_titles_sites_and_nested_categories() -> None:
    feeds = [
        OpmlFeed("https://a.example/feed", "A & Sons <wire>", "https://a.example/", "News/World"),
        OpmlFeed("https://b.example/rss", "B", None, "News/World/Europe"),
        OpmlFeed("https://c.example/atom", "C", "https://c.example/", "Tech"),
        OpmlFeed("https://d.example/feed.xml", None, None, None),
    ]
    again = parse_opml(write_opml(feeds)).feeds
    assert [(f.url, f.title, f.html_url, f.category) for f in again] == [
        ("https://a.example/feed", "A & Sons <wire>", "https://a.example/", "News/World"),
        ("https://b.example/rss", "B", None, "News/World/Europe"),
        ("https://c.example/atom", "C", "https://c.example/", "Tech"),
        ("https://d.example/feed.xml", "https://d.example/feed.xml", None, None),
    ]


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY lol "lol">\n]>\n'
        b'<opml version="2.0"><body><outline text="&lol;" xmlUrl="https://x.example/f"/>'
        b"</body></opml>",
        b'<?xml version="1.0"?>\n<!DOCTYPE opml SYSTEM "file:///etc/passwd">\n'
        b'<opml version="2.0"><body/></opml>',
        b'<?xml version="1.0"?>\n<!DOCTYPE opml>\n<opml version="2.0"><body/></opml>',
    ],
)
def test_opml_doctype_or_entity_declaration_is_refused_without_expansion(
    document: bytes,
) -> None:
    with pytest.raises(UsageError) as caught:
        parse_opml(document, name="list.opml")
    message = str(caught.value)
    assert message.startswith("list.opml: line 2: refused")
    assert "DOCTYPE" in message and "lol" not in message


def test_opml_malformed_file_is_refused_naming_line_and_column() -> None:
    broken = b'<?xml version="1.0"?>\n<opml version="2.0">\n<body>\n<outline text="a">\n</opml>\n'
    with pytest.raises(UsageError, match=r"list\.opml: line 5, column 3: not well-formed"):
        parse_opml(broken, name="list.opml")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"<rss><channel/></rss>", "not <opml>"),
        (b'<opml version="2.0"><head/></opml>', "no <body>"),
        (b"", "not well-formed"),
    ],
)
def test_opml_files_that_are_no_reading_list_are_refused(document: bytes, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_opml(document)


def test_opml_cli_import_then_export_round_trips_through_the_store(cli, tmp_path: Path) -> None:
    source = tmp_path / "miniflux.opml"
    source.write_bytes(MINIFLUX)
    imported = cli("sources", "import", str(source), "--json")
    assert imported.code == 0, imported.stderr
    assert imported.json() == {"followed": 3, "already": 0, "problems": []}
    listed = {s["url"]: s["outlet"] for s in cli("sources", "list", "--json").json()}
    assert listed["https://kessrick.example/atom.xml"] == "Kessrick Daily"
    again = cli("sources", "import", str(source), "--json").json()
    assert again == {"followed": 0, "already": 3, "problems": []}

    out = tmp_path / "out.opml"
    assert cli("sources", "export", str(out)).code == 0
    exported = parse_opml(out.read_bytes())
    assert sorted((f.url, f.title, f.category, f.html_url) for f in exported.feeds) == sorted(
        (f.url, f.title, f.category, f.html_url) for f in parse_opml(MINIFLUX).feeds
    )
    printed = cli("sources", "export")
    assert printed.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')


def test_opml_cli_reports_bad_outlines_with_exit_1_and_refuses_entities_with_exit_2(
    cli, tmp_path: Path
) -> None:
    fresh = tmp_path / "freshrss.opml"
    fresh.write_bytes(FRESHRSS)
    result = cli("sources", "import", str(fresh))
    assert result.code == 1
    assert "2 sources followed" in result.stdout
    assert "line 13" in result.stderr and "Broken one" in result.stderr
    evil = tmp_path / "evil.opml"
    evil.write_bytes(b'<!DOCTYPE x [<!ENTITY e "boom">]><opml><body/></opml>')
    refused = cli("sources", "import", str(evil))
    assert refused.code == 2
    assert "line 1: refused" in refused.stderr
    missing = cli("sources", "import", str(tmp_path / "nope.opml"))
    assert missing.code == 2 and "cannot read" in missing.stderr
