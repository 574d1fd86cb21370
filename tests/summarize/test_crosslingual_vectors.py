"""A brief embeds each distinct sentence once: citing across languages and "only in" ask
for the same sentences, and a wire story repeats them in every outlet that carries it."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.cluster import embed
from newsdesk.summarize import crosslingual


def test_crosslingual_vectors_embed_each_sentence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[str]] = []

    def fake(texts: list[str]) -> np.ndarray:
        asked.append(list(texts))
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    monkeypatch.setattr(embed, "embed_multilingual", fake)
    monkeypatch.setattr(embed, "MULTI_DIM", 2)
    monkeypatch.setattr(crosslingual, "_SEEN", crosslingual.OrderedDict())
    first = crosslingual._vectors(["wire sentence", "own line", "wire sentence"])
    again = crosslingual._vectors(["own line", "new line"])
    assert asked == [["wire sentence", "own line"], ["new line"]]
    assert first.tolist() == [[13.0, 1.0], [8.0, 1.0], [13.0, 1.0]]
    assert again.tolist() == [[8.0, 1.0], [8.0, 1.0]]


def test_crosslingual_vectors_keep_a_bounded_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        embed, "embed_multilingual", lambda texts: np.ones((len(texts), 2), dtype=np.float32)
    )
    monkeypatch.setattr(embed, "MULTI_DIM", 2)
    monkeypatch.setattr(crosslingual, "_SEEN", crosslingual.OrderedDict())
    monkeypatch.setattr(crosslingual, "_SEEN_MAX", 3)
    crosslingual._vectors(["a", "b", "c", "d", "e"])
    assert list(crosslingual._SEEN) == ["c", "d", "e"]
