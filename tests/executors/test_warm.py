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


FIRST_BATCH = """
import sys
import newsdesk.executors.preload  # the fork server's imports, as it runs them
from newsdesk.ingest.sources import expand_specs
from newsdesk.pipeline import Composed
from newsdesk.settings import Settings
from newsdesk.stages import IngestRun, SourceJob, stage_list

run = IngestRun(Settings(db=sys.argv[2]))
stages = [(s.name, s.make(run)) for s in stage_list("ingest").stages if s.kind == "article"]
composed = Composed(stages)
for name in composed.preload():  # the run's models, as the server loads them
    __import__(name)
before = set(sys.modules)
composed.setup()
spec = next(iter(expand_specs([sys.argv[1]])))
done = composed([SourceJob(index=0, source=spec.source, spec=spec)])
assert done[0].works and done[0].works[0].annotations is not None, done
print(" ".join(sorted(m for m in set(sys.modules) - before if m.startswith("newsdesk"))))
"""

PAGE = """<html><head><title>Harbour council approves the new ferry budget</title></head>
<body><article><h1>Harbour council approves the new ferry budget</h1>
<p>PORT ELLIS, March 3, 2026 - The harbour council of Port Ellis voted on Tuesday to fund two
new ferries for the island route, ending a dispute that had lasted since last October.</p>
<p>"The islanders waited long enough for a boat that leaves on time," said Mara Lindqvist,
the council's chair, after the vote. The ferries are due to sail by June 2027.</p>
<p>The opposition leader, Tomas Brandt, said the budget left the old pier to rot and asked
the council to publish the builder's contract before the summer.</p></article></body></html>
"""


def test_warm_a_workers_first_batch_imports_no_stage_module_the_server_could_have(
    tmp_path,
) -> None:
    """The modules every batch uses (the annotator's parts, story features, signatures) are
    imported by the fork server once, not by each worker on its first batch (each worker
    paid about 0.17 CPU s for them)."""
    pytest.importorskip("spacy")
    page = tmp_path / "ferry.html"
    page.write_text(PAGE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", FIRST_BATCH, str(page), str(tmp_path / "unused.db")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split() == []


COLLECTOR = """
import gc
{load}
print(gc.isenabled(), gc.get_freeze_count() > 1000)
"""


def test_warm_the_collector_is_on_again_once_the_server_has_loaded() -> None:
    """The garbage collector is off while the fork server imports and loads (what it loads
    lives as long as it does); it then freezes it and collects again."""
    server = "import newsdesk.executors.preload, newsdesk.executors.freeze"
    assert _run(COLLECTOR.format(load=server)) == "True True"
