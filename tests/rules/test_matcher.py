"""Rules as a user writes them: words, regular expressions, and the ones refused at save time."""

from __future__ import annotations

import pytest

from newsdesk.errors import UsageError
from newsdesk.rules import check_rule
from newsdesk.store.rules import RuleArticle, RuleRow


def _article(title: str = "", text: str = "", source: str = "feed.xml") -> RuleArticle:
    return RuleArticle(
        id="a1", source=source, title=title, text=text, outlet="Northgate", author=None
    )


def _rule(pattern: str, *, kind: str = "words", field: str = "title") -> RuleRow:
    return RuleRow(name="r", action="mute", field=field, kind=kind, pattern=pattern)


@pytest.mark.parametrize(
    ("title", "matched"),
    [
        ("Your horoscope for Monday", True),
        ("HOROSCOPE special", True),
        ("Celebrity   gossip roundup", True),  # a phrase across any spaces
        ("Horoscopes are back", False),  # whole words only
        ("Celebrity chef opens harbour cafe", False),  # the phrase, not one of its words
        ("Ferry terminal delayed", False),
    ],
)
def test_matcher_words_match_whole_words_or_phrases_case_insensitively(
    title: str, matched: bool
) -> None:
    rule = check_rule(_rule("horoscope, celebrity gossip"))
    assert rule.matches(_article(title=title)) is matched


def test_matcher_regex_matches_as_written() -> None:
    rule = check_rule(_rule(r"^Sponsored:", kind="regex"))
    assert rule.matches(_article(title="Sponsored: a new phone"))
    assert not rule.matches(_article(title="sponsored: lower case"))
    assert check_rule(_rule(r"(?i)^sponsored:", kind="regex")).matches(
        _article(title="sponsored: lower case")
    )


def test_matcher_field_other_than_title() -> None:
    rule = check_rule(_rule("cookie banner", field="text"))
    assert rule.matches(_article(title="Ferry news", text="Accept our cookie banner to go on."))
    assert not rule.matches(_article(title="cookie banner", text="Ferry news."))


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)+$", r"(x+x+)+y", r"(a|aa)+$"])
def test_matcher_pathological_regex_is_refused_when_saved(pattern: str) -> None:
    with pytest.raises(UsageError, match="takes too long"):
        check_rule(_rule(pattern, kind="regex"))


@pytest.mark.parametrize(
    ("pattern", "where"),
    [("(ferry", "position"), ("[a-", "position"), ("a{2,1}", "position")],
)
def test_matcher_malformed_regex_is_refused_naming_the_position(pattern: str, where: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_rule(_rule(pattern, kind="regex"))
    assert where in str(caught.value)
    assert pattern in str(caught.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (RuleRow("", "mute", "title", "words", "x"), "rule name"),
        (RuleRow("r", "hide", "title", "words", "x"), "--mute"),
        (RuleRow("r", "mute", "body", "words", "x"), "--field 'body'"),
        (RuleRow("r", "mute", "title", "words", " , ,"), "no words"),
    ],
)
def test_matcher_bad_rules_are_refused_with_what_is_wrong(row: RuleRow, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check_rule(row)


def test_matcher_source_scope_covers_the_feed_and_its_items() -> None:
    scoped = check_rule(
        RuleRow("r", "mute", "title", "words", "x", source="https://north.example/feed.xml")
    )
    assert scoped.applies_to("https://north.example/feed.xml")
    assert scoped.applies_to("https://north.example/feed.xml#3")
    assert not scoped.applies_to("https://south.example/feed.xml#3")
    assert check_rule(_rule("x")).applies_to("anything")
