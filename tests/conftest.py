"""Fixtures shared by the whole suite: the repository paths and an app on a throwaway SQLite database."""

from pathlib import Path

import pytest

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
    return app.test_client()
