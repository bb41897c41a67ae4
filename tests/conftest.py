"""Fixtures shared by the whole suite: the repository paths and an app on a throwaway SQLite database."""

from pathlib import Path

import pytest
from flask.testing import FlaskClient

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


def csrf_token(client) -> str:
    """The token of the client's session, read from a page as a browser would (the meta tag of every page)."""
    import re

    html = client.get("/login").get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', html).group(1)


class TokenClient(FlaskClient):
    def open(self, *args, **kwargs):
        method = kwargs.get("method") or (args[0].method if args and hasattr(args[0], "method") else "GET")
        if method.upper() in ("POST", "PUT", "PATCH", "DELETE") and not kwargs.pop("no_token", False):
            headers = dict(kwargs.get("headers") or {})
            headers.setdefault("X-CSRFToken", csrf_token(self))
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)


def login(client, name: str, password: str = "password-123"):
    """Log ``client`` in through the login form (real session, real token)."""
    response = client.post("/login", data={"name": name, "password": password})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response


def add_user(sessions, name: str, role: str, password: str = "password-123"):
    from bireader.accounts.service import add_user as add
    from bireader.store.db import transaction

    with transaction(sessions) as session:
        return add(session, name, role, password).id


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
