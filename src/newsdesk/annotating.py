"""``newsdesk annotate``: read entities, quotes, dates and events in files, storing nothing.

Files go through the stages ``read → clean → annotate`` in batches, through an
executor (``--workers``): models load once per worker. A JSON Lines file gives one result per
record (carrying its ``id``; its own ``published`` wins over ``--published``);
any other file gives one result carrying its ``source``. A file that cannot be
used gives ``{"source", "error"}`` and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.article import Article
from newsdesk.errors import EmptyInput, InputError, NewsdeskError
from newsdesk.faults import describe
from newsdesk.ingest import read_bytes
from newsdesk.serialize import annotations_json
from newsdesk.settings import Settings
from newsdesk.stages.batches import apply_overrides

if TYPE_CHECKING:
    from newsdesk.executors import Executor

__all__ = ["AnnotateFilesBatch", "annotate_files"]


def _articles(path: Path, settings: Settings, *, jsonl: bool) -> list[Article]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    found = read_bytes(data, source=str(path), settings=settings)
    if not found:
        raise EmptyInput(f"{path}: no article found")
    return found if jsonl and found[0].format == "jsonl" else found[:1]


def _text(article: Article, *, clean: bool) -> str:
    """The text annotated: cleaned, or as read (``--no-clean``; HTML is read as its text)."""
    if clean:
        return article.text
    return article.raw if article.format in {"text", "jsonl"} else article.text


def annotate_files(
    files: Sequence[Path],
    *,
    settings: Settings,
    published: datetime | None,
    clean: bool,
    jsonl: bool,
    write: Callable[[dict[str, Any]], object],
    executor: Executor | None = None,
) -> bool:
    """Annotate every file (or record); ``write`` each result; True when some failed.

    The stages ``read → clean → annotate`` (:func:`newsdesk.stages.stage_list`) run per
    batch of files through ``executor`` (None: ``settings.workers`` processes); results
    are written in the order of ``files``."""
    from newsdesk.executors import make_executor
    from newsdesk.stages import stage_list

    stage_list("annotate", clean=clean)  # checked before anything runs
    fn = AnnotateFilesBatch(settings=settings, published=published, clean=clean, jsonl=jsonl)
    own = executor is None
    runner = executor if executor is not None else make_executor("local", workers=settings.workers)
    batches = [list(files[i : i + FILES_PER_BATCH]) for i in range(0, len(files), FILES_PER_BATCH)]
    failed = False
    found: list[dict[str, Any]] = []  # written after every file was read, as before
    try:
        for results in runner.map_batches(fn, batches):
            for unread, lines in results:
                if unread is not None:  # a file that cannot be used: said at once
                    failed = True
                    write(unread)
                found += lines
    finally:
        if own:
            runner.close()
    for line in found:
        failed = failed or "error" in line
        write(line)
    return failed


FILES_PER_BATCH = 8
Result = tuple[dict[str, Any] | None, list[dict[str, Any]]]


class AnnotateFilesBatch:
    """read → clean → annotate for a batch of files; one result list per file, in order.

    Models load once per worker (the first batch); the cross-script name index starts
    each batch empty, so the results do not depend on which worker read which file."""

    name = "annotate-files"

    def __init__(
        self, *, settings: Settings, published: datetime | None, clean: bool, jsonl: bool
    ) -> None:
        self.settings, self.published, self.clean, self.jsonl = settings, published, clean, jsonl
        self._annotator: Any = None
        self._cleaner: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("settings", "published", "clean", "jsonl")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._annotator = self._cleaner = None

    def setup(self) -> None:
        from newsdesk.annotate.annotator import Annotator
        from newsdesk.clean import TextCleaner

        self._cleaner = TextCleaner.from_settings(self.settings)
        self._annotator = Annotator(
            chunk_chars=self.settings.annotate_chunk_chars,
            max_chars=self.settings.annotate_max_chars,
        )

    def __call__(self, batch: list[Path]) -> list[Result]:
        """Per file: (why it cannot be used, or None; its result lines)."""
        if self._annotator is None:
            self.setup()
        self._annotator._pack = None  # the name index starts each batch from nothing
        out: list[Result] = []
        for path in batch:
            try:
                jobs = self._read(path)
            except NewsdeskError as exc:
                out.append(({"source": str(path), "error": str(exc)}, []))
                continue
            except Exception as exc:  # one file's surprise is that file's error
                out.append(({"source": str(path), "error": f"cannot read: {describe(exc)}"}, []))
                continue
            out.append((None, self._annotate(jobs)))
        return out

    def failed(self, path: Path, reason: str) -> Result:
        return ({"source": str(path), "error": f"cannot annotate: {reason}"}, [])

    def _read(self, path: Path) -> list[tuple[dict[str, Any], Article]]:

        jobs: list[tuple[dict[str, Any], Article]] = []
        for article in _articles(path, self.settings, jsonl=self.jsonl):
            if article.published is None:
                apply_overrides(article, published=self.published)
            if self.clean:
                self._cleaner.clean(article)
            record = article.extras.get("record_id")
            label = {"id": record} if article.format == "jsonl" and self.jsonl else {}
            jobs.append((label or {"source": str(path)}, article))
        return jobs

    def _annotate(self, jobs: list[tuple[dict[str, Any], Article]]) -> list[dict[str, Any]]:
        from newsdesk.clean.language import detect_language

        clean = self.clean
        texts = [_text(article, clean=clean) for _, article in jobs]
        when = [article.published for _, article in jobs]
        langs = [
            article.language if clean else detect_language(text, prior=article.language)
            for (_, article), text in zip(jobs, texts, strict=True)
        ]
        annotator = self._annotator
        try:
            found_all: list[Any] = list(annotator.annotate_texts(texts, when, langs))
        except Exception:  # one text spoils the batch: each is read on its own below
            found_all = [None] * len(jobs)
        lines: list[dict[str, Any]] = []
        for i, (label, article) in enumerate(jobs):
            found = found_all[i]
            if found is None:
                try:
                    (found,) = annotator.annotate_texts([texts[i]], [when[i]], [langs[i]])
                except Exception as exc:  # that one is reported; the others go on
                    lines.append({**label, "error": f"cannot annotate: {describe(exc)}"})
                    continue
            day = article.published.isoformat() if article.published else None
            lines.append({**label, "published": day, "text": texts[i], **annotations_json(found)})
        return lines
