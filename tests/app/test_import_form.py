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

    return create_app({"TESTING": True, "DATABASE_URL": database_url, "IMPORT_SYNCHRONOUS": True})


def _token(client) -> str:
    page = client.get("/import/").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _post(client, files: dict, **fields):
    data = {"csrf": _token(client), **fields}
    data.update({name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()})
    return client.post("/import/", data=data, content_type="multipart/form-data")


def test_a_text_imported_from_the_form_reaches_the_library(client, sessions):
    response = _post(client, {"original": ("carnets.txt", FRENCH.read_bytes())}, title="Carnets (extraits)")
    assert response.status_code == 302
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported" in job and "Carnets (extraits)" in job and "fr sentences" in job
    assert "aligning" not in job and "glossing" in job  # progress messages of a one-language import
    with sessions() as session:
        assert [t.title for t in list_texts(session)] == ["Carnets (extraits)"]


def test_a_binary_upload_shows_one_line_and_stores_nothing(client, sessions):
    response = _post(client, {"original": ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00" * 100)})
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r'class="error" role="alert">photo\.png: looks like a binary file', job)
    assert "Nothing was stored" in job
    assert "bireader reads plain text (.txt). For a file in another format, save or export it as plain text" in job
    with sessions() as session:
        assert list_texts(session) == []


def test_hostile_html_in_fields_is_shown_as_text(client):
    hostile = "<script>alert(1)</script>"
    response = _post(client, {"original": ("x.txt", FRENCH.read_bytes())}, title=hostile)
    job = client.get(response.headers["Location"]).get_data(as_text=True)
    assert hostile not in job and "&lt;script&gt;alert(1)&lt;/script&gt;" in job
    assert hostile not in client.get("/").get_data(as_text=True)


def test_a_post_without_the_form_token_is_refused(client, sessions):
    response = client.post("/import/", data={"original": (io.BytesIO(FRENCH.read_bytes()), "x.txt")},
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
    assert "bireader reads plain text (.txt). For a file in another format, save or export it as plain text" in page
    assert page.count('accept=".txt,text/plain"') == 2
    monkeypatch.setitem(formats.ACCEPTED, ".epub", "EPUB")
    page = client.get("/import/").get_data(as_text=True)
    assert "bireader reads plain text (.txt) or EPUB (.epub)." in page
    assert page.count('accept=".txt,.epub,text/plain"') == 2
