"""Every outlet link a reader can click on the brief and story pages opens an outlet page:
an article with no outlet (a plain file, a record without one) is named, never linked to
a page that does not exist; a story no named outlet carries never reads "from 0 outlets"."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.settings import Settings

from .conftest import build_store, write_corpus


def test_outlet_links_never_point_at_an_unknown_outlet(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    quake = json.loads((corpus / "q1.jsonl").read_text(encoding="utf-8"))
    nameless = dict(quake, id="q-nameless", url=None, outlet=None)
    nameless["text"] = quake["text"] + " Residents camped in the school gym overnight."
    (corpus / "q-nameless.jsonl").write_text(json.dumps(nameless) + "\n", encoding="utf-8")
    fire = (
        "A fire gutted the Harrow Lane library in Kessrick on Monday night, firefighters said. "
        "No one was hurt, and the council said the library's rare map collection was lost. "
    )
    for n, extra in enumerate(["Crews fought the blaze for six hours.", "Crews worked all night."]):
        item = {"id": f"fire{n}", "text": fire + extra, "published": quake["published"]}
        (corpus / f"fire{n}.jsonl").write_text(json.dumps(item) + "\n", encoding="utf-8")
    build_store(tmp_path / "desk.db", corpus).close()
    from newsdesk.web.app import create_app

    app = create_app(Settings(db=tmp_path / "desk.db", base_url="http://desk.test"))
    with TestClient(app, base_url="http://desk.test") as client:
        day = quake["published"][:10]
        pages = [client.get(f"/brief/{day}").text]
        stories = set(re.findall(r'href="/story/([^"]+)"', pages[0]))
        pages += [client.get(f"/story/{s}").text for s in sorted(stories)]
        links = {link for page in pages for link in re.findall(r'href="(/outlet/[^"]+)"', page)}
        assert links  # the named outlets are still linked
        assert not [p for p in pages if "from 0 outlets" in p]
        assert any("from outlets not named" in p for p in pages)  # the library fire
        assert "unknown outlet" in pages[0].casefold()  # the nameless source is still listed
        for link in sorted(links):
            assert client.get(link).status_code == 200, link
