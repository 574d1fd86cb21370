"""``newsdesk annotate``: read entities, quotes, dates and events in files, storing nothing.

Models load once for the whole batch. A JSON Lines file gives one result per
record (carrying its ``id``; its own ``published`` wins over ``--published``);
any other file gives one result carrying its ``source``. A file that cannot be
used gives ``{"source", "error"}`` and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.article import Article
from newsdesk.errors import EmptyInput, InputError, NewsdeskError
from newsdesk.faults import describe
from newsdesk.ingest import read_bytes
from newsdesk.ingestion import apply_overrides
from newsdesk.serialize import annotations_json
from newsdesk.settings import Settings

__all__ = ["annotate_files"]


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
) -> bool:
    """Annotate every file (or record); ``write`` each result; True when some failed."""
    from newsdesk.annotate.annotator import Annotator
    from newsdesk.clean import TextCleaner
    from newsdesk.clean.language import detect_language

    cleaner = TextCleaner.from_settings(settings)
    jobs: list[tuple[dict[str, Any], Article]] = []
    failed = False
    for path in files:
        try:
            for article in _articles(path, settings, jsonl=jsonl):
                if article.published is None:
                    apply_overrides(article, published=published)
                if clean:
                    cleaner.clean(article)
                record = article.extras.get("record_id")
                label = {"id": record} if article.format == "jsonl" and jsonl else {}
                jobs.append((label or {"source": str(path)}, article))
        except NewsdeskError as exc:
            failed = True
            write({"source": str(path), "error": str(exc)})
    texts = [_text(article, clean=clean) for _, article in jobs]
    when = [article.published for _, article in jobs]
    langs = [
        article.language if clean else detect_language(text, prior=article.language)
        for (_, article), text in zip(jobs, texts, strict=True)
    ]
    annotator = Annotator(
        chunk_chars=settings.annotate_chunk_chars, max_chars=settings.annotate_max_chars
    )
    try:
        found_all: list[Any] = list(annotator.annotate_texts(texts, when, langs))
    except Exception:  # one text spoils the batch: each is read on its own below
        found_all = [None] * len(jobs)
    for i, (label, article) in enumerate(jobs):
        found = found_all[i]
        if found is None:
            try:
                (found,) = annotator.annotate_texts([texts[i]], [when[i]], [langs[i]])
            except Exception as exc:  # that one is reported; the others go on
                failed = True
                write({**label, "error": f"cannot annotate: {describe(exc)}"})
                continue
        day = article.published.isoformat() if article.published else None
        text = _text(article, clean=clean)
        write({**label, "published": day, "text": text, **annotations_json(found)})
    return failed
