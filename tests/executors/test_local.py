"""The local executor: a real spawn pool of two workers, against the executor contract."""

from __future__ import annotations

import os

from helpers.pipeline_models import Double, Tag
from newsdesk.executors import make_executor
from newsdesk.executors.local import LocalExecutor


def test_local_two_workers_keep_the_input_order_and_set_up_once_each() -> None:
    batches = [[n, n + 1] for n in range(0, 40, 2)]
    with LocalExecutor(workers=2) as pool:
        out = [item for batch in pool.map_batches(Tag(), batches) for item in batch]
    assert [item for item, _, _ in out] == list(range(40))  # in order, none lost
    pids = {pid for _, pid, _ in out}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2  # in the workers, not here
    assert {setups for _, _, setups in out} == {1}  # each worker set the function up once


def test_local_chained_map_batches_share_the_pool() -> None:
    with LocalExecutor(workers=2, ahead=2) as pool:
        tagged = pool.map_batches(Tag(), ([n] for n in range(12)))
        doubled = pool.map_batches(Double(), tagged)
        out = [pair for batch in doubled for pair in batch]
    assert [double for _, double in out] == [2 * n for n in range(12)]


def test_local_one_worker_runs_in_this_process() -> None:
    executor = make_executor("local", workers=1)
    out = [item for batch in executor.map_batches(Tag(), [[1], [2]]) for item in batch]
    executor.close()
    assert [pid for _, pid, _ in out] == [os.getpid()] * 2


def test_local_a_worker_that_dies_costs_only_its_item() -> None:
    from helpers.pipeline_models import Crashy

    batches = [["a", "b"], ["crash", "c"], ["d"], ["e", "f"]]
    with LocalExecutor(workers=2) as pool:
        out = list(pool.map_batches(Crashy(), batches))
    assert out[0] == ["A", "B"] and out[2:] == [["D"], ["E", "F"]]
    (kind, item, reason), rest = out[1][0], out[1][1:]
    assert (kind, item, rest) == ("failed", "crash", ["C"])
    assert "died" in reason
