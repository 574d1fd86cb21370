"""One polling pass: every due source fetched (several hosts at once), ingested, recorded.

Fetching runs in a small thread pool; ingesting runs in the calling thread
through :func:`newsdesk.ingestion.ingest_results` as each fetch completes, so
stories, annotations and copy links happen exactly as for ``newsdesk ingest``.
A source's poll is recorded (validators, next poll, articles linked) only after
its articles are committed: a process killed in between polls it again and
finds them stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsdesk.executors import Executor
from newsdesk.ingest import SourceResult
from newsdesk.ingestion import ingest_results
from newsdesk.live.poller import PollOutcome, SourcePoller
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.store.sources import FollowedSource

__all__ = ["MAX_BACKOFF", "PassReport", "next_poll_after_error", "poll_due"]

MAX_BACKOFF = timedelta(days=1)  # a failing source is still tried at least daily
Log = Callable[[str], None]


@dataclass(slots=True)
class PassReport:
    """What one pass did, for the log and the benchmark."""

    due: int = 0
    fetched: int = 0  # answered 200
    not_modified: int = 0  # answered 304
    failed: int = 0
    ingested: int = 0
    duplicates: int = 0
    full_texts: int = 0

    def summary(self) -> str:
        return (
            f"{self.due} due: {self.fetched} fetched, {self.not_modified} not modified, "
            f"{self.failed} failed; {self.ingested} new articles, {self.duplicates} duplicates"
        )


def next_poll_after_error(
    now: datetime, *, every: int, errors: int, retry_after: float | None = None
) -> datetime:
    """Exponential backoff: the interval doubled for each consecutive failure (``errors``,
    this one included), at most a day, and never sooner than the server's Retry-After."""
    interval = timedelta(minutes=every)
    delay = min(interval * 2 ** min(errors, 20), max(MAX_BACKOFF, interval))
    if retry_after is not None:
        delay = max(delay, min(timedelta(seconds=retry_after), MAX_BACKOFF))
    return now + delay


def _describe(outcome: PollOutcome, source: FollowedSource) -> str:
    if outcome.status == 304:
        return f"poll {source.url}: 304 not modified"
    parts = [f"{outcome.status} {outcome.kind}", f"{outcome.items} items"]
    if outcome.known:
        parts.append(f"{len(outcome.known)} already stored")
    if outcome.full_texts:
        parts.append(f"{outcome.full_texts} summaries replaced by full text")
    notes = f"; {len(outcome.notes)} notes, first: {outcome.notes[0]}" if outcome.notes else ""
    return f"poll {source.url}: {', '.join(parts)}{notes}"


class _Pass:
    """The state of one pass while the fetches complete and their articles are stored."""

    def __init__(
        self, store: SqliteStore, *, log: Log, stop: threading.Event, now: datetime
    ) -> None:
        self.store, self.log, self.stop, self.now = store, log, stop, now
        self.report = PassReport()
        self.waiting: dict[str, tuple[FollowedSource, PollOutcome]] = {}

    def results(self, done: Iterator[tuple[FollowedSource, PollOutcome]]) -> Iterator[SourceResult]:
        """Sources with new articles, for ingest; the others recorded on the way."""
        for source, outcome in done:
            if outcome.stopped or self.stop.is_set():
                continue  # not recorded: polled again on the next start
            if outcome.error is not None:
                self._failed(source, outcome)
            elif not outcome.articles:
                self._succeeded(source, outcome, [])
            else:
                self.waiting[source.url] = (source, outcome)
                yield SourceResult(source=source.url, articles=outcome.articles)

    def stored(self, result: SourceResult) -> None:
        """ingest committed this source's articles: now record the poll."""
        source, outcome = self.waiting.pop(result.source)
        self._succeeded(source, outcome, [a.id for a in result.articles if a.id])

    def _succeeded(self, source: FollowedSource, outcome: PollOutcome, ids: list[str]) -> None:
        self.store.sources.record_poll(
            source.url,
            status=outcome.status or 200,
            next_poll=self.now + timedelta(minutes=source.every),
            etag=outcome.etag,
            last_modified=outcome.last_modified,
            kind=outcome.kind,
            article_ids=[*ids, *outcome.known.values()],
            now=self.now,
        )
        if outcome.status == 304:
            self.report.not_modified += 1
        else:
            self.report.fetched += 1
        self.report.full_texts += outcome.full_texts
        self.log(_describe(outcome, source))

    def _failed(self, source: FollowedSource, outcome: PollOutcome) -> None:
        errors = source.errors + 1
        retry = next_poll_after_error(
            self.now, every=source.every, errors=errors, retry_after=outcome.retry_after
        )
        self.store.sources.record_poll_error(
            source.url,
            error=outcome.error or "failed",
            next_poll=retry,
            status=outcome.status,
            now=self.now,
        )
        self.report.failed += 1
        minutes = max(1, round((retry - self.now).total_seconds() / 60))
        self.log(
            f"poll {source.url}: error ({errors} in a row): {outcome.error}; "
            f"next try in {minutes} min"
        )


def _completed(
    sources: list[FollowedSource], poller: SourcePoller, *, workers: int, stop: threading.Event
) -> Iterator[tuple[FollowedSource, PollOutcome]]:
    """Each source's outcome as its poll completes; pending polls dropped once told to stop."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
        pending: dict[Future[PollOutcome], FollowedSource] = {
            pool.submit(poller.poll, source): source for source in sources
        }
        try:
            while pending:
                done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
                if stop.is_set():
                    break
        finally:
            for future in pending:
                future.cancel()


def poll_due(
    store: SqliteStore,
    settings: Settings,
    poller: SourcePoller,
    *,
    log: Log,
    stop: threading.Event,
    workers: int = 8,
    now: datetime | None = None,
    executor: Executor | None = None,
) -> PassReport:
    """Poll every source due at ``now``, ingest what is new, record each poll; never raises
    for a bad source."""
    now = now or datetime.now(UTC)
    due = store.sources.due_sources(now)
    state = _Pass(store, log=log, stop=stop, now=now)
    state.report.due = len(due)
    # ingest runs even when nothing is due: it first gives stories and annotations to
    # articles stored without them (by a run killed in between, or `ingest --no-stories`)
    outcomes = _completed(due, poller, workers=max(1, workers), stop=stop)
    ingested = ingest_results(
        state.results(outcomes),
        store,
        settings=settings,
        on_source=state.stored,
        executor=executor,  # the desk's pool, kept over passes (None: one for this pass)
    )
    state.report.ingested, state.report.duplicates = ingested.ingested, ingested.duplicates
    for rejected in ingested.rejected:
        log(f"ingest {rejected['source']}: rejected: {rejected['error']}")
    return state.report
