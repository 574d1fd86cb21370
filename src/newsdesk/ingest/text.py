"""Plain text, as scraped off a page; cleaning happens in a later stage."""

from __future__ import annotations

from newsdesk.article import Article
from newsdesk.errors import EmptyInput
from newsdesk.ingest.blob import Blob, Readout
from newsdesk.ingest.encoding import decode_document
from newsdesk.settings import Settings

__all__ = ["read_text"]


def read_text(blob: Blob, settings: Settings) -> Readout:
    """One text file: one Article whose ``text`` is its ``raw`` text."""
    decoded = decode_document(blob.data, blob.content_type)
    text = decoded.text.replace("\r\n", "\n")
    if not text.strip():
        raise EmptyInput("the text is empty or only whitespace; nothing to read")
    article = Article(source=blob.source, format="text", raw=text, text=text, url=blob.url)
    article.fetched = blob.fetched
    article.extras["raw_format"] = "text"
    decoded.record(article.extras)
    return Readout(articles=[article])
