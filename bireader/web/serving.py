"""What every response carries in production, and the health check a load balancer or a supervisor polls.

- Security headers: a Content-Security-Policy that allows no inline script but the hashed ones the templates
  really contain (the reader's theme-before-first-paint snippet), ``X-Content-Type-Options``,
  ``Referrer-Policy``, ``frame-ancestors 'none'`` (and ``X-Frame-Options`` for old browsers); a ``Server``
  header that names neither the framework nor the Python version.
- Behind a reverse proxy (``BEHIND_PROXY``): ``X-Forwarded-*`` are trusted (werkzeug's ProxyFix), and the session
  cookie is ``Secure`` when the proxy says the request came over HTTPS.
- ``GET /healthz``: 200 ``{"status": "ok"}`` when the database answers, 503 otherwise.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from flask import Blueprint, Flask, current_app, jsonify, request
from sqlalchemy import text

SERVER_NAME = "bireader"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>(.*?)</script>", re.S)

bp = Blueprint("serving", __name__)


def inline_script_hashes(template_folder: Path) -> list[str]:
    """CSP sources (``'sha256-…'``) for the inline scripts of the templates, which hold no template syntax."""
    hashes = set()
    for path in sorted(template_folder.rglob("*.html")):
        for body in _INLINE_SCRIPT.findall(path.read_text("utf-8")):
            if "{{" in body or "{%" in body:
                continue  # rendered differently each time: it cannot be hashed (and would be refused)
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(script_hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes) if script_hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # style="" attributes (the page's progress bar); no script
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def init_app(app: Flask) -> None:
    policy = content_security_policy(inline_script_hashes(Path(app.template_folder)))

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers["Server"] = SERVER_NAME
        if current_app.config.get("BEHIND_PROXY") and request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    if app.config.get("BEHIND_PROXY"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)
        app.config["SESSION_COOKIE_SECURE"] = True  # the proxy terminates HTTPS
    app.register_blueprint(bp)


@bp.get("/healthz")
def healthz():
    try:
        with current_app.extensions["bireader.db"].connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any failure to reach the database is "unhealthy"
        return jsonify(status="unavailable", error=type(error).__name__), 503
    return jsonify(status="ok")
