"""The Ray executor on a real local two-worker Ray instance, against the executor contract."""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest

from newsdesk.errors import UsageError
from newsdesk.executors import make_executor


class Tag:
    """A small batch function: each item comes back with the worker that handled it."""

    name = "tag"

    def __init__(self) -> None:
        self.setups = 0

    def setup(self) -> None:
        self.setups += 1

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [(item, os.getpid(), self.setups) for item in batch]


class Fragile:
    """Raises for the whole batch when one item is bad (breaking the contract on purpose)."""

    name = "fragile"

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[Any]) -> list[Any]:
        if any(item == "poison" for item in batch):
            raise ValueError("poison in the batch")
        return [item.upper() for item in batch]


def test_ray_results_in_input_order_with_setup_once_per_actor(ray_local: Any) -> None:
    batches = [[f"a{i}-{j}" for j in range(3)] for i in range(40)]
    with make_executor("ray", workers=2) as executor:
        results = list(executor.map_batches(Tag(), batches))
    assert [[item for item, _, _ in batch] for batch in results] == batches
    workers = {pid for batch in results for _, pid, _ in batch}
    assert 1 <= len(workers) <= 2
    assert os.getpid() not in workers  # the work ran on the actors, not here
    assert {setups for batch in results for _, _, setups in batch} == {1}


def test_ray_one_raising_item_does_not_stop_the_batch(ray_local: Any) -> None:
    from newsdesk.executors.ray import ItemFailure

    batches = [["a", "b"], ["c", "poison", "d"], ["e"]]
    with make_executor("ray", workers=2) as executor:
        results = list(executor.map_batches(Fragile(), batches))
    assert results[0] == ["A", "B"]
    assert results[2] == ["E"]
    first, failed, last = results[1]
    assert (first, last) == ("C", "D")
    assert isinstance(failed, ItemFailure)
    assert failed.item == "poison"
    assert failed.stage == "fragile"
    assert "poison in the batch" in failed.error


def test_ray_no_batches_yields_nothing(ray_local: Any) -> None:
    with make_executor("ray", workers=2) as executor:
        assert list(executor.map_batches(Tag(), [])) == []


def test_ray_missing_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.executors.ray import RayExecutor

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails as if not installed
    executor = RayExecutor(workers=2)
    with pytest.raises(UsageError, match=r"pip install 'newsdesk\[ray\]'"):
        list(executor.map_batches(Tag(), [["x"]]))


class _Cluster:
    def __init__(self, gpus: int) -> None:
        self.gpus = gpus

    def cluster_resources(self) -> dict[str, float]:
        return {"CPU": 16.0, "GPU": float(self.gpus)} if self.gpus else {"CPU": 16.0}


class Embed(Tag):
    name = "embed+annotate"


def test_ray_embedding_stage_gets_a_gpu_per_actor_only_where_the_cluster_has_them() -> None:
    from newsdesk.executors.ray import RayExecutor

    executor = RayExecutor(workers=4)
    assert executor._pool(Embed(), _Cluster(gpus=2)) == (2, {"num_gpus": 1})
    assert executor._pool(Embed(), _Cluster(gpus=0)) == (4, {"num_cpus": 1})
    assert executor._pool(Tag(), _Cluster(gpus=2)) == (4, {"num_cpus": 1})
