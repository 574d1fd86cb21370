"""A small store built from fixtures (no ML model), the app over it, and a live server."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from newsdesk.article import Article
from newsdesk.cluster.embed import DIM
from newsdesk.cluster.features import ArticleFeatures, features_for
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

EVENTS = {
    "quake": [
        "An earthquake of magnitude {n} struck the Orlen valley early on Monday.",
        "Bridges near Varna were damaged and villages around Lake Orlen lost power.",
        "Rescue teams reached the worst-hit villages by mid-morning, the governor said.",
        "Seismologists recorded more than forty aftershocks in the Orlen valley overnight.",
        "Schools in Varna stayed closed while engineers inspected the buildings.",
        "The quake was the strongest in the valley since records began, experts said.",
        "Residents of Lake Orlen spent the night in tents outside their homes.",
        "The regional governor asked the army for help clearing roads to Varna.",
    ],
    "strike": [
        "Dock workers at Port Selva walked out over automated cranes on Monday.",
        "Ferries and freight stopped as the dockers union picketed the Selva terminals.",
        "Talks with the port authority broke down after the cranes were switched on.",
        "The union said {n} members joined the stoppage on the first morning.",
        "Exporters warned that perishable cargo was rotting on the Selva quays.",
        "The port authority called the walkout illegal and threatened legal action.",
        "Dockers marched from the terminal gates to the harbour office at noon.",
        "A ballot on an indefinite strike will be held next week, the union said.",
    ],
    "vote": [
        "The Corvanian assembly passed the Affordable Homes Act by {n} votes.",
        "The act caps rents in Kessrick and Marrowby for the next five years.",
        "Housing minister Ilse Varga led the debate, which ran past midnight.",
        "Landlords' groups said the rent cap would choke new construction [sic].",
        "Tenants cheered outside the assembly building as the result was read.",
        "The opposition promised to repeal the act if it wins the next election.",
        "Varga said the act was the biggest housing reform in a generation.",
        "The law takes effect on the first of July, officials said.",
    ],
}
OUTLETS = ["Wire", "Ledger", "Post", "Courier"]

HOSTILE_TITLE = "Ferry <script>window.__pwned=1</script> capsizes"
HOSTILE_HTML = """<!doctype html><html><head><title>x</title></head><body><article>
<h1>Ferry &lt;script&gt;window.__pwned=1&lt;/script&gt; capsizes</h1>
<p>The ferry capsized near Port Selva <script>window.__pwned=2</script> on Monday night,
and the coast guard said all passengers were rescued. <img src="x" onerror="window.__pwned=3"></p>
<p>Witnesses said <a href="javascript:window.__pwned=4">the crew</a> acted fast while the ferry
listed in the harbour. <svg><script>window.__pwned=5</script></svg> Divers inspected the hull.</p>
<p>Officials promised an inquiry into the capsized ferry and its <b onmouseover="alert(1)">owners</b>
within a week, and said the harbour would reopen on Wednesday.</p>
<p>Sign up for our newsletter &lt;img src=x onerror=alert(9)&gt; to get the news first.</p>
<p>© 2026 Evil Gazette. All rights reserved.</p><p>Shares: 1,204 · Comments: 56 "&lt;/p&gt;&lt;script&gt;alert(6)&lt;/script&gt;"</p>
</article></body></html>"""


def _hash_vector(text: str) -> np.ndarray:
    """A stand-in for the sentence model: bag of hashed words, unit length."""
    vector = np.zeros(DIM, dtype=np.float32)
    for word in text.lower().split():
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


def fake_features(articles: Sequence[Article]) -> list[ArticleFeatures]:
    return [features_for(a, _hash_vector(a.body)) for a in articles]


def _record(name: str, event: str, n: int, day: int, outlet: str) -> dict[str, str]:
    pool = EVENTS[event]
    start = (n * 3) % len(pool)
    picked = [pool[(start + k) % len(pool)] for k in range(4)]
    text = " ".join(picked).format(n=n) + f" Reported by {outlet}."
    return {
        "id": name,
        "url": f"https://{outlet.lower()}.example/{name}",
        "title": f"{event.title()} report {name}",
        "text": text,
        "outlet": outlet,
        "published": (datetime(2026, 3, 9, 8) + timedelta(days=day)).isoformat(),
    }


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    records = []
    for i, outlet in enumerate(OUTLETS):
        records.append(_record(f"q{i}", "quake", 5 + i, i % 2, outlet))
        records.append(_record(f"s{i}", "strike", 100 + i, i % 2, outlet))
        records.append(_record(f"v{i}", "vote", 80 + i, 1 + i % 2, outlet))
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
    for record in records:
        (folder / f"{record['id']}.jsonl").write_text(
            json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
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


def build_store(path: Path, corpus: Path) -> SqliteStore:
    store = SqliteStore(path)
    report = ingest([str(corpus)], store, settings=Settings(db=path, stories=False, annotate=False))
    assert not report.rejected, report.rejected
    StoryTracker(store, featurize=fake_features).update()
    return store


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("web")
    corpus = write_corpus(root / "corpus")
    store = build_store(root / "web.db", corpus)
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
        articles = {a.source.rsplit("/", 1)[-1].split(".")[0]: a for a in store.articles()}
        story = max(store.stories(), key=lambda s: s.outlet_count)
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
    app = create_app(Settings(db=web_db, base_url=f"http://127.0.0.1:{port}"))
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
