"""The sign-up form, confirmation and unsubscribe pages, through the web desk.

A GET never changes anything (link scanners); the POSTs act, authorised by the token
alone; one-click unsubscribe (RFC 8058) answers 200 with no redirect and no login.
"""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from helpers.smtp import SmtpSink
from newsdesk.mail.subscribers import CONSENT_VERSION
from newsdesk.mail.tokens import confirm_token, unsubscribe_url
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .conftest import confirm_link, path_of

FORM = {
    "email": "reader@example.org",
    "zone": "America/New_York",
    "days": ["mon", "wed"],
    "at": "06:45",
    "topics": "climate, <b>trade</b>",
    "consent": CONSENT_VERSION,
}


def _status(settings: Settings, email: str = "reader@example.org") -> str | None:
    with SqliteStore(settings.db) as store:
        found = store.subscribers.subscriber(email)
    return None if found is None else found.status


def _signed_up(web: TestClient, smtp_sink: SmtpSink) -> str:
    answer = web.post("/subscribe", data=FORM)
    assert answer.status_code == 200, answer.text
    return path_of(confirm_link(smtp_sink.messages()[-1]))


def test_web_subscribe_form_is_served_with_the_security_headers(web: TestClient) -> None:
    page = web.get("/subscribe")
    assert page.status_code == 200
    assert 'method="post" action="/subscribe"' in page.text
    assert (
        'name="days" value="sat"' in page.text and "<script>" not in page.text.split("</head>")[1]
    )
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_web_subscribe_refuses_bad_values_naming_them(
    web: TestClient, settings: Settings, smtp_sink: SmtpSink
) -> None:
    cases = {
        "email": ("not-an-address", "not-an-address"),
        "zone": ("Mars/Olympus", "Mars/Olympus"),
        "at": ("25:99", "25:99"),
        "days": (["funday"], "funday"),
    }
    for field, (value, named) in cases.items():
        answer = web.post("/subscribe", data={**FORM, field: value})
        assert answer.status_code == 400, field
        assert named in answer.text and 'role="alert"' in answer.text
    hostile = web.post("/subscribe", data={**FORM, "zone": "<script>alert(1)</script>"})
    assert hostile.status_code == 400 and "<script>alert(1)" not in hostile.text
    unticked = web.post("/subscribe", data={k: v for k, v in FORM.items() if k != "consent"})
    assert unticked.status_code == 400 and "agree" in unticked.text
    assert smtp_sink.received == [] and _status(settings) is None


def test_web_subscribe_mails_a_link_whose_get_changes_nothing(
    web: TestClient, settings: Settings, smtp_sink: SmtpSink
) -> None:
    answer = web.post("/subscribe", data=FORM)
    assert answer.status_code == 200 and "Check your inbox" in answer.text
    assert "<b>trade</b>" not in answer.text
    link = path_of(confirm_link(smtp_sink.messages()[0]))
    for _ in range(2):  # a link scanner opening it, twice
        page = web.get(link)
        assert page.status_code == 200 and f'action="{link}"' in page.text
    assert _status(settings) == "pending"
    with SqliteStore(settings.db) as store:
        found = store.subscribers.subscriber("reader@example.org")
    assert found is not None
    assert (found.source, found.zone, found.days, found.at, found.topics) == (
        "form",
        "America/New_York",
        ("mon", "wed"),
        "06:45",
        ("climate", "<b>trade</b>"),
    )


def test_web_confirm_post_twice_is_harmless(
    web: TestClient, settings: Settings, smtp_sink: SmtpSink
) -> None:
    link = _signed_up(web, smtp_sink)
    first = web.post(link)
    assert first.status_code == 200 and "You are subscribed" in first.text
    assert _status(settings) == "confirmed"
    second = web.post(link)
    assert second.status_code == 200 and "Already confirmed" in second.text
    assert _status(settings) == "confirmed" and not web.cookies  # no session was made


def test_web_bad_and_expired_links_get_a_helpful_400(web: TestClient, settings: Settings) -> None:
    old = confirm_token(settings, "reader@example.org", clock=lambda: time.time() - 73 * 3600)
    expired = web.get(f"/confirm/{old}")
    assert expired.status_code == 400 and "expired" in expired.text
    assert web.post(f"/confirm/{old}").status_code == 400
    fresh = confirm_token(settings, "reader@example.org")
    tampered = fresh[:-3] + ("xyz" if not fresh.endswith("xyz") else "abc")
    for path in (f"/confirm/{tampered}", "/confirm/garbage", "/unsubscribe/garbage"):
        for method in (web.get, web.post):
            answer = method(path)
            assert answer.status_code == 400, path
            assert "not one of ours" in answer.text and 'href="/subscribe"' in answer.text
    assert web.get("/confirm/" + "a" * 5000).status_code == 400  # far too long: no 500
    assert _status(settings) is None


def test_web_unsubscribe_get_changes_nothing_post_acts(
    web: TestClient, settings: Settings, smtp_sink: SmtpSink
) -> None:
    web.post(_signed_up(web, smtp_sink))
    link = path_of(unsubscribe_url(settings, "reader@example.org"))
    page = web.get(link)
    assert page.status_code == 200 and f'action="{link}"' in page.text
    assert _status(settings) == "confirmed"
    done = web.post(link)
    assert done.status_code == 200 and "You are unsubscribed" in done.text
    assert _status(settings) == "unsubscribed"
    assert web.post(link).status_code == 200  # again: still fine


def test_web_one_click_unsubscribe_is_200_at_once_without_login(
    web: TestClient, settings: Settings, smtp_sink: SmtpSink
) -> None:
    web.post(_signed_up(web, smtp_sink))
    with SqliteStore(settings.db) as store:
        assert [s.email for s in store.subscribers.confirmed_subscribers()] == [
            "reader@example.org"
        ]
    link = path_of(unsubscribe_url(settings, "reader@example.org"))
    fresh = TestClient(web.app, base_url="http://desk.test")  # a mail client: no cookies
    answer = fresh.post(
        link, content=b"List-Unsubscribe=One-Click", follow_redirects=False,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert 200 <= answer.status_code < 300 and "location" not in answer.headers
    assert answer.headers["x-content-type-options"] == "nosniff"
    with SqliteStore(settings.db) as store:
        assert store.subscribers.confirmed_subscribers() == []  # before any next send
        record = store.subscribers.subscriber_record("reader@example.org")
    assert record is not None and record["events"][-1]["detail"] == "one-click"
    multipart = fresh.post(link, files={"List-Unsubscribe": (None, "One-Click")})
    assert multipart.status_code == 200  # some clients post multipart/form-data


def test_web_resubscribe_after_unsubscribe_needs_a_new_confirmation(
    web: TestClient, settings: Settings, smtp_sink: SmtpSink
) -> None:
    old_link = _signed_up(web, smtp_sink)
    web.post(old_link)
    web.post(path_of(unsubscribe_url(settings, "reader@example.org")))
    answer = web.post(old_link)  # the old confirmation link cannot undo the unsubscribe
    assert answer.status_code == 200 and "Nothing to confirm" in answer.text
    assert _status(settings) == "unsubscribed"


def test_web_subscribe_cap_and_mail_down_answer_clearly(
    web: TestClient, settings: Settings, smtp_sink: SmtpSink
) -> None:
    for _ in range(3):
        assert web.post("/subscribe", data=FORM).status_code == 200
    capped = web.post("/subscribe", data=FORM)
    assert capped.status_code == 429 and "tomorrow" in capped.text
    assert len(smtp_sink.received) == 3
    smtp_sink.stop()
    down = web.post("/subscribe", data={**FORM, "email": "other@example.org"})
    assert down.status_code == 503 and "try again later" in down.text
