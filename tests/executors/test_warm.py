"""spaCy without torch: thinc's probe for torch is refused, any other import of torch is not."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = """
from newsdesk.executors.warm import prepare
prepare(worker=False)
import spacy, sys
import thinc.compat
print(thinc.compat.has_torch, "torch" in sys.modules)
"""


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_warm_spacy_loads_without_torch() -> None:
    pytest.importorskip("spacy")
    assert _run(CODE) == "False False"


def test_warm_torch_still_imports_for_whoever_asks() -> None:
    pytest.importorskip("spacy")
    pytest.importorskip("torch")
    assert _run(CODE + "import torch; print(torch.__name__)\n").splitlines()[-1] == "torch"


SERVER = """
import os, threading
import newsdesk.executors.preload
import newsdesk.executors.models.english, newsdesk.executors.models.minilm
import newsdesk.executors.models.use
from newsdesk.annotate import nlp
from newsdesk.cluster import embed
print(len(os.listdir("/proc/self/task")), threading.active_count(),
      nlp.load.cache_info().currsize, embed.load_model.cache_info().currsize,
      embed.load_multilingual.cache_info().currsize)
"""


def test_warm_fork_server_loads_the_models_without_starting_a_thread() -> None:
    """What the fork server runs before it forks (the imports, spaCy's English pipeline,
    MiniLM, USE) leaves it with one thread: forking it copies no half-held lock."""
    pytest.importorskip("spacy")
    if not os.path.isdir("/proc/self/task"):
        pytest.skip("counts threads through /proc (Linux)")
    assert _run(SERVER).split() == ["1", "1", "1", "1", "1"]
