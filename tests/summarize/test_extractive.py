"""Summaries rank news, not furniture: captions, photo credits and page stamps that every
outlet carries still never take the places of news (composed stories)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.article import Article
from newsdesk.summarize import summarize_story

T0 = datetime(2026, 3, 3, 21, 0, tzinfo=UTC)
NEWS = (
    "Twelve workers died when fire swept through the Halloway tyre depot in Marsden on "
    "Tuesday night, the county fire service said. Crews from four towns fought the blaze for "
    "six hours before it was brought under control. The depot had failed a fire safety "
    "inspection in January, according to council records seen by reporters."
)
CAPTION = (
    "Firefighters spray water on the burning Halloway tyre depot in Marsden, in this photo "
    "provided by the county fire service. "
)
CREDIT = "Photo: County fire service crews at the burning Halloway tyre depot in Marsden. "
STAMP = "Depot fire kills twelve Updated: March 3, 2026, 9:14 PM ET Twelve workers died. "


def _article(key: str, outlet: str, text: str, hours: int) -> Article:
    return Article(source=key, format="text", raw=text, text=text, id=key, outlet=outlet,
                   published=T0 + timedelta(hours=hours))  # fmt: skip


def test_extractive_captions_and_stamps_never_take_the_place_of_news() -> None:
    members = [
        _article("a", "Northgate Wire", CAPTION + NEWS, 0),
        _article("b", "The Meridian Post", CREDIT + CAPTION + NEWS.replace("Crews", "Teams"), 1),
        _article("c", "Civic Beat", STAMP + CAPTION + NEWS.replace("four", "five"), 2),
    ]
    summary = summarize_story(members, {})
    text = " ".join(s.text for s in summary)
    assert "Twelve workers died when fire swept" in text
    assert "in this photo" not in text and "Photo:" not in text and "Updated:" not in text
    assert all(s.sources for s in summary)


def test_extractive_a_report_of_long_sentences_still_gets_its_lead() -> None:
    """A short report told in two long sentences (none eligible by length) is summarised by
    its first sentence, cited, never by nothing."""
    lead = (
        "The son of a former president of Valdoria, a surgeon who had led the capital's "
        "largest clinic for twenty years, was stabbed to death during a lecture he was giving "
        "to students on Wednesday, while another man was critically injured trying to stop "
        "the attacker, state television reported."
    )
    rest = (
        " Police arrested a 57-year-old man at the scene and said he had acted alone, and "
        "prosecutors opened an inquiry into the motive, which they said could take weeks to "
        "establish because the suspect had refused to answer questions since his arrest on "
        "Wednesday evening"
    )
    summary = summarize_story([_article("a", "Northgate Wire", lead + rest, 0)], {})
    assert [s.text for s in summary] == [lead]
    assert summary[0].sources == ["a"]


def test_extractive_a_list_bullet_opens_no_summary_sentence() -> None:
    """A game report written as a bulleted list ("• Embiid was …") reads without its bullets
    once its sentences stand alone in the summary."""
    text = (
        "The Harbour Hawks captured their biggest win of the year on Wednesday night.\n"
        "• It was an underwhelming first quarter on both sides, as the two teams struggled "
        "to knock down open shots from long range.\n"
        "• Mara Quint was the only Hawk who could get going early on, scoring twelve points "
        "in the first eight minutes."
    )
    summary = summarize_story([_article("a", "Northgate Wire", text, 0)], {})
    assert summary and not [s.text for s in summary if s.text.startswith("•")]
    assert any(s.text.startswith("It was an underwhelming first quarter") for s in summary)
    dashed = summarize_story([_article("a", "Northgate Wire", text.replace("• ", "- "), 0)], {})
    assert dashed and not [s.text for s in dashed if s.text.startswith("-")]
