"""A feed item is never "(untitled)" when the article has a lead to title it."""

from datetime import UTC, datetime

from newsdesk.article import Article
from newsdesk.web.feeds import article_entry


def test_feed_entry_titles_an_untitled_article_from_its_lead():
    text = (
        "Share on Facebook Share on Twitter\n"
        "Firefighters contained a warehouse blaze in the port district on Monday after "
        "six hours, the fire service said."
    )
    article = Article(source="x.txt", format="text", raw=text, text=text, id="a1", outlet="Ledger")
    entry = article_entry(article, "http://desk.test", fallback=datetime(2026, 1, 1, tzinfo=UTC))
    assert entry.title.startswith("Firefighters contained a warehouse blaze")
    assert entry.author == "Ledger"
