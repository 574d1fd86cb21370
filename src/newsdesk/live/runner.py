"""The desk running itself (``newsdesk run``): a loop over a small list of steps.

Each pass runs the steps in order: poll the due sources and ingest what is new
(stories and annotations included), refresh the day's brief when something new
came in, send the newsletters that are due. A step that fails is logged in one
line and the loop goes on. Everything a pass decides lives in the store, so a
restart after any stop (``kill -9`` included) resumes where the last one left
off, and ``serve`` can work on the same store meanwhile.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from newsdesk.errors import NewsdeskError
from newsdesk.executors import Executor, make_executor
from newsdesk.ingest.fetch import Transport
from newsdesk.live.poller import SourcePoller
from newsdesk.live.polling import PassReport, poll_due
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

__all__ = ["DeskConfig", "DeskRunner", "DeskStep"]

Log = Callable[[str], None]
# provided by the mail package: looked up when the desk starts, so the desk runs without it
SEND_DUE = ("newsdesk.mail.deliver", "send_due")  # (store, settings, now) -> SendReport
REFRESH_BRIEF = ("newsdesk.mail.archive", "refresh_brief")  # (store, day, *, now, base_url, rising)
WATCH_STEP = ("newsdesk.watch.alerts", "desk_step")  # (store, settings, *, stop) -> step(now)


@dataclass(frozen=True, slots=True)
class DeskConfig:
    """How the desk paces itself."""

    interval: float = 30.0  # seconds between passes
    host_delay: float = 1.0  # seconds between two requests to one host
    workers: int = 8  # sources fetched at once (on different hosts)
    brief_every: float = 600.0  # the day's brief is rebuilt at most this often (seconds)


@dataclass(frozen=True, slots=True)
class DeskStep:
    """One thing a pass does; ``run`` returns a line for the log, or None (nothing done)."""

    name: str
    run: Callable[[datetime], str | None]


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A function another part of newsdesk provides, or None where it is not there."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    function = getattr(found, name, None)
    return function if callable(function) else None


def _describe_send(report: Any) -> str:
    """One line for what a newsletter step did, whatever shape its report has."""
    payload = report.as_json() if hasattr(report, "as_json") else report
    if not isinstance(payload, dict) or not {"sent", "skipped"} <= payload.keys():
        return str(payload)
    failed = payload.get("failed") or []
    parts = [
        f"{payload['sent']} sent",
        f"{payload['skipped']} skipped",
        f"{len(failed) if isinstance(failed, list) else failed} failed",
    ]
    parts += [f"{payload[key]} {key}" for key in ("deferred", "pending") if payload.get(key)]
    error = f"; {payload['error']}" if payload.get("error") else ""
    return ", ".join(parts) + error


class DeskRunner:
    """Runs the desk's steps until told to stop (``stop``) or once (``run(once=True)``)."""

    def __init__(
        self,
        store: SqliteStore,
        settings: Settings,
        *,
        log: Log,
        stop: threading.Event | None = None,
        config: DeskConfig | None = None,
        transport: Transport | None = None,
    ) -> None:
        self.store, self.settings, self.log = store, settings, log
        self.stop = stop or threading.Event()
        self.config = config or DeskConfig()
        self.poller = SourcePoller(
            settings=settings,
            known=store.sources.ids_by_url,
            transport=transport,
            host_delay=self.config.host_delay,
            stop=self.stop,
        )
        self.last_pass: PassReport | None = None
        self._pool: Executor | None = None
        self._new_since_brief = 0
        self._brief_at: float | None = None
        self.steps = [DeskStep("poll", self._poll)]
        watch = _optional(*WATCH_STEP)  # watchlists: alerts for what this pass committed
        if watch is not None:
            self.steps.append(DeskStep("watch", watch(store, settings, stop=self.stop)))
        if settings.stories:
            self.steps.append(DeskStep("brief", self._brief))
        newsletter = self._newsletter_step()
        if newsletter is not None:
            self.steps.append(newsletter)

    # -- the loop -------------------------------------------------------------

    def run(self, *, once: bool = False) -> int:
        """Pass after pass until stopped; returns the number of passes made."""
        followed = len(self.store.sources.followed())
        self.log(f"desk started: {followed} sources followed, steps: {self._step_names()}")
        passes = 0
        while not self.stop.is_set():
            self.run_once()
            passes += 1
            if once:
                break
            self.stop.wait(self.config.interval)
        stopped = self.stop.is_set()
        self.stop.set()  # the run is over: threads the steps started end now
        self._close_steps()
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        self.log(f"desk stopped after {passes} passes" if stopped else "desk done")
        return passes

    def _close_steps(self) -> None:
        """Let each step finish its own threads before the store closes: a thread still
        in SQLite while the interpreter shuts down can crash the process."""
        for step in self.steps:
            closer = getattr(getattr(step.run, "alerter", None), "close", None)
            if closer is None:
                continue
            try:
                closer()
            except Exception as exc:  # a step that cannot close is logged; the desk stops
                self.log(f"{step.name}: closing failed: {type(exc).__name__}: {exc}")

    def run_once(self, now: datetime | None = None) -> None:
        """One pass: every step in order; a failing step is logged and the others still run."""
        for step in self.steps:
            if self.stop.is_set():
                return
            try:
                line = step.run(now or datetime.now(UTC))
            except NewsdeskError as exc:
                line = f"failed: {exc}"
            except Exception as exc:  # one step's failure never stops the desk
                line = f"failed: {type(exc).__name__}: {exc}"
            if line:
                self.log(f"{step.name}: {line}")

    def _executor(self) -> Executor:
        """The pool the per-article stages run in, started on the first pass and kept (its
        models stay loaded) until the desk stops."""
        if self._pool is None:
            self._pool = make_executor("local", workers=self.settings.workers)
        return self._pool

    def _step_names(self) -> str:
        return ", ".join(step.name for step in self.steps)

    # -- the steps ------------------------------------------------------------

    def _poll(self, now: datetime) -> str | None:
        report = poll_due(
            self.store,
            self.settings,
            self.poller,
            log=self.log,
            stop=self.stop,
            workers=self.config.workers,
            now=now,
            executor=self._executor(),
        )
        self.last_pass = report
        self._new_since_brief += report.ingested
        return report.summary() if report.due else None

    def _brief(self, now: datetime) -> str | None:
        """Rebuild the day's brief when new articles came in (at most every ``brief_every``)."""
        waited = time.monotonic() - self._brief_at if self._brief_at is not None else None
        if not self._new_since_brief or (waited is not None and waited < self.config.brief_every):
            return None
        day = self._brief_day(now)
        if day is None:
            return None
        self._brief_at, self._new_since_brief = time.monotonic(), 0
        refresh = _optional(*REFRESH_BRIEF)
        if refresh is not None:  # archived, for the newsletter and the web desk
            archived = refresh(self.store, day, now=now, base_url=self.settings.base_url,
                               rising=self.settings.brief_rising)  # fmt: skip
            stories, subject = getattr(archived, "stories", "?"), getattr(archived, "subject", "")
            version = getattr(archived, "version", "?")
            return f"{day}: {stories} stories, archived as version {version}: {subject}"
        from newsdesk.publish import build_brief

        built = build_brief(self.store, day, rising=self.settings.brief_rising)
        lead = f"; leads with {built.stories[0].headline!r}" if built.stories else ""
        return f"{day}: {len(built.stories)} stories from {built.articles} articles{lead}"

    def _brief_day(self, now: datetime) -> date | None:
        """Today (UTC) when it has articles, else the latest day that has."""
        latest = self.store.articles.latest_day()
        if latest is None:
            return None
        return min(date.fromisoformat(latest), now.astimezone(UTC).date())

    def _newsletter_step(self) -> DeskStep | None:
        if not self.settings.smtp_url:
            return None
        send_due = _optional(*SEND_DUE)
        if send_due is None:
            self.log("newsletter: this newsdesk cannot send newsletters yet; none will be sent")
            return None

        def send(now: datetime) -> str | None:
            return _describe_send(send_due(self.store, self.settings, now))

        return DeskStep("newsletter", send)
