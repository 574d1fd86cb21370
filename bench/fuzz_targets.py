"""What the fuzzer runs: each target makes a case from a seeded RNG and feeds it to newsdesk.

A target has a ``name``, ``setup()`` (models and stores loaded once per worker process),
``make(rng) -> Case`` and ``run(case)``. ``run`` raising a :class:`NewsdeskError`
(the project's documented error for bad input) is a handled case; any other exception
is a crash. The web target raises :class:`ServerError` for a 5xx answer.

Targets: the readers (``text``, ``html``, ``feed``, ``warc``, ``jsonl``), ``auto``
(format detection, gzip and the reader it picks), ``clean`` (the TextCleaner on what a
reader gave, or on raw text), ``annotate`` (the Annotator over cleaned text, with
publication dates from year 1 to 9999), ``dates`` (the date readers on date-heavy prose),
``brief`` (a store of fuzzed articles, quotes, entities and events, then every day's
brief in every format, every story read whole and every entity's profile) and ``web``
(every route through FastAPI's TestClient with fuzzed paths, queries and forms).
"""

from __future__ import annotations

import hashlib
import logging
import random
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fuzz_corpus import DATE_PHRASES, PARAGRAPHS, QUOTE_FORMS, seeds, seeds_of
from fuzz_mutate import extreme_date, hostile_string, mutate, mutate_text

__all__ = ["TARGETS", "Case", "ServerError", "Skip", "Target", "make_target", "net_cause"]

# read_blob's catch-all: a reader's unexpected exception becomes "the source could not be
# read (ValueError: ...)"; the batch goes on, but the exception is still a bug
NET_MESSAGES = ("could not be read (",)


@dataclass(slots=True)
class Case:
    """One input: its bytes, and what else the target needs to replay it (JSON-able)."""

    data: bytes
    meta: dict[str, Any] = field(default_factory=dict)


class ServerError(Exception):
    """The web desk answered 5xx."""


class Skip(Exception):
    """The case could not be sent (the HTTP client refused the URL): neither crash nor pass."""


def net_cause(exc: BaseException) -> BaseException | None:
    """The bug behind a documented error that a catch-all made of it, or None."""
    from newsdesk.errors import NewsdeskError

    cause = exc.__cause__
    if cause is None or isinstance(cause, NewsdeskError):
        return None
    return cause if any(text in str(exc) for text in NET_MESSAGES) else None


def _settings(db: Path) -> Any:
    from newsdesk.settings import Settings

    return Settings(db=db, stories=False, annotate=False)


def _corpus() -> list[bytes]:
    return [s.data for s in seeds()]


def _plain(text: str) -> str:
    """``text`` as a reader would hand it on: no lone surrogates (they cannot be decoded)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _published(rng: random.Random) -> datetime | None:
    if rng.random() < 0.1:
        return None
    year, month, day = extreme_date(rng)
    tz = UTC if rng.random() < 0.7 else None
    return datetime(year, month, day, rng.randrange(24), rng.randrange(60), tzinfo=tz)


class Target:
    name = ""
    kinds: tuple[str, ...] = ()  # the seeds this target mostly mutates

    def setup(self, folder: Path | None = None) -> None:
        """Load what the target needs once; ``folder`` holds its files (a temp dir)."""
        self.tmp = folder or Path(tempfile.mkdtemp(prefix=f"fuzz-{self.name}-"))
        self.settings = _settings(self.tmp / "unused.db")
        self.corpus = _corpus()
        own = seeds_of(*self.kinds) if self.kinds else seeds()
        self.own = own or seeds()

    def make(self, rng: random.Random) -> Case:
        seed = rng.choice(self.own) if rng.random() < 0.85 else rng.choice(seeds())
        return Case(mutate(seed.data, rng, self.corpus), {"name": seed.name, "kind": seed.kind})

    def run(self, case: Case) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what ``setup`` holds (stores, clients, log handlers)."""


class ReaderTarget(Target):
    """One reader, called directly on mutated seeds of its own format."""

    def blob(self, case: Case) -> Any:
        from newsdesk.ingest.blob import Blob

        name = str(case.meta.get("name", "case"))
        return Blob(data=case.data, source=name, name=name)

    def run(self, case: Case) -> None:
        from newsdesk.ingest import feed, html, jsonl, text, warc

        blob = self.blob(case)
        if self.name == "text":
            text.read_text(blob, self.settings)
        elif self.name == "html":
            html.read_html(blob, self.settings)
        elif self.name == "feed":
            feed.read_feed(
                blob, self.settings, "atom" if case.meta.get("kind") == "atom" else "rss"
            )
        elif self.name == "warc":
            warc.read_warc(blob, self.settings)
        elif self.name == "jsonl":
            jsonl.read_jsonl(blob, self.settings)


class AutoTarget(ReaderTarget):
    """What ``ingest`` does with a file's bytes: detect, gunzip, read, report."""

    name = "auto"

    def run(self, case: Case) -> None:
        from newsdesk.ingest.detect import detect_format
        from newsdesk.ingest.reader import raise_if_empty, read_blob

        blob = self.blob(case)
        detect_format(blob.data, blob.name)
        raise_if_empty(read_blob(blob, self.settings))


class IngestTarget(ReaderTarget):
    """The whole ``ingest`` of one source into a store (read, clean, copies, one
    transaction), then the stored articles read back. A fresh store every 200 cases."""

    name = "ingest"
    EVERY = 200

    def setup(self, folder: Path | None = None) -> None:
        super().setup(folder)
        self.store: Any = None
        self.used = 0

    def _store(self) -> Any:
        from newsdesk.store import SqliteStore

        if self.store is None or self.used >= self.EVERY:
            if self.store is not None:
                self.store.close()
                for path in self.tmp.glob("ingest.db*"):
                    path.unlink()
            self.store, self.used = SqliteStore(self.tmp / "ingest.db"), 0
        self.used += 1
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()

    def run(self, case: Case) -> None:
        from newsdesk.errors import InputError
        from newsdesk.ingest import SourceResult
        from newsdesk.ingest.reader import raise_if_empty, read_blob
        from newsdesk.ingestion import ingest_results

        blob = self.blob(case)
        result = SourceResult(source=blob.source)
        try:
            readout = read_blob(blob, self.settings)
            raise_if_empty(readout)
            result.articles, result.errors = readout.articles, readout.errors
        except InputError as exc:
            result.errors.append((blob.source, str(exc)))
        store = self._store()
        report = ingest_results([result], store, settings=self.settings)
        for article_id in report.ids:
            store.articles.article(article_id)


class CleanTarget(ReaderTarget):
    """The TextCleaner on a reader's first article (as ``clean_file``), or on raw text."""

    name = "clean"

    def setup(self, folder: Path | None = None) -> None:
        super().setup(folder)
        from newsdesk.clean import TextCleaner

        self.cleaner = TextCleaner.from_settings(self.settings)

    def make(self, rng: random.Random) -> Case:
        case = super().make(rng)
        case.meta["reference"] = str(_published(rng))
        return case

    def article(self, case: Case) -> Any:
        from newsdesk.article import Article
        from newsdesk.errors import NewsdeskError
        from newsdesk.ingest.reader import read_blob

        if case.meta.get("kind") != "text":
            try:
                found = read_blob(self.blob(case), self.settings).articles
                if found:
                    return found[0]
            except NewsdeskError:
                pass
            except Exception:
                pass
        raw = case.data.decode("utf-8", errors="replace")
        return Article(source="case.txt", format="text", raw=raw)

    def run(self, case: Case) -> None:
        article = self.article(case)
        reference = case.meta.get("reference")
        if reference and reference != "None":
            article.fetched = datetime.fromisoformat(reference)
        self.cleaner.clean(article)


class AnnotateTarget(CleanTarget):
    """The Annotator (one spaCy parse, entities, quotes, dates, events) on cleaned text."""

    name = "annotate"
    kinds = ("text", "jsonl", "html")

    def setup(self, folder: Path | None = None) -> None:
        super().setup(folder)
        from newsdesk.annotate.annotator import Annotator

        self.annotator = Annotator()
        self.annotator._load()

    def make(self, rng: random.Random) -> Case:
        if rng.random() < 0.5:
            case = super().make(rng)
        else:  # prose built from the corpus' paragraphs, quotes and date phrases
            parts = rng.sample(PARAGRAPHS, rng.randrange(1, 4)) + rng.sample(DATE_PHRASES, 2)
            form = rng.choice(QUOTE_FORMS)
            parts.append(form.format(q=rng.choice(PARAGRAPHS)[:80], s=hostile_string(rng)))
            rng.shuffle(parts)
            text = mutate_text(" ".join(parts), rng, self.corpus)
            case = Case(text.encode("utf-8", "surrogatepass"), {"name": "prose", "kind": "text"})
        case.meta["published"] = str(_published(rng))
        return case

    def run(self, case: Case) -> None:
        from newsdesk.errors import NewsdeskError

        article = self.article(case)
        try:
            self.cleaner.clean(article)
        except NewsdeskError:
            pass
        except Exception:
            article.text = ""
        published = case.meta.get("published")
        when = None if published in (None, "None") else datetime.fromisoformat(published)
        list(self.annotator.annotate_texts([article.body], [when]))


class DatesTarget(Target):
    """The date readers: the annotator's normaliser, the cleaner's dateline reader and
    the reader of record/feed dates, on date-heavy prose and extreme publication dates."""

    name = "dates"

    def setup(self, folder: Path | None = None) -> None:
        super().setup(folder)
        from newsdesk.annotate import nlp
        from newsdesk.annotate.dates import DateNormalizer
        from newsdesk.clean.data import load_data
        from newsdesk.clean.dates import DateReader

        self.pipeline = nlp.load()
        self.normaliser = DateNormalizer(nlp=self.pipeline)
        self.dateline = DateReader(load_data())

    def make(self, rng: random.Random) -> Case:
        year, month, day = extreme_date(rng)
        words = [
            rng.choice(DATE_PHRASES),
            f"On {day} {date(2000, month, 1):%B} {year} the talks {rng.choice(['began', 'end'])}.",
            f"{year:04d}-{month:02d}-{day:02d}",
            rng.choice(["next year", "last year", "on Monday", "in 3 weeks", "the year after",
                        "a decade later", "next month", "this week", "tomorrow", "in 9000 years"]),
        ]  # fmt: skip
        rng.shuffle(words)
        text = mutate_text(" ".join(words), rng, self.corpus) if rng.random() < 0.5 else ""
        text = _plain(text or " ".join(words))
        meta = {"published": str(_published(rng)), "value": rng.choice(words)}
        return Case(text.encode("utf-8", "surrogatepass"), meta)

    def run(self, case: Case) -> None:
        from newsdesk.ingest.dates import parse_date

        text = case.data.decode("utf-8", errors="surrogatepass")
        published = case.meta.get("published")
        when = None if published in (None, "None") else datetime.fromisoformat(published)
        self.normaliser.find(text, published=when)
        self.dateline.find(text, reference=when)
        parse_date(case.meta.get("value"))


def hashed_features(articles: Any) -> Any:
    """Story features with hashed words standing in for the sentence model (no model)."""
    import numpy as np

    from newsdesk.cluster.embed import DIM
    from newsdesk.cluster.features import features_for

    out = []
    for article in articles:
        vector = np.zeros(DIM, dtype=np.float32)
        for word in article.body.lower().split()[:2000]:
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
        vector /= max(float(np.linalg.norm(vector)), 1e-9)
        out.append(features_for(article, vector))
    return out


def _articles_and_notes(rng: random.Random, corpus: list[bytes]) -> list[dict[str, Any]]:
    """A few articles of one or two stories, with fuzzed names, quotes, events and dates."""
    base = datetime(2026, 3, 10, 8, tzinfo=UTC)
    items = []
    for k in range(rng.randrange(2, 7)):
        text = " ".join(rng.sample(PARAGRAPHS, 3))
        if rng.random() < 0.5:
            text = _plain(mutate_text(text, rng, corpus))
        when = base + timedelta(hours=rng.randrange(-30, 30))
        if rng.random() < 0.15:
            year, month, day = extreme_date(rng)
            when = datetime(year, month, day, tzinfo=UTC if rng.random() < 0.8 else None)
        speaker = _plain(hostile_string(rng, limit=600)) if rng.random() < 0.6 else "Ilse Varga"
        names = [
            _plain(hostile_string(rng, limit=600)) or "Varga" for _i in range(rng.randrange(1, 4))
        ]
        items.append(
            {
                "url": f"https://{rng.choice(['wire', 'post', 'ledger'])}.example/{k}",
                "text": text,
                "title": _plain(hostile_string(rng, limit=300)) or f"Story {k}",
                "outlet": rng.choice(["Wire", "Post", _plain(hostile_string(rng, limit=200))]),
                "published": when.isoformat(),
                "speaker": speaker,
                "names": names,
                "event_date": rng.choice(["2026-03-12", "9999-12-31", "0001-01-01", "XXXX-WXX",
                                          "2026-W99", "PAST_REF", "", "2026-13-45", "99999"]),
                "types": [rng.choice(["PERSON", "ORG", "GPE", "LOC", "NORP", ""]) for _ in names],
            }
        )  # fmt: skip
    return items


class BriefTarget(Target):
    """A fresh store of fuzzed articles and annotations, then everything read from it."""

    name = "brief"

    def setup(self, folder: Path | None = None) -> None:
        """A migrated store with the outlet registry seeded, copied for each case (seeding
        7,000 outlets is most of a fresh store's cost and not what is fuzzed here)."""
        super().setup(folder)
        from newsdesk.store import SqliteStore

        self.template = self.tmp / "template.db"
        with SqliteStore(self.template) as store:
            seed = getattr(getattr(store, "outlets", store), "ensure_outlets", None)
            if seed is not None:
                seed()

    def make(self, rng: random.Random) -> Case:
        import json

        items = _articles_and_notes(rng, self.corpus)
        return Case(json.dumps(items, ensure_ascii=False).encode("utf-8", "surrogatepass"), {})

    def _annotations(self, item: dict[str, Any], text: str) -> Any:
        from newsdesk.article import Annotations, Entity, Event, Mention, Quote

        found = Annotations()
        cut = max(1, len(text) // 3)
        for name, kind in zip(item["names"], item["types"], strict=True):
            found.entities.append(Mention(name, kind, 0, min(len(text), 10), canonical=name))
            found.named.append(Entity(name, kind, aliases=[name[:5]], roles=["minister"]))
        found.quotes.append(
            Quote(text[:cut], 0, cut, speaker=item["speaker"], speaker_start=cut,
                  speaker_end=min(len(text), cut + 5), cue="said")
        )  # fmt: skip
        found.events.append(
            Event("met", "meet", text[:cut], actor=item["speaker"], target=item["names"][0],
                  date=item["event_date"] or None, start=0, end=cut)
        )  # fmt: skip
        return found

    def run(self, case: Case) -> None:
        import json

        from newsdesk.annotate.entity_resolver import lookup
        from newsdesk.annotate.views import store_entities
        from newsdesk.article import Article
        from newsdesk.cluster.tracker import StoryTracker
        from newsdesk.publish import FORMATS, build_brief, render
        from newsdesk.serialize import story_full
        from newsdesk.store import SqliteStore
        from newsdesk.storyview import understand_story

        items = json.loads(case.data.decode("utf-8", "surrogatepass"))
        path = Path(tempfile.mkdtemp(dir=self.tmp)) / "brief.db"
        shutil.copyfile(self.template, path)
        with SqliteStore(path) as store:
            articles = []
            for item in items:
                article = Article(source=item["url"], format="jsonl", raw=item["text"])
                article.text, article.url, article.title = item["text"], item["url"], item["title"]
                article.outlet = item["outlet"]
                article.published = datetime.fromisoformat(item["published"])
                articles.append(article)
            store.articles.add_source("fuzz", articles)
            StoryTracker(store, featurize=hashed_features).update()
            notes = [
                (a.id or "", self._annotations(i, a.body))
                for a, i in zip(articles, items, strict=True)
            ]
            store.annotations.save_annotations(notes)
            days = {a.published.date() for a in articles if a.published}
            for day in sorted(days):
                made = build_brief(store, day, top=5)
                for fmt in FORMATS:
                    render(made, fmt)
            for row in store.stories.stories():
                found = store.stories.story(row.id)
                members = (
                    [a for i in found.articles if (a := store.articles.article(i))] if found else []
                )
                story_full(found, members, understand_story(store, members))
            store_entities(store)
            for item in items[:2]:
                lookup(store, item["speaker"])
        for leftover in path.parent.iterdir():
            leftover.unlink()
        path.parent.rmdir()


_SLOT = re.compile(r"\{(\w+)(?::\w+)?\}")
_SLOT_KINDS = {"day": "day", "name": "name", "code": "name", "fmt": "fmt", "kind": "kind"}
QUERY_KEYS = ["q", "after", "limit", "date", "top", "set", "next", "done", "page", "outlet",
              "every", "since", "kind", "hour", "include-hidden", "entity", "story"]  # fmt: skip
FORM_KEYS = ["user", "password", "csrf", "next", "url", "every", "outlet", "email", "zone",
             "days", "at", "topics", "List-Unsubscribe", "name", "query", "webhook"]  # fmt: skip


def app_routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path template) the app answers, included routers walked."""

    def walk(routes: Any, prefix: str) -> Any:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                yield from walk(inner.routes, prefix + (route.include_context.prefix or ""))
            elif hasattr(route, "path"):
                for method in sorted(getattr(route, "methods", None) or {"GET"}):
                    yield method, prefix + route.path

    return sorted(set(walk(app.routes, "")))


class WebTarget(Target):
    """Every route of the web desk, in-process, over a store with hostile names in it."""

    name = "web"

    def setup(self, folder: Path | None = None) -> None:
        super().setup(folder)
        from fastapi.testclient import TestClient

        from newsdesk.settings import Settings
        from newsdesk.web.app import create_app

        db = self.tmp / "web.db"
        self.known = self._fill(db)
        app = create_app(Settings(db=db, base_url="http://desk.test", secret="fuzz " * 8))
        self.routes = app_routes(app)
        self.client = TestClient(app, base_url="http://desk.test", raise_server_exceptions=False)
        self.client.__enter__()
        self.errors: list[str] = []
        self.handler = logging.Handler()
        self.handler.emit = lambda record: self.errors.append(  # type: ignore[method-assign]
            logging.Formatter().format(record)
        )
        logger = logging.getLogger("newsdesk")
        self.propagate = logger.propagate
        logger.addHandler(self.handler)
        logger.propagate = False  # the traceback goes into the finding, not to stderr

    def close(self) -> None:
        self.client.__exit__(None, None, None)
        logger = logging.getLogger("newsdesk")
        logger.removeHandler(self.handler)
        logger.propagate = self.propagate

    def _fill(self, db: Path) -> dict[str, list[str]]:
        """A store from the seed corpus plus BriefTarget-style fuzzed articles."""
        from newsdesk.cluster.tracker import StoryTracker
        from newsdesk.ingestion import ingest
        from newsdesk.store import SqliteStore

        folder = self.tmp / "corpus"
        folder.mkdir()
        for seed in seeds_of("jsonl", "html", "rss", "atom"):
            (folder / seed.name).write_bytes(seed.data)
        with SqliteStore(db) as store:
            ingest([str(folder)], store, settings=_settings(db))
            StoryTracker(store, featurize=hashed_features).update()
            maker, rng = BriefTarget(), random.Random("web-store")
            notes = []
            for article in store.articles.articles():
                item = _articles_and_notes(rng, self.corpus)[0]
                notes.append((article.id or "", maker._annotations(item, article.body)))
            store.annotations.save_annotations(notes)
            return {
                "id": [a.id or "" for a in store.articles.articles()]
                + [s.id for s in store.stories.stories()],
                "name": [
                    n for a in store.articles.articles() for n in (a.outlet or "", a.title or "")
                ]
                + ["Ilse Varga", "Varga", "\u2019\u2019", "Selva/Port"],
                "day": ["2026-03-10", "2026-03-11", "9999-12-31", "0001-01-01", "0000-00-00"],
            }

    def _value(self, rng: random.Random, kind: str) -> str:
        if rng.random() < 0.4 and self.known.get(kind):
            value = rng.choice(self.known[kind])
            return value + hostile_string(rng, limit=3000) if rng.random() < 0.3 else value
        return hostile_string(rng, limit=3000)

    def make(self, rng: random.Random) -> Case:
        method, template = rng.choice(self.routes)
        if method == "GET" and rng.random() < 0.2:
            method = "HEAD"

        def fill(slot: re.Match[str]) -> str:
            kind = _SLOT_KINDS.get(slot.group(1), "id")
            if kind == "fmt":
                return rng.choice(("atom", "rss", "json", "xml", "", "atom/x", "%00"))
            if kind == "kind":
                return rng.choice(("articles", "stories", "entities", "events", "x", "%2F"))
            raw = self._value(rng, kind)
            return raw if rng.random() < 0.2 else quote(raw, safe="/", errors="surrogatepass")

        path = _SLOT.sub(fill, template)
        keys = rng.sample(QUERY_KEYS, rng.randrange(0, 3))
        query = "&".join(
            f"{k}={quote(self._value(rng, 'name'), safe='', errors='surrogatepass')}" for k in keys
        )
        form = {k: self._value(rng, "name") for k in rng.sample(FORM_KEYS, rng.randrange(0, 4))}
        meta = {"method": method, "query": query, "form": form}
        return Case(path.encode("utf-8", "surrogatepass"), meta)

    def run(self, case: Case) -> None:
        path = case.data.decode("utf-8", "surrogatepass")
        query = case.meta.get("query") or ""
        url = f"{path}?{query}" if query else path
        self.errors.clear()
        try:
            if case.meta["method"] in ("POST", "PUT", "PATCH"):
                form = case.meta.get("form") or {}
                response = self.client.request(case.meta["method"], url, data=form)
            else:
                response = self.client.request(case.meta["method"], url)
        except Exception as exc:
            raise Skip(f"{type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500:
            detail = self.errors[-1] if self.errors else response.text[:300]
            raise ServerError(
                f"{case.meta['method']} {url[:200]!r} -> {response.status_code}\n{detail}"
            )


TARGETS: dict[str, type[Target]] = {}
for _name, _kinds in [("text", ("text",)), ("html", ("html",)), ("feed", ("rss", "atom")),
                      ("warc", ("warc",)), ("jsonl", ("jsonl",))]:  # fmt: skip
    TARGETS[_name] = type(
        f"{_name.title()}Target", (ReaderTarget,), {"name": _name, "kinds": _kinds}
    )
TARGETS.update(
    auto=AutoTarget, ingest=IngestTarget, clean=CleanTarget, annotate=AnnotateTarget,
    dates=DatesTarget, brief=BriefTarget, web=WebTarget,
)  # fmt: skip


def make_target(name: str) -> Target:
    target = TARGETS[name]()
    target.name = name
    return target
