"""Chromium journeys: a live server, Debian's Chromium driven by Playwright.

`browser_page` is a Playwright page whose `problems` list collects console
errors, uncaught exceptions, CSP violations and any request to another
origin; journeys end with `assert page.problems == []`.
"""

import os
from urllib.parse import urlsplit

import pytest

from ..personas import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make to set up data are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def viewport():
    """Override in a test module (or parametrize) to use DESKTOP."""
    return PHONE


@pytest.fixture
def browser_page(chromium, live_server, viewport):
    context = chromium.new_context(viewport=viewport, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    own_origin = urlsplit(live_server.url).netloc
    problems: list[str] = []

    def on_console(message):
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def on_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != own_origin:
            problems.append(f"request to another origin: {request.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("request", on_request)
    page.problems = problems
    page.live_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def login(browser_page):
    """login("hs_an") logs the browser page in through the real login form."""

    def do_login(username: str, password: str = PASSWORD):
        page = browser_page
        page.goto("/tai-khoan/login/")
        page.fill("input[name=login]", username)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return do_login
