"""Every response carries the security headers and a Server header that names no software version; /healthz
tells a supervisor whether the database answers; behind an HTTPS proxy the session cookie is Secure."""

import base64
import hashlib
import re
from pathlib import Path

from sqlalchemy import create_engine

from bireader.web.serving import content_security_policy, inline_script_hashes

ROOT = Path(__file__).resolve().parents[2]


def test_responses_carry_security_headers_and_no_software_name(client):
    for path in ("/", "/import/", "/healthz", "/no-such-page"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        script_src = re.search(r"script-src ([^;]+)", policy).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Server"] == "bireader"


def test_the_policy_allows_exactly_the_templates_inline_scripts(tmp_path):
    (tmp_path / "a.html").write_text('<script>let x = 1;</script><script src="/s.js"></script>'
                                     '<script type="application/json" id="d">{"a": 1}</script>')
    (tmp_path / "b.html").write_text("<script>{{ not_hashable }}</script>")
    digest = base64.b64encode(hashlib.sha256(b"let x = 1;").digest()).decode()
    assert inline_script_hashes(tmp_path) == [f"'sha256-{digest}'"]
    assert f"script-src 'self' 'sha256-{digest}'" in content_security_policy(inline_script_hashes(tmp_path))


def test_the_reader_theme_snippet_as_rendered_is_allowed_by_the_policy(app, client):
    with app.app_context():
        rendered = app.jinja_env.get_template("read/_prefs_head.html").render()
    body = re.search(r"<script>(.*?)</script>", rendered, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in client.get("/").headers["Content-Security-Policy"]


def test_healthz_answers_ok_and_503_when_the_database_is_unreachable(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    app.extensions["bireader.db"] = create_engine("sqlite:////nonexistent-folder/for/sure/db.sqlite")
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["status"] == "unavailable"


def test_behind_a_proxy_https_requests_get_secure_cookies_and_hsts(database_url):
    from bireader.web.app import create_app

    # with accounts (not single-user mode, which refuses requests from other machines): the login form sets a cookie
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "BEHIND_PROXY": True, "SINGLE_USER": False})
    client = app.test_client()
    response = client.get("/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"})
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    plain = create_app({"TESTING": True, "DATABASE_URL": database_url, "SINGLE_USER": False}).test_client()
    response = plain.get("/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" not in response.headers["Set-Cookie"] and "Strict-Transport-Security" not in response.headers
