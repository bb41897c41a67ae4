"""Importing from the browser: a form, a background job with progress, one-line errors, nothing stored on failure."""

import io
import re
from pathlib import Path

import pytest

from bireader.store.library import list_texts

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "french" / "serge_carnets_partial.fr.txt"


@pytest.fixture
def app(database_url, tmp_path):
    from bireader.web.app import create_app

    return create_app({"TESTING": True, "DATABASE_URL": database_url, "IMPORT_SYNCHRONOUS": True,
                       "UPLOAD_FOLDER": str(tmp_path / "uploads")})


def _token(client) -> str:
    page = client.get("/import/").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _post(client, files: dict, **fields):
    data = {"csrf": _token(client), **fields}
    data.update({name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()})
    return client.post("/import/", data=data, content_type="multipart/form-data")


def test_a_text_imported_from_the_form_reaches_the_library(client, sessions, tmp_path):
    response = _post(client, {"original": ("carnets.txt", FRENCH.read_bytes())}, title="Carnets (extraits)")
    assert response.status_code == 302
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported" in job and "Carnets (extraits)" in job and "fr sentences" in job
    assert "aligning" not in job and "glossing" in job  # progress messages of a one-language import
    with sessions() as session:
        assert [t.title for t in list_texts(session)] == ["Carnets (extraits)"]
    assert list((tmp_path / "uploads").iterdir()) == []  # the uploaded file went when its job ended


def test_a_binary_upload_shows_one_line_and_stores_nothing(client, sessions):
    response = _post(client, {"original": ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00" * 100)})
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'class="error" role="alert">photo\.png: a PNG image: bireader reads plain text, HTML, EPUB', job)
    assert "Nothing was stored" in job
    assert "bireader reads plain text (.txt, .text, .md), HTML (.html, .htm, .xhtml), EPUB (.epub), Word (.docx), " \
           "PDF (.pdf), subtitles (.srt, .vtt), an aligned TSV (.tsv) or an aligned TMX (.tmx). For a file in another " \
           "format, save or export it as plain text (UTF-8), EPUB, Word (.docx) or PDF" in job
    with sessions() as session:
        assert list_texts(session) == []


def test_hostile_html_in_fields_is_shown_as_text(client):
    hostile = "<script>alert(1)</script>"
    response = _post(client, {"original": ("x.txt", FRENCH.read_bytes())}, title=hostile)
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert hostile not in job and "&lt;script&gt;alert(1)&lt;/script&gt;" in job
    assert hostile not in client.get("/").get_data(as_text=True)


def test_a_post_without_the_form_token_is_refused(raw_client, sessions):
    response = raw_client.post("/import/", data={"original": (io.BytesIO(FRENCH.read_bytes()), "x.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "form expired" in response.get_data(as_text=True)
    with sessions() as session:
        assert list_texts(session) == []


def test_an_unknown_job_is_404(client):
    assert client.get("/import/jobs/nothing").status_code == 404


def test_an_upload_over_the_size_limit_is_refused_on_the_form(database_url, sessions):
    from bireader.web.app import create_app

    small = create_app({"TESTING": True, "DATABASE_URL": database_url, "MAX_CONTENT_LENGTH": 2000})
    client = small.test_client()
    response = _post(client, {"original": ("big.txt", b"mot " * 1000)})
    assert response.status_code == 413
    assert "over the limit of 2,000 bytes; nothing was stored" in response.get_data(as_text=True)
    with small.extensions["bireader.sessions"]() as session:
        assert list_texts(session) == []


def test_an_unreachable_queue_is_said_on_the_form_and_leaves_no_upload(database_url, tmp_path, sessions):
    from bireader.web.app import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "UPLOAD_FOLDER": str(tmp_path / "uploads"),
                      "REDIS_URL": "redis://127.0.0.1:1/0"})  # nothing listens on port 1
    response = _post(app.test_client(), {"original": ("carnets.txt", FRENCH.read_bytes())})
    assert response.status_code == 503
    assert "could not be queued (ConnectionError); nothing was stored" in response.get_data(as_text=True)
    assert list((tmp_path / "uploads").iterdir()) == []


def test_the_form_offers_every_format(client):
    page = client.get("/import/").get_data(as_text=True)
    accept = re.search(r'name="original" accept="([^"]+)"', page).group(1).split(",")
    assert {".txt", ".html", ".xhtml", ".epub", ".docx", ".pdf", ".srt", ".vtt", ".tsv", ".tmx"} <= set(accept)
    assert f'name="translation" accept="{",".join(accept)}"' in page


def test_an_epub_and_its_translation_as_plain_text_import_as_a_pair(client, sessions):
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "ingest"))
    from files import CANDIDE_FR, chapters_of_plaintext, make_epub

    chapter = chapters_of_plaintext(CANDIDE_FR.read_text("utf-8"))[:1]
    english = (CANDIDE_FR.parent / "voltaire_candide_ch1-6.en.txt").read_text("utf-8").split("\nII\n")[0]
    response = _post(client, {"original": ("candide.epub", make_epub(chapter)),
                              "translation": ("candide.en.txt", english.encode("utf-8"))})
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported" in job and "aligning" in job, job
    with sessions() as session:
        [text] = list_texts(session)
    assert text.title == "Candide" and text.languages == ["fr", "en"]
    assert text.sentence_counts["fr"] > 20 and text.sentence_counts["en"] > 20


def test_an_aligned_tsv_from_the_form_keeps_its_pairs(client, sessions):
    tsv = ("bead\tconfidence\tfr\ten\n0\t0.900\tIl pleuvait sur les haies.\tIt was raining on the hedges.\n"
           "1\t1.000\tCandide marchait seul.\tCandide walked alone.\n")
    response = _post(client, {"original": ("pairs.tsv", tsv.encode("utf-8"))}, title="Pluie")
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported" in job, job
    with sessions() as session:
        [text] = list_texts(session)
    assert text.title == "Pluie" and text.sentence_counts == {"fr": 2, "en": 2}
    assert client.get("/export/pluie.tsv").get_data(as_text=True) == tsv


def test_a_zip_bomb_upload_is_refused_in_one_line_and_stores_nothing(client, sessions):
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from ingest.test_hostile_files import epub_members, zip_of

    members = epub_members()
    members["OEBPS/ch1.xhtml"] = b"<html><body><p>" + b" " * 20_000_000 + b"</p></body></html>"
    response = _post(client, {"original": ("book.epub", zip_of(members))})
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'role="alert">book\.epub: refused as a zip bomb: OEBPS/ch1\.xhtml is compressed [\d,]+ to 1 '
                     r'\(the limit is 100 to 1\)<', job), job
    assert "Nothing was stored" in job
    with sessions() as session:
        assert list_texts(session) == []


def test_progress_names_the_uploaded_files_not_temporary_ones(client, sessions):
    english = ROOT / "seeds" / "serge_notebooks_1938-44.en.txt"
    response = _post(client, {"original": ("carnets partiels.fr.txt", FRENCH.read_bytes()),
                              "translation": ("notebooks.en.txt", english.read_bytes())})
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h1>Importing carnets_partiels.fr.txt</h1>" in job
    assert "reading carnets_partiels.fr.txt with the" in job and "reading notebooks.en.txt" in job
    assert not re.search(r"\b[01]-(carnets|notebooks)", job)
    assert '<ol class="import-steps">' in job  # not the reader's 3 px sticky progress bar


def test_the_form_says_which_formats_it_reads_from_one_list(client, monkeypatch):
    from bireader.ingest import formats

    page = client.get("/import/").get_data(as_text=True)
    assert "bireader reads plain text (.txt, .text, .md), HTML (.html, .htm, .xhtml), EPUB (.epub)" in page
    assert page.count(f'accept="{formats.accept_attribute()}"') == 2
    monkeypatch.setattr(formats, "ACCEPTED", {".txt": "plain text", ".epub": "EPUB"})
    page = client.get("/import/").get_data(as_text=True)
    assert "bireader reads plain text (.txt) or EPUB (.epub)." in page
    assert page.count('accept=".txt,.epub,text/plain,application/epub+zip"') == 2
