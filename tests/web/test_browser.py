"""Headless Chromium against a real uvicorn: pages render, links resolve, no script from articles.

Needs Debian's chromium (``apt-get install chromium``); without it these tests are
skipped with that message, never silently passed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective));
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("browser tests need Chromium: run `apt-get install chromium` (as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _pages(ids: dict[str, str]) -> list[str]:
    return [
        "/",
        f"/brief/{ids['day']}",
        "/briefs",
        f"/story/{ids['story']}",
        f"/article/{ids['article']}",
        f"/article/{ids['evil']}",
        f"/article/{ids['arabic']}",
        f"/article/{ids['copy']}",
        "/outlets",
        "/outlet/Wire",
        "/search?q=ferry",
        '/search?q=earthquake+outlet%3A"Wire"',
        '/search?q="broken',
        "/article/unknown",
    ]


class Watch:
    """Everything a page logs that would mean a script ran or the CSP was hit."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.broken: list[str] = []  # sub-resources (css, js, icon) that did not load
        page.on(
            "response",
            lambda r: (
                self.broken.append(r.url)
                if r.request.resource_type != "document" and r.status >= 400
                else None
            ),
        )
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on(
            "console",
            lambda msg: (
                self.errors.append(msg.text)
                if msg.type in ("error", "warning") and "Failed to load resource" not in msg.text
                else None
            ),
        )
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))


def test_browser_every_page_renders_with_no_script_from_articles(
    browser: Any, live_server: str, ids: dict[str, str]
) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    watch = Watch(page)
    links: set[str] = set()
    for path in _pages(ids):
        response = page.goto(live_server + path)
        assert response is not None
        expected = 404 if "unknown" in path else 400 if "broken" in path else 200
        assert response.status == expected, path
        assert page.locator("h1").count() >= 1, path
        assert page.evaluate("window.__pwned") is None, path  # no hostile script ran
        assert page.evaluate("window.__csp") == [], path  # and none was even tried
        links |= set(page.eval_on_selector_all("a[href^='/']", "els => els.map(e => e.href)"))
    assert watch.errors == [] and watch.dialogs == [] and watch.broken == []
    for url in sorted(links):  # every internal link resolves
        status = context.request.get(url, max_redirects=0).status
        assert status in (200, 303), url
    context.close()


def test_browser_reads_without_javascript(
    browser: Any, live_server: str, ids: dict[str, str]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.fill("#q", "earthquake")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=earthquake")
    assert page.locator("ol.hits li").count() >= 4
    assert page.locator("mark").count() >= 1
    page.click("text=Wire >> nth=0")  # a facet or outlet link, no script needed
    assert page.locator("h1").count() == 1
    page.goto(live_server + f"/article/{ids['evil']}")
    page.click("summary")  # the removed debris opens without JavaScript
    assert page.locator("details[open] .removed li").count() >= 1
    page.click("footer >> text=Dark")
    assert page.get_attribute("html", "data-theme") == "dark"
    context.close()


def _background(page: Any) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


def test_browser_dark_scheme_and_toggle(browser: Any, live_server: str) -> None:
    dark = browser.new_context(color_scheme="dark")
    page = dark.new_page()
    page.goto(live_server + "/")
    assert _background(page) == "rgb(20, 20, 20)"
    dark.add_cookies([{"name": "theme", "value": "light", "url": live_server}])
    page.goto(live_server + "/")
    assert _background(page) == "rgb(255, 255, 255)"
    dark.close()
    light = browser.new_context(color_scheme="light")
    page = light.new_page()
    page.goto(live_server + "/")
    assert _background(page) == "rgb(255, 255, 255)"
    light.close()


@pytest.mark.parametrize("width", [320, 390])
def test_browser_no_horizontal_scroll_on_narrow_screens(
    browser: Any, live_server: str, ids: dict[str, str], width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in _pages(ids):
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, width, overflow)
    context.close()


def test_browser_keyboard_shortcuts(browser: Any, live_server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server + "/")
    page.keyboard.press("j")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("j")
    second = page.evaluate("document.activeElement.href")
    assert first and second and first != second
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("?")
    assert page.is_visible("#keys")
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    context.close()
