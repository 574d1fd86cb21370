"""spaCy without torch: thinc's probe for torch is refused, any other import of torch is not."""

from __future__ import annotations

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
