"""What the CLI shows a person: rich tables on stdout, progress on stderr."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsdesk.article import Article

if TYPE_CHECKING:
    from newsdesk.ingest import SourceResult
    from newsdesk.store.sqlite import SearchHit
    from newsdesk.store.stories import StoryRow

__all__ = [
    "show_article",
    "show_articles",
    "show_cleaned",
    "show_hits",
    "source_progress",
]

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


@contextmanager
def source_progress() -> Iterator[Callable[[SourceResult], None]]:
    """A progress line on stderr, advanced once per source read."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        TextColumn("{task.completed} sources, {task.fields[articles]} articles"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task("ingest", total=None, articles=0)
        count = 0

        def advance(result: SourceResult) -> None:
            nonlocal count
            count += len(result.articles)
            progress.update(task, advance=1, articles=count)

        yield advance


def _day(article: Article) -> str:
    return article.published.date().isoformat() if article.published else "—"


def show_articles(articles: Sequence[Article]) -> None:
    table = Table(title=f"{len(articles)} articles", title_justify="left")
    for column in ("id", "published", "outlet", "title", "flags"):
        table.add_column(column, overflow="fold")
    for a in articles:
        table.add_row(
            a.id or "",
            _day(a),
            escape(a.outlet or "—"),
            escape(a.title or a.text[:60]),
            ", ".join(a.flags),
        )
    out.print(table)


def _header(article: Article) -> None:
    out.print(f"[bold]{escape(article.title or '(no title)')}[/bold]")
    published = _day(article)
    if article.published_source:
        published += f" (from {article.published_source})"
    facts = [
        ("outlet", article.outlet),
        ("via", article.site),
        ("author", article.author),
        ("published", published),
        ("language", article.language),
        ("url", article.url),
        ("flags", ", ".join(article.flags) or None),
    ]
    for name, value in facts:
        if value:
            out.print(f"[dim]{name}:[/dim] {escape(value)}")
    out.print()


def show_cleaned(article: Article) -> None:
    _header(article)
    out.print(escape(article.text))
    if article.removed:
        out.print()
        out.print(f"[dim]removed {len(article.removed)} pieces:[/dim]")
        for piece in article.removed:
            out.print(f"  [dim]{piece.reason}:[/dim] {escape(piece.text[:100])}")


def show_article(article: Article, *, copies: Sequence[Article] = ()) -> None:
    out.print(f"[dim]{article.id} · {escape(article.source)}[/dim]")
    original = article.extras.get("copy_of")
    if original:
        kind = article.extras.get("copy_kind", "near")
        out.print(f"[dim]a {kind} copy of {original}[/dim]")
    show_cleaned(article)
    if copies:
        out.print()
        out.print("[dim]also published by:[/dim]")
        for copy in copies:
            out.print(
                f"  {escape(copy.outlet or '—')}: {escape(copy.title or '')} [dim]{copy.id}[/dim]"
            )


def show_hits(hits: Sequence[SearchHit]) -> None:
    if not hits:
        err.print("no matches")
        return
    for hit in hits:
        day = (hit.published or "")[:10] or "—"
        out.print(f"[bold]{escape(hit.title or '(no title)')}[/bold]  [dim]{hit.id}[/dim]")
        out.print(f"  [dim]{escape(hit.outlet or '—')} · {day}[/dim]")
        out.print(f"  {escape(hit.snippet)}")


def show_stories(stories: Sequence[StoryRow], *, title: str | None = None) -> None:
    table = Table(title=title or f"{len(stories)} stories", title_justify="left", expand=True)
    table.add_column("story", no_wrap=True)
    table.add_column("headline", ratio=3)
    table.add_column("articles", justify="right")
    table.add_column("outlets", justify="right")
    for story in stories:
        table.add_row(
            story.id,
            escape(story.title or "—"),
            str(story.article_count),
            str(story.outlet_count),
        )
    out.print(table)


def show_annotations(payload: dict[str, Any]) -> None:
    """``newsdesk annotate FILE`` for a person: who, who said what, when, what happened."""
    if "error" in payload:
        err.print(f"[red]{escape(payload['source'])}: {escape(payload['error'])}[/red]")
        return
    names: dict[str, str] = {}
    for mention in payload["entities"]:
        names.setdefault(mention["canonical"] or mention["text"], mention["type"])
    out.print("[bold]entities[/bold]: " + escape(", ".join(f"{n} ({t})" for n, t in names.items())))
    for quote in payload["quotes"]:
        who = quote["speaker"] or "unattributed"
        out.print(f"[bold]{escape(who)}[/bold] [dim]{quote['kind']}[/dim]: {escape(quote['text'])}")
    for when in payload["dates"]:
        out.print(f"[dim]date[/dim] {escape(when['text'])} → {when['value']}")
    for event in payload["events"]:
        out.print(
            f"[dim]event[/dim] {event['date'] or '—'} {escape(event['actor'] or '?')} "
            f"{event['code']} {escape(event['target'] or '')}"
        )


def show_relations(pairs: Sequence[dict[str, Any]]) -> None:
    if not pairs:
        err.print("no events between two countries yet")
        return
    for pair in pairs:
        out.print(f"[bold]{escape(pair['from'])} → {escape(pair['to'])}[/bold]")
        for event in pair["events"]:
            who = f"{event['actor'] or '?'} {event['action']} {event['target'] or ''}"
            out.print(f"  {event['date'] or '—':<10}  {event['code']:<10}  {escape(who)}")


def show_entity(profile: dict[str, Any]) -> None:
    out.print(f"[bold]{escape(profile['name'])}[/bold] [dim]{profile['type']}[/dim]")
    for label in ("aliases", "roles"):
        if profile[label]:
            out.print(f"[dim]{label}:[/dim] {escape(', '.join(profile[label]))}")
    if profile.get("country"):
        out.print(f"[dim]country:[/dim] {escape(profile['country'])}")
    out.print(
        f"[dim]{profile['mentions']} mentions in {len(profile['articles'])} articles, "
        f"{len(profile['stories'])} stories[/dim]"
    )
    for quote in profile["quotes"]:
        out.print(f"  “{escape(quote['text'])}” [dim]{quote['article_id']}[/dim]")


def show_story(
    story: StoryRow, members: Sequence[Article], understanding: dict[str, Any] | None = None
) -> None:
    out.print(f"[bold]{escape(story.title or '(no title)')}[/bold]  [dim]{story.id}[/dim]")
    seen = f"{(story.first_seen or '—')[:16]} … {(story.last_seen or '—')[:16]}"
    out.print(
        f"[dim]{story.article_count} articles, {story.outlet_count} outlets, seen {seen}[/dim]"
    )
    out.print()
    by_outlet: dict[str, list[Article]] = {}
    for article in members:
        by_outlet.setdefault(article.outlet or "unknown outlet", []).append(article)
    for outlet, articles in by_outlet.items():
        out.print(f"[bold]{escape(outlet)}[/bold]")
        for a in articles:
            copy = f" [dim](copy of {a.extras['copy_of']})[/dim]" if a.extras.get("copy_of") else ""
            out.print(f"  {_day(a)}  {escape(a.title or a.text[:70])}  [dim]{a.id}[/dim]{copy}")
    understood = understanding or {}
    people = [e["name"] for e in understood.get("entities", [])[:12]]
    if people:
        out.print()
        out.print("[bold]who[/bold]: " + escape(", ".join(people)))
    for quote in [q for q in understood.get("quotes", []) if q["kind"] == "direct"][:6]:
        out.print(f"  [bold]{escape(quote['speaker'] or '?')}[/bold]: “{escape(quote['text'])}”")
    dated = [e for e in understood.get("events", []) if e["date"]]
    if dated:
        out.print("[bold]timeline[/bold]")
        for event in dated[:10]:
            out.print(
                f"  {event['date']}  {escape(event['actor'] or '?')} {escape(event['action'])} "
                f"{escape(event['target'] or '')}"
            )
