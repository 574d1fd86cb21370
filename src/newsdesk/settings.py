"""The one place settings and ``NEWSDESK_*`` environment variables are read.

Stages and commands are built from a :class:`Settings`; nothing reads the
environment at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsdesk.errors import UsageError

__all__ = ["DEFAULT_DB", "Settings"]

DEFAULT_DB = Path("newsdesk.db")
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


# NEWSDESK_* variable -> Settings field, for the size caps (positive integers).
LIMIT_VARIABLES = {
    "NEWSDESK_MAX_FILE_BYTES": "max_file_bytes",
    "NEWSDESK_MAX_EXPANDED_BYTES": "max_expanded_bytes",
    "NEWSDESK_MAX_RECORD_BYTES": "max_record_bytes",
    "NEWSDESK_MAX_TEXT_CHARS": "max_text_chars",
    "NEWSDESK_ANNOTATE_MAX_CHARS": "annotate_max_chars",
    "NEWSDESK_ENRICH_ATTEMPTS": "enrich_attempts",
}


def _limits(env: Mapping[str, str]) -> dict[str, Any]:
    """The caps set in the environment; a value that is not a positive integer is an error."""
    found: dict[str, Any] = {}  # Any: mypy cannot tell which field each name is
    for variable, name in LIMIT_VARIABLES.items():
        raw = env.get(variable)
        if raw is None or not raw.strip():
            continue
        try:
            value = int(raw.strip().replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise UsageError(
                f"{variable}={raw!r} is not a positive whole number of bytes/characters"
            )
        found[name] = value
    return found


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _workers(env: Mapping[str, str]) -> int:
    """NEWSDESK_WORKERS (a positive whole number), else the cores this process may use."""
    raw = (env.get("NEWSDESK_WORKERS") or "").strip()
    if not raw:
        return _cores()
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(f"NEWSDESK_WORKERS={raw!r} is not a positive whole number of processes")
    return int(raw)


EMBEDDINGS = ("minilm+use", "use")


def _embedding(env: Mapping[str, str]) -> str:
    raw = (env.get("NEWSDESK_EMBEDDING") or EMBEDDINGS[0]).strip().lower()
    if raw not in EMBEDDINGS:
        raise UsageError(f"NEWSDESK_EMBEDDING={raw!r}: use one of {', '.join(EMBEDDINGS)}")
    return raw


def _switch(env: Mapping[str, str], name: str) -> bool:
    """An on/off variable: 1/true/yes/on or 0/false/no/off (unset or empty: off)."""
    raw = (env.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise UsageError(f"{name}={raw!r}: use 1 or 0 (also true/false, yes/no, on/off)")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with defaults a user can run with."""

    db: Path = DEFAULT_DB
    base_url: str = DEFAULT_BASE_URL
    base_url_set: bool = False  # NEWSDESK_BASE_URL given; else `serve` uses its own address
    smtp_url: str | None = None
    mail_from: str | None = None
    dkim_key: Path | None = None
    dkim_selector: str | None = None
    secret: str | None = None
    # ingest limits; every byte cap counts bytes after decompression (see README "Limits")
    max_file_bytes: int = 50 * 1024 * 1024  # one source (a file, what a .gz expands to)
    max_expanded_bytes: int = 200 * 1024 * 1024  # what a gzipped WARC archive may expand to
    max_record_bytes: int = 10 * 1024 * 1024  # one WARC HTTP body (decoded) or JSONL line
    max_text_chars: int = 100_000  # article text kept (and seen by models); longer is cut, `long`
    max_fetch_bytes: int = 10 * 1024 * 1024  # one HTTP response body
    fetch_timeout: float = 20.0
    allow_private: bool = False
    max_html_depth: int = 1000  # deeper nesting is flattened before parsing
    stories: bool = True  # assign articles to stories as they are ingested
    annotate: bool = True  # read entities, quotes, dates and events as they are ingested
    # the annotator parses a longer text in pieces of this many characters (spaCy's memory
    # grows with the piece), and annotates no more than annotate_max_chars of it
    annotate_chunk_chars: int = 20_000
    annotate_max_chars: int = 1_000_000
    enrich_attempts: int = 3  # tries of a failing story/annotation step, over later ingests
    # story embeddings: "minilm+use" (MiniLM for English pairs, the multilingual USE v3 for
    # every language) or "use" (the multilingual model alone); see newsdesk.cluster.embed
    embedding: str = "minilm+use"
    brief_rising: bool = False  # the brief opens with what is rising (newsdesk.watch.rising)
    read_ahead: bool = True  # ingest/run end by computing the brief's story readings ahead
    keep_not_news: bool = False  # keep pages the "not news" gate drops (newsdesk.clean.quality)
    # processes for the per-article stages (clean, embed, annotate): 1 runs them in this
    # process; from_env (the commands) defaults to the cores this process may use
    workers: int = 1

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        dkim = env.get("NEWSDESK_DKIM_KEY")
        return cls(
            db=Path(env.get("NEWSDESK_DB", str(DEFAULT_DB))),
            base_url=env.get("NEWSDESK_BASE_URL", DEFAULT_BASE_URL).rstrip("/"),
            base_url_set=bool(env.get("NEWSDESK_BASE_URL")),
            smtp_url=env.get("NEWSDESK_SMTP_URL"),
            mail_from=env.get("NEWSDESK_MAIL_FROM"),
            dkim_key=Path(dkim) if dkim else None,
            dkim_selector=env.get("NEWSDESK_DKIM_SELECTOR"),
            secret=env.get("NEWSDESK_SECRET"),
            embedding=_embedding(env),
            brief_rising=_switch(env, "NEWSDESK_BRIEF_RISING"),
            read_ahead=not env.get("NEWSDESK_READ_AHEAD") or _switch(env, "NEWSDESK_READ_AHEAD"),
            keep_not_news=_switch(env, "NEWSDESK_KEEP_NOT_NEWS"),
            workers=_workers(env),
            **_limits(env),
        )

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (command-line options win over the environment)."""
        return replace(self, **changes)  # type: ignore[arg-type]
