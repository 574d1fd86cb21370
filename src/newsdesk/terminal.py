"""What the CLI shows a person: rich tables on stdout, progress on stderr.

Everything shown comes from untrusted articles, feeds and file names, so each value
goes through :func:`printable` (terminal escape sequences, C0/C1 controls and bidi
overrides removed) and then rich's markup escape. The consoles themselves replace
any control character that still reaches them, as a second line of defence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsdesk.article import Article
from newsdesk.timex import timex_date

if TYPE_CHECKING:
    from newsdesk.annotate.views import CountryRelation, EntityProfile
    from newsdesk.ingest import SourceResult
    from newsdesk.store.sqlite import SearchHit
    from newsdesk.store.stories import StoryRow
    from newsdesk.storyview import StoryUnderstanding

__all__ = [
    "printable",
    "show_article",
    "show_articles",
    "show_cleaned",
    "show_hits",
    "source_progress",
]

# CSI (ESC [ ... final) and OSC (ESC ] ... BEL or ESC \\) sequences, and the 8-bit CSI
_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]?"
)
# C0 (tab and newline kept), DEL, C1, and the bidi marks, embeddings, overrides, isolates
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *_BIDI])
_ONE_LINE = {**_CONTROLS, 0x09: " ", 0x0A: " ", 0x2028: " ", 0x2029: " "}


def printable(value: object, *, one_line: bool = False) -> str:
    """``value`` as text safe to print on a terminal: escape sequences and control
    characters (C0 but tab and newline, DEL, C1, bidi overrides) removed; with
    ``one_line`` tabs and line breaks become spaces (a file name cannot forge a line)."""
    text = value if isinstance(value, str) else str(value)
    text = _SEQUENCES.sub("", text)
    return text.translate(_ONE_LINE if one_line else _CONTROLS)


def _e(value: object) -> str:
    """A value for rich markup: printable, then markup-escaped."""
    return escape(printable(value))


_NET = {code: "\ufffd" for code in _CONTROLS}


class SafeConsole(Console):
    """A console that shows any control character reaching it as U+FFFD (never raw)."""

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Any:
        return super().render_str(text.translate(_NET), *args, **kwargs)


out = SafeConsole(highlight=False, soft_wrap=False)
err = SafeConsole(stderr=True, highlight=False)


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
            _e(a.id or ""),
            _day(a),
            _e(a.outlet or "—"),
            _e(a.title or a.text[:60]),
            _e(", ".join(a.flags)),
        )
    out.print(table)


def _header(article: Article) -> None:
    out.print(f"[bold]{_e(article.title or '(no title)')}[/bold]")
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
            out.print(f"[dim]{name}:[/dim] {_e(value)}")
    out.print()


def show_cleaned(article: Article) -> None:
    _header(article)
    out.print(_e(article.text))
    if article.removed:
        out.print()
        out.print(f"[dim]removed {len(article.removed)} pieces:[/dim]")
        for piece in article.removed:
            out.print(f"  [dim]{_e(piece.reason)}:[/dim] {_e(piece.text[:100])}")


def show_article(article: Article, *, copies: Sequence[Article] = ()) -> None:
    out.print(f"[dim]{_e(article.id)} · {_e(article.source)}[/dim]")
    original = article.extras.get("copy_of")
    if original:
        kind = article.extras.get("copy_kind", "near")
        out.print(f"[dim]a {_e(kind)} copy of {_e(original)}[/dim]")
    show_cleaned(article)
    if copies:
        out.print()
        out.print("[dim]also published by:[/dim]")
        for copy in copies:
            out.print(
                f"  {_e(copy.outlet or '—')}: {_e(copy.title or '')} [dim]{_e(copy.id)}[/dim]"
            )


def show_hits(hits: Sequence[SearchHit]) -> None:
    if not hits:
        err.print("no matches")
        return
    for hit in hits:
        day = (hit.published or "")[:10] or "—"
        out.print(f"[bold]{_e(hit.title or '(no title)')}[/bold]  [dim]{_e(hit.id)}[/dim]")
        out.print(f"  [dim]{_e(hit.outlet or '—')} · {_e(day)}[/dim]")
        out.print(f"  {_e(hit.snippet)}")


def show_stories(stories: Sequence[StoryRow], *, title: str | None = None) -> None:
    table = Table(title=title or f"{len(stories)} stories", title_justify="left", expand=True)
    table.add_column("story", no_wrap=True)
    table.add_column("headline", ratio=3)
    table.add_column("articles", justify="right")
    table.add_column("outlets", justify="right")
    for story in stories:
        table.add_row(
            _e(story.id),
            _e(story.title or "—"),
            str(story.article_count),
            str(story.outlet_count),
        )
    out.print(table)


def show_annotations(payload: dict[str, Any]) -> None:
    """``newsdesk annotate FILE`` for a person: who, who said what, when, what happened."""
    if "error" in payload:
        err.print(f"[red]{_e(payload['source'])}: {_e(payload['error'])}[/red]")
        return
    names: dict[str, str] = {}
    for mention in payload["entities"]:
        names.setdefault(mention["canonical"] or mention["text"], mention["type"])
    out.print("[bold]entities[/bold]: " + _e(", ".join(f"{n} ({t})" for n, t in names.items())))
    for quote in payload["quotes"]:
        who = quote["speaker"] or "unattributed"
        out.print(f"[bold]{_e(who)}[/bold] [dim]{_e(quote['kind'])}[/dim]: {_e(quote['text'])}")
    for when in payload["dates"]:
        out.print(f"[dim]date[/dim] {_e(when['text'])} → {_e(when['value'])}")
    for event in payload["events"]:
        out.print(
            f"[dim]event[/dim] {_e(event['date'] or '—')} {_e(event['actor'] or '?')} "
            f"{_e(event['code'])} {_e(event['target'] or '')}"
        )


def show_relations(pairs: Sequence[CountryRelation]) -> None:
    if not pairs:
        err.print("no events between two countries yet")
        return
    for pair in pairs:
        out.print(f"[bold]{_e(pair['from'])} → {_e(pair['to'])}[/bold]")
        for event in pair["events"]:
            who = f"{event['actor'] or '?'} {event['action']} {event['target'] or ''}"
            out.print(f"  {_e(event['date'] or '—'):<10}  {_e(event['code']):<10}  {_e(who)}")


def _counted(n: int, word: str, plural: str | None = None) -> str:
    """ "1 article", "2 articles", "1 story", "3 stories"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def show_entity(profile: EntityProfile) -> None:
    out.print(f"[bold]{_e(profile['name'])}[/bold] [dim]{_e(profile['type'])}[/dim]")
    for label in ("aliases", "roles"):
        if profile[label]:
            out.print(f"[dim]{label}:[/dim] {_e(', '.join(profile[label]))}")
    if profile.get("country"):
        out.print(f"[dim]country:[/dim] {_e(profile['country'])}")
    out.print(
        f"[dim]{_counted(profile['mentions'], 'mention')} in "
        f"{_counted(len(profile['articles']), 'article')}, "
        f"{_counted(len(profile['stories']), 'story', 'stories')}[/dim]"
    )
    for quote in profile["quotes"]:
        out.print(f"  “{_e(quote['text'])}” [dim]{_e(quote['article_id'])}[/dim]")


_TOLD_WORDS = 24  # as the brief's timeline cuts a sentence


def _told(event: Any) -> str:
    """An event as the outlet wrote it (cut as the brief cuts it, its dateline off, as the
    brief's), else its bare triple."""
    from newsdesk.summarize.compare import strip_dateline

    words = strip_dateline(event["sentence"] or "").split()
    if words:
        return " ".join(words[:_TOLD_WORDS]) + ("…" if len(words) > _TOLD_WORDS else "")
    return " ".join(w for w in (event["actor"] or "?", event["action"], event["target"]) if w)


# how a story's names are grouped for a reader, in this order; other types go last
_KINDS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places",
          "FAC": "places", "NORP": "groups"}  # fmt: skip


def _by_kind(entities: Sequence[Any]) -> dict[str, list[str]]:
    """A story's names under people, organisations, places, groups and other names, each
    kind in mention order: a place or a party is not one of the story's people."""
    kinds: dict[str, list[str]] = {kind: [] for kind in dict.fromkeys(_KINDS.values())}
    kinds["other names"] = []
    for entity in entities:
        kinds[_KINDS.get(entity["type"], "other names")].append(entity["name"])
    return {kind: names for kind, names in kinds.items() if names}


def show_story(
    story: StoryRow, members: Sequence[Article], understanding: StoryUnderstanding | None = None
) -> None:
    out.print(f"[bold]{_e(story.title or '(no title)')}[/bold]  [dim]{_e(story.id)}[/dim]")
    seen = f"seen {(story.first_seen or '—')[:16]} … {(story.last_seen or '—')[:16]}"
    if not (story.first_seen or story.last_seen):
        seen = "undated"
    out.print(
        f"[dim]{_counted(story.article_count, 'article')}, "
        f"{_counted(story.outlet_count, 'outlet')}, {seen}[/dim]"
    )
    out.print()
    by_outlet: dict[str, list[Article]] = {}
    for article in members:
        by_outlet.setdefault(article.outlet or "unknown outlet", []).append(article)
    for outlet, articles in by_outlet.items():
        out.print(f"[bold]{_e(outlet)}[/bold]")
        for a in articles:
            copy = (
                f" [dim](copy of {_e(a.extras['copy_of'])})[/dim]"
                if a.extras.get("copy_of")
                else ""
            )
            out.print(f"  {_day(a)}  {_e(a.title or a.text[:70])}  [dim]{_e(a.id)}[/dim]{copy}")
    from newsdesk.storyview import StoryUnderstanding

    understood = understanding or StoryUnderstanding()
    named = _by_kind(understood.entities[:16])
    if named:
        out.print()
    for kind, names in named.items():
        out.print(f"[bold]{kind}[/bold]: " + _e(", ".join(names)))
    for quote in [q for q in understood.quotes if q["kind"] == "direct"][:6]:
        who = _e(quote["speaker"]) if quote["speaker"] else "[dim]unattributed[/dim]"  # as the web
        out.print(f"  [bold]{who}[/bold]: “{_e(quote['text'])}”")
    dated = [e for e in understood.events if e["date"]]
    if dated:
        out.print("[bold]timeline[/bold]")
        lines = dict.fromkeys(  # a sentence telling two events is one line
            (timex_date(e["date"]) or e["date"], _told(e)) for e in dated
        )
        for when, told in list(lines)[:10]:
            out.print(f"  {_e(when)}  {_e(told)}")
