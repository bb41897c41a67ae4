"""Every route of the app, for every kind of visitor, answers what the matrix says, and a refused request
changes nothing in the database.

The routes come from ``app.url_map``: a route added without a line here fails
:func:`test_every_route_is_in_the_matrix`, so nobody forgets to decide who may call it.

Kinds of visitor (tests/classroom/classroom_world.py): anonymous, a learner of the class the text is published
to, a learner of another class, the teacher who owns the text, another teacher, an admin. The text under test,
``promenade``, is published to class A only. Statuses: 302 to the login page for anonymous visitors of pages
that need an account (401 on the JSON API), 404 where the text or class is invisible to the visitor (its title
does not leak), 403 where they see it but may not do this.
"""

from __future__ import annotations

import shutil

import pytest
from accounts_helpers import TokenClient
from classroom_world import PASSWORD, ROLES, log_in_as
from sqlalchemy import create_engine, inspect, text

from bireader.web.app import create_app


def statuses(anonymous, learner_in, learner_out, owner, other_teacher, admin) -> dict:
    return dict(zip(ROLES, (anonymous, learner_in, learner_out, owner, other_teacher, admin)))


def everyone(status: int) -> dict:
    return statuses(*[status] * 6)


def read(ok: int = 200) -> dict:  # the text is published to class A: others do not see it at all
    return statuses(404, ok, 404, ok, 404, ok)


def manage(ok: int) -> dict:  # the owner and admins; learner_in sees the text but may not change it
    return statuses(302, 403, 404, ok, 404, ok)


def logged_in(ok: int, anonymous: int = 302) -> dict:
    return statuses(anonymous, ok, ok, ok, ok, ok)


def teachers(ok: int) -> dict:
    return statuses(302, 403, 403, ok, ok, ok)


S = "promenade"
ACTIVITY = {"slug": S, "page": 1, "lookups": [{"lang": "fr", "lemma": "haie", "gloss": "hedges", "bead": 0}],
            "reveals": [{"bead": 0}]}

# (endpoint, method): (url of the world, request keywords (or a function of the world), expected status per visitor)
MATRIX = {
    ("static", "GET"): (lambda w: "/static/css/reader.css", {}, everyone(200)),
    ("favicon", "GET"): (lambda w: "/favicon.ico", {}, everyone(200)),
    ("library.index", "GET"): (lambda w: "/", {}, everyone(200)),
    ("read.first_page", "GET"): (lambda w: f"/read/{S}", {}, read(302)),
    ("read.page", "GET"): (lambda w: f"/read/{S}/1", {}, read()),
    ("vocab.index", "GET"): (lambda w: f"/vocab/{S}", {}, read()),
    ("vocab.anki", "GET"): (lambda w: f"/vocab/{S}/anki.tsv", {}, read()),
    ("export.tsv", "GET"): (lambda w: f"/export/{S}.tsv", {}, read()),
    ("export.tmx", "GET"): (lambda w: f"/export/{S}.tmx", {}, read()),
    ("export.text_json", "GET"): (lambda w: f"/export/{S}.json", {}, read()),
    ("learner.text_counts", "GET"): (lambda w: f"/api/texts/{S}/counts", {}, read()),
    ("learner.put_position", "PUT"): (lambda w: "/api/position", {"json": {"slug": S, "page": 1}}, read()),
    ("learner.form_position", "POST"): (lambda w: "/learner/position", {"data": {"slug": S, "page": "1"}}, read(303)),
    ("learner.list_words", "GET"): (lambda w: "/api/words?lang=fr", {}, everyone(200)),
    ("learner.put_word", "PUT"): (lambda w: "/api/words", {"json": {"lang": "fr", "lemma": "haie", "status": "known"}},
                                  everyone(200)),
    ("learner.put_word", "POST"): (lambda w: "/api/words", {"json": {"lang": "fr", "lemma": "haie", "status": "known"}},
                                   everyone(200)),
    ("learner.form_word", "POST"): (lambda w: "/learner/words", {"data": {"lemma": "haie", "status": "known"}},
                                    everyone(303)),
    ("learner.form_level", "POST"): (lambda w: "/learner/level", {"data": {"level": "B2"}}, everyone(303)),
    ("classroom.activity", "POST"): (lambda w: "/api/activity", {"json": ACTIVITY}, statuses(401, 200, 404, 200, 404, 200)),
    ("review.beads", "GET"): (lambda w: f"/review/{S}", {}, manage(200)),
    ("review.edit", "POST"): (lambda w: f"/review/{S}/edit", {"data": {"op": "confirm", "bead": "0"}}, manage(302)),
    ("classroom.manage", "GET"): (lambda w: f"/texts/{S}/manage", {}, manage(200)),
    ("classroom.publish_text", "POST"): (lambda w: f"/texts/{S}/publish", {"data": {"public": "on"}}, manage(303)),
    ("classroom.delete", "POST"): (lambda w: f"/texts/{S}/delete", {"data": {"confirm": S}}, manage(303)),
    ("teach.form", "GET"): (lambda w: "/import/", {}, teachers(200)),
    ("teach.start", "POST"): (lambda w: "/import/", {"data": {}}, teachers(400)),  # 400: no file chosen
    ("teach.job", "GET"): (lambda w: "/import/jobs/job-of-owner", {}, statuses(302, 403, 403, 200, 404, 200)),
    ("teach.job_json", "GET"): (lambda w: "/import/jobs/job-of-owner.json", {}, statuses(302, 403, 403, 200, 404, 200)),
    ("serving.healthz", "GET"): (lambda w: "/healthz", {}, everyone(200)),
    ("vocab.apkg", "GET"): (lambda w: f"/vocab/{S}/anki.apkg", {}, read()),
    # study: everyone reviews their own words (an anonymous visitor their cookie profile's); nothing of a text
    ("study.index", "GET"): (lambda w: "/study/", {}, everyone(200)),
    ("study.mode", "POST"): (lambda w: "/study/mode", {"data": {"mode": "recognition"}}, everyone(303)),
    ("study.rate", "POST"): (lambda w: "/study/review", {"data": {"lang": "fr", "lemma": "haie", "rating": "3"}},
                             everyone(400)),  # 400: no card for "haie" (the route answers, for everyone alike)
    ("classroom.classes", "GET"): (lambda w: "/classes/", {}, logged_in(200)),
    ("classroom.new_class", "POST"): (lambda w: "/classes/", {"data": {"name": "C"}}, teachers(303)),
    ("classroom.join", "POST"): (lambda w: "/classes/join", lambda w: {"data": {"code": w["code_a"]}}, logged_in(303)),
    ("classroom.class_page", "GET"): (lambda w: f"/classes/{w['class_a']}", {}, statuses(302, 404, 404, 200, 404, 200)),
    ("auth.login", "GET"): (lambda w: "/login", {}, everyone(200)),
    ("auth.login", "POST"): (lambda w: "/login", {"data": {"name": "learner-in", "password": "wrong"}}, everyone(401)),
    ("auth.logout", "POST"): (lambda w: "/logout", {}, everyone(303)),
    ("auth.register", "GET"): (lambda w: "/register", {}, everyone(200)),
    ("auth.register", "POST"): (lambda w: "/register", lambda w: {"data": {"code": w["code_a"], "name": "newcomer",
                                                                           "password": PASSWORD, "confirm": PASSWORD}},
                                everyone(303)),
    ("auth.account", "GET"): (lambda w: "/account", {}, logged_in(200)),
    ("auth.change_password", "POST"): (lambda w: "/account/password", {"data": {"current": PASSWORD, "password": "n3w-password",
                                                                              "confirm": "n3w-password"}}, logged_in(303)),
    ("auth.delete", "POST"): (lambda w: "/account/delete", {"data": {"current": PASSWORD}}, logged_in(303)),
}

# refused requests that still write, by design: a failed login is counted (the throttle needs it)
WRITES_WHEN_REFUSED = {("auth.login", "POST")}


def app_routes(app) -> set[tuple[str, str]]:
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


@pytest.fixture
def template(world_template):
    """The world, built once (tests/classroom/conftest.py), in a database file each case copies."""
    return world_template


def snapshot(url: str) -> dict:
    """Every row of every table: what a refused request must leave as it was."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = {name: sorted(map(repr, connection.execute(text(f'SELECT * FROM "{name}"')).all()))
                for name in inspect(connection).get_table_names()}
    engine.dispose()
    return rows


def test_every_route_is_in_the_matrix(app):
    routes = app_routes(app)
    missing = sorted(routes - set(MATRIX))
    assert not missing, f"routes without a line in the authorization matrix (decide who may call them): {missing}"
    assert not sorted(set(MATRIX) - routes), "the matrix lists routes the app no longer has"


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[1]} {r[0]}")
def test_each_visitor_gets_the_expected_status(route, template, tmp_path):
    source, world = template
    url_of, keywords, expected = MATRIX[route]
    wrong = []
    for role in ROLES:
        path = tmp_path / f"{role}.sqlite"
        shutil.copy(source, path)
        url = f"sqlite:///{path}"
        app = create_app({"TESTING": True, "DATABASE_URL": url})
        client = TokenClient(app, app.response_class, use_cookies=True)
        log_in_as(client, app.extensions["bireader.sessions"], role)
        before = snapshot(url)
        response = client.open(url_of(world), method=route[1],
                               **(keywords(world) if callable(keywords) else keywords))
        status = response.status_code
        if status != expected[role]:
            wrong.append(f"{role}: {status} (expected {expected[role]})")
        elif status in (302, 401, 403, 404) and expected[role] != expected["admin"] and route not in WRITES_WHEN_REFUSED:
            if status == 302:
                assert "/login" in response.headers["Location"], (role, response.headers["Location"])
            assert snapshot(url) == before, f"{role} was refused ({status}) but the database changed"
        app.extensions["bireader.db"].dispose()
    assert not wrong, f"{route[1]} {route[0]}: " + "; ".join(wrong)
