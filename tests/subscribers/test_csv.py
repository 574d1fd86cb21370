"""CSV export and import keep what a subscriber chose, and never feed a spreadsheet a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from newsdesk.mail.subscriber_csv import SkippedRow, export_csv, import_csv
from newsdesk.mail.subscribers import Preferences
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore


def test_csv_formula_cells_are_defused_and_round_trip(
    sub_store: SqliteStore, settings: Settings, tmp_path: Path
) -> None:
    prefs = Preferences(topics=("=HYPERLINK(1)", "+sum", "plain"))
    sub_store.subscribers.import_subscriber("-dash@example.org", prefs, consent_version="@form-v1")
    text = export_csv(sub_store.subscribers.subscribers())
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["email"] == "'-dash@example.org"
    assert row["topics"] == "'=HYPERLINK(1),+sum,plain" and row["consent"] == "'@form-v1"
    copy = tmp_path / "copy.csv"
    copy.write_text(text, encoding="utf-8")
    with SqliteStore(tmp_path / "other.db") as other:
        report = import_csv(other, settings, copy)
        assert (report.confirmed, report.rejected) == (1, [])
        (found,) = other.subscribers.confirmed_subscribers()
    assert found.email == "-dash@example.org"
    assert found.topics == ("=HYPERLINK(1)", "+sum", "plain")
    assert found.consent_version == "@form-v1"


def test_csv_unsubscribed_rows_are_not_imported(
    sub_store: SqliteStore, settings: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "email,status,consent\ngone@example.org,unsubscribed,v1\nok@example.org,confirmed,v1\n",
        encoding="utf-8",
    )
    report = import_csv(sub_store, settings, source)
    assert report.confirmed == 1
    assert report.skipped == [SkippedRow("gone@example.org", "marked as not subscribed")]
    assert [s.email for s in sub_store.subscribers.subscribers()] == ["ok@example.org"]
