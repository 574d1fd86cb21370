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


class Double:
    """A second stage: doubles each tagged item's value."""

    name = "double"

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[Any]) -> list[Any]:
        return [(item * 2, os.getpid()) for item, _, _ in batch]


def test_ray_actors_kept_across_calls_each_function_set_up_once(ray_local: Any) -> None:
    tag = Tag()
    with make_executor("ray", workers=2) as executor:
        first = list(executor.map_batches(tag, [[1, 2], [3], [4, 5]]))
        second = list(executor.map_batches(tag, [[6], [7, 8], [9]]))
    seen = [entry for batch in first + second for entry in batch]
    assert [item for item, _, _ in seen] == list(range(1, 10))
    assert {setups for _, _, setups in seen} == {1}  # the second call loaded nothing again
    assert len({pid for _, pid, _ in seen}) <= 2  # the same two actors served both calls


def test_ray_chained_calls_stream_on_the_same_actors(ray_local: Any) -> None:
    taken: list[int] = []

    def batches() -> Any:
        for i in range(30):
            taken.append(i)
            yield [i]

    with make_executor("ray", workers=2) as executor:
        chained = executor.map_batches(Double(), executor.map_batches(Tag(), batches()))
        head = next(chained)
        taken_at_first_result = len(taken)
        rest = list(chained)
    assert [item for batch in [head, *rest] for item, _ in batch] == [2 * i for i in range(30)]
    # the second stage's first result came while the first stage still had input to take
    assert taken_at_first_result < 30
    tag_pids = {pid for batch in [head, *rest] for _, pid in batch}
    assert len(tag_pids) <= 2


class Crash:
    """Kills its actor on ``"kill"``; says what stands for an item it died on."""

    name = "crash"

    def setup(self) -> None:
        pass

    def __call__(self, batch: list[Any]) -> list[Any]:
        if "kill" in batch:
            os._exit(1)
        return [item.upper() for item in batch]

    def failed(self, item: Any, reason: str) -> Any:
        return ("failed", item, reason)


def test_ray_actor_death_costs_only_the_item_that_kills_it(ray_local: Any) -> None:
    batches = [["a"], ["b", "kill", "c"], ["d"], ["e", "f"]]
    with make_executor("ray", workers=2) as executor:
        results = list(executor.map_batches(Crash(), batches))
        after = list(executor.map_batches(Crash(), [["g"]]))  # the pool still works
    assert results[0] == ["A"]
    b, killed, c = results[1]
    assert (b, c) == ("B", "C")
    assert killed[:2] == ("failed", "kill") and "actor died" in killed[2]
    assert results[2:] == [["D"], ["E", "F"]]
    assert after == [["G"]]
