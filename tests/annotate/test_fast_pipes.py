"""The fast attribute ruler and lemmatizer give every token what spaCy's own give it."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

from newsdesk.annotate import nlp
from newsdesk.annotate.fast_pipes import (
    FastAttributeRuler,
    FastEnglishLemmatizer,
    FastEntityRecognizer,
    speed_up,
)

# the ruler's exceptions as well as its tag map: contractions and slang it re-lemmatises
# ("gonna", "y'all", "ain't", "let's", "c'mon"), "there is" (a DEP pattern), "but" as an
# adverb, pronoun cases by dependency, runs of spaces and line breaks (IS_SPACE patterns)
TEXTS = [
    "Y'all ain't gonna believe it, said Mara Okonkwo-Reyes. Let's go, c'mon!",
    "There is a ferry; there were two.  But it was late, but fine.\n\n\tI told you it ran.",
    "“We gotta wait,” the Brannock harbour master said on Monday, Jan. 6 — 4.5% lower.",
    "Ya'll gon na see: he'd've known.   \n  She's the mayor's aide; it's theirs, not ours.",
    "",
    " ",
    "\n\n",
]
ATTRS = [ORTH, LOWER, POS, TAG, DEP, HEAD, LEMMA, MORPH, IS_SPACE]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Any, Any]:
    plain = spacy.load(nlp.MODEL)
    fast = spacy.load(nlp.MODEL)
    assert speed_up(fast) == ["attribute_ruler", "lemmatizer", "ner"]
    return plain, fast


def test_fast_pipes_tokens_get_the_same_attributes(pipelines: tuple[Any, Any]) -> None:
    plain, fast = pipelines
    for want, got in zip(plain.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert numpy.array_equal(want.to_array(ATTRS), got.to_array(ATTRS))
        assert [(t.pos_, t.lemma_, str(t.morph)) for t in want] == [
            (t.pos_, t.lemma_, str(t.morph)) for t in got
        ]
    one = TEXTS[0]
    assert plain(one).to_json() == fast(one).to_json()  # nlp(text) as well as nlp.pipe


def test_fast_pipes_find_the_rulers_matches(pipelines: tuple[Any, Any]) -> None:
    plain, fast = pipelines
    ruler = plain.get_pipe("attribute_ruler")
    faster = fast.get_pipe("attribute_ruler")
    assert isinstance(faster, FastAttributeRuler)
    for doc in plain.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer"]):
        want = sorted({(attr, start, end) for attr, _, start, end in ruler.match(doc)})
        assert faster.matches(doc) == want
    parsed = plain("Y'all gonna see.")
    assert {start for _, start, _ in faster.matches(parsed)} >= {0, 1}  # two-token patterns


def test_fast_pipes_leave_a_ruler_they_cannot_read() -> None:
    pipeline = spacy.blank("en")
    ruler = pipeline.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert speed_up(pipeline) == []
    assert type(pipeline.get_pipe("attribute_ruler")) is not FastAttributeRuler
    assert pipeline("very very good")[1].pos_ == "ADV"


def test_fast_pipes_loaded_pipeline_uses_the_fast_ruler() -> None:
    assert isinstance(nlp.load().get_pipe("attribute_ruler"), FastAttributeRuler)


# inflections the rules, the exceptions and the index decide between (oxen, geese, better,
# ran, studies, analyses, mice), unknown words (blorfing, zindles), names, numbers, and the
# same words again in other parts of speech and forms
LEMMA_TEXTS = [
    "The oxen and geese ran faster than the mice; better studies were running analyses.",
    "She studies; he studied; they'd been studying the zindles while blorfing quietly.",
    "Councillors voted, voting again on the harbours' budgets, the best of the worst years.",
    "Running mates run. The run ran on. Cats, catting, catted; leaves left, leaving, leafed.",
    "Okonkwo-Reyes's 14 ferries were lying idle; the lies they lay about were worse.",
]


def test_fast_pipes_lemmas_are_spacys(pipelines: tuple[Any, Any]) -> None:
    plain, fast = pipelines
    for _ in range(2):  # the second time from what each lemmatizer remembers
        for want, got in zip(plain.pipe(LEMMA_TEXTS), fast.pipe(LEMMA_TEXTS), strict=True):
            assert [t.lemma_ for t in want] == [t.lemma_ for t in got]
    lemmas = {t.text: t.lemma_ for t in fast("The geese ran; the studies were better.")}
    assert (lemmas["ran"], lemmas["studies"], lemmas["were"]) == ("run", "study", "be")


def test_fast_pipes_lemmatizer_reads_a_doc_without_tokens(pipelines: tuple[Any, Any]) -> None:
    _, fast = pipelines
    assert len(fast("")) == 0


def test_fast_pipes_loaded_pipeline_uses_the_fast_lemmatizer() -> None:
    assert isinstance(nlp.load().get_pipe("lemmatizer"), FastEnglishLemmatizer)


def _ruled(patterns: list[dict[str, Any]]) -> Any:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("attribute_ruler").add_patterns(patterns)
    return pipeline


def test_fast_pipes_skip_patterns_the_doc_cannot_match_with_the_same_attributes() -> None:
    # patterns asking for words the text does not hold (skipped without a mask), words it
    # does hold, IN lists with and without a present word, and tokens without a test ({})
    patterns = [
        {"patterns": [[{}]], "attrs": {"MORPH": "Case=Nom"}},
        {"patterns": [[{"LOWER": "ferry"}]], "attrs": {"LEMMA": "boat"}},
        {"patterns": [[{"LOWER": "hovercraft"}]], "attrs": {"LEMMA": "absent"}},
        {"patterns": [[{"LOWER": {"IN": ["zeppelin", "harbour"]}}]], "attrs": {"TAG": "NN"}},
        {"patterns": [[{"LOWER": {"IN": ["zeppelin", "blimp"]}}]], "attrs": {"TAG": "XX"}},
        {"patterns": [[{}, {"LOWER": "late"}]], "attrs": {"TAG": "JJ"}, "index": 0},
        {"patterns": [[{"LOWER": "was"}, {}]], "attrs": {"LEMMA": "then"}, "index": 1},
        {"patterns": [[{"ORTH": "The"}, {"LOWER": "tram"}]], "attrs": {"LEMMA": "absent"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
    ]
    plain, fast = _ruled(patterns), _ruled(patterns)
    assert speed_up(fast) == ["attribute_ruler"]
    texts = ["The ferry was very late to the harbour.\n\nIt was late.", "Ferry", "", "late"]
    for want, got in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert numpy.array_equal(want.to_array(ATTRS), got.to_array(ATTRS))


# people, places, organisations, dates, money and numbers, in texts of unlike lengths parsed
# in one batch (states finish at different steps), an entity at a text's very end, one
# across a line break, and texts with no token or no entity
NER_TEXTS = [
    "Mara Okonkwo-Reyes, the mayor of Brannock, met officials of the Harbour Authority "
    "in Lisbon on Tuesday, Jan. 6, to discuss a $4.5 million ferry contract with Nordlys AS.",
    "The United Nations said 1,200 people left Port Calder after the storm; the World "
    "Health Organization sent 14 doctors.\n\nPrime Minister Ilse Varga visited on Friday "
    "and promised 30 percent more funding by March 2027, according to Reuters.",
    "No names here, only a quiet street and the rain.",
    "",
    "Varga",
    "Talks in Geneva ended without a deal, said Tomas\nBerger of the Red Cross.",
]


def test_fast_pipes_entities_are_spacys(pipelines: tuple[Any, Any]) -> None:
    plain, fast = pipelines
    assert isinstance(fast.get_pipe("ner"), FastEntityRecognizer)
    for batch_size in (1, 4, 16):
        wanted = plain.pipe(NER_TEXTS, batch_size=batch_size)
        got = fast.pipe(NER_TEXTS, batch_size=batch_size)
        for want, doc in zip(wanted, got, strict=True):
            assert [(e.start_char, e.end_char, e.label_) for e in want.ents] == [
                (e.start_char, e.end_char, e.label_) for e in doc.ents
            ]
            assert [t.ent_iob_ for t in want] == [t.ent_iob_ for t in doc]
    names = {e.text: e.label_ for e in fast(NER_TEXTS[0]).ents}
    assert names.get("Lisbon") == "GPE"


def test_fast_pipes_loaded_pipeline_uses_the_fast_entity_recognizer() -> None:
    ner = nlp.load().get_pipe("ner")
    assert isinstance(ner, FastEntityRecognizer)
    assert ner.moves.n_moves > 1 and ner.cfg["beam_width"] == 1
