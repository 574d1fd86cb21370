"""The per-article stages: pure over a batch of :class:`SourceJob`, run by an executor.

Each is a small picklable object: ``setup()`` (optional) loads what it needs once per
worker, ``__call__(batch)`` never raises for one article (what fails is written on that
article's :class:`Work`: stage, error; or the reason it was dropped), and ``failed(job,
reason)`` (optional) says what a worker dying on the job means for it, and ``preload()``
(optional) names the modules that load its models (newsdesk.executors.models) or its
large imports, for an executor that can load them once before its workers start. The runner
(:func:`newsdesk.pipeline.run_stages`) composes consecutive ones into one batch function.

Each stage works on the articles still live (not dropped); embed and annotate only on
those not stored yet (``Work.known``) that have an id. Models load on the first batch
that needs them (an all-English batch never loads the language packs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.article import Article, article_id
from newsdesk.faults import describe
from newsdesk.settings import Settings
from newsdesk.stages.batches import Models, SourceJob, Work, _featurize_default, apply_overrides

__all__ = ["Annotate", "Clean", "Embed", "Ids", "Quality", "Read", "Signatures"]


@dataclass(slots=True)
class Read:
    """Files read and parsed (HTML extracted) in the worker; a URL or an already-read source
    comes with its articles. What the user said (``--outlet``, ``--published``) wins."""

    settings: Settings
    outlet: str | None = None
    published: datetime | None = None

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        for job in batch:
            if not job.read:
                self._read(job)
            for work in job.works:
                apply_overrides(work.article, outlet=self.outlet, published=self.published)
        return batch

    def preload(self) -> tuple[str, ...]:
        """The readers (lxml, feedparser, fastwarc, the cleaner's extraction), for a fork
        server to import for the workers: newsdesk.ingest imports them on the first source
        read, so the parent of a pool, which reads none, never does."""
        return ("newsdesk.ingest.reader",)

    def _read(self, job: SourceJob) -> None:
        from newsdesk.ingest import _read_one

        assert job.spec is not None
        result = _read_one(job.spec, self.settings, None)  # never raises for a bad source
        job.errors, job.read = list(result.errors), True
        job.works = [Work(a) for a in result.articles]

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """A source not read yet that a worker died on is rejected."""
        if not job.read:
            job.read, job.works = True, []
            job.errors.append((job.source, f"the source could not be read: {reason}"))
        return job


@dataclass(slots=True)
class Clean:
    """TextCleaner: debris removed, metadata, language, date; one the cleaner raises on is
    kept as read (flagged ``unclean``, marked); an empty text is dropped."""

    settings: Settings
    _cleaner: Any = None

    def setup(self) -> None:
        from newsdesk.clean import TextCleaner

        self._cleaner = TextCleaner.from_settings(self.settings)

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings, self._cleaner = state["settings"], None

    def preload(self) -> tuple[str, ...]:
        """The cleaner (its tables, quality gate and date reader), for a fork server to import
        for the workers: newsdesk.clean imports it on first use, so the parent of a pool,
        which cleans nothing, never does."""
        return ("newsdesk.clean.cleaner",)

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        if self._cleaner is None:
            self.setup()
        for job in batch:
            for work in job.live():
                self._clean(work)
        return batch

    def _clean(self, work: Work) -> None:
        article = work.article
        text, removed, flags = article.text, list(article.removed), list(article.flags)
        try:
            self._cleaner.clean(article)
        except Exception as exc:
            article.text = text or (article.raw if article.format in {"text", "jsonl"} else "")
            article.removed, article.flags = removed, flags
            article.flag("unclean")
            work.failures.append(("clean", describe(exc)))
        else:
            work.language_evidence = _language_evidence(article)
        if not article.text.strip():
            work.dropped = "empty_after_cleaning"

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """The articles of a read source a worker died on: kept as read, flagged
        ``unclean``, marked (stage clean); their ids are the ids stage's."""
        for work in job.works:
            article = work.article
            article.text = article.text or (
                article.raw if article.format in {"text", "jsonl"} else ""
            )
            article.flag("unclean")
            work.failures.append(("clean", reason))
            if not article.text.strip():
                work.dropped = "empty_after_cleaning"
        return job


def _language_evidence(article: Article) -> Any:
    """What the parent's outlet language re-check reads of the cleaned text, from the walk
    the cleaner's language check has just made (newsdesk.lang.detect.Evidence): the parent
    then decides with no model loaded. None when it cannot be read (the parent reads it)."""
    from newsdesk.lang.detect import evidence

    try:
        return evidence(article.body)
    except Exception:
        return None


@dataclass(slots=True)
class Quality:
    """The 'not news' gate (newsdesk.clean.quality): dropped as ``not news: <reason>``
    unless ``keep_not_news``; a gate that raises keeps the article (marked)."""

    settings: Settings

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        if self.settings.keep_not_news:
            return batch
        for job in batch:
            for work in job.live():
                try:
                    reason = _not_news(work)
                except Exception as exc:
                    work.failures.append(("quality", describe(exc)))
                    continue
                if reason is not None:
                    work.dropped = f"not news: {reason}"
        return batch


def _not_news(work: Work) -> str | None:
    """The drop reason, or None (flags for weak evidence raised on the kept article)."""
    from newsdesk.clean.quality import assess

    article = work.article
    verdict = assess(article.text, article.title, partial="partial" in article.flags)
    if verdict.reason is None:
        for name in verdict.flags:
            article.flag(name)
    return verdict.reason


@dataclass(slots=True)
class Ids:
    """A long text flagged (annotated in pieces); the stable id from the URL or the text.
    The one place an article's id is filled: the stages after it (the copy index, the
    store writer) use it as it is; one that cannot be made is left None, to the store
    stage, which says what failed."""

    settings: Settings

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        for job in batch:
            for work in job.live():
                article = work.article
                if len(article.body) > self.settings.annotate_chunk_chars:
                    article.flag("long")  # annotated in pieces, up to annotate_max_chars
                _fill_id(article)
        return batch

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """The articles of a source a worker died on still get their ids (kept as read
        by the stages before: the store keeps them under the id they would have had)."""
        del reason
        for work in job.live():
            _fill_id(work.article)
        return job


def _fill_id(article: Article) -> None:
    try:
        article.id = article_id(article)
    except Exception:
        article.id = None


@dataclass(slots=True)
class Signatures:
    """The MinHash signature of each live article's cleaned text, as the store keeps it
    (``Work.signature``; numpy alone, newsdesk.dedupe.signing: the same bytes as the copy
    index newsdesk.dedupe.minhash makes, datasketch's LeanMinHash layout). The copy index
    in the parent only consumes them; one that cannot be made is left None and made there
    (which marks what fails)."""

    settings: Settings

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        from newsdesk.dedupe.signing import signature_bytes

        for job in batch:
            for work in job.live():
                try:
                    work.signature = signature_bytes(work.article.text)
                except Exception:
                    work.signature = None
        return batch


def _todo(batch: list[SourceJob]) -> list[Work]:
    """The articles enrichment works on: live, not stored yet, with an id."""
    return [w for job in batch for w in job.live() if not w.known and w.article.id]


def _mark_died(batch_job: SourceJob, stage: str, reason: str) -> SourceJob:
    for work in batch_job.live():
        if not work.known and work.article.id:
            work.errors[stage] = f"RuntimeError: {reason}"
    return batch_job


@dataclass(slots=True)
class Embed:
    """Story features (title+lead embedding, terms, entities); one article that spoils the
    batch is done on its own, and one that fails is marked (``Work.errors["embed"]``)."""

    settings: Settings
    models: Models = field(default_factory=Models)
    threads: int | None = None  # model threads (1: one core per worker)
    _featurize: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "models": self.models, "threads": self.threads}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings, self.models, self.threads = (
            state["settings"],
            state["models"],
            state["threads"],
        )
        self._featurize = None

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        works = _todo(batch)
        if works:
            self._embed(works)
        return batch

    def preload(self) -> tuple[str, ...]:
        """The models a fork server may load for the workers (newsdesk.executors.models):
        USE, and MiniLM unless ``NEWSDESK_EMBEDDING=use``; none for stand-in models or
        another thread count than the server's one."""
        if self.models.featurize is not None or self.threads != 1:
            return ()
        english = ("newsdesk.executors.models.minilm",) if self.settings.embedding != "use" else ()
        return ("newsdesk.executors.models.use", *english)

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """Stored without features, marked (retried on later ingests)."""
        return _mark_died(job, "embed", reason)

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


@dataclass(slots=True)
class Annotate:
    """Entities, quotes, dates, events (spaCy ``nlp.pipe`` per batch; language packs); one
    article that spoils the batch is done on its own, one that fails is marked."""

    settings: Settings
    models: Models = field(default_factory=Models)
    _annotator: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "models": self.models}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings, self.models = state["settings"], state["models"]
        self._annotator = None

    def __call__(self, batch: list[SourceJob]) -> list[SourceJob]:
        works = _todo(batch)
        if works:
            self._annotate(works)
        return batch

    def preload(self) -> tuple[str, ...]:
        """spaCy's English pipeline, for a fork server to load for the workers (a language
        pack's models are loaded by the worker whose batch needs them)."""
        return () if self.models.annotate is not None else ("newsdesk.executors.models.english",)

    def failed(self, job: SourceJob, reason: str) -> SourceJob:
        """Stored without annotations, marked (retried on later ingests)."""
        return _mark_died(job, "annotate", reason)

    def needs(self, batch: list[SourceJob]) -> set[str]:
        """The language packs whose models this batch loads (none for English, whose
        pipeline a fork server loads for every worker): the local executor hands the batch
        to a worker that has loaded them already."""
        if self.models.annotate is not None:
            return set()
        from newsdesk.lang.pack import pack_for

        packs = (pack_for(w.article.language) for w in _todo(batch))
        return {p.code for p in packs if p is not None and p.annotator != "english"}

    def _reader(self) -> Callable[..., Iterable[Any]]:
        if self.models.annotate is not None:
            return self.models.annotate
        if self._annotator is None:
            from newsdesk.annotate.annotator import Annotator

            # names in a pack's language stay as written: what an article gives depends on
            # it alone; they are joined across scripts in the parent, in store order
            # (SaveAnnotations: newsdesk.lang.merge.NameJoiner)
            self._annotator = Annotator(
                chunk_chars=self.settings.annotate_chunk_chars,
                max_chars=self.settings.annotate_max_chars,
                join_names=False,
            )
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
