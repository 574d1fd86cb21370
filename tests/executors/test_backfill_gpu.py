"""backfill on a Ray cluster that has a GPU: embed+annotate is a map_batches of its own whose
actors take one GPU each, read…outlets stays on the CPU actors, and the store is the one an
inline run makes. (The GPU is declared to a local Ray instance, not used: the stand-in
models run anywhere.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from executors import fakes
from executors.conftest import local_ray
from newsdesk.executors import InlineExecutor, make_executor
from newsdesk.store import SqliteStore


@pytest.fixture(scope="module")
def ray_with_a_gpu() -> Iterator[Any]:
    yield from local_ray(gpus=1)


def test_backfill_ray_embeds_on_gpu_actors_where_the_cluster_has_gpus(
    ray_with_a_gpu: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.executors import ray_data

    listing = fakes.corpus(tmp_path / "c")
    fakes.run_backfill(listing, tmp_path / "inline.db", InlineExecutor())
    seen: list[tuple[str, int, dict[str, Any]]] = []
    real = ray_data.stream

    def noted(ray: Any, sources: Any, expand: Any, fns: Any, *, pools: Any) -> Any:
        seen.extend((fn.name, *pools(fn)) for fn in fns)
        return real(ray, sources, expand, fns, pools=pools)

    monkeypatch.setattr(ray_data, "stream", noted)
    executor = make_executor("ray", workers=2)
    try:
        report = fakes.run_backfill(listing, tmp_path / "gpu.db", executor)
    finally:
        executor.close()
    assert seen == [
        ("read+clean+quality+ids+signatures+outlets", 2, {"num_cpus": 1}),
        ("embed+annotate", 1, {"num_gpus": 1}),  # no more GPU actors than GPUs
    ]
    assert report.ingested == 29
    with SqliteStore(tmp_path / "inline.db") as inline, SqliteStore(tmp_path / "gpu.db") as gpu:
        assert fakes.state(gpu) == fakes.state(inline)
