"""The declared stages as ``newsdesk clean`` and ``newsdesk annotate`` run them: over files.

Those commands store nothing, so their items are :class:`FileJob` (one file named on the
command line) rather than sources on their way to the store, and the ``read``, ``clean``
and ``annotate`` stages are bound to these implementations for them
(:func:`newsdesk.stages.stage_list`); the runner is the same
(:func:`newsdesk.pipeline.run_stages`: the stages composed into one batch function, set
up once per worker). A file that cannot be used carries its error and the rest go on.

- ``clean``: :class:`FirstArticle` → :class:`CleanFirst` (the file's first article,
  cleaned; or the :class:`~newsdesk.errors.NewsdeskError` that made it unusable);
- ``annotate``: :class:`ReadRecords` → :class:`CleanRecords` → :class:`AnnotateRecords`
  (a JSON Lines file gives one result per record, any other file one result); then, in
  the parent and in the order of the files, :class:`RecordNames` joins names across
  scripts with one index for the run (as ingest's ``save_annotations`` does) and makes
  the result lines, so they never depend on the batch size or the worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.article import Annotations, Article
from newsdesk.errors import EmptyInput, InputError, NewsdeskError
from newsdesk.faults import describe
from newsdesk.settings import Settings
from newsdesk.stages.batches import apply_overrides

__all__ = [
    "AnnotateRecords",
    "AnnotatedRecord",
    "CleanFirst",
    "CleanRecords",
    "FileJob",
    "FilesRun",
    "FirstArticle",
    "ReadRecords",
    "Record",
    "RecordNames",
    "read_records",
    "text_of",
]


@dataclass(slots=True)
class Record:
    """annotate: one record of a file, and how its result line names it (``{"id": ...}``
    for a JSON Lines record, else ``{"source": path}``)."""

    label: dict[str, str | None]
    article: Article


@dataclass(slots=True)
class AnnotatedRecord:
    """annotate: one record annotated in a worker, its names not yet joined across scripts
    (:class:`RecordNames` does that in the parent, then makes its result line). Without
    ``annotations`` it is an error line (``error`` says why)."""

    label: dict[str, str | None]
    annotations: Annotations | None = None
    language: str | None = None
    published: str | None = None  # ISO 8601
    text: str = ""  # the text annotated (offsets index it)
    error: str | None = None


@dataclass(slots=True)
class FileJob:
    """One file and what the stages made of it."""

    path: str
    article: Article | None = None  # clean: the file's first article
    error: Any = None  # clean: a NewsdeskError; annotate: the {"source", "error"} line
    records: list[Record] = field(default_factory=list)  # annotate
    lines: list[dict[str, Any]] = field(default_factory=list)  # annotate: the results
    found: list[AnnotatedRecord] = field(default_factory=list)  # annotate, names unjoined


@dataclass(slots=True)
class FilesRun:
    """What the file stages of one ``clean`` or ``annotate`` are built from."""

    settings: Settings
    published: datetime | None = None
    clean: bool = True
    jsonl: bool = False


# -- newsdesk clean ---------------------------------------------------------------------


@dataclass(slots=True)
class FirstArticle:
    """read: the file's first article (FIFOs, devices, loops refused)."""

    settings: Settings

    def __call__(self, batch: list[FileJob]) -> list[FileJob]:
        from newsdesk.ingest import read_path

        for job in batch:
            try:
                articles = read_path(job.path, settings=self.settings)
                if not articles:
                    raise EmptyInput(f"{job.path}: no article found")
                job.article = articles[0]
            except NewsdeskError as exc:
                job.error = exc
        return batch


@dataclass(slots=True)
class _Cleaning:
    """A stage holding a TextCleaner, made once per worker (never pickled)."""

    settings: Settings
    _cleaner: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings, self._cleaner = state["settings"], None

    def setup(self) -> None:
        from newsdesk.clean import TextCleaner

        self._cleaner = TextCleaner.from_settings(self.settings)

    def cleaner(self) -> Any:
        if self._cleaner is None:
            self.setup()
        return self._cleaner


@dataclass(slots=True)
class CleanFirst(_Cleaning):
    """clean: what cleaning did to the first article (no gate, nothing dropped)."""

    def __call__(self, batch: list[FileJob]) -> list[FileJob]:
        cleaner = self.cleaner()
        for job in batch:
            if job.article is not None and job.error is None:
                try:
                    job.article = cleaner.clean(job.article)
                except NewsdeskError as exc:
                    job.article, job.error = None, exc
        return batch

    def failed(self, job: FileJob, reason: str) -> FileJob:
        from newsdesk.errors import MalformedInput

        job.article, job.error = None, MalformedInput(f"{job.path}: {reason}")
        return job


# -- newsdesk annotate ------------------------------------------------------------------


def read_records(path: Path, settings: Settings, *, jsonl: bool) -> list[Article]:
    """A file's articles: every record of a JSON Lines file (``jsonl``), else the first."""
    from newsdesk.ingest import read_bytes

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    found = read_bytes(data, source=str(path), settings=settings)
    if not found:
        raise EmptyInput(f"{path}: no article found")
    return found if jsonl and found[0].format == "jsonl" else found[:1]


def text_of(article: Article, *, clean: bool) -> str:
    """The text annotated: cleaned, or as read (``--no-clean``; HTML is read as its text)."""
    if clean:
        return article.text
    return article.raw if article.format in {"text", "jsonl"} else article.text


def _unusable(job: FileJob, exc: Exception) -> None:
    """One file's error: a NewsdeskError says itself, any other surprise is 'cannot read'."""
    error = str(exc) if isinstance(exc, NewsdeskError) else f"cannot read: {describe(exc)}"
    job.records, job.error = [], {"source": job.path, "error": error}


@dataclass(slots=True)
class ReadRecords:
    """read: the file's records, each labelled (its ``id``, or the file's ``source``);
    ``--published`` dates a record that has no date of its own."""

    settings: Settings
    published: datetime | None = None
    jsonl: bool = False

    def __call__(self, batch: list[FileJob]) -> list[FileJob]:
        for job in batch:
            try:
                for article in read_records(Path(job.path), self.settings, jsonl=self.jsonl):
                    if article.published is None:
                        apply_overrides(article, published=self.published)
                    record = article.extras.get("record_id")
                    label = {"id": record} if article.format == "jsonl" and self.jsonl else {}
                    job.records.append(Record(label or {"source": job.path}, article))
            except Exception as exc:  # one file's surprise is that file's error
                _unusable(job, exc)
        return batch


@dataclass(slots=True)
class CleanRecords(_Cleaning):
    """clean: each record cleaned (left out with ``--no-clean``); a file whose record the
    cleaner raises on is that file's error."""

    def __call__(self, batch: list[FileJob]) -> list[FileJob]:
        cleaner = self.cleaner()
        for job in batch:
            try:
                for record in job.records:
                    cleaner.clean(record.article)
            except Exception as exc:
                _unusable(job, exc)
        return batch


@dataclass(slots=True)
class AnnotateRecords:
    """annotate: entities, quotes, dates, events of each record, as result lines; one
    record whose annotation raises is one error line, the others are annotated.

    The model loads once per worker; names in a pack's language are left as written
    (the full form of a short one): :class:`RecordNames` joins them across scripts in the
    parent, so the results do not depend on which worker read which file, or on where the
    batches were cut."""

    settings: Settings
    clean: bool = True
    _annotator: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "clean": self.clean}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings, self.clean, self._annotator = state["settings"], state["clean"], None

    def setup(self) -> None:
        from newsdesk.annotate.annotator import Annotator

        self._annotator = Annotator(
            chunk_chars=self.settings.annotate_chunk_chars,
            max_chars=self.settings.annotate_max_chars,
            join_names=False,
        )

    def __call__(self, batch: list[FileJob]) -> list[FileJob]:
        if self._annotator is None:
            self.setup()
        for job in batch:
            if job.error is None:
                job.found = self._annotate(job.records)
        return batch

    def failed(self, job: FileJob, reason: str) -> FileJob:
        job.records, job.error = [], {"source": job.path, "error": f"cannot annotate: {reason}"}
        return job

    def _annotate(self, records: list[Record]) -> list[AnnotatedRecord]:
        """Each record annotated (or the error that stopped it), in order."""
        from newsdesk.clean.language import detect_language

        clean = self.clean
        articles = [record.article for record in records]
        texts = [text_of(article, clean=clean) for article in articles]
        when = [article.published for article in articles]
        langs = [
            article.language if clean else detect_language(text, prior=article.language)
            for article, text in zip(articles, texts, strict=True)
        ]
        annotator = self._annotator
        try:
            found_all: list[Any] = list(annotator.annotate_texts(texts, when, langs))
        except Exception:  # one text spoils the batch: each is read on its own below
            found_all = [None] * len(records)
        done: list[AnnotatedRecord] = []
        for i, (record, article) in enumerate(zip(records, articles, strict=True)):
            found = found_all[i]
            if found is None:
                try:
                    (found,) = annotator.annotate_texts([texts[i]], [when[i]], [langs[i]])
                except Exception as exc:  # that one is reported; the others go on
                    error = f"cannot annotate: {describe(exc)}"
                    done.append(AnnotatedRecord(record.label, error=error))
                    continue
            day = article.published.isoformat() if article.published else None
            done.append(AnnotatedRecord(record.label, found, langs[i], day, texts[i]))
        return done


class RecordNames:
    """annotate, in the parent: names across scripts joined with one index for the run
    (:class:`~newsdesk.lang.merge.NameJoiner`: each file's English records taught first,
    then its others joined in order), then each record's result line. Called once per
    file, in the order of the files."""

    def __init__(self) -> None:
        self._joiner: Any = None

    def __call__(self, job: FileJob) -> list[dict[str, Any]]:
        from newsdesk.serialize import annotations_json

        if job.found and self._joiner is None:
            from newsdesk.lang.merge import NameJoiner

            self._joiner = NameJoiner()
        if job.found:
            self._joiner.join(
                (r.annotations, r.language) for r in job.found if r.annotations is not None
            )
        lines: list[dict[str, Any]] = []
        for record in job.found:
            if record.annotations is None:
                lines.append({**record.label, "error": record.error})
                continue
            try:
                shown = annotations_json(record.annotations)
                lines.append(
                    {**record.label, "published": record.published, "text": record.text, **shown}
                )
            except Exception as exc:  # that record is reported; the others go on
                lines.append({**record.label, "error": f"cannot annotate: {describe(exc)}"})
        job.found, job.lines = [], lines
        return lines
