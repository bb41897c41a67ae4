"""The classroom in a real browser: a teacher logs in, creates a class, imports a pair and publishes it to the
class; a learner registers with the join code, reads, opens glosses and reveals sentences; the teacher's class
page then shows those lookups and reveals.

``BIREADER_DOCS_SCREENSHOTS=1`` also writes the class page to docs/screenshots/classroom-class-page.png.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from browser_screenshots import screenshot  # noqa: E402

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]

FRENCH = """Le jardin

Le matin, la vieille femme arrosait son jardin. Les roses étaient rouges et les feuilles brillaient.

Un oiseau chantait sur le mur. Elle écoutait sa chanson sans bouger.

Puis la pluie tomba sur le village. Les enfants rentrèrent à la maison.
"""
ENGLISH = """The garden

In the morning, the old woman watered her garden. The roses were red and the leaves shone.

A bird was singing on the wall. She listened to its song without moving.

Then the rain fell on the village. The children went back home.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from accounts_helpers import add_user
    from werkzeug.serving import make_server

    from bireader.web.app import create_app

    folder = tmp_path_factory.mktemp("classroom-browser")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}",
                      "IMPORT_SYNCHRONOUS": True})  # the import job runs at once (no worker here)
    add_user(app.extensions["bireader.sessions"], "marie", "teacher", "marie-password")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    (folder / "jardin.fr.txt").write_text(FRENCH, "utf-8")
    (folder / "garden.en.txt").write_text(ENGLISH, "utf-8")
    server.folder = folder
    yield server
    server.shutdown()


def test_teacher_publishes_learner_reads_class_page_shows_where_they_struggled(browser, server):
    base = f"http://127.0.0.1:{server.server_port}"
    teacher = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce").new_page()
    teacher.set_default_timeout(10000)
    teacher.goto(f"{base}/import/")
    assert "/login" in teacher.url  # not the form: log in first
    teacher.fill('input[name="name"]', "marie")
    teacher.fill('input[name="password"]', "marie-password")
    teacher.click('button[type="submit"]')
    assert teacher.url.endswith("/import/")
    teacher.set_input_files('input[name="original"]', str(server.folder / "jardin.fr.txt"))
    teacher.set_input_files('input[name="translation"]', str(server.folder / "garden.en.txt"))
    teacher.fill('input[name="title"]', "Le jardin")
    # the server imports in the request here (no worker): the click waits for the whole import, several seconds
    teacher.click('.import-form button[type="submit"]', timeout=180000)
    teacher.locator("p.done").wait_for(timeout=180000)  # the job page refreshes itself until the import is done

    teacher.goto(f"{base}/classes/")
    teacher.fill('input[name="name"]', "Français B1")
    teacher.click('form[action="/classes/"] button')
    code = teacher.locator("code.join-code").first.inner_text()
    assert len(code) == 8
    teacher.goto(f"{base}/")
    teacher.click("text=Publish or delete")
    teacher.check('input[name="class"]')
    teacher.click('form[action$="/publish"] button')
    assert "Publishing saved." in teacher.content()

    learner_context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    learner = learner_context.new_page()
    learner.set_default_timeout(10000)
    learner.goto(f"{base}/")
    assert "Le jardin" not in learner.content()  # published to the class only
    learner.goto(f"{base}/register?code={code}")
    learner.fill('input[name="name"]', "lea")
    learner.fill('input[name="password"]', "lea-password")
    learner.fill('input[name="confirm"]', "lea-password")
    learner.click('form button[type="submit"]')
    learner.click("text=Le jardin")
    learner.locator("article.reader").wait_for()
    for lemma in ("jardin", "oiseau", "pluie"):
        word = learner.locator(f'.side.source .w[data-l="{lemma}"]').first
        word.scroll_into_view_if_needed()
        for attempt in range(3):  # (a counterpart scrolled into view may move the word from under the pointer)
            word.hover()
            try:
                learner.locator(".popup").wait_for(state="visible", timeout=3000)
                break
            except PlaywrightTimeout:
                learner.mouse.move(5, 5)
        assert learner.locator(".popup").is_visible(), lemma
        learner.mouse.move(5, 5)
        learner.locator(".popup").wait_for(state="hidden")
    learner.locator('[data-action="reveal-mode"]').click()
    sentence = learner.locator('.bead:has(.w[data-l="oiseau"]) .side.target .s').first
    sentence.click()
    assert "revealed" in sentence.evaluate("e => e.closest('.bead').className")
    learner.goto(f"{base}/account")  # leaving the page sends the batch (with the CSRF token, or it is refused)

    teacher.goto(f"{base}/classes/")
    teacher.click("text=Français B1")
    for _ in range(20):  # the batch may still be on its way
        if teacher.locator("table.lookups").count():
            break
        teacher.wait_for_timeout(250)
        teacher.reload()
    words = teacher.locator("table.lookups").inner_text()
    assert "jardin" in words and "oiseau" in words and "pluie" in words and "garden" in words
    assert "lea" in teacher.locator("table.progress-table").inner_text()
    revealed = teacher.locator("ol.revealed")
    assert "A bird was singing on the wall" in revealed.inner_text() or "Un oiseau chantait" in revealed.inner_text()
    screenshot(teacher, "classroom-class-page", full_page=True)
    if os.environ.get("BIREADER_DOCS_SCREENSHOTS"):
        teacher.screenshot(path=str(ROOT / "docs" / "screenshots" / "classroom-class-page.png"), full_page=True)
    revealed.locator("a").first.click()  # the link opens the reader at that sentence
    teacher.locator(".bead.current").wait_for()
    assert "oiseau" in teacher.locator(".bead.current").inner_text().lower()

    learner.reload()
    own = learner.content()  # the learner's own statistics, and nobody else's
    assert "oiseau" in own and "marie" not in own.split("</header>")[1]
