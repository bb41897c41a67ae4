"""Fixtures shared by the whole suite: the repository paths and an app on a throwaway database.

The database is a SQLite file per test, or, when ``BIREADER_TEST_DATABASE_URL`` names a PostgreSQL database (set by
``.ci/services.sh``, which ``make test`` uses for its second pass), a fresh schema of it per test.
``BIREADER_TEST_REDIS_URL`` likewise makes the job tests queue through Redis.
"""

import gc
import os
import uuid
from pathlib import Path

import pytest
from accounts_helpers import TokenClient

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POSTGRES = os.environ.get("BIREADER_TEST_DATABASE_URL", "")
REDIS = os.environ.get("BIREADER_TEST_REDIS_URL", "")


@pytest.fixture
def database_url(tmp_path):
    if not POSTGRES:
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    url = make_url(POSTGRES).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    gc.collect()  # the test's engines close their pooled connections (the schema dies with the cluster)


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
