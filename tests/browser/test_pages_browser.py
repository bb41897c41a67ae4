"""What a newcomer's browser shows beyond the reading itself (issue 15): the import progress page, inline
glosses that keep a line readable, popups on a phone, tables that fit a phone, the 404 page."""

from __future__ import annotations

import re

import pytest

from browser_screenshots import screenshot

FRENCH = """Trois contes

Le jardin

Il pleuvait sur les haies du vieux jardin. Le jardinier regardait la maison fermée.

Personne ne vint ce soir-là. Le vent se leva sur les champs.
"""
ENGLISH = """Three tales

The garden

It was raining on the hedges of the old garden. The gardener looked at the closed house.

Nobody came that evening. The wind rose over the fields.
"""

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "reduced_motion": "reduce"}


def test_the_import_progress_page_lists_its_steps_under_each_other_with_the_uploaded_names(page, base_url, tmp_path):
    (tmp_path / "maupassant_contes.fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "maupassant_contes.en.txt").write_text(ENGLISH, encoding="utf-8")
    page.goto(f"{base_url}/import/")
    page.set_input_files('input[name="original"]', str(tmp_path / "maupassant_contes.fr.txt"))
    page.set_input_files('input[name="translation"]', str(tmp_path / "maupassant_contes.en.txt"))
    page.locator('button[type="submit"]').click()
    page.locator("p.done").wait_for(timeout=120_000)  # (the page refreshes itself every 2 s until then)
    assert page.locator("h1").inner_text() == "Importing maupassant_contes.fr.txt"
    steps = page.locator("ol li").all_inner_texts()
    assert any(s.startswith("reading maupassant_contes.fr.txt") for s in steps)
    assert "reading maupassant_contes.en.txt" in steps
    assert steps[-1] == "saved 'Maupassant contes': 1 page"
    assert not re.search(r"\b[01]-maupassant", page.locator("main").inner_text())
    # each step on its own line, the list above "Imported …" and the footer: nothing overprinted
    boxes = [page.locator("ol li").nth(n).bounding_box() for n in range(len(steps))]
    for upper, lower in zip(boxes, boxes[1:]):
        assert upper["y"] + upper["height"] <= lower["y"] + 0.5
    done = page.locator("p.done").bounding_box()
    footer = page.locator("footer.site").bounding_box()
    assert boxes[-1]["y"] + boxes[-1]["height"] <= done["y"]
    assert done["y"] + done["height"] <= footer["y"]
    assert page.locator("ol").evaluate("e => getComputedStyle(e).position") == "static"
    assert re.search(r"\d+ (fr|en) sentences?, \d+ (en|fr) sentences?, 1 page\.", page.locator("p.done").inner_text())
    screenshot(page, "import-progress")


def _ruby_layout(page) -> dict:
    """For every inline gloss shown: its box, its word's text box and its word's box, in reading order."""
    return page.evaluate("""() => [...document.querySelectorAll('.beads .w rt')]
      .filter(rt => getComputedStyle(rt).display !== 'none')
      .map(rt => {
        const word = rt.closest('.w'), range = document.createRange();
        range.selectNodeContents(rt.parentElement.firstChild);
        const box = (r) => ({x: r.left, y: r.top, right: r.right, bottom: r.bottom, width: r.width});
        // the natural widths of the gloss and of the word's letters, whatever the layout makes of them
        const pen = document.createElement('canvas').getContext('2d');
        const measure = (text, e) => { const s = getComputedStyle(e); pen.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`; return pen.measureText(text).width; };
        return {gloss: rt.dataset.g, rt: box(rt.getBoundingClientRect()), text: box(range.getBoundingClientRect()),
                word: box(word.getBoundingClientRect()), natural: measure(rt.dataset.g, rt),
                letters: measure(rt.parentElement.firstChild.textContent, rt.parentElement)};
      })""")


def _intersect(a, b) -> bool:
    return a["x"] < b["right"] - 0.5 and b["x"] < a["right"] - 0.5 and a["y"] < b["bottom"] - 0.5 and b["y"] < a["bottom"] - 0.5


@pytest.mark.parametrize("where", ["seed", "sample"])
def test_inline_glosses_neither_push_words_apart_nor_overlap(page, base_url, seed_slug, where):
    page.goto(f"{base_url}/read/{seed_slug}/1" if where == "seed" else f"{base_url}/read/promenade/1")
    page.mouse.move(1, 1)
    glosses = _ruby_layout(page)
    assert len(glosses) >= 3
    if where == "seed":  # the case that used to spread a line out: glosses wider than their words
        assert any(g["natural"] > g["letters"] + 2 for g in glosses)
    for g in glosses:
        # the word is as wide as its letters (no gap opened around it), the gloss no wider than the word, above it
        assert g["word"]["width"] <= g["letters"] + 1, g
        assert g["rt"]["x"] >= g["word"]["x"] - 0.5 and g["rt"]["right"] <= g["word"]["right"] + 0.5, g
        assert g["rt"]["bottom"] <= g["text"]["y"] + 3, g
    for a, b in zip(glosses, glosses[1:]):
        assert not _intersect(a["rt"], b["rt"]), (a, b)
    # and no gloss runs into the words of the line above
    lines_above = page.evaluate("""() => [...document.querySelectorAll('.beads .w rt')]
      .filter(rt => getComputedStyle(rt).display !== 'none').map(rt => rt.getBoundingClientRect().top)""")
    assert min(lines_above) > 0
    screenshot(page, f"inline-glosses-{where}")
    # the whole gloss shows on hover
    truncated = [n for n, g in enumerate(glosses) if g["natural"] > g["letters"] + 2]
    if truncated:
        word = page.locator(f'.beads .w:has(rt[data-g="{glosses[truncated[0]]["gloss"]}"])').first
        word.hover()
        assert word.locator("rt").evaluate("rt => rt.scrollWidth <= rt.clientWidth + 1")


def test_an_english_words_highlight_goes_when_its_popup_closes(page, base_url):
    page.goto(f"{base_url}/read/promenade/1")
    english = page.locator('.bead[data-bead="0"] .side.target .t').filter(has_text=re.compile("^hedges$"))
    english.hover()
    page.locator(".popup").wait_for(state="visible")
    assert "active" in english.get_attribute("class")
    page.mouse.move(1, 1)
    page.locator(".popup").wait_for(state="hidden")
    assert page.locator(".beads .active, .beads .rendering").count() == 0
    # opened by a click and closed by Escape, the same
    english.click()
    page.locator(".popup").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator(".popup").wait_for(state="hidden")
    assert page.locator(".beads .active, .beads .rendering").count() == 0


def test_on_a_phone_a_popup_near_the_bottom_opens_above_its_word(browser, base_url, seed_slug):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(10000)
    page.goto(f"{base_url}/read/{seed_slug}/1")
    # scroll so that a glossed French word sits near the bottom of the screen, then tap it
    word = page.locator(".beads .side.source .w.g").nth(12)
    word.scroll_into_view_if_needed()
    top = word.evaluate("w => w.getBoundingClientRect().top + scrollY")
    page.evaluate(f"window.scrollTo(0, {top} - 844 + 60)")
    page.wait_for_timeout(100)
    box = word.bounding_box()
    assert 844 - 90 < box["y"] + box["height"] <= 844
    word.tap()
    popup = page.locator(".popup")
    popup.wait_for(state="visible")
    page.wait_for_timeout(600)  # (the English counterpart may scroll into view, smoothly)
    shown, box = word.evaluate("""w => [document.querySelector('.popup').getBoundingClientRect().toJSON(),
                                         w.getBoundingClientRect().toJSON()]""")
    assert shown["y"] >= 0 and shown["y"] + shown["height"] <= 844, shown
    assert shown["y"] + shown["height"] <= box["y"] + 1  # above the word, not over it
    screenshot(page, "phone-popup-near-bottom")
    context.close()


def test_on_a_phone_tapping_outside_the_text_closes_the_popup(browser, base_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(10000)
    page.goto(f"{base_url}/read/promenade/1")
    page.locator('.w[data-l="haie"]').tap()
    popup = page.locator(".popup")
    popup.wait_for(state="visible")
    crumb = page.locator("header.site .crumb")  # "Library › title": tap the title, no link
    box = crumb.bounding_box()
    crumb.tap(position={"x": box["width"] - 4, "y": box["height"] / 2})
    popup.wait_for(state="hidden")
    assert page.url.endswith("/read/promenade/1")
    assert page.locator(".beads .active, .beads .rendering").count() == 0
    context.close()


@pytest.mark.parametrize("path", ["/vocab/{slug}", "/vocab/{slug}?show=all", "/review/{slug}", "/read/{slug}/1",
                                  "/import/", "/", "/read/{slug}/999"])
def test_on_a_phone_nothing_scrolls_sideways(browser, base_url, seed_slug, path):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(10000)
    page.goto(base_url + path.format(slug=seed_slug))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    widest = page.evaluate("Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right))")
    assert widest <= 390 + 0.5
    if "vocab" in path:
        assert page.locator("table.vocab tr[data-lemma]").count() > 0
    screenshot(page, "phone" + re.sub(r"\W+", "-", path.format(slug="x")).rstrip("-"))
    context.close()


def test_the_404_page_leads_back_to_the_texts_last_page(page, base_url, seed_slug):
    response = page.goto(f"{base_url}/read/{seed_slug}/999")
    assert response.status == 404
    last = page.locator("a.last-page")
    pages = last.get_attribute("href").rsplit("/", 1)[1]
    last.click()
    page.wait_for_url(f"**/read/{seed_slug}/{pages}")
    assert page.locator("article.reader").get_attribute("data-pages") == pages
    page.goto(f"{base_url}/read/deleted-text/1")
    page.locator("a.library").click()
    page.wait_for_url(f"{base_url}/")
    # the favicon is found (no 404 for it on any page)
    icon = page.request.get(base_url + page.locator('link[rel="icon"]').get_attribute("href"))
    assert icon.status == 200
