"""Rules at ingest and ``rules apply``: hidden articles stay stored, marked, out of sight."""

from __future__ import annotations

from newsdesk.article import Article
from newsdesk.ingest import SourceResult
from newsdesk.ingestion import ingest_results
from newsdesk.rules import apply_rules, mark_articles
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore
from newsdesk.store.rules import RuleRow

BODY = (
    "The harbour authority confirmed that the new ferry terminal will open in the spring, two "
    "years later than first planned and well over its original budget, officials said on {day}.\n\n"
    "Officials said the delay was caused by a shortage of steel and by a dispute with the main "
    "contractor, which has since been settled out of court after months of talks about {topic}.\n\n"
    "Local residents welcomed the news but said they remained worried about traffic on the "
    "coast road, which already carries twice the volume it was designed for each summer."
)
ALT = (
    "Engineers at the harbour finished inspecting the old lighthouse on {day} and found the "
    "stone tower sound, though the lantern room needs a new roof before the winter storms.\n\n"
    "The council will pay for the repairs from its heritage fund, and volunteers have offered to "
    "repaint the keeper's cottage, which has stood empty since the light was automated."
)
OTHER = [
    "The museum will extend its opening hours through the winter, the director announced.",
    "Tram drivers ended a three-day strike after the city council agreed to new rotas.",
    "A new public library branch opened in the old customs house with ten thousand books.",
    "Football supporters gathered at the stadium for the final match of a difficult season.",
]
NORTH = "https://north.example/feed.xml"
SOUTH = "https://south.example/feed.xml"


def _article(n: int, title: str, *, source: str = NORTH, topic: str = "steel") -> Article:
    text = (
        OTHER[n % len(OTHER)]
        + " "
        + OTHER[(n + 1) % len(OTHER)]
        + "\n\n"
        + BODY.format(day=f"day {n}", topic=f"{topic} {n}")
    )
    if n % 2:  # a different text altogether: never a copy of its neighbour
        text = ALT.format(day=f"day {n}")
    return Article(
        source=f"{source}#{n}",
        format="text",
        raw=text,
        text=text,
        url=f"{source.rsplit('/', 1)[0]}/story-{n}",
        title=title,
        outlet="Northgate Wire" if source == NORTH else "Southern Post",
    )


def _ingest(store: SqliteStore, source: str, articles: list[Article]) -> list[str]:
    settings = Settings().with_(stories=False, annotate=False)
    report = ingest_results([SourceResult(source, articles)], store, settings=settings)
    return report.ids


def _rule(name: str, pattern: str, *, action: str = "mute", **kw: str | None) -> RuleRow:
    return RuleRow(name=name, action=action, field=kw.pop("field", None) or "title",
                   kind="words", pattern=pattern, source=kw.pop("source", None))  # fmt: skip


def test_stage_muted_article_is_stored_marked_and_left_out_of_search(
    store: SqliteStore,
) -> None:
    store.rules.add_rule(_rule("no-horoscopes", "horoscope"))
    ids = _ingest(
        store,
        NORTH,
        [_article(1, "Ferry terminal opens late"), _article(2, "Your ferry horoscope")],
    )
    assert len(ids) == 2 and store.articles.count() == 2  # nothing dropped, nothing deleted
    marks = store.rules.article_marks()
    assert len(marks) == 1
    (mark,) = marks.values()
    assert mark.verdict == "muted" and mark.rule == "no-horoscopes"
    assert "no-horoscopes" in mark.reason
    found = [hit.title for hit in store.articles.search("ferry")]
    assert found == ["Ferry terminal opens late"]


def test_stage_keep_rules_of_one_source_leave_other_sources_alone(store: SqliteStore) -> None:
    store.rules.add_rule(_rule("north-ferries", "ferry", action="keep", source=NORTH))
    _ingest(store, NORTH, [_article(1, "Ferry terminal opens"), _article(2, "Library reopens")])
    _ingest(store, SOUTH, [_article(3, "Museum extends hours", source=SOUTH)])
    hidden = {
        store.articles.article(i).title: m.verdict for i, m in store.rules.article_marks().items()
    }  # type: ignore[union-attr]
    assert hidden == {"Library reopens": "not_kept"}
    titles = {hit.title for hit in store.articles.search("harbour")}
    assert titles == {"Ferry terminal opens", "Museum extends hours"}


def test_stage_mark_is_recorded_before_the_article_is_stored(store: SqliteStore) -> None:
    store.rules.add_rule(_rule("mute-sport", "football"))
    article = _article(1, "Football results")
    mark_articles(store, [article])  # as if ingest were killed right after this step
    assert store.articles.count() == 0
    _ingest(store, NORTH, [_article(1, "Football results")])  # the re-run stores it
    assert store.articles.search("harbour") == []
    assert len(store.rules.article_marks()) == 1


def test_stage_apply_hides_stored_articles_and_shows_them_again_when_the_rule_goes(
    store: SqliteStore,
) -> None:
    _ingest(store, NORTH, [_article(1, "Ferry terminal opens"), _article(2, "Tram strike ends")])
    assert len(store.articles.search("harbour")) == 2
    store.rules.add_rule(_rule("no-trams", "tram"))
    report = apply_rules(store)
    assert report.as_json() == {
        "articles": 2, "shown": 1, "muted": 1, "not_kept": 0, "rules": {"no-trams": 1},
        "timeouts": 0,
    }  # fmt: skip
    assert [h.title for h in store.articles.search("harbour")] == ["Ferry terminal opens"]
    assert store.articles.count() == 2
    store.rules.remove_rule("no-trams")
    assert apply_rules(store).shown == 2
    assert len(store.articles.search("harbour")) == 2


def test_stage_hidden_article_leaves_its_story_and_is_never_reassigned(
    store: SqliteStore,
) -> None:
    ids = _ingest(store, NORTH, [_article(1, "Ferry opens"), _article(2, "Ferry horoscope")])
    store.stories.save_assignments(
        features=[], assignments={i: "s-1" for i in ids}, merges=[], titles={"s-1": "Ferry"}
    )
    assert store.stories.story("s-1").article_count == 2  # type: ignore[union-attr]
    store.rules.add_rule(_rule("no-horoscopes", "horoscope"))
    apply_rules(store)
    story = store.stories.story("s-1")
    assert story is not None and story.article_count == 1
    assert [i for _, i in store.stories.unassigned()] == []  # the hidden one waits for no story


def test_stage_hidden_articles_are_left_out_of_the_web_search_and_its_facets(
    store: SqliteStore,
) -> None:
    from newsdesk.store import web_queries as wq
    from newsdesk.store.search import parse_query

    _ingest(store, NORTH, [_article(1, "Ferry terminal opens"), _article(2, "Tram horoscope")])
    store.rules.add_rule(_rule("no-horoscopes", "horoscope"))
    apply_rules(store)
    with store.db.reader() as db:
        ceiling = wq.max_rowid(db)
        for query in ("harbour", 'harbour outlet:"Northgate Wire"'):  # index-only and joined
            parsed = parse_query(query)
            hits, _ = wq.search_page(db, parsed, ceiling=ceiling)
            assert [h.title for h in hits] == ["Ferry terminal opens"], query
            assert wq.facets(db, parsed, ceiling=ceiling).total == 1
