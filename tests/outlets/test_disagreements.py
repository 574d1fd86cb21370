"""Perspectives on conflicting reports: Japanese and Chinese outlets give a ferry
disaster's death toll and date differently, and every view labels the values by group."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from helpers.stories import fake_features
from newsdesk.cluster.tracker import StoryTracker
from newsdesk.ingestion import ingest
from newsdesk.mail.compose import make_edition
from newsdesk.publish.brief import build_brief
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

Cli = Callable[..., Any]

# (record, host of a real outlet in the bundled registry, text): NHK and The Asahi Shimbun
# (Japan: a public broadcaster and a private paper) against Xinhua and CGTN (China: state)
REPORTS = [
    ("jp1", "www3.nhk.or.jp",
     "A passenger ferry capsized in heavy seas off the Goto Islands on Tuesday. At least 12"
     " people died when the ferry Tsubaki Maru sank on March 3, the coast guard said. Patrol"
     " boats and helicopters searched through the night for the missing crew members."),
    ("jp2", "www.asahi.com",
     "Families gathered at Nagasaki port as divers searched the wreck of the Tsubaki Maru"
     " ferry off the Goto Islands. At least 12 people died when the ferry sank on March 3,"
     " officials said. The operator apologised and promised a full inquiry into the"
     " overloaded vessel."),
    ("cn1", "english.news.cn",
     "The Tsubaki Maru ferry sank off the Goto Islands in heavy seas, and the Chinese"
     " consulate in Nagasaki sent staff to help. At least 19 people died when the ferry sank"
     " on March 2, the coast guard said. Two Chinese tourists were among the passengers"
     " rescued by fishing boats."),
    ("cn2", "news.cgtn.com",
     "Rescue work continued off the Goto Islands where the ferry Tsubaki Maru went down with"
     " more than sixty people aboard. At least 19 people died when the ferry sank on March 2,"
     " local officials said. Beijing urged Tokyo to tighten maritime safety rules after the"
     " disaster."),
]  # fmt: skip
DAY = date(2026, 3, 4)
JAPAN, CHINA = "Japanese outlets", "Chinese state media"


def _build(path: Path, corpus: Path) -> str:
    corpus.mkdir(parents=True, exist_ok=True)
    for n, (name, host, text) in enumerate(REPORTS):
        record = {
            "id": name,
            "url": f"https://{host}/news/{name}",  # the host alone names the outlet
            "title": f"Ferry sinks off the Goto Islands ({name})",
            "text": text,
            "published": f"{DAY.isoformat()}T{8 + n:02d}:00:00",
        }
        (corpus / f"{name}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    with SqliteStore(path) as store:
        report = ingest(
            [str(corpus)], store, settings=Settings(db=path, stories=False, annotate=False)
        )
        assert not report.rejected, report.rejected
        StoryTracker(store, featurize=fake_features).update()
        [story] = store.stories.stories()
        assert story.article_count == len(REPORTS)
        return story.id


@pytest.fixture
def ferry(cli: Cli, tmp_path: Path) -> str:
    """The story's id, in the store the ``cli`` fixture's commands read."""
    return _build(tmp_path / "cli.db", tmp_path / "corpus")


def _by_group(disagreement: dict[str, Any]) -> dict[str, tuple[str, int]]:
    return {v["label"]: (v["value"], len(v["sources"])) for v in disagreement["values"]}


def _check(perspectives: dict[str, Any]) -> None:
    assert perspectives["by"] == "country"
    assert {g["label"] for g in perspectives["groups"]} == {JAPAN, CHINA}
    found = {d["about"]: _by_group(d) for d in perspectives["disagreements"]}
    assert found["death toll"] == {JAPAN: ("12", 2), CHINA: ("19", 2)}
    assert found["date"] == {JAPAN: ("March 3", 2), CHINA: ("March 2", 2)}


def test_disagreements_labelled_by_group_in_story_json(cli: Cli, ferry: str) -> None:
    shown = cli("story", ferry, "--json").json()
    _check(shown["perspectives"])
    ids = {a["id"] for a in shown["articles"]}
    cited = {i for d in shown["perspectives"]["disagreements"] for v in d["values"]
             for i in v["sources"]}  # fmt: skip
    assert cited == ids  # every value cites the articles that give it


def test_disagreements_labelled_by_group_in_the_brief(cli: Cli, ferry: str) -> None:
    made = cli("brief", "--date", DAY.isoformat(), "--format", "json").json()
    [story] = [s for s in made["stories"] if s["id"] == ferry]
    _check(story["perspectives"])
    text = cli("brief", "--date", DAY.isoformat(), "--format", "text").stdout
    assert re.search(r"death toll: Japanese outlets: 12 \[\d\]\[\d\] / Chinese state media:"
                     r" 19 \[\d\]\[\d\]", text), text  # fmt: skip


def test_disagreements_labelled_by_group_in_the_newsletter_text(ferry: str, tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "cli.db") as store:
        edition = make_edition(build_brief(store, DAY))
    assert edition is not None
    flat = " ".join(edition.text.split())
    assert "Perspectives:" in edition.text
    assert re.search(r"date: Japanese outlets: March 3 \[\d\]\[\d\] / Chinese state media:"
                     r" March 2 \[\d\]\[\d\]", flat), edition.text  # fmt: skip
    assert max(len(line) for line in edition.text.splitlines()) <= 78


def test_disagreements_labelled_by_group_on_the_story_page(ferry: str, tmp_path: Path) -> None:
    from newsdesk.web.app import create_app

    app = create_app(Settings(db=tmp_path / "cli.db", base_url="http://desk.test"))
    with TestClient(app, base_url="http://desk.test") as web:
        page = web.get(f"/story/{ferry}")
    assert page.status_code == 200
    html = page.text.split('id="perspectives-h"', 1)[1].split("</section>", 1)[0]
    assert "Grouped by country" in html and "Where the groups disagree" in html
    for label, value in ((JAPAN, "12"), (CHINA, "19"), (JAPAN, "March 3"), (CHINA, "March 2")):
        label = label[:1].upper() + label[1:]
        assert re.search(rf'<span class="group">{label}:</span> <span dir="auto">{value}</span>'
                         r'( <a class="cite" href="/article/[^"]+">\([^)]*\)</a>){2}', html), html  # fmt: skip
