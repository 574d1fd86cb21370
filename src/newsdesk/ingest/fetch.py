"""http(s) fetching through an injectable transport, refusing private addresses.

The host that is checked is the host that is connected to:

* every URL (the one given, and every redirect hop) is parsed once, strictly, by
  :func:`normalize_url`, which refuses what parsers disagree on (a ``\\``, userinfo,
  whitespace or control characters, a percent sign or a stray ``[`` in the host,
  IPv4 written in hex, octal, as one number or with fewer than four parts, IPv6
  zone ids) and writes the URL again in one canonical form;
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

import ipaddress
import re
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import quote, urljoin

from newsdesk.errors import BlockedAddress, FetchError, TooLarge
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
MAX_URL = 8192
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
Resolver = Callable[..., list[tuple[Any, ...]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


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


# -- one strict reading of a URL ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """A URL as the desk reads it: canonical ``url``, and what a request to it uses."""

    url: str  # scheme://host[:port]/path[?query], nothing else
    scheme: str  # "http" or "https"
    host: str  # lower-case ASCII (IDNA) name, dotted-quad IPv4 or bare IPv6
    port: int
    path: str  # the request target: /path[?query]
    ip: IPAddress | None  # the host when it is an address literal


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HOST_NAME = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)
_DOTTED_QUAD = re.compile(r"(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def _refuse(url: str, why: str) -> BlockedAddress:
    return BlockedAddress(f"refused {url[:200]!r}: {why}")


def _host(raw: str, url: str) -> tuple[str, IPAddress | None]:
    if raw.startswith("["):
        if not raw.endswith("]") or "%" in raw:
            raise _refuse(url, "an IPv6 address is written [digits:and:colons], without a zone")
        try:
            v6 = ipaddress.IPv6Address(raw[1:-1])
        except ValueError:
            raise _refuse(url, f"{raw} is not an IPv6 address") from None
        return str(v6), v6
    if "[" in raw or "]" in raw or "%" in raw:
        raise _refuse(url, "the host has brackets or percent-escapes in it")
    try:
        ascii_host = raw.encode("idna").decode("ascii").lower() if raw else ""
    except UnicodeError:
        raise _refuse(url, "the host is not a valid internationalised domain name") from None
    if not ascii_host:
        raise FetchError(f"{url[:200]!r} names no host; write it as https://host/path")
    bare = ascii_host[:-1] if ascii_host.endswith(".") else ascii_host
    labels = bare.split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        # the last label is a number: every parser reads this as IPv4, each in its own way
        if not _DOTTED_QUAD.fullmatch(bare):
            raise _refuse(
                url,
                f"{raw!r} is an IPv4 address in an ambiguous form (hex, octal, one number "
                "or fewer than four parts); write it as four decimal numbers",
            )
        try:
            v4 = ipaddress.IPv4Address(bare)
        except ValueError:
            raise _refuse(url, f"{raw!r} is not an IPv4 address") from None
        return str(v4), v4
    if len(bare) > 253 or not all(_HOST_NAME.fullmatch(label) for label in labels):
        raise _refuse(url, f"{raw[:80]!r} is not a host name")
    return bare, None


def _scheme_and_rest(url: str) -> tuple[str, str]:
    """The lower-case scheme (http or https) and what follows its ``//``."""
    if len(url) > MAX_URL:
        raise FetchError(f"the URL is longer than {MAX_URL} characters")
    if "\\" in url:
        raise _refuse(url, "a backslash in a URL is read as '/' by some parsers and not others")
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        raise _refuse(url, "the URL has control characters in it")
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ("http", "https"):
        raise FetchError(f"only http(s) URLs can be fetched, not {url[:200]!r}")
    rest = url[match.end() :] if match else url
    if not rest.startswith("//"):
        raise _refuse(url, "write it as http(s)://host/path")
    return scheme, rest[2:]


def _host_and_port_text(authority: str, url: str) -> tuple[str, str]:
    """``authority`` (no user info) split into the host as written and the port text."""
    if "@" in authority:
        raise _refuse(url, "user names and passwords in URLs are not followed")
    if authority.startswith("["):
        close = authority.find("]")
        host_text, after = authority, ""
        if close > 0:
            host_text, after = authority[: close + 1], authority[close + 1 :]
        if after and not after.startswith(":"):
            raise _refuse(url, "unexpected characters after the IPv6 address")
        return host_text, after[1:]
    host_text, colon, port_text = authority.partition(":")
    if colon and ":" in port_text:
        raise _refuse(url, "more than one ':' in the host; IPv6 addresses go in [brackets]")
    return host_text, port_text


def _port(port_text: str, default: int, url: str) -> int:
    if port_text and not (port_text.isascii() and port_text.isdigit()):
        raise _refuse(url, f"the port {port_text[:20]!r} is not a number")
    port = int(port_text) if port_text else default
    if not 0 < port < 65536:
        raise FetchError(f"{url[:200]!r} has an invalid port")
    return port


def _request_target(rest: str) -> str:
    """The path and query after the authority, fragment dropped, percent-encoded."""
    rest = rest.split("#", 1)[0]
    path, mark, query = rest.partition("?")
    path = quote(path, safe=_PATH_SAFE) or "/"
    if not path.startswith("/"):
        path = "/" + path
    return path + (mark and "?" + quote(query, safe=_QUERY_SAFE))


def normalize_url(url: str) -> Target:
    """Parse ``url`` strictly and write it again in the one form the transport requests.

    Raises BlockedAddress for a URL that parsers could read differently, FetchError
    for one that is not an http(s) URL with a host. The fragment is dropped; spaces
    and non-ASCII characters in the path and query are percent-encoded.
    """
    scheme, rest = _scheme_and_rest(url)
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    authority, rest = rest[:end], rest[end:]
    host_text, port_text = _host_and_port_text(authority, url)
    default = 443 if scheme == "https" else 80
    port = _port(port_text, default, url)
    host, ip = _host(host_text, url)
    target = _request_target(rest)
    shown = f"[{host}]" if isinstance(ip, ipaddress.IPv6Address) else host
    netloc = shown if port == default else f"{shown}:{port}"
    return Target(
        url=f"{scheme}://{netloc}{target}", scheme=scheme, host=host, port=port, path=target, ip=ip
    )


# -- which addresses may be fetched -------------------------------------------------

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_V4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _embedded(address: IPAddress) -> list[IPAddress]:
    """``address`` and every IPv4 address hidden in it (mapped, compatible, 6to4, NAT64)."""
    found: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        low32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if address.ipv4_mapped is not None:
            found.append(address.ipv4_mapped)
        if address.sixtofour is not None:
            found.append(address.sixtofour)
        if address.teredo is not None:
            found.extend(address.teredo)
        if address in _NAT64 or address in _V4_COMPATIBLE:
            found.append(low32)
    return found


def _blocked(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address in _V4_COMPATIBLE:
        return True  # deprecated IPv4-compatible form: never a public web server
    return any(
        a.is_private
        or a.is_loopback
        or a.is_link_local
        or a.is_reserved
        or a.is_multicast
        or a.is_unspecified
        or not a.is_global
        for a in _embedded(address)
    )


def check_address(url: str | Target, *, resolver: Resolver | None = None) -> list[str]:
    """The public addresses the URL's host resolves to; BlockedAddress when any is not.

    ``resolver`` defaults to ``socket.getaddrinfo``, looked up at call time. The host
    is resolved once: connect to these addresses (see :class:`Urllib3Transport`).
    """
    target = url if isinstance(url, Target) else normalize_url(url)
    resolver = resolver or socket.getaddrinfo
    host = target.host
    try:
        if target.ip is not None:
            found: list[str] = [str(target.ip)]
        else:
            infos = resolver(host, target.port, 0, socket.SOCK_STREAM)
            found = [str(info[4][0]) for info in infos]
    except (OSError, UnicodeError, ValueError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    if not found:
        raise FetchError(f"{host} resolves to no address")
    addresses: list[str] = []
    for text in found:
        try:
            address = ipaddress.ip_address(text)  # a zone id (fe80::1%eth0) fails here
        except ValueError:
            raise BlockedAddress(f"{host} resolves to {text!r}, not a plain address") from None
        if _blocked(address):
            raise BlockedAddress(
                f"{host} resolves to {address}, a private/loopback/link-local or reserved "
                "address; refused (set allow_private to fetch from your own network)"
            )
        if str(address) not in addresses:
            addresses.append(str(address))
    return addresses


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
                raise _refuse(location, "a redirect with a backslash in it is not followed")
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
