"""The English pipeline's tokenizer: quotation marks glued to words across punctuation."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.annotate import nlp
from newsdesk.annotate.fast_pipes import OneThreadNumpyOps


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


# a wire report's shapes: names, titles, quotes with cues, dates, numbers, a dateline
NEWS = [
    "KELLVIK, Norway (Reuters) - Harbour master Ingrid Solheim said on Tuesday that the "
    "ferry Nordlys ran aground at 9:40 a.m., and 212 passengers were taken ashore. "
    "“We are grateful nobody was hurt,” Solheim told reporters.",
    "Prime Minister Tomas Vedder will meet EU officials in Brussels next week, his office "
    "said, after talks with Acme Shipping Ltd. collapsed in March over a $4.5 billion deal.",
    "",
]
ATTRIBUTES = ("TAG", "POS", "DEP", "HEAD", "LEMMA", "MORPH", "ENT_IOB", "ENT_TYPE", "SENT_START")


def test_nlp_layers_multiply_with_numpy(pipeline: Any) -> None:
    layers = [
        node
        for _, component in pipeline.pipeline
        if getattr(component, "model", None) is not None
        for node in component.model.walk()
        if node.name in {"maxout", "precomputable_affine", "softmax"}
    ]
    assert len(layers) >= 10
    assert all(isinstance(node.ops, OneThreadNumpyOps) for node in layers)
    assert all(node.ops.use_blis is False for node in layers)


def test_nlp_products_run_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import nullcontext

    import numpy

    from newsdesk.annotate import fast_pipes

    asked: list[int] = []
    monkeypatch.setattr(fast_pipes, "blas_threads", lambda n: asked.append(n) or nullcontext())
    x, y = numpy.ones((3, 4), dtype="f"), numpy.ones((5, 4), dtype="f")
    product = OneThreadNumpyOps().gemm(x, y, trans2=True)
    assert product.tolist() == (x @ y.T).tolist()
    assert asked == [1]


def test_nlp_numpy_products_parse_as_blis_does(pipeline: Any) -> None:
    import spacy

    with_blis = spacy.load(nlp.MODEL)
    for want, got in zip(with_blis.pipe(NEWS), pipeline.pipe(NEWS), strict=True):
        assert want.to_array(list(ATTRIBUTES)).tolist() == got.to_array(list(ATTRIBUTES)).tolist()
        assert [(e.text, e.label_) for e in want.ents] == [(e.text, e.label_) for e in got.ents]
