"""One Flask app (on a free port, temporary SQLite database) and one headless Chromium for the browser tests.

The app is filled once per session: the hand-made French–English sample (tests/web/reader_sample.py), a
three-page French-only text, and the first seed text imported through the real pipeline.
"""

from __future__ import annotations

import socket
import sys
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

sys.path.insert(0, str(HERE.parent / "web"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    from werkzeug.serving import make_server

    from bireader.web.app import create_app
    from reader_sample import save_monolingual, save_sample

    folder = tmp_path_factory.mktemp("browser")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'browser.sqlite'}",
                      "UPLOAD_FOLDER": str(folder / "uploads"), "JOB_QUEUE_FILE": str(folder / "queue.sqlite")})
    sessions = app.extensions["bireader.sessions"]
    save_sample(sessions)
    save_monolingual(sessions, pages=3)
    from bireader.jobs.queue import start_consumer  # imports from the form run as `bireader serve` runs them
    from bireader.web.teach.jobs import job_queue

    consumer = start_consumer(job_queue(app), embedded=True)
    server = make_server("127.0.0.1", _free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = app
    yield server
    server.shutdown()
    consumer.stop()


@pytest.fixture(scope="session")
def base_url(live_server):
    return f"http://127.0.0.1:{live_server.server_port}"


@pytest.fixture(scope="session")
def seed_slug(live_server):
    """The first seed text (the Serge notebooks, French pieces with the full English), imported for real."""
    from bireader.importer import import_text, seed_requests

    seed = next(r for r in seed_requests() if r.slug == "serge-notebooks")
    import_text(live_server.app.extensions["bireader.sessions"], seed)
    return seed.slug


@pytest.fixture
def context(browser):
    """A fresh browser profile per test (no cookies, no local storage): a new learner."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                  reduced_motion="reduce")  # no highlight transitions: styles settle at once
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
