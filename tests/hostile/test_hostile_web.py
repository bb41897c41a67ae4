"""Hostile input through the browser: the import form, the pages that show what was stored, the review form."""

from __future__ import annotations

import io
import re
import stat

import pytest

from hostile_helpers import ENGLISH, FRENCH, snapshot, texts

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def app(database_url, tmp_path):
    from bireader.web.app import create_app

    return create_app({"TESTING": True, "DATABASE_URL": database_url, "IMPORT_SYNCHRONOUS": True,
                       "MAX_CONTENT_LENGTH": 2 * 1024 * 1024})


@pytest.fixture
def client(app):
    return app.test_client()


def _token(client) -> str:
    page = client.get("/import/").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def post_import(client, files: dict, **fields):
    data = {"csrf": _token(client), **fields}
    data.update({name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()})
    return client.post("/import/", data=data, content_type="multipart/form-data")


def job_page(client, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(response.headers["Location"]).get_data(as_text=True)


def alert(page: str) -> str:
    found = re.search(r'class="error" role="alert">([^<]*)<', page)
    assert found, page
    return found.group(1)


FRENCH_FILE = ("histoire.txt", FRENCH.encode("utf-8"))

REFUSED_FORMS = {
    "100,000-character title": ({"title": "T" * 100_000}, "title: String should have at most 1200 characters"),
    "400-character title": ({"title": "T" * 400}, "title: the title is 400 characters long, over the limit of 300"),
    "right-to-left override in the title": ({"title": "Histoire\u202etxt.exe"},
                                            "the title contains the control or formatting character U+202E"),
    "control character in the credits": ({"credits": "CC\x00BY"}, "the credits line contains the control or "
                                                                  "formatting character U+0000"),
    "a language we do not read": ({"lang": "de"}, "lang: Input should be"),
    "replacing a path": ({"replace": "../../etc/passwd", "confirm_replace": "true"},
                         "replace: slug &#39;../../etc/passwd&#39; is not valid"),
    "replacing a text that is not there": ({"replace": "nowhere", "confirm_replace": "true"},
                                           "there is no text &#39;nowhere&#39; to replace"),
    "replacing without confirming": ({"replace": "base"}, "tick the box to confirm that &#39;Base&#39; is to be "
                                                          "replaced"),
    "a confirmation that is not a yes or no": ({"replace": "base", "confirm_replace": "perhaps"},
                                               "confirm_replace: Input should be a valid boolean"),
}


@pytest.mark.parametrize("fields, message", REFUSED_FORMS.values(), ids=REFUSED_FORMS.keys())
def test_a_bad_form_field_is_a_400_with_one_line_and_changes_nothing(client, library, fields, message):
    before = snapshot(library)
    response = post_import(client, {"original": FRENCH_FILE}, **fields)
    assert response.status_code == 400
    line = alert(response.get_data(as_text=True))
    assert line.startswith("Nothing was imported: ") and message in line, line
    assert snapshot(library) == before


REFUSED_UPLOADS = {
    "empty file": (b"", "upload.txt: file is empty"),
    "binary tail": (FRENCH.encode() * 300 + b"\x00\xff", "upload.txt: looks like a binary file (it contains NUL "
                                                           "bytes, the first at offset"),
    "invalid UTF-8": (FRENCH.encode()[:20] + b"\xff" + FRENCH.encode(), "upload.txt: invalid UTF-8 at byte offset 20"),
    "Chinese given as French": ("你好，世界。我们在花园里。".encode() * 20,
                                "upload.txt: is not written in the Latin alphabet"),
}


@pytest.mark.parametrize("content, message", REFUSED_UPLOADS.values(), ids=REFUSED_UPLOADS.keys())
def test_a_bad_upload_fails_its_job_with_one_line(client, library, content, message):
    before = snapshot(library)
    page = job_page(client, post_import(client, {"original": ("upload.txt", content)}, lang="fr"))
    assert alert(page).startswith(message), alert(page)
    assert "Nothing was stored" in page
    assert snapshot(library) == before


def test_path_traversal_in_an_upload_name_stays_in_the_upload_folder(client, library, tmp_path):
    page = job_page(client, post_import(client, {"original": ("../../../../tmp/evil.txt", FRENCH.encode())},
                                        title="Histoire"))
    assert "Imported" in page
    assert texts(library)[-1] == ("histoire", "Histoire", "")
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{library}")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT filename FROM sides ORDER BY id DESC LIMIT 1")).scalar() == \
            "tmp_evil.txt"
    engine.dispose()


def test_a_form_with_thousands_of_fields_is_named_so(client, library):
    before = snapshot(library)
    data = {"csrf": _token(client), **{f"f{n}": "x" for n in range(5000)}}
    response = client.post("/import/", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    assert alert(response.get_data(as_text=True)) == "The form has too many fields (over 200); nothing was stored."
    assert snapshot(library) == before


def test_an_upload_over_the_size_limit_is_named_so(client, library):
    before = snapshot(library)
    response = post_import(client, {"original": ("big.txt", b"a" * (3 * 1024 * 1024))})
    assert response.status_code == 413
    assert alert(response.get_data(as_text=True)) == ("The upload is over the limit of 2,097,152 bytes; "
                                                      "nothing was stored.")
    assert snapshot(library) == before


def test_utf16_without_bom_is_imported_from_the_form(client, library):
    page = job_page(client, post_import(client, {"original": ("utf16.txt", FRENCH.encode("utf-16-le"))},
                                        title="Seize"))
    assert "Imported" in page and texts(library)[-1] == ("seize", "Seize", "")


def test_a_new_upload_never_replaces_and_a_confirmed_one_does(client, library):
    before = snapshot(library)
    job_page(client, post_import(client, {"original": FRENCH_FILE}, title="Base"))
    after = snapshot(library)
    assert after["texts"][0] == before["texts"][0] and [t[1] for t in after["texts"]] == ["base", "base-2"]
    page = job_page(client, post_import(client, {"original": FRENCH_FILE}, title="Base again", replace="base",
                                        confirm_replace="true"))
    assert "Imported" in page
    replaced = snapshot(library)["texts"]
    assert [(t[0], t[1], t[2]) for t in replaced] == [(1, "base", "Base again"), (2, "base-2", "Base")]


def test_markup_everywhere_is_shown_as_text_on_every_page(client, library):
    body = FRENCH.replace("Candide", XSS, 1)
    page = job_page(client, post_import(client, {"original": ("fr.txt", body.encode()),
                                                 "translation": ("en.txt", ENGLISH.encode())},
                                        title=XSS, credits=XSS))
    assert "Imported" in page and XSS not in page and ESCAPED in page
    slug = texts(library)[-1][0]
    assert slug == "script-alert-x-script-img-src-x-onerror-alert-1"
    for url in ("/", f"/read/{slug}/1", f"/review/{slug}", f"/vocab/{slug}", "/import/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert XSS not in html and "<script>alert" not in html, url
        assert "&lt;script&gt;" in html, url
    tmx = client.get(f"/export/{slug}.tmx").get_data(as_text=True)
    assert "<script>" not in tmx and "&lt;script&gt;" in tmx
    tsv = client.get(f"/export/{slug}.tsv")
    assert tsv.mimetype == "text/tab-separated-values"  # plain text: a browser does not run it
    assert tsv.headers["Content-Disposition"] == f'attachment; filename="{slug}.tsv"'


def test_the_review_form_names_a_bad_number(client, library):
    job_page(client, post_import(client, {"original": ("fr.txt", FRENCH.encode()),
                                          "translation": ("en.txt", ENGLISH.encode())}, title="Paire"))
    before = snapshot(library)
    page = client.get("/review/paire").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    for fields, message in (({"bead": "abc"}, "bead: Input should be a valid integer"),
                            ({"bead": "0", "expected": "1,2,x,4"}, "expected: String should match pattern"),
                            ({"bead": str(10**30)}, "bead: Input should be less than or equal to 1000000")):
        response = client.post("/review/paire/edit", data={"csrf": token, "op": "merge", **fields},
                               follow_redirects=True)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and f"Nothing changed: {message}" in html, html
        assert "invalid literal" not in html
    assert snapshot(library) == before


def test_the_secret_key_is_made_once_and_kept_private(tmp_path, database_url, monkeypatch):
    monkeypatch.delenv("BIREADER_SECRET_KEY", raising=False)
    config = {"TESTING": True, "DATABASE_URL": database_url}
    first = _app_in(tmp_path / "instance", config)
    key_file = tmp_path / "instance" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _app_in(tmp_path / "instance", config).secret_key == first.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) == 64
    monkeypatch.setenv("BIREADER_SECRET_KEY", "from-the-environment")
    assert _app_in(tmp_path / "instance", config).secret_key == "from-the-environment"
    assert first.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    response = first.test_client().get("/import/")
    assert "SameSite=Lax" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]


def _app_in(instance, config):
    """An app whose instance folder is ``instance`` (create_app takes Flask's default, beside the package)."""
    from bireader.web import app as app_module

    original = app_module.Flask

    class InstanceFlask(original):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, instance_path=str(instance), **kwargs)

    app_module.Flask = InstanceFlask
    try:
        return app_module.create_app(config)
    finally:
        app_module.Flask = original


def test_a_slug_with_quotes_from_an_older_database_cannot_break_the_download_header(client, library):
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{library}")
    with engine.begin() as connection:  # slugs are checked when stored now; older databases may hold anything
        connection.execute(text("""UPDATE texts SET slug = 'a"b; filename=evil.exe' WHERE slug = 'base'"""))
    engine.dispose()
    response = client.get('/export/a"b; filename=evil.exe.tsv')
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="a_b__filename_evil.exe.tsv"'


def test_the_web_import_runs_under_the_configured_limits(database_url, library):
    from bireader.web.app import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "IMPORT_SYNCHRONOUS": True,
                      "IMPORT_LIMITS": {"max_pages": 1}})
    client = app.test_client()
    before = snapshot(library)
    page = job_page(client, post_import(client, {"original": ("long.txt", (FRENCH * 20).encode())}))
    assert alert(page) == "long.txt: would fill about 4 pages, over the limit of 1 (setting max_pages); split the " \
                          "text into parts"
    assert snapshot(library) == before
    with pytest.raises(ValueError, match="unknown limit.s. max_chapters"):
        create_app({"TESTING": True, "DATABASE_URL": database_url, "IMPORT_LIMITS": {"max_chapters": 3}})
