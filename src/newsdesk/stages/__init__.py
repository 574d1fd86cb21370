"""The declared stage list: what ``ingest``, ``run``, ``clean``, ``annotate`` and
``recluster`` run, in order, each saying what it needs and what it fills.

Per-article stages (``kind="article"``) are pure over a batch: they run wherever
the executor puts them (this process, a local process pool, Ray actors), packaged
as the batch functions :class:`ReadCleanBatch` and :class:`EnrichBatch`. Global
stages (``kind="global"``) see every article in order and run in the parent: the
outlet registry and rules (they read the store), the copy index, the store writer
(one transaction per source) and story assignment.

A command runs a subset of :data:`STAGES` (:func:`stage_list`); the subset is
checked at construction (:class:`newsdesk.pipeline.StageList`) so a list in the
wrong order fails before any article flows.
"""

from __future__ import annotations

from newsdesk.pipeline import StageList, StageSpec
from newsdesk.stages.batches import EnrichBatch, Models, ReadCleanBatch, SourceJob, Work

__all__ = [
    "STAGES",
    "EnrichBatch",
    "Models",
    "ReadCleanBatch",
    "SourceJob",
    "Work",
    "stage_list",
]


def _spec(name: str, kind: str, requires: set[str], assigns: set[str], doc: str) -> StageSpec:
    return StageSpec(name, kind, frozenset(requires), frozenset(assigns), doc)  # type: ignore[arg-type]


STAGES: tuple[StageSpec, ...] = (
    _spec("read", "article", set(), {"source", "format", "raw"},
          "files read and parsed (HTML extracted) where the executor runs; URLs and the "
          "live desk's feeds are read in the parent"),
    _spec("clean", "article", {"raw"},
          {"text", "title", "author", "site", "removed", "flags", "language", "published"},
          "TextCleaner: debris removed, metadata, language, date; empty text dropped"),
    _spec("quality", "article", {"text", "title"}, {"news"},
          "the 'not news' gate (newsdesk.clean.quality): dropped as 'not news: <reason>' "
          "unless NEWSDESK_KEEP_NOT_NEWS"),
    _spec("ids", "article", {"text", "news"}, {"id"},
          "stable id from the URL or the cleaned text"),
    _spec("outlets", "global", {"text"}, {"outlet"},
          "outlet registry (reads the store): outlet, carrier, language prior"),
    _spec("rules", "global", {"outlet"}, {"marks"}, "mute/keep rules (read the store): marks"),
    _spec("known", "global", {"id"}, {"known"},
          "ids already stored: duplicates, no embedding or annotation work"),
    _spec("embed", "article", {"id", "text", "outlet", "language"}, {"features"},
          "story features: title+lead embedding, terms, entities"),
    _spec("annotate", "article", {"text", "language"}, {"annotations"},
          "entities, quotes, dates, events (spaCy nlp.pipe per batch; language packs)"),
    _spec("copies", "global", {"id", "text", "published"}, {"copy_of"},
          "copy index (MinHash): copy links, relinks when an earlier original arrives"),
    _spec("store", "global", {"id", "copy_of"}, {"stored"},
          "the store writer: one transaction per source; failures marked"),
    _spec("stories", "global", {"stored", "features"}, {"story_id"},
          "story assignment at points fixed by the store's contents (resumable)"),
    _spec("save_annotations", "global", {"stored", "annotations"}, {"annotated"},
          "annotations written at the same points; failures marked and retried"),
)  # fmt: skip

# what each command runs, by stage name (a subset of STAGES, in its order)
COMMANDS: dict[str, tuple[str, ...]] = {
    "ingest": tuple(s.name for s in STAGES),
    "run": tuple(s.name for s in STAGES),
    "clean": ("read", "clean"),  # shows what cleaning did: no gate, nothing dropped
    "annotate": ("read", "clean", "annotate"),
    "recluster": ("stories",),
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
    return StageList([by_name[n] for n in names], given=given)
