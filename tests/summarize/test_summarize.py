"""The cited summary and the comparison across outlets, on hand-made articles."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from helpers.harbour import LEDGER, WIRE
from helpers.harbour import article as _article
from newsdesk.article import Annotations, Article, Quote
from newsdesk.summarize import compare_outlets, compare_story, summarize_story
from newsdesk.summarize.extractive import SummaryConfig
from newsdesk.summarize.text import content_words, split_sentences

POST = (
    "By the time the ferry left Port Selva on Monday evening, the wind was gusting above 40 "
    "knots. Rescue boats pulled 187 survivors from the water overnight in the Corran Strait. "
    "Selva Straits Lines said the ferry had passed its last safety inspection in January."
)


def _story() -> list[Article]:
    return [
        _article("wire", "Northgate Wire", WIRE),
        _article("ledger", "The Harbour Ledger", LEDGER, hours=10),
        _article("post", "The Meridian Post", POST, hours=12),
        _article("copy", "Civic Beat", WIRE + " Helplines are open.", hours=1, copy_of="wire"),
        _article("cut", "Southmark Gazette", WIRE.split(". ")[0] + ".", hours=2, copy_of="wire"),
    ]


def _holds(article: Article, sentence: str) -> bool:
    words = content_words(sentence)
    pieces = split_sentences(article.body)
    windows = [a.words | b.words for a, b in itertools.pairwise(pieces)]
    return any(len(words & w) >= 0.6 * len(words) for w in [p.words for p in pieces] + windows)


def test_summary_every_sentence_cites_articles_that_hold_it() -> None:
    members = _story()
    by_id = {a.id: a for a in members}
    summary = summarize_story(members, {})
    assert summary
    for sentence in summary:
        assert sentence.sources
        for cited in sentence.sources:
            assert _holds(by_id[cited], sentence.text), (sentence.text, cited)


def test_summary_cites_every_outlet_that_supports_a_shared_sentence() -> None:
    summary = summarize_story(_story(), {})
    rescue = next(s for s in summary if "187 survivors" in s.text)
    assert {"wire", "ledger", "post", "copy"} <= set(rescue.sources)
    assert "cut" not in rescue.sources  # the truncated copy lost that paragraph


def test_summary_keeps_one_of_redundant_sentences_and_stays_short() -> None:
    summary = summarize_story(_story(), {})
    assert sum("187 survivors" in s.text for s in summary) == 1
    assert sum(len(s.text.split()) for s in summary) <= 150


def test_summary_does_not_cite_a_different_number() -> None:
    summary = summarize_story(_story(), {})
    twelve = next(s for s in summary if "at least 12" in s.text)
    assert "ledger" not in twelve.sources


def test_compare_finds_conflicting_counts_and_single_source_facts() -> None:
    only_in, conflicts = compare_story(_story(), {})
    toll = next(c for c in conflicts if c["about"] == "death toll")
    assert {(v["value"], v["article_id"]) for v in toll["values"]} >= {
        ("12", "wire"),
        ("15", "ledger"),
    }
    ledger = next(o for o in only_in if o["article_id"] == "ledger")
    assert any("ballast pumps" in f for f in ledger["facts"])
    assert not any(o["article_id"] in {"copy", "cut"} for o in only_in)


def _pair(a: str, b: str) -> list[Article]:
    return [_article("a", "Outlet A", a), _article("b", "Outlet B", b, hours=1)]


def test_compare_conflicting_ordinals_dates_and_names() -> None:
    cases = [
        ("The ministers met for their second meeting on the fisheries dispute in Velmora.",
         "The ministers held their third meeting on the fisheries dispute in Velmora.",
         "which meeting"),
        ("The fisheries talks between the two ministers will resume on March 17 in Velmora.",
         "The fisheries talks between the two ministers will resume on March 19 in Velmora.",
         "date"),
        ("The ferry's owner said Fleet Captain Joao Bettany had reported the fault.",
         "The ferry's owner said Fleet Captain Erik Sandvold had reported the fault.",
         "fleet captain"),
        ("The act passed the assembly by 88 votes to 71 on Monday night.",
         "The act passed the assembly by 87 votes to 72 on Monday night.", "vote tally"),
    ]  # fmt: skip
    for a, b, about in cases:
        _, conflicts = compare_story(_pair(a, b), {})
        assert [c["about"] for c in conflicts] == [about], (a, b, conflicts)


def test_compare_quiet_on_agreeing_paraphrases() -> None:
    cases = [
        ("Twelve people died when the ferry capsized off Port Selva.",
         "The capsizing off Port Selva killed 12 people, officials said."),
        ("The act passed by 88 votes to 71.", "Lawmakers voted 88 to 71 to pass the act."),
        ("Foreign Minister Mara Okonkwo-Reyes led the talks in Velmora.",
         "Foreign Minister Mara Okonkwo Reyes led the talks in Velmora."),
        ("It was their second meeting since January, in Velmora with the ministers.",
         "The ministers met in Velmora for a second meeting since January."),
        ("Talks resume on March 17 in Velmora, the ministers said.",
         "The ministers said talks resume in Velmora on 17 March."),
    ]  # fmt: skip
    for a, b in cases:
        _, conflicts = compare_story(_pair(a, b), {})
        assert conflicts == [], (a, b, conflicts)


def test_compare_quiet_on_a_quote_worded_differently_flags_a_different_number() -> None:
    a = "“We have narrowed the gap, and I do not say that lightly,” the minister said."
    b = "“We have narrowed the gap and I do not say it lightly,” the minister said."
    notes = {
        "a": Annotations(quotes=[Quote(a[1:58], 1, 58, speaker="Mara Okonkwo-Reyes")]),
        "b": Annotations(quotes=[Quote(b[1:55], 1, 55, speaker="Okonkwo-Reyes")]),
    }
    _, conflicts = compare_story(_pair(a, b), notes)
    assert conflicts == []  # the same words said differently: no disagreement
    a = "“We counted 40 boats in the harbour at dawn today,” the harbour master said."
    b = "“We counted 60 boats in the harbour at dawn,” the harbour master said."
    _, conflicts = compare_story(_pair(a, b), {})
    assert [c.about for c in conflicts] == ["quote wording"]
    assert {v.value for v in conflicts[0].values} == {a[1:50], b[1:44]}
    excerpt = "“We have narrowed the gap,” the minister said in Velmora."
    _, conflicts = compare_story(_pair(a, excerpt), {})
    assert conflicts == []


def test_compare_single_outlet_story_has_nothing_to_compare() -> None:
    members = [_article("wire", "Northgate Wire", WIRE),
               _article("copy", "Civic Beat", WIRE, copy_of="wire")]  # fmt: skip
    assert compare_story(members, {}) == ([], [])


def test_compare_outlets_shortlists_the_most_specific_single_source_facts() -> None:
    shared = "The Velmora dam burst after three days of rain, flooding the lower valley towns."
    places = ["Orlen", "Brask", "Tuvia", "Kemble", "Ardoch", "Sallow"]
    things = ["blankets", "lanterns", "sandbags", "kettles", "ladders", "tarpaulins"]
    colour = ["gloomy", "muddy", "weary", "solemn", "frantic", "bleak"]
    members = []
    for n, (place, thing, mood) in enumerate(zip(places, things, colour, strict=True)):
        text = " ".join([
            shared,
            f"Around {n + 3}40 families from the {place} quarter slept in a gymnasium overnight.",
            f"Mayor Ilse {place}son said {n + 2}1 {thing} had been handed out by midnight.",
            f"The {mood} mood along the waterfront lingered as onlookers {thing} watched quietly.",
            f"Reporters described the {mood} scene near the {thing} stand as deeply unsettling.",
        ])  # fmt: skip
        members.append(_article(f"o{n}", f"Outlet {n}", text))
    found = compare_outlets(members, {})
    everything = [f for o in found.only_in for f in o["facts"]]
    shown = [f for o in found.only_in_shortlist for f in o["facts"]]
    assert len(everything) > len(shown) == 8
    assert found.facts_left_out == len(everything) - 8
    assert max(len(o["facts"]) for o in found.only_in_shortlist) <= 2
    assert all(any(ch.isdigit() for ch in fact) for fact in shown)  # numbers and names first
    assert compare_story(members, {})[0] == found.only_in  # story --json keeps them all


@pytest.mark.parametrize(
    "text",
    [
        'In a tradition he has kept for 40 years, Rep. Robert C. "Bobby" Scott opened his yard.',
        "The only man to do it was another Kessrick native: Harry F. Byrd, the old patriarch.",
        'State Del. Marcia "Cia" Price shouted to the crowd at the harbour.',
        "The minister, Senator the Hon. Aubyn Kerr, opened the new terminal at the harbour.",
        "In the April issue of the Kessrick Review, Pres. Lind admits the plan failed.",
        "Sens. Quint and Ross, with Maj. Ana Lind and Atty. Gen. Ivo Berg, toured the port.",
        "Adm. Olsen and Supt. Marta Ruiz met Amb. Kerr at the harbour on Monday.",
        "The harbour was bought by oilman T. Boone Kessler in the spring of 1998.",
        "It was the year when Governor Ana H.W. Quint won 39 counties at the harbour.",
    ],
)
def test_summary_sentences_do_not_end_at_a_middle_initial_or_a_title(text: str) -> None:
    assert [s.text for s in split_sentences(text + " The fair opened.")] == [
        text,
        "The fair opened.",
    ]


def test_summary_sentences_still_end_at_a_plan_letter_before_a_new_sentence() -> None:
    text = "The board chose plan B. The Council voted on Monday. It passed."
    assert [s.text for s in split_sentences(text)] == [
        "The board chose plan B.",
        "The Council voted on Monday.",
        "It passed.",
    ]
    text = "The hearing was held in Washington D.C. The mayor spoke first."
    assert len(split_sentences(text)) == 2


def test_summary_never_repeats_the_headline_shown_above_it() -> None:
    """A headline the text prints as its first line with a full stop is not the summary's
    first sentence under that headline, nor under another member's headline: a first
    paragraph that is its text's title, whole, is printed as the headline (every such text
    of ten real stores is an archive's headline line; a longer lead is cut for a title)."""
    headline = "Ferry operator says ballast pumps 'were fine' before capsizing"
    text = f"{headline}.\n\n{WIRE}"
    article = _article("h", "Harbour Gazette", text, title=headline)
    summary = summarize_story([article], {}, headline=headline)
    assert summary
    assert all(not s.text.startswith("Ferry operator says") for s in summary)
    assert any("capsized" in s.text for s in summary)
    elsewhere = summarize_story([article], {}, headline="Ferry capsizes off Port Selva")
    assert elsewhere and all(not s.text.startswith("Ferry operator says") for s in elsewhere)


def test_summary_leaves_out_a_members_title_case_headline_line() -> None:
    """A member's own headline, printed as its text's first line in Title Case, is not a
    news sentence under another member's headline ("Donald Trump Got More Votes In Ohio
    Than Hillary Clinton. [3][5]"); a lead taken whole as a title stays (see above)."""
    headline = "Ferry Operator Says Ballast Pumps Were Fine Before The Capsizing"
    text = f"{headline}.\n\n{WIRE}"
    article = _article("h", "Harbour Gazette", text, title=headline)
    summary = summarize_story([article], {}, headline="Ferry capsizes off Port Selva")
    assert summary and any("capsized" in s.text for s in summary)
    assert all(not s.text.startswith("Ferry Operator Says") for s in summary)


@pytest.mark.parametrize(
    "quoted",
    [
        "Mayor Ilse Brant told the harbour board on Monday, “What has happened is simple. "
        "The pumps failed and nobody checked them for a year,” she said.",
        'Mayor Ilse Brant told the harbour board on Monday, "What has happened is simple. '
        'The pumps failed and nobody checked them for a year," she said.',
    ],
)
def test_summary_never_takes_half_of_a_quotation_split_over_sentences(quoted: str) -> None:
    text = f"{WIRE} {quoted}"
    article = _article("q", "Harbour Gazette", text, title="Ferry capsizes off Port Selva")
    summary = summarize_story([article], {}, config=SummaryConfig(target_words=400))
    texts = [s.text for s in summary]
    assert any("capsized" in t for t in texts)
    assert not any("What has happened" in t or "pumps failed" in t for t in texts), texts


def test_summary_leaves_out_the_middle_of_a_quotation() -> None:
    """A sentence inside a quotation that an earlier sentence opened carries no quotation
    marks: shown alone it reads as the outlet's own claim ("Everyone of them, including
    their children." from 'He added, “… round them all up? … Everyone of them, …”')."""
    speech = (
        "The harbour master said, “We checked the pumps twice before the ferry sailed. "
        "Every one of them was working on the morning it left the harbour. Nobody in this "
        "office ever saw a report that said otherwise.”"
    )
    text = f"{WIRE}\n\n{speech}"
    article = _article("q", "Harbour Gazette", text, title="Ferry capsizes off Port Selva")
    config = SummaryConfig(target_words=400, max_words=500)
    summary = summarize_story([article], {}, config=config)
    assert summary and any("capsized" in s.text for s in summary)
    assert all(not s.text.startswith("Every one of them") for s in summary)


def test_summary_leaves_out_a_headline_line_its_cut_title_begins() -> None:
    """A headline line longer than a title may be is kept as the title cut with an ellipsis;
    the whole line is still the headline, not the first news sentence."""
    line = (
        "Harbour Master: Ferry Operator Has ‘A Long Way To Go’ On Safety, Says Pumps Were "
        "Failing Because ‘Nobody Paid For Them.’"
    )
    text = f"{line}\n\n{WIRE}"
    title = "Harbour Master: Ferry Operator Has ‘A Long Way To Go’ On Safety, Says Pumps…"
    article = _article("c", "Harbour Gazette", text, title=title)
    summary = summarize_story([article], {})
    assert summary and any("capsized" in s.text for s in summary)
    assert all(not s.text.startswith("Harbour Master:") for s in summary)


def test_only_in_leaves_out_the_middle_of_a_quotation() -> None:
    """A sentence inside a quotation opened before it is no single-source fact either: the
    reader would take the speaker's words for the outlet's."""
    speech = (
        "The harbour master said, “We checked the pumps twice before the ferry sailed. "
        "Every one of the twelve pumps was working on the morning it left the harbour. "
        "Nobody in this office ever saw a report that said otherwise.”"
    )
    only_in, _ = compare_story(_pair(WIRE, f"{POST}\n\n{speech}"), {})
    facts = [f for o in only_in for f in o["facts"]]
    assert not any(f.startswith("Every one of the twelve pumps") for f in facts)


def test_only_in_leaves_out_the_head_and_tail_of_a_quotation_split_over_sentences() -> None:
    """The first sentence of a quotation that goes on opens a mark it never closes, and the
    last closes one it never opened: shown alone as a fact, either reads broken and speaks
    without a speaker ('“So we simply wrote a bill, which any harbour would need.')."""
    speech = (
        "“So we simply wrote a bill that makes every operator test its ballast pumps twice a "
        "year, which any harbour in the country would need. Nobody should sail on a ferry "
        "whose pumps have not been tested since the winter storms,” the harbour master said."
    )
    only_in, _ = compare_story(_pair(WIRE, f"{POST}\n\n{speech}"), {})
    facts = [f for o in only_in for f in o["facts"]]
    assert facts
    assert not any(f.startswith("“So we simply wrote a bill") for f in facts)
    assert not any(f.startswith("Nobody should sail on a ferry") for f in facts)


def test_summary_and_only_in_leave_out_the_deck_under_a_headline() -> None:
    """Archives print a headline ending in the deck separator ";" and the deck on the next
    line ("Says Clinton would stack Supreme Court against gun advocates."): a subjectless
    line that sums the headline up, neither a summary sentence nor a single-source fact."""
    deck = "Says ballast pumps failed twice in the winter before the ferry sailed."
    text = f"Ferry operator knew of failing pumps, captain says; \n{deck}\n\n{LEDGER}"
    article = _article("ledger", "Harbour Ledger", text)
    summary = summarize_story([article], {}, config=SummaryConfig(target_words=400, max_words=500))
    assert summary and all(s.text != deck for s in summary)
    only_in, _ = compare_story([_article("wire", "Wire", WIRE), article], {})
    assert all(deck not in o["facts"] for o in only_in)
    assert any("ballast pumps" in f for o in only_in for f in o["facts"])


@pytest.mark.parametrize("dash", ["-", "—", "―"])
def test_summary_and_only_in_leave_out_the_deck_over_a_dateline_lead(dash: str) -> None:
    """A short line over a lead that opens with its dateline is the deck ("After a pause in
    N.H., senator seems ready for …"): the story begins at the dateline. A short lead with
    no dateline under it stays news."""
    deck = "After a stormy winter, operator seems ready to scrap the evening crossings."
    lead = LEDGER.replace("The death toll", f"PORT SELVA {dash} The death toll", 1)
    text = f"Ferry operator weighs cuts.\n\n{deck}\n\n{lead}"
    article = _article("ledger", "Harbour Ledger", text, title="Ferry operator weighs cuts")
    config = SummaryConfig(target_words=400, max_words=500)
    summary = summarize_story([article], {}, config=config)
    assert summary and all(deck not in s.text for s in summary)
    assert summary[0].text.startswith("The death toll")
    only_in, _ = compare_story([_article("wire", "Wire", WIRE), article], {})
    assert all(deck not in f for o in only_in for f in o["facts"])
    plain = _article("ledger", "Harbour Ledger", f"{deck}\n\n{LEDGER}")
    assert any(s.text == deck for s in summarize_story([plain], {}, config=config))


@pytest.mark.parametrize(
    "deck",
    [
        "Harbour master says pumps were never tested after winter storms.",
        "Plan would close evening crossings until new pumps are fitted.",
        "Closure would end one of the longest ferry strikes in harbour history.",
    ],
)
def test_summary_and_only_in_leave_out_a_deck_in_headline_english(deck: str) -> None:
    """A line in headline English (no article, no pronoun, no day) between the headline a
    text prints as its first line and the lead ("Protest is set as Jewish leaders consider
    qualms about GOP front-runner.") is the deck. A short lead in prose in the same place
    stays news, and so does the same line where no headline is printed above it."""
    headline = "Ferry operator weighs cuts"
    text = f"{headline}.\n\n{deck}\n\n{LEDGER}"
    article = _article("ledger", "Harbour Ledger", text, title=headline)
    config = SummaryConfig(target_words=400, max_words=500)
    summary = summarize_story([article], {}, config=config)
    assert summary and all(deck not in s.text for s in summary)
    assert summary[0].text.startswith("The death toll")
    only_in, _ = compare_story([_article("wire", "Wire", WIRE), article], {})
    assert all(deck not in f for o in only_in for f in o["facts"])
    assert any("ballast pumps" in f for o in only_in for f in o["facts"])

    short = "The pumps of the ferry that sank off Port Selva had failed twice in the winter."
    article = _article("ledger", "Harbour Ledger", f"{headline}.\n\n{deck}\n\n{short}\n\n{LEDGER}",
                       title=headline)  # fmt: skip
    summary = summarize_story([article], {}, config=config)
    assert summary[0].text == short and all(deck not in s.text for s in summary)

    two = f"{headline}.\n\npumps blamed; inquiry to open.\n\n{deck}\n\n{LEDGER}"  # a deck of two lines
    article = _article("ledger", "Harbour Ledger", two, title=headline)
    summary = summarize_story([article], {}, config=config)
    assert summary[0].text.startswith("The death toll")
    assert all(deck not in s.text and "inquiry" not in s.text for s in summary)

    for news in (f"{headline}.\n\nThe harbour master says the ballast pumps failed twice this winter.\n\n{LEDGER}",
                 f"{headline}.\n\nSelva Straits Lines cut two crossings on Monday.\n\n{LEDGER}",
                 f"{headline}.\n\nCaptain Joao Bettany has a plan for the crossings.\n\n{LEDGER}",
                 f"{headline}.\n\nThen the harbour master closed the quay at dawn.\n\n{LEDGER}",
                 f"{deck}\n\n{LEDGER}"):  # fmt: skip
        lead = news.split("\n\n")[-2]
        article = _article("ledger", "Harbour Ledger", news, title=headline)
        assert any(s.text == lead for s in summarize_story([article], {}, config=config))


def test_a_headline_over_its_lead_is_neither_news_nor_a_deck_over_a_lead() -> None:
    """A headline a title cut short with an ellipsis began, printed whole as the first line
    ("… with the aid of a lame…" over "… with the aid of a lame duck."), is no summary
    sentence; a headline ending in the deck separator ";" over a paragraph of news has no
    deck under it: that paragraph is the lead, not a deck."""
    config = SummaryConfig(target_words=400, max_words=500)
    printed = "Why the ferry operator might still keep its evening crossings after all"
    title = "Why the ferry operator might still keep its evening…"
    article = _article("ledger", "Harbour Ledger", f"{printed}.\n\n{LEDGER}", title=title)
    summary = summarize_story([article], {}, config=config)
    assert summary and all(not s.text.startswith("Why the ferry") for s in summary)

    headline = "Harbour master sees hope for the evening crossings"
    article = _article("ledger", "Harbour Ledger", f"{headline};\n{LEDGER}", title=headline)
    summary = summarize_story([article], {}, config=config)
    assert summary[0].text.startswith("The death toll")
    assert all(not s.text.startswith("Harbour master sees") for s in summary)


def test_a_title_cut_from_the_lead_leaves_the_lead_news() -> None:
    """A record without a title is titled with its lead cut short ("The death toll from the
    capsizing of the ferry off Port Selva has…"): that is the lead's own start, not a
    headline printed above it, so the lead stays a summary sentence and a fact."""
    config = SummaryConfig(target_words=400, max_words=500)
    cut = " ".join(LEDGER.split()[:12]) + "…"
    lead = LEDGER.split(". ")[0] + "."
    lines = LEDGER.replace(". ", ".\n")  # one sentence a line, as some archives keep text
    article = _article("ledger", "Harbour Ledger", lines, title=cut, title_source="lead")
    summary = summarize_story([article], {}, config=config)
    assert summary[0].text == lead
    only_in, _ = compare_story([_article("wire", "Wire", WIRE), article], {})
    assert any(f.startswith("The death toll") for o in only_in for f in o["facts"])


def test_summary_and_only_in_leave_out_a_bare_quotation() -> None:
    """A sentence that is a quotation and nothing else (“Maybe the pumps, maybe not, I
    don't know.”) says neither who spoke nor about what: no summary sentence, no fact."""
    bare = "“Maybe it was the pumps, maybe the weather, nobody on that bridge could know.”"
    quoted = f"{WIRE} {bare} The coast guard said the search would go on through the night."
    a, b = _article("a", "Outlet A", quoted), _article("b", "Outlet B", f"{LEDGER} {bare}", hours=1)
    summary = summarize_story([a, b], {}, config=SummaryConfig(target_words=400, max_words=500))
    assert summary and all(s.text != bare for s in summary)
    only_in, _ = compare_story([a, _article("c", "Outlet C", LEDGER, hours=2)], {})
    assert all(bare not in o["facts"] for o in only_in)
    assert any("search would go on" in f for o in only_in for f in o["facts"])


def test_summary_of_a_transcript_falls_back_to_its_lead_not_its_headline() -> None:
    """A report that is mostly a quoted transcript has no eligible sentence outside the
    quotation: the summary falls back to its lead, not the headline printed above it."""
    headline = "Mayor Petrova: ‘We Will Keep The Ferry Running Through The Winter’"
    lead = "Tuesday at the harbour hall in Port Selva, Mayor Ana Petrova said of the ferry line:"
    speech = (
        "“We checked the pumps twice before the ferry sailed. Every one of them was working "
        "on the morning it left. We will keep it running through the winter, whatever the "
        "board decides about the pier.”"
    )
    text = f"{headline}.\n\n{lead}\n\n{speech}"
    article = _article("t", "Harbour Gazette", text, title=headline)
    summary = summarize_story([article], {}, headline=headline)
    assert [s.text for s in summary] == [lead]


@pytest.mark.parametrize(
    ("paragraph", "inside"),
    [
        ("He added, “We checked the pumps. Every one of them worked.”", True),
        ('"MAYOR: Well, look, they call it “a disaster.” But it is not. We will go on."', True),
        ("Trump said that “ferry people” “do a fantastic job. And it is so important.”", True),
        ('She sorted the "work-related” mails from the rest. The rest were deleted.', False),
        ('They reviewed his systems" including the heart. The letter was short.', False),
        ("The mayor said “it works.” The board disagreed.", False),
        ("Die Ministerin sagte: „Wir prüfen das. Die Fähre bleibt im Hafen.“", True),
        ("Die Ministerin sagte: „Wir prüfen das.“ Die Fähre bleibt im Hafen.", False),
        ("Le maire a dit : « Nous verrons. La ligne restera ouverte. »", True),
    ],
)
def test_inside_quotation_reads_open_marks_of_either_kind(paragraph: str, inside: bool) -> None:
    """Straight and typographic marks nest ('"MAYOR: … “a disaster.” But …'), may be mixed
    in one pair ('"work-related”'), and a straight mark after a word closes a quotation
    opened before the paragraph ('systems" including')."""
    from newsdesk.summarize.text import inside_quotation

    last = split_sentences(paragraph)[-1]
    assert inside_quotation(paragraph, last) is inside


@pytest.mark.parametrize(
    ("paragraph", "first", "inside"),
    [
        # the scraper lost the opening mark: the paragraph opens inside the quotation
        (
            'I always wanted to sail here. It is a dream," the skipper told the harbour radio.',
            "I always wanted to sail here.",
            True,
        ),
        (
            "I always wanted to sail here. It is a dream,” the skipper told the harbour radio.",
            "I always wanted to sail here.",
            True,
        ),
        # a closing mark opening a paragraph is its misprinted opening mark
        (
            "”The skipper embodies the port. He sails every day. He is our pride.” ― A reader",
            "He sails every day.",
            True,
        ),
        # a straight mark shaped as no closer (inches) opens nothing
        (
            "The skipper is 6'2\" tall. He sailed alone in 2019.",
            "The skipper is 6'2\" tall.",
            False,
        ),
        ('The skipper said "we sail" on Monday. He sailed alone.', "The skipper said", False),
    ],
)
def test_inside_quotation_a_paragraph_may_open_inside_one(
    paragraph: str, first: str, inside: bool
) -> None:
    """A paragraph whose first mark closes a quotation it never opened began inside it:
    its first sentence is the speaker's, shown alone it would read as the outlet's."""
    from newsdesk.summarize.text import inside_quotation

    body = f"The club confirmed the deal on Monday.\n{paragraph}"
    sentence = next(s for s in split_sentences(body) if s.text.startswith(first))
    assert inside_quotation(body, sentence) is inside


def test_only_in_leaves_out_a_members_headline_line() -> None:
    """A member's Title Case headline printed as its first line is no single-source fact
    ("Mike Pence Calls for Special Prosecutor after Report Reveals …" under Only in)."""
    headline = "Harbour Master Calls For Inquiry After Report Reveals Failing Ballast Pumps"
    text = f"{headline}.\n\n{LEDGER}"
    ledger = _article("l", "Harbour Ledger", text, title=headline)
    only_in, _ = compare_story([_article("wire", "Wire", WIRE), ledger], {})
    facts = [f for o in only_in for f in o["facts"]]
    assert any("ballast pumps were failing" in f for f in facts)
    assert not any(f.startswith("Harbour Master Calls") for f in facts)


@pytest.mark.parametrize(
    "broken",
    [
        'They reviewed his systems" including the heart and the lungs of the harbour master.',
        '<post post-author=" that in a fair comparison, the harbour pilots fared worse at sea.',
    ],
)
def test_summary_leaves_out_a_quotation_tail_and_a_tag(broken: str) -> None:
    """A sentence that closes a quotation opened before it (a straight mark after a word)
    or carries a tag left in the text is no summary sentence."""
    text = f"{WIRE} {broken}"
    article = _article("w", "Wire", text)
    summary = summarize_story([article], {}, config=SummaryConfig(target_words=400, max_words=500))
    assert summary and all(s.text != broken for s in summary)


def test_summary_leaves_out_a_preview_the_story_has_overtaken() -> None:
    """A report told on Thursday that the terminal "will open on Thursday night", in a story
    a Friday report joined: by then the opening has come, and the later report tells it.
    On Thursday alone the preview is the news and stays."""
    from newsdesk.article import TimeExpression

    preview = "On Thursday night, the mayor will open the new ferry terminal at Port Selva."
    told = f"{preview} {WIRE}"
    start = told.index("Thursday night")
    notes = Annotations(
        dates=[TimeExpression("Thursday night", "2026-03-12TNI", start, start + 14,
                              frame="future")]
    )  # fmt: skip
    thursday = Article(
        source="p", format="text", raw=told, text=told, id="p", outlet="Harbour Gazette",
        title="Terminal to open", published=datetime(2026, 3, 12, 9, 0, tzinfo=UTC),
    )  # fmt: skip
    friday = _article("l", "Harbour Ledger", LEDGER)
    friday.published = datetime(2026, 3, 13, 9, 0, tzinfo=UTC)
    config = SummaryConfig(target_words=400, max_words=500)
    alone = summarize_story([thursday], {"p": notes}, config=config)
    assert any(s.text == preview for s in alone)
    later = summarize_story([thursday, friday], {"p": notes}, config=config)
    assert later and all(s.text != preview for s in later)


def test_summary_never_repeats_the_headline_under_a_label_it_was_printed_with() -> None:
    """ "EXCLUSIVE – Harbour Chief: …" as the text's first line is the headline shown above
    the summary once the label is stripped, as the summary would strip it."""
    headline = "Harbour Chief: Don’t Trust the Ferry Pumps"
    text = f"EXCLUSIVE – {headline}.\n\n{POST} {WIRE}"
    member = _article("x", "Selva Wire", text, title=headline)
    summary = [s.text for s in summarize_story([member], {}, headline=headline)]
    assert summary and not any(s.startswith("Harbour Chief") for s in summary)


def test_only_in_shortlist_leaves_out_a_sentence_the_summary_told() -> None:
    """A summary sentence only one outlet reports is cited to it there; the brief's Only-in
    lines give its place to another fact instead of showing it twice."""
    members = _story()
    told = [s.text for s in summarize_story(members, {})]
    listed = [f for e in compare_outlets(members, {}).only_in_shortlist for f in e.facts]
    assert any(f in told for f in listed)  # the composed story has such a sentence
    shown = compare_outlets(members, {}, told=told)
    assert not any(f in told for e in shown.only_in_shortlist for f in e.facts)
    assert any(f in told for e in shown.only_in for f in e.facts)  # the story's full list


def test_split_sentences_ends_one_where_a_page_lost_the_space_after_a_stop() -> None:
    text = (
        "The lead the mayor enjoyed shrank when the votes were counted in the harbour ward."
        "The outcome gave her 49.8 percent. Mr.Quint and Sept.Fares stay whole in U.S.A. news."
    )
    pieces = [s.text for s in split_sentences(text)]
    assert pieces[0].endswith("harbour ward.")
    assert pieces[1] == "The outcome gave her 49.8 percent."
    assert pieces[2] == "Mr.Quint and Sept.Fares stay whole in U.S.A. news."


def test_only_in_more_never_counts_a_fact_the_summary_told() -> None:
    """'… N more in newsdesk story' counts the single-source facts a reader has not seen:
    one the summary tells (cited to its one outlet) is seen, so a story whose every such
    fact is in its summary says no more than it shows."""
    members = _story()
    every = [f for e in compare_outlets(members, {}).only_in for f in e.facts]
    shown = compare_outlets(members, {}, told=every)
    assert every and not shown.only_in_shortlist
    assert shown.facts_left_out == 0
    some = compare_outlets(members, {}, told=every[:1])
    seen = sum(len(e.facts) for e in some.only_in_shortlist)
    assert some.facts_left_out == len(every) - 1 - seen
