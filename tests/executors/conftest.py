"""A real local Ray instance with two workers, shared by the module's tests (Ray is optional:
the tests are skipped where it is not installed)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from executors import fakes
from newsdesk.executors import InlineExecutor
from newsdesk.executors.ray import ray_environment
from newsdesk.store import SqliteStore


def local_ray(gpus: int = 0) -> Iterator[object]:
    """A private local Ray instance (2 CPUs, ``gpus`` GPUs declared, not used), shut down and
    its files removed after."""
    ray_environment()  # as the executor sets it (no usage stats, no OpenTelemetry metrics)
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    if ray.is_initialized():
        ray.shutdown()
    folder = tempfile.mkdtemp(prefix="nd-ray-test-")
    ray.init(
        num_cpus=2,
        num_gpus=gpus,
        object_store_memory=128 * 1024 * 1024,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        _temp_dir=folder,
        # the actors import this folder's stand-in models (executors.fakes) as the tests do
        runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).resolve().parents[1])}},
    )
    try:
        yield ray
    finally:
        ray.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def ray_local() -> Iterator[object]:
    yield from local_ray()


@pytest.fixture(scope="module")
def listing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stand-in corpus's shards (fakes.corpus), listed in one file."""
    return fakes.corpus(tmp_path_factory.mktemp("shards"))


@pytest.fixture(scope="module")
def inline_state(listing: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The store an inline backfill of ``listing`` makes (fakes.state)."""
    db = tmp_path_factory.mktemp("inline") / "inline.db"
    fakes.run_backfill(listing, db, InlineExecutor())
    with SqliteStore(db) as store:
        return fakes.state(store)
