"""The outlet registry's tables (a mixin of :class:`~newsdesk.store.sqlite.SqliteStore`).

On first use the registry is seeded from the bundled data file and every stored article
is resolved against it (the backfill); when a newer bundled file ships, its new and
changed rows are taken in (rows a user set or imported are never overwritten) and the
articles that had no registered outlet are resolved again. Articles keep the resolved
name in ``articles.outlet`` and the carrier in ``articles.site``, so every page, feed
and search that reads those columns shows registry names.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsdesk.article import Article
from newsdesk.keyed import KeyedFields
from newsdesk.outlets.model import Outlet, OutletInputError
from newsdesk.outlets.registry import OutletRegistry, bundled_outlets, bundled_text
from newsdesk.store.database import Repository

if TYPE_CHECKING:
    from newsdesk.outlets.resolve import OutletResolver

__all__ = ["ImportReport", "OutletConflict", "OutletRepository"]

# articles whose outlet another bundled file or a registry change may now name
_WEAK_VIA = ("named", "title", "host_name", "carrier", "none")
_DERIVED_VIA = ("host_name",)  # names resolution made up: read again from the host
_BATCH = 500


@dataclass(slots=True, frozen=True)
class OutletConflict(KeyedFields):
    """An imported outlet that clashes with a stored one (not merged): why, in ``error``."""

    name: str
    error: str


@dataclass(slots=True)
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[OutletConflict] = field(default_factory=list)
    resolved: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": [{"name": c.name, "error": c.error} for c in self.conflicts],
            "resolved": self.resolved,
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _outlet(row: sqlite3.Row, hosts: list[str]) -> Outlet:
    return Outlet(
        name=row["name"],
        hosts=tuple(hosts),
        country=row["country"],
        languages=tuple(json.loads(row["languages"])),
        kind=row["kind"],
        owner=row["owner"],
        aliases=tuple(json.loads(row["aliases"])),
        notes=row["notes"],
        source=row["source"],
        origin=row["origin"],
    )


def _upsert(db: sqlite3.Connection, outlet: Outlet, now: str) -> None:
    db.execute(
        "INSERT INTO outlets (name, country, languages, kind, owner, aliases, notes, source,"
        " origin, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE"
        " SET name = excluded.name, country = excluded.country, languages = excluded.languages,"
        " kind = excluded.kind, owner = excluded.owner, aliases = excluded.aliases,"
        " notes = excluded.notes, source = excluded.source, origin = excluded.origin,"
        " updated_at = excluded.updated_at",
        (
            outlet.name,
            outlet.country,
            json.dumps(list(outlet.languages)),
            outlet.kind,
            outlet.owner,
            json.dumps(list(outlet.aliases), ensure_ascii=False),
            outlet.notes,
            outlet.source,
            outlet.origin,
            now,
        ),
    )
    db.execute("DELETE FROM outlet_hosts WHERE outlet = ?", (outlet.name,))
    db.executemany(
        "INSERT OR IGNORE INTO outlet_hosts (host, outlet) VALUES (?, ?)",
        [(h, outlet.name) for h in outlet.hosts],
    )


def _same(a: Outlet, b: Outlet) -> bool:
    return (a.hosts, a.country, a.languages, a.kind, a.owner, a.aliases, a.notes) == (
        b.hosts,
        b.country,
        b.languages,
        b.kind,
        b.owner,
        b.aliases,
        b.notes,
    )


class OutletRepository(Repository):
    """Registry reads and writes, resolution of stored articles, region and group queries."""

    _outlets_ready: bool = False
    _outlet_cache: tuple[int, OutletRegistry] | None = None

    # -- seeding and state ---------------------------------------------------

    def _outlet_version(self, db: sqlite3.Connection) -> int:
        row = db.execute("SELECT version FROM outlet_state WHERE id = 1").fetchone()
        return int(row[0]) if row else 0

    def ensure_outlets(self) -> None:
        """Seed the registry on first use, take in a newer bundled file, backfill articles."""
        if self._outlets_ready:
            return
        digest = hashlib.sha256(bundled_text().encode("utf-8")).hexdigest()
        row = self.db.writer.execute(
            "SELECT seed_hash, resolved_rowid FROM outlet_state WHERE id = 1"
        ).fetchone()
        if row is None or row[0] != digest:
            self._seed(digest, first=row is None)
        self._outlets_ready = True
        self._resolve_since(
            int(row[1]) if row is not None else 0, weak=row is not None and row[0] != digest
        )

    def _resolve_since(self, marker: int, *, weak: bool) -> None:
        """The backfill, then a check of only the rows written since: articles past
        ``marker`` (the last rowid looked at) are resolved if they never were, and the
        marker moves to the newest rowid read (rows written meanwhile have larger rowids:
        the next check sees them). A process with nothing new reads one max(rowid).
        ``weak``: a newer bundled file, so every article without a registered outlet is
        resolved again."""
        top = self.db.writer.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
        if weak:
            self.resolve_stored(weak_only=True)
        elif top > marker:
            self.resolve_stored(after=marker, upto=top)
        else:
            return
        with self._transaction() as db:
            db.execute(
                "UPDATE outlet_state SET resolved_rowid = max(resolved_rowid, ?) WHERE id = 1",
                (top,),
            )

    def _seed(self, digest: str, *, first: bool) -> None:
        now = _now()
        with self._transaction() as db:
            users = {
                r[0].casefold()
                for r in db.execute("SELECT name FROM outlets WHERE origin = 'user'")
            }
            for outlet in bundled_outlets():
                if outlet.name.casefold() not in users:
                    _upsert(db, outlet, now)
            db.execute(
                "INSERT INTO outlet_state (id, seed_hash, version, updated_at) VALUES (1, ?, 1, ?)"
                " ON CONFLICT (id) DO UPDATE SET seed_hash = excluded.seed_hash,"
                " version = outlet_state.version + 1, updated_at = excluded.updated_at",
                (digest, now),
            )

    def _bump(self, db: sqlite3.Connection) -> None:
        db.execute(
            "UPDATE outlet_state SET version = version + 1, updated_at = ? WHERE id = 1", (_now(),)
        )

    # -- reading the registry ------------------------------------------------

    def outlet_registry(self) -> OutletRegistry:
        """The registry as stored (read once per registry version)."""
        self.ensure_outlets()
        with self._reader() as db:
            version = self._outlet_version(db)
            cached = self._outlet_cache
            if cached is not None and cached[0] == version:
                return cached[1]
            hosts: dict[str, list[str]] = {}
            for host, name in db.execute("SELECT host, outlet FROM outlet_hosts ORDER BY host"):
                hosts.setdefault(name.casefold(), []).append(host)
            outlets = [
                _outlet(r, hosts.get(r["name"].casefold(), []))
                for r in db.execute("SELECT * FROM outlets ORDER BY name COLLATE NOCASE")
            ]
        registry = OutletRegistry(outlets)
        self._outlet_cache = (version, registry)
        return registry

    def outlet_counts(self) -> dict[str, tuple[int, int]]:
        """Outlet name -> (articles, stories) in the store."""
        with self._reader() as db:
            rows = db.execute(
                "SELECT outlet, count(*), count(DISTINCT story_id) FROM articles"
                " WHERE outlet IS NOT NULL GROUP BY outlet"
            ).fetchall()
        return {r[0]: (int(r[1]), int(r[2])) for r in rows}

    # -- writing the registry ------------------------------------------------

    def _host_conflicts(self, db: sqlite3.Connection, outlet: Outlet) -> list[str]:
        clashes = []
        for host in outlet.hosts:
            row = db.execute("SELECT outlet FROM outlet_hosts WHERE host = ?", (host,)).fetchone()
            if row is not None and row[0].casefold() != outlet.name.casefold():
                clashes.append(f"host {host} belongs to {row[0]}")
        return clashes

    def save_outlet(self, outlet: Outlet, *, rename_from: str | None = None) -> int:
        """Add or change one outlet (origin "user"); return the articles resolved anew.

        OutletInputError when one of its hosts belongs to another outlet."""
        self.ensure_outlets()
        with self._transaction() as db:
            clashes = self._host_conflicts(db, outlet)
            if clashes:
                raise OutletInputError(
                    f"cannot save {outlet.name!r}: {'; '.join(clashes)}; change that outlet first"
                )
            if rename_from and rename_from.casefold() != outlet.name.casefold():
                db.execute("UPDATE outlets SET name = ? WHERE name = ?", (outlet.name, rename_from))
                db.execute(
                    "UPDATE articles SET outlet = ? WHERE outlet = ?", (outlet.name, rename_from)
                )
            _upsert(db, outlet.with_(origin="user"), _now())
            self._bump(db)
        return self.resolve_stored(weak_only=True)

    def import_outlets(self, outlets: Sequence[Outlet], *, replace: bool = False) -> ImportReport:
        """Add new outlets; one that conflicts with a stored outlet (same name with other
        facts, or a host another outlet owns) is reported, not merged, unless ``replace``."""
        self.ensure_outlets()
        report = ImportReport()
        registry = self.outlet_registry()
        now = _now()
        with self._transaction() as db:
            for outlet in outlets:
                existing = registry.get(outlet.name)
                clashes = self._host_conflicts(db, outlet)
                if existing is not None and _same(existing, outlet):
                    report.unchanged.append(outlet.name)
                    continue
                if clashes or (existing is not None and not replace):
                    why = clashes or [_difference(existing, outlet) if existing else ""]
                    report.conflicts.append(OutletConflict(outlet.name, "; ".join(why)))
                    continue
                _upsert(db, outlet.with_(origin="user"), now)
                (report.updated if existing else report.added).append(outlet.name)
            if report.added or report.updated:
                self._bump(db)
        report.resolved = self.resolve_stored(weak_only=True)
        return report

    # -- resolving stored articles -------------------------------------------

    def resolve_stored(
        self,
        *,
        weak_only: bool = False,
        everything: bool = False,
        after: int = 0,
        upto: int | None = None,
    ) -> int:
        """Resolve stored articles: those never resolved, plus (``weak_only``) those
        without a registered outlet, or (``everything``) all but user overrides, with a
        rowid in (``after``, ``upto``]; the stories whose outlets changed are recomputed.
        Returns the articles changed."""
        from newsdesk.outlets.resolve import OutletResolver
        from newsdesk.store.stories import _refresh_story

        self.ensure_outlets()
        resolver = OutletResolver(self.outlet_registry())
        where, params = _unresolved_where(weak_only=weak_only, everything=everything, upto=upto)
        changed = 0
        for batch in self._unresolved(where, params, after=after):
            updates, stories, moved = _resolve_batch(resolver, batch)
            changed += moved
            now = _now()
            with self._transaction() as db:
                db.executemany(
                    "UPDATE articles SET outlet = ?, site = ?,"
                    " extras = json_set(extras, '$.outlet_via', ?) WHERE id = ?",
                    updates,
                )
                for story_id in sorted(stories):
                    _refresh_story(db, story_id, None, now)
        return changed

    def _unresolved(
        self, where: str, params: list[Any], *, after: int = 0
    ) -> Iterator[list[Article]]:
        last = after
        while True:
            with self._reader() as db:
                rows = db.execute(
                    "SELECT rowid, id, url, outlet, site, source, story_id, extras FROM articles"
                    f" WHERE rowid > ? AND ({where}) ORDER BY rowid LIMIT ?",
                    [last, *params, _BATCH],
                ).fetchall()
            if not rows:
                return
            last = rows[-1]["rowid"]
            yield [
                Article(
                    source=r["source"],
                    format="",
                    raw="",
                    id=r["id"],
                    url=r["url"],
                    outlet=r["outlet"],
                    site=r["site"],
                    story_id=r["story_id"],
                    extras=json.loads(r["extras"]),
                )
                for r in rows
            ]

    # -- regions and groups --------------------------------------------------

    def region_story_ids(
        self, country: str, *, about: Sequence[str] = ()
    ) -> tuple[list[str], list[str]]:
        """(stories the country's outlets covered, stories whose articles name the country
        as a place, by any of ``about``), each most recently seen first."""
        self.ensure_outlets()
        order = " ORDER BY s.last_seen DESC, s.id"
        with self._reader() as db:
            own = [
                r[0]
                for r in db.execute(
                    "SELECT s.id FROM stories s WHERE s.id IN (SELECT a.story_id FROM articles a"
                    " JOIN outlets o ON o.name = a.outlet WHERE o.country = ?)" + order,
                    (country,),
                )
            ]
            names = [n for n in about if n]
            found: list[str] = []
            if names:
                marks = ",".join("?" * len(names))
                found = [
                    r[0]
                    for r in db.execute(
                        "SELECT s.id FROM stories s WHERE s.id IN (SELECT a.story_id FROM"
                        " articles a JOIN mentions m ON m.article_id = a.id WHERE m.type IN"
                        f" ('GPE', 'LOC', 'NORP') AND m.canonical COLLATE NOCASE IN ({marks}))"
                        + order,
                        names,
                    )
                ]
        return own, [s for s in found if s not in set(own)]

    def region_article_ids(self, country: str, *, limit: int = 50) -> list[str]:
        """The newest articles of the country's outlets."""
        self.ensure_outlets()
        with self._reader() as db:
            return [
                r[0]
                for r in db.execute(
                    "SELECT a.id FROM articles a JOIN outlets o ON o.name = a.outlet"
                    " WHERE o.country = ? ORDER BY coalesce(a.published, '') DESC, a.rowid DESC"
                    " LIMIT ?",
                    (country, limit),
                )
            ]

    def group_coverage(self, by: str) -> dict[str, dict[str, int]]:
        """Story id -> {group: original articles} for ``by`` = country or kind."""
        column = {"country": "o.country", "kind": "o.kind"}[by]
        self.ensure_outlets()
        with self._reader() as db:
            rows = db.execute(
                f"SELECT a.story_id, {column}, count(*) FROM articles a JOIN outlets o"
                " ON o.name = a.outlet WHERE a.story_id IS NOT NULL AND a.copy_of IS NULL"
                f" AND {column} IS NOT NULL GROUP BY 1, 2"
            ).fetchall()
        found: dict[str, dict[str, int]] = {}
        for story_id, group, n in rows:
            found.setdefault(story_id, {})[group] = int(n)
        return found

    def active_groups(self, by: str, start: str | None, end: str | None) -> dict[str, int]:
        """Group -> articles published between ``start`` and ``end`` (days, inclusive)."""
        column = {"country": "o.country", "kind": "o.kind"}[by]
        self.ensure_outlets()
        with self._reader() as db:
            rows = db.execute(
                f"SELECT {column}, count(*) FROM articles a JOIN outlets o ON o.name = a.outlet"
                f" WHERE {column} IS NOT NULL AND substr(coalesce(a.published, ''), 1, 10)"
                " BETWEEN ? AND ? GROUP BY 1",
                (start or "", end or "9999"),
            ).fetchall()
        return {r[0]: int(r[1]) for r in rows}


def _difference(existing: Outlet, new: Outlet) -> str:
    fields = ("hosts", "country", "languages", "kind", "owner", "aliases", "notes")
    differs = [f for f in fields if getattr(existing, f) != getattr(new, f)]
    shown = "; ".join(
        f"{f}: {getattr(existing, f)!r} here, {getattr(new, f)!r} in the file" for f in differs
    )
    return f"{existing.name!r} exists with other facts ({shown}); use --replace to take the file's"


def _unresolved_where(
    *, weak_only: bool, everything: bool, upto: int | None
) -> tuple[str, list[Any]]:
    """The articles :meth:`OutletRepository.resolve_stored` reads: a WHERE clause and its
    parameters."""
    via = "json_extract(extras, '$.outlet_via')"
    where = f"{via} IS NULL"
    if weak_only:
        where += f" OR {via} IN ({','.join('?' * len(_WEAK_VIA))})"
    if everything:
        where = f"{via} IS NULL OR {via} != 'override'"
    params: list[Any] = list(_WEAK_VIA) if weak_only and not everything else []
    if upto is not None:
        where = f"({where}) AND rowid <= ?"
        params.append(upto)
    return where, params


def _resolve_batch(
    resolver: OutletResolver, batch: list[Article]
) -> tuple[list[tuple[Any, ...]], set[str], int]:
    """One batch resolved again: the rows to update, the stories whose outlets changed, and
    how many articles changed outlet or site."""
    updates: list[tuple[Any, ...]] = []
    stories: set[str] = set()
    changed = 0
    for article in batch:
        before = (article.outlet, article.site)
        if article.extras.get("outlet_via") in _DERIVED_VIA and article.url:
            article.outlet = None  # made from the URL's host, not given by the page
        if article.extras.get("outlet_via") != "override":
            article.extras.pop("outlet_via", None)
        found = resolver.apply(article)
        updates.append((article.outlet, article.site, found.via, article.id))
        if (article.outlet, article.site) != before:
            changed += 1
            if article.story_id:
                stories.add(article.story_id)
    return updates, stories, changed
