"""The JSON API under arbitrary bodies and under concurrency: never a 5xx, bounds declared and enforced."""

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bireader.learner.models import Learner, ReadingPosition, WordStatus
from reader_sample import save_monolingual

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=300),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
BODIES = st.one_of(
    st.fixed_dictionaries({}, optional={"slug": JSON_VALUES | st.sampled_from(["promenade-fr", "../x", ""]),
                                        "page": JSON_VALUES | st.integers(), "bead": JSON_VALUES | st.integers(),
                                        "lang": JSON_VALUES | st.sampled_from(["fr", "en", "de"]),
                                        "lemma": JSON_VALUES, "status": JSON_VALUES |
                                        st.sampled_from(["known", "learning", "ignore", "new"])}),
    JSON_VALUES,
)


@pytest.fixture
def api(app, sessions):
    save_monolingual(sessions, pages=3)
    return app.test_client()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=BODIES, endpoint=st.sampled_from([("PUT", "/api/words"), ("POST", "/api/words"), ("PUT", "/api/position")]))
def test_no_body_makes_the_json_api_fail_with_a_5xx(api, body, endpoint):
    method, path = endpoint
    response = api.open(path, method=method, data=json.dumps(body), content_type="application/json")
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        error = response.get_json()["error"]
        assert error and "\n" not in error and "Traceback" not in error


@pytest.mark.parametrize("body, message", [
    ({"slug": "promenade-fr", "page": 2, "bead": 10**30}, "bead: Input should be less than or equal to 1000000"),
    ({"slug": "promenade-fr", "page": "deux"}, "page: Input should be a valid integer"),
    ({"slug": "../../etc/passwd", "page": 1}, "slug: slug '../../etc/passwd' is not valid"),
])
def test_a_bad_position_is_a_400_naming_the_field(api, body, message):
    response = api.put("/api/position", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(message)


@pytest.mark.parametrize("body, message", [
    ({"lang": "fr", "lemma": "x" * 1_000_000, "status": "known"}, "lemma: String should have at most 400 characters"),
    ({"lang": "fr", "lemma": "x" * 150, "status": "known"}, "lemma: the word is 150 characters long, over the limit of 100"),
    ({"lang": "l" * 2000, "lemma": "maison", "status": "known"}, "lang: Input should be 'fr' or 'en'"),
    ({"lang": "fr", "lemma": "mai\u202eson", "status": "known"}, "lemma: the word contains the control or formatting character U+202E"),
    ({"lang": "fr", "lemma": "maison", "status": "favourite"}, "status: Input should be"),
])
def test_a_bad_word_mark_is_a_400_and_stores_nothing(api, sessions, body, message):
    response = api.put("/api/words", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(message)
    with sessions() as session:
        assert session.scalar(select(func.count(WordStatus.id))) == 0


def test_reading_a_page_writes_nothing(api, sessions):
    api.put("/api/words", json={"lang": "fr", "lemma": "pluie", "status": "known"})  # the learner exists
    with sessions() as session:
        before = session.scalar(select(func.count(ReadingPosition.id)))
    for url in ("/read/promenade-fr/1", "/read/promenade-fr/2", "/read/promenade-fr/3"):
        assert api.get(url).status_code == 200
    with sessions() as session:
        assert session.scalar(select(func.count(ReadingPosition.id))) == before == 0


def test_the_level_form_names_a_bad_number(api):
    for value in ("²", "12abc", "0", "9" * 15):
        response = api.post("/learner/level", data={"level": value})
        assert response.status_code == 400
        assert "level must be one of A1" in response.get_data(as_text=True)
        assert "invalid literal" not in response.get_data(as_text=True)


def test_fifty_parallel_marks_of_one_word_all_succeed_and_leave_one_row(app, sessions):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        first = _put(base + "/api/words", {"lang": "fr", "lemma": "maison", "status": "learning"}, None)
        cookie = first[1].split(";", 1)[0]

        def mark(n: int):
            return _put(base + "/api/words", {"lang": "fr", "lemma": "maison",
                                               "status": ("known", "learning", "ignore")[n % 3]}, cookie)[0]

        with ThreadPoolExecutor(max_workers=50) as pool:
            statuses = list(pool.map(mark, range(50)))
    finally:
        server.shutdown()
        thread.join()
    assert statuses == [200] * 50
    with sessions() as session:
        assert session.scalar(select(func.count(Learner.id))) == 1
        assert session.scalar(select(func.count(WordStatus.id))) == 1


def _put(url: str, body: dict, cookie: str | None) -> tuple[int, str]:
    headers = {"Content-Type": "application/json", **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_readers_save_on_opening_a_page_makes_no_learner_for_a_visitor(api, sessions):
    body = {"slug": "promenade-fr", "page": 2, "bead": 0, "create_learner": False}
    assert api.put("/api/position", json=body).status_code == 200
    with sessions() as session:
        assert session.scalar(select(func.count(Learner.id))) == 0
    api.put("/api/words", json={"lang": "fr", "lemma": "pluie", "status": "known"})
    assert api.put("/api/position", json=body).status_code == 200
    assert api.get("/read/promenade-fr").headers["Location"].endswith("/read/promenade-fr/2")
