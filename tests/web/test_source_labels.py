"""A story page cites each member by a label of its own, even when an outlet has several."""

from __future__ import annotations

from newsdesk.article import Article
from newsdesk.web.views import source_labels


def _article(article_id: str, outlet: str | None, title: str | None = None) -> Article:
    return Article(
        source=f"{article_id}.txt", format="text", raw="", id=article_id, title=title, outlet=outlet
    )


def test_an_outlet_with_one_member_is_cited_by_its_name() -> None:
    labels = source_labels([_article("a", "Harbour Post"), _article("b", "Coast Wire")])
    assert labels == {"a": "Harbour Post", "b": "Coast Wire"}


def test_two_members_of_one_outlet_are_told_apart() -> None:
    members = [
        _article("a", "Harbour Post"),
        _article("b", "Coast Wire"),
        _article("c", "Harbour Post"),
    ]
    labels = source_labels(members)
    assert labels == {"a": "Harbour Post 1", "b": "Coast Wire", "c": "Harbour Post 2"}
    assert len(set(labels.values())) == len(members)


def test_a_member_without_an_outlet_is_cited_by_a_short_title_cut_at_a_word() -> None:
    title = "Ferry capsizes near Port Selva as the storm closes the harbour for the night"
    labels = source_labels(
        [_article("a", None, title), _article("b", None, None), _article("c", None)]
    )
    assert labels["a"] == "Ferry capsizes near Port Selva as the storm…"
    assert len(labels["a"]) <= 48
    assert labels["b"] == "source 1" and labels["c"] == "source 2"
