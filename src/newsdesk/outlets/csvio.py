"""Outlets as CSV: the bundled data file, ``outlets import`` and ``outlets export``.

Columns: name, hosts (space-separated), country (ISO 3166-1 alpha-2), languages
(space-separated ISO 639-1), kind, owner, aliases (``|``-separated), notes, source.
A row with a bad value is reported with its line number and the valid values; the other
rows are still read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsdesk.outlets.model import (
    Outlet,
    OutletInputError,
    check_country,
    check_kind,
    check_language,
)

__all__ = ["COLUMNS", "CsvRead", "normalise_host", "read_outlets_csv", "write_outlets_csv"]

COLUMNS = ("name", "hosts", "country", "languages", "kind", "owner", "aliases", "notes", "source")


@dataclass(slots=True)
class CsvRead:
    outlets: list[Outlet] = field(default_factory=list)
    errors: list[dict[str, object]] = field(default_factory=list)  # {"line", "name", "error"}


def normalise_host(value: str) -> str:
    """``https://www.BBC.co.uk/news`` -> ``bbc.co.uk``: lower-case, no scheme, port, path
    or leading ``www.``."""
    host = value.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1]
    if host.startswith("[") or host.count(":") == 1:
        host = host.split(":", 1)[0]
    host = host.strip(".")
    return host[4:] if host.startswith("www.") else host


def _row_outlet(row: dict[str, str], origin: str) -> Outlet:
    name = " ".join((row.get("name") or "").split())
    if not name:
        raise OutletInputError("a row needs a name")
    country = (row.get("country") or "").strip()
    kind = (row.get("kind") or "").strip() or "private"
    return Outlet(
        name=name,
        hosts=tuple(dict.fromkeys(normalise_host(h) for h in (row.get("hosts") or "").split())),
        country=check_country(country) if country else None,
        languages=tuple(check_language(x) for x in (row.get("languages") or "").split()),
        kind=check_kind(kind),
        owner=(row.get("owner") or "").strip() or None,
        aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
        notes=(row.get("notes") or "").strip() or None,
        source=(row.get("source") or "").strip() or None,
        origin=origin,
    )


def read_outlets_csv(text: str, *, origin: str = "user") -> CsvRead:
    """Every good row as an Outlet, every bad one as an error with its line."""
    read = CsvRead()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"name"} - set(reader.fieldnames or ())
    if missing:
        read.errors.append(
            {"line": 1, "name": None, "error": f"the header needs the columns {', '.join(COLUMNS)}"}
        )
        return read
    for row in reader:
        try:
            read.outlets.append(_row_outlet(row, origin))
        except OutletInputError as exc:
            read.errors.append(
                {"line": reader.line_num, "name": row.get("name"), "error": str(exc)}
            )
    return read


def write_outlets_csv(outlets: Iterable[Outlet]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for o in outlets:
        writer.writerow(
            [
                o.name,
                " ".join(o.hosts),
                o.country or "",
                " ".join(o.languages),
                o.kind,
                o.owner or "",
                "|".join(o.aliases),
                o.notes or "",
                o.source or "",
            ]
        )
    return out.getvalue()
