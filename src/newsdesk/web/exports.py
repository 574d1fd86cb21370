"""``/api/v1/export/KIND.jsonl``: an export streamed as JSON Lines, as ``newsdesk export``.

The rows come from the store a batch at a time while the response is being
sent (no whole-store load); a malformed query or date is a 400 naming it,
answered before the first byte of the body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse

from newsdesk.errors import SearchSyntaxError, UsageError
from newsdesk.web.api import ERROR
from newsdesk.web.desk import MAX_QUERY, BadParameter, Desk, check_query

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])


@router.get(
    "/export/{kind}.jsonl",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "One JSON object per line (the columns of `newsdesk export KIND`)",
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        },
        400: {
            "description": "A malformed or over-long parameter",
            "content": {"application/json": {"schema": ERROR}},
        },
    },
)
def export_jsonl(
    request: Request,
    kind: Annotated[str, Path(pattern="^(articles|stories|entities|events)$")],
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY, description="Only what matches this search.")
    ] = None,
    since: Annotated[
        dt.date | None, Query(description="Only articles published on or after this day.")
    ] = None,
) -> StreamingResponse:
    """Articles, stories, entities or events as JSON Lines (``newsdesk export KIND``),
    filtered by a search ``q`` and ``since`` a day; streamed as it is read."""
    from newsdesk.export import ExportRequest

    desk: Desk = request.app.state.desk
    try:
        wanted = ExportRequest.build(
            kind, "jsonl", query=check_query(q), since=since.isoformat() if since else None
        )
    except (SearchSyntaxError, UsageError) as exc:
        raise BadParameter("q", str(exc)) from None

    def lines() -> Iterator[bytes]:
        yield from desk.export_lines(wanted)

    return StreamingResponse(
        lines(),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": f'inline; filename="{kind}.jsonl"'},
    )
