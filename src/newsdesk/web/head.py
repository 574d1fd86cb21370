"""HEAD answered wherever GET is: the GET route runs, its headers go out, its body does not.

FastAPI registers only the methods a route names, so ``@router.get`` routes answered
HEAD with 405; link checkers, feed readers and monitors send HEAD first. Plain ASGI:
the request is passed on as a GET and every body chunk is dropped on the way out
(Content-Length stays that of the GET, as RFC 9110 allows).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet"]


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a streamed body: nothing of it is sent
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
