"""Global stages' warm-ups: what a stage loads on first use is loaded in a background
thread while the workers start (the parent waits on the fork server meanwhile), never
twice, and never when no pool starts; what the stages compute is the same either way."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Any

from newsdesk.executors import InlineExecutor
from newsdesk.pipeline import StageList, StageSpec, WarmUp, run_stages


class _Counting:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def load(self) -> None:
        self.calls.append(threading.current_thread().name)


class _Warmed:
    """A global stage with a warm-up: adds the number of loads seen at its first call."""

    def __init__(self, counting: _Counting) -> None:
        self.counting = counting
        self.warm = WarmUp(counting.load)
        self.seen: list[int] = []

    def __call__(self, batch: list[Any]) -> list[Any]:
        self.warm.wait()
        self.seen.append(len(self.counting.calls))
        return [item + 1 for item in batch]


class _Starting(InlineExecutor):
    """An in-process executor that says it started workers (as a fork server would)."""

    def __init__(self, starts: bool) -> None:
        super().__init__()
        self.starts = starts

    def start(self) -> bool:
        return self.starts

    def map_batches(self, fn: Any, batches: Iterable[list[Any]]) -> Iterator[list[Any]]:
        yield from super().map_batches(fn, batches)


def _stages(stage: _Warmed) -> StageList:
    spec = StageSpec("plus", "global", frozenset(), frozenset({"plus"}), "", lambda ctx: stage)
    return StageList([spec])


def test_warm_up_runs_once_in_the_background_when_a_pool_starts() -> None:
    counting = _Counting()
    stage = _Warmed(counting)
    executor = _Starting(starts=True)
    out = list(run_stages(_stages(stage), None, [[1, 2], [3]], executor, start=True))
    assert out == [[2, 3], [4]]  # the stage's results, as without a warm-up
    assert counting.calls == ["warm-up"]  # loaded once, by the runner's thread
    assert stage.seen == [1, 1]  # the first call waited for it


def test_warm_up_does_not_run_without_a_pool_start() -> None:
    for executor, start in ((_Starting(starts=False), True), (_Starting(starts=True), False)):
        counting = _Counting()
        stage = _Warmed(counting)
        out = list(run_stages(_stages(stage), None, [[1]], executor, start=start))
        assert out == [[2]]
        assert counting.calls == []  # the stage loads on first use, as before


def test_warm_up_after_the_first_use_loads_nothing() -> None:
    counting = _Counting()
    warm = WarmUp(counting.load)
    warm.wait()  # the stage came first: it loads what it needs itself
    warm.run()
    assert counting.calls == []


def test_warm_up_that_raises_is_left_to_the_first_use() -> None:
    def broken() -> None:
        raise OSError("model file missing")

    warm = WarmUp(broken)
    warm.run()  # no error here: the stage's own load says what failed
    warm.wait()
    assert warm.state == "loaded"


def test_warm_up_first_use_waits_for_a_load_under_way() -> None:
    started, release = threading.Event(), threading.Event()
    done: list[str] = []

    def slow() -> None:
        started.set()
        release.wait(5)
        done.append("loaded")

    warm = WarmUp(slow)
    thread = threading.Thread(target=warm.run)
    thread.start()
    started.wait(5)
    waiter = threading.Thread(target=lambda: (warm.wait(), done.append("used")))
    waiter.start()
    release.set()
    waiter.join(5)
    thread.join(5)
    assert done == ["loaded", "used"]


def _fresh_python(code: str) -> str:
    """``code``'s stdout, run in a fresh interpreter (no model loaded by another test)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_outlet_warm_up_leaves_the_language_model_to_the_article_that_needs_it() -> None:
    """The parent's outlet stage warms its imports only: py3langid's model (half a CPU
    second) is loaded by the first article read as a language its outlet does not publish
    in, not by every run."""
    code = (
        "from newsdesk.stages.parent import _outlet_loads\n"
        "from newsdesk.lang import detect\n"
        "_outlet_loads()\n"
        "print(detect._identifier.cache_info().currsize)\n"
        "print(detect.with_outlet_prior('日韓首脳会談奈良開催経済安保連携確認中国情勢協議', 'zh', ['ja']))\n"
        "print(detect._identifier.cache_info().currsize > 0)\n"
    )
    assert _fresh_python(code).splitlines() == ["0", "ja", "True"]


def test_language_readers_share_one_model_per_process() -> None:
    """The Latin code page check (classify_language) reads with the model detection loaded,
    never a second copy of it (each copy: half a CPU second to load)."""
    code = (
        "from py3langid.langid import LanguageIdentifier\n"
        "loads = []\n"
        "load = LanguageIdentifier.from_model_file.__func__\n"
        "def counted(cls, *args, **kwargs):\n"
        "    loads.append(args[0])\n"
        "    return load(cls, *args, **kwargs)\n"
        "LanguageIdentifier.from_model_file = classmethod(counted)\n"
        "from newsdesk.clean.language import classify_language, detect_language\n"
        "print(detect_language('The two leaders met in Nara on Tuesday to discuss trade.'))\n"
        "print(classify_language('Le conseil municipal a vote le budget du port mardi soir.')[0])\n"
        "print(len(loads))\n"
    )
    assert _fresh_python(code).splitlines() == ["en", "fr", "1"]
