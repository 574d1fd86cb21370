"""The real pages of the shared eval sets, read the way newsdesk reads them (for bench/ scripts).

Each loader yields ``(set name, doc id, Article)`` with the article as its reader made it
(HTML and WARC through newsdesk's readers; plain-text sets as a text record without a
title). :func:`split` puts each document in "dev" or "held-out" by a hash of its id, so a
rule looked at on dev can be checked on pages nobody looked at.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from newsdesk.article import Article
from newsdesk.ingest import read_path
from newsdesk.settings import Settings

Page = tuple[str, str, Article]
NEWS_SETS = ("ecbplus", "polnear", "meantime", "crosslingual", "aeb", "trafilatura", "warc_news")


def split(doc_id: str) -> str:
    """ "dev" for half the documents, "held-out" for the other half, fixed by the id."""
    return "dev" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def _text(set_name: str, doc_id: str, text: str) -> Page:
    article = Article(source=f"{set_name}/{doc_id}", format="text", raw=text, text=text)
    article.extras["raw_format"] = "text"
    return set_name, doc_id, article


def _files(set_name: str, paths: list[Path], settings: Settings) -> Iterator[Page]:
    for path in paths:
        try:
            articles = read_path(str(path), settings=settings)
        except Exception:
            continue
        for index, article in enumerate(articles):
            doc_id = path.name if len(articles) == 1 else f"{path.name}#{index}"
            yield set_name, article.url or doc_id, article


def ecbplus(root: Path) -> Iterator[Page]:
    with (root / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            yield _text("ecbplus", doc["doc_id"], doc["text"])


def polnear(root: Path) -> Iterator[Page]:
    for part in ("dev", "train"):
        for path in sorted((root / "polnear" / part / "text").glob("*.txt")):
            yield _text("polnear", path.stem, path.read_text(encoding="utf-8"))


def meantime(root: Path) -> Iterator[Page]:
    from entity_identity_meantime import read_document

    folder = root / "meantime_en" / "intra_cross-doc_annotation"
    for path in sorted(folder.rglob("*.xml")):
        text, _ = read_document(path)
        yield _text("meantime", path.stem, text)


def crosslingual(root: Path) -> Iterator[Page]:
    with (root / "crosslingual_dev" / "docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            yield _text("crosslingual", doc["id"], doc["text"])


def aeb(root: Path, settings: Settings) -> Iterator[Page]:
    yield from _files("aeb", sorted((root / "scrapinghub_aeb" / "html").glob("*.gz")), settings)


def trafilatura_eval(root: Path, settings: Settings) -> Iterator[Page]:
    paths = sorted((root / "trafilatura_eval" / "html").glob("*.gz"))
    yield from _files("trafilatura", paths, settings)


def warc(root: Path, settings: Settings, name: str, set_name: str) -> Iterator[Page]:
    yield from _files(set_name, [root / "warc_samples" / name], settings)


def news_pages(root: Path, settings: Settings, sets: tuple[str, ...] = NEWS_SETS) -> Iterator[Page]:
    """Every page of the real news sets named in ``sets``."""
    if "ecbplus" in sets:
        yield from ecbplus(root)
    if "polnear" in sets:
        yield from polnear(root)
    if "meantime" in sets:
        yield from meantime(root)
    if "crosslingual" in sets:
        yield from crosslingual(root)
    if "aeb" in sets:
        yield from aeb(root, settings)
    if "trafilatura" in sets:
        yield from trafilatura_eval(root, settings)
    if "warc_news" in sets:
        yield from warc(root, settings, "scrapinghub_news_20_repackaged.warc.gz", "warc_news")


def crawl_pages(root: Path, settings: Settings) -> Iterator[Page]:
    """The Common Crawl records of the WARC samples (random web pages, not chosen as news)."""
    yield from warc(root, settings, "resiliparse_warcfile.warc.gz", "warc_crawl")
