"""Browser tests: Debian's Chromium driven by Playwright.

Locally, without Chromium, they are skipped with the reason. On CI (CI=true) a missing
Chromium or Playwright is a failure: a green run must mean the browser tests ran.
"""

import contextlib
import os

import pytest
from django.db import connections

from tests.ci import unavailable

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# "async-unsafe" code there unless told that this test process knows what it does.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def playwright_sync_api(chromium: str = CHROMIUM, environ=os.environ):
    if not os.path.exists(chromium):
        unavailable(f"Debian's Chromium is not installed at {chromium}", environ)
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("Playwright is not installed (pip install playwright)", environ)
    return sync_api


@contextlib.contextmanager
def launched_chromium():
    """Debian's Chromium under Playwright, closed after."""
    sync_api = playwright_sync_api()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # The test's queries ran inside Playwright's event loop, where Django keeps other
            # connections than outside it: closed here, or one outlives the test database.
            connections.close_all()


@pytest.fixture
def browser_page():
    with launched_chromium() as browser:
        yield browser.new_page(viewport={"width": 1280, "height": 900})


@pytest.fixture
def demo_site(transactional_db):
    """The Tân Kỳ demo, committed: a live server's thread cannot see the session-wide
    `demo` fixture's uncommitted transaction, so a browser test loads the demo itself."""
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", "--no-serve", stdout=StringIO(), stderr=StringIO())
