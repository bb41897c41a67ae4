"""Fixtures shared by the whole suite: the repository paths and an app on a throwaway SQLite database."""

from pathlib import Path

import pytest
from accounts_helpers import TokenClient

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def app(database_url):
    from bireader.web.app import create_app

    return create_app({"TESTING": True, "DATABASE_URL": database_url})


@pytest.fixture
def sessions(app):
    return app.extensions["bireader.sessions"]


@pytest.fixture
def client(app):
    """A browser-like client: every write carries the session's real CSRF token (as the reader's JS sends it)."""
    return TokenClient(app, app.response_class, use_cookies=True)


@pytest.fixture
def raw_client(app):
    """A client that sends no CSRF token unless the test puts one in: for the tests about CSRF itself."""
    return app.test_client()


# Debian's Chromium, driven by Playwright. One browser for the whole session: Playwright's sync API cannot be
# started twice in one thread, so every browser test (tests/browser, tests/review) shares this fixture.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
