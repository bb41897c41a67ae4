"""The reader in a real browser (headless Chromium through Playwright): what a learner sees and does."""

from __future__ import annotations

import csv
import io
import re

from browser_screenshots import screenshot


def test_seed_first_page_shows_its_first_heading_and_paragraph(page, base_url, seed_slug):
    page.goto(f"{base_url}/read/{seed_slug}/1")
    french, english = page.locator(".side.source").first, page.locator(".side.target").first
    assert french.locator("h2.heading").inner_text() == "Brandler (Djzerjinski, Staline, Semionov)"
    assert english.locator("h2.heading").inner_text() == "Brandler (Dzerzhinsky, Stalin, Semionov)"
    assert french.locator(".date").is_visible() and english.locator(".date").is_visible()
    first_fr = page.locator(".side.source .s").first
    first_en = page.locator(".side.target .s").first
    assert first_fr.inner_text() == "Nous nous rencontrons dans les cafés du boulevard Montparnasse."
    assert first_en.inner_text() == "We meet in the cafes on the boulevard Montparnasse."
    # the first paragraph goes on in both columns, side by side
    assert "Il porte sur sa grosse tête" in page.locator(".side.source .s").nth(1).inner_text()
    box_fr, box_en = first_fr.bounding_box(), first_en.bounding_box()
    assert box_en["x"] > box_fr["x"] + box_fr["width"] - 1 and abs(box_en["y"] - box_fr["y"]) < 5
    first_fr.hover()
    page.wait_for_function("document.querySelector('.bead.linked .side.target .s')")
    assert first_en.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    screenshot(page, "seed-first-page", full_page=True)
    # the English-only notebooks beyond the French pieces read as full-width blocks
    pages = int(page.locator("article.reader").get_attribute("data-pages"))
    runs = [n for n in range(1, pages + 1)
            if 'class="run target-only"' in page.request.get(f"{base_url}/read/{seed_slug}/{n}").text()]
    assert runs
    page.goto(f"{base_url}/read/{seed_slug}/{runs[0]}")
    screenshot(page, "seed-english-only", full_page=True)


def test_hovering_a_french_sentence_highlights_its_english_counterpart(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    french = page.locator('.side.source .s[data-pos="1"]')
    english = page.locator('.side.target .s[data-pos="1"]')
    background = lambda loc: loc.evaluate("e => getComputedStyle(e).backgroundColor")
    before = background(english)
    french.hover()
    page.wait_for_function("document.querySelector('.bead[data-bead=\"1\"]').classList.contains('linked')")
    assert background(english) != before
    other = page.locator('.side.target .s[data-pos="0"]')
    assert background(other) == before
    screenshot(page, "sentence-linking")


def test_hovering_a_word_shows_its_gloss_and_lights_up_its_rendering(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    page.locator('.w[data-l="haie"]').hover()
    popup = page.locator(".popup")
    popup.wait_for(state="visible")
    text = popup.inner_text().lower()
    assert "haie" in text and "noun" in text and "hedgerow" in text and "hedges" in text
    rendering = page.locator(".t.rendering")
    assert rendering.count() == 1 and rendering.inner_text() == "hedges"
    screenshot(page, "gloss-popup")


def test_proper_nouns_and_numbers_get_no_inline_gloss(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    assert page.locator('.side.source .w[data-l="candide"]').count() == 0
    assert page.locator(".side.source .x", has_text="3").count() == 1
    assert page.locator('.w.rare rt[data-g="hedges"]').is_visible()
    assert not page.locator('.w[data-l="marcher"] rt').is_visible()  # common: within the default level


def test_marking_a_word_known_survives_reload_and_restyles_it_on_another_page(page, base_url):
    page.goto(f"{base_url}/read/promenade-fr/1")
    word = page.locator('.w[data-l="volet"]').first
    assert word.locator("rt").is_visible()
    word.click()
    with page.expect_response(lambda r: r.url.endswith("/api/words") and r.request.method == "PUT"):
        page.locator('.popup button[data-status="known"]').click()
    assert "st-known" in word.get_attribute("class")
    assert not word.locator("rt").is_visible()
    # the popup stays open, showing the new status
    assert page.locator('.popup button[data-status="known"][aria-pressed="true"]').is_visible()
    page.reload()
    assert "st-known" in page.locator('.w[data-l="volet"]').first.get_attribute("class")
    page.goto(f"{base_url}/read/promenade-fr/2")
    other = page.locator('.w[data-l="volet"]').first
    assert "st-known" in other.get_attribute("class")
    assert not other.locator("rt").is_visible()
    # and in the bilingual text, which shares the language
    page.goto(f"{base_url}/read/promenade/1")
    assert "st-known" in page.locator('.w[data-l="volet"]').get_attribute("class")


def test_reveal_mode_hides_the_translation_and_reveals_a_sentence_on_click(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    english = page.locator('.side.target .s[data-pos="0"]')
    color = lambda: english.evaluate("e => getComputedStyle(e).color")
    shown = color()
    page.locator('[data-action="reveal-mode"]').click()
    assert color() == "rgba(0, 0, 0, 0)"
    screenshot(page, "reveal-mode")
    english.click()
    assert color() == shown
    hidden = page.locator('.side.target .s[data-pos="1"]')
    assert hidden.evaluate("e => getComputedStyle(e).color") == "rgba(0, 0, 0, 0)"
    page.keyboard.press("t")
    assert page.locator('.side.target .s[data-pos="1"]').evaluate("e => getComputedStyle(e).color") == shown
    has_class = lambda name: page.evaluate(f"document.querySelector('article.reader').classList.contains('{name}')")
    page.locator('[data-action="glosses"]').click()
    assert has_class("no-glosses")
    page.keyboard.press("g")  # the toolbar button has the focus: shortcuts work all the same
    assert not has_class("no-glosses")


def test_phone_viewport_stacks_french_above_english(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base_url}/read/promenade/1")
    french = page.locator('.bead[data-bead="1"] .side.source').bounding_box()
    english = page.locator('.bead[data-bead="1"] .side.target').bounding_box()
    assert english["y"] >= french["y"] + french["height"] - 1
    assert abs(english["x"] - french["x"]) < 2
    assert french["width"] > 300
    screenshot(page, "phone", full_page=True)
    context.close()


def test_anki_export_downloads_the_words_being_learned(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    for lemma in ("haie", "longer"):
        page.locator(f'.w[data-l="{lemma}"]').click()
        with page.expect_response(lambda r: r.url.endswith("/api/words")):
            page.locator('.popup button[data-status="learning"]').click()
    page.goto(f"{base_url}/vocab/promenade")
    screenshot(page, "vocabulary", full_page=True)
    with page.expect_download() as info:
        page.locator("a.anki-learning").click()
    content = open(info.value.path(), encoding="utf-8").read()
    rows = list(csv.reader(io.StringIO(content), delimiter="\t"))
    header = [r for r in rows if r[0].startswith("#columns:")][0]
    assert header == ["#columns:word", "lemma", "gloss", "french", "english"]
    notes = [r for r in rows if not r[0].startswith("#")]
    assert [(r[0], r[1]) for r in notes] == [("haies", "haie"), ("longeait", "longer")]
    assert notes[0][3] == "Il pleuvait sur les <b>haies</b>." and notes[0][4] == "It was raining on the <b>hedges</b>."
    assert notes[1][2].startswith("ran along")


def test_keyboard_moves_between_sentences_and_pages(page, base_url):
    page.goto(f"{base_url}/read/promenade-fr/1")
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator(".bead.current").get_attribute("data-bead") == "1"
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/read/promenade-fr/2")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/read/promenade-fr/1")


def test_dark_theme_and_font_size_persist(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    before = size()
    page.locator('[data-action="font-larger"]').click()
    page.locator('[data-action="theme"]').click()
    page.reload()
    assert size() > before
    assert page.evaluate("document.documentElement.dataset.theme") in ("dark", "light")
    screenshot(page, "theme-toggled")


def test_english_without_french_has_its_own_glosses_and_statuses(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    wind = page.locator('.run.target-only .w[data-l="wind"]')
    wind.hover()
    popup = page.locator(".popup")
    popup.wait_for(state="visible")
    assert "vent" in popup.inner_text()
    with page.expect_response(lambda r: r.url.endswith("/api/words") and r.request.method == "PUT") as info:
        page.locator('.popup button[data-status="learning"]').click()
    assert info.value.request.post_data_json == {"lang": "en", "lemma": "wind", "status": "learning"}
    assert "st-learning" in wind.get_attribute("class")
    page.reload()
    assert "st-learning" in page.locator('.run.target-only .w[data-l="wind"]').get_attribute("class")


def test_the_reader_comes_back_to_the_page_and_sentence_where_it_stopped(page, base_url):
    page.goto(f"{base_url}/read/promenade-fr/2")
    for _ in range(4):
        page.keyboard.press("j")
    current = page.locator(".bead.current").get_attribute("data-bead")
    # the position is saved shortly after the last move (not the save of the page that opened, which may come later)
    with page.expect_response(lambda r: r.url.endswith("/api/position")
                              and "create_learner" not in (r.request.post_data or "")):
        pass
    page.goto(f"{base_url}/")
    page.goto(f"{base_url}/read/promenade-fr")
    assert page.url.endswith("/read/promenade-fr/2")
    page.wait_for_selector(".bead.current")
    assert page.locator(".bead.current").get_attribute("data-bead") == current


def test_opening_a_page_saves_it_with_the_sessions_csrf_token(page, base_url):
    """The save of the page that opened is a write like any other: without the token it was refused (400)."""
    with page.expect_response(lambda r: r.url.endswith("/api/position")
                              and "create_learner" in (r.request.post_data or "")) as info:
        page.goto(f"{base_url}/read/promenade-fr/2")
    assert info.value.request.headers.get("x-csrftoken")
    assert info.value.status == 200, info.value.text()


def test_read_aloud_speaks_the_current_sentence_in_french(page, base_url):
    page.add_init_script("""
        window.__spoken = [];
        window.speechSynthesis.speak = (u) => window.__spoken.push({text: u.text, lang: u.lang});
    """)
    page.goto(f"{base_url}/read/promenade/1")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.locator('[data-action="speak"]').click()
    assert page.evaluate("window.__spoken") == [{"text": "Candide marchait seul.", "lang": "fr-FR"}]


def test_without_javascript_the_page_reads_with_its_glosses_and_links(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/read/promenade-fr/1")
    assert page.locator(".side.source .s").first.is_visible()
    assert page.locator('.w.rare rt[data-g="hedge"]').first.is_visible()  # one language: the dictionary sense
    assert not page.locator(".toolbar").is_visible()  # the buttons need JavaScript, so they stay hidden
    page.locator(".pager-top a[rel=next]").click()
    assert page.url.endswith("/read/promenade-fr/2")
    context.close()


def _active(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def test_keyboard_reaches_sentences_words_and_glosses_with_one_tab_stop(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    stops = page.locator(".beads [tabindex='0']")
    assert stops.count() == 1 and page.locator(".beads .w[tabindex]").count() == 0
    page.keyboard.press("j")
    assert _active(page, '.bead[data-bead="0"] .side.source[aria-describedby="reader-keys-hint"]')
    assert "Enter" in page.locator("#reader-keys-hint").inner_text()
    page.keyboard.press("Enter")  # into the words: the first French word
    assert _active(page, '.w[data-l="il"]')
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert _active(page, '.w[data-l="haie"]') and page.url.endswith("/read/promenade/1")  # arrows stay on the page
    assert stops.count() == 1
    page.keyboard.press("Enter")
    popup = page.locator(".popup")
    popup.wait_for(state="visible")
    assert popup.get_attribute("role") == "dialog"
    title = page.locator("#" + popup.get_attribute("aria-labelledby"))
    assert title.inner_text() == "haie" and _active(page, ".popup")
    screenshot(page, "keyboard-gloss-popup")
    with page.expect_response(lambda r: r.url.endswith("/api/words") and r.request.method == "PUT"):
        page.keyboard.press("2")
    assert "st-learning" in page.locator('.w[data-l="haie"]').get_attribute("class")
    page.keyboard.press("Tab")  # to the buttons; pressing one keeps the focus on it
    page.keyboard.press("Tab")
    assert _active(page, '.popup button[data-status="learning"]')
    with page.expect_response(lambda r: r.url.endswith("/api/words") and r.request.method == "PUT") as put:
        page.keyboard.press("Enter")
    assert put.value.request.post_data_json["status"] == "learning"
    assert _active(page, '.popup button[data-status="learning"][aria-pressed="true"]')
    page.keyboard.press("Escape")  # closes the popup, the focus goes back to the word
    assert popup.is_hidden() and _active(page, '.w[data-l="haie"]')
    page.keyboard.press("ArrowRight")  # after the French, the English words aligned to it
    assert _active(page, '.bead[data-bead="0"] .side.target .t') and page.evaluate("document.activeElement.textContent") == "raining"
    page.keyboard.press("Space")
    popup.wait_for(state="visible")
    assert "pleuvait" in popup.inner_text()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")  # leaves the words: back on the sentence
    assert _active(page, '.bead[data-bead="0"] .side.source')
    page.keyboard.press("j")
    assert _active(page, '.bead[data-bead="1"] .side.source') and stops.count() == 1
    page.keyboard.press("w")
    assert _active(page, '.bead[data-bead="1"] .w')
    page.keyboard.press("?")
    help_text = page.locator("dialog.help").inner_text()
    assert "Enter, w" in help_text and "Enter, Space" in help_text and "Esc" in help_text


def test_tab_reaches_the_text_once(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.className"))
        if seen[-1].startswith("side"):
            break
    assert seen[-1].startswith("side source")
    page.keyboard.press("Tab")  # the next Tab leaves the text (no stop on each word)
    assert not page.evaluate("document.activeElement.closest('.beads')")


def test_hovering_an_english_word_shows_its_french_words_and_dictionary_gloss(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    popup = page.locator(".popup")
    page.locator('.bead[data-bead="0"] .side.target .t').filter(has_text=re.compile("^hedges$")).hover()
    popup.wait_for(state="visible")
    text = popup.inner_text()
    assert "in the French: haies" in text and "haie" in popup.locator(".senses").inner_text()
    assert "active" in page.locator('.bead[data-bead="0"] .w[data-l="haie"]').get_attribute("class")
    screenshot(page, "english-word-popup")
    # two English words aligned to one French verb (a 2-1 bead: the French words come from either sentence)
    page.locator('.bead[data-bead="2"] .side.target .t').filter(has_text=re.compile("^along$")).hover()
    page.wait_for_function("document.querySelector('.popup').innerText.includes('longeait')")
    assert "active" in page.locator('.w[data-l="longer"]').get_attribute("class")
    # a word nothing is aligned to has no popup
    page.mouse.move(0, 0)
    popup.wait_for(state="hidden")
    page.locator('.bead[data-bead="0"] .side.target .t').filter(has_text=re.compile("^It$")).hover()
    page.wait_for_timeout(200)
    assert popup.is_hidden()
    # a hidden translation gives nothing away: no popup until the sentence is revealed (by a click, not a popup)
    page.locator('[data-action="reveal-mode"]').click()
    hedges = page.locator('.bead[data-bead="0"] .side.target .t').filter(has_text=re.compile("^hedges$"))
    hedges.hover()
    page.wait_for_timeout(200)
    assert popup.is_hidden()
    hedges.click()
    assert "revealed" in page.locator('.bead[data-bead="0"]').get_attribute("class")
    page.mouse.move(0, 0)
    hedges.hover()
    popup.wait_for(state="visible")
    assert "haies" in popup.inner_text()
