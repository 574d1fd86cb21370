"""Ray started after the story index's usearch is loaded (a process that ingested inline
before, a notebook, the tests' own order). usearch's std::regex code, loaded first, broke the regex Ray's OpenTelemetry metrics compile as Ray connects to its GCS:
``std::regex_error`` and an abort of the whole process. Run in a child process: the fault
it guards against is an abort, not an exception."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("ray")
pytest.importorskip("usearch")

CHILD = textwrap.dedent(
    """
    import sys
    import usearch.index  # the story index, loaded before Ray starts
    assert "ray" not in sys.modules
    from newsdesk.executors import make_executor

    class Double:
        name = "double"

        def setup(self):
            pass

        def __call__(self, batch):
            return [item * 2 for item in batch]

    with make_executor("ray", workers=1) as executor:
        print(list(executor.map_batches(Double(), [[1, 2], [3]])))
    """
)


def test_ray_starts_after_usearch_is_loaded(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=240, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[[2, 4], [6]]"
