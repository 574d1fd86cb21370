"""Compose and DKIM-sign messages, in worker processes when there are many.

RSA-2048 signing costs several milliseconds a message in dkimpy (pure Python), so a
large send composes and signs in batches on every core (a :class:`ProcessPoolExecutor`)
while the sending process talks SMTP and keeps the ledger; a small one does it inline.
Results come back in the order asked for. A worker whose parent died (``kill -9``)
exits by itself within a second.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from newsdesk.mail.dkim import DkimSigner
from newsdesk.mail.message import Edition, Letterhead, Personal, compose

__all__ = ["Job", "MessageFactory", "build_message"]


@dataclass(frozen=True, slots=True)
class Job:
    """One message to make: the edition it carries and who it is for; ``key`` is the caller's."""

    key: int
    edition: Edition
    personal: Personal


def build_message(
    edition: Edition, letterhead: Letterhead, personal: Personal, signer: DkimSigner | None
) -> bytes:
    data = compose(edition, letterhead, personal)
    return signer.sign(data) if signer is not None else data


# Per worker process: what the pool's initializer hands it (a worker serves one factory).
_WORKER: dict[str, Any] = {}


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(letterhead: Letterhead, signer: DkimSigner | None, parent: int) -> None:
    _WORKER.update(letterhead=letterhead, signer=signer)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _make_batch(edition: Edition, people: list[tuple[int, Personal]]) -> list[tuple[int, bytes]]:
    letterhead, signer = _WORKER["letterhead"], _WORKER["signer"]
    return [(key, build_message(edition, letterhead, p, signer)) for key, p in people]


class MessageFactory:
    """Messages for jobs, in order: inline for few, on ``workers`` processes for many."""

    def __init__(
        self,
        letterhead: Letterhead,
        signer: DkimSigner | None,
        *,
        workers: int | None = None,
        batch: int = 24,
        inline_below: int = 48,
    ) -> None:
        self.letterhead = letterhead
        self.signer = signer
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.batch = batch
        self.inline_below = inline_below
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> MessageFactory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker,
                initargs=(self.letterhead, self.signer, os.getpid()),
            )
        return self._pool

    def messages(self, jobs: list[Job]) -> Iterator[tuple[Job, bytes]]:
        """(job, signed bytes) for every job, in order."""
        if len(jobs) < self.inline_below or self.workers < 1:
            for job in jobs:
                yield job, build_message(job.edition, self.letterhead, job.personal, self.signer)
            return
        pool = self._executor()
        window: deque[tuple[list[Job], Future[list[tuple[int, bytes]]]]] = deque()
        batches = iter(self._batches(jobs))
        for chunk in batches:
            window.append((chunk, pool.submit(_make_batch, chunk[0].edition,
                                              [(j.key, j.personal) for j in chunk])))  # fmt: skip
            if len(window) >= self.workers * 3:
                break
        while window:
            chunk, future = window.popleft()
            made = future.result()
            following = next(batches, None)
            if following is not None:
                window.append((following, pool.submit(
                    _make_batch, following[0].edition, [(j.key, j.personal) for j in following]
                )))  # fmt: skip
            for job, (_, data) in zip(chunk, made, strict=True):
                yield job, data

    def _batches(self, jobs: Iterable[Job]) -> Iterator[list[Job]]:
        chunk: list[Job] = []
        for job in jobs:
            if chunk and (len(chunk) >= self.batch or job.edition is not chunk[0].edition):
                yield chunk
                chunk = []
            chunk.append(job)
        if chunk:
            yield chunk
