"""Names spaCy did not tag in one article of a group: found by their text alone."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.annotate import nlp
from newsdesk.annotate.entities import _missed_names, _tokens_among


@pytest.fixture(scope="module")
def pipeline() -> Any:
    return nlp.load()


def _every_token_way(doc: Any, words: set[str]) -> list[int]:
    return [token.i for token in doc if token.text in words]


@pytest.mark.parametrize(
    "words",
    [
        {"Okonkwo"},
        {"Okonkwo", "Brennick", "Varga"},
        {"never-in-the-text"},
        {"the", "."},
    ],
)
def test_entities_tokens_among_are_the_tokens_with_those_texts(
    pipeline: Any, words: set[str]
) -> None:
    doc = pipeline.make_doc(
        "Okonkwo met Brennick on Tuesday. Later, Okonkwo said the Brennick plan was dead. "
        "Varga, the mayor, did not. Okonkwo’s aide left."
    )
    assert [t.i for t in _tokens_among(doc, words)] == _every_token_way(doc, words)


def _missed_reading_every_token(
    doc: Any, known: frozenset[str], bodies: dict[str, str]
) -> list[tuple[str, str, int, int]]:
    missed = []
    for token in doc:
        if token.ent_type_ in {"DATE", "TIME"}:
            continue
        end = token.idx + len(token)
        if token.text in known and token.pos_ == "PROPN" and token.is_title:
            missed.append((token.text, "PERSON", token.idx, end))
        elif token.text in bodies and token.pos_ == "PROPN" and not token.ent_type_:
            missed.append((token.text, bodies[token.text], token.idx, end))
    return missed


def test_entities_missed_names_as_reading_every_token(pipeline: Any) -> None:
    doc = pipeline(
        "Okonkwo called the vote a disgrace on Monday. Brennick shares fell 4 percent. "
        "GM said Okonkwo and Varga would meet in Lagos. Brennick, GM and Opel declined."
    )
    known = frozenset({"Okonkwo", "Varga", "Lagos"})
    bodies = {"Brennick": "ORG", "GM": "ORG", "Opel": "ORG", "Monday": "ORG"}
    found = [(m.text, m.type, m.start, m.end) for m in _missed_names(doc, [], known, bodies)]
    assert found == _missed_reading_every_token(doc, known, bodies)


def test_entities_no_known_words_no_missed_names(pipeline: Any) -> None:
    doc = pipeline("Okonkwo called the vote a disgrace.")
    assert _missed_names(doc, [], frozenset(), {}) == []
