"""Who published an article, and who carried it: resolution against the registry.

The outlet is taken from, in order: the article's URL host, the page's site name (or the
byline or feed title the reader and cleaner found, all kept in ``Article.outlet``), and
the host of the feed or page it was read from (``Article.source``). A page that names
itself in neither markup nor byline is read for the site name its ``<title>`` ends with
(:mod:`newsdesk.outlets.sitename`, only when consistent with its host). An aggregator met on
the way (QOSHE, the Wayback Machine, a portal) is the *carrier*, kept in ``Article.site``,
and the search goes on for the original outlet. When nothing is registered, the article
keeps the name its page gives, or a readable name derived from its host ("Die Partei" for
``die-partei.net``), never a bare host string and never "Unknown outlet".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsdesk.article import Article
from newsdesk.outlets.csvio import normalise_host
from newsdesk.outlets.model import Outlet
from newsdesk.outlets.registry import OutletRegistry
from newsdesk.outlets.sitename import page_title, title_site_name

__all__ = ["OutletResolver", "Resolution", "host_of", "readable_host_name"]

# second-level labels under which the registrable name is one label further left
_SECOND_LEVEL = {"co", "com", "net", "org", "or", "ne", "ac", "gov", "go", "edu", "gob", "nic"}
# hosting platforms whose sub-domain is the publication
_PLATFORMS = (
    "blogspot.",
    "wordpress.com",
    "livejournal.com",
    "weebly.com",
    "tumblr.com",
    "substack.com",
    "medium.com",
    "hypotheses.org",
    "ucoz.",
    "forumieren.com",
    "typepad.com",
    "over-blog.com",
    "github.io",
)
_SKIP_LABELS = {"www", "m", "mobile", "amp", "news", "en", "edition", "articles", "blog", "blogs"}
_WAYBACK = re.compile(r"^/web/[0-9a-z_*]+/(?P<url>https?://.+|[\w.-]+\.\w+/?.*)$", re.IGNORECASE)
# an outlet naming itself in its own text: "Li Hao ... tells TIME", "told The Asahi Shimbun"
_SELF = re.compile(
    r"\b(?:told|tells|telling|said to|speaking to|spoke to|in an interview with)\s+"
    r"((?:[Tt]he\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,3})"
)
_HOSTLIKE = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/.*)?$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class Resolution:
    """What resolution found: the outlet's name, the carrier's, and how."""

    outlet: str | None
    carrier: str | None = None
    via: str = "none"  # host|site_name|feed|text|override|named|title|host_name|carrier|none
    registered: bool = False

    @property
    def named(self) -> bool:
        """A real name (registered, or given by the page), not one derived from a host."""
        return self.outlet is not None and self.via not in {"host_name", "none"}


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower-cased, ``www.`` dropped; None for anything else."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return normalise_host(host) if host else None


def _unwrap(url: str | None) -> tuple[str | None, str | None]:
    """(the original URL, the archive host) for a Wayback Machine URL; (url, None) else."""
    host = host_of(url)
    if url and host == "web.archive.org":
        match = _WAYBACK.match(urlsplit(url).path)
        if match:
            inner = match.group("url")
            inner = inner if "://" in inner else f"http://{inner}"
            return inner, host
    return url, None


def readable_host_name(host: str) -> str:
    """``die-partei.net`` -> "Die Partei"; ``joyofsox.blogspot.nl`` -> "Joyofsox";
    ``www.bbc.co.uk`` -> "Bbc" (only for hosts the registry does not know)."""
    host = normalise_host(host)
    labels = [x for x in host.split(".") if x]
    if len(labels) < 2:
        return host or "unknown"
    if any(p in host for p in _PLATFORMS) and len(labels) >= 3:
        label = labels[0]
    else:
        core = labels[:-1]
        if len(core) >= 2 and core[-1] in _SECOND_LEVEL and len(labels[-1]) == 2:
            core = core[:-1]
        label = core[-1]
        if label in _SKIP_LABELS and len(core) >= 2:
            label = core[-2]
    words = [w for w in re.split(r"[-_]+", label) if w]
    return " ".join(w if w.isdigit() else w[:1].upper() + w[1:] for w in words) or host


def _titled(article: Article, url: str | None) -> str | None:
    """The site name the page's ``<title>`` ends with, when consistent with its host."""
    return title_site_name(page_title(article), host_of(url) or host_of(article.source))


def _host_like(text: str) -> bool:
    return " " not in text.strip() and bool(_HOSTLIKE.match(text.strip()))


class OutletResolver:
    """Fills ``outlet`` (a registry name where one matches) and ``site``
    (the carrier), and records how in ``extras["outlet_via"]``."""

    def __init__(self, registry: OutletRegistry) -> None:
        self.registry = registry

    def _text(self, text: str | None) -> Outlet | None:
        if not text or not text.strip():
            return None
        if _host_like(text):
            return self.registry.by_host(text)
        return self.registry.by_name(text)

    def resolve(self, article: Article, *, override: str | None = None) -> Resolution:
        url, archive = _unwrap(article.url)
        archive_outlet = self.registry.by_host(archive) if archive else None
        source_url = article.source if article.source != article.url else None
        titled = None if (article.outlet or "").strip() else _titled(article, url)
        candidates: list[tuple[str, Outlet | None]] = [
            ("host", self.registry.by_host(host_of(url))),
            ("site_name", self._text(article.outlet or titled)),
            ("feed", self.registry.by_host(host_of(source_url))),
        ]
        carriers = [archive_outlet, self._text(article.site)]
        carriers += [o for _, o in candidates]
        carrier = next((o for o in carriers if o is not None and o.kind == "aggregator"), None)
        if override:
            found = self.registry.by_name(override)
            return Resolution(
                found.name if found else override,
                carrier.name if carrier and carrier != found else None,
                "override",
                found is not None,
            )
        for via, found in candidates:
            if found is not None and found.kind != "aggregator":
                return Resolution(found.name, carrier.name if carrier else None, via, True)
        if not url and not (article.outlet or "").strip():
            found = self._self_reference(article.text or article.raw)
            if found is not None:
                return Resolution(found.name, carrier.name if carrier else None, "text", True)
        return self._unregistered(article, url, source_url, carrier, titled)

    def _self_reference(self, text: str) -> Outlet | None:
        """The outlet an article with no URL and no outlet names as its own ("tells TIME"):
        only registered outlets that are not wires or aggregators (others' articles often
        quote "told Reuters"), and only the one named most."""
        counts: dict[str, tuple[int, Outlet]] = {}
        for match in _SELF.finditer(text[:20000]):
            words = match.group(1).split()
            for end in range(len(words), 0, -1):
                found = self.registry.by_name(" ".join(words[:end]))
                if found is not None:
                    if found.kind not in {"wire", "aggregator"}:
                        n = counts.get(found.name, (0, found))[0]
                        counts[found.name] = (n + 1, found)
                    break
        if not counts:
            return None
        return max(counts.values(), key=lambda c: c[0])[1]

    def _unregistered(
        self,
        article: Article,
        url: str | None,
        source_url: str | None,
        carrier: Outlet | None,
        titled: str | None = None,
    ) -> Resolution:
        carried = carrier.name if carrier else None
        given = (article.outlet or "").strip()
        given_is_carrier = carrier is not None and self._text(given) == carrier
        if given and not _host_like(given) and not given_is_carrier:
            return Resolution(given, carried, "named")
        if titled and not given and (carrier is None or self._text(titled) != carrier):
            return Resolution(titled, carried, "title")
        host = host_of(url) or (host_of(given) if given and _host_like(given) else None)
        if host and (carrier is None or self.registry.by_host(host) != carrier):
            return Resolution(readable_host_name(host), carried, "host_name")
        if carrier is not None:
            return Resolution(carrier.name, None, "carrier", True)
        host = host_of(source_url)
        if host:
            return Resolution(readable_host_name(host), None, "host_name")
        return Resolution(None, None, "none")

    def apply(self, article: Article, *, override: str | None = None) -> Resolution:
        """Resolve and write the result into the article."""
        found = self.resolve(article, override=override)
        if found.outlet is not None:
            article.outlet = found.outlet
        if found.carrier is not None:
            article.site = found.carrier
        article.extras["outlet_via"] = found.via
        return found

    def run(self, articles: Iterable[Article], *, override: str | None = None) -> list[Article]:
        return [a for a in articles if self.apply(a, override=override) or True]
