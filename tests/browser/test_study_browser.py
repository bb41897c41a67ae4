"""Reviewing words in a real browser: five cards by keyboard alone, and the page on a phone."""

from __future__ import annotations

import re

import pytest
from browser_screenshots import screenshot

@pytest.fixture(autouse=True)
def clean_slate(live_server):
    """Each study test starts with no marks, cards or reviews, as a new learner would: without accounts the shared
    browser server runs in single-user mode, where every browser profile is the one local learner."""
    from sqlalchemy import text

    with live_server.app.extensions["bireader.sessions"]() as session, session.begin():
        for table in ("study_reviews", "study_cards", "study_preferences", "word_statuses", "reading_positions"):
            session.execute(text(f"DELETE FROM {table}"))
        # an earlier browser test may have created accounts (ending single-user mode): the sample texts are then
        # read, and their sentences shown on cards, by anonymous learners only if they are public
        session.execute(text("UPDATE texts SET public = :yes"), {"yes": True})


WORDS = ("haie", "pleuvoir", "longer", "volet", "apercevoir")  # the rare words of the sample's first page


def mark_learning(page, base_url, lemmas):
    page.goto(f"{base_url}/read/promenade/1")
    for lemma in lemmas:
        page.locator(f'.w[data-l="{lemma}"]').first.click()
        with page.expect_response(lambda r: r.url.endswith("/api/words")):
            page.locator('.popup button[data-status="learning"]').click()
        page.keyboard.press("Escape")


def reviewed(page) -> int:
    return int(re.search(r"(\d+)", page.locator(".summary .reviewed").inner_text()).group(1))


def test_five_cards_reviewed_by_keyboard(page, base_url):
    mark_learning(page, base_url, WORDS)
    page.goto(f"{base_url}/study/")
    assert page.locator(".summary .due b").inner_text() == "5"
    seen = []
    for n in range(5):
        card = page.locator(".study .card")
        seen.append(card.get_attribute("data-lemma"))
        assert card.get_attribute("data-reviews") == "0"
        answer = page.locator("details.answer .back")
        assert not answer.is_visible() and card.locator(".front .blank").is_visible()  # cloze: the word blanked
        hint = card.locator(".hint-text")
        assert not hint.is_visible()
        page.keyboard.press("h")
        assert hint.is_visible() and hint.inner_text()  # the English sentence, on request
        page.keyboard.press(" ")
        assert answer.is_visible()
        assert answer.locator(".word b").inner_text()  # the word as met
        if n == 0:
            screenshot(page, "study-answer")
        with page.expect_navigation():
            page.keyboard.press("3")  # Good
        assert reviewed(page) == n + 1
    assert sorted(seen) == sorted(WORDS)  # five different cards, each once (Good sends it 10 minutes on)
    assert "Nothing more to review now" in page.locator(".study .empty").inner_text()
    assert page.locator(".summary .due b").inner_text() == "5"  # all five come back later today


def test_again_brings_the_card_back_and_enter_shows_the_answer(page, base_url):
    mark_learning(page, base_url, ["haie"])
    page.goto(f"{base_url}/study/")
    page.keyboard.press("Enter")
    assert page.locator("details.answer .back").is_visible()
    assert page.locator(".rate-again small").inner_text() == "1 min"
    page.keyboard.press("1")  # Again: FSRS's first learning step, one minute
    page.wait_for_url(re.compile(r"/study/$"))
    assert reviewed(page) == 1 and page.locator(".study .card").count() == 0


def test_the_review_page_fits_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    try:
        mark_learning(page, base_url, ["volet"])
        page.goto(f"{base_url}/study/")
        page.locator("details.answer summary").tap()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        buttons = [page.locator(f'button[name="rating"][value="{r}"]').bounding_box() for r in "1234"]
        assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 and b["height"] >= 44 for b in buttons)  # thumb-sized
        screenshot(page, "study-phone", full_page=True)
    finally:
        context.close()


def test_without_javascript_a_card_is_reviewed_with_its_forms(browser, base_url):
    scripted = browser.new_context()
    page = scripted.new_page()
    try:
        mark_learning(page, base_url, ["longer"])
        cookies = scripted.cookies()
    finally:
        scripted.close()
    context = browser.new_context(java_script_enabled=False)
    context.add_cookies(cookies)  # the same learner, now without JavaScript
    page = context.new_page()
    try:
        page.goto(f"{base_url}/study/")
        assert page.locator(".study .card").get_attribute("data-lemma") == "longer"
        page.locator("details.hint summary").click()
        assert page.locator(".hint-text").is_visible()
        page.locator("details.answer summary").click()
        assert page.locator(".back .rendering").inner_text() == "in this translation: ran along"
        page.locator("button.rate-easy").click()
        page.wait_for_url(re.compile(r"/study/$"))
        assert reviewed(page) == 1 and "Nothing more to review now" in page.locator(".study .empty").inner_text()
    finally:
        context.close()
