"""One strict reading of a URL, and which addresses may be fetched.

:func:`normalize_url` parses a URL once, strictly, refusing what parsers disagree on, and
writes it again in one canonical form (:class:`Target`); :func:`check_address` resolves
its host once and refuses any address that is not public (IPv4 hidden in IPv6 unwrapped
and checked too). :mod:`newsdesk.ingest.fetch` fetches through both, and connects only to
the addresses that were checked.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from newsdesk.errors import BlockedAddress, FetchError

__all__ = ["MAX_URL", "IPAddress", "Resolver", "Target", "check_address", "normalize_url", "refuse"]

MAX_URL = 8192
Resolver = Callable[..., list[tuple[Any, ...]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


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


def refuse(url: str, why: str) -> BlockedAddress:
    """The refusal of ``url``, saying ``why``."""
    return BlockedAddress(f"refused {url[:200]!r}: {why}")


def _host(raw: str, url: str) -> tuple[str, IPAddress | None]:
    if raw.startswith("["):
        if not raw.endswith("]") or "%" in raw:
            raise refuse(url, "an IPv6 address is written [digits:and:colons], without a zone")
        try:
            v6 = ipaddress.IPv6Address(raw[1:-1])
        except ValueError:
            raise refuse(url, f"{raw} is not an IPv6 address") from None
        return str(v6), v6
    if "[" in raw or "]" in raw or "%" in raw:
        raise refuse(url, "the host has brackets or percent-escapes in it")
    try:
        ascii_host = raw.encode("idna").decode("ascii").lower() if raw else ""
    except UnicodeError:
        raise refuse(url, "the host is not a valid internationalised domain name") from None
    if not ascii_host:
        raise FetchError(f"{url[:200]!r} names no host; write it as https://host/path")
    bare = ascii_host[:-1] if ascii_host.endswith(".") else ascii_host
    labels = bare.split(".")
    if _NUMERIC_LABEL.fullmatch(labels[-1]):
        # the last label is a number: every parser reads this as IPv4, each in its own way
        if not _DOTTED_QUAD.fullmatch(bare):
            raise refuse(
                url,
                f"{raw!r} is an IPv4 address in an ambiguous form (hex, octal, one number "
                "or fewer than four parts); write it as four decimal numbers",
            )
        try:
            v4 = ipaddress.IPv4Address(bare)
        except ValueError:
            raise refuse(url, f"{raw!r} is not an IPv4 address") from None
        return str(v4), v4
    if len(bare) > 253 or not all(_HOST_NAME.fullmatch(label) for label in labels):
        raise refuse(url, f"{raw[:80]!r} is not a host name")
    return bare, None


def _scheme_and_rest(url: str) -> tuple[str, str]:
    """The lower-case scheme (http or https) and what follows its ``//``."""
    if len(url) > MAX_URL:
        raise FetchError(f"the URL is longer than {MAX_URL} characters")
    if "\\" in url:
        raise refuse(url, "a backslash in a URL is read as '/' by some parsers and not others")
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        raise refuse(url, "the URL has control characters in it")
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in ("http", "https"):
        raise FetchError(f"only http(s) URLs can be fetched, not {url[:200]!r}")
    rest = url[match.end() :] if match else url
    if not rest.startswith("//"):
        raise refuse(url, "write it as http(s)://host/path")
    return scheme, rest[2:]


def _host_and_port_text(authority: str, url: str) -> tuple[str, str]:
    """``authority`` (no user info) split into the host as written and the port text."""
    if "@" in authority:
        raise refuse(url, "user names and passwords in URLs are not followed")
    if authority.startswith("["):
        close = authority.find("]")
        host_text, after = authority, ""
        if close > 0:
            host_text, after = authority[: close + 1], authority[close + 1 :]
        if after and not after.startswith(":"):
            raise refuse(url, "unexpected characters after the IPv6 address")
        return host_text, after[1:]
    host_text, colon, port_text = authority.partition(":")
    if colon and ":" in port_text:
        raise refuse(url, "more than one ':' in the host; IPv6 addresses go in [brackets]")
    return host_text, port_text


def _port(port_text: str, default: int, url: str) -> int:
    if port_text and not (port_text.isascii() and port_text.isdigit()):
        raise refuse(url, f"the port {port_text[:20]!r} is not a number")
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
