"""The declared stage list: what ``ingest``, ``run``, ``clean``, ``annotate`` and
``recluster`` run, in order, each saying what it needs and what it fills.

Each stage carries its implementation (``StageSpec.make(run)``, built for one run from
an :class:`IngestRun`; the global stages' module is imported when a run builds them, so
a process that only runs per-article stages never imports it). Per-article stages
(``kind="article"``, :mod:`newsdesk.stages.article`) are pure over a batch: they run
wherever the executor puts them (this process, a local process pool, Ray actors),
consecutive ones composed into one batch function. Global stages (``kind="global"``,
:mod:`newsdesk.stages.parent`) see every article in order and run in the parent: the
outlet registry and rules (they read the store), the copy index, the store writer
(one transaction per source) and story assignment. :func:`newsdesk.pipeline.run_stages`
runs a list; a new stage is one entry here plus its implementation.

A command runs a subset of :data:`STAGES` (:func:`stage_list`); the subset is
checked at construction (:class:`newsdesk.pipeline.StageList`) so a list in the
wrong order fails before any article flows.

The names against DESIGN.md's: ``read``, ``clean``, ``ids`` and ``signatures`` are its
own. Its "quality gate", "embedding", "annotation", "copy index", "story assignment" and
"store writer" are ``quality``, ``embed``, ``annotate``, ``copies``, ``stories`` and
``store`` here, and stay so: they are the ``stage`` users see on each failure
(``ingest --json``, ``articles --failed``) and the Ray executor puts a batch function
whose name says ``embed`` on GPU actors. Not named there: ``outlets``, ``rules`` and
``known`` (they read the store) and ``save_annotations`` (the annotation writer; what
fails in it is marked ``annotate``). The copy index runs after embed and annotate, just
before the store writer (it uses nothing they fill): a source's copy links and relinks
go into the transaction that stores it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newsdesk.pipeline import StageList, StageSpec
from newsdesk.stages.article import Annotate, Clean, Embed, Ids, Quality, Read, Signatures
from newsdesk.stages.batches import Models, SourceJob, Work
from newsdesk.stages.files import (
    AnnotateRecords,
    CleanFirst,
    CleanRecords,
    FilesRun,
    FirstArticle,
    ReadRecords,
)

if TYPE_CHECKING:
    from newsdesk.stages.parent import IngestReport, IngestRun

# the global stages (newsdesk.stages.parent) are imported when a run builds them, or when
# one of these names is asked for: a process that only runs per-article stages (a pool
# worker, a Ray actor) never imports them nor the copy index (newsdesk.dedupe.minhash,
# numpy: it makes no process import datasketch or scipy)
_FROM_PARENT = ("IngestReport", "IngestRun")


def __getattr__(name: str) -> Any:
    if name in _FROM_PARENT:
        return getattr(importlib.import_module("newsdesk.stages.parent"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _global(name: str) -> Callable[[Any], Any]:
    """A global stage's implementation, built from ``newsdesk.stages.parent`` when a run
    builds it (the module is imported then, in the parent only)."""

    def make(run: Any) -> Any:
        return getattr(importlib.import_module("newsdesk.stages.parent"), name)(run)

    make.__name__ = make.__qualname__ = name
    return make


__all__ = [
    "BINDINGS",
    "COMMANDS",
    "STAGES",
    "FilesRun",
    "IngestReport",
    "IngestRun",
    "Models",
    "SourceJob",
    "Work",
    "stage_list",
]


def _spec(
    name: str,
    kind: str,
    requires: set[str],
    assigns: set[str],
    doc: str,
    make: Callable[[IngestRun], Any],
) -> StageSpec:
    return StageSpec(name, kind, frozenset(requires), frozenset(assigns), doc, make)  # type: ignore[arg-type]


STAGES: tuple[StageSpec, ...] = (
    _spec("read", "article", set(), {"source", "format", "raw"},
          "files read and parsed (HTML extracted) where the executor runs; URLs and the "
          "live desk's feeds are read in the parent",
          lambda run: Read(run.settings, run.outlet, run.published)),
    _spec("clean", "article", {"raw"},
          {"text", "title", "author", "site", "removed", "flags", "language", "published"},
          "TextCleaner: debris removed, metadata, language, date; empty text dropped",
          lambda run: Clean(run.settings)),
    _spec("quality", "article", {"text", "title"}, {"news"},
          "the 'not news' gate (newsdesk.clean.quality): dropped as 'not news: <reason>' "
          "unless NEWSDESK_KEEP_NOT_NEWS", lambda run: Quality(run.settings)),
    _spec("ids", "article", {"text", "news"}, {"id"},
          "stable id from the URL or the cleaned text (long texts flagged)",
          lambda run: Ids(run.settings)),
    _spec("signatures", "article", {"text"}, {"signature"},
          "MinHash signature of the cleaned text (numpy, as the copy index "
          "newsdesk.dedupe.minhash makes it; the bytes the store keeps)",
          lambda run: Signatures(run.settings)),
    _spec("outlets", "global", {"text"}, {"outlet"},
          "outlet registry (reads the store): outlet, carrier, language prior",
          _global("Outlets")),
    _spec("rules", "global", {"outlet"}, {"marks"},
          "mute/keep rules (read the store): marks", _global("Rules")),
    _spec("known", "global", {"id"}, {"known"},
          "ids already stored: duplicates, no embedding or annotation work",
          _global("Known")),
    _spec("embed", "article", {"id", "text", "outlet", "language"}, {"features"},
          "story features: title+lead embedding, terms, entities",
          lambda run: Embed(run.settings, run.models, run.threads)),
    _spec("annotate", "article", {"text", "language"}, {"annotations"},
          "entities, quotes, dates, events (spaCy nlp.pipe per batch; language packs)",
          lambda run: Annotate(run.settings, run.models)),
    _spec("copies", "global", {"id", "text", "published", "signature"}, {"copy_of"},
          "copy index (MinHash LSH over the signatures): copy links, relinks when an "
          "earlier original arrives",
          _global("Copies")),
    _spec("store", "global", {"id", "copy_of"}, {"stored"},
          "the store writer: one transaction per source; failures marked",
          _global("StoreWriter")),
    _spec("stories", "global", {"stored", "features"}, {"story_id"},
          "story assignment at points fixed by the store's contents (resumable)",
          _global("Stories")),
    _spec("save_annotations", "global", {"stored", "annotations"}, {"annotated"},
          "annotations written at the same points; failures marked and retried",
          _global("SaveAnnotations")),
    _spec("readings", "global", {"stored"}, {"read_ahead"},
          "the brief's story readings of the run's newest days, computed ahead and kept",
          lambda run: importlib.import_module("newsdesk.stages.readings").ReadAhead(run)),
)  # fmt: skip

# what each command runs, by stage name (a subset of STAGES, in its order)
COMMANDS: dict[str, tuple[str, ...]] = {
    "ingest": tuple(s.name for s in STAGES),
    "run": tuple(s.name for s in STAGES),
    "clean": ("read", "clean"),  # shows what cleaning did: no gate, nothing dropped
    "annotate": ("read", "clean", "annotate"),
    "recluster": ("stories",),
}


# a command whose items are not sources on their way to the store binds its own
# implementation of a declared stage (same name, needs and fills): ``clean`` and
# ``annotate`` work on files and store nothing; ``recluster`` rebuilds every story
BINDINGS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "clean": {
        "read": lambda run: FirstArticle(run.settings),
        "clean": lambda run: CleanFirst(run.settings),
    },
    "annotate": {
        "read": lambda run: ReadRecords(run.settings, run.published, run.jsonl),
        "clean": lambda run: CleanRecords(run.settings),
        "annotate": lambda run: AnnotateRecords(run.settings, run.clean),
    },
    "recluster": {"stories": _global("Recluster")},
}


def stage_list(
    command: str, *, stories: bool = True, annotate: bool = True, clean: bool = True
) -> StageList:
    """The checked stage list ``command`` runs (without stories/annotation when switched off)."""
    names = list(COMMANDS[command])
    if not stories:
        names = [n for n in names if n not in {"embed", "stories"}]
    if not annotate:
        names = [n for n in names if n not in {"annotate", "save_annotations"}]
    if not clean:
        names = [n for n in names if n != "clean"]
    given = {"recluster": frozenset({"stored", "features"})}.get(command, frozenset())
    if command == "annotate" and not clean:
        given = frozenset({"text", "language"})
    by_name = {s.name: s for s in STAGES}
    bound = BINDINGS.get(command, {})
    specs = [replace(by_name[n], make=bound[n]) if n in bound else by_name[n] for n in names]
    return StageList(specs, given=given)
