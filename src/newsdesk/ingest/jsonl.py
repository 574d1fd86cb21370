"""JSON Lines: one article per line; a broken line is reported and the others are kept."""

from __future__ import annotations

import json
from typing import Any

from newsdesk.article import Article
from newsdesk.errors import EmptyInput, InputError, MalformedInput, TooLarge
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.dates import parse_date
from newsdesk.ingest.encoding import decode
from newsdesk.ingest.html import article_from_html
from newsdesk.settings import Settings

__all__ = ["KNOWN_FIELDS", "read_jsonl"]

KNOWN_FIELDS = frozenset({"id", "url", "title", "text", "html", "published", "outlet", "author"})
_STRING_FIELDS = ("url", "title", "outlet", "author")


def _string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInput(f'field "{key}" must be a string, not {type(value).__name__}')
    return value.strip() or None


def _body(record: dict[str, Any]) -> tuple[str, str]:
    """The record's content and whether it is "text" or "html"."""
    for key in ("text", "html"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, key
        if value is not None and not isinstance(value, str):
            raise MalformedInput(f'field "{key}" must be a string, not {type(value).__name__}')
    raise EmptyInput('the record has no "text" or "html" to read')


def article_from_record(
    record: dict[str, Any], *, source: str, blob: Blob, settings: Settings
) -> Article:
    """An Article from one parsed JSON object."""
    body, kind = _body(record)
    url = _string(record, "url")
    if kind == "html":
        article = article_from_html(
            body, source=source, settings=settings, url=url, fetched=blob.fetched, fmt="jsonl"
        )
    else:
        article = Article(source=source, format="jsonl", raw=body, text=body, url=url)
        article.fetched = blob.fetched
        article.extras["raw_format"] = "text"
    for key in _STRING_FIELDS:
        value = _string(record, key)
        if value is not None:
            setattr(article, key, value)
    if record.get("published") is not None:
        published = parse_date(record["published"])
        if published is None:
            raise MalformedInput(f'field "published" is not a date: {record["published"]!r:.60}')
        article.published, article.published_source = published, "metadata"
    if record.get("id") is not None:
        article.extras["record_id"] = record["id"]
    for key, value in record.items():
        if key not in KNOWN_FIELDS:
            article.extras[key] = value
    return article


def _check_size(line: str, limit: int) -> None:
    if len(line) * 4 <= limit:  # no UTF-8 character is longer than 4 bytes
        return
    size = len(line.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise TooLarge(
            f"the line is {size:,} bytes, over the {limit:,}-byte cap for one record; "
            "raise NEWSDESK_MAX_RECORD_BYTES if it is genuine"
        )


def _parse_line(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise MalformedInput(f"invalid JSON: {exc}") from exc
    if not isinstance(record, dict):
        raise MalformedInput(f"each line must be a JSON object, not {type(record).__name__}")
    return record


def read_jsonl(blob: Blob, settings: Settings) -> Readout:
    """Every good line as an Article (source ``path:line``), every bad line as an error."""
    readout = Readout()
    lines = decode(blob.data, blob.content_type or "charset=utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{blob.source}:{number}"
        try:
            _check_size(line, settings.max_record_bytes)
            record = _parse_line(line)
            readout.articles.append(
                article_from_record(record, source=where, blob=blob, settings=settings)
            )
        except InputError as exc:
            readout.errors.append((where, str(exc)))
    if not readout.articles and not readout.errors:
        raise EmptyInput("the JSON Lines file has no records")
    return readout
