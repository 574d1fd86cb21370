"""The English pipeline's tokenizer: quotation marks glued to words across punctuation."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.annotate import nlp


@pytest.fixture(scope="module")
def pipeline() -> Any:
    return nlp.load()


def _tokens(pipeline: Any, text: str) -> list[str]:
    return [token.text for token in pipeline.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Lund said,“Look at it.”", ["Lund", "said", ",", "“", "Look", "at", "it", ".", "”"]),
        ("Lund said:“Look.”", ["Lund", "said", ":", "“", "Look", ".", "”"]),
        ("“Look at it,”he said.", ["“", "Look", "at", "it", ",", "”", "he", "said", "."]),
        ('Lund said,"Look."', ["Lund", "said", ",", '"', "Look", ".", '"']),
        ("It was over.“Next,” she said.", ["It", "was", "over", ".", "“", "Next", ",", "”"]),
        ("“Go!”—and she left", ["“", "Go", "!", "”", "—", "and", "she", "left"]),
        ("“yes”;“no”", ["“", "yes", "”", ";", "“", "no", "”"]),
        ("the U.S.,”he said", ["the", "U.S.", ",", "”", "he", "said"]),
    ],
)
def test_nlp_glued_quotation_mark_is_a_token(pipeline: Any, text: str, tokens: list[str]) -> None:
    assert _tokens(pipeline, text)[: len(tokens)] == tokens


def test_nlp_text_without_glued_marks_is_tokenized_as_spacy_does(pipeline: Any) -> None:
    from spacy.util import compile_infix_regex

    text = (
        "Mr. O’Brien didn’t say “no,” he said. The U.S.-led talks (in Kell, Norway) ran "
        "9:30-11:00 on 12/05; see www.example.org/a?b=1 or mail ana@example.org. "
        "The ’90s rock ’n’ roll band’s fans, the Joneses’, waited... ‘Maybe,’ one said! "
        'It costs $5.50, about 40% more — well-known "facts" aside.'
    )
    glued = pipeline.tokenizer.infix_finditer
    try:
        pipeline.tokenizer.infix_finditer = compile_infix_regex(pipeline.Defaults.infixes).finditer
        plain = _tokens(pipeline, text)
    finally:
        pipeline.tokenizer.infix_finditer = glued
    assert _tokens(pipeline, text) == plain


def test_nlp_glued_rules_added_once(pipeline: Any) -> None:
    before = pipeline.tokenizer.infix_finditer.__self__.pattern
    nlp.split_glued_quotes(pipeline)
    assert pipeline.tokenizer.infix_finditer.__self__.pattern == before
    assert before.count(nlp.GLUED_QUOTE_INFIXES[0]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Lund said,“Look at it.”\n\n  Two  spaces,\ttabs\u00a0and a trailing space ",
        "",
        "   ",
        "Ünïcode — “marks” and emoji 🙂 stay.",
    ],
)
def test_nlp_kept_text_is_the_text_the_tokens_join_to(pipeline: Any, text: str) -> None:
    doc = pipeline.make_doc(text)
    assert nlp.doc_text(nlp.parsed(pipeline.make_doc(text), text)) == doc.text == text
