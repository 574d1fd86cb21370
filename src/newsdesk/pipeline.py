"""The stage declarations, the runner every command uses, and the drop counter.

:class:`StageSpec` and :class:`StageList` are the declarations the commands run
(``newsdesk.stages.STAGES``): each stage is per-article (pure over a batch, run by
an executor) or global (in the parent, in order); each declares which fields it
``requires`` and which it ``assigns``, and the list is checked before any article
flows, so a list in the wrong order fails at once with a clear message rather than
halfway through. A stage that drops an article says why (:class:`Drops` counts the
reasons) instead of swallowing it silently. Each spec carries its implementation (``make``), and
:func:`run_stages` is the one runner every command uses: consecutive per-article
stages composed into one batch function (:class:`Composed`, set up once per worker),
global stages run here between them, batch by batch, in order.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from newsdesk.article import Article
from newsdesk.errors import UsageError

if TYPE_CHECKING:
    from newsdesk.executors.base import Executor

__all__ = [
    "Composed",
    "Drops",
    "StageList",
    "StageSpec",
    "WarmUp",
    "run_stages",
]


@dataclass(slots=True)
class Drops:
    """Why articles were dropped, counted per reason."""

    reasons: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def drop(self, article: Article, reason: str) -> None:
        self.reasons[reason] += 1
        self.examples.setdefault(reason, [])
        if len(self.examples[reason]) < 5:
            self.examples[reason].append(article.source)


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One declared stage: per-article (``article``, run by an executor) or ``global``."""

    name: str
    kind: Literal["article", "global"]
    requires: frozenset[str]
    assigns: frozenset[str]
    doc: str = ""
    # the implementation, built for one run from that run's context (settings, store, ...):
    # per-article: a picklable callable over a batch (optional ``setup()``, ``failed(item,
    # reason)``); global: a callable over each batch in order, in the parent (optional
    # ``open()``, ``close()``, and ``per_source = True`` to be called one item at a time)
    make: Callable[[Any], Any] | None = field(default=None, compare=False, repr=False)


class StageList:
    """Declared stages in order, checked once: each one's needs filled by an earlier one."""

    def __init__(self, stages: Sequence[StageSpec], *, given: frozenset[str] = frozenset()) -> None:
        available = set(given)
        for stage in stages:
            if stage.kind not in ("article", "global"):
                raise UsageError(f"stage {stage.name}: kind {stage.kind!r} is not article/global")
            missing = stage.requires - available
            if missing:
                raise UsageError(
                    f"stage {stage.name} needs {sorted(missing)}, which no earlier "
                    "stage assigns; put the stage that fills them first"
                )
            available |= stage.assigns
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def runs(self, name: str) -> bool:
        return name in self.names

    def per_article(self) -> list[str]:
        return [s.name for s in self.stages if s.kind == "article"]

    def describe(self) -> list[dict[str, object]]:
        """The list as data (``newsdesk stages --json``, docs)."""
        return [
            {"name": s.name, "kind": s.kind, "requires": sorted(s.requires),
             "assigns": sorted(s.assigns), "doc": s.doc}
            for s in self.stages
        ]  # fmt: skip


class Composed:
    """Consecutive per-article stages as one batch function (``newsdesk.executors.BatchFn``).

    Picklable when its stages are; ``setup()`` sets each stage up once per worker; a batch
    goes through the stages in order; ``failed(item, reason)`` (a worker died on the item)
    asks each stage that can say what that means for the item, in order."""

    def __init__(self, stages: Sequence[tuple[str, Any]]) -> None:
        self.stages = list(stages)
        self.name = "+".join(name for name, _ in self.stages)

    def setup(self) -> None:
        for _, stage in self.stages:
            setup = getattr(stage, "setup", None)
            if setup is not None:
                setup()

    def __call__(self, batch: list[Any]) -> list[Any]:
        for _, stage in self.stages:
            batch = stage(batch)
        return batch

    def failed(self, item: Any, reason: str) -> Any:
        for _, stage in self.stages:
            failed = getattr(stage, "failed", None)
            if failed is not None:
                item = failed(item, reason)
        return item

    def needs(self, batch: list[Any]) -> set[str]:
        """What a worker loads on demand for ``batch`` (each stage's ``needs(batch)``: a
        language pack's models): the local executor hands the batch to a worker that has it."""
        found: set[str] = set()
        for _, stage in self.stages:
            needs = getattr(stage, "needs", None)
            if needs is not None:
                found |= set(needs(batch))
        return found

    def preload(self) -> list[str]:
        """The modules that load the stages' models (each stage's ``preload()``), in order."""
        names: list[str] = []
        for _, stage in self.stages:
            preload = getattr(stage, "preload", None)
            for name in preload() if preload is not None else ():
                if name not in names:
                    names.append(name)
        return names


class WarmUp:
    """What a global stage loads on its first use (a model, data tables, imports), loaded
    ahead when there is a core to spare: :func:`run_stages` calls :meth:`run` of each global
    stage's ``warm`` in a background thread while the executor's workers start (the fork
    server's preload leaves this process waiting, a core idle); the stage calls :meth:`wait`
    before its first use, which waits for a load under way and otherwise stops a later one
    (the stage then loads what it needs as before, on first use). Loads only: what the stage
    computes is the same either way. A load that raises is left to the first use."""

    def __init__(self, load: Callable[[], object]) -> None:
        self.load = load
        self.lock = threading.Lock()
        self.state = "new"  # "loaded" (by run), "skipped" (the stage came first)

    def run(self) -> None:
        with self.lock:
            if self.state != "new":
                return
            self.state = "loaded"
            with contextlib.suppress(Exception):  # the stage's first use loads it, and says
                self.load()  # what failed

    def wait(self) -> None:
        with self.lock:  # held by run() while it loads
            if self.state == "new":
                self.state = "skipped"


def _warm(loads: list[WarmUp]) -> None:
    for load in loads:
        load.run()


class _After:
    """The caller's callback, run for each item once every stage is done with it."""

    per_source = True

    def __init__(self, fn: Callable[[Any], object]) -> None:
        self.fn = fn

    def __call__(self, batch: list[Any]) -> list[Any]:
        for item in batch:
            self.fn(item)
        return batch


def _in_parent(stages: list[Any], batch: list[Any]) -> list[Any]:
    """Global stages over one batch: a stage marked ``per_source`` is called one item at a
    time, consecutive ones interleaved (item 1 through all of them, then item 2)."""
    i = 0
    while i < len(stages):
        if getattr(stages[i], "per_source", False):
            j = i
            while j < len(stages) and getattr(stages[j], "per_source", False):
                j += 1
            for item in batch:
                for stage in stages[i:j]:
                    stage([item])
            i = j
        else:
            batch = stages[i](batch)
            i += 1
    return batch


def run_stages(
    stages: StageList,
    context: Any,
    batches: Iterable[list[Any]],
    executor: Executor,
    *,
    after: Callable[[Any], object] | None = None,
    start: bool = False,
    release: bool = False,
) -> Iterator[list[Any]]:
    """Run ``stages`` over ``batches``, yielding each batch as the last stage leaves it
    (in input order): each stage's implementation is built from ``context``
    (``StageSpec.make``); consecutive per-article stages run as one :class:`Composed`
    batch function through ``executor``, global stages here, in batch order, between
    them. ``after(item)`` is called for each item once the last stage is done with it.

    The per-article stages are built first (from the settings and models alone: they do
    not read the store). An executor with ``preload(modules)`` is then told which modules
    load their models (each stage's ``preload()``), so it can load them once before its
    workers start; with ``start`` (the caller knows the input fills more than one batch)
    an executor with ``start()`` starts its workers now, while the global stages are built
    and opened here (``open()``: a resumed run finishes what the stopped one had due).
    Global stages are closed (``close()``) in order after the last batch; with ``release``
    (a caller that closes the executor after the run) an executor with ``release()`` lets
    its workers go first, so their exit overlaps the closes."""
    built, warming = _build(stages, context, executor, start=start)
    stream: Iterable[list[Any]] = batches
    for kind, group in _segments(stages, built, after):
        if kind == "article":
            stream = executor.map_batches(Composed(group), stream)
        else:
            stream = _parent(group, stream)
    yield from stream
    let_go = getattr(executor, "release", None) if release else None
    if let_go is not None:
        let_go()
    if warming is not None:
        warming.join()
    for spec in stages.stages:
        if spec.kind == "global":
            close = getattr(built[spec.name], "close", None)
            if close is not None:
                close()


_StageFn = Callable[[list[Any]], list[Any]]  # a stage's implementation: a batch in, a batch out


def _build(
    stages: StageList, context: Any, executor: Executor, *, start: bool
) -> tuple[dict[str, _StageFn], threading.Thread | None]:
    """Each stage's implementation by name: the per-article ones first, then the executor's
    ``preload`` and (with ``start``) ``start``, then the global ones, built and opened.
    When ``start`` started workers (``start()`` says so: a fork server preloading), the
    global stages' warm-ups (:class:`WarmUp`, a stage's ``warm``) run in a background
    thread meanwhile; that thread is returned."""
    built: dict[str, _StageFn] = {}
    for spec in stages.stages:
        if spec.kind == "article":
            built[spec.name] = _make(spec, context)
    preload = getattr(executor, "preload", None)  # models loaded once, before workers start
    if preload is not None:
        articles = [(s.name, built[s.name]) for s in stages.stages if s.kind == "article"]
        preload(Composed(articles).preload())
    begin = getattr(executor, "start", None)
    starting = bool(begin()) if start and begin is not None else False
    for spec in stages.stages:
        if spec.kind == "global":
            built[spec.name] = _make(spec, context)
    for spec in stages.stages:
        if spec.kind == "global":
            opened = getattr(built[spec.name], "open", None)
            if opened is not None:
                opened()
    # after open(): this thread's imports then never interleave with theirs
    warming = None
    loads = [getattr(built[s.name], "warm", None) for s in stages.stages if s.kind == "global"]
    loads = [load for load in loads if isinstance(load, WarmUp)]
    if starting and loads:
        warming = threading.Thread(target=_warm, args=(loads,), daemon=True, name="warm-up")
        warming.start()
    return built, warming


def _segments(
    stages: StageList, built: dict[str, _StageFn], after: Callable[[Any], object] | None
) -> list[tuple[str, list[tuple[str, Any]]]]:
    """Consecutive stages of one kind grouped, in order; ``after`` last, in the parent."""
    segments: list[tuple[str, list[tuple[str, Any]]]] = []
    for spec in stages.stages:
        if segments and segments[-1][0] == spec.kind:
            segments[-1][1].append((spec.name, built[spec.name]))
        else:
            segments.append((spec.kind, [(spec.name, built[spec.name])]))
    if after is not None:
        if segments and segments[-1][0] == "global":
            segments[-1][1].append(("after", _After(after)))
        else:
            segments.append(("global", [("after", _After(after))]))
    return segments


def _parent(group: list[tuple[str, Any]], stream: Iterable[list[Any]]) -> Iterator[list[Any]]:
    stages = [stage for _, stage in group]
    for batch in stream:
        yield _in_parent(stages, batch)


def _make(spec: StageSpec, context: Any) -> Any:
    if spec.make is None:
        raise UsageError(f"stage {spec.name} has no implementation")
    return spec.make(context)
