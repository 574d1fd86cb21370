"""The demo corpus: fictional news from eleven invented outlets, in every input format.

``corpus_dir()`` is the folder ``newsdesk demo`` ingests; ``load_gold()`` the hand-written
answers (events, copies, quotes, entities, conflicts…) that tests and ``bench/`` score against.

An *article key* is a path relative to ``corpus_dir()``, plus ``#N`` (1-based, file order) for
files that hold several articles: ``feeds/civic_beat.rss#2``, ``wire.jsonl#5``,
``archive/crawl_2026-03-12.warc.gz#3`` (counting response records).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

__all__ = ["article_keys", "corpus_dir", "load_gold", "read_article"]

_HERE = Path(__file__).resolve().parent
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_ATOM = "{http://www.w3.org/2005/Atom}"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def corpus_dir() -> Path:
    """The folder holding the demo corpus (scraped/, html/, feeds/, archive/, wire.jsonl)."""
    return _HERE / "corpus"


def load_gold() -> dict[str, Any]:
    """The gold annotations for the corpus (see README.md beside this file)."""
    data: dict[str, Any] = json.loads((_HERE / "gold.json").read_text(encoding="utf-8"))
    return data


def _decode_html(raw: bytes) -> str:
    m = _META_CHARSET.search(raw[:2048])
    return raw.decode(m.group(1).decode("ascii") if m else "utf-8")


def _feed_items(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        out = []
        for item in root.iter("item"):
            parts = [item.findtext(tag) or "" for tag in ("title", "description", _CONTENT)]
            out.append("\n".join(parts))
        return out
    return [
        "\n".join(e.findtext(f"{_ATOM}{tag}") or "" for tag in ("title", "summary", "content"))
        for e in root.iter(f"{_ATOM}entry")
    ]


def _warc_payloads(path: Path) -> list[str]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        return [
            _decode_html(rec.content_stream().read())
            for rec in ArchiveIterator(fh)
            if rec.rec_type == "response"
        ]


def _units(rel: str) -> list[str]:
    """Every article's source text in one corpus file, in file order."""
    path = corpus_dir() / rel
    if rel.endswith(".jsonl"):
        recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        return [
            json.dumps(r, ensure_ascii=False) + "\n" + (r.get("text") or r.get("html") or "")
            for r in recs
        ]
    if rel.endswith((".rss", ".atom")):
        return _feed_items(path)
    if rel.endswith(".warc.gz"):
        return _warc_payloads(path)
    if rel.endswith(".html"):
        return [_decode_html(path.read_bytes())]
    return [path.read_text(encoding="utf-8")]


def _files() -> list[str]:
    root = corpus_dir()
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def article_keys() -> list[str]:
    """All article keys in the corpus, in a stable order."""
    keys: list[str] = []
    for rel in _files():
        if rel.endswith((".txt", ".html")):
            keys.append(rel)
        else:
            keys.extend(f"{rel}#{i}" for i in range(1, len(_units(rel)) + 1))
    return keys


def read_article(key: str) -> str:
    """The decoded source of one article: the file, feed item, JSON record or WARC payload.

    Feed items give title, summary and (unescaped) content; JSON records give the record as
    JSON followed by its ``text`` or ``html``.
    """
    rel, _, num = key.partition("#")
    units = _units(rel)
    if not num:
        if len(units) != 1:
            raise KeyError(f"{key}: file holds {len(units)} articles; add #N")
        return units[0]
    idx = int(num)
    if not 1 <= idx <= len(units):
        raise KeyError(f"{key}: no article #{idx} (file holds {len(units)})")
    return units[idx - 1]
