"""Logging in and out, sessions that expire, passwords that cannot be read back, CSRF on every write, the login
throttle, registering with a join code (the cookie learner's words come along), and the single-user mode."""

from __future__ import annotations

import time

import pytest
from accounts_helpers import TokenClient, add_user, csrf_token, login
from classroom_world import PASSWORD, build_world
from sqlalchemy import func, select

from bireader.accounts.models import LoginFailure, User
from bireader.accounts.service import MAX_FAILURES, check_password, hash_password
from bireader.classroom.models import Membership
from bireader.learner.models import Learner, WordStatus
from bireader.web.app import create_app


def test_a_password_is_stored_as_a_salted_scrypt_hash_that_only_checks(sessions):
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first.startswith("scrypt:") and "correct horse" not in first and first != second  # salted
    add_user(sessions, "marie", "teacher", "correct horse")
    with sessions() as session:
        user = session.scalar(select(User).where(User.name == "marie"))
        assert "correct horse" not in user.password_hash
        assert check_password(user, "correct horse") and not check_password(user, "correct horsE")


def test_login_logout_and_the_session_cookie(client, world):
    assert client.get("/account").status_code == 302
    response = login(client, "owner")
    assert response.headers["Location"] == "/"
    assert "owner (teacher)" in client.get("/").get_data(as_text=True)
    assert client.get("/account").status_code == 200
    client.post("/logout")
    assert client.get("/account").status_code == 302


def test_login_refuses_a_wrong_password_and_goes_back_only_inside_the_site(client, world):
    response = client.post("/login", data={"name": "owner", "password": "nope-nope"})
    assert response.status_code == 401 and "Wrong user name or password." in response.get_data(as_text=True)
    response = client.post("/login", data={"name": "owner", "password": PASSWORD, "next": "//evil.example/"})
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login", data={"name": "owner", "password": PASSWORD, "next": "/classes/"})
    assert response.headers["Location"] == "/classes/"


def test_sessions_expire(database_url):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "PERMANENT_SESSION_LIFETIME": 1})
    build_world(app.extensions["bireader.sessions"])
    client = TokenClient(app, app.response_class, use_cookies=True)
    login(client, "owner")
    assert client.get("/account").status_code == 200
    time.sleep(2.2)  # the signed cookie's timestamp is older than the lifetime: the server ignores it
    assert client.get("/account").status_code == 302


def test_changing_the_password_ends_the_other_sessions(app, world):
    laptop = TokenClient(app, app.response_class, use_cookies=True)
    phone = TokenClient(app, app.response_class, use_cookies=True)
    login(laptop, "owner")
    login(phone, "owner")
    response = laptop.post("/account/password", data={"current": PASSWORD, "password": "an0ther-secret",
                                                      "confirm": "an0ther-secret"})
    assert "Password changed" in laptop.get(response.headers["Location"]).get_data(as_text=True)
    assert laptop.get("/account").status_code == 200
    assert phone.get("/account").status_code == 302
    phone.post("/login", data={"name": "owner", "password": PASSWORD})
    assert phone.get("/account").status_code == 302
    login(phone, "owner", "an0ther-secret")


@pytest.mark.parametrize("method, url, body", [
    ("put", "/api/words", {"json": {"lang": "fr", "lemma": "haie", "status": "known"}}),
    ("put", "/api/position", {"json": {"slug": "promenade-fr", "page": 1}}),
    ("post", "/api/activity", {"json": {"slug": "promenade-fr", "page": 1}}),
    ("post", "/learner/level", {"data": {"level": "B2"}}),
    ("post", "/classes/", {"data": {"name": "Sneaky"}}),
    ("post", "/texts/promenade/delete", {"data": {"confirm": "promenade"}}),
    ("post", "/account/delete", {"data": {"current": PASSWORD}}),
    ("post", "/logout", {}),
])
def test_a_write_without_the_csrf_token_is_refused_with_400_and_changes_nothing(app, world, raw_client, method, url, body):
    from test_authorization_matrix import snapshot

    login(TokenClient(app, app.response_class, use_cookies=True), "owner")  # (a login of another browser)
    raw_client.post("/login", data={"name": "owner", "password": PASSWORD, "csrf": csrf_token(raw_client)})
    assert raw_client.get("/account").status_code == 200
    before = snapshot(app.config["DATABASE_URL"])
    response = getattr(raw_client, method)(url, **body)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "CSRF token" in response.get_json()["error"]
    assert snapshot(app.config["DATABASE_URL"]) == before
    forged = getattr(raw_client, method)(url, headers={"X-CSRFToken": "forged"}, **body)
    assert forged.status_code == 400 and snapshot(app.config["DATABASE_URL"]) == before
    assert raw_client.get("/account").status_code == 200  # still logged in: nothing happened


def test_the_login_throttle_trips_after_repeated_failures(client, world, sessions):
    for _ in range(MAX_FAILURES):
        assert client.post("/login", data={"name": "owner", "password": "guess-guess"}).status_code == 401
    response = client.post("/login", data={"name": "owner", "password": PASSWORD})  # even the right one now
    assert response.status_code == 429 and "Too many failed logins: try again in 15 minutes" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    login(client, "admin")  # another account from the same address still may (its own budget is larger)
    with sessions() as session:
        assert session.get(LoginFailure, "name:owner").count == MAX_FAILURES


def test_the_throttle_window_passes(sessions, world):
    from datetime import datetime, timedelta, timezone

    from bireader.accounts.service import AccountError, TooManyFailures, authenticate

    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with sessions() as session:
        for n in range(MAX_FAILURES):
            with pytest.raises(AccountError):
                authenticate(session, "owner", "x", "10.0.0.1", now=start + timedelta(seconds=n))
        with pytest.raises(TooManyFailures):
            authenticate(session, "owner", PASSWORD, "10.0.0.1", now=start + timedelta(minutes=10))
        assert authenticate(session, "owner", PASSWORD, "10.0.0.1", now=start + timedelta(minutes=16)).name == "owner"


def test_registering_with_a_join_code_keeps_the_cookie_learners_words(client, world, sessions):
    client.put("/api/words", json={"lang": "fr", "lemma": "volet", "status": "learning"})  # anonymous, public text
    assert client.get_cookie("bireader_learner") is not None
    bad = client.post("/register", data={"code": "NOPE1234", "name": "zoe", "password": PASSWORD, "confirm": PASSWORD})
    assert bad.status_code == 400 and "No class has this join code" in bad.get_data(as_text=True)
    response = client.post("/register", data={"code": world["code_a"].lower(), "name": "Zoe", "password": PASSWORD,
                                              "confirm": PASSWORD})
    assert response.status_code == 303 and client.get_cookie("bireader_learner") is None
    assert client.get("/api/words?lang=fr").get_json() == {"volet": "learning"}
    assert "Promenade" in client.get("/").get_data(as_text=True)  # class A's text is in the library now
    with sessions() as session:
        zoe = session.scalar(select(User).where(User.name == "zoe"))
        assert zoe.role == "learner"
        assert session.scalar(select(func.count()).select_from(Membership).where(Membership.user_id == zoe.id)) == 1
        assert session.scalar(select(Learner).where(Learner.user_id == zoe.id)) is not None


def test_logging_in_merges_the_cookie_profile_into_the_accounts(client, world, sessions):
    login(client, "learner_in".replace("_", "-"))
    client.put("/api/words", json={"lang": "fr", "lemma": "haie", "status": "known"})
    client.put("/api/words", json={"lang": "fr", "lemma": "volet", "status": "known"})
    client.post("/logout")
    client.put("/api/words", json={"lang": "fr", "lemma": "volet", "status": "learning"})  # newer, anonymous
    client.put("/api/words", json={"lang": "fr", "lemma": "nuit", "status": "ignore"})
    login(client, "learner-in")
    assert client.get("/api/words?lang=fr").get_json() == {"haie": "known", "volet": "learning", "nuit": "ignore"}
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Learner)) == 1  # the anonymous profile is gone
        assert session.scalar(select(func.count()).select_from(WordStatus)) == 3


def test_single_user_mode_serves_only_this_computer(app, sessions):
    from reader_sample import save_sample

    save_sample(sessions)
    client = app.test_client()
    assert "single-user mode" in client.get("/").get_data(as_text=True)
    assert client.get("/review/promenade").status_code == 200  # the local account is an admin
    remote = client.get("/", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert remote.status_code == 403 and "single-user mode" in remote.get_data(as_text=True)
    add_user(sessions, "marie", "teacher")
    assert client.get("/review/promenade").status_code == 302  # accounts exist: log in first
    assert client.get("/", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200


def test_every_form_that_posts_carries_the_token(app, world):
    import re

    client = TokenClient(app, app.response_class, use_cookies=True)
    login(client, "owner")
    pages = ["/", "/read/promenade/1", "/vocab/promenade?show=all", "/review/promenade", "/texts/promenade/manage",
             "/classes/", "/account", "/import/", "/login", "/register"]
    forms = 0
    for url in pages:
        html = client.get(url).get_data(as_text=True)
        for form in re.findall(r'<form[^>]*method="post".*?</form>', html, re.S):
            forms += 1
            assert re.search(r'<input type="hidden" name="csrf" value="[^"]+">', form), (url, form[:200])
    assert forms >= 15


def test_the_token_helpers_check_the_sessions_token(app):
    from flask import session

    from bireader.web.csrf import csrf_token, csrf_valid

    with app.test_request_context("/"):
        token = csrf_token()
        raw = session[app.config["WTF_CSRF_FIELD_NAME"]]
    for sent, valid in [({"data": {"csrf": token}}, True), ({"headers": {"X-CSRFToken": token}}, True),
                        ({"data": {"csrf": token[:-2] + "xx"}}, False), ({}, False)]:
        with app.test_request_context("/", method="POST", **sent):
            session[app.config["WTF_CSRF_FIELD_NAME"]] = raw
            assert csrf_valid() is valid, sent
