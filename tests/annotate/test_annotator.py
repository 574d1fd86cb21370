"""Long texts are annotated in bounded pieces: no spaCy E088, offsets into the whole text."""

from __future__ import annotations

import pytest

from newsdesk.annotate.annotator import Annotator, chunks

SENTENCE = "Mayor Ana Petrova said the Brannock harbour would reopen on Monday. "


def test_annotator_chunks_cover_the_text_and_cut_at_breaks() -> None:
    text = ("word " * 300 + "\n\n") * 20
    pieces = chunks(text, 1000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert all(p.endswith((" ", "\n")) for _, p in pieces[:-1])
    solid = "x" * 5500  # no break at all: cut hard
    assert [len(p) for _, p in chunks(solid, 1000)] == [1000] * 5 + [500]


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(chunk_chars=1000, max_chars=3000)


def test_annotator_long_text_is_read_in_pieces_up_to_the_limit(annotator: Annotator) -> None:
    text = SENTENCE * 80  # 5,440 characters: read up to 3,000
    (found,) = annotator.annotate_texts([text], [None])
    assert found.entities
    assert all(text[m.start : m.end] == m.text for m in found.entities)
    assert max(m.end for m in found.entities) <= 3000
    assert max(m.start for m in found.entities) > 1000  # later pieces are read too
    (whole,) = annotator.annotate_texts([SENTENCE * 5], [None])  # one piece
    assert {e.name for e in found.named} == {e.name for e in whole.named}
    assert sum(e.mentions for e in found.named) > sum(e.mentions for e in whole.named)
    assert all(text[q.start : q.end] == q.text for q in found.quotes)


def test_annotator_one_huge_paragraph_is_no_error(annotator: Annotator) -> None:
    """1.5 million characters in one paragraph once raised spaCy's E088 (nlp.max_length)."""
    text = ("word " * 300_000).strip()
    short = SENTENCE.strip()
    found = list(annotator.annotate_texts([short, text, "x" * 1_500_000], [None] * 3))
    assert len(found) == 3
    assert found[0].entities and all(f.entities == [] for f in found[2:])
