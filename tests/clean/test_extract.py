"""extract_html: body text and metadata from small inline pages (no shared eval data)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from newsdesk.clean.extract import Extracted, extract_html
from newsdesk.clean.extract_meta import clean_author

PARAGRAPHS = "\n".join(
    f"<p>Paragraph {i} of the report says the harbour council voted to rebuild the old pier, "
    f"and residents described the plan as long overdue after years of storm damage.</p>"
    for i in range(1, 7)
)


def page(head: str = "", body_top: str = "", body_end: str = "", title: str = "Page") -> str:
    return (
        f"<html lang='en'><head><title>{title}</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article>{body_top}{PARAGRAPHS}{body_end}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def test_extract_jsonld_metadata_wins_over_meta_tags() -> None:
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org",'
        ' "@type": "NewsArticle", "headline": "Harbour council backs new pier",'
        ' "author": {"@type": "Person", "name": "Ada Lovelace"},'
        ' "datePublished": "2024-03-05T09:30:00+01:00"}</script>'
        '<meta name="author" content="Somebody Else">'
    )
    got = extract_html(page(head, title="Harbour council backs new pier | Bay Times"))
    assert got.title == "Harbour council backs new pier"
    assert got.author == "Ada Lovelace"
    assert got.published == datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert "Paragraph 3 of the report" in got.text


def test_extract_date_published_preferred_over_modified() -> None:
    head = (
        '<meta property="article:modified_time" content="2024-06-20T08:00:00+02:00">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">'
    )
    got = extract_html(page(head))
    assert got.published is not None and got.published.date() == date(2024, 3, 5)


def test_extract_date_keeps_the_pages_own_day_and_offset() -> None:
    # 00:30 at +01:00 is still the 11th for the page's readers (23:30 UTC on the 10th)
    head = '<meta property="article:published_time" content="2026-03-11T00:30:00+01:00">'
    got = extract_html(page(head))
    assert got.published == datetime(2026, 3, 11, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    head = '<meta property="article:published_time" content="2026-03-11T13:05:00+01:00">'
    got = extract_html(page(head))
    assert got.published is not None
    assert got.published.isoformat() == "2026-03-11T13:05:00+01:00"


def test_extract_author_jsonld_id_reference_is_resolved() -> None:
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Article", "headline": "Pier", "author": {"@id": "https://x.org/#p1"}},'
        '{"@type": "Person", "@id": "https://x.org/#p1", "name": "Chokri Gharbi"}]}</script>'
    )
    assert extract_html(page(head)).author == "Chokri Gharbi"


def test_extract_author_naming_the_site_is_skipped() -> None:
    head = (
        '<meta property="og:site_name" content="Bay Times"><meta name="author" content="Bay Times">'
    )
    got = extract_html(page(head, body_top='<div class="byline">By Mary Jackson</div>'))
    assert got.author == "Mary Jackson"


def test_extract_author_from_a_short_by_line() -> None:
    got = extract_html(page(body_top="<p>By Dorothy Vaughan</p>"))
    assert got.author == "Dorothy Vaughan"
    # a "By ..." sentence that is not a name is no byline
    got = extract_html(page(body_top="<p>By the end of the year, costs rose</p>"))
    assert got.author is None


def test_extract_author_from_address_element() -> None:
    got = extract_html(page(body_top="<address>By <a href='/a/jw'>Jean Wright</a></address>"))
    assert got.author == "Jean Wright"


def test_extract_title_drops_a_kicker_the_meta_title_lacks() -> None:
    head = '<meta property="og:title" content="Bohren, bis es heiß wird">'
    top = "<h1><span>Klimaschutz</span>: <span>Bohren, bis es heiß wird</span></h1>"
    got = extract_html(page(head, body_top=top, title="Bohren, bis es heiß wird | Zeit"))
    assert got.title == "Bohren, bis es heiß wird"


def test_extract_drops_related_link_lines() -> None:
    end = (
        "<p>Read more: Council approves budget for the new harbour wall</p>"
        "<ul><li>Print Article</li><li>Order Reprints</li></ul>"
        "<p><a href='/a'>Storm season opens early on the coast</a></p>"
    )
    got = extract_html(page(body_end=end))
    assert "Paragraph 6 of the report" in got.text
    assert "Council approves budget" not in got.text
    assert "Print Article" not in got.text
    assert "Storm season opens early" not in got.text


def test_extract_og_title_without_site_suffix() -> None:
    head = '<meta property="og:title" content="Pier rebuild approved"><meta property="og:site_name" content="Bay Times">'
    got = extract_html(page(head, title="Pier rebuild approved - Bay Times"))
    assert got.title == "Pier rebuild approved"
    assert got.site_name == "Bay Times"


def test_extract_h1_agreeing_with_title_is_the_headline() -> None:
    got = extract_html(
        page(body_top="<h1>Storm damage tallied</h1>", title="Storm damage tallied | Bay Times")
    )
    assert got.title == "Storm damage tallied"
    assert not got.text.startswith("Storm damage tallied")


def test_extract_headline_after_menu_headings_wins_over_a_promo_teaser() -> None:
    """A page whose menus hold its first dozens of headings and whose promo list (a "headline"
    class) comes before the story: the headline is the heading agreeing with the meta title."""
    menus = "".join(f"<h3>Section {i}</h3>" for i in range(1, 15))
    promo = (
        "<div class='promo'><h3>Top Video</h3><div class='bn-headline'>"
        "<h2><a href='/video/1'>Lighthouse keeper recalls the night of the storm</a></h2>"
        "</div></div>"
    )
    head = '<meta property="og:title" content="Harbour council backs the pier rebuild">'
    top = "<h1 class='articleHeadline'>Harbour council backs the pier rebuild</h1>"
    html = page(head, title="Harbour council backs the pier rebuild | Bay Times")
    html = html.replace("<nav>", f"<nav>{menus}{promo}", 1).replace("<article>", top + "<article>")
    got = extract_html(html)
    assert got.title == "Harbour council backs the pier rebuild"


def test_extract_author_from_meta_tag() -> None:
    got = extract_html(page('<meta name="author" content="Grace Hopper">'))
    assert got.author == "Grace Hopper"


def test_extract_author_from_byline_class() -> None:
    got = extract_html(page(body_top='<div class="byline">By Katherine Johnson</div>'))
    assert got.author == "Katherine Johnson"


def test_extract_date_from_article_published_time() -> None:
    head = '<meta property="article:published_time" content="2023-11-07T18:00:00Z">'
    got = extract_html(page(head))
    assert got.published is not None and got.published.date() == date(2023, 11, 7)


def test_extract_excludes_comments() -> None:
    comments = (
        "<div id='comments' class='comments'><h3>Comments</h3>"
        "<div class='comment'><p>First! This is a reader comment about something else entirely "
        "and it goes on for a while to look like real prose.</p></div></div>"
    )
    got = extract_html(page(body_end=comments))
    assert "Paragraph 6 of the report" in got.text
    assert "reader comment" not in got.text


def test_extract_keeps_tables() -> None:
    table = (
        "<table><tr><th>Pier</th><th>Cost</th></tr>"
        "<tr><td>North pier</td><td>4.2 million</td></tr></table>"
    )
    got = extract_html(page(body_end=table))
    assert "North pier" in got.text
    assert "4.2 million" in got.text


def test_extract_drops_boilerplate_lines() -> None:
    got = extract_html(page(body_end="<p>Copyright 2024 Bay Times. All rights reserved.</p>"))
    assert "All rights reserved" not in got.text
    assert "Paragraph 1 of the report" in got.text


@pytest.mark.parametrize(
    "html", ["", "   ", "<html></html>", "<<<>>>", "\ufeff<!doctype html>", "<div>" * 5000]
)
def test_extract_empty_or_garbage_html_gives_empty_text(html: str) -> None:
    got = extract_html(html, url="https://example.org/x")
    assert isinstance(got, Extracted)
    assert got.text == ""
    assert got.url == "https://example.org/x"


@pytest.mark.parametrize(
    "html", ["not html at all \x00\x01", "<html><body><p>x</body>", "<p>" + "\ud800" * 3]
)
def test_extract_broken_html_does_not_raise(html: str) -> None:
    assert isinstance(extract_html(html).text, str)


def test_extract_non_string_input_does_not_raise() -> None:
    got = extract_html(None)  # type: ignore[arg-type]
    assert got.text == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe | Reuters", "Jane Doe"),
        ("Von Max Muster", "Max Muster"),
        ("Name *", None),
        ("https://example.org/author/jane", None),
        ("Published by", None),
        ("example-news.com", None),
        ("Isabella Di Biase am Samstag", "Isabella Di Biase"),
        ("Johanna Kropfitsch Alle Artikel", "Johanna Kropfitsch"),
        ("Redaktion: Eberhard Fuhr (Pressesprecher)", "Eberhard Fuhr"),
        ("Redacci&oacute;n Central", "Redacción Central"),
        ("Name", None),
    ],
)
def test_extract_clean_author(raw: str, expected: str | None) -> None:
    assert clean_author(raw) == expected


def test_extract_drops_a_paragraph_listing_related_links_and_its_heading() -> None:
    end = (
        "<p><strong>Don't miss</strong></p>"
        "<p><a href='/a'>Ferry fares to rise again next spring</a> [<strong>VIDEO]<br></strong>"
        "<a href='/b'>Harbour master warns of winter storms</a> [<strong>ANALYSIS]<br></strong>"
        "<a href='/c'>Fishing fleet returns with record catch</a> [<strong>PICTURES]</strong></p>"
        "<p>The council will vote on the final design of the pier in March, officials said.</p>"
    )
    got = extract_html(page(body_end=end))
    assert "Ferry fares to rise" not in got.text
    assert "Harbour master warns" not in got.text
    assert "Don't miss" not in got.text
    assert "final design of the pier in March" in got.text


def test_extract_drops_a_bold_related_link_in_its_own_paragraph() -> None:
    end = (
        "<p><strong><a href='/x'>STORM SEASON OPENS EARLY ON THE COAST</a></strong></p>"
        "<p>Residents were asked to comment on the plan before the end of the month.</p>"
    )
    got = extract_html(page(body_end=end))
    assert "STORM SEASON" not in got.text
    assert "Residents were asked" in got.text


def test_extract_keeps_prose_with_several_links() -> None:
    top = (
        "<p>The <a href='/c'>harbour council</a> met on Monday with the "
        "<a href='/p'>port authority</a> to discuss the rebuilding of the old pier, which was "
        "damaged in last winter's storms.</p>"
    )
    got = extract_html(page(body_top=top))
    assert "met on Monday with the port authority" in got.text


def test_extract_drops_a_hover_card_but_keeps_the_name_it_pops_over() -> None:
    top = (
        "<p>The plan was backed by Mayor <span class='rollover-people'>"
        "<a href='/people/ann-lee'>Ann Lee</a><span class='rollover-people-block'>"
        "<span><a href='/people/ann-lee'>Ann Lee</a><a href='/n/1'>Budget talks stall again"
        "</a><a href='/n/2'>Mayor opens new library</a></span></span></span>, who said the "
        "work would start in May.</p>"
        "<p>Officials said <span style='display: none'>Sponsored: cheap flights</span>the "
        "first stage would cost four million pounds.</p>"
    )
    got = extract_html(page(body_top=top))
    assert "backed by Mayor Ann Lee, who said the work would start in May." in got.text
    assert "Budget talks stall" not in got.text
    assert "cheap flights" not in got.text
    assert "the first stage would cost four million pounds" in got.text


def test_extract_drops_a_related_section_in_any_language_and_records_it() -> None:
    end = (
        "<h3>Weitere Artikel zum Thema</h3>"
        "<ul><li>Deichbau am Nordufer verzögert sich</li>"
        "<li>Wie Sie Ihren Keller vor Wasser schützen</li></ul>"
        "<p>Beitragsbild: Feuerwehr Lindenau / Archiv</p>"
    )
    got = extract_html(page(body_end=end))
    assert "Paragraph 6 of the report" in got.text
    assert "Weitere Artikel" not in got.text
    assert "Deichbau am Nordufer" not in got.text
    assert "Beitragsbild" not in got.text
    assert ("Weitere Artikel zum Thema", "related") in got.removed
    assert ("Beitragsbild: Feuerwehr Lindenau / Archiv", "credits") in got.removed


def test_extract_keeps_prose_after_a_related_heading_and_a_wire_credit() -> None:
    end = (
        "<h3>More on this story</h3>"
        "<p>The council will vote on the final design of the pier in March, officials said.</p>"
        "<p>Additional reporting by Sam Ortiz; Editing by Lee Chan</p>"
    )
    got = extract_html(page(body_end=end))
    assert "More on this story" not in got.text
    assert "final design of the pier in March" in got.text
    assert "Additional reporting by Sam Ortiz" in got.text


def test_extract_retries_a_long_page_with_fallbacks_when_the_fast_result_is_a_lead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # past MAX_FALLBACK_BLOCKS the fast path runs first; a lead alone means it missed the body
    from newsdesk.clean import extract

    calls: list[bool] = []
    body = "The council approved the plan. " * 40

    def fake(tree: object, url: object, *, fast: bool) -> dict[str, object]:
        calls.append(fast)
        return {"text": "The council approved the plan." if fast else body}

    monkeypatch.setattr(extract, "_run_trafilatura", fake)
    menu = "<ul>" + "<li><a href='/t'>Topic</a></li>" * (extract.MAX_FALLBACK_BLOCKS + 10) + "</ul>"
    got = extract_html(page(body_top=menu))
    assert calls == [True, False]
    assert got.text.startswith("The council approved the plan. The council")

    calls.clear()
    huge = "<ul>" + "<li><a href='/t'>Topic</a></li>" * (extract.MAX_RETRY_BLOCKS + 10) + "</ul>"
    extract_html(page(body_top=huge))
    assert calls == [True]  # past the retry limit the fast result stands


STANDFIRST = (
    "Residents will pay nothing towards the new pier, which the council expects to open "
    "before the summer season."
)


def _page_with_header(header: str, description: str) -> str:
    head = f'<meta name="description" content="{description}">'
    return page(head).replace("<article>", f"<header>{header}</header><article>")


def test_extract_keeps_the_standfirst_the_page_describes_itself_with() -> None:
    html = _page_with_header(f"<h1>Pier plan</h1><p class='dek'>{STANDFIRST}</p>", STANDFIRST)
    got = extract_html(html)
    assert got.text.startswith(STANDFIRST)
    assert got.text.count("Residents will pay nothing") == 1
    assert "Paragraph 6 of the report" in got.text


def test_extract_standfirst_from_a_cut_description_is_the_whole_visible_text() -> None:
    html = _page_with_header(f"<p>{STANDFIRST}</p>", STANDFIRST[:70] + " ...")
    assert extract_html(html).text.startswith(STANDFIRST)


def test_extract_adds_no_description_the_page_does_not_show() -> None:
    html = _page_with_header("<h1>Pier plan</h1>", STANDFIRST)
    assert "Residents will pay nothing" not in extract_html(html).text


def test_extract_does_not_repeat_a_description_quoted_from_the_body() -> None:
    description = "Paragraph 1 of the report says the harbour council voted to rebuild the old pier"
    got = extract_html(page(f'<meta name="description" content="{description}">'))
    assert got.text.count("Paragraph 1 of the report") == 1


MENU = "\n".join(f"Section {i}: regional news and weather" for i in range(120))
REPORT = "\n".join(
    f"Paragraph {i} says the council voted to rebuild the old pier after the winter storms."
    for i in range(8)
)


def _fake_runs(monkeypatch: pytest.MonkeyPatch, full: str, alone: str) -> list[bool]:
    from newsdesk.clean import extract

    calls: list[bool] = []

    def fake(tree: object, url: object, *, fast: bool) -> dict[str, object]:
        calls.append(fast)
        return {"text": alone if fast else full}

    monkeypatch.setattr(extract, "_run_trafilatura", fake)
    return calls


def test_extract_prefers_the_article_to_a_menu_the_fallback_chose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _fake_runs(monkeypatch, full=MENU + "\n" + REPORT, alone=REPORT)
    got = extract_html(page())
    assert calls == [False, True]
    assert "Section 12" not in got.text
    assert "Paragraph 7 says the council" in got.text


def test_extract_keeps_a_short_line_page_when_nothing_has_more_prose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    captions = "\n".join(f"Living room, corner {i}" for i in range(20))
    _fake_runs(monkeypatch, full=captions, alone="Living room, corner 1")
    assert "corner 19" in extract_html(page()).text


def test_extract_drops_an_authors_contact_tagline_and_records_it() -> None:
    end = (
        "<p>Email Sam Ortiz at sortiz@baytimes.example or follow him @samortiz. "
        "Follow us on Twitter @BayTimes and on Facebook.</p>"
    )
    got = extract_html(page(body_end=end))
    assert "sortiz@baytimes.example" not in got.text
    assert "Paragraph 6 of the report" in got.text
    assert any(reason == "promo" for _, reason in got.removed)


def test_extract_an_empty_block_between_two_runs_of_text_parts_them() -> None:
    """An empty block between two runs of text ("…on Wednesday.<div class='fake-br'></div>The
    stabbing…") is a line break between them, not glue ("Wednesday.The stabbing")."""
    body = (
        "<div itemprop='articleBody'>The harbour council voted on Wednesday to rebuild the "
        "old pier, ending two years of debate over its cost.<div class='fake-br'></div>"
        "Work on the pier is due to start in the summer and to take eighteen months, the "
        "council's engineer told reporters after the vote.<div class='fake-br'></div>"
        "Residents had pressed for the rebuild since storms in 2024 cut the pier in two.</div>"
    )
    html = f"<html><head><title>Pier</title></head><body><article>{body}</article></body></html>"
    got = extract_html(html)
    assert "debate over its cost.\nWork on the pier" in got.text
    assert "cost.Work" not in got.text and "vote.Residents" not in got.text


def test_extract_a_heading_only_screen_readers_get_is_never_the_headline() -> None:
    """Themes name their landmarks for screen readers ("Nav Social Menu", "Primary
    Sidebar") in headings the page hides; the headline is the story's own."""
    hidden = "<h2 class='genesis-sidebar-title screen-reader-text'>Nav Social Menu</h2>"
    top = "<h2>Harbour council backs the pier rebuild after two years of debate</h2>"
    head = '<meta property="og:title" content="Pier rebuild approved">'
    html = page(head, body_top=top, title="Pier rebuild approved | Bay Times")
    got = extract_html(
        html.replace("<nav>", "<nav>" + hidden, 1).replace("<article>", "<article>" + hidden, 1)
    )
    assert got.title != "Nav Social Menu"


def test_extract_a_copyright_year_is_no_publication_date() -> None:
    """htmldate's last resort reads a bare year ("© 2020" in the footer) as its January 1:
    a page dated by nothing else is undated, not published on New Year's Day."""
    html = page(body_end="<p class='copyright'>© 2020 Valleyton Gardens. All rights reserved.</p>")
    assert extract_html(html, url="http://gardens.example/services/").published is None
    said = page(body_top="<p class='date'>January 1, 2020</p>", body_end="<p>© 2020 Gardens</p>")
    got = extract_html(said, url="http://gardens.example/news/new-year/")
    assert got.published is not None and got.published.date() == date(2020, 1, 1)
    head = '<meta property="article:published_time" content="2020-01-01T00:00:00+00:00">'
    got = extract_html(page(head, body_end="<p>© 2020 Gardens</p>"))
    assert got.published is not None and got.published.date() == date(2020, 1, 1)
