"""The declared stage list: what each command runs, checked before anything flows."""

from __future__ import annotations

import pytest

from newsdesk.errors import UsageError
from newsdesk.pipeline import StageList
from newsdesk.stages import STAGES, stage_list


def test_stages_ingest_runs_the_whole_list_in_order() -> None:
    stages = stage_list("ingest")
    assert stages.names[:4] == ["read", "clean", "quality", "ids"]
    assert (
        stages.names.index("copies") < stages.names.index("store") < stages.names.index("stories")
    )
    assert stages.per_article() == [
        "read", "clean", "quality", "ids", "signatures", "embed", "annotate"
    ]  # fmt: skip
    assert {s.name for s in STAGES if s.kind == "global"} >= {"copies", "store", "stories"}


def test_stages_switched_off_work_leaves_the_list() -> None:
    assert "embed" not in stage_list("ingest", stories=False).names
    assert "annotate" not in stage_list("ingest", annotate=False).names
    assert stage_list("annotate", clean=False).names == ["read", "annotate"]


def test_stages_a_list_in_the_wrong_order_fails_before_running() -> None:
    by_name = {s.name: s for s in STAGES}
    with pytest.raises(UsageError, match="stage stories needs"):
        StageList([by_name["read"], by_name["clean"], by_name["stories"]])


def test_stages_ingest_imports_no_copy_index_before_its_workers_start() -> None:
    """``ingest`` imports the global stages before the local executor starts its fork server:
    neither datasketch nor scipy (about 0.4 CPU s) comes with them, the copy index being
    newsdesk.dedupe.minhash's numpy, so the server's preload waits for neither."""
    import subprocess
    import sys

    code = (
        "import sys, newsdesk.ingestion; print(sorted({'datasketch', 'scipy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
