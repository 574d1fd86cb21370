"""Articles over time for a story, an entity, an outlet or any query, and its chart.

:func:`trend` counts articles per day (per hour when the coverage spans three days or
less and the articles carry times of day), gaps filled with zeros. :func:`chart_html`
draws it as inline SVG, server-side: bars in ``currentColor`` (so they follow the page's
light or dark scheme, no style attribute for the CSP to refuse), a ``<title>`` per bar, a
``<figcaption>`` summing it up and the counts as a ``<table>`` for screen readers and text
browsers. Coverage that falls in one day or one hour is no trend: it is told in words
(one bar would fill the chart's width and say nothing the sentence does not).
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

__all__ = ["Trend", "chart_html", "trend", "trend_json"]

MAX_DAYS = 90
MAX_HOURS = 72
_W, _H, _PAD = 600, 120, 18


@dataclass(frozen=True, slots=True)
class Trend:
    label: str  # what is counted, e.g. 'entity:"Ilse Varga"'
    hourly: bool
    points: list[tuple[str, int]]  # (bucket, articles), oldest first, gaps filled
    earlier: int = 0  # dated articles before the first point (the chart shows the latest)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.points)

    @property
    def unit(self) -> str:
        return "hour" if self.hourly else "day"


def _parse(bucket: str, hourly: bool) -> datetime:
    text = bucket.replace(" ", "T")
    return datetime.fromisoformat(text + (":00" if hourly else ""))


def _fill(rows: list[tuple[str, int]], hourly: bool, limit: int) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for bucket, n in rows:
        try:
            key = _parse(bucket, hourly)
        except ValueError:
            continue  # an undated or oddly dated article is left out of the chart
        label = _label(key, hourly)
        counts[label] = counts.get(label, 0) + n
    if not counts:
        return []
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    first = datetime.fromisoformat(min(counts))
    last = datetime.fromisoformat(max(counts))
    if last - first > step * (limit - 1):
        first = last - step * (limit - 1)
    points, at = [], first
    while True:
        label = _label(at, hourly)
        points.append((label, counts.get(label, 0)))
        if at >= last:  # not at + step: past 9999-12-31 there is no date
            return points
        at += step


def _label(at: datetime, hourly: bool) -> str:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:00``, the year zero-padded (``%Y`` is not, before
    the year 1000, so labels of an article dated 0001 would not sort or parse)."""
    day = f"{at.year:04d}-{at.month:02d}-{at.day:02d}"
    return f"{day}T{at.hour:02d}:00" if hourly else day


def trend(
    store: Any,
    *,
    label: str,
    query: str | None = None,
    story_id: str | None = None,
    outlet: str | None = None,
    entity: str | None = None,
    every: str | None = None,
) -> Trend:
    """Counts for the articles ``query`` (the search syntax), a story, an outlet and an
    entity select (any of them; none: every article); ``every`` 'hour' or 'day'
    (default: hours when the coverage spans three days or less)."""
    from newsdesk.annotate.entity_resolver import entity_spellings

    what = {"query": query, "story_id": story_id, "outlet": outlet, "entity": entity,
            "spellings": entity_spellings}  # fmt: skip
    daily = store.trends.trend_counts(**what)
    days = _fill(daily, False, MAX_DAYS)
    by_day = Trend(label, False, days, _dated(daily, False) - sum(n for _, n in days))
    hourly = every == "hour" or (every is None and 0 < len(days) <= 3)
    if not hourly:
        return by_day
    rows = store.trends.trend_counts(**what, hourly=True)
    if every is None and _one_clock_hour(rows):
        return by_day  # dates without a time: hours would say nothing
    hours = _fill(rows, True, MAX_HOURS)
    return Trend(label, True, hours, _dated(rows, True) - sum(n for _, n in hours))


def _dated(rows: list[tuple[str, int]], hourly: bool) -> int:
    """How many articles ``rows`` count under a date the chart can read."""
    total = 0
    for bucket, n in rows:
        try:
            _parse(bucket, hourly)
        except ValueError:
            continue
        total += n
    return total


def _one_clock_hour(rows: list[tuple[str, int]]) -> bool:
    """Whether every article falls in the same hour of its day ("2016-08-22T12",
    "2016-08-23T12"): dates given without a time (a feed's day, an archive's date, noon or
    midnight by convention), which an hourly chart would spread over rows of zeros."""
    return len({bucket.replace(" ", "T")[11:13] for bucket, n in rows if n}) == 1


def trend_json(found: Trend) -> dict[str, Any]:
    return {
        "label": found.label,
        "every": found.unit,
        "total": found.total,
        "earlier": found.earlier,
        "points": [{"at": at, "articles": n} for at, n in found.points],
    }


def shown(at: str) -> str:
    """A point's label as a reader reads it: ``2026-03-01`` or ``2026-03-01 08:00`` (the
    hour as the articles give it), not the ISO ``T`` form the JSON keeps."""
    return at.replace("T", " ")


def _caption(found: Trend) -> str:
    if not found.points:
        return f"No dated articles for {found.label} yet."
    caption = _points_caption(found)
    if found.earlier:
        first = shown(found.points[0][0])
        noun = "article" if found.earlier == 1 else "articles"
        caption += f" {found.earlier} earlier {noun}, before {first}, not shown."
    return caption


def _points_caption(found: Trend) -> str:
    noun = "article" if found.total == 1 else "articles"
    if len(found.points) == 1:
        at = shown(found.points[0][0])
        when = f"in the hour from {at}" if found.hourly else f"on {at}"
        every = "" if found.total == 1 else "all "
        return f"Articles for {found.label}: {found.total} {noun}, {every}{when}."
    peak_at, peak = max(found.points, key=lambda p: p[1])
    peak_at = shown(peak_at)
    first, last = shown(found.points[0][0]), shown(found.points[-1][0])
    return (
        f"Articles per {found.unit} for {found.label}, {first} to {last}: {found.total} {noun}"
        f" in all, most on {peak_at} ({peak})."
    )


def chart_html(found: Trend) -> str:
    """The chart as an HTML ``<figure>`` (every piece of text escaped)."""
    e = html.escape
    key = hashlib.blake2b(f"{found.label}|{found.unit}".encode(), digest_size=4).hexdigest()
    cap_id, title_id = f"trend-{key}-cap", f"trend-{key}-title"
    caption = _caption(found)
    parts = [f'<figure class="trend" aria-labelledby="{cap_id}">']
    drawn = len(found.points) > 1  # one day or one hour: the caption says all of it
    if drawn:
        peak = max(n for _, n in found.points) or 1
        width = (_W - 2) / len(found.points)
        bars = []
        for i, (at, n) in enumerate(found.points):
            height = (_H - _PAD - 2) * n / peak
            x, y = 1 + i * width, _H - 1 - height
            bars.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width - 1, 0.5):.1f}"'
                f' height="{height:.1f}"><title>{e(shown(at))}: {n}</title></rect>'
            )
        parts.append(
            f'<svg class="trend-chart" viewBox="0 0 {_W} {_H}" width="100%" height="{_H}"'
            f' preserveAspectRatio="none" role="img" aria-labelledby="{title_id}"'
            f' focusable="false"><title id="{title_id}">{e(caption)}</title>'
            f'<g fill="currentColor" fill-opacity="0.75">{"".join(bars)}</g>'
            f'<line x1="0" y1="{_H - 0.5}" x2="{_W}" y2="{_H - 0.5}" stroke="currentColor"'
            f' stroke-width="1"/><text x="4" y="12" font-size="11" fill="currentColor">'
            f"{peak} per {e(found.unit)}</text></svg>"
        )
    parts.append(f'<figcaption id="{cap_id}" class="meta">{e(caption)}</figcaption>')
    if drawn:
        rows = "".join(f"<tr><td>{e(shown(at))}</td><td>{n}</td></tr>" for at, n in found.points)
        parts.append(
            "<details><summary>The counts as a table</summary><table><thead><tr>"
            f'<th scope="col">{e(found.unit.capitalize())}</th><th scope="col">Articles</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></details>"
        )
    parts.append("</figure>")
    return "".join(parts)
