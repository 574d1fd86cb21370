"""http(s) fetching through an injectable transport, refusing private addresses.

Every hop of a redirect chain is resolved and checked before it is requested,
so a public page cannot bounce the desk onto 127.0.0.1 or a cloud metadata
address. (A DNS answer that changes between the check and the request is not
caught here; run the desk behind an egress proxy where that matters.)

Request headers (``If-None-Match``, ``If-Modified-Since``) can be sent for a
conditional GET, and callers that handle some answers themselves (304, 429,
a robots.txt 404) name those statuses so they come back instead of raising.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from newsdesk.errors import BlockedAddress, FetchError, TooLarge
from newsdesk.settings import Settings

__all__ = [
    "USER_AGENT",
    "Response",
    "Transport",
    "Urllib3Transport",
    "check_address",
    "fetch_url",
    "header",
]

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
Resolver = Callable[..., list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP response: the URL it came from, its status, headers (lower-case keys), body."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


class Transport(Protocol):
    """Fetches one URL without following redirects; raises OSError/TimeoutError on failure.

    ``headers`` (extra request headers) is only passed when there are some, so a
    transport written for plain GETs keeps working for them.
    """

    def fetch(
        self, url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str] | None = None
    ) -> Response: ...


USER_AGENT = "newsdesk/0.1 (+https://github.com/newsdesk)"
_CHUNK = 64 * 1024


class Urllib3Transport:
    """The default transport: urllib3, no automatic redirects, body read up to a cap.

    ``timeout`` bounds connecting, each read, and the whole body: a server that
    trickles bytes slowly is cut off once the timeout has passed in total.
    """

    def __init__(self, *, user_agent: str = USER_AGENT, pool_size: int = 10) -> None:
        import urllib3

        self._pool = urllib3.PoolManager(maxsize=pool_size, headers={"User-Agent": user_agent})

    def fetch(
        self, url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str] | None = None
    ) -> Response:
        import urllib3

        try:
            raw = self._pool.request(
                "GET",
                url,
                headers={**self._pool.headers, **(headers or {})},
                redirect=False,
                preload_content=False,
                timeout=timeout,
                retries=False,
            )
            try:
                body = _read_capped(raw, max_bytes=max_bytes, timeout=timeout)
            except BaseException:
                raw.close()  # a half-read connection is never reused
                raise
            finally:
                raw.release_conn()
        except urllib3.exceptions.TimeoutError as exc:
            raise TimeoutError(str(exc)) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise OSError(str(exc)) from exc
        answered = {key.lower(): value for key, value in raw.headers.items()}
        return Response(url=url, status=raw.status, headers=answered, body=body)


def _read_capped(raw: Any, *, max_bytes: int, timeout: float) -> bytes:
    """At most ``max_bytes + 1`` bytes of the body, within ``timeout`` seconds in all."""
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        chunk = raw.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError(f"the body took longer than {timeout:g} s to arrive")
    raw.close()  # over the cap: the rest is never read, so the connection cannot be reused
    return b"".join(chunks)


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value whatever the case of its name."""
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _blocked(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return bool(
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    )


def check_address(url: str, *, resolver: Resolver | None = None) -> None:
    """Raise BlockedAddress when the URL's host resolves to a non-public address.

    ``resolver`` defaults to ``socket.getaddrinfo``, looked up at call time.
    """
    resolver = resolver or socket.getaddrinfo
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"only http(s) URLs with a host can be fetched, not {url!r}")
    host = parts.hostname
    try:
        literal = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        literal = None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = [(0, 0, 0, "", (str(literal), port))] if literal else resolver(host, port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    if not infos:
        raise FetchError(f"{host} resolves to no address")
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if _blocked(address):
            raise BlockedAddress(
                f"{host} resolves to {address}, a private/loopback/link-local or reserved "
                "address; refused (set allow_private to fetch from your own network)"
            )


def _request(
    transport: Transport, url: str, settings: Settings, headers: Mapping[str, str] | None
) -> Response:
    timeout, cap = settings.fetch_timeout, settings.max_fetch_bytes
    if headers:
        return transport.fetch(url, timeout=timeout, max_bytes=cap, headers=headers)
    return transport.fetch(url, timeout=timeout, max_bytes=cap)


def fetch_url(
    url: str,
    *,
    settings: Settings,
    transport: Transport,
    resolver: Resolver | None = None,
    headers: Mapping[str, str] | None = None,
    statuses: Collection[int] = (),
) -> Response:
    """GET a URL, following up to five redirects, checking every hop and the size cap.

    ``headers`` are sent with every hop; a final status in ``statuses`` is
    returned to the caller, any other outside 2xx raises FetchError.
    """
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        if not settings.allow_private:
            check_address(current, resolver=resolver)
        elif urlsplit(current).scheme not in ("http", "https"):
            raise FetchError(f"only http(s) URLs can be fetched, not {current!r}")
        try:
            response = _request(transport, current, settings, headers)
        except TimeoutError as exc:
            raise FetchError(
                f"timed out after {settings.fetch_timeout:g} s fetching {current}"
            ) from exc
        except OSError as exc:
            raise FetchError(f"cannot fetch {current}: {exc}") from exc
        location = header(response.headers, "location")
        if response.status in _REDIRECTS and location:
            current = urljoin(current, location)
            continue
        if not 200 <= response.status < 300 and response.status not in statuses:
            raise FetchError(f"{current} answered HTTP {response.status}")
        if len(response.body) > settings.max_fetch_bytes:
            raise TooLarge(
                f"{current} sent more than {settings.max_fetch_bytes:,} bytes; "
                "raise max_fetch_bytes if it is genuine"
            )
        return response
    raise FetchError(f"{url} redirected more than {MAX_REDIRECTS} times")
