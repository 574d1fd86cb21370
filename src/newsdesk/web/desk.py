"""What every route shares: the store, the templates, hashed assets, cursors and checks."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader

from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.web import text
from newsdesk.web.entities import EntityDirectory

if TYPE_CHECKING:
    from fastapi import Request

    from newsdesk.export.exporter import ExportRequest
    from newsdesk.store.protocols import DeskRepositories

__all__ = ["Assets", "BadParameter", "Desk", "DeskStore", "NotFound", "PageCache"]

MAX_ID = 64
MAX_NAME = 200
MAX_QUERY = 300
MAX_CURSOR = 300
SLOW_BUILD = 0.05  # seconds: a build slower than this may be answered stale while redone
STALE_FOR = 120.0  # seconds: how old a stale answer may be
REFRESHERS = 2  # background rebuilds at once; more keys wait (answered stale) for a slot
REFRESH_EVERY = 5.0  # seconds: a key is rebuilt at most this often (or every 3 build times)
DESK_READERS = 64  # idle read-only connections kept: one per serving thread, as before
log = logging.getLogger("newsdesk.web")


class BadParameter(Exception):
    """A malformed or over-long request parameter: answered with 400 naming it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name, self.message = name, message


class NotFound(Exception):
    """An unknown id or name: answered with a 404 page that helps.

    ``search`` is a query the page offers to run (a link to /search?q=...).
    """

    def __init__(self, message: str, *, hint: str | None = None, search: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.search = message, hint, search


class DeskStore(SqliteStore):
    """The store, with a reader pool as large as the server's thread pool.

    A request takes a pooled read-only connection (no ``connect()`` once warm);
    SQLite autocommits each read, so a reader always sees the latest commit.
    Writes still go through the store's one writer.
    """

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, readers=DESK_READERS)


class PageCache:
    """Built pages and briefs keyed by the store's state: a commit makes them stale.

    Least recently used entries go first; one lock per key, so a brief is built once
    even when several readers ask for it at the same moment.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[Any, ...], threading.Lock] = {}

    def peek(self, key: tuple[Any, ...]) -> tuple[bool, Any]:
        """(True, value) when ``key`` is built, else (False, None); never builds."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
        return False, None

    def get(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            value = build()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._building.pop(key, None)
            return value


class Assets:
    """Static files under content-hashed names (desk.3f2a9c1b.css), served with a long max-age."""

    def __init__(self) -> None:
        folder = resources.files("newsdesk.web") / "static"
        self.files: dict[str, tuple[bytes, str]] = {}  # hashed name -> (content, media type)
        self.names: dict[str, str] = {}  # plain name -> hashed name
        for entry in folder.iterdir():
            if not entry.is_file():
                continue
            data = entry.read_bytes()
            stem, _, ext = entry.name.rpartition(".")
            hashed = f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"
            media = {"css": "text/css", "js": "text/javascript", "svg": "image/svg+xml"}
            self.files[hashed] = (data, media.get(ext, "application/octet-stream"))
            self.names[entry.name] = hashed
        self.digest = hashlib.sha256("".join(sorted(self.files)).encode()).hexdigest()[:12]

    def url(self, name: str) -> str:
        return f"/static/{self.names[name]}"


class Desk:
    """The web desk's state: built once per app from settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # the one concrete store of the desk (created and migrated if needed): the routes
        # reach it through the narrow DeskRepositories protocol, the two whole-store jobs
        # (recluster, an export) through the methods below
        self._store = DeskStore(settings.db)
        self.store: DeskRepositories = self._store
        self.assets = Assets()
        self.cache = PageCache()
        self.entities = EntityDirectory(
            self.store.path, lambda: self.state()[0], opener=lambda: SqliteStore(settings.db)
        )
        # key -> (value, when built, seconds it took): the answer while a slow build is redone
        self._latest: OrderedDict[tuple[Any, ...], tuple[Any, float, float]] = OrderedDict()
        self._latest_lock = threading.Lock()
        self._refreshing: set[tuple[Any, ...]] = set()
        self._refresh_slots = threading.BoundedSemaphore(REFRESHERS)
        self._local = threading.local()  # depth of cached() builds on this thread
        self.env = Environment(
            loader=PackageLoader("newsdesk.web", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=text.page_value,
        )
        self.env.globals.update(asset=self.assets.url, base_url=settings.base_url)
        self.env.filters.update(
            highlight=text.highlight,
            when=text.when,
            timex_date=text.timex_date,
            timeline=text.timeline,
            paragraphs=text.paragraphs,
            external=text.external_url,
            urlencode=text.url_part,
        )

    def close(self) -> None:
        self.entities.close()
        self.store.close()

    def recluster(self) -> int:
        """Rebuild every story from scratch (``newsdesk recluster``), through the one writer."""
        from newsdesk.cluster.tracker import StoryTracker

        return StoryTracker(self._store).recluster()

    def export_lines(self, request: ExportRequest) -> Iterator[bytes]:
        """An export as JSON Lines, a batch of lines per chunk (a streamed answer)."""
        from newsdesk.export.exporter import jsonl_lines

        yield from jsonl_lines(self._store, request)

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        with self.store.db.reader() as db:
            yield db

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    # -- caching -------------------------------------------------------------

    def cached(self, *key: Any, build: Callable[[], Any], stale_ok: bool = False) -> Any:
        """``build()`` once per store state: a commit makes the next call build again.

        With ``stale_ok`` (for builds that take a store of their own, never a request's
        connection), a build that took over SLOW_BUILD seconds is not waited for again:
        while ``ingest`` or ``run`` keep committing, the previous value (at most STALE_FOR
        seconds old) is answered and the new one is built on a background thread, one at a
        time per key, at most every REFRESH_EVERY seconds or three build times (so a desk
        that commits every second does not spend its CPU rebuilding). Builds nested in
        another build always build fresh.
        """
        token = self.state()[0]
        full = (token, *key)
        found, value = self.cache.peek(full)
        if found:
            return value
        nested = getattr(self._local, "depth", 0) > 0
        if stale_ok and not nested:
            with self._latest_lock:
                latest = self._latest.get(key)
            fresh_enough = latest is not None and time.monotonic() - latest[1] < STALE_FOR
            if latest is not None and fresh_enough and latest[2] >= SLOW_BUILD:
                if time.monotonic() - latest[1] >= max(REFRESH_EVERY, 3 * latest[2]):
                    self._refresh(key, full, build)
                return latest[0]
        return self._build(key, full, build)

    def _build(self, key: tuple[Any, ...], full: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        self._local.depth = getattr(self._local, "depth", 0) + 1
        started = time.monotonic()
        try:
            value = self.cache.get(full, build)
        finally:
            self._local.depth -= 1
        with self._latest_lock:
            self._latest[key] = (value, time.monotonic(), time.monotonic() - started)
            self._latest.move_to_end(key)
            while len(self._latest) > self.cache.size:
                self._latest.popitem(last=False)
        return value

    def _refresh(
        self, key: tuple[Any, ...], full: tuple[Any, ...], build: Callable[[], Any]
    ) -> None:
        with self._latest_lock:
            if key in self._refreshing:
                return
            if not self._refresh_slots.acquire(blocking=False):
                return  # the slots are busy: a later request asks again
            self._refreshing.add(key)

        def work() -> None:
            try:
                self._build(key, full, build)
            except Exception:  # a failed refresh: the next request builds inline and says why
                log.exception("rebuilding %r failed", key[:1])
                with self._latest_lock:
                    self._latest.pop(key, None)
            finally:
                with self._latest_lock:
                    self._refreshing.discard(key)
                self._refresh_slots.release()

        threading.Thread(target=work, name="newsdesk-refresh", daemon=True).start()

    def state(self) -> tuple[str, datetime]:
        """A token that changes whenever the store commits, and when it last did.

        The db file's and the WAL's size and mtime, and the WAL's salt (which
        changes when the WAL restarts): every commit appends to the WAL, so its
        size grows until a checkpoint resets it with new salts.
        """
        parts, latest = [], 0.0
        for suffix in ("", "-wal"):
            path = f"{self.store.path}{suffix}"
            try:
                st = os.stat(path)
            except OSError:
                parts.append("-")
                continue
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
            latest = max(latest, st.st_mtime)
            if suffix:
                with open(path, "rb") as wal:
                    parts.append(wal.read(32)[16:24].hex())
        parts.append(self.assets.digest)
        return "|".join(parts), datetime.fromtimestamp(int(latest), UTC)


def desk_of(request: Request) -> Desk:
    """The desk a route's app was made with (``app.state.desk``)."""
    desk: Desk = request.app.state.desk
    return desk


# -- parameters --------------------------------------------------------------


def check_id(value: str, *, name: str = "id") -> str:
    """An id from a path; ids are short (a story's "s-" and 12 hex digits)."""
    if len(value) > MAX_ID:
        raise BadParameter(name, f"is {len(value)} characters long; ids are at most {MAX_ID}")
    return value


def check_name(value: str, *, name: str = "name") -> str:
    if len(value) > MAX_NAME:
        raise BadParameter(name, f"is longer than {MAX_NAME} characters")
    return value


def check_day(value: str, *, name: str = "date") -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BadParameter(name, f"{value[:40]!r} is not a day: write YYYY-MM-DD")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(name, f"{value!r} is not a calendar day") from None


def check_query(value: str | None) -> str:
    value = (value or "").strip()
    if len(value) > MAX_QUERY:
        raise BadParameter("q", f"the query is longer than {MAX_QUERY} characters; shorten it")
    if "\x00" in value:
        raise BadParameter("q", "the query contains a NUL character")
    return value


def encode_cursor(key: list[Any] | None) -> str | None:
    if key is None:
        return None
    raw = json.dumps(key, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str | None, *, shape: tuple[type, ...]) -> list[Any] | None:
    """A keyset cursor from ``after=``; 400 naming ``after`` when it is not one of ours."""
    if not value:
        return None
    bad = BadParameter("after", "is not a cursor from a previous page; start from the first page")
    if len(value) > MAX_CURSOR or not re.fullmatch(r"[A-Za-z0-9_-]+", value):
        raise bad
    try:
        key = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(key, list) or len(key) != len(shape):
        raise bad
    for item, kind in zip(key, shape, strict=True):
        ok = isinstance(item, kind) and not isinstance(item, bool)
        if kind is float and isinstance(item, int) and not isinstance(item, bool):
            ok = True
        if not ok:
            raise bad
    return key
