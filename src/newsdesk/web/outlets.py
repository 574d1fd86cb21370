"""Regions and blindspots: ``/region/CC``, ``/blindspots`` and ``/feeds/region/CC.*``.

Server-rendered like every page of the desk, complete without JavaScript; a bad country
code or kind is answered 400 with the valid values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from newsdesk.outlets.model import (
    KINDS,
    Outlet,
    OutletInputError,
    check_country,
    check_kind,
    country_name,
    group_label,
)
from newsdesk.web.desk import BadParameter, Desk, NotFound, desk_of
from newsdesk.web.pages import _articles_feed, _page
from newsdesk.web.views import PageContext, StoryView, _with_members

__all__ = ["RegionPage", "router"]

router = APIRouter(include_in_schema=False)


def _country(code: str) -> str:
    try:
        return check_country(code)
    except OutletInputError as exc:
        raise BadParameter("country", str(exc).rsplit(" [", 1)[0]) from None


@dataclass(frozen=True, slots=True)
class RegionPage(PageContext):
    """A country's page: its code, name and group label, its registered outlets (with their
    stored articles), the stories its outlets covered and the stories about it."""

    code: str
    name: str
    label: str
    outlets: list[tuple[Outlet, int]]
    own: list[StoryView]
    about: list[StoryView]


def region_view(desk: Desk, code: str) -> RegionPage:
    """A country's outlets, the stories they covered and the stories about the country."""

    def build() -> RegionPage:
        registry = desk.store.outlets.outlet_registry()
        counts = desk.store.outlets.outlet_counts()
        outlets = [(o, counts.get(o.name, (0, 0))[0]) for o in registry if o.country == code]
        outlets.sort(key=lambda pair: (-pair[1], pair[0].name.casefold()))
        own, about = desk.store.outlets.region_story_ids(code, about=[country_name(code)])
        stories = {s.id: s for s in (desk.store.stories.story(i) for i in (own + about)[:100]) if s}
        views = {v.story.id: v for v in _with_members(desk, list(stories.values()))}
        return RegionPage(
            code=code,
            name=country_name(code),
            label=group_label("country", code),
            outlets=outlets,
            own=[views[i] for i in own if i in views][:50],
            about=[views[i] for i in about if i in views][:50],
        )

    result: RegionPage = desk.cached("region", code, build=build)
    return result


@router.get("/region/{code}")
def region(request: Request, code: Annotated[str, Path(max_length=8)]) -> Response:
    return _page(request, "region.html", **region_view(desk_of(request), _country(code)).context())


@router.get("/blindspots")
def blindspots(
    request: Request,
    by: Annotated[str, Query(max_length=10)] = "country",
    follow: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    from newsdesk.outlets.blindspots import BlindspotConfig, find_blindspots

    if by not in {"country", "kind"}:
        raise BadParameter("by", "is country or kind")
    check = check_country if by == "country" else check_kind
    try:
        wanted = [check(x) for x in (follow or "").split(",") if x.strip()]
    except OutletInputError as exc:
        raise BadParameter("follow", str(exc).rsplit(" [", 1)[0]) from None
    desk = desk_of(request)
    found = desk.cached(
        "blindspots",
        by,
        tuple(wanted),
        build=lambda: find_blindspots(desk.store, config=BlindspotConfig(by=by), follow=wanted),
    )
    return _page(
        request, "blindspots.html", spots=found, by=by, follow=",".join(wanted), kinds=KINDS
    )


@router.get("/feeds/region/{code}.{fmt}")
def region_feed(
    request: Request,
    code: Annotated[str, Path(max_length=8)],
    fmt: Annotated[str, Path(max_length=5)],
) -> Response:
    desk, base = desk_of(request), desk_of(request).settings.base_url
    code = _country(code)
    ids = desk.store.outlets.region_article_ids(code, limit=50)
    found = desk.store.stories.articles_by_id(ids)
    articles = [found[i] for i in ids if i in found]
    if not articles and not any(o.country == code for o in desk.store.outlets.outlet_registry()):
        raise NotFound(
            f"no outlet from {country_name(code)} is in the registry",
            hint="`newsdesk outlets set NAME --country CC` adds one.",
        )
    safe = quote(code)
    return _articles_feed(
        f"Region: {country_name(code)}",
        f"{base}/region/{safe}",
        f"{base}/feeds/region/{safe}",
        articles,
        fmt,
    )
