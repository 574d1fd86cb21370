"""Untrusted text held to the cleaner's limits: controls out, one-line fields plain, length
capped, and the inputs that were quadratic (a long run of spaces before the end) cleaned
in one pass."""

from __future__ import annotations

from newsdesk.article import Article
from newsdesk.clean import TextCleaner, clean_text
from newsdesk.clean.extract_meta import TITLE_SEP_RE
from newsdesk.clean.extract_rules import rules
from newsdesk.clean.safety import cap_text, plain_line, strip_controls
from newsdesk.ingest.html import fragment_text
from newsdesk.settings import Settings


def test_safety_strip_controls_keeps_tabs_and_newlines() -> None:
    assert strip_controls("a\x00b\x1b[2Jc\td\r\ne\rf\x7f\x9bg") == "ab[2Jc\td\ne\nfg"


def test_safety_plain_line_takes_markup_out_of_titles() -> None:
    assert plain_line("<b>Ferry</b>  delayed &amp; over\nbudget") == "Ferry delayed & over budget"
    assert plain_line("&lt;i&gt;Harbour&lt;/i&gt; Gazette") == "Harbour Gazette"
    assert plain_line("Inflation < 2% and > 1%") == "Inflation < 2% and > 1%"
    assert plain_line(" \x00 ") is None
    assert len(plain_line("word " * 1000, limit=100) or "") <= 101


def test_safety_cap_text_cuts_at_a_paragraph() -> None:
    text = "\n\n".join(["First paragraph is here."] * 100)
    cut, was_cut = cap_text(text, 1000)
    assert was_cut and len(cut) <= 1000 and cut.endswith("here.")
    assert cap_text("short", 1000) == ("short", False)
    assert cap_text("x" * 50, 10) == ("x" * 10, True)


def test_truncation_marker_after_a_long_run_of_spaces() -> None:
    # was quadratic: 40,000 spaces then "x" took 26 s in the end-marker search
    result = clean_text("A sentence." + " " * 40_000 + "x")
    assert result.text.startswith("A sentence.") and result.text.endswith("x")
    result = clean_text("The minister said last week, Lee" + " " * 40_000 + "........")
    assert result.text == "The minister said last week, Lee"
    assert "truncated_end" in result.flags
    assert [r.text for r in result.removed if r.reason == "truncation_marker"] == ["........"]


def test_truncation_marker_line_of_dots_is_not_taken_whole() -> None:
    result = clean_text("Lee" + "." * 100_000 + "x")
    assert result.text.startswith("Lee") and result.text.endswith("x")


def test_safety_title_and_author_patterns_on_long_whitespace() -> None:
    assert TITLE_SEP_RE.split("Ferry delayed | Gazette") == ["Ferry delayed", "Gazette"]
    assert TITLE_SEP_RE.search("a" + " " * 50_000 + "b") is None
    assert rules().author_tail_re.search("Jane" + "\t" * 50_000 + "x") is None


def test_safety_cleaner_caps_text_and_flags_long() -> None:
    article = Article(source="x", format="text", raw="", text="A plain sentence here. " * 500)
    TextCleaner(settings=Settings(max_text_chars=1000)).clean(article)
    assert len(article.text) <= 1000 and "long" in article.flags


def test_safety_deep_fragment_keeps_its_text() -> None:
    assert fragment_text("<b>" * 20_000 + "hello") == "hello"


def test_safety_page_of_thousands_of_short_paragraphs() -> None:
    # justext (trafilatura's fallback) is quadratic in short paragraphs: 3,500 took 9 s,
    # 14,000 over a minute; past 1,500 blocks the fallback is skipped
    from newsdesk.clean.extract import extract_html

    lead = "<p>The harbour authority confirmed the new ferry terminal will open in spring.</p>"
    html = (
        "<html><body>" + lead + "<p>x</>x</p>Y}\n" * 3000 + "<p>x</p>Y}\n" * 5000 + "</body></html>"
    )
    extracted = extract_html(html)
    assert "harbour authority" in extracted.text
