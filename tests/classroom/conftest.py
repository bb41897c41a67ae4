"""The classroom world (classroom_world.py) is built once per test session and copied for each test that asks
for it: hashing its five passwords with scrypt takes seconds, and the tests about hashing have their own users."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from classroom_world import build_world


@pytest.fixture(scope="session")
def world_template(tmp_path_factory):
    from bireader.web.app import create_app

    path = tmp_path_factory.mktemp("world") / "world.sqlite"
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{path}"})
    world = build_world(app.extensions["bireader.sessions"])
    app.extensions["bireader.db"].dispose()
    return path, world


@pytest.fixture
def world(app, world_template):
    """The world, in the test app's database (copied over it before the test's first request)."""
    source, world = world_template
    app.extensions["bireader.db"].dispose()
    target = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, target)
    return world
