"""The JSON API: the CLI's --json documents, paged, and an OpenAPI schema schemathesis agrees with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from newsdesk.settings import Settings


def _all(client: TestClient, url: str, **params: Any) -> list[Any]:
    items: list[Any] = []
    response = client.get(url, params={**params, "limit": 3})
    while True:
        assert response.status_code == 200, response.text
        items += response.json()
        link = response.headers.get("link")
        if not link:
            return items
        response = client.get(link.split(";")[0].strip("<>"))


def test_api_lists_equal_the_cli_json(
    client: TestClient, web_db: Path, cli: Callable[..., Any]
) -> None:
    db = str(web_db)
    assert _all(client, "/api/v1/articles") == cli("--db", db, "articles", "--json").json()
    assert _all(client, "/api/v1/stories") == cli("--db", db, "stories", "--json").json()
    day = cli("--db", db, "stories", "--date", "2026-03-10", "--json").json()
    assert _all(client, "/api/v1/stories", date="2026-03-10") == day
    hits = cli("--db", db, "search", "earthquake OR ferry", "--json").json()
    assert client.get("/api/v1/search", params={"q": "earthquake OR ferry"}).json() == hits


def test_api_documents_equal_the_cli_json(
    client: TestClient, web_db: Path, ids: dict[str, str], cli: Callable[..., Any]
) -> None:
    db = str(web_db)
    for key in ("article", "evil", "copy", "original", "arabic"):
        expected = cli("--db", db, "article", ids[key], "--json").json()
        assert client.get(f"/api/v1/articles/{ids[key]}").json() == expected
    expected = cli("--db", db, "story", ids["story"], "--json").json()
    assert client.get(f"/api/v1/stories/{ids['story']}").json() == expected


def test_api_outlets_and_briefs(client: TestClient) -> None:
    outlets = {o["name"]: o for o in client.get("/api/v1/outlets").json()}
    assert outlets["Wire"]["articles"] == 3 and outlets["Wire"]["stories"] == 3
    days = [d["date"] for d in client.get("/api/v1/briefs").json()]
    assert days == sorted(days, reverse=True) and "2026-03-10" in days


def test_api_openapi_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/search",
        "/api/v1/outlets",
        "/api/v1/briefs",
        "/api/v1/briefs/{day}",
        "/api/v1/entities/{name}",
        "/api/v1/export/{kind}.jsonl",
        "/api/v1/watch",
        "/api/v1/watch/{name}",
        "/api/v1/trends",
        "/api/v1/rising",
    } == paths  # the HTML pages and feeds are not part of the API schema


def test_api_schemathesis_finds_no_failures(web_db: Path) -> None:
    """Positive and negative cases for every operation, validated against the schema."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.specs.openapi.checks import positive_data_acceptance as acceptance

    from newsdesk.web.app import create_app

    app = create_app(Settings(db=web_db))
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(mode))
            @settings(
                max_examples=12,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                # a cursor is opaque and a query has a grammar: a schema cannot say which
                # strings are valid, so a 400 for those is right, not a rejected valid request
                free_text = bool(case.query and ({"after", "q"} & set(case.query)))
                case.call_and_validate(excluded_checks=[acceptance] if free_text else [])

            try:
                run()
            except Unsatisfiable:  # no parameters to break: nothing negative to send
                continue
            except Exception as exc:  # gather every operation's failure, then report them all
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    assert not failures, "\n\n".join(failures)
