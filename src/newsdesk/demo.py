"""``newsdesk demo``: the bundled sample corpus into a store, then the latest day."""

from __future__ import annotations

import json
import sys
from collections import Counter

from newsdesk.article import Article
from newsdesk.ingestion import IngestReport, ingest
from newsdesk.sample import corpus_dir
from newsdesk.serialize import article_row, story_row
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.terminal import err, out, printable, show_stories, source_progress

__all__ = ["run_demo"]


def _latest_day(articles: list[Article]) -> list[Article]:
    days = sorted({a.published.date() for a in articles if a.published})
    if not days:
        return articles
    return [a for a in articles if a.published and a.published.date() == days[-1]]


def _show_brief(settings: Settings, day: str) -> None:
    """The day's brief in the terminal, and as a standalone HTML file beside the store."""
    from datetime import date

    from newsdesk.publish import build_brief, render

    with SqliteStore(settings.db) as store:
        made = build_brief(store, date.fromisoformat(day), top=5)
    out.print()
    out.print(render(made, "text"), markup=False, highlight=False)
    page = settings.db.with_name(f"{settings.db.stem}-brief-{day}.html")
    page.write_text(render(made, "html"), encoding="utf-8")
    out.print(f"the brief as a web page: [bold]{page}[/bold]")


def _show_across_languages(stored: list[Article], settings: Settings) -> None:
    """The stories told in several languages (one story per event, whatever the language)."""
    languages: dict[str, Counter[str]] = {}
    titles: dict[str, str] = {}
    for article in stored:
        if article.story_id:
            languages.setdefault(article.story_id, Counter())[article.language or "?"] += 1
            if article.language in (None, "en") and article.title:
                titles.setdefault(article.story_id, article.title)
    mixed = sorted(s for s, langs in languages.items() if len(langs) > 1)
    if not mixed:
        return
    out.print(f"{len(mixed)} stories across languages:", markup=False)
    for story in mixed:
        counts = ", ".join(f"{lang} {n}" for lang, n in sorted(languages[story].items()))
        title = printable(titles.get(story, story), one_line=True)
        out.print(
            f"  {title} ({counts}): newsdesk --db {settings.db} story {story}",
            markup=False,
            highlight=False,
        )


def _show_counts(
    report: IngestReport, stored: list[Article], removed: Counter[str], settings: Settings
) -> None:
    """What the demo ingested: articles, outlets, flags, debris removed, copies linked."""
    outlets = Counter(a.outlet or "unknown outlet" for a in stored)
    flags = Counter(flag for a in stored for flag in a.flags)
    out.print(
        f"[bold]{report.ingested}[/bold] new articles, {report.duplicates} already stored, "
        f"{len(report.rejected)} rejected; {len(stored)} articles from {len(outlets)} outlets "
        f"in {settings.db}"
    )
    if flags:
        out.print("flags: " + ", ".join(f"{name} {n}" for name, n in flags.most_common()))
    if removed:
        pieces = ", ".join(f"{reason} {n}" for reason, n in removed.most_common())
        out.print(f"debris removed: {pieces}")
    copies = sum(1 for a in stored if a.extras.get("copy_of"))
    if copies:
        out.print(f"{copies} copies of other outlets' articles recognised and linked")


def run_demo(settings: Settings, *, as_json: bool = False) -> IngestReport:
    """Ingest the sample corpus (idempotent: a re-run adds nothing) and show its last day."""
    corpus = corpus_dir()
    err.print(f"ingesting the sample corpus from {corpus} into {settings.db}")
    with SqliteStore(settings.db) as store, source_progress() as on_source:
        report = ingest([str(corpus)], store, settings=settings, on_source=on_source)
        stored = store.articles.articles()
        removed = store.articles.removed_reasons()
        day = _latest_day(stored)
        latest = day[0].published.date().isoformat() if day and day[0].published else None
        stories = store.stories.stories(day=latest)
    if as_json:
        payload = {
            "db": str(settings.db),
            **report.as_json(),
            "articles": len(stored),
            "latest_day": [article_row(a) for a in day],
            "date": latest,
            "stories": [story_row(s) for s in stories],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return report
    _show_counts(report, stored, removed, settings)
    show_stories(stories, title=f"{len(stories)} stories on {latest}")
    _show_across_languages(stored, settings)
    if latest:
        _show_brief(settings, latest)
    out.print(
        f"open the desk: [bold]newsdesk --db {settings.db} serve[/bold] then http://127.0.0.1:8000/"
    )
    out.print(
        f"or: [bold]newsdesk --db {settings.db} story ID[/bold], "
        f"[bold]newsdesk --db {settings.db} search ferry[/bold], "
        f"[bold]newsdesk --db {settings.db} search 転覆[/bold], "
        f"[bold]newsdesk --db {settings.db} article ID[/bold]"
    )
    return report
