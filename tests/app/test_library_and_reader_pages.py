"""The library and reader pages served by the app factory, without a browser."""

import re
from html import unescape
from pathlib import Path

from bireader.importer import ImportRequest, import_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "serge_notebooks_1938-44.en.txt"


def visible_text(html: str) -> str:
    """The page's text as a reader sees it, without tags and scripts, whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(h[1-6]|p|div|li|br|section|header)\b[^>]*>", " ", html)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return " ".join(text.split())


def test_empty_library_says_how_to_fill_it(client):
    page = client.get("/").get_data(as_text=True)
    assert "The library is empty" in page and "bireader seed" in page


def test_library_lists_title_languages_counts_and_credits(client, sessions):
    saved = import_text(sessions, ImportRequest(path=SEED, slug="seed", credits="Translated by Mitch Abidor, CC BY-SA"))
    page = client.get("/").get_data(as_text=True)
    assert "Victor Serge 1938-44" in page
    assert f"{saved.sentence_counts['en']} sentences" in page
    assert "Translated by Mitch Abidor, CC BY-SA" in page
    assert 'href="/read/seed"' in page


def test_reader_shows_heading_date_and_first_paragraph(client, sessions):
    import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    html = client.get("/read/seed/1").get_data(as_text=True)
    assert re.search(r"<h2[^>]*>.*Brandler \(Dzerzhinsky, Stalin, Semionov\)", html)
    text = visible_text(html)
    assert "Brandler (Dzerzhinsky, Stalin, Semionov) December 1938 We meet in the cafes on the boulevard Montparnasse." in text
    assert re.search(r'<a[^>]*href="/read/seed/2"', html)


def test_reader_pages_out_of_range_are_404(client, sessions):
    saved = import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    assert client.get(f"/read/seed/{saved.page_count + 1}").status_code == 404
    assert client.get("/read/nothing/1").status_code == 404
    assert client.get("/read/seed").headers["Location"].endswith("/read/seed/1")


def test_credits_come_from_the_metadata_lines_when_none_are_given(client, sessions):
    import_text(sessions, ImportRequest(path=SEED, slug="seed"))
    page = client.get("/").get_data(as_text=True)
    assert "Source: Victor Serge, Carnets. Actes Sud, Arles, 1985; Translated: for by Mitch Abidor; CopyLeft:" in page
