"""The SMTP transport against a real aiosmtpd server: replies sorted, connection reused."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import dkim
import pytest

from helpers.smtp import SmtpSink, dkim_dns, free_port
from newsdesk.errors import PermanentFailure, SmtpUnavailable, TransientFailure
from newsdesk.mail.smtp import SmtpConnection, SmtpTarget, message_bytes, send_one
from newsdesk.settings import Settings


def _message(to: str = "reader@example.org", subject: str = "Hello") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Desk <brief@desk.example>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = "Mon, 23 Nov 2026 09:00:00 +0000"
    message["Message-ID"] = f"<{subject.lower()}@desk.example>"
    message.set_content("Plain words.\n")
    return message


def test_smtp_target_parses_urls() -> None:
    target = SmtpTarget.from_url("smtp://ann:p%40ss@mail.example:2525")
    assert (target.host, target.port, target.user, target.password, target.tls) == (
        "mail.example", 2525, "ann", "p@ss", False,
    )  # fmt: skip
    assert SmtpTarget.from_url("smtps://mail.example").port == 465
    with pytest.raises(Exception, match="NEWSDESK_SMTP_URL"):
        SmtpTarget.from_url("http://mail.example")


def test_smtp_send_one_signs_and_the_server_receives_it(
    smtp_sink: SmtpSink, dkim_key: Path
) -> None:
    settings = Settings(
        smtp_url=smtp_sink.url, mail_from="Desk <brief@desk.example>",
        dkim_key=dkim_key, dkim_selector="brief",
    )  # fmt: skip
    send_one(settings, _message())
    [got] = smtp_sink.received
    assert got.rcpt_tos == ["reader@example.org"] and got.mail_from == "brief@desk.example"
    assert got.message["Subject"] == "Hello" and not got.message.defects
    signature = str(got.message["DKIM-Signature"])
    assert "d=desk.example" in signature and "s=brief" in signature
    assert dkim.verify(got.data, dnsfunc=dkim_dns(dkim_key.read_bytes(), "brief", "desk.example"))


def test_smtp_connection_is_reused_for_many_messages(smtp_sink: SmtpSink) -> None:
    with SmtpConnection(SmtpTarget.from_url(smtp_sink.url)) as connection:
        for n in range(5):
            data = message_bytes(_message(f"r{n}@example.org", f"m{n}"))
            connection.send("brief@desk.example", f"r{n}@example.org", data)
    assert [r.rcpt_tos[0] for r in smtp_sink.received] == [f"r{n}@example.org" for n in range(5)]


@pytest.mark.parametrize(
    ("stage", "reply"),
    [("rcpt", "421 4.7.0 closing"), ("rcpt", "451 4.3.0 later"), ("rcpt", "452 4.2.2 full"),
     ("rcpt", "454 4.7.1 slow down"), ("data", "451 4.3.0 later"), ("mail", "421 busy")],
)  # fmt: skip
def test_smtp_4xx_is_transient_and_the_next_try_goes_through(
    smtp_sink: SmtpSink, stage: str, reply: str
) -> None:
    smtp_sink.fail(stage, reply)
    data = message_bytes(_message())
    with SmtpConnection(SmtpTarget.from_url(smtp_sink.url)) as connection:
        with pytest.raises(TransientFailure) as failed:
            connection.send("brief@desk.example", "reader@example.org", data)
        assert failed.value.reply == int(reply[:3]) and failed.value.stage == stage
        connection.send("brief@desk.example", "reader@example.org", data)
    assert len(smtp_sink.received) == 1


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_smtp_5xx_at_rcpt_or_data_is_permanent(smtp_sink: SmtpSink, stage: str) -> None:
    smtp_sink.fail(stage, "550 5.1.1 no such user")
    connection = SmtpConnection(SmtpTarget.from_url(smtp_sink.url))
    with connection, pytest.raises(PermanentFailure, match="550"):
        connection.send("brief@desk.example", "gone@example.org", message_bytes(_message()))
    assert smtp_sink.received == []


def test_smtp_drop_mid_data_is_transient_and_reconnects(smtp_sink: SmtpSink) -> None:
    smtp_sink.drop_in_data(keep=True)
    data = message_bytes(_message())
    with SmtpConnection(SmtpTarget.from_url(smtp_sink.url)) as connection:
        with pytest.raises(TransientFailure, match="lost") as failed:
            connection.send("brief@desk.example", "reader@example.org", data)
        assert failed.value.reply is None
        connection.send("brief@desk.example", "reader@example.org", data)
    ids = smtp_sink.message_ids()
    assert ids == ["<hello@desk.example>", "<hello@desk.example>"]  # same Message-ID


def test_smtp_server_down_is_unavailable() -> None:
    settings = Settings(smtp_url=f"smtp://127.0.0.1:{free_port()}", mail_from="b@desk.example")
    with pytest.raises(SmtpUnavailable, match="cannot reach the SMTP server"):
        send_one(settings, _message())


def test_smtp_refused_login_is_unavailable() -> None:
    with SmtpSink(user="desk", password="right") as sink:
        bad = sink.url.replace(":right@", ":wrong@")
        with pytest.raises(SmtpUnavailable, match="refused the login"):
            send_one(Settings(smtp_url=bad, mail_from="b@desk.example"), _message())
        send_one(Settings(smtp_url=sink.url, mail_from="b@desk.example"), _message())
        assert len(sink.received) == 1
