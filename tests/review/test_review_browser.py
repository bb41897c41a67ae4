"""The review screen in headless Chromium with JavaScript turned off: the plain forms are enough to fix a bead."""

import socket
import threading

import pytest
from review_sample import SLUG, save_sample

@pytest.fixture
def live_url(app):
    from werkzeug.serving import make_server

    save_sample(app.extensions["bireader.sessions"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def test_merge_from_the_library_without_javascript(live_url, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_url + "/")
        page.click("text=Review alignment")
        assert page.url.endswith(f"/review/{SLUG}")
        page.click("text=only below 0.5")
        assert page.locator("tbody tr").count() == 3
        page.locator("#b3 form:has(input[value=merge]) button").click()
        assert page.locator(".flash").inner_text() == "Merged bead 3 with bead 4."
        assert page.url.endswith("#b3") and "order=below" in page.url
        page.click("text=all, in text order")
        row = page.locator("#b3")
        assert "Phrase 3" in row.inner_text() and "Sentence 4" in row.inner_text()
        assert "edited" in row.locator(".conf").inner_text()
    finally:
        context.close()
