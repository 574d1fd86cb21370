"""``newsdesk export`` and the API's JSON Lines export, as a user reads what they wrote."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.article import Annotations, Article, Event, Mention
from newsdesk.export import ExportRequest, export_rows, open_writer
from newsdesk.export.writers import ParquetWriter
from newsdesk.store import SqliteStore
from newsdesk.store.rules import ArticleMark

OUTLETS = ["Northgate Wire", "Harbour Post", "Kessrick Daily"]


def _article(n: int) -> Article:
    topic = "ferry terminal" if n % 2 else "tram strike"
    text = f"Story {n} about the {topic}, with a line of its own ({n * 7919}) and more text."
    return Article(
        source=f"feed.xml#{n}",
        format="text",
        raw=text,
        text=text,
        id=f"a{n:03d}",
        url=f"https://news.example/{n}",
        title=f"{topic.title()} report {n}",
        outlet=OUTLETS[n % 3],
        author="Ann Lee" if n % 2 else None,
        published=datetime(2026, 3, 1 + n % 10, 9, tzinfo=UTC),
        flags=["partial"] if n == 3 else [],
    )


def _fill(store: SqliteStore, count: int = 12) -> None:
    articles = [_article(n) for n in range(1, count + 1)]
    store.articles.add_source("feed.xml", articles)
    ferries = [a.id for a in articles if a.id and int(a.id[1:]) % 2]
    store.stories.save_assignments(
        features=[],
        assignments={i: "s-ferry" for i in ferries},
        merges=[],
        titles={"s-ferry": "Ferry terminal"},
    )
    found = Annotations(
        entities=[
            Mention("Port Selva", "GPE", 0, 10, "Port Selva"),
            Mention("Selva", "GPE", 20, 25, "Port Selva"),
        ],
        events=[Event(action="opened", code="cooperate", sentence="The terminal opened.",
                      actor="Port Selva", date="2026-03-02")],
    )  # fmt: skip
    store.annotations.save_annotations([("a001", found), ("a003", found)])


@pytest.fixture
def filled(store: SqliteStore) -> SqliteStore:
    _fill(store)
    return store


def _jsonl(store: SqliteStore, kind: str, **kw: object) -> list[dict[str, object]]:
    out = io.StringIO()
    request = ExportRequest.build(kind, "jsonl", **kw)  # type: ignore[arg-type]
    export_rows(store, request, open_writer("jsonl", kind, text=out))
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_exporter_articles_jsonl_has_every_article_in_ingest_order(filled: SqliteStore) -> None:
    rows = _jsonl(filled, "articles")
    assert [r["id"] for r in rows] == [f"a{n:03d}" for n in range(1, 13)]
    first = rows[0]
    assert list(first)[:3] == ["id", "url", "title"] and list(first)[-1] == "text"
    assert first["story_id"] == "s-ferry" and first["outlet"] == "Harbour Post"
    assert rows[2]["flags"] == ["partial"] and first["hidden"] is None


def test_exporter_query_and_since_select_articles(filled: SqliteStore) -> None:
    ferries = _jsonl(filled, "articles", query="ferry")
    assert {r["id"] for r in ferries} == {f"a{n:03d}" for n in range(1, 13, 2)}
    north = _jsonl(filled, "articles", query='ferry outlet:"Northgate Wire"')
    assert [r["id"] for r in north] == ["a003", "a009"]
    recent = _jsonl(filled, "articles", since="2026-03-09")
    assert {r["published"][:10] for r in recent} == {"2026-03-09", "2026-03-10"}


def test_exporter_hidden_articles_are_left_out_unless_asked_for(filled: SqliteStore) -> None:
    filled.rules.save_marks(
        [ArticleMark("a005", "muted", "no-ferries", "muted by rule 'no-ferries'")]
    )
    assert "a005" not in {r["id"] for r in _jsonl(filled, "articles")}
    every = {r["id"]: r for r in _jsonl(filled, "articles", include_hidden=True)}
    assert every["a005"]["hidden"] == "muted"
    assert "no-ferries" in str(every["a005"]["hidden_reason"])
    queried = _jsonl(filled, "articles", query="ferry", include_hidden=True)
    assert "a005" in {r["id"] for r in queried}
    assert "a005" not in {r["id"] for r in _jsonl(filled, "articles", query="ferry")}


def test_exporter_stories_entities_and_events(filled: SqliteStore) -> None:
    (story,) = _jsonl(filled, "stories")
    assert story["id"] == "s-ferry" and story["title"] == "Ferry terminal"
    assert story["articles"] == ["a001", "a011", "a003", "a005", "a007", "a009"]  # by date
    assert story["article_count"] == 6
    assert _jsonl(filled, "stories", query="tram") == []
    (entity,) = _jsonl(filled, "entities")
    assert entity == {
        "name": "Port Selva", "type": "GPE", "mentions": 4, "articles": 2, "aliases": ["Selva"],
        "first_seen": "2026-03-02T09:00:00+00:00", "last_seen": "2026-03-04T09:00:00+00:00",
    }  # fmt: skip
    events = _jsonl(filled, "events")
    assert [(e["article_id"], e["action"], e["actor"]) for e in events] == [
        ("a001", "opened", "Port Selva"),
        ("a003", "opened", "Port Selva"),
    ]
    assert [e["article_id"] for e in _jsonl(filled, "events", since="2026-03-03")] == ["a003"]


def test_exporter_csv_has_a_header_and_lists_as_json(filled: SqliteStore) -> None:
    out = io.StringIO()
    export_rows(
        filled, ExportRequest.build("stories", "csv"), open_writer("csv", "stories", text=out)
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["id"] == "s-ferry" and rows[0]["article_count"] == "6"
    assert json.loads(rows[0]["outlets"]) == sorted(set(json.loads(rows[0]["outlets"])), key=str)
    assert json.loads(rows[0]["articles"])[0] == "a001"


def test_exporter_parquet_is_written_in_row_groups(filled: SqliteStore, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "articles.parquet"
    with path.open("wb") as out:
        writer = ParquetWriter(out, "articles", row_group=5)
        written = export_rows(filled, ExportRequest.build("articles", "parquet"), writer)
    assert written == 12
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 3  # 5 + 5 + 2
    table = parquet.read()
    assert table.column("id").to_pylist()[:2] == ["a001", "a002"]
    assert table.column("flags").to_pylist()[2] == ["partial"]
    assert str(table.schema.field("flags").type) == "list<element: string>"


def test_exporter_cli_writes_files_and_stdout(cli, tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "cli.db") as store:
        _fill(store)
    out = tmp_path / "a.parquet"
    made = cli("export", "articles", "--format", "parquet", "--output", str(out))
    assert made.code == 0, made.stderr
    assert "12 articles written" in made.stderr and not (tmp_path / "a.parquet.partial").exists()
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == 12
    printed = cli("export", "entities", "--format", "csv", "--query", "ferry")
    assert printed.code == 0
    assert printed.stdout.splitlines()[0] == (
        "name,type,mentions,articles,aliases,first_seen,last_seen"
    )
    lines = cli("export", "events").stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["action"] == "opened"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "articles", "--query", 'ferry "open'), "unbalanced quote"),
        (("export", "articles", "--query", "date:2026-13-01"), "bad date '2026-13-01'"),
        (("export", "articles", "--since", "last week"), "--since 'last week'"),
        (("export", "widgets"), "cannot export 'widgets'"),
        (("export", "articles", "--format", "xlsx"), "--format 'xlsx'"),
    ],
)
def test_exporter_cli_bad_input_is_a_usage_error_naming_the_token(
    cli, args: tuple[str, ...], message: str
) -> None:
    result = cli(*args)
    assert result.code == 2
    assert message in result.stderr
    assert result.stdout == ""


@pytest.fixture
def client(tmp_path: Path) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from newsdesk.settings import Settings
    from newsdesk.web.app import create_app

    db = tmp_path / "web.db"
    with SqliteStore(db) as store:
        _fill(store)
    with TestClient(create_app(Settings(db=db, base_url="http://desk.test"))) as test_client:
        yield test_client


def test_exporter_api_streams_json_lines(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.get("/api/v1/export/articles.jsonl", params={"q": "tram"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in answer.text.splitlines()]
    assert [r["id"] for r in rows] == [f"a{n:03d}" for n in range(2, 13, 2)]
    stories = client.get("/api/v1/export/stories.jsonl").text.splitlines()
    assert json.loads(stories[0])["id"] == "s-ferry"


def test_exporter_api_refuses_a_malformed_query_naming_it(client) -> None:  # type: ignore[no-untyped-def]
    answer = client.get("/api/v1/export/articles.jsonl", params={"q": '"open'})
    assert answer.status_code == 400
    assert "unbalanced quote" in answer.text
    assert client.get("/api/v1/export/widgets.jsonl").status_code in (400, 404, 422)
    assert client.get("/api/v1/export/events.jsonl", params={"since": "soon"}).status_code == 400
