"""The per-article stages packaged for an executor (``newsdesk.executors.BatchFn``).

A batch is a list of :class:`SourceJob` (one file or URL and its articles; a
source is never split, so the parent still stores it in one transaction). Two
batch functions run over them:

- :class:`ReadCleanBatch`: read (files only: a URL or an already-read source comes
  with its articles), clean, flag long texts, ids;
- :class:`EnrichBatch`: for articles not stored yet, story features (embedding)
  and annotations.

Neither raises for one article: what fails is written on that article's
:class:`Work` (stage, error) and the parent marks it in the store. Both are small
picklable objects whose ``setup()`` loads nothing: models load on the first batch
that needs them (an all-English batch never loads the language packs), once per
worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.article import Article, article_id
from newsdesk.faults import describe
from newsdesk.ingest import SourceResult
from newsdesk.ingest.sources import SourceSpec
from newsdesk.settings import Settings

__all__ = [
    "CleanFilesBatch",
    "EnrichBatch",
    "Models",
    "ReadCleanBatch",
    "SourceJob",
    "Work",
    "apply_overrides",
]


@dataclass(slots=True)
class Work:
    """One article on its way, with what the per-article stages found for it."""

    article: Article
    failures: list[tuple[str, str]] = field(default_factory=list)  # (stage, error)
    dropped: str | None = None  # the reason, when a stage dropped it
    known: bool = False  # its id is stored already: no enrichment work
    features: Any = None  # newsdesk.cluster.features.ArticleFeatures
    annotations: Any = None  # newsdesk.article.Annotations
    errors: dict[str, str] = field(default_factory=dict)  # "embed"/"annotate" -> error


@dataclass(slots=True)
class SourceJob:
    """One source: read in a worker (``spec``) or already read (``result``)."""

    index: int
    source: str
    spec: SourceSpec | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    read: bool = False  # the source was read (its articles are in works)

    @classmethod
    def of_result(cls, index: int, result: SourceResult) -> SourceJob:
        job = cls(index=index, source=result.source, errors=list(result.errors), read=True)
        job.works = [Work(a) for a in result.articles]
        return job

    def result(self) -> SourceResult:
        """What the source gave, as the reader would have said it."""
        articles = [w.article for w in self.works]
        return SourceResult(source=self.source, articles=articles, errors=list(self.errors))

    def live(self) -> list[Work]:
        return [w for w in self.works if w.dropped is None]


def apply_overrides(
    article: Article, *, outlet: str | None = None, published: datetime | None = None
) -> Article:
    """What the user said on the command line wins over what the source says."""
    if outlet:
        article.outlet = outlet
    if published:
        article.published = published
        article.published_source = "override"
    return article


@dataclass(slots=True)
class ReadCleanBatch:
    """read → clean → quality gate → long flag → ids, per source of the batch."""

    settings: Settings
    outlet: str | None = None
    published: datetime | None = None
    name: str = "read+clean"
    _cleaner: Any = None

    def setup(self) -> None:
        from newsdesk.clean import TextCleaner

        self._cleaner = TextCleaner.from_settings(self.settings)

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "outlet": self.outlet, "published": self.published}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings, self.outlet, self.published = (
            state["settings"],
            state["outlet"],
            state["published"],
        )
        self.name, self._cleaner = "read+clean", None

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        if self._cleaner is None:
            self.setup()
        for job in batch:
            if not job.read:
                self._read(job)
            for work in job.works:
                apply_overrides(work.article, outlet=self.outlet, published=self.published)
                self._clean(work)
        return batch

    def _news(self, work: Work) -> bool:
        """The quality gate: a page that is not news is dropped (``not news: <reason>``)
        unless ``keep_not_news``; a gate that raises keeps the article (marked)."""
        if self.settings.keep_not_news:
            return True
        try:
            reason = _not_news(work.article)
        except Exception as exc:
            work.failures.append(("quality", describe(exc)))
            return True
        if reason is not None:
            work.dropped = f"not news: {reason}"
            return False
        return True

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """The source a worker died on: rejected when it was not read yet, else its
        articles kept as read, flagged ``unclean``, marked (stage clean)."""
        if not job.read:
            job.read, job.works = True, []
            job.errors.append((job.source, f"the source could not be read: {reason}"))
            return job
        for work in job.works:
            article = work.article
            article.text = article.text or (
                article.raw if article.format in {"text", "jsonl"} else ""
            )
            article.flag("unclean")
            work.failures.append(("clean", reason))
            if not article.text.strip():
                work.dropped = "empty_after_cleaning"
            else:
                article.id = article.id or article_id(article)
        return job

    def _read(self, job: SourceJob) -> None:
        from newsdesk.ingest import _read_one

        assert job.spec is not None
        result = _read_one(job.spec, self.settings, None)  # never raises for a bad source
        job.errors, job.read = list(result.errors), True
        job.works = [Work(a) for a in result.articles]

    def _clean(self, work: Work) -> None:
        """Clean one article; one the cleaner raises on is kept as read (flagged ``unclean``)."""
        article = work.article
        text, removed, flags = article.text, list(article.removed), list(article.flags)
        try:
            self._cleaner.clean(article)
        except Exception as exc:
            article.text = text or (article.raw if article.format in {"text", "jsonl"} else "")
            article.removed, article.flags = removed, flags
            article.flag("unclean")
            work.failures.append(("clean", describe(exc)))
        if not article.text.strip():
            work.dropped = "empty_after_cleaning"
            return
        if not self._news(work):
            return
        if len(article.body) > self.settings.annotate_chunk_chars:
            article.flag("long")  # annotated in pieces, up to settings.annotate_max_chars
        try:
            article.id = article_id(article)
        except Exception:  # left to the store stage, which says what failed
            article.id = None


def _not_news(article: Article) -> str | None:
    """The quality gate's reason a cleaned article is not news (None: it is)."""
    from newsdesk.clean.quality import assess

    return assess(article.text, article.title, partial="partial" in article.flags).reason


def _featurize_default(english_model: bool, threads: int | None) -> Callable[..., list[Any]]:
    import newsdesk.cluster.tracker as tracker  # looked up at call time (tests replace it)

    def featurize(articles: Sequence[Article]) -> list[Any]:
        kwargs: dict[str, Any] = {"english_model": english_model}
        if threads is not None:
            kwargs["threads"] = threads
        return list(tracker.features_batch(articles, **kwargs))

    return featurize


@dataclass(slots=True)
class Models:
    """Replacements for the models (tests; module-level functions, so they pickle).

    ``featurize(articles) -> [ArticleFeatures]``; ``annotate(texts, published,
    languages) -> [Annotations]``. None: the real models.
    """

    featurize: Callable[[Sequence[Article]], Iterable[Any]] | None = None
    annotate: Callable[..., Iterable[Any]] | None = None


@dataclass(slots=True)
class EnrichBatch:
    """embed → annotate, for the articles of the batch that are not stored yet."""

    settings: Settings
    stories: bool = True
    annotate: bool = True
    models: Models = field(default_factory=Models)
    known_names: tuple[tuple[str, str], ...] = ()  # (canonical, type) stored before this run
    threads: int | None = None  # model threads (1 in a pool of one worker per core)
    name: str = "embed+annotate"
    _annotator: Any = None
    _featurize: Any = None

    def setup(self) -> None:
        """Nothing heavy: each model loads on the first batch that needs it."""

    def __getstate__(self) -> dict[str, Any]:
        keep = ("settings", "stories", "annotate", "models", "known_names", "threads")
        return {k: getattr(self, k) for k in keep}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            setattr(self, key, value)
        self.name, self._annotator, self._featurize = "embed+annotate", None, None

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        works = [w for job in batch for w in job.live() if not w.known and w.article.id]
        if works and self.stories:
            self._embed(works)
        if works and self.annotate:
            self._annotate(works)
        return batch

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """The articles a worker died on: stored without features and annotations, marked
        (retried on later ingests like any failed enrichment)."""
        for work in job.live():
            if not work.known and work.article.id:
                if self.stories:
                    work.errors["embed"] = f"RuntimeError: {reason}"
                if self.annotate:
                    work.errors["annotate"] = f"RuntimeError: {reason}"
        return job

    def _embed(self, works: list[Work]) -> None:
        if self._featurize is None:
            english = self.settings.embedding != "use"
            self._featurize = self.models.featurize or _featurize_default(english, self.threads)
        featurize = self._featurize
        try:
            found = list(featurize([w.article for w in works]))
            for work, features in zip(works, found, strict=True):
                work.features = features
        except Exception:  # one article spoils the batch: each on its own
            for work in works:
                try:
                    (work.features,) = list(featurize([work.article]))
                except Exception as exc:
                    work.errors["embed"] = describe(exc)

    def _reader(self) -> Callable[..., Iterable[Any]]:
        if self.models.annotate is not None:
            return self.models.annotate
        if self._annotator is None:
            from newsdesk.annotate.annotator import Annotator

            names = self.known_names
            self._annotator = Annotator(
                chunk_chars=self.settings.annotate_chunk_chars,
                max_chars=self.settings.annotate_max_chars,
                known_names=lambda: names,
            )
        # the cross-script name index starts each batch from the names stored before
        # this run (plus this batch's English names): the same in every worker and inline
        self._annotator._pack = None
        return self._annotator.annotate_texts

    def _annotate(self, works: list[Work]) -> None:
        def read(group: list[Work]) -> list[Any]:
            articles = [w.article for w in group]
            return list(
                self._reader()(
                    [a.body for a in articles],
                    [a.published or a.fetched for a in articles],
                    [a.language for a in articles],
                )
            )

        try:
            for work, found in zip(works, read(works), strict=True):
                work.annotations = found
        except Exception:  # one article spoils the batch: each on its own
            for work in works:
                try:
                    (work.annotations,) = read([work])
                except Exception as exc:
                    work.errors["annotate"] = describe(exc)


class CleanFilesBatch:
    """read → clean for ``newsdesk clean``: each file's first article, or the error
    (a :class:`~newsdesk.errors.NewsdeskError`) that made it unusable, in order."""

    name = "clean-files"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._cleaner: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings, self._cleaner = state["settings"], None

    def setup(self) -> None:
        from newsdesk.clean import TextCleaner

        self._cleaner = TextCleaner.from_settings(self.settings)

    def failed(self, path: str, reason: str) -> Any:
        from newsdesk.errors import MalformedInput

        return MalformedInput(f"{path}: {reason}")

    def __call__(self, batch: list[str]) -> list[Any]:
        from newsdesk.errors import EmptyInput, NewsdeskError
        from newsdesk.ingest import read_path

        if self._cleaner is None:
            self.setup()
        out: list[Any] = []
        for path in batch:
            try:
                articles = read_path(path, settings=self.settings)  # FIFOs, devices refused
                if not articles:
                    raise EmptyInput(f"{path}: no article found")
                out.append(self._cleaner.clean(articles[0]))
            except NewsdeskError as exc:
                out.append(exc)
        return out
