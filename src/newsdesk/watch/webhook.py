"""Webhook alerts: a JSON POST signed with HMAC-SHA256, never following redirects.

The body is made from the alert's ledger rows, so a retry after a failure or a kill
sends the same bytes with the same ``X-Newsdesk-Delivery`` id (receivers drop a
delivery id they have seen). ``X-Newsdesk-Signature: sha256=HEX`` is the HMAC of the
body keyed by the watchlist's secret or ``NEWSDESK_SECRET``. The host is checked with
:func:`newsdesk.ingest.fetch.check_address` before every attempt (a DNS answer may
have changed since the watchlist was saved) unless the watchlist allows private
addresses. A redirect is an error: a POST is never re-sent somewhere else.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from typing import Any, Protocol
from urllib.parse import quote

from newsdesk.errors import FetchError
from newsdesk.store.watch import Watch
from newsdesk.store.watch_alerts import Alert, AlertItem

__all__ = [
    "DELIVERY_HEADER",
    "SIGNATURE_HEADER",
    "HookTransport",
    "Urllib3HookTransport",
    "payload",
    "post_alert",
    "sign",
]

DELIVERY_HEADER = "X-Newsdesk-Delivery"
SIGNATURE_HEADER = "X-Newsdesk-Signature"
USER_AGENT = "newsdesk-watch/0.1"


class HookTransport(Protocol):
    """POSTs one body; returns the HTTP status; raises OSError/TimeoutError on failure.

    ``addresses`` are the checked addresses of the URL's host: connect only to them.
    """

    def post(
        self,
        url: str,
        body: bytes,
        *,
        headers: Mapping[str, str],
        timeout: float,
        addresses: Sequence[str] = (),
    ) -> int: ...


class Urllib3HookTransport:
    """The default transport: the fetcher's pinned urllib3 pools (a connection goes only
    to the addresses that were checked, never to a fresh DNS answer), no redirects, no
    retries, the answer's body capped and ignored."""

    def __init__(self, *, pool_size: int = 8) -> None:
        from newsdesk.ingest.fetch import Urllib3Transport

        self._fetcher = Urllib3Transport(user_agent=USER_AGENT, pool_size=pool_size)

    def post(
        self,
        url: str,
        body: bytes,
        *,
        headers: Mapping[str, str],
        timeout: float,
        addresses: Sequence[str] = (),
    ) -> int:
        import urllib3

        from newsdesk.ingest.fetch import normalize_url

        target = normalize_url(url)
        pool = self._fetcher.pool_for(target, tuple(addresses))
        try:
            answer = pool.urlopen(
                "POST", target.path, body=body, headers={"User-Agent": USER_AGENT, **headers},
                redirect=False, retries=False, preload_content=False, assert_same_host=False,
                timeout=urllib3.Timeout(connect=timeout, read=timeout),
            )  # fmt: skip
            try:
                answer.read(64 * 1024)  # the answer's body is not used: read a little, drop it
            finally:
                answer.release_conn()
        except urllib3.exceptions.TimeoutError as exc:
            raise TimeoutError(str(exc)) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise OSError(str(exc)) from exc
        return int(answer.status)


def sign(key: str, body: bytes) -> str:
    return "sha256=" + hmac.new(key.encode("utf-8"), body, hashlib.sha256).hexdigest()


def payload(watch: Watch, alert: Alert, items: Sequence[AlertItem], *, base_url: str) -> bytes:
    """The JSON body (the same bytes every time it is made for this alert)."""
    base = base_url.rstrip("/")
    doc: dict[str, Any] = {
        "delivery_id": alert.delivery_id,
        "event": "watch.match",
        "created_at": alert.created_at,
        "watchlist": {
            "name": watch.name,
            "query": watch.query,
            "url": f"{base}/watch/{quote(watch.name, safe='')}",
        },
        "matches": [
            {
                "article_id": i.article_id,
                "title": i.title,
                "outlet": i.outlet,
                "published": i.published,
                "url": i.url,
                "desk_url": f"{base}/article/{quote(i.article_id, safe='')}",
                "story_id": i.story_id,
                "story_title": i.story_title,
                "new_story": i.new_story,
            }
            for i in items
        ],
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")


def post_alert(
    url: str,
    body: bytes,
    *,
    delivery_id: str,
    key: str,
    transport: HookTransport,
    timeout: float,
    allow_private: bool,
    resolver: Any = None,
) -> None:
    """Deliver one webhook; FetchError saying why when the receiver did not take it."""
    from newsdesk.ingest.fetch import check_address

    addresses: Sequence[str] = ()
    if not allow_private:
        addresses = check_address(url, resolver=resolver) or ()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        DELIVERY_HEADER: delivery_id,
        SIGNATURE_HEADER: sign(key, body),
    }
    try:
        status = transport.post(url, body, headers=headers, timeout=timeout, addresses=addresses)
    except TimeoutError:
        raise FetchError(f"{url} did not answer within {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"cannot reach {url}: {str(exc)[:200]}") from None
    if 300 <= status < 400:
        raise FetchError(f"{url} answered HTTP {status}: webhooks are not redirected")
    if not 200 <= status < 300:
        raise FetchError(f"{url} answered HTTP {status}")
