"""The fast attribute ruler gives every token what spaCy's own ruler gives it."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

from newsdesk.annotate import nlp
from newsdesk.annotate.fast_pipes import FastAttributeRuler, speed_up

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
    assert speed_up(fast) == ["attribute_ruler"]
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
