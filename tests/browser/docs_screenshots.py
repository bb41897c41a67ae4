"""The reader's screenshots in docs/screenshots/, retaken on the seed texts (run by hand, not a test).

    DATABASE_URL=sqlite:////tmp/seed.sqlite .venv/bin/bireader seed
    .venv/bin/python tests/browser/docs_screenshots.py /tmp/seed.sqlite docs/screenshots [gloss english keyboard ...]

A fresh learner marks three words of Candide (two learning, one known), then each view is taken in headless
Chromium at 1280x900, and the phone ones at 390x844 (device scale 2). "import" imports Maupassant's three tales
(../shared/corpus) through the form, into the database given: run it on a copy.
"""
from pathlib import Path

import logging
import socket
import sys
import threading

logging.getLogger("werkzeug").setLevel(logging.ERROR)
from werkzeug.serving import make_server
from bireader.web.app import create_app
from playwright.sync_api import sync_playwright

app = create_app({"DATABASE_URL": f"sqlite:///{sys.argv[1]}"})
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
from bireader.jobs.queue import start_consumer  # noqa: E402 - imports from the form run as `bireader serve` runs them
from bireader.web.teach.jobs import job_queue  # noqa: E402

start_consumer(job_queue(app), embedded=True)
server = make_server("127.0.0.1", port, app, threaded=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{port}"
OUT = sys.argv[2]
only = sys.argv[3:]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

def mark(page, lemma, status):
    page.evaluate("""([l, s]) => fetch('/api/words', {method: 'PUT', headers: {'Content-Type': 'application/json',
        'X-CSRFToken': document.querySelector('meta[name=csrf-token]').content},
        credentials: 'same-origin', body: JSON.stringify({lang: 'fr', lemma: l, status: s})})""", [lemma, status])

def want(name): return not only or name in only

with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    ctx = b.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = ctx.new_page()
    page.goto(f"{base}/read/candide/1")
    for lemma, status in [("physionomie", "learning"), ("tapisserie", "learning"), ("jugement", "known")]:
        mark(page, lemma, status)
    if want("gloss"):
        page.goto(f"{base}/read/candide/1"); page.wait_for_timeout(600)
        page.locator('.w[data-l="gentilhomme"]').first.hover(); page.wait_for_timeout(300)
        page.screenshot(path=f"{OUT}/reader-gloss-popup.png")
    if want("english"):
        page.goto(f"{base}/read/candide/1"); page.wait_for_timeout(600)
        t = page.locator('.side.target .t.aligned').filter(has_text="servants").first
        t.hover(); page.wait_for_timeout(300)
        page.screenshot(path=f"{OUT}/reader-english-word.png")
    if want("keyboard"):
        page.goto(f"{base}/read/candide/1"); page.wait_for_timeout(600)
        page.mouse.move(1270, 890)
        for k in ["j", "j", "Enter", "ArrowRight", "ArrowRight"]:
            page.keyboard.press(k)
        page.keyboard.press("Enter"); page.wait_for_timeout(300)
        page.screenshot(path=f"{OUT}/reader-keyboard.png")
    if want("reveal"):
        page.goto(f"{base}/read/candide/1"); page.wait_for_timeout(400)
        page.locator('[data-action="reveal-mode"]').click()
        page.locator('.bead .side.target .s').nth(2).click(); page.mouse.move(1270, 890); page.wait_for_timeout(300)
        page.screenshot(path=f"{OUT}/reader-reveal-mode.png")
        page.locator('[data-action="reveal-mode"]').click()
    if want("vocab"):
        page.goto(f"{base}/vocab/candide?page=1"); page.wait_for_timeout(300)
        page.screenshot(path=f"{OUT}/reader-vocabulary.png")
    if want("serge"):
        page.goto(f"{base}/read/serge-notebooks/1"); page.wait_for_timeout(400)
        first = page.locator(".side.source .s").first
        box = first.bounding_box()
        first.hover(position={"x": box["width"] - 2, "y": box["height"] - 14}, force=True); page.wait_for_timeout(200)
        page.screenshot(path=f"{OUT}/reader-serge-first-page.png")
    if want("404"):
        page.goto(f"{base}/read/candide/99"); page.wait_for_timeout(200)
        page.screenshot(path=f"{OUT}/not-found.png")
    if want("import"):
        corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus"
        page.goto(f"{base}/import/")
        page.set_input_files('input[name="original"]', str(corpus / "maupassant_3contes.fr.txt"))
        page.set_input_files('input[name="translation"]', str(corpus / "maupassant_3contes.en.txt"))
        page.fill('input[name="credits"]', "Maupassant, Trois contes; Project Gutenberg")
        page.screenshot(path=f"{OUT}/import-form.png")
        page.locator('button[type="submit"]').click()
        page.locator("p.done, p.error").wait_for(timeout=600_000)
        page.screenshot(path=f"{OUT}/import-progress.png")
    if want("dark"):
        page.goto(f"{base}/read/serge-notebooks/3"); page.wait_for_timeout(300)
        page.locator('[data-action="theme"]').click()
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
        page.wait_for_timeout(200); page.mouse.move(1270, 890)
        page.screenshot(path=f"{OUT}/reader-dark-english-only.png")
    if want("study"):  # the two words marked learning above, as cards: hint and answer shown
        page.evaluate("localStorage.removeItem('bireader.prefs')")  # the light theme again
        page.goto(f"{base}/study/"); page.wait_for_timeout(300)
        page.keyboard.press("h"); page.keyboard.press(" "); page.wait_for_timeout(200)
        page.screenshot(path=f"{OUT}/study-card.png")
    ctx.close()
    if want("phone"):
        ctx = b.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, reduced_motion="reduce",
                            is_mobile=True, has_touch=True)
        page = ctx.new_page()
        page.goto(f"{base}/read/candide/1"); page.wait_for_timeout(400)
        page.evaluate("window.scrollTo(0, document.querySelector('.beads').offsetTop - 10)")
        page.wait_for_timeout(200)
        page.screenshot(path=f"{OUT}/reader-phone.png")
        if want("phone-popup"):  # a word near the bottom of the screen: its popup opens above it
            page.goto(f"{base}/read/candide/1"); page.wait_for_timeout(400)
            # (an English word: its French is above it, on screen, so nothing scrolls to show the counterpart)
            word = page.locator('.side.target .t.aligned').filter(has_text="gentleman").first
            top = word.evaluate("w => w.getBoundingClientRect().top + scrollY")
            page.evaluate(f"window.scrollTo(0, {top} - 844 + 70)"); page.wait_for_timeout(200)
            word.tap(); page.wait_for_timeout(300)
            page.screenshot(path=f"{OUT}/reader-phone-popup-bottom.png")
        if want("phone-vocab"):
            page.goto(f"{base}/vocab/candide?page=1"); page.wait_for_timeout(300)
            page.screenshot(path=f"{OUT}/vocabulary-phone.png")
        ctx.close()
    b.close()
server.shutdown()
