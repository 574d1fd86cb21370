"""http(s) fetching through an injectable transport, refusing private addresses.

The host that is checked is the host that is connected to:

* every URL (the one given, and every redirect hop) is parsed once, strictly, by
  :func:`normalize_url` (:mod:`newsdesk.ingest.urls`), which refuses what parsers
  disagree on (a ``\\``, userinfo, whitespace or control characters, a percent sign
  or a stray ``[`` in the host, IPv4 written in hex, octal, as one number or with
  fewer than four parts, IPv6 zone ids) and writes the URL again in one canonical form;
* unless private addresses are allowed, the host is resolved once and every
  address it resolves to must be public (IPv4 hidden in IPv6 — mapped, compatible,
  6to4, NAT64 — is unwrapped and checked too);
* the default transport then connects to one of those checked addresses and no
  other (the host name goes only into the ``Host`` header and TLS's SNI and
  certificate check), so a DNS answer that changes after the check (rebinding)
  changes nothing.

Request headers (``If-None-Match``, ``If-Modified-Since``) can be sent for a
conditional GET, and callers that handle some answers themselves (304, 429,
a robots.txt 404) name those statuses so they come back instead of raising.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urljoin

from newsdesk.errors import FetchError, TooLarge
from newsdesk.ingest.urls import (
    Resolver,
    Target,
    check_address,
    normalize_url,
    refuse,
)
from newsdesk.settings import Settings

__all__ = [
    "USER_AGENT",
    "Response",
    "Target",
    "Transport",
    "Urllib3Transport",
    "check_address",
    "fetch_url",
    "header",
    "normalize_url",
]

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


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
    transport written for plain GETs keeps working for them. A transport whose
    ``pins_addresses`` attribute is true is also given ``addresses``: the checked
    addresses it must connect to (None when private addresses are allowed).
    """

    def fetch(
        self, url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str] | None = None
    ) -> Response: ...


# -- the default transport ----------------------------------------------------------

USER_AGENT = "newsdesk/0.1 (+https://github.com/newsdesk)"
_CHUNK = 64 * 1024
_POOLS = 32


def _pinned_classes() -> tuple[type, type]:
    """urllib3 connection classes that connect only to the addresses they were given."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    class Pinned:
        pinned: tuple[str, ...] = ()

        def _new_conn(self: Any) -> socket.socket:
            if not self.pinned:
                sock: socket.socket = super()._new_conn()  # type: ignore[misc]
                return sock
            error: Exception | None = None
            for address in self.pinned:
                family = socket.AF_INET6 if ":" in address else socket.AF_INET
                sock = socket.socket(family, socket.SOCK_STREAM)
                try:
                    for option in self.socket_options or ():
                        sock.setsockopt(*option)
                    if isinstance(self.timeout, int | float):  # not urllib3's "default"
                        sock.settimeout(self.timeout)
                    if self.source_address:
                        sock.bind(self.source_address)
                    sock.connect((address, self.port))  # an address literal: no DNS here
                except TimeoutError as exc:
                    sock.close()
                    timed_out = ConnectTimeoutError(
                        self, f"connecting to {self.host} ({address}) timed out"
                    )
                    timed_out.__cause__ = exc
                    error = timed_out
                except OSError as exc:
                    sock.close()
                    error = NewConnectionError(self, f"cannot connect to {address}: {exc}")
                else:
                    return sock
            assert error is not None
            raise error

    class PinnedHTTP(Pinned, HTTPConnection):
        def __init__(self, *args: Any, pinned: Sequence[str] = (), **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.pinned = tuple(pinned)

    class PinnedHTTPS(Pinned, HTTPSConnection):
        def __init__(self, *args: Any, pinned: Sequence[str] = (), **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.pinned = tuple(pinned)

    return PinnedHTTP, PinnedHTTPS


class Urllib3Transport:
    """The default transport: urllib3, no automatic redirects, body read up to a cap.

    The URL is read with :func:`normalize_url` (the same reading that was checked)
    and the connection goes to ``addresses`` when given (the checked ones), never
    to a fresh DNS answer. ``timeout`` bounds connecting, each read, and the whole
    body: a server that trickles bytes slowly is cut off once it has passed in total.
    """

    pins_addresses = True

    def __init__(self, *, user_agent: str = USER_AGENT, pool_size: int = 10) -> None:
        self._headers = {"User-Agent": user_agent}
        self._size = pool_size
        self._pools: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def pool_for(self, target: Target, addresses: tuple[str, ...]) -> Any:
        """The urllib3 pool for ``target`` connecting only to ``addresses`` (the checked
        ones), kept for reuse (also used by watch webhooks)."""
        import urllib3

        key = (target.scheme, target.host, target.port, addresses)
        with self._lock:
            pool = self._pools.get(key)
            if pool is not None:
                self._pools.move_to_end(key)
                return pool
            http, https = _pinned_classes()
            kind = (
                urllib3.HTTPSConnectionPool
                if target.scheme == "https"
                else urllib3.HTTPConnectionPool
            )
            pool = kind(target.host, target.port, maxsize=self._size, pinned=addresses)
            pool.ConnectionCls = https if target.scheme == "https" else http
            self._pools[key] = pool
            while len(self._pools) > _POOLS:
                self._pools.popitem(last=False)[1].close()
            return pool

    _pool = pool_for  # the name this class used first

    def fetch(
        self,
        url: str,
        *,
        timeout: float,
        max_bytes: int,
        headers: Mapping[str, str] | None = None,
        addresses: Sequence[str] | None = None,
    ) -> Response:
        import urllib3

        target = normalize_url(url)
        pool = self._pool(target, tuple(addresses or ()))
        try:
            raw = pool.urlopen(
                "GET",
                target.path,
                headers={**self._headers, **(headers or {})},
                redirect=False,
                preload_content=False,
                timeout=timeout,
                retries=False,
                assert_same_host=False,
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
        return Response(url=target.url, status=raw.status, headers=answered, body=body)


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


def _request(
    transport: Transport,
    url: str,
    settings: Settings,
    headers: Mapping[str, str] | None,
    addresses: list[str] | None,
) -> Response:
    timeout, cap = settings.fetch_timeout, settings.max_fetch_bytes
    extra: dict[str, Any] = {}
    if headers:
        extra["headers"] = headers
    if getattr(transport, "pins_addresses", False):
        extra["addresses"] = addresses
    return transport.fetch(url, timeout=timeout, max_bytes=cap, **extra)


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
        target = normalize_url(current)
        current = target.url
        addresses = None
        if not settings.allow_private:
            addresses = check_address(target, resolver=resolver)
        try:
            response = _request(transport, current, settings, headers, addresses)
        except TimeoutError as exc:
            raise FetchError(
                f"timed out after {settings.fetch_timeout:g} s fetching {current}"
            ) from exc
        except OSError as exc:
            raise FetchError(f"cannot fetch {current}: {exc}") from exc
        location = header(response.headers, "location")
        if response.status in _REDIRECTS and location:
            if "\\" in location:
                raise refuse(location, "a redirect with a backslash in it is not followed")
            current = urljoin(current, location.strip())
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
