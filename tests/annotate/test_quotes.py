"""Quote extraction: golden articles (fictional) and the quotation-mark scanner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.annotate.quote_marks import quoted_spans
from newsdesk.annotate.quotes import QuoteExtractor
from newsdesk.article import Quote

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "quotes"
CASES = sorted(path.stem for path in GOLDEN.glob("*.txt"))


@pytest.fixture(scope="module")
def parse() -> Any:
    from newsdesk.annotate import nlp

    return nlp.load()


@pytest.fixture(scope="module")
def extractor() -> QuoteExtractor:
    return QuoteExtractor()


def _quotes(parse: Any, extractor: QuoteExtractor, text: str, **kwargs: Any) -> list[Quote]:
    return extractor.extract(parse(text), **kwargs)


def test_quotes_golden_cases_exist() -> None:
    assert {
        "split",
        "multi_paragraph",
        "speaker_before_after",
        "according_to",
        "pronoun_speaker",
        "scare_quotes",
        "indirect",
        "pronoun_unresolved",
        "pronoun_gender",
        "organisation_cues",
        "closing_two_apostrophes",
        "famous_name",
        "not_named",
        "transcript",
        "partial_then_sentence",
        "speaker_between_quote_and_cue",
        "framing_verbs",
        "split_with_conjunction",
        "nickname_in_speaker",
        "own_cue",
        "reported_words",
        "dash_before_speaker",
        "pronoun_inside_report",
        "as_put_it",
        "gerund_cue",
        "clause_two_quotes",
        "any_verb_after",
        "short_split_quote",
        "mispaired_closing_mark",
        "colon_intro_any_verb",
        "abbreviated_title_speaker",
        "second_cue_conjoined",
        "short_capitalised_reply",
        "pronoun_after_quote",
        "asked_inverted",
        "gerund_after_title",
        "signed_line",
        "role_speaker",
        "comma_lead_any_verb",
        "colon_conjoined_verb",
        "glued_marks",
        "titled_speaker",
        "asked_not_speaker",
        "blank_line_paragraphs",
        "name_before_verb",
        "new_sentence_after_quote",
        "cue_before_name_colon",
        "apposition_before_cue",
        "aside_before_cue",
        "pronoun_after_report",
        "participle_object",
        "coordinated_verbs_cue",
        "dash_name_colon",
        "cue_misread_after",
        "inverted_any_verb",
        "lead_misparsed",
        "framed_coordinated_verb",
        "ellipsis_opening_mark",
        "signed_line_apposition",
        "age_noun_speaker",
        "as_put_it_title",
        "framed_several_sentences",
        "framed_quoted_conjunct",
        "framed_relative_clause",
        "aside_after_closed_quote",
        "according_to_after_adverbial",
        "as_aside_thing",
        "framed_before_next_paragraph",
        "question_between_lead_ins",
        "relative_before_cue",
        "joined_after_that_lead",
        "participle_after_reported_clause",
        "here_lead",
        "named_in_sentence_after",
        "transcript_quoted_turns",
        "in_words_of",
        "with_cue_subject",
        "subordinate_lead_in",
        "with_participle_speaker",
        "participle_after_time_clause",
        "aside_before_reporting_cue",
        "asked_then_sentence",
        "aside_quote_resumed",
        "participle_on_preposition_object",
        "statement_sentence_before",
        "owned_saying_be",
        "relative_after_quote",
        "second_participle_report",
        "writer_aside_after_quote",
        "verb_then_name_after_quote",
    } <= set(CASES)


PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "they", "them", "it", "one"}


@pytest.mark.parametrize("case", CASES)
def test_quotes_golden_speakers_are_names(case: str, parse: Any, extractor: QuoteExtractor) -> None:
    """No golden article gives a pronoun, a punctuation run or a cue word as a speaker name."""
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    for quote in _quotes(parse, extractor, text):
        if quote.speaker is not None:
            assert quote.speaker.lower() not in PRONOUNS, quote
            assert quote.speaker.split()[0].lower() not in {"said", "says", "told"}, quote
            assert any(ch.isalpha() for ch in quote.speaker), quote


@pytest.mark.parametrize("case", CASES)
def test_quotes_golden(case: str, parse: Any, extractor: QuoteExtractor) -> None:
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    expected = json.loads((GOLDEN / f"{case}.expected.json").read_text(encoding="utf-8"))
    quotes = _quotes(parse, extractor, text)
    for quote in quotes:  # every offset slices the text it came from
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert quote.speaker_end is not None
            assert text[quote.speaker_start : quote.speaker_end].strip()
    got = {(q.text, q.speaker, q.kind, q.cue) for q in quotes}
    for want in expected["quotes"]:
        assert (want["text"], want["speaker"], want["kind"], want["cue"]) in got, (want, got)
        if "speaker_text" in want:
            quote = next(q for q in quotes if q.text == want["text"])
            assert quote.speaker_start is not None and quote.speaker_end is not None
            assert text[quote.speaker_start : quote.speaker_end] == want["speaker_text"]
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == expected["direct_count"], direct
    for phrase in expected["not_statements"]:
        assert not any(phrase in q.text for q in direct), phrase


def test_quotes_words_reported_by_one_person_are_not_credited_to_another(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """Lund said Duran was “absolutely right”: Lund's words, though Duran is the subject."""
    text = (GOLDEN / "reported_words.txt").read_text(encoding="utf-8")
    quotes = [q for q in _quotes(parse, extractor, text) if "absolutely right" in q.text]
    assert quotes
    assert all(q.speaker == "Sofia Lund" for q in quotes), quotes


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("the finest officer", "Hanna Brandt"),  # Olsen, who Brandt called “…”
        ("the most stubborn man", "Hanna Brandt"),  # Smith, whom Brandt called “…”
        ("a disaster for every family", "Lars Vik"),  # the plan, which Vik called “…”
        ("thirty more years", "Karl Olsen"),  # Olsen, who said “…”: Olsen speaks
    ],
)
def test_quotes_cue_in_relative_clause_credits_the_clause_subject(
    words: str, speaker: str, parse: Any, extractor: QuoteExtractor
) -> None:
    """A cue verb inside a relative clause: the words are its subject's, not the noun the
    clause describes, unless the relative pronoun is that subject."""
    text = (GOLDEN / "relative_clause_cue.txt").read_text(encoding="utf-8")
    quotes = [q for q in _quotes(parse, extractor, text) if words in q.text]
    assert quotes
    assert all(q.speaker == speaker for q in quotes), quotes


def test_quotes_signed_line_with_a_place_after_a_comma_signs_nothing(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """A dash paragraph naming a place and its country under a quotation ("- Paris,
    France.") is a dateline, not a signature: no quote is credited to the place."""
    text = (
        "The festival closed with a song from the harbour choir.\n\n"
        '"We sing for the boats that never came home, and for the ones that still go out."'
        "\n\n- Paris, France.\n\nThe choir will tour in May.\n"
    )
    quotes = _quotes(parse, extractor, text)
    assert all(q.speaker not in ("Paris", "France") for q in quotes), quotes
    assert not [q for q in quotes if q.kind == "direct"], quotes


def test_quotes_lead_in_with_its_own_clause_continues_no_earlier_quote(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """A quotation after a lead-in with a subject and verb of its own (the crew jeered, “…”)
    is not more of the previous paragraph's quote, so it never takes that speaker."""
    text = (GOLDEN / "comma_lead_any_verb.txt").read_text(encoding="utf-8")
    quotes = [q for q in _quotes(parse, extractor, text) if "Go home" in q.text]
    assert all(q.speaker != "Ana Petrova" for q in quotes), quotes


def test_quotes_framing_verb_credits_only_a_named_person(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """A verb that is no cue (likened, attacked) frames a quotation for its subject, but
    only a person is shown as the speaker: the consultants' words carry no name."""
    text = (
        "The dam plan drew fire all week in Ostria.\n"
        "The consultants likened the plan to “a bridge to the future” in their report.\n"
        "She called it “a bridge to nowhere” on Sunday."
    )
    quotes = _quotes(parse, extractor, text)
    framed = [q for q in quotes if "bridge to the future" in q.text]
    assert framed and all(q.speaker is None and q.kind == "indirect" for q in framed), quotes
    assert text[framed[0].speaker_start : framed[0].speaker_end] == "The consultants"


def test_quotes_split_quote_shares_the_speaker_mention(
    parse: Any, extractor: QuoteExtractor
) -> None:
    text = (GOLDEN / "split.txt").read_text(encoding="utf-8")
    first, second = [q for q in _quotes(parse, extractor, text) if q.kind == "direct"]
    assert (first.speaker_start, first.speaker_end) == (second.speaker_start, second.speaker_end)


def test_quotes_canonical_callable_names_the_speaker(parse: Any, extractor: QuoteExtractor) -> None:
    """The entity stage's name is the speaker's, shown without the title it carries."""
    text = (GOLDEN / "pronoun_speaker.txt").read_text(encoding="utf-8")
    seen: list[tuple[str, str]] = []

    def canonical(mention: str, kind: str) -> str:
        seen.append((mention, kind))
        return "Dr. Lena Brandt-Ost"

    quotes = _quotes(parse, extractor, text, canonical=canonical)
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Lena Brandt-Ost"]
    assert ("Lena Brandt", "PERSON") in seen


def test_quotes_canonical_name_with_a_cue_word_is_not_shown(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """An index name that folded in a headline's cue word ("Lena Brandt Says") is not shown."""
    text = (GOLDEN / "pronoun_speaker.txt").read_text(encoding="utf-8")

    def canonical(mention: str, kind: str) -> str:
        return "Lena Brandt Says"

    quotes = _quotes(parse, extractor, text, canonical=canonical)
    speakers = [q.speaker for q in quotes if q.kind == "direct"]
    assert speakers and all(s and "Says" not in s for s in speakers), speakers


def test_quotes_headline_cue_word_is_no_part_of_a_speaker_name(parse: Any) -> None:
    """NER folds a headline's cue into a name ("Varga Says Cod Quotas Will Rise"): the
    speaker is Varga, never "Varga Says", and "Varga Says" is no full name to resolve to."""
    from spacy.tokens import Span

    from newsdesk.annotate.quote_speakers import SpeakerResolver
    from newsdesk.annotate.quotes import cue_lexicon

    text = "Varga Says Cod Quotas Will Rise\n\nMr. Varga said the quotas would rise."
    doc = parse(text)
    doc.ents = [Span(doc, 0, 2, label="PERSON")]  # "Varga Says", as NER reads headlines
    lexicon = cue_lexicon()
    resolver = SpeakerResolver(doc, pronouns=lexicon.pronouns, titles=lexicon.titles)
    headline = resolver.resolve(doc[0:2])
    body = resolver.resolve(doc[-8:-6])  # "Mr. Varga"
    assert headline.name == "Varga", headline
    assert body.name == "Varga", body


def test_quotes_sentence_opening_function_word_is_no_speaker_name(parse: Any) -> None:
    """A sentence's first word the tagger read as a proper noun ("Much of Brandt's ire …")
    with no entity on it is shown as no speaker name; a bare surname still is one."""
    from newsdesk.annotate.quote_speakers import SpeakerResolver
    from newsdesk.annotate.quotes import cue_lexicon

    doc = parse("Much of Brandt's ire was directed at the harbour board.")
    doc.ents = []
    doc[0].pos_ = "PROPN"  # as the tagger read it in a real article
    doc[2].pos_ = "PROPN"
    lexicon = cue_lexicon()
    resolver = SpeakerResolver(doc, pronouns=lexicon.pronouns, titles=lexicon.titles)
    assert resolver.resolve(doc[0:1]).name is None
    assert resolver.resolve(doc[2:3]).name == "Brandt"


def test_quotes_straight_marks_and_guillemets(parse: Any, extractor: QuoteExtractor) -> None:
    text = (
        'Harbour master Ines Kowal spoke to the press.\n"The channel is open again," Kowal said.\n'
        "«We expect the first ferry at noon», said Kowal."
    )
    quotes = [q for q in _quotes(parse, extractor, text) if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The channel is open again", "Ines Kowal"),
        ("We expect the first ferry at noon", "Ines Kowal"),
    ]


def test_quotes_unattributed_phrase_is_not_a_statement(
    parse: Any, extractor: QuoteExtractor
) -> None:
    text = "The “new normal” of flooding worries the valley's farmers.\n“Big changes.”"
    assert [q for q in _quotes(parse, extractor, text) if q.kind == "direct"] == []


def test_quotes_indirect_can_be_switched_off(parse: Any) -> None:
    from newsdesk.annotate.quotes import QuoteConfig

    text = (GOLDEN / "indirect.txt").read_text(encoding="utf-8")
    assert QuoteExtractor(config=QuoteConfig(indirect=False)).extract(parse(text)) == []


def test_quotes_extract_texts_batches_in_order(extractor: QuoteExtractor) -> None:
    texts = [(GOLDEN / f"{case}.txt").read_text(encoding="utf-8") for case in ("split", "indirect")]
    split, indirect = list(extractor.extract_texts(texts))
    assert {q.kind for q in split} == {"direct"}
    assert {q.kind for q in indirect} == {"indirect"}


def test_quote_marks_apostrophes_and_unclosed() -> None:
    text = "It’s the ‘last chance’ they said.\n“Never closed here\nNext paragraph without a mark."
    spans = quoted_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == ["last chance"]


def test_quote_marks_multi_paragraph_is_one_span() -> None:
    text = "“First part.\n“Second part,” she said."
    (span,) = quoted_spans(text)
    assert span.paragraphs == 2
    assert text[span.inner_start : span.inner_end] == "First part.\n“Second part,"


def test_quotes_two_apostrophes_closing_a_quote_are_no_speaker(
    parse: Any, extractor: QuoteExtractor
) -> None:
    from newsdesk.annotate.names import NameIndex

    text = (
        "“We will rebuild the bridge before winter,’’ the mayor told reporters on Monday.\n\n"
        "‘‘The money is there,’’ ’’ said. Officials said the work would start soon."
    )
    index = NameIndex()
    for canonical in (None, index.resolve):
        for quote in _quotes(parse, extractor, text, canonical=canonical):
            assert quote.speaker is None or any(c.isalnum() for c in quote.speaker)


def test_quote_marks_doubled_apostrophes_and_backticks() -> None:
    text = "He said ‘‘we will win’’ and left. Then ``not now'' came, and ''maybe later'' too."
    spans = quoted_spans(text)
    assert [text[s.inner_start : s.inner_end] for s in spans] == [
        "we will win",
        "not now",
        "maybe later",
    ]


def test_quote_marks_nested_single_quotes_stay_inside() -> None:
    text = "“They called it ‘the last chance’ and meant it,” Rand said."
    (span,) = quoted_spans(text)
    assert (
        text[span.inner_start : span.inner_end] == "They called it ‘the last chance’ and meant it,"
    )


def test_quotes_unbalanced_marks_cost_only_their_paragraph(
    parse: Any, extractor: QuoteExtractor
) -> None:
    text = (
        "Helen Carter, the harbour master, spoke to reporters on Monday.\n"
        "“The channel is open, she said, and the ferries ” will ” run ”\n"
        '“ ’’ ‘‘ « "\n'
        "“The first ferry leaves at noon,” Carter said."
    )
    quotes = [q for q in _quotes(parse, extractor, text) if q.kind == "direct"]
    assert ("The first ferry leaves at noon", "Helen Carter") in [
        (q.text, q.speaker) for q in quotes
    ]
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text


def test_quotes_cue_word_is_not_part_of_the_name(parse: Any, extractor: QuoteExtractor) -> None:
    text = (
        "Drivers waited for hours near Kell on Friday.\n"
        "“The road has been closed since dawn,” Said Kate Morrow, a driver from Dunmore."
    )
    (quote,) = [q for q in _quotes(parse, extractor, text) if q.kind == "direct"]
    assert quote.speaker == "Kate Morrow"


def test_quotes_apposition_names_the_speaker(parse: Any, extractor: QuoteExtractor) -> None:
    text = "The minister, Ana Ruiz, replied: “We are doing what we can.”"
    (quote,) = [q for q in _quotes(parse, extractor, text) if q.kind == "direct"]
    assert quote.speaker == "Ana Ruiz"


def test_quotes_title_of_a_work_is_not_a_statement(parse: Any, extractor: QuoteExtractor) -> None:
    text = (
        "On Sunday’s broadcast of “Morning Harbour Report,” Governor Ana Ruiz said the port "
        "would reopen."
    )
    assert [q for q in _quotes(parse, extractor, text) if q.kind == "direct"] == []


def test_quotes_footage_of_a_person_saying(parse: Any, extractor: QuoteExtractor) -> None:
    text = (
        "The new campaign advert uses footage of Hillary Carter asking, "
        "“Why is the bridge still closed after three years?”"
    )
    (quote,) = [q for q in _quotes(parse, extractor, text) if q.kind == "direct"]
    assert quote.speaker == "Hillary Carter"


def test_quote_marks_tokenised_copy_with_spaced_marks() -> None:
    text = '`` We will reopen , \'\' the mayor said .\nHe left . " Not now , " she said .\nSize 6 " wide'
    spans = quoted_spans(text)
    assert [text[s.inner_start : s.inner_end].strip() for s in spans] == [
        "We will reopen ,",
        "Not now ,",
    ]


def test_quotes_question_to_a_person_is_not_their_statement(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """Asked whether …, Wendt said …: the question is not Wendt's, what Wendt says is."""
    text = (GOLDEN / "asked_not_speaker.txt").read_text(encoding="utf-8")
    quotes = _quotes(parse, extractor, text)
    assert not any("whether the ferry company" in q.text and q.speaker for q in quotes), quotes
    asked = [q for q in quotes if q.cue == "asked"]
    assert asked and all(q.speaker != "Karl Wendt" for q in asked), asked


def test_quotes_told_by_someone_credits_the_teller(parse: Any, extractor: QuoteExtractor) -> None:
    text = (
        "The fishermen of Kell were told by harbour director Karl Wendt that the fees would "
        "rise by a fifth in April."
    )
    quotes = [q for q in _quotes(parse, extractor, text) if "fees would rise" in q.text]
    assert quotes and all(q.speaker == "Karl Wendt" for q in quotes), quotes


def test_quotes_story_shows_a_stored_titled_speaker_by_name() -> None:
    """A speaker stored with its title (before titles came off) is shown by name."""
    from newsdesk.annotate.views import story_understanding
    from newsdesk.article import Annotations, Article, Mention

    text = "Treasurer Daniel Kessler spoke. “We have waited long enough,” Kessler said."
    start = text.index("We have")
    found = Annotations(
        entities=[Mention("Treasurer Daniel Kessler", "PERSON", 0, 24, "Treasurer Daniel Kessler")],
        quotes=[
            Quote(
                "We have waited long enough",
                start,
                start + 26,
                speaker="Treasurer Daniel Kessler",
                cue="said",
            )
        ],
    )
    article = Article(source="t", format="text", raw=text, text=text, id="a1")
    notes = story_understanding([article], {"a1": found})
    assert [q.speaker for q in notes.quotes] == ["Daniel Kessler"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Mayor Ana Petrova", "Ana Petrova"),
        ("Rabbi David Stern", "David Stern"),
        ("the Rev. Ana Petrova", "Ana Petrova"),
        ("Prime Minister Ana Petrova", "Ana Petrova"),
        ("President", "President"),
        ("pope", None),
        ("Ana Petrova", "Ana Petrova"),
    ],
)
def test_quote_speakers_untitled_shows_the_name(name: str, shown: str | None) -> None:
    from newsdesk.annotate.quote_speakers import untitled

    assert untitled(name) == shown


def test_quotes_story_keeps_an_organisation_speaker_whole() -> None:
    """A body that speaks keeps a title word its name starts with (General Motors)."""
    from newsdesk.annotate.views import story_understanding
    from newsdesk.article import Annotations, Article, Mention

    text = "General Motors will close the plant, according to General Motors."
    found = Annotations(
        entities=[
            Mention("General Motors", "ORG", 0, 14, "General Motors"),
            Mention("General Motors", "ORG", 51, 65, "General Motors"),
        ],
        quotes=[
            Quote(
                "General Motors will close the plant",
                0,
                35,
                speaker="General Motors",
                cue="according to",
                kind="indirect",
            )
        ],
    )
    article = Article(source="t", format="text", raw=text, text=text, id="a1")
    notes = story_understanding([article], {"a1": found})
    assert [q.speaker for q in notes.quotes] == ["General Motors"]


@pytest.mark.parametrize("case", CASES)
def test_quotes_reported_clause_never_spans_a_paragraph_break(
    case: str, parse: Any, extractor: QuoteExtractor
) -> None:
    """A reported clause is one paragraph's words: the parser joining a quotation to a cue
    in the next paragraph (“…” ¶ X was a giant, Lee said) makes no indirect quote."""
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    for quote in _quotes(parse, extractor, text):
        if quote.kind == "indirect":
            assert "\n" not in quote.text, quote


def test_quotes_clause_no_cue_leaves_titles_and_scare_quotes(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """A quotation in a clause no cue frames is its subject's words, but a title (“Harbour
    Lights”) and a scare-quoted word (the “bold” plan) stay no one's quote."""
    text = (GOLDEN / "clause_no_cue.txt").read_text(encoding="utf-8")
    quotes = _quotes(parse, extractor, text)
    assert not any("Harbour Lights" in q.text or "bold" in q.text for q in quotes), quotes
    assert all(q.speaker != "Greens" for q in quotes)  # … saying the Greens owe “…”


def test_quotes_reported_clause_cut_at_a_quotation_runs_to_its_mark() -> None:
    """A reported clause the parse ended where a quotation of its own sentence starts (Ruiz
    added that she alone had spent her life “fighting …”) runs on to that quotation's
    closing mark, and over a "but" to the next one; never into the next sentence."""
    from newsdesk.annotate.quote_marks import quoted_spans
    from newsdesk.annotate.quote_parse import _run_on

    text = (
        "Ruiz added that she alone had spent her life “fighting for the harbour. I will not "
        "stop now.” Lee said ferries “cannot pay” but buses “can.” The board met. “We agree.”"
    )
    spans = quoted_spans(text)
    first = text.index("“fighting")
    assert text[: _run_on(text, first - 1, spans, text.index(" Lee"))].endswith("stop now.”")
    cut = text.index(" “cannot")
    end = _run_on(text, cut, spans, text.index(" The board"))
    assert text[cut:end] == " “cannot pay” but buses “can.”"
    board = text.index(" The board")
    assert _run_on(text, board, spans, len(text)) == board  # “We agree.”: another sentence


def test_quote_marks_closing_mark_opening_a_paragraph_opens_only_with_its_closer() -> None:
    """” … the train has left,” she wrote: the mark typed before an ellipsis opens; a lone
    ” at a paragraph's start with no closer after it opens nothing."""
    text = "Intro.\n” … the train has left,” she wrote.\n” no closer here\nEnd."
    (span,) = quoted_spans(text)
    assert text[span.inner_start : span.inner_end] == " … the train has left,"


def test_quotes_modal_lead_in_attributes_nothing(parse: Any, extractor: QuoteExtractor) -> None:
    """A lead-in whose verb is a modal's (cells can reproduce …, “lines”) names no speaker,
    where a perfect or a "do" form does (Lee has since apologized …: “…”)."""
    text = (
        "The lab was paid for privately. But those types of cells can reproduce indefinitely"
        " in lab dishes, “lines” used for a variety of research projects."
    )
    assert not [q for q in _quotes(parse, extractor, text) if q.kind == "direct"]


def test_framing_subject_stops_at_a_paragraph_the_parse_ran_on_from(parse: Any) -> None:
    """A parse that hangs a paragraph's verb on the paragraph before (spoke ← chanted) and
    ends a sentence inside the quotation: the words are the chanting crowd's, the subject
    of the quotation's own paragraph, never the previous paragraph's speaker (the parse
    is set by hand, as the tagger's slip was seen on PolNeAR train)."""
    from spacy.tokens import Doc

    from newsdesk.annotate.quote_frames import framing_subject

    words = ["Ruiz", "spoke", "first", ".", "\n\n", "The", "crowd", "chanted", "“", "Build"]
    words += ["it", "now", ".", "Build", "it", "now", ".", "”"]
    spaces = [True, True, False, False, False, True, True, True, False, True]
    spaces += [True, False, True, True, True, False, False, False]
    heads = [1, 1, 1, 1, 3, 6, 7, 1, 9, 7, 9, 9, 9, 13, 13, 13, 13, 13]
    deps = ["nsubj", "ROOT", "advmod", "punct", "dep", "det", "nsubj", "ccomp", "punct"]
    deps += ["xcomp", "dobj", "advmod", "punct", "ROOT", "dobj", "advmod", "punct", "punct"]
    pos = ["PROPN", "VERB", "ADV", "PUNCT", "SPACE", "DET", "NOUN", "VERB", "PUNCT", "VERB"]
    pos += ["PRON", "ADV", "PUNCT", "VERB", "PRON", "ADV", "PUNCT", "PUNCT"]
    doc = Doc(parse.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    start = doc[9].idx
    end = doc[16].idx + 1
    pair = framing_subject(doc, start, end, frozenset({"say"}))
    assert pair is not None
    assert (pair[0].text, pair[1].text) == ("crowd", "chanted")


def test_quotes_a_speaker_never_ends_in_a_word_the_name_span_ran_into(
    parse: Any, extractor: QuoteExtractor
) -> None:
    """The parser's name can run into the preposition after it ('Juan "Chuy" Manriquez of'
    Port Selva): the speaker shown is the name, never "… Manriquez of"."""
    text = (
        'At the parade, Juan "Chuy" Manriquez of Port Selva carried one of the photos. '
        '"I pretty much cried the whole parade," he said.'
    )
    (quote,) = _quotes(parse, extractor, text)
    assert quote.speaker is not None and quote.speaker.endswith("Manriquez"), quote.speaker
