"""How the local executor starts its workers: forked from a preloaded server, a small
map in this process, and no worker left behind when the parent is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from executors.fakes import Probe
from newsdesk.executors import make_executor
from newsdesk.executors.local import LocalExecutor

TESTS = Path(__file__).resolve().parents[1]


def test_local_startup_workers_start_with_the_heavy_imports_done() -> None:
    with LocalExecutor(workers=2) as pool:
        out = [row for batch in pool.map_batches(Probe(), [[1], [2], [3]]) for row in batch]
    for _, pid, parent, seen in out:
        assert pid != os.getpid() and parent != os.getpid()  # forked by the server
        assert {"numpy", "spacy", "newsdesk.stages"} <= set(seen["modules"])
        assert "torch" not in seen["modules"]  # spaCy's thinc was kept from importing it
        assert seen["threads"] == "1"


def test_local_startup_what_the_server_loaded_is_out_of_the_workers_collections() -> None:
    with LocalExecutor(workers=2) as pool:
        out = [row for batch in pool.map_batches(Probe(), [[1], [2]]) for row in batch]
    for _, pid, _, seen in out:
        assert pid != os.getpid()
        assert seen["frozen"] > 10_000  # the server's imports: numpy, spaCy, the stages
        assert seen["collecting"]  # the collector, off while the server loaded, is on


def test_local_startup_one_batch_runs_here_more_in_the_pool() -> None:
    executor = make_executor("local", workers=2)
    try:
        one = [row for batch in executor.map_batches(Probe(), [[1, 2]]) for row in batch]
        assert {pid for _, pid, _, _ in one} == {os.getpid()}
        two = [row for batch in executor.map_batches(Probe(), [[1], [2]]) for row in batch]
        assert os.getpid() not in {pid for _, pid, _, _ in two}
        # once the pool runs, a small map uses it too
        again = [row for batch in executor.map_batches(Probe(), [[3]]) for row in batch]
        assert os.getpid() not in {pid for _, pid, _, _ in again}
    finally:
        executor.close()


def test_local_startup_explicit_pool_takes_even_one_batch() -> None:
    with LocalExecutor(workers=2) as pool:
        out = [row for batch in pool.map_batches(Probe(), [[1]]) for row in batch]
    assert out[0][1] != os.getpid()


SCRIPT = """
import sys, time
import pytest

from executors.fakes import Probe
from newsdesk.executors.local import LocalExecutor
pool = LocalExecutor(workers=2)
rows = [r for b in pool.map_batches(Probe(), [[1], [2], [3], [4]]) for r in b]
print(" ".join(str(p) for p in sorted({r[1] for r in rows} | {r[2] for r in rows})), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purpose
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state != "Z"


def test_local_startup_workers_and_server_end_with_a_killed_parent() -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]))
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, env=env,
                            text=True)  # fmt: skip
    try:
        assert proc.stdout is not None
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert pids and all(_alive(p) for p in pids)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 60  # the watch looks every second; a loaded machine is slow
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if _alive(p)]


PRELOAD_SCRIPT = """
import os
from executors.fake_model import Uses
from newsdesk.executors.local import LocalExecutor
fn = Uses()
with LocalExecutor(workers=2) as pool:
    pool.preload(fn.preload())
    rows = [r for b in pool.map_batches(fn, [[1], [2], [3], [4]]) for r in b]
print(os.getpid(), *sorted({r[1] for r in rows}), "|", *sorted({r[2] for r in rows}))
"""


def test_local_startup_models_named_by_the_batch_function_load_once_before_the_fork() -> None:
    """The fork server loads what the run's batch functions name (``preload()``) before it
    forks the workers: both workers find the one copy the server loaded."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]))
    done = subprocess.run([sys.executable, "-c", PRELOAD_SCRIPT], capture_output=True,
                          text=True, env=env, check=True, timeout=300)  # fmt: skip
    parent_and_workers, loaders = done.stdout.split("|")
    parent, *workers = (int(p) for p in parent_and_workers.split())
    (loader,) = (int(p) for p in loaders.split())
    assert workers and parent not in workers
    assert loader not in {parent, *workers}  # the server, before it forked them


START_SCRIPT = """
import os, time
from pathlib import Path
from executors.fake_model import Uses
from newsdesk.executors.local import LocalExecutor
def children():  # this process's fork servers (not its resource tracker)
    me = os.getpid()
    pids = [int(p) for p in Path(f"/proc/{me}/task/{me}/children").read_text().split()]
    return {p for p in pids if b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()}
fn = Uses()
with LocalExecutor(workers=2) as pool:
    pool.preload(fn.preload())
    before = children()
    pool.start()  # returns at once; the server loads while this process goes on
    started = set()
    for _ in range(600):  # its command line is the server's once it has exec'd
        started = children() - before
        if started:
            break
        time.sleep(0.05)
    (server,) = started
    rows = [r for b in pool.map_batches(fn, [[1], [2], [3], [4]]) for r in b]
print(server, *sorted({r[2] for r in rows}))
"""


def test_local_startup_start_launches_the_server_that_then_serves_the_pool() -> None:
    """``start()`` launches the fork server before the first batch (a caller that knows its
    input is large starts it while it sets up the rest); the pool's workers are its forks,
    with the models it loaded."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("reads a process's children through /proc (Linux)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]))
    done = subprocess.run([sys.executable, "-c", START_SCRIPT], capture_output=True,
                          text=True, env=env, check=True, timeout=300)  # fmt: skip
    server, *loaders = (int(p) for p in done.stdout.split())
    assert loaders == [server]
