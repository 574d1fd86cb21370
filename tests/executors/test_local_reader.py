"""The local executor's reader: while the fork server preloads, a spawned process runs the
light batches (reading, cleaning); results keep the input order, a page that kills the
reader is run again by the workers (and marked failed if it kills one too), and an ingest
whose first pages the reader read stores what an in-process ingest stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from newsdesk.executors.local import _Dispatch, _up

TESTS = Path(__file__).resolve().parents[1]


class FakePool:
    """One process as the dispatch sees it: calls submitted, finished by the test."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls: list[tuple[Any, tuple[Any, ...], Future[Any]]] = []
        self.shut = False

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.calls.append((fn, args, future))
        return future

    def up(self) -> None:
        (future,) = [f for fn, _, f in self.calls if fn is _up]
        future.set_result(True)

    def batches(self) -> list[list[Any]]:
        return [args[2] for fn, args, f in self.calls if fn is not _up and not f.done()]

    def finish(self) -> None:
        _, args, future = next(c for c in self.calls if c[0] is not _up and not c[2].done())
        future.set_result([f"{item}@{self.name}" for item in args[2]])

    def die(self) -> None:
        *_, future = next(c for c in self.calls if c[0] is not _up and not c[2].done())
        future.set_exception(BrokenProcessPool("killed"))

    def shutdown(self, **_: Any) -> None:
        self.shut = True


def _started() -> tuple[_Dispatch, list[FakePool], FakePool]:
    pools: list[FakePool] = []

    def make() -> FakePool:
        pools.append(FakePool(f"w{len(pools)}"))
        return pools[-1]

    reader = FakePool("reader")
    dispatch = _Dispatch(2, make)
    dispatch.start(lambda: reader).join()
    return dispatch, pools, reader


def _submit(dispatch: _Dispatch, items: list[str], light: bool) -> Future[Any]:
    return dispatch.submit("t", b"", items, frozenset(), light)


def test_local_reader_runs_light_batches_until_a_worker_is_up() -> None:
    dispatch, pools, reader = _started()
    read = [_submit(dispatch, [f"r{n}"], True) for n in range(3)]
    heavy = _submit(dispatch, ["a0"], False)
    assert reader.batches() == [] and [p.batches() for p in pools] == [[], []]  # none up yet
    reader.up()
    assert reader.batches() == [["r0"]]  # one at a time; the heavy batch waits for a worker
    reader.finish()
    assert read[0].result() == ["r0@reader"] and reader.batches() == [["r1"]]
    pools[0].up()  # a worker is up: the reader takes no more, and is shut once it has none
    assert pools[0].batches() == [["r2"]] and not heavy.done()
    reader.finish()
    assert read[1].result() == ["r1@reader"] and not reader.shut
    dispatch.shut_broken()  # by the executor's thread, as it takes a result
    assert reader.shut and reader.batches() == []
    pools[1].up()
    assert pools[1].batches() == [["a0"]]


def test_local_reader_that_dies_is_not_replaced_and_its_batch_fails_over() -> None:
    dispatch, pools, reader = _started()
    reader.up()
    first = _submit(dispatch, ["crash"], True)
    second = _submit(dispatch, ["r1"], True)
    reader.die()
    assert isinstance(first.exception(), BrokenProcessPool)  # the executor retries it
    assert reader.batches() == [] and len([c for c in reader.calls if c[0] is not _up]) == 1
    pools[0].up()
    assert pools[0].batches() == [["r1"]] and not second.done()


def test_local_reader_that_cannot_start_leaves_every_batch_to_the_workers() -> None:
    dispatch, pools, reader = _started()
    (up,) = [f for fn, _, f in reader.calls if fn is _up]
    up.set_exception(BrokenProcessPool("its initialiser raised"))
    light = _submit(dispatch, ["r0"], True)
    assert reader.batches() == [] and not light.done()
    dispatch.shut_broken()
    assert reader.shut
    pools[1].up()
    assert pools[1].batches() == [["r0"]]


def _script(code: str, tmp_path: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), *sys.path]),
               ND_TEST_HOLD=str(tmp_path / "go"))  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=False, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


ORDER = """
import json, os
from pathlib import Path
from executors.light import Where
from helpers.pipeline_models import Tag
from newsdesk.executors.local import LocalExecutor

marker = Path(os.environ["ND_TEST_HOLD"])

def let_go(stream):  # the fork server goes on once the first light batch came back
    for batch in stream:
        yield batch
        marker.touch()

with LocalExecutor(workers=2) as pool:
    pool.preload(["executors.hold"])
    assert pool.start()
    where = pool.map_batches(Where(), ([n, n + 1] for n in range(0, 24, 2)))
    rows = [row for batch in pool.map_batches(Tag(), let_go(where)) for row in batch]
print(json.dumps({"me": os.getpid(), "rows": rows}))
"""


def test_local_reader_light_batches_first_in_order_heavy_ones_in_the_workers(
    tmp_path: Path,
) -> None:
    """Chained maps (a light one feeding a heavy one): the first light batch is run by the
    reader (spawned by this process, not forked by the server), every heavy batch by a
    forked worker, and every item comes back once, in input order."""
    out = _script(ORDER, tmp_path)
    me, rows = out["me"], out["rows"]
    assert [where[0] for where, _, _ in rows] == list(range(24))
    (_, reader, parent), _, _ = rows[0]
    assert parent == me and reader != me  # the reader: spawned by the executor's process
    assert {pid for _, pid, _ in rows}.isdisjoint({me, reader})  # heavy: only in workers


CRASH = """
import json, os
from executors.light import Crashy
from newsdesk.executors.local import LocalExecutor

with LocalExecutor(workers=2) as pool:
    pool.preload(["executors.hold"])
    assert pool.start()
    out = list(pool.map_batches(Crashy(), [["a", "b"], ["crash", "c"], ["d"], ["e", "f"]]))
print(json.dumps(out))
"""


def test_local_reader_a_page_that_kills_the_reader_is_marked_and_the_rest_goes_on(
    tmp_path: Path,
) -> None:
    """The reader dies on an item (the held server goes on only then, so the reader ran
    it): the workers run that batch again item by item; the item kills a worker too and is
    marked failed, the others come back, in order."""
    out = _script(CRASH, tmp_path)
    assert out[0] == ["A", "B"] and out[2:] == [["D"], ["E", "F"]]
    (kind, item, reason), rest = out[1][0], out[1][1:]
    assert (kind, item, rest) == ("failed", "crash", ["C"])
    assert "died" in reason


INGEST = """
import json, os, sys, threading, time
from pathlib import Path
from executors import fakes
from helpers.stories import record
from newsdesk.executors import InlineExecutor
from newsdesk.executors.local import LocalExecutor
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.stages import Models
from newsdesk.store import SqliteStore

folder, marker = Path(sys.argv[1]), Path(os.environ["ND_TEST_HOLD"])
folder.mkdir()
events, outlets = ("quake", "strike"), ("Wire", "Ledger", "Post")
for k in range(24):
    rec = record(f"p{k}", events[k % 2], k, k % 3, outlets[k % 3])
    page = fakes._page(rec["title"], rec["text"], rec["outlet"])
    (folder / f"{k:02d}.html").write_text(page, encoding="utf-8")
models = Models(featurize=fakes.featurize, annotate=fakes.annotate)

def run(name, executor):
    settings = Settings(db=folder.parent / f"{name}.db", workers=2)
    with SqliteStore(settings.db) as store:
        report = ingest([str(folder)], store, settings=settings, executor=executor,
                        models=models)
        return report.ingested, fakes.state(store)

seen = []
def let_go(executor):  # once a read batch came back (a heavy batch waits): the server goes on
    until = time.monotonic() + 120
    while time.monotonic() < until:
        dispatch = executor._pool
        if dispatch is not None:
            with dispatch.lock:
                heavy = any(not t.light for t in dispatch.waiting)
            if heavy:
                seen.append(True)
                break
        time.sleep(0.02)
    marker.touch()

inline = run("inline", InlineExecutor())
executor = LocalExecutor(workers=2)
executor.preload(["executors.hold"])
threading.Thread(target=let_go, args=(executor,), daemon=True).start()
try:
    local = run("local", executor)
finally:
    executor.close()
print(json.dumps({"inline": inline, "local": local, "read_first": bool(seen)}))
"""


def test_local_reader_ingest_read_first_by_the_reader_stores_what_inline_stores(
    tmp_path: Path,
) -> None:
    """24 HTML pages (more than one batch: the executor starts its server, and its reader,
    at once), the server held until a read batch came back from the reader: the store has
    the same ids, copies, annotations and stories as an in-process ingest's."""
    code = INGEST.replace("Path(sys.argv[1])", f"Path({str(tmp_path / 'pages')!r})")
    out = _script(code, tmp_path)
    assert out["read_first"]
    assert out["local"][0] == out["inline"][0] > 0
    assert out["local"][1] == out["inline"][1]
