"""Titles are never debris: furniture is passed over for the page's headline or the lead.

Every line here is composed for the test (fictional outlets, places and people), in the
shapes real pages print their furniture.
"""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.article import Article
from newsdesk.clean import TextCleaner
from newsdesk.clean.titles import lead_title, title_debris, without_site_tail
from newsdesk.cluster.embed import DIM
from newsdesk.cluster.story import Story
from newsdesk.publish.brief import _headline
from newsdesk.store.stories import StoryRow

FURNITURE = [
    "Please enable Javascript to watch this video",
    "Share on Facebook Share on Twitter",
    "Share via Email Print",
    "Click image above to view graphic",
    "Getty Images / Ana Ruiz / Contributor",
    "Marta Lind via Getty Images.",
    "Image copyright Northpoint Pictures Image caption Crews at the depot",
    "Media playback is unsupported on your device",
    "VALLEYTON, Northland |",
    "PORT SELVA, Isle of Corran",
    "Valleyton , Mar 14 -",
    "14 March 2024 Last updated at 09 : 15 GMT",
    "POSTED : 03 / 14 / 24 , 9 : 00 PM PDT |",
    "Thursday , March 14 , 2024",
    "Breaking News Emails Get breaking news alerts and special reports.",
]
HEADLINES = [
    "Harbour Ferry Fares Rise for Third Year Running",
    "Valleyton council approves flood barrier",
    "Lawyer : ferry operator to appeal fine",
    "REPORT : NORTHPOINT LINES TO CUT ROUTES",
    "FIRE, FLOOD AND FURY ON THE HARBOUR FRONT",
    "4 . 6 quake rattles Northland early Thursday",
    "Photo agency sues rival over archive images",
    "港口城市宣布新的防洪计划",
]
LEAD = (
    "VALLEYTON, Northland (Wire) — The regional council approved a new flood barrier for "
    "the Valleyton river front on Thursday after two years of debate. Work starts in June."
)


@pytest.mark.parametrize("line", FURNITURE)
def test_titles_furniture_is_never_a_title(line: str) -> None:
    assert title_debris(line) is not None


@pytest.mark.parametrize("line", HEADLINES)
def test_titles_real_headlines_are_titles(line: str) -> None:
    assert title_debris(line) is None


def test_titles_lead_extract_drops_the_dateline_and_cuts_the_sentence() -> None:
    title = lead_title(f"Share on Facebook Share on Twitter\n\n{LEAD}")
    assert title is not None
    assert title.startswith("The regional council approved a new flood barrier")
    assert title.endswith("…") and len(title.split()) <= 14


def test_titles_a_title_case_headline_printed_with_a_full_stop_is_taken_whole() -> None:
    """Some archives end the headline line with a full stop: a Title Case line is the
    headline, whole, not a lead sentence cut at 14 words."""
    head = "Harbour Board Says Ferry Fares Will Rise By Eight Percent From April After Long Review"
    title = lead_title(f"{head}.\n\n{LEAD}")
    assert title == head
    sentence = "The harbour board said on Monday that ferry fares would rise from April after a long review."
    assert lead_title(f"{sentence}\n\n{LEAD}", None).endswith("…")  # a lead: cut as before


def test_titles_a_lead_cut_never_ends_inside_a_case_name() -> None:
    """ "Roe v. Wade" is one sentence: the lead's title is not cut at "v."
    ("Clinton to Planned Parenthood: Trump will reverse Roe v")."""
    line = "Mayor to harbour board: court will reverse Quint v. Lind on the pier.\n\n"
    title = "Mayor to harbour board: court will reverse Quint v. Lind on the pier"
    assert lead_title(f"{line}{LEAD}") == title


@pytest.mark.parametrize(
    ("line", "title"),
    [
        # a quotation headline whose stop sits inside its closing quote
        ("Mayor Lind: ‘We Will Keep The Ferry Running Through The Winter And Into The Spring.’",
         "Mayor Lind: ‘We Will Keep The Ferry Running Through The Winter And Into The Spring’"),
        # a teaser the outlet cut itself keeps its ellipsis
        ("Harbour Board Names Its New Chair, But ….",
         "Harbour Board Names Its New Chair, But …"),
        ("Ferry Boss Just Insulted Every Commuter In The Worst Way — ‘Didn’t Lose A….’",
         "Ferry Boss Just Insulted Every Commuter In The Worst Way — ‘Didn’t Lose A…’"),
        # an archive's headline line ending in the semicolon its deck follows
        ("Valleyton council approves flood barrier; ", "Valleyton council approves flood barrier"),
        ("Ferry fares rise in the U.K.; ", "Ferry fares rise in the U.K."),
        ("Harbour Board Opens New Office In The U.S.", "Harbour Board Opens New Office In The U.S."),
        ("Harbour Board Says Yes ( After 8 Years ? )", "Harbour Board Says Yes ( After 8 Years ? )"),
    ],
)  # fmt: skip
def test_titles_a_headline_line_keeps_its_words_and_loses_its_stop(line: str, title: str) -> None:
    """The lead's headline line is the title whole: its final stop or deck separator comes
    off, an ellipsis the outlet printed stays, a closing quote stays."""
    deck = "Council votes after two years of debate.\n\n"
    assert lead_title(f"{line}\n{deck}{LEAD}") == title


def test_titles_a_quoted_line_full_of_names_is_no_headline() -> None:
    quoted = (
        '"Northland - On March 9, Harbour Minister Mara Quint visited Valleyton and held '
        'talks with Mayor Ana Lind and Port Chief Ivo Ross."'
    )
    assert lead_title(f"{quoted}\n\n{LEAD}").endswith("…")  # cut as a lead sentence


def test_titles_record_without_title_gets_one_from_the_lead_not_furniture() -> None:
    text = "\n".join(FURNITURE[:4]) + "\n\n" + LEAD
    article = TextCleaner().clean(Article(source="t", format="text", raw=text, text=text))
    assert article.title is not None and title_debris(article.title) is None
    assert article.title.startswith("The regional council")
    assert article.extras.get("title_source") == "lead"


def test_titles_given_debris_title_is_replaced_and_recorded() -> None:
    text = f"{HEADLINES[1]}\n\n{LEAD}"
    article = Article(source="t", format="jsonl", raw=text, text=text, title=FURNITURE[0])
    TextCleaner().clean(article)
    assert article.title == HEADLINES[1]
    assert any(r.reason == "title_debris" for r in article.removed)


SITE_TAILS = [
    ("Valleyton council approves flood barrier - Northland Daily News", 0),
    ("Valleyton council approves flood barrier - Local - Northland Herald", 0),
    ("Valleyton council approves flood barrier | Rivers | Northpoint Online", 0),
    ("河谷市议会批准新建防洪堤 - 地方新闻 - 北地日报网 - 北地在线", 1),
    ("河谷市议会批准新建防洪堤-北地网", 1),
    ("ヴァリートン市議会が防潮堤を承認 - 北地ニュース", 2),
    # a broadcaster's station
    ("Valleyton council approves flood barrier - CBS Valleyton", 0),
    ("Valleyton council approves flood barrier - FOX 7 Northland", 0),
    ("Valleyton council approves flood barrier | BR24", 0),
]
KEPT_TAILS = [
    "Valleyton floods - day 3 - live",  # the headline left would be too short
    "Mayor quits - Northland Herald",
    "Ferry strike ends after ten days - two crews back at sea",  # a tail that is news
    "Ferry strike ends after ten days - Valleyton unions",  # one short part, no site
    "Ferry strike ends after ten days - unions blame Fox",  # a network named inside news
]


@pytest.mark.parametrize(("title", "index"), SITE_TAILS)
def test_titles_a_site_name_or_section_trail_comes_off_a_given_title(
    title: str, index: int
) -> None:
    heads = ["Valleyton council approves flood barrier", "河谷市议会批准新建防洪堤"]
    heads.append("ヴァリートン市議会が防潮堤を承認")
    assert without_site_tail(title) == heads[index]


@pytest.mark.parametrize("title", KEPT_TAILS)
def test_titles_a_tail_that_is_part_of_the_headline_stays(title: str) -> None:
    assert without_site_tail(title) == title


def test_titles_record_title_is_stored_without_its_site_tail() -> None:
    text = f"{HEADLINES[1]}\n\n{LEAD}"
    given = f"{HEADLINES[1]} - News - Northland Daily - Northpoint Online"
    article = Article(source="t", format="jsonl", raw=text, text=text, title=given)
    TextCleaner().clean(article)
    assert article.title == HEADLINES[1]


def _story(titles: list[str], lead: str = LEAD) -> Story:
    vector = np.ones(DIM, dtype=np.float32)
    story = Story(id="s", key=1, vector_sum=vector.copy(), terms={}, entities={}, members=[])
    story.titles = [(t, vector) for t in titles]
    story.lead = lead
    return story


def test_titles_story_headline_is_a_real_member_title() -> None:
    story = _story([FURNITURE[0], FURNITURE[1], HEADLINES[0]])
    assert story.title == HEADLINES[0]


def test_titles_story_headline_prefers_a_whole_title_to_a_lead_cut() -> None:
    cut = "The regional council approved a new flood barrier for the Valleyton river front…"
    assert _story([cut, HEADLINES[1]]).title == HEADLINES[1]


def test_titles_story_without_real_titles_is_headed_by_its_lead() -> None:
    story = _story([FURNITURE[0], FURNITURE[9]])
    assert story.title.startswith("The regional council approved")


def test_titles_brief_intro_never_names_debris() -> None:
    row = StoryRow(
        id="s",
        title=FURNITURE[0],
        first_seen=None,
        last_seen=None,
        article_count=2,
        outlet_count=2,
    )
    members = [
        Article(source="a", format="text", raw=LEAD, text=LEAD, title=FURNITURE[2]),
        Article(source="b", format="text", raw=LEAD, text=LEAD, title=HEADLINES[1]),
    ]
    assert _headline(row, members) == HEADLINES[1]
    bare = [Article(source="c", format="text", raw=LEAD, text=LEAD, title=FURNITURE[1])]
    headline = _headline(row, bare)
    assert headline.startswith("The regional council approved")
    assert "Javascript" not in headline and "Share" not in headline


def test_titles_a_sponsored_disclosure_is_not_the_lead_title() -> None:
    text = (
        "This post is sponsored by Brightwater Springs. All opinions are my own.\n\n"
        "We climbed the three ridges above Valleyton on Saturday, a walk of eleven miles.\n"
    )
    article = TextCleaner().clean(Article(source="post.txt", format="text", raw=text, text=text))
    assert article.title is not None and article.title.startswith("We climbed the three ridges")
    # a title the page gives is kept even when it names the sponsorship
    given = "Sponsored content: the best hikes near Valleyton"
    kept = TextCleaner().clean(
        Article(source="post.txt", format="text", raw=text, text=text, title=given)
    )
    assert kept.title == given


def test_titles_a_one_word_heading_shaped_like_a_name_is_the_title() -> None:
    """A page titled "Valleyton-Hafenfest" whose text carries that heading keeps it; a
    one-word label ("Video") given the same way does not, and the lead is cut instead."""
    for given, kept in (("Valleyton-Hafenfest", True), ("BestCrypt", True), ("Video", False)):
        text = f"{given}\n\n{LEAD}"
        article = Article(source="t", format="html", raw=text, text=text, title=given)
        TextCleaner().clean(article)
        assert (article.title == given) is kept, (given, article.title)
        if not kept:
            assert article.title is not None and article.title.startswith("The regional")


def test_titles_a_table_row_is_never_the_lead() -> None:
    text = f"| 26 | 01 | 2024 | Valleyton | Praxis | Video |\n|  | 0 | 337 |\n\n{LEAD}"
    title = lead_title(text)
    assert title is not None and title.startswith("The regional council"), title


def test_titles_brief_headline_is_a_title_of_the_members_it_shows() -> None:
    """A story titled by a member published after the brief's day (so not among the
    members the brief shows and cites) is headed there by a member it shows."""
    row = StoryRow(id="s", title=HEADLINES[0], first_seen=None, last_seen=None,
                   article_count=3, outlet_count=2)  # fmt: skip
    shown = [
        Article(source="a", format="text", raw=LEAD, text=LEAD, title=FURNITURE[2]),
        Article(source="b", format="text", raw=LEAD, text=LEAD, title=HEADLINES[1]),
    ]
    assert _headline(row, shown) == HEADLINES[1]
    shown.append(Article(source="c", format="text", raw=LEAD, text=LEAD, title=HEADLINES[0]))
    assert _headline(row, shown) == HEADLINES[0]  # the story's own title when it is shown


@pytest.mark.parametrize("dash", ["—", "–", "-", "―", "‒"])
def test_titles_lead_extract_drops_a_dateline_set_with_any_dash(dash: str) -> None:
    """Some outlets set the dateline's dash as a horizontal bar ("WASHINGTON ― …")."""
    title = lead_title(
        f"PORT SELVA {dash} The harbour board said on Monday that ferry fares would rise."
    )
    assert title is not None and title.startswith("The harbour board said")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # the drop cap the scraper lost comes back when the text writes the word whole
        (
            "outh Harbour has become a new focal point of the ferry dispute.\n"
            "South Harbour's council met the ferry board on Tuesday in Valleyton.",
            "South Harbour has become a new focal point of the ferry dispute",
        ),
        # no way to tell the word: the lead as it is, which still says what happened
        (
            "arbour has become a new focal point of the ferry dispute.\n"
            "The council met the ferry board on Tuesday in Valleyton.",
            "arbour has become a new focal point of the ferry dispute",
        ),
        # a first word written in lower case on purpose stays
        ("iPhone sales at the harbour store rose again in spring.", None),
    ],
)
def test_titles_a_lead_cut_mid_word_is_no_title_as_cut(text: str, title: str | None) -> None:
    assert lead_title(text) == (title or text.rstrip("."))
