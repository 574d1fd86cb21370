"""Headless Chromium, JavaScript off, through the whole double opt-in against a real uvicorn.

Needs Debian's chromium; without it the test is skipped with that message.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from helpers.smtp import SmtpSink, free_port
from newsdesk.settings import Settings
from newsdesk.store import SqliteStore

from .conftest import confirm_link

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def served(settings: Settings) -> Iterator[str]:
    import uvicorn

    from newsdesk.web.app import create_app

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app(settings.with_(base_url=url))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 10 s")
        time.sleep(0.02)
    yield url
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def page() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("browser tests need Chromium: run `apt-get install chromium` (as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(java_script_enabled=False)
        yield context.new_page()
        browser.close()


def test_browser_sign_up_confirm_and_unsubscribe_without_javascript(
    page: Any, served: str, settings: Settings, smtp_sink: SmtpSink
) -> None:
    page.goto(f"{served}/subscribe")
    page.fill("#email", "reader@example.org")
    page.fill("#zone", "Europe/Berlin")
    page.check("input[name=days][value=sat]")
    page.check("input[name=consent]")
    page.click("button[type=submit] >> text=Subscribe")
    assert page.locator("h1").inner_text() == "Check your inbox"

    page.goto(confirm_link(smtp_sink.messages()[0], base=served))
    assert page.locator("h1").inner_text() == "Confirm your subscription"
    with SqliteStore(settings.db) as store:
        assert store.subscribers.confirmed_subscribers() == []  # opening the link changed nothing
    page.click("text=Confirm my subscription")
    assert page.locator("h1").inner_text() == "You are subscribed"
    with SqliteStore(settings.db) as store:
        (found,) = store.subscribers.confirmed_subscribers()
    assert found.days == ("mon", "tue", "wed", "thu", "fri", "sat")
    assert found.zone == "Europe/Berlin"

    from newsdesk.mail.tokens import unsubscribe_url

    page.goto(unsubscribe_url(settings.with_(base_url=served), "reader@example.org"))
    page.click("button >> text=Unsubscribe")
    assert page.locator("h1").inner_text() == "You are unsubscribed"
    with SqliteStore(settings.db) as store:
        assert store.subscribers.confirmed_subscribers() == []
