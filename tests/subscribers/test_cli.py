"""The subscriber commands, run as a user would, with mail going to a real SMTP server."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers.smtp import SmtpSink
from newsdesk.settings import Settings

from .conftest import BASE_URL, confirm_link

pytestmark = pytest.mark.usefixtures("cli_env")

Cli = Callable[..., Any]


def _confirm(cli_db: Path, smtp_sink: SmtpSink, web_settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from newsdesk.web.app import create_app

    link = confirm_link(smtp_sink.messages()[-1]).removeprefix(BASE_URL)
    with TestClient(create_app(web_settings.with_(db=cli_db)), base_url=BASE_URL) as web:
        assert web.post(link).status_code == 200


def test_cli_subscribe_sends_the_confirmation_mail(
    cli: Cli, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    done = cli(
        "subscribe", "Reader@Example.org", "--zone", "Europe/Berlin", "--days", "sat,sun",
        "--at", "8:15", "--topic", "climate", "--topic", "trade",
    )  # fmt: skip
    assert done.code == 0, done.stderr
    assert "confirmation mail sent to Reader@example.org" in done.stdout
    (received,) = smtp_sink.received
    assert received.rcpt_tos == ["Reader@example.org"]
    text = received.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "sat, sun" in text and "08:15 (Europe/Berlin)" in text and "climate, trade" in text
    listed = cli("subscribers", "--json")
    assert listed.code == 0
    assert listed.json() == [
        {
            "email": "Reader@example.org",
            "status": "pending",
            "zone": "Europe/Berlin",
            "days": ["sat", "sun"],
            "at": "08:15",
            "topics": ["climate", "trade"],
            "confirmed_at": None,
            "requested_at": listed.json()[0]["requested_at"],
            "source": "cli",
            "consent_version": listed.json()[0]["consent_version"],
        }
    ]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["subscribe", "reader@"], "'reader@'"),
        (["subscribe", "reader@example.org", "--zone", "Europe/Atlantis"], "'Europe/Atlantis'"),
        (["subscribe", "reader@example.org", "--days", "mon,someday"], "'someday'"),
        (["subscribe", "reader@example.org", "--at", "noon"], "'noon'"),
    ],
)
def test_cli_subscribe_refuses_bad_values_naming_them(
    cli: Cli, smtp_sink: SmtpSink, args: list[str], named: str
) -> None:
    done = cli(*args)
    assert done.code == 2 and named in done.stderr and "Traceback" not in done.stderr
    assert smtp_sink.received == []


def test_cli_subscribe_without_a_secret_says_so(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, smtp_sink: SmtpSink
) -> None:
    monkeypatch.delenv("NEWSDESK_SECRET")
    done = cli("subscribe", "reader@example.org")
    assert done.code == 2 and "NEWSDESK_SECRET" in done.stderr
    assert cli("subscribers", "--json").json() == []


def test_cli_unsubscribe_export_and_erase(
    cli: Cli, smtp_sink: SmtpSink, tmp_path: Path, settings: Settings
) -> None:
    cli_db = tmp_path / "cli.db"
    assert cli("subscribe", "reader@example.org").code == 0
    _confirm(cli_db, smtp_sink, settings)
    mine = cli("subscriber", "reader@example.org", "--json")
    assert mine.code == 0
    record = mine.json()
    assert record["status"] == "confirmed" and record["source"] == "cli"
    assert [e["event"] for e in record["events"]] == ["requested", "confirmed"]
    assert record["confirmation_mails"][0]["sent"] == 1
    assert cli("subscriber", "reader@example.org").stdout.startswith("email")

    done = cli("unsubscribe", "reader@example.org")
    assert done.code == 0 and "unsubscribed" in done.stdout
    assert cli("subscribers", "--json").json()[0]["status"] == "unsubscribed"
    assert "already unsubscribed" in cli("unsubscribe", "reader@example.org").stdout
    assert cli("unsubscribe", "nobody@example.org").code == 2

    erased = cli("erase", "reader@example.org")
    assert erased.code == 0 and "erased" in erased.stdout
    assert cli("subscribers", "--json").json() == []
    assert cli("subscriber", "reader@example.org").code == 2
    again = tmp_path / "again.csv"
    again.write_text("email,consent\nreader@example.org,paper form 2024\n", encoding="utf-8")
    imported = cli("subscribers", "--import", str(again), "--json")
    assert imported.code == 0
    assert imported.json()["skipped"][0]["reason"].startswith("erased")
    assert cli("subscribers", "--json").json() == []


def test_cli_import_with_and_without_consent_and_export(
    cli: Cli, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "Email,Zone,Days,At,Topics,Consent,Consented_At\n"
        'kept@example.org,Europe/Berlin,"mon,thu",06:00,climate,signup-2024-03,2024-03-01\n'
        "ask@example.org,UTC,,,,,\n"
        "bad@,UTC,,,,,\n"
        "zone@example.org,Nowhere/Land,,,,yes,\n"
        "ask@example.org,UTC,,,,,\n",
        encoding="utf-8",
    )
    done = cli("subscribers", "--import", str(source), "--json")
    assert done.code == 1  # some rows rejected, the rest done
    report = done.json()
    assert (report["confirmed"], report["mailed"]) == (1, 1)
    assert [r["row"] for r in report["rejected"]] == [4, 5]
    assert "'bad@'" in report["rejected"][0]["error"]
    assert "'Nowhere/Land'" in report["rejected"][1]["error"]
    assert report["skipped"] == [
        {"email": "ask@example.org", "reason": "a repeat of an earlier row"}
    ]
    assert [r.rcpt_tos for r in smtp_sink.received] == [["ask@example.org"]]  # only the one
    rows = {r["email"]: r for r in cli("subscribers", "--json").json()}
    assert rows["kept@example.org"]["status"] == "confirmed"
    assert rows["kept@example.org"]["confirmed_at"] == "2024-03-01T00:00:00+00:00"
    assert rows["kept@example.org"]["consent_version"] == "signup-2024-03"
    assert rows["kept@example.org"]["source"] == "import"
    assert rows["ask@example.org"]["status"] == "pending"

    exported = tmp_path / "out.csv"
    assert cli("subscribers", "--export", str(exported)).code == 0
    text = exported.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("email,status,zone,days,at,topics,consent")
    assert 'kept@example.org,confirmed,Europe/Berlin,"mon,thu",06:00,climate,signup-2024-03' in text
    assert cli("subscribers", "--export", "-").stdout == text

    # the export imports into another store: consent kept, pending rows asked again
    moved = cli("--db", str(tmp_path / "other.db"), "subscribers", "--import", str(exported))
    assert moved.code == 0, moved.stderr
    other_rows = cli("--db", str(tmp_path / "other.db"), "subscribers", "--json").json()
    assert {r["email"]: r["status"] for r in other_rows} == {
        "kept@example.org": "confirmed",
        "ask@example.org": "pending",
    }


def test_cli_import_refuses_a_file_without_an_email_column(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("name,zone\nAnn,UTC\n", encoding="utf-8")
    done = cli("subscribers", "--import", str(source))
    assert done.code == 2 and "no 'email' column" in done.stderr
    assert cli("subscribers", "--import", str(tmp_path / "missing.csv")).code == 2


def test_cli_subscribers_human_listing(cli: Cli, smtp_sink: SmtpSink) -> None:
    assert "no subscribers yet" in cli("subscribers").stderr
    cli("subscribe", "reader@example.org", "--topic", "climate")
    line = cli("subscribers").stdout.strip()
    assert line.startswith("pending") and "reader@example.org" in line and "climate" in line
    assert json.loads(cli("subscribers", "--json").stdout)[0]["status"] == "pending"


def test_cli_subscribe_with_the_server_down_keeps_the_request(
    cli: Cli, smtp_sink: SmtpSink
) -> None:
    smtp_sink.stop()
    done = cli("subscribe", "reader@example.org")
    assert done.code == 1
    assert "cannot reach the SMTP server" in done.stderr and "run this again" in done.stderr
    assert cli("subscribers", "--json").json()[0]["status"] == "pending"
