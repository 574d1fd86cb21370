from __future__ import annotations

from datetime import datetime

from newsdesk.ingest import read_bytes
from newsdesk.ingest.html import flatten_deep, fragment_text, max_depth
from newsdesk.settings import Settings

from .conftest import PARAGRAPHS, page_html


def test_html_extracts_text_and_metadata(settings: Settings) -> None:
    [article] = read_bytes(page_html().encode(), source="page.html", settings=settings)
    assert article.format == "html"
    assert "ferry terminal will open" in article.text
    assert "<p>" in article.raw
    assert article.title == "Ferry terminal to open in spring"
    assert article.author == "Jane Doe"
    assert article.outlet == "The Harbour Gazette"
    assert isinstance(article.published, datetime)
    assert article.published.date().isoformat() == "2024-03-05"
    assert article.published_source == "metadata"


def test_html_takes_canonical_url_when_none_known(settings: Settings) -> None:
    head = '<link rel="canonical" href="https://gazette.example/ferry">'
    [article] = read_bytes(page_html(head=head).encode(), source="p.html", settings=settings)
    assert article.url == "https://gazette.example/ferry"


def test_html_known_url_wins_over_canonical(settings: Settings) -> None:
    head = '<meta property="og:url" content="https://gazette.example/og">'
    data = page_html(head=head).encode()
    [article] = read_bytes(data, source="p", url="https://x.example/a", settings=settings)
    assert article.url == "https://x.example/a"


def test_html_short_page_falls_back_to_all_text(settings: Settings) -> None:
    data = b"<html><body><p>Short note.</p><script>var x = 1;</script></body></html>"
    [article] = read_bytes(data, source="short.html", settings=settings)
    assert article.text == "Short note."


def test_html_max_depth_and_flatten() -> None:
    deep = "<div>" * 50 + "deep words" + "</div>" * 50
    assert max_depth(deep) == 50
    flat = flatten_deep(deep, 10)
    assert max_depth(flat) == 10
    assert "deep words" in flat


def test_html_fragment_text_keeps_paragraphs() -> None:
    text = fragment_text("<p>One <b>bold</b> line.</p><p>Two.</p>")
    assert text == "One bold line.\nTwo."


def test_html_deep_page_still_gives_text(settings: Settings) -> None:
    body = "<div>" * 2000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 2000
    data = f"<html><body>{body}</body></html>".encode()
    [article] = read_bytes(data, source="deep.html", settings=settings)
    assert "shortage of steel" in article.text
    assert article.extras["html_flattened_depth"] == 2003  # html, body, 2000 divs, p


def test_html_related_section_removed_with_its_reason(settings: Settings) -> None:
    end = "<h3>You may also like</h3><ul><li>Ferry fares rise again</li></ul>"
    page = page_html().replace("</article>", end + "</article>")
    assert end in page
    [article] = read_bytes(page.encode(), source="related.html", settings=settings)
    assert "Ferry fares rise again" not in article.text
    assert {"text": "Ferry fares rise again", "reason": "related"} in [
        {"text": r.text, "reason": r.reason} for r in article.removed
    ]


def test_html_tags_inside_a_script_do_not_count_as_nesting() -> None:
    script = "<script>var card = '" + '<div class="card"><a href="/x">' * 400 + "';</script>"
    html = f"<html><body><div><p>One.</p></div>{script}<div><p>Two.</p></div></body></html>"
    assert max_depth(html) == 4  # html, body, div, p
    assert flatten_deep(html, 2).count('<div class="card">') == 400  # the script is untouched


def test_html_page_with_html_templates_in_scripts_keeps_its_article(settings: Settings) -> None:
    # closing tags inside a script string are written "<\/div>": a flat scan that read the
    # script as markup saw hundreds of open tags and flattened the page's structure away
    template = (
        "<script>var t = '"
        + '<div class="teaser"><a href="/n">' * 600
        + "<\\/a><\\/div>';</script>"
    )
    menu = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30))
    page = page_html().replace("<article>", menu + "</ul></nav>" + template + "<article>")
    [article] = read_bytes(page.encode(), source="templates.html", settings=settings)
    assert article.extras.get("html_flattened_depth", 0) < 10  # read as it is, not flattened
    assert "ferry terminal will open" in article.text
    assert "Section 12" not in article.text
