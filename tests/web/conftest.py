"""A small store built from fixtures (no ML model), the app over it, and a live server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from helpers.stories import fake_features, record
from newsdesk.article import Annotations, Article, Entity, Event, Mention, Quote
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.outlets.model import Outlet
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.web.passwords import hash_password

OUTLETS = ["Wire", "Ledger", "Post", "Courier"]
FIXTURE_OUTLETS = [("Wire", "GB", "wire"), ("Ledger", "US", "private"), ("Post", "JP", "state")]

HOSTILE_TITLE = "Ferry <script>window.__pwned=1</script> capsizes"
HOSTILE_HTML = """<!doctype html><html><head><title>x</title></head><body><article>
<h1>Ferry &lt;script&gt;window.__pwned=1&lt;/script&gt; capsizes</h1>
<p>The ferry capsized near Port Selva <script>window.__pwned=2</script> on Monday night,
and the coast guard said all passengers were rescued. <img src="x" onerror="window.__pwned=3"></p>
<p>Witnesses said <a href="javascript:window.__pwned=4">the crew</a> acted fast while the ferry
listed in the harbour. <svg><script>window.__pwned=5</script></svg> Divers inspected the hull.</p>
<p>Officials promised an inquiry into the capsized ferry and its <b onmouseover="alert(1)">owners</b>
within a week, and said the harbour would reopen on Wednesday once divers had</p>
<p>Sign up for our newsletter &lt;img src=x onerror=alert(9)&gt; to get the news first.</p>
<p>© 2026 Evil Gazette. All rights reserved.</p><p>Shares: 1,204 · Comments: 56 "&lt;/p&gt;&lt;script&gt;alert(6)&lt;/script&gt;"</p>
</article></body></html>"""


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for i, outlet in enumerate(OUTLETS):
        records.append(record(f"q{i}", "quake", 5 + i, i % 2, outlet))
        records.append(record(f"s{i}", "strike", 100 + i, i % 2, outlet))
        records.append(record(f"v{i}", "vote", 80 + i, 1 + i % 2, outlet))
    copy = dict(records[0], id="q0copy", url="https://bay.example/q0", outlet="Bay")
    copy["published"] = "2026-03-09T09:30:00"
    records.append(copy)
    records.append(
        {
            "id": "ar1",
            "url": "https://sahel.example/ar1",
            "title": "زلزال يضرب وادي أورلن",
            "text": "ضرب زلزال قوي وادي أورلن صباح الاثنين وتضررت الجسور قرب فارنا. "
            "وقال الحاكم إن فرق الإنقاذ وصلت إلى القرى الأكثر تضررا.",
            "outlet": "Sahel",
            "published": "2026-03-10T07:00:00",
        }
    )
    for item in records:
        (folder / f"{item['id']}.jsonl").write_text(
            json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    hostile = {
        "id": "evil",
        "url": "https://evil.example/ferry",
        "title": HOSTILE_TITLE,
        "html": HOSTILE_HTML,
        "outlet": "Evil <img src=x onerror=alert(7)> Gazette",
        "author": "<script>alert(8)</script>",
        "published": "2026-03-11T06:00:00",
    }
    (folder / "evil.jsonl").write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    return folder


EDITOR = ("editor", "correct horse battery")  # a user of the live server, for /admin
SECRET = "test secret " * 4
HOSTILE_NAME = "Selva <img src=x onerror=window.__pwned=11> Port"


def _find(text: str, needle: str) -> tuple[int, int] | None:
    at = text.find(needle)
    return None if at < 0 else (at, at + len(needle))


def fixture_annotations(article: Article) -> Annotations:
    """What the annotate stage would read, written by hand (no model): Ilse Varga in the
    housing vote, a quote and a dated event of hers; a hostile name in the hostile article."""
    text, found = article.body, Annotations()
    for needle, canonical, kind in [
        ("Ilse Varga", "Ilse Varga", "PERSON"),
        ("Varga said", "Ilse Varga", "PERSON"),
        ("Kessrick", "Kessrick", "GPE"),
        ("Orlen valley", "Orlen Valley", "LOC"),
        ("Port Selva", HOSTILE_NAME, "GPE"),
    ]:
        span = _find(text, needle)
        if span:
            written = needle.split(" said")[0]
            found.entities.append(
                Mention(written, kind, span[0], span[0] + len(written), canonical=canonical)
            )
    led = _find(text, "Housing minister Ilse Varga led the debate, which ran past midnight.")
    if led:
        found.named.append(Entity("Ilse Varga", "PERSON", roles=["Housing minister"]))
        found.events.append(
            Event("led", "statement", text[led[0] : led[1]], actor="Ilse Varga",
                  date="2026-03-10", start=led[0], end=led[1])
        )  # fmt: skip
    said = _find(text, "the act was the biggest housing reform in a generation")
    if said:
        found.quotes.append(
            Quote(text[said[0] : said[1]], said[0], said[1], speaker="Ilse Varga", cue="said",
                  kind="indirect")
        )  # fmt: skip
    return found


def build_store(path: Path, corpus: Path) -> SqliteStore:
    store = SqliteStore(path)
    report = ingest([str(corpus)], store, settings=Settings(db=path, stories=False, annotate=False))
    assert not report.rejected, report.rejected
    for name, country, kind in FIXTURE_OUTLETS:  # registry facts: coverage bars, regions
        store.outlets.save_outlet(Outlet(name=name, country=country, kind=kind))
    StoryTracker(store, featurize=fake_features).update()
    store.annotations.save_annotations(
        [(a.id or "", fixture_annotations(a)) for a in store.articles.articles()]
    )
    return store


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("web")
    corpus = write_corpus(root / "corpus")
    store = build_store(root / "web.db", corpus)
    store.users.set_password_hash(EDITOR[0], hash_password(EDITOR[1]))
    store.close()
    yield root / "web.db"


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    from newsdesk.web.app import create_app

    app = create_app(Settings(db=web_db, base_url="http://desk.test"))
    with TestClient(app, base_url="http://desk.test") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def ids(web_db: Path) -> dict[str, str]:
    """Ids to visit: a story, an article, the hostile article, a copy, the Arabic article."""
    with SqliteStore(web_db) as store:
        articles = {a.source.rsplit("/", 1)[-1].split(".")[0]: a for a in store.articles.articles()}
        story = max(store.stories.stories(), key=lambda s: s.outlet_count)
    return {
        "story": story.id,
        "article": articles["q1"].id or "",
        "evil": articles["evil"].id or "",
        "copy": articles["q0copy"].id or "",
        "original": articles["q0"].id or "",
        "arabic": articles["ar1"].id or "",
        "day": "2026-03-10",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """The desk served by a real uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from newsdesk.web.app import create_app

    port = _free_port()
    app = create_app(Settings(db=web_db, base_url=f"http://127.0.0.1:{port}", secret=SECRET))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 10 s")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)
